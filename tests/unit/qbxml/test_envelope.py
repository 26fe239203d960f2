"""The qbXML envelope: prologue, onError, requestIDs and newMessageSetID."""

from __future__ import annotations

import pytest
from lxml import etree

from adapters.quickbooks.qbxml.requests import (
    CustomerQuery,
    ItemQuery,
    QbxmlFieldError,
    TermsQuery,
    build_message,
)
from tests.unit.qbxml.samples import assert_valid


def test_message_starts_with_xml_and_qbxml_declarations() -> None:
    message = build_message([TermsQuery()])
    assert message.startswith(b'<?xml version="1.0"?>\n<?qbxml version="13.0"?>\n<QBXML>')
    assert b'<QBXMLMsgsRq onError="stopOnError">' in message


@pytest.mark.parametrize("on_error", ["stopOnError", "continueOnError", "rollbackOnError"])
def test_every_on_error_mode_validates(qbxml_schema: etree.XMLSchema, on_error: str) -> None:
    document = assert_valid(qbxml_schema, build_message([TermsQuery()], on_error))  # type: ignore[arg-type]
    assert document[0].get("onError") == on_error


def test_unknown_on_error_is_refused() -> None:
    with pytest.raises(QbxmlFieldError, match="onError 'ignore'"):
        build_message([TermsQuery()], "ignore")  # type: ignore[arg-type]


def test_explicit_request_ids_are_echoed_and_missing_ones_numbered() -> None:
    message = build_message(
        [CustomerQuery(request_id="cust:42"), ItemQuery(), TermsQuery(request_id="terms")]
    )
    requests = etree.fromstring(message)[0]
    assert [r.get("requestID") for r in requests] == ["cust:42", "2", "terms"]


def test_request_id_over_50_and_duplicates_are_refused() -> None:
    with pytest.raises(QbxmlFieldError, match=r"CustomerQuery: requestID .* 51 characters"):
        build_message([CustomerQuery(request_id="r" * 51)])
    build_message([CustomerQuery(request_id="r" * 50)])
    with pytest.raises(QbxmlFieldError, match="requestID '2' is used twice"):
        build_message([CustomerQuery(request_id="2"), ItemQuery()])


def test_new_message_set_id_is_emitted_and_bounded(qbxml_schema: etree.XMLSchema) -> None:
    document = assert_valid(
        qbxml_schema, build_message([TermsQuery()], new_message_set_id="batch-2024-03-21-01")
    )
    assert document[0].get("newMessageSetID") == "batch-2024-03-21-01"
    with pytest.raises(QbxmlFieldError, match=r"newMessageSetID .* QuickBooks allows 23"):
        build_message([TermsQuery()], new_message_set_id="m" * 24)


def test_empty_message_is_refused() -> None:
    with pytest.raises(QbxmlFieldError, match="has no requests"):
        build_message([])


def test_non_ascii_text_travels_as_utf8(qbxml_schema: etree.XMLSchema) -> None:
    message = build_message([CustomerQuery(full_names=("Café Müller",))])
    assert "Café Müller".encode() in message
    document = assert_valid(qbxml_schema, message)
    assert document.findtext("QBXMLMsgsRq/CustomerQueryRq/FullName") == "Café Müller"
