"""A QuickBooks Web Connector emulator: drives any Web Connector SOAP endpoint over HTTP.

It makes the calls the real QBWC makes, in its order: serverVersion, clientVersion,
authenticate, then sendRequestXML → QuickBooks → receiveResponseXML until 100 percent or an
error (then getLastError), and closeConnection. "QuickBooks" is any callable taking a qbXML
request and returning the qbXML answer (e.g. a simulator's `handle`). When it raises, the
HRESULT and message go back through receiveResponseXML, as QBWC does: a
`QuickBooksBackendError`'s, any exception's string `hresult` attribute, else 0x80040402.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import httpx

from adapters.quickbooks.webconnector.contract import OPERATIONS, Result
from adapters.quickbooks.webconnector.soap import (
    CONTENT_TYPE,
    SoapFaultError,
    build_call,
    parse_result,
)

QuickBooksBackend = Callable[[str], str]


class HttpReply(Protocol):
    @property
    def status_code(self) -> int: ...
    @property
    def content(self) -> bytes: ...
    def raise_for_status(self) -> object: ...


class HttpClient(Protocol):
    """What the emulator needs of an HTTP client: an `httpx.Client`, or a test client."""

    def post(self, url: str, *, content: bytes, headers: dict[str, str]) -> HttpReply: ...
    def close(self) -> None: ...


DEFAULT_CLIENT_VERSION = "2.3.0.215"
UNEXPECTED_ERROR_HRESULT = "0x80040402"
COMPANY_FILE_NOT_OPEN_HRESULT = "0x80040408"


class QuickBooksBackendError(Exception):
    """Raised by a backend to report a specific HRESULT (else 0x80040402 is reported)."""

    def __init__(self, hresult: str, message: str) -> None:
        super().__init__(message)
        self.hresult = hresult
        self.message = message


@dataclass(frozen=True)
class Progress:
    step: str
    requests_sent: int
    percent: int | None = None


ProgressCallback = Callable[[Progress], None]


@dataclass
class SessionReport:
    """What happened in one emulated Web Connector session."""

    outcome: str = "not started"
    """completed | nothing to do | refused | not a valid user | error"""
    server_version: str = ""
    client_version_reply: str = ""
    company_file_reply: str = ""
    requests: list[str] = field(default_factory=list)
    responses: list[str] = field(default_factory=list)
    percents: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    close_message: str = ""

    @property
    def succeeded(self) -> bool:
        return self.outcome in ("completed", "nothing to do")


@dataclass
class WebConnectorEmulator:
    url: str
    username: str
    password: str
    backend: QuickBooksBackend
    company_file: str = ""
    """The company file "open in QuickBooks", reported to the server."""
    client_version: str = DEFAULT_CLIENT_VERSION
    hcp_response: str = ""
    qbxml_version: tuple[int, int] = (13, 0)
    country: str = "US"
    max_requests: int = 10_000
    max_noop_waits: int = 12
    noop_wait_seconds: float = 5.0
    on_progress: ProgressCallback | None = None
    http: HttpClient | None = None
    timeout_seconds: float = 60.0
    _ticket: str = field(default="", init=False, repr=False)

    def run(self) -> SessionReport:
        """One full Web Connector session; HTTP and SOAP failures end up in the report."""
        report = SessionReport()
        owns_client = self.http is None
        client: HttpClient = self.http or httpx.Client(timeout=self.timeout_seconds)
        try:
            self._run(client, report)
        except (httpx.HTTPError, SoapFaultError) as error:
            report.outcome = "error"
            report.errors.append(f"{type(error).__name__}: {error}")
        finally:
            if owns_client:
                client.close()
        return report

    def _run(self, client: HttpClient, report: SessionReport) -> None:
        self._progress("serverVersion", report)
        report.server_version = self._text(client, "serverVersion", {})
        reply = self._text(client, "clientVersion", {"strVersion": self.client_version})
        report.client_version_reply = reply
        if reply.startswith(("E:", "O:")):
            report.outcome = "refused"
            report.errors.append(f"clientVersion: {reply}")
            return
        if reply.startswith("W:"):
            report.warnings.append(reply[2:])
        if not self._authenticate(client, report):
            return
        try:
            self._exchange(client, report)
        finally:
            report.close_message = self._text(client, "closeConnection", {"ticket": self._ticket})
            self._progress("closeConnection", report)

    def _authenticate(self, client: HttpClient, report: SessionReport) -> bool:
        self._progress("authenticate", report)
        answer = self._call(
            client, "authenticate", {"strUserName": self.username, "strPassword": self.password}
        )
        items = answer if isinstance(answer, list) else []
        if len(items) < 2 or items[1] == "nvu":
            report.outcome = "not a valid user"
            report.errors.append("authenticate: not a valid user (nvu)")
            return False
        self._ticket, report.company_file_reply = items[0], items[1]
        return True

    def _exchange(self, client: HttpClient, report: SessionReport) -> None:
        if report.company_file_reply == "none":
            report.outcome = "nothing to do"
            return
        wanted = report.company_file_reply
        if wanted and wanted.casefold() != self.company_file.casefold():
            message = f"Could not open company file {wanted!r}: QuickBooks has another file open."
            report.errors.append(message)
            self._call(
                client,
                "connectionError",
                {
                    "ticket": self._ticket,
                    "hresult": COMPANY_FILE_NOT_OPEN_HRESULT,
                    "message": message,
                },
            )
            report.outcome = "error"
            return
        self._request_loop(client, report)

    def _request_loop(self, client: HttpClient, report: SessionReport) -> None:
        noop_waits = 0
        while len(report.requests) < self.max_requests:
            request = self._send_request(client, report)
            if not request:
                last_error = self._text(client, "getLastError", {"ticket": self._ticket})
                if last_error == "NoOp" and noop_waits < self.max_noop_waits:
                    noop_waits += 1
                    time.sleep(self.noop_wait_seconds)
                    continue
                report.errors.append(last_error)
                report.outcome = "error"
                return
            report.requests.append(request)
            percent = self._answer(client, request, report)
            report.percents.append(percent)
            self._progress("receiveResponseXML", report, percent)
            if percent < 0:
                report.errors.append(self._text(client, "getLastError", {"ticket": self._ticket}))
                report.outcome = "error"
                return
            if percent >= 100:
                report.outcome = "completed"
                return
        report.errors.append(f"stopped after {self.max_requests} requests without reaching 100%")
        report.outcome = "error"

    def _send_request(self, client: HttpClient, report: SessionReport) -> str:
        self._progress("sendRequestXML", report)
        return self._text(
            client,
            "sendRequestXML",
            {
                "ticket": self._ticket,
                "strHCPResponse": "" if report.requests else self.hcp_response,
                "strCompanyFileName": self.company_file,
                "qbXMLCountry": self.country,
                "qbXMLMajorVers": self.qbxml_version[0],
                "qbXMLMinorVers": self.qbxml_version[1],
            },
        )

    def _answer(self, client: HttpClient, request: str, report: SessionReport) -> int:
        arguments: dict[str, str | int] = {"ticket": self._ticket}
        try:
            response = self.backend(request)
            report.responses.append(response)
            arguments.update(response=response, hresult="", message="")
        except QuickBooksBackendError as error:
            report.errors.append(f"QuickBooks {error.hresult}: {error.message}")
            arguments.update(response="", hresult=error.hresult, message=error.message)
        except Exception as error:  # QBWC reports any QuickBooks failure, whatever it is
            hresult = getattr(error, "hresult", None)
            hresult = hresult if isinstance(hresult, str) and hresult else UNEXPECTED_ERROR_HRESULT
            report.errors.append(f"QuickBooks {hresult}: {error}")
            arguments.update(response="", hresult=hresult, message=str(error))
        answer = self._call(client, "receiveResponseXML", arguments)
        if not isinstance(answer, int):
            raise SoapFaultError("receiveResponseXML did not return an integer", "Server")
        return answer

    def _call(self, client: HttpClient, operation: str, arguments: dict[str, str | int]) -> Result:
        reply = client.post(
            self.url,
            content=build_call(operation, arguments),
            headers={
                "Content-Type": CONTENT_TYPE,
                "SOAPAction": f'"{OPERATIONS[operation].soap_action}"',
            },
        )
        if reply.status_code not in (200, 500):
            reply.raise_for_status()
        return parse_result(operation, reply.content)

    def _text(self, client: HttpClient, operation: str, arguments: dict[str, str | int]) -> str:
        return str(self._call(client, operation, arguments))

    def _progress(self, step: str, report: SessionReport, percent: int | None = None) -> None:
        if self.on_progress is not None:
            self.on_progress(Progress(step, len(report.requests), percent))
