"""The SQLite store: the only code of citetrack that imports sqlite_utils.

`open_store()` opens (or creates) the database, turns on foreign keys and WAL, applies the
pending migrations, and hands back a `Store`. Every write goes through `Store.transaction()`,
a `BEGIN IMMEDIATE` transaction, so a killed run loses at most the unit of work in flight.

The store is the only place SQL is written and imports only the foundation layer (models,
settings, errors); what it needs from pure work (a URL's domain, a link's dead-policy state) the
workflows compute and pass in. Functions return frozen dataclasses defined beside them, never
bare rows; those a command prints have a `to_json()` giving the interface's JSON shape, key order
included.

Unique keys, one scheme: rows a re-ingest must find again (notes, claims, citations) are matched
by `(document_id, key)`, never by id. The key is a base read from the document, made unique by
occurrence (`store.documents.occurrence_keys`): the base the first time, then `base~2`,
`base~3`... Bases: a note's label (an unnumbered note, having none, is `~N`: its place among the
unnumbered notes); a claim's note labels joined by commas (`3,4`); a citation's `footnote#index`.
A URL's key is its normalized form (`urls.url`); a flag's is `(document_id, kind, subject)`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from citetrack import settings
from citetrack.errors import StoreError
from citetrack.store.migrations import migrations

SQLITE_MAGIC = b"SQLite format 3\x00"
# What a damaged or foreign database raises; the command line catches it by this name, so that
# only the store imports sqlite3.
DatabaseError = sqlite3.DatabaseError


def default_db_path() -> Path:
    """`$CITETRACK_DB`, else `db/citetrack.db` under the working directory."""
    return Path(os.environ.get(settings.DB_ENV_VAR) or settings.DEFAULT_DB_PATH)


def now() -> str:
    """The current UTC time as stored everywhere: ISO 8601 with seconds."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def dumps(value: Any) -> str:
    """JSON for a column: compact, stable key order, dates as ISO strings."""
    return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)


def loads(text: str | None, default: Any = None) -> Any:
    return default if text in (None, "") else json.loads(text)


class Store:
    """An open citetrack database: `db` is the sqlite_utils Database, `path` its file."""

    def __init__(self, db: sqlite_utils.Database, path: Path | None):
        self.db = db
        self.path = path

    @property
    def archive_dir(self) -> Path:
        """Where WARC snapshots live: `archive/` beside the database file."""
        base = self.path.parent if self.path else Path(".")
        return base / "archive"

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """One unit of work: all of it is written, or none (nested calls use savepoints)."""
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot write to {self.path}: {exc}") from exc
        try:
            yield self.db
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"cannot write to {self.path}: {exc}") from exc

    def query(self, sql: str, params: Any = None) -> list[dict[str, Any]]:
        return list(self.db.query(sql, params or []))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _check_is_database(path: Path) -> None:
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a citetrack database")
    if path.exists() and path.stat().st_size:
        with path.open("rb") as handle:
            if handle.read(16) != SQLITE_MAGIC:
                raise StoreError(f"{path} is not a SQLite database")


def connect(path: Path | None) -> sqlite_utils.Database:
    """A connection with the pragmas every citetrack process uses."""
    conn = sqlite3.connect(
        ":memory:" if path is None else str(path),
        timeout=settings.BUSY_TIMEOUT_MS / 1000,
        check_same_thread=False,
    )
    db = sqlite_utils.Database(conn)
    db.execute(f"PRAGMA busy_timeout = {settings.BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    if path is not None:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
    return db


def open_store(path: str | Path | None = None, *, memory: bool = False, create: bool = True) -> Store:
    """Open or create the store at `path` (default: `default_db_path()`) and migrate it.

    `create=False` (commands that only read): an existing empty file is refused, not made a store."""
    db_path = None if memory else Path(path) if path is not None else default_db_path()
    try:
        if db_path is not None:
            _check_is_database(db_path)
            if not create and db_path.is_file() and db_path.stat().st_size == 0:
                raise StoreError(f"{db_path} is an empty file, not a store (citetrack ingest creates one)")
            db_path.parent.mkdir(parents=True, exist_ok=True)
        db = connect(db_path)
        migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open {db_path}: {exc}") from exc
    except OSError as exc:
        raise StoreError(f"cannot open {db_path}: {exc.strerror or exc}") from exc
    return Store(db, db_path)


__all__ = ["Store", "open_store", "default_db_path", "now", "dumps", "loads"]
