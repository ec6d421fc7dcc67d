"""Backward looks in linear time: the last clause boundary before a position, bounded look-behind.

Stages ask, for each mention or date, "where does its clause start?" and "is there a
purpose word / a cited document's subject earlier in the clause?". Answering by scanning
from the start of the text, or of the clause, each time is quadratic on a pathological
line (5,000 dates or 30,000 bodies on one line). The boundaries are found once per text
and looked up by bisection; look-behind searches are bounded to `LOOKBACK` characters,
far more than any real clause's lead-in.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate

LOOKBACK = 1000  # characters a backward search may look at


@lru_cache(maxsize=8)
def _match_ends(pattern: re.Pattern, text: str) -> tuple[int, ...]:
    """Every match end of `pattern` in `text`, once per (pattern, text): the text's hash is cached."""
    return tuple(m.end() for m in pattern.finditer(text))


def last_end(pattern: re.Pattern, text: str, pos: int, edge: str = "") -> int:
    """`max(m.end() for m in pattern.finditer(text, 0, pos))`, or 0, in O(log n).

    For one-character patterns such as `[.;](?=\\s|$)|\\n`: the only match that depends on
    where the search stops is a character of `edge` just before `pos`, whose look-ahead
    sees the end there.
    """
    if pos > 0 and text[pos - 1] in edge:
        return pos
    ends = _match_ends(pattern, text)
    index = bisect.bisect_right(ends, pos) - 1
    return ends[index] if index >= 0 else 0


def lookback(start: int, pos: int) -> int:
    """Where a backward search that would begin at `start` begins: at most LOOKBACK before `pos`."""
    return max(start, pos - LOOKBACK)


class SpanSet:
    """Spans (start, end) asked "which overlap [start, end)?" in O(log n + answer).

    Checking each mention against every citation span is quadratic when a line holds
    thousands of both; spans sorted by start with a running maximum of their ends answer
    the same question by bisection.
    """

    def __init__(self, spans: Iterable[tuple[int, int]]):
        self.spans = sorted(spans)
        self._starts = [a for a, _ in self.spans]
        self._max_end = list(accumulate((b for _, b in self.spans), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Does any span overlap [start, end) (a < end and start < b)?"""
        hi = bisect.bisect_left(self._starts, end)
        return hi > 0 and self._max_end[hi - 1] > start

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that overlap [start, end), in order of their start."""
        hi = bisect.bisect_left(self._starts, end)
        lo = bisect.bisect_right(self._max_end, start, 0, hi)
        return [span for span in self.spans[lo:hi] if span[1] > start]

    def relative(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that overlap [start, end), counted from `start` (an item's own offsets;
        a span that begins before the item begins at 0)."""
        return [(max(0, a - start), b - start) for a, b in self.overlapping(start, end)]
