"""Request dependencies: the container, the ledger, and the bearer token that guards writes."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from adapters.ledger.application import Ledger
from api.bootstrap import Container

_bearer = HTTPBearer(auto_error=False, description="The API token (QBSYNC_API_TOKEN)")


def get_container(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


def get_ledger(container: Annotated[Container, Depends(get_container)]) -> Ledger:
    return container.ledger


def require_writer(
    container: Annotated[Container, Depends(get_container)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    supplied = credentials.credentials if credentials else ""
    if not supplied or not hmac.compare_digest(supplied.encode(), container.api_token.encode()):
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="a valid bearer token is required for this route (Authorization: Bearer …)",
            headers={"WWW-Authenticate": "Bearer"},
        )


ContainerDep = Annotated[Container, Depends(get_container)]
LedgerDep = Annotated[Ledger, Depends(get_ledger)]
Writer = Depends(require_writer)
