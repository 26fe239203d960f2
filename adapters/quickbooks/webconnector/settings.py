"""Web Connector configuration from the environment (prefix ``QBSYNC_QBWC_``).

- ``QBSYNC_QBWC_USERS``: the users, ``username:company_id:hash[:company_file];...``
  (format in `adapters.quickbooks.webconnector.users`).
- ``QBSYNC_QBWC_SESSION_TTL_SECONDS``: idle time after which a ticket expires (1800).
- ``QBSYNC_QBWC_PUBLIC_URL``: the endpoint's public address (e.g. behind a proxy) used in
  the WSDL and the .qwc file instead of the request's own URL; unset by default.
- ``QBSYNC_QBWC_RUN_EVERY_MINUTES``: the Web Connector schedule written to .qwc files (15).
"""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict

from adapters.quickbooks.webconnector.ports import WorkSourceProvider
from adapters.quickbooks.webconnector.qwc import QwcSettings
from adapters.quickbooks.webconnector.service import WebConnectorService
from adapters.quickbooks.webconnector.sessions import DEFAULT_IDLE_TTL_SECONDS, SessionStore
from adapters.quickbooks.webconnector.users import UserDirectory


class WebConnectorSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="QBSYNC_QBWC_")

    users: str = ""
    session_ttl_seconds: int = DEFAULT_IDLE_TTL_SECONDS
    public_url: str | None = None
    run_every_minutes: int = 15

    def qwc_settings(self) -> QwcSettings:
        return QwcSettings(run_every_minutes=self.run_every_minutes)


def build_service(
    settings: WebConnectorSettings, sources: WorkSourceProvider
) -> WebConnectorService:
    """The Web Connector service for the configured users, fed by `sources`."""
    return WebConnectorService(
        UserDirectory.from_config(settings.users),
        sources,
        sessions=SessionStore(idle_ttl_seconds=settings.session_ttl_seconds),
    )
