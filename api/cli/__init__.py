"""The `qbsync` command line. Each command group lives in its own module of this package."""

from __future__ import annotations

import typer

app = typer.Typer(
    help="qbsync: an event-sourced ledger synchronised into QuickBooks Desktop.",
    no_args_is_help=True,
)


@app.callback()
def _settings_from_environment() -> None:
    """Settings come from QBSYNC_* environment variables (see the README)."""


def main() -> None:
    app()


def _register_commands() -> None:
    from api.cli import demo

    demo.register(app)

    from api.cli import serve

    serve.register(app)

    from api.cli import importing

    importing.register(app)

    from api.cli import manual_actions, sync

    sync.register(app)
    manual_actions.register(app)


_register_commands()


def _register_policy_commands() -> None:
    from api.cli import policy

    policy.register(app)


_register_policy_commands()
