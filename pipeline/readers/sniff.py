"""Detect a file's format from its first bytes, never from its name.

A name is only used to explain a mismatch: "report.pdf" holding random bytes
gets "not a PDF" rather than being read as text.
"""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import DocumentError

SUPPORTED = ("txt", "docx", "doc", "pdf", "html")
SUPPORTED_HINT = "supported formats are .txt, .docx, .doc, .pdf and .html"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
# Binary formats people may upload by mistake: (magic, what it is, what to do).
_KNOWN_BINARY = (
    (b"{\\rtf", "an RTF document", "open it in Word or LibreOffice and save as .docx"),
    (b"\x89PNG", "a PNG image", "scan it into a PDF, which is read with OCR"),
    (b"\xff\xd8\xff", "a JPEG image", "scan it into a PDF, which is read with OCR"),
    (b"GIF8", "a GIF image", "save the document as .pdf, .docx or .txt"),
    (b"II*\x00", "a TIFF image", "convert it to PDF, which is read with OCR"),
    (b"MM\x00*", "a TIFF image", "convert it to PDF, which is read with OCR"),
    (b"\x1f\x8b", "a gzip archive", "extract it first"),
    (b"Rar!", "a RAR archive", "extract it first"),
    (b"7z\xbc\xaf", "a 7-Zip archive", "extract it first"),
    (b"\x7fELF", "a program (ELF executable)", SUPPORTED_HINT),
    (b"MZ", "a Windows program", SUPPORTED_HINT),
)
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.{0,2000}?-->\s*)*(?:<!doctype\s+html|<html|<head|<body|<\?xml[^>]{0,200}>\s*<(?:!doctype\s+)?html)",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAGS = re.compile(rb"<(?:html|head|body|meta|title|div|p|table|article)[\s>]", re.IGNORECASE)
_EXPECTED = {".pdf": "pdf", ".docx": "docx", ".doc": "doc"}
_NAMES = {"pdf": "PDF", "docx": "Word .docx", "doc": "Word .doc"}


def detect_format(data: bytes, name: str = "") -> str:
    """Return "txt", "docx", "doc", "pdf" or "html" for `data`, or raise DocumentError."""
    head = data[:2048]
    fmt = _format_by_content(head, data, name)
    expected = next((f for ext, f in _EXPECTED.items() if name.lower().endswith(ext)), None)
    # .doc files are often really .docx or RTF-free HTML; only a text-ish file claiming a
    # binary format is suspicious.
    if expected in ("pdf", "docx") and fmt != expected and not (expected == "docx" and fmt == "doc"):
        raise DocumentError(
            name or None,
            f"not a valid {_NAMES[expected]} file: {_what_it_is(head, fmt, expected)}",
            "the file is damaged or mislabelled; export it again from the original",
        )
    if expected == "doc" and fmt == "txt":
        raise DocumentError(
            name or None,
            "not a valid Word .doc file: it has no Word file signature",
            "the file is damaged or mislabelled; open it in Word and save as .docx",
        )
    return fmt


def _what_it_is(head: bytes, fmt: str, expected: str) -> str:
    if expected == "pdf":
        return "it does not start with %PDF"
    if expected == "docx":
        return (
            "it is not a zip archive"
            if fmt != "docx" and not head.startswith(_ZIP_MAGICS)
            else "no Word document inside"
        )
    return f"its content looks like {fmt}"


def _format_by_content(head: bytes, data: bytes, name: str) -> str:
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_ZIP_MAGICS):
        return _zip_kind(data, name)
    if head.startswith(_OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data[:1_000_000]:
            raise DocumentError(
                name or None,
                "the Word document is password protected",
                "open it with the password and save an unprotected copy",
            )
        return "doc"
    for magic, what, hint in _KNOWN_BINARY:
        if head.startswith(magic):
            raise DocumentError(name or None, f"unsupported file type: this is {what}", hint)
    probe = _ascii_probe(head)
    if _HTML_START.match(probe) or len(_HTML_TAGS.findall(probe)) >= 3:
        return "html"
    return "txt"


def _ascii_probe(head: bytes) -> bytes:
    """UTF-16 HTML has NULs between the ASCII bytes: drop them so the tag patterns match."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:200].count(0) > 50:
        return head.replace(b"\x00", b"").lstrip(b"\xff\xfe")
    return head


def _zip_kind(data: bytes, name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as err:
        raise DocumentError(
            name or None,
            f"damaged zip archive ({err})",
            "a .docx file is a zip archive; export it again from Word",
        ) from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        raise DocumentError(name or None, "unsupported file type: this is an Excel workbook", SUPPORTED_HINT)
    if "ppt/presentation.xml" in names:
        raise DocumentError(
            name or None, "unsupported file type: this is a PowerPoint presentation", SUPPORTED_HINT
        )
    if "content.xml" in names:
        raise DocumentError(
            name or None,
            "unsupported file type: this is an OpenDocument file",
            "save it as .docx from LibreOffice",
        )
    raise DocumentError(
        name or None,
        "unsupported file type: a zip archive without a Word document inside",
        "extract the archive and give the documents one by one",
    )
