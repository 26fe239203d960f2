"""Request dependencies: the container and the ledger (who may call a route: api/auth)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from adapters.storage.ledger.application import Ledger
from api.auth.access import Bookkeeper
from api.bootstrap import Container


def get_container(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


def get_ledger(container: Annotated[Container, Depends(get_container)]) -> Ledger:
    return container.ledger


ContainerDep = Annotated[Container, Depends(get_container)]
LedgerDep = Annotated[Ledger, Depends(get_ledger)]

# The route dependency of a write that any bookkeeper may make (kept for routes written
# before roles; new routes use api.auth.access directly).
Writer = Bookkeeper
