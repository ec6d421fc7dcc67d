"""The .ics export: parses back, right dates and RRULEs, stable UIDs, alarms, Vietnamese text."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from pipeline.ics import build_calendar, event_uid, expand_occurrences, schedule

D = date.fromisoformat


def _row(key: str, **kw: object) -> dict:
    row = {
        "task_key": key,
        "text": "Hoàn thành việc rà soát, bổ sung quy hoạch cán bộ của các chi bộ, đảng bộ cơ sở trong tỉnh.",
        "responsible": ["Ban Tổ chức Tỉnh ủy"],
        "coordinating": ["Ủy ban Kiểm tra Tỉnh ủy"],
        "source": "corpus/000.txt",
        "doc_number": "15-NQ/TU",
        "doc_title": "thực hiện Nghị quyết Hội nghị lần thứ sáu (khóa X)",
        "doc_date": "2008-04-17",
        "section": "III.2.b",
        "deadline_text": None,
        "due_start": None,
        "due_end": None,
        "recurrence": None,
    }
    row.update(kw)
    return row


ROWS = [
    _row("a", deadline_text="trong tháng 10/2013", due_start="2013-10-01", due_end="2013-10-31"),
    _row("b", deadline_text="đến cuối năm 2010", due_end="2010-12-31"),
    _row("c", deadline_text="từ năm 2023 trở đi", due_start="2023-01-01"),
    _row("d", deadline_text="mỗi quý một lần", recurrence="FREQ=MONTHLY;INTERVAL=3"),
    _row("e", deadline_text="vào Quý I/2025", due_start="2025-01-01", due_end="2025-03-31", recurrence="FREQ=YEARLY"),
    _row("f", deadline_text="hằng năm trong giai đoạn 2021–2025", due_start="2021-01-01", due_end="2025-12-31",
         recurrence="FREQ=YEARLY"),
    _row("g", deadline_text="một tháng một lần", recurrence="FREQ=MONTHLY"),
    _row("h", deadline_text=None),  # undated: not in the calendar
]


def _events(data: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(data)
    return {str(ev["uid"]): ev for ev in cal.walk("VEVENT")}


def _dtstart(ev) -> date:
    return ev.decoded("dtstart")


def test_calendar_headers() -> None:
    cal = Calendar.from_ical(build_calendar(ROWS, calendar_name="Thời hạn – Tỉnh ủy"))
    assert str(cal["version"]) == "2.0"
    assert "directive-pipeline" in str(cal["prodid"])
    assert str(cal["calscale"]) == "GREGORIAN"
    assert str(cal["method"]) == "PUBLISH"
    assert str(cal["x-wr-calname"]) == "Thời hạn – Tỉnh ủy"


def test_one_all_day_event_per_dated_task() -> None:
    events = _events(build_calendar(ROWS))
    assert len(events) == 7  # "h" has no date
    by_uid = {event_uid(r): r for r in ROWS}
    expected_start = {"a": "2013-10-31", "b": "2010-12-31", "c": "2023-01-01", "d": "2008-06-30",
                      "e": "2025-03-31", "f": "2021-12-31", "g": "2008-04-30"}
    for uid, ev in events.items():
        key = by_uid[uid]["task_key"]
        start = _dtstart(ev)
        assert type(start) is date, "all-day events carry DATE values"
        assert start == D(expected_start[key]), key
        assert ev.decoded("dtend") == start + timedelta(days=1)
        assert ev.get("dtstamp") is not None


@pytest.mark.parametrize(
    ("key", "window", "expected"),
    [
        ("d", ("2009-01-01", "2009-12-31"), ["2009-03-31", "2009-06-30", "2009-09-30", "2009-12-31"]),
        ("e", ("2025-01-01", "2027-12-31"), ["2025-03-31", "2026-03-31", "2027-03-31"]),
        ("f", ("2019-01-01", "2030-12-31"), ["2021-12-31", "2022-12-31", "2023-12-31", "2024-12-31", "2025-12-31"]),
        ("g", ("2009-01-01", "2009-04-30"), ["2009-01-31", "2009-02-28", "2009-03-31", "2009-04-30"]),
    ],
)
def test_rrules_fall_on_intended_days(key: str, window: tuple[str, str], expected: list[str]) -> None:
    """Read the RRULE back from the .ics and expand it with dateutil, as a calendar client would."""
    row = next(r for r in ROWS if r["task_key"] == key)
    ev = _events(build_calendar([row]))[event_uid(row)]
    rule = ev["rrule"].to_ical().decode()
    start = datetime.combine(_dtstart(ev), datetime.min.time())
    series = rrulestr(rule, dtstart=start)
    low, high = (datetime.combine(D(x), datetime.min.time()) for x in window)
    assert [d.date() for d in series.between(low, high, inc=True)] == [D(x) for x in expected]


@pytest.mark.parametrize(
    ("due_start", "due_end", "day"),
    [
        ("2013-05-15", "2013-05-16", "2013-05-16"),  # ngày 15, 16/5/2013
        ("2016-04-01", "2016-06-30", "2016-06-30"),  # Quý II/2016
        ("2021-01-01", "2025-12-31", "2025-12-31"),  # giai đoạn 2021–2025
        (None, "2014-06-30", "2014-06-30"),  # trước ngày 30/6/2014
        ("2023-01-01", None, "2023-01-01"),  # từ năm 2023 trở đi
    ],
)
def test_one_day_on_the_by_date(due_start: str | None, due_end: str | None, day: str) -> None:
    row = _row("s", due_start=due_start, due_end=due_end, deadline_text="x")
    ev = _events(build_calendar([row]))[event_uid(row)]
    assert (ev.decoded("dtstart"), ev.decoded("dtend")) == (D(day), D(day) + timedelta(days=1))
    assert "RRULE" not in ev


def test_quarter_ends_never_step_from_the_31st() -> None:
    row = _row("q", recurrence="FREQ=MONTHLY;INTERVAL=3", due_end="2024-03-31")
    ev = _events(build_calendar([row]))[event_uid(row)]
    assert ev["rrule"]["BYMONTHDAY"] == [-1]


def test_uids_are_stable_and_follow_the_deadline() -> None:
    first = _events(build_calendar(ROWS, stamp=datetime(2024, 1, 1)))
    second = _events(build_calendar(list(reversed(ROWS))))
    assert set(first) == set(second)
    moved = dict(ROWS[0], due_end="2013-11-30", deadline_text="trong tháng 11/2013")
    assert event_uid(moved) != event_uid(ROWS[0])
    assert len({event_uid(r) for r in ROWS}) == len(ROWS)


def test_alarm_present_or_disabled() -> None:
    for ev in _events(build_calendar(ROWS, alarm_days=5)).values():
        alarms = ev.walk("VALARM")
        assert len(alarms) == 1
        assert str(alarms[0]["action"]) == "DISPLAY"
        assert alarms[0].decoded("trigger") == timedelta(days=-5)
    for ev in _events(build_calendar(ROWS, alarm_days=0)).values():
        assert ev.walk("VALARM") == []


def test_vietnamese_text_preserved() -> None:
    ev = _events(build_calendar(ROWS[:1]))[event_uid(ROWS[0])]
    summary, description = str(ev["summary"]), str(ev["description"])
    assert summary.startswith("Ban Tổ chức Tỉnh ủy: Hoàn thành việc rà soát")
    assert len(summary) < 130
    assert ROWS[0]["text"] in description
    for part in ("trong tháng 10/2013", "15-NQ/TU", "III.2.b", "Ủy ban Kiểm tra Tỉnh ủy", "(khóa X)"):
        assert part in description


def test_empty_calendar_is_valid() -> None:
    cal = Calendar.from_ical(build_calendar([]))
    assert cal.walk("VEVENT") == []


@pytest.mark.parametrize(
    ("due_start", "due_end", "recurrence", "window", "expected"),
    [
        ("2013-10-01", "2013-10-31", None, ("2013-01-01", "2013-12-31"), ["2013-10-31"]),
        ("2013-10-01", "2013-10-31", None, ("2014-01-01", "2014-12-31"), []),
        (None, "2010-12-31", None, ("2010-12-01", "2010-12-31"), ["2010-12-31"]),
        (None, None, None, ("2010-01-01", "2010-12-31"), []),
        (None, None, "FREQ=MONTHLY;INTERVAL=3", ("2025-01-01", "2025-12-31"),
         ["2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31"]),
        (None, None, "FREQ=MONTHLY;INTERVAL=6", ("2025-02-01", "2026-12-31"),
         ["2025-06-30", "2025-12-31", "2026-06-30", "2026-12-31"]),
        (None, None, "FREQ=YEARLY", ("2024-03-01", "2026-12-31"), ["2024-12-31", "2025-12-31", "2026-12-31"]),
        (None, None, "FREQ=MONTHLY", ("2024-01-15", "2024-03-31"), ["2024-01-31", "2024-02-29", "2024-03-31"]),
        (None, None, "FREQ=WEEKLY", ("2024-01-01", "2024-01-21"), ["2024-01-07", "2024-01-14", "2024-01-21"]),
        (None, None, "FREQ=WEEKLY;BYDAY=FR", ("2024-01-01", "2024-01-21"), ["2024-01-05", "2024-01-12", "2024-01-19"]),
        (date(2024, 2, 29), date(2024, 2, 29), "FREQ=YEARLY", ("2024-01-01", "2026-12-31"),
         ["2024-02-29", "2025-02-28", "2026-02-28"]),
    ],
)
def test_expand_occurrences(due_start, due_end, recurrence, window, expected) -> None:
    got = expand_occurrences(due_start, due_end, recurrence, D(window[0]), D(window[1]))
    assert got == [D(x) for x in expected]


def test_schedule_anchor_is_document_date() -> None:
    assert schedule(None, None, "FREQ=YEARLY", anchor=date(2008, 4, 17)) == (date(2008, 12, 31), {"FREQ": "YEARLY"})
    assert schedule(None, None, None) is None
    assert schedule("garbage", None, None) is None


@pytest.mark.parametrize("rule", ["FREQ=MONTHLY;BYDAY=ZZ", "FREQ=MONTHLY;INTERVAL=abc", "RRULE:FREQ=YEARLY", "nonsense"])
def test_malformed_stored_rules_do_not_break_the_export(rule: str) -> None:
    row = _row("m", due_end="2020-01-31", recurrence=rule, deadline_text="x")
    events = _events(build_calendar([row]))
    assert [_dtstart(ev) for ev in events.values()] == [date(2020, 1, 31)]
    days = expand_occurrences(None, "2020-01-31", rule, date(2020, 1, 1), date(2020, 1, 31))
    assert days == [date(2020, 1, 31)]


def test_rfc5545_line_format() -> None:
    """CRLF line ends and content lines folded at 75 octets, as RFC 5545 §3.1 requires."""
    data = build_calendar(ROWS)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in data.replace(b"\r\n", b"")
    data.decode("utf-8")  # folding never splits a multi-byte character


def test_a_monthly_duty_on_listed_days_starts_on_the_first_of_them():
    """ "ngày 05 và 20 hàng tháng": the series starts on the next listed day, not the month's end."""
    from pipeline.temporal import find_time_expressions

    (found,) = find_time_expressions("Văn phòng Đảng ủy tổng hợp ý kiến vào ngày 05 và 20 hàng tháng.", None)
    assert found.recurrence == "FREQ=MONTHLY;BYMONTHDAY=5,20"
    assert schedule(None, None, found.recurrence, anchor=date(2026, 1, 6))[0] == date(2026, 1, 20)
    assert schedule(None, None, found.recurrence, anchor=date(2026, 12, 21))[0] == date(2027, 1, 5)
    assert schedule(None, None, "FREQ=MONTHLY;BYMONTHDAY=31", anchor=date(2026, 2, 3))[0] == date(2026, 2, 28)


def test_a_yearly_duty_falls_in_the_quarter_or_month_its_deadline_names():
    """ "Quý I hằng năm" (a rule of FREQ=YEARLY, as the gold reads it) is due by 31 March each
    year in the calendar and the .ics export, not on 31 December."""
    assert schedule(None, None, "FREQ=YEARLY", anchor=date(2026, 1, 10), text="Quý I hằng năm")[0] == date(2026, 3, 31)
    days = expand_occurrences(None, None, "FREQ=YEARLY", date(2026, 1, 1), date(2027, 12, 31),
                              anchor=date(2026, 1, 10), text="quý 2 hàng năm")
    assert days == [date(2026, 6, 30), date(2027, 6, 30)]
    row = _row("q", recurrence="FREQ=YEARLY", deadline_text="Quý IV hằng năm", doc_date="2026-01-10")
    assert [_dtstart(ev) for ev in _events(build_calendar([row])).values()] == [date(2026, 12, 31)]
    assert schedule(None, None, "FREQ=YEARLY", anchor=date(2026, 1, 10), text="hằng năm")[0] == date(2026, 12, 31)
