"""The route dependencies that say who may call a route.

`Reader` guards reads: in production it needs a valid token of any role, in development a
read is open. `Bookkeeper` and `Controller` guard writes in every environment. A token that
is presented must be valid, even where none is needed.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from adapters.storage.ledger.application import set_acting_name
from api.auth.tokens import Principal, Role, TokenBook

_bearer = HTTPBearer(
    auto_error=False, description="A named API token (QBSYNC_API_TOKENS or QBSYNC_API_TOKEN)"
)


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail=detail,
        headers={"WWW-Authenticate": "Bearer"},
    )


def caller(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal | None:
    """Who presented the request's bearer token, or None when it carries none."""
    if credentials is None:
        return None
    tokens: TokenBook = request.app.state.container.tokens
    principal = tokens.find(credentials.credentials)
    if principal is None:
        raise _unauthorized(
            "the bearer token is not one of the configured API tokens: check "
            "QBSYNC_API_TOKENS, or the tokens `qbsync serve` printed in development"
        )
    return principal


Caller = Annotated[Principal | None, Depends(caller)]


def require_reader(request: Request, principal: Caller) -> Principal | None:
    if principal is None and request.app.state.container.settings.is_production:
        raise _unauthorized(
            "a bearer token is required for this route in production (Authorization: Bearer …)"
        )
    return principal


def require_role(needed: Role, principal: Principal | None) -> Principal:
    """The caller, if its role may do what needs `needed`; 401 or 403 otherwise."""
    if principal is None:
        raise _unauthorized(
            f"a valid bearer token is required for this route (Authorization: Bearer …); it "
            f"needs the role {needed.label} or above"
        )
    if principal.role < needed:
        raise HTTPException(
            status_code=status.HTTP_403_FORBIDDEN,
            detail=(
                f"the token {principal.name!r} has the role {principal.role.label}; this needs "
                f"{needed.label} or above"
            ),
        )
    return principal


# Async, so the acting name is set in the request's own context, which the route's thread
# inherits: every event the route records names the token.
async def acting_bookkeeper(principal: Caller) -> Principal:
    return _acting(require_role(Role.BOOKKEEPER, principal))


async def acting_controller(principal: Caller) -> Principal:
    return _acting(require_role(Role.CONTROLLER, principal))


def _acting(principal: Principal) -> Principal:
    set_acting_name(principal.name)
    return principal


Reader = Depends(require_reader)
Bookkeeper = Depends(acting_bookkeeper)
Controller = Depends(acting_controller)
ActingBookkeeper = Annotated[Principal, Bookkeeper]
