"""Bad input at the reader level: every case ends in one clear DocumentError, fast."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from readers_fixtures import corpus_text, make_docx, make_pdf, make_zip_bomb_docx, vietnamese_font

from pipeline.errors import DocumentError
from pipeline.readers import doc as doc_reader
from pipeline.readers import load_bytes, load_document
from pipeline.readers import pdf as pdf_reader

FONT = vietnamese_font()
needs_font = pytest.mark.skipif(
    FONT is None, reason="no TTF with Vietnamese glyphs (apt-get install fonts-dejavu-core)"
)


def _random_bytes(size: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(size)


def _truncated_pdf(tmp: Path) -> bytes:
    if FONT is None:
        return b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pa"
    data = make_pdf(tmp / "whole.pdf", ["Tỉnh ủy Bình Thuận " * 40] * 3, FONT).read_bytes()
    return data[: len(data) // 3]


def _encrypted_pdf(tmp: Path) -> bytes:
    return make_pdf(tmp / "locked.pdf", ["Bí mật"], FONT, password="secret").read_bytes()


def _not_a_zip_docx(tmp: Path) -> bytes:
    return "Đây là văn bản thường, không phải tệp Word.".encode()


def _fake_doc(tmp: Path) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + _random_bytes(4096)


# (case id, file name, make bytes(tmp), words the message must contain)
BAD_FILES = [
    ("empty file", "empty.txt", lambda tmp: b"", ["empty"]),
    ("only whitespace", "blank.txt", lambda tmp: b" \n\t\r\n ", ["empty"]),
    ("random bytes named .pdf", "report.pdf", lambda tmp: _random_bytes(5000), ["not a valid PDF", "%PDF"]),
    ("text named .pdf", "notes.pdf", lambda tmp: "Tỉnh ủy".encode(), ["not a valid PDF"]),
    ("truncated pdf", "cut.pdf", _truncated_pdf, ["PDF"]),
    ("docx that is not a zip", "letter.docx", _not_a_zip_docx, ["not a valid Word .docx", "not a zip"]),
    (
        "zip bomb docx",
        "bomb.docx",
        lambda tmp: make_zip_bomb_docx(tmp / "b.docx").read_bytes(),
        ["refused", "zip bomb"],
    ),
    ("random binary no extension", "blob", lambda tmp: _random_bytes(5000, seed=3), ["text"]),
    ("NUL-ridden binary", "data.txt", lambda tmp: b"\x00\x01\x02\x03" * 1000, ["binary"]),
    ("png image", "scan.txt", lambda tmp: b"\x89PNG\r\n\x1a\n" + _random_bytes(100), ["PNG image"]),
    ("rtf document", "x.txt", lambda tmp: rb"{\rtf1\ansi hello}", ["RTF"]),
    ("excel workbook", "book.docx", lambda tmp: _xlsx_like(), ["Excel"]),
    ("damaged .doc", "old.doc", _fake_doc, ["old.doc"]),
    (
        "password-protected docx (an OLE container)",
        "secret.docx",
        lambda tmp: (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le")
        ),
        ["password protected"],
    ),
]


def _xlsx_like() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


@pytest.mark.parametrize(("case", "name", "make", "words"), BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_file_gives_clear_error_naming_file_and_reason(tmp_path: Path, case, name, make, words):
    path = tmp_path / name
    path.write_bytes(make(tmp_path))
    with pytest.raises(DocumentError) as caught:
        load_document(path)
    message = str(caught.value)
    assert message.startswith(str(path) + ": "), message
    assert "\n" not in message and "Traceback" not in message
    for word in words:
        assert word in message, (word, message)
    assert caught.value.reason  # the reason is set apart from the file name


@needs_font
def test_encrypted_pdf_is_refused_clearly(tmp_path: Path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(_encrypted_pdf(tmp_path))
    with pytest.raises(DocumentError) as caught:
        load_document(path)
    assert str(caught.value).startswith(f"{path}: the PDF is encrypted")
    assert "password" in str(caught.value)


def test_missing_file_and_folder(tmp_path: Path):
    with pytest.raises(DocumentError, match="file not found"):
        load_document(tmp_path / "nope.txt")
    with pytest.raises(DocumentError, match="folder"):
        load_document(tmp_path)


def test_50_mb_file_is_refused_without_reading_it(tmp_path: Path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: 50 MB on paper, nothing written
        handle.truncate(50 * 1024 * 1024)
    read_calls: list[int] = []
    real_open = Path.open

    def spying_open(self, *args, **kwargs):
        read_calls.append(1)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", spying_open)
    started = time.perf_counter()
    with pytest.raises(DocumentError) as caught:
        load_document(path)
    assert time.perf_counter() - started < 1.0
    assert read_calls == []
    assert str(caught.value).startswith(f"{path}: file is too large (50.0 MB; the limit is 25.0 MB)")
    assert "DIRECTIVES_MAX_BYTES" in str(caught.value)


def test_size_limit_is_configurable(monkeypatch):
    monkeypatch.setenv("DIRECTIVES_MAX_BYTES", "1000")
    with pytest.raises(DocumentError, match="too large"):
        load_bytes(b"a" * 1001, "upload.txt")
    assert load_bytes(b"Tinh uy " * 100, "ok.txt").text.startswith("Tinh uy")
    monkeypatch.setenv("DIRECTIVES_MAX_BYTES", "lots")
    with pytest.raises(DocumentError, match="DIRECTIVES_MAX_BYTES"):
        load_bytes(b"x", "a.txt")


@pytest.mark.parametrize(
    ("case", "text"),
    [
        ("one 6 MB line of words", "Tỉnh ủy chỉ đạo các cấp ủy quán triệt. " * 150_000),
        ("one 3 MB token", "đ" * 1_500_000),
        ("3 MB of punctuation", "-*_" * 1_000_000),
    ],
)
def test_very_long_lines_are_fast(case: str, text: str):
    started = time.perf_counter()
    loaded = load_bytes(text.encode("utf-8"), "long.txt")
    assert time.perf_counter() - started < 5.0, case
    assert len(loaded.text) == len(text)


def test_mixed_encoding_beyond_repair_is_an_error_or_warning():
    """Half UTF-8, half VNI bytes: either decoded with a warning or refused, never silent garbage."""
    text = corpus_text("001_")
    data = text[:3000].encode("utf-8") + text[3000:6000].encode("cp1258", errors="replace")
    try:
        loaded = load_bytes(data, "mixed.txt")
    except DocumentError as err:
        assert "mixed.txt" in str(err)
    else:
        assert loaded.warnings or loaded.encoding != "utf-8"


def test_doc_without_converters_names_the_apt_package(monkeypatch):
    monkeypatch.setattr(doc_reader, "have", lambda tool: False)
    with pytest.raises(DocumentError) as caught:
        load_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old.doc")
    assert "apt-get install antiword" in str(caught.value)


@needs_font
def test_scanned_pdf_without_ocr_names_the_apt_packages(tmp_path: Path, monkeypatch):
    from fpdf import FPDF
    from readers_fixtures import make_scanned_pdf

    if not (os.path.exists("/usr/bin/pdftoppm")):
        pytest.skip("pdftoppm needed to build the scan fixture")
    scan = make_scanned_pdf(tmp_path / "scan.pdf", "Nghị quyết", FONT, tmp_path)
    assert FPDF  # fpdf2 is what built the fixture
    monkeypatch.setattr(pdf_reader, "ocr_available", lambda: False)
    with pytest.raises(DocumentError) as caught:
        load_document(scan)
    assert "OCR is not installed" in str(caught.value)
    assert "tesseract-ocr-vie" in str(caught.value)


def test_docx_reader_survives_a_docx_with_only_a_table(tmp_path: Path):
    path = make_docx(tmp_path / "t.docx", "", [["Nơi nhận:", "T/M BAN THƯỜNG VỤ"]], "")
    assert "Nơi nhận:\tT/M BAN THƯỜNG VỤ" in load_document(path).text


PREFIXES = [
    b"",
    b"%PDF-1.4\n",
    b"PK\x03\x04",
    b"<html><body>",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
]


@settings(max_examples=150, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=3000))
def test_fuzz_arbitrary_bytes_only_raise_document_error(prefix: bytes, body: bytes):
    started = time.perf_counter()
    try:
        loaded = load_bytes(prefix + body, "fuzz.bin")
    except DocumentError as err:
        assert str(err).startswith("fuzz.bin: ")
    else:
        assert loaded.text.strip()
        assert loaded.source_format in ("txt", "docx", "doc", "pdf", "html")
    assert time.perf_counter() - started < 5.0


def test_pipe_is_refused_without_blocking(tmp_path: Path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(DocumentError, match="not a regular file"):
        load_document(fifo)


@needs_font
def test_pdf_time_budget_stops_with_a_clear_error(tmp_path: Path, monkeypatch):
    path = make_pdf(tmp_path / "long.pdf", ["Trang một", "Trang hai"], FONT)
    monkeypatch.setenv("DIRECTIVES_PDF_TIMEOUT", "-1")
    with pytest.raises(DocumentError) as caught:
        load_document(path)
    assert str(caught.value).startswith(f"{path}: reading the PDF took longer than")
    assert "DIRECTIVES_PDF_TIMEOUT" in str(caught.value)
