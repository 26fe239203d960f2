"""The container a command runs with: closed afterwards, a refusal printed in words."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console

from api.bootstrap import Container, bootstrap
from domain.errors import DomainError


@contextmanager
def command_container(refused_code: int = 1) -> Iterator[Container]:
    """The container; a domain refusal is printed on stderr and exits with `refused_code`."""
    container = bootstrap()
    try:
        yield container
    except DomainError as error:
        Console(stderr=True).print(f"[red]{error}[/red]", highlight=False)
        raise typer.Exit(code=refused_code) from error
    finally:
        container.close()
