"""The simulator answers the vendor, employee and other-name queries, schema-valid."""

from __future__ import annotations

from lxml import etree

from adapters.quickbooks.qbxml.requests import (
    EmployeeQuery,
    OtherNameQuery,
    VendorQuery,
    build_message,
)
from adapters.quickbooks.qbxml.responses import parse_response_message
from adapters.quickbooks.simulator import QuickBooksSimulator
from adapters.quickbooks.simulator.operations_lists import add_party
from tests.unit.qbsim.conftest import Ask


def _names(ask: Ask) -> dict[str, list[str]]:
    request = build_message(
        [VendorQuery(active_status="All"), EmployeeQuery(), OtherNameQuery()]
    ).decode()
    root = ask(request)
    responses = parse_response_message(etree.tostring(root))
    return {r.response_type: [ret.name or "" for ret in r.rets] for r in responses}


def test_each_name_list_is_answered(ask: Ask, sim: QuickBooksSimulator) -> None:
    add_party(sim.company, "OtherName", name="Roadside Club", company_name="Roadside Club Inc.")
    assert _names(ask) == {
        "VendorQueryRs": ["Metro Auto Parts"],
        "EmployeeQueryRs": ["Dave Wilson"],
        "OtherNameQueryRs": ["Roadside Club"],
    }


def test_an_empty_list_answers_no_match(ask: Ask) -> None:
    root = ask(build_message([OtherNameQuery()]).decode())
    response = root.find("QBXMLMsgsRs/OtherNameQueryRs")
    assert response is not None
    assert response.get("statusCode") == "1"


def test_employee_ret_carries_the_person_name(ask: Ask) -> None:
    root = ask(build_message([EmployeeQuery(full_names=("dave wilson",))]).decode())
    ret = root.find("QBXMLMsgsRs/EmployeeQueryRs/EmployeeRet")
    assert ret is not None
    assert [ret.findtext("Name"), ret.findtext("FirstName"), ret.findtext("LastName")] == [
        "Dave Wilson",
        "Dave",
        "Wilson",
    ]
