"""Sync runs delivered through the configured QuickBooks gateway in a background thread, so the
API answers at once; a delivery that crashes is remembered with why."""

from __future__ import annotations

import logging
import threading

from api.bootstrap import Container

logger = logging.getLogger(__name__)


class SyncDeliveries:
    def __init__(self, container: Container) -> None:
        self.container = container
        self.failures: dict[str, str] = {}
        self._threads: dict[str, threading.Thread] = {}
        self._lock = threading.Lock()

    def start(self, run_id: str) -> None:
        thread = threading.Thread(
            target=self._deliver, args=(run_id,), name=f"sync-{run_id}", daemon=True
        )
        with self._lock:
            self._threads[run_id] = thread
        thread.start()

    def is_delivering(self, run_id: str) -> bool:
        with self._lock:
            thread = self._threads.get(run_id)
        return thread is not None and thread.is_alive()

    def _deliver(self, run_id: str) -> None:
        try:
            backend = self.container.quickbooks().connect()
            self.container.synchronizer().run_directly(run_id, backend)
        except Exception as error:
            logger.exception("sync run %s failed", run_id)
            with self._lock:
                self.failures[run_id] = f"{type(error).__name__}: {error}"


def sync_deliveries(container: Container) -> SyncDeliveries:
    """The container's deliveries, made on first use."""
    return container.once("sync_deliveries", lambda: SyncDeliveries(container))
