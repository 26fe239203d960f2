"""Named API tokens with roles, read from settings.

`QBSYNC_API_TOKENS` holds `name:role:secret` entries separated by `;`. The secret is the
token itself or `sha256:<hex digest of the token>` (so the settings need not hold tokens).
Roles are ordered: an auditor reads; a bookkeeper also records transactions and starts syncs
and imports; a controller may also change the policy level and confirm repeat imports.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum

from domain.errors import InvalidInput

_DIGEST = re.compile(r"sha256:([0-9a-fA-F]{64})")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@ -]{0,63}")
LEGACY_TOKEN_NAME = "controller"


class Role(IntEnum):
    AUDITOR = 1
    BOOKKEEPER = 2
    CONTROLLER = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def named(cls, label: str) -> Role:
        try:
            return cls[label.strip().upper()]
        except KeyError:
            valid = ", ".join(role.label for role in cls)
            raise InvalidInput(f"unknown role {label.strip()!r}: use one of {valid}") from None


@dataclass(frozen=True)
class Principal:
    """Who is calling: the token's name (recorded as the acting name) and its role."""

    name: str
    role: Role


@dataclass(frozen=True)
class _Entry:
    principal: Principal
    digest: bytes


class TokenBook:
    """The configured tokens; `find` answers who a presented token belongs to."""

    def __init__(self, entries: Iterable[tuple[Principal, bytes]] = ()) -> None:
        self._entries = [_Entry(principal, digest) for principal, digest in entries]
        names = [entry.principal.name for entry in self._entries]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise InvalidInput(f"API token names must be unique; repeated: {', '.join(repeated)}")

    def __bool__(self) -> bool:
        return bool(self._entries)

    @property
    def principals(self) -> list[Principal]:
        return [entry.principal for entry in self._entries]

    def secret(self) -> bytes:
        """Secret material derived from every token (e.g. to sign web sessions)."""
        digests = sorted(entry.digest for entry in self._entries)
        return hashlib.sha256(b"".join(digests)).digest()

    def find(self, token: str) -> Principal | None:
        presented = _digest(token)
        found = None
        for entry in self._entries:  # every entry is compared, in constant time each
            if hmac.compare_digest(presented, entry.digest):
                found = entry.principal
        return found


def parse_tokens(setting: str) -> list[tuple[Principal, bytes]]:
    """The entries of a QBSYNC_API_TOKENS value; a malformed entry names itself and the fix."""
    entries = []
    for number, raw in enumerate(setting.split(";"), start=1):
        if not raw.strip():
            continue
        parts = raw.strip().split(":", 2)
        if len(parts) != 3 or not all(part.strip() for part in parts):
            raise InvalidInput(
                f"QBSYNC_API_TOKENS entry {number} is not name:role:token (or "
                "name:role:sha256:<hex>): write each entry as e.g. dana:controller:sha256:9f86…"
            )
        name, role, secret = (part.strip() for part in parts)
        if not _NAME.fullmatch(name):
            raise InvalidInput(
                f"QBSYNC_API_TOKENS entry {number}: the name {name!r} must be letters, digits, "
                "'.', '_', '@', '-' or spaces (at most 64)"
            )
        digest = _DIGEST.fullmatch(secret)
        hashed = bytes.fromhex(digest.group(1)) if digest else _digest(secret)
        entries.append((Principal(name, Role.named(role)), hashed))
    return entries


def token_book(
    tokens_setting: str, legacy_token: str, *, production: bool
) -> tuple[TokenBook, dict[str, str]]:
    """The tokens from settings, and the tokens generated for this run (name to token): in
    development, with nothing configured, one token per role is generated."""
    entries = parse_tokens(tokens_setting)
    if legacy_token:
        entries.append((Principal(LEGACY_TOKEN_NAME, Role.CONTROLLER), _digest(legacy_token)))
    if entries:
        return TokenBook(entries), {}
    if production:
        raise InvalidInput(
            "QBSYNC_API_TOKEN is required when QBSYNC_ENVIRONMENT=production (or named tokens "
            "with roles in QBSYNC_API_TOKENS, name:role:sha256:<hex>;…): every route but "
            "/health needs one"
        )
    generated = {f"dev-{role.label}": secrets.token_urlsafe(24) for role in Role}
    return TokenBook(_entries_of(generated)), generated


def hash_token(token: str) -> str:
    """The `sha256:<hex>` form of a token, for QBSYNC_API_TOKENS."""
    return "sha256:" + _digest(token).hex()


def _entries_of(generated: Mapping[str, str]) -> list[tuple[Principal, bytes]]:
    return [
        (Principal(name, Role.named(name.removeprefix("dev-"))), _digest(token))
        for name, token in generated.items()
    ]


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()
