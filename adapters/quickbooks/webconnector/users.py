"""Web Connector users: who may log in, for which company, with which password.

Users are configured in one string, suitable for an environment variable::

    QBSYNC_QBWC_USERS='alice:acme:scrypt.16384.8.1.<salt hex>.<key hex>;
                       bob:globex:scrypt.16384.8.1.<salt hex>.<key hex>:C:\\QB\\Globex.qbw'

Entries are separated by ";" (or newlines); fields by ":" in the order
``username:company_id:password_hash[:company_file]``. The company file is the last field,
so a Windows path with a drive colon is fine; leave it out (or empty) to use whichever file
QuickBooks has open. Usernames and company ids may not contain ":" or ";". Make a hash
with `make_password_hash` (or ``qbsync webconnector hash-password``). Hashes are scrypt
with a per-user random salt and are compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
_MAX_SCRYPT_N = 2**20
_SALT_BYTES = 16
_KEY_BYTES = 32
_SCHEME = "scrypt"


class UserConfigError(ValueError):
    """The Web Connector user configuration cannot be read."""


@dataclass(frozen=True)
class QbwcUser:
    username: str
    company_id: str
    password_hash: str
    company_file: str = ""

    def __repr__(self) -> str:
        return f"QbwcUser(username={self.username!r}, company_id={self.company_id!r})"


def make_password_hash(
    password: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P
) -> str:
    """A salted scrypt hash of `password`: ``scrypt.<n>.<r>.<p>.<salt hex>.<key hex>``."""
    salt = secrets.token_bytes(_SALT_BYTES)
    key = _scrypt(password, salt, n, r, p)
    return f"{_SCHEME}.{n}.{r}.{p}.{salt.hex()}.{key.hex()}"


def verify_password(password: str, password_hash: str) -> bool:
    """True when `password` matches `password_hash` (constant-time comparison)."""
    n, r, p, salt, expected = _parse_hash(password_hash)
    return hmac.compare_digest(_scrypt(password, salt, n, r, p), expected)


def check_password_hash(password_hash: str) -> None:
    """Raise UserConfigError unless `password_hash` is a hash made by `make_password_hash`."""
    _parse_hash(password_hash)


def _parse_hash(password_hash: str) -> tuple[int, int, int, bytes, bytes]:
    parts = password_hash.split(".")
    if len(parts) != 6 or parts[0] != _SCHEME:
        raise UserConfigError("password hash must look like scrypt.<n>.<r>.<p>.<salt>.<key>")
    try:
        n, r, p = (int(part) for part in parts[1:4])
        salt, key = bytes.fromhex(parts[4]), bytes.fromhex(parts[5])
    except ValueError as error:
        raise UserConfigError("password hash has a non-numeric parameter or bad hex") from error
    if not (2 <= n <= _MAX_SCRYPT_N and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16):
        raise UserConfigError("password hash has out-of-range scrypt parameters")
    if not salt or len(key) != _KEY_BYTES:
        raise UserConfigError("password hash has an empty salt or a key of the wrong length")
    return n, r, p, salt, key


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    memory = 128 * r * (n + p + 2) + 1024 * 1024
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=memory, dklen=_KEY_BYTES
    )


def parse_users(config: str) -> list[QbwcUser]:
    """Read the ``username:company_id:hash[:company_file]`` entries of `config`."""
    users: list[QbwcUser] = []
    entries = [entry.strip() for entry in config.replace("\n", ";").split(";")]
    for position, entry in enumerate((entry for entry in entries if entry), start=1):
        fields = entry.split(":", 3)
        if len(fields) < 3:
            raise UserConfigError(
                f"user entry {position} needs username:company_id:password_hash[:company_file]"
            )
        username, company_id, password_hash = (field.strip() for field in fields[:3])
        company_file = fields[3].strip() if len(fields) == 4 else ""
        if not username or not company_id:
            raise UserConfigError(f"user entry {position} has an empty username or company id")
        try:
            check_password_hash(password_hash)
        except UserConfigError as error:
            raise UserConfigError(f"user entry {position} ({username}): {error}") from error
        users.append(QbwcUser(username, company_id, password_hash, company_file))
    return users


def format_user(user: QbwcUser) -> str:
    """The configuration entry for `user` (the inverse of `parse_users` for one entry)."""
    entry = f"{user.username}:{user.company_id}:{user.password_hash}"
    return f"{entry}:{user.company_file}" if user.company_file else entry


class UserDirectory:
    """The configured users; looks them up and checks passwords."""

    def __init__(self, users: Iterable[QbwcUser]) -> None:
        self._users: dict[str, QbwcUser] = {}
        for user in users:
            if user.username in self._users:
                raise UserConfigError(f"user {user.username!r} is configured twice")
            self._users[user.username] = user
        self._decoy_hash: str | None = None

    @classmethod
    def from_config(cls, config: str) -> UserDirectory:
        return cls(parse_users(config))

    def all(self) -> list[QbwcUser]:
        return list(self._users.values())

    def find(self, username: str) -> QbwcUser | None:
        return self._users.get(username)

    def authenticate(self, username: str, password: str) -> QbwcUser | None:
        """The user when the password matches; None otherwise, in about the same time."""
        user = self._users.get(username)
        if user is None:
            verify_password(password, self._decoy())
            return None
        return user if verify_password(password, user.password_hash) else None

    def _decoy(self) -> str:
        if self._decoy_hash is None:
            self._decoy_hash = make_password_hash(secrets.token_urlsafe(16))
        return self._decoy_hash
