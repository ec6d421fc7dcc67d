"""Layout repair: undo what PDF text layers and OCR do to a directive's lines.

Each function returns edits ``(start, end, replacement)`` on the text it is given; the
normalizer applies them and keeps its offset map, so every later span still points at the
right source characters.

- page furniture: page markers ("===== Trang 3 =====", "- 3 -"), and running headers (a line
  repeated at the top or bottom of pages, "18.KLTW7S.DOC 2") are dropped;
- letter-spaced runs ("N G H Ị  Q U Y Ế T", "t ì n h h ì n h") are closed up, word boundaries
  restored with the syllable lexicon;
- glued syllables ("vụĐảng", "đềra", "thứI", "kỳ2025") are split with the same lexicon;
- OCR confusions of structural words ("KÉT LUẬN", "TỎ CHỨC") are fixed from a table;
- hard-wrapped lines are joined into paragraphs: a line break inside a paragraph becomes a
  space (same length, so nothing moves), or nothing where it cut a document number after its
  hyphen ("số 06/TTr-" / "TTHĐND ngày …").

The syllable lexicon is underthesea's Viet74K word list (shipped with the package, offline).
"""

from __future__ import annotations

import html
import importlib.util
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from .knowledge_cache import cached, digest, source_of
from .lexicon import HANDING_OVER, NAME_ABBREVIATIONS, data_yaml, split_marker
from .scan import SpanSet

Edit = tuple[int, int, str]

# ------------------------------------------------------------------ knowledge


@lru_cache(maxsize=1)
def layout_rules() -> dict:
    """The parsed layout.yaml (cached)."""
    return data_yaml("layout.yaml")


@lru_cache(maxsize=1)
def _page_marker() -> re.Pattern:
    patterns = [e["pattern"] for e in layout_rules()["page_markers"]]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def is_page_marker(line: str) -> bool:
    """A whole line that only marks a page ("===== Trang 5 =====", "- 3 -")."""
    return _page_marker().fullmatch(line.strip()) is not None


@dataclass(frozen=True)
class Lexicon:
    """Vietnamese syllables and two-syllable words, lower case, tone marks on the first vowel."""

    syllables: frozenset[str]
    pairs: frozenset[str]


_TWO_PLACEMENTS = re.compile(r"[ou][^\W\d_]")


def _word_list() -> Path:
    """underthesea's Viet74K word list, found without importing underthesea (its import is slow)."""
    spec = importlib.util.find_spec("underthesea")
    if spec is None or spec.origin is None:
        raise ImportError("underthesea is not installed: run scripts/setup.sh")
    return Path(spec.origin).parent / "corpus" / "data" / "Viet74K.txt"


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """underthesea's word list as syllables and pairs: built once per version of the list and
    of this code, then read from the knowledge cache (building it costs ~0.1 s a run)."""
    from . import normalize

    words = _word_list().read_bytes()
    key = digest(words, source_of(__file__, normalize.__file__), unicodedata.unidata_version)
    return cached(
        "lexicon", key, lambda: _build_lexicon(words.decode("utf-8")),
        to_json=lambda lx: [sorted(lx.syllables), sorted(lx.pairs)],
        from_json=lambda data: Lexicon(frozenset(data[0]), frozenset(data[1])),
    )


def _build_lexicon(word_list: str) -> Lexicon:
    """Both tone placements are kept ("hoá" and "hóa")."""
    from .normalize import normalize_tone_marks

    entries = word_list.lower().splitlines()
    syllables = {w for entry in entries for w in entry.split()}
    # Only oa/oe/uy syllables have two tone placements: normalize those few ("uỷ" → "ủy").
    retoned = {w: normalize_tone_marks(w) for w in syllables if _TWO_PLACEMENTS.search(w)}
    syllables.update(retoned.values())
    pairs = set()
    for entry in entries:
        words = entry.split()
        if len(words) == 2:
            pairs.add(" ".join(retoned.get(w, w) for w in words))
    return Lexicon(frozenset(syllables), frozenset(pairs))


# ------------------------------------------------------------------ lines


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line, without its newline."""
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line)
        pos += len(line) + 1


def _shape(line: str) -> str:
    return re.sub(r"[\d§]+|\s+", "", line).upper()


def _drop_line(text: str, s: int, e: int) -> Edit:
    """Remove a line with the blank lines around it, leaving one line break."""
    while s > 0 and text[s - 1] == "\n":
        s -= 1
    while e < len(text) and text[e] == "\n":
        e += 1
    return s, e, "\n" if s > 0 and e < len(text) else ""


# ------------------------------------------------------------------ Markdown

_MD_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+(?=\S)", re.MULTILINE)
_MD_SIGNS = re.compile(r"#|\||\\|\*\*|__|<br|<t[dhr]\b|<!--|<figure", re.IGNORECASE)
_MD_GLUED_HEADING = re.compile(r"(?<=[^\s#])#{1,6}[ \t]+(?=\d{1,2}\.|[A-ZĐ])")
_MD_ESCAPE = re.compile(r"\\(?=[-.*_#+()\[\]|!`>]|[ \t]{2,}|[ \t]*$)", re.MULTILINE)  # "\-", a line-end "\" break
_MD_STRONG = re.compile(r"\*\*|__")  # bold markers, also where they hug a space ("**1. **Thông qua")
# a whole line in italics ("*Ảnh: … (Hình từ Internet) *"): a caption's emphasis, no "*" bullet
_MD_ITALIC_LINE = re.compile(r"^(?P<open>[ \t]*\*)(?=[^\s*])[^*\n]*?(?P<close>[ \t]*\*[ \t]*)$", re.MULTILINE)
_MD_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_MD_TABLE_ROW = re.compile(r"^[ \t]*\|(?P<cells>.*\|.*)\|[ \t]*$", re.MULTILINE)
_MD_TABLE_RULE = re.compile(r"^\s*:?-{2,}:?\s*$")


def markdown(text: str) -> list[Edit]:
    """Edits that undo Markdown a converter wrote around a directive: heading hashes ("## I.
    MỤC ĐÍCH"), backslash escapes ("\\-"), "<br>" in cells, and pipe tables, whose rows become
    one line of tab-separated cells (as a Word table reads) and whose rule rows go; also the
    HTML a PDF converter writes into its Markdown (see `converter_html`)."""
    if not _MD_SIGNS.search(text):
        return []  # plain text: nothing to undo (most documents)
    edits: list[Edit] = [(m.start(), m.end(), "") for m in _MD_HEADING.finditer(text)]
    edits += converter_html(text)
    headings = bool(edits)
    if headings:  # a heading a converter glued to the line before: "… chi bộ cơ sở# 1. Nghiêm túc …"
        edits += [(m.start(), m.end(), "\n") for m in _MD_GLUED_HEADING.finditer(text)]
    edits += [(m.start(), m.end(), "") for m in _MD_ESCAPE.finditer(text)]
    edits += [(m.start(), m.end(), " ") for m in _MD_BREAK.finditer(text)]
    if headings or _MD_TABLE_ROW.search(text) or text.count("**") >= 4:
        edits += [(m.start(), m.end(), "") for m in _MD_STRONG.finditer(text)]
        edits += [(m.start(k), m.end(k), "") for m in _MD_ITALIC_LINE.finditer(text) for k in ("open", "close")]
    for row in _MD_TABLE_ROW.finditer(text):
        cells = row.group("cells").split("|")
        if all(_MD_TABLE_RULE.match(c) for c in cells):
            edits.append(_drop_line(text, row.start(), row.end()))
            continue
        edits.append((row.start(), row.start("cells"), ""))
        pos = row.start("cells")
        for cell in cells[:-1]:
            pos += len(cell)
            edits.append((pos, pos + 1, "\t"))
            pos += 1
        edits.append((row.end("cells"), row.end(), ""))
    return _merge_overlaps(sorted(edits))


# what a PDF-to-Markdown converter writes as HTML: page comments ("<!-- PageBreak -->",
# '<!-- PageNumber="31" -->', '<!-- PageFooter="…" -->'), figure tags, and tables
_HTML_COMMENT_LINE = re.compile(r"^[ \t]*<!--.*?-->[ \t]*$", re.MULTILINE)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_FRAME_LINE = re.compile(
    r"^[ \t]*</?(?:table|thead|tbody|tfoot|figure|figcaption|caption)\b[^>\n]*>[ \t]*$", re.MULTILINE | re.IGNORECASE
)
_HTML_ROW_OPEN = re.compile(r"<tr\b[^>]*>\s*(?:<t[dh]\b[^>]*>)?", re.IGNORECASE)
_HTML_ROW_CLOSE = re.compile(r"(?:</t[dh]>\s*)?</tr>", re.IGNORECASE)
_HTML_CELL_GAP = re.compile(r"</t[dh]>\s*<t[dh]\b[^>]*>", re.IGNORECASE)  # between two cells of a row
_HTML_TAG = re.compile(
    r"</?(?:table|thead|tbody|tfoot|tr|td|th|figure|figcaption|caption|p|span|b|i|u|strong|em|sup|sub)\b[^>\n]*>",
    re.IGNORECASE,
)
_HTML_ENTITY = re.compile(r"&(?:#\d{1,5}|#x[0-9a-f]{1,4}|[a-z]{2,8});", re.IGNORECASE)


def converter_html(text: str) -> list[Edit]:
    """Edits that undo the HTML a PDF converter leaves in its Markdown: page comments and table
    and figure frames go with their lines, a table row's cells become one line of tab-separated
    cells (as a pipe table's), other tags go and entities ("&amp;") are read."""
    edits = [_drop_line(text, m.start(), m.end()) for m in _HTML_COMMENT_LINE.finditer(text)]
    edits += [_drop_line(text, m.start(), m.end()) for m in _HTML_FRAME_LINE.finditer(text)]
    edits += [(m.start(), m.end(), "") for m in _HTML_ROW_OPEN.finditer(text)]
    edits += [(m.start(), m.end(), "") for m in _HTML_ROW_CLOSE.finditer(text)]
    edits += [(m.start(), m.end(), "\t") for m in _HTML_CELL_GAP.finditer(text)]
    taken = SpanSet([(s, e) for s, e, _ in edits])
    for pattern, by in ((_HTML_COMMENT, ""), (_HTML_TAG, "")):
        edits += [(m.start(), m.end(), by) for m in pattern.finditer(text) if not taken.overlaps(m.start(), m.end())]
    edits += [(m.start(), m.end(), html.unescape(m.group())) for m in _HTML_ENTITY.finditer(text)]
    return _merge_overlaps(sorted(edits))


def page_furniture(text: str) -> list[Edit]:
    """Edits that drop page markers and running headers/footers."""
    lines = [(s, e) for s, e in _lines(text) if text[s:e].strip()]
    markers = [i for i, (s, e) in enumerate(lines) if is_page_marker(text[s:e])]
    edges = {j for i in markers for j in (i - 1, i + 1) if 0 <= j < len(lines) and j not in markers}
    threshold = layout_rules()["running_header_similarity"]
    drop = set(markers)
    shapes = {j: _shape(text[slice(*lines[j])]) for j in edges if len(text[slice(*lines[j])]) <= 60}
    for j, shape in shapes.items():
        others = [o for k, o in shapes.items() if k != j and abs(k - j) > 2]
        if shape and any(SequenceMatcher(None, shape, o).ratio() >= threshold for o in others):
            drop.add(j)
    drop |= _page_numbers(text, lines) | _numbers_inside_a_sentence(text, lines)
    edits = [_drop_line(text, *lines[i]) for i in sorted(drop)]
    edits += [(m.start(), m.end(), "\n") for m in _CAPTION_SHORTCODE.finditer(text)]
    return _merge_overlaps(edits)


# a web page's photo caption left as a shortcode ('[caption id="…"] Ảnh … [/caption]')
_CAPTION_SHORTCODE = re.compile(r"\[caption\b[^\]\n]*\][^\n]*?\[/caption\]", re.IGNORECASE)


_BARE_NUMBER = re.compile(r"\s*(\d{1,3})\s*")
_PAGE_GAP = 12  # lines at least between two page numbers (a table's row numbers stand closer)


def _page_numbers(text: str, lines: list[tuple[int, int]]) -> set[int]:
    """Bare numbers on their own line that count pages: 2, 3, 4 … each a page apart."""
    numbered = [(i, int(m.group(1))) for i, (s, e) in enumerate(lines) if (m := _BARE_NUMBER.fullmatch(text[s:e]))]
    best: list[int] = []
    for k, (i, value) in enumerate(numbered):
        chain, last_i, last_v = [i], i, value
        for j, v in numbered[k + 1 :]:
            if v == last_v + 1 and j - last_i >= _PAGE_GAP:
                chain.append(j)
                last_i, last_v = j, v
        if len(chain) > len(best):
            best = chain
    return set(best) if len(best) >= 2 else set()


def _numbers_inside_a_sentence(text: str, lines: list[tuple[int, int]]) -> set[int]:
    """A bare number between a line of text that ends no sentence and a line that goes on in
    lower case ("… các kiến nghị chính đáng" / "2" / "của người dân …"): the one page number of a
    two-page document, which `_page_numbers` cannot chain."""
    out = set()
    for i in range(1, len(lines) - 1):
        if not _BARE_NUMBER.fullmatch(text[slice(*lines[i])]):
            continue
        before, after = text[slice(*lines[i - 1])].rstrip(), text[slice(*lines[i + 1])]
        if len(before) >= _MIN_TEXT_LINE and not _SENTENCE_END.search(before) and after.lstrip()[:1].islower():
            out.add(i)
    return out


def _merge_overlaps(edits: list[Edit]) -> list[Edit]:
    out: list[Edit] = []
    for s, e, r in sorted(edits):
        if out and s < out[-1][1]:
            ps, pe, pr = out[-1]
            out[-1] = (ps, max(pe, e), pr or r)
        else:
            out.append((s, e, r))
    return out


# ------------------------------------------------------------------ syllables


_VOWEL = re.compile(r"[aăâeêiyoôơuưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]")
_MAX_SYLLABLE = 7


def segment(letters: str, before: str = "") -> list[str] | None:
    """Split a run of letters into the fewest Vietnamese syllables ("tìnhhình" → tình, hình),
    preferring pieces that form known two-syllable words; None when no split exists."""
    lex = lexicon()
    low = letters.lower()
    n = len(low)
    # best[(i, j)]: the best split of low[:i] whose last piece is low[j:i], ranked by
    # (pieces, one-letter pieces, -known pairs); the last piece is part of the state because
    # the pair bonus depends on it.
    best: dict[tuple[int, int], tuple[int, int, int, tuple[int, ...]]] = {(0, 0): (0, 0, 0, ())}
    ends: dict[int, list[int]] = {0: [0]}
    for i in range(1, n + 1):
        for j in range(max(0, i - _MAX_SYLLABLE), i):
            piece = low[j:i]
            if j not in ends or piece not in lex.syllables or not _VOWEL.search(piece):
                continue
            for k in ends[j]:
                prev = best[(j, k)]
                left = low[k:j] if j else before.lower()
                bonus = int(f"{left} {piece}" in lex.pairs)
                cand = (prev[0] + 1, prev[1] + (len(piece) == 1), prev[2] - bonus, (*prev[3], i))
                if (i, j) not in best or cand[:3] < best[(i, j)][:3]:
                    best[(i, j)] = cand
            ends.setdefault(i, [])
            if j not in ends[i]:
                ends[i].append(j)
    finals = [best[(n, j)] for j in ends.get(n, []) if n]
    if not finals:
        return None
    cuts = (0, *min(finals, key=lambda c: c[:3])[3])
    return [letters[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]


_WORD3 = re.compile(r"[^\W\d_]{3,}")  # the words of three letters or more (shorter ones are never glued)
_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)")
_WORD_BEFORE = re.compile(r"[^\W\d_]+\Z")
_ASCII = re.compile(r"[A-Za-z]+")


def _camel_parts(word: str) -> list[str]:
    """ "vụĐảng" → ["vụ", "Đảng"]: a capital after a small letter starts a new syllable."""
    cuts = [i for i in range(1, len(word)) if word[i - 1].islower() and word[i].isupper()]
    return [word[a:b] for a, b in zip([0, *cuts], [*cuts, len(word)], strict=True)]


def _split_word(word: str) -> str | None:
    """The word with spaces between glued syllables, or None when it reads as it is."""
    lex = lexicon()
    if word.lower() in lex.syllables or _ASCII.fullmatch(word):
        return None
    parts = _camel_parts(word)
    out = []
    for part in parts:
        if part.lower() in lex.syllables or len(part) < 2:
            out.append(part)
            continue
        pieces = segment(part)
        if pieces is None or len(pieces) > 4:
            return None
        out.append(" ".join(pieces))
    fixed = " ".join(out)
    return fixed if fixed != word else None


def glued_syllables(text: str) -> list[Edit]:
    """Edits that split syllables a text layer glued together ("vụĐảng" → "vụ Đảng")."""
    edits: list[Edit] = []
    # Each distinct word is looked up once; only a text that has glued words is walked again.
    split = {word: fixed for word in set(_WORD3.findall(text)) if (fixed := _split_word(word))}
    if split:
        for m in _WORD3.finditer(text):
            fixed = split.get(m.group(0))
            if fixed:
                edits.append((m.start(), m.end(), fixed))
    for m in _LETTER_DIGIT.finditer(text):
        # "kỳ2025", "số38": a toned syllable glued to a number (never "m2", "QH14").
        word = _WORD_BEFORE.search(text, max(0, m.start() - _MAX_SYLLABLE - 1), m.start())
        last = _camel_parts(word.group(0))[-1] if word else ""
        if last and not _ASCII.fullmatch(last) and segment(last) is not None:
            edits.append((m.start(), m.start(), " "))
    return sorted(edits)


# "… ở các khu dân cư.Trước mắt, các chi bộ …": a page that lost its line breaks glued two sentences
_GLUED_DOT = re.compile(r"(?<=[^\W\d_]{2})\.(?=[^\W\d_])")
_SYLLABLE_AT = re.compile(r"[^\W\d_]{1,7}(?![^\W\d_])")


def glued_sentences(text: str) -> list[Edit]:
    """Edits that put a space after a full stop glued to the next sentence ("xã.Phát" → "xã. Phát"):
    a small syllable before it, a capitalised syllable after (never "TP.HCM", "Tp.Huế", "baoquangngai.vn")."""
    syllables = lexicon().syllables
    edits: list[Edit] = []
    for m in _GLUED_DOT.finditer(text):
        word = _WORD_BEFORE.search(text, max(0, m.start() - _MAX_SYLLABLE - 1), m.start())
        after = _SYLLABLE_AT.match(text, m.end())
        if word is None or after is None or word.start() == max(0, m.start() - _MAX_SYLLABLE - 1) > 0:
            continue  # a word longer than a syllable before the dot
        before, next_word = word.group(0), after.group(0)
        if (
            before[-1].islower() and next_word[0].isupper() and next_word[1:].islower()
            and before not in NAME_ABBREVIATIONS and before.lower() in syllables and next_word.lower() in syllables
        ):
            edits.append((m.end(), m.end(), " "))
    return edits


_SPACED_TOKEN = re.compile(r"[^\W\d_]{1,2}|[,;.:]")
_RUN = re.compile(r"(?<!\S)(?:[^\W\d_]{1,2}|[,;.:])(?:[ \n]{1,2}(?:[^\W\d_]{1,2}|[,;.:]))+(?!\S)")


def letter_spaced(text: str) -> list[Edit]:
    """Edits that close up letter-spaced runs ("t ì n h h ì n h" → "tình hình")."""
    edits: list[Edit] = []
    for m in _RUN.finditer(text):
        spans = [t.span() for t in re.finditer(r"\S+", m.group(0))]
        while spans and spans[-1][1] - spans[-1][0] > 1:  # a whole word after the run ("... T\nvề")
            spans.pop()
        tokens = [m.group(0)[a:b] for a, b in spans]
        singles = sum(len(t) == 1 and t.isalpha() for t in tokens)
        if singles < 6 or singles < 0.6 * len(tokens):
            continue
        run = m.group(0)[: spans[-1][1]]
        fixed = _close_up(run)
        if fixed:
            edits.append((m.start(), m.start() + len(run), fixed))
    return edits


def _close_up(run: str) -> str | None:
    """Rebuild words from a letter-spaced run; double spaces, where printed, are word gaps."""
    groups = re.split(r"(\s*[,;.:]\s*|[ ]{2,})", run)
    out: list[str] = []
    for group in groups:
        if not group:
            continue
        if not re.search(r"[^\W\d_]", group):
            out.append(group.strip() + " " if group.strip() else " ")
            continue
        letters = re.sub(r"\s+", "", group)
        pieces = segment(letters)
        if pieces is None:
            return None
        out.append(" ".join(pieces))
    return re.sub(r"\s+([,;.:])", r"\1", "".join(out)).strip()


# ------------------------------------------------------------------ lost letters

_LOST = "\ufffd"
_LATIN1_LETTERS = "àáâãèéêìíòóôõùúý"  # the Vietnamese letters a wrong single-byte decoding loses
_TOKEN = re.compile(rf"[\w{_LOST}]+")


def _token_key(token: str) -> str:
    from .normalize import normalize_tone_marks  # normalize imports this module

    return "0" if token.isdigit() else normalize_tone_marks(token.lower())


@lru_cache(maxsize=1)
def _syllable_counts() -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """Syllables and pairs of neighbours (numbers as "0") in the project's own knowledge files:
    the likeliest reading of a syllable whose letter was lost ("ng\ufffdy 22 th\ufffdng 12")."""
    from collections import Counter
    from importlib import resources

    words: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for entry in resources.files("pipeline.data").iterdir():
        if entry.name.endswith(".yaml"):
            text = unicodedata.normalize("NFC", entry.read_text(encoding="utf-8"))
            keys = [_token_key(t) for t in _TOKEN.findall(text)]
            words.update(keys)
            pairs.update(zip(keys, keys[1:], strict=False))
    return dict(words), dict(pairs)


def lost_letters(text: str) -> list[Edit]:
    """Edits that put back letters a wrong single-byte decoding replaced by U+FFFD ("Ng\ufffdy
    22 th\ufffdng 12" → "Ngày 22 tháng 12"): the known syllable that fits, judged by its
    neighbours, then by how common it is; one character for one, so the offset map is unchanged."""
    if _LOST not in text:
        return []
    words, pairs = _syllable_counts()
    tokens = list(_TOKEN.finditer(text))
    edits = []
    for i, m in enumerate(tokens):
        word = m.group(0)
        if _LOST not in word:
            continue
        before = _token_key(tokens[i - 1].group(0)) if i else ""
        after = _token_key(tokens[i + 1].group(0)) if i + 1 < len(tokens) else ""
        fixed = _read_back(word, before, after, words, pairs)
        if fixed is not None:
            edits.append((m.start(), m.end(), fixed))
    return edits


def _read_back(word: str, before: str, after: str, words: dict[str, int], pairs: dict[tuple[str, str], int]) -> str | None:
    """The damaged token `word` read back, or None: its letters, else lost spaces (a no-break
    space is Latin-1 too) or a lost dash around a syllable ("Tổ quốc�", "��tháng", "2026 � 2031")."""
    core = word.strip(_LOST)
    scored = [(_fit(r, before, after, words, pairs), r) for r in _readings(word.lower())]
    (fits, seen), best = max(scored, default=((0, 0), ""))
    if not core:  # a lone letter ("� kiến" → "ý kiến") only where its neighbours want it
        return _same_letter_case(word, best) if fits else " " * len(word)
    paired, known = _in_word_list([r for _, r in scored], before, after)
    if not fits and paired:  # no neighbour in the project's text: underthesea's two-syllable words
        return _same_letter_case(word, paired)
    if seen:
        return _same_letter_case(word, best)
    if core == word:
        return _same_letter_case(word, known) if known else None
    inner = core if _LOST not in core else _read_back(core, before, after, words, pairs)
    if inner is None or not words.get(_token_key(inner), 0):
        return None
    lead = len(word) - len(word.lstrip(_LOST))
    return " " * lead + inner + " " * (len(word) - lead - len(core))


def _in_word_list(readings: list[str], before: str, after: str) -> tuple[str | None, str | None]:
    """What underthesea's word list says of the readings: the one it pairs with a neighbour
    ("giải" + "th\ufffdch" → "thích"), and the one syllable it knows; None where it cannot tell."""
    lx = lexicon()
    known = [r for r in readings if r in lx.syllables]
    paired = [r for r in known if f"{before} {r}" in lx.pairs or f"{r} {after}" in lx.pairs]
    return (paired[0] if len(paired) == 1 else None), (known[0] if len(known) == 1 else None)


def _fit(reading: str, before: str, after: str, words: dict[str, int], pairs: dict[tuple[str, str], int]) -> tuple[int, int]:
    """How well `reading` fits between its neighbours, then how common it is."""
    key = _token_key(reading)
    return pairs.get((before, key), 0) + pairs.get((key, after), 0), words.get(key, 0)


def restore_lost_letters(text: str) -> str:
    """`text` with the letters `lost_letters` puts back (same length)."""
    for start, end, fixed in reversed(lost_letters(text)):
        text = text[:start] + fixed + text[end:]
    return text


def _same_letter_case(printed: str, reading: str) -> str:
    upper = printed.isupper()
    return "".join(b.upper() if a.isupper() or (a == _LOST and upper) else b for a, b in zip(printed, reading, strict=True))


def _readings(word: str) -> list[str]:
    """Every way to fill the lost letters of `word` (at most two) with the letters a decoding can lose."""
    if word.count(_LOST) > 2:
        return []
    readings = [word]
    while readings and _LOST in readings[0]:
        readings = [r.replace(_LOST, c, 1) for r in readings for c in _LATIN1_LETTERS]
    return readings


# ------------------------------------------------------------------ OCR words


@lru_cache(maxsize=1)
def _ocr_words() -> tuple[re.Pattern, dict[str, str]]:
    table = {e["wrong"]: e["right"] for e in layout_rules()["ocr_words"]}
    words = sorted(table, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)"), table


def ocr_words(text: str) -> list[Edit]:
    """Edits that fix OCR confusions of structural words (table in layout.yaml) and key words
    printed with wrong marks (one character for one: the offset map is unchanged)."""
    from .normalize import fold_diacritics  # normalize imports this module

    rx, table = _ocr_words()
    edits = [(m.start(), m.end(), table[m.group(0)]) for m in rx.finditer(text)]
    keywords, canonical, exceptions, word_before = _ocr_keywords()
    fixed = {i for start, end, _ in edits for i in range(start, end)}
    for m in keywords.finditer(text):
        printed = m.group(0)
        if m.start() in fixed or m.end() - 1 in fixed:
            continue  # the table's own fix of a longer phrase
        right = canonical[fold_diacritics(printed)]
        here = text[m.start() : m.start() + 40].lower()
        if word_before.search(text, max(0, m.start() - 12), m.start()):
            continue  # "đồng chí Bộ trưởng": the printing ends a word of its own with the word before
        if printed.lower() != right.lower() and not any(here.startswith(x) for x in exceptions):
            edits.append((m.start(), m.end(), _same_case(right, printed)))
    return sorted(edits)


# A date as OCR reads it, letters for digits ("3O/6/2026", "l5/12/2025", "năm 2O26"): the shapes
# of a day/month/year, a month/year after "tháng", a year after "năm", at least one true digit
_OCR_DIGIT = "0-9OolI|"
_OCR_DATE = re.compile(
    rf"(?<![\w/])(?=[{_OCR_DIGIT}/.\-]*\d)(?:[{_OCR_DIGIT}]{{1,2}}([/.\-])[{_OCR_DIGIT}]{{1,2}}\1[{_OCR_DIGIT}]{{4}}"
    rf"|(?<=tháng )[{_OCR_DIGIT}]{{1,2}}/[{_OCR_DIGIT}]{{4}}|(?<=năm )[12][{_OCR_DIGIT}]{{3}})(?![\w/])",
    re.IGNORECASE,
)
_AS_DIGIT = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})


# a quarter's Roman numeral with "l" or "|" for "I" ("Quý lI/2026")
_OCR_QUARTER = re.compile(r"(?<=quý )[IVl|]{1,4}(?=/\d{4})", re.IGNORECASE)
_AS_ROMAN_I = str.maketrans({"l": "I", "|": "I"})


def ocr_digits(text: str) -> list[Edit]:
    """Edits that read the letters OCR put for digits inside a date ("3O/6/2026" → "30/6/2026",
    "Quý lI/2026" → "Quý II/2026"); one character for one, so the offset map is unchanged."""
    edits = []
    for rx, table in ((_OCR_DATE, _AS_DIGIT), (_OCR_QUARTER, _AS_ROMAN_I)):
        for m in rx.finditer(text):
            fixed = m.group(0).translate(table)
            if fixed != m.group(0):
                edits.append((m.start(), m.end(), fixed))
    return edits


@lru_cache(maxsize=1)
def _ocr_keywords() -> tuple[re.Pattern, dict[str, str], frozenset[str], re.Pattern]:
    """A pattern for every printing of the key words whatever their marks, the word each folded
    printing stands for, the phrases that such a printing may open on its own, and the words
    after which it is the end of another word."""
    from .normalize import fold_diacritics  # normalize imports this module

    rules = layout_rules()["ocr_keywords"]
    canonical = {fold_diacritics(w): w for w in rules["words"]}
    variants: dict[str, set[str]] = {}
    for code in [*range(0x41, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        if char.isalpha():
            variants.setdefault(fold_diacritics(char), set()).add(char)

    def letters(word: str) -> str:
        return "".join(f"[{''.join(sorted(variants.get(c, {c})))}]" if c.isalpha() else re.escape(c) for c in word)

    alternation = "|".join(letters(k) for k in sorted(canonical, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")  # the classes hold both cases: no case folding
    after = "|".join(map(re.escape, rules["not_after"]))
    word_before = re.compile(rf"(?<!\w)(?:{after})\s+\Z", re.IGNORECASE)
    return pattern, canonical, frozenset(w.lower() for w in rules["not"]), word_before


def _same_case(word: str, printed: str) -> str:
    """`word` with the case of `printed`, letter by letter."""
    return "".join(w.upper() if p.isupper() else w.lower() for w, p in zip(word, printed, strict=True))


# ------------------------------------------------------------------ hard wraps


_SENTENCE_END = re.compile(r"[.!?…:]\s*$")


@dataclass(frozen=True)
class WrapProfile:
    """How a text's lines were cut: `width` is the usual full-line length."""

    width: int
    hard_wrapped: bool
    blank_separated: bool = False  # paragraphs end at blank lines, so a single break is a wrap
    ragged: bool = False  # blank-separated, and lines cut anywhere (a Word page saved as text)


def wrap_profile(text: str) -> WrapProfile:
    """A PDF or OCR text keeps the page's line width (≈ 60–110 characters) on most lines."""
    lengths = sorted(e - s for s, e in _lines(text) if e > s)
    if len(lengths) < 8:
        return WrapProfile(0, False)
    width = lengths[int(len(lengths) * 0.9)]
    full = sum(n >= 0.8 * width for n in lengths)
    hard_wrapped = 40 <= width <= 110 and (full >= 10 or full >= 0.4 * len(lengths))
    blank_separated = _blank_separated(text)
    ragged = 20 <= width <= 110 and blank_separated and _cut_anywhere(text, width)
    return WrapProfile(width, hard_wrapped, blank_separated, ragged)


def _cut_anywhere(text: str, width: int) -> bool:
    """Inside its paragraphs, many lines stop well short of the width without ending anything:
    an OCR page breaks full lines, a Word export breaks wherever its cells ended."""
    breaks = short = 0
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        for prev, line in zip(lines, lines[1:], strict=False):
            if split_marker(line) is None:
                breaks += 1
                short += len(prev) < 0.8 * width
    return breaks >= 30 and short >= breaks / 3


def _blank_separated(text: str) -> bool:
    """Paragraphs set apart by blank lines (OCR output often is): many blank gaps, and few
    sentence ends followed at once by a capitalized line that no marker opens."""
    lines = [line.strip() for line in text.split("\n")]
    gaps = sum(1 for a, b, c in zip(lines, lines[1:], lines[2:], strict=False) if a and not b and c)
    tight = sum(
        1
        for a, b in zip(lines, lines[1:], strict=False)
        if a and b and _SENTENCE_END.search(a) and b[0].isupper() and not _is_upper(b) and split_marker(b) is None
    )
    return gaps >= 10 and gaps >= 4 * tight


def _is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _continues(
    prev: str, line: str, profile: WrapProfile, open_aside: bool = False, in_bullet: bool = False
) -> bool:
    """Does `line` continue the paragraph that `prev` ends (`open_aside`: a parenthesis is open;
    `in_bullet`: the paragraph opened with a bullet, "- ", "+ ", "• ")?"""
    if not prev or not line or split_marker(line) is not None or prev.endswith(":"):
        return False
    if "\t" in prev or "\t" in line:
        return False  # table rows and column gaps keep their lines
    if _cuts_number(prev, line):
        return True
    if open_aside and _aside_goes_on(prev, line):
        return True
    if profile.ragged and not is_page_marker(line):
        return _ragged_goes_on(prev, line)
    if _is_upper(line) or _is_upper(prev) or is_page_marker(line):
        return False
    first = line[0]
    if _BARE_NUMBER.fullmatch(line):
        return False  # a number alone on its line is a cell or a page number, not a sentence's end
    if (first.islower() or first.isdigit()) and not _SENTENCE_END.search(prev):
        return True  # a list inside a sentence goes on after ";" or ","
    if len(prev) >= _MIN_TEXT_LINE and _DANGLING_END.search(prev):
        return True  # "… gửi về Ban" + "Xây dựng Đảng trước ngày …": the line broke inside a phrase
    if (
        profile.blank_separated
        and len(prev) >= _MIN_TEXT_LINE
        and not _SENTENCE_END.search(prev)
        and not _opens_a_heading(prev)
        and not (_LABEL_LINE.match(prev) or _LABEL_LINE.match(line))  # "Đơn vị phối hợp: …" / "Thời gian: …"
    ):
        # paragraphs end at blank lines: a break inside one whose sentence goes on is a wrap
        # ("… gửi về Ban Xây dựng" + "Đảng trước ngày …"), whatever the width of the page
        return not _CLOSING_LINE.match(line)
    if not profile.hard_wrapped or len(prev) < 0.8 * profile.width:
        return False
    # A full line ended a sentence; its paragraph goes on to the blank line, or to the next
    # marker when a bullet opened it (an unmarked paragraph after bullets hands out new work:
    # "Giao Văn phòng …").
    goes_on = profile.blank_separated or (in_bullet and not _ASSIGNMENT_LINE.match(line))
    if goes_on and first.isupper() and not _CLOSING_LINE.match(line):
        return True
    return not _SENTENCE_END.search(prev)


def _ragged_goes_on(prev: str, line: str) -> bool:
    """In a text whose lines were cut anywhere, a paragraph goes on to its blank line; a heading
    in capitals goes on in capitals ("III. TỔ CHỨC THỰC" + "HIỆN"), and text never joins one."""
    if _is_upper(prev):
        first = line.split()[0]
        return not _SENTENCE_END.search(prev) and sum(c.isalpha() for c in first) >= 2 and first.isupper()
    return not _is_upper(line) and not _CLOSING_LINE.match(line)


def _opens_a_heading(line: str) -> bool:
    """ "Điều 4. Trách nhiệm của các chi bộ trực thuộc", "Chương II", "III- …": a heading line."""
    marker = split_marker(line)
    return marker is not None and marker.style in ("part", "chapter", "article", "roman")


_LABEL_LINE = re.compile(r"[^\W\d_][^:.;\n]{0,40}:\s")
# a shorter line may be a table cell printed on its own line ("chỉ đạo của" / "Tỉnh uỷ")
_MIN_TEXT_LINE = 40
# words that never end a sentence: a preposition, or the head of a name printed before its rest
_DANGLING_END = re.compile(
    r"(?<!\S)(?:về|của|với|và|các|những|cho|tại|theo|trong|từ|đến|do|"
    r"Ban|Ủy|Ủy\s+ban|Hội|Sở|Phòng|Bộ|Mặt\s+trận|Văn\s+phòng|Liên\s+đoàn)$"
)
_ASSIGNMENT_LINE = re.compile(HANDING_OVER + r"\s", re.IGNORECASE)  # a capitalized line: `first.isupper()`
_CLOSING_LINE = re.compile(r"(?:Nơi\s+nhận|Trên\s+đây|T/M|K/T|TM\.|KT\.)", re.IGNORECASE)


_QUARTER_REST = re.compile(r"[IVX]{1,4}/\d{4}")


def _aside_goes_on(prev: str, line: str) -> bool:
    """ "(Giao Ủy ban" + "Kiểm tra Đảng ủy chủ trì, ... trong quý" + "III/2027).": a parenthesis
    left open goes on in the next line, whatever its first letter."""
    if _is_upper(prev) or is_page_marker(line):
        return False
    return not _is_upper(line) or _QUARTER_REST.match(line) is not None


# A document number cut after one of its hyphens: "06/TTr-" + "TTHĐND", "98-" + "TTr/BXDĐ".
_NUMBER_HEAD = re.compile(r"(?<![\w/-])\d+(?:/[\w.]+)*-$")
_NUMBER_TAIL = re.compile(r"[A-ZĐ][A-Za-zĐđ]*(?:[/-][A-ZĐ][A-Za-zĐđ]*)*(?=[\s,.;:)]|$)")


def _cuts_number(prev: str, line: str) -> bool:
    """Was a document number's code wrapped at a hyphen (so the break joins with no space)?"""
    tail = _NUMBER_TAIL.match(line)
    return bool(_NUMBER_HEAD.search(prev) and tail and sum(c.isupper() for c in tail.group()) >= 2)


def wrapped_breaks(text: str) -> list[Edit]:
    """Edits that turn a line break inside a paragraph into a space (or nothing, in a number)."""
    profile = wrap_profile(text)
    edits: list[Edit] = []
    prev = ""
    depth = 0  # parentheses open in the paragraph so far
    in_bullet = False  # the paragraph so far opened with a bullet
    for s, e in _lines(text):
        line = text[s:e]
        if s > 0 and text[s - 1] == "\n" and _continues(prev, line, profile, depth > 0, in_bullet):
            edits.append((s - 1, s, "" if _cuts_number(prev, line) else " "))
        else:
            depth = 0
            marker = split_marker(line)
            in_bullet = marker is not None and marker.style == "bullet"
        depth = max(0, depth + line.count("(") - line.count(")"))
        prev = line
    return edits
