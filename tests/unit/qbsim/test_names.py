"""The shared, case-insensitive name space of customers, jobs, vendors, employees, other names."""

from __future__ import annotations

import pytest

from adapters.quickbooks.simulator import QuickBooksSimulator
from adapters.quickbooks.simulator.operations_lists import add_party
from tests.unit.qbsim.conftest import Ask
from tests.unit.qbsim.ledger_reads import customer
from tests.unit.qbsim.messages import customer_add, message, only_response, status_codes, text_of


@pytest.mark.parametrize(
    "name",
    ["Metro Auto Parts", "metro auto parts", "METRO AUTO PARTS", "Dave Wilson", "dave WILSON"],
)
def test_a_customer_may_not_take_a_vendor_or_employee_name(ask: Ask, name: str) -> None:
    response = only_response(ask(message(customer_add(name))))
    assert response.get("statusCode") == "3100"
    assert response.get("statusSeverity") == "Error"
    assert f'The name "{name}" of the list element is already in use.' == response.get(
        "statusMessage"
    )


def test_a_customer_may_not_take_an_other_name(ask: Ask, sim: QuickBooksSimulator) -> None:
    add_party(sim.company, "OtherName", name="Roadside Club")
    assert status_codes(ask(message(customer_add("ROADSIDE club")))) == [3100]


def test_customer_names_clash_case_insensitively(ask: Ask) -> None:
    assert status_codes(ask(message(customer_add("jane doe")))) == [3100]


def test_a_job_is_named_under_its_parent(ask: Ask) -> None:
    root = ask(message(customer_add("Bridge Job", parent="harbor freight lines")))
    ret = only_response(root).find("CustomerRet")
    assert ret is not None
    assert text_of(ret, "FullName") == "Harbor Freight Lines:Bridge Job"
    assert text_of(ret, "Sublevel") == "1"
    assert text_of(ret, "ParentRef/FullName") == "Harbor Freight Lines"
    nested = ask(message(customer_add("Phase 2", parent="Harbor Freight Lines:Bridge Job")))
    assert text_of(customer(ask, "Harbor Freight Lines:Bridge Job:Phase 2"), "Sublevel") == "2"
    assert status_codes(nested) == [0]


def test_job_names_only_clash_with_their_full_name(ask: Ask) -> None:
    assert status_codes(ask(message(customer_add("Yard Cleanup")))) == [0]
    assert status_codes(ask(message(customer_add("Yard Cleanup", parent="Jane Doe")))) == [0]
    clash = customer_add("YARD cleanup", parent="Harbor Freight Lines")
    assert status_codes(ask(message(clash))) == [3100]


def test_a_vendor_may_not_take_a_job_full_name(sim: QuickBooksSimulator) -> None:
    from adapters.quickbooks.simulator.status import QbError

    with pytest.raises(QbError) as refused:
        add_party(sim.company, "Vendor", name="Jane doe")
    assert refused.value.status.code == 3100
