"""Sync runs (newest first) and import runs (oldest first), one page at a time."""

from __future__ import annotations

from adapters.services.importing.runs import ImportReport, list_runs
from adapters.services.listing.pages import DEFAULT_LIMIT, Page, page_of
from adapters.storage.ledger.application import Ledger
from adapters.storage.outbox.runs import SyncRunRecord, SyncRuns
from domain.errors import InvalidInput

SYNC_STATES, IMPORT_STATES = ("open", "finished"), ("running", "completed", "failed")


def list_sync_runs(
    runs: SyncRuns, state: str = "", after: str = "", limit: int = DEFAULT_LIMIT
) -> Page[SyncRunRecord]:
    _check(state, SYNC_STATES, "sync run")
    matching = [run for run in runs.all() if not state or run.state == state]
    return page_of(
        matching, lambda r: (int(r.started_at * 1e6), r.run_id), after, limit, descending=True
    )


def list_import_runs(
    ledger: Ledger, status: str = "", after: str = "", limit: int = DEFAULT_LIMIT
) -> Page[ImportReport]:
    _check(status, IMPORT_STATES, "import run")
    matching = [run for run in list_runs(ledger) if not status or run.status == status]
    return page_of(matching, lambda r: (r.started_at, r.run_id), after, limit)


def _check(state: str, known: tuple[str, ...], what: str) -> None:
    if state and state not in known:
        raise InvalidInput(f"a {what} is never {state!r}: choose from {', '.join(known)}")
