"""`qbsync worker`: keeps the readiness read model current and reports work that needs a person.

QuickBooks Desktop is reached by the Web Connector pulling from the API, so the worker sends
nothing itself; it catches the projection up with the event log, and each time the parked or
stuck work changes it says so on standard output, where a log collector picks it up.
"""

from __future__ import annotations

import time

import typer
from rich.console import Console

from api.bootstrap import Container, bootstrap

console = Console()


def register(app: typer.Typer) -> None:
    app.command(name="worker")(worker)


def worker(
    interval: float = typer.Option(5.0, help="Seconds between two catch-ups."),
    once: bool = typer.Option(False, "--once", help="Catch up once and exit."),
) -> None:
    """Keep the readiness projection current and surface parked and stuck sync work."""
    container = bootstrap()
    last_seen: tuple[int, int] | None = None
    try:
        while True:
            last_seen = _tick(container, last_seen)
            if once:
                return
            time.sleep(interval)
    except KeyboardInterrupt:
        console.print("worker stopped")
    finally:
        container.close()


def _tick(container: Container, last_seen: tuple[int, int] | None) -> tuple[int, int]:
    processed = container.readiness.update(container.ledger)
    if processed:
        console.print(f"readiness: processed {processed} new events")
    synchronizer = container.synchronizer()
    parked, stuck = synchronizer.parked(), synchronizer.stuck()
    seen = (len(parked), len(stuck))
    if seen != last_seen:
        for item in parked:
            console.print(f"needs a person: {item}", markup=False)
        for item in stuck:
            console.print(f"stuck: {item}", markup=False)
        console.print(f"parked: {len(parked)}, stuck: {len(stuck)}")
    return seen
