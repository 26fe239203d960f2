"""An in-process QuickBooks Desktop simulator speaking qbXML 13.0, for tests, demos and benches."""

from __future__ import annotations

from adapters.quickbooks.simulator.faults import Faults, ResponseLost
from adapters.quickbooks.simulator.simulator import QuickBooksSimulator, RequestRejected

__all__ = ["Faults", "QuickBooksSimulator", "RequestRejected", "ResponseLost"]
