"""A real `qbsync serve` in production settings with one named token per role."""

from __future__ import annotations

from pathlib import Path

from adapters.settings import Settings
from api.auth.tokens import hash_token
from tests.e2e.gateway.serve_process import PUBLIC_URL, REPO_ROOT, running_serve, serve_env

__all__ = ["REPO_ROOT", "running_serve"]

TOKENS = {
    "auditor": "audit-token-0123456789",
    "bookkeeper": "bookkeeping-token-0123456789",
    "controller": "controlling-token-0123456789",
}
NAMES = {"auditor": "ann", "bookkeeper": "bo", "controller": "cy"}
# The auditor's entry holds the token itself; the others only its sha256 digest.
TOKENS_SETTING = ";".join(
    f"{NAMES[role]}:{role}:{token if role == 'auditor' else hash_token(token)}"
    for role, token in TOKENS.items()
)


def production_env(data_dir: Path, **settings: str) -> dict[str, str]:
    return serve_env(
        data_dir,
        QBSYNC_ENVIRONMENT="production",
        QBSYNC_API_TOKENS=TOKENS_SETTING,
        QBSYNC_QUICKBOOKS="simulator",
        QBSYNC_QBWC_PUBLIC_URL=PUBLIC_URL,
        **settings,
    )


def production_settings(data_dir: Path) -> Settings:
    return Settings(
        data_dir=data_dir,
        environment="production",
        api_tokens=TOKENS_SETTING,
        quickbooks="simulator",
    )


def auth(role: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKENS[role]}"} if role else {}
