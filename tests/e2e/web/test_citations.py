"""One event name everywhere: in the API's citations, in histories, and in the pages."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from api.app import create_app
from api.bootstrap import Container
from domain.lines import make_line
from tests.e2e.web.test_sessions import signed_in


def a_credit_applied(container: Container) -> None:
    ledger = container.ledger
    ledger.register_customer("C1", "Customer C1")
    ledger.create_invoice("100-1", "C1", date(2026, 3, 2), [make_line("Tow", "tow", "1", "80")])
    ledger.finalize_invoice("100-1")
    ledger.create_credit_memo("CM-1", "C1", date(2026, 3, 2), [make_line("Credit", "c", "1", "5")])
    ledger.apply_credit_memo("CM-1", "100-1", "5.00")


def test_a_citation_and_the_history_name_the_event_alike(container: Container) -> None:
    a_credit_applied(container)
    client = TestClient(create_app(container))
    explained = client.get("/policy/explain/credit-memo/CM-1").json()
    cited = [c for c in explained["imports"]["conservative"]["unmet"][0]["cited"]]
    applied = next(c for c in cited if c["event"] == "CreditSource.Applied")
    assert applied["name"] == "Applied"
    history = client.get("/credit-memos/CM-1").json()["history"]
    assert "Applied" in [entry["type"] for entry in history]


def test_the_page_links_each_citation_to_its_history_line(container: Container) -> None:
    a_credit_applied(container)
    client = signed_in(container)
    page = client.get("/transactions/credit-memo/CM-1").text
    assert 'href="#log-' in page
    assert "credit memo CM-1 · Applied · " in page
    assert "· log #" in page
    assert 'id="log-' in page
