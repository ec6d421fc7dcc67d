"""Read stage: turn a file (txt, docx, doc, pdf, html) into text.

`load_document(path)` and `load_bytes(data, name)` detect the format from the
content (magic bytes, sniffing), apply size limits before reading, dispatch to
one reader module per format, and raise only `DocumentError` so the user sees
one line naming the file, the reason and what to do.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import DocumentError
from ..model import LoadedText
from .sniff import SUPPORTED, detect_format

__all__ = ["DocumentError", "SUPPORTED", "detect_format", "load_bytes", "load_document", "max_bytes"]

DEFAULT_MAX_BYTES = 25 * 1024 * 1024


def max_bytes() -> int:
    """Largest accepted file in bytes: env DIRECTIVES_MAX_BYTES, else 25 MB."""
    raw = os.environ.get("DIRECTIVES_MAX_BYTES", "").strip()
    if raw:
        try:
            value = int(raw)
        except ValueError:
            raise DocumentError(
                None,
                f"DIRECTIVES_MAX_BYTES must be a whole number of bytes, not {raw!r}",
                "unset it to use the 25 MB default",
            ) from None
        if value > 0:
            return value
    return DEFAULT_MAX_BYTES


def _too_big(name: str, size: int, limit: int) -> DocumentError:
    return DocumentError(
        name,
        f"file is too large ({size / 1_048_576:.1f} MB; the limit is {limit / 1_048_576:.1f} MB)",
        "split the document, or raise the limit with the environment variable DIRECTIVES_MAX_BYTES",
    )


def load_document(path: str | Path) -> LoadedText:
    """Read one file from disk; checks its size before reading any of it."""
    name = str(path)
    file = Path(path)
    try:
        if not file.exists():
            raise DocumentError(name, "file not found", "check the path")
        if file.is_dir():
            raise DocumentError(name, "this is a folder, not a file", "give the documents inside it")
        if not file.is_file():
            raise DocumentError(name, "not a regular file (a device, pipe or socket)", "give a document file")
        size = file.stat().st_size
        limit = max_bytes()
        if size > limit:
            raise _too_big(name, size, limit)
        with file.open("rb") as handle:
            data = handle.read(limit + 1)
    except PermissionError:
        raise DocumentError(name, "permission denied", "check the file's permissions") from None
    except OSError as err:
        raise DocumentError(name, f"cannot read the file ({err.strerror or err})") from None
    return load_bytes(data, name)


def load_bytes(data: bytes, name: str) -> LoadedText:
    """Read a document held in memory (an upload); `name` is only used in messages."""
    limit = max_bytes()
    if len(data) > limit:
        raise _too_big(name, len(data), limit)
    if not data.strip():
        raise DocumentError(name, "the file is empty", "check that the right file was given")
    fmt = detect_format(data, name)
    try:
        loaded = _read(fmt, data, name)
    except DocumentError:
        raise
    except Exception as err:  # noqa: BLE001 - a reader bug must not show a traceback to the user
        raise DocumentError(
            name,
            f"could not read this {fmt} file ({type(err).__name__}: {err})",
            "the file may be damaged; export it again from the original",
        ) from None
    if not loaded.text.strip():
        raise DocumentError(
            name,
            f"no text found in this {fmt} file",
            "if it is a scan, make sure OCR (tesseract-ocr-vie) is installed"
            if fmt == "pdf"
            else "check that the right file was given",
        )
    return loaded


def _read(fmt: str, data: bytes, name: str) -> LoadedText:
    if fmt == "txt":
        from .txt import read_txt

        return read_txt(data, name)
    if fmt == "html":
        from .html import read_html

        return read_html(data, name)
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(data, name)
    if fmt == "doc":
        from .doc import read_doc

        return read_doc(data, name)
    from .pdf import read_pdf

    return read_pdf(data, name)
