"""PostgreSQL backend: one shared database for several app servers and CLI runs.

The store's SQL is written once, in the SQLite dialect most of it shares with PostgreSQL;
`translate` rewrites the few spellings that differ (`?` and `:name` placeholders, `IS ?`),
and this class answers the rest: migrations in pipeline/sql/postgresql/, a write lock,
ids from `RETURNING`, and search on a folded text column (same Python folding as SQLite's
FTS5 index, so đ is folded too) with word-boundary regular expressions that pg_trgm's
GIN index speeds up. psycopg is imported only here, so SQLite users never need it.

Writes are serialized by a transaction-scoped advisory lock, as SQLite's BEGIN IMMEDIATE
serializes them: a status edit reads the old status and appends history inside the lock,
so two app servers editing at once never lose an update.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from ..errors import DocumentError
from .common import FtsTerm, fold_same_length

SCHEMES = ("postgresql://", "postgres://")
WRITE_LOCK = 0x44524354  # pg_advisory_xact_lock key ("DRCT"), shared by every writer of the database


def is_postgres_url(value: object) -> bool:
    """Whether a --db / DIRECTIVES_DB value names a PostgreSQL database rather than a file."""
    return isinstance(value, str) and value.startswith(SCHEMES)


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


_SQL_PIECES = re.compile(r"'[^']*'|\"[^\"]*\"|\bIS\s+\?|\?|%|(?<![:\w]):([A-Za-z_]\w*)")


@lru_cache(maxsize=2048)
def translate(sql: str) -> str:
    """The store's SQL (SQLite spelling) for psycopg: `?`/`:name` → `%s`/`%(name)s`, `IS ?` →
    `IS NOT DISTINCT FROM %s`, literal `%` doubled; quoted strings and identifiers kept."""

    def piece(m: re.Match) -> str:
        text = m.group(0)
        if text[0] in "'\"":
            return text.replace("%", "%%")
        if text == "?":
            return "%s"
        if text == "%":
            return "%%"
        if m.group(1):
            return f"%({m.group(1)})s"
        return "IS NOT DISTINCT FROM %s"

    return _SQL_PIECES.sub(piece, sql)


class _Row(tuple):
    """A result row read by position or by column name, like sqlite3.Row (dict(row) works)."""

    __slots__ = ()
    _index: dict[str, int] = {}

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


@lru_cache(maxsize=512)
def _row_class(names: tuple[str, ...]) -> type[_Row]:
    return type("Row", (_Row,), {"__slots__": (), "_index": {n: i for i, n in enumerate(names)}})


def _row_factory(cursor: Any) -> Any:
    names = tuple(c.name for c in cursor.description or ())
    cls = _row_class(names)
    return lambda values: cls(values)


class PgConnection:
    """The slice of sqlite3.Connection the store uses (execute, executemany, close), over psycopg.

    A connection the server dropped (a restart, a failover) is opened again before the next
    statement outside a transaction: the app keeps one Store per process for days."""

    def __init__(self, connect: Any):
        self._connect = connect
        self.raw = connect()

    def _live(self) -> Any:
        if self.raw.broken:
            self.raw = self._connect()
        return self.raw

    def execute(self, sql: str, params: Sequence[Any] | dict | None = None) -> Any:
        if params is None:
            return self._live().execute(sql)
        return self._live().execute(translate(sql), params)

    def executemany(self, sql: str, rows: Any, *, returning: bool = False) -> Any:
        rows = list(rows)
        cur = self._live().cursor()
        if rows:
            cur.executemany(translate(sql), rows, returning=returning)
        return cur

    def close(self) -> None:
        self.raw.close()


class PostgresBackend:
    """The SQL that differs on PostgreSQL, for one database URL."""

    name = "postgresql"
    migrations = "sql/postgresql"
    no_limit = None  # LIMIT NULL is LIMIT ALL

    def __init__(self, url: str, *, read_only: bool = False, fast_unsafe: bool = False):
        try:
            import psycopg  # lazily: only a postgresql:// database needs the driver
        except ImportError:
            raise DocumentError(
                redact(url), "the PostgreSQL driver psycopg is not installed", "pip install 'psycopg[binary]'"
            ) from None
        self.psycopg = psycopg
        self.path, self.read_only, self.fast_unsafe = url, read_only, fast_unsafe
        self.errors: tuple[type[BaseException], ...] = (psycopg.Error,)

    def connect(self) -> PgConnection:
        conn = PgConnection(self._connect_raw)
        self.check_ours(conn)
        return conn

    def _connect_raw(self) -> Any:
        try:
            raw = self.psycopg.connect(self.path, autocommit=True, row_factory=_row_factory, connect_timeout=10)
        except self.psycopg.OperationalError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise DocumentError(
                redact(self.path), f"cannot connect to the PostgreSQL server ({first})",
                "is the server running, and do the user, password and database name in --db / DIRECTIVES_DB exist?",
            ) from None
        if self.read_only:
            raw.execute("SET default_transaction_read_only = on")
        if self.fast_unsafe:  # throwaway databases: a crash may lose the last commits, never corrupt
            raw.execute("SET synchronous_commit = off")
        return raw

    def check_ours(self, conn: PgConnection) -> None:
        """Refuse a database that holds other tables but none of ours: migrating it would mix the two."""
        tables = self.table_names(conn)
        if tables and "schema_migrations" not in tables:
            raise DocumentError(
                redact(self.path),
                f"refused: this database holds another application's tables ({', '.join(tables[:4])}"
                f"{', …' if len(tables) > 4 else ''}); nothing was changed",
                "create an empty database for the directives (createdb directives) and point --db at it",
            )

    def after_migrations(self, conn: PgConnection) -> None:
        pass

    def table_names(self, conn: PgConnection) -> list[str]:
        return [
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename", ()
            )
        ]

    @contextmanager
    def write(self, conn: PgConnection) -> Iterator[PgConnection]:
        """One transaction holding the database-wide write lock (see the module docstring)."""
        raw = conn._live()
        with raw.transaction():
            raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            yield conn

    def statements(self, sql: str) -> Iterator[str]:
        """A migration file runs as one script (psycopg sends several statements without parameters)."""
        if sql.strip():
            yield sql

    def insert_id(self, conn: PgConnection, sql: str, params: Sequence[Any]) -> int:
        """Run an INSERT and return the new row's id."""
        return int(conn.execute(sql + " RETURNING id", params).fetchone()[0])

    def insert_ids(self, conn: PgConnection, sql: str, rows: list[Sequence[Any]]) -> list[int]:
        """Insert the rows in one pipelined batch and return their ids, in order (one round trip, not one a row)."""
        if not rows:
            return []
        cur = conn.executemany(sql + " RETURNING id", rows, returning=True)
        ids = [int(cur.fetchone()[0])]
        while cur.nextset():
            ids.append(int(cur.fetchone()[0]))
        return ids

    # ------------------------------------------------------------------ search index

    def index_tasks(self, conn: PgConnection, rows: list[tuple[int, str]]) -> None:
        """Store the folded copy of each (task id, text) for `search=` filters."""
        conn.executemany("UPDATE tasks SET folded = ? WHERE id = ?", [(fold_same_length(t), i) for i, t in rows])

    def index_passages(self, conn: PgConnection, rows: list[tuple[int, str]]) -> None:
        """Store the folded copy of each (passage id, text) for `search`."""
        conn.executemany(
            "UPDATE passages SET folded = ? WHERE id = ?", [(fold_same_length(t), i) for i, t in rows]
        )

    def unindex_document(self, conn: PgConnection, document_id: int) -> None:
        pass  # the folded copies are columns of the rows the cascade deletes

    def passage_match(self, terms: Sequence[FtsTerm], phrase: bool) -> tuple[str, str, list[Any], str]:
        """(FROM addition, WHERE condition, params, ORDER BY) finding passages `p` holding every term.

        Without bm25, matches come in document order: the first page then stops early (ranking by
        length had to read every match: seconds for a common phrase at a million tasks)."""
        sql, params = _regex_conditions("p.folded", terms, phrase)
        return "", sql, params, "p.id"

    def task_match(self, terms: Sequence[FtsTerm]) -> tuple[str, list[Any]]:
        """A condition on tasks `t` holding every term."""
        return _regex_conditions("t.folded", terms, False)


def _word_regex(term: FtsTerm) -> str:
    """A whole folded word (or a word's start, for `word*`), as FTS5's tokens match."""
    return r"\m" + re.escape(term.word) + ("" if term.prefix else r"\M")


def _regex_conditions(column: str, terms: Sequence[FtsTerm], phrase: bool) -> tuple[str, list[Any]]:
    if phrase:
        words = [_word_regex(FtsTerm(t.word, False)) for t in terms[:-1]] + [_word_regex(terms[-1])]
        return f"{column} ~ ?", [r"\W+".join(words)]
    return " AND ".join(f"{column} ~ ?" for _ in terms), [_word_regex(t) for t in terms]
