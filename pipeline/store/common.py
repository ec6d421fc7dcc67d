"""What both backends share below the store: the same-length accent folding and the search terms.

The folded copy of every paragraph and task is computed here in Python, never by a database
function, so SQLite (FTS5) and PostgreSQL (a folded column) find exactly the same words, đ included.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from ..normalize import fold_diacritics


def fold_same_length(text: str) -> str:
    """Accent-folded lower-case copy with one character per input character.

    Keeping the length lets a match found in the folded copy be shown in the
    original text at the same offsets.
    """
    return text.translate(_FOLD_TABLE)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    folded = fold_diacritics(ch)
    if len(folded) == 1:
        return folded
    lowered = ch.lower()
    return lowered if len(lowered) == 1 else ch


class _FoldTable(dict):
    """str.translate table filled on demand: C-speed folding after the first sight of a character."""

    def __missing__(self, codepoint: int) -> str:
        folded = _fold_char(chr(codepoint))
        self[codepoint] = folded
        return folded


_FOLD_TABLE = _FoldTable()

TOKEN = re.compile(r"\w+\*?")


class FtsTerm(NamedTuple):
    """One folded query word; `prefix` when the user wrote `word*`."""

    word: str
    prefix: bool


def fts_terms(query: str) -> list[FtsTerm]:
    """The folded words of a user query, each of which must occur."""
    terms = []
    for tok in TOKEN.findall(fold_diacritics(unicodedata.normalize("NFC", query))):
        word = tok.rstrip("*")
        if word:
            terms.append(FtsTerm(word, tok.endswith("*")))
    return terms


def fts_match(terms: Sequence[FtsTerm], phrase: bool) -> str:
    """An FTS5 MATCH string: every word (``word*`` = prefix), or the words as one phrase."""
    if phrase:
        return '"' + " ".join(t.word for t in terms) + '"' + ("*" if terms[-1].prefix else "")
    return " ".join(f'"{t.word}"' + ("*" if t.prefix else "") for t in terms)


def fts_query(query: str) -> str | None:
    """Fold a user query into an FTS5 query: every word must occur (``word*`` = prefix)."""
    terms = fts_terms(query)
    return fts_match(terms, False) if terms else None
