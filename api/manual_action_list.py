"""Manual actions listed: the open ones (as sync reports list them), or every one opened."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.utils import get_topic

from adapters.ledger.application import Ledger
from adapters.sync.reports import open_manual_actions
from domain.manual_action import ManualAction

_OPENED = f"{get_topic(ManualAction)}.Opened"
_PAGE = 500


def listed_manual_actions(ledger: Ledger, open_only: bool) -> list[ManualAction]:
    """Oldest first."""
    if open_only:
        ids = [UUID(item["id"]) for item in open_manual_actions(ledger)]
    else:
        ids = opened_manual_action_ids(ledger)
    return [ledger.manual_action(action_id) for action_id in ids]


def opened_manual_action_ids(ledger: Ledger) -> list[UUID]:
    ids: list[UUID] = []
    start = 1
    while page := ledger.recorder.select_notifications(start, _PAGE, topics=[_OPENED]):
        ids.extend(UUID(str(notification.originator_id)) for notification in page)
        start = page[-1].id + 1
    return ids
