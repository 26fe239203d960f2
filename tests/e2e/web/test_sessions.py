"""Signing in to the pages: the session cookie, CSRF on every form, safe redirects."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from adapters.settings import Settings
from api.app import create_app
from api.bootstrap import Container, bootstrap
from tests.e2e.sync.conftest import TOKEN


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "every form carries the session's CSRF token"
    return found.group(1)


def signed_in(container: Container) -> TestClient:
    client = TestClient(create_app(container))
    form = client.get("/sign-in").text
    answer = client.post(
        "/sign-in",
        data={"token": TOKEN, "csrf": csrf_of(form), "next": "/"},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/"
    return client


def test_pages_ask_to_sign_in_first_and_come_back(container: Container) -> None:
    client = TestClient(create_app(container))
    answer = client.get("/transactions?state=waiting", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/sign-in?next=/transactions%3Fstate%3Dwaiting"


def test_a_wrong_token_is_refused_in_words(container: Container) -> None:
    client = TestClient(create_app(container))
    form = client.get("/sign-in").text
    answer = client.post("/sign-in", data={"token": "guess", "csrf": csrf_of(form)})
    assert answer.status_code == 401
    assert "That token is not valid" in answer.text
    assert client.get("/", follow_redirects=False).status_code == 303


def test_the_session_cookie_is_signed_http_only_and_strict(container: Container) -> None:
    client = TestClient(create_app(container))
    cookie = client.get("/sign-in").headers["set-cookie"]
    assert cookie.startswith("qbsync_session=")
    assert "httponly" in cookie.lower()
    assert "samesite=strict" in cookie.lower()
    assert "secure" not in cookie.lower()
    client.cookies.set("qbsync_session", "forged")
    assert client.get("/", follow_redirects=False).status_code == 303


def test_in_production_the_cookie_is_secure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QBSYNC_QBWC_PUBLIC_URL", "https://qbsync.example.com/qbwc")
    settings = Settings(
        data_dir=tmp_path,
        database_url="",
        api_token=TOKEN,
        environment="production",
        quickbooks="webconnector",
    )
    container = bootstrap(settings)
    try:
        cookie = TestClient(create_app(container)).get("/sign-in").headers["set-cookie"]
        assert "secure" in cookie.lower()
    finally:
        container.close()


def test_a_form_without_this_sessions_token_changes_nothing(container: Container) -> None:
    client = signed_in(container)
    for csrf in ("", "another-sessions-token"):
        answer = client.post(
            "/policy", data={"level": "aggressive", "confirmed": "yes", "csrf": csrf}
        )
        assert answer.status_code == 403
        assert "This form has expired" in answer.text
    assert container.readiness.current_level(container.ledger).value == "conservative"
    good = client.post(
        "/policy",
        data={"level": "aggressive", "confirmed": "yes", "csrf": csrf_of(client.get("/").text)},
    )
    assert good.status_code == 200
    assert "The policy level is now aggressive" in good.text


def test_a_switch_needs_its_confirmation(container: Container) -> None:
    client = signed_in(container)
    csrf = csrf_of(client.get("/policy").text)
    asked = client.post("/policy/confirm", data={"level": "moderate", "csrf": csrf})
    assert "Switch from conservative to moderate?" in asked.text
    unconfirmed = client.post("/policy", data={"level": "moderate", "csrf": csrf})
    assert "The level was not switched" in unconfirmed.text
    assert container.readiness.current_level(container.ledger).value == "conservative"


def test_sign_in_goes_back_only_to_this_site(container: Container) -> None:
    client = TestClient(create_app(container))
    form = client.get("/sign-in?next=//evil.example/").text
    assert 'name="next" value="/"' in form
    answer = client.post(
        "/sign-in",
        data={"token": TOKEN, "csrf": csrf_of(form), "next": "https://evil.example/"},
        follow_redirects=False,
    )
    assert answer.headers["location"] == "/"


def test_signing_out_ends_the_session(container: Container) -> None:
    client = signed_in(container)
    client.post("/sign-out", data={"csrf": csrf_of(client.get("/").text)})
    assert client.get("/", follow_redirects=False).status_code == 303
