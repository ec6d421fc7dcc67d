"""Issue #5's done-when story through the CLI: find a body's tasks, mark one done, export the rest."""

from __future__ import annotations

import json
from datetime import date

import pytest
from test_store import META, make_doc

from pipeline.cli import main
from pipeline.ics import event_uid
from pipeline.model import Deadline
from pipeline.store import STATUS_DONE, Store
from pipeline.synthetic import PoolTask

BODY = "Ban Tuyên giáo Tỉnh ủy"
PLAN = [
    PoolTask(f"{BODY} biên soạn tài liệu tuyên truyền.", "I.1", (BODY,), (),
             Deadline("trước ngày 30/6/2030", date(2030, 6, 30), date(2030, 6, 30))),
    PoolTask(f"{BODY} tổ chức hội nghị báo cáo viên.", "I.2", (BODY,), (),
             Deadline("trong quý III năm 2030", date(2030, 7, 1), date(2030, 9, 30))),
    PoolTask(f"{BODY} sơ kết, báo cáo kết quả.", "I.3", (BODY,), (),
             Deadline("trước ngày 15/12/2030", date(2030, 12, 15), date(2030, 12, 15))),
    PoolTask("Ban Tổ chức Tỉnh ủy hướng dẫn các chi bộ.", "I.4", ("Ban Tổ chức Tỉnh ủy",), (),
             Deadline("trong năm 2030", date(2030, 1, 1), date(2030, 12, 31))),
]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path) -> str:
    path = tmp_path / "story.db"
    with Store(path) as store:
        store.ingest(make_doc(tasks=PLAN, meta=META, source="corpus/plan.txt"))
    return str(path)


def test_find_mark_done_export_remaining(db, capsys, tmp_path):
    code, out, _ = run(capsys, "tasks", "--body", "ban tuyen giao tinh uy", "--json", "--db", db)
    assert code == 0
    mine = [json.loads(line) for line in out.splitlines()]
    assert [r["text"] for r in mine] == [t.text for t in PLAN[:3]]
    done = mine[1]

    code, out, err = run(capsys, "status", done["task_key"], "hoan thanh", "--note", "Đã tổ chức", "--db", db)
    assert (code, err) == (0, "")
    assert out.strip() == f"{done['task_key']}: {STATUS_DONE} · Đã tổ chức"
    with Store(db) as store:
        assert [h["new"] for h in store.history(done["task_key"])] == [STATUS_DONE, "Đã tổ chức"]

    xlsx = tmp_path / "con-lai.xlsx"
    code, out, _ = run(capsys, "tasks", "--body", BODY, "--open", "--xlsx", str(xlsx), "--db", db)
    assert (code, out.strip()) == (0, f"2 tasks written to {xlsx}")
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx).active
    header = [c.value for c in sheet[1]]
    keys = [row[header.index("Mã nhiệm vụ")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert keys == [mine[0]["task_key"], mine[2]["task_key"]]

    ics = tmp_path / "con-lai.ics"
    code, out, _ = run(capsys, "export", "calendar", "--out", str(ics), "--body", BODY, "--remaining", "--db", db)
    assert code == 0 and out.startswith("2 dated tasks")
    from icalendar import Calendar

    uids = {str(e["UID"]) for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")}
    assert uids == {event_uid(mine[0]), event_uid(mine[2])}

    # --status repeats: any of them.
    code, out, _ = run(capsys, "tasks", "--status", "hoan thanh", "--status", "dang thuc hien", "--json", "--db", db)
    assert [json.loads(line)["task_key"] for line in out.splitlines()] == [done["task_key"]]


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["status", "no-such-key", "hoàn thành"], 1, "no task with key 'no-such-key'"),
        (["status", "KEY", "xong"], 2, "unknown status 'xong'"),
    ],
)
def test_status_command_errors_are_one_line(db, capsys, argv, code, message):
    if argv[1] == "KEY":
        with Store(db) as store:
            argv[1] = store.query_tasks()[0]["task_key"]
    got, out, err = run(capsys, *argv, "--db", db)
    assert got == code
    assert err.startswith("error:") and message in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
