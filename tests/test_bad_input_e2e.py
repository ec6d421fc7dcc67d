"""Issue #7's done-when: every kind of bad input, mixed with good files, through the CLI and the upload path.

A database first gets the corpus plus user data (statuses, notes, history). Then the
bad files and good ones go through `ingest` and `extract --json` (real subprocesses,
tesseract hidden from PATH) and through the app's upload helper. Each bad file must
get one line naming it and the reason, the exit status must be non-zero, no traceback,
the good files must be stored with the same results `extract` gives, and every row of
pre-existing data must be exactly as before.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from readers_fixtures import corpus_text, make_pdf, make_scanned_pdf, make_zip_bomb_docx, vietnamese_font

from pipeline.store import STATUS_DOING, STATUS_DONE, Store

ROOT = Path(__file__).resolve().parent.parent
CORPUS_FILES = sorted((ROOT / "corpus").glob("*.txt"))
FONT = vietnamese_font()
USER_TABLES = ("task_status", "task_history", "orphaned_user_data")
EXTRACTION_TABLES = ("documents", "sections", "citations", "tasks", "task_bodies", "passages")
SCRIPT_MARK = "MALICIOUS_SCRIPT_TEXT"


def _truncated_pdf(folder: Path) -> bytes:
    data = make_pdf(folder / "whole.pdf.part", ["Tỉnh ủy Bình Thuận chỉ đạo " * 40] * 3, FONT).read_bytes()
    (folder / "whole.pdf.part").unlink()
    return data[: len(data) // 3]


def _encrypted_pdf(folder: Path) -> bytes:
    path = make_pdf(folder / "locked.pdf.part", ["Bí mật"], FONT, password="secret")
    data = path.read_bytes()
    path.unlink()
    return data


def _scanned_pdf(folder: Path) -> bytes:
    work = folder / "scan-work"
    work.mkdir()
    data = make_scanned_pdf(work / "scan.pdf", "NGHỊ QUYẾT về công tác cán bộ", FONT, work).read_bytes()
    shutil.rmtree(work)
    return data


def _bomb(folder: Path) -> bytes:
    data = make_zip_bomb_docx(folder / "bomb.part").read_bytes()
    (folder / "bomb.part").unlink()
    return data


def _mixed_encodings(folder: Path) -> bytes:
    text = corpus_text("001_")
    return text[:3000].encode("utf-8") + text[3000:6000].encode("cp1258", errors="replace")


HAS_FONT = FONT is not None
HAS_PDFTOPPM = shutil.which("pdftoppm") is not None

# (file name, make bytes, words the one-line reason must contain); 50 MB is written sparsely below.
BAD = [
    ("empty.txt", lambda folder: b"", ["empty"]),
    ("random-bytes.pdf", lambda folder: random.Random(5).randbytes(6000), ["not a valid PDF"]),
    ("not-a-zip.docx", lambda folder: "Đây là văn bản thường, không phải Word.".encode(), ["not a zip"]),
    ("zip-bomb.docx", _bomb, ["zip bomb"]),
    ("huge-50mb.txt", None, ["too large"]),
]
if HAS_FONT:
    BAD += [
        ("truncated.pdf", _truncated_pdf, ["truncated"]),
        ("encrypted.pdf", _encrypted_pdf, ["encrypted", "password"]),
    ]
if HAS_FONT and HAS_PDFTOPPM:
    BAD.append(("scanned.pdf", _scanned_pdf, ["OCR is not installed", "tesseract-ocr-vie"]))

# Odd but readable: stored, with a warning where something could not be read.
ODD = [
    ("mixed-encodings.txt", _mixed_encodings, ["mixes encodings"]),
    (
        "no-structure.txt",
        lambda folder: ("Hôm nay trời đẹp. Chúng tôi đi dạo ven hồ và nói chuyện về mùa màng.\n" * 5).encode(),
        ["no header found", "no numbered sections"],
    ),
    ("long-lines.txt", lambda folder: ("Tỉnh ủy chỉ đạo các cấp ủy quán triệt nghị quyết. " * 25_000).encode(), []),
    (
        "with-scripts.html",
        lambda folder: (
            "<html><head><script>document.write('" + SCRIPT_MARK + "')</script></head><body>"
            "<p>TỈNH ỦY BÌNH THUẬN</p><p>CHỈ THỊ</p><p>về công tác tuyên truyền</p>"
            "<p>1. Ban Tuyên giáo Tỉnh ủy chủ trì tuyên truyền nghị quyết.</p>"
            "<script>var x = '" + SCRIPT_MARK + "';</script></body></html>"
        ).encode(),
        [],
    ),
]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, Path]:
    """Every bad and odd file, plus copies of the corpus files (the good ones), in one folder."""
    folder = tmp_path_factory.mktemp("bad-input")
    files: dict[str, Path] = {}
    for name, make, _ in BAD + ODD:
        path = folder / name
        if make is None:  # 50 MB on paper, nothing written: the size check must refuse it unread
            with path.open("wb") as handle:
                handle.truncate(50 * 1024 * 1024)
        else:
            path.write_bytes(make(folder))
        files[name] = path
    for source in CORPUS_FILES:
        shutil.copy(source, folder / source.name)
        files[source.name] = folder / source.name
    return files


@pytest.fixture(scope="module")
def no_tesseract_path(tmp_path_factory) -> str:
    """A PATH with every tool of the normal PATH except tesseract (OCR "not installed")."""
    folder = tmp_path_factory.mktemp("bin-without-tesseract")
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        if not directory or not Path(directory).is_dir():
            continue
        for tool in Path(directory).iterdir():
            if tool.name.startswith("tesseract") or (folder / tool.name).exists():
                continue
            with contextlib.suppress(OSError):  # a name we cannot link is a tool we do not need
                (folder / tool.name).symlink_to(tool)
    assert shutil.which("tesseract", path=str(folder)) is None
    return str(folder)


def _user_database(path: Path, inputs: dict[str, Path]) -> dict:
    """Ingest the good files and add user data; returns the full dump to compare with later."""
    from pipeline.extract import extract_file

    with Store(path) as store:
        for source in CORPUS_FILES:
            store.ingest(extract_file(inputs[source.name]))
        tasks = store.query_tasks()
        assert len(tasks) >= 6
        store.set_status(tasks[0]["task_key"], STATUS_DOING, "đang làm")
        store.set_status(tasks[0]["task_key"], STATUS_DONE, "đã xong")
        store.set_status(tasks[3]["task_key"], STATUS_DOING)
        store.set_status(tasks[5]["task_key"], "chưa thực hiện", "chờ hướng dẫn")
        return store.dump()


def _assert_pre_existing_data_intact(path: Path, before: dict) -> dict:
    with Store(path) as store:
        after = store.dump()
    for table in USER_TABLES:
        assert after[table] == before[table], table
    for table in EXTRACTION_TABLES:
        missing = set(before[table]) - set(after[table])
        assert not missing, (table, sorted(missing, key=repr)[:2])
    return after


def _run(argv: list[str], path_env: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": path_env, "PYTHONIOENCODING": "utf-8"}
    env.pop("DIRECTIVES_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *argv], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def _lines(stream: str) -> list[str]:
    """Message lines of stderr (tqdm redraws its bar with carriage returns)."""
    return [line.strip() for line in re.split(r"[\r\n]", stream) if line.strip()]


def _file_order(inputs: dict[str, Path]) -> list[Path]:
    """Bad, odd and good files interleaved, so a failure cannot stop what comes after it."""
    bad = [inputs[name] for name, _, _ in BAD]
    good = [inputs[name] for name, _, _ in ODD] + [inputs[f.name] for f in CORPUS_FILES]
    mixed = []
    for i in range(max(len(bad), len(good))):
        mixed += bad[i : i + 1] + good[i : i + 1]
    return mixed


def test_cli_ingest_and_extract_of_bad_files_among_good_ones(inputs, no_tesseract_path, tmp_path):
    db = tmp_path / "user.db"
    before = _user_database(db, inputs)
    files = [str(p) for p in _file_order(inputs)]

    done = _run(["ingest", *files, "--db", str(db)], no_tesseract_path)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    lines = _lines(done.stderr)
    for name, _, words in BAD:
        path = str(inputs[name])
        mine = [line for line in lines if line.startswith(path + ": ")]
        assert len(mine) == 1, (name, mine)
        for word in words:
            assert word in mine[0], (name, word, mine[0])
    for name, _, words in ODD:
        warned = " ".join(line for line in lines if line.startswith(str(inputs[name]) + ": warning: "))
        for word in words:
            assert word in warned, (name, word, lines)
    assert done.stdout.strip() == (
        f"{len(ODD)} added, {len(CORPUS_FILES)} unchanged, 0 replaced, {len(BAD)} failed"
    )
    after = _assert_pre_existing_data_intact(db, before)
    assert len(after["documents"]) == len(before["documents"]) + len(ODD)

    extracted = _run(["extract", *files, "--json"], no_tesseract_path)
    assert extracted.returncode == 1
    assert "Traceback" not in extracted.stderr + extracted.stdout
    records = [json.loads(line) for line in extracted.stdout.splitlines()]
    assert [r["source"] for r in records] == files
    by_source = {r["source"]: r for r in records}
    for name, _, words in BAD:
        record = by_source[str(inputs[name])]
        assert set(record) >= {"error", "source"} and "tasks" not in record, name
        assert record["error"].startswith(str(inputs[name]) + ": ")
        assert all(word in record["error"] for word in words), (name, record["error"])

    # The good files: stored exactly as `extract` reads them, scripts never part of the text.
    with Store(db) as store:
        stored = {r["source"]: r for r in store.records()}
        for name in [n for n, _, _ in ODD] + [f.name for f in CORPUS_FILES]:
            record = by_source[str(inputs[name])]
            assert "error" not in record, name
            assert [t["text"] for t in stored[str(inputs[name])]["tasks"]] == [t["text"] for t in record["tasks"]]
        assert not any(SCRIPT_MARK in d["text"] for d in map(store.document, [d["id"] for d in store.documents()]))
    assert by_source[str(inputs["no-structure.txt"])]["tasks"] == []
    assert any("no header found" in w for w in by_source[str(inputs["no-structure.txt"])]["warnings"])


def test_upload_path_of_bad_files_among_good_ones(inputs, tmp_path, monkeypatch, no_tesseract_path):
    pytest.importorskip("streamlit")
    import streamlit as st

    from app_lib import appdata
    from pipeline.readers import pdf as pdf_reader

    db = tmp_path / "app.db"
    before = _user_database(db, inputs)
    monkeypatch.setenv("DIRECTIVES_DB", str(db))
    monkeypatch.setenv("DIRECTIVES_UPLOADS", str(tmp_path / "uploads"))
    monkeypatch.setattr(pdf_reader, "ocr_available", lambda: False)
    monkeypatch.setenv("PATH", no_tesseract_path)  # the extraction worker may be a fresh process
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        results = {
            path.name: appdata.ingest_upload(path.name, path.read_bytes()) for path in _file_order(inputs)
        }
        appdata.get_store().close()
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()

    for name, _, words in BAD:
        result = results[name]
        assert result["ok"] is False, (name, result)
        assert "\n" not in result["error"] and "Traceback" not in result["error"]
        reason = result["error"].replace("upload is too large", "too large")
        assert all(word in reason for word in words), (name, result["error"])
    for name, _, words in ODD:
        assert results[name]["ok"] and results[name]["status"] == "added", (name, results[name])
        assert all(any(word in w for w in results[name]["warnings"]) for word in words), (name, results[name])
    for source in CORPUS_FILES:  # the same content already stored: nothing rewritten
        assert results[source.name]["ok"] and results[source.name]["status"] == "unchanged"
    after = _assert_pre_existing_data_intact(db, before)
    assert len(after["documents"]) == len(before["documents"]) + len(ODD)
    stored_files = sorted(p.name for p in (tmp_path / "uploads").rglob("*") if p.is_file())
    assert not any(name.startswith("..") or "/" in name for name in stored_files)
