"""Which new task a task's user data belongs to after its document is read again.

A task key is derived from the section and the first words of the text, plus an
occurrence number; in a document of near-identical items, inserting one item shifts
the numbers, so keys alone would move notes to the neighbouring task without a word.
Here the old and new task lists are aligned as sequences (order kept, identical texts
matched in order, insertions and deletions absorbed); a task outside an identical
stretch is matched by its text, its section and whether its neighbours went to the
neighbouring new tasks, with a confidence. A match that is not clearly better than the
next candidate is *ambiguous*: the data is kept aside for review, never moved on a guess.

Pure functions on plain tuples: the store runs this before it takes the write lock.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass

from .normalize import fold_diacritics

MIN_TEXT_SIMILARITY = 0.6  # below this a changed task is not the same task
MIN_MARGIN = 0.08  # the best candidate must beat the next one by this much


@dataclass(frozen=True)
class Item:
    """One task as the matcher sees it."""

    key: str
    section: str | None
    text: str


@dataclass(frozen=True)
class Match:
    """Where one old task's user data goes: `new_key`, or None (ambiguous or lost)."""

    old_key: str
    new_key: str | None
    confidence: float
    ambiguous: tuple[str, ...] = ()  # the candidate keys when no candidate is clearly best


_LEADING_NUMBER = re.compile(r"^[\W_]*(?:\d+(?:\.\d+)*|[a-zđ]|[ivxlc]+)[.)\-]\s*")
WINDOW = 25  # candidates looked at per task: the nearest by position in its stretch


def _fingerprint(text: str) -> str:
    return " ".join(fold_diacritics(text or "").split())


def _loose(fingerprint: str) -> str:
    """The text without a leading list number: "99. Ban X ..." and "100. Ban X ..." match when
    an inserted item renumbers the list (the numbers inside the text still tell items apart)."""
    return _LEADING_NUMBER.sub("", fingerprint)


def reattach(
    old: list[Item], new: list[Item], wanted: set[str], taken: set[str] = frozenset(), placed: int | None = None
) -> dict[str, Match]:
    """A Match for each old key in `wanted` (the tasks with user data). `taken`: new keys that
    already hold user data of their own; `placed`: how many old items have a place in the order
    (the rest, earlier orphans, are compared with every new task)."""
    placed = len(old) if placed is None else placed
    old_fp = [_fingerprint(i.text) for i in old[:placed]]
    new_fp = [_fingerprint(i.text) for i in new]
    aligned, regions = _align(old_fp, new_fp)
    result: dict[str, Match] = {}
    used = set(taken)
    for i, (j, confidence) in aligned.items():
        if old[i].key in wanted:
            result[old[i].key] = Match(old[i].key, new[j].key, confidence)
            used.add(new[j].key)
    matched = {j for j, _ in aligned.values()}
    free = [j for j in range(len(new)) if j not in matched]
    scored = []
    for i, item in enumerate(old):
        if item.key in wanted and item.key not in result:
            window = _window(i, regions, placed, free)
            scored.append((i, _candidates(i, old, new, window, aligned)))
    # Most certain first, so a clear match is not taken away by a doubtful one.
    scored.sort(key=lambda entry: -(entry[1][0][0] if entry[1] else 0.0))
    for i, candidates in scored:
        result[old[i].key] = _decide(old[i].key, [(s, j) for s, j in candidates if new[j].key not in used], new)
        if result[old[i].key].new_key:
            used.add(result[old[i].key].new_key)
    return result


def _align(old_fp: list[str], new_fp: list[str]) -> tuple[dict[int, tuple[int, float]], list[tuple[int, int, int, int]]]:
    """Old index → (new index, confidence) for identical texts in order (1.0), then, inside each
    stretch that differs, for texts equal but for a leading list number (0.95); and the stretches left."""
    aligned: dict[int, tuple[int, float]] = {}
    regions = []
    matcher = difflib.SequenceMatcher(None, old_fp, new_fp, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            aligned.update({i1 + k: (j1 + k, 1.0) for k in range(i2 - i1)})
            continue
        regions.append((i1, i2, j1, j2))
        loose = difflib.SequenceMatcher(
            None, [_loose(f) for f in old_fp[i1:i2]], [_loose(f) for f in new_fp[j1:j2]], autojunk=False
        )
        for block in loose.get_matching_blocks():
            aligned.update({i1 + block.a + k: (j1 + block.b + k, 0.95) for k in range(block.size)})
    return aligned, regions


def _window(i: int, regions: list[tuple[int, int, int, int]], placed: int, free: list[int]) -> list[int]:
    """The free new tasks (sorted indexes) an old one may have become: the WINDOW nearest to
    where it would stand, found by bisection (every free task for an earlier orphan)."""
    if i >= placed:
        return free
    i1, _, j1, _ = next((r for r in regions if r[0] <= i < r[1]), (i, i, i, i))
    expected = j1 + (i - i1)
    at = bisect.bisect_left(free, expected)
    return free[max(0, at - WINDOW // 2) : at + WINDOW // 2 + 1]


def _candidates(
    i: int, old: list[Item], new: list[Item], window: list[int], aligned: dict[int, tuple[int, float]]
) -> list[tuple[float, int]]:
    """(score, new index) of every new task in the window similar enough, best first."""
    out = []
    old_text = _fingerprint(old[i].text)
    for j in window:
        matcher = difflib.SequenceMatcher(None, old_text, _fingerprint(new[j].text), autojunk=False)
        if matcher.real_quick_ratio() < MIN_TEXT_SIMILARITY or matcher.quick_ratio() < MIN_TEXT_SIMILARITY:
            continue
        text = matcher.ratio()
        if text < MIN_TEXT_SIMILARITY:
            continue
        section = 1.0 if old[i].section == new[j].section else 0.0
        before = 1.0 if aligned.get(i - 1, (None,))[0] == j - 1 else 0.0
        after = 1.0 if aligned.get(i + 1, (None,))[0] == j + 1 else 0.0
        out.append((0.7 * text + 0.1 * section + 0.1 * before + 0.1 * after, j))
    return sorted(out, reverse=True)


def _decide(old_key: str, candidates: list[tuple[float, int]], new: list[Item]) -> Match:
    if not candidates:
        return Match(old_key, None, 0.0)
    best, j = candidates[0]
    if len(candidates) > 1 and best - candidates[1][0] < MIN_MARGIN:
        close = tuple(new[k].key for s, k in candidates if best - s < MIN_MARGIN)
        return Match(old_key, None, round(best, 3), ambiguous=close)
    return Match(old_key, new[j].key, round(best, 3))
