"""One `qbsync` worker process for test_four_workers.py: waits for GO_FILE, then syncs
everything ready (settings from QBSYNC_* variables) into the shared simulator file.

python -m tests.integration.sync.sync_worker GO_FILE
prints, as JSON, how many requests and messages this process sent, and its run's state.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from api.bootstrap import bootstrap


def main(go: Path) -> None:
    container = bootstrap()
    try:
        quickbooks = container.quickbooks_simulator().handle
        sent = {"requests": 0, "messages": 0}

        def counting(message: str) -> str:
            sent["messages"] += 1
            sent["requests"] += message.count("requestID=")
            return quickbooks(message)

        synchronizer = container.synchronizer()
        deadline = time.monotonic() + 60
        while not go.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        report = synchronizer.run_directly(synchronizer.start_run(), counting)
        print(json.dumps(sent | {"state": report.state}))
    finally:
        container.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
