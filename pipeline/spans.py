"""Span groups of a document (citations, tasks, bodies, deadlines) as plain character spans.

The extraction record gives offsets for citations and tasks only; a task's bodies and deadline
are values without offsets. This module places them in the normalized text: inside their task
first, else at the nearest earlier mention (a block heading "b) Ban Dân vận Huyện ủy:" names
the body of the items below it). It is pure Python so the app, the exports and the spaCy
components (`pipeline.nlp`) share one placement without importing spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .bodies import canonical_body, find_bodies
from .model import Extraction
from .normalize import fold_diacritics

SPAN_KEYS = ("citations", "tasks", "bodies", "deadlines")
LOOKBACK = 20000  # at most this many characters before a task are searched for what its headings gave it
LOOKAHEAD = 600  # outside any section: characters after a task searched for its attribute lines or cells


@dataclass
class SpanSpec:
    """One span to put on a spaCy Doc: offsets into the normalized text, a label, its values."""

    start: int
    end: int
    label: str
    attrs: dict = field(default_factory=dict)


@dataclass
class DocSpans:
    """Every span group of one document, plus what could not be placed in the text."""

    groups: dict[str, list[SpanSpec]] = field(default_factory=lambda: {k: [] for k in SPAN_KEYS})
    unlocated: list[dict] = field(default_factory=list)


Hint = tuple[str, int | None]  # (the words as printed, absolute start if known)


def word_hits(text: str, needles: Sequence[str], lo: int, hi: int) -> list[tuple[int, int]]:
    """Whole-word occurrences of the needles in text[lo:hi], in order."""
    found = {(m.start(), m.end()) for needle in needles if needle.strip()
             for m in word_pattern(needle).finditer(text, max(0, lo), max(0, hi))}
    return sorted(found)


@lru_cache(maxsize=512)
def _mentions(text: str, lo: int, hi: int) -> tuple[tuple[int, int, str], ...]:
    """Body mentions the gazetteer reads in text[lo:hi]: (start, end, folded name)."""
    return tuple((lo + m.start, lo + m.end, fold_diacritics(m.name)) for m in find_bodies(text[lo:hi]))


def _body_hits(text: str, needles: Sequence[str], name: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Printings of body `name` in text[lo:hi]: the gazetteer's readings of that name ("UBND xã",
    a list "huyện, thị, thành ủy"), and literal ones not inside another body's name ("Huyện ủy"
    in "Ban Dân vận Huyện ủy" is not the Huyện ủy)."""
    key = fold_diacritics(name)
    mentions = _mentions(text, lo, hi)
    named = {(a, b) for a, b, k in mentions if k == key}
    others = [(a, b) for a, b, k in mentions if k != key]
    literal = [(a, b) for a, b in word_hits(text, needles, lo, hi)
               if (a, b) in named or not any(x <= a and b <= y and (x, y) != (a, b) for x, y in others)]
    return sorted(named | set(literal))


def locate(text: str, needles: Sequence[str], task: tuple[int, int], bounds: tuple[int, int, int],
           hint: int | None = None, body: str | None = None) -> tuple[int, int] | None:
    """Where a task's body or deadline is printed: at `hint` when the text there is the needle;
    else inside the task; else in its own section (its heading or a "Chủ trì: ..." line: nearest
    before the task, then first after it); else the nearest earlier mention in its top-level
    section. `bounds` = (top start, section start, section end); `body` is a body's name, read
    through the gazetteer too."""
    for needle in needles:
        if hint is not None and needle and text[hint : hint + len(needle)] == needle:
            return hint, hint + len(needle)
    (s, e), (top, lo, hi) = task, bounds
    for a, b, nearest_last in ((s, e, False), (lo, s, True), (e, hi, False), (max(top, s - LOOKBACK), lo, True)):
        hits = _body_hits(text, needles, body, a, b) if body else word_hits(text, needles, a, b)
        if hits:
            return hits[-1] if nearest_last else hits[0]
    return None


@lru_cache(maxsize=4096)
def word_pattern(needle: str) -> re.Pattern:
    """`needle` as whole words, any case; words apart by any whitespace, punctuation by any or
    none ("11- KH/ĐU" finds "11-KH/ĐU", a hard line wrap inside a name still matches)."""
    parts = _PIECE.findall(needle)
    out = []
    for i, part in enumerate(parts):
        if i:
            out.append(r"\s+" if part[0].isalnum() and parts[i - 1][-1].isalnum() else r"\s*")
        out.append(re.escape(part))
    return re.compile(r"(?<!\w)" + "".join(out) + r"(?!\w)", re.IGNORECASE)


_PIECE = re.compile(r"\w+|[^\w\s]")


class _Sections:
    """The sections around a position, from the record's section list."""

    def __init__(self, sections: Sequence[dict]):
        self.spans = [(s["start"], s["end"]) for s in sections
                      if isinstance(s.get("start"), int) and isinstance(s.get("end"), int)]

    def bounds(self, pos: int, end: int) -> tuple[int, int, int]:
        """(start of the outermost, start and end of the innermost section holding `pos`);
        outside every section, LOOKBACK before `pos` and LOOKAHEAD after `end` (a table row's
        time and body cells are printed after its content)."""
        around = [(a, b) for a, b in self.spans if a <= pos < b]
        if not around:
            return max(0, pos - LOOKBACK), max(0, pos - LOOKBACK), end + LOOKAHEAD
        inner = max(around, key=lambda ab: (ab[0], -ab[1]))
        return min(a for a, _ in around), inner[0], inner[1]


# ------------------------------------------------------------------ records → spans


def record_spans(text: str, record: dict, hints: dict | None = None) -> DocSpans:
    """Span groups of an extraction record over its normalized `text`.

    `hints[(task_index, role)]` lists how each body or the deadline was printed and where
    (known when the spans come from a live extraction, not from a stored record).
    """
    hints = hints or {}
    out = DocSpans()
    n = len(text)
    for cit in record.get("citations") or []:
        s, e = cit.get("start"), cit.get("end")
        if _valid(s, e, n):
            out.groups["citations"].append(SpanSpec(s, e, cit.get("relation") or "cites", _citation_attrs(cit)))
    bodies: dict[tuple[int, int, str, str], SpanSpec] = {}
    deadlines: dict[tuple[int, int], SpanSpec] = {}
    around = _Sections(record.get("sections") or [])
    for i, task in enumerate(record.get("tasks") or []):
        s, e = task.get("start"), task.get("end")
        if not _valid(s, e, n):
            out.unlocated.append({"kind": "task", "text": task.get("text"), "why": "offsets outside the text"})
            continue
        out.groups["tasks"].append(SpanSpec(s, e, "task", _task_attrs(task)))
        bounds = around.bounds(s, e)
        _place_bodies(text, task, (i, bounds), hints, bodies, out.unlocated)
        _place_deadline(text, task, (hints.get((i, "deadline")), bounds), deadlines, out.unlocated)
    out.groups["bodies"] = sorted(bodies.values(), key=lambda b: (b.start, b.end, b.label, b.attrs["name"]))
    out.groups["deadlines"] = sorted(deadlines.values(), key=lambda d: (d.start, d.end))
    return out


def _valid(s: object, e: object, n: int) -> bool:
    return isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= n


def _citation_attrs(cit: dict) -> dict:
    return {"target": cit.get("target"), "relation": cit.get("relation"), "record": cit}


def _task_attrs(task: dict) -> dict:
    deadline = task.get("deadline") or {}
    return {
        "key": task.get("key"),
        "section": task.get("section"),
        "responsible": list(task.get("responsible") or []),
        "coordinating": list(task.get("coordinating") or []),
        "interval": iso_interval(deadline.get("start"), deadline.get("end")) if deadline else None,
        "rrule": deadline.get("recurrence") if deadline else None,
        "record": task,
    }


def iso_interval(start: str | None, end: str | None) -> str | None:
    """ISO 8601 interval "2013-10-01/2013-10-31"; an open end is ".." ("../2015-12-31")."""
    if not start and not end:
        return None
    return f"{start or '..'}/{end or '..'}"


def _place_bodies(text: str, task: dict, where_from: tuple[int, tuple[int, int, int]], hints: dict,
                  bodies: dict, unlocated: list) -> None:
    (index, bounds), span = where_from, (task["start"], task["end"])
    for role in ("responsible", "coordinating"):
        names = list(task.get(role) or [])
        qualified = list(task.get(f"{role}_qualified") or names)
        printed = hints.get((index, role)) or [None] * len(names)
        for j, name in enumerate(names):
            hint = printed[j] if j < len(printed) else None
            needles = [hint[0], name] if hint else [name]
            where = locate(text, needles, span, bounds, hint[1] if hint else None, body=name)
            if where is None:
                unlocated.append({"kind": role, "text": name, "task": task.get("key"), "why": "not printed in the text"})
                continue
            spec = bodies.get((*where, role, name))  # "huyện, thị, thành ủy" prints three bodies
            if spec is None:
                attrs = {"name": name, "canonical": canonical_body(name),
                         "qualified": qualified[j] if j < len(qualified) else name, "tasks": []}
                spec = bodies[(*where, role, name)] = SpanSpec(where[0], where[1], role, attrs)
            spec.attrs["tasks"].append(task.get("key"))


def _place_deadline(text: str, task: dict, where_from: tuple[Hint | None, tuple[int, int, int]],
                    deadlines: dict, unlocated: list) -> None:
    deadline = task.get("deadline")
    if not deadline or not deadline.get("text"):
        return
    hint, bounds = where_from
    where = locate(text, [deadline["text"]], (task["start"], task["end"]), bounds, hint[1] if hint else None)
    if where is None:
        unlocated.append({"kind": "deadline", "text": deadline["text"], "task": task.get("key"),
                          "why": "not printed in the text"})
        return
    spec = deadlines.get(where)
    if spec is None:
        attrs = {"interval": iso_interval(deadline.get("start"), deadline.get("end")),
                 "rrule": deadline.get("recurrence"), "record": deadline, "tasks": []}
        spec = deadlines[where] = SpanSpec(where[0], where[1], "deadline", attrs)
    spec.attrs["tasks"].append(task.get("key"))


def extraction_hints(extraction: Extraction) -> dict:
    """How each task's bodies and deadline were printed, and where when the stage knows it.

    A body's offsets are relative to the string its stage searched (the item, or a heading):
    they count only when the text at the item-relative position is the printed name.
    """
    hints: dict = {}
    for i, task in enumerate(extraction.tasks):
        for role, mentions in (("responsible", task.responsible), ("coordinating", task.coordinating)):
            hints[(i, role)] = [(m.printed, task.start + m.start if m.start >= 0 else None) for m in mentions]
        d = task.deadline
        if d is not None:
            hints[(i, "deadline")] = (d.text, task.start + d.span_start if d.span_start is not None else None)
    return hints


def extraction_spans(extraction: Extraction) -> DocSpans:
    """Span groups of a live extraction (printed forms and positions used as hints)."""
    return record_spans(extraction.normalized.text, extraction.to_dict(), extraction_hints(extraction))


def shift(groups: Iterable[SpanSpec], offsets: Sequence[int], source: str) -> list[SpanSpec]:
    """Spans moved from normalized-text offsets into the `source` text (`NormalizedText.offsets`).

    The end maps through the character after the span, so whitespace the normalizer dropped
    there (a line's trailing spaces) is trimmed off again."""
    out = []
    for g in groups:
        start, end = offsets[g.start], offsets[g.end]
        while end > start and source[end - 1].isspace():
            end -= 1
        out.append(SpanSpec(start, end, g.label, g.attrs))
    return out
