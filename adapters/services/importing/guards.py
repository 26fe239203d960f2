"""Import before sync (SPEC 4): the checks around the Import from QuickBooks."""

from __future__ import annotations

from adapters.services.importing.ledger_log import ledger_holds_transactions
from adapters.storage.ledger.application import Ledger
from domain.errors import ImportRequired, InvalidReference, RepeatImportNeedsConfirmation

REPEAT_RISK = (
    "the ledger already holds invoices, payments or credit memos: repeating the Import from "
    "QuickBooks overwrites customer balances and QuickBooks links with QuickBooks' current "
    "values, which may no longer agree with the transactions you recorded since the first "
    "import"
)


def require_import_completed(ledger: Ledger) -> None:
    """Raise ImportRequired unless an Import from QuickBooks has completed (the sync's gate)."""
    if ledger.company_settings().imports_completed == 0:
        raise ImportRequired(
            "synchronise is refused: no Import from QuickBooks has completed yet; run the "
            "import first (qbsync import, or POST /imports) so every customer, item and "
            "balance is linked to QuickBooks"
        )


def repeat_warning(
    ledger: Ledger, confirm: bool, confirmed_by: str, lists_only: bool = False
) -> str | None:
    """The warning a repeat import carries, or None when it needs none (a lists refresh
    never does: it touches nothing the ledger's transactions hang on).

    Raises RepeatImportNeedsConfirmation when it is a repeat over recorded transactions and
    not confirmed, and InvalidReference when confirmed without saying by whom.
    """
    repeat = ledger.company_settings().imports_completed > 0
    if lists_only or not repeat or not ledger_holds_transactions(ledger):
        return None
    if not confirm:
        raise RepeatImportNeedsConfirmation(
            f"import refused: {REPEAT_RISK}. Avoid a repeat if you can; to run it anyway, "
            "confirm it and say who you are (qbsync import --confirm --by NAME, or "
            '{"confirm": true, "by": NAME})'
        )
    if not confirmed_by.strip():
        raise InvalidReference("a confirmed repeat import must say who confirmed it")
    return f"repeat import confirmed by {confirmed_by.strip()} although {REPEAT_RISK}"
