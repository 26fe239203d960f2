"""Sign in with a role token, and sign out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from api.web.session import ContainerDep, check_csrf, checked_form, identify, sign_in
from api.web.templating import page

router = APIRouter()


def _safe_next(target: str) -> str:
    """Only a path on this site: never an address elsewhere."""
    return target if target.startswith("/") and not target.startswith("//") else "/"


@router.get("/sign-in")
def sign_in_page(request: Request, next: str = "/") -> Response:
    return page(request, "sign_in.html", "Sign in", next=_safe_next(next))


@router.post("/sign-in")
def sign_in_form(
    request: Request,
    container: ContainerDep,
    token: Annotated[str, Form(max_length=400)] = "",
    next: Annotated[str, Form(max_length=400)] = "/",
    csrf: Annotated[str, Form()] = "",
) -> Response:
    check_csrf(request, csrf)
    identity = identify(container, token.strip())
    if identity is None:
        return page(
            request,
            "sign_in.html",
            "Sign in",
            status_code=401,
            next=_safe_next(next),
            error="That token is not valid: paste the whole token you were given.",
        )
    sign_in(request, identity)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/sign-out")
def sign_out(request: Request, csrf: Annotated[str, Form()] = "") -> Response:
    checked_form(request, csrf)
    request.session.clear()
    return RedirectResponse("/sign-in", status_code=303)
