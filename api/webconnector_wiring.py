"""The Web Connector endpoint of the HTTP app: the users of QBSYNC_QBWC_USERS (none
configured: every login is answered "nvu"), each company's sessions fed with a pending
Import from QuickBooks first, else the sync. Sources are built at the first session."""

from __future__ import annotations

import threading

from adapters.quickbooks.gateway import StartupRefused
from adapters.quickbooks.webconnector.conversation_source import ConversationWorkSource
from adapters.quickbooks.webconnector.ports import QbwcSession, WorkSource, WorkSourceRegistry
from adapters.quickbooks.webconnector.service import WebConnectorService
from adapters.quickbooks.webconnector.settings import WebConnectorSettings, build_service
from adapters.services.sync.webconnector import SyncWorkSource
from api.bootstrap import Container


class CompanyWork:
    """Picks the source of each session: the import while one is asked for or none has
    completed yet (it answers "nothing to do" when none is asked for), else the sync."""

    def __init__(self, container: Container) -> None:
        self.container = container
        self._import: ConversationWorkSource | None = None
        self._sync: SyncWorkSource | None = None
        self._lock = threading.Lock()

    def __call__(self, session: QbwcSession) -> WorkSource:  # noqa: ARG002  (the port's signature)
        requests = self.container.import_requests()
        never_imported = self.container.ledger.company_settings().imports_completed == 0
        with self._lock:
            if requests.pending or never_imported:
                if self._import is None:
                    self._import = ConversationWorkSource(requests.conversation_for)
                return self._import
            if self._sync is None:
                self._sync = SyncWorkSource(self.container.synchronizer())
            return self._sync


def webconnector_settings(container: Container) -> WebConnectorSettings:
    """QBSYNC_QBWC_* settings, the users taken from the container's settings. Production
    needs the public URL: the endpoint's address never comes from a request's Host header."""
    settings = WebConnectorSettings(users=container.settings.qbwc_users)
    if container.settings.is_production and not settings.public_url:
        raise StartupRefused(
            "QBSYNC_QBWC_PUBLIC_URL is required when QBSYNC_ENVIRONMENT=production: set the "
            "HTTPS address the Web Connector reaches /qbwc at, e.g. https://qbsync.example.com/qbwc"
        )
    return settings


class OneLedgerOneCompany(ValueError):
    """The Web Connector users name more than one QuickBooks company for one ledger."""


def build_webconnector_service(
    container: Container, settings: WebConnectorSettings
) -> WebConnectorService:
    registry = WorkSourceRegistry()
    service = build_service(settings, registry)
    companies = sorted({user.company_id for user in service.users.all()})
    if len(companies) > 1:
        raise OneLedgerOneCompany(
            f"QBSYNC_QBWC_USERS names the companies {', '.join(companies)}, but one qbsync "
            "ledger belongs to one QuickBooks company: give every user the same company id, "
            "and run one qbsync (with its own database) per company file"
        )
    work = CompanyWork(container)
    for company_id in companies:
        registry.register(company_id, work)
    return service
