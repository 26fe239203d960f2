"""The one parser for XML that comes from outside (SOAP bodies, qbXML answers).

No DTDs, no entities, no network, bounded size and depth: billion-laughs, external
entities and oversized documents are refused with an `UnsafeXmlError` before lxml builds
anything from them.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree

MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64

_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DECLARATION_IN_TEXT = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_WIDE_ENCODINGS_BY_BOM = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ENCODING_IN_XML_DECLARATION = re.compile(
    r"\A(\ufeff?\s*<\?xml[^>]*?)\s+encoding\s*=\s*(['\"])[^'\"]*\2", re.IGNORECASE
)


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
    raw = _as_bytes(document)
    if len(raw) > max_bytes:
        raise UnsafeXmlError(
            f"XML document of {len(raw)} bytes refused: the limit is {max_bytes} bytes"
        )
    if _declares_dtd(raw):
        raise UnsafeXmlError("XML document refused: DTDs and entity declarations are not accepted")
    try:
        root = etree.fromstring(raw, parser=_parser())
    except (etree.XMLSyntaxError, ValueError) as error:
        raise UnsafeXmlError(f"malformed XML: {error}") from error
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or bool(getattr(docinfo, "doctype", None)):
        # Last line of defence: a DTD in an encoding the scan above does not decode.
        raise UnsafeXmlError("XML document refused: DTDs and entity declarations are not accepted")
    _check_depth(root, max_depth)
    return root


def _declares_dtd(raw: bytes) -> bool:
    """Scan for a DTD in the bytes as written, and again decoded if they are UTF-16/32."""
    if _DECLARATION.search(raw):
        return True
    for bom, encoding in _WIDE_ENCODINGS_BY_BOM:
        if raw.startswith(bom):
            return bool(_DECLARATION_IN_TEXT.search(raw.decode(encoding, errors="replace")))
    return False


def _as_bytes(document: bytes | str) -> bytes:
    """UTF-8 bytes; a text document loses its (now wrong) encoding declaration."""
    if isinstance(document, bytes):
        return document
    if not isinstance(document, str):
        raise UnsafeXmlError(f"XML document must be bytes or str, not {type(document).__name__}")
    return _ENCODING_IN_XML_DECLARATION.sub(r"\1", document, count=1).encode("utf-8")


def _check_depth(root: etree._Element, max_depth: int) -> None:
    stack: list[tuple[etree._Element, int]] = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > max_depth:
            raise UnsafeXmlError(f"XML document refused: nested deeper than {max_depth} levels")
        stack.extend((child, depth + 1) for child in element)
