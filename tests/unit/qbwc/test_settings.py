from __future__ import annotations

import pytest

from adapters.quickbooks.webconnector.ports import WorkSourceRegistry
from adapters.quickbooks.webconnector.settings import WebConnectorSettings, build_service
from adapters.quickbooks.webconnector.users import UserConfigError
from tests.unit.qbwc.factories import cheap_hash


def test_the_service_is_configured_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QBSYNC_QBWC_USERS", f"alice:acme:{cheap_hash('pw')}:C:\\QB\\Acme.qbw")
    monkeypatch.setenv("QBSYNC_QBWC_SESSION_TTL_SECONDS", "120")
    monkeypatch.setenv("QBSYNC_QBWC_RUN_EVERY_MINUTES", "5")
    settings = WebConnectorSettings()
    service = build_service(settings, WorkSourceRegistry())
    assert service.sessions.idle_ttl_seconds == 120
    assert settings.qwc_settings().run_every_minutes == 5
    assert service.authenticate("alice", "pw")[1] == "none"
    assert service.authenticate("alice", "nope") == ["", "nvu"]


def test_a_broken_user_list_stops_the_service_from_starting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("QBSYNC_QBWC_USERS", "alice:acme:plaintext-password")
    with pytest.raises(UserConfigError):
        build_service(WebConnectorSettings(), WorkSourceRegistry())
