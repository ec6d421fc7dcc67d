"""Calendars that stay true: done tasks leave, undated ones become to-dos, series start at the document date, feeds."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import yaml
from icalendar import Calendar
from test_accounts import store_fixture  # noqa: F401 - the `store` fixture
from test_ics import ROWS, _row

from pipeline import calendars
from pipeline.calendars import calendar_bytes, describe_rrule, placement, write_feed, write_feeds
from pipeline.ics import event_uid
from pipeline.store import STATUS_DOING, STATUS_DONE

STAMP = datetime(2026, 1, 1, tzinfo=UTC)
WORDING = yaml.safe_load((Path(calendars.__file__).parent / "data" / "recurrence_vi.yaml").read_text("utf-8"))


def parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def by_uid(cal: Calendar, kind: str) -> dict[str, object]:
    return {str(c["uid"]): c for c in cal.walk(kind)}


@pytest.mark.parametrize(
    "example", [(e["rule"], e["start"], e["text"]) for entry in WORDING["rules"] for e in entry["examples"]]
)
def test_every_wording_example(example):
    rule, start, text = example
    assert describe_rrule(rule, date.fromisoformat(start)) == text


def test_wording_schema_and_unnamed_intervals():
    for entry in WORDING["rules"]:
        assert entry["freq"] in {"YEARLY", "MONTHLY", "WEEKLY", "DAILY"} and entry["examples"], entry
    assert describe_rrule("FREQ=MONTHLY;INTERVAL=2") == "2 tháng một lần"
    assert describe_rrule(None) == ""


def test_done_tasks_leave_the_calendar_or_stay_marked_without_alarm():
    rows = [dict(r, status=STATUS_DONE) if r["task_key"] == "a" else r for r in ROWS]
    hidden = parse(calendar_bytes(rows, stamp=STAMP))
    assert event_uid(rows[0]) not in by_uid(hidden, "VEVENT")
    marked = by_uid(parse(calendar_bytes(rows, done="mark", stamp=STAMP)), "VEVENT")[event_uid(rows[0])]
    assert str(marked["summary"]).startswith("✓ Đã hoàn thành: ")
    assert not marked.walk("VALARM") and "Trạng thái: hoàn thành" in str(marked["description"])


def test_undated_tasks_are_todos_never_dropped():
    rows = [*ROWS, _row("u", status=STATUS_DOING)]
    counts: dict[str, int] = {}
    cal = parse(b"".join(calendars.calendar_chunks(rows, stamp=STAMP, counts=counts)))
    todos = by_uid(cal, "VTODO")
    assert set(todos) == {event_uid(rows[7]), event_uid(rows[8])}  # "h" and "u": no deadline
    assert str(todos[event_uid(rows[8])]["status"]) == "IN-PROCESS"
    assert "Chưa xác định thời hạn" in str(todos[event_uid(rows[8])]["description"])
    assert counts == {"events": 7, "todos": 2, "hidden": 0}


def test_recurring_duty_starts_at_document_date_and_is_stable():
    row = _row("q", deadline_text="hằng quý", recurrence="FREQ=MONTHLY;INTERVAL=3", doc_date="2019-05-10")
    assert placement(row)[0] == date(2019, 6, 30)
    first = calendar_bytes([row], stamp=STAMP)
    assert first == calendar_bytes([row], stamp=STAMP)
    event = parse(first).walk("VEVENT")[0]
    assert event.decoded("dtstart") == date(2019, 6, 30)
    assert "Định kỳ: hằng quý, ngày cuối quý, từ 30/06/2019" in str(event["description"])


def test_recurring_duty_of_an_undated_document_is_a_todo_not_a_moving_series():
    row = _row("q", deadline_text="hằng quý", recurrence="FREQ=MONTHLY;INTERVAL=3", doc_date=None)
    assert placement(row) is None
    todo = parse(calendar_bytes([row], stamp=STAMP)).walk("VTODO")[0]
    assert "hằng quý" in str(todo["description"]) and "không ghi ngày ban hành" in str(todo["description"])


def test_no_server_path_in_the_calendar():
    data = calendar_bytes([_row("a", due_end="2030-01-01", source="/srv/secret/corpus/000.txt")], stamp=STAMP)
    text = parse(data).walk("VEVENT")[0]["description"]
    assert "/srv/secret" not in str(text) and "Nguồn: 000.txt" in str(text)


def test_a_large_export_streams_with_progress(tmp_path):
    rows = [_row(str(i), due_end=f"2030-{i % 12 + 1:02d}-01") for i in range(300)]
    ticks: list[int] = []
    counts = calendars.write_calendar(rows, tmp_path / "big.ics", progress=ticks.append, stamp=STAMP)
    assert counts["events"] == 300 and len(ticks) == 300
    assert len(parse((tmp_path / "big.ics").read_bytes()).walk("VEVENT")) == 300
    assert not list(tmp_path.glob(".*.tmp"))


def test_feed_per_body_changes_when_a_task_is_done_and_keeps_its_address(store, tmp_path):
    body = "Ban Tuyên giáo Tỉnh ủy"
    feed = write_feed(store, body, tmp_path)
    assert feed.name.startswith("ban-tuyen-giao-tinh-uy-") and len(feed.stem) > 30  # secret part
    task = store.query_tasks(body=body)[0]
    assert event_uid(task) in by_uid(parse(feed.read_bytes()), "VEVENT")
    store.set_status(task["task_key"], STATUS_DONE)
    again = write_feed(store, "ban tuyên giáo tỉnh uỷ", tmp_path)  # another spelling: the same feed
    assert again == feed
    assert event_uid(task) not in by_uid(parse(feed.read_bytes()), "VEVENT")
    assert calendars.feed_bodies_of(store, task["task_key"]) == ["Ban Tuyên giáo Tỉnh ủy"]


def test_feeds_for_every_body(store, tmp_path):
    written = write_feeds(store, tmp_path)
    assert len(written) == len(store.body_counts())
    assert set(calendars.existing_feeds(store, tmp_path).values()) == set(written)


def test_month_grid_and_ics_agree_and_never_precede_the_document():
    from dateutil.rrule import rrulestr

    from app_lib import appdata

    row = _row("q", deadline_text="hằng quý", recurrence="FREQ=MONTHLY;INTERVAL=3", doc_date="2019-05-10")
    grid = [d for d, _ in appdata.occurrences([row], date(2019, 1, 1), date(2019, 12, 31))]
    assert grid == [date(2019, 6, 30), date(2019, 9, 30), date(2019, 12, 31)]
    event = parse(calendar_bytes([row], stamp=STAMP)).walk("VEVENT")[0]
    series = rrulestr(event["rrule"].to_ical().decode(), dtstart=datetime(2019, 6, 30))
    assert [d.date() for d in series.between(datetime(2019, 1, 1), datetime(2019, 12, 31), inc=True)] == grid
    undated = dict(row, doc_date=None)
    assert appdata.occurrences([undated], date(2019, 1, 1), date(2019, 12, 31)) == []


def test_app_refuses_to_build_a_huge_calendar_in_memory_and_says_why():
    from app_lib.feeds import ICS_APP_LIMIT, ics_estimate

    assert ics_estimate(120) == (False, "Lịch .ics: 120 nhiệm vụ, khoảng 0,2 MB.")
    too_big, note = ics_estimate(ICS_APP_LIMIT + 1)
    assert too_big and "export calendar" in note and "MB" in note
