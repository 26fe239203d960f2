"""Who recorded each event an explanation cites, read from the ledger when it is shown."""

from __future__ import annotations

from collections.abc import Iterator
from uuid import UUID

from pydantic import BaseModel

from adapters.services.listing.history import actor_of
from adapters.storage.ledger.application import Ledger
from api.schemas.policy import CitationOut


def name_the_actors(ledger: Ledger, answer: BaseModel) -> BaseModel:
    """Fill in `by` on every citation inside `answer` (one read per cited event)."""
    names: dict[tuple[str, int], str] = {}
    for citation in _citations(answer):
        cited = (citation.originator_id, citation.version)
        if cited not in names:
            names[cited] = _acting_name(ledger, *cited)
        citation.by = names[cited]
    return answer


def _acting_name(ledger: Ledger, originator_id: str, version: int) -> str:
    try:
        aggregate_id = UUID(originator_id)
    except ValueError:
        return ""
    events = ledger.events.get(aggregate_id, gt=version - 1, lte=version)
    return next((actor_of(type(event).__name__, vars(event)) for event in events), "")


def _citations(value: object) -> Iterator[CitationOut]:
    if isinstance(value, CitationOut):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _citations(getattr(value, name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from _citations(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _citations(item)
