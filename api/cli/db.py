"""`qbsync db migrate`: create the database's tables once, before the API and the workers start.

Every process also creates what is missing when it starts (taking turns on PostgreSQL), so this
is optional; docker-compose runs it once so that the API and the worker start on a ready
database. On PostgreSQL it also creates the schema the settings name when it is missing.
"""

from __future__ import annotations

import typer
from rich.console import Console

from adapters.settings import Settings
from api.bootstrap import bootstrap

db_app = typer.Typer(help="The ledger's database.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add the ``db`` command group to the qbsync command line."""
    app.add_typer(db_app, name="db")


@db_app.command("migrate")
def migrate() -> None:
    """Create the schema (PostgreSQL) and every table qbsync needs; safe to run again."""
    settings = Settings()
    bootstrap(settings, create_schema=True).close()
    Console().print(f"database ready: {settings.storage_description()}", highlight=False)
