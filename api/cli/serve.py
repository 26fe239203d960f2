"""`qbsync serve`: the HTTP API under uvicorn, built from QBSYNC_* settings."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn
from rich.console import Console

from adapters.settings import Settings
from api.app import create_app
from api.bootstrap import Container, bootstrap
from domain.errors import DomainError

console = Console(stderr=True)


def register(app: typer.Typer) -> None:
    app.command(name="serve")(serve)


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port to listen on")] = 8000,
) -> None:
    """Serve the HTTP API. Writes need the bearer token (QBSYNC_API_TOKEN)."""
    container = _container()
    if container.token_was_generated:
        console.print(
            "[yellow]QBSYNC_API_TOKEN is not set: for this development run the write routes "
            f"accept the bearer token[/yellow]\n{container.api_token}"
        )
    try:
        uvicorn.run(create_app(container), host=host, port=port)
    finally:
        container.close()


def _container() -> Container:
    try:
        return bootstrap(Settings())
    except (RuntimeError, DomainError) as error:
        console.print(f"[red]cannot start the API: {error}[/red]")
        raise typer.Exit(code=2) from error
