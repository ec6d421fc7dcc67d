"""Property tests: generated phrases parse back to the dates they were built from; any text is safe."""

from __future__ import annotations

import calendar
import time
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.temporal import find_time_expressions, parse_deadline

REF = date(2013, 4, 17)
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

years = st.integers(min_value=1990, max_value=2099)
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))
cases = st.sampled_from([str, str.lower, str.upper, str.title, str.capitalize])
lead_ins = st.sampled_from(["", "trong ", "vào ", "Trong ", "ngay trong "])
fillers = st.sampled_from(["", "Hoàn thành ", "Các chi bộ báo cáo kết quả ", "- Ban Tổ chức Tỉnh ủy chủ trì, "])
tails = st.sampled_from(["", ".", ";", " để báo cáo Ban Thường vụ.", ", các cấp ủy tổng kết."])


def _num(n: int, pad: bool) -> str:
    return f"{n:02d}" if pad else str(n)


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _check(phrase: str, start: date | None, end: date | None, filler: str = "", tail: str = "") -> None:
    got = parse_deadline(phrase, REF)
    assert got is not None, phrase
    assert (got.start, got.end) == (start, end), phrase
    text = filler + phrase + tail
    found = find_time_expressions(text, REF)
    assert any((d.start, d.end) == (start, end) for d in found), (text, found)
    for d in found:
        assert text[d.span_start : d.span_end] == d.text


@SETTINGS
@given(dates, st.booleans(), st.booleans(), st.sampled_from(["/", "-", ".", " tháng "]), cases, fillers, tails)
def test_single_day(day: date, pad_d: bool, pad_m: bool, sep: str, case, filler: str, tail: str) -> None:
    d, m = _num(day.day, pad_d), _num(day.month, pad_m)
    spelled = f"ngày {d} tháng {m} năm {day.year}"
    phrase = spelled if sep == " tháng " else f"ngày {d}{sep}{m}{sep}{day.year}"
    _check(case(phrase), day, day, filler, tail)


@SETTINGS
@given(dates, st.booleans())
def test_bare_day_with_year(day: date, pad: bool) -> None:
    _check(f"{_num(day.day, pad)}/{_num(day.month, pad)}/{day.year}", day, day, "hạn ", ".")


@SETTINGS
@given(years, st.integers(1, 12), st.data(), st.sampled_from([", ", " và ", " - ", "-"]), lead_ins)
def test_day_list(year: int, month: int, data, sep: str, lead: str) -> None:
    last = calendar.monthrange(year, month)[1]
    d1 = data.draw(st.integers(1, last - 1))
    d2 = data.draw(st.integers(d1 + 1, last))
    _check(f"{lead}ngày {d1}{sep}{d2}/{month}/{year}", date(year, month, d1), date(year, month, d2))


@SETTINGS
@given(years, st.integers(1, 12), st.booleans(), st.sampled_from(["/", " năm ", "-"]), st.booleans(), cases,
       lead_ins, fillers, tails)
def test_month(year: int, month: int, pad: bool, sep: str, roman: bool, case, lead: str, filler: str,
               tail: str) -> None:
    m = ROMAN[month - 1] if roman and sep != "-" else _num(month, pad)
    phrase = case(f"{lead}tháng {m}{sep}{year}")
    _check(phrase, date(year, month, 1), _month_end(year, month), filler, tail)


@SETTINGS
@given(years, st.data(), st.sampled_from([", ", " và ", " và tháng ", " - ", " đến tháng "]), lead_ins)
def test_month_list(year: int, data, sep: str, lead: str) -> None:
    m1 = data.draw(st.integers(1, 11))
    m2 = data.draw(st.integers(m1 + 1, 12))
    _check(f"{lead}tháng {m1}{sep}{m2}/{year}", date(year, m1, 1), _month_end(year, m2))


@SETTINGS
@given(years, st.integers(1, 4), st.booleans(), st.sampled_from(["/", " năm ", " - "]),
       st.sampled_from(["quý", "Quý", "QUÝ", "quí", "qúy"]), lead_ins, fillers, tails)
def test_quarter(year: int, q: int, roman: bool, sep: str, word: str, lead: str, filler: str, tail: str) -> None:
    numeral = ROMAN[q - 1] if roman else str(q)
    _check(f"{lead}{word} {numeral}{sep}{year}", date(year, 3 * q - 2, 1), _month_end(year, 3 * q), filler, tail)


@SETTINGS
@given(years, st.data(), st.booleans(), st.sampled_from([", ", " và ", " và quý ", " - ", " đến quý "]),
       st.sampled_from(["/", " năm "]))
def test_quarter_list(year: int, data, roman: bool, sep: str, ysep: str) -> None:
    q1 = data.draw(st.integers(1, 3))
    q2 = data.draw(st.integers(q1 + 1, 4))
    n1, n2 = (ROMAN[q1 - 1], ROMAN[q2 - 1]) if roman else (str(q1), str(q2))
    _check(f"quý {n1}{sep}{n2}{ysep}{year}", date(year, 3 * q1 - 2, 1), _month_end(year, 3 * q2))


@SETTINGS
@given(years, st.sampled_from(["năm", "Năm", "trong năm", "vào năm"]), fillers, tails)
def test_year(year: int, words: str, filler: str, tail: str) -> None:
    _check(f"{words} {year}", date(year, 1, 1), date(year, 12, 31), filler, tail)


@SETTINGS
@given(years, st.sampled_from(["đến cuối năm", "Đến cuối năm", "cuối năm", "chậm nhất cuối năm", "đến năm",
                               "đến hết năm"]), fillers, tails)
def test_by_end_of_year(year: int, words: str, filler: str, tail: str) -> None:
    _check(f"{words} {year}", None, date(year, 12, 31), filler, tail)


@SETTINGS
@given(st.integers(1990, 2080), st.integers(1, 20), st.sampled_from(["–", "-", " - ", " – ", "—"]),
       st.sampled_from(["giai đoạn ", "nhiệm kỳ ", "", "thời kỳ "]), tails)
def test_year_range(y1: int, span: int, dash: str, lead: str, tail: str) -> None:
    _check(f"{lead}{y1}{dash}{y1 + span}", date(y1, 1, 1), date(y1 + span, 12, 31), "Trong ", tail)


@SETTINGS
@given(years, st.integers(1, 11), st.sampled_from(["đầu", "cuối"]))
def test_part_of_year(year: int, n: int, edge: str) -> None:
    if edge == "đầu":
        start, end = date(year, 1, 1), _month_end(year, n)
    else:
        start, end = date(year, 13 - n, 1), date(year, 12, 31)
    _check(f"{n} tháng {edge} năm {year}", start, end)


@SETTINGS
@given(st.sampled_from([1, 2, 3, 4, 6]), st.sampled_from(["định kỳ {n} tháng một lần", "{n} tháng một lần",
                                                          "định kỳ {n} tháng", "Định kỳ 0{n} tháng 1 lần"]))
def test_every_n_months(n: int, template: str) -> None:
    got = parse_deadline(template.format(n=n), REF)
    assert got is not None
    assert got.recurrence == ("FREQ=MONTHLY" if n == 1 else f"FREQ=MONTHLY;INTERVAL={n}")


VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
alphabet = st.sampled_from(list(VIETNAMESE + VIETNAMESE.upper() + "0123456789/-–.,;:%() \n\t"))
words = st.sampled_from(["ngày", "tháng", "quý", "năm", "hằng", "mỗi", "định kỳ", "lần", "đến", "từ", "trước",
                         "I", "IV", "XII", "2013", "15", "31", "/", "-", ",", "và", "cuối", "đầu", "còn lại"])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(alphabet, max_size=300), st.lists(words, max_size=80).map(" ".join)),
       st.one_of(st.none(), dates))
def test_arbitrary_text_never_raises_and_is_fast(text: str, ref: date | None) -> None:
    t0 = time.perf_counter()
    found = find_time_expressions(text, ref)
    assert time.perf_counter() - t0 < 0.5
    for d in found:
        assert text[d.span_start : d.span_end] == d.text
        assert d.start is not None or d.end is not None or d.recurrence is not None
        if d.start and d.end:
            assert d.start <= d.end, d
