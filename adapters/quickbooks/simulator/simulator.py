"""QuickBooksSimulator: takes a whole qbXML request message, answers the qbXML response message.

    sim = QuickBooksSimulator.open("data/quickbooks-simulator.sqlite")
    response_xml = sim.handle(request_xml)

Requests run in order. Under onError="stopOnError" (and "rollbackOnError", which QuickBooks
Desktop treats the same way here) every request after one that failed with an error is answered
3231 and not processed; under "continueOnError" all are processed. A failed request changes
nothing. With a `schema` the whole message is first validated, as QuickBooks does: an invalid
one (wrong element order, say) is refused with RequestRejected and nothing runs.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

from lxml import etree

from adapters.quickbooks.qbxml.safe_xml import UnsafeXmlError, parse_untrusted
from adapters.quickbooks.simulator.company import Clock, Company, system_clock
from adapters.quickbooks.simulator.demo_company import demo_company
from adapters.quickbooks.simulator.faults import Faults, ResponseLost
from adapters.quickbooks.simulator.handlers_lists import LIST_HANDLERS
from adapters.quickbooks.simulator.handlers_queries import QUERY_HANDLERS
from adapters.quickbooks.simulator.handlers_txns import TXN_HANDLERS
from adapters.quickbooks.simulator.handling import Handler, Outcome
from adapters.quickbooks.simulator.responses import Element, response_document, response_element
from adapters.quickbooks.simulator.status import (
    STALE_EDIT_SEQUENCE,
    STATUS_NOT_PROCESSED,
    UNSUPPORTED_REQUEST,
    QbError,
    Status,
)
from adapters.quickbooks.simulator.store import CompanyFile

HANDLERS: dict[str, Handler] = {**LIST_HANDLERS, **TXN_HANDLERS, **QUERY_HANDLERS}
XML_PARSE_ERROR = "0x80040400"
HIGHEST_QBXML_VERSION = (13, 0)
_VERSION = re.compile(r'version\s*=\s*"(\d+)\.(\d+)"')
_LOCK_MESSAGES = {
    3175: "There was an error when starting the transaction: the record is in use by another user.",
    3180: "There was an error when saving the record: it is being modified by another user.",
}


class RequestRejected(Exception):
    """QuickBooks refused the whole message before running any of it.

    `hresult` is what the Web Connector would pass to receiveResponseXML.
    """

    def __init__(self, message: str, hresult: str = XML_PARSE_ERROR) -> None:
        super().__init__(message)
        self.hresult = hresult


class QuickBooksSimulator:
    def __init__(
        self,
        company: Company | None = None,
        *,
        schema: etree.XMLSchema | None = None,
        faults: Faults | None = None,
        company_file: CompanyFile | None = None,
    ) -> None:
        self._company = company if company is not None else demo_company()
        self.company_file = company_file
        self.schema = schema
        self.faults = faults if faults is not None else Faults()
        self._lock = threading.RLock()

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        schema: etree.XMLSchema | None = None,
        clock: Clock = system_clock,
    ) -> QuickBooksSimulator:
        """The company in the file at `path`, shared with every process that opens it; a new
        file starts as the demo company (or as the older JSON company file beside it)."""
        company_file = CompanyFile.open(path, clock)
        return cls(company_file.company, schema=schema, company_file=company_file)

    @property
    def company(self) -> Company:
        """The company as of the last message (another process may have changed it since)."""
        return self._company if self.company_file is None else self.company_file.company

    def close(self) -> None:
        if self.company_file is not None:
            self.company_file.close()

    def handle(self, request_xml: bytes | str) -> str:
        """Answer one message. Raises CompanyFileError, with nothing of it kept, when the
        company file cannot be read or saved."""
        with self._lock:
            messages = self._parse(request_xml)
            if self.company_file is None:
                (document, lost), _ = self._answer(self._company, messages)
                self._company.forget_changes()
            else:
                document, lost = self.company_file.exchange(
                    lambda company: self._answer(company, messages)
                )
            if lost:
                raise ResponseLost(document, lost)
            return document

    def _answer(self, company: Company, messages: Element) -> tuple[tuple[str, list[str]], bool]:
        """The response document, the kinds whose responses get lost, and whether it changed
        the company."""
        on_error = messages.get("onError", "stopOnError")
        responses: list[Element] = []
        lost: list[str] = []
        stopped = changed = False
        for request in messages:
            kind = request.tag.removesuffix("Rq")
            if stopped:
                outcome = Outcome(status=STATUS_NOT_PROCESSED)
            else:
                outcome, lose = self._run(company, kind, request)
                if lose:
                    lost.append(kind)
                stopped = outcome.status.is_error and on_error != "continueOnError"
            changed = changed or outcome.changed
            responses.append(self._response(kind, request, outcome))
        return (response_document(responses), lost), changed

    def _parse(self, request_xml: bytes | str) -> Element:
        try:
            root = parse_untrusted(request_xml)
        except UnsafeXmlError as error:
            raise RequestRejected(str(error)) from error
        self._check_version(root)
        if self.schema is not None:
            try:
                self.schema.assertValid(root)
            except etree.DocumentInvalid as invalid:
                message = f"the message does not match the qbXML schema: {invalid}"
                raise RequestRejected(message) from invalid
        messages = root.find("QBXMLMsgsRq") if root.tag == "QBXML" else None
        if messages is None:
            raise RequestRejected("the message has no QBXML/QBXMLMsgsRq element")
        return messages

    @staticmethod
    def _check_version(root: Element) -> None:
        sibling = root.getprevious()
        while sibling is not None:
            if isinstance(sibling, etree._ProcessingInstruction) and sibling.target == "qbxml":
                found = _VERSION.search(sibling.text or "")
                if found and (int(found[1]), int(found[2])) > HIGHEST_QBXML_VERSION:
                    raise RequestRejected(f"qbXML version {found[1]}.{found[2]} is not supported")
            sibling = sibling.getprevious()

    def _run(self, company: Company, kind: str, request: Element) -> tuple[Outcome, bool]:
        """Run one request under the armed faults; also say whether its response gets lost."""
        plan = self.faults.plan(kind)
        if plan.delay_seconds:
            self.faults.sleep(plan.delay_seconds)
        if plan.lock_code is not None:
            return Outcome(status=Status(plan.lock_code, _LOCK_MESSAGES[plan.lock_code])), False
        touched = False
        if plan.make_stale:
            touched = self._edit_behind_the_callers_back(company, request)
            if not touched:
                stale = Status(STALE_EDIT_SEQUENCE, "The provided edit sequence is out-of-date.")
                return Outcome(status=stale), plan.lose_response
        handler = HANDLERS.get(request.tag)
        if handler is None:
            unsupported = Status(
                UNSUPPORTED_REQUEST, f"{request.tag} is not supported by the simulator."
            )
            return Outcome(status=unsupported, changed=touched), plan.lose_response
        try:
            outcome = handler(company, request)
        except QbError as error:
            outcome = Outcome(status=error.status)
        outcome.changed = outcome.changed or touched
        return outcome, plan.lose_response

    @staticmethod
    def _edit_behind_the_callers_back(company: Company, request: Element) -> bool:
        """Give the object a Mod request names a new EditSequence, as another user's edit would."""
        for path in ("./*/TxnID", "./*/ListID"):
            found = request.find(path)
            if found is None or not found.text:
                continue
            record = (
                company.txn_by_id(found.text)
                or company.customers.get(found.text)
                or company.items.get(found.text)
            )
            if record is not None:
                company.touch(record)
                return True
        return False

    @staticmethod
    def _response(kind: str, request: Element, outcome: Outcome) -> Element:
        element = response_element(
            f"{kind}Rs",
            request.get("requestID"),
            outcome.status,
            iterator_id=outcome.iterator_id,
            iterator_remaining=outcome.iterator_remaining,
        )
        element.extend(outcome.rets)
        return element
