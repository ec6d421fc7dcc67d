"""Hostile files: each is read under limits and ends fast, in its text or in one clear line.

The files are generated here (tests/hostile_fixtures.py). Each runs through the same
worker the CLI and the upload path use, with a memory limit well under the 1.5 GB a
small file may cost, so a guard that fails shows up as a memory-limit message instead
of the reader's own refusal.
"""

from __future__ import annotations

import io
import os
import random
import signal
import time
import zipfile
from pathlib import Path

import pytest
from hostile_fixtures import (
    docx_bytes,
    numbering_definition,
    paragraph,
    pdf_bytes,
    text_operations,
    understate_member,
)

from pipeline import extract as extract_module
from pipeline.cli import main
from pipeline.errors import DocumentError
from pipeline.readers import pdf as pdf_reader
from pipeline.sandbox import Sandbox

MEMORY_MB = 500  # beyond the worker's own footprint: every case must fit in it
BODY = "".join(paragraph(f"Ban Tuyên giáo Tỉnh ủy chủ trì thực hiện nội dung {i}.", num_id=1) for i in range(30))


def _extract(tmp_path: Path, name: str, data: bytes, **limits) -> tuple[object, float]:
    """(Extraction or DocumentError, seconds) for `data` saved as `name`, read in the worker."""
    path = tmp_path / name
    path.write_bytes(data)
    started = time.monotonic()
    with Sandbox(memory_mb=limits.get("memory_mb", MEMORY_MB), timeout=limits.get("timeout", 20)) as sandbox:
        try:
            result: object = sandbox.extract(path)
        except DocumentError as err:
            result = err
    return result, time.monotonic() - started


def _one_line(err: object, path_part: str, *words: str) -> None:
    assert isinstance(err, DocumentError), err
    assert "\n" not in err.message and path_part in err.message
    for word in words:
        assert word in err.message, err.message


@pytest.mark.parametrize(
    ("start", "fmt", "first_marker"),
    [
        (2147483647, "lowerLetter", "a)"),  # out of Word's range: read as the default start
        (32767, "lowerLetter", "32767)"),  # in range, but letters that long are no list
        (32767, "upperRoman", "32767)"),
        (3, "upperRoman", "III)"),  # ordinary numbering is untouched
        ("9" * 5000, "decimal", "1)"),  # a number Python will not even parse
    ],
)
def test_word_numbering_values_are_capped(tmp_path, start, fmt, first_marker):
    data = docx_bytes(BODY, numbering_definition(start, fmt))
    result, seconds = _extract(tmp_path, "list.docx", data)
    assert not isinstance(result, DocumentError), result
    lines = [line for line in result.loaded.text.splitlines() if "nội dung" in line]
    assert len(lines) == 30 and lines[0].startswith(first_marker + " ")
    assert max(len(line) for line in lines) < 120
    assert seconds < 20


def test_lvl_text_of_many_references_is_capped(tmp_path):
    data = docx_bytes(BODY, numbering_definition(1, "decimal", "%1." * 5000))
    result, _ = _extract(tmp_path, "refs.docx", data)
    assert max(len(line) for line in result.loaded.text.splitlines()) < 160


def test_zip_directory_that_understates_a_member_is_refused_without_inflating_it(tmp_path):
    honest = docx_bytes(BODY, numbering_definition(1, "decimal"), {"word/media/blob.bin": bytes(300 * 1024 * 1024)})
    lying = understate_member(honest, "word/media/blob.bin", 1000)
    assert len(lying) < 1_000_000
    assert zipfile.ZipFile(io.BytesIO(lying)).getinfo("word/media/blob.bin").file_size == 1000
    result, seconds = _extract(tmp_path, "lying.docx", lying)
    _one_line(result, "lying.docx", "refused", "expand", "200 MB")
    assert seconds < 20


def test_small_lie_in_the_zip_directory_is_refused(tmp_path):
    honest = docx_bytes(BODY, numbering_definition(1, "decimal"), {"word/media/blob.bin": bytes(2_000_000)})
    result, _ = _extract(tmp_path, "lie.docx", understate_member(honest, "word/media/blob.bin", 1000))
    _one_line(result, "lie.docx", "zip directory says", "blob.bin")


def test_xml_part_too_large_to_parse_is_refused(tmp_path):
    rng = random.Random(5)  # varied text, so the ratio check does not refuse it first
    body = "".join(paragraph(f"Ban {rng.getrandbits(64):x} chủ trì {rng.getrandbits(64):x}.") for _ in range(420_000))
    result, seconds = _extract(tmp_path, "big.docx", docx_bytes(body))
    _one_line(result, "big.docx", "document.xml", "32 MB")
    assert seconds < 20


def test_pdf_stream_that_inflates_a_thousandfold_is_refused(tmp_path):
    content = b"BT /F1 12 Tf 50 700 Td (Tinh uy) Tj ET\n" + b" " * (100 * 1024 * 1024)
    data = pdf_bytes(content, flate=True)
    assert len(data) < 200_000
    result, seconds = _extract(tmp_path, "bomb.pdf", data)
    _one_line(result, "bomb.pdf", "refused", "64 MB")
    assert seconds < 20


def test_pdf_budget_is_enforced_inside_a_page(tmp_path, monkeypatch):
    monkeypatch.setenv("DIRECTIVES_PDF_TIMEOUT", "1")
    data = pdf_bytes(text_operations(90_000, b"a"), flate=True)  # under the character cap: time decides
    result, seconds = _extract(tmp_path, "ops.pdf", data)
    _one_line(result, "ops.pdf", "longer than 1 s", "page 1")
    assert seconds < 10


def test_pdf_page_drawing_too_many_characters_is_refused_while_read(tmp_path):
    data = pdf_bytes(text_operations(400_000), flate=True)  # 800,000 characters on one page
    result, seconds = _extract(tmp_path, "chars.pdf", data)
    _one_line(result, "chars.pdf", "refused", "100,000 characters")
    assert seconds < 20


def test_ocr_resolution_shrinks_for_huge_pages():
    assert pdf_reader.ocr_dpi(11.7) == 300  # A4
    assert pdf_reader.ocr_dpi(200) * 200 <= pdf_reader.MAX_OCR_PIXELS
    assert pdf_reader.ocr_dpi(0) == 300


def _allocate(path):
    return bytearray(4 * 1024**3)


def _sleep(path):
    time.sleep(60)


def _die(path):
    os.kill(os.getpid(), signal.SIGKILL)  # what the kernel's out-of-memory killer does


@pytest.mark.parametrize(
    ("behaviour", "words", "vi"),
    [
        (_allocate, ["memory limit (500 MB)", "DIRECTIVES_MAX_MEMORY_MB"], "giới hạn bộ nhớ"),
        (_sleep, ["time limit (2 s)", "DIRECTIVES_DOC_TIMEOUT"], "giới hạn thời gian"),
        (_die, ["memory limit"], "giới hạn bộ nhớ"),
    ],
)
def test_a_file_over_a_limit_costs_one_line_and_the_next_file_is_read(tmp_path, monkeypatch, behaviour, words, vi):
    good = tmp_path / "good.txt"
    good.write_text("Ban Tuyên giáo Tỉnh ủy chủ trì tuyên truyền.", encoding="utf-8")
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("x", encoding="utf-8")
    real = extract_module.extract_file
    monkeypatch.setattr(extract_module, "extract_file", lambda p: behaviour(p) if "hostile" in str(p) else real(p))
    started = time.monotonic()
    with Sandbox(memory_mb=MEMORY_MB, timeout=2, start_method="fork") as sandbox:  # inherits the patch
        with pytest.raises(DocumentError) as caught:
            sandbox.extract(hostile)
        assert sandbox.extract(good).source == str(good)
    assert time.monotonic() - started < 15
    _one_line(caught.value, "hostile.txt", *words)
    assert vi in caught.value.shown


def test_ingest_goes_on_after_a_hostile_file(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_bomb.pdf").write_bytes(pdf_bytes(b" " * (80 * 1024 * 1024), flate=True))
    (folder / "b_good.txt").write_text(
        "KẾ HOẠCH\n\n1. Ban Tuyên giáo Tỉnh ủy chủ trì tuyên truyền nghị quyết.\n", encoding="utf-8"
    )
    code = main(["ingest", str(folder), "--db", str(tmp_path / "x.db")])
    out, err = capsys.readouterr()
    assert code == 1
    assert "1 added" in out and "1 failed" in out
    bomb_lines = [line for line in err.splitlines() if "a_bomb.pdf" in line]
    assert len(bomb_lines) == 1 and "64 MB" in bomb_lines[0]


def test_worker_from_a_threaded_process_reads_with_the_callers_settings(tmp_path, monkeypatch):
    """With other threads running (the app), the worker comes from a clean fork server and still
    reads with the caller's environment (here: a PDF time budget set after the server started)."""
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        good = tmp_path / "good.txt"
        good.write_text("KẾ HOẠCH\n\n1. Ban Tuyên giáo Tỉnh ủy chủ trì tuyên truyền.\n", encoding="utf-8")
        monkeypatch.setenv("DIRECTIVES_PDF_TIMEOUT", "1")
        (tmp_path / "ops.pdf").write_bytes(pdf_bytes(text_operations(90_000, b"a"), flate=True))
        with Sandbox(memory_mb=MEMORY_MB, timeout=20) as sandbox:
            assert len(sandbox.extract(good).tasks) == 1
            with pytest.raises(DocumentError, match="longer than 1 s"):
                sandbox.extract(tmp_path / "ops.pdf")
    finally:
        stop.set()
