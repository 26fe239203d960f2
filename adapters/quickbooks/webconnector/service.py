"""The Web Connector protocol, independent of HTTP and SOAP.

Each public method is one QBWC operation. Refusals never reach the work source: an
unknown, expired or other company's ticket, a company file QuickBooks should not have
open, an answer nobody asked for, or an unsafe qbXML answer is answered with the
protocol's error value, and the reason is what `get_last_error` reports.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from adapters.quickbooks.qbxml.safe_xml import UnsafeXmlError, parse_untrusted
from adapters.quickbooks.webconnector.contract import Result
from adapters.quickbooks.webconnector.host import cannot_serve, host_info
from adapters.quickbooks.webconnector.login_backoff import LoginBackoff
from adapters.quickbooks.webconnector.ports import WorkSourceProvider
from adapters.quickbooks.webconnector.sessions import SessionRecord, SessionStore, TicketRefused
from adapters.quickbooks.webconnector.users import UserDirectory

logger = logging.getLogger(__name__)

SERVER_VERSION = "qbsync 0.1.0"
NOT_A_VALID_USER = "nvu"
NOTHING_TO_DO = "none"
NO_OPERATION = "NoOp"
CONNECTION_DONE = "done"
REFUSED_TICKET_MESSAGE = (
    "This Web Connector session is unknown, expired or belongs to another company. "
    "Please run the update again."
)
_ERROR_PERCENT = -1

Version = tuple[int, ...]
T = TypeVar("T")


def parse_version(text: str) -> Version | None:
    """`"2.3.0.215"` → (2, 3, 0, 215); None when it is not a dotted version number."""
    if not re.fullmatch(r"\d+(\.\d+){0,3}", text.strip()):
        return None
    return tuple(int(part) for part in text.strip().split("."))


def _dotted(version: Version) -> str:
    return ".".join(str(part) for part in version)


@dataclass(frozen=True)
class VersionPolicy:
    """Which Web Connector versions are refused ("E:"), told to upgrade ("O:") or warned."""

    oldest_understood: Version = (2, 0, 0, 0)
    minimum: Version = (2, 1, 0, 30)
    recommended: Version = (2, 3, 0, 0)

    def judge(self, client_version: str) -> str:
        version = parse_version(client_version)
        if version is None:
            return f"E:Unrecognised QuickBooks Web Connector version {client_version[:40]!r}."
        if version < self.oldest_understood:
            return (
                f"E:QuickBooks Web Connector {_dotted(version)} is too old; "
                f"please install version {_dotted(self.recommended)} or newer."
            )
        if version < self.minimum:
            return f"O:{_dotted(self.minimum)}"
        if version < self.recommended:
            return (
                f"W:QuickBooks Web Connector {_dotted(version)} works, but version "
                f"{_dotted(self.recommended)} or newer is recommended."
            )
        return ""


def _normalise_path(path: str) -> str:
    return path.strip().replace("/", "\\").casefold()


def _short(ticket: str) -> str:
    return f"{ticket[:6]}…"


class WebConnectorService:
    def __init__(
        self,
        users: UserDirectory,
        sources: WorkSourceProvider,
        *,
        sessions: SessionStore | None = None,
        version_policy: VersionPolicy | None = None,
        server_version: str = SERVER_VERSION,
        postpone_seconds_when_idle: int | None = None,
        login_backoff: LoginBackoff | None = None,
    ) -> None:
        self.users = users
        self.login_backoff = login_backoff or LoginBackoff()
        self.sources = sources
        self.sessions = sessions or SessionStore()
        self.version_policy = version_policy or VersionPolicy()
        self._server_version = server_version
        self._postpone_seconds_when_idle = postpone_seconds_when_idle

    def call(
        self,
        operation: str,
        arguments: Mapping[str, str | int],
        *,
        company_scope: str | None = None,
        client_address: str = "",
    ) -> Result:
        """Run `operation` (a WSDL operation name) with its SOAP arguments."""

        def text(name: str) -> str:
            return str(arguments.get(name, ""))

        def number(name: str) -> int:
            value = arguments.get(name, 0)
            return value if isinstance(value, int) else int(value)

        scope = company_scope
        handlers: dict[str, Callable[[], Result]] = {
            "serverVersion": self.server_version,
            "clientVersion": lambda: self.client_version(text("strVersion")),
            "authenticate": lambda: self.authenticate(
                text("strUserName"),
                text("strPassword"),
                company_scope=scope,
                client_address=client_address,
            ),
            "sendRequestXML": lambda: self.send_request_xml(
                text("ticket"),
                text("strHCPResponse"),
                text("strCompanyFileName"),
                text("qbXMLCountry"),
                number("qbXMLMajorVers"),
                number("qbXMLMinorVers"),
                company_scope=scope,
            ),
            "receiveResponseXML": lambda: self.receive_response_xml(
                text("ticket"),
                text("response"),
                text("hresult"),
                text("message"),
                company_scope=scope,
            ),
            "connectionError": lambda: self.connection_error(
                text("ticket"), text("hresult"), text("message"), company_scope=scope
            ),
            "getLastError": lambda: self.get_last_error(text("ticket"), company_scope=scope),
            "closeConnection": lambda: self.close_connection(text("ticket"), company_scope=scope),
        }
        if operation not in handlers:
            raise KeyError(f"unknown Web Connector operation {operation!r}")
        return handlers[operation]()

    def server_version(self) -> str:
        return self._server_version

    def client_version(self, version: str) -> str:
        verdict = self.version_policy.judge(version)
        if verdict:
            logger.info("Web Connector version %r answered with %r", version[:40], verdict[:2])
        return verdict

    def authenticate(
        self,
        username: str,
        password: str,
        *,
        company_scope: str | None = None,
        client_address: str = "",
    ) -> list[str]:
        """[ticket, "" | company file | "none" | "nvu", optional postpone seconds]. After
        repeated failures a user name or client address is refused for a while unchecked."""
        wait = self.login_backoff.wait_seconds(username, client_address)
        if wait > 0:
            logger.warning(
                "Web Connector login of %r from %s refused unchecked for %.0f s more: repeated "
                "failed logins",
                username[:64],
                client_address or "an unknown address",
                wait,
            )
            return ["", NOT_A_VALID_USER]
        user = self.users.authenticate(username, password)
        if user is None or (company_scope is not None and user.company_id != company_scope):
            logger.warning("Web Connector login refused for user %r", username[:64])
            self.login_backoff.failed(username, client_address)
            return ["", NOT_A_VALID_USER]
        self.login_backoff.succeeded(username)
        record = self.sessions.open(user, self.sources.source_for, self._discard)
        ticket = record.session.ticket
        with record.lock:
            if not self._has_work(record):
                postpone = self._postpone_seconds_when_idle
                return [ticket, NOTHING_TO_DO] + ([str(postpone)] if postpone else [])
        logger.info("Web Connector session %s opened for %r", _short(ticket), user.company_id)
        return [ticket, user.company_file]

    def send_request_xml(
        self,
        ticket: str,
        hcp_response: str,
        company_file_name: str,
        country: str,
        major_version: int,
        minor_version: int,
        *,
        company_scope: str | None = None,
    ) -> str:
        """The next qbXML request, or "" (the reason then comes from get_last_error)."""
        try:
            with self.sessions.checkout(ticket, self._discard, company_id=company_scope) as rec:
                if not rec.host_checked:
                    rec.host_checked = True
                    host = host_info(hcp_response, country, major_version, minor_version)
                    if reason := cannot_serve(host):
                        logger.warning("session %s handed nothing: %s", _short(ticket), reason)
                        rec.last_error, rec.finished = reason, True
                        return ""
                return self._next_request(rec, company_file_name)
        except TicketRefused as refusal:
            logger.warning("sendRequestXML refused for %s: %s", _short(ticket), refusal)
            return ""

    def receive_response_xml(
        self,
        ticket: str,
        response: str,
        hresult: str,
        message: str,
        *,
        company_scope: str | None = None,
    ) -> int:
        """Percent done: 0-99 go on, 100 finished, negative error (see get_last_error)."""
        try:
            with self.sessions.checkout(ticket, self._discard, company_id=company_scope) as rec:
                return self._take_response(rec, response, hresult, message)
        except TicketRefused as refusal:
            logger.warning("receiveResponseXML refused for %s: %s", _short(ticket), refusal)
            return _ERROR_PERCENT

    def connection_error(
        self, ticket: str, hresult: str, message: str, *, company_scope: str | None = None
    ) -> str:
        """The Web Connector could not reach QuickBooks: record it and finish ("done")."""
        try:
            with self.sessions.checkout(ticket, self._discard, company_id=company_scope) as rec:
                rec.last_error = (
                    f"The Web Connector could not reach QuickBooks ({hresult or 'no HRESULT'}): "
                    f"{message or 'no message'}"
                )
                self._report_error_to_source(rec, hresult, message)
                rec.finished = True  # the Web Connector ends the session after this
                self._discard(rec)
        except TicketRefused as refusal:
            logger.warning("connectionError refused for %s: %s", _short(ticket), refusal)
        return CONNECTION_DONE

    def get_last_error(self, ticket: str, *, company_scope: str | None = None) -> str:
        """The reason of the last failure, or "NoOp" when there is nothing to report."""
        try:
            with self.sessions.checkout(ticket, self._discard, company_id=company_scope) as rec:
                source_error = "" if rec.last_error else self._source_error(rec)
                return rec.last_error or source_error or NO_OPERATION
        except TicketRefused:
            return REFUSED_TICKET_MESSAGE

    def close_connection(self, ticket: str, *, company_scope: str | None = None) -> str:
        try:
            with self.sessions.checkout(ticket, self._discard, company_id=company_scope) as rec:
                self.sessions.close(ticket)
                self._discard(rec)
                status = self._closing_status(rec)
        except TicketRefused:
            return "No open session for this ticket; nothing to close."
        logger.info("Web Connector session %s closed: %s", _short(ticket), status)
        return status

    def _has_work(self, record: SessionRecord) -> bool:
        source = record.source
        if source is None:
            return False
        return bool(self._guarded(record, lambda: source.has_work(record.session)))

    def _next_request(self, record: SessionRecord, company_file_name: str) -> str:
        refusal = self._company_file_refusal(record, company_file_name)
        if refusal:
            record.last_error = refusal
            return ""
        source = record.source
        if source is None or record.finished:
            record.last_error = record.last_error or (
                "There is nothing left to send to QuickBooks in this session."
            )
            return ""
        request = self._guarded(record, lambda: source.next_request(record.session))
        if request is None:
            record.last_error = record.last_error or (
                "There is nothing left to send to QuickBooks in this session."
            )
            return ""
        record.requests_sent += 1
        record.awaiting_answer = True
        return request

    def _company_file_refusal(self, record: SessionRecord, company_file_name: str) -> str:
        expected = record.open_company_file or record.session.company_file
        if not expected:
            record.open_company_file = company_file_name
            return ""
        if _normalise_path(company_file_name) == _normalise_path(expected):
            return ""
        return (
            f"QuickBooks has the company file {company_file_name!r} open, but this Web "
            f"Connector user synchronises {expected!r}. Open that file and run the update again."
        )

    def _take_response(
        self, record: SessionRecord, response: str, hresult: str, message: str
    ) -> int:
        source = record.source
        if source is None or not record.awaiting_answer:
            record.last_error = "An answer arrived but no request was waiting for one."
            return _ERROR_PERCENT
        record.awaiting_answer = False
        if hresult.strip() or not response.strip():
            record.last_error = (
                f"QuickBooks could not process the request ({hresult or 'no HRESULT'}): "
                f"{message or 'no message'}"
            )
            self._report_error_to_source(record, hresult, message)
            return _ERROR_PERCENT
        try:
            parse_untrusted(response)
        except UnsafeXmlError as error:
            record.last_error = f"The answer from QuickBooks was refused: {error}"
            return _ERROR_PERCENT
        percent = self._guarded(record, lambda: source.receive_response(record.session, response))
        record.responses_received += 1
        if percent is None:
            return _ERROR_PERCENT
        if percent < 0:
            reason = self._source_error(record)
            record.last_error = reason or "Synchronisation stopped by the server."
            return percent
        record.finished = percent >= 100
        return min(percent, 100)

    def _guarded(self, record: SessionRecord, work: Callable[[], T]) -> T | None:
        """Run a work-source call; a crash becomes the session's last error, not a 500."""
        try:
            return work()
        except Exception:
            logger.exception("work source failed in session %s", _short(record.session.ticket))
            record.last_error = "The server failed while handling this session; see its log."
            return None

    def _report_error_to_source(self, record: SessionRecord, hresult: str, message: str) -> None:
        source = record.source
        if source is not None:
            self._guarded(record, lambda: source.receive_error(record.session, hresult, message))

    def _source_error(self, record: SessionRecord) -> str:
        source = record.source
        if source is None:
            return ""
        return self._guarded(record, lambda: source.last_error(record.session)) or ""

    def _discard(self, record: SessionRecord) -> None:
        """Tell the source its session ended, once any call still running on it is over."""
        source = record.source
        if source is not None:
            with record.lock:
                self._guarded(record, lambda: source.close(record.session))

    @staticmethod
    def _closing_status(record: SessionRecord) -> str:
        if record.last_error:
            return f"Closed after an error: {record.last_error}"
        if record.requests_sent == 0:
            return "OK: nothing to do."
        return f"OK: {record.responses_received} of {record.requests_sent} request(s) answered."
