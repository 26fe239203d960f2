"""`qbsync serve` in development prints one token per role; production needs tokens."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.cli import app as cli

LEVEL = {"level": "moderate", "changed_by": "x"}


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[dict[str, int]]:
    """What each generated token got from the app while `qbsync serve` ran it."""
    answers: list[dict[str, int]] = []

    def run(app: FastAPI, **_: Any) -> None:
        with TestClient(app) as client:
            tokens = app.state.container.generated_tokens
            answers.append(
                {
                    name: client.post("/policy/level", json=LEVEL, headers=bearer(t)).status_code
                    for name, t in tokens.items()
                }
                | {"read without a token": client.get("/company").status_code}
            )

    monkeypatch.setattr(uvicorn, "run", run)
    for name in [name for name in os.environ if name.startswith("QBSYNC_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("QBSYNC_DATA_DIR", str(tmp_path))
    return answers


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_development_prints_one_working_token_per_role(served: list[dict[str, int]]) -> None:
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code == 0, result.output
    printed = dict(line.split() for line in result.output.splitlines()[-3:])
    assert printed.keys() == {"auditor", "bookkeeper", "controller"}
    assert len(set(printed.values())) == 3
    assert all(len(t) >= 32 for t in printed.values())
    [answers] = served
    assert answers == {
        "dev-auditor": 403,
        "dev-bookkeeper": 403,
        "dev-controller": 200,
        "read without a token": 200,  # reads are open in development
    }


def test_production_without_tokens_does_not_start(
    served: list[dict[str, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QBSYNC_ENVIRONMENT", "production")
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code == 2
    assert served == []
    assert "QBSYNC_API_TOKENS" in result.output


@pytest.mark.parametrize(
    ("setting", "complaint"),
    [
        ("dana:owner:secret-token-1", "unknown role 'owner'"),
        ("dana:auditor", "entry 1 is not name:role:token"),
        ("dana:auditor:a;dana:controller:b", "repeated: dana"),
    ],
)
def test_malformed_tokens_are_refused_at_start_up(
    served: list[dict[str, int]], monkeypatch: pytest.MonkeyPatch, setting: str, complaint: str
) -> None:
    monkeypatch.setenv("QBSYNC_API_TOKENS", setting)
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code == 2
    assert served == []
    assert complaint in " ".join(result.output.split())
