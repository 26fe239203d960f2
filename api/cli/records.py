"""`qbsync runs`, `report RUN`, `history KIND KEY` and `export-history`: what happened, for
people (tables) or programs (--json, --csv)."""

from __future__ import annotations

import json
import sys
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from adapters.services.listing.citations import Citations
from adapters.services.listing.history import history_between, record_history, record_of
from adapters.services.listing.runs import list_sync_runs
from adapters.services.sync.reports import iso
from api.bootstrap import Container
from api.cli.running import command_container
from api.schemas.lists import HistoryLineOut, SyncRunOut, write_history_csv
from api.schemas.sync import SyncReportOut

console = Console()
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON for programs")]
CsvFlag = Annotated[bool, typer.Option("--csv", help="Print CSV for a spreadsheet")]


def register(app: typer.Typer) -> None:
    app.command(name="runs")(runs)
    app.command(name="report")(report)
    app.command(name="history")(history)
    app.command(name="export-history")(export_history)


def _container() -> AbstractContextManager[Container]:
    return command_container(refused_code=2)


def runs(
    state: Annotated[str, typer.Option(help="Only open or finished runs")] = "",
    limit: Annotated[int, typer.Option(help="How many, newest first")] = 20,
    as_json: JsonFlag = False,
) -> None:
    """The sync runs, newest first: when, what state, what was selected."""
    with _container() as c:
        page = list_sync_runs(c.synchronizer().engine.runs, state, limit=limit)
    rows = [SyncRunOut.of(run) for run in page.items]
    if as_json:
        typer.echo(json.dumps([row.model_dump(mode="json") for row in rows], indent=2))
        return
    if not rows:
        console.print("No sync runs yet: `qbsync sync` starts one.")
        return
    table = Table("run", "state", "started", "finished", "selection", "still waiting")
    for row in rows:
        finished = row.finished_at.isoformat(timespec="seconds") if row.finished_at else "-"
        table.add_row(
            row.run_id,
            row.state,
            row.started_at.isoformat(timespec="seconds"),
            finished,
            _selection_words(row.selection),
            str(row.waiting),
        )
    console.print(table)
    if page.total > len(rows):
        console.print(f"{len(rows)} of {page.total} runs; --limit shows more.")


def _selection_words(selection: dict[str, Any]) -> str:
    kinds, keys = selection.get("kinds") or [], selection.get("keys") or {}
    if not kinds and not keys:
        return "everything"
    parts = [f"{kind}: {', '.join(found)}" for kind, found in keys.items()]
    return "; ".join(parts or [", ".join(kinds)])


def report(
    run_id: Annotated[str, typer.Argument(help="The run's id (`qbsync runs` lists them)")],
    as_json: JsonFlag = False,
) -> None:
    """A past sync run's report, as `qbsync sync` printed it."""
    with _container() as c:
        found = c.synchronizer().report(run_id)
        if as_json:
            typer.echo(SyncReportOut.of(found).model_dump_json(indent=2))
            return
        words = Citations(c.ledger, c.readiness.model.facts()).in_words
        for line in found.lines():
            console.print(words(line), highlight=False, markup=False)


def history(
    kind: Annotated[str, typer.Argument(help="invoice, payment, credit-memo or customer")],
    key: Annotated[str, typer.Argument(help="Its number, reference or code")],
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """Every event of one record: log position, time, event, who acted, and its data."""
    with _container() as c:
        record_id, label = record_of(c.ledger, kind, key)
        lines = record_history(c.ledger, record_id, label)
    if as_csv:
        write_history_csv(lines, sys.stdout)
        return
    _print_history(
        [HistoryLineOut.of(line) for line in lines], as_json, title=f"History of {label}"
    )


def export_history(
    first: Annotated[date, typer.Option("--from", help="First day (UTC), e.g. 2026-03-01")],
    last: Annotated[date, typer.Option("--to", help="Last day (UTC), e.g. 2026-03-31")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the CSV to this file")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Every event recorded over a date range, as CSV (default) or JSON, for an auditor."""
    if first > last:
        Console(stderr=True).print(f"[red]--from {first} is after --to {last}[/red]")
        raise typer.Exit(code=2)
    with _container() as c:
        lines = list(history_between(c.ledger, first, last))
    if as_json:
        rows = [HistoryLineOut.of(line).model_dump(mode="json") for line in lines]
        typer.echo(json.dumps(rows, indent=2))
    elif output is None:
        write_history_csv(lines, sys.stdout)
    else:
        with output.open("w", newline="", encoding="utf-8") as file:
            write_history_csv(lines, file)
        Console(stderr=True).print(f"{len(lines)} events written to {output}")


def _print_history(lines: list[HistoryLineOut], as_json: bool, title: str) -> None:
    if as_json:
        typer.echo(json.dumps([line.model_dump(mode="json") for line in lines], indent=2))
        return
    table = Table("log #", "recorded at", "event", "by", "data", title=title)
    for line in lines:
        data = ", ".join(f"{k}={json.dumps(v)}" for k, v in line.data.items())
        table.add_row(
            str(line.log_position), iso(line.at.timestamp()), line.words, line.by or "-", data
        )
    console.print(table)
