"""Manual actions listed, open or all, and found by their record or a unique id prefix."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from adapters.services.listing.log_scan import positioned_events, topic_of
from adapters.services.listing.pages import DEFAULT_LIMIT, MAX_LIMIT, Page, page_of
from adapters.storage.ledger.application import Ledger
from domain.errors import InvalidInput, RecordNotFound
from domain.manual_action import ManualAction

_OPENED, _DONE = topic_of(ManualAction, "Opened"), topic_of(ManualAction, "Done")


@dataclass(frozen=True)
class OpenedAction:
    id: UUID
    position: int
    subject: str
    action: str
    instructions: str
    done: bool


@dataclass(frozen=True)
class ManualActionQuery:
    open_only: bool = True
    record: str = ""  # KIND:KEY, e.g. invoice:2603021-2
    after: str = ""
    limit: int = DEFAULT_LIMIT


def opened_actions(ledger: Ledger) -> list[OpenedAction]:
    """Every manual action ever opened, oldest first, with whether it is done."""
    opened: dict[UUID, OpenedAction] = {}
    for position, event in positioned_events(ledger, _OPENED, _DONE):
        action_id = UUID(str(event.originator_id))
        if type(event).__name__ == "Opened":
            opened[action_id] = OpenedAction(
                action_id, position, event.subject, event.action, event.instructions, False
            )
        else:
            was = opened[action_id]
            opened[action_id] = OpenedAction(
                was.id, was.position, was.subject, was.action, was.instructions, True
            )
    return list(opened.values())


def list_manual_actions(ledger: Ledger, query: ManualActionQuery) -> Page[ManualAction]:
    matching = [
        action
        for action in opened_actions(ledger)
        if (not query.open_only or not action.done)
        and (not query.record or _is_of(action.subject, query.record))
    ]
    page = page_of(matching, lambda a: (a.position,), query.after, query.limit)
    return Page([ledger.manual_action(a.id) for a in page.items], page.next_cursor, page.total)


def find_manual_action(ledger: Ledger, address: str) -> ManualAction:
    """The action named by its record (`invoice:2603021-2`: the open one, else the only one)
    or by any unique prefix of its id."""
    address = address.strip()
    if not address:
        raise InvalidInput("name a manual action by its record (invoice:2603021-2) or its id")
    actions = opened_actions(ledger)
    if ":" in address:
        found = [a for a in actions if _is_of(a.subject, address)]
        if len(found) > 1:
            found = [a for a in found if not a.done] or found
        what = f"for {address}"
    else:
        prefix = address.lower().replace("-", "")
        found = [a for a in actions if a.id.hex.startswith(prefix)]
        what = f"whose id starts with {address}"
    if not found:
        raise RecordNotFound(f"no manual action {what}: `qbsync manual-actions --all` lists them")
    if len(found) > 1:
        ids = ", ".join(str(a.id) for a in found[:MAX_LIMIT])
        raise InvalidInput(f"{len(found)} manual actions {what} ({ids}): give more of the id")
    return ledger.manual_action(found[0].id)


def _is_of(subject: str, record: str) -> bool:
    kind, _, key = record.partition(":")
    kind = kind.strip().lower().replace("-", " ").replace("_", " ")
    key = key.strip()
    if kind == "payment":
        return subject in (f"job payment {key}", f"account payment {key}")
    return subject == f"{kind} {key}"
