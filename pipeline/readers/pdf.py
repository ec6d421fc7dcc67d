"""PDF: the text layer page by page (pdfplumber); pages without one go to OCR.

OCR uses Debian `pdftoppm` (poppler-utils) and `tesseract -l vie`
(tesseract-ocr, tesseract-ocr-vie) as subprocesses with timeouts. Text from
legacy .VnTime/VNI fonts is converted like plain text.
"""

from __future__ import annotations

import io
import logging
import os
import re
import signal
import subprocess
import tempfile
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..errors import DocumentError, cause_of
from ..model import LoadedText
from .legacy import best_legacy_reading, convert_font_run, legacy_font
from .tools import have, run_tool, tool_timeout

if TYPE_CHECKING:
    from pdfplumber.pdf import PDF


class WordSource(Protocol):
    """What page layout needs from a pdfplumber page (tests pass a stand-in)."""

    def extract_words(self, **kwargs) -> list[dict]: ...


# pdfminer logs every odd construct of real-world PDFs as a warning: noise for users.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

OCR_APT = "sudo apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils"
# A page with fewer letters than this in its text layer is treated as a scan.
MIN_PAGE_LETTERS = 20
OCR_DPI = 300


@cache
def ocr_available() -> bool:
    """tesseract with Vietnamese data and pdftoppm are installed."""
    if not (have("tesseract") and have("pdftoppm")):
        return False
    try:
        done = subprocess.run(["tesseract", "--list-langs"], capture_output=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    langs = done.stdout.decode("utf-8", errors="replace").split()
    return "vie" in langs


def _open(data: bytes, path: str) -> PDF:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        _ = pdf.pages  # forces parsing of the page tree
        return pdf
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise DocumentError(
            path,
            "the PDF is encrypted (password protected)",
            "open it with the password and save an unprotected copy",
        ) from None
    except Exception as err:  # noqa: BLE001 - pdfminer raises many types on damaged files
        _raise_limit(err)
        cause = err.__cause__ or err.__context__ or err
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in str(err).lower():
            raise DocumentError(
                path,
                "the PDF is encrypted (password protected)",
                "open it with the password and save an unprotected copy",
            ) from None
        raise DocumentError(
            path,
            f"damaged or truncated PDF ({type(err).__name__}: {str(err)[:120]})",
            "download or export the PDF again",
        ) from None


def _raise_limit(err: BaseException) -> None:
    """Re-raise a limit's DocumentError that pdfplumber wrapped in its own exception."""
    inner = cause_of(err, DocumentError)
    if inner is not None:
        raise inner


_CID = re.compile(r"\(cid:\d+\)")


def _unreadable(text: str) -> bool:
    """A text layer of unmapped glyphs ("(cid:72)") or of letters that read as no language."""
    cids = len(_CID.findall(text))
    if cids >= 5 and cids * 8 > 0.1 * len(text):
        return True
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(1 for c in letters if not c.isascii()) < 0.1 * len(letters):
        return False  # unaccented text (English, or Vietnamese without marks) is taken as it is
    reading = best_legacy_reading(text)
    return reading.score.scored >= 30 and reading.score.share < 0.25


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


def ocr_page(pdf_file: Path, page_number: int, path: str, dpi: int = OCR_DPI) -> str:
    """OCR one page (1-based) of a PDF on disk with pdftoppm + tesseract -l vie."""
    with tempfile.TemporaryDirectory(prefix="directives-ocr-") as tmp:
        prefix = Path(tmp) / "page"
        run_tool(
            [
                "pdftoppm",
                "-r",
                str(dpi),
                "-f",
                str(page_number),
                "-l",
                str(page_number),
                "-png",
                "-singlefile",
                str(pdf_file),
                str(prefix),
            ],
            path,
            f"pdftoppm (page {page_number})",
        )
        image = prefix.with_suffix(".png")
        if not image.exists():
            raise DocumentError(path, f"pdftoppm produced no image for page {page_number}")
        out = run_tool(
            ["tesseract", str(image), "stdout", "-l", "vie", "--psm", "4"],
            path,
            f"tesseract OCR (page {page_number})",
            timeout=tool_timeout(),
        )
    return unwrap_plain_lines(out.decode("utf-8", errors="replace"))


def unwrap_plain_lines(text: str) -> str:
    """Join lines OCR wrapped mid-sentence: the next line starts in lower case and is not an item,
    and the line before is no heading in capitals."""
    lines = text.split("\n")
    out = lines[:1]
    for line in lines[1:]:
        before = out[-1]
        if (
            before.strip()
            and line[:1].islower()
            and not _SENTENCE_END.search(before.rstrip())
            and not _ITEM_START.match(line)
            and not _in_capitals(before)  # "KẾ HOẠCH" / "tổ chức …": the type line stays apart
        ):
            out[-1] = before.rstrip() + " " + line
        else:
            out.append(line)
    return "\n".join(out)


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


# A line that begins a new item even if the previous line ran to the margin.
_ITEM_START = re.compile(
    r"^(?:[-+•*–—](?!\s*\d)|\d+(?:\.\d+)*[.)\-]\s|[a-zđ]\)\s|[IVXLC]+[.\-/)]\s|Điều \d|Phần |Chương |Nơi nhận)"
)
_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?[-–—\s]*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.:;!?]['\"”)]?$")


def _page_lines(page: WordSource) -> list[_Line]:
    """Words grouped into lines top to bottom; a wide horizontal gap becomes a tab (a column)."""
    words = page.extract_words(
        x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False, use_text_flow=False, extra_attrs=["fontname"]
    )
    for word in words:  # a word set in a legacy font (.VnTime, VNI-Times) is converted by its font
        font = legacy_font(word.get("fontname"))
        if font:
            word["text"] = convert_font_run(word["text"], font)
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(word["top"] - rows[-1][0]["top"]) <= 3:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines: list[_Line] = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        parts = [row[0]["text"]]
        for before, word in zip(row, row[1:], strict=False):
            height = max(word["bottom"] - word["top"], 1.0)
            parts.append("\t" if word["x0"] - before["x1"] > 2.5 * height else " ")
            parts.append(word["text"])
        lines.append(
            _Line(
                "".join(parts),
                row[0]["x0"],
                row[-1]["x1"],
                min(w["top"] for w in row),
                max(w["bottom"] for w in row),
            )
        )
    return lines


def _ruled_tables(page: WordSource) -> list[_Line]:
    """Ruled tables of three columns or more (a task table: Nhiệm vụ / Chủ trì / Phối hợp /
    Thời hạn), read by pdfplumber's table finder: each row one line of tab-separated cells, as a
    Word table reads. A cell's wrapped lines are joined; the header's two-column layout is no
    ruled table and stays text."""
    if not hasattr(page, "find_tables") or not (getattr(page, "rects", None) or getattr(page, "lines", None)):
        return []
    out = []
    for table in page.find_tables():
        rows = [[" ".join((cell or "").split()) for cell in row] for row in table.extract()]
        rows = [row for row in rows if any(row)]
        if len(rows) < 2 or max(len(row) for row in rows) < 3:
            continue
        x0, top, x1, bottom = table.bbox
        out.append(_Line("\n".join("\t".join(row) for row in rows), x0, x1, top, bottom))
    return out


def _outside(boxes: list[_Line]):
    def keep(obj: dict) -> bool:
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b.x0 <= x <= b.x1 and b.top <= y <= b.bottom for b in boxes)

    return keep


def page_text(page: WordSource) -> str:
    """A page's text with wrapped lines joined into paragraphs, as the .txt corpus reads.

    A line that reaches the right margin and is followed by a line that does not
    start a new item continues the paragraph. Bare page numbers are dropped. Ruled
    tables come out one row per line, cells separated by tabs.
    """
    tables = _ruled_tables(page)
    words = page.filter(_outside(tables)) if tables else page  # type: ignore[attr-defined]
    lines = sorted(_page_lines(words) + tables, key=lambda line: line.top)
    while lines and _PAGE_NUMBER.match(lines[0].text):
        lines.pop(0)
    while lines and _PAGE_NUMBER.match(lines[-1].text):
        lines.pop()
    if not lines:
        return ""
    right = max(line.x1 for line in lines)
    left = min(line.x0 for line in lines)
    width = max(right - left, 1.0)
    out: list[str] = [lines[0].text]
    for before, line in zip(lines, lines[1:], strict=False):
        height = max(before.bottom - before.top, 1.0)
        gap = line.top - before.bottom
        full = before.x1 >= right - 0.08 * width and "\t" not in before.text
        starts_anew = _ITEM_START.match(line.text) or _in_capitals(line.text)  # an item, a heading, "T/M …"
        continues = not _in_capitals(before.text) and not starts_anew and (
            full or (line.text[:1].islower() and not _SENTENCE_END.search(before.text) and "\t" not in before.text)
        )
        if gap > 1.2 * height:
            out.append("\n\n" + line.text)
        elif continues:
            out.append(" " + line.text)
        else:
            out.append("\n" + line.text)
    return "".join(out)


def _in_capitals(text: str) -> bool:
    """A heading or a signing line: "KẾ HOẠCH", "II. NỘI DUNG", "T/M BAN THƯỜNG VỤ"."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


class _OverBudget(BaseException):
    """Raised from the timer signal inside pdfminer's loops: a BaseException, so their
    `except Exception` cannot swallow it."""


class _Budget:
    """Wall-clock limit for one PDF (env DIRECTIVES_PDF_TIMEOUT seconds, default 600),
    checked between pages and, by a timer signal, inside a page: a page of 400,000 text
    operators ends in a clear error, not a hang."""

    def __init__(self, path: str):
        try:
            self.seconds = float(os.environ.get("DIRECTIVES_PDF_TIMEOUT", "600"))
        except ValueError:
            self.seconds = 600.0
        self.path = path
        self.deadline = time.monotonic() + self.seconds
        self.doing = "opening the PDF"
        self.stopped = False  # the error is on its way: a late timer signal must not replace it

    def check(self, doing: str) -> None:
        self.doing = doing
        if time.monotonic() > self.deadline:
            self.stopped = True
            raise self.error()

    def error(self) -> DocumentError:
        return DocumentError(
            self.path,
            f"reading the PDF took longer than {self.seconds:.0f} s (stopped while {self.doing})",
            "split the PDF, or raise DIRECTIVES_PDF_TIMEOUT",
        )

    @contextmanager
    def enforced(self) -> Iterator[None]:
        """Interrupt the work when the deadline passes (main thread only; elsewhere only `check`)."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return

        def _expired(_signum, _frame):
            if not self.stopped:
                self.stopped = True
                raise _OverBudget

        previous = signal.signal(signal.SIGALRM, _expired)
        signal.setitimer(signal.ITIMER_REAL, max(self.deadline - time.monotonic(), 0.001))
        try:
            yield
        except _OverBudget:
            raise self.error() from None
        finally:
            self.stopped = True
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


MAX_STREAM = 64 * 1024 * 1024  # one decoded stream (a page's content, a font)
MAX_STREAMS_TOTAL = 256 * 1024 * 1024  # all streams of one PDF


class _BoundedZlib:
    """Stands in for `zlib` inside pdfminer while a PDF is read: inflates with a byte limit.

    A stream's declared /Length says nothing about what it inflates to (1 MB → 1 GiB);
    this counts what it really gives and stops at the limit.
    """

    error = zlib.error

    def __init__(self, path: str):
        self.path = path
        self.total = 0

    def decompress(self, data: bytes) -> bytes:
        inflater = zlib.decompressobj()
        room = min(MAX_STREAM, MAX_STREAMS_TOTAL - self.total)
        out = inflater.decompress(data, room + 1)
        if len(out) > room or inflater.unconsumed_tail:
            raise DocumentError(
                self.path,
                f"refused: a compressed stream in the PDF expands to more than {room / 1_048_576:.0f} MB",
                "the file may be a decompression bomb; if it is a genuine document, print it to a new PDF",
            )
        if not inflater.eof:
            raise zlib.error("incomplete or truncated stream")
        self.total += len(out)
        return out

    def decompressobj(self, *args, **kwargs):
        return zlib.decompressobj(*args, **kwargs)


MAX_PAGE_CHARS = 100_000  # a dense A4 page holds ~5,000 characters; past this a page is crafted


@contextmanager
def _bounded_streams(path: str) -> Iterator[None]:
    """For the duration (the worker reads one PDF at a time): pdfminer inflates through
    `_BoundedZlib`, and a page that draws more than MAX_PAGE_CHARS characters is refused
    while it is interpreted (its objects would otherwise fill the memory first)."""
    from pdfminer import pdftypes
    from pdfminer.converter import PDFLayoutAnalyzer

    original_zlib, original_render = pdftypes.zlib, PDFLayoutAnalyzer.render_char

    def counted_render(device, *args, **kwargs):
        device.directives_chars = getattr(device, "directives_chars", 0) + 1
        if device.directives_chars > MAX_PAGE_CHARS:
            raise DocumentError(
                path,
                f"refused: a page of the PDF draws more than {MAX_PAGE_CHARS:,} characters",
                "the file may be crafted; if it is a genuine document, print it to a new PDF",
            )
        return original_render(device, *args, **kwargs)

    pdftypes.zlib = _BoundedZlib(path)  # type: ignore[assignment]
    PDFLayoutAnalyzer.render_char = counted_render  # type: ignore[method-assign]
    try:
        yield
    finally:
        pdftypes.zlib, PDFLayoutAnalyzer.render_char = original_zlib, original_render  # type: ignore[method-assign]


def read_pdf(data: bytes, path: str) -> LoadedText:
    """Reader for PDF files."""
    budget = _Budget(path)
    with _bounded_streams(path), budget.enforced():
        pages, scanned, sizes = _text_layer(data, path, budget)
    warnings: list[str] = []
    if scanned:
        warnings.extend(_fill_by_ocr(data, path, pages, scanned, budget, sizes))
    text = "\n\n".join(p for p in pages if p)
    reading = best_legacy_reading(text)
    warnings.extend(reading.warnings())
    return LoadedText(
        text=reading.text, source_format="pdf", encoding=reading.encoding, warnings=tuple(warnings)
    )


def _text_layer(data: bytes, path: str, budget: _Budget) -> tuple[list[str | None], list[int], dict[int, float]]:
    """Each page's text (None: to be OCR'd), the page numbers to OCR and their longest side in inches."""
    pdf = _open(data, path)
    pages: list[str | None] = []
    scanned: list[int] = []
    sizes: dict[int, float] = {}
    try:
        for number, page in enumerate(pdf.pages, start=1):
            budget.check(f"reading page {number}")
            try:
                text = page_text(page)
            except Exception as err:  # noqa: BLE001
                _raise_limit(err)
                raise DocumentError(
                    path,
                    f"damaged PDF: page {number} cannot be read ({type(err).__name__})",
                    "download or export the PDF again",
                ) from None
            if _letters(text) >= MIN_PAGE_LETTERS and not _unreadable(text):
                pages.append(text)
            elif _letters(text) >= MIN_PAGE_LETTERS or page.images:  # no usable text layer: OCR
                pages.append(None)
                scanned.append(number)
                sizes[number] = max(float(page.width), float(page.height)) / 72
            else:  # blank or nearly blank page
                pages.append(text)
            page.close()  # drop the page's parsed objects: a 2,000-page PDF must not keep them all
    finally:
        pdf.close()
    return pages, scanned, sizes


def _fill_by_ocr(
    data: bytes, path: str, pages: list[str | None], scanned: list[int], budget: _Budget,
    sizes: dict[int, float] | None = None,
) -> list[str]:
    """Replace pages without a text layer by OCR text; return warnings."""
    has_text = any(pages)
    if not ocr_available():
        if not has_text:
            raise DocumentError(
                path,
                "the PDF has no usable text layer (a scan, or fonts without a Unicode map) and OCR is not installed",
                f"run: {OCR_APT}",
            )
        return [
            f"page(s) {_ranges(scanned)} have no usable text layer and were skipped: "
            f"OCR is not installed ({OCR_APT})"
        ]
    with tempfile.TemporaryDirectory(prefix="directives-pdf-") as tmp:
        pdf_file = Path(tmp) / "input.pdf"
        pdf_file.write_bytes(data)
        for number in scanned:
            budget.check(f"OCR of page {number}")
            pages[number - 1] = ocr_page(pdf_file, number, path, ocr_dpi((sizes or {}).get(number, 0.0)))
    return [f"page(s) {_ranges(scanned)} read by OCR (tesseract, Vietnamese): check names and numbers"]


MAX_OCR_PIXELS = 7000  # longest side of a page image: A3 at 300 dpi is 4960


def ocr_dpi(longest_side_inches: float) -> int:
    """The OCR resolution: 300 dpi, lower for a page so large its image would not fit in memory."""
    if longest_side_inches <= 0:
        return OCR_DPI
    return max(min(OCR_DPI, int(MAX_OCR_PIXELS / longest_side_inches)), 1)


def _ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 7] → "1-3, 7"."""
    spans: list[str] = []
    start = prev = numbers[0]
    for n in numbers[1:] + [None]:  # type: ignore[list-item]
        if n is not None and n == prev + 1:
            prev = n
            continue
        spans.append(f"{start}-{prev}" if prev != start else str(start))
        if n is not None:
            start = prev = n
    return ", ".join(spans)
