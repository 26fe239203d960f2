"""Matching rules (SPEC 5): ListID first (elsewhere), then QB Name, then name, case-insensitively,
among ledger customers not yet linked."""

from __future__ import annotations

from decimal import Decimal

from adapters.services.importing.ledger_customers import LedgerCustomer
from adapters.services.importing.matching import CustomerMatcher
from adapters.services.importing.records import QbCustomer


def quickbooks(full_name: str, parent_list_id: str | None = None) -> QbCustomer:
    return QbCustomer(
        list_id=f"ID-{full_name}",
        name=full_name.rpartition(":")[2],
        full_name=full_name,
        edit_sequence="1",
        parent_list_id=parent_list_id,
        balance=Decimal("0.00"),
    )


def test_the_name_matches_case_insensitively() -> None:
    matcher = CustomerMatcher([LedgerCustomer("C1", "jane DOE")])
    assert matcher.take(quickbooks("Jane Doe"), None) == "C1"


def test_a_qb_name_overrides_the_ledger_name() -> None:
    matcher = CustomerMatcher(
        [
            LedgerCustomer("BY-NAME", "Smith Auto Body"),
            LedgerCustomer("BY-QB-NAME", "Smith's garage", qb_name="smith auto body"),
        ]
    )
    assert matcher.take(quickbooks("Smith Auto Body"), None) == "BY-QB-NAME"
    assert [c.code for c in matcher.unlinked] == ["BY-NAME"]


def test_a_customer_with_a_qb_name_is_not_matched_by_its_name_against_another() -> None:
    matcher = CustomerMatcher([LedgerCustomer("C1", "Jane Doe", qb_name="Jane Doe (towing)")])
    assert matcher.take(quickbooks("Jane Doe (towing)"), None) == "C1"
    assert matcher.take(quickbooks("Jane Doe"), None) is None


def test_linked_customers_are_never_matched_by_name() -> None:
    linked = LedgerCustomer("C1", "Jane Doe", list_id="ID-other", qb_full_name="Jane Doe")
    matcher = CustomerMatcher([linked])
    assert matcher.take(quickbooks("Jane Doe"), None) is None
    assert matcher.unlinked == []


def test_a_ledger_customer_is_taken_once() -> None:
    matcher = CustomerMatcher([LedgerCustomer("C1", "Jane Doe")])
    assert matcher.take(quickbooks("Jane Doe"), None) == "C1"
    assert matcher.take(quickbooks("JANE DOE"), None) is None


def test_nothing_matches_a_different_name() -> None:
    matcher = CustomerMatcher([LedgerCustomer("C1", "Jane Doe")])
    assert matcher.take(quickbooks("Jane Dough"), None) is None
    assert [c.code for c in matcher.unlinked] == ["C1"]


def test_a_job_matches_its_full_name_or_its_name_under_the_linked_parent() -> None:
    matcher = CustomerMatcher(
        [
            LedgerCustomer("JOB-A", "Yard Cleanup", parent="HARBOR"),
            LedgerCustomer("JOB-B", "Harbor Freight Lines:Truck 12"),
        ]
    )
    assert matcher.take(quickbooks("Harbor Freight Lines:Truck 12", "P1"), None) == "JOB-B"
    assert matcher.take(quickbooks("Harbor Freight Lines:Yard Cleanup", "P1"), "HARBOR") == (
        "JOB-A"
    )


def test_a_job_name_under_another_parent_does_not_match() -> None:
    matcher = CustomerMatcher([LedgerCustomer("JOB-A", "Yard Cleanup", parent="ACME")])
    assert matcher.take(quickbooks("Harbor Freight Lines:Yard Cleanup", "P1"), "HARBOR") is None
    assert matcher.take(quickbooks("Harbor Freight Lines:Yard Cleanup", "P1"), None) is None


def test_still_wanting_lists_unlinked_customers_that_want_a_taken_name() -> None:
    matcher = CustomerMatcher([LedgerCustomer("C1", "Jane Doe"), LedgerCustomer("C2", "JANE DOE")])
    assert matcher.take(quickbooks("Jane Doe"), None) == "C1"
    assert [c.code for c in matcher.still_wanting("Jane Doe")] == ["C2"]
