"""Operational faults told in one line: what failed, where, and what to do about it.

A full disk, a read-only folder, a missing PostgreSQL schema, a lost database connection or a
locked SQLite file are not bugs: the CLI prints `operational_fault(...).detail` instead of a
traceback and the API answers 503 with it. Anything else is not one of these (None).
"""

from __future__ import annotations

import errno
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import psycopg_pool

from adapters.quickbooks.simulator.file_errors import CompanyFileError
from adapters.storage.persistence import MissingSchema

_SCHEMA_NAME = re.compile(r'schema "([^"]+)" does not exist')
_DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
_READ_ONLY = (errno.EROFS, errno.EACCES, errno.EPERM)
_WRITE_FAILURES = (
    "SQLITE_FULL",
    "SQLITE_IOERR_WRITE",
    "SQLITE_IOERR_FSYNC",
    "SQLITE_IOERR_TRUNCATE",
)
_WRITABLE = "make it writable for this user, or set QBSYNC_DATA_DIR to a writable folder"


@dataclass(frozen=True)
class OperationalFault:
    title: str
    detail: str
    retryable: bool = False


def operational_fault(error: BaseException, storage: str) -> OperationalFault | None:
    """The fault behind `error` (or one of its causes), if it is one; `storage` says where
    the ledger is kept (Settings.storage_description), for errors that do not name it."""
    for cause in _causes(error):
        fault = _known(cause, storage)
        if fault is not None:
            return fault
    return None


def _causes(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _known(error: BaseException, storage: str) -> OperationalFault | None:
    if isinstance(error, CompanyFileError):
        title = "The QuickBooks simulator's company file is busy" if error.retryable else (
            "The QuickBooks simulator's company file could not be used"
        )  # fmt: skip
        return OperationalFault(title, str(error), retryable=error.retryable)
    if isinstance(error, MissingSchema):
        return OperationalFault("The database schema does not exist", str(error))
    if isinstance(error, sqlite3.Error):
        return _sqlite_fault(error, storage)
    if isinstance(error, psycopg.Error | psycopg_pool.PoolTimeout):
        return _postgres_fault(error, storage)
    if isinstance(error, OSError):
        return _os_fault(error)
    return None


def _sqlite_fault(error: sqlite3.Error, storage: str) -> OperationalFault | None:
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return OperationalFault(
            "The database is busy",
            f"{storage} is locked by another process ({text}): try again in a moment",
            retryable=True,
        )
    if name in _WRITE_FAILURES:
        return OperationalFault(
            "The disk is full",
            f"could not write {storage} ({text}): the disk is full or a file-size limit was "
            "reached; free some space on it and try again",
        )
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")):
        return OperationalFault(
            "The data folder is read-only",
            f"cannot write {storage} ({text}): its folder or file is read-only; {_WRITABLE}",
        )
    return None


def _postgres_fault(error: Exception, storage: str) -> OperationalFault | None:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    missing = _SCHEMA_NAME.search(text)
    if isinstance(error, psycopg.errors.InvalidSchemaName) or missing:
        schema = missing[1] if missing else "named in QBSYNC_DATABASE_URL"
        return OperationalFault(
            "The database schema does not exist",
            f'PostgreSQL schema "{schema}" does not exist ({storage}): run `qbsync db migrate` '
            f"(it creates the schema and the tables), or CREATE SCHEMA it",
        )
    if isinstance(error, psycopg.errors.DiskFull):
        return OperationalFault(
            "The database's disk is full",
            f"{storage} has no space left ({text}): free space on the database server",
        )
    if isinstance(error, psycopg.OperationalError | psycopg_pool.PoolTimeout):
        return OperationalFault(
            "The database cannot be reached",
            f"lost or could not open the connection to {storage} ({text}): check that "
            "PostgreSQL runs and QBSYNC_DATABASE_URL, then try again",
            retryable=True,
        )
    return None


def _os_fault(error: OSError) -> OperationalFault | None:
    where = error.filename or "a file in the data folder"
    if error.errno in _DISK_FULL:
        return OperationalFault(
            "The disk is full",
            f"could not write {where} ({error.strerror}): free some space on its disk and "
            "try again",
        )
    if error.errno in _READ_ONLY:
        return OperationalFault(
            "The data folder is read-only",
            f"cannot write {where} ({error.strerror}): {_WRITABLE}",
        )
    return None
