"""Citations a person can follow: the cited event's record, name, time, who acted and log
position ("invoice 2603021-2 · Created · 2026-03-02 08:14 · by dispatch · log #60")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from adapters.services.listing.history import ENVELOPE, HistoryLine, actor_of, event_words, label_of
from adapters.storage.ledger.application import Ledger
from adapters.storage.readiness.events import read_log
from projections.readiness.facts import Facts, TxnRef
from projections.readiness.log import Citation


@dataclass(frozen=True)
class CitedEvent:
    line: HistoryLine
    ref: TxnRef | None  # the transaction it belongs to, when it is one

    @property
    def position(self) -> int:
        return self.line.position


_CITED = re.compile(r"#(\d+) ([A-Za-z]+\.[A-Za-z]+) \(([0-9a-f-]+) v(\d+)\)")


class Citations:
    """Reads each cited event once, and renders citations in words."""

    def __init__(self, ledger: Ledger, facts: Facts) -> None:
        self.ledger, self.facts = ledger, facts
        self._seen: dict[int, CitedEvent] = {}

    def event(self, citation: Citation) -> CitedEvent:
        known = self._seen.get(citation.position)
        if known is None:
            known = self._seen[citation.position] = self._read(citation)
        return known

    def words(self, citation: Citation) -> str:
        return self.event(citation).line.citation()

    def in_words(self, text: str) -> str:
        """`text` with each citation written as `Citation.__str__` writes it
        (`#60 Invoice.Created (62ac094f-… v1)`), in brackets or not, put in words."""

        def worded(found: re.Match[str]) -> str:
            position, event, originator_id, version = found.groups()
            return self.words(Citation(int(position), originator_id, int(version), event))

        return _CITED.sub(worded, text)

    def all(self, citations: Iterable[Citation]) -> list[CitedEvent]:
        return [self.event(citation) for citation in citations]

    def _read(self, citation: Citation) -> CitedEvent:
        ref = self.facts.origins.get(citation.originator_id)
        aggregate, _, name = citation.event.rpartition(".")
        found = read_log(self.ledger, citation.position - 1, 1, upto=citation.position)
        if not found:
            record = ref.label if ref else event_words(aggregate).lower()
            return CitedEvent(HistoryLine(citation.position, _epoch(), record, name, "", {}), ref)
        event = found[0]
        record = ref.label if ref else _label(aggregate, event.data)
        data = {k: v for k, v in event.data.items() if k not in ENVELOPE}
        line = HistoryLine(
            event.position, event.timestamp, record, name, actor_of(name, data), data
        )
        return CitedEvent(line, ref)


def _label(aggregate: str, data: Mapping[str, Any]) -> str:
    try:
        return label_of(aggregate, data)
    except KeyError:  # not its first event: the fields naming the record are elsewhere
        return event_words(aggregate).lower()


def _epoch() -> datetime:
    return datetime.fromtimestamp(0, UTC)
