"""Names QuickBooks would refuse: a clash across the name lists, or more than 41 characters."""

from __future__ import annotations

from adapters.services.importing.ledger_customers import LedgerCustomer
from adapters.services.importing.names import TakenName, name_problems

VENDOR = TakenName("Metro Auto Parts", "vendor")


def test_a_clash_with_a_vendor_says_to_set_a_qb_name() -> None:
    [problem] = name_problems([LedgerCustomer("C-7", "METRO auto parts")], [VENDOR])
    assert problem.customer_code == "C-7"
    assert "vendor" in problem.problem
    assert "3100" in problem.problem
    assert problem.what_to_do.startswith("set a QB Name for customer C-7")


def test_the_qb_name_is_what_is_checked() -> None:
    fixed = LedgerCustomer("C-7", "Metro Auto Parts", qb_name="Metro Auto Parts (cust)")
    assert name_problems([fixed], [VENDOR]) == []
    broken = LedgerCustomer("C-8", "Metro Parts Shop", qb_name="metro auto parts")
    assert [p.customer_code for p in name_problems([broken], [VENDOR])] == ["C-8"]


def test_a_name_of_41_characters_is_fine_and_42_is_too_long() -> None:
    fine = LedgerCustomer("OK", "x" * 41)
    long = LedgerCustomer("LONG", "y" * 42)
    [problem] = name_problems([fine, long], [])
    assert problem.customer_code == "LONG"
    assert "42 characters" in problem.problem
    assert problem.what_to_do == "set a QB Name of at most 41 characters for customer LONG"


def test_linked_customers_are_not_checked() -> None:
    linked = LedgerCustomer("C-7", "Metro Auto Parts", list_id="L1", qb_full_name="Metro Auto")
    assert name_problems([linked], [VENDOR]) == []
