"""`qbsync runs`, `report`, `history`, `export-history` and manual actions by their record,
on a temporary data dir, as a person (tables) and as a program (--json, --csv) reads them."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

from api.bootstrap import bootstrap
from domain.policy import PolicyLevel
from tests.e2e.sync.conftest import settings_for
from tests.e2e.sync.test_sync_cli import qbsync, recorded_day


def test_runs_and_a_past_report_in_words(tmp_path: Path) -> None:
    recorded_day(tmp_path)
    _, first = qbsync(tmp_path, "sync", "--only", "invoice:9601-1", "--json")
    first_id = json.loads(first)["run_id"]
    qbsync(tmp_path, "sync")

    code, output = qbsync(tmp_path, "runs", "--json")
    assert code == 0, output
    listed = json.loads(output)
    assert [run["state"] for run in listed] == ["finished", "finished"]
    assert listed[1]["run_id"] == first_id  # newest first
    assert datetime.fromisoformat(listed[0]["started_at"]).tzinfo is not None
    code, table = qbsync(tmp_path, "runs")
    assert code == 0
    assert first_id in table
    assert "invoice: 9601-1" in table

    # the report of the first run, again: ISO times, no lookup rows, what was not selected
    code, output = qbsync(tmp_path, "report", first_id, "--json")
    report = json.loads(output)
    assert "invoice-add:9601-1" in report["done"]
    assert all(sent["outcome"] != "not in QuickBooks yet" for sent in report["sent"])
    assert all(datetime.fromisoformat(sent["at"]).tzinfo == UTC for sent in report["sent"])
    code, words = qbsync(tmp_path, "report", first_id)
    assert code == 0
    assert f"sync run {first_id} (finished, started 20" in words
    assert "sent InvoiceAdd for invoice-add:9601-1: 0 done" in words
    # what waits is said with citations a person can follow, not event ids
    code, words = qbsync(tmp_path, "report", listed[0]["run_id"])
    assert "waiting: invoice 9603-1" in words
    assert "[invoice 9603-1 · Created · 20" in words
    assert " · log #" in words
    assert "Invoice.Created (" not in words
    code, output = qbsync(tmp_path, "explain", "invoice", "9603-1")
    assert code == 0
    assert "[invoice 9603-1 · Created · 20" in output
    code, output = qbsync(tmp_path, "report", "no-such-run")
    assert code == 2
    assert "sync run no-such-run does not exist" in output


def test_a_selection_report_names_what_it_left_out(tmp_path: Path) -> None:
    recorded_day(tmp_path)
    _, output = qbsync(tmp_path, "sync", "--only", "invoice:9601-1", "--json")
    report = json.loads(output)
    assert "invoice 9602-1" in report["not_selected"]
    assert "invoice 9601-1" not in report["not_selected"]


def test_history_of_a_record_with_log_positions(tmp_path: Path) -> None:
    recorded_day(tmp_path)
    qbsync(tmp_path, "sync")
    code, output = qbsync(tmp_path, "history", "invoice", "9601-1", "--json")
    assert code == 0, output
    events = json.loads(output)
    assert [e["event"] for e in events][:2] == ["Created", "Finalized"]
    assert "ImportedToQuickBooks" in [e["event"] for e in events]
    positions = [e["log_position"] for e in events]
    assert positions == sorted(positions)
    assert positions[0] > 0
    imported = next(e for e in events if e["event"] == "ImportedToQuickBooks")
    assert imported["by"] == "qbsync"
    assert imported["words"] == "Imported to QuickBooks"
    assert imported["citation"].startswith("invoice 9601-1 · Imported to QuickBooks · 20")
    assert imported["citation"].endswith(f"· by qbsync · log #{imported['log_position']}")

    code, output = qbsync(tmp_path, "history", "invoice", "9601-1", "--csv")
    rows = list(csv.reader(io.StringIO(output)))
    assert rows[0] == ["log position", "recorded at", "record", "event", "by", "data"]
    assert rows[1][2:4] == ["invoice 9601-1", "Created"]
    code, output = qbsync(tmp_path, "history", "invoice", "0000-9")
    assert code == 2
    assert "invoice 0000-9 does not exist" in output
    code, output = qbsync(tmp_path, "history", "estimate", "1")
    assert code == 2
    assert "unknown kind 'estimate'" in output


def test_an_auditor_exports_a_date_range(tmp_path: Path) -> None:
    recorded_day(tmp_path)
    container = bootstrap(settings_for(tmp_path))
    try:
        container.ledger.change_policy_level(PolicyLevel.AGGRESSIVE, "Dana")
    finally:
        container.close()
    today = datetime.now(UTC).date().isoformat()
    target = tmp_path / "history.csv"
    code, output = qbsync(
        tmp_path, "export-history", "--from", today, "--to", today, "-o", str(target)
    )
    assert code == 0, output
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert {"invoice 9601-1", "job payment P-9601", "customer C1"} <= {r["record"] for r in rows}
    changed = [r for r in rows if r["event"] == "Policy level changed"]
    assert [r["by"] for r in changed] == ["Dana"]
    assert [int(r["log position"]) for r in rows] == sorted(int(r["log position"]) for r in rows)
    code, output = qbsync(tmp_path, "export-history", "--from", "2000-01-01", "--to", "2000-01-02")
    assert code == 0
    assert output.strip() == "log position,recorded at,record,event,by,data"
    code, output = qbsync(tmp_path, "export-history", "--from", today, "--to", "2000-01-01")
    assert code == 2
    assert "is after --to" in output


def test_manual_actions_by_record_or_id_prefix(tmp_path: Path) -> None:
    recorded_day(tmp_path)
    assert qbsync(tmp_path, "sync")[0] == 0
    container = bootstrap(settings_for(tmp_path))
    try:
        payment = container.ledger.void_payment("P-9601", "bounced cheque")
        second = container.ledger.void_payment("P-9602", "entered twice")
    finally:
        container.close()
    assert payment is not None
    assert second is not None
    code, output = qbsync(tmp_path, "manual-actions", "--json")
    assert [a["subject"] for a in json.loads(output)] == [
        "job payment P-9601",
        "job payment P-9602",
    ]

    code, output = qbsync(tmp_path, "manual-actions", "done", "payment:P-9601", "--by", "Ann")
    assert code == 0
    assert "job payment P-9601 marked done by Ann" in output
    prefix = second.id.hex[:8]
    code, output = qbsync(tmp_path, "manual-actions", "done", prefix, "--by", "Ann")
    assert code == 0
    assert "job payment P-9602 marked done by Ann" in output
    code, output = qbsync(tmp_path, "manual-actions", "done", "invoice:9601-1", "--by", "Ann")
    assert code == 2
    assert "no manual action for invoice:9601-1" in output


def test_import_reports_as_json(tmp_path: Path) -> None:
    code, output = qbsync(tmp_path, "import", "--json")
    assert code == 0, output
    report = json.loads(output)
    assert report["status"] == "completed"
    assert report["counts"]["customer"]["added"] > 0
    code, output = qbsync(tmp_path, "import-report", "--json")
    assert [run["run_id"] for run in json.loads(output)] == [report["run_id"]]
    code, output = qbsync(tmp_path, "import-report", report["run_id"], "--json")
    assert json.loads(output)["kinds"]["customer"]["added_names"]
