"""Uploads: size and type checked by content, names sanitized, files kept inside upload_dir."""

from __future__ import annotations

from pathlib import Path

import pytest
from readers_fixtures import make_docx, make_zip_bomb_docx

from pipeline.errors import DocumentError
from pipeline.readers import load_document
from pipeline.uploads import safe_filename, save_upload

TEXT = "Tỉnh ủy Bình Thuận chỉ đạo các cấp ủy quán triệt Nghị quyết.".encode()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Chỉ thị 15.txt", "Chỉ thị 15"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\system.ini", "system"),
        (".bashrc", "bashrc"),
        ("...", "upload"),
        ("", "upload"),
        ("a/b/../.hidden.pdf", "hidden"),
        ("tên\x00độc\u202ehại.txt", "tênđộchại"),  # NUL and right-to-left override removed
        ("Kế hoạch; rm -rf *.docx", "Kế hoạch_ rm -rf"),
        ("x" * 300 + ".txt", "x" * 80),
        ("Nghi\u0301 quyê\u0301t.txt", "Nghí quyết"),  # NFD name is stored NFC
    ],
)
def test_safe_filename(name: str, expected: str):
    assert safe_filename(name) == expected


def test_upload_is_stored_inside_dir_with_unique_name_and_content_type(tmp_path: Path):
    uploads = tmp_path / "private" / "uploads"
    first = save_upload("../../Chỉ thị.txt", TEXT, uploads)
    second = save_upload("../../Chỉ thị.txt", TEXT, uploads)
    assert first != second
    for stored in (first, second):
        assert stored.parent == uploads.resolve()
        assert stored.name.endswith("_Chỉ thị.txt")
        assert stored.read_bytes() == TEXT
        assert (stored.stat().st_mode & 0o077) == 0  # readable by the owner only
    assert not (tmp_path / "Chỉ thị.txt").exists()


def test_extension_follows_content_not_name(tmp_path: Path):
    docx = make_docx(tmp_path / "real.docx", "Nghị quyết", [["a", "b"]], "hết")
    stored = save_upload("innocent.txt", docx.read_bytes(), tmp_path / "up")
    assert stored.suffix == ".docx"
    assert load_document(stored).source_format == "docx"
    page = save_upload("page", b"<!DOCTYPE html><html><body><p>Chi thi</p></body></html>", tmp_path / "up")
    assert page.suffix == ".html"


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("empty.txt", b"", ["empty"]),
        ("report.pdf", b"this is not a pdf at all", ["report.pdf", "not a valid PDF"]),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 100, ["photo", "JPEG"]),
        ("prog.exe", b"MZ\x90\x00" + b"\0" * 100, ["Windows program"]),
        ("junk.txt", b"\x00\x01\x02" * 500, ["binary"]),
    ],
)
def test_bad_uploads_are_refused(tmp_path: Path, name: str, data: bytes, words: list[str]):
    with pytest.raises(DocumentError) as caught:
        save_upload(name, data, tmp_path / "up")
    for word in words:
        assert word in str(caught.value)
    assert not any((tmp_path / "up").glob("*")) if (tmp_path / "up").exists() else True


def test_upload_size_limit(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("DIRECTIVES_MAX_BYTES", "100")
    with pytest.raises(DocumentError, match=r"too large .*DIRECTIVES_MAX_BYTES"):
        save_upload("big.txt", b"a" * 101, tmp_path)


def test_zip_bomb_upload_is_refused(tmp_path: Path):
    bomb = make_zip_bomb_docx(tmp_path / "bomb.docx").read_bytes()
    with pytest.raises(DocumentError, match="zip bomb"):
        save_upload("bomb.docx", bomb, tmp_path / "up")
