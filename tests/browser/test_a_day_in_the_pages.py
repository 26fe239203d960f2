"""A bookkeeper's day, a controller's switch and an auditor's export, in a real browser
against a real `qbsync serve`. Every page is screenshotted, its fields checked for labels
and its main buttons for keyboard reach."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.checks import look, tab_reaches
from tests.browser.conftest import TOKEN, Server


def sign_in(page: Any) -> None:
    page.goto("/")
    expect(page).to_have_url("/sign-in?next=/")  # not signed in: the sign-in page first
    look(page, "01-sign-in")
    tab_reaches(page, "token", "Sign in")
    page.get_by_label("Your sign-in token").fill(TOKEN)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Today")).to_be_visible()


def test_a_bookkeepers_day(page: Any, server: Server) -> None:
    # 1. sign in (a wrong token is refused in words first)
    page.goto("/sign-in")
    page.get_by_label("Your sign-in token").fill("not-the-token")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("That token is not valid")
    sign_in(page)

    # 2. see what waits
    look(page, "02-today")
    tab_reaches(page, "Start sync")
    waiting = int(page.locator(".count", has_text="waiting").locator(".n").inner_text())
    assert waiting > 0

    # 3. start a sync and watch it finish
    page.get_by_role("button", name="Start sync").click()
    expect(page.get_by_role("heading", name="Sync run")).to_be_visible()
    expect(page.locator("#run-state")).to_contain_text("finished", timeout=60_000)
    look(page, "03-sync-run")
    expect(page.get_by_role("region", name="Needs a person")).to_contain_text("customer-add:V1")
    page.get_by_role("link", name="Sync runs").first.click()
    look(page, "03b-sync-runs")

    # 4. open a waiting invoice and read why
    page.goto("/transactions?kind=invoice&state=waiting")
    look(page, "04-transactions-waiting")
    first = page.locator("tbody tr").first
    reason = first.locator("td").nth(7).inner_text()
    assert reason, "a waiting invoice says why in its row"
    first.get_by_role("link").click()
    verdicts = page.get_by_role("region", name="In QuickBooks, and why")
    expect(verdicts).to_contain_text(reason)
    look(page, "05-transaction")

    # 5. open its cited event: the link leads to its line in a history timeline (this
    # record's, or the cited record's page)
    citation = verdicts.locator("a[href*='#log-']").first
    cited_text = citation.inner_text()
    assert " · log #" in cited_text
    citation.click()
    position = page.evaluate("() => location.hash").removeprefix("#log-")
    target = page.locator(f"#log-{position}")
    expect(target).to_be_visible()
    expect(target).to_contain_text(f"log #{position}")
    assert cited_text.split(" · ")[1] in target.inner_text()  # the same event name

    # 6. pick a past date: the day before, qbsync knew nothing of it; at its first event, it did
    page.get_by_label("Recorded by this date (UTC)").fill(
        (server.day.day - timedelta(days=400)).isoformat()
    )
    page.get_by_role("button", name="Show as of then").click()
    expect(page.locator("#moment-used")).to_contain_text("had not recorded")
    look(page, "06-transaction-as-of-a-past-date")
    first_event = page.locator(".timeline li").first.get_attribute("id") or ""
    page.get_by_label("or at log position").fill(first_event.removeprefix("log-"))
    page.get_by_label("Recorded by this date (UTC)").fill("")
    page.get_by_role("button", name="Show as of then").click()
    expect(page.locator("#moment-used")).to_contain_text(
        f"as of log #{first_event.removeprefix('log-')}"
    )
    tab_reaches(page, "Show as of then")

    # 7. retry a parked operation after fixing its record
    page.get_by_role("link", name="Needs a person").first.click()
    parked = operation_row(page, "customer-add:V1")
    expect(parked).to_contain_text("set a QB Name for customer V1")
    look(page, "07-needs-a-person-parked")
    tab_reaches(page, "Retry", "Dismiss")
    with server.api() as api:  # the billing system fixes the customer's QuickBooks name
        answer = api.put("/customers/V1/qb-name", json={"qb_name": "Metro Auto Parts (customer)"})
        assert answer.status_code == 200, answer.text
    retry_parked(page)
    page.get_by_role("link", name="Needs a person").first.click()
    expect(operation_row(page, "customer-add:V1")).to_have_count(0)
    page.goto("/transactions/invoice/7001-1")
    expect(page.get_by_role("region", name="The record now")).to_contain_text("TxnID")

    # 8. mark a manual action done
    with server.api() as api:  # a cheque bounced after QuickBooks had the payment
        assert api.post("/payments/P-7001/void", json={"reason": "bounced"}).status_code == 200
    page.get_by_role("link", name="Needs a person").first.click()
    action = page.locator("article", has_text="job payment P-7001")
    action.get_by_label("Note (optional)").fill("voided in QuickBooks, cheque 1182")
    look(page, "08-needs-a-person-manual-action")
    tab_reaches(page, "Mark done")
    action.get_by_role("button", name="Mark done").click()
    expect(page.get_by_role("status")).to_contain_text("job payment P-7001 marked done")
    expect(page.locator("article", has_text="job payment P-7001")).to_have_count(0)


def operation_row(page: Any, operation: str) -> Any:
    return page.locator("tr", has=page.locator("td:first-child", has_text=operation))


def retry_parked(page: Any) -> None:
    """Retry it (recorded with who), then send it with a sync."""
    page.get_by_role("button", name="Retry customer-add:V1").click()
    expect(page.get_by_role("status")).to_contain_text(
        "customer-add:V1 will be sent again with the next sync (retried by controller)"
    )
    page.get_by_role("link", name="Today").first.click()
    page.get_by_role("button", name="Start sync").click()
    expect(page.locator("#run-state")).to_contain_text("finished", timeout=60_000)


@pytest.mark.usefixtures("server")
def test_a_controller_switches_the_level_after_reading_the_difference(page: Any) -> None:
    sign_in(page)
    page.get_by_role("link", name="Policy").first.click()
    expect(page.locator("#current-level")).to_have_text("conservative")
    look(page, "09-policy")
    tab_reaches(page, "Switch to aggressive…")
    aggressive = page.get_by_role("region", name="Aggressive")
    expect(aggressive).to_contain_text("An invoice goes as soon as it is finalized.")
    more = aggressive.locator("div", has_text="More").first.inner_text()
    aggressive.get_by_role("button", name="Switch to aggressive…").click()
    # the confirmation repeats the difference before anything changes
    expect(
        page.get_by_role("heading", name="Switch from conservative to aggressive?")
    ).to_be_visible()
    for line in more.splitlines()[1:3]:
        expect(page.locator("main")).to_contain_text(line.strip())
    look(page, "10-policy-confirm")
    page.get_by_role("button", name="Yes, switch to aggressive").click()
    expect(page.get_by_role("status")).to_contain_text("The policy level is now aggressive")
    expect(page.locator("#current-level")).to_have_text("aggressive")


@pytest.mark.usefixtures("server")
def test_an_auditor_exports_a_history_and_finds_who_did_each_step(page: Any) -> None:
    sign_in(page)
    page.get_by_role("link", name="History").first.click()
    look(page, "11-history")
    page.get_by_label("From (UTC)").fill("2000-01-01")
    page.get_by_label("To (UTC)").fill("2100-12-31")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export as CSV").click()
    text = open(download.value.path(), encoding="utf-8").read()  # noqa: SIM115
    rows = list(csv.DictReader(io.StringIO(text)))
    steps = {(row["record"], row["event"]): row["by"] for row in rows}
    assert steps[("company settings", "Policy level changed")] == "controller"
    assert steps[("manual action for job payment P-7001", "Done")] == "controller"
    assert steps[("invoice 7001-1", "Imported to QuickBooks")] == "qbsync"
    positions = [int(row["log position"]) for row in rows]
    assert positions == sorted(positions)


@pytest.mark.usefixtures("server")
def test_every_other_page_is_labelled_and_reachable(page: Any) -> None:
    sign_in(page)
    for link, name, button in (
        ("QuickBooks (simulated)", "13-quickbooks", None),
        ("Transactions", "14-transactions", "Show"),
        ("Import", "12-import", "Repeat the import"),
    ):
        page.get_by_role("link", name=link).first.click()
        look(page, name)
        if button:
            tab_reaches(page, button)
    # the ledger holds transactions: a repeat import warns, and is refused unless confirmed
    expect(page.get_by_role("note")).to_contain_text("Warning: this is a repeat import")
    page.get_by_role("button", name="Repeat the import").click()
    expect(page.get_by_role("alert")).to_contain_text("Not imported: tick")
    look(page, "12b-import-refused")
    page.locator("tbody a").first.click()  # a past import's report
    expect(page.get_by_role("heading", name="Import")).to_contain_text("Import 20")
    look(page, "15-import-report")
