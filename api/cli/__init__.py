"""The `qbsync` command line. Each command group lives in its own module of this package."""

from __future__ import annotations

import getpass
from typing import Annotated

import typer

from adapters.errors import ConfigurationError
from adapters.faults import operational_fault
from adapters.settings import Settings
from adapters.storage.ledger.application import reset_acting_name, set_acting_name

app = typer.Typer(
    help="qbsync: an event-sourced ledger synchronised into QuickBooks Desktop.",
    no_args_is_help=True,
)


@app.callback()
def _settings_from_environment(
    context: typer.Context,
    by: Annotated[
        str,
        typer.Option(
            "--by",
            help="Who is acting: recorded with every event this command records "
            "(default: the OS user)",
        ),
    ] = "",
) -> None:
    """Settings come from QBSYNC_* environment variables (see the README)."""
    token = set_acting_name(by.strip() or _os_user())
    context.call_on_close(lambda: reset_acting_name(token))


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (e.g. in a container)
        return ""


def main() -> None:
    """Run a command. A configuration error, or an operational fault (disk full, read-only
    folder, missing schema, lost database), ends it with one line on stderr instead of a
    traceback: exit status 2 for configuration, 1 for a fault."""
    try:
        app()
    except ConfigurationError as error:
        typer.echo(f"qbsync: configuration error: {error}", err=True)
        raise SystemExit(2) from None
    except Exception as error:
        fault = operational_fault(error, _storage_description())
        if fault is None:
            raise
        typer.echo(f"qbsync: {fault.detail}", err=True)
        raise SystemExit(1) from None


def _storage_description() -> str:
    try:
        return Settings().storage_description()
    except Exception:  # settings that cannot even be read: say it generally
        return "the ledger database"


def _register_commands() -> None:
    from api.cli import (
        db,
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
        db,
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
