"""The sync tests' app on a temporary SQLite data dir, with its QuickBooks simulator."""

from tests.e2e.sync.conftest import container

__all__ = ["container"]
