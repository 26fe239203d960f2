"""The fast log reader gives exactly the events eventsourcing's mapper gives, on both backends."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from adapters.settings import persistence_env
from adapters.storage.ledger.application import Ledger
from adapters.storage.readiness.events import fast_decoder, read_log, read_log_by_mapper, whole_log
from domain.lines import make_line
from domain.policy import PolicyLevel
from projections.readiness.folding import _HANDLERS
from projections.readiness.log import LoggedEvent

DAY = date(2024, 2, 29)


def realistic_history(ledger: Ledger) -> None:
    """Every event the readiness model folds, and others it skips: amounts with cents,
    dates, several lines with fractional quantities and rates, non-ASCII text."""
    ledger.register_customer("C1", "Acme Towing", qb_name="Acmé Towing")
    ledger.register_customer("C2", "Zürich Haulage")
    ledger.rename_customer("C2", "Zurich Haulage")
    ledger.record_opening_balance("C1", "12.34")
    tow = [make_line("tow", "Hook-up «night»", "1.5", "80.25"), make_line("miles", "", "12", "3.5")]
    ledger.create_invoice("1-1", "C1", DAY, tow, job_id="J1", memo="first")
    ledger.create_invoice("1-2", "C1", DAY, [make_line("storage", "", "3", "25")], job_id="J1")
    ledger.edit_invoice_lines("1-2", [make_line("storage", "", "4", "25.00")])
    ledger.finalize_invoice("1-1")
    ledger.finalize_invoice("1-2")
    ledger.record_job_payment("P1", "1-1", "162.38", DAY)
    ledger.create_invoice("2-1", "C2", DAY, [make_line("tow", "", "1", "99.99")])
    ledger.finalize_invoice("2-1")
    ledger.record_account_payment("A1", "C2", "50.00", DAY)
    ledger.apply_payment("A1", "2-1", "20.01")
    ledger.unapply_payment("A1", "2-1")
    ledger.apply_payment("A1", "2-1", "50.00")
    ledger.finish_payment("A1")
    ledger.create_credit_memo("CM1", "C1", DAY, [make_line("credit", "", "1", "10.50")])
    ledger.apply_credit_memo("CM1", "1-2", "10.50")
    ledger.finish_credit_memo("CM1")
    ledger.record_imported("invoice", "1-1", "T-1", "1")
    ledger.record_imported("payment", "P1", "TP-1", "1")
    ledger.record_applied("payment", "P1", "1-1", "2")
    ledger.write_off_invoice("2-1", "uncollectable")
    ledger.create_invoice("3-1", "C1", DAY, [make_line("tow", "", "1", "5")])
    ledger.finalize_invoice("3-1")
    ledger.correct_invoice("3-1", [make_line("tow", "", "1", "5.50")], "dana", "QB refused")
    ledger.void_invoice("3-1", "entered twice")
    ledger.create_credit_memo("CM2", "C1", DAY, [make_line("credit", "", "1", "2")])
    ledger.correct_credit_memo("CM2", [make_line("credit", "", "2", "1.25")], "dana", "typo")
    ledger.record_account_payment("A2", "C1", "1.00", DAY)
    ledger.void_payment("A2", "bounced")
    ledger.change_policy_level(PolicyLevel.AGGRESSIVE, "controller")
    ledger.change_policy_level(PolicyLevel.MODERATE, "controller")


def assert_same(fast: list[LoggedEvent], mapped: list[LoggedEvent]) -> None:
    assert fast == mapped
    for a, b in zip(fast, mapped, strict=True):  # the same types and exponents, not just equal
        assert repr(a) == repr(b)
        assert [type(v) for v in a.data.values()] == [type(v) for v in b.data.values()]
        assert a.event_type == b.event_type
        assert a.cite() == b.cite()


def test_the_fast_decoder_yields_the_mappers_events(ledger: Ledger) -> None:
    realistic_history(ledger)
    assert fast_decoder(ledger) is not None
    last = ledger.recorder.max_notification_id() or 0
    mapped = read_log_by_mapper(ledger, 0, last + 1)
    assert {e.event_type for e in mapped} >= set(_HANDLERS)
    assert_same(whole_log(ledger), mapped)
    for after, limit, upto in [(0, 7, None), (5, 10, 12), (12, 100, 12), (last - 3, 100, None)]:
        fast = read_log(ledger, after, limit, upto)
        assert_same(fast, read_log_by_mapper(ledger, after, limit, upto))
        wanted = [e for e in mapped if e.position > after and (upto is None or e.position <= upto)]
        assert fast == wanted[:limit]


def test_compressed_events_are_read_through_the_mapper(tmp_path: Path) -> None:
    env = persistence_env("", tmp_path) | {
        "COMPRESSOR_TOPIC": "eventsourcing.compressor:ZlibCompressor"
    }
    ledger = Ledger(env=env)
    try:
        realistic_history(ledger)
        assert fast_decoder(ledger) is None
        assert_same(whole_log(ledger), read_log_by_mapper(ledger, 0, 10_000))
    finally:
        ledger.close()
