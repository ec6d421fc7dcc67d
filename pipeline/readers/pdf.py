"""PDF: the text layer page by page (pdfplumber); pages without one go to OCR.

OCR uses Debian `pdftoppm` (poppler-utils) and `tesseract -l vie`
(tesseract-ocr, tesseract-ocr-vie) as subprocesses with timeouts. Text from
legacy .VnTime/VNI fonts is converted like plain text.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from ..errors import DocumentError
from ..model import LoadedText
from .legacy import best_legacy_reading
from .tools import have, run_tool, tool_timeout

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


def _open(data: bytes, path: str):
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


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


def ocr_page(pdf_file: Path, page_number: int, path: str) -> str:
    """OCR one page (1-based) of a PDF on disk with pdftoppm + tesseract -l vie."""
    with tempfile.TemporaryDirectory(prefix="directives-ocr-") as tmp:
        prefix = Path(tmp) / "page"
        run_tool(
            [
                "pdftoppm",
                "-r",
                str(OCR_DPI),
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
    return out.decode("utf-8", errors="replace")


def read_pdf(data: bytes, path: str) -> LoadedText:
    """Reader for PDF files."""
    pdf = _open(data, path)
    pages: list[str | None] = []
    scanned: list[int] = []
    try:
        for number, page in enumerate(pdf.pages, start=1):
            try:
                text = page.extract_text() or ""
            except Exception as err:  # noqa: BLE001
                raise DocumentError(
                    path,
                    f"damaged PDF: page {number} cannot be read ({type(err).__name__})",
                    "download or export the PDF again",
                ) from None
            if _letters(text) >= MIN_PAGE_LETTERS:
                pages.append(text)
            elif page.images:  # a scanned page: an image and (almost) no text layer
                pages.append(None)
                scanned.append(number)
            else:  # blank or nearly blank page
                pages.append(text)
    finally:
        pdf.close()
    warnings: list[str] = []
    if scanned:
        warnings.extend(_fill_by_ocr(data, path, pages, scanned))
    text = "\n\n".join(p for p in pages if p)
    fixed, legacy, _score = best_legacy_reading(text)
    if legacy:
        warnings.append(f"text was typed in a {legacy.upper()} font and was converted to Unicode")
    return LoadedText(text=fixed, source_format="pdf", encoding=legacy, warnings=tuple(warnings))


def _fill_by_ocr(data: bytes, path: str, pages: list[str | None], scanned: list[int]) -> list[str]:
    """Replace pages without a text layer by OCR text; return warnings."""
    has_text = any(pages)
    if not ocr_available():
        if not has_text:
            raise DocumentError(
                path, "the PDF is a scan (no text layer) and OCR is not installed", f"run: {OCR_APT}"
            )
        return [
            f"page(s) {_ranges(scanned)} have no text layer and were skipped: OCR is not installed ({OCR_APT})"
        ]
    with tempfile.TemporaryDirectory(prefix="directives-pdf-") as tmp:
        pdf_file = Path(tmp) / "input.pdf"
        pdf_file.write_bytes(data)
        for number in scanned:
            pages[number - 1] = ocr_page(pdf_file, number, path)
    return [f"page(s) {_ranges(scanned)} read by OCR (tesseract, Vietnamese): check names and numbers"]


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
