"""Who is signed in, with which role, and the CSRF token every form carries.

The role check lives here alone (`signed_in`, `Controller`): the pages ask for a role, never
for a token."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, FastAPI, Form, Request, params
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from adapters.storage.ledger.application import set_acting_name
from api.bootstrap import Container
from api.deps import get_container

SESSION_COOKIE = "qbsync_session"
SESSION_SECONDS = 8 * 60 * 60
ROLES = ("auditor", "bookkeeper", "controller")


@dataclass(frozen=True)
class Identity:
    name: str
    role: str

    def may(self, role: str) -> bool:
        """Whether this identity holds `role` or a wider one (auditor < bookkeeper < controller)."""
        return ROLES.index(self.role) >= ROLES.index(role)


def identify(container: Container, token: str) -> Identity | None:
    """The identity a sign-in token stands for: one of the API's named tokens."""
    principal = container.tokens.find(token) if token else None
    return Identity(principal.name, principal.role.label) if principal else None


class SignInRequired(Exception):
    def __init__(self, path: str) -> None:
        self.path = path


class RoleRequired(Exception):
    def __init__(self, role: str, identity: Identity) -> None:
        self.role, self.identity = role, identity


class FormExpired(Exception):
    """The form's CSRF token is missing or not this session's."""


def sign_in(request: Request, identity: Identity) -> None:
    request.session.clear()
    request.session.update(
        {"name": identity.name, "role": identity.role, "csrf": secrets.token_urlsafe(32)}
    )


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return str(token)


def current(request: Request) -> Identity | None:
    name, role = request.session.get("name"), request.session.get("role")
    return Identity(name, role) if name and role in ROLES else None


def signed_in(request: Request) -> Identity:
    identity = current(request)
    if identity is None:
        raise SignInRequired(
            request.url.path + (f"?{request.url.query}" if request.url.query else "")
        )
    return identity


def check_csrf(request: Request, csrf: str) -> None:
    expected = str(request.session.get("csrf", ""))
    if not csrf or not expected or not hmac.compare_digest(csrf.encode(), expected.encode()):
        raise FormExpired()


def checked_form(request: Request, csrf: Annotated[str, Form()] = "") -> Identity:
    """The signed-in identity, for a form whose CSRF token is this session's."""
    identity = signed_in(request)
    check_csrf(request, csrf)
    return identity


def requires(role: str) -> params.Depends:
    # Async, so the acting name is set in the request's context, which the page inherits.
    async def check(identity: Annotated[Identity, Depends(checked_form)]) -> Identity:
        if not identity.may(role):
            raise RoleRequired(role, identity)
        set_acting_name(identity.name)
        return identity

    depends: params.Depends = Depends(check)
    return depends


SIGNED_IN: params.Depends = Depends(signed_in)
"""For a route's `dependencies` when the page needs only someone signed in."""
Reader = Annotated[Identity, SIGNED_IN]
Bookkeeper = Annotated[Identity, requires("bookkeeper")]
Controller = Annotated[Identity, requires("controller")]
Auditor = Annotated[Identity, requires("auditor")]
ContainerDep = Annotated[Container, Depends(get_container)]


def install_session_handlers(app: FastAPI) -> None:
    @app.exception_handler(SignInRequired)
    async def to_sign_in(_: Request, error: SignInRequired) -> Response:
        return RedirectResponse(f"/sign-in?next={quote(error.path)}", status_code=303)

    @app.exception_handler(FormExpired)
    async def expired(_: Request, __: FormExpired) -> Response:
        return HTMLResponse(
            "<!doctype html><title>Form expired · qbsync</title><main><h1>This form has "
            "expired</h1><p>Go back, reload the page and send it again.</p></main>",
            status_code=403,
        )

    @app.exception_handler(RoleRequired)
    async def forbidden(_: Request, error: RoleRequired) -> Response:
        return HTMLResponse(
            f"<!doctype html><title>Not allowed · qbsync</title><main><h1>Not allowed</h1>"
            f"<p>Only the {error.role} role may do this; you are signed in as "
            f"{error.identity.role}.</p><p><a href='/'>Back to Today</a></p></main>",
            status_code=403,
        )
