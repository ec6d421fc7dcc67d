"""SQLite backend: the embedded default, one file and no server (`./run.sh` needs nothing else).

Everything that only SQLite says lives here: pragmas, the application id that keeps us from
migrating another program's file, `BEGIN IMMEDIATE` as the write lock, and the contentless
FTS5 indexes of folded text. The store's logic (pipeline/store/__init__.py) is shared.
"""

from __future__ import annotations

import os
import sqlite3
import urllib.parse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import DocumentError
from .common import FtsTerm, fold_same_length, fts_match

# PRAGMA application_id of our databases ("DRCT"): another program's SQLite file is refused, not migrated.
APPLICATION_ID = 0x44524354


class SqliteBackend:
    """The SQL that differs on SQLite, for one database file (or ":memory:")."""

    name = "sqlite"
    migrations = "sql"  # folder under pipeline/ holding this backend's migrations
    no_limit = -1  # LIMIT value meaning "all rows"
    errors: tuple[type[BaseException], ...] = (sqlite3.DatabaseError,)

    def __init__(self, path: str, *, read_only: bool, fast_unsafe: bool = False):
        self.path, self.read_only, self.fast_unsafe = path, read_only, fast_unsafe

    def connect(self) -> sqlite3.Connection:
        """A connection with our pragmas; read-only ones open the file as immutable (no journal to create)."""
        if self.read_only:
            uri = f"file:{urllib.parse.quote(str(Path(self.path).resolve()))}?mode=ro&immutable=1"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=30)
        else:
            conn = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False, timeout=30)
        conn.row_factory = sqlite3.Row
        conn.create_function("fold_same_length", 1, fold_same_length, deterministic=True)
        conn.execute("PRAGMA busy_timeout = 30000")
        self.check_ours(conn)  # before anything is written to the file
        if not self.read_only:
            conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
            # WAL + NORMAL is durable against application crashes; OFF only for throwaway test databases.
            conn.execute(f"PRAGMA synchronous = {'OFF' if self.fast_unsafe else 'NORMAL'}")
        return conn

    def check_ours(self, conn: sqlite3.Connection) -> None:
        """Refuse another application's SQLite file (its own application id, or tables but none of
        ours): migrating it would add our tables to it and switch it to WAL."""
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id == APPLICATION_ID:
            return
        tables = self.table_names(conn)
        if app_id == 0 and (not tables or "schema_migrations" in tables):
            return  # a new file, or one of ours made before the id was set
        raise DocumentError(
            self.path,
            f"refused: this SQLite file belongs to another application (application id {app_id}, "
            f"{len(tables)} table(s): {', '.join(tables[:4])}{', …' if len(tables) > 4 else ''}); nothing was changed",
            "give --db (or DIRECTIVES_DB) the directives database, or a new file name",
        )

    def after_migrations(self, conn: sqlite3.Connection) -> None:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def table_names(self, conn: sqlite3.Connection) -> list[str]:
        return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]

    @contextmanager
    def write(self, conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE takes the write lock up front, so concurrent read-modify-write
        sequences (status edits) serialize instead of losing updates. Inside an open transaction
        (a batch of ingests) a write is a savepoint: it rolls back alone."""
        nested = conn.in_transaction
        conn.execute("SAVEPOINT one_write" if nested else "BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK TO one_write" if nested else "ROLLBACK")
            if nested:
                conn.execute("RELEASE one_write")
            raise
        conn.execute("RELEASE one_write" if nested else "COMMIT")

    def statements(self, sql: str) -> Iterator[str]:
        """Split a migration script into statements (executescript would commit our transaction)."""
        buffer = ""
        for line in sql.splitlines(keepends=True):
            if not buffer and (not line.strip() or line.lstrip().startswith("--")):
                continue
            buffer += line
            if sqlite3.complete_statement(buffer):
                yield buffer.strip()
                buffer = ""
        if buffer.strip():
            yield buffer.strip()

    def insert_id(self, conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> int:
        """Run an INSERT and return the new row's id."""
        return int(conn.execute(sql, params).lastrowid)

    def insert_ids(self, conn: sqlite3.Connection, sql: str, rows: list[Sequence[Any]]) -> list[int]:
        """Run an INSERT per row and return the new rows' ids, in order."""
        return [self.insert_id(conn, sql, row) for row in rows]

    # ------------------------------------------------------------------ search index

    def index_tasks(self, conn: sqlite3.Connection, rows: list[tuple[int, str]]) -> None:
        """Index (task id, text) pairs for `search=` filters."""
        conn.executemany(
            "INSERT INTO tasks_fts(rowid, folded) VALUES (?, ?)", [(i, fold_same_length(t)) for i, t in rows]
        )

    def index_passages(self, conn: sqlite3.Connection, rows: list[tuple[int, str]]) -> None:
        """Index (passage id, text) pairs for `search`."""
        conn.executemany(
            "INSERT INTO passages_fts(rowid, folded) VALUES (?, ?)", [(i, fold_same_length(t)) for i, t in rows]
        )

    def unindex_document(self, conn: sqlite3.Connection, document_id: int) -> None:
        """Contentless FTS5 deletes need the indexed values again; folding is deterministic."""
        text = conn.execute("SELECT text FROM documents WHERE id = ?", (document_id,)).fetchone()[0]
        conn.executemany(
            "INSERT INTO passages_fts(passages_fts, rowid, folded) VALUES ('delete', ?, ?)",
            [
                (r[0], fold_same_length(text[r[1] : r[2]]))
                for r in conn.execute('SELECT id, start, "end" FROM passages WHERE document_id = ?', (document_id,))
            ],
        )
        conn.executemany(
            "INSERT INTO tasks_fts(tasks_fts, rowid, folded) VALUES ('delete', ?, ?)",
            [
                (r[0], fold_same_length(r[1]))
                for r in conn.execute("SELECT id, text FROM tasks WHERE document_id = ?", (document_id,))
            ],
        )

    def passage_match(self, terms: Sequence[FtsTerm], phrase: bool) -> tuple[str, str, list[Any], str]:
        """(FROM addition, WHERE condition, params, ORDER BY) finding passages `p` holding every term."""
        return (
            " JOIN passages_fts f ON f.rowid = p.id",
            "passages_fts MATCH ?",
            [fts_match(terms, phrase)],
            "bm25(passages_fts), p.id",
        )

    def task_match(self, terms: Sequence[FtsTerm]) -> tuple[str, list[Any]]:
        """A condition on tasks `t` holding every term."""
        return "t.id IN (SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH ?)", [fts_match(terms, False)]


def not_writable(path: str) -> bool:
    """An existing database file (or its folder, where SQLite keeps its journal) that cannot be written."""
    if path == ":memory:" or not Path(path).exists():
        return False
    return not (os.access(path, os.W_OK) and os.access(Path(path).parent, os.W_OK))
