"""Implementation lineage: which task of an implementing document carries out which upper-level task.

A Chương trình that implements a Kết luận repeats, splits and sharpens the Kết luận's tasks; its
items reuse the upper text's phrases (often with OCR noise and tone-mark variants). We link each
lower task to the upper task(s) it carries out by a score in [0, 1] built from:

- text: TF-IDF cosine over accent-folded syllable 1–2-grams, fitted on the two task lists (so the
  shared topic of the pair — "bảo vệ môi trường" — weighs little), taking the best of the whole
  upper task and each of its clauses (an upper task often bundles what the lower document splits);
- section: how well the lower task's section aligns with the upper one's (TF-IDF of the sections'
  pooled tasks, relative to the best-aligned upper section);
- body: the same responsible body on both sides (the "Tổ chức thực hiện" parts); two different
  named leaders lower the score;
- deadline: a lower deadline later than the upper one lowers the score.

Each link carries its evidence (shared terms, quoted phrases, section pair, bodies) so a reader
can check it.  Weights and the default threshold were chosen on the curve of
`scripts/eval_lineage.py` (see eval/lineage/README.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

import numpy as np

from .normalize import fold_diacritics

if TYPE_CHECKING:
    import networkx as nx

    from .store import Store

DEFAULT_THRESHOLD = 0.35
MAX_LINKS_PER_TASK = 3  # a lower task carries out one or two upper tasks; more is a repetitive text
RELATIVE_TO_BEST = 0.6  # a second upper task must score at least this share of the best one
WEIGHTS = {"text": 0.7, "section": 0.2, "body": 0.1}
DEADLINE_CONFLICT_FACTOR = 0.8
BODY_CONFLICT_FACTOR = 0.85
MIN_QUOTE_SYLLABLES = 4

_TOKEN = re.compile(r"\w+")
_PAGE_BREAK = re.compile(r"=====\s*Trang\s*\d+\s*=====\s*\S*\s*\S*", re.IGNORECASE)
_CLAUSE = re.compile(r"(?<=[.;:])\s+")


@dataclass(frozen=True)
class Link:
    """One lower task carrying out one upper task (indexes into the two task lists)."""

    upper: int
    lower: int
    score: float
    evidence: dict = field(default_factory=dict)


def _clean(text: str) -> str:
    """Drop page-break banners OCR leaves inside a task ("===== Trang 6 ===== 18.KL.DOC 6")."""
    return _PAGE_BREAK.sub(" ", text or "")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold_diacritics(_clean(text)))


def _joined(text: str) -> str:
    return " ".join(_tokens(text))


def _clauses(text: str) -> list[str]:
    """Sentences and semicolon clauses of a task, each long enough to carry meaning."""
    parts = [p for p in _CLAUSE.split(_clean(text)) if len(_tokens(p)) >= 3]
    return parts or [text]


def _body_keys(task: dict, role: str) -> set[str]:
    return {fold_diacritics(b).strip() for b in task.get(role) or [] if b}


def _section_key(task: dict) -> str:
    return task.get("section") or ""


def _deadline_end(task: dict) -> str | None:
    deadline = task.get("deadline") or {}
    return deadline.get("end")


class _Space:
    """The TF-IDF space of one pair of task lists, with per-task and per-clause vectors."""

    def __init__(self, upper: list[dict], lower: list[dict]):
        self.upper_clauses = [_clauses(t["text"]) for t in upper]
        self.owner = [i for i, cs in enumerate(self.upper_clauses) for _ in cs]
        flat = [c for cs in self.upper_clauses for c in cs]
        corpus = [_joined(t["text"]) for t in upper] + [_joined(t["text"]) for t in lower]
        from sklearn.feature_extraction.text import TfidfVectorizer  # heavy: only when linking

        self.vectorizer = TfidfVectorizer(token_pattern=r"\S+", ngram_range=(1, 2), sublinear_tf=True, min_df=1)
        self.vectorizer.fit(corpus + [_joined(c) for c in flat])
        self.upper = self.vectorizer.transform(corpus[: len(upper)])
        self.lower = self.vectorizer.transform(corpus[len(upper):])
        self.clauses = self.vectorizer.transform([_joined(c) for c in flat])

    def text_scores(self) -> np.ndarray:
        """lower × upper: the better of whole-task and best-clause cosine."""
        whole = (self.lower @ self.upper.T).toarray()
        by_clause = (self.lower @ self.clauses.T).toarray()
        best = np.zeros_like(whole)
        for col, owner in enumerate(self.owner):
            best[:, owner] = np.maximum(best[:, owner], by_clause[:, col])
        return np.maximum(whole, best)

    def section_scores(self, upper: list[dict], lower: list[dict]) -> np.ndarray:
        """lower × upper: alignment of their sections, 1.0 for the best-aligned upper section."""
        up_keys = sorted({_section_key(t) for t in upper})
        low_keys = sorted({_section_key(t) for t in lower})
        up_pool = _pool(self.upper, [up_keys.index(_section_key(t)) for t in upper], len(up_keys))
        low_pool = _pool(self.lower, [low_keys.index(_section_key(t)) for t in lower], len(low_keys))
        sims = (low_pool @ up_pool.T).toarray()
        best = sims.max(axis=1, keepdims=True)
        rel = np.divide(sims, best, out=np.zeros_like(sims), where=best > 0)
        rows = [low_keys.index(_section_key(t)) for t in lower]
        cols = [up_keys.index(_section_key(t)) for t in upper]
        return rel[np.ix_(rows, cols)]


def _pool(matrix, groups: list[int], n: int):
    """Sum the rows of each group and L2-normalize: one (sparse) vector per section."""
    from scipy.sparse import csr_matrix
    from sklearn.preprocessing import normalize as l2_normalize

    indicator = csr_matrix((np.ones(len(groups)), (groups, np.arange(len(groups)))), shape=(n, len(groups)))
    return l2_normalize(indicator @ matrix)


def _body_agreement(mine: set[str], up: dict) -> float | None:
    """1 same leading body, 0.5 coordinating or subordinate ("… thuộc Đảng ủy Chính phủ"), 0 other, None unknown."""
    leads, helps = _body_keys(up, "responsible"), _body_keys(up, "coordinating")
    if not mine or not (leads or helps):
        return None
    if mine & leads:
        return 1.0
    if mine & helps or any(u in m for m in mine for u in leads):
        return 0.5
    return 0.0


def _body_scores(upper: list[dict], lower: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    """Body agreement, and a factor below 1 where both tasks name who leads them and the bodies differ."""
    scores = np.zeros((len(lower), len(upper)))
    factors = np.ones((len(lower), len(upper)))
    for i, low in enumerate(lower):
        mine = _body_keys(low, "responsible")
        for j, up in enumerate(upper):
            agreement = _body_agreement(mine, up)
            if agreement is not None:
                scores[i, j] = agreement
                factors[i, j] = 1.0 if agreement else BODY_CONFLICT_FACTOR
    return scores, factors


def _deadline_factors(upper: list[dict], lower: list[dict]) -> np.ndarray:
    """0.8 where the lower task is due after the upper task's own deadline, else 1."""
    out = np.ones((len(lower), len(upper)))
    for i, low in enumerate(lower):
        low_end = _deadline_end(low)
        for j, up in enumerate(upper):
            up_end = _deadline_end(up)
            if low_end and up_end and low_end > up_end:
                out[i, j] = DEADLINE_CONFLICT_FACTOR
    return out


def score_matrix(upper: list[dict], lower: list[dict]) -> dict[str, np.ndarray]:
    """Each signal and the combined score, as lower × upper matrices."""
    empty = np.zeros((len(lower), len(upper)))
    no_links = {"text": empty, "section": empty, "body": empty, "deadline": empty + 1, "body_conflict": empty + 1,
                "score": empty}
    if not upper or not lower:
        return no_links
    try:
        space = _Space(upper, lower)
    except ValueError:  # no word at all in either list (empty or punctuation-only tasks)
        return no_links
    body, conflict = _body_scores(upper, lower)
    parts = {
        "text": space.text_scores(),
        "section": space.section_scores(upper, lower),
        "body": body,
        "body_conflict": conflict,
        "deadline": _deadline_factors(upper, lower),
    }
    combined = sum(WEIGHTS[k] * parts[k] for k in WEIGHTS) * parts["deadline"] * parts["body_conflict"]
    parts["score"] = np.clip(combined, 0.0, 1.0)
    return parts


def select_links(scores: np.ndarray, threshold: float = DEFAULT_THRESHOLD,
                 relative: float = RELATIVE_TO_BEST) -> list[tuple[int, int, float]]:
    """(lower, upper, score) kept: at or above the threshold, close to the lower task's best, at most 3 per task."""
    kept = []
    for i, row in enumerate(scores):
        if row.size == 0:
            continue
        best = float(row.max())
        chosen = np.flatnonzero(row >= max(threshold, relative * best))
        for j in chosen[np.argsort(-row[chosen], kind="stable")][:MAX_LINKS_PER_TASK]:
            kept.append((i, int(j), float(row[j])))
    return kept


def link_tasks(upper: list[dict], lower: list[dict], threshold: float = DEFAULT_THRESHOLD) -> list[Link]:
    """Links from each lower task to the upper task(s) it carries out, best first per lower task."""
    parts = score_matrix(upper, lower)
    links = []
    for i, j, score in select_links(parts["score"], threshold):
        links.append(Link(upper=j, lower=i, score=round(score, 3),
                          evidence=evidence(upper[j], lower[i], {k: float(v[i, j]) for k, v in parts.items()})))
    links.sort(key=lambda link: (link.lower, -link.score, link.upper))
    return links


# --- evidence ---------------------------------------------------------------------------------


def _runs(upper_text: str, lower_text: str) -> list[tuple[int, str]]:
    """Syllable runs the lower text shares with the upper one, in order, as printed in the lower text."""
    lower_clean = _clean(lower_text)
    spans = [m.span() for m in _TOKEN.finditer(lower_clean)]
    low = [fold_diacritics(lower_clean[a:b]) for a, b in spans]
    up = [fold_diacritics(w) for w in _TOKEN.findall(_clean(upper_text))]
    blocks = SequenceMatcher(None, low, up, autojunk=False).get_matching_blocks()
    return [(b.size, " ".join(lower_clean[spans[b.a][0]:spans[b.a + b.size - 1][1]].split()))
            for b in blocks if b.size >= 2]


def quoted_phrases(upper_text: str, lower_text: str, min_len: int = MIN_QUOTE_SYLLABLES) -> list[str]:
    """Runs of at least `min_len` syllables the lower task repeats from the upper one, longest first."""
    runs = [(n, text) for n, text in _runs(upper_text, lower_text) if n >= min_len]
    return [text for _, text in sorted(runs, key=lambda r: -r[0])][:5]


def shared_terms(upper_text: str, lower_text: str, limit: int = 8) -> list[str]:
    """Shorter runs (two or three syllables) both tasks print: the terms they share outside long quotes."""
    seen: list[str] = []
    for n, text in _runs(upper_text, lower_text):
        if n < MIN_QUOTE_SYLLABLES and text.lower() not in (t.lower() for t in seen):
            seen.append(text)
    return seen[:limit]


def evidence(upper_task: dict, lower_task: dict, parts: dict[str, float]) -> dict:
    """Why two tasks are linked, in terms a reader can verify against both texts."""
    bodies = sorted(set(lower_task.get("responsible") or [])
                    & set((upper_task.get("responsible") or []) + (upper_task.get("coordinating") or [])))
    out = {
        "text_similarity": round(parts["text"], 3),
        "section": f"{lower_task.get('section') or '—'} ↔ {upper_task.get('section') or '—'}",
        "section_alignment": round(parts["section"], 3),
        "shared_terms": shared_terms(upper_task["text"], lower_task["text"]),
        "quoted": quoted_phrases(upper_task["text"], lower_task["text"]),
        "bodies": bodies,
    }
    if parts["deadline"] < 1:
        out["deadline"] = (f"due {_deadline_end(lower_task)}, after the upper deadline {_deadline_end(upper_task)}")
    return out


# --- coverage: what of a document's tasks its implementing documents take up ------------------


def implementing_nodes(g: nx.DiGraph, node: str) -> list[str]:
    """Stored documents whose `implements` edge points at `node`, oldest first."""
    found = [u for u, _, d in g.in_edges(node, data=True)
             if d.get("relation") == "implements" and g.nodes[u].get("document_id") is not None]
    return sorted(found, key=lambda u: (g.nodes[u].get("issued_date") or "9999", u))


def task_key(task: dict) -> str:
    """The key `tasks` prints and `status` takes: the store's, else the extraction's."""
    return task.get("task_key") or task.get("key") or ""


def _attach_statuses(rows: list[dict], statuses: dict[str, str]) -> None:
    """Each upper task and each implementing task with its tracked status (chưa / đang / hoàn thành)."""
    for row in rows:
        row["status"] = statuses.get(row["task_key"])
        for link in row["implemented_by"]:
            link["status"] = statuses.get(link["task_key"])


def delay_days(upper_date: str | None, lower_date: str | None) -> int | None:
    """Days from the upper document's issue date to the implementing one's (None if either is unknown)."""
    from datetime import date

    try:
        return (date.fromisoformat(lower_date) - date.fromisoformat(upper_date)).days
    except (TypeError, ValueError):
        return None


def _link_row(link: Link, lower_task: dict, document: str, doc: dict, delay: int | None) -> dict:
    return {
        "document": document,
        "source": doc.get("source", ""),
        "task_key": task_key(lower_task),
        "section": lower_task.get("section"),
        "text": lower_task.get("text", ""),
        "responsible": list(lower_task.get("responsible") or []),
        "score": link.score,
        "evidence": link.evidence,
        "delay_days": delay,
    }


def _issuer(record: dict) -> str | None:
    issuer = (record.get("document") or {}).get("issuer")
    return (issuer[0] if issuer else None) if isinstance(issuer, list) else issuer


def _same_or_part(issuer: str, body: str) -> bool:
    """Whether `issuer` is `body` or a named instance or organ of it ("Tỉnh ủy Bình Thuận", "Ban Thường vụ Tỉnh ủy")."""
    i, b = " ".join(fold_diacritics(issuer).split()), " ".join(fold_diacritics(body).split())
    return bool(b) and (i == b or i.startswith(b + " ") or i.endswith(" " + b))


def _document_row(document: str, record: dict, issuer: str, delay: int | None) -> dict:
    """An upper task assigned to the body that issued the implementing document: that document takes it up."""
    return {
        "document": document, "source": record.get("source", ""), "task_key": "", "section": None,
        "text": f"(cả văn bản {document})", "responsible": [issuer], "score": 1.0, "delay_days": delay,
        "evidence": {"issued_by": issuer, "reason": "văn bản thực hiện do chính cơ quan được giao ban hành"},
    }


def coverage(upper: dict, implementers: list[tuple[str, dict]], threshold: float = DEFAULT_THRESHOLD) -> list[dict]:
    """One row per task of `upper` (a record): the tasks of each implementing record that carry it out.

    `implementers` are (document id, record) pairs.  An upper task assigned to the body that issued
    an implementing document is taken up by that document as a whole (an entry without task_key).
    A task with an empty `implemented_by` is one no implementing document took up.
    """
    tasks = upper.get("tasks") or []
    rows = [{"task_key": task_key(t), "section": t.get("section"), "text": t.get("text", ""),
             "responsible": list(t.get("responsible") or []), "implemented_by": []} for t in tasks]
    upper_date = (upper.get("document") or {}).get("issued_date")
    for document, record in implementers:
        lower = record.get("tasks") or []
        delay = delay_days(upper_date, (record.get("document") or {}).get("issued_date"))
        for link in link_tasks(tasks, lower, threshold):
            rows[link.upper]["implemented_by"].append(_link_row(link, lower[link.lower], document, record, delay))
        issuer = _issuer(record)
        for row, task in zip(rows, tasks, strict=True):
            if issuer and any(_same_or_part(issuer, body) for body in task.get("responsible") or []):
                row["implemented_by"].append(_document_row(document, record, issuer, delay))
    for row in rows:
        row["implemented_by"].sort(key=lambda r: -r["score"])
        row["taken_up"] = bool(row["implemented_by"])
    return rows


def document_lineage(store: Store, target: str, threshold: float = DEFAULT_THRESHOLD, graph: nx.DiGraph | None = None,
                     depth: int = 1,
                     _seen: frozenset[str] = frozenset()) -> dict:
    """The lineage of a stored document: its implementing documents, their delay, and per-task coverage.

    `graph`: the citation graph of the store when the caller has it already (the app caches it).
    `depth` > 1 follows the chain down: each implementing task gets its own `implemented_by`, and
    `implementers` lists the documents further down with their `level` (1 = direct).
    """
    from .errors import DocumentError
    from .graph import build_graph, resolve_node

    g = graph if graph is not None else build_graph(store.graph_records())
    try:
        node = resolve_node(g, target)
    except DocumentError:
        raise DocumentError(getattr(store, "path", None), f"không có văn bản {target!r} trong đồ thị trích dẫn",
                            "dùng số hiệu như 75-KL/TW, mã như 22-NQ/TW@2008 hoặc đường dẫn tệp đã nạp") from None
    document_id = g.nodes[node].get("document_id")
    if document_id is None:
        raise DocumentError(getattr(store, "path", None), f"văn bản {node} chưa có trong cơ sở dữ liệu (chỉ được trích dẫn)",
                            "nạp văn bản đó bằng `python -m pipeline ingest TỆP` rồi chạy lại")
    upper = store.document(document_id)["record"]
    below = [n for n in implementing_nodes(g, node) if n not in _seen]
    implementers = [(n, store.document(g.nodes[n]["document_id"])["record"]) for n in below]
    upper_date = (upper.get("document") or {}).get("issued_date")
    rows = coverage(upper, implementers, threshold)
    ids = [document_id, *(g.nodes[n]["document_id"] for n in below)]
    _attach_statuses(rows, {r["task_key"]: r["status"] for i in ids for r in store.query_tasks(document=int(i))})
    result = {
        "target": node,
        "superseded_by": g.nodes[node].get("superseded_by", ""),
        "document": {"source": upper.get("source", ""), **{k: (upper.get("document") or {}).get(k)
                                                            for k in ("doc_type", "number", "issued_date", "title")}},
        "implementers": [{"document": n, "source": r.get("source", ""), "level": 1, "implements": node,
                          "issued_date": (r.get("document") or {}).get("issued_date"),
                          "delay_days": delay_days(upper_date, (r.get("document") or {}).get("issued_date")),
                          "tasks": len(r.get("tasks") or [])} for n, r in implementers],
        "tasks": rows,
    }
    if depth > 1:
        for n in below:
            _descend(result, document_lineage(store, n, threshold, g, depth - 1, _seen | {node, *below}))
    return result


def _descend(result: dict, sub: dict) -> None:
    """Hang the lineage of one implementing document under the links that point at its tasks."""
    by_key = {t["task_key"]: t["implemented_by"] for t in sub["tasks"]}
    for row in result["tasks"]:
        for link in row["implemented_by"]:
            if link["document"] == sub["target"] and link["task_key"]:
                link["implemented_by"] = by_key.get(link["task_key"], [])
    result["implementers"] += [dict(i, level=i["level"] + 1) for i in sub["implementers"]]
