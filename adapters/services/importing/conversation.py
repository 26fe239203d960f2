"""The Import from QuickBooks as a gateway conversation, one qbXML message at a time.

Each answer is saved in the ledger in one transaction (records, links and the run's page)
before the next message goes out. Nothing else is kept between messages but the iterator
and the few names needed by the name check, so a company of any size imports in bounded
memory. An abandoned conversation leaves its run "running"; the next import marks it
failed and reads everything again, which changes nothing already imported.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime

from adapters.quickbooks.qbxml.envelope import build_message
from adapters.quickbooks.qbxml.errors import QbxmlResponseError
from adapters.quickbooks.qbxml.responses import QbResponse, parse_response_message
from adapters.quickbooks.qbxml.safe_xml import UnsafeXmlError
from adapters.services.importing import recorder
from adapters.services.importing.guards import repeat_warning
from adapters.services.importing.ledger_customers import ledger_customers
from adapters.services.importing.matching import CustomerMatcher
from adapters.services.importing.names import TakenName, name_problems, read_taken_names
from adapters.services.importing.records import customer_from, list_record_from
from adapters.services.importing.steps import (
    IMPORT_STEPS,
    LIST_KIND_OF_RESPONSE,
    LISTS_REFRESH_STEPS,
    Step,
    StepKind,
)
from adapters.storage.ledger.application import Ledger
from adapters.storage.ledger.unit_of_work import ConcurrencyConflict, UnitOfWork
from domain.errors import DomainError
from domain.quickbooks_list import ListKind

DEFAULT_PAGE_SIZE = 200
GAVE_UP = -1


@dataclass(frozen=True)
class ImportOptions:
    page_size: int = DEFAULT_PAGE_SIZE
    confirm: bool = False
    confirmed_by: str = ""
    lists_only: bool = False
    """Refresh only the lists (items, accounts, terms, payment methods, tax codes)."""


class ImportFailed(Exception):
    """QuickBooks' answer cannot be imported; the message says why."""


def new_run_id() -> str:
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"


class ImportConversation:
    """Starting one checks the repeat rule and records the run before anything is sent."""

    def __init__(
        self, ledger: Ledger, options: ImportOptions | None = None, run_id: str | None = None
    ) -> None:
        self._ledger = ledger
        self._options = options or ImportOptions()
        if self._options.page_size < 1:
            raise ValueError("page_size must be at least 1")
        lists_only = self._options.lists_only
        self._steps = LISTS_REFRESH_STEPS if lists_only else IMPORT_STEPS
        options = self._options
        warning = repeat_warning(ledger, options.confirm, options.confirmed_by, lists_only)
        self.run_id = run_id or new_run_id()
        repeat = not lists_only and ledger.company_settings().imports_completed > 0
        recorder.start_run(
            ledger, self.run_id, repeat, self._options.confirmed_by.strip(), warning or ""
        )
        self._matcher = CustomerMatcher(ledger_customers(ledger).values())
        self._taken: list[TakenName] = []
        self._step = 0
        self._iterator_id: str | None = None
        self._fetched = 0
        self._remaining: int | None = None
        self._outstanding: str | None = None
        self._error = ""
        self._gave_up = False

    @property
    def completed(self) -> bool:
        return self._step >= len(self._steps)

    @property
    def ended(self) -> bool:
        return self.completed or self._gave_up

    # The gateway port --------------------------------------------------------------------

    def next_message(self) -> str | None:
        if self.ended:
            return None
        if self._outstanding is None:
            self._outstanding = self._build_message(self._steps[self._step])
        return self._outstanding

    def accept_answer(self, response_xml: str) -> int:
        if self.ended or self._outstanding is None:
            self._error = "an answer arrived but the import had no request outstanding"
            return GAVE_UP
        try:
            responses = parse_response_message(response_xml)
            _check_statuses(responses)
            self._save(self._steps[self._step], responses)
        except (ImportFailed, QbxmlResponseError, UnsafeXmlError, DomainError) as error:
            return self._give_up(str(error))
        except ConcurrencyConflict as error:
            return self._give_up(f"another writer changed the ledger during the import: {error}")
        self._outstanding = None
        return self.percent_done()

    def accept_failure(self, hresult: str, message: str) -> None:
        self._error = (
            f"QuickBooks could not run the import's request ({hresult}): {message}; the "
            "request will be sent again"
        )

    def last_error(self) -> str:
        return self._error

    # Progress ----------------------------------------------------------------------------

    def percent_done(self) -> int:
        """Honest: finished steps by weight, plus the paged step's share read so far."""
        if self.completed:
            return 100
        total = sum(step.weight for step in self._steps)
        done = float(sum(step.weight for step in self._steps[: self._step]))
        current = self._steps[self._step]
        if self._remaining is not None and self._fetched + self._remaining > 0:
            done += current.weight * self._fetched / (self._fetched + self._remaining)
        return min(99, int(100 * done / total))

    # Inside ------------------------------------------------------------------------------

    def _build_message(self, step: Step) -> str:
        if step.first_page is None:
            assert step.requests is not None
            return build_message(step.requests()).decode("utf-8")
        query = step.first_page(self._options.page_size)
        if self._iterator_id is not None:
            query = query.continue_with(self._iterator_id)
        return build_message([query]).decode("utf-8")  # type: ignore[list-item]

    def _save(self, step: Step, responses: Sequence[QbResponse]) -> None:
        with self._ledger.bulk() as unit:
            self._record(unit, step, responses)
            self._advance(step, responses)
            if self.completed:
                recorder.complete_run(
                    unit,
                    self.run_id,
                    self._name_warnings(),
                    counts_as_import=not self._options.lists_only,
                )

    def _record(self, unit: UnitOfWork, step: Step, responses: Sequence[QbResponse]) -> None:
        if step.kind is StepKind.NAMES:
            self._taken.extend(read_taken_names(responses))
        elif step.kind is StepKind.CUSTOMERS:
            customers = [customer_from(ret) for ret in _only(responses).rets]
            self._taken.extend(
                recorder.record_customer_page(unit, self.run_id, customers, self._matcher)
            )
        else:
            for response in responses:
                kind = LIST_KIND_OF_RESPONSE[response.response_type]
                records = [list_record_from(kind, ret) for ret in response.rets]
                recorder.record_list_page(unit, self.run_id, ListKind(kind), records)

    def _advance(self, step: Step, responses: Sequence[QbResponse]) -> None:
        if step.paged:
            page = _only(responses)
            self._fetched += len(page.rets)
            self._remaining = page.iterator_remaining_count or 0
            if page.has_more and page.iterator_id:
                self._iterator_id = page.iterator_id
                return
        self._step += 1
        self._iterator_id, self._fetched, self._remaining = None, 0, None

    def _name_warnings(self) -> list[str]:
        return [str(problem) for problem in name_problems(self._matcher.unlinked, self._taken)]

    def _give_up(self, reason: str) -> int:
        self._gave_up = True
        self._error = f"import run {self.run_id} stopped: {reason}"
        # A newer import may have ended the run already: then there is nothing to record.
        with suppress(DomainError, ConcurrencyConflict):
            recorder.fail_run(self._ledger, self.run_id, reason)
        return GAVE_UP


def _check_statuses(responses: Sequence[QbResponse]) -> None:
    if not responses:
        raise ImportFailed("QuickBooks answered no request")
    for response in responses:
        if not response.ok_or_empty:
            raise ImportFailed(
                f"QuickBooks answered {response.status_code} to {response.response_type}: "
                f"{response.status_message}"
            )


def _only(responses: Sequence[QbResponse]) -> QbResponse:
    if len(responses) != 1:
        raise ImportFailed(f"expected one answer to a paged query, got {len(responses)}")
    return responses[0]
