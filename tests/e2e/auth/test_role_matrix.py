"""Every route x every role (and no token) against a real `qbsync serve` in production.

The routes are enumerated from the app, so a route without an entry in ACCESS fails here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

import httpx
import pytest
from fastapi.routing import iter_route_contexts

from api.app import create_app
from api.bootstrap import bootstrap
from tests.e2e.auth.servers import auth, production_env, production_settings, running_serve

# Who may call each route: "open" (no token, also in production), "webconnector" (the SOAP
# protocol's own login), "page" (a web page: only a signed-in session, whatever bearer token
# is sent), or the least role that may.
ACCESS: dict[tuple[str, str], str] = {
    ("GET", "/health"): "open",
    ("GET", "/openapi.json"): "auditor",
    ("GET", "/docs"): "auditor",
    ("GET", "/company"): "auditor",
    ("POST", "/customers"): "bookkeeper",
    ("PUT", "/customers/{code}/name"): "bookkeeper",
    ("PUT", "/customers/{code}/qb-name"): "bookkeeper",
    ("GET", "/customers/{code}"): "auditor",
    ("POST", "/invoices"): "bookkeeper",
    ("PUT", "/invoices/{number}/lines"): "bookkeeper",
    ("POST", "/invoices/{number}/finalize"): "bookkeeper",
    ("POST", "/invoices/{number}/correction"): "bookkeeper",
    ("POST", "/credit-memos/{number}/correction"): "bookkeeper",
    ("POST", "/invoices/{number}/void"): "bookkeeper",
    ("POST", "/invoices/{number}/write-off"): "bookkeeper",
    ("GET", "/invoices/{number}"): "auditor",
    ("POST", "/payments/job"): "bookkeeper",
    ("POST", "/payments/account"): "bookkeeper",
    ("POST", "/payments/{reference}/applications"): "bookkeeper",
    ("DELETE", "/payments/{reference}/applications/{invoice}"): "bookkeeper",
    ("POST", "/payments/{reference}/finish"): "bookkeeper",
    ("POST", "/payments/{reference}/void"): "bookkeeper",
    ("GET", "/payments/{reference}"): "auditor",
    ("POST", "/credit-memos"): "bookkeeper",
    ("POST", "/credit-memos/{number}/applications"): "bookkeeper",
    ("DELETE", "/credit-memos/{number}/applications/{invoice}"): "bookkeeper",
    ("POST", "/credit-memos/{number}/finish"): "bookkeeper",
    ("POST", "/credit-memos/{number}/void"): "bookkeeper",
    ("GET", "/credit-memos/{number}"): "auditor",
    ("POST", "/manual-actions/{action_id}/done"): "bookkeeper",
    ("GET", "/manual-actions/{action_id}"): "auditor",
    ("GET", "/manual-actions"): "auditor",
    ("GET", "/policy/readiness"): "auditor",
    ("GET", "/policy/explain/{kind}/{key}"): "auditor",
    ("GET", "/policy/what-if"): "auditor",
    ("POST", "/policy/level"): "controller",
    ("POST", "/imports"): "bookkeeper",
    ("GET", "/imports"): "auditor",
    ("GET", "/imports/{run_id}"): "auditor",
    ("POST", "/sync/runs"): "bookkeeper",
    ("GET", "/sync/runs/{run_id}"): "auditor",
    ("GET", "/sync/runs/{run_id}/report"): "auditor",
    ("GET", "/sync/parked"): "auditor",
    ("GET", "/sync/stuck"): "auditor",
    ("GET", "/sync/runs"): "auditor",
    ("POST", "/sync/work/{operation}/retry"): "bookkeeper",
    ("POST", "/sync/work/{operation}/dismiss"): "bookkeeper",
    ("GET", "/sync/work/{operation}/history"): "auditor",
    ("GET", "/customers"): "auditor",
    ("GET", "/invoices"): "auditor",
    ("GET", "/payments"): "auditor",
    ("GET", "/credit-memos"): "auditor",
    ("GET", "/history"): "auditor",
    ("POST", "/qbwc"): "webconnector",
    ("GET", "/qbwc"): "webconnector",
    ("POST", "/qbwc/company/{company_id}"): "webconnector",
    ("GET", "/qbwc/company/{company_id}"): "webconnector",
    ("GET", "/qbwc/qwc/{username}"): "bookkeeper",
    ("GET", "/qbwc/support"): "webconnector",
    ("GET", "/sign-in"): "open",
    ("POST", "/sign-in"): "page",  # a form: refused without its CSRF token
    ("POST", "/sign-out"): "page",
    **{
        route: "page"
        for route in [
            ("GET", "/"),
            ("GET", "/export-history"),
            ("GET", "/history.csv"),
            ("GET", "/import"),
            ("GET", "/import/{run_id}"),
            ("GET", "/needs-a-person"),
            ("GET", "/policy"),
            ("GET", "/quickbooks"),
            ("GET", "/runs"),
            ("GET", "/runs/{run_id}"),
            ("GET", "/transactions"),
            ("GET", "/transactions/{kind}/{key}"),
            ("GET", "/transactions/{kind}/{key}/history.csv"),
            ("POST", "/import"),
            ("POST", "/needs-a-person/dismiss"),
            ("POST", "/needs-a-person/retry"),
            ("POST", "/needs-a-person/{action_id}/done"),
            ("POST", "/policy"),
            ("POST", "/policy/confirm"),
            ("POST", "/sync"),
        ]
    },
}
ROLES = [None, "auditor", "bookkeeper", "controller"]
RANK = {"auditor": 1, "bookkeeper": 2, "controller": 3}


def expected_refusal(access: str, role: str | None) -> int | None:
    """401 or 403 when `role` may not call a route of `access`; None when it may."""
    if access in ("open", "webconnector", "page"):
        return None
    if role is None:
        return 401
    return 403 if RANK[role] < RANK[access] else None


def app_routes(data_dir: Path) -> set[tuple[str, str]]:
    container = bootstrap(production_settings(data_dir))
    try:
        app = create_app(container)
        return {
            (method, str(context.path))
            for context in iter_route_contexts(app.routes)
            for method in context.methods or ()
            if method != "HEAD"
        }
    finally:
        container.close()


def concrete(path: str) -> str:
    """The route's path with each parameter given a value no record has."""
    return re.sub(r"\{(\w+)\}", lambda m: str(uuid4()) if m[1] == "action_id" else "NOPE", path)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_serve(production_env(tmp_path_factory.mktemp("matrix"))) as base:
        yield base


def test_every_route_of_the_app_has_an_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QBSYNC_QBWC_PUBLIC_URL", production_env(tmp_path)["QBSYNC_QBWC_PUBLIC_URL"])
    routes = app_routes(tmp_path)
    assert sorted(routes - ACCESS.keys()) == [], "new routes need an entry in ACCESS"
    assert sorted(ACCESS.keys() - routes) == [], "ACCESS names routes the app no longer has"


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role or "no-token")
@pytest.mark.parametrize(("method", "path"), sorted(ACCESS), ids=lambda value: str(value))
def test_each_role_gets_the_answer_the_table_gives(
    server: str, method: str, path: str, role: str | None
) -> None:
    # A JSON body no route accepts: an allowed write is refused as malformed (or names a
    # record that does not exist), so the matrix records nothing.
    response = httpx.request(
        method, server + concrete(path), headers=auth(role), json=[], timeout=30
    )
    refusal = expected_refusal(ACCESS[(method, path)], role)
    if ACCESS[(method, path)] == "page":
        assert response.status_code in (303, 403), response.text
        if response.status_code == 303:
            assert response.headers["location"].startswith("/sign-in?next=")
    elif refusal is None:
        assert response.status_code not in (401, 403), response.text
        if ACCESS[(method, path)] != "webconnector":
            assert response.status_code < 500, response.text
    else:
        assert response.status_code == refusal, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["status"] == refusal


def test_a_wrong_token_is_refused_even_where_none_is_needed(server: str) -> None:
    wrong = {"Authorization": "Bearer not-a-configured-token"}
    assert httpx.get(f"{server}/company", headers=wrong).status_code == 401
    assert httpx.get(f"{server}/health").status_code == 200


def test_confirming_a_repeat_import_needs_a_controller(server: str) -> None:
    body = {"confirm": True, "via": "webconnector"}
    refused = httpx.post(f"{server}/imports", json=body, headers=auth("bookkeeper"))
    assert refused.status_code == 403
    assert "controller" in refused.json()["detail"]
    allowed = httpx.post(f"{server}/imports", json=body, headers=auth("controller"))
    assert allowed.status_code == 202, allowed.text  # queued for the Web Connector
