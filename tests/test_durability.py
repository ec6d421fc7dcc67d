"""Durability: schema migrations keep user data, concurrent edits lose nothing, bad databases fail clearly."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date

import pytest

from pipeline.errors import DocumentError
from pipeline.model import DocumentMeta
from pipeline.store import SCHEMA_VERSION, STATUS_DOING, STATUS_DONE, Store, apply_migrations
from pipeline.synthetic import PoolTask, build_extraction

META = DocumentMeta(doc_type="Kế hoạch", number="12-KH/TU", issuer="Tỉnh ủy Bình Thuận", issued_date=date(2014, 3, 1))
TASKS = [
    PoolTask(f"Nhiệm vụ số {i}: Ban Tổ chức Tỉnh ủy rà soát quy hoạch cán bộ nhóm {i}.", "II", ("Ban Tổ chức Tỉnh ủy",), (), None)
    for i in range(8)
]


def doc():
    return build_extraction(source="a.txt", meta=META, sections=[("II", "NHIỆM VỤ", TASKS)])


def test_a_version_1_database_with_user_data_is_migrated_without_loss(tmp_path):
    db = tmp_path / "old.db"
    # Build the database as version-1 code did: ingest, then user data written with v1 tables only.
    with Store(":memory:") as donor:
        donor.ingest(doc())
        task_key = donor.query_tasks()[0]["task_key"]
        doc_key = donor.conn.execute("SELECT doc_key FROM documents").fetchone()[0]
    conn = sqlite3.connect(db, isolation_level=None)
    assert apply_migrations(conn, upto=1) == [1]
    conn.execute(
        "INSERT INTO documents(id, content_hash, doc_key, source, text, record_json, ingested_at)"
        " VALUES (1, 'h', ?, 'a.txt', 'x', '{}', '2020-01-01')",
        (doc_key,),
    )
    conn.execute(
        "INSERT INTO tasks(id, document_id, ordinal, task_key, text) VALUES (1, 1, 0, ?, ?)", (task_key, TASKS[0].text)
    )
    conn.execute(
        "UPDATE documents SET text = ? WHERE id = 1", ("Đảng ủy khối tổ chức sinh hoạt chuyên đề.",)
    )
    conn.execute(
        "INSERT INTO passages(id, document_id, kind, section, start, \"end\", text) VALUES (1, 1, 'paragraph', 'I', 0, 41, ?)",
        ("Đảng ủy khối tổ chức sinh hoạt chuyên đề.",),
    )
    conn.execute("INSERT INTO passages_fts(rowid, folded) VALUES (1, 'dang uy khoi to chuc sinh hoat chuyen de.')")
    conn.execute("INSERT INTO task_status VALUES (?, ?, 'ghi chú cũ', '2020-01-02')", (task_key, STATUS_DOING))
    conn.execute(
        "INSERT INTO task_history(task_key, what, old, new, at) VALUES (?, 'status', 'chưa thực hiện', ?, '2020-01-02')",
        (task_key, STATUS_DOING),
    )
    conn.close()
    with Store(db) as store:
        assert store.schema_version() == SCHEMA_VERSION > 1
        versions = [r[0] for r in store.conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
        assert versions == list(range(1, SCHEMA_VERSION + 1))
        row = store.query_tasks()[0]
        assert (row["task_key"], row["status"], row["note"]) == (task_key, STATUS_DOING, "ghi chú cũ")
        assert store.history(task_key)[0]["new"] == STATUS_DOING
        assert store.orphans() == []  # the v2 table exists and is usable
        hits = store.search("sinh hoat chuyen de")  # v3 rebuilt the search index from the stored text
        assert [h["snippet"] for h in hits] == ["Đảng ủy khối tổ chức sinh hoạt chuyên đề."]
        assert store.query_tasks(search="quy hoach")[0]["task_key"] == task_key
        # Re-ingesting the real document keeps the migrated user data on the same task key.
        assert store.ingest(doc()).status == "replaced"
        assert store.query_tasks(status=STATUS_DOING)[0]["task_key"] == task_key


def test_reopening_applies_no_migration_twice(tmp_path):
    db = tmp_path / "d.db"
    Store(db).close()
    with Store(db) as store:
        assert store.conn.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0] == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_two_stores_editing_at_once_lose_no_update(tmp_path):
    db = tmp_path / "shared.db"
    with Store(db) as s:
        s.ingest(doc())
        keys = [r["task_key"] for r in s.query_tasks()]
    rounds = 15
    errors: list[BaseException] = []

    def editor(name: str) -> None:
        try:
            with Store(db) as store:  # each "app session" has its own connection
                for i in range(rounds):
                    for key in keys:
                        store.set_status(key, STATUS_DOING if i % 2 == 0 else STATUS_DONE, f"{name}-{i}-{key}")
        except BaseException as exc:  # surface thread failures in the test
            errors.append(exc)

    threads = [threading.Thread(target=editor, args=(f"user{n}",)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with Store(db) as s:
        for key in keys:
            notes = [h for h in s.history(key) if h["what"] == "note"]
            # Every write changed the note, so every one of them is in the history, in a consistent chain.
            assert len(notes) == 2 * rounds
            assert all(a["new"] == b["old"] for a, b in zip(notes, notes[1:], strict=False))
        final = {r["task_key"]: r["note"] for r in s.query_tasks()}
        assert all(final[k] == s.history(k)[-1]["new"] for k in keys)


def test_one_store_shared_by_threads_is_safe(tmp_path):
    with Store(tmp_path / "t.db") as store:
        store.ingest(doc())
        keys = [r["task_key"] for r in store.query_tasks()]

        def work(key: str) -> None:
            for i in range(10):
                store.set_status(key, STATUS_DONE, f"n{i}")
                store.query_tasks(body="Ban Tổ chức Tỉnh ủy")

        threads = [threading.Thread(target=work, args=(k,)) for k in keys]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert {r["note"] for r in store.query_tasks()} == {"n9"}
        assert all(len(store.history(k)) == 11 for k in keys)  # 1 status change + 10 notes


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"this is not a database at all" * 100, "cannot open the database"),
    ],
)
def test_a_file_that_is_not_a_database_gives_a_one_line_error(tmp_path, content, reason):
    bad = tmp_path / "bad.db"
    bad.write_bytes(content)
    with pytest.raises(DocumentError) as err:
        Store(bad)
    assert reason in str(err.value) and str(bad) in str(err.value)
    assert "\n" not in str(err.value)


def test_a_database_from_a_newer_program_is_refused(tmp_path):
    db = tmp_path / "new.db"
    with Store(db) as s:
        s.conn.execute("INSERT INTO schema_migrations VALUES (?, 'future', '2030-01-01')", (SCHEMA_VERSION + 1,))
    with pytest.raises(DocumentError, match="newer than this program"):
        Store(db)


def test_a_crash_inside_ingest_leaves_the_file_database_as_it_was(tmp_path, monkeypatch):
    db = tmp_path / "c.db"
    with Store(db) as s:
        s.ingest(doc())
        s.set_status(s.query_tasks()[0]["task_key"], STATUS_DONE)
        before = s.dump()
    changed = build_extraction(source="a.txt", meta=META, sections=[("II", "NHIỆM VỤ", TASKS[:3])])
    import pipeline.store as store_module

    def crash(*args, **kwargs):
        raise OSError("disk full")

    with Store(db) as s:
        monkeypatch.setattr(store_module.Store, "_carry_over_user_data", crash)
        with pytest.raises(OSError):
            s.ingest(changed)
    with Store(db) as s:
        assert s.dump() == before


def _bad_files(folder) -> list:
    import zipfile

    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "random.pdf").write_bytes(bytes(range(256)) * 8)
    (folder / "truncated.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")
    (folder / "notzip.docx").write_bytes(b"hello, not a zip")
    with zipfile.ZipFile(folder / "nodoc.docx", "w") as z:
        z.writestr("a.txt", "x")
    return sorted(folder.iterdir())


def test_cli_ingest_of_bad_files_names_each_and_leaves_user_data_intact(tmp_path, capsys):
    from pathlib import Path

    from pipeline.cli import main

    good = sorted((Path(__file__).parent.parent / "corpus").glob("*.txt"))[0]
    db = str(tmp_path / "u.db")
    assert main(["ingest", str(good), "--db", db]) == 0
    with Store(db) as store:
        key = store.query_tasks()[0]["task_key"]
        store.set_status(key, STATUS_DONE, "giữ nguyên")
        user_tables = {k: v for k, v in store.dump().items() if k.startswith(("task_status", "task_history", "doc"))}
    capsys.readouterr()
    bad = _bad_files(tmp_path / "bad")
    code = main(["ingest", str(tmp_path / "bad"), str(good), "--db", db])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.strip() == f"0 added, 1 unchanged, 0 replaced, {len(bad)} failed"
    assert "Traceback" not in err
    for path in bad:
        assert any(line.startswith(f"{path}: ") for line in err.splitlines()), path
    with Store(db) as store:
        assert {k: v for k, v in store.dump().items() if k in user_tables} == user_tables
