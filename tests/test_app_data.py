"""The app's pure helpers: calendar windows and occurrences, status labels, highlight spans."""

from __future__ import annotations

from datetime import date

import pytest

from app_lib import appdata


@pytest.mark.parametrize(
    ("year", "month", "first", "last"),
    [(2024, 2, date(2024, 2, 1), date(2024, 2, 29)), (2023, 12, date(2023, 12, 1), date(2023, 12, 31))],
)
def test_month_window(year, month, first, last):
    assert appdata.month_window(year, month) == (first, last)


@pytest.mark.parametrize(
    ("row", "window", "expected_days"),
    [
        # a one-off deadline appears on its last day, only inside the window
        ({"task_key": "a", "due_start": "2013-10-01", "due_end": "2013-10-31"}, (date(2013, 10, 1), date(2013, 10, 31)),
         [date(2013, 10, 31)]),
        ({"task_key": "b", "due_start": None, "due_end": "2015-12-31"}, (date(2015, 11, 1), date(2015, 11, 30)), []),
        # a monthly duty appears in every month of the window
        ({"task_key": "c", "due_start": "2020-01-15", "due_end": None, "recurrence": "FREQ=MONTHLY"},
         (date(2020, 3, 1), date(2020, 5, 31)), 3),
        # undated tasks never appear
        ({"task_key": "d", "due_start": None, "due_end": None}, (date(2020, 1, 1), date(2020, 12, 31)), []),
    ],
)
def test_occurrences(row, window, expected_days):
    days = [d for d, _ in appdata.occurrences([row], *window)]
    if isinstance(expected_days, int):
        assert len(days) == expected_days and all(window[0] <= d <= window[1] for d in days)
    else:
        assert days == expected_days


def test_occurrences_put_one_off_deadlines_before_recurring_on_the_same_day():
    rows = [
        {"task_key": "r", "due_end": None, "recurrence": "FREQ=YEARLY", "due_start": "2010-12-31"},
        {"task_key": "o", "due_end": "2010-12-31"},
    ]
    events = appdata.occurrences(rows, date(2010, 12, 1), date(2010, 12, 31))
    assert [r["task_key"] for _, r in events] == ["o", "r"]


@pytest.mark.parametrize(
    ("row", "label"),
    [
        ({"status": "hoàn thành", "overdue": False}, "hoàn thành"),
        ({"status": "đang thực hiện", "overdue": True}, "⚠ quá hạn"),
        ({"status": None}, "chưa thực hiện"),
    ],
)
def test_status_label(row, label):
    assert appdata.status_label(row) == label


def test_highlights_find_bodies_and_deadline_inside_their_task():
    text = "Mở đầu. Ban Tuyên giáo Tỉnh ủy hướng dẫn trong tháng 10/2013. Kết."
    start = text.index("Ban")
    end = text.index(" Kết")
    record = {
        "citations": [],
        "tasks": [{"start": start, "end": end, "section": "I.1", "responsible": ["Ban Tuyên giáo Tỉnh ủy"],
                   "coordinating": [], "deadline": {"text": "trong tháng 10/2013", "start": "2013-10-01",
                                                    "end": "2013-10-31", "recurrence": None}}],
    }
    marks = {m.kind: text[m.start:m.end] for m in appdata.highlights_for(record, text)}
    assert marks == {"task": text[start:end], "body": "Ban Tuyên giáo Tỉnh ủy", "deadline": "trong tháng 10/2013"}


def test_highlights_ignore_spans_outside_the_text():
    record = {"citations": [{"start": 5, "end": 500, "target": "x"}], "tasks": [{"start": -1, "end": 3}]}
    assert appdata.highlights_for(record, "short text") == []
