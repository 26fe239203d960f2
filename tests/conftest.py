"""Shared fixtures: where the qbXML schemas live, and the persistence backends."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from lxml import etree

REPO_ROOT = Path(__file__).resolve().parent.parent

# No per-example deadline anywhere: the machines are small and shared, and a slow example is
# not a wrong one. In CI the examples are derandomized, so a run is repeatable.
settings.register_profile("local", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "local")


def shared_dir() -> Path:
    """The shared folder beside the checkout (override with QBSYNC_SHARED_DIR)."""
    configured = os.environ.get("QBSYNC_SHARED_DIR")
    return Path(configured) if configured else REPO_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def qbxml_schema() -> etree.XMLSchema:
    """Intuit's qbXML 13.0 schema, read from shared/ (never copied into the repo)."""
    path = shared_dir() / "qbxml" / "qbxmlops130.xsd"
    if not path.exists():
        pytest.fail(f"qbXML schema not found at {path}: set QBSYNC_SHARED_DIR")
    return etree.XMLSchema(etree.parse(str(path)))


@pytest.fixture(scope="session")
def qbwc_wsdl_path() -> Path:
    """The Web Connector WSDL from shared/ (for standard SOAP clients in tests)."""
    path = shared_dir() / "qbwc" / "QBWebConnectorSvc.wsdl"
    if not path.exists():
        pytest.fail(f"Web Connector WSDL not found at {path}: set QBSYNC_SHARED_DIR")
    return path
