"""The Web Connector HTTP endpoint: SOAP, the WSDL and the .qwc download.

Mount it with ``app.include_router(create_qbwc_router(service))``.
"""

from __future__ import annotations

from api.qbwc.router import create_qbwc_router
from api.qbwc.standalone import create_qbwc_test_app

__all__ = ["create_qbwc_router", "create_qbwc_test_app"]
