"""Cached data access for the Streamlit app.

The pages never talk to the database or build graphs themselves: they call these helpers,
which go through `pipeline.store.Store` (one connection per database, kept with
`st.cache_resource`) and cache query results with `st.cache_data`, so a rerun
that only moves a widget costs nothing. Every write (status edit, upload) calls
`invalidate()` so the next read sees it.

The pure helpers at the bottom (filters, exports, highlighting) have no Streamlit
dependency, so tests can call them directly.
"""

from __future__ import annotations

import html
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import streamlit as st

from pipeline.ics import as_date, expand_occurrences
from pipeline.store import DatabaseUrl, Store, TaskQuery, default_db_path, is_postgres_url

STATUSES: tuple[str, ...] = ("chưa thực hiện", "đang thực hiện", "hoàn thành")
OVERDUE_LABEL = "quá hạn"
NOT_DONE_LABEL = "chưa hoàn thành"  # chưa thực hiện + đang thực hiện: what staff call "remaining"

# Column names the app shows for a task row (Vietnamese UI, English keys).
TASK_COLUMNS: dict[str, str] = {
    "text": "Nhiệm vụ",
    "responsible": "Chủ trì",
    "coordinating": "Phối hợp",
    "deadline_text": "Thời hạn",
    "due_end": "Hạn cuối",
    "doc_number": "Văn bản",
    "section": "Mục",
    "status_label": "Trạng thái",
}


# --------------------------------------------------------------------------- paths


def db_path() -> Path | DatabaseUrl:
    """The database the app reads: env DIRECTIVES_DB (a file or a postgresql:// URL), else
    data/directives.db (same rule as the CLI)."""
    return default_db_path()


def upload_dir() -> Path:
    """Where uploaded files are kept: env DIRECTIVES_UPLOADS, else `uploads/` next to the database.

    With the default database that is data/uploads, outside anything the web server serves.
    """
    env = os.environ.get("DIRECTIVES_UPLOADS")
    return Path(env) if env else db_path().parent / "uploads"


# --------------------------------------------------------------------------- store


@st.cache_resource(show_spinner=False)
def _open_store(path: str):
    if not is_postgres_url(path):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    return Store(path)


def get_store():
    """The shared Store for the configured database (opened once per process)."""
    return _open_store(str(db_path()))


def invalidate(*, statuses_only: bool = False) -> None:
    """Forget cached results after a write, so every page shows the new state.

    A status/note edit changes only task rows, so it keeps the document list, body counts
    and graph (slow to rebuild at scale); an upload changes everything.
    """
    query_tasks.clear()
    count_tasks.clear()
    _recurring.clear()
    if not statuses_only:
        st.cache_data.clear()
        _graph.clear()


def data_stamp() -> tuple:
    """Changes whenever statuses or documents change (in this app, another app server or the CLI).

    (last history id, statuses, last document id, documents, last ingest time): the tail says
    whether documents changed too."""
    store = get_store()
    with store._lock:
        return tuple(store.conn.execute(
            "SELECT (SELECT MAX(id) FROM task_history), (SELECT COUNT(*) FROM task_status),"
            " (SELECT MAX(id) FROM documents), (SELECT COUNT(*) FROM documents),"
            " (SELECT MAX(ingested_at) FROM documents)").fetchone())


_SEEN: dict[str, tuple] = {}  # database → the data stamp this process last saw


def follow_other_writers() -> None:
    """On a shared PostgreSQL store other servers write too: forget cached results once the data
    changed since this process last looked (one small query per page run). A SQLite store keeps
    its caches until this app writes (`invalidate`)."""
    path = str(db_path())
    if not is_postgres_url(path):
        return
    stamp, last = data_stamp(), _SEEN.get(path)
    _SEEN[path] = stamp
    if last is not None and last != stamp:
        invalidate(statuses_only=last[2:] == stamp[2:])


# --------------------------------------------------------------------------- filters


@dataclass(frozen=True)
class TaskFilter:
    """The Tasks page's filter state in its own labels; hashable so it can key `st.cache_data`.
    `query()` turns it into the store's TaskQuery, the value the CLI builds too."""

    bodies: tuple[str, ...] = ()
    coordinating: tuple[str, ...] = ()
    document: int | None = None
    section: str | None = None
    due_from: str | None = None
    due_to: str | None = None
    # One label or several (any of them): STATUSES, NOT_DONE_LABEL ("remaining"), OVERDUE_LABEL.
    status: str | tuple[str, ...] | None = None
    search: str | None = None

    def query(self, today: date | str | None = None) -> TaskQuery:
        """The store's TaskQuery for this filter (every matching task; page it with `.page()`)."""
        labels = (self.status,) if isinstance(self.status, str) else tuple(self.status or ())
        # The chosen statuses are alternatives ("any of them"); "quá hạn" narrows whatever else is chosen.
        stored = [label for label in STATUSES if label in labels or (NOT_DONE_LABEL in labels and label != STATUSES[-1])]
        not_done = stored == list(STATUSES[:-1])
        return TaskQuery.of(
            body=self.bodies, coordinating=self.coordinating, document=self.document, section=self.section,
            due_from=self.due_from, due_to=self.due_to, overdue=OVERDUE_LABEL in labels,
            status=() if not_done else stored, not_done=not_done,
            search=(self.search or "").strip(), today=today,
        )


def _today_iso() -> str:
    return date.today().isoformat()


@st.cache_data(show_spinner=False, max_entries=256)
def query_tasks(flt: TaskFilter, limit: int | None = 50, offset: int = 0, today: str | None = None,
                order: str = "document") -> list[dict]:
    """One page of task rows matching the filter, sorted and paged in SQL by the store."""
    query = replace(flt.query(today), order=order).page(limit, offset)
    return [dict(r) for r in get_store().query_tasks(query)]


@st.cache_data(show_spinner=False, max_entries=256)
def count_tasks(flt: TaskFilter, today: str | None = None) -> int:
    """How many tasks match the filter (for pagination and headline numbers)."""
    return int(get_store().count_tasks(flt.query(today)))


@st.cache_data(show_spinner=False)
def documents() -> list[dict]:
    """All stored documents with their counts (id, source, number, title, target...)."""
    return [dict(d) for d in get_store().documents()]


@st.cache_data(show_spinner=False, max_entries=64)
def document(document_id: int) -> dict | None:
    """One document with its normalized text and extraction record."""
    doc = get_store().document(int(document_id))
    return dict(doc) if doc else None


@st.cache_data(show_spinner=False)
def body_counts() -> list[tuple[str, int]]:
    """Responsible bodies with their task counts, variants merged (largest first)."""
    return [(str(name), int(n)) for name, n in get_store().body_counts()]


@st.cache_data(show_spinner=False)
def coordinating_counts() -> list[tuple[str, int]]:
    """Coordinating bodies with their task counts, variants merged (largest first)."""
    return [(str(name), int(n)) for name, n in get_store().coordinating_counts()]


@st.cache_data(show_spinner=False, max_entries=64)
def sections_of(document_id: int) -> list[str]:
    """Section paths of one document's tasks, in document order (for the section filter)."""
    doc = document(document_id)
    if not doc:
        return []
    seen: dict[str, None] = {}
    for task in (doc.get("record") or {}).get("tasks", []):
        if task.get("section"):
            seen.setdefault(task["section"], None)
    return list(seen)


@st.cache_data(show_spinner=False, max_entries=64)
def search(query: str, limit: int = 50) -> list[dict]:
    """Accent-insensitive full-text search over the stored documents."""
    return [dict(r) for r in get_store().search(query, limit=limit)]


def history(task_key: str) -> list[dict]:
    """Status/note change history of one task (not cached: it is small and must be fresh)."""
    return [dict(h) for h in get_store().history(task_key)]


def notes_to_review() -> list[dict]:
    """User data set aside on re-ingest (its task vanished or is not certain), for the Tasks page."""
    return [dict(o) for o in get_store().orphans()]


def set_status(task_key: str, status: str, note: str | None, user: str | None = None) -> None:
    """Record a status/note edit (with who made it) and drop cached results that may show the old status."""
    get_store().set_status(task_key, status, note, user=user)
    invalidate(statuses_only=True)


def recurring_tasks(bodies: tuple[str, ...] = ()) -> list[dict]:
    """Tasks that repeat (have a recurrence), optionally for some bodies: the calendar expands them.

    Kept with cache_resource (shared, not copied per rerun: tens of thousands of rows at scale);
    callers must not modify the rows.
    """
    return _recurring(str(db_path()), bodies)


@st.cache_resource(show_spinner=False, max_entries=32)
def _recurring(path: str, bodies: tuple[str, ...]) -> list[dict]:
    return [dict(r) for r in _open_store(path).query_tasks(TaskQuery.of(body=bodies, recurring=True))]


@st.cache_resource(show_spinner=False)
def _graph(path: str):
    from pipeline.graph import build_graph  # lazy: only the graph page needs networkx

    store = _open_store(path)
    # graph_records() reads only what the graph needs (fast at 10,000 documents).
    return build_graph(store.graph_records())


def citation_graph():
    """The citation graph of every stored document (built once per database state)."""
    return _graph(str(db_path()))


def node_label(graph, node) -> str:
    """A graph node's display name (its label attribute, else its id)."""
    data = graph.nodes[node]
    return str(data.get("label") or data.get("number") or node)


@st.cache_data(show_spinner=False)
def most_cited(limit: int = 10) -> list[dict]:
    """Documents cited by the most distinct stored documents (SQL in the store; no graph build)."""
    return [
        {"label": r["label"], "in_corpus": r["in_corpus"], "citing": r["citing"]}
        for r in get_store().most_cited(limit)
    ]


@st.cache_data(show_spinner=False)
def graph_metrics() -> list[dict]:
    """Per-document metrics for the graph page: in/out degree and PageRank."""
    from pipeline.graph import pagerank as graph_pagerank  # weighted by mentions

    graph = citation_graph()
    if graph.number_of_nodes() == 0:
        return []
    try:
        rank = graph_pagerank(graph)
    except Exception:  # noqa: BLE001 - PageRank may fail to converge; degrees are still useful
        rank = {}
    rows = [
        {
            "node": str(n),
            "label": node_label(graph, n),
            "in_corpus": bool(graph.nodes[n].get("in_corpus")),
            "in_degree": graph.in_degree(n),
            "out_degree": graph.out_degree(n),
            "pagerank": round(float(rank.get(n, 0.0)), 5),
        }
        for n in graph.nodes
    ]
    rows.sort(key=lambda r: (-r["in_degree"], -r["pagerank"], r["label"]))
    return rows


def implementation_chain(graph, node, direction: str) -> list[tuple[int, Any]]:
    """Documents reached by following "implements" edges: "up" = what it carries out, "down" = what carries it out.

    Returns (distance, node) pairs in breadth-first order.
    """
    seen = {node}
    frontier = [node]
    out: list[tuple[int, Any]] = []
    depth = 0
    while frontier:
        depth += 1
        nxt = []
        for current in frontier:
            edges = graph.out_edges(current, data=True) if direction == "up" else graph.in_edges(current, data=True)
            for a, b, data in edges:
                other = b if direction == "up" else a
                if data.get("relation") == "implements" and other not in seen:
                    seen.add(other)
                    nxt.append(other)
                    out.append((depth, other))
        frontier = nxt
    return out


def target_to_document_id() -> dict[str, int]:
    """Canonical document id (citation target) -> stored document id, to link citations to pages."""
    return {str(d["target"]): int(d["id"]) for d in documents() if d.get("target")}


def node_document_id(graph, node) -> int | None:
    """The stored document behind a graph node, if it is in the corpus."""
    data = graph.nodes[node]
    if data.get("document_id") is not None:
        return int(data["document_id"])
    if data.get("source"):
        by_source = {str(d["source"]): int(d["id"]) for d in documents()}
        if str(data["source"]) in by_source:
            return by_source[str(data["source"])]
    return target_to_document_id().get(str(node))


# --------------------------------------------------------------------------- row shaping


def status_label(row: dict) -> str:
    """The status shown to users: "quá hạn" when overdue, else the stored status."""
    if row.get("overdue"):
        return "⚠ " + OVERDUE_LABEL  # said by a sign and a word, not by colour alone
    return row.get("status") or STATUSES[0]


def display_rows(rows: Iterable[dict]) -> list[dict]:
    """Task rows flattened for a table: lists joined, the derived status added, Vietnamese headers."""
    out = []
    for row in rows:
        flat = {
            "text": row.get("text", ""),
            "responsible": "; ".join(row.get("responsible") or []),
            "coordinating": "; ".join(row.get("coordinating") or []),
            "deadline_text": row.get("deadline_text") or "",
            # dd/mm/yyyy text: a date column would print "None" for undated tasks; the page sorts
            # by deadline in SQL (Sắp xếp), over the whole list.
            "due_end": _vn_date(row.get("due_end")),
            # A document without a number (a draft, a headerless text) is named by its file, not its path.
            "doc_number": row.get("doc_number") or Path(str(row.get("source") or "")).name,
            "section": row.get("section") or "",
            "status_label": status_label(row),
        }
        out.append({TASK_COLUMNS[k]: v for k, v in flat.items()})
    return out


def _vn_date(value: str | None) -> str:
    parsed = as_date(value)
    return parsed.strftime("%d/%m/%Y") if parsed else ""


def short(text: str, width: int = 90) -> str:
    """One-line abbreviation for select boxes."""
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def document_label(doc: dict) -> str:
    """How a document is named in pickers: "15-NQ/TU — title" (source when there is no number)."""
    head = doc.get("number") or doc.get("doc_type") or Path(str(doc.get("source", ""))).name
    title = short(doc.get("title") or "", 70)
    return f"{head} — {title}" if title else str(head)


MAX_PICK = 200  # longest list a picker sends to the browser on every rerun


def narrow(items: Sequence[Any], label_of, query: str | None, keep: Iterable[Any] = (), limit: int = MAX_PICK) -> list:
    """Items whose label contains the query (accent-insensitive), at most `limit`, plus any in `keep`.

    With 10,000 documents a full select box would ship a megabyte to the browser on
    every rerun; pickers show a filtered, bounded list instead.
    """
    from pipeline.normalize import fold_diacritics

    wanted = fold_diacritics(query.strip()) if query and query.strip() else ""
    out = [x for x in keep if x in items] if keep else []
    for item in items:
        if len(out) >= limit:
            break
        if item not in out and (not wanted or wanted in fold_diacritics(str(label_of(item)))):
            out.append(item)
    return out


# --------------------------------------------------------------------------- exports


def rows_to_csv(rows: Sequence[dict]) -> bytes:
    """CSV of task rows (pipeline.exports columns), UTF-8 with BOM so Excel shows Vietnamese correctly."""
    from pipeline.exports import to_csv

    return ("\ufeff" + to_csv(list(rows))).encode("utf-8")


def rows_to_xlsx(rows: Sequence[dict]) -> bytes:
    """XLSX of task rows, written by pipeline.exports (same columns as the CSV)."""
    from pipeline.exports import write_xlsx

    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "nhiem-vu.xlsx"
        write_xlsx(list(rows), target)
        return target.read_bytes()


def rows_to_ics(rows: Sequence[dict], calendar_name: str = "Nhiệm vụ", done: str = "hide") -> bytes:
    """iCalendar file of the rows (pipeline.calendars: done tasks hidden, undated ones as to-dos)."""
    from pipeline.calendars import calendar_bytes

    return calendar_bytes(list(rows), name=calendar_name, done=done)


def graph_bytes(graph, fmt: str) -> bytes:
    """GEXF or GraphML of the citation graph, via pipeline.graph.export_graph."""
    from pipeline.graph import export_graph

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"graph.{fmt}"
        export_graph(graph, fmt, out)
        return out.read_bytes()


# --------------------------------------------------------------------------- calendar


def month_window(year: int, month: int) -> tuple[date, date]:
    """First and last day of a month."""
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def occurrences(rows: Iterable[dict], start: date, end: date) -> list[tuple[date, dict]]:
    """(day, task) pairs for deadlines inside [start, end], recurring duties expanded.

    A one-off task appears on its last due day; a recurring one on each occurrence
    that `pipeline.ics.expand_occurrences` yields in the window, starting at its
    document's date as in the .ics (`pipeline.calendars.placement`); a duty with no
    date at all is not drawn (the page lists it apart).
    """
    from pipeline.calendars import placement

    out: list[tuple[date, dict]] = []
    seen: set[tuple[str, date]] = set()
    # Thousands of duties share a few rules ("hằng năm" with no date): expand each rule once.
    expanded: dict[tuple, list[date]] = {}
    for row in rows:
        due_start = as_date(row.get("due_start"))
        due_end = as_date(row.get("due_end"))
        if row.get("recurrence"):
            placed = placement(row)
            # Keyed by the series' first day, not the document date: 10,000 documents dated on
            # different days share a few dozen quarter or year ends, so few series are expanded.
            signature = (due_start, due_end, row["recurrence"], placed[0] if placed else None)
            if signature not in expanded:
                expanded[signature] = [] if placed is None else expand_occurrences(
                    due_start, due_end, row["recurrence"], start, end, anchor=as_date(row.get("doc_date")),
                    text=row.get("deadline_text"))
            days = expanded[signature]
        else:
            day = due_end or due_start
            days = [day] if day and start <= day <= end else []
        for day in days:
            key = (str(row.get("task_key")), day)
            if key not in seen:
                seen.add(key)
                out.append((day, row))
    # One-off deadlines first on a day: they are what a busy cell must not hide.
    out.sort(key=lambda pair: (pair[0], bool(pair[1].get("recurrence")), str(pair[1].get("doc_number") or "")))
    return out


# --------------------------------------------------------------------------- highlighting


@dataclass(frozen=True)
class Highlight:
    """A span of the normalized text to mark: kind is task, citation, body or deadline."""

    start: int
    end: int
    kind: str
    title: str = ""
    href: str | None = None
    anchor: str | None = None


@dataclass
class _Segment:
    start: int
    end: int
    active: list[Highlight] = field(default_factory=list)


def highlights_for(record: dict, text: str, doc_href: dict[str, str] | None = None) -> list[Highlight]:
    """Spans to highlight in a document: its citations, tasks, and the bodies/deadlines inside each task.

    Bodies and deadlines carry no spans in the record, so they are located by text
    inside their task's span (case-insensitive); names the text does not print verbatim
    (expanded abbreviations) are simply not marked.
    """
    doc_href = doc_href or {}
    marks: list[Highlight] = []
    n = len(text)
    for cit in record.get("citations", []):
        s, e = cit.get("start"), cit.get("end")
        if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= n:
            target = cit.get("target") or ""
            title = " · ".join(str(x) for x in (cit.get("number") or cit.get("doc_type"), cit.get("relation")) if x)
            marks.append(Highlight(s, e, "citation", title=title, href=doc_href.get(target)))
    for task in record.get("tasks", []):
        s, e = task.get("start"), task.get("end")
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= n):
            continue
        marks.append(Highlight(s, e, "task", title=f"Nhiệm vụ · mục {task.get('section') or '—'}"))
        body_text = text[s:e].lower()
        for role, names in (("chủ trì", task.get("responsible") or []), ("phối hợp", task.get("coordinating") or [])):
            for name in names:
                # Only the mention the extractor chose (the first in its task), not every later object
                # that shares the words ("sinh hoạt chi bộ" after "Chi bộ … chủ trì").
                pos = body_text.find(str(name).lower()) if name else -1
                if pos >= 0:
                    marks.append(Highlight(s + pos, s + pos + len(name), "body", title=f"{role}: {name}"))
        deadline = task.get("deadline") or {}
        if deadline.get("text"):
            for pos in _find_all(body_text, str(deadline["text"]).lower()):
                marks.append(Highlight(s + pos, s + pos + len(deadline["text"]), "deadline",
                                       title=_deadline_title(deadline)))
    return marks


def _deadline_title(deadline: dict) -> str:
    from pipeline.calendars import describe_rrule

    def day(value: str | None) -> str:
        parsed = as_date(value)
        return parsed.strftime("%d/%m/%Y") if parsed else "…"

    parts = [f"{day(deadline.get('start'))} → {day(deadline.get('end'))}"]
    if deadline.get("recurrence"):
        parts.append(describe_rrule(str(deadline["recurrence"])))
    return " · ".join(parts)


def _find_all(haystack: str, needle: str) -> list[int]:
    if not needle:
        return []
    out, pos = [], haystack.find(needle)
    while pos >= 0:
        out.append(pos)
        pos = haystack.find(needle, pos + len(needle))
    return out


_KIND_ORDER = {"task": 0, "citation": 1, "body": 2, "deadline": 3}


def highlight_html(text: str, marks: Sequence[Highlight], anchors: dict[int, str] | None = None) -> str:
    """The text as HTML with marks at their spans; the text itself is always html-escaped.

    Spans may nest or overlap (a body inside a task), so the text is cut at every
    span boundary and each piece gets the classes of all spans covering it; a piece
    inside a citation with a known target becomes a link to that document's page.
    """
    anchors = anchors or {}
    cuts = {0, len(text), *anchors}
    for m in marks:
        cuts.update((m.start, m.end))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    starts: dict[int, list[Highlight]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    active: list[Highlight] = []
    pieces: list[str] = []
    for a, b in zip(points, points[1:], strict=False):
        if a in anchors:
            pieces.append(f'<span id="{html.escape(anchors[a], quote=True)}"></span>')
        active = [m for m in active if m.end > a] + starts.get(a, [])
        chunk = html.escape(text[a:b])
        if not active:
            pieces.append(chunk)
            continue
        ordered = sorted(active, key=lambda m: _KIND_ORDER.get(m.kind, 9))
        classes = " ".join(sorted({f"hl-{m.kind}" for m in ordered}))
        title = html.escape(" | ".join(m.title for m in ordered if m.title), quote=True)
        inner = f'<span class="{classes}" title="{title}">{chunk}</span>'
        link = next((m.href for m in ordered if m.href), None)
        if link:
            inner = f'<a href="{html.escape(link, quote=True)}" target="_self">{inner}</a>'
        pieces.append(inner)
    return "".join(pieces)


HIGHLIGHT_CSS = """
<style>
.doc-text { white-space: pre-wrap; font-family: inherit; line-height: 1.6; font-size: 0.95rem; }
.doc-text .hl-task { background: #fff6c7; }
.doc-text .hl-citation { background: #dbeafe; border-bottom: 2px solid #2563eb; }
.doc-text .hl-body { font-weight: 600; color: #166534; }
.doc-text .hl-deadline { color: #b91c1c; font-weight: 600; text-decoration: underline dotted; }
.doc-text a { text-decoration: none; }
.legend span { padding: 0 .4em; margin-right: .6em; border-radius: 3px; }
</style>
"""


def as_dict(obj: Any) -> dict:
    """A dataclass or mapping as a plain dict (results from the library come in both shapes)."""
    if isinstance(obj, dict):
        return obj
    try:
        return asdict(obj)
    except TypeError:
        return dict(vars(obj))


def fetch_all(store, flt: TaskFilter, today: str | None = None) -> list[dict]:
    """Every task row matching the filter, uncached: used by exports, which run outside a page rerun."""
    return [dict(r) for r in store.query_tasks(flt.query(today))]


def ingest_upload(name: str, data: bytes) -> dict:
    """Save one uploaded file, extract it and store it; a result dict either way (never raises).

    `save_upload` enforces the size limit, the content-type check and a sanitized name;
    any `DocumentError` becomes the user-facing `error` line.
    """
    from pipeline.errors import DocumentError

    path = None
    try:
        from pipeline.sandbox import extract_isolated
        from pipeline.uploads import discard_upload, save_upload

        path = save_upload(name, data, upload_dir())
        extraction = extract_isolated(path)  # under memory and time limits: an upload cannot take the server down
        result = get_store().ingest(extraction)
    except DocumentError as err:
        discard_upload(path)  # a file that could not be read is not kept
        return {"name": name, "ok": False, "error": err.shown, "reason": err.reason, "hint": err.hint, "vi": err.vi}
    except Exception as err:  # noqa: BLE001 - one bad file must not stop the others; say what happened
        discard_upload(path)
        return {"name": name, "ok": False, "error": f"không xử lý được tệp ({type(err).__name__}: {err})"}
    if getattr(result, "status", "") == "unchanged":
        discard_upload(path)  # the same content is stored already, with its own file
    return {
        "name": name,
        "ok": True,
        "status": getattr(result, "status", "added"),
        "document_id": getattr(result, "document_id", None),
        "tasks": len(extraction.tasks),
        "citations": len(extraction.citations),
        "warnings": list(extraction.warnings),
    }
