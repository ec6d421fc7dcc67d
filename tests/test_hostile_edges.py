"""Edges: links out of the ingested folder, another program's database, read-only databases,
malformed backups, hostile file names, uploads that fail or repeat, a full disk.

Each case must end in one clear line (or a clean result) and leave the database as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

import pipeline.store as store_module
from pipeline.cli import main
from pipeline.store import APPLICATION_ID, STATUS_DOING, Store

DIRECTIVE = "KẾ HOẠCH\n\n1. Ban Tuyên giáo Tỉnh ủy chủ trì tuyên truyền nghị quyết {n}.\n"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(tmp_path) -> Path:
    """A database with one directive and a note on its task."""
    source = tmp_path / "kh.txt"
    source.write_text(DIRECTIVE.format(n=1), encoding="utf-8")
    path = tmp_path / "d.db"
    assert main(["ingest", str(source), "--db", str(path)]) == 0
    with Store(path) as store:
        store.set_status(store.query_tasks()[0]["task_key"], STATUS_DOING, "ghi chú")
    return path


def test_links_leading_out_of_the_folder_are_skipped_and_said(tmp_path, capsys):
    outside = tmp_path / "secret.txt"
    outside.write_text(DIRECTIVE.format(n="bí mật"), encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(DIRECTIVE.format(n=1), encoding="utf-8")
    (folder / "inside-link.txt").symlink_to(folder / "a.txt")  # stays inside: fine
    (folder / "passwd.txt").symlink_to(outside)
    db = tmp_path / "x.db"
    code, out, err = run(capsys, "ingest", str(folder), "--db", str(db))
    assert code == 0
    lines = [line for line in err.splitlines() if "passwd.txt" in line]
    assert len(lines) == 1 and "outside the folder" in lines[0] and str(outside) in lines[0]
    assert "1 link(s) leading outside the folder skipped" in out
    with Store(db) as store:
        assert not any("bí mật" in r["text"] for r in store.query_tasks())


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path, capsys):
    foreign = tmp_path / "khach-hang.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO customers(name) VALUES ('An')")
    conn.commit()
    conn.close()
    before = _digest(foreign)
    for argv in (["tasks"], ["search", "ban"], ["backup", "--out", str(tmp_path / "b.json")]):
        code, _, err = run(capsys, *argv, "--db", str(foreign))
        assert code == 1 and len(err.strip().splitlines()) == 1, err
        assert "belongs to another application" in err and "customers" in err
    assert _digest(foreign) == before and not Path(f"{foreign}-wal").exists()


def test_our_databases_carry_the_application_id(db):
    assert sqlite3.connect(db).execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_read_only_database_serves_reading_commands_and_backup(db, tmp_path, capsys, monkeypatch):
    with Store(db):
        pass  # checkpointed and closed: the file is complete on its own
    before = _digest(db)
    real_access = os.access
    monkeypatch.setattr(
        store_module.os, "access", lambda p, mode: False if mode & os.W_OK else real_access(p, mode)
    )
    code, out, _ = run(capsys, "tasks", "--db", str(db))
    assert code == 0 and "Ban Tuyên giáo" in out
    assert run(capsys, "search", "tuyen truyen", "--db", str(db))[0] == 0
    backup = tmp_path / "b.json"
    assert run(capsys, "backup", "--out", str(backup), "--db", str(db))[0] == 0
    assert json.loads(backup.read_text(encoding="utf-8"))["task_status"][0]["note"] == "ghi chú"
    key = json.loads(backup.read_text(encoding="utf-8"))["task_status"][0]["task_key"]
    code, _, err = run(capsys, "status", key, "hoàn thành", "--db", str(db))
    assert code != 0 and "read-only" in err and len(err.strip().splitlines()) == 1
    assert _digest(db) == before


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("[" * 100_000 + "]" * 100_000, "not a valid backup"),
        ('{"format": "directive-user-data/1", "task_status": [{"task_key": "k", "status": "xong", "note": {"a": 1}}]}',
         "task_status[0].note must be text"),
        ('{"format": "directive-user-data/1", "task_status": [{"task_key": "k", "status": 1000000000000000000000000000000}]}',
         "task_status[0].status must be text"),
        ('{"format": "directive-user-data/1", "task_history": {"a": 1}}', '"task_history" must be a list'),
        ('"just text"', "not a backup object"),
        ('{"format": "something-else"}', "not a user-data backup"),
    ],
    ids=["deep nesting", "note is an object", "huge integer", "history not a list", "a string", "wrong format"],
)
def test_restore_of_a_malformed_backup_is_one_line_and_changes_nothing(db, tmp_path, capsys, content, words):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with Store(db) as store:
        before = store.dump()
    code, _, err = run(capsys, "restore", str(bad), "--db", str(db))
    assert code == 1 and len(err.strip().splitlines()) == 1 and words in err, err
    assert "Traceback" not in err
    with Store(db) as store:
        assert store.dump() == before


def test_hostile_file_names_are_shown_escaped_on_one_line(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    odd = folder / "kế hoạch\nsố 2\x1b[31m\u202e.txt"
    odd.write_text(DIRECTIVE.format(n=2), encoding="utf-8")
    broken = folder / "hỏng\r\n.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj <<")
    latin = os.fsencode(folder) + b"/k\xe9 ho\xe0ch.txt"  # a name that is not UTF-8
    with open(latin, "w", encoding="utf-8") as handle:
        handle.write(DIRECTIVE.format(n=3))
    db = tmp_path / "x.db"
    code, out, err = run(capsys, "ingest", str(folder), "--db", str(db))
    assert "2 added" in out and "1 failed" in out and code == 1
    assert "\x1b" not in err and "\u202e" not in err
    broken_lines = [line for line in err.splitlines() if "h\u1ecfng" in line]
    assert len(broken_lines) == 1 and "\\x0d\\x0a.pdf" in broken_lines[0]
    assert "unexpected error" not in err
    with Store(db) as store:
        sources = {d["source"] for d in store.documents()}
    assert any(s.endswith("k\\xe9 ho\\xe0ch.txt") for s in sources)
    assert any("\\x0a" in s and "\\x1b[31m\\u202e" in s for s in sources)


def test_failed_and_repeated_uploads_leave_no_file(tmp_path, monkeypatch):
    pytest.importorskip("streamlit")
    import streamlit as st

    from app_lib import appdata

    uploads = tmp_path / "uploads"
    monkeypatch.setenv("DIRECTIVES_DB", str(tmp_path / "app.db"))
    monkeypatch.setenv("DIRECTIVES_UPLOADS", str(uploads))
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        first = appdata.ingest_upload("kh.txt", DIRECTIVE.format(n=1).encode())
        again = appdata.ingest_upload("kh (1).txt", DIRECTIVE.format(n=1).encode())
        bad = appdata.ingest_upload("cut.pdf", b"%PDF-1.4\n1 0 obj <<")
        appdata.get_store().close()
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()
    assert first["ok"] and first["status"] == "added"
    assert again["ok"] and again["status"] == "unchanged"
    assert bad["ok"] is False
    assert len([p for p in uploads.iterdir() if p.is_file()]) == 1


def test_a_full_disk_during_ingest_says_so(tmp_path, capsys, monkeypatch):
    source = tmp_path / "kh.txt"
    source.write_text(DIRECTIVE.format(n=1), encoding="utf-8")

    def full(self, extraction):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Store, "ingest", full)
    code, _, err = run(capsys, "ingest", str(source), "--db", str(tmp_path / "x.db"))
    assert code == 1 and "the disk is full" in err and "please report" not in err
