"""Word .docx: paragraphs and tables in the order they appear in the body.

python-docx's `doc.paragraphs` and `doc.tables` lose the interleaving, so the
body XML children are walked directly. Before parsing, the zip directory is
checked so a zip bomb is refused without inflating anything.
"""

from __future__ import annotations

import io
import zipfile
from itertools import zip_longest

from ..errors import DocumentError
from ..model import LoadedText
from .legacy import best_legacy_reading

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


def _paragraph_text(element) -> str:
    """Text of a w:p: runs, tabs, line breaks, including runs inside hyperlinks and fields."""
    parts: list[str] = []
    for node in element.iter():
        tag = node.tag
        if tag == f"{_W}t":
            parts.append(node.text or "")
        elif tag in (f"{_W}tab", f"{_W}ptab"):
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{_W}delText":
            continue  # deleted text in tracked changes
    return "".join(parts)


def _block_lines(element, out: list[str]) -> None:
    """Append the lines of a body-level element (paragraph, table, content control)."""
    tag = element.tag
    if tag == f"{_W}p":
        out.append(_paragraph_text(element))
    elif tag == f"{_W}tbl":
        # Cells side by side, line by line, as a flattened two-column header reads
        # ("TỈNH ỦY BÌNH THUẬN<TAB>ĐẢNG CỘNG SẢN VIỆT NAM").
        for row in element.iterchildren(f"{_W}tr"):
            cells: list[list[str]] = []
            for cell in row.iterchildren(f"{_W}tc"):
                inner: list[str] = []
                for child in cell.iterchildren():
                    _block_lines(child, inner)
                cells.append([line.strip() for line in inner if line.strip()])
            for parts in zip_longest(*cells, fillvalue=""):
                out.append("\t".join(parts).strip("\t"))
        out.append("")
    elif tag == f"{_W}sdt":
        for content in element.iterchildren(f"{_W}sdtContent"):
            for child in content.iterchildren():
                _block_lines(child, out)


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
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        _block_lines(child, lines)
    text = "\n".join(lines)
    reading = best_legacy_reading(text)
    return LoadedText(
        text=reading.text, source_format="docx", encoding=reading.encoding, warnings=reading.warnings()
    )
