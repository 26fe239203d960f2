"""Refreshing only the lists: after an item is added in QuickBooks, the bookkeeper brings the
lists in again without the repeat import's warning, and the new item is taken at entry."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from adapters.quickbooks.simulator.company import Company, Ref
from adapters.quickbooks.simulator.demo_company import INCOME_ACCOUNT
from adapters.quickbooks.simulator.model import ItemKind
from adapters.quickbooks.simulator.operations_lists import add_item
from tests.e2e.ledger_api_client import LedgerApi, ledger_api, line

TODAY = "2024-03-02"


@pytest.fixture
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LedgerApi]:
    with ledger_api(tmp_path_factory.mktemp("lists-refresh")) as client:
        client.ok("POST", "/imports", {}, status=201)
        client.ok("POST", "/customers", {"code": "ACME", "name": "Acme Towing"}, status=201)
        client.ok("POST", "/invoices", invoice("R-1", "Towing"), status=201)
        yield client


def invoice(number: str, item: str) -> dict[str, Any]:
    return {"number": number, "customer": "ACME", "txn_date": TODAY, "lines": [line("10", item)]}


def add_winch_out_in_quickbooks(api: LedgerApi) -> None:
    simulator = api.container.quickbooks_simulator()
    assert simulator.company_file is not None

    def add(company: Company) -> tuple[None, bool]:
        add_item(
            company,
            name="Winch Out",
            kind=ItemKind.SERVICE,
            income_account=Ref(full_name=INCOME_ACCOUNT),
        )
        return None, True

    simulator.company_file.exchange(add)


def test_a_lists_refresh_brings_a_new_item_without_the_repeat_warning(api: LedgerApi) -> None:
    add_winch_out_in_quickbooks(api)
    refused = api.writer.post("/invoices", json=invoice("R-2", "Winch Out"))
    assert refused.status_code == 422, refused.text
    completed_before = api.container.ledger.company_settings().imports_completed

    report = api.ok("POST", "/imports", {"lists_only": True}, status=201)

    assert report["status"] == "completed"
    assert report["repeat"] is False
    assert report["warnings"] == []
    api.ok("POST", "/invoices", invoice("R-2", "Winch Out"), status=201)
    assert api.container.ledger.company_settings().imports_completed == completed_before


def test_a_full_repeat_still_needs_its_confirmation(api: LedgerApi) -> None:
    api.ok("POST", "/imports", {"lists_only": True}, status=201)

    refused = api.writer.post("/imports", json={})

    assert refused.status_code == 409, refused.text
