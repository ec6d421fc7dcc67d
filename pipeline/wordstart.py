"""Faster scans with regexes whose every match starts on a word character.

`re` tries a pattern that opens with a look-behind or an optional group at every position of
the text: at each space and punctuation mark too, with every alternative of a long gazetteer
alternation. When the parsed regex shows that every match begins with a word character, a
`(?=\\w)` in front lets the search pass those positions at one test: the same matches,
2-3x faster on the body and document-symbol scans.
"""

from __future__ import annotations

import re


def word_started(pattern: str, flags: int = 0) -> re.Pattern:
    """`re.compile(pattern, flags)`, guarded by `(?=\\w)` when every match provably starts on a word character."""
    guard = r"(?=\w)" if starts_on_word(pattern, flags) else ""
    return re.compile(guard + pattern, flags)


_ZERO_WIDTH = {"ASSERT", "ASSERT_NOT", "AT"}
_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}


def starts_on_word(pattern: str, flags: int) -> bool:
    """Does every match of `pattern` begin with a word character? Read from the parsed regex;
    False whenever it cannot tell (then the caller adds no test, and loses only speed)."""
    try:
        from re import _parser  # the parser `re` itself compiles with (Python 3.11+)

        parsed = _parser.parse(pattern, flags)
        if parsed.state.flags & (re.ASCII | re.LOCALE):
            return False  # there \w is narrower than the letters this reads as word characters
        return _first_on_word(list(parsed.data), False)
    except Exception:  # noqa: BLE001 - another Python's internals: fall back to the plain search
        return False


def _first_on_word(items: list, after: bool) -> bool:
    """The first character the items match is a word character (`after`: what follows them)."""
    for i, (op, av) in enumerate(items):
        name = str(op)
        if name in _ZERO_WIDTH:
            continue
        if name == "LITERAL":
            return re.match(r"\w", chr(av)) is not None
        if name == "IN":
            return _set_is_word(av)
        rest = _first_on_word(items[i + 1 :], after)
        if name == "SUBPATTERN":
            return not av[1] & (re.ASCII | re.LOCALE) and _first_on_word(list(av[3].data), rest)
        if name == "BRANCH":
            return all(_first_on_word(list(branch.data), rest) for branch in av[1])
        if name in _REPEATS:
            return _first_on_word(list(av[2].data), rest) and (av[0] >= 1 or rest)
        return False
    return after


def _set_is_word(members: list) -> bool:
    """A character class made of word characters only ([A-ZĐ], [^\\W\\d_], \\w)."""
    names = [(str(op), av) for op, av in members]
    if names and names[0][0] == "NEGATE":
        return ("CATEGORY", "CATEGORY_NOT_WORD") in [(op, str(av)) for op, av in names[1:]]
    for op, av in names:
        if op == "LITERAL" and re.match(r"\w", chr(av)):
            continue
        if op == "RANGE" and all(re.match(r"\w", chr(c)) for c in range(av[0], av[1] + 1)):
            continue
        if op == "CATEGORY" and str(av) in ("CATEGORY_WORD", "CATEGORY_DIGIT"):  # digits are word characters
            continue
        return False
    return True
