"""The import conversation's contract with the gateway: resend on failure, give up on errors."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from adapters.quickbooks.conversation import drive
from adapters.quickbooks.simulator import QuickBooksSimulator
from adapters.services.importing.conversation import ImportConversation, ImportOptions
from adapters.services.importing.guards import repeat_warning, require_import_completed
from adapters.services.importing.jobs import run_import
from adapters.services.importing.ledger_log import ledger_holds_transactions
from adapters.services.importing.runs import list_runs
from adapters.storage.ledger.application import Ledger
from domain.errors import ImportRequired, RepeatImportNeedsConfirmation
from domain.lines import Line


@pytest.fixture
def ledger() -> Ledger:
    return Ledger()  # in memory


def test_a_failed_message_is_sent_again_unchanged(ledger: Ledger) -> None:
    conversation = ImportConversation(ledger)
    first = conversation.next_message()
    conversation.accept_failure("0x80040401", "could not access QuickBooks")
    assert "could not access QuickBooks" in conversation.last_error()
    assert conversation.next_message() == first


def test_an_error_status_fails_the_run(ledger: Ledger) -> None:
    conversation = ImportConversation(ledger)
    message = conversation.next_message()
    assert message is not None
    answer = QuickBooksSimulator().handle(message).replace('statusCode="0"', 'statusCode="3180"')

    assert conversation.accept_answer(answer) == -1
    assert conversation.next_message() is None
    [run] = list_runs(ledger)
    assert run.status == "failed"
    assert "3180" in run.failure
    assert "3180" in conversation.last_error()
    with pytest.raises(ImportRequired):
        require_import_completed(ledger)


def test_an_unreadable_answer_fails_the_run(ledger: Ledger) -> None:
    conversation = ImportConversation(ledger)
    conversation.next_message()
    assert conversation.accept_answer("<not-qbxml/>") == -1
    assert list_runs(ledger)[0].status == "failed"


def test_quickbooks_failing_outright_is_kept_in_the_report(ledger: Ledger) -> None:
    def broken(_: str) -> str:
        raise ConnectionError("QuickBooks is not running")

    report = run_import(ledger, broken)
    assert report.status == "failed"
    assert "QuickBooks is not running" in report.failure


def test_progress_only_grows_and_ends_at_100(ledger: Ledger) -> None:
    percents: list[int] = []
    drive(
        ImportConversation(ledger, ImportOptions(page_size=2)),
        QuickBooksSimulator().handle,
        percents.append,
    )
    assert percents == sorted(percents)
    assert percents[-1] == 100
    assert percents.count(100) == 1


def test_only_a_repeat_over_transactions_needs_confirmation(ledger: Ledger) -> None:
    ledger.register_customer("ACME", "Acme Towing")
    ledger.create_invoice(
        "W-1", "ACME", date(2024, 5, 2), [Line("Tow", "Tow", Decimal("1"), Decimal("95"))]
    )
    assert ledger_holds_transactions(ledger)
    assert repeat_warning(ledger, confirm=False, confirmed_by="") is None  # first import
    ledger.record_import_completed("earlier")
    with pytest.raises(RepeatImportNeedsConfirmation):
        repeat_warning(ledger, confirm=False, confirmed_by="")
    warning = repeat_warning(ledger, confirm=True, confirmed_by=" Carol ")
    assert warning is not None
    assert warning.startswith("repeat import confirmed by Carol")
