"""Shared fixtures: where the qbXML schemas live, and the persistence backends."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lxml import etree

REPO_ROOT = Path(__file__).resolve().parent.parent


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
