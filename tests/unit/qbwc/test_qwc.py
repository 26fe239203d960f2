from __future__ import annotations

import re

import pytest
from lxml import etree

from adapters.quickbooks.webconnector.qwc import QwcError, QwcSettings, build_qwc, file_id, owner_id

GUID = re.compile(r"\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}")


def make(app_url: str = "https://qb.example.com/qbwc/company/acme", company: str = "acme") -> bytes:
    return build_qwc(
        app_url=app_url,
        support_url="https://qb.example.com/qbwc/support",
        username="alice",
        company_id=company,
        settings=QwcSettings(run_every_minutes=30),
    )


def test_the_qwc_file_holds_everything_the_web_connector_needs() -> None:
    root = etree.fromstring(make())
    assert root.tag == "QBWCXML"
    assert [child.tag for child in root] == [
        "AppName",
        "AppID",
        "AppURL",
        "AppDescription",
        "AppSupport",
        "UserName",
        "OwnerID",
        "FileID",
        "QBType",
        "Scheduler",
        "IsReadOnly",
    ]
    assert root.findtext("AppURL") == "https://qb.example.com/qbwc/company/acme"
    assert root.findtext("UserName") == "alice"
    assert GUID.fullmatch(root.findtext("OwnerID") or "")
    assert GUID.fullmatch(root.findtext("FileID") or "")
    assert root.findtext("QBType") == "QBFS"
    assert root.findtext("Scheduler/RunEveryNMinutes") == "30"
    assert root.findtext("IsReadOnly") == "false"


def test_ids_are_stable_per_company_and_differ_between_companies() -> None:
    assert owner_id("acme") == owner_id("acme")
    assert file_id("acme") == file_id("acme")
    assert len({owner_id("acme"), owner_id("globex"), file_id("acme"), file_id("globex")}) == 4


@pytest.mark.parametrize(
    "url", ["http://qb.example.com/qbwc", "ftp://qb.example.com/qbwc", "https:///nohost"]
)
def test_plain_http_is_refused_except_on_localhost(url: str) -> None:
    with pytest.raises(QwcError):
        make(app_url=url)


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]"])
def test_plain_http_on_localhost_is_allowed(host: str) -> None:
    root = etree.fromstring(make(app_url=f"http://{host}:8000/qbwc"))
    assert root.findtext("AppURL") == f"http://{host}:8000/qbwc"
