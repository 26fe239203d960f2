"""`qbsync serve`: the HTTP API under uvicorn, built from QBSYNC_* settings."""

from __future__ import annotations

from typing import Annotated, NoReturn

import typer
import uvicorn
from fastapi import FastAPI
from rich.console import Console

from adapters.quickbooks.gateway import StartupRefused
from adapters.settings import Settings
from api.app import create_app
from api.bootstrap import Container, bootstrap
from domain.errors import DomainError

console = Console(stderr=True, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command(name="serve")(serve)


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port to listen on")] = 8000,
) -> None:
    """Serve the HTTP API. Calls need a named token with a role (QBSYNC_API_TOKENS)."""
    container = _container()
    try:
        app = _app(container)
        console.print(f"QuickBooks is reached through the {container.quickbooks_kind} gateway.")
        if container.token_was_generated:
            console.print(
                "[yellow]No API tokens are configured (QBSYNC_API_TOKENS): for this development "
                "run the API accepts one bearer token per role[/yellow]"
            )
            for name, token in container.generated_tokens.items():
                console.print(f"{name.removeprefix('dev-'):<11} {token}", highlight=False)
        uvicorn.run(app, host=host, port=port)
    finally:
        container.close()


def _container() -> Container:
    try:
        return bootstrap(Settings())
    except (StartupRefused, DomainError) as error:
        _refuse(error)


def _app(container: Container) -> FastAPI:
    try:
        return create_app(container)
    except (StartupRefused, DomainError, ValueError) as error:
        _refuse(error)


def _refuse(error: Exception) -> NoReturn:
    console.print(f"[red]cannot start the API: {error}[/red]")
    raise typer.Exit(code=2) from error
