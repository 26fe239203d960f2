"""What a request handler gives back to the simulator."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from adapters.quickbooks.simulator.company import Company
from adapters.quickbooks.simulator.responses import Element
from adapters.quickbooks.simulator.status import STATUS_OK, Status


@dataclass
class Outcome:
    rets: list[Element] = field(default_factory=list)
    status: Status = STATUS_OK
    changed: bool = False
    iterator_id: str | None = None
    iterator_remaining: int | None = None


Handler = Callable[[Company, Element], Outcome]
