"""Bodies stage: find the organs, committees and organisations a directive names.

Staff ask "what must Ban Tổ chức Tỉnh ủy do?", so every body mention is turned into
one canonical full name (abbreviations expanded, one tone placement, no leading
"các"), lists that share a head are split ("các huyện, thị, thành ủy" → Huyện ủy,
Thị ủy, Thành ủy), and local names can be qualified with the issuer's locality.
The knowledge is data: ``pipeline/data/bodies.yaml`` (every entry carries examples
that the tests run).  Matching is compiled regular expressions: fast and predictable.
Names are kept as printed (the level or locality word stays: "Hội Nông dân tỉnh"); an
organisation the gazetteer lacks is read from its head noun ("Trung tâm", "Phòng", "Báo" …)
up to the predicate, with underthesea ``pos_tag`` on a short window only for such heads.
Variant merging (filters, not output) uses a char n-gram TF-IDF model stored as plain JSON
in ``models/`` (``scripts/build_models.py``).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from pathlib import Path

from .lexicon import (
    CAPITALISED_WORD,
    DUTY_VERB,
    LIST_GAP,
    LOWER_LETTERS,
    UPPER_LETTERS,
    data_yaml,
    longest_first,
)
from .model import BodyMention, DocumentMeta
from .normalize import fold_diacritics, normalize_name, normalize_tone_marks
from .scan import SpanSet
from .wordstart import by_first_character, start_guard, word_started

_W = r"[^\W\d_]"  # a letter


@dataclass(frozen=True)
class _Entry:
    name: str
    kind: str  # "level", "organ", "body"
    patterns: tuple[str, ...]
    tail: re.Pattern | None
    scope: str | None
    examples: tuple[dict, ...]
    printed: bool = False  # the name is the printed words ("Đơn vị có liên quan"), not `name`


_NAME_WORD = CAPITALISED_WORD


def _pattern_to_regex(pattern: str) -> str:
    """A YAML pattern → regex text: words with flexible spaces; capitals-only = case-sensitive;
    `{Name}` is a capitalised word and `{Acts}` what a body told to act does first."""
    if pattern.startswith("re:"):
        return pattern[3:].replace("{Name}", _NAME_WORD).replace("{Acts}", DUTY_VERB)
    pattern = normalize_name(pattern)
    body = r"\s+".join(re.escape(w) for w in pattern.split())
    letters = [c for c in pattern if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return f"(?-i:{body})"
    return body


def _regexes(patterns: list[str]) -> list[str]:
    return sorted({_pattern_to_regex(p) for p in patterns}, key=longest_first)


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{r})" for r in _regexes(patterns))


@lru_cache(maxsize=1)
def gazetteer() -> dict:
    """The parsed bodies.yaml (cached)."""
    return data_yaml("bodies.yaml")


@cache
def _names(section: str, kind: str) -> frozenset[str]:
    """The names of a gazetteer section's entries (asked on every body scan: built once)."""
    return frozenset(e.name for e in _entries(section, kind))


@cache
def _entries(section: str, kind: str) -> tuple[_Entry, ...]:
    out = []
    named_tails = gazetteer().get("tails", {})
    for raw in gazetteer().get(section, []):
        tail = None
        if raw.get("tail"):
            tails = [named_tails.get(t, t) for t in raw["tail"]]  # `tail: [locality]` names a shared tail
            tail = re.compile(r"\s+(?:" + _alternation(tails) + r")(?!\w)", re.IGNORECASE)
        out.append(
            _Entry(
                name=normalize_name(raw["name"]),
                kind=kind,
                patterns=tuple(raw["patterns"]),
                tail=tail,
                scope=raw.get("scope"),
                examples=tuple(raw.get("examples", ())),
                printed=bool(raw.get("printed")),
            )
        )
    return tuple(out)


_BEFORE_NAME, _AFTER_NAME = r"(?<![\w/\-])", r"(?![\w/])"


class _Matcher:
    """Compiled regexes for one kind of entry, plus the way back from a match to its entry."""

    def __init__(self, entries: tuple[_Entry, ...]):
        self.entries = entries
        self.alternatives = _regexes([p for e in entries for p in e.patterns])
        self.regex = re.compile(
            _BEFORE_NAME + "(?:" + "|".join(f"(?:{r})" for r in self.alternatives) + ")" + _AFTER_NAME,
            re.IGNORECASE,
        )
        self._per_entry = [
            (e, re.compile(r"(?:" + _alternation(list(e.patterns)) + r")(?![\w/])", re.IGNORECASE))
            for e in entries
        ]
        self._by_char: dict[str, list[tuple[_Entry, re.Pattern]]] = {}

    @cached_property
    def _starts(self) -> list[re.Pattern]:
        return [re.compile(start_guard(rx.pattern, rx.flags)) for _, rx in self._per_entry]

    def _starting_with(self, char: str) -> list[tuple[_Entry, re.Pattern]]:
        """The entries (in order) that can match at `char`: a match at "Ban" need not try "Tỉnh ủy"."""
        found = self._by_char.get(char)
        if found is None:
            found = self._by_char[char] = [
                pair for pair, start in zip(self._per_entry, self._starts, strict=True) if start.match(char)
            ]
        return found

    def match(self, text: str, pos: int) -> tuple[_Entry, int] | None:
        if not self.regex.match(text, pos):
            return None
        best: tuple[_Entry, int] | None = None
        for entry, rx in self._starting_with(text[pos]):
            m = rx.match(text, pos)
            if m and (best is None or m.end() > best[1]):
                best = (entry, m.end())
        return best


@lru_cache(maxsize=1)
def _matchers() -> tuple[_Matcher, _Matcher, _Matcher, re.Pattern, list[tuple[re.Pattern, str]]]:
    levels = _Matcher(_entries("levels", "level"))
    organs = _Matcher(_entries("organs", "organ"))
    bodies = _Matcher(_entries("bodies", "body"))
    lists = []
    for raw in gazetteer().get("lists", []):
        head = "|".join(re.escape(h) for h in raw["heads"])
        rx = re.compile(
            rf"(?<!\w)(?<!cấp\s)(?P<heads>(?:{head})(?:\s*,\s*(?:{head}))*(?:\s*(?:,|và)\s*)(?:{head}))\s+{re.escape(raw['suffix'])}"
            r"(?P<rest>\s+(?:cơ\s+sở|trực\s+thuộc))?(?!\w)",
            re.IGNORECASE,
        )
        lists.append((rx, raw["suffix"]))
    others = [*(re.sub(r"\(\?P<\w+>", "(?:", rx.pattern) for rx, _ in lists), _org_rules()[0].pattern]
    # Each reading starts after a non-word character: said once in front (and, see wordstart,
    # that it starts on a word character), the search passes over the inside of words and the
    # spaces between them at one test instead of trying every reading there: the same matches.
    assert all(r.startswith(("(?<![\\w/\\-])", "(?<!\\w)")) for r in others)
    grouped = by_first_character(
        [*((_BEFORE_NAME, m.alternatives, _AFTER_NAME) for m in (levels, organs, bodies)), *(("", [r], "") for r in others)],
        re.IGNORECASE,
    )
    if grouped is None:  # a reading whose first character is unknown: one long alternation
        grouped = "|".join([*(m.regex.pattern for m in (levels, organs, bodies)), *others])
    starts = word_started(r"(?<!\w)(?:" + grouped + ")", re.IGNORECASE)
    return levels, organs, bodies, starts, lists


# ------------------------------------------------------------------ organisations not in the gazetteer

_LOCALITY_WORD = r"(?:tỉnh|huyện|thị\s+xã|thành\s+phố|quận|xã|phường|thị\s+trấn|đặc\s+khu)"
_NOUNISH = {"N", "Np", "Nc", "Nu", "Ny", "Nb", "A", "M"}  # POS tags a lower-case name word may carry
_MAX_NAME_TOKENS = 12
_ORG_WINDOW = 90  # characters of text pos-tagged after a head noun


@lru_cache(maxsize=1)
def _org_rules() -> tuple[re.Pattern, re.Pattern, re.Pattern, frozenset[str], frozenset[str]]:
    """Head-noun regex, head-at-token test, locality-word test, predicate and function-word sets."""
    entries = gazetteer().get("org_heads", [])
    heads = sorted((normalize_name(e["name"]) for e in entries), key=len, reverse=True)
    open_heads = sorted((normalize_name(e["name"]) for e in entries if e.get("open")), key=len, reverse=True)

    def words(names: list[str]) -> str:
        return "|".join(r"\s+".join(re.escape(w) for w in h.split()) for h in names)

    alternation = words(heads)
    # The head must be followed by a capitalised word, a number or a locality word: "Báo Bình
    # Thuận", "Thanh tra tỉnh" — never "Báo cáo", "Trường hợp", "Ban hành", "Phòng, chống".
    # An `open` head is a complete noun ("Hợp tác xã", "Quỹ"): lower-case nouns may follow
    # ("Hợp tác xã nông nghiệp Mê Pu"); the reading still needs them confirmed.
    closed = rf"(?-i:{alternation})(?=\s+(?:(?-i:[{UPPER_LETTERS}])|\d|{_LOCALITY_WORD}(?!\w)))"
    if open_heads:
        closed = rf"(?-i:{words(open_heads)})(?=\s+[^\W\d_])|{closed}"
    head_rx = re.compile(rf"(?<![\w/\-])(?:{closed})", re.IGNORECASE)
    head_token = re.compile(rf"(?-i:{alternation})(?!\w)")
    locality = re.compile(rf"(?:các\s+)?(?:cấp\s+)?{_LOCALITY_WORD}", re.IGNORECASE)
    stops = gazetteer().get("org_name_stops", {})
    return (
        head_rx,
        head_token,
        locality,
        frozenset(normalize_name(w).lower() for w in stops.get("predicates", [])),
        frozenset(normalize_name(w).lower() for w in stops.get("function_words", [])),
    )


@lru_cache(maxsize=1)
def _open_heads() -> re.Pattern | None:
    """The `open` org heads ("Hợp tác xã", "Quỹ"), case-sensitive, or None."""
    names = [normalize_name(e["name"]) for e in gazetteer().get("org_heads", []) if e.get("open")]
    if not names:
        return None
    return re.compile("|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in names))


def _locality_ahead(
    tokens: tuple[tuple[str, str, int, int], ...],
    i: int,
    locality: re.Pattern,
    function_words: frozenset[str],
) -> int:
    """Index of a locality word within three tokens after `i`, with no function word,
    punctuation or capitalised word between (0 if none): the verb-like words before it are
    part of the name ("Ban Quản lý dự án đầu tư xây dựng huyện")."""
    for k in range(i + 1, min(i + 4, len(tokens))):
        tok = tokens[k][0]
        low = tok.lower()
        if locality.fullmatch(low):
            return k
        if low in function_words or not tok[:1].isalpha() or _is_upper_word(tok):
            return 0
    return 0


@lru_cache(maxsize=2048)
def _tagged(window: str) -> tuple[tuple[str, str, int, int], ...]:
    """underthesea POS tokens of a short window with their character spans (cached: names repeat)."""
    out, cursor = [], 0
    from underthesea import pos_tag  # imported when a name needs it: its import costs ~1 s

    for tok, tag in pos_tag(window):
        k = window.find(tok, cursor)
        if k < 0:
            break
        out.append((tok, tag, k, k + len(tok)))
        cursor = k + len(tok)
    return tuple(out)


def _is_upper_word(tok: str) -> bool:
    return bool(tok) and (tok[0].isupper() or tok[0].isdigit())


def _org_reading(text: str, pos: int) -> tuple[str, int] | None:
    """An organisation that the gazetteer does not know, named by its head noun (kept as printed).

    "Trung tâm Văn hóa - Thông tin huyện phối hợp ..." → ("Trung tâm Văn hóa - Thông tin huyện", end).
    The name runs over capitalised words, "-" and "và" joining capitalised words, lower-case
    nouns (POS-tagged) that a predicate, a capitalised word or a locality confirms, and ends
    with a locality word and its proper name ("huyện Hàm Tân") or a Party level ("Tỉnh ủy").
    """
    head = _org_rules()[0].match(text, pos)
    if not head:
        return None
    open_rx = _open_heads()
    base = head.end()
    is_open = bool(open_rx and open_rx.fullmatch(text, pos, base))
    window = text[base : min(_org_window_stop(text, base), base + _ORG_WINDOW)]
    confirmed = _OrgName(window, is_open).confirmed_end()
    if not confirmed:
        return None
    end = base + confirmed
    return _cap(normalize_name(text[pos:end])), end


def _org_window_stop(text: str, start: int) -> int:
    """Where the text after a head noun stops holding its name: the first line break, semicolon,
    colon, full stop, bracket or tab within the window, else the text's end."""
    stop = len(text)
    for ch in "\n;:.()\t":
        k = text.find(ch, start, start + _ORG_WINDOW)
        if k >= 0:
            stop = min(stop, k)
    return stop


class _OrgName:
    """The walk over the tagged words after an unknown organisation's head noun (see `_org_reading`):
    how far its name is confirmed, token by token."""

    __slots__ = (
        "window",
        "tokens",
        "is_open",
        "confirmed",
        "pending",
        "named",
        "head_token",
        "locality",
        "predicates",
        "function_words",
        "levels",
    )

    def __init__(self, window: str, is_open: bool):
        self.window, self.tokens, self.is_open = window, _tagged(window), is_open
        _, self.head_token, self.locality, self.predicates, self.function_words = _org_rules()
        self.levels = _matchers()[0]
        self.confirmed = 0  # end (in window) of the name as confirmed so far
        self.pending = 0  # end of lower-case nouns that still need confirming
        self.named = False  # a noun is among them ("dự án"), not only words that say how ("sớm ổn định")

    def confirmed_end(self) -> int:
        """End (in the window) of the name as the words confirm it; 0 for no name."""
        i = 0
        while i < len(self.tokens) and i < _MAX_NAME_TOKENS:
            step = self._next(i)
            if step is None:
                return self.confirmed
            i = step
        if self.pending and self.named and (self.confirmed or self.is_open) and i < _MAX_NAME_TOKENS:
            self.confirmed = max(self.confirmed, self.pending)  # the clause ended right after the nouns
        return self.confirmed

    def _next(self, i: int) -> int | None:
        """Read token `i`: the index of the next token to read, or None where the name ends."""
        head_token, predicates, function_words = self.head_token, self.predicates, self.function_words
        tokens = self.tokens
        tok, tag, _, te = tokens[i]
        low = tok.lower()
        nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        if self._closed_at(i, low):
            return None
        if tok in {"-", "–"}:
            goes_on = _is_upper_word(nxt)
        elif tok == ",":
            # "Sở Văn hóa, Thể thao và Du lịch": a comma goes on only into a capitalised word
            # that starts no other body ("Báo Bình Thuận, Đài ...", "Sở Nội vụ, LĐLĐ tỉnh").
            goes_on = not (
                not _is_upper_word(nxt)
                or head_token.match(nxt)
                or _matchers()[3].match(self.window, tokens[i + 1][2])
            )
        elif _is_upper_word(tok):
            goes_on = self._capitalised(i)
        elif low in {"và", "&"}:
            # "… và 5 Đảng bộ": a count of other units, not the name going on
            goes_on = not (not nxt[:1].isupper() or head_token.match(nxt))
        elif low in function_words:
            goes_on = False
        elif (
            low not in predicates
            and tag not in _NOUNISH
            and (k := _locality_ahead(tokens, i, self.locality, function_words))
        ):
            return k  # "Ban Quản lý dự án đầu tư xây dựng huyện": the locality word closes the name
        elif low in predicates or tag not in _NOUNISH:
            if self.pending and self.named and (self.confirmed or self.is_open) and low not in function_words:
                # a predicate follows: the nouns before it are the name's
                self.confirmed = max(self.confirmed, self.pending)
            goes_on = False
        else:
            self.pending, self.named = te, self.named or tag != "A"
            goes_on = True
        return i + 1 if goes_on else None

    def _closed_at(self, i: int, low: str) -> bool:
        """Whether token `i` closes the name: a Party level, or a locality word and its proper name
        (the name then ends with them)."""
        head_token, locality, levels = self.head_token, self.locality, self.levels
        window, tokens = self.window, self.tokens
        ts, te = tokens[i][2], tokens[i][3]
        lv = levels.match(window, ts)
        if lv:  # "Ban Chỉ đạo ... Tỉnh ủy": a Party level closes the name
            self.confirmed = max(self.confirmed, lv[1])
            return True
        if not (locality.fullmatch(low) or (low in {"cấp", "các"} and locality.match(window, ts))):
            return False
        m = locality.match(window, ts)
        self.confirmed = m.end() if m else te
        j = i + 1 if not m or m.end() <= te else i + 2
        while j < len(tokens) and _is_upper_word(tokens[j][0]) and not head_token.match(tokens[j][0]):
            if levels.match(window, tokens[j][2]):
                break
            self.confirmed = tokens[j][3]
            j += 1
        return True

    def _capitalised(self, i: int) -> bool:
        """A capitalised word goes on with the name, unless it is the head noun of a new organisation."""
        tok, te = self.tokens[i][0], self.tokens[i][3]
        if self.confirmed and self.head_token.match(tok) and self.tokens[i - 1][0] not in {"-", "–"}:
            return False  # "Báo Bình Thuận Đài ...": a new organisation starts
        self.confirmed = te
        return True


_SEP = re.compile(r"\s+(?P<of>của\s+)?", re.IGNORECASE)
_MEMBER = re.compile(r"\s+viên(?!\w)", re.IGNORECASE)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


_PROPER_IN_GENERIC = re.compile(r"(?<!\w)(?:trung ương|nhà nước|quốc hội|chính phủ)(?!\w)")


def _printed_name(printed: str) -> str:
    """A generic body named as printed, in lower case but for its first letter and the proper
    nouns in it ("các ban, bộ, ngành Trung ương" → "Ban, bộ, ngành Trung ương")."""
    name = _cap(normalize_tone_marks(" ".join(printed.lower().split())))
    return _PROPER_IN_GENERIC.sub(lambda m: m.group(0).capitalize(), name)


def _tail(entry: _Entry, text: str, pos: int) -> tuple[str, int]:
    if entry.tail is None:
        return "", pos
    m = entry.tail.match(text, pos)
    if not m:
        return "", pos
    printed = m.group(0)
    person = _full_person().search(text, pos + 1, m.end())
    if person and person.start() > pos:  # "Đảng ủy phường Phú Thạnh" + " Võ Công Thành", its secretary
        printed, m_end = text[pos : person.start()], person.start()
    else:
        m_end = m.end()
    if m.groupdict().get("count"):  # "Đảng ủy 14 phường": the kind of unit, not how many
        printed = printed[: m.start("count") - m.start()] + printed[m.end("count") - m.start() :]
    words = [_TAIL_ABBREVIATIONS.get(w, w) for w in printed.split()]  # "UBND TP" → thành phố
    return " " + " ".join(words), m_end


_TAIL_ABBREVIATIONS = {"TP": "thành phố", "TP.": "thành phố", "TW": "Trung ương", "TƯ": "Trung ương", "T.Ư": "Trung ương"}


def _match_at(text: str, pos: int) -> list[tuple[str, int, int, str | None]]:
    """Longest body reading at `pos`: list of (name, start, end, level-name-or-None)."""
    levels, _, bodies, _, lists = _matchers()
    best, best_end = _listed_heads_reading(text, pos, lists)
    best, best_end = _organ_reading(text, pos, best, best_end)
    if len(best) > 1:
        return best
    for matcher in (levels, bodies):
        hit = matcher.match(text, pos)
        if hit:
            entry, end = hit
            tail, end = _tail(entry, text, end)
            name = _printed_name(text[pos:end]) if entry.printed else entry.name + tail
            if end > best_end:
                best, best_end = [(name, pos, end, entry.name if entry.kind == "level" else None)], end
    if len(best) == 1:
        titled = _with_quoted_title(text, best[0], direct=False)
        if titled[0][2] > best_end:  # "Ban Chỉ đạo" + ' Cuộc vận động "..." huyện'
            return titled
    if len(best) <= 1 and (
        not best or (_NAME_GOES_ON.match(text, best_end) and not _person_next(text, best_end))
    ):
        best = _read_on_as_org(text, pos, best, best_end)
    if len(best) == 1:
        best = _with_quoted_title(text, best[0], direct=best_end < best[0][2])
        best = _split_place_list(text, best[0])
    return best


def _listed_heads_reading(
    text: str, pos: int, lists: list[tuple[re.Pattern, str]]
) -> tuple[list[tuple[str, int, int, str | None]], int]:
    """The longest of the gazetteer's lists of heads sharing one suffix at `pos`, one reading per
    head, and its end (no reading, and `pos`, when none matches)."""
    best: list[tuple[str, int, int, str | None]] = []
    best_end = pos
    for rx, suffix in lists:
        m = rx.match(text, pos)
        if m and m.end() > best_end:
            rest = " " + " ".join(m.group("rest").split()) if m.group("rest") else ""
            heads = re.split(r"\s*(?:,|\bvà\b)\s*", m.group("heads"), flags=re.IGNORECASE)
            best = [(_cap(h.lower()) + " " + suffix + rest, pos, m.end(), None) for h in heads if h]
            best_end = m.end()
    return best, best_end


def _organ_reading(
    text: str, pos: int, best: list[tuple[str, int, int, str | None]], best_end: int
) -> tuple[list[tuple[str, int, int, str | None]], int]:
    """An organ at `pos` with the levels it is listed for or its owner, where it reads further than
    `best` (ending at `best_end`); else `best` unchanged."""
    hit = _matchers()[1].match(text, pos)
    if not hit:
        return best, best_end
    organ, end = hit
    listed = _levels_listed(text, end)  # "Ban Tổ chức các huyện, thị, thành ủy"
    tail, end = _tail(organ, text, end) if not listed else ("", end)  # "Ban Chỉ đạo" + "35 tỉnh"
    name, level_name = organ.name + tail, None
    s = _SEP.match(text, end)
    if listed and listed[1] > best_end:
        # "Ban Thường vụ các huyện ủy, thị ủy" → Ban Thường vụ Huyện ủy, Ban Thường vụ Thị ủy
        best, best_end = [(f"{name} {lv}", pos, listed[1], lv) for lv in listed[0]], listed[1]
        s = None
    if s:
        name, end, level_name = _organ_of_owner(text, name, end, s)
    if end > best_end:
        best, best_end = [(name, pos, end, level_name)], end
    return best, best_end


def _organ_of_owner(text: str, name: str, end: int, sep: re.Match) -> tuple[str, int, str | None]:
    """The organ `name` with the level or the mass organisation printed after it (past `sep`) that
    owns it: (name, end, level-name-or-None); the organ alone when no owner follows."""
    levels, _, bodies, _, _ = _matchers()
    lv = levels.match(text, sep.end())
    if lv:
        tail, tend = _tail(lv[0], text, lv[1])
        of = " của" if sep.group("of") else ""
        return f"{name}{of} {lv[0].name}{tail}", tend, lv[0].name
    if not sep.group("of"):
        bd = bodies.match(text, sep.end())
        if (
            bd
            and bd[0].name[:1].isupper()
            and bd[0].name.split()[0] in {"Hội", "Ủy", "Mặt", "Liên", "Tòa", "Viện"}
        ):
            tail, tend = _tail(bd[0], text, bd[1])
            return f"{name} {bd[0].name}{tail}", tend, None
    return name, end, None


def _read_on_as_org(
    text: str, pos: int, best: list[tuple[str, int, int, str | None]], best_end: int
) -> list[tuple[str, int, int, str | None]]:
    """The reading extended over an organisation's name that goes on past what the gazetteer knows
    (or read from its head noun alone), where that reads further."""
    org = _org_reading(text, pos)
    if not org or org[1] <= best_end:
        return best
    if best:  # the gazetteer knows the start: its canonical form + the printed rest
        name, _, _, level_name = best[0]
        rest = normalize_name(text[best_end : org[1]])
        return [(f"{name} {rest}", pos, org[1], level_name)]
    return [(org[0], pos, org[1], None)]


_OF_THE = re.compile(r"\s+(?:của\s+)?các\s+", re.IGNORECASE)


def _levels_listed(text: str, pos: int) -> tuple[list[str], int] | None:
    """After an organ, "các" + a list of levels ("các huyện ủy, thị ủy", "các huyện, thị,
    thành ủy"): the level names and the list's end, or None."""
    levels, _, _, _, lists = _matchers()
    m = _OF_THE.match(text, pos)
    if not m:
        return None
    p = m.end()
    names: list[str] = []
    for rx, suffix in lists:
        lm = rx.match(text, p)
        if lm:
            heads = re.split(r"\s*(?:,|\bvà\b)\s*", lm.group("heads"), flags=re.IGNORECASE)
            names = [_cap(h.lower()) + " " + suffix for h in heads if h]
            gap = _LIST_GAP.match(text, lm.end())
            if not gap or not levels.match(text, gap.end()):
                return names, lm.end()
            p = gap.end()
            break
    while levels.match(text, p):
        reading = _match_at(text, p)  # the level with its tail ("đảng ủy trực thuộc", "đảng ủy xã, phường")
        if not reading or len({r[2] for r in reading}) != 1:
            break
        names.extend(r[0] for r in reading)
        p = reading[0][2]
        gap = _LIST_GAP.match(text, p)
        if not gap or not levels.match(text, gap.end()):
            break
        p = gap.end()
    return (list(dict.fromkeys(names)), p) if names else None


# A name may go on with a capitalised word and a quoted title: 'Ban Chỉ đạo Cuộc vận động
# "Toàn dân đoàn kết ..." huyện' (the title's commas do not end the name).
_QUOTED_TITLE = re.compile(
    rf"(?:\s+(?:thực\s+hiện\s+|triển\s+khai\s+)?(?-i:[{UPPER_LETTERS}])\w*(?:\s+(?-i:[a-zà-ỹđ])\w*){{0,3}})?"
    rf"\s*[\"“][^\"”\n]{{3,200}}[\"”]"
    rf"(?:\s+(?:các\s+cấp|cấp\s+{_LOCALITY_WORD}|{_LOCALITY_WORD})(?!\w)(?:\s+(?-i:[{UPPER_LETTERS}])\w*)*)?"
)
# After a local body "Đảng ủy các xã", more place words of the same list: ", thị trấn".
_PLACE_LIST = re.compile(
    rf"(?:\s*,\s*(?:và\s+)?|\s+và\s+)(?:các\s+)?(?P<place>{_LOCALITY_WORD}(?:[ \t]+{_NAME_WORD})*|(?i:{_LOCALITY_WORD})(?![ \t]+{_NAME_WORD}))(?![\w])(?!\s+(?:ủy|uỷ|đoàn)(?!\w))"
)
_LISTED_PLACE = re.compile(rf"\s(?:các\s+)?(?P<place>{_LOCALITY_WORD})\Z")


def _with_quoted_title(
    text: str, reading: tuple[str, int, int, str | None], direct: bool = True
) -> list[tuple[str, int, int, str | None]]:
    """The reading extended over 'Cuộc vận động "..." huyện'; `direct`: a quote right after the
    name also counts ('Ban Vận động "Ngày vì người nghèo" xã', names read from a head noun)."""
    name, start, end, level = reading
    m = _QUOTED_TITLE.match(text, end)
    word = end + len(text[end : end + 8]) - len(text[end : end + 8].lstrip())
    if not m or _matchers()[3].match(text, word):  # the capitalised word starts another body
        return [reading]
    if not direct and text[word] in "\"“":
        return [reading]  # 'Mặt trận Tổ quốc "Toàn dân ..."': a known body does not own a title
    title = normalize_name(text[end : m.end()]).replace("“", '"').replace("”", '"')
    return [(f"{name} {title}", start, m.end(), level)]


def _split_place_list(
    text: str, reading: tuple[str, int, int, str | None]
) -> list[tuple[str, int, int, str | None]]:
    """"Đảng ủy các xã, thị trấn" → Đảng ủy xã, Đảng ủy thị trấn; "Ủy ban nhân dân các huyện,
    thị xã, thành phố" → one body per place word (all spanning the list; "các huyện, Thành phố" too)."""
    name, start, end, level = reading
    last = _LISTED_PLACE.search(name)
    if not last:
        return [reading]
    places = [_place_words(last.group("place"))]
    pos = end
    while m := _PLACE_LIST.match(text, pos):
        places.append(_place_words(m.group("place")))
        pos = m.end()
    if len(places) == 1:
        return [reading]
    base = name[: last.start()]
    return [(f"{base} {p}", start, pos, level) for p in dict.fromkeys(places)]


def _place_words(printed: str) -> str:
    """ "Đặc khu  Côn Đảo" → "đặc khu Côn Đảo": the locality word in lower case, its name as printed."""
    words = " ".join(printed.split())
    kind = re.match(_LOCALITY_WORD, words, re.IGNORECASE)
    return words[: kind.end()].lower() + words[kind.end() :] if kind else words.lower()


@lru_cache(maxsize=1)
def family_names() -> frozenset[str]:
    """The family names that open a person's name (gazetteer `family_names`)."""
    return frozenset(gazetteer().get("family_names", []))


def _family_alternation() -> str:
    return "|".join(sorted(family_names(), key=longest_first))


@lru_cache(maxsize=1)
def _person_start() -> re.Pattern:
    return re.compile(rf"\s+(?-i:(?:{_family_alternation()}))\s+(?-i:[{UPPER_LETTERS}])")


@lru_cache(maxsize=1)
def _full_person() -> re.Pattern:
    """A person's full name: a family name and two or more capitalised words ("Võ Công Thành";
    "Lương Minh" alone may be a place)."""
    return re.compile(rf"\s+(?-i:(?:{_family_alternation()}))(?:\s+(?-i:[{UPPER_LETTERS}])\w*){{2,}}")


def name_before_person(name: str) -> str:
    """A place's name up to a person's full name printed after it ("Phú Thạnh Võ Công Thành" →
    "Phú Thạnh": the secretary named after the ward)."""
    person = _full_person().search(name)
    return name[: person.start()] if person else name


def _person_next(text: str, pos: int) -> bool:
    """A person's name follows a body the gazetteer knows ("Ban Bí thư" + " Trần Văn A"): it is the
    office-holder, not the rest of the body's name ("Hồ Chí Minh" is kept)."""
    return _person_start().match(text, pos) is not None and not text.startswith(" Hồ Chí Minh", pos)


# After a gazetteer match, a name may go on (a locality, a capitalised word, a number): only
# then is the costlier head-noun reading tried.
_NAME_GOES_ON = re.compile(rf"\s+(?:(?-i:[{UPPER_LETTERS}])|\d|{_LOCALITY_WORD}(?!\w))", re.IGNORECASE)


@lru_cache(maxsize=1)
def _place_after() -> re.Pattern:
    """A province or centrally-run city printed right after a body (pipeline/data/places.yaml):
    "Thành ủy Hà Nội", "UBND tỉnh Đồng Nai", "Đảng ủy UBND TP.HCM"."""
    places = data_yaml("places.yaml")
    names = [*places["current"], *places["former"], *(a for al in places["aliases"].values() for a in al)]
    alternation = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=longest_first))
    # after a "TP" the body's own tail took ("UBND TP" + ".HCM"), the place may follow its dot
    gap = r"(?:\s+|(?<=TP\.)\s*|(?<=TP)\.\s*)"
    return re.compile(rf"(?:\s+(?:tỉnh|thành\s+phố))?{gap}(?-i:{alternation})(?!\w)", re.IGNORECASE)


_CITY_ABBREVIATION = re.compile(r"\s*(?-i:TP)(?:\.|\s|(?=[A-ZĐ]))")


def _of_city(name: str) -> str:
    """A local body before "TP.HCM" / "TP Cần Thơ" is the city's: "Công an" → "Công an thành phố"."""
    if name not in _local_bodies() or _LOCALITY_END.search(" " + name):
        return name
    return f"{name} thành phố"


_COMMITTEE_END = re.compile(r"(?:Tỉnh|Thành|Huyện|Quận|Thị)\s+ủy\Z", re.IGNORECASE)
_PLACE_RUN = re.compile(rf"(?:\s+(?:tỉnh|thành\s+phố)(?=\s+(?-i:[{UPPER_LETTERS}])))?((?:[ \t]+(?-i:[{UPPER_LETTERS}])[^\W\d_]*){{1,6}})")


def _committee_place(text: str, readings: list, end: int) -> tuple[list, int]:
    """A territorial committee printed with its place keeps it, as printed: "Huyện ủy Bình Lục",
    "Ban Thường vụ Thành ủy Tam Kỳ" (short of a person's name after it: "… Hà Giang Trần Văn Tâm")."""
    ends_here = [r for r in readings if r[2] == end and _COMMITTEE_END.search(r[0])]
    if not ends_here:
        return readings, end
    known = _place_after().match(text, end)  # a province of the gazetteer, as printed ("Bà Rịa - Vũng Tàu")
    if known:
        place, stop = _place_written_out(" ".join(text[end : known.end()].split())), known.end()
    else:
        run = _PLACE_RUN.match(text, end)
        words = place_name_words(run.group(1)) if run else []
        words = words[: next((i for i, w in enumerate(words) if w in _HEAD_WORDS or w.isupper()), len(words))]
        if not words:
            return readings, end
        place, stop = " ".join(words), text.index(words[-1], run.start(1)) + len(words[-1])
    return [(f"{n} {place}", s, stop, lv) if r in ends_here else r for r in readings for n, s, _, lv in [r]], stop


def place_name_words(run: str) -> list[str]:
    """The words of a place's name at the start of a capitalised run: a few, short of a person's
    name printed after it ("Phú Thạnh Võ Công Thành" → ["Phú", "Thạnh"])."""
    return name_before_person(run).split()[:3]


def _place_written_out(printed: str) -> str:
    """A province printed as an abbreviation, written out ("TP.HCM" → "Thành phố Hồ Chí Minh");
    any other printing is kept as it is."""
    if not re.search(r"(?-i:[A-ZĐ]{2,})", printed):
        return printed
    key = _alias_key(printed)
    name = _places_by_alias().get(key)
    if name is None:
        return printed
    return f"Thành phố {name}" if key.startswith("TP") or name == "Hồ Chí Minh" else name


def _alias_key(printed: str) -> str:
    return re.sub(r"[\s.\-]", "", printed).upper()


@lru_cache(maxsize=1)
def _places_by_alias() -> dict[str, str]:
    """Each printed alias of pipeline/data/places.yaml (spacing, dots and hyphens aside) → its province."""
    aliases = data_yaml("places.yaml")["aliases"]
    return {_alias_key(a): name for name, printed in aliases.items() for a in printed}


_HEAD_WORDS = frozenset({"Ban", "Ủy", "Uỷ", "Hội", "Đảng", "Mặt", "Văn", "Thường", "Sở", "Phòng", "Chi", "Đoàn", "Trung", "Các", "Về", "Và"})


def place_after(text: str) -> bool:
    """`text` opens with a province or city of the gazetteer (" Thanh Hóa", " tỉnh Đồng Nai")."""
    return _place_after().match(text) is not None


_BARE_BAN = re.compile(r"(?<!\w)các\s+(?P<ban>ban)\s*(?:,|và)\s*(?:các\s+)?\Z", re.IGNORECASE)
_LIST_GAP = re.compile(LIST_GAP, re.IGNORECASE)
# An abbreviation printed in parentheses right after a name ("Hội Liên hiệp Phụ nữ (HLHPN)
# phường"): blanked before matching so the name runs on to its level and the aside is not
# read as a second body.
# and so is a name's other wording in one or two small words ("ban dân vận (dân chính) các quận …")
_ABBREVIATION_ASIDE = re.compile(
    rf"(?<=\w)\s*\((?-i:[{UPPER_LETTERS}][{UPPER_LETTERS}0-9&.\-]{{1,11}}|[{LOWER_LETTERS}]+(?:\s[{LOWER_LETTERS}]+)?)\)"
)


_MEMO: ContextVar[dict[str, tuple[BodyMention, ...]] | None] = ContextVar("find_bodies_memo", default=None)


@contextmanager
def one_document() -> Iterator[None]:
    """Within it, `find_bodies` reads each distinct text once: the stages of one document ask
    about the same lines again (a heading as a section, then as its items' context)."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def find_bodies(text: str) -> list[BodyMention]:
    """All body mentions in `text`, in order, each with its canonical full name (see `_find_bodies`)."""
    memo = _MEMO.get()
    if memo is None:
        return _find_bodies(text)
    if text not in memo:
        memo[text] = tuple(_find_bodies(text))
    return list(memo[text])


def _find_bodies(text: str) -> list[BodyMention]:
    """All body mentions in `text`, in order, each with its canonical full name.

    Lists are split (one mention per body, all spanning the list); an organ printed
    without its level borrows the level of the next organ in the same list
    ("Ban Tổ chức, Ban Tuyên giáo Tỉnh ủy").
    """
    *_, starts, _lists = _matchers()
    shown = normalize_tone_marks(text)  # same length: spans stay valid
    text = _ABBREVIATION_ASIDE.sub(lambda m: " " * len(m.group(0)), shown) if "(" in shown else shown
    found: list[tuple[str, int, int, str | None, bool]] = []  # name, start, end, level, organ_without_level
    organ_names, level_names = _names("organs", "organ"), _names("levels", "level")
    kind_listed = _kind_lists(text)
    covered = SpanSet([(s, e) for _, s, e, _ in kind_listed])
    pos = 0
    while True:
        m = starts.search(text, pos)
        if not m:
            break
        if covered.overlaps(m.start(), m.start() + 1):
            pos = m.start() + 1
            continue
        readings = _match_at(text, m.start())
        if not readings:
            pos = m.start() + 1
            continue
        end = max(r[2] for r in readings)
        if _MEMBER.match(text, end):  # "cấp ủy viên", "Tỉnh ủy viên": a person, not a body
            pos = end
            continue
        readings, end = _committee_place(text, readings, end)
        place = _place_after().match(text, end)
        if place:  # "Ủy ban nhân dân Hà Nội": the span runs over the province, the name stays
            city = _CITY_ABBREVIATION.match(text, end)  # "Công an TPHCM": the city's Công an
            readings = [(_of_city(n) if city else n, s, place.end() if e == end else e, lv) for n, s, e, lv in readings]
            end = place.end()
        for name, s, e, level in readings:
            name = _header_case(name)
            found.append((name, s, e, level, name in organ_names))
        pos = end
    if kind_listed:
        found = sorted([*found, *((n, s, e, lv, n in organ_names) for n, s, e, lv in kind_listed)], key=lambda f: f[1])
    found = _join_party_units(text, found)
    found = _join_owners(text, found)
    found = _join_superiors(text, found)
    found = _shared_locality(text, found)
    found = _shared_qualifier(text, found)
    found = _shared_subordination(text, found)
    found = _shared_party_head(text, found)
    found = _distributed_organ(text, found)
    # Distribute a list's level to organs printed without one, and expand "các ban, X <level>".
    out: list[BodyMention] = []
    for i, (name, s, e, level, bare) in enumerate(found):
        if bare:
            j = i
            while (
                j + 1 < len(found)
                and found[j + 1][4]
                and _LIST_GAP.fullmatch(text, found[j][2], found[j + 1][1])
            ):
                j += 1
            if (
                j + 1 < len(found)
                and found[j + 1][3]
                and found[j + 1][0] not in level_names  # "Đảng đoàn, Ban cán sự đảng, Thành ủy": a list, not one level
                and _LIST_GAP.fullmatch(text, found[j][2], found[j + 1][1])
            ):
                name = _with_level(name, found[j + 1][0], found[j + 1][3])
        bare_ban = _BARE_BAN.search(text, max(0, s - 40), s) if level else None
        if bare_ban and not (out and out[-1].end > bare_ban.start()):
            b0, b1 = bare_ban.span("ban")
            out.append(
                BodyMention(printed=text[b0:b1], name=f"Ban của {_level_part(name, level)}", start=b0, end=b1)
            )
        out.append(BodyMention(printed=shown[s:e], name=name, start=s, end=e))
    return out


@lru_cache(maxsize=1)
def _kind_list_rules() -> tuple[re.Pattern, re.Pattern, frozenset[str]]:
    """The opening of a list whose kind is printed once, the sectors its items may name and the
    kinds whose members are named freely (gazetteer `kind_lists`)."""
    raw = gazetteer()["kind_lists"]
    kinds = "|".join(r"\s+".join(map(re.escape, k.split())) for k in sorted(raw["kinds"], key=len, reverse=True))
    opening = re.compile(rf"(?<!\w)các\s+(?P<kind>{kinds})\s*(?::\s*|\s+)(?=(?-i:[{UPPER_LETTERS}]))", re.IGNORECASE)
    sectors = re.compile(rf"(?:{_alternation(raw['sectors'])})(?![\w/])", re.IGNORECASE)
    return opening, sectors, frozenset(raw.get("open_kinds", []))


_KIND_GAP = re.compile(r"\s*[,;]\s*(?:và\s+)?|\s+và\s+", re.IGNORECASE)


def _kind_lists(text: str) -> list[tuple[str, int, int, str | None]]:
    """The bodies of a list whose kind is printed once: each item read with the kind in front,
    kept only where the gazetteer knows the kind's body by that name (no "Sở Phân hiệu …")."""
    out: list[tuple[str, int, int, str | None]] = []
    for m in _kind_list_rules()[0].finditer(text):
        if out and m.start() < out[-1][2]:
            continue
        items, pos = [], m.end()
        while (item := _kind_item(text, m.group("kind"), pos)) is not None:
            items.append(item)
            gap = _KIND_GAP.match(text, item[2])
            if not gap:
                break
            pos = gap.end()
        if len(items) > 1:
            name, _, end, level = items[0]
            out.extend([(name, m.start("kind"), end, level), *items[1:]])
    return out


def _kind_item(text: str, kind: str, pos: int) -> tuple[str, int, int, str | None] | None:
    """The body read at `pos` as if `kind` were printed before it, or None (a list's items are
    names: each opens with a capital)."""
    if pos >= len(text) or not text[pos].isupper():
        return None
    _, organs, bodies, _, _ = _matchers()
    _, sectors, open_kinds = _kind_list_rules()
    sector = sectors.match(text, pos)
    if not sector and _match_at(text, pos):
        return None  # a body named in full is one of its own ("…, Trường Chính trị tỉnh")
    prefix = _cap(" ".join(kind.lower().split())) + " "
    free = prefix.strip().lower() in open_kinds
    synthetic = prefix + text[pos : pos + 200]
    hits = [h for h in (organs.match(synthetic, 0), bodies.match(synthetic, 0)) if h]
    known = free or any(h[1] > len(prefix) and h[0].name.startswith(prefix) for h in hits)
    if not (known or sector):
        return None
    readings = [r for r in (_match_at(synthetic, 0) if known else []) if r[2] > len(prefix)]
    if len(readings) == 1 and not (sector and readings[0][2] - len(prefix) < sector.end() - pos):
        name, _, end, level = readings[0]
        return name, pos, pos + end - len(prefix), level
    if sector:  # (a reading of its own would run on over the list's commas)
        return prefix + normalize_name(sector.group(0)), pos, sector.end(), None
    named = _FREE_ITEM.match(text, pos) if free else None
    return (prefix + normalize_name(named.group(0)), pos, named.end(), None) if named else None


# a freely named member up to the list's next comma or "và" ("… Nhân sự, Tuyên truyền và …")
_FREE_ITEM = re.compile(r"[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,3}(?=\s*[,;]|\s+và\s)", re.IGNORECASE)


def _join_owners(
    text: str, found: list[tuple[str, int, int, str | None, bool]]
) -> list[tuple[str, int, int, str | None, bool]]:
    """ "Ủy ban Kinh tế" + "của Quốc hội" → "Ủy ban Kinh tế của Quốc hội": a body of an
    institution that names its own bodies this way (gazetteer `party_units.owners`)."""
    owners = _owners()
    out: list[tuple[str, int, int, str | None, bool]] = []
    for item in found:
        if out and item[0] in owners and text[out[-1][2] : item[1]] == " của ":
            name, s, _, level, bare = out[-1]
            out[-1] = (f"{name} của {item[0]}", s, item[2], level, bare)
            continue
        out.append(item)
    return out


_UNDER = re.compile(r"\s+trực\s+thuộc\s+", re.IGNORECASE)
_UNITS_UNDER = frozenset({"Đơn vị", "Cơ quan, đơn vị", "Cơ quan", "Cấp ủy"})


def _join_superiors(
    text: str, found: list[tuple[str, int, int, str | None, bool]]
) -> list[tuple[str, int, int, str | None, bool]]:
    """ "các đơn vị" + "trực thuộc Bộ Tư lệnh" → "Đơn vị trực thuộc Bộ Tư lệnh": the units
    of the body named after them, not that body."""
    out: list[tuple[str, int, int, str | None, bool]] = []
    for item in found:
        if out and out[-1][0] in _UNITS_UNDER and _UNDER.fullmatch(text, out[-1][2], item[1]):
            name, s, _, _, bare = out[-1]
            out[-1] = (f"{name} trực thuộc {item[0]}", s, item[2], item[3], bare)
            continue
        out.append(item)
    return out


_COMMA_GAP = re.compile(r"\s*,\s*")  # "Mặt trận và các đoàn thể huyện" keeps "Mặt trận" as printed
_LOCALITY_END = re.compile(r"\s(?P<w>xã|phường|thị\s+trấn|đặc\s+khu|tỉnh|huyện|thành\s+phố)$")
_PLACE_NAME_AFTER = re.compile(rf"(?:[ \t]+{_NAME_WORD})*")  # "… xã" + "Chí Đám", outside a body's span
_GRASSROOTS_END = re.compile(r"\s(?:xã|phường|thị\s+trấn|đặc\s+khu)$")


def _shared_locality(
    text: str, found: list[tuple[str, int, int, str | None, bool]]
) -> list[tuple[str, int, int, str | None, bool]]:
    """ "Công an, Quân sự xã" → "Công an xã": a local body printed bare in a comma list of local
    bodies takes the locality word the list ends with (not in "Ban Xây dựng Đảng, Ủy ban bầu cử, …")."""
    local = _local_bodies()
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        name, s, e, level, bare = out[i]
        after = out[i + 1]
        grassroots = name == "Đảng ủy" and _GRASSROOTS_END.search(after[0])  # "Đảng ủy, UBND xã Chí Đám"
        if (name not in local and not grassroots) or not _COMMA_GAP.fullmatch(text, e, after[1]):
            continue
        before = out[i - 1] if i else None
        if before and _LIST_GAP.fullmatch(text, before[2], s) and before[0] not in local:
            continue
        m = _LOCALITY_END.search(after[0])
        printed = " ".join(text[after[1] : after[2]].split())
        place = re.search(rf"(?<!\w){re.escape(m.group('w'))}(?:\s+{_NAME_WORD})*$", printed) if m else None
        if place and not _PLURAL_QUALIFIER.search(printed):  # "các xã, …": _shared_qualifier
            named = ""  # "Đảng ủy, UBND xã Chí Đám": the Đảng ủy of xã Chí Đám (the name is outside UBND's span)
            if grassroots and place.group(0) == m.group("w"):
                named = " ".join(_PLACE_NAME_AFTER.match(text, after[2]).group(0).split())
            out[i] = (" ".join(filter(None, (name, place.group(0), named))), s, e, level, bare)
    return out


_UNIT_WORD = r"(?:cơ\s+quan|đơn\s+vị|địa\s+phương|(?:tổ\s+chức\s+)?cơ\s+sở\s+đảng(?:\s+trực\s+thuộc)?)"
_QUALIFIER_WORD = rf"(?:{_LOCALITY_WORD}|{_UNIT_WORD})"
# "… các xã, phường" / "… các cơ quan, đơn vị" ending the last name of a list
_PLURAL_QUALIFIER = re.compile(
    rf"\scác\s+(?P<q>{_QUALIFIER_WORD}(?:\s*,\s*(?:và\s+)?{_QUALIFIER_WORD})*(?:\s+{_NAME_WORD})*)\Z", re.IGNORECASE
)


def _shared_qualifier(
    text: str, found: list[tuple[str, int, int, str | None, bool]]
) -> list[tuple[str, int, int, str | None, bool]]:
    """ "cấp ủy, chỉ huy các cơ quan, đơn vị" → Cấp ủy các cơ quan, đơn vị; "Đảng ủy, Ban Xây
    dựng Đảng các xã, phường" → Đảng ủy xã, Đảng ủy phường, …: a plural "các …" ending a comma
    list is shared by the bare heads printed before it (heads that take a locality or unit)."""
    groups = _span_groups(found)
    for g in range(len(groups) - 1, 0, -1):
        last = groups[g][0]
        printed = " ".join(text[last[1] : last[2]].split())
        m = _PLURAL_QUALIFIER.search(printed)
        if m and not _has_own_level(printed[: m.start()]):  # "Ban Thường vụ Đảng ủy các xã": the level's
            _share_back(text, groups, g, _qualifier_suffixes(m.group("q"), groups[g]))
    return [item for group in groups for item in group]


# "… tỉnh ủy, thành ủy, đảng ủy | trực thuộc Trung ương": whose committees the listed ones are
_SUPERIOR = r"trực\s+thuộc\s+(?P<to>Trung\s+ương|Tỉnh\s+ủy|Thành\s+ủy|Huyện\s+ủy|Quận\s+ủy|Thị\s+ủy)"
_SUBORDINATE_TO = re.compile(rf"\s+{_SUPERIOR}(?!\w)", re.IGNORECASE)


def _shared_subordination(
    text: str, found: list[tuple[str, int, int, str | None, bool]]
) -> list[tuple[str, int, int, str | None, bool]]:
    """ "các đảng ủy, tỉnh ủy, thành ủy trực thuộc Trung ương", "các đảng ủy, chi bộ trực thuộc
    Tỉnh ủy": the tail of the list's last member is shared by the bare party units before it
    ("Đảng ủy trực thuộc Trung ương"), and the committee it names is no body of its own."""
    out = list(found)
    for i, (name, s, e, level, bare) in enumerate(found):
        tail = _SUBORDINATE_TO.match(text, e)
        own = _OWN_SUBORDINATION.search(name)
        if not (tail or own) or (i + 1 < len(found) and found[i + 1][1] < e):
            continue
        to = " ".join((tail or own).group("to").split())
        members = [i]
        while members[0] > 0 and _COMMA_GAP.fullmatch(text, found[members[0] - 1][2], found[members[0]][1]):
            members.insert(0, members[0] - 1)
        for k in members[:-1]:
            if out[k][0] in _SUBORDINATE_UNITS:
                out[k] = (f"{out[k][0]} trực thuộc {to[0].upper()}{to[1:]}", out[k][1], out[k][2], out[k][3], False)
        if tail and not own:
            out[i] = (name, s, tail.end(), level, bare)  # the tail is the list's, not a body of its own
            out = [f for f in out if not (tail.start() < f[1] < tail.end())]
    return out


@lru_cache(maxsize=1)
def _committee_scopes() -> dict[str, str | None]:
    return {e.name: e.scope for e in _level_entries() if e.name.endswith(" ủy")}


def _siblings(a: str, b: str) -> bool:
    """Two committees of one tier (the gazetteer's level scope; a city's Thành ủy sits with the
    provinces as well as with the districts)."""
    scopes = _committee_scopes()
    if a == b or a not in scopes or b not in scopes:
        return False
    return scopes[a] == scopes[b] or {a, b} == {"Tỉnh ủy", "Thành ủy"}


def _distributed_organ(
    text: str, found: list[tuple[str, int, int, str | None, bool]]
) -> list[tuple[str, int, int, str | None, bool]]:
    """ "Ban Tổ chức Quận ủy, Huyện ủy, Thị ủy", "Thường trực Huyện ủy, Thành ủy và
    Đảng ủy trực thuộc": an organ printed once before a list of committees of its tier is each one's."""
    out = list(found)
    for i, (name, _s, _e, level, _bare) in enumerate(found):
        if not level or not name.endswith(" " + level) or name == level:
            continue
        organ = name[: -len(level) - 1]
        j = i + 1
        while j < len(found) and _LIST_GAP.fullmatch(text, found[j - 1][2], found[j][1]):
            member = found[j][0]
            sibling = _siblings(member, level)
            if not (sibling or (j > i + 1 and member == "Đảng ủy trực thuộc")):
                break
            out[j] = (f"{organ} {member}", found[j][1], found[j][2], member, False)
            j += 1
    return out


def _shared_party_head(
    text: str, found: list[tuple[str, int, int, str | None, bool]]
) -> list[tuple[str, int, int, str | None, bool]]:
    """ "các Đảng ủy Bộ Tài chính, Bộ Nội vụ": a plural party committee printed once before a
    list of bodies of one kind is each one's ("Đảng ủy Bộ Nội vụ")."""
    out = list(found)
    for i, (name, s, _e, _level, _bare) in enumerate(found):
        head = _PARTY_HEAD.match(name)
        if head is None or not _PLURAL_BEFORE.search(text, max(0, s - 6), s):
            continue
        kind = head.group("kind")
        j = i
        while j + 1 < len(found) and _MEMBER_GAP.fullmatch(text, found[j][2], found[j + 1][1]) and found[j + 1][0].startswith(kind + " "):
            j += 1
            n, s2, e2, lv, _ = found[j]
            out[j] = (f"{head.group('party')} {n}", s2, e2, lv, False)
    return out


_PARTY_HEAD = re.compile(r"(?P<party>Đảng ủy|Ban cán sự [Đđ]ảng|Đảng đoàn) (?P<kind>Bộ|Sở|Tổng cục|Cục)\s")
_MEMBER_GAP = re.compile(r"\s*(?:,\s*(?:và\s+)?|và\s+)")
_PLURAL_BEFORE = re.compile(r"(?<!\w)các\s+\Z", re.IGNORECASE)


_OWN_SUBORDINATION = re.compile(rf"{_SUPERIOR}\Z")
_SUBORDINATE_UNITS = frozenset({"Đảng ủy", "Chi bộ", "Đảng bộ"})


def _span_groups(found: list[tuple[str, int, int, str | None, bool]]) -> list[list[tuple[str, int, int, str | None, bool]]]:
    """Mentions grouped by span: a split list ("Đảng ủy các xã, phường") is one group."""
    groups: list[list[tuple[str, int, int, str | None, bool]]] = []
    for item in found:
        if groups and groups[-1][0][1:3] == item[1:3]:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _share_back(text: str, groups: list[list[tuple[str, int, int, str | None, bool]]], g: int, suffixes: list[str]) -> None:
    """Give the bare heads in the comma list before group `g` its places or units, in place."""
    heads = _qualifiable_heads()
    j = g - 1
    while j >= 0 and len(groups[j]) == 1 and groups[j][0][0] in heads and _COMMA_GAP.fullmatch(text, groups[j][0][2], groups[j + 1][0][1]):
        name, s, e, level, _ = groups[j][0]
        if j and _PAIRED.fullmatch(text, groups[j - 1][-1][2], s):
            break  # "Hội Nông dân và các đoàn thể, Đảng ủy, … các xã": a pair of its own
        if name.startswith("Sở"):
            break  # "các sở, ngành và UBND các xã, phường": the departments are the province's
        groups[j] = [(f"{name} {suffix}", s, e, level, False) for suffix in suffixes]
        j -= 1


_PAIRED = re.compile(r"\s+và\s+(?:các\s+)?", re.IGNORECASE)


def _has_own_level(head: str) -> bool:
    """ "Ban Thường vụ Đảng ủy": an organ printed with its level (the places are the level's)."""
    return any(level is not None and name != level for name, _, _, level in _match_at(head, 0))


def _qualifier_suffixes(printed: str, group: list[tuple[str, int, int, str | None, bool]]) -> list[str]:
    """What each earlier head takes: one place word per body of a split place list ("xã",
    "phường"), else the units as printed ("các cơ quan, đơn vị")."""
    if len(group) > 1:
        return [m.group("w") for name, *_ in group if (m := _NAMED_PLACE_END.search(name))]
    return ["các " + printed]


_NAMED_PLACE_END = re.compile(rf"\s(?P<w>{_LOCALITY_WORD}(?:\s+{_NAME_WORD})*)$")


@lru_cache(maxsize=1)
def _qualifiable_heads() -> frozenset[str]:
    """Names that may take a locality or unit after them: bodies and levels with a tail, organs."""
    tailed = (e for section, kind in (("levels", "level"), ("bodies", "body")) for e in _entries(section, kind))
    with_tail = [e.name for e in tailed if e.tail is not None]
    return frozenset(with_tail + [e.name for e in _entries("organs", "organ")])


@lru_cache(maxsize=1)
def _local_bodies() -> frozenset[str]:
    """Bodies the gazetteer lets a locality word follow (a `tail` that takes "xã"), by name."""
    return frozenset(e.name for e in _entries("bodies", "body") if e.tail is not None and e.tail.match(" xã"))


@lru_cache(maxsize=1)
def _owners() -> frozenset[str]:
    return frozenset(gazetteer().get("party_units", {}).get("owners", []))


_UNIT_GAP = re.compile(r" (?:cơ quan |ở )?")


@lru_cache(maxsize=1)
def _party_unit_heads() -> frozenset[str]:
    return frozenset(gazetteer().get("party_units", {}).get("heads", []))


@lru_cache(maxsize=1)
def _unit_committees() -> frozenset[str]:
    return frozenset(gazetteer().get("party_units", {}).get("committees", []))


def _join_party_units(
    text: str, found: list[tuple[str, int, int, str | None, bool]]
) -> list[tuple[str, int, int, str | None, bool]]:
    """ "Đảng ủy" + "Quốc hội" → "Đảng ủy Quốc hội": a Party unit printed right before the body
    it is formed in (one space, no comma; or "cơ quan" / "ở" between: "Đảng ủy cơ quan Văn phòng
    Quốc hội", "Tổ đảng ở Thường trực Hội đồng Dân tộc") is one body; a level may follow."""
    heads = _party_unit_heads()
    out: list[tuple[str, int, int, str | None, bool]] = []
    joined = False
    last = ""  # the last body joined into out[-1] ("Thường trực" in "Tổ đảng ở Thường trực")
    for item in found:
        name, s, e, level, bare = item
        if out:
            pname, ps, pe, plevel, _ = out[-1]
            gap = _UNIT_GAP.fullmatch(text, pe, s)
            # "Ban Thường vụ Đảng ủy" + "UBND tỉnh": the standing committee of that Đảng ủy
            standing = pname in _unit_committees() and gap is not None and gap.group() == " "
            # "Ban Tuyên giáo và Dân vận Đảng ủy" + "UBND tỉnh": an organ of that body's Đảng ủy
            of_unit = plevel in heads and gap is not None and gap.group() == " " and not pname.startswith("Thường trực")
            if gap and text[s : s + 1].isupper() and (last in heads or standing or of_unit or (joined and level is not None and gap.group() == " ")):
                out[-1] = (f"{pname}{gap.group()}{name}", ps, e, None, False)
                joined, last = True, name
                continue
        out.append(item)
        joined, last = False, name
    return out


_CAPS_WORD = re.compile(r"[^\W\d_]{2,}")
_PLACE_WORDS = {"tỉnh", "huyện", "thị", "xã", "thành", "phố", "quận", "phường", "trấn"}


def _header_case(name: str) -> str:
    """A name whose tail came from a capitals-only header line ("Ban Chấp hành Đảng bộ TỈNH",
    "Ủy ban nhân dân HUYỆN TUY PHONG") gets the usual case: place words lower, proper names
    capitalised. Abbreviations (no place word, a single word: "UBND") are left alone."""
    words = name.split(" ")
    k = len(words)
    while k > 0 and _CAPS_WORD.fullmatch(words[k - 1]) and words[k - 1].isupper():
        k -= 1
    tail = words[k:]
    if not tail or k == 0 or not any(c.islower() for c in " ".join(words[:k])):
        return name
    if tail[0].lower() not in _PLACE_WORDS and len(tail) < 2:
        return name
    if not all(set(fold_diacritics(w)) & set("aeiouy") for w in tail):
        return name  # "Sở GD ĐT": abbreviations
    out, in_place = [], True
    for w in tail:
        low = w.lower()
        if in_place and low in _PLACE_WORDS:
            out.append(low)
        else:
            in_place = False
            out.append(low[:1].upper() + low[1:])
    return " ".join(words[:k] + out)


def _level_part(name: str, level: str) -> str:
    """The level (with its tail) at the end of an organ+level name."""
    k = name.find(level)
    return name[k:] if k >= 0 else level


def _with_level(organ: str, other: str, level: str | None) -> str:
    return f"{organ} {_level_part(other, level)}" if level else organ


# ------------------------------------------------------------------ names


_LEADING_LIST_WORD = re.compile(r"^(?:các|những|từng|mỗi|tất\s+cả\s+các)\s+", re.IGNORECASE)


def canonical_body(name: str) -> str:
    """Full canonical form of a body name as printed ("các BTC TU" → "Ban Tổ chức Tỉnh ủy")."""
    cleaned = _LEADING_LIST_WORD.sub("", normalize_name(name)).strip(" ,;:.")
    mentions = find_bodies(cleaned)
    if len(mentions) == 1 and (mentions[0].end - mentions[0].start) >= 0.6 * len(cleaned):
        return mentions[0].name
    return _cap(cleaned)


def _level_entries() -> tuple[_Entry, ...]:
    return _entries("levels", "level")


def body_level(name: str) -> str | None:
    """Administrative scope of a body name: "central", "province", "district", "bloc", "grassroots"."""
    for entry in sorted(_level_entries(), key=lambda e: len(e.name), reverse=True):
        if re.search(rf"(?<!\w){re.escape(entry.name)}(?!\w)", name, re.IGNORECASE):
            return entry.scope
    if re.search(r"(?<!\w)tỉnh\Z", name):
        return "province"
    if re.search(r"(?<!\w)(?:huyện|thị\s+xã|thành\s+phố|quận)\Z", name):
        return "district"
    return None


@lru_cache(maxsize=1)
def _bare_organs() -> frozenset[str]:
    """Organs that belong to a committee ("Ban Tổ chức", "Ủy ban Kiểm tra", "Văn phòng")."""
    return frozenset(e.name for e in _entries("organs", "organ"))


_CENTRAL_ISSUER = re.compile(r"^(?:Bộ Chính trị|Ban Bí thư|Ban Chấp hành Trung ương)")
_COMMITTEE_IN_ISSUER = re.compile(r"(?:(?:Tỉnh|Thành|Huyện|Thị|Quận) ủy|Đảng ủy)(?: [^\W\d_]+)*\Z")


def _issuer_committee(issuer: str) -> str | None:
    """The committee an issuer belongs to: "Ban Thường vụ Đảng ủy xã Tân An" → "Đảng ủy xã Tân An"."""
    if _CENTRAL_ISSUER.match(issuer):
        return "Trung ương"
    m = _COMMITTEE_IN_ISSUER.search(issuer)
    return m.group(0) if m else None


def qualify(name: str, meta: DocumentMeta | None) -> str:
    """Add the issuer's locality to a local body ("Ban Tổ chức Tỉnh ủy" → "... Bình Thuận").

    Only when the document fixes it: the body's level must be the issuer's level (a
    district plan's "Tỉnh ủy" is another locality). Generic bodies stay as they are. An organ
    printed without its committee ("Ủy ban Kiểm tra") is the issuer's ("... Tỉnh ủy Khánh Hòa"),
    never Trung ương's unless the issuer is central.
    """
    if meta is None:
        return name
    if name in _bare_organs() and meta.issuer:
        committee = _issuer_committee(meta.issuer)  # "Ủy ban Kiểm tra" of a Tỉnh ủy is the Tỉnh ủy's
        return f"{name} {committee}" if committee else name
    if not meta.locality:
        return name
    doc_level = meta.level or (body_level(meta.issuer) if meta.issuer else None)
    level = body_level(name)
    if level is None or level != doc_level or level in {"central", "grassroots"}:
        return name
    if fold_diacritics(meta.locality) in fold_diacritics(name):
        return name
    if level == "bloc" and not re.search(r"(?<!\w)tỉnh\Z", name):
        return name
    return f"{name} {meta.locality}"


# ------------------------------------------------------------------ variants


@lru_cache(maxsize=1)
def _known_names() -> tuple[str, ...]:
    names = set()
    levels = _level_entries()
    for e in _entries("organs", "organ"):
        names.add(e.name)
        for lv in levels:
            names.add(f"{e.name} {lv.name}")
    for e in (*levels, *_entries("bodies", "body")):
        names.add(e.name)
    return tuple(sorted(names))


# The TF-IDF model of known names is a plain-data artifact (models/body_variants_tfidf.json,
# rebuilt by scripts/build_models.py): loading it costs milliseconds and keeps scikit-learn
# out of every run-time path; without it (or when the gazetteer changed) it is fitted here.

MODEL_FORMAT = "body-variants-tfidf/1"
MODEL_FILE = "body_variants_tfidf.json"
_NGRAM_RANGE = (2, 4)
_DIGITS = 12  # rounding keeps the artifact byte-identical across platforms


def models_dir() -> Path:
    """Where trained artifacts live: $DIRECTIVES_MODELS, else the repository's models/."""
    env = os.environ.get("DIRECTIVES_MODELS")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "models"


def gazetteer_digest() -> str:
    """SHA-256 of bodies.yaml: an artifact fitted on another gazetteer is stale."""
    data = resources.files("pipeline.data").joinpath("bodies.yaml").read_bytes()
    return hashlib.sha256(data).hexdigest()


def char_wb_ngrams(text: str) -> list[str]:
    """Character n-grams inside word boundaries, as scikit-learn's analyzer="char_wb" makes them
    (accent-folded first), so vectors computed here equal the fitted vectorizer's."""
    out: list[str] = []
    lo, hi = _NGRAM_RANGE
    for word in fold_diacritics(text).split():
        w = f" {word} "
        for n in range(lo, hi + 1):
            offset = 0
            out.append(w[offset : offset + n])
            while offset + n < len(w):
                offset += 1
                out.append(w[offset : offset + n])
            if offset == 0:  # a word shorter than n counts once
                break
    return out


def fit_variant_model() -> dict:
    """Fit the char n-gram TF-IDF model on the gazetteer's names; return it as plain data."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    names = list(_known_names())
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=_NGRAM_RANGE, preprocessor=fold_diacritics)
    matrix = vectorizer.fit_transform(names).tocsr()
    matrix.sort_indices()
    vectors = []
    for i in range(matrix.shape[0]):
        row = matrix.getrow(i)
        vectors.append([[int(j), round(float(v), _DIGITS)] for j, v in zip(row.indices, row.data, strict=True)])
    return {
        "format": MODEL_FORMAT,
        "analyzer": "char_wb",
        "ngram_range": list(_NGRAM_RANGE),
        "preprocessor": "pipeline.normalize.fold_diacritics",
        "norm": "l2",
        "gazetteer_sha256": gazetteer_digest(),
        "vocabulary": {k: int(v) for k, v in sorted(vectorizer.vocabulary_.items())},
        "idf": [round(float(x), _DIGITS) for x in vectorizer.idf_],
        "names": names,
        "vectors": vectors,
    }


def dump_variant_model(model: dict) -> str:
    """The artifact's exact text: sorted keys, compact, so a rebuild can be compared byte for byte."""
    return json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


class VariantModel:
    """Loaded TF-IDF model: sparse vectors of known names and of any query name."""

    def __init__(self, model: dict):
        self.vocabulary: dict[str, int] = model["vocabulary"]
        self.idf: list[float] = model["idf"]
        self.names: tuple[str, ...] = tuple(model["names"])
        self.vectors: list[dict[int, float]] = [{j: v for j, v in row} for row in model["vectors"]]

    def vector(self, text: str) -> dict[int, float]:
        counts: dict[int, int] = {}
        for gram in char_wb_ngrams(text):
            j = self.vocabulary.get(gram)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        weighted = {j: c * self.idf[j] for j, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in weighted.values()))
        return {j: v / norm for j, v in weighted.items()} if norm else {}

    @staticmethod
    def dot(a: dict[int, float], b: dict[int, float]) -> float:
        if len(a) > len(b):
            a, b = b, a
        return sum(v * b.get(j, 0.0) for j, v in a.items())


@lru_cache(maxsize=1)
def variant_model() -> VariantModel:
    """The committed artifact when it matches the gazetteer, else a model fitted now."""
    path = models_dir() / MODEL_FILE
    try:
        model = json.loads(path.read_text(encoding="utf-8"))
        if model.get("format") == MODEL_FORMAT and model.get("gazetteer_sha256") == gazetteer_digest():
            return VariantModel(model)
    except (OSError, ValueError):
        pass
    return VariantModel(fit_variant_model())


def _same_level_words(a: str, b: str) -> bool:
    """Different levels (Tỉnh ủy vs Huyện ủy) or heads are different bodies however similar."""
    return body_level(a) == body_level(b) and fold_diacritics(a).split()[:2] == fold_diacritics(b).split()[:2]


def similarity(a: str, b: str) -> float:
    """Cosine similarity of character n-gram TF-IDF vectors (accent-folded)."""
    model = variant_model()
    return model.dot(model.vector(a), model.vector(b))


@dataclass(frozen=True)
class Succession:
    """A body that took over another's work: `successor` since `since` (ISO date)."""

    former: str
    successor: str
    since: str


def successors(name: str) -> list[Succession]:
    """Bodies that carry on the work of `name` after the 2025 reorganisation ("Ban Tuyên giáo
    Tỉnh ủy" -> "Ban Tuyên giáo và Dân vận Tỉnh ủy"); the level or locality is kept."""
    canonical = canonical_body(name)
    out = []
    for entry in gazetteer().get("successions", []):
        old, new = entry["old"], entry["new"]
        if canonical.startswith(new) or not re.match(re.escape(old) + r"(?!\w)", canonical):
            continue
        out.append(Succession(canonical, new + canonical[len(old) :], entry["since"]))
    return out


def body_variants(name: str, threshold: float = 0.9) -> set[str]:
    """Spellings that denote the same body: canonical, folded, abbreviations, near-duplicates.

    Used by `tasks --body NAME` so "ban to chuc tinh uy", "BTC Tỉnh ủy" and "Ban Tổ chức
    Tỉnh uỷ" all find the same tasks.
    """
    canonical = canonical_body(name)
    out = {canonical, fold_diacritics(canonical), canonical.lower()}
    model = variant_model()
    query = model.vector(canonical)
    for known, vec in zip(model.names, model.vectors, strict=True):
        if model.dot(query, vec) >= threshold and _same_level_words(known, canonical):
            out.add(known)
    # Abbreviated spellings from the gazetteer ("BTC Tỉnh ủy", "Ban Tổ chức TU").
    for entry in (*_entries("organs", "organ"), *_level_entries(), *_entries("bodies", "body")):
        if canonical.startswith(entry.name) or canonical.endswith(entry.name):
            for p in entry.patterns:
                if not p.startswith("re:"):
                    out.add(canonical.replace(entry.name, normalize_name(p), 1))
    # Names kept as printed that denote one body ("Mặt trận Tổ quốc tỉnh" = "Ủy ban Mặt trận
    # Tổ quốc Việt Nam tỉnh"): every member of the alias group, with the same locality.
    head, rest = _alias_split(canonical)
    if head is not None:
        for member in _alias_groups()[head]:
            out.add(member + rest)
            out.add(fold_diacritics(member + rest))
    # A former body's tasks now fall to its successor: a search by the old name finds them too.
    for succession in successors(canonical):
        out.add(succession.successor)
        out.add(fold_diacritics(succession.successor))
    return out


@lru_cache(maxsize=1)
def _alias_groups() -> dict[str, tuple[str, ...]]:
    """Gazetteer names that share a `same_as` group → all names of the group."""
    groups: dict[str, list[str]] = {}
    for raw in gazetteer().get("bodies", []):
        if raw.get("same_as"):
            groups.setdefault(normalize_name(raw["same_as"]), []).append(normalize_name(raw["name"]))
    out: dict[str, tuple[str, ...]] = {}
    for key, members in groups.items():
        names = tuple(dict.fromkeys([key, *members]))
        for n in names:
            out[n] = names
    return out


def _alias_split(name: str) -> tuple[str | None, str]:
    """(longest alias-group name that begins `name`, the rest such as " tỉnh") or (None, "")."""
    folded = fold_diacritics(name)
    for alias in sorted(_alias_groups(), key=len, reverse=True):
        fa = fold_diacritics(alias)
        if folded == fa or folded.startswith(fa + " "):
            return alias, name[len(alias) :]
    return None, ""


def alias_key(name: str) -> str:
    """Accent-folded key shared by every printed name of one body ("Ủy ban MTTQ Việt Nam tỉnh"
    and "Mặt trận Tổ quốc tỉnh" → the same key); other names: their folded form."""
    head, rest = _alias_split(name)
    if head is None:
        return fold_diacritics(name)
    return fold_diacritics(_alias_groups()[head][0] + rest)


def merge_variants(names: list[str], threshold: float = 0.85, tfidf: bool = True) -> dict[str, str]:
    """Map each name to one representative: folded-equal names, names of one alias group
    ("Mặt trận Tổ quốc tỉnh" = "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"), a shorter printing of a
    longer name ("Đảng ủy Khối" ⊂ "Đảng ủy Khối cơ quan Dân Chính Đảng"), or TF-IDF near-duplicates."""
    order = sorted(set(names), key=longest_first)
    rep: dict[str, str] = {}
    for n in order:
        fn = fold_diacritics(n)
        for r in dict.fromkeys(rep.values()):
            fr = fold_diacritics(r)
            if fn == fr or alias_key(n) == alias_key(r) or (fr.startswith(fn + " ") and _same_level_words(n, r)):
                rep[n] = r
                break
            if (
                tfidf
                and _same_level_words(n, r)
                and len(fn.split()) == len(fr.split())
                and similarity(n, r) >= threshold
            ):
                rep[n] = r
                break
        else:
            rep[n] = n
    return rep
