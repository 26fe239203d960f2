"""Named domain errors. Each message says what was wrong, which record, and what to do.

Three families let outer layers map errors without knowing each one: a record that does
not exist, a command that conflicts with a record's state, and input that is invalid.
"""

from __future__ import annotations


class DomainError(Exception):
    """A command was refused by a business rule; nothing was recorded."""


class RecordNotFound(DomainError):
    """The command names a record the ledger does not hold."""


class StateConflict(DomainError):
    """The command conflicts with the current state of a record."""


class InvalidInput(DomainError):
    """The command's input breaks a rule regardless of any record's state."""


class UnknownRecord(RecordNotFound):
    def __init__(self, kind: str, key: str) -> None:
        super().__init__(f"{kind} {key} does not exist in the ledger")
        self.kind = kind
        self.key = key


class DuplicateRecord(StateConflict):
    def __init__(self, kind: str, key: str) -> None:
        super().__init__(f"{kind} {key} already exists: use another number or reference")
        self.kind = kind
        self.key = key


class InvalidAmount(InvalidInput):
    """An amount is not positive or has more than two decimal places."""


class FieldOutOfLimits(InvalidInput):
    """A field breaks one of QuickBooks' limits (`domain.limits`); nothing was recorded."""

    def __init__(self, field: str, limit: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.limit = limit


class InvalidLines(InvalidInput):
    """A transaction's lines are missing or malformed."""


class InvalidReference(InvalidInput):
    """A number, reference, code or name is empty or malformed."""


class OverApplication(StateConflict):
    """An application exceeds a payment's or credit's unapplied amount, or an invoice's balance."""


class CrossCustomerApplication(StateConflict):
    """A payment or credit was applied to another customer's invoice."""


class JobPaymentWithoutInvoice(InvalidInput):
    """A job payment must be applied to exactly one invoice."""


class InvoiceNotEditable(StateConflict):
    """The invoice is finalized or voided; its lines and total are locked."""


class TransactionClosed(StateConflict):
    """The payment or credit memo is finished or voided and cannot change."""


class InvalidTransition(StateConflict):
    """The command does not apply to the record in its current state."""


class LockedByQuickBooks(StateConflict):
    """QuickBooks already holds the record or application; the ledger cannot change it."""


class ImportRequired(StateConflict):
    """No Import from QuickBooks has completed yet; a sync needs one first."""


class RepeatImportNeedsConfirmation(StateConflict):
    """A repeated import while the ledger holds transactions needs someone to confirm it."""
