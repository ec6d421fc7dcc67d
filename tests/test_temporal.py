"""Table-driven tests of the Vietnamese temporal grammar (pipeline.temporal)."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest

from pipeline.normalize import normalize
from pipeline.temporal import (
    combine_deadlines,
    deadline_for_task,
    find_time_expressions,
    parse_deadline,
)

ROOT = Path(__file__).resolve().parents[1]
REF = date(2013, 4, 17)
D = date.fromisoformat

# phrase, expected start, expected end, expected recurrence (ref = 2013-04-17)
CASES = [
    # days and day lists
    ("ngày 15/5/2013", "2013-05-15", "2013-05-15", None),
    ("ngày 15, 16/5/2013", "2013-05-15", "2013-05-16", None),
    ("ngày 15-16/5/2013", "2013-05-15", "2013-05-16", None),
    ("từ 26/4 - 3/5/2013", "2013-04-26", "2013-05-03", None),  # a year-less day opening a range after "từ"
    ("từ 28/12- 4/1/2014", "2013-12-28", "2014-01-04", None),
    ("ngày 17 tháng 4 năm 2008", "2008-04-17", "2008-04-17", None),
    ("ngày 02/02/2008", "2008-02-02", "2008-02-02", None),
    ("Ngày 22/5/2008", "2008-05-22", "2008-05-22", None),
    ("30/6/2014", "2014-06-30", "2014-06-30", None),
    ("ngày 29/2/2012", "2012-02-29", "2012-02-29", None),
    ("ngày 20/5", "2013-05-20", "2013-05-20", None),
    ("ngày 10/3", "2014-03-10", "2014-03-10", None),  # passed at ref: next year
    # months and month lists
    ("trong tháng 10/2013", "2013-10-01", "2013-10-31", None),
    ("tháng 3, 4/2014", "2014-03-01", "2014-04-30", None),
    ("tháng 7 và tháng 8/2014", "2014-07-01", "2014-08-31", None),
    ("tháng 9, 10/2012", "2012-09-01", "2012-10-31", None),
    ("tháng 2 năm 2012", "2012-02-01", "2012-02-29", None),
    ("tháng XII/2013", "2013-12-01", "2013-12-31", None),
    ("trong tháng 10", "2013-10-01", "2013-10-31", None),
    ("từ tháng 5 đến tháng 8/2013", "2013-05-01", "2013-08-31", None),
    ("từ tháng 11/2013 đến tháng 2/2014", "2013-11-01", "2014-02-28", None),
    ("từ tháng 3 đến hết tháng 5/2014", "2014-03-01", "2014-05-31", None),
    ("đến hết năm 2015", None, "2015-12-31", None),
    # quarters
    ("Quý II/2016", "2016-04-01", "2016-06-30", None),
    ("quý 3 năm 2016", "2016-07-01", "2016-09-30", None),
    ("vào Quý I/2025", "2025-01-01", "2025-03-31", None),
    ("QUÝ IV/2016", "2016-10-01", "2016-12-31", None),
    ("quí 2/2014", "2014-04-01", "2014-06-30", None),
    ("qúy II/2014", "2014-04-01", "2014-06-30", None),
    ("quý I và quý II năm 2014", "2014-01-01", "2014-06-30", None),
    ("quý III", "2013-07-01", "2013-09-30", None),
    # years and parts of years
    ("năm 2015", "2015-01-01", "2015-12-31", None),
    ("trong năm 2023", "2023-01-01", "2023-12-31", None),
    ("trong năm nay", "2013-01-01", "2013-12-31", None),
    ("cuối năm 2015", None, "2015-12-31", None),
    ("đến cuối năm 2015", None, "2015-12-31", None),
    ("Đến cuối năm 2012", None, "2012-12-31", None),
    ("đầu năm 2016", "2016-01-01", "2016-03-31", None),
    ("6 tháng đầu năm 2014", "2014-01-01", "2014-06-30", None),
    ("6 tháng cuối năm 2014", "2014-07-01", "2014-12-31", None),
    ("sáu tháng đầu năm 2014", "2014-01-01", "2014-06-30", None),
    ("4 tháng đầu năm 2008", "2008-01-01", "2008-04-30", None),
    ("nửa cuối năm 2014", "2014-07-01", "2014-12-31", None),
    ("6 tháng cuối năm", None, None, "FREQ=YEARLY"),
    ("Ngay từ đầu năm", None, None, "FREQ=YEARLY"),
    # modifiers
    ("trước ngày 30/6/2014", None, "2014-06-30", None),
    ("trước tháng 6/2014", None, "2014-05-31", None),
    ("chậm nhất ngày 15/5/2013", None, "2013-05-15", None),
    ("chậm nhất trong tháng 6/2013", None, "2013-06-30", None),
    ("đến năm 2030", None, "2030-12-31", None),
    ("đến hết quý III/2014", None, "2014-09-30", None),
    ("từ năm 2023 trở đi", "2023-01-01", None, None),
    ("năm 2014 và những năm tiếp theo", "2014-01-01", None, None),
    ("kể từ ngày 01/7/2013", "2013-07-01", None, None),
    ("từ nay đến năm 2020", "2013-04-17", "2020-12-31", None),
    ("từ ngày 15/5 đến ngày 20/6/2013", "2013-05-15", "2013-06-20", None),
    ("từ ngày 20 đến ngày 25/8/2013", "2013-08-20", "2013-08-25", None),
    ("Từ ngày 01/7 đến 15/7/2013", "2013-07-01", "2013-07-15", None),
    ("trong thời gian từ 01/6/2013 đến 30/6/2013", "2013-06-01", "2013-06-30", None),
    ("Chậm nhất đến ngày 31/3/2014", None, "2014-03-31", None),
    ("THỜI GIAN HOÀN THÀNH: TRƯỚC NGÀY 30/9/2013", None, "2013-09-30", None),
    ("trước ngày 15/12 hằng năm", None, "2013-12-15", "FREQ=YEARLY"),
    ("vào tháng 12 hằng năm", "2013-12-01", "2013-12-31", "FREQ=YEARLY"),
    # ranges of years
    ("giai đoạn 2021–2025", "2021-01-01", "2025-12-31", None),
    ("giai đoạn 2021 - 2025", "2021-01-01", "2025-12-31", None),
    ("2021-2025", "2021-01-01", "2025-12-31", None),
    ("từ năm 2021 đến năm 2025", "2021-01-01", "2025-12-31", None),
    ("nhiệm kỳ 2020 – 2025", "2020-01-01", "2025-12-31", None),
    # rest of a year
    ("trong thời gian còn lại của năm 2013", None, "2013-12-31", None),
    ("trong 7 tháng còn lại", None, "2013-11-30", None),
    ("những tháng còn lại của năm", None, "2013-12-31", None),
    # parts of months and quarters
    ("cuối tháng 6/2013", None, "2013-06-30", None),
    ("đến cuối tháng 6", None, "2013-06-30", None),
    ("đầu tháng 7", "2013-07-01", "2013-07-10", None),
    ("giữa tháng 5 năm 2014", "2014-05-11", "2014-05-20", None),
    ("cuối quý II/2013", None, "2013-06-30", None),
    ("đầu quý III", "2013-07-01", "2013-07-31", None),
    # relative to the document date
    ("Sau 5 năm thực hiện", "2018-04-01", "2018-04-30", None),
    ("trong thời hạn 15 ngày", None, "2013-05-02", None),
    ("trong vòng 3 tháng", None, "2013-07-17", None),
    ("trong thời gian 7 tháng còn lại", None, "2013-11-30", None),
    ("từ nay đến cuối năm", "2013-04-17", "2013-12-31", None),
    ("đến cuối năm", None, "2013-12-31", None),
    ("cuối năm", None, None, "FREQ=YEARLY"),
    ("định kỳ kiểm điểm cuối năm", None, None, "FREQ=YEARLY"),
    # recurrences
    ("2 lần/năm", None, None, "FREQ=MONTHLY;INTERVAL=6"),
    ("6 tháng/lần", None, None, "FREQ=MONTHLY;INTERVAL=6"),
    ("2 năm một lần", None, None, "FREQ=YEARLY;INTERVAL=2"),
    ("định kỳ 5 năm một lần", None, None, "FREQ=YEARLY;INTERVAL=5"),
    ("1 năm/lần", None, None, "FREQ=YEARLY"),
    ("1 lần/quý", None, None, "FREQ=MONTHLY;INTERVAL=3"),
    ("mỗi năm 4 lần", None, None, "FREQ=MONTHLY;INTERVAL=3"),
    ("hàng năm", None, None, "FREQ=YEARLY"),
    ("hằng năm", None, None, "FREQ=YEARLY"),
    ("Định kỳ hàng năm", None, None, "FREQ=YEARLY"),
    ("mỗi năm", None, None, "FREQ=YEARLY"),
    ("mỗi năm một lần", None, None, "FREQ=YEARLY"),
    ("mỗi năm 2 lần", None, None, "FREQ=MONTHLY;INTERVAL=6"),
    ("mỗi năm hai lần", None, None, "FREQ=MONTHLY;INTERVAL=6"),
    ("6 tháng một lần", None, None, "FREQ=MONTHLY;INTERVAL=6"),
    ("định kỳ 6 tháng", None, None, "FREQ=MONTHLY;INTERVAL=6"),
    ("Định kỳ 06 tháng một lần", None, None, "FREQ=MONTHLY;INTERVAL=6"),
    ("định kỳ sáu tháng một lần", None, None, "FREQ=MONTHLY;INTERVAL=6"),
    ("3 tháng một lần", None, None, "FREQ=MONTHLY;INTERVAL=3"),
    ("mỗi quý một lần", None, None, "FREQ=MONTHLY;INTERVAL=3"),
    ("hằng quý", None, None, "FREQ=MONTHLY;INTERVAL=3"),
    ("từng quý", None, None, "FREQ=MONTHLY;INTERVAL=3"),
    ("một tháng một lần", None, None, "FREQ=MONTHLY"),
    ("định kỳ một tháng một lần", None, None, "FREQ=MONTHLY"),
    ("hằng tháng", None, None, "FREQ=MONTHLY"),
    ("hàng tháng", None, None, "FREQ=MONTHLY"),
    ("hằng tuần", None, None, "FREQ=WEEKLY"),
    ("2 tuần một lần", None, None, "FREQ=WEEKLY;INTERVAL=2"),
    ("hằng tuần báo cáo vào thứ Sáu", None, None, "FREQ=WEEKLY;BYDAY=FR"),
    ("trước 16 giờ ngày thứ 5 hằng tuần", None, None, "FREQ=WEEKLY;BYDAY=TH"),  # the weekday printed first
    ("định kì hằng năm", None, None, "FREQ=YEARLY"),
    # a school year runs September to May, and its edges are not the calendar year's
    ("trong năm học 2025–2026", "2025-09-01", "2026-05-31", None),
    ("bắt đầu từ đầu năm học 2026 - 2027", "2026-09-01", None, None),
    ("hoàn thành trước cuối năm học 2024-2025", None, "2025-05-31", None),
    # an interval and a recurrence in one phrase combine
    ("sơ kết hàng năm và tổng kết vào Quý I/2025", "2025-01-01", "2025-03-31", "FREQ=YEARLY"),
    ("hằng quý, bắt đầu từ quý III/2013", "2013-07-01", None, "FREQ=MONTHLY;INTERVAL=3"),
]


@pytest.mark.parametrize(("phrase", "start", "end", "recurrence"), CASES)
def test_parse_deadline(phrase: str, start: str | None, end: str | None, recurrence: str | None) -> None:
    got = parse_deadline(phrase, REF)
    assert got is not None, phrase
    assert got.start == (D(start) if start else None), phrase
    assert got.end == (D(end) if end else None), phrase
    assert got.recurrence == recurrence, phrase


@pytest.mark.parametrize(
    "phrase",
    [
        "3-4%",
        "đạt từ 3-4% tổng số đảng viên",
        "128/165",
        "223/329 chi bộ",
        "Nghị quyết số 22-NQ/TW",
        "Nghị định số 14/2008/NĐ-CP",
        "(khóa X)",
        "Đại hội lần thứ XIV",
        "31/2/2013",
        "ngày 31/2/2013",
        "ngày 29/2/2013",
        "ngày 31/4/2013",
        "tháng 13/2013",
        "quý V/2016",
        "3/4 số chi bộ",
        "giảm từ 1/3 số hộ",
        "đạt 6 kỳ/năm",
        "sau 5 năm",  # relative, but no document date given (see test below)
        "mỗi đảng viên",
        "từng chức danh",
        "định kỳ báo cáo",
        "làm cơ sở để kiểm điểm, đánh giá, xếp loại cuối năm",
        "báo cáo tổng kết 6 tháng đầu năm",
        "năm 1500",
        "2025-2021",
        "",
        "   ",
    ],
)
def test_not_a_date(phrase: str) -> None:
    ref = None if phrase.startswith("sau") else REF
    assert parse_deadline(phrase, ref) is None


@pytest.mark.parametrize(
    ("phrase", "expected_text"),
    [
        ("Hoàn thành việc rà soát quy hoạch cán bộ trong tháng 10/2013.", "trong tháng 10/2013"),
        ("Phấn đấu đến cuối năm 2010, tất cả các thôn đều có đảng viên", "đến cuối năm 2010"),
        ("Chi bộ sinh hoạt định kỳ một tháng một lần theo quy định", "định kỳ một tháng một lần"),
        ("Đối với sinh hoạt chuyên đề: Ngay từ đầu năm, Chi ủy chủ động", "Ngay từ đầu năm"),
        ("tổng kết thực hiện vào Quý I/2025.", "vào Quý I/2025"),
        ("các chi bộ định kỳ kiểm điểm cuối năm, đánh giá", "định kỳ kiểm điểm cuối năm"),
        ("thi đua. Cuối năm, cấp ủy cấp trên đánh giá", "Cuối năm"),
        ("đạo thực hiện trong thời gian còn lại của năm 2008:", "trong thời gian còn lại của năm 2008"),
    ],
)
def test_spans_point_into_the_text(phrase: str, expected_text: str) -> None:
    found = find_time_expressions(phrase, REF)
    assert [d.text for d in found] == [expected_text]
    d = found[0]
    assert phrase[d.span_start : d.span_end] == expected_text


def test_year_less_without_ref_is_dropped() -> None:
    assert parse_deadline("trong tháng 10", None) is None
    assert parse_deadline("ngày 15/5", None) is None
    # ...but a range borrows its year from the end
    got = parse_deadline("từ tháng 5 đến tháng 8/2013", None)
    assert got is not None and (got.start, got.end) == (D("2013-05-01"), D("2013-08-31"))


def test_combine_keeps_first_dated_and_first_recurrence() -> None:
    found = find_time_expressions("hằng năm báo cáo; đến cuối năm 2015 và năm 2016 hoàn thành", REF)
    got = combine_deadlines(found)
    assert got is not None
    assert (got.text, got.end, got.recurrence) == ("đến cuối năm 2015", D("2015-12-31"), "FREQ=YEARLY")
    assert combine_deadlines([]) is None


def test_deadline_for_task_ignores_cited_documents_dates() -> None:
    text = (
        "Tiếp tục thực hiện Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương; "
        "hoàn thành trước ngày 30/6/2023."
    )
    got = deadline_for_task(text, date(2022, 8, 10))
    assert got is not None and got.end == D("2023-06-30") and got.start is None
    for only_citation in (
        "Quán triệt Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị.",
        "Thực hiện Kế hoạch 05, ngày 10/4/2013 của Bộ Chính trị.",
        "theo Nghị định 14/2008/NĐ-CP ngày 04/02/2008 của Chính phủ",
        "Thi hành Luật Đất đai năm 2013 và Hiến pháp năm 2013.",
        "Thực hiện Nghị quyết Đại hội lần thứ XIV, nhiệm kỳ 2020 – 2025, Ban Thường vụ xây dựng",
    ):
        assert deadline_for_task(only_citation, None) is None, only_citation
    term = deadline_for_task("Phấn đấu trong nhiệm kỳ 2020 – 2025 kết nạp 500 đảng viên.", None)
    assert term is not None and term.end == D("2025-12-31")
    past = "Ngày 22/5/2008, đồng chí Phó Bí thư làm việc; hoàn thành trong tháng 10/2008."
    got = deadline_for_task(past, date(2008, 5, 23))
    assert got is not None and got.text == "trong tháng 10/2008"


def test_tone_and_case_variants() -> None:
    for phrase in ("QUÝ II/2016", "quý ii/2016", "Quí II/2016", "quý 2/2016", "TRONG QUÝ II NĂM 2016"):
        got = parse_deadline(phrase, REF)
        assert got is not None and (got.start, got.end) == (D("2016-04-01"), D("2016-06-30")), phrase
    decomposed = "ngày 15 tha\u0301ng 5 năm 2013"  # NFD input is accepted
    got = parse_deadline(decomposed, REF)
    assert got is not None and got.start == D("2013-05-15")


def _gold_deadlines() -> list[tuple[str, date | None, dict]]:
    out = []
    for path in sorted((ROOT / "eval" / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        issued = gold.get("document", {}).get("issued_date")
        for task in gold.get("tasks", []):
            if task.get("deadline"):
                out.append((task["text"], D(issued) if issued else None, task["deadline"]))
    return out


@pytest.mark.parametrize(("task_text", "ref", "gold"), _gold_deadlines())
def test_gold_deadline_phrases_resolve_like_gold(task_text: str, ref: date | None, gold: dict) -> None:
    """Every gold deadline phrase resolves to the gold dates, found in its task text when printed there."""
    phrase = parse_deadline(gold["text"], ref)
    assert phrase is not None
    assert phrase.start == (D(gold["start"]) if gold["start"] else None)
    assert phrase.end == (D(gold["end"]) if gold["end"] else None)
    if gold["text"] in task_text:  # else the deadline comes from the task's heading
        found = find_time_expressions(task_text, ref)
        assert gold["text"] in [d.text for d in found]
        combined = deadline_for_task(task_text, ref)
        assert combined is not None and combined.recurrence == gold["recurrence"]


def test_corpus_spans_and_speed() -> None:
    """Spans index the normalized text; the grammar stays far above 100k chars/s."""
    texts = [normalize(p.read_text(encoding="utf-8")).text for p in sorted((ROOT / "corpus").glob("*.txt"))]
    total = 0
    t0 = time.perf_counter()
    for text in texts:
        for d in find_time_expressions(text, date(2008, 4, 17)):
            assert text[d.span_start : d.span_end] == d.text
        total += len(text)
    elapsed = time.perf_counter() - t0
    assert total / elapsed > 100_000, f"{total / elapsed:.0f} chars/s"


@pytest.mark.parametrize(
    "text",
    [
        "ngày " + "1, " * 3000 + "x",
        "tháng " + "1 và " * 3000 + "y",
        "quý " + "I, " * 3000,
        "1-" * 5000,
        "2020-" * 3000,
        "hằng " * 3000,
    ],
)
def test_pathological_input_is_fast(text: str) -> None:
    t0 = time.perf_counter()
    find_time_expressions(text, REF)
    assert time.perf_counter() - t0 < 2.0


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        ("từ nay đến Tết Nguyên đán Bính Ngọ 2026", date(2025, 12, 22), date(2026, 2, 17)),
        ("trong dịp Tết Nguyên đán năm 2025", date(2025, 1, 29), date(2025, 1, 29)),
        ("đến Tết Dương lịch 2026", None, date(2026, 1, 1)),
    ],
)
def test_tet_is_read_from_the_lunar_calendar(phrase, start, end):
    found = find_time_expressions(phrase, date(2025, 12, 22))
    assert [(d.start, d.end) for d in found] == [(start, end)]


@pytest.mark.parametrize(
    "item",
    [
        "Nghị quyết về phát triển thương mại, dịch vụ giai đoạn 2026 – 2030.",
        "Nghị quyết phát triển du lịch sinh thái giai đoạn 2026 - 2030 và định hướng đến năm 2040.",
        "Rà soát quy hoạch xã thời kỳ 2021 - 2030 để phù hợp với ranh giới mới.",
        "Xây dựng Kế hoạch chuyển đổi số năm 2026 của các cơ quan đảng.",
    ],
)
def test_a_period_that_scopes_a_noun_is_not_a_deadline(item):
    from pipeline.tasks import _time_expressions, choose_deadline

    assert choose_deadline(item, _time_expressions(item, date(2025, 12, 1), []), None) is None


@pytest.mark.parametrize(
    ("phrase", "rule", "start", "end"),
    [
        ("báo cáo vào tháng 3, 6, 9 và 11 hằng năm", "FREQ=YEARLY;BYMONTH=3,6,9,11", None, None),
        ("họp vào tháng 4, tháng 8 và tháng 12 hằng năm", "FREQ=YEARLY;BYMONTH=4,8,12", None, None),
        ("tổng hợp ngày 15 hằng tháng", "FREQ=MONTHLY;BYMONTHDAY=15", None, None),
        ("gửi báo cáo trước ngày 20/6 và 20/12 hằng năm", "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=20", None, None),
        ("Thời gian hai ngày (27, 28/3/2012)", None, date(2012, 3, 27), date(2012, 3, 28)),
    ],
)
def test_month_lists_month_days_and_listed_days(phrase, rule, start, end):
    (found,) = find_time_expressions(phrase, date(2025, 12, 1))
    assert (found.recurrence, found.start, found.end) == (rule, start, end)


def test_days_listed_with_their_months_every_year_expand_on_those_days():
    from pipeline.ics import expand_occurrences

    days = expand_occurrences(None, None, "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=20", date(2026, 1, 1),
                              date(2027, 1, 31), anchor=date(2026, 1, 10))
    assert days == [date(2026, 6, 20), date(2026, 12, 20)]
    (uneven,) = [d for d in find_time_expressions("trước ngày 15/6 và 20/12 hằng năm", date(2026, 1, 10)) if d.recurrence]
    assert uneven.recurrence == "FREQ=YEARLY"  # days that differ fit no single rule


def test_a_by_month_rule_expands_in_the_calendar_at_each_months_end():
    from pipeline.ics import expand_occurrences

    days = expand_occurrences(None, None, "FREQ=YEARLY;BYMONTH=3,6,9,11", date(2026, 1, 1), date(2026, 12, 31),
                              anchor=date(2026, 1, 15))
    assert days == [date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30), date(2026, 11, 30)]


@pytest.mark.parametrize(
    ("phrase", "rule"),
    [("Quý IV hằng năm", "FREQ=YEARLY"), ("Quý I hàng năm", "FREQ=YEARLY")],
)
def test_a_quarter_every_year_is_a_recurrence_not_a_one_off(phrase, rule):
    (found,) = find_time_expressions(phrase, date(2025, 12, 1))
    assert (found.recurrence, found.start, found.end) == (rule, None, None)


@pytest.mark.parametrize(
    ("phrase", "rule"),
    [
        ("định kỳ hằng quý, năm gửi báo cáo", "FREQ=MONTHLY;INTERVAL=3"),
        ("định kỳ quý, 6 tháng, hằng năm tổng hợp", "FREQ=MONTHLY;INTERVAL=3"),
        ("định kỳ 6 tháng, năm sơ kết", "FREQ=MONTHLY;INTERVAL=6"),
        ("báo cáo hằng tháng, quý và năm", "FREQ=MONTHLY"),
        ("định kỳ hằng tuần, tháng giao ban", "FREQ=WEEKLY"),
    ],
)
def test_listed_rhythms_keep_the_most_frequent(phrase, rule):
    (found,) = find_time_expressions(phrase, date(2025, 12, 1))
    assert (found.recurrence, found.start, found.end) == (rule, None, None)


def test_a_rhythm_after_a_cited_number_is_the_duty_not_the_documents_date():
    from pipeline.temporal import deadline_for_task

    text = "Theo dõi việc thực hiện Chỉ thị số 12-CT/ĐU; định kỳ hằng quý báo cáo Thường trực."
    assert deadline_for_task(text).recurrence == "FREQ=MONTHLY;INTERVAL=3"
    dated = "Thực hiện Chỉ thị số 12-CT/ĐU; hoàn thành trong tháng 5/2026."
    assert deadline_for_task(dated, date(2026, 1, 1)).end == date(2026, 5, 31)


def test_a_year_edge_without_a_year_is_every_years_only_in_a_standing_document():
    ref = date(2026, 3, 2)
    (standing,) = find_time_expressions("Cuối năm, chi bộ tổng hợp kết quả.", ref)
    assert standing.recurrence == "FREQ=YEARLY"
    (this_year,) = find_time_expressions("Cuối năm, chi bộ tổng hợp kết quả.", ref, yearly_edges=False)
    assert (this_year.recurrence, this_year.end) == (None, date(2026, 12, 31))
    assert find_time_expressions("Cuối năm, chi bộ tổng hợp kết quả.", None, yearly_edges=False) == []
    (right_from,) = find_time_expressions("triển khai ngay từ đầu năm", ref, yearly_edges=False)
    assert (right_from.start, right_from.end) == (date(2026, 1, 1), None)


def test_the_period_an_assessment_covers_is_no_time_of_the_duty():
    ref = date(2022, 7, 20)
    assert find_time_expressions("Căn cứ kết quả 6 tháng đầu năm, các xã rà soát lại.", ref, yearly_edges=False) == []
    (periodic,) = find_time_expressions("gắn với định kỳ kiểm điểm cuối năm", ref)
    assert periodic.recurrence == "FREQ=YEARLY"
