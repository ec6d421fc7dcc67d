"""Progress by body: counts per category, on-time from the history, overdue, XLSX."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook
from test_accounts import store_fixture  # noqa: F401 - the `store` fixture
from test_store import make_doc

from pipeline.progress import done_dates, progress_by_body, report_xlsx, totals
from pipeline.store import STATUS_DOING, STATUS_DONE, Store

TODAY = date(2014, 5, 1)


def key(store: Store, body: str) -> str:
    return store.query_tasks(body=body)[0]["task_key"]


def stamp_done(store: Store, task_key: str, day: str) -> None:
    """Mark done as if on `day` (the history is what on-time is judged by)."""
    store.set_status(task_key, STATUS_DONE)
    store.conn.execute("UPDATE task_history SET at = ? WHERE task_key = ? AND new = ?",
                       (day + "T09:00:00+00:00", task_key, STATUS_DONE))


def by_body(store: Store) -> dict[str, dict]:
    return {r.body: r.to_dict() for r in progress_by_body(store, TODAY)}


def test_fresh_database_everything_not_started_and_overdue_by_deadline(store):
    report = by_body(store)
    assert report["Ban Tổ chức Tỉnh ủy"] == {
        "body": "Ban Tổ chức Tỉnh ủy", "assigned": 1, "done": 0, "done_on_time": 0, "doing": 0, "todo": 1,
        "overdue": 1, "percent_done": 0.0}  # due 31/10/2013, today 01/05/2014
    assert report["Ban Tuyên giáo Tỉnh ủy"]["overdue"] == 0  # due 30/06/2014


def test_on_time_late_and_in_progress(store):
    stamp_done(store, key(store, "Ban Tổ chức Tỉnh ủy"), "2013-12-01")  # due 31/10/2013: late
    stamp_done(store, key(store, "Ban Tuyên giáo Tỉnh ủy"), "2014-03-01")  # due 30/06/2014: on time
    store.set_status(key(store, "Ủy ban Kiểm tra Tỉnh ủy"), STATUS_DOING)
    report = by_body(store)
    assert (report["Ban Tổ chức Tỉnh ủy"]["done"], report["Ban Tổ chức Tỉnh ủy"]["done_on_time"]) == (1, 0)
    assert report["Ban Tổ chức Tỉnh ủy"]["overdue"] == 0  # done: no longer overdue
    propaganda = report["Ban Tuyên giáo Tỉnh ủy"]
    assert (propaganda["done"], propaganda["done_on_time"], propaganda["percent_done"]) == (1, 1, 100.0)
    assert report["Ủy ban Kiểm tra Tỉnh ủy"]["doing"] == 1
    keys = [key(store, "Ban Tổ chức Tỉnh ủy"), key(store, "Ban Tuyên giáo Tỉnh ủy")]
    assert done_dates(store, keys) == {keys[0]: ("2013-12-01", False), keys[1]: ("2014-03-01", True)}
    assert totals(progress_by_body(store, TODAY))["done"] == 2


def test_variants_are_merged_into_one_line(store):
    assert sum(1 for b in by_body(store) if "Tuyên giáo" in b) == 1  # "Tỉnh uỷ" and "Tỉnh ủy" spellings


def test_xlsx_has_the_date_and_one_row_per_body(store, tmp_path):
    report = progress_by_body(store, TODAY)
    data = report_xlsx(report, TODAY, tmp_path / "tien-do.xlsx")
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].value.endswith("ngày 01/05/2014")
    assert [c.value for c in sheet[2]][:3] == ["Cơ quan chủ trì", "Được giao", "Đã hoàn thành"]
    assert sheet.max_row == 2 + len(report)
    assert (tmp_path / "tien-do.xlsx").read_bytes() == data


def test_progress_cli_table_json_xlsx(tmp_path, capsys):
    import json

    from pipeline.cli import main

    db = str(tmp_path / "p.db")
    with Store(db) as s:
        s.ingest(make_doc())
        s.set_status(key(s, "Ban Tuyên giáo Tỉnh ủy"), STATUS_DONE)
    assert main(["progress", "--db", db]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Cơ quan chủ trì\tĐược giao") and len(out) == 1 + len(Store(db).body_counts())
    assert main(["progress", "--json", "--db", db]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert next(x for x in lines if x["body"] == "Ban Tuyên giáo Tỉnh ủy")["done"] == 1
    assert main(["progress", "--xlsx", str(tmp_path / "r.xlsx"), "--db", db]) == 0
    assert load_workbook(tmp_path / "r.xlsx").active.max_row == 2 + len(lines)
