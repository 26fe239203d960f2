"""Manual actions listed: the open ones (as sync reports list them), or every one opened."""

from __future__ import annotations

from adapters.services.listing.manual_actions import ManualActionQuery, list_manual_actions
from adapters.services.listing.pages import MAX_LIMIT
from adapters.storage.ledger.application import Ledger
from domain.manual_action import ManualAction


def listed_manual_actions(ledger: Ledger, open_only: bool) -> list[ManualAction]:
    """Oldest first, every one (page after page)."""
    found: list[ManualAction] = []
    after = ""
    while True:
        page = list_manual_actions(
            ledger, ManualActionQuery(open_only, after=after, limit=MAX_LIMIT)
        )
        found.extend(page.items)
        if not (after := page.next_cursor):
            return found
