"""The `qbsync` command line. Each command group lives in its own module of this package."""

from __future__ import annotations

import typer

from adapters.errors import ConfigurationError

app = typer.Typer(
    help="qbsync: an event-sourced ledger synchronised into QuickBooks Desktop.",
    no_args_is_help=True,
)


@app.callback()
def _settings_from_environment() -> None:
    """Settings come from QBSYNC_* environment variables (see the README)."""


def main() -> None:
    try:
        app()
    except ConfigurationError as error:
        typer.echo(f"qbsync: configuration error: {error}", err=True)
        raise SystemExit(2) from None


def _register_commands() -> None:
    from api.cli import (
        demo,
        importing,
        manual_actions,
        policy,
        records,
        serve,
        sync,
        webconnector,
        work,
        worker,
    )

    for module in (
        demo,
        serve,
        importing,
        sync,
        policy,
        manual_actions,
        records,
        webconnector,
        work,
        worker,
    ):
        module.register(app)


_register_commands()
