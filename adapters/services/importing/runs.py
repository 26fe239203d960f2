"""Import runs and their reports, kept for every run and readable later."""

from __future__ import annotations

from dataclasses import dataclass, field

from adapters.services.importing.ledger_log import event_topic, events_of
from adapters.storage.ledger.application import Ledger
from adapters.storage.ledger.unit_of_work import UnitOfWork
from domain import ids
from domain.import_run import ImportRun


@dataclass
class KindReport:
    """What one kind of record (customer, item, account, …) did in one run."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0


@dataclass(frozen=True)
class ImportReport:
    run_id: str
    status: str
    repeat: bool
    confirmed_by: str
    failure: str
    started_at: str
    finished_at: str
    kinds: dict[str, KindReport]
    warnings: list[str]

    def counts(self) -> dict[str, dict[str, int]]:
        return {
            kind: {
                "added": len(report.added),
                "updated": len(report.updated),
                "unchanged": report.unchanged,
            }
            for kind, report in self.kinds.items()
        }


def run_ids(ledger: Ledger) -> list[str]:
    """Every import run, oldest first."""
    return [str(event.run_id) for event in events_of(ledger, event_topic(ImportRun, "Started"))]


def read_run(ledger: Ledger, run_id: str) -> ImportReport:
    run = UnitOfWork(ledger).get(ImportRun, ids.import_run_id(run_id), "import run", run_id)
    return report_of(run)


def list_runs(ledger: Ledger) -> list[ImportReport]:
    return [read_run(ledger, run_id) for run_id in run_ids(ledger)]


def report_of(run: ImportRun) -> ImportReport:
    kinds: dict[str, KindReport] = {}
    for page in run.pages:
        report = kinds.setdefault(page["kind"], KindReport())
        report.added.extend(page["added"])
        report.updated.extend(page["updated"])
        report.unchanged += int(page["unchanged"])
    finished = run.modified_on if run.status != "running" else None
    return ImportReport(
        run_id=run.run_id,
        status=run.status,
        repeat=run.repeat,
        confirmed_by=run.confirmed_by,
        failure=run.failure,
        started_at=run.created_on.isoformat(),
        finished_at="" if finished is None else finished.isoformat(),
        kinds=kinds,
        warnings=list(run.warnings),
    )
