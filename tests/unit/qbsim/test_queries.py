"""Queries: filters, statuses 0/1/500, IncludeRetElement and iterators."""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from adapters.quickbooks.simulator import QuickBooksSimulator
from adapters.quickbooks.simulator.demo_company import large_company
from tests.unit.qbsim.conftest import Ask, FakeClock
from tests.unit.qbsim.ledger_reads import added_txn_id
from tests.unit.qbsim.messages import (
    customer_query,
    invoice_add,
    invoice_query,
    message,
    money_of,
    only_response,
    status_codes,
    text_of,
)


def test_item_query_mixes_item_types(ask: Ask) -> None:
    response = only_response(ask(message("<ItemQueryRq/>")))
    tags = {ret.tag for ret in response}
    assert tags == {"ItemServiceRet", "ItemNonInventoryRet", "ItemOtherChargeRet"}
    names = [text_of(ret, "Name") for ret in response]
    assert names == sorted(names, key=str.casefold)
    assert "Towing" in names


def test_reference_lists_are_seeded(ask: Ask) -> None:
    terms = only_response(ask(message("<TermsQueryRq/>")))
    assert {text_of(ret, "Name") for ret in terms.findall("StandardTermsRet")} == {
        "Net 15",
        "Net 30",
        "Due on receipt",
    }
    methods = only_response(ask(message("<PaymentMethodQueryRq/>")))
    assert {text_of(ret, "Name") for ret in methods} == {
        "Cash",
        "Check",
        "Visa",
        "MasterCard",
        "ACH",
    }
    codes = only_response(ask(message("<SalesTaxCodeQueryRq/>")))
    assert {text_of(ret, "Name") for ret in codes} == {"Tax", "Non"}
    accounts = only_response(
        ask(
            message(
                "<AccountQueryRq><AccountType>AccountsReceivable</AccountType></AccountQueryRq>"
            )
        )
    )
    (receivables,) = list(accounts)
    assert money_of(receivables, "Balance") == Decimal("374.00")


def test_query_by_unknown_list_id_is_a_warning(ask: Ask) -> None:
    response = only_response(ask(message(customer_query("<ListID>80000999-1</ListID>"))))
    assert response.get("statusCode") == "500"
    assert response.get("statusSeverity") == "Warn"
    assert len(response) == 0


def test_query_without_results_is_no_match(ask: Ask) -> None:
    filtered = customer_query(
        "<NameFilter><MatchCriterion>StartsWith</MatchCriterion><Name>zzz</Name></NameFilter>"
    )
    response = only_response(ask(message(filtered)))
    assert (response.get("statusCode"), response.get("statusSeverity")) == ("1", "Info")
    assert len(response) == 0


def test_name_filter_and_include_ret_element(ask: Ask) -> None:
    query = customer_query(
        "<NameFilter><MatchCriterion>StartsWith</MatchCriterion><Name>harbor</Name></NameFilter>"
        "<IncludeRetElement>ListID</IncludeRetElement><IncludeRetElement>FullName</IncludeRetElement>"
    )
    response = only_response(ask(message(query)))
    assert [text_of(ret, "FullName") for ret in response] == [
        "Harbor Freight Lines",
        "Harbor Freight Lines:Truck 12 Recovery",
        "Harbor Freight Lines:Yard Cleanup",
    ]
    assert all([child.tag for child in ret] == ["ListID", "FullName"] for ret in response)


def test_invoice_query_by_ref_number_entity_and_txn_id(ask: Ask) -> None:
    invoice_id, _ = added_txn_id(
        ask(message(invoice_add("Jane Doe", [("Towing", "1", "10.00")], ref_number="R-77"))),
        "InvoiceRet",
    )
    by_ref = only_response(ask(message(invoice_query("<RefNumber>r-77</RefNumber>"))))
    assert [text_of(ret, "TxnID") for ret in by_ref] == [invoice_id]
    assert by_ref.find("InvoiceRet/InvoiceLineRet") is None
    entity = "<EntityFilter><FullName>Jane Doe</FullName></EntityFilter>"
    by_customer = only_response(ask(message(invoice_query(entity))))
    assert [text_of(ret, "TxnID") for ret in by_customer] == [invoice_id]
    lines = "<IncludeLineItems>true</IncludeLineItems>"
    by_id = only_response(ask(message(invoice_query(f"<TxnID>{invoice_id}</TxnID>{lines}"))))
    assert by_id.find("InvoiceRet/InvoiceLineRet/TxnLineID") is not None
    missing = ask(message(invoice_query("<TxnID>999-1</TxnID>")))
    assert status_codes(missing) == [500]


def test_entity_filter_with_children_includes_jobs(ask: Ask) -> None:
    ask(message(invoice_add("Harbor Freight Lines:Yard Cleanup", [("Storage", "1", "45.00")])))
    ask(message(invoice_add("Harbor Freight Lines", [("Towing", "1", "185.00")])))
    entity = "<EntityFilter><FullNameWithChildren>Harbor Freight Lines</FullNameWithChildren>"
    response = only_response(ask(message(invoice_query(entity + "</EntityFilter>"))))
    assert len(response) == 2
    exact = "<EntityFilter><FullName>Harbor Freight Lines</FullName></EntityFilter>"
    assert len(only_response(ask(message(invoice_query(exact))))) == 1


def test_paid_status_filter(ask: Ask) -> None:
    response = only_response(ask(message(invoice_query("<PaidStatus>NotPaidOnly</PaidStatus>"))))
    assert len(response) == 2
    paid = only_response(ask(message(invoice_query("<PaidStatus>PaidOnly</PaidStatus>"))))
    assert paid.get("statusCode") == "1"


def test_iterators_page_through_2500_customers(
    qbxml_schema: etree.XMLSchema, clock: FakeClock, ask: Ask
) -> None:
    big = QuickBooksSimulator(large_company(2500, clock), schema=qbxml_schema)
    total = len(big.company.customers)
    assert total == 2508
    start = customer_query("<MaxReturned>1000</MaxReturned>", attributes='iterator="Start"')
    response = only_response(ask(message(start), big))
    seen = [text_of(ret, "ListID") for ret in response]
    remaining = [int(response.get("iteratorRemainingCount", "-1"))]
    iterator_id = response.get("iteratorID")
    assert iterator_id
    while remaining[-1] > 0:
        more = customer_query(
            "<MaxReturned>1000</MaxReturned>",
            attributes=f'iterator="Continue" iteratorID="{iterator_id}"',
        )
        response = only_response(ask(message(more), big))
        assert response.get("iteratorID") == iterator_id
        seen += [text_of(ret, "ListID") for ret in response]
        remaining.append(int(response.get("iteratorRemainingCount", "-1")))
    assert remaining == [1508, 508, 0]
    assert len(seen) == len(set(seen)) == total
    assert len(big.company.iterators) == 0


def test_continuing_an_unknown_iterator_fails(ask: Ask) -> None:
    more = customer_query(attributes='iterator="Continue" iteratorID="{00000000-0000}"')
    assert status_codes(ask(message(more))) == [3120]


def test_total_balance_filter(ask: Ask) -> None:
    query = customer_query(
        "<TotalBalanceFilter><Operator>GreaterThan</Operator><Amount>0.00</Amount>"
        "</TotalBalanceFilter>"
    )
    response = only_response(ask(message(query)))
    assert [text_of(ret, "FullName") for ret in response] == [
        "City of Springfield",
        "Smith Auto Body",
    ]


def test_vendor_query(ask: Ask) -> None:
    response = only_response(ask(message("<VendorQueryRq/>")))
    assert [text_of(ret, "Name") for ret in response] == ["Metro Auto Parts"]
