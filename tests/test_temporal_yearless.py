"""Year-less due dates ("trước 30/10", "trước ngày 30/10"): the year comes from the same
sentence's printed year, else from the document date (issue #4)."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.temporal import find_time_expressions

REF = date(2024, 9, 5)

# text, ref, expected (text, start, end) of every expression found
CASES = [
    ("Hoàn thành việc kiểm đếm trước 30/10.", REF, [("trước 30/10", None, "2024-10-30")]),
    ("Báo cáo kết quả trước ngày 30/10.", REF, [("trước ngày 30/10", None, "2024-10-30")]),
    ("Báo cáo chậm nhất 15/11.", REF, [("chậm nhất 15/11", None, "2024-11-15")]),
    ("Tổng hợp, gửi về trước 15/3.", REF, [("trước 15/3", None, "2025-03-15")]),  # passed: next year
    (
        "Năm 2026, hoàn thành đo đạc trước 30/6.",
        REF,
        [("Năm 2026", "2026-01-01", "2026-12-31"), ("trước 30/6", None, "2026-06-30")],
    ),
    (
        "Kế hoạch ban hành ngày 05 tháng 3 năm 2023, hoàn thành trước 30/10.",
        REF,
        [("ngày 05 tháng 3 năm 2023", "2023-03-05", "2023-03-05"), ("trước 30/10", None, "2024-10-30")],
    ),
    ("trong thời gian còn lại của năm", REF, [("trong thời gian còn lại của năm", None, "2024-12-31")]),
    ("thực hiện từ nay đến cuối năm", REF, [("từ nay đến cuối năm", "2024-09-05", "2024-12-31")]),
    ("Hoàn thành trước 30/10.", None, []),  # no document date, no year: unknown
    ("đạt tỷ lệ 30/10 xã", REF, []),  # a ratio, not a date
    ("hoàn thành trước 31/2.", REF, []),  # never a valid day
]


@pytest.mark.parametrize(("text", "ref", "expected"), CASES)
def test_year_less_due_dates(text: str, ref: date | None, expected: list) -> None:
    found = find_time_expressions(text, ref)
    got = [(d.text, d.start.isoformat() if d.start else None, d.end.isoformat() if d.end else None) for d in found]
    assert got == expected
    for d in found:
        assert text[d.span_start : d.span_end] == d.text


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("Năm 2026, các xã hoàn thành trước ngày 30/6.", "2026-06-30"),
        ("Trong năm 2025, báo cáo kết quả trước ngày 15/12.", "2025-12-15"),
        ("Năm 2023 đã làm xong. Báo cáo trước ngày 15/12.", "2024-12-15"),  # another sentence
        ("Báo cáo trước ngày 15/12.", "2024-12-15"),
    ],
)
def test_day_takes_the_sentence_year(text: str, end: str) -> None:
    found = find_time_expressions(text, REF)
    assert found[-1].end is not None and found[-1].end.isoformat() == end
