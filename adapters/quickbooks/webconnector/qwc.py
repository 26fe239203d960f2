"""The `.qwc` file a user loads into the Web Connector to connect it to this server.

OwnerID and FileID are derived from the company id (UUID version 5), so downloading the
file again gives the same IDs and each company file gets its own pair.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
_ID_NAMESPACE = uuid.UUID("6f1c1b0e-3a53-4c55-9d4e-6a0f1e0b9c21")


class QwcError(ValueError):
    """The .qwc file cannot be made as asked (e.g. a plain-HTTP AppURL on a public host)."""


@dataclass(frozen=True)
class QwcSettings:
    app_name: str = "qbsync"
    app_description: str = "Synchronises the field-service ledger into QuickBooks Desktop."
    run_every_minutes: int = 15
    is_read_only: bool = False


def check_app_url(url: str) -> None:
    """Raise QwcError unless `url` is HTTPS, or HTTP on this computer (localhost)."""
    parts = urlsplit(url)
    if not parts.hostname:
        raise QwcError(f"AppURL {url!r} has no host name")
    if parts.scheme == "https":
        return
    if parts.scheme == "http" and parts.hostname in LOCAL_HOSTS:
        return
    raise QwcError(
        f"AppURL {url!r} must use HTTPS: the Web Connector accepts plain HTTP only on localhost"
    )


def owner_id(company_id: str) -> str:
    return "{" + str(uuid.uuid5(_ID_NAMESPACE, f"owner:{company_id}")).upper() + "}"


def file_id(company_id: str) -> str:
    return "{" + str(uuid.uuid5(_ID_NAMESPACE, f"file:{company_id}")).upper() + "}"


def build_qwc(
    *,
    app_url: str,
    support_url: str,
    username: str,
    company_id: str,
    settings: QwcSettings | None = None,
) -> bytes:
    """The QBWCXML document for one Web Connector user (one company file)."""
    settings = settings or QwcSettings()
    check_app_url(app_url)
    check_app_url(support_url)
    if not 1 <= settings.run_every_minutes <= 10_000:
        raise QwcError("RunEveryNMinutes must be between 1 and 10000")
    root = etree.Element("QBWCXML")
    for name, value in (
        ("AppName", f"{settings.app_name} ({company_id})"),
        ("AppID", ""),
        ("AppURL", app_url),
        ("AppDescription", settings.app_description),
        ("AppSupport", support_url),
        ("UserName", username),
        ("OwnerID", owner_id(company_id)),
        ("FileID", file_id(company_id)),
        ("QBType", "QBFS"),
    ):
        etree.SubElement(root, name).text = value
    scheduler = etree.SubElement(root, "Scheduler")
    etree.SubElement(scheduler, "RunEveryNMinutes").text = str(settings.run_every_minutes)
    etree.SubElement(root, "IsReadOnly").text = "true" if settings.is_read_only else "false"
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True))
