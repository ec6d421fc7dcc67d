"""CLI of the store: ingest, search, tasks (table/JSON/CSV/XLSX), export calendar, backup/restore, make-db."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from test_store import META, TASKS, make_doc

from pipeline.cli import main
from pipeline.store import STATUS_DONE, Store

CORPUS = Path(__file__).parent.parent / "corpus"


@pytest.fixture
def db(tmp_path) -> str:
    """A database holding one hand-built directive with four tasks."""
    path = tmp_path / "cli.db"
    with Store(path) as store:
        store.ingest(make_doc())
    return str(path)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_a_folder_twice_then_report_unchanged(tmp_path, capsys):
    folder = tmp_path / "docs" / "nested"
    folder.mkdir(parents=True)
    for f in sorted(CORPUS.glob("*.txt"))[:2]:
        shutil.copy(f, folder / f.name)
    (folder / "notes.md").write_text("not a directive", encoding="utf-8")  # ignored: not a document type
    db = str(tmp_path / "i.db")
    code, out, err = run(capsys, "ingest", str(tmp_path / "docs"), "--db", db)
    assert code == 0, err
    assert out.strip() == "2 added, 0 unchanged, 0 replaced, 0 failed"
    code, out, _ = run(capsys, "ingest", str(tmp_path / "docs"), "--db", db)
    assert (code, out.strip()) == (0, "0 added, 2 unchanged, 0 replaced, 0 failed")


def test_a_failing_file_among_good_ones_is_named_and_the_others_are_stored(tmp_path, capsys):
    good = sorted(CORPUS.glob("*.txt"))[0]
    bad_pdf = tmp_path / "broken.pdf"
    bad_pdf.write_bytes(b"\x00\x01 not a pdf at all")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    db = str(tmp_path / "f.db")
    code, out, err = run(capsys, "ingest", str(bad_pdf), str(good), str(empty), str(tmp_path / "missing.txt"), "--db", db)
    assert code == 1
    assert out.strip() == "1 added, 0 unchanged, 0 replaced, 3 failed"
    for name in ("broken.pdf", "empty.txt", "missing.txt"):
        assert any(line.startswith(str(tmp_path / name) + ":") for line in err.splitlines()), (name, err)
    assert "Traceback" not in err
    with Store(db) as store:
        assert [d["source"] for d in store.documents()] == [str(good)]


def test_ingest_with_an_unusable_database_fails_in_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not sqlite" * 500)
    code, _, err = run(capsys, "ingest", str(sorted(CORPUS.glob("*.txt"))[0]), "--db", str(bad))
    assert code == 1 and str(bad) in err and "Traceback" not in err


def test_search_shows_document_section_and_snippet(db, capsys):
    code, out, _ = run(capsys, "search", "dang uy khoi", "--db", db)
    assert code == 0
    first = out.splitlines()
    assert first[0].startswith("#1 05-KH/TU §II")
    assert "[Đảng ủy khối]" in out
    code, out, _ = run(capsys, "search", "sinh hoat", "--json", "--limit", "1", "--db", db)
    hit = json.loads(out.splitlines()[0])
    assert hit["document_id"] == 1 and "sinh hoạt" in hit["snippet"]


def test_search_uses_the_environment_database(db, capsys, monkeypatch):
    monkeypatch.setenv("DIRECTIVES_DB", db)
    code, out, _ = run(capsys, "search", "quan triet")
    assert code == 0 and "[quán triệt]" in out


@pytest.mark.parametrize(
    ("args", "expected_texts"),
    [
        ([], [t.text for t in TASKS]),
        (["--body", "ban to chuc tinh uy"], [TASKS[0].text]),
        (["--body", "Ban Tổ chức Tỉnh ủy Bình Thuận"], [TASKS[0].text]),
        (["--coordinating", "Ban Tổ chức Tỉnh ủy"], [TASKS[2].text]),
        (["--due-from", "2014-01-01", "--due-to", "2014-12-31"], [TASKS[1].text]),
        (["--overdue", "--today", "2014-07-01"], [TASKS[0].text, TASKS[1].text]),
        (["--document", "1", "--section", "III"], [TASKS[2].text, TASKS[3].text]),
        (["--search", "giam sat"], [TASKS[3].text]),
        (["--status", "hoan thanh"], []),
    ],
)
def test_tasks_json_filters(db, capsys, args, expected_texts):
    code, out, _ = run(capsys, "tasks", *args, "--json", "--db", db)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["text"] for r in rows] == expected_texts


def test_tasks_table_csv_and_xlsx(db, capsys, tmp_path):
    code, out, _ = run(capsys, "tasks", "--body", "Ban Tổ chức Tỉnh ủy", "--db", db)
    assert code == 0
    assert "Ban Tổ chức Tỉnh ủy: Ban Tổ chức Tỉnh ủy chủ trì" in out and out.strip().endswith("1 of 1 tasks")
    code, out, _ = run(capsys, "tasks", "--csv", "--db", db)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(TASKS) and rows[1]["Đến ngày"] == "2014-06-30"
    xlsx = tmp_path / "t.xlsx"
    code, out, _ = run(capsys, "tasks", "--xlsx", str(xlsx), "--db", db)
    assert code == 0 and out.strip() == f"{len(TASKS)} tasks written to {xlsx}"
    from openpyxl import load_workbook

    assert load_workbook(xlsx).active.max_row == len(TASKS) + 1


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--status", "xong"], 2),
        (["--xlsx", "/nonexistent-dir/t.xlsx"], 1),
    ],
)
def test_tasks_bad_input_exits_non_zero_without_traceback(db, capsys, args, code):
    got, _, err = run(capsys, "tasks", *args, "--db", db)
    assert got == code and err.startswith("error:") and "Traceback" not in err


def test_tasks_orphans_lists_user_data_whose_task_vanished(db, capsys):
    with Store(db) as store:
        store.set_status(store.query_tasks()[-1]["task_key"], STATUS_DONE, "đã làm")
        store.ingest(make_doc(TASKS[:2]))
    code, out, _ = run(capsys, "tasks", "--orphans", "--db", db)
    assert code == 0 and "hoàn thành · đã làm" in out and out.strip().endswith("1 orphaned entries")
    code, out, _ = run(capsys, "tasks", "--orphans", "--json", "--db", db)
    assert json.loads(out)["old_text"] == TASKS[-1].text


def test_unwritable_database_location_is_one_line(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "tasks", "--db", str(blocker / "sub" / "d.db"))
    assert code == 1 and err.count("\n") == 1 and "cannot create the database folder" in err


def test_bad_date_is_a_usage_error(db, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["tasks", "--due-from", "31/12/2014", "--db", db])
    assert exc.value.code == 2
    assert "not a date" in capsys.readouterr().err


def test_export_calendar_writes_ics(db, capsys, tmp_path):
    pytest.importorskip("pipeline.ics")
    from icalendar import Calendar

    out_file = tmp_path / "t.ics"
    code, out, err = run(capsys, "export", "calendar", "--out", str(out_file), "--body", "Ban Tổ chức Tỉnh ủy", "--db", db)
    assert code == 0, err
    events = list(Calendar.from_ical(out_file.read_bytes()).walk("VEVENT"))
    assert len(events) == 1
    assert events[0].decoded("dtstart").isoformat() == "2013-10-31"  # the deadline day
    assert out.startswith("1 dated tasks")


def test_backup_and_restore_user_data(db, capsys, tmp_path):
    with Store(db) as store:
        key = store.query_tasks()[0]["task_key"]
        store.set_status(key, STATUS_DONE, "đã báo cáo")
    backup = tmp_path / "user.json"
    code, out, _ = run(capsys, "backup", "--out", str(backup), "--db", db)
    assert code == 0 and out.startswith("1 statuses and 2 history entries")
    data = json.loads(backup.read_text(encoding="utf-8"))
    assert data["task_status"][0]["note"] == "đã báo cáo"
    fresh = str(tmp_path / "fresh.db")
    with Store(fresh) as store:
        store.ingest(make_doc())
    code, out, _ = run(capsys, "restore", str(backup), "--db", fresh)
    assert code == 0 and "1 matched a stored task" in out
    with Store(fresh) as store:
        row = store.query_tasks(status=STATUS_DONE)[0]
        assert (row["task_key"], row["note"]) == (key, "đã báo cáo")


@pytest.mark.parametrize("content", ["{not json", json.dumps({"format": "other"}), json.dumps([1, 2])])
def test_restore_rejects_what_is_not_a_backup(db, capsys, tmp_path, content):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "restore", str(bad), "--db", db)
    assert code == 1 and str(bad) in err and "Traceback" not in err


def test_make_db_builds_a_synthetic_database(tmp_path, capsys):
    out_db = tmp_path / "big.db"
    code, out, _ = run(capsys, "make-db", "--documents", "30", "--tasks-per-document", "5", "--out", str(out_db))
    assert code == 0 and out.startswith("30 documents, 150 tasks, ")
    with Store(out_db) as store:
        assert len(store.documents()) == 30 and store.count_tasks() == 150
        assert store.count_tasks(due_from="2000-01-01") > 0
        assert store.body_counts()
        doc = store.document(1)
        task = doc["record"]["tasks"][0]
        assert doc["text"][task["start"] : task["end"]] == task["text"]
    code, _, err = run(capsys, "make-db", "--documents", "3", "--out", str(out_db))
    assert code == 1 and "already exists" in err


def test_meta_is_consistent_with_the_cli_fixture():
    assert META.number == "05-KH/TU"


def test_real_corpus_file_edit_keeps_status_and_second_ingest_changes_nothing(tmp_path, capsys):
    source = sorted(CORPUS.glob("*.txt"))[0]
    copy = tmp_path / source.name
    text = source.read_text(encoding="utf-8")
    copy.write_text(text, encoding="utf-8")
    db = str(tmp_path / "real.db")
    assert run(capsys, "ingest", str(copy), "--db", db)[0] == 0
    with Store(db) as store:
        rows = store.query_tasks()
        # A task whose opening is printed verbatim in the file, so the test can edit it there.
        target = next(r for r in reversed(rows) if len(r["text"]) > 60 and r["text"][:40] in text)
        store.set_status(target["task_key"], STATUS_DONE, "đã xong")
        before = store.dump()
    assert run(capsys, "ingest", str(copy), "--db", db)[1].strip() == "0 added, 1 unchanged, 0 replaced, 0 failed"
    with Store(db) as store:
        assert store.dump() == before
    # A corrected file: two words are added to that task.
    at = text.index(target["text"][:40]) + len(target["text"].split()[0])
    copy.write_text(text[:at] + " nhanh chóng" + text[at:], encoding="utf-8")
    code, out, _ = run(capsys, "ingest", str(copy), "--db", db)
    assert (code, out.strip()) == (0, "0 added, 0 unchanged, 1 replaced, 0 failed")
    with Store(db) as store:
        done = store.query_tasks(status=STATUS_DONE)
        assert len(done) == 1 and done[0]["note"] == "đã xong"
        assert "nhanh chóng" in done[0]["text"]
        assert store.orphans() == []
