"""Implementation lineage: which task of an implementing document carries out which upper-level task.

A Chương trình that implements a Kết luận repeats, splits and sharpens the Kết luận's tasks; its
items reuse the upper text's phrases (often with OCR noise and tone-mark variants). We link each
lower task to the upper task(s) it carries out by a score in [0, 1] built from:

- text: TF-IDF cosine over accent-folded syllable 1–2-grams, fitted on the two task lists (so the
  shared topic of the pair — "bảo vệ môi trường" — weighs little), taking the best of the whole
  upper task and each of its clauses (an upper task often bundles what the lower document splits);
- section: how well the lower task's section aligns with the upper one's (TF-IDF of the sections'
  pooled tasks, relative to the best-aligned upper section);
- body: the same responsible body on both sides (the "Tổ chức thực hiện" parts);
- deadline: a lower deadline later than the upper one lowers the score.

Each link carries its evidence (shared terms, quoted phrases, section pair, bodies) so a reader
can check it.  Weights and the default threshold were chosen on the curve of
`scripts/eval_lineage.py` (see eval/lineage/README.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize as l2_normalize

from .normalize import fold_diacritics

DEFAULT_THRESHOLD = 0.40
RELATIVE_TO_BEST = 0.6  # a second upper task must score at least this share of the best one
WEIGHTS = {"text": 0.7, "section": 0.2, "body": 0.1}
DEADLINE_CONFLICT_FACTOR = 0.8
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
        sims = low_pool @ up_pool.T
        best = sims.max(axis=1, keepdims=True)
        rel = np.divide(sims, best, out=np.zeros_like(sims), where=best > 0)
        rows = [low_keys.index(_section_key(t)) for t in lower]
        cols = [up_keys.index(_section_key(t)) for t in upper]
        return rel[np.ix_(rows, cols)]


def _pool(matrix, groups: list[int], n: int) -> np.ndarray:
    """Sum the rows of each group and L2-normalize: one vector per section."""
    pooled = np.zeros((n, matrix.shape[1]))
    dense = matrix.toarray()
    for row, group in enumerate(groups):
        pooled[group] += dense[row]
    return l2_normalize(pooled)


def _body_scores(upper: list[dict], lower: list[dict]) -> np.ndarray:
    """1 when a lower responsible body leads the upper task, 0.5 when it only coordinates it."""
    out = np.zeros((len(lower), len(upper)))
    for i, low in enumerate(lower):
        mine = _body_keys(low, "responsible")
        if not mine:
            continue
        for j, up in enumerate(upper):
            if mine & _body_keys(up, "responsible"):
                out[i, j] = 1.0
            elif mine & _body_keys(up, "coordinating"):
                out[i, j] = 0.5
    return out


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
    if not upper or not lower:
        empty = np.zeros((len(lower), len(upper)))
        return {"text": empty, "section": empty, "body": empty, "deadline": empty + 1, "score": empty}
    space = _Space(upper, lower)
    parts = {
        "text": space.text_scores(),
        "section": space.section_scores(upper, lower),
        "body": _body_scores(upper, lower),
        "deadline": _deadline_factors(upper, lower),
    }
    combined = sum(WEIGHTS[k] * parts[k] for k in WEIGHTS) * parts["deadline"]
    parts["score"] = np.clip(combined, 0.0, 1.0)
    return parts


def select_links(scores: np.ndarray, threshold: float = DEFAULT_THRESHOLD,
                 relative: float = RELATIVE_TO_BEST) -> list[tuple[int, int, float]]:
    """(lower, upper, score) kept: at or above the threshold and close enough to the lower task's best."""
    kept = []
    for i, row in enumerate(scores):
        if row.size == 0:
            continue
        best = float(row.max())
        for j in np.flatnonzero(row >= max(threshold, relative * best)):
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


def _words(text: str) -> tuple[list[str], list[str]]:
    """The syllables of a text as printed (lower case) and folded, position by position."""
    printed = _TOKEN.findall(_clean(text).lower())
    return printed, [fold_diacritics(w) for w in printed]


def quoted_phrases(upper_text: str, lower_text: str, min_len: int = MIN_QUOTE_SYLLABLES) -> list[str]:
    """Runs of at least `min_len` syllables the lower task repeats from the upper one, longest first."""
    _, up = _words(upper_text)
    printed, low = _words(lower_text)
    blocks = SequenceMatcher(None, low, up, autojunk=False).get_matching_blocks()
    runs = [" ".join(printed[b.a:b.a + b.size]) for b in blocks if b.size >= min_len]
    return sorted(runs, key=lambda r: -len(r.split()))[:5]


def shared_terms(upper_text: str, lower_text: str, limit: int = 8) -> list[str]:
    """Content syllable pairs found in both tasks (as the lower task prints them)."""
    _, up = _words(upper_text)
    printed, low = _words(lower_text)
    up_pairs = {" ".join(up[k:k + 2]) for k in range(len(up) - 1)}
    seen, out = set(), []
    for k in range(len(low) - 1):
        pair = " ".join(low[k:k + 2])
        if pair in up_pairs and pair not in seen:
            seen.add(pair)
            out.append(" ".join(printed[k:k + 2]))
    return out[:limit]


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
