"""Word .docx: paragraphs and tables in the order they appear in the body.

python-docx's `doc.paragraphs` and `doc.tables` lose the interleaving, so the
body XML children are walked directly. Before parsing, the zip directory is
checked so a zip bomb is refused without inflating anything.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from itertools import zip_longest
from typing import TYPE_CHECKING

from ..errors import DocumentError
from ..lexicon import is_task_table_header
from ..model import LoadedText
from .legacy import LegacyFont, best_legacy_reading, convert_font_run, legacy_font

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # all members together
MAX_RATIO = 200  # uncompressed / compressed, per member above MIN_RATIO_CHECK
MIN_RATIO_CHECK = 1024 * 1024
MAX_MEMBERS = 5000
# One XML part is parsed whole into a tree about 40 times its size: a 32 MB part is ~1.3 GB.
MAX_XML_PART = 32 * 1024 * 1024
# Word's own limits: list levels 0-8, a list may start at 0-32767.
MAX_LIST_LEVEL = 8
MAX_LIST_NUMBER = 32767
MAX_MARKER = 60  # characters; real markers are short ("Điều 12.", "IV.", "1.2.3.")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def check_zip_safety(data: bytes, path: str) -> None:
    """Refuse archives that inflate to too much data (zip bombs) or are not zips.

    The directory's sizes are only claims (and Python's zipfile inflates a member whole
    before cutting it to the claimed size): every member's compressed bytes are inflated
    here in chunks and counted, reading stops as soon as a limit is passed, and a member
    that inflates to another size than its directory entry says is refused.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
        _check_directory(infos, path)
        total = 0
        for info in infos:
            total += _inflated_size(data, info, path, MAX_UNCOMPRESSED - total)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error, zlib.error):
        raise DocumentError(
            path,
            "not a valid .docx file: it is not a zip archive, or a part of it is damaged",
            "the file is damaged or mislabelled; save it again from Word",
        ) from None


_BOMB_HINT = "the file may be a zip bomb; if it is a genuine document, save it again from Word"


def _check_directory(infos: list[zipfile.ZipInfo], path: str) -> None:
    """What the directory itself admits to: too many members, too much data, a high ratio."""
    if len(infos) > MAX_MEMBERS:
        raise DocumentError(path, f"refused: the .docx archive has {len(infos)} members", _BOMB_HINT)
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED:
        raise _expands_too_much(path, total, MAX_UNCOMPRESSED, "the .docx")
    for info in infos:
        if info.file_size > MIN_RATIO_CHECK and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise DocumentError(
                path,
                f"refused: {info.filename} in the .docx is compressed "
                f"{info.file_size // max(info.compress_size, 1)}:1",
                _BOMB_HINT,
            )


def _expands_too_much(path: str, size: int, limit: int, what: str) -> DocumentError:
    return DocumentError(
        path,
        f"refused: {what} would expand to more than {limit / 1_048_576:.0f} MB "
        f"(at least {size / 1_048_576:.0f} MB)",
        _BOMB_HINT,
    )


def _inflated_size(data: bytes, info: zipfile.ZipInfo, path: str, room: int) -> int:
    """Inflate one member's raw bytes chunk by chunk; stop past its limit (XML parts are parsed whole)."""
    limit = min(room, MAX_XML_PART) if info.filename.lower().endswith((".xml", ".rels")) else room
    what = f"{info.filename} in the .docx" if limit < room else "the .docx"
    raw = _raw_member(data, info)
    if info.compress_type == zipfile.ZIP_STORED:
        size = len(raw)
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        size = _inflate_counting(raw, limit, lambda size: _expands_too_much(path, size, limit, what))
    else:
        raise DocumentError(
            path, f"{info.filename} in the .docx uses a compression Word does not write", "save it again from Word"
        )
    if size > limit:
        raise _expands_too_much(path, size, limit, what)
    if size != info.file_size:
        raise DocumentError(
            path,
            f"refused: the zip directory says {info.filename} holds {info.file_size} bytes, it holds {size}",
            _BOMB_HINT,
        )
    return size


def _raw_member(data: bytes, info: zipfile.ZipInfo) -> bytes:
    """A member's compressed bytes, located through its local header."""
    start = info.header_offset
    if data[start : start + 4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("bad local header")
    name_length, extra_length = struct.unpack("<HH", data[start + 26 : start + 30])
    begin = start + 30 + name_length + extra_length
    return data[begin : begin + info.compress_size]


def _inflate_counting(raw: bytes, limit: int, too_much) -> int:
    """How many bytes `raw` (deflate) inflates to, never holding more than 1 MB of output."""
    inflater = zlib.decompressobj(-15)
    size, pending = 0, raw
    while not inflater.eof:
        out = inflater.decompress(pending, 1 << 20)
        pending = inflater.unconsumed_tail
        if not out and not pending:
            break
        size += len(out)
        if size > limit:
            raise too_much(size)
    return size


class _Fonts:
    """Effective font of each run: its own w:rFonts, else its character style, else the
    paragraph style's, else the document default. Only legacy fonts matter here."""

    def __init__(self, document: DocxDocument):
        own: dict[str, tuple[str | None, str | None]] = {}  # style id -> (font, based-on id)
        for style in document.styles.element.iterchildren(f"{_W}style"):
            based_on = style.find(f"{_W}basedOn")
            own[style.get(f"{_W}styleId")] = (
                _rfonts_name(style.find(f"{_W}rPr")),
                based_on.get(f"{_W}val") if based_on is not None else None,
            )
        self.by_style: dict[str, str | None] = {}
        for style_id in own:
            font, current = None, style_id
            for _depth in range(20):  # based-on chains are short; guard against cycles
                if current not in own:
                    break
                font, current = own[current]
                if font:
                    break
            self.by_style[style_id] = font
        defaults = document.styles.element.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        self.default = self.by_style.get("Normal") or _rfonts_name(defaults)
        self.converted_runs = 0

    def paragraph_font(self, paragraph) -> str | None:
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        if style is not None:
            font = self.by_style.get(style.get(f"{_W}val"))
            if font:
                return font
        return self.default

    def run_font(self, run, paragraph_font: str | None) -> LegacyFont | None:
        props = run.find(f"{_W}rPr")
        font = _rfonts_name(props)
        if not font and props is not None:
            char_style = props.find(f"{_W}rStyle")
            if char_style is not None:
                font = self.by_style.get(char_style.get(f"{_W}val"))
        return legacy_font(font or paragraph_font)


def _bounded(value: str | None, default: int, high: int) -> int:
    """A numbering attribute as Word reads it: a whole number in 0..high, else the default."""
    try:
        number = int(value) if value is not None else default
    except ValueError:
        return default
    return number if 0 <= number <= high else default


def _to_roman(number: int) -> str:
    if not 0 < number < 4000:
        return str(number)  # no Roman numeral; and a huge one would be a string of M's
    numerals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip
    out = []
    for value, numeral in numerals:
        while number >= value:
            out.append(numeral)
            number -= value
    return "".join(out)


def _to_letters(number: int) -> str:
    """1 → a, 26 → z, 27 → aa (Word repeats the letter)."""
    if number < 1:
        return ""
    if number > 26 * 5:
        return str(number)  # "aaaaaa" and beyond: no real list goes there, a crafted one could go far
    return "abcdefghijklmnopqrstuvwxyz"[(number - 1) % 26] * ((number - 1) // 26 + 1)


_FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "upperRoman": _to_roman,
    "lowerRoman": lambda n: _to_roman(n).lower(),
    "upperLetter": lambda n: _to_letters(n).upper(),
    "lowerLetter": _to_letters,
}
_LEVEL_REF = re.compile(r"%([1-9])")


class _Numbering:
    """Word's automatic list numbering, rendered as the text markers a typed document has.

    Directive sections are often numbered by Word ("I.", "1.", "a)") rather than typed;
    without the markers the section structure is lost.
    """

    def __init__(self, document: DocxDocument):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> (fmt, text, start)
        self.counters: dict[str, dict[int, int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
            for node in root.iterchildren(f"{_W}abstractNum"):
                abstract[node.get(f"{_W}abstractNumId")] = {
                    _bounded(lvl.get(f"{_W}ilvl"), 0, MAX_LIST_LEVEL): self._level(lvl) for lvl in node.iterchildren(f"{_W}lvl")
                }
            for num in root.iterchildren(f"{_W}num"):
                ref = num.find(f"{_W}abstractNumId")
                levels = dict(abstract.get(ref.get(f"{_W}val") if ref is not None else "", {}))
                for override in num.iterchildren(f"{_W}lvlOverride"):
                    ilvl = _bounded(override.get(f"{_W}ilvl"), 0, MAX_LIST_LEVEL)
                    start = override.find(f"{_W}startOverride")
                    if start is not None and ilvl in levels:
                        fmt, text, _ = levels[ilvl]
                        levels[ilvl] = (fmt, text, _bounded(start.get(f"{_W}val"), 1, MAX_LIST_NUMBER))
                self.levels[num.get(f"{_W}numId")] = levels
        for style in document.styles.element.iterchildren(f"{_W}style"):
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                num_id, ilvl = self._num_pr(num_pr)
                if num_id:
                    self.style_num[style.get(f"{_W}styleId")] = (num_id, ilvl)

    @staticmethod
    def _level(lvl) -> tuple[str, str, int]:
        def val(tag: str, default: str) -> str:
            node = lvl.find(f"{_W}{tag}")
            return node.get(f"{_W}val", default) if node is not None else default

        start = _bounded(val("start", "1"), 1, MAX_LIST_NUMBER)
        return val("numFmt", "decimal"), val("lvlText", "")[:MAX_MARKER], start

    @staticmethod
    def _num_pr(num_pr) -> tuple[str | None, int]:
        num_id = num_pr.find(f"{_W}numId")
        ilvl = num_pr.find(f"{_W}ilvl")
        level = _bounded(ilvl.get(f"{_W}val") if ilvl is not None else None, 0, MAX_LIST_LEVEL)
        return (num_id.get(f"{_W}val") if num_id is not None else None), level

    def marker(self, paragraph) -> str:
        """The marker Word would print before this paragraph ("II-", "1.", "a)"), or ""."""
        num_pr = paragraph.find(f"{_W}pPr/{_W}numPr")
        num_id, ilvl = self._num_pr(num_pr) if num_pr is not None else (None, 0)
        if num_id is None:
            style = paragraph.find(f"{_W}pPr/{_W}pStyle")
            num_id, ilvl = self.style_num.get(style.get(f"{_W}val") if style is not None else "", (None, 0))
        levels = self.levels.get(num_id or "")
        if not levels or num_id == "0" or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][2] - 1) + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]  # a new item restarts its sub-items
        fmt, text, _ = levels[ilvl]
        if fmt == "bullet":
            return "- "
        if fmt == "none" or not text:
            return ""

        def render(m: re.Match) -> str:
            level = int(m.group(1)) - 1
            level_fmt = levels.get(level, ("decimal", "", 1))[0]
            count = counters.get(level, levels.get(level, ("", "", 1))[2])
            return _FORMATS.get(level_fmt, str)(count)

        return _LEVEL_REF.sub(render, text)[:MAX_MARKER] + " "


def _rfonts_name(props) -> str | None:
    if props is None:
        return None
    fonts = props.find(f"{_W}rFonts")
    if fonts is None:
        return None
    return fonts.get(f"{_W}ascii") or fonts.get(f"{_W}hAnsi")


def _paragraph_text(
    element, fonts: _Fonts, numbering: _Numbering | None = None, footnotes: _Footnotes | None = None
) -> str:
    """Text of a w:p: runs, tabs, line breaks, including runs inside hyperlinks and fields.

    Runs set in a legacy font (.VnTime, VNI-Times) are converted to Unicode here,
    where the font is known.
    """
    paragraph_font = fonts.paragraph_font(element)
    parts: list[str] = []
    for run in element.iter(f"{_W}r"):
        if _in_fallback(run, element):
            continue
        run_parts: list[str] = []
        for node in run.iterchildren():
            tag = node.tag
            if tag == f"{_W}t":
                run_parts.append(node.text or "")
            elif tag in (f"{_W}tab", f"{_W}ptab"):
                run_parts.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                run_parts.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                run_parts.append("-")
            elif tag == f"{_W}softHyphen":
                run_parts.append("\xad")  # TCVN3 uses 0xAD for the letter ư
            elif tag == f"{_W}footnoteReference" and footnotes is not None:
                run_parts.append(footnotes.reference(node.get(f"{_W}id", "")))
        text = "".join(run_parts)
        legacy = fonts.run_font(run, paragraph_font) if text else None
        if legacy:
            text = convert_font_run(text, legacy)
            fonts.converted_runs += 1
        parts.append(text)
    marker = numbering.marker(element) if numbering is not None else ""
    return marker + "".join(parts)


def _in_fallback(run, paragraph) -> bool:
    """Is the run inside mc:Fallback (a duplicate of mc:Choice content, e.g. text boxes)?"""
    node = run.getparent()
    while node is not None and node is not paragraph:
        if str(node.tag).endswith("}Fallback"):
            return True
        node = node.getparent()
    return False


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


class _Footnotes:
    """Footnotes numbered in order of reference, marked "¹" in the text and listed at the end.

    That is how a directive's plain text reads (and what the normalizer expects);
    footnotes often hold citations ("Nghị quyết số 22-NQ/TW ...").
    """

    def __init__(self, document: DocxDocument, fonts: _Fonts):
        self.fonts = fonts
        self.bodies: dict[str, object] = {}
        self.order: list[str] = []
        for rel in document.part.rels.values():
            if rel.reltype != _FOOTNOTES_REL or rel.is_external:
                continue
            from lxml import etree

            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
            root = etree.fromstring(rel.target_part.blob, parser)
            for note in root.iterchildren(f"{_W}footnote"):
                if note.get(f"{_W}type") in (None, "normal"):
                    self.bodies[note.get(f"{_W}id", "")] = note

    def reference(self, footnote_id: str) -> str:
        if footnote_id not in self.bodies:
            return ""
        if footnote_id not in self.order:
            self.order.append(footnote_id)
        return str(self.order.index(footnote_id) + 1).translate(_SUPERSCRIPT)

    def block(self) -> str:
        """The footnotes as paragraphs after the body ("\n\n¹ text")."""
        lines = []
        for number, footnote_id in enumerate(self.order, start=1):
            note = self.bodies[footnote_id]
            text = " ".join(
                _paragraph_text(p, self.fonts).strip() for p in note.iterchildren(f"{_W}p")
            ).strip()
            lines.append(f"{str(number).translate(_SUPERSCRIPT)} {text}")
        return "\n\n" + "\n".join(lines) if lines else ""


@dataclass
class _Context:
    """Document-wide state while walking the body: fonts and list counters."""

    fonts: _Fonts
    numbering: _Numbering
    footnotes: _Footnotes


def _row_cells(row, ctx: _Context) -> list[list[str]]:
    """The non-empty lines of each cell of a table row."""
    cells: list[list[str]] = []
    for cell in row.iterchildren(f"{_W}tc"):
        inner: list[str] = []
        for child in cell.iterchildren():
            _block_lines(child, inner, ctx)
        cells.append([line.strip() for line in inner if line.strip()])
    return cells


def _block_lines(element, out: list[str], ctx: _Context) -> None:
    """Append the lines of a body-level element (paragraph, table, content control)."""
    tag = element.tag
    if tag == f"{_W}p":
        out.append(_paragraph_text(element, ctx.fonts, ctx.numbering, ctx.footnotes))
    elif tag == f"{_W}tbl":
        rows = [_row_cells(row, ctx) for row in element.iterchildren(f"{_W}tr")]
        if rows and is_task_table_header([" ".join(c) for c in rows[0]]):
            # A task table: one line per row, its cells joined by tabs (pipeline.tables reads it).
            for cells in rows:
                out.append("\t".join(re.sub(r"\s+", " ", " ".join(c)).strip() for c in cells))
        else:
            # Cells side by side, line by line, as a flattened two-column header reads
            # ("TỈNH ỦY BÌNH THUẬN<TAB>ĐẢNG CỘNG SẢN VIỆT NAM").
            for cells in rows:
                for parts in zip_longest(*cells, fillvalue=""):
                    out.append("\t".join(parts).strip("\t"))
        out.append("")
    elif tag == f"{_W}sdt":
        for content in element.iterchildren(f"{_W}sdtContent"):
            for child in content.iterchildren():
                _block_lines(child, out, ctx)


def read_docx(data: bytes, path: str) -> LoadedText:
    """Reader for .docx files."""
    check_zip_safety(data, path)
    import docx  # python-docx; imported late because it is slow to import

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # noqa: BLE001 - python-docx raises many types on damaged files
        raise DocumentError(
            path, f"damaged .docx file ({type(err).__name__}: {err})", "open it in Word and save it again"
        ) from None
    fonts = _Fonts(document)
    ctx = _Context(fonts, _Numbering(document), _Footnotes(document, fonts))
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        _block_lines(child, lines, ctx)
    text = "\n".join(lines) + ctx.footnotes.block()
    warnings: list[str] = []
    if fonts.converted_runs:
        warnings.append(
            f"{fonts.converted_runs} run(s) set in legacy Vietnamese fonts were converted to Unicode"
        )
    reading = best_legacy_reading(text)  # legacy text whose font was not recorded
    return LoadedText(
        text=reading.text.replace("\xad", ""),  # soft hyphens left are invisible hyphenation hints
        source_format="docx",
        encoding=reading.encoding or ("legacy fonts" if fonts.converted_runs else None),
        warnings=(*warnings, *reading.warnings()),
    )
