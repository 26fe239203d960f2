"""Builders shared by the Web Connector unit and end-to-end tests."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import zeep
from zeep.transports import Transport

from adapters.quickbooks.webconnector.ports import WorkSourceRegistry
from adapters.quickbooks.webconnector.service import WebConnectorService
from adapters.quickbooks.webconnector.sessions import SessionStore
from adapters.quickbooks.webconnector.users import QbwcUser, UserDirectory, make_password_hash
from tests.unit.qbwc.scripted_source import ScriptedWorkSource

ALICE_PASSWORD = "alice-correct-horse"
BOB_PASSWORD = "bob-battery-staple"
ACME_FILE = r"C:\QuickBooks\Acme Plumbing.qbw"
GLOBEX_FILE = r"C:\QuickBooks\Globex.qbw"
QBWC_BINDING = "{http://developer.intuit.com/}QBWebConnectorSvcSoap"

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
 <soap:Body><authenticate xmlns="http://developer.intuit.com/">
  <strUserName>&lol3;</strUserName><strPassword>x</strPassword>
 </authenticate></soap:Body>
</soap:Envelope>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
 <soap:Body><getLastError xmlns="http://developer.intuit.com/">
  <ticket>&xxe;</ticket>
 </getLastError></soap:Body>
</soap:Envelope>"""


def zeep_client(wsdl: str) -> Any:
    """A zeep client (zeep has no type hints, hence Any)."""
    transport = Transport(timeout=10, operation_timeout=10)  # type: ignore[no-untyped-call]
    return zeep.Client(wsdl, transport=transport)  # type: ignore[no-untyped-call]


def cheap_hash(password: str) -> str:
    """A valid but fast scrypt hash, so tests do not spend seconds hashing."""
    return make_password_hash(password, n=2**4, r=1, p=1)


def qbxml_request(request_id: int) -> str:
    return (
        '<?xml version="1.0"?><?qbxml version="13.0"?><QBXML>'
        '<QBXMLMsgsRq onError="stopOnError">'
        f'<CustomerQueryRq requestID="{request_id}"><MaxReturned>1</MaxReturned></CustomerQueryRq>'
        "</QBXMLMsgsRq></QBXML>"
    )


def fake_quickbooks(request_xml: str) -> str:
    """Answers any CustomerQuery with an empty, successful CustomerQueryRs."""
    match = re.search(r'requestID="([^"]*)"', request_xml)
    request_id = match.group(1) if match else ""
    return (
        '<?xml version="1.0" ?><QBXML><QBXMLMsgsRs>'
        f'<CustomerQueryRs requestID="{request_id}" statusCode="1" statusSeverity="Info" '
        'statusMessage="A query request did not find a matching object in QuickBooks" />'
        "</QBXMLMsgsRs></QBXML>"
    )


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Setup:
    """A service with two companies: alice → acme (fixed file), bob → globex (open file)."""

    service: WebConnectorService
    acme: ScriptedWorkSource
    globex: ScriptedWorkSource
    clock: FakeClock = field(default_factory=FakeClock)


def make_setup(
    acme_requests: int = 3, globex_requests: int = 2, ttl_seconds: float = 1800
) -> Setup:
    clock = FakeClock()
    acme = ScriptedWorkSource([qbxml_request(n) for n in range(1, acme_requests + 1)])
    globex = ScriptedWorkSource([qbxml_request(n) for n in range(1, globex_requests + 1)])
    registry = WorkSourceRegistry()
    registry.register_source("acme", acme)
    registry.register_source("globex", globex)
    users = UserDirectory(
        [
            QbwcUser("alice", "acme", cheap_hash(ALICE_PASSWORD), ACME_FILE),
            QbwcUser("bob", "globex", cheap_hash(BOB_PASSWORD)),
        ]
    )
    sessions = SessionStore(idle_ttl_seconds=ttl_seconds, clock=clock)
    service = WebConnectorService(users, registry, sessions=sessions)
    return Setup(service=service, acme=acme, globex=globex, clock=clock)
