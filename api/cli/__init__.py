"""The `qbsync` command line. Each command group lives in its own module of this package."""

from __future__ import annotations

import typer

app = typer.Typer(help="qbsync: an event-sourced ledger synchronised into QuickBooks Desktop.")


def main() -> None:
    app()
