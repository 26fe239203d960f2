"""Which transactions the events in a stretch of the log changed, read by key and topic only:
what a planner needs to know to plan again only what those events can have moved."""

from __future__ import annotations

from adapters.storage.ledger.application import Ledger
from projections.readiness.facts import Facts, TxnRef
from projections.readiness.incremental import affected

PAGE = 5_000


def changed_since(ledger: Ledger, facts: Facts, after: int) -> set[TxnRef]:
    """The transactions whose verdicts the events after position `after`, up to the facts'
    position, can have moved: those the events belong to and those that read them."""
    touched: set[TxnRef] = set()
    start = after + 1
    while start <= facts.position:
        page = ledger.recorder.select_notifications(start, PAGE, stop=facts.position)
        if not page:
            break
        for notification in page:
            ref = facts.origins.get(str(notification.originator_id))
            if ref is not None:
                touched.add(ref)
        start = page[-1].id + 1
    return affected(facts, touched)
