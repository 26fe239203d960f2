"""Property: any request the API accepts produces qbXML that validates against Intuit's
qbxmlops130.xsd and keeps QuickBooks' length limits; anything else is refused with a 4xx and
records nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import count
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree

from adapters.quickbooks.qbxml.requests import build_message
from adapters.services.sync.requests import build_request
from adapters.storage.outbox.operations import OpKind, OutboxRow, Phase, Status
from domain import limits
from tests.e2e.ledger_api_client import LedgerApi, ledger_api

_numbers = count(1)

# Text that fits, half the time; else with the characters and lengths people and
# integrations get wrong.
messy = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.sampled_from(["\x00", "\x07", "\n", "\t", "\u202e", "\u2066", "é", "ü", ":", "\u0661"]),
    ),
    max_size=60,
)


def text(limit: int) -> st.SearchStrategy[str]:
    fitting = st.text(
        alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E, exclude_characters=":"),
        min_size=1,
        max_size=limit,
    )
    return st.one_of(fitting, fitting, messy)


amount = st.one_of(
    st.decimals(min_value=-10, max_value=10**14, places=2, allow_nan=False).map(str),
    st.decimals(min_value=1, max_value=10**4, places=2, allow_nan=False).map(str),
    st.sampled_from(["1_000", " 12 ", "1E+3", "١٢٣", "0.001", "99999999999999999999.00"]),
)
dates = st.one_of(
    st.dates(min_value=date(1890, 1, 1), max_value=date(2110, 12, 31)),
    st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31)),
)
PROPERTY = settings(
    max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LedgerApi]:
    with ledger_api(tmp_path_factory.mktemp("sendable")) as client:
        yield client


def row(kind: OpKind, key: str, customer: str) -> OutboxRow:
    return OutboxRow(
        id=next(_numbers), key=f"{kind.value}:{key}", kind=kind, txn_kind="", txn_key=key,
        invoices=(), customer=customer, status=Status.PENDING, phase=Phase.ACT, attempts=0,
        next_attempt_at=0.0, last_error="", run_id="r", claimed_at=0.0, hint="",
    )  # fmt: skip


def assert_sendable(schema: etree.XMLSchema, api: LedgerApi, op: OutboxRow) -> etree._Element:
    message = build_message([build_request(api.container.ledger, op)])
    document = etree.fromstring(message)
    assert schema.validate(document), f"{schema.error_log}\n{message.decode()}"
    request = document[0][0]
    for element, limit in (
        ("Name", limits.CUSTOMER_NAME),
        ("RefNumber", limits.RECEIVE_PAYMENT_REF_NUMBER),
        ("Memo", limits.MEMO),
        ("ItemRef/FullName", limits.ITEM_NAME),
    ):
        for found in request.iter(element.split("/")[-1]):
            assert len(found.text or "") <= limit, (element, found.text)
    return request


def events_stored(api: LedgerApi) -> int:
    return int(api.container.ledger.recorder.max_notification_id() or 0)


def accepted(api: LedgerApi, url: str, body: dict[str, Any]) -> dict[str, Any] | None:
    """The created record, or None after checking the refusal is a 4xx that recorded nothing."""
    before = events_stored(api)
    answer = api.writer.post(url, json=body)
    if answer.status_code == 201:
        event(f"{url} accepted")
        created: dict[str, Any] = answer.json()
        return created
    assert 400 <= answer.status_code < 500, answer.text
    assert events_stored(api) == before
    return None


@PROPERTY
@given(
    name=text(limits.CUSTOMER_NAME + 3),
    number=text(limits.INVOICE_REF_NUMBER + 2),
    memo=text(80),
    item=text(limits.ITEM_NAME + 2),
    rate=amount,
    txn_date=dates,
)
def test_an_accepted_customer_and_invoice_are_sendable_to_quickbooks(
    qbxml_schema: etree.XMLSchema,
    api: LedgerApi,
    name: str,
    number: str,
    memo: str,
    item: str,
    rate: str,
    txn_date: date,
) -> None:
    code = f"C{next(_numbers)}"
    if accepted(api, "/customers", {"code": code, "name": name}) is None:
        return
    request = assert_sendable(qbxml_schema, api, row(OpKind.CUSTOMER_ADD, code, code))
    assert request.findtext("CustomerAdd/Name") == name.strip()
    api.container.ledger.link_customer(code, f"L-{code}", "1", name.strip())

    body: dict[str, Any] = {
        "number": number, "customer": code, "txn_date": txn_date.isoformat(), "memo": memo,
        "confirm_date": True,
        "lines": [{"item": item, "description": memo, "quantity": "1", "rate": rate}],
    }  # fmt: skip
    invoice = accepted(api, "/invoices", body)
    if invoice is None:
        return
    sent = assert_sendable(qbxml_schema, api, row(OpKind.INVOICE_ADD, invoice["number"], code))
    assert sent.findtext("InvoiceAdd/RefNumber") == invoice["number"]


@PROPERTY
@given(
    reference=text(limits.RECEIVE_PAYMENT_REF_NUMBER + 2),
    amount=amount,
    memo=text(80),
    method=text(limits.SIMPLE_REF_FULL_NAME + 2),
    txn_date=dates,
)
def test_an_accepted_payment_is_sendable_to_quickbooks(
    qbxml_schema: etree.XMLSchema,
    api: LedgerApi,
    reference: str,
    amount: str,
    memo: str,
    method: str,
    txn_date: date,
) -> None:
    code = f"P{next(_numbers)}"
    api.ok("POST", "/customers", {"code": code, "name": f"Payer {code}"}, status=201)
    api.container.ledger.link_customer(code, f"L-{code}", "1", f"Payer {code}")
    body = {
        "reference": reference, "customer": code, "amount": amount, "memo": memo,
        "method": method, "txn_date": txn_date.isoformat(),
    }  # fmt: skip
    payment = accepted(api, "/payments/account", body)
    if payment is None:
        return
    sent = assert_sendable(qbxml_schema, api, row(OpKind.PAYMENT_ADD, payment["reference"], code))
    assert sent.findtext("ReceivePaymentAdd/TotalAmount") == payment["amount"]
