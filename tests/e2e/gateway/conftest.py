"""The whole app on a temporary SQLite data dir with one Web Connector user (bookkeeper)."""

from __future__ import annotations

from tests.e2e.qbwc.conftest import serve_app
from tests.e2e.sync.conftest import container

__all__ = ["container", "serve_app"]
