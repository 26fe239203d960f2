"""The one parser for XML that comes from outside (SOAP bodies, qbXML answers).

No DTDs, no entities, no network, bounded size and depth: billion-laughs, external
entities and oversized documents are refused with an `UnsafeXmlError` before lxml builds
anything from them.
"""

from __future__ import annotations

import re

from lxml import etree

MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64

_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class UnsafeXmlError(ValueError):
    """An XML document was refused: malformed, too large, too deep, or declaring a DTD."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=True,
        remove_comments=True,
        remove_pis=False,
    )


def parse_untrusted(
    document: bytes | str, *, max_bytes: int = MAX_DOCUMENT_BYTES, max_depth: int = MAX_DEPTH
) -> etree._Element:
    """Parse `document` from outside and return its root element, or raise UnsafeXmlError."""
    raw = document.encode("utf-8") if isinstance(document, str) else document
    if len(raw) > max_bytes:
        raise UnsafeXmlError(
            f"XML document of {len(raw)} bytes refused: the limit is {max_bytes} bytes"
        )
    if _DECLARATION.search(raw):
        raise UnsafeXmlError("XML document refused: DTDs and entity declarations are not accepted")
    try:
        root = etree.fromstring(raw, parser=_parser())
    except etree.XMLSyntaxError as error:
        raise UnsafeXmlError(f"malformed XML: {error}") from error
    _check_depth(root, max_depth)
    return root


def _check_depth(root: etree._Element, max_depth: int) -> None:
    stack: list[tuple[etree._Element, int]] = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > max_depth:
            raise UnsafeXmlError(f"XML document refused: nested deeper than {max_depth} levels")
        stack.extend((child, depth + 1) for child in element)
