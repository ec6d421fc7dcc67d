"""Word .docx: paragraphs and tables in the order they appear in the body.

python-docx's `doc.paragraphs` and `doc.tables` lose the interleaving, so the
body XML children are walked directly. Before parsing, the zip directory is
checked so a zip bomb is refused without inflating anything.
"""

from __future__ import annotations

import io
import zipfile
from itertools import zip_longest
from typing import TYPE_CHECKING

from ..errors import DocumentError
from ..model import LoadedText

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

from .legacy import LegacyFont, best_legacy_reading, convert_font_run, legacy_font

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # all members together
MAX_RATIO = 200  # uncompressed / compressed, per member above MIN_RATIO_CHECK
MIN_RATIO_CHECK = 1024 * 1024
MAX_MEMBERS = 5000

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def check_zip_safety(data: bytes, path: str) -> None:
    """Refuse archives whose directory promises too much data (zip bombs) or are not zips."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise DocumentError(
            path,
            "not a valid .docx file: it is not a zip archive",
            "the file is damaged or mislabelled; save it again from Word",
        ) from None
    hint = "the file may be a zip bomb; if it is a genuine document, save it again from Word"
    if len(infos) > MAX_MEMBERS:
        raise DocumentError(path, f"refused: the .docx archive has {len(infos)} members", hint)
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED:
        raise DocumentError(
            path,
            f"refused: the .docx would expand to {total / 1_048_576:.0f} MB "
            f"(limit {MAX_UNCOMPRESSED / 1_048_576:.0f} MB)",
            hint,
        )
    for info in infos:
        if info.file_size > MIN_RATIO_CHECK and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise DocumentError(
                path,
                f"refused: {info.filename} in the .docx is compressed "
                f"{info.file_size // max(info.compress_size, 1)}:1",
                hint,
            )


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


def _rfonts_name(props) -> str | None:
    if props is None:
        return None
    fonts = props.find(f"{_W}rFonts")
    if fonts is None:
        return None
    return fonts.get(f"{_W}ascii") or fonts.get(f"{_W}hAnsi")


def _paragraph_text(element, fonts: _Fonts) -> str:
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
        text = "".join(run_parts)
        legacy = fonts.run_font(run, paragraph_font) if text else None
        if legacy:
            text = convert_font_run(text, legacy)
            fonts.converted_runs += 1
        parts.append(text)
    return "".join(parts)


def _in_fallback(run, paragraph) -> bool:
    """Is the run inside mc:Fallback (a duplicate of mc:Choice content, e.g. text boxes)?"""
    node = run.getparent()
    while node is not None and node is not paragraph:
        if str(node.tag).endswith("}Fallback"):
            return True
        node = node.getparent()
    return False


def _block_lines(element, out: list[str], fonts: _Fonts) -> None:
    """Append the lines of a body-level element (paragraph, table, content control)."""
    tag = element.tag
    if tag == f"{_W}p":
        out.append(_paragraph_text(element, fonts))
    elif tag == f"{_W}tbl":
        # Cells side by side, line by line, as a flattened two-column header reads
        # ("TỈNH ỦY BÌNH THUẬN<TAB>ĐẢNG CỘNG SẢN VIỆT NAM").
        for row in element.iterchildren(f"{_W}tr"):
            cells: list[list[str]] = []
            for cell in row.iterchildren(f"{_W}tc"):
                inner: list[str] = []
                for child in cell.iterchildren():
                    _block_lines(child, inner, fonts)
                cells.append([line.strip() for line in inner if line.strip()])
            for parts in zip_longest(*cells, fillvalue=""):
                out.append("\t".join(parts).strip("\t"))
        out.append("")
    elif tag == f"{_W}sdt":
        for content in element.iterchildren(f"{_W}sdtContent"):
            for child in content.iterchildren():
                _block_lines(child, out, fonts)


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
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        _block_lines(child, lines, fonts)
    text = "\n".join(lines)
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
