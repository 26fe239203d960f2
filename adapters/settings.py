"""Settings, read once at the composition root from QBSYNC_* environment variables."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from adapters.errors import ConfigurationError


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="QBSYNC_", extra="ignore")

    data_dir: Path = Field(
        default=Path("data"), description="Folder for the SQLite ledger and the simulator file"
    )
    database_url: str = Field(
        default="",
        description=(
            "Empty for the embedded SQLite file under data_dir; or sqlite:///path/to/file.db; "
            "or postgresql://user:password@host:port/dbname?schema=name"
        ),
    )
    environment: str = Field(default="development", description="development or production")
    api_token: str = Field(
        default="", description="One bearer token with the controller role (named api-token)"
    )
    api_tokens: str = Field(
        default="",
        description="Named tokens with roles: name:role:token or name:role:sha256:<hex>;…",
    )
    qbwc_users: str = Field(default="", description="Web Connector users, see README")
    quickbooks: str = Field(
        default="",
        description=(
            "How QuickBooks is reached: simulator or webconnector; empty: the simulator in "
            "development, refused in production"
        ),
    )
    simulator_path: Path | None = Field(
        default=None,
        description=(
            "QuickBooks simulator company file, shared by every process that opens it "
            "(default data_dir/quickbooks-simulator.sqlite)"
        ),
    )
    sync_stuck_after_seconds: float = Field(
        default=600.0,
        gt=0,
        description=(
            "Seconds an operation may stay in flight, even with its worker's lease renewed, "
            "before another worker checks QuickBooks and resends it (a hung worker's bound)"
        ),
    )
    sync_lease_seconds: float = Field(
        default=120.0,
        gt=0,
        description=(
            "How long a worker's hold on in-flight work lasts unless renewed (it renews with "
            "every message); a process that is gone on the same host loses it at once"
        ),
    )
    time_zone: str = Field(
        default="UTC",
        description=(
            "The company's time zone (IANA name, e.g. America/Chicago): dates and times given "
            "without a zone, as in --as-of 2026-03-03, are read in it"
        ),
    )

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"QBSYNC_TIME_ZONE {value!r} is not a time zone: use an IANA name such as UTC "
                "or America/Chicago"
            ) from None
        return value

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def simulator_file(self) -> Path:
        return self.simulator_path or self.data_dir / "quickbooks-simulator.sqlite"

    def eventsourcing_env(self) -> dict[str, str]:
        """The eventsourcing persistence settings for this database."""
        return persistence_env(self.database_url, self.data_dir)

    def storage_description(self) -> str:
        """Where the ledger is kept, for messages (a path, or PostgreSQL without password)."""
        env = persistence_env(self.database_url, self.data_dir, create_folder=False)
        if env["PERSISTENCE_MODULE"] == "eventsourcing.postgres":
            host, port = env["POSTGRES_HOST"], env["POSTGRES_PORT"]
            schema = env.get("POSTGRES_SCHEMA", "public")
            return f"PostgreSQL database {env['POSTGRES_DBNAME']} at {host}:{port}, schema {schema}"
        return f"SQLite database {env['SQLITE_DBNAME']}"


def persistence_env(
    database_url: str, data_dir: Path, *, create_folder: bool = True
) -> dict[str, str]:
    if not database_url:
        return _sqlite_env(data_dir / "ledger.sqlite", create_folder)
    parts = urlsplit(database_url)
    if parts.scheme == "sqlite":
        path = unquote(parts.path.removeprefix("/")) if parts.netloc == "" else parts.path
        if path in ("", ":memory:"):
            return {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": ":memory:"}
        return _sqlite_env(Path(path), create_folder)
    if parts.scheme in ("postgres", "postgresql"):
        query = parse_qs(parts.query)
        env = {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": parts.path.removeprefix("/") or "postgres",
            "POSTGRES_HOST": parts.hostname or "127.0.0.1",
            "POSTGRES_PORT": str(parts.port or 5432),
            "POSTGRES_USER": unquote(parts.username or "postgres"),
            "POSTGRES_PASSWORD": unquote(parts.password or ""),
            "POSTGRES_CONNECT_TIMEOUT": "10",
            "POSTGRES_LOCK_TIMEOUT": "5",
            "POSTGRES_POOL_SIZE": query.get("pool_size", ["5"])[0],
            # A connection the server dropped is found and replaced before it is handed out.
            "POSTGRES_PRE_PING": "y",
        }
        if "schema" in query:
            env["POSTGRES_SCHEMA"] = query["schema"][0]
        return env
    raise ConfigurationError(
        f"QBSYNC_DATABASE_URL scheme {parts.scheme!r} is not supported: use sqlite:///file.db or "
        "postgresql://user@host:5432/dbname"
    )


def _sqlite_env(path: Path, create_folder: bool = True) -> dict[str, str]:
    if create_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": str(path),
        "SQLITE_LOCK_TIMEOUT": "10",
    }
