"""Vietnamese text scoring and the legacy font encodings (TCVN3/ABC, VNI).

Legacy Vietnamese documents were typed in 8-bit fonts (.VnTime = TCVN3,
VNI-Times = VNI). Read as bytes, or extracted from a PDF/Word file, such text
surfaces as Latin-1 look-alikes ("TØnh ñy" for "Tỉnh ủy"). Which decoding is
right is decided by a score: the share of tokens that have the shape of a
Vietnamese syllable (grammar in `pipeline/data/vietnamese_syllables.yaml`).

TCVN3 uses viparse's table (checked by round-trip tests). The VNI table is
built here from the encoding's regular layout (base letter + one mark byte),
because viparse's VNI table leaves out combinations it never observed (ẳ).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, NamedTuple

from ..lexicon import data_yaml

if TYPE_CHECKING:
    from viparse.normalize.tables import Charmap

# --- syllable grammar -------------------------------------------------------------------------


@dataclass(frozen=True)
class SyllableGrammar:
    """Compiled form of vietnamese_syllables.yaml."""

    pattern: re.Pattern
    tone_marks: frozenset[str]
    examples_valid: tuple[str, ...]
    examples_invalid: tuple[str, ...]


def _alternation(items: list[str]) -> str:
    return "|".join(re.escape(i) for i in sorted(items, key=len, reverse=True))


@cache
def syllable_grammar() -> SyllableGrammar:
    """Load and compile the syllable grammar once."""
    raw = data_yaml("vietnamese_syllables.yaml")
    pattern = re.compile(
        f"(?:{_alternation(raw['onsets'])})?(?:{_alternation(raw['glides'])})?"
        f"(?:{_alternation(raw['nuclei'])})(?:{_alternation(raw['codas'])})?"
    )
    return SyllableGrammar(
        pattern=pattern,
        tone_marks=frozenset(raw["tone_marks"]),
        examples_valid=tuple(raw["examples"]["valid"]),
        examples_invalid=tuple(raw["examples"]["invalid"]),
    )


# What a tone mark may follow in NFD: a vowel or a vowel-quality mark (â ă ơ ư).
_TONE_BEARERS = frozenset("aeiouy\u0302\u0306\u031b")


def _case_is_plain(token: str) -> bool:
    """Words are "tỉnh", "Tỉnh" or "TỈNH"; "trÌnh" (capital after small) is not."""
    rest = token[1:]
    return rest == rest.lower() or token == token.upper()


@lru_cache(maxsize=65536)
def is_vietnamese_syllable(token: str) -> bool:
    """True when `token` (one word, any case/normal form) has the shape of a Vietnamese syllable."""
    grammar = syllable_grammar()
    decomposed = unicodedata.normalize("NFD", token.lower())
    tones = sum(1 for c in decomposed if c in grammar.tone_marks)
    if tones > 1 or not _case_is_plain(token):
        return False
    for i, c in enumerate(decomposed):
        if c in grammar.tone_marks and decomposed[i - 1 if i else 0].lower() not in _TONE_BEARERS:
            return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in grammar.tone_marks))
    return grammar.pattern.fullmatch(base) is not None


# Token separators: whitespace, ASCII punctuation and general punctuation. No legacy
# encoding uses these code points for letters, so splitting on them is safe for every
# candidate decoding.
_SEPARATORS = re.compile(r"[\s!-/:-@\[-`{-~\u2000-\u206f]+")
_SAMPLE_CHARS = 200_000


@dataclass(frozen=True)
class VietnameseScore:
    """How Vietnamese a decoded text reads: valid syllables / scored tokens."""

    valid: int
    scored: int

    @property
    def share(self) -> float:
        return self.valid / self.scored if self.scored else 0.0


def _sample(text: str) -> str:
    """Beginning, middle and end of a long text: enough to judge an encoding, bounded in time."""
    if len(text) <= _SAMPLE_CHARS:
        return text
    third = _SAMPLE_CHARS // 3
    mid = len(text) // 2
    return text[:third] + "\n" + text[mid : mid + third] + "\n" + text[-third:]


def score_vietnamese(text: str) -> VietnameseScore:
    """Score the share of word tokens that are Vietnamese syllables (on a bounded sample)."""
    valid = scored = 0
    for token in _SEPARATORS.split(_sample(text)):
        if not token or len(token) > 12 or any(c.isdigit() for c in token):
            # Long runs are not words (ids, base64, mojibake); count them as failures.
            if token and len(token) > 12:
                scored += 1
            continue
        scored += 1
        if is_vietnamese_syllable(token):
            valid += 1
    return VietnameseScore(valid, scored)


# --- VNI --------------------------------------------------------------------------------------

# VNI stores a toned vowel as base letter + one mark byte (shown as its CP1252 character).
# Lowercase marks; the uppercase mark is the same byte minus 0x20 (the CP1252 capital).
_VNI_MARKS = {
    "ù": "\u0301",  # acute
    "ø": "\u0300",  # grave
    "û": "\u0309",  # hook above
    "õ": "\u0303",  # tilde
    "ï": "\u0323",  # dot below
    "â": "\u0302",  # circumflex
    "á": "\u0302\u0301",
    "à": "\u0302\u0300",
    "å": "\u0302\u0309",
    "ã": "\u0302\u0303",
    "ä": "\u0302\u0323",
    "ê": "\u0306",  # breve
    "é": "\u0306\u0301",
    "è": "\u0306\u0300",
    "ú": "\u0306\u0309",
    "ü": "\u0306\u0303",
    "ë": "\u0306\u0323",
}
# Letters VNI writes as a single byte.
_VNI_SINGLE = {
    "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "ñ": "đ", "Ñ": "Đ",
    "ò": "ị", "Ò": "Ị", "æ": "ỉ", "Æ": "Ỉ", "ó": "ĩ", "Ó": "Ĩ",
    "ì": "ì", "Ì": "Ì", "í": "í", "Í": "Í",
}  # fmt: skip
_VNI_TONE_ONLY = {"\u0301", "\u0300", "\u0309", "\u0303", "\u0323"}


def _vni_entries() -> list[tuple[str, str]]:
    entries: dict[str, str] = dict(_VNI_SINGLE)
    for base_lower in "aeiouyơư":
        for mark, combining in _VNI_MARKS.items():
            quality = combining[0]
            if base_lower in "iyơư" and combining not in _VNI_TONE_ONLY:
                continue  # i/y/ơ/ư take tone marks only
            if quality == "\u0302" and base_lower not in "aeo":
                continue
            if quality == "\u0306" and base_lower != "a":
                continue
            if base_lower == "i":
                continue  # the i family is single bytes (ì í ỉ ĩ ị)
            for base, mark_char in ((base_lower, mark), (base_lower.upper(), mark.upper())):
                legacy_base = {"ơ": "ô", "Ơ": "Ô", "ư": "ö", "Ư": "Ö"}.get(base, base)
                letter = unicodedata.normalize("NFC", base + combining)
                entries[legacy_base + mark_char] = letter
    return sorted(entries.items())


LEGACY_ENCODINGS = ("tcvn3", "vni")


@cache
def legacy_charmaps() -> dict[str, Charmap]:
    """The TCVN3 and VNI tables; viparse is imported only here (a Unicode text never needs it)."""
    from viparse.normalize.tables import build_charmap
    from viparse.normalize.tcvn3 import TCVN3

    return {"tcvn3": TCVN3, "vni": build_charmap("vni", _vni_entries())}


def __getattr__(name: str) -> object:
    if name == "LEGACY_CHARMAPS":  # the tables under their old name, built on first use
        return legacy_charmaps()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# Latin-1 characters that never occur in Unicode Vietnamese (it uses only àáâãèéêìíòóôõùúý and
# their capitals from this block). A legacy font's text always shows some of them.
_LEGACY_SURFACE = re.compile(
    "[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db\u00dc\u00de-\u00df\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff]"
)


def has_legacy_surface(text: str) -> bool:
    """Cheap pre-check: does `text` contain any Latin-1 letters a legacy font would produce?"""
    return _LEGACY_SURFACE.search(text) is not None


@dataclass(frozen=True)
class LegacyFont:
    """What a font name says about the bytes set in it."""

    encoding: str
    uppercase: bool  # a capitals-only font (.VnTimeH): typed in lower case


@cache
def _font_families() -> tuple[dict, ...]:
    raw = data_yaml("legacy_fonts.yaml")
    return tuple(raw["families"])


_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


@lru_cache(maxsize=1024)
def legacy_font(font: str | None) -> LegacyFont | None:
    """The legacy encoding a font implies (".VnTime" → TCVN3), or None for a Unicode font."""
    if not font:
        return None
    name = _SUBSET_TAG.sub("", font.strip()).lower()
    for family in _font_families():
        if name.startswith(family["prefix"]):
            suffix = family.get("uppercase_suffix")
            return LegacyFont(family["encoding"], bool(suffix) and name.endswith(suffix))
    return None


def convert_font_run(text: str, font: LegacyFont) -> str:
    """Convert one run of text set in a legacy font (no case guessing: the font says it)."""
    if font.encoding == "tcvn3":
        text = _PDF_GLYPHS.sub(lambda m: "\xad" if m.group() == "\u2212" else "\xb7", text)
    converted = unicodedata.normalize("NFC", _apply_charmap(text, legacy_charmaps()[font.encoding]))
    return converted.upper() if font.uppercase else converted


_WORD = re.compile(r"[^\W\d_]+")
_VOTING_WORD = re.compile(r"(?<![\w/-])[^\W\d_]+(?![\w/-])")
# A capital after another letter ("TØNH" → "TỉNH"): the line needs a word-by-word look.
_CAPITAL_INSIDE = re.compile("(?<=[^\\W\\d_])[A-ZĐĂÂÊÔƠƯ]")
# A column of a line and the gaps around it (tab or 3+ spaces), as alternatives of one pattern.
_COLUMN_GAP = re.compile(r"(\t| {3,})|((?:(?!\t| {3}).)+)")
# The first word of a sentence: at a line start (after bullets or numbering) or after a full stop.
# Only words starting with a toned small letter (which TCVN3 cannot capitalize) are candidates.
_TONED_SMALL = "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
_SENTENCE_OPENER = re.compile(
    rf"(?m)(^(?:[^\w\n]|[\d_]){{0,12}}|[.!?][\"\u201d)]?[ \t]+)([{_TONED_SMALL}][^\W\d_]*)"
)


# Letters TCVN3 can write in both cases: their case in the converted text is certain.
_CASE_CERTAIN = frozenset("abcdefghijklmnopqrstuvwxyzăâêôơưđ")


def _word_case(word: str) -> str:
    """Return "caps" if the word is certainly upper case, "lower" if certainly not, else "unknown"."""
    if any(c in _CASE_CERTAIN for c in word):
        return "lower"
    if any(c.isupper() for c in word[1:]):
        return "caps"
    return "unknown"


def _restore_capitals(text: str) -> str:
    """TCVN3 has no capital toned letters: restore them where the case is certain.

    "TØNH ñY" converts to "TỉNH ủY". A word with a capital after its first letter
    and no certain small letter is a capital word; so is every word on a line
    of such words ("BÍ THƯ"); a word opening a sentence starts with a capital.
    Symbols with digits or slashes ("15-NQ/TU") do not vote. Linear time: only
    lines with a capital inside a word are looked at word by word.
    """

    def fix_caps_line(line: str) -> str:
        votes = {_word_case(m.group(0)) for m in _VOTING_WORD.finditer(line)}
        line_is_caps = "caps" in votes and "lower" not in votes

        def fix(m: re.Match) -> str:
            word = m.group(0)
            case = _word_case(word)
            return word.upper() if case == "caps" or (line_is_caps and case == "unknown") else word

        return _WORD.sub(fix, line)

    def capitalize(m: re.Match) -> str:
        word = m.group(2)
        if word[0].islower() and _word_case(word) == "unknown":
            word = word[0].upper() + word[1:]
        return m.group(1) + word

    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _CAPITAL_INSIDE.search(line):
            # Columns of a flattened two-column block vote separately:
            # "Nơi nhận:<gap>T/L BAN THƯỜNG VỤ" has a capitals column on the right.
            lines[i] = _COLUMN_GAP.sub(lambda m: m.group(1) or fix_caps_line(m.group(2)), line)
    return _SENTENCE_OPENER.sub(capitalize, "\n".join(lines))


@cache
def _charmap_pattern(charmap: Charmap) -> tuple[re.Pattern, dict[str, str]]:
    """One regex alternation, longest sequences first: a C-speed single left-to-right scan."""
    table = dict(charmap.pairs)
    return re.compile("|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))), table


@cache
def _translation(charmap: Charmap) -> dict[int, str] | None:
    """A str.translate table when every legacy sequence is one character (TCVN3), else None."""
    if all(len(legacy) == 1 for legacy, _ in charmap.pairs):
        return {ord(legacy): unicode for legacy, unicode in charmap.pairs}
    return None


def _apply_charmap(text: str, charmap: Charmap) -> str:
    table = _translation(charmap)
    if table is not None:
        return text.translate(table)
    pattern, sequences = _charmap_pattern(charmap)
    return pattern.sub(lambda m: sequences[m.group()], text)


# A PDF text layer turns two TCVN3 letters into math symbols (viparse measured this):
# 0xAD (ư) becomes U+2212 MINUS SIGN and 0xB7 (ã) U+2219 BULLET OPERATOR. Next to a letter
# they are letters; between digits they stay symbols.
_PDF_GLYPHS = re.compile(r"(?<=[^\W\d_])[\u2212\u2219]|[\u2212\u2219](?=[^\W\d_])")


def from_legacy(text: str, encoding: str) -> str:
    """Convert text in a legacy font's surface characters ("tcvn3" or "vni") to NFC Unicode."""
    if encoding == "tcvn3":
        text = _PDF_GLYPHS.sub(lambda m: "\xad" if m.group() == "\u2212" else "\xb7", text)
    converted = unicodedata.normalize("NFC", _apply_charmap(text, legacy_charmaps()[encoding]))
    if encoding == "tcvn3":
        converted = _restore_capitals(converted)
    return converted


def _inverse(charmap: Charmap) -> dict[str, str]:
    return {unicode: legacy for legacy, unicode in charmap.pairs}


def to_legacy(text: str, encoding: str) -> str:
    """Encode Unicode text into a legacy font's surface characters (for fixtures and tests).

    TCVN3 has no capital toned letters: they are written with the lowercase code,
    as a .VnTimeH heading font would.
    """
    inverse = _inverse(legacy_charmaps()[encoding])
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if char in inverse:
            out.append(inverse[char])
        elif encoding == "tcvn3" and char.lower() in inverse:
            out.append(inverse[char.lower()])
        else:
            out.append(char)
    return "".join(out)


class LegacyReading(NamedTuple):
    """Outcome of `best_legacy_reading`: the text and how it was converted."""

    text: str
    encoding: str | None  # legacy encoding of the whole text, or None
    score: VietnameseScore
    converted_lines: int = 0  # lines converted one by one in an otherwise Unicode text

    def warnings(self) -> tuple[str, ...]:
        """Notes for LoadedText.warnings."""
        if self.encoding:
            return (f"text was typed in a {self.encoding.upper()} font and was converted to Unicode",)
        if self.converted_lines:
            return (
                f"{self.converted_lines} line(s) were typed in a legacy font (TCVN3/VNI) inside a Unicode "
                "text and were converted; check them",
            )
        return ()


_UNICODE_SHARE = 0.8
_LINE_CHECK_MAX = 10_000  # longer lines are judged with the whole text only
_LINE_GAIN = 0.3  # a line is converted only when it reads this much better


def _convert_legacy_lines(text: str) -> tuple[str, int]:
    """Convert single lines written in a legacy font inside a Unicode text (pasted paragraphs)."""
    lines = text.split("\n")
    converted = 0
    for i, line in enumerate(lines):
        if len(line) > _LINE_CHECK_MAX or not has_legacy_surface(line):
            continue
        as_is = score_vietnamese(line)
        if as_is.scored < 3 or as_is.share > 0.8:
            continue
        for name in LEGACY_ENCODINGS:
            candidate = from_legacy(line, name)
            score = score_vietnamese(candidate)
            if score.share >= as_is.share + _LINE_GAIN:
                lines[i] = candidate
                converted += 1
                break
    return ("\n".join(lines), converted) if converted else (text, 0)


def best_legacy_reading(text: str) -> LegacyReading:
    """Convert text typed in a legacy font (whole text, or single lines) if it then reads better.

    Candidates are compared on a bounded sample; only the winner converts the whole text.
    """
    sample = _sample(text)
    best_encoding, best_score = None, score_vietnamese(sample)
    if not has_legacy_surface(sample):
        return LegacyReading(text, None, best_score)
    # A text that already reads as Vietnamese is Unicode; legacy lines in it are handled one by one.
    if best_score.share < _UNICODE_SHARE:
        for name in LEGACY_ENCODINGS:
            score = score_vietnamese(from_legacy(sample, name))
            if score.share > best_score.share + 0.02:
                best_encoding, best_score = name, score
    if best_encoding is not None:
        return LegacyReading(from_legacy(text, best_encoding), best_encoding, best_score)
    fixed, converted = _convert_legacy_lines(text)
    return LegacyReading(fixed, None, score_vietnamese(fixed) if converted else best_score, converted)
