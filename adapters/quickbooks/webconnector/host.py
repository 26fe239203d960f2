"""Which QuickBooks the Web Connector reached, from the first sendRequestXML of a session.

QBWC passes QuickBooks' answer to a HostQuery in strHCPResponse (and the highest qbXML
version and the country in qbXMLMajorVers, qbXMLMinorVers and qbXMLCountry). qbsync's
requests are US qbXML 13.0: a QuickBooks that cannot take them is handed nothing, and the
reason says what it supports and what qbsync needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from adapters.quickbooks.qbxml.envelope import QBXML_VERSION
from adapters.quickbooks.qbxml.safe_xml import UnsafeXmlError, parse_untrusted

Version = tuple[int, int]
NEEDED_VERSION: Version = tuple(int(part) for part in QBXML_VERSION.split("."))  # type: ignore[assignment]
SUPPORTED_COUNTRIES = ("US",)


@dataclass(frozen=True)
class HostInfo:
    product: str
    country: str
    versions: tuple[Version, ...]
    """The qbXML versions QuickBooks says it supports (empty: it did not say)."""

    @property
    def highest(self) -> Version | None:
        return max(self.versions) if self.versions else None


def host_info(hcp_response: str, country: str, major: int, minor: int) -> HostInfo:
    """QuickBooks as the HostQuery answer describes it, else as QBWC's arguments do."""
    product, host_country, versions = _host_ret(hcp_response)
    if not versions and major > 0:
        versions = ((major, minor),)
    return HostInfo(product, (host_country or country).strip().upper(), versions)


def cannot_serve(host: HostInfo) -> str:
    """Why qbsync cannot send its requests to this QuickBooks, or "" when it can."""
    which = f"{host.product or 'QuickBooks'}"
    if host.country and host.country not in SUPPORTED_COUNTRIES:
        return (
            f"{which} is the {host.country} edition; qbsync sends qbXML for the "
            f"{' or '.join(SUPPORTED_COUNTRIES)} edition only, so nothing was sent. Connect a "
            "US edition of QuickBooks Desktop."
        )
    highest = host.highest
    if highest is not None and NEEDED_VERSION not in host.versions and highest < NEEDED_VERSION:
        supported = ", ".join(_dotted(v) for v in sorted(host.versions))
        return (
            f"{which} supports qbXML {supported}; qbsync needs qbXML {_dotted(NEEDED_VERSION)}, "
            "so nothing was sent. Update QuickBooks Desktop (2014 or newer) and run the "
            "update again."
        )
    return ""


def _host_ret(hcp_response: str) -> tuple[str, str, tuple[Version, ...]]:
    if not hcp_response.strip():
        return "", "", ()
    try:
        root = parse_untrusted(hcp_response)
    except UnsafeXmlError:
        return "", "", ()
    host = root.find(".//HostRet")
    if host is None:
        return "", "", ()
    versions = tuple(
        version
        for element in host.iterfind("SupportedQBXMLVersion")
        if (version := _version(element.text or "")) is not None
    )
    return (host.findtext("ProductName") or "").strip(), host.findtext("Country") or "", versions


def _version(text: str) -> Version | None:
    major, _, minor = text.strip().partition(".")
    if not major.isdigit() or not (minor or "0").isdigit():
        return None
    return int(major), int(minor or "0")


def _dotted(version: Version) -> str:
    return f"{version[0]}.{version[1]}"
