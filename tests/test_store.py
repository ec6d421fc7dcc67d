"""Store: idempotent ingest, replacement keeping user data, search folding, task filters, exports."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date

import pytest

from pipeline.model import Deadline, DocumentMeta
from pipeline.store import STATUS_DOING, STATUS_DONE, STATUS_TODO, Store, fold_same_length, fts_query
from pipeline.synthetic import PoolTask, build_extraction

META = DocumentMeta(
    doc_type="Kế hoạch",
    number="05-KH/TU",
    issuer="Tỉnh ủy Bình Thuận",
    issued_date=date(2013, 4, 10),
    place="Phan Thiết",
    title="thực hiện Nghị quyết Trung ương 4 về công tác xây dựng Đảng",
    signer="Nguyễn Văn A",
    locality="Bình Thuận",
)

TASKS = [
    PoolTask(
        "Ban Tổ chức Tỉnh ủy chủ trì hướng dẫn các Đảng ủy khối sinh hoạt chuyên đề về xây dựng Đảng.",
        "II.1",
        ("Ban Tổ chức Tỉnh ủy",),
        ("Ủy ban Kiểm tra Tỉnh ủy",),
        Deadline("trong tháng 10/2013", date(2013, 10, 1), date(2013, 10, 31)),
    ),
    PoolTask(
        "Ban Tuyên giáo Tỉnh uỷ hướng dẫn việc quán triệt nghị quyết đến cán bộ, đảng viên.",
        "II.2",
        ("Ban Tuyên giáo Tỉnh uỷ",),
        (),
        Deadline("Quý II/2014", date(2014, 4, 1), date(2014, 6, 30)),
    ),
    PoolTask(
        "Các chi bộ định kỳ 6 tháng báo cáo kết quả thực hiện về Ban Thường vụ.",
        "III",
        ("Chi bộ",),
        ("Ban Tổ chức Tỉnh ủy",),
        Deadline("định kỳ 6 tháng", None, None, "FREQ=MONTHLY;INTERVAL=6"),
    ),
    PoolTask(
        "Ủy ban Kiểm tra Tỉnh ủy kiểm tra, giám sát việc thực hiện kế hoạch đến cuối năm 2015.",
        "III",
        ("Ủy ban Kiểm tra Tỉnh ủy",),
        (),
        Deadline("đến cuối năm 2015", None, date(2015, 12, 31)),
    ),
]


def make_doc(tasks=TASKS, meta=META, source="corpus/a.txt"):
    groups: dict[str, list[PoolTask]] = {}
    for t in tasks:
        groups.setdefault(t.section, []).append(t)
    sections = [(path, f"Nhiệm vụ {path}", items) for path, items in groups.items()]
    return build_extraction(source=source, meta=meta, sections=sections)


@pytest.fixture
def store(store_url):
    """A fresh store on each backend (tests/conftest.py)."""
    with Store(store_url) as s:
        yield s


def keys_by_text(store: Store) -> dict[str, str]:
    return {r["text"]: r["task_key"] for r in store.query_tasks()}


def test_ingest_reports_added_then_unchanged(store):
    first = store.ingest(make_doc())
    second = store.ingest(make_doc())
    assert (first.status, second.status) == ("added", "unchanged")
    assert first.document_id == second.document_id
    assert len(store.documents()) == 1
    assert store.documents()[0]["n_tasks"] == len(TASKS)


def test_ingesting_twice_leaves_the_file_database_row_for_row_identical(tmp_path):
    db = tmp_path / "d.db"
    with Store(db) as s:
        s.ingest(make_doc())
        s.set_status(s.query_tasks()[0]["task_key"], STATUS_DOING, "đang làm")
        before = s.dump()
    with Store(db) as s:
        assert s.ingest(make_doc()).status == "unchanged"
        after = s.dump()
    assert before == after
    assert before["documents"] and before["tasks"] and before["task_history"]


def test_document_and_records_round_trip_the_extraction(store):
    ex = make_doc()
    doc_id = store.ingest(ex).document_id
    doc = store.document(doc_id)
    assert doc["text"] == ex.normalized.text
    assert doc["record"]["document"]["number"] == "05-KH/TU"
    assert doc["target"].startswith("05-KH/TU") and doc["target"].endswith("2013")  # joins the citation graph
    task = doc["record"]["tasks"][0]
    assert doc["text"][task["start"] : task["end"]] == task["text"]
    records = list(store.records())
    assert [r["document_id"] for r in records] == [doc_id]
    assert len(records[0]["tasks"]) == len(TASKS)
    assert store.document(doc_id + 100) is None


def test_changed_file_is_replaced_and_keeps_user_data(store):
    store.ingest(make_doc())
    keys = keys_by_text(store)
    kept, edited, dropped = TASKS[1].text, TASKS[0].text, TASKS[3].text
    store.set_status(keys[kept], STATUS_DONE, "xong")
    store.set_status(keys[edited], STATUS_DOING, "đang làm")
    store.set_status(keys[dropped], STATUS_DOING, "sẽ mất")
    changed_text = edited.replace("sinh hoạt chuyên đề", "tổ chức sinh hoạt chuyên đề hằng quý")
    changed = [replace(TASKS[0], text=changed_text), TASKS[1], TASKS[2]]
    result = store.ingest(make_doc(changed))
    assert result.status == "replaced"
    assert result.document_id == store.documents()[0]["id"]
    assert (result.carried_over, result.orphaned) == (1, 1)
    rows = {r["text"]: r for r in store.query_tasks()}
    assert rows[kept]["status"] == STATUS_DONE and rows[kept]["note"] == "xong"
    assert rows[kept]["task_key"] == keys[kept]
    assert rows[changed_text]["status"] == STATUS_DOING and rows[changed_text]["note"] == "đang làm"
    assert store.history(rows[changed_text]["task_key"])[-1]["what"] == "carried over"
    orphans = store.orphans()
    assert [o["old_text"] for o in orphans] == [dropped]
    assert orphans[0]["status"] == STATUS_DOING and orphans[0]["note"] == "sẽ mất"
    # Putting the task back reunites it with its user data and clears the flag.
    store.ingest(make_doc(changed + [TASKS[3]]))
    rows = {r["text"]: r for r in store.query_tasks()}
    assert rows[dropped]["note"] == "sẽ mất"
    assert store.orphans() == []


def test_replacing_a_document_removes_its_old_words_from_search(store):
    store.ingest(make_doc())
    assert store.search("giam sat") and store.count_tasks(search="giam sat") == 1
    store.ingest(make_doc(TASKS[:2]))
    assert store.search("giam sat") == [] and store.count_tasks(search="giam sat") == 0
    assert store.search("quan triet") and store.count_tasks(search="quan triet") == 1
    if store.backend.name == "sqlite":  # PostgreSQL's folded copies are columns of the deleted rows
        store.conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('integrity-check')")
        store.conn.execute("INSERT INTO tasks_fts(tasks_fts) VALUES ('integrity-check')")


def test_same_file_with_a_new_extraction_is_replaced_and_keeps_user_data(store):
    """A pipeline upgrade changes what is extracted from an unchanged file."""
    first = make_doc()
    store.ingest(first)
    store.set_status(keys_by_text(store)[TASKS[1].text], STATUS_DONE, "xong")
    upgraded = replace(first, tasks=first.tasks[1:])  # same text and hash, one task fewer
    assert upgraded.content_hash == first.content_hash
    result = store.ingest(upgraded)
    assert result.status == "replaced" and store.count_tasks() == len(TASKS) - 1
    assert store.query_tasks(status=STATUS_DONE)[0]["note"] == "xong"
    assert store.ingest(upgraded).status == "unchanged"
    assert store.ingest(replace(upgraded, source="copy/elsewhere.txt")).status == "unchanged"


def test_same_document_identity_from_another_path_replaces_it(store):
    store.ingest(make_doc())
    result = store.ingest(make_doc(TASKS[:2], source="elsewhere/renamed.txt"))
    assert result.status == "replaced"
    assert [d["source"] for d in store.documents()] == ["elsewhere/renamed.txt"]
    assert store.count_tasks() == 2


def test_two_existing_files_of_one_directive_do_not_replace_each_other(tmp_path):
    pdf_copy, doc_copy = tmp_path / "kh05.pdf", tmp_path / "kh05.doc"
    pdf_copy.write_bytes(b"x")
    doc_copy.write_bytes(b"y")
    with Store(tmp_path / "d.db") as store:
        first = store.ingest(make_doc(source=str(pdf_copy)))
        second = store.ingest(make_doc(TASKS[:3], source=str(doc_copy)))
        assert (first.status, second.status, second.duplicate_of) == ("added", "unchanged", str(pdf_copy))
        before = store.dump()
        store.ingest(make_doc(source=str(pdf_copy)))
        store.ingest(make_doc(TASKS[:3], source=str(doc_copy)))
        assert store.dump() == before


def test_deleting_a_document_keeps_its_user_data_as_orphans(store):
    doc_id = store.ingest(make_doc()).document_id
    key = store.query_tasks()[0]["task_key"]
    store.set_status(key, STATUS_DONE, "giữ lại")
    assert store.delete_document(doc_id) is True
    assert store.documents() == [] and store.count_tasks() == 0 and store.search("giam sat") == []
    assert [(o["task_key"], o["note"], o["reason"]) for o in store.orphans()] == [(key, "giữ lại", "document deleted")]
    assert store.delete_document(doc_id) is False
    store.ingest(make_doc())  # the same document comes back: its status is there again
    assert store.query_tasks(status=STATUS_DONE)[0]["task_key"] == key
    assert store.orphans() == []


def test_a_failed_ingest_leaves_no_half_written_document(store, monkeypatch):
    store.ingest(make_doc(source="ok.txt", meta=DocumentMeta(title="khác")))
    before = store.dump()
    import pipeline.store as store_module

    def explode(name):
        raise RuntimeError("boom")

    monkeypatch.setattr(store_module, "canonical_name", explode)  # fails after the document row is written
    with pytest.raises(RuntimeError):
        store.ingest(make_doc())
    assert store.dump() == before


@pytest.mark.parametrize(
    ("query", "expected_fragment"),
    [
        ("dang uy khoi", "Đảng ủy khối"),
        ("DANG UY KHOI", "Đảng ủy khối"),
        ("sinh hoat chuyen de", "sinh hoạt chuyên đề"),
        ("Đảng ủy khối", "Đảng ủy khối"),
        ("quan triet", "quán triệt"),
        ("tuyen gia*", "Tuyên giáo"),
    ],
)
def test_search_is_accent_insensitive_and_shows_the_original(store, query, expected_fragment):
    store.ingest(make_doc())
    hits = store.search(query)
    assert hits, query
    assert any(expected_fragment.lower() in h["snippet"].lower() for h in hits)
    hit = hits[0]
    assert hit["document_id"] == store.documents()[0]["id"]
    words = fts_query(query).replace('"', "").replace("*", "").split()
    assert hit["match_spans"]
    for start, end in hit["match_spans"]:
        assert any(fold_same_length(hit["snippet"][start:end]).startswith(w) for w in words)


@pytest.mark.parametrize("query", ["khong co tu nay", "", "   ", '"', "*"])
def test_search_without_matches_returns_nothing(store, query):
    store.ingest(make_doc())
    assert store.search(query) == []


def test_search_puts_phrase_matches_first(store):
    scattered = PoolTask("Khối vận của Đảng ủy phối hợp với Ban Dân vận.", "I", ("Chi bộ",), (), None)
    store.ingest(make_doc([scattered, *TASKS]))
    hits = store.search("dang uy khoi")
    assert len(hits) == 2
    assert "Đảng ủy khối" in hits[0]["snippet"] and hits[1]["snippet"].startswith("- Khối vận")
    assert len(store.search("dang uy khoi", limit=1)) == 1


def test_search_reports_the_section(store):
    store.ingest(make_doc())
    hits = store.search("giam sat")
    assert hits and hits[0]["section"] == "III"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, [0, 1, 2, 3]),
        ({"body": "Ban Tổ chức Tỉnh ủy"}, [0]),
        ({"body": "ban to chuc tinh uy"}, [0]),
        ({"body": "Ban Tổ chức Tỉnh uỷ"}, [0]),
        ({"body": "các Ban Tổ chức Tỉnh ủy"}, [0]),
        ({"body": "Ban Tổ chức Tỉnh ủy Bình Thuận"}, [0]),
        ({"body": "Ban Tuyên giáo Tỉnh ủy"}, [1]),
        ({"body": "chi bo"}, [2]),
        ({"body": "Ban Dân vận Tỉnh ủy"}, []),
        ({"coordinating": "Ban Tổ chức Tỉnh ủy"}, [2]),
        ({"coordinating": "uy ban kiem tra tinh uy"}, [0]),
        ({"due_from": "2014-01-01"}, [1, 3]),
        ({"due_to": "2013-12-31"}, [0]),
        ({"due_from": "2015-12-01", "due_to": "2015-12-31"}, [3]),
        ({"due_from": "2014-05-01", "due_to": "2014-05-31"}, [1]),
        ({"overdue": True, "today": "2014-07-01"}, [0, 1]),
        ({"overdue": True, "today": date(2013, 1, 1)}, []),
        ({"section": "II"}, [0, 1]),
        ({"section": "II.2"}, [1]),
        ({"search": "bao cao ket qua"}, [2]),
        ({"search": "giám sát"}, [3]),
        ({"document": "05-KH/TU"}, [0, 1, 2, 3]),
        ({"document": "99-KH/TU"}, []),
        ({"status": "chưa thực hiện"}, [0, 1, 2, 3]),
        ({"status": "hoan thanh"}, []),
        ({"body": "Ban Tổ chức Tỉnh ủy", "search": "sinh hoat"}, [0]),
        ({"recurring": True}, [2]),
    ],
)
def test_task_filters(store, filters, expected):
    store.ingest(make_doc())
    rows = store.query_tasks(**filters)
    assert [r["text"] for r in rows] == [TASKS[i].text for i in expected]
    assert store.count_tasks(**filters) == len(expected)


def test_qualified_body_name_selects_that_province_only(store):
    store.ingest(make_doc())
    other = replace(META, number="9-KH/TU", issuer="Tỉnh ủy Ninh Thuận", locality="Ninh Thuận")
    store.ingest(make_doc(TASKS[:1], meta=other, source="b.txt"))
    assert store.count_tasks(body="Ban Tổ chức Tỉnh ủy") == 2
    assert store.count_tasks(body="Ban To chuc Tinh uy") == 2
    only = store.query_tasks(body="Ban Tổ chức Tỉnh ủy Ninh Thuận")
    assert [r["source"] for r in only] == ["b.txt"]
    assert [r["source"] for r in store.query_tasks(body="ban to chuc tinh uy binh thuan")] == ["corpus/a.txt"]
    both = store.query_tasks(body=["Ban Tổ chức Tỉnh ủy Ninh Thuận", "Ban Tuyên giáo Tỉnh ủy"])
    assert [r["source"] for r in both] == ["corpus/a.txt", "b.txt"]
    assert store.count_tasks(body=[]) == 5


def test_task_rows_carry_the_contract_fields(store):
    doc_id = store.ingest(make_doc()).document_id
    row = store.query_tasks(today="2014-01-01")[0]
    assert row["document_id"] == doc_id
    assert row["doc_number"] == "05-KH/TU" and row["source"] == "corpus/a.txt"
    assert row["responsible"] == ["Ban Tổ chức Tỉnh ủy"]
    assert row["responsible_qualified"] == ["Ban Tổ chức Tỉnh ủy Bình Thuận"]
    assert row["coordinating"] == ["Ủy ban Kiểm tra Tỉnh ủy"]
    assert (row["due_start"], row["due_end"], row["deadline_text"]) == ("2013-10-01", "2013-10-31", "trong tháng 10/2013")
    assert row["status"] == STATUS_TODO and row["overdue"] is True
    recurring = store.query_tasks(search="dinh ky")[0]
    assert recurring["recurrence"] == "FREQ=MONTHLY;INTERVAL=6" and recurring["overdue"] is False


def test_status_filter_overdue_and_done(store):
    store.ingest(make_doc())
    key = store.query_tasks()[0]["task_key"]
    store.set_status(key, "hoan thanh")
    assert store.query_tasks(status=STATUS_DONE)[0]["task_key"] == key
    overdue = store.query_tasks(overdue=True, today="2014-07-01")
    assert [r["text"] for r in overdue] == [TASKS[1].text]


def test_limit_and_offset_page_through_tasks(store):
    store.ingest(make_doc())
    pages = [store.query_tasks(limit=2, offset=o) for o in (0, 2, 4)]
    assert [len(p) for p in pages] == [2, 2, 0]
    assert [r["text"] for r in pages[0] + pages[1]] == [t.text for t in TASKS]


def test_body_counts_merge_spelling_variants(store):
    store.ingest(make_doc())
    other = [PoolTask("Ban Tuyên giáo Tỉnh ủy tuyên truyền kết quả.", "I", ("Ban Tuyên giáo Tỉnh ủy",), (), None)]
    store.ingest(make_doc(other, meta=DocumentMeta(number="7-KH/TU", issued_date=date(2014, 1, 1)), source="b.txt"))
    counts = dict(store.body_counts())
    tuyen_giao = {k: v for k, v in counts.items() if "tuyen giao" in k.lower().replace("ê", "e").replace("á", "a")}
    assert sum(tuyen_giao.values()) == 2 and len(tuyen_giao) == 1
    assert counts[next(k for k in counts if "Tổ chức" in k)] == 1
    coordinating = dict(store.coordinating_counts())
    assert sorted(coordinating.values()) == [1, 1] and len(coordinating) == 2


def test_set_status_records_history_and_rejects_bad_input(store):
    store.ingest(make_doc())
    key = store.query_tasks()[0]["task_key"]
    store.set_status(key, STATUS_DOING)
    store.set_status(key, STATUS_DOING, "ghi chú 1")
    store.set_status(key, STATUS_DONE)
    history = store.history(key)
    assert [(h["what"], h["old"], h["new"]) for h in history] == [
        ("status", STATUS_TODO, STATUS_DOING),
        ("note", None, "ghi chú 1"),
        ("status", STATUS_DOING, STATUS_DONE),
    ]
    assert store.query_tasks()[0]["note"] == "ghi chú 1"  # note kept when only the status changes
    with pytest.raises(ValueError, match="unknown status"):
        store.set_status(key, "xong rồi")
    with pytest.raises(KeyError):
        store.set_status("no-such-key", STATUS_DONE)


def test_set_statuses_is_all_or_nothing(store):
    store.ingest(make_doc())
    keys = [r["task_key"] for r in store.query_tasks()]
    assert store.set_statuses([(keys[0], STATUS_DONE, None), (keys[1], STATUS_DOING, "a")]) == 2
    before = store.dump()
    with pytest.raises(KeyError):
        store.set_statuses([(keys[2], STATUS_DONE, None), ("missing", STATUS_DONE, None)])
    with pytest.raises(ValueError):
        store.set_statuses([(keys[2], "nope", None)])
    assert store.dump() == before


def test_task_keys_are_unique_and_stable_across_databases(tmp_path):
    duplicate = TASKS + [TASKS[0]]
    with Store(":memory:") as a, Store(tmp_path / "b.db") as b:
        a.ingest(make_doc(duplicate))
        b.ingest(make_doc(duplicate))
        keys_a = [r["task_key"] for r in a.query_tasks()]
        keys_b = [r["task_key"] for r in b.query_tasks()]
    assert keys_a == keys_b
    assert len(set(keys_a)) == len(duplicate)


def test_backup_restores_user_data_by_task_key(store):
    store.ingest(make_doc())
    keys = keys_by_text(store)
    store.set_status(keys[TASKS[0].text], STATUS_DONE, "đã xong")
    data = json.loads(json.dumps(store.export_user_data()))
    with Store(":memory:") as fresh:
        fresh.ingest(make_doc())
        counts = fresh.import_user_data(data)
        again = fresh.import_user_data(data)
        row = fresh.query_tasks(search="sinh hoat chuyen de")[0]
        assert (row["status"], row["note"]) == (STATUS_DONE, "đã xong")
        assert fresh.history(row["task_key"]) == store.history(row["task_key"])
    assert (counts["matched"], counts["unmatched"], counts["history"]) == (1, 0, 2)
    assert again["history"] == 0
    with pytest.raises(ValueError):
        store.import_user_data({"format": "something else"})


def test_restore_falls_back_to_the_task_text_when_keys_differ(store):
    store.ingest(make_doc())
    store.set_status(keys_by_text(store)[TASKS[2].text], STATUS_DOING, "theo dõi")
    data = store.export_user_data()
    data["task_status"].append(
        {"task_key": "gone-key", "status": STATUS_DONE, "note": None, "task_text": "một nhiệm vụ đã bị xóa"}
    )
    with Store(":memory:") as other:
        other.ingest(make_doc(meta=replace(META, number=None), source="moved/a.txt"))  # different task keys
        counts = other.import_user_data(data)
        assert (counts["matched"], counts["matched_by_text"], counts["unmatched"]) == (0, 1, 1)
        row = other.query_tasks(status=STATUS_DOING)[0]
        assert (row["text"], row["note"]) == (TASKS[2].text, "theo dõi")
        assert [h["new"] for h in other.history(row["task_key"])] == [STATUS_DOING, "theo dõi"]
        assert [o["task_key"] for o in other.orphans()] == ["gone-key"]
        again = other.import_user_data(data)
        assert again["history"] == 0 and other.count_tasks(status=STATUS_DOING) == 1


def test_exports_write_csv_and_xlsx_that_read_back(store, tmp_path):
    from openpyxl import load_workbook

    from pipeline import exports

    evil = PoolTask("=HYPERLINK(\"http://x\") không phải công thức", "IV", ("Chi bộ",), (), None)
    store.ingest(make_doc(TASKS + [evil]))
    rows = store.query_tasks()
    text = exports.to_csv(rows)
    parsed = list(csv.reader(io.StringIO(text)))
    assert parsed[0][0] == "Mã nhiệm vụ" and len(parsed) == len(rows) + 1
    assert parsed[1][7] == "Ban Tổ chức Tỉnh ủy"
    path = tmp_path / "t.xlsx"
    assert exports.write_xlsx(rows, path) == len(rows)
    ws = load_workbook(path).active
    values = list(ws.iter_rows(values_only=True))
    assert len(values) == len(rows) + 1
    header = values[0]
    first = dict(zip(header, values[1], strict=True))
    assert first["Nhiệm vụ"] == TASKS[0].text
    assert first["Đến ngày"].date() == date(2013, 10, 31)
    last = dict(zip(header, values[-1], strict=True))
    assert last["Nhiệm vụ"] == evil.text  # stored as text, not as a formula
    out = io.StringIO()
    assert exports.to_json_lines(rows, out) == len(rows)
    assert json.loads(out.getvalue().splitlines()[0])["task_key"] == rows[0]["task_key"]


def test_calendar_export_of_task_rows_is_valid_ics(store):
    ics = pytest.importorskip("pipeline.ics")
    from icalendar import Calendar

    store.ingest(make_doc())
    rows = [r for r in store.query_tasks() if r["due_end"] or r["recurrence"]]
    cal = Calendar.from_ical(ics.build_calendar(rows))
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) >= 3


def test_a_former_body_finds_its_successors_tasks_and_the_cli_says_so(tmp_path):
    import subprocess
    import sys

    from pipeline.extract import extract_text

    text = (
        "TỈNH ỦY KHÁNH HÒA\tĐẢNG CỘNG SẢN VIỆT NAM\nSố 12-KH/TU\tNha Trang, ngày 10 tháng 9 năm 2025\n"
        "KẾ HOẠCH\ntuyên truyền kỷ niệm ngày thành lập Đảng\nI. NHIỆM VỤ\n"
        "1. Ban Tuyên giáo và Dân vận Tỉnh ủy hướng dẫn nội dung tuyên truyền.\n"
        "2. Ban Tổ chức Tỉnh ủy rà soát đội ngũ báo cáo viên.\n"
    )
    db = tmp_path / "t.db"
    with Store(db) as s:
        s.ingest(extract_text(text, "kh12.txt"))
        found = s.query_tasks(body="Ban Tuyên giáo Tỉnh ủy")
        assert [r["section"] for r in found] == ["I.1"]
        assert s.query_tasks(body="Ban Tổ chức Tỉnh ủy")[0]["section"] == "I.2"
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "tasks", "--db", str(db), "--body", "Ban Tuyên giáo Tỉnh ủy"],
        capture_output=True, text=True,
    )
    assert done.returncode == 0 and "I.1" in done.stdout
    assert "kế thừa Ban Tuyên giáo Tỉnh ủy từ 03/02/2025" in done.stderr
