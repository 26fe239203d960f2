"""One QuickBooks gateway, chosen at start-up from QBSYNC_QUICKBOOKS: production never runs
on the simulator by accident, and no route picks a transport of its own."""

from __future__ import annotations

from pathlib import Path

import httpx

from adapters.quickbooks.webconnector.users import QbwcUser, format_user
from adapters.settings import Settings
from api.bootstrap import bootstrap
from tests.e2e.gateway.serve_process import (
    PUBLIC_URL,
    TOKEN,
    refused_start,
    running_serve,
    serve_env,
)
from tests.unit.qbwc.factories import cheap_hash

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_production_refuses_to_start_on_an_implicit_simulator_in_one_line(tmp_path: Path) -> None:
    env = serve_env(tmp_path, QBSYNC_ENVIRONMENT="production", QBSYNC_QBWC_PUBLIC_URL=PUBLIC_URL)

    refused = refused_start(env)

    assert refused.returncode != 0
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1, refused.stderr
    assert "QBSYNC_QUICKBOOKS is not set" in lines[0]
    assert "QBSYNC_QUICKBOOKS=webconnector" in lines[0]
    assert "Traceback" not in refused.stderr + refused.stdout


def test_production_refuses_to_start_without_the_public_web_connector_url(
    tmp_path: Path,
) -> None:
    env = serve_env(tmp_path, QBSYNC_ENVIRONMENT="production", QBSYNC_QUICKBOOKS="webconnector")

    refused = refused_start(env)

    assert refused.returncode != 0
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1, refused.stderr
    assert "QBSYNC_QBWC_PUBLIC_URL is required" in lines[0]
    assert "Traceback" not in refused.stderr + refused.stdout


def test_an_unknown_gateway_is_refused_naming_the_choices(tmp_path: Path) -> None:
    refused = refused_start(serve_env(tmp_path, QBSYNC_QUICKBOOKS="online"))

    assert refused.returncode != 0
    assert "'online' is not a QuickBooks gateway: use simulator or webconnector" in (refused.stderr)


def test_production_on_the_web_connector_queues_imports_and_syncs_and_never_opens_the_simulator(
    tmp_path: Path,
) -> None:
    env = serve_env(
        tmp_path,
        QBSYNC_ENVIRONMENT="production",
        QBSYNC_QUICKBOOKS="webconnector",
        QBSYNC_QBWC_PUBLIC_URL=PUBLIC_URL,
    )
    with running_serve(env) as base:
        queued = httpx.post(f"{base}/imports", json={}, headers=AUTH)
        assert queued.status_code == 202, queued.text
        assert "Web Connector's next session" in queued.json()["detail"]

        refused = httpx.post(f"{base}/imports", json={"via": "simulator"}, headers=AUTH)
        assert refused.status_code == 409
        assert "webconnector gateway (QBSYNC_QUICKBOOKS=webconnector)" in refused.text

        # Until an import has completed the sync is refused, whichever the gateway.
        assert httpx.post(f"{base}/sync/runs", json={}, headers=AUTH).status_code == 409
    assert not Settings(data_dir=tmp_path).simulator_file.exists()


def test_a_sync_run_with_no_transport_named_waits_for_the_web_connector(tmp_path: Path) -> None:
    env = serve_env(tmp_path, QBSYNC_QUICKBOOKS="webconnector")
    with running_serve(env) as base:
        _complete_an_import_through_the_ledger(tmp_path)
        started = httpx.post(f"{base}/sync/runs", json={}, headers=AUTH)
        assert started.status_code == 202, started.text
        assert started.json()["transport"] == "webconnector"
        progress = httpx.get(f"{base}/sync/runs/{started.json()['run_id']}").json()
        assert progress["delivering"] is False
    assert not Settings(data_dir=tmp_path).simulator_file.exists()


def test_the_qwc_download_needs_the_api_token(tmp_path: Path) -> None:
    users = format_user(QbwcUser("bookkeeper", "miller", cheap_hash("bookkeeper-password")))
    env = serve_env(tmp_path, QBSYNC_QBWC_USERS=users)
    with running_serve(env) as base:
        assert httpx.get(f"{base}/qbwc/qwc/bookkeeper").status_code == 401
        downloaded = httpx.get(f"{base}/qbwc/qwc/bookkeeper", headers=AUTH)
        assert downloaded.status_code == 200
        assert b"<UserName>bookkeeper</UserName>" in downloaded.content


def _complete_an_import_through_the_ledger(data_dir: Path) -> None:
    container = bootstrap(Settings(data_dir=data_dir, api_token=TOKEN))
    try:
        container.ledger.record_import_completed("an import the Web Connector ran")
    finally:
        container.close()
