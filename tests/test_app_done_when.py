"""Issue #5's done-when story on the Tasks page, end to end through the real widgets.

A staff member filters by "Ban Tuyên giáo Tỉnh ủy", marks one task done, keeps the
"chưa hoàn thành" (remaining) tasks, and downloads them as Excel and .ics: the files
the download buttons produce must hold exactly the remaining tasks.
"""

from __future__ import annotations

import dataclasses
import io
from datetime import date

import pytest

pytest.importorskip("streamlit")

from icalendar import Calendar  # noqa: E402
from openpyxl import load_workbook  # noqa: E402
from streamlit.runtime.media_file_manager import MediaFileManager  # noqa: E402
from test_app_pages import TUYEN_GIAO, _total, app_env, db, open_page, private_db  # noqa: E402,F401

from app_lib import appdata  # noqa: E402
from pipeline.extract import extract_text  # noqa: E402
from pipeline.ics import event_uid  # noqa: E402
from pipeline.model import BodyMention, Deadline, Extraction, Task  # noqa: E402
from pipeline.store import STATUS_DONE, Store, TaskQuery  # noqa: E402

PLAN = (
    "TỈNH ỦY THỬ NGHIỆM\n\nKẾ HOẠCH\n\ntriển khai công tác tuyên truyền\n\nI- NHIỆM VỤ\n\n"
    "1. Ban Tuyên giáo Tỉnh ủy biên soạn tài liệu tuyên truyền, hoàn thành trước ngày 30/6/2030.\n\n"
    "2. Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị báo cáo viên, hoàn thành trong quý III năm 2030.\n\n"
    "3. Ban Tuyên giáo Tỉnh ủy sơ kết, báo cáo kết quả trước ngày 15/12/2030.\n"
)
PLAN_DEADLINES = [
    ("trước ngày 30/6/2030", date(2030, 6, 30), date(2030, 6, 30)),
    ("trong quý III năm 2030", date(2030, 7, 1), date(2030, 9, 30)),
    ("trước ngày 15/12/2030", date(2030, 12, 15), date(2030, 12, 15)),
]


def propaganda_plan() -> Extraction:
    """A plan giving Ban Tuyên giáo Tỉnh ủy three dated tasks (the corpus gives it only one, undated)."""
    extraction = extract_text(PLAN, "ke-hoach-tuyen-truyen.txt")
    text = extraction.normalized.text
    tasks = []
    for line, (phrase, start, end) in zip(
        [ln for ln in text.splitlines() if ln[:1].isdigit()], PLAN_DEADLINES, strict=True
    ):
        at = text.index(line)
        tasks.append(Task(
            text=line, start=at, end=at + len(line), section="I",
            responsible=(BodyMention(printed=TUYEN_GIAO, name=TUYEN_GIAO),),
            deadline=Deadline(phrase, start, end),
        ))
    return dataclasses.replace(extraction, tasks=tuple(tasks))


@pytest.fixture
def downloads(monkeypatch) -> dict:
    """The data callables the page hands to its download buttons, by deferred file id ("clicking" = calling)."""
    captured: dict = {}
    original = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        file_id = original(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)
        captured[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return captured


def _download(at, downloads: dict, key: str) -> bytes:
    button = next(b for b in at.get("download_button") if b.key == key)
    file_id = button.proto.deferred_file_id
    assert file_id, f"{key} has no data (disabled?)"
    data = downloads[file_id]()
    return data if isinstance(data, bytes) else data.encode("utf-8")


def test_find_body_mark_one_done_export_remaining(private_db, downloads):  # noqa: F811 - pytest fixture
    store = Store(private_db)
    store.ingest(propaganda_plan())
    everything = store.count_tasks(body=TUYEN_GIAO)
    assert everything >= 3

    at = open_page("tasks")
    at.multiselect(key="tasks_body").set_value([TUYEN_GIAO]).run()
    assert not at.exception
    assert _total(at) == everything
    assert all(TUYEN_GIAO in cell for cell in at.dataframe[0].value["Chủ trì"])

    # Mark a dated task done through the status form (so the calendar check below means something).
    rows = {r["task_key"]: r for r in store.query_tasks(body=TUYEN_GIAO)}
    picker = at.selectbox(key="tasks_pick")
    done_key = next(k for k in rows if rows[k]["due_end"] or rows[k]["due_start"])
    picker.set_value(done_key).run()
    at.radio(key=f"tasks_new_status_{done_key}").set_value(STATUS_DONE)
    at.button[-1].click().run()  # the form's "Lưu"
    assert not at.exception
    assert store.query_tasks(body=TUYEN_GIAO, status=STATUS_DONE)[0]["task_key"] == done_key

    # Keep the remaining ones.
    at.multiselect(key="tasks_status").set_value([appdata.NOT_DONE_LABEL]).run()
    assert not at.exception
    remaining = store.query_tasks(body=TUYEN_GIAO, not_done=True)
    assert _total(at) == len(remaining) == everything - 1
    assert done_key not in {r["task_key"] for r in remaining}

    sheet = load_workbook(io.BytesIO(_download(at, downloads, "dl_xlsx"))).active
    header = [c.value for c in sheet[1]]
    keys = [row[header.index("Mã nhiệm vụ")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(keys) == sorted(r["task_key"] for r in remaining)
    assert done_key not in keys

    calendar = Calendar.from_ical(_download(at, downloads, "dl_ics"))
    uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
    dated_remaining = [r for r in remaining if r["due_start"] or r["due_end"] or r["recurrence"]]
    assert dated_remaining, "the story needs a remaining task with a deadline"
    assert {event_uid(r) for r in dated_remaining} <= uids
    assert event_uid(rows[done_key]) not in uids


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        ((), {}),
        ((appdata.NOT_DONE_LABEL,), {"not_done": True}),
        (("chưa thực hiện", "đang thực hiện"), {"not_done": True}),
        (("hoàn thành",), {"status": ["hoàn thành"]}),
        (("chưa thực hiện", "hoàn thành"), {"status": ["chưa thực hiện", "hoàn thành"]}),
        ((appdata.OVERDUE_LABEL,), {"overdue": True}),
        ((appdata.NOT_DONE_LABEL, appdata.OVERDUE_LABEL), {"not_done": True, "overdue": True}),
        ("đang thực hiện", {"status": ["đang thực hiện"]}),  # a single label still works
    ],
)
def test_status_labels_translate_to_store_filters(labels, expected):
    assert appdata.TaskFilter(status=labels or None).query() == TaskQuery.of(**expected)
