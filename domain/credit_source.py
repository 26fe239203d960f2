"""What account payments, job payments and credit memos share: money applied to invoices."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from eventsourcing.domain import event

from domain.errors import (
    InvalidTransition,
    LockedByQuickBooks,
    OverApplication,
    TransactionClosed,
)
from domain.money import ZERO, positive_money, total
from domain.transaction import QuickBooksTransaction


def source_token(kind: str, key: str) -> str:
    """How an invoice names the payment or credit memo applied to it: `payment:P-1`."""
    return f"{kind.replace(' ', '_')}:{key}"


def parse_source_token(token: str) -> tuple[str, str]:
    kind, _, key = token.partition(":")
    return kind.replace("_", " "), key


class CreditSource(QuickBooksTransaction):
    """A payment or credit memo whose amount is applied to invoices of its customer."""

    if TYPE_CHECKING:
        applications: dict[str, Decimal]
        applied_in_qb: dict[str, Decimal]
        finished: bool

    def _start_unapplied(self) -> None:
        """The state every payment and credit memo starts in: open, nothing applied, not in
        QuickBooks. Called from each one's creation event."""
        self.applications = {}
        self.applied_in_qb = {}
        self.finished = False
        self.voided = False
        self.qb_txn_id = None
        self.qb_edit_sequence = None

    @property
    def amount(self) -> Decimal:
        raise NotImplementedError

    @property
    def token(self) -> str:
        return source_token(self.kind, self.key)

    @property
    def applied_total(self) -> Decimal:
        return total(self.applications.values())

    @property
    def unapplied(self) -> Decimal:
        return self.amount - self.applied_total

    @property
    def is_fully_applied(self) -> bool:
        return self.unapplied == ZERO

    def check_open(self, change: str) -> None:
        if self.voided:
            raise TransactionClosed(f"cannot {change} {self.label}: it is voided")
        if self.finished:
            raise TransactionClosed(
                f"cannot {change} {self.label}: it is finished and its applications are locked"
            )

    def check_can_apply(self, invoice: str, amount: Decimal) -> Decimal:
        self.check_open(f"apply to invoice {invoice}")
        amount = positive_money(amount, what=f"amount applied from {self.label}")
        if invoice in self.applications:
            raise InvalidTransition(
                f"{self.label} is already applied to invoice {invoice}; unapply it first"
            )
        if amount > self.unapplied:
            raise OverApplication(
                f"cannot apply {amount} of {self.label} to invoice {invoice}: only "
                f"{self.unapplied} of its {self.amount} is unapplied"
            )
        return amount

    @event("Applied")
    def _applied(self, invoice: str, amount: Decimal) -> None:
        self.applications[invoice] = amount

    def check_can_unapply(self, invoice: str) -> None:
        self.check_open(f"unapply from invoice {invoice}")
        if invoice not in self.applications:
            raise InvalidTransition(f"{self.label} is not applied to invoice {invoice}")
        if invoice in self.applied_in_qb:
            raise LockedByQuickBooks(
                f"cannot unapply {self.label} from invoice {invoice}: QuickBooks already applied "
                f"it (transaction {self.qb_txn_id}); change the application in QuickBooks"
            )

    @event("Unapplied")
    def _unapplied(self, invoice: str) -> None:
        del self.applications[invoice]

    def finish(self) -> None:
        self.check_open("finish")
        if not self.is_fully_applied:
            raise InvalidTransition(
                f"cannot finish {self.label}: {self.unapplied} of its {self.amount} is not applied "
                "yet; apply all of it to invoices first"
            )
        self._finished()

    @event("Finished")
    def _finished(self) -> None:
        self.finished = True

    def check_can_void(self) -> None:
        self.check_open("void")

    @event("Voided")
    def _voided(self, reason: str) -> None:  # noqa: ARG002  (the event records it)
        self.voided = True
        self.applications = {}

    def record_applied_in_quickbooks(self, invoice: str, edit_sequence: str) -> None:
        """QuickBooks linked this payment or credit to `invoice`."""
        if invoice not in self.applications:
            raise InvalidTransition(
                f"QuickBooks reports {self.label} applied to invoice {invoice}, "
                "but the ledger holds no such application"
            )
        if invoice in self.applied_in_qb:
            return
        self._applied_in_quickbooks(invoice, self.applications[invoice], edit_sequence)

    @event("AppliedInQuickBooks")
    def _applied_in_quickbooks(self, invoice: str, amount: Decimal, edit_sequence: str) -> None:
        self.applied_in_qb[invoice] = amount
        if edit_sequence:
            self.qb_edit_sequence = edit_sequence
