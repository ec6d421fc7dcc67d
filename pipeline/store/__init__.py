"""Store stage: one database holding documents, their extractions and user data.

The database is a SQLite file (the embedded default) or, for several app servers sharing one
store, a PostgreSQL database (`--db postgresql://user@host/db`). The logic below is written once;
the SQL that differs (connection, write lock, search index, migrations) lives in
``sqlite.py`` and ``postgres.py`` beside this file.

Why it is shaped this way:

* Documents are keyed by content hash, so ingesting the same file twice writes
  nothing at all; a changed file (same source path or same number+issuer+date),
  or an unchanged file whose extraction changed (a pipeline upgrade), replaces
  its extractions in one transaction and keeps its document id.
* User data (task status, notes, history) is keyed by a *stable task key*
  (document key + extraction key + occurrence), never by row ids, and is never
  deleted by ingestion.  When a re-ingest changes a task's text, the user data
  follows the most similar new task; what cannot be matched is flagged in
  ``orphaned_user_data`` and stays visible.
* Search runs on a folded copy of every paragraph and task, made in Python
  (``fold_diacritics`` also folds đ, which FTS5's ``remove_diacritics`` does not):
  contentless FTS5 indexes on SQLite, a folded column with trigram indexes on
  PostgreSQL. Folding keeps offsets, so the query is folded the same way and
  snippets and highlights come from the original text.
* Migrations are SQL files in ``pipeline/sql/`` (``pipeline/sql/postgresql/``)
  applied in order at open and recorded in ``schema_migrations``.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.resources
import json
import os
import re
import threading
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..backup_schema import FORMAT as USER_DATA_FORMAT
from ..backup_schema import validate_backup
from ..bodies import body_variants, canonical_body, successors
from ..citations import document_target as citation_style_target
from ..errors import DocumentError
from ..model import DocumentMeta, Extraction
from ..normalize import fold_diacritics, normalize_name
from ..reattach import Item, Match, reattach
from .common import TOKEN as _TOKEN
from .common import FtsTerm, fold_same_length, fts_query, fts_terms
from .postgres import is_postgres_url, redact
from .query import TaskQuery
from .query import iso_day as _iso
from .sqlite import APPLICATION_ID, SqliteBackend, not_writable

__all__ = ["APPLICATION_ID", "FtsTerm", "TaskQuery", "fold_same_length", "fts_query", "fts_terms", "is_postgres_url"]

Row = Any  # Row, or postgres._Row: read by position or by column name

DEFAULT_DB = Path("data") / "directives.db"
ENV_DB = "DIRECTIVES_DB"

STATUS_TODO = "chưa thực hiện"
STATUS_DOING = "đang thực hiện"
STATUS_DONE = "hoàn thành"
STATUSES = (STATUS_TODO, STATUS_DOING, STATUS_DONE)
_STATUS_ALIASES = {
    "chua thuc hien": STATUS_TODO,
    "todo": STATUS_TODO,
    "dang thuc hien": STATUS_DOING,
    "doing": STATUS_DOING,
    "in progress": STATUS_DOING,
    "hoan thanh": STATUS_DONE,
    "done": STATUS_DONE,
}



class DatabaseUrl(str):
    """A PostgreSQL database's URL where callers expect a file path: it "exists" (the server
    says otherwise when connecting), files kept beside the database go to data/, and it shows
    without its password in messages (f-strings); str() keeps the whole URL for connecting."""

    def exists(self) -> bool:
        return True

    @property
    def parent(self) -> Path:
        return DEFAULT_DB.parent

    def __format__(self, spec: str) -> str:
        return format(redact(str(self)), spec)

    def __repr__(self) -> str:
        return repr(redact(str(self)))


def default_db_path(cli_value: str | Path | None = None) -> Path | DatabaseUrl:
    """The database: `--db`, else env DIRECTIVES_DB, else data/directives.db; a postgresql:// URL
    selects a PostgreSQL database instead of a file."""
    value = cli_value or os.environ.get(ENV_DB)
    if not value:
        return DEFAULT_DB
    return DatabaseUrl(value) if is_postgres_url(value) else Path(value)


@dataclass(frozen=True)
class IngestResult:
    """What ingest did to one document: "added", "unchanged" or "replaced"."""

    status: str
    document_id: int
    source: str = ""
    carried_over: int = 0  # user data moved to a changed task
    orphaned: int = 0  # user data whose task could not be matched
    duplicate_of: str | None = None  # another stored file holds the same directive (number, issuer, date)


# ----------------------------------------------------------------------------- names


@lru_cache(maxsize=16384)
def _body_key(name: str) -> str:
    """Folded comparison key of a body name, without a leading list word "các"."""
    key = fold_diacritics(normalize_name(name))
    key = re.sub(r"^(cac|nhung)\s+", "", key)
    return re.sub(r"\s+", " ", key).strip()


@lru_cache(maxsize=16384)
def canonical_name(name: str) -> str:
    """Canonical body name via pipeline.bodies, else (empty or failing) the normalized name."""
    try:
        out = canonical_body(name)
        if out:
            return out
    except Exception:  # another stage's bug must not stop storing the document
        pass
    return normalize_name(name)


def body_match_keys(name: str, *, variants: bool = True) -> set[str]:
    """Folded keys that a `--body NAME` filter accepts: the name, its canonical form, its variants.

    `variants=False` skips pipeline.bodies.body_variants (a TF-IDF model that costs
    seconds to load) when the name and its canonical form already find the body.
    """
    names = {name, canonical_name(name)}
    with suppress(Exception):  # a former body's work now falls to its successor (2025 reorganisation)
        names |= {s.successor for s in successors(name)}
    if variants:
        with suppress(Exception):  # another stage's bug must not break filtering
            names |= set(body_variants(name) or ())
    return {_body_key(n) for n in names if n and n.strip()}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def canonical_status(status: str) -> str:
    """One of STATUSES for any accepted spelling ("hoan thanh", "done"...); ValueError otherwise."""
    return _canonical_status(status)


def _canonical_status(status: str) -> str:
    if status in STATUSES:
        return status
    key = fold_diacritics(normalize_name(status or ""))
    if key in _STATUS_ALIASES:
        return _STATUS_ALIASES[key]
    raise ValueError(f"unknown status {status!r}; use one of: {', '.join(STATUSES)}")


def _status_set(status: str | Iterable[str] | None) -> set[str] | None:
    """The canonical statuses a filter asks for (None: no status filter); accepts one or several."""
    if status is None or status == "":
        return None
    values = [status] if isinstance(status, str) else [s for s in status if s]
    if not values:
        return None
    return {_canonical_status(s) for s in values}


_Condition = tuple[str, list[Any]]  # one condition of a task query's WHERE clause, with its parameters


def _document_conditions(document: int | str | None) -> list[_Condition]:
    """Tasks of one document, given by its id, its number or its source file."""
    if document is None or document == "":
        return []
    if isinstance(document, int) or str(document).isdigit():
        return [("t.document_id = ?", [int(document)])]
    sql = "t.document_id IN (SELECT id FROM documents WHERE number = ? OR source = ?)"
    return [(sql, [str(document).replace(" ", ""), str(document)])]


def _field_conditions(q: TaskQuery) -> list[_Condition]:
    """The query's section, due-date range, task key and recurrence filters."""
    conditions: list[_Condition] = []
    if q.section:
        conditions.append(("(t.section = ? OR t.section LIKE ?)", [q.section, q.section + ".%"]))
    if q.due_from:
        conditions.append(("COALESCE(t.due_end, t.due_start) >= ?", [_iso(q.due_from)]))
    if q.due_to:
        conditions.append(("COALESCE(t.due_start, t.due_end) <= ?", [_iso(q.due_to)]))
    if q.task_key is not None:  # one task (permission checks: is it among an editor's bodies?)
        conditions.append(("t.task_key = ?", [q.task_key]))
    if q.recurring:  # repeating duties only (the app's calendar expands them)
        conditions.append(("t.recurrence IS NOT NULL", []))
    return conditions


def _status_conditions(q: TaskQuery, today_iso: str) -> list[_Condition]:
    """The query's overdue and status filters."""
    # Status subqueries use the task_status index instead of scanning every task.
    conditions: list[_Condition] = []
    if q.overdue:
        sql = "t.due_end < ? AND t.task_key NOT IN (SELECT task_key FROM task_status WHERE status = ?)"
        conditions.append((sql, [today_iso, STATUS_DONE]))
    wanted = _status_set(q.status)
    if q.not_done:  # "remaining": chưa thực hiện + đang thực hiện
        wanted = (wanted if wanted is not None else set(STATUSES)) - {STATUS_DONE}
    if wanted is None or wanted == set(STATUSES):
        return conditions
    if not wanted:  # e.g. --status "hoàn thành" --open: nothing can match
        conditions.append(("1 = 0", []))
    elif STATUS_TODO in wanted:  # no row yet means not started: exclude the unwanted statuses instead
        unwanted = sorted(set(STATUSES) - wanted)
        marks = ",".join("?" * len(unwanted))
        conditions.append(
            (f"t.task_key NOT IN (SELECT task_key FROM task_status WHERE status IN ({marks}))", unwanted)
        )
    else:
        marks = ",".join("?" * len(wanted))
        conditions.append(
            (f"t.task_key IN (SELECT task_key FROM task_status WHERE status IN ({marks}))", sorted(wanted))
        )
    return conditions


def _short_hash(text: str, n: int = 10) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


def identity_key(document: dict) -> str | None:
    """number|issuer|date when the header gives all three: the same document in another file."""
    number, issuer, issued = document.get("number"), document.get("issuer"), document.get("issued_date")
    if number and issued:
        return f"{number}|{_body_key(issuer or '')}|{issued}"
    return None


def document_target(meta: DocumentMeta) -> str | None:
    """The document's own canonical id, as citations of it get it (so the graph can join them)."""
    with suppress(Exception):  # a bug there must not stop storing the document
        return citation_style_target(meta)
    if not meta.number:
        return None
    return f"{meta.number}@{meta.issued_date.year}" if meta.issued_date else meta.number


# Task orders the app and CLI may ask for (SQL after ORDER BY; ties broken by document order).
TASK_ORDERS: dict[str, str] = {
    "document": "t.document_id, t.ordinal",
    "due": "t.due_end IS NULL, t.due_end, t.document_id, t.ordinal",
    "due_desc": "t.due_end IS NULL, t.due_end DESC, t.document_id, t.ordinal",
    "newest_document": "d.issued_date IS NULL, d.issued_date DESC, t.document_id, t.ordinal",
}


def _order_sql(order: str) -> str:
    if order not in TASK_ORDERS:
        raise ValueError(f"unknown order {order!r}; use one of: {', '.join(TASK_ORDERS)}")
    return TASK_ORDERS[order]


# ----------------------------------------------------------------------------- migrations


def _migrations(folder: str = "sql") -> list[tuple[int, str, str]]:
    """(version, name, SQL) of the migration files in pipeline/<folder>, oldest first."""
    found = []
    for entry in (importlib.resources.files("pipeline") / folder).iterdir():
        m = re.match(r"(\d+)_(\w+)\.sql$", entry.name)
        if m:
            found.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(found)


SCHEMA_VERSION = max(v for v, _, _ in _migrations())


def apply_migrations(conn: Any, upto: int | None = None, backend: Any = None) -> list[int]:
    """Apply pending migrations in order, each in its own transaction; returns the versions applied.

    `upto` stops at an older version: tests use it to build a database made by older code.
    `backend` says whose SQL (default: a SQLite connection's).
    """
    backend = backend or SqliteBackend(":memory:", read_only=False)
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    applied = []
    for version, name, sql in _migrations(backend.migrations):
        if upto is not None and version > upto:
            break
        with backend.write(conn):
            if conn.execute("SELECT 1 FROM schema_migrations WHERE version = ?", (version,)).fetchone():
                continue
            for statement in backend.statements(sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, _now()),
            )
            applied.append(version)
    return applied


# ----------------------------------------------------------------------------- the store


class Store:
    """The project's database: documents, extractions, search index and user data."""

    def __init__(self, path: str | Path | None = None, *, fast_unsafe: bool = False, read_only: bool | None = None):
        location = default_db_path(path) if str(path) != ":memory:" else ":memory:"
        self._lock = threading.RLock()
        if isinstance(location, DatabaseUrl):
            from .postgres import PostgresBackend

            self.path: Path | DatabaseUrl | str = location
            self.read_only = bool(read_only)
            self.backend: Any = PostgresBackend(str(location), read_only=self.read_only, fast_unsafe=fast_unsafe)
        else:
            self.path = location if location == ":memory:" else Path(location)
            # None: read-only when the file or its folder cannot be written (a read-only mount, a
            # shared copy): reading commands and backups still work, a write says why it cannot.
            self.read_only = not_writable(str(self.path)) if read_only is None else read_only
            self._make_folder()
            self.backend = SqliteBackend(str(self.path), read_only=self.read_only, fast_unsafe=fast_unsafe)
        self._open()

    def _make_folder(self) -> None:
        if self.path == ":memory:" or self.read_only:
            return
        try:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DocumentError(
                f"{self.path}", f"cannot create the database folder ({exc.strerror or exc})", "choose another --db"
            ) from None

    def _open(self) -> None:
        """Connect, check the database is ours and current, apply pending migrations."""
        try:
            self.conn = self.backend.connect()
            if self.read_only:
                self._check_version(readable_only=True)
                return
            self._check_version()
            apply_migrations(self.conn, backend=self.backend)
            self.backend.after_migrations(self.conn)
        except self.backend.errors as exc:
            raise DocumentError(
                f"{self.path}", f"cannot open the database ({exc})", "check --db / DIRECTIVES_DB points to a directives database"
            ) from None

    def _check_version(self, readable_only: bool = False) -> None:
        if "schema_migrations" not in self.backend.table_names(self.conn):
            if readable_only:
                raise DocumentError(f"{self.path}", "the database is empty and read-only", "ingest into a writable --db first")
            return
        newest = self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]
        if readable_only and (newest or 0) < SCHEMA_VERSION:
            raise DocumentError(
                f"{self.path}",
                f"the database has schema version {newest}, older than this program's ({SCHEMA_VERSION}), and is read-only",
                "open it once where it can be written, so it is upgraded",
            )
        if newest is not None and newest > SCHEMA_VERSION:
            raise DocumentError(
                f"{self.path}",
                f"the database has schema version {newest}, newer than this program ({SCHEMA_VERSION})",
                "upgrade the pipeline before opening it",
            )

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[Any]:
        """One write transaction holding the database's write lock (SQLite: BEGIN IMMEDIATE, PostgreSQL:
        an advisory lock), so concurrent read-modify-write sequences (status edits) never lose updates."""
        with self._lock:
            if self.read_only:
                raise DocumentError(
                    f"{self.path}", "the database is read-only (a read-only folder or mount): nothing can be changed",
                    "copy it to a writable place and pass that with --db",
                )
            with self.backend.write(self.conn) as conn:  # inside batch(): a savepoint, one document rolls back alone
                yield conn

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Many ingests in one transaction: a parallel ingest's writer commits once per batch, not once
        per file; each write inside is a savepoint, so a failing document still rolls back alone."""
        with self._write():
            yield

    def schema_version(self) -> int:
        """The newest migration applied to this database."""
        with self._lock:
            return int(self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0] or 0)

    # ------------------------------------------------------------------ ingestion

    def ingest(self, extraction: Extraction) -> IngestResult:
        """Store one extraction: unchanged content writes nothing, a changed document is replaced atomically."""
        record = extraction.to_dict()
        text = extraction.normalized.text
        content_hash = extraction.content_hash or hashlib.sha256(
            extraction.normalized.source.encode("utf-8")
        ).hexdigest()
        doc = record["document"]
        ident = identity_key(doc)
        plan = self._plan_carry_over(extraction, content_hash, ident)  # the slow matching, before the write lock
        with self._write() as conn:
            old = conn.execute(
                "SELECT id, doc_key, record_json FROM documents WHERE content_hash = ?", (content_hash,)
            ).fetchone()
            if old is not None and _same_extraction(_unpack_record(old["record_json"]), record):
                return IngestResult("unchanged", old["id"], extraction.source)
            # Same file but a different extraction means the pipeline was upgraded: replace, keep user data.
            if old is None and ident:
                old = conn.execute(
                    "SELECT id, doc_key, source FROM documents WHERE identity_key = ? ORDER BY id LIMIT 1", (ident,)
                ).fetchone()
                if old is not None and old["source"] != extraction.source and Path(old["source"]).is_file():
                    # Two files of one directive (a .doc and a .pdf copy): keep the stored one, or every
                    # ingest of the folder would replace one by the other.
                    return IngestResult("unchanged", old["id"], extraction.source, duplicate_of=old["source"])
            if old is None:
                old = conn.execute(
                    "SELECT id, doc_key FROM documents WHERE source = ? ORDER BY id LIMIT 1", (extraction.source,)
                ).fetchone()
            doc_key = old["doc_key"] if old else (ident or f"source:{extraction.source}")
            if not old and conn.execute("SELECT 1 FROM documents WHERE doc_key = ?", (doc_key,)).fetchone():
                doc_key = f"{doc_key}#{content_hash[:12]}"
            old_tasks: dict[str, Row] = {}
            document_id = None
            if old:
                document_id = old["id"]
                old_tasks = {
                    r["task_key"]: r
                    for r in conn.execute(
                        "SELECT task_key, section, text FROM tasks WHERE document_id = ? ORDER BY ordinal", (document_id,)
                    )
                }
                self._delete_document_rows(document_id)
            document_id = self._insert_document(
                extraction, record, content_hash, doc_key, ident, text, document_id
            )
            # Also for a new document: user data orphaned when it was deleted may find its tasks again.
            carried, orphaned = self._carry_over_user_data(document_id, doc_key, extraction.source, old_tasks, plan)
            return IngestResult("replaced" if old else "added", document_id, extraction.source, carried, orphaned)

    def delete_document(self, document_id: int) -> bool:
        """Remove a document and its extraction; its tasks' user data stays, flagged as orphaned."""
        with self._write() as conn:
            doc = conn.execute("SELECT doc_key, source FROM documents WHERE id = ?", (document_id,)).fetchone()
            if doc is None:
                return False
            now = _now()
            for r in conn.execute(
                "SELECT task_key, section, text FROM tasks WHERE document_id = ?", (document_id,)
            ).fetchall():
                if self._has_user_data(r["task_key"]):
                    _flag_orphan(conn, (r["task_key"], doc["doc_key"], doc["source"], r["section"], r["text"],
                                        "document deleted", now))
            self._delete_document_rows(document_id)
        return True

    def _delete_document_rows(self, document_id: int) -> None:
        self.backend.unindex_document(self.conn, document_id)
        self.conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))  # cascades to the extraction rows

    def _insert_document(
        self,
        extraction: Extraction,
        record: dict,
        content_hash: str,
        doc_key: str,
        ident: str | None,
        text: str,
        document_id: int | None,
    ) -> int:
        conn = self.conn
        doc = record["document"]
        task_keys = _task_keys(extraction, doc_key)
        for task_dict, key in zip(record["tasks"], task_keys, strict=True):
            task_dict["task_key"] = key
        source_text = extraction.normalized.source
        values = (
            content_hash, doc_key, ident, extraction.source, doc.get("doc_type"),
            doc.get("number"), doc.get("issuer"), doc.get("issued_date"), doc.get("title"),
            document_target(extraction.document), extraction.loaded.source_format, extraction.loaded.encoding, text,
            None if source_text == text else source_text,
            _pack_record(record),
            len(extraction.tasks), len(extraction.citations), _now(), _graph_json(record),
        )
        # A replaced document keeps its id; a new one gets the next (PostgreSQL refuses an explicit NULL id).
        kept = ("id, ", "?,", (document_id,)) if document_id is not None else ("", "", ())
        document_id = self.backend.insert_id(
            conn,
            f"INSERT INTO documents({kept[0]}content_hash, doc_key, identity_key, source, doc_type, number, issuer,"
            " issued_date, title, target, source_format, encoding, text, source_text, record_json, n_tasks,"
            f" n_citations, ingested_at, graph_json) VALUES ({kept[1]}?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (*kept[2], *values),
        )
        conn.executemany(
            'INSERT INTO sections(document_id, path, marker, heading, level, kind, parent, start, "end")'
            " VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (document_id, s.path, s.marker, s.heading, s.level, s.kind, s.parent, s.start, s.end)
                for s in extraction.sections
            ],
        )
        conn.executemany(
            'INSERT INTO citations(document_id, ordinal, mention, start, "end", doc_type, number, issued_date,'
            " issuer, term, target, relation) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (document_id, i, c["mention"], c["start"], c["end"], c["doc_type"], c["number"],
                 c["issued_date"], c["issuer"], c["term"], c["target"], c["relation"])
                for i, c in enumerate(record["citations"])
            ],
        )
        task_rows = []
        for i, (task, key) in enumerate(zip(extraction.tasks, task_keys, strict=True)):
            dl = task.deadline
            task_rows.append((
                document_id, i, key, task.section, task.text, task.start, task.end,
                dl.text if dl else None, _iso(dl.start) if dl else None, _iso(dl.end) if dl else None,
                dl.recurrence if dl else None,
            ))
        task_ids = self.backend.insert_ids(
            conn,
            'INSERT INTO tasks(document_id, ordinal, task_key, section, text, start, "end", deadline_text,'
            " due_start, due_end, recurrence) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            task_rows,
        )
        body_rows = []
        for task, task_id in zip(extraction.tasks, task_ids, strict=True):
            for role, mentions in (("responsible", task.responsible), ("coordinating", task.coordinating)):
                for b in mentions:
                    canonical = canonical_name(b.name)
                    body_rows.append(
                        (task_id, role, b.name, b.qualified, canonical, _body_key(b.name),
                         _body_key(b.qualified) if b.qualified else None, _body_key(canonical))
                    )
        conn.executemany(
            "INSERT INTO task_bodies(task_id, role, name, qualified, canonical, folded, qualified_folded,"
            " canonical_folded) VALUES (?,?,?,?,?,?,?,?)",
            body_rows,
        )
        self.backend.index_tasks(conn, [(i, t.text) for i, t in zip(task_ids, extraction.tasks, strict=True)])
        paragraphs = list(_paragraphs(text, extraction.sections))
        passage_ids = self.backend.insert_ids(
            conn,
            'INSERT INTO passages(document_id, kind, section, start, "end") VALUES (?,?,?,?,?)',
            [(document_id, "paragraph", section, start, end) for start, end, section in paragraphs],
        )
        self.backend.index_passages(
            conn, [(i, text[start:end]) for i, (start, end, _) in zip(passage_ids, paragraphs, strict=True)]
        )
        return document_id

    def _plan_carry_over(self, extraction: Extraction, content_hash: str, ident: str | None) -> _CarryPlan | None:
        """Match the stored version's tasks to the new ones from a plain read, outside the write lock
        (thousands of near-identical items take seconds); the write re-checks that nothing changed."""
        with self._lock:
            old = None
            for column, value in (("content_hash", content_hash), ("identity_key", ident), ("source", extraction.source)):
                if value and old is None:
                    old = self.conn.execute(
                        f"SELECT id, doc_key FROM documents WHERE {column} = ? ORDER BY id LIMIT 1", (value,)
                    ).fetchone()
            if old is None:
                return None
            old_tasks = {
                r["task_key"]: r
                for r in self.conn.execute(
                    "SELECT task_key, section, text FROM tasks WHERE document_id = ? ORDER BY ordinal", (old["id"],)
                )
            }
            orphans = self._previous_orphans(old["doc_key"])
            users = self._user_data_keys([*old_tasks, *orphans, *_task_keys(extraction, old["doc_key"])])
        new = [Item(k, t.section, t.text) for k, t in zip(_task_keys(extraction, old["doc_key"]), extraction.tasks, strict=True)]
        inputs = _carry_inputs(old_tasks, orphans, new, users)
        return _CarryPlan(old["doc_key"], inputs, reattach(*inputs))

    def _previous_orphans(self, doc_key: str) -> dict[str, Row]:
        return {
            r["task_key"]: r
            for r in self.conn.execute(
                "SELECT task_key, section, old_text AS text FROM orphaned_user_data WHERE doc_key = ?", (doc_key,)
            )
        }

    def _user_data_keys(self, keys: list[str]) -> set[str]:
        return {k for k in keys if self._has_user_data(k)}

    def _carry_over_user_data(
        self, document_id: int, doc_key: str, source: str, old_tasks: dict[str, Row],
        plan: _CarryPlan | None = None,
    ) -> tuple[int, int]:
        """Move user data to the task it belongs to (pipeline/reattach.py); set aside what is ambiguous,
        flag what is lost. Uses the plan made before the lock when its inputs are still the same."""
        conn = self.conn
        previous_orphans = self._previous_orphans(doc_key)
        if not previous_orphans and not old_tasks:
            return 0, 0
        rows = conn.execute(
            "SELECT task_key, section, text FROM tasks WHERE document_id = ? ORDER BY ordinal", (document_id,)
        ).fetchall()
        new = [Item(r["task_key"], r["section"], r["text"]) for r in rows]
        for key in previous_orphans.keys() & {i.key for i in new}:  # the task came back under its own key
            conn.execute("DELETE FROM orphaned_user_data WHERE task_key = ?", (key,))
        users = self._user_data_keys([*old_tasks, *previous_orphans, *(i.key for i in new)])
        inputs = _carry_inputs(old_tasks, previous_orphans, new, users)
        matches = plan.matches if plan is not None and plan.doc_key == doc_key and plan.inputs == inputs else reattach(*inputs)
        reused = {i.key for i in new}
        return self._apply_matches(matches, {**previous_orphans, **old_tasks}, previous_orphans, reused, doc_key, source)

    def _apply_matches(
        self, matches: dict[str, Match], old: dict[str, Row], previous_orphans: dict[str, Row],
        reused: set[str], doc_key: str, source: str,
    ) -> tuple[int, int]:
        """Rename user data in two steps (keys may swap places), park the unsure, flag the lost."""
        conn, now = self.conn, _now()
        moving = {k: m for k, m in matches.items() if m.new_key != k}
        for key in moving:  # step 1: out of the way, so no key ever holds two tasks' data
            _rename_user_data(conn, key, f"{key}~moving")
        carried = orphaned = 0
        for key, match in sorted(moving.items()):
            if match.new_key is not None:
                _rename_user_data(conn, f"{key}~moving", match.new_key)
                conn.execute(
                    "INSERT INTO task_history(task_key, what, old, new, at) VALUES (?, 'carried over', ?, ?, ?)",
                    (match.new_key, key, match.new_key, now),
                )
                conn.execute("DELETE FROM orphaned_user_data WHERE task_key = ?", (key,))
                carried += 1
                continue
            # Kept under its key unless a new task now has that key (it would show on the wrong task).
            parked = f"{key}~review" if key in reused else key
            _rename_user_data(conn, f"{key}~moving", parked)
            if match.ambiguous:
                reason = (f"ghi chú cần xác nhận: {len(match.ambiguous)} nhiệm vụ mới giống nhau"
                          f" ({', '.join(match.ambiguous[:5])}); chọn nhiệm vụ đúng rồi gán lại")
            elif key in previous_orphans:
                continue  # still lost: its flag stays as it was
            else:
                reason = "task no longer found after re-ingest; no similar task"
            conn.execute("DELETE FROM orphaned_user_data WHERE task_key = ?", (key,))
            _flag_orphan(conn, (parked, doc_key, source, old[key]["section"], old[key]["text"], reason, now))
            orphaned += 1
        return carried, orphaned

    def _has_user_data(self, task_key: str) -> bool:
        return bool(
            self.conn.execute("SELECT 1 FROM task_status WHERE task_key = ?", (task_key,)).fetchone()
            or self.conn.execute("SELECT 1 FROM task_history WHERE task_key = ? LIMIT 1", (task_key,)).fetchone()
        )

    # ------------------------------------------------------------------ documents

    def documents(self) -> list[dict]:
        """One summary row per stored document, in ingestion order."""
        with self._lock:
            rows = self.conn.execute(
                "SELECT id, source, doc_type, number, issuer, issued_date, title, target, n_tasks, n_citations"
                " FROM documents ORDER BY id"
            ).fetchall()
        return [dict(r) for r in rows]

    def document(self, document_id: int) -> dict | None:
        """A document's summary plus its normalized text and full extraction record."""
        with self._lock:
            row = self.conn.execute(
                "SELECT id, source, doc_type, number, issuer, issued_date, title, target, n_tasks, n_citations,"
                " text, source_text, record_json, content_hash, ingested_at FROM documents WHERE id = ?",
                (document_id,),
            ).fetchone()
        if row is None:
            return None
        out = dict(row)
        out["record"] = _unpack_record(out.pop("record_json"))
        out["record"]["document_id"] = out["id"]
        if out["source_text"] is None:
            out["source_text"] = out["text"]
        return out

    def records(self) -> Iterator[dict]:
        """Every stored extraction record (contract dict plus "document_id"), streamed."""
        with self._lock:
            ids = [r[0] for r in self.conn.execute("SELECT id FROM documents ORDER BY id")]
        for document_id in ids:
            with self._lock:
                row = self.conn.execute("SELECT record_json FROM documents WHERE id = ?", (document_id,)).fetchone()
            if row is None:
                continue
            record = _unpack_record(row[0])
            record["document_id"] = document_id
            yield record

    def graph_records(self) -> Iterator[dict]:
        """Per document only what `build_graph` reads (source, document, citations, document_id), streamed.

        Reads the small `graph_json` column instead of decompressing every full record:
        the graph page at 10,000 documents spends its time building, not reading.
        """
        with self._lock:
            rows = self.conn.execute("SELECT id, graph_json FROM documents ORDER BY id").fetchall()
        for row in rows:
            if row["graph_json"] is not None:
                record = json.loads(row["graph_json"])
            else:  # stored before schema v5
                with self._lock:
                    packed = self.conn.execute(
                        "SELECT record_json FROM documents WHERE id = ?", (row["id"],)
                    ).fetchone()
                if packed is None:
                    continue
                record = json.loads(_graph_json(_unpack_record(packed[0])))
            record["document_id"] = row["id"]
            yield record

    # ------------------------------------------------------------------ search

    def search(self, query: str, limit: int = 50) -> list[dict]:
        """Accent-insensitive full-text search over paragraphs.

        Passages holding the words as a phrase come first ("dang uy khoi" → "Đảng ủy
        khối" before a paragraph that merely has the three words apart), then the rest by bm25.
        """
        terms = fts_terms(query)
        if not terms:
            return []
        rows: list[Row] = []
        seen: set[int] = set()
        with self._lock:
            for phrase in ([True] if len(terms) > 1 else []) + [False]:
                joins, where, params, order = self.backend.passage_match(terms, phrase)
                for r in self.conn.execute(
                    "SELECT p.id, p.document_id, d.source, d.number AS doc_number, d.title AS doc_title, p.section,"
                    ' p.kind, p.start, p."end", substr(d.text, p.start + 1, p."end" - p.start) AS text'
                    f" FROM passages p{joins} JOIN documents d ON d.id = p.document_id"
                    f" WHERE {where} ORDER BY {order} LIMIT ?",
                    (*params, int(limit)),
                ):
                    if r["id"] not in seen and len(rows) < limit:
                        seen.add(r["id"])
                        rows.append(r)
        words = [w.rstrip("*") for w in _TOKEN.findall(fold_diacritics(query))]
        out = []
        for r in rows:
            snippet, spans = _snippet(r["text"], fold_same_length(r["text"]), words)
            item = {k: r[k] for k in ("document_id", "source", "doc_number", "doc_title", "section", "kind", "start", "end")}
            item["snippet"] = snippet
            item["match_spans"] = spans
            out.append(item)
        return out

    # ------------------------------------------------------------------ tasks

    def _task_filter(self, query: TaskQuery | None = None, **filters: Any) -> tuple[str, list[Any], str]:
        """(WHERE clause, its parameters, today's date) of a query's filters."""
        q = query if query is not None else TaskQuery.of(**filters)
        today_iso = q.today or date.today().isoformat()
        conditions = [
            *self._body_conditions(q),
            *_document_conditions(q.document),
            *_field_conditions(q),
            *_status_conditions(q, today_iso),
            *self._search_conditions(q.search),
        ]
        where = [sql for sql, _ in conditions]
        params = [value for _, values in conditions for value in values]
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        return clause, params, today_iso

    def _body_conditions(self, q: TaskQuery) -> list[_Condition]:
        """Tasks whose responsible or coordinating body is one the query names, in any spelling."""
        conditions: list[_Condition] = []
        for role, name in (("responsible", q.body), ("coordinating", q.coordinating)):
            if not name:
                continue
            # A list (the app's multi-select) matches any of its bodies.
            names = [name] if isinstance(name, str) else [n for n in name if n]
            if not names:
                continue
            subqueries: list[str] = []
            params: list[Any] = []
            for one in names:
                sql, sub_params = self._body_subquery(role, one)
                subqueries.append(sql)
                params += sub_params
            conditions.append((f"t.id IN ({' UNION '.join(subqueries)})", params))
        return conditions

    def _search_conditions(self, search: str | None) -> list[_Condition]:
        """Tasks whose text holds the search's words (the backend's full-text match)."""
        terms = fts_terms(search) if search else []
        if not terms:
            return []
        return [self.backend.task_match(terms)]

    def _body_subquery(self, role: str, name: str) -> tuple[str, list[Any]]:
        """Task ids whose `role` body is `name` in any spelling or variant.

        A locality-qualified name ("Ban Tổ chức Tỉnh ủy Bình Thuận") selects that
        province's body only, although its canonical form drops the locality.
        """
        own_key = _body_key(name)
        qualified = self.conn.execute(
            "SELECT 1 FROM task_bodies WHERE qualified_folded = ? AND qualified_folded != folded LIMIT 1", (own_key,)
        ).fetchone()
        if qualified:
            keys = sorted({own_key} | {_body_key(s.successor) for s in successors(name)})
            marks = ",".join("?" * len(keys))
            return f"SELECT task_id FROM task_bodies WHERE role = ? AND qualified_folded IN ({marks})", [role, *keys]
        keys = sorted(body_match_keys(name, variants=False))
        if not self._any_body(role, keys):
            keys = sorted(body_match_keys(name))
        marks = ",".join("?" * len(keys))
        sql = (
            f"SELECT task_id FROM task_bodies WHERE role = ? AND folded IN ({marks})"
            f" UNION SELECT task_id FROM task_bodies WHERE role = ? AND qualified_folded IN ({marks})"
            f" UNION SELECT task_id FROM task_bodies WHERE role = ? AND canonical_folded IN ({marks})"
        )
        return sql, [role, *keys, role, *keys, role, *keys]

    def _any_body(self, role: str, keys: list[str]) -> bool:
        marks = ",".join("?" * len(keys))
        return bool(
            self.conn.execute(
                f"SELECT 1 FROM task_bodies WHERE role = ? AND (folded IN ({marks}) OR canonical_folded IN ({marks}))"
                " LIMIT 1",
                [role, *keys, *keys],
            ).fetchone()
        )

    def query_tasks(self, query: TaskQuery | None = None, **fields: Any) -> list[dict]:
        """Tasks matching every filter of `query` (a TaskQuery, or its fields as keyword arguments), in
        its `order` (TASK_ORDERS; default document order), one page of them, with status and bodies.

        Sorting happens in SQL before LIMIT/OFFSET, so a page of the app shows the first rows of the
        whole sorted list, not a sorted page.

        Filters (see TaskQuery): body, coordinating, document, section, due_from, due_to,
        overdue, recurring, status, not_done, search, today. `due_from`/`due_to` keep tasks whose
        deadline window [due_start or due_end, due_end or due_start] overlaps the range; `body`
        accepts any spelling of a body (accents optional, variants, the locality-qualified name).
        `status` takes one status or several (any of them); `not_done=True` keeps the tasks still
        to do (chưa thực hiện + đang thực hiện), what staff export as "remaining".
        """
        q = query if query is not None else TaskQuery.of(**fields)
        clause, params, today_iso = self._task_filter(q)
        sql = (
            "SELECT t.id, t.task_key, t.document_id, d.source, d.number AS doc_number, d.title AS doc_title,"
            " d.doc_type AS doc_type, d.issuer AS doc_issuer, d.issued_date AS doc_date,"
            ' t.section, t.text, t.start, t."end", t.deadline_text, t.due_start, t.due_end, t.recurrence,'
            " COALESCE(s.status, ?) AS status, s.note, s.updated_at"
            " FROM tasks t JOIN documents d ON d.id = t.document_id"
            " LEFT JOIN task_status s ON s.task_key = t.task_key"
            f"{clause} ORDER BY {_order_sql(q.order)} LIMIT ? OFFSET ?"
        )
        with self._lock:
            rows = self.conn.execute(
                sql, [STATUS_TODO, *params, self.backend.no_limit if q.limit is None else int(q.limit), q.offset]
            ).fetchall()
            bodies = self._bodies_for([r["id"] for r in rows])
        out = []
        for r in rows:
            item = dict(r)
            task_id = item.pop("id")
            b = bodies.get(task_id, {})
            item["responsible"] = [n for n, _ in b.get("responsible", [])]
            item["coordinating"] = [n for n, _ in b.get("coordinating", [])]
            item["responsible_qualified"] = [q or n for n, q in b.get("responsible", [])]
            item["coordinating_qualified"] = [q or n for n, q in b.get("coordinating", [])]
            item["overdue"] = bool(item["due_end"] and item["due_end"] < today_iso and item["status"] != STATUS_DONE)
            out.append(item)
        return out

    def _bodies_for(self, task_ids: list[int]) -> dict[int, dict[str, list[tuple[str, str | None]]]]:
        out: dict[int, dict[str, list[tuple[str, str | None]]]] = {}
        for i in range(0, len(task_ids), 500):
            chunk = task_ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(
                f"SELECT task_id, role, name, qualified FROM task_bodies WHERE task_id IN ({marks}) ORDER BY rowid",
                chunk,
            ):
                out.setdefault(r["task_id"], {}).setdefault(r["role"], []).append((r["name"], r["qualified"]))
        return out

    def count_tasks(self, query: TaskQuery | None = None, **fields: Any) -> int:
        """Number of tasks query_tasks would return without limit/offset."""
        q = query if query is not None else TaskQuery.of(**fields)
        clause, params, _ = self._task_filter(q.unpaged())
        with self._lock:
            return int(
                self.conn.execute(
                    "SELECT COUNT(*) FROM tasks t" + clause,
                    params,
                ).fetchone()[0]
            )

    def body_counts(self) -> list[tuple[str, int]]:
        """Responsible bodies (variants merged under the canonical name) with their task counts."""
        return self._role_counts("responsible")

    def _role_counts(self, role: str) -> list[tuple[str, int]]:
        with self._lock:
            rows = self.conn.execute(
                "SELECT canonical_folded, MIN(canonical) AS name, COUNT(DISTINCT task_id) AS n FROM task_bodies"
                " WHERE role = ? GROUP BY canonical_folded ORDER BY n DESC, name",
                (role,),
            ).fetchall()
        return [(r["name"], r["n"]) for r in rows]

    def most_cited(self, limit: int = 10) -> list[dict]:
        """Cited documents by how many stored documents cite them, in SQL (the overview must not build the graph)."""
        with self._lock:
            rows = self.conn.execute(
                "SELECT c.target, COALESCE(MAX(c.number), MIN(c.mention)) AS label,"
                " COUNT(DISTINCT c.document_id) AS citing, COUNT(*) AS mentions,"
                " EXISTS(SELECT 1 FROM documents d WHERE d.target = c.target) AS in_corpus"
                " FROM citations c WHERE c.target IS NOT NULL AND c.target != ''"
                " GROUP BY c.target ORDER BY citing DESC, mentions DESC, c.target LIMIT ?",
                (int(limit),),
            ).fetchall()
        return [dict(r, in_corpus=bool(r["in_corpus"])) for r in rows]

    def coordinating_counts(self) -> list[tuple[str, int]]:
        """Coordinating ("phối hợp") bodies, variants merged, with their task counts (the app's filter)."""
        return self._role_counts("coordinating")

    # ------------------------------------------------------------------ user data

    def set_status(self, task_key: str, status: str, note: str | None = None, *, user: str | None = None) -> None:
        """Set a task's status (and note, when given); every change is appended to its history with its user."""
        self.set_statuses([(task_key, status, note)], user=user)

    def set_statuses(self, changes: Iterable[tuple[str, str, str | None]], *, user: str | None = None) -> int:
        """Apply several (task_key, status, note) edits in one transaction: all or none; returns the count.

        Read-modify-write happens under the write lock (BEGIN IMMEDIATE), so two
        sessions editing at once never lose an update. `user` (the signed-in account)
        is recorded in the history of every change.
        """
        changes = [(key, _canonical_status(status), note) for key, status, note in changes]
        with self._write() as conn:
            now = _now()
            for task_key, status, note in changes:
                known = conn.execute("SELECT 1 FROM tasks WHERE task_key = ?", (task_key,)).fetchone()
                row = conn.execute("SELECT status, note FROM task_status WHERE task_key = ?", (task_key,)).fetchone()
                if not known and not row:
                    raise KeyError(f"no task with key {task_key!r}")
                old_status = row["status"] if row else STATUS_TODO
                old_note = row["note"] if row else None
                new_note = old_note if note is None else note
                conn.execute(
                    "INSERT INTO task_status(task_key, status, note, updated_at) VALUES (?,?,?,?)"
                    " ON CONFLICT(task_key) DO UPDATE SET status = excluded.status, note = excluded.note,"
                    " updated_at = excluded.updated_at",
                    (task_key, status, new_note, now),
                )
                if old_status != status:
                    conn.execute(
                        "INSERT INTO task_history(task_key, what, old, new, at, \"user\") VALUES (?, 'status', ?, ?, ?, ?)",
                        (task_key, old_status, status, now, user),
                    )
                if (old_note or "") != (new_note or ""):
                    conn.execute(
                        "INSERT INTO task_history(task_key, what, old, new, at, \"user\") VALUES (?, 'note', ?, ?, ?, ?)",
                        (task_key, old_note, new_note, now, user),
                    )
        return len(changes)

    def history(self, task_key: str) -> list[dict]:
        """A task's change history, oldest first."""
        with self._lock:
            rows = self.conn.execute(
                "SELECT what, old, new, at, \"user\" FROM task_history WHERE task_key = ? ORDER BY id", (task_key,)
            ).fetchall()
        return [dict(r) for r in rows]

    def orphans(self) -> list[dict]:
        """User data whose task vanished on re-ingest (kept, with its status and note)."""
        with self._lock:
            rows = self.conn.execute(
                "SELECT o.task_key, o.source, o.section, o.old_text, o.reason, o.flagged_at, s.status, s.note"
                " FROM orphaned_user_data o LEFT JOIN task_status s ON s.task_key = o.task_key ORDER BY o.flagged_at,"
                " o.task_key"
            ).fetchall()
        return [dict(r) for r in rows]

    def export_user_data(self) -> dict:
        """All user data as a portable JSON-able dict (for `backup`)."""
        with self._lock:
            statuses = self.conn.execute(
                "SELECT s.task_key, s.status, s.note, s.updated_at, t.text AS task_text, t.section,"
                " d.number AS doc_number, d.source FROM task_status s LEFT JOIN tasks t ON t.task_key = s.task_key"
                " LEFT JOIN documents d ON d.id = t.document_id ORDER BY s.task_key"
            ).fetchall()
            history = self.conn.execute(
                "SELECT task_key, what, old, new, at, \"user\" FROM task_history ORDER BY id"
            ).fetchall()
            orphans = self.conn.execute("SELECT * FROM orphaned_user_data ORDER BY task_key").fetchall()
        return {
            "format": USER_DATA_FORMAT,
            "schema_version": self.schema_version(),
            "exported_at": _now(),
            "task_status": [dict(r) for r in statuses],
            "task_history": [dict(r) for r in history],
            "orphaned_user_data": [dict(r) for r in orphans],
        }

    def import_user_data(self, data: dict) -> dict[str, int]:
        """Restore a backup in one transaction; running it twice changes nothing more.

        Entries are matched by task key; an entry whose key is not stored (e.g. the
        documents were re-ingested from other paths) falls back to a stored task with
        exactly the same text. What matches neither is kept and flagged as an orphan.
        """
        validate_backup(data)  # ValueError naming the first bad place, before anything is written
        statuses = list(data.get("task_status", []))
        counts = {"statuses": 0, "matched": 0, "matched_by_text": 0, "unmatched": 0, "history": 0}
        with self._write() as conn:
            backup_keys = {s["task_key"] for s in statuses}
            remap: dict[str, str] = {}
            for s in statuses:
                key = s["task_key"]
                if conn.execute("SELECT 1 FROM tasks WHERE task_key = ?", (key,)).fetchone():
                    counts["matched"] += 1
                    continue
                same_text = [
                    r[0]
                    for r in conn.execute(
                        "SELECT t.task_key FROM tasks t JOIN documents d ON d.id = t.document_id WHERE t.text = ?"
                        " ORDER BY (d.number IS ?) DESC, t.id",
                        (s.get("task_text") or "", s.get("doc_number")),
                    )
                    if r[0] not in backup_keys and r[0] not in remap.values()
                ]
                if same_text:
                    remap[key] = same_text[0]
                    counts["matched_by_text"] += 1
                    continue
                counts["unmatched"] += 1
                _flag_orphan(conn, (key, None, s.get("source"), s.get("section"), s.get("task_text"),
                                    "restored from backup; no stored task has this key or text", _now()),
                             replace=False)
            for s in statuses:
                conn.execute(
                    "INSERT INTO task_status(task_key, status, note, updated_at) VALUES (?,?,?,?)"
                    " ON CONFLICT(task_key) DO UPDATE SET status = excluded.status, note = excluded.note,"
                    " updated_at = excluded.updated_at",
                    (remap.get(s["task_key"], s["task_key"]), _canonical_status(s["status"]), s.get("note"),
                     s.get("updated_at") or _now()),
                )
                counts["statuses"] += 1
            for h in data.get("task_history", []):
                key = remap.get(h["task_key"], h["task_key"])
                exists = conn.execute(
                    "SELECT 1 FROM task_history WHERE task_key = ? AND what = ? AND old IS ? AND new IS ? AND at = ?",
                    (key, h["what"], h.get("old"), h.get("new"), h["at"]),
                ).fetchone()
                if not exists:
                    conn.execute(
                        "INSERT INTO task_history(task_key, what, old, new, at, \"user\") VALUES (?,?,?,?,?,?)",
                        (key, h["what"], h.get("old"), h.get("new"), h["at"], h.get("user")),
                    )
                    counts["history"] += 1
        return counts

    # ------------------------------------------------------------------ maintenance

    def dump(self) -> dict[str, list[tuple]]:
        """Every row of every table, sorted: lets tests prove an operation changed nothing."""
        with self._lock:
            names = self.backend.table_names(self.conn)
            return {
                name: sorted(
                    (tuple(row) for row in self.conn.execute(f'SELECT * FROM "{name}"')), key=repr
                )
                for name in names
            }


@dataclass(frozen=True)
class _CarryPlan:
    """A re-attachment computed before the write lock, with the inputs it was computed from."""

    doc_key: str
    inputs: tuple
    matches: dict[str, Match]


def _carry_inputs(
    old_tasks: dict[str, Row], orphans: dict[str, Row], new: list[Item], users: set[str]
) -> tuple[list[Item], list[Item], set[str], set[str], int]:
    """reattach()'s arguments: old tasks in order, then earlier orphans (no place in the order);
    the keys whose user data is to be placed; new keys holding user data of their own."""
    new_keys = {i.key for i in new}
    old = [Item(k, r["section"], r["text"] or "") for k, r in old_tasks.items()]
    old += [Item(k, r["section"], r["text"] or "") for k, r in orphans.items() if k not in old_tasks and k not in new_keys]
    wanted = {i.key for i in old if i.key in users}
    taken = {k for k in new_keys if k in users and k not in old_tasks}
    return old, new, wanted, taken, len(old_tasks)


def _flag_orphan(conn: Any, row: tuple, *, replace: bool = True) -> None:
    """Keep (task_key, doc_key, source, section, old_text, reason, flagged_at) as orphaned user data;
    an existing flag of the key is replaced, or kept with `replace=False`."""
    conn.execute(
        "INSERT INTO orphaned_user_data(task_key, doc_key, source, section, old_text, reason, flagged_at)"
        " VALUES (?,?,?,?,?,?,?) ON CONFLICT(task_key) DO "
        + ("UPDATE SET doc_key = excluded.doc_key, source = excluded.source, section = excluded.section,"
           " old_text = excluded.old_text, reason = excluded.reason, flagged_at = excluded.flagged_at"
           if replace else "NOTHING"),
        row,
    )


def _rename_user_data(conn: Any, old: str, new: str) -> None:
    conn.execute("UPDATE task_status SET task_key = ? WHERE task_key = ?", (new, old))
    conn.execute("UPDATE task_history SET task_key = ? WHERE task_key = ?", (new, old))


def _task_keys(extraction: Extraction, doc_key: str) -> list[str]:
    """Stable task keys: document key, the task's own key (section and first words), occurrence."""
    doc_hash = _short_hash(doc_key)
    keys: list[str] = []
    seen: dict[str, int] = {}
    for task in extraction.tasks:
        base = task.key or _short_hash(f"{task.section}|{fold_diacritics(task.text[:160])[:120]}", 12)
        n = seen.get(base, 0)
        seen[base] = n + 1
        keys.append(f"{doc_hash}-{base}-{n}")
    return keys


def _same_extraction(stored: dict, new: dict) -> bool:
    """Whether a stored record says the same as a fresh extraction (ignoring where the file lay)."""

    def comparable(record: dict) -> str:
        record = json.loads(json.dumps(record, ensure_ascii=False))
        record.pop("source", None)
        record.pop("document_id", None)
        for task in record.get("tasks", []):
            task.pop("task_key", None)
        return json.dumps(record, ensure_ascii=False, sort_keys=True)

    return comparable(stored) == comparable(new)


def _graph_json(record: dict) -> str:
    """The parts of a record the citation graph reads, as JSON (see Store.graph_records)."""
    part = {"source": record.get("source"), "document": record.get("document") or {},
            "citations": record.get("citations") or []}
    return json.dumps(part, ensure_ascii=False, separators=(",", ":"))


def _pack_record(record: dict) -> bytes:
    """The extraction record, zlib-compressed JSON: records repeat every task text, compression saves ~80%."""
    return zlib.compress(json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8"), 6)


def _unpack_record(value: bytes | str) -> dict:
    if isinstance(value, bytes):
        value = zlib.decompress(value).decode("utf-8")
    return json.loads(value)


def _paragraphs(text: str, sections: Iterable) -> Iterator[tuple[int, int, str | None]]:
    """(start, end, innermost section path) of each non-empty line of the text."""
    ordered = sorted(sections, key=lambda s: (s.start, -s.end))
    for m in re.finditer(r"[^\n]+", text):
        if not re.search(r"\w", m.group(0)):
            continue
        start = m.start()
        best = None
        for s in ordered:
            if s.start > start:
                break
            if start < s.end and (best is None or s.level >= best.level):
                best = s
        yield start, m.end(), best.path if best else None


def _snippet(text: str, folded: str, words: list[str], width: int = 90) -> tuple[str, list[tuple[int, int]]]:
    """A window of the original text around the first matched word, with match spans inside it."""
    spans = []
    for w in words:
        for m in re.finditer(r"(?<!\w)" + re.escape(w) + r"\w*", folded):
            spans.append(m.span())
    spans.sort()
    if len(text) <= 2 * width:
        lo, hi = 0, len(text)
    else:
        center = spans[0][0] if spans else 0
        lo = max(0, center - width // 2)
        hi = min(len(text), lo + 2 * width)
        lo = max(0, hi - 2 * width)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    shift = len(prefix) - lo
    inside = [(s + shift, e + shift) for s, e in spans if s >= lo and e <= hi]
    return prefix + text[lo:hi] + suffix, inside
