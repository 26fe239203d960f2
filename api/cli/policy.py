"""`qbsync readiness`, `explain`, `what-if`, `policy set`: tables, or --json for programs."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

from adapters.services.listing.citations import Citations
from adapters.storage.ledger.application import set_acting_name
from api.acting import name_the_actors
from api.as_of import as_of_moment, bounded_position
from api.cli.running import command_container
from api.readiness_filters import readiness_rows
from api.schemas.policy import ExplanationOut, ReadinessOut, WhatIfOut
from domain.policy import ALL_LEVELS, PolicyLevel
from projections.readiness.explain import describe

console = Console()
policy_app = typer.Typer(help="The company's policy level.", no_args_is_help=True)
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON for programs")]


def register(app: typer.Typer) -> None:
    app.command(name="readiness")(readiness)
    app.command(name="explain")(explain)
    app.command(name="what-if")(what_if)
    policy_app.command(name="set")(set_level)
    app.add_typer(policy_app, name="policy")


_container = command_container
_AS_OF_HELP = "As of this date (its end) or time; without a zone, in QBSYNC_TIME_ZONE"
_KIND_HELP = "invoice, job-payment, account-payment or credit-memo"


def _print_json(models: BaseModel | list[ReadinessOut]) -> None:
    if isinstance(models, list):
        print(json.dumps([m.model_dump(mode="json") for m in models], indent=2))
    else:
        print(models.model_dump_json(indent=2))


def readiness(
    kind: Annotated[
        str | None,
        typer.Option("--type", help="invoice, job-payment, account-payment, credit-memo"),
    ] = None,
    state: Annotated[str | None, typer.Option(help="done, ready, ready with, waiting…")] = None,
    level: Annotated[str | None, typer.Option(help="Default: the current level")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Readiness of every transaction under every policy level."""
    with _container() as c:
        rows = readiness_rows(
            c.readiness, c.ledger, kind, state, PolicyLevel.parse(level) if level else None
        )
    if as_json:
        _print_json([ReadinessOut.of(row) for row in rows])
        return
    table = Table("transaction", *(lv.value for lv in ALL_LEVELS))
    for row in rows:
        table.add_row(row.ref.label, *(describe(row.imports[lv]) for lv in ALL_LEVELS))
        for invoice, by in row.applications.items():
            table.add_row(f"  → invoice {invoice}", *(describe(by[lv]) for lv in ALL_LEVELS))
    console.print(table)


def explain(
    kind: Annotated[str, typer.Argument(help="invoice, payment, credit-memo")],
    key: Annotated[str, typer.Argument(help="Its number or reference")],
    as_of: Annotated[str | None, typer.Option(help=_AS_OF_HELP)] = None,
    as_of_position: Annotated[int | None, typer.Option(help="As of this log position")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Why a transaction is, or is not, in QuickBooks (now, or as of the past)."""
    with _container() as c:
        ref = c.readiness.resolve(c.ledger, kind, key)
        moment = as_of_moment(as_of, c.settings.time_zone) if as_of else None
        if moment is None and as_of_position is None:
            explanation = c.readiness.explain(c.ledger, ref)
        else:
            position = bounded_position(as_of_position)
            explanation = c.readiness.explain_as_of(c.ledger, ref, position, moment)
            when = f"{moment.isoformat()}, " if moment else ""
            if not as_json:
                console.print(f"as of {when}log position {explanation.as_of_position}")
        if as_json:
            answer = ExplanationOut.of_explanation(explanation, as_of=moment)
            _print_json(name_the_actors(c.ledger, answer))
        else:
            cite = Citations(c.ledger, c.readiness.model.facts()).words
            for line in explanation.lines(cite):
                console.print(line, highlight=False, markup=False)


def what_if(
    level: Annotated[str | None, typer.Option(help="Only this level")] = None,
    as_json: JsonFlag = False,
) -> None:
    """What a sync would do now under each level, and the difference from the current one."""
    with _container() as c:
        result = WhatIfOut.of(c.readiness.what_if(c.ledger))
    if level:
        wanted = PolicyLevel.parse(level).value
        result.work = {wanted: result.work[wanted]}
        result.differences = {k: v for k, v in result.differences.items() if k == wanted}
    if as_json:
        _print_json(result)
        return
    table = Table("level", "imports", "applications", "vs current")
    for name, work in result.work.items():
        diff = result.differences.get(name)
        versus = (
            f"+{len(diff.added.imports) + len(diff.added.applications)} "
            f"-{len(diff.held_back.imports) + len(diff.held_back.applications)}"
            if diff
            else "current"
        )
        table.add_row(name, "\n".join(work.imports), "\n".join(work.applications), versus)
    console.print(table)


def set_level(
    level: Annotated[str, typer.Argument(help="conservative, moderate or aggressive")],
    by: Annotated[str, typer.Option("--by", help="Who switches the level")],
) -> None:
    """Switch the policy level (an event: who, when, from, to)."""
    set_acting_name(by)
    with _container() as c:
        c.ledger.change_policy_level(PolicyLevel.parse(level), by)
        console.print(f"policy level is now {c.readiness.current_level(c.ledger)}")
