"""The simulator's company file: one SQLite database that every process opening it shares.

Each message runs in one `BEGIN IMMEDIATE` transaction: it first catches up on what other
processes saved (rows newer than the change counter this process last saw), then runs, then
writes only the rows that changed and bumps the counter. A save that fails is rolled back and
the company reloaded from the file, so the message fails and the company stays as it was.
A JSON company file of an older qbsync lying beside the database is migrated into it once.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from adapters.quickbooks.simulator.balances import recompute
from adapters.quickbooks.simulator.codec import company_from_json, decoder, encode
from adapters.quickbooks.simulator.company import Clock, Company, Sequences, system_clock
from adapters.quickbooks.simulator.demo_company import demo_company
from adapters.quickbooks.simulator.file_errors import (
    CompanyFileError,
    file_error,
    refuse_foreign_file,
)
from adapters.quickbooks.simulator.merge import Row, decode_row, merge_rows

SCHEMA_VERSION = 1
BUSY_TIMEOUT_SECONDS = 30.0
SEQUENCES = "sequences"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS company (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    changes INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS records (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    body TEXT,
    changed_at INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
);
CREATE INDEX IF NOT EXISTS records_by_change ON records (changed_at);
"""
T = TypeVar("T")


class CompanyFile:
    def __init__(self, path: Path, connection: sqlite3.Connection, clock: Clock) -> None:
        self.path = path
        self.clock = clock
        self._connection = connection
        self.company = Company(company_name="", clock=clock)
        self._seen = 0
        self._stale = False

    @classmethod
    def open(cls, path: Path | str, clock: Clock = system_clock) -> CompanyFile:
        """Open (creating and seeding it with the demo company, or a JSON file beside it)."""
        return cls._attached(Path(path), clock, None)

    @classmethod
    def create(cls, path: Path | str, company: Company) -> CompanyFile:
        """A new company file at `path` holding `company` (refused if a company is there)."""
        return cls._attached(Path(path), company.clock, company)

    @classmethod
    def _attached(cls, path: Path, clock: Clock, company: Company | None) -> CompanyFile:
        company_file = cls(path, _connect(path), clock)
        try:
            company_file._attach(company)
        except BaseException:
            company_file.close()
            raise
        return company_file

    def close(self) -> None:
        self._connection.close()

    def exchange(self, run: Callable[[Company], tuple[T, bool]]) -> T:
        """Run `run` on the up-to-date company under the file's write lock; save if it says
        it changed something. Any failure leaves the file and the company as they were."""
        with self._transaction():
            self._catch_up()
            try:
                result, changed = run(self.company)
                if changed:
                    self._save_changes()
            except BaseException:
                self._connection.rollback()
                self._reload()
                raise
            self.company.forget_changes()
            return result

    # --- inside the transaction -----------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        try:
            self._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise file_error(self.path, error) from error
        try:
            yield
        except sqlite3.Error as error:
            raise file_error(self.path, error) from error
        finally:
            if self._connection.in_transaction:
                try:
                    self._connection.commit()
                except sqlite3.Error as error:
                    self._connection.rollback()
                    self._reload()
                    raise file_error(self.path, error) from error

    def _attach(self, company: Company | None) -> None:
        with self._transaction():
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self._connection.execute(statement)
            if self._counter() is None:
                self.company = company or self._seed()
                self._write_all(self.company)
            elif company is None:
                self._load()
            else:
                raise CompanyFileError(self.path, "already holds a company")

    def _counter(self) -> int | None:
        found = self._connection.execute("SELECT changes FROM company WHERE id = 1").fetchone()
        return None if found is None else int(found[0])

    def _catch_up(self) -> None:
        if self._stale:
            self._load()
            return
        counter = self._counter()
        if counter is None or counter == self._seen:
            return
        rows = self._connection.execute(
            "SELECT kind, key, body FROM records WHERE changed_at > ?", (self._seen,)
        ).fetchall()
        for kind, _, body in rows:
            if kind == SEQUENCES:
                self.company.sequences = decoder(Sequences)(json.loads(body))
        merge_rows(self.company, [Row(kind, key, body) for kind, key, body in rows])
        self.company.forget_changes()
        self._seen = counter

    def _save_changes(self) -> None:
        counter = self._seen + 1
        rows = [
            (name, key, _body(table.get(key)), counter)
            for name, table in self.company.tables().items()
            for key in table.changed
        ]
        rows.append((SEQUENCES, "", _body(self.company.sequences), counter))
        self._upsert(rows)
        self._connection.execute("UPDATE company SET changes = ? WHERE id = 1", (counter,))
        self._seen = counter

    def _upsert(self, rows: list[tuple[str, str, str | None, int]]) -> None:
        self._connection.executemany(
            "INSERT INTO records (kind, key, body, changed_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (kind, key) DO UPDATE SET body = excluded.body, "
            "changed_at = excluded.changed_at",
            rows,
        )

    def _seed(self) -> Company:
        legacy = self.path.with_suffix(".json")
        if legacy != self.path and legacy.exists():
            company = company_from_json(legacy.read_text(encoding="utf-8"))
            company.clock = self.clock
            return company
        return demo_company(self.clock)

    def _write_all(self, company: Company) -> None:
        self._connection.execute(
            "INSERT INTO company (id, name, schema_version, changes) VALUES (1, ?, ?, 1)",
            (company.company_name, SCHEMA_VERSION),
        )
        rows = [
            (name, key, _body(record), 1)
            for name, table in company.tables().items()
            for key, record in table.items()
        ]
        rows.append((SEQUENCES, "", _body(company.sequences), 1))
        self._upsert(rows)
        company.forget_changes()
        self._seen = 1

    def _load(self) -> None:
        name, counter = self._connection.execute(
            "SELECT name, changes FROM company WHERE id = 1"
        ).fetchone()
        company = Company(company_name=name, clock=self.clock)
        tables = company.tables()
        for kind, key, body in self._connection.execute(
            "SELECT kind, key, body FROM records WHERE body IS NOT NULL"
        ):
            if kind == SEQUENCES:
                company.sequences = decoder(Sequences)(json.loads(body))
            elif kind in tables:
                dict.__setitem__(tables[kind], key, decode_row(Row(kind, key, body)))
        for table in tables.values():
            table.reindex()
        company.rebuild_names()
        recompute(company)
        company.forget_changes()
        self.company = company
        self._seen = int(counter)
        self._stale = False

    def _reload(self) -> None:
        """After a failure: the company as the file holds it (the failed change forgotten)."""
        try:
            with self._transaction():
                self._load()
        except CompanyFileError:
            self._stale = True  # load everything again on the next message


def _body(record: object | None) -> str | None:
    return None if record is None else json.dumps(encode(record), separators=(",", ":"))


def _connect(path: Path) -> sqlite3.Connection:
    refuse_foreign_file(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
        )
    except (OSError, sqlite3.Error) as error:
        raise file_error(path, error) from error
