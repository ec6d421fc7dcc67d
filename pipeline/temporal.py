"""Time stage: find and resolve Vietnamese time expressions (deadlines, periods, recurrences).

dateparser does not understand directive Vietnamese ("tháng 3, 4/2014", "Quý II/2016",
"6 tháng đầu năm", "định kỳ 06 tháng một lần"), so this is a small grammar of compiled
regular expressions, in three passes:

1. atoms: days and day lists, months and month lists, quarters (Roman or Arabic), years,
   year ranges, year edges ("đầu/cuối năm", "6 tháng đầu năm"), the rest of a year, and
   recurrences ("hằng năm", "mỗi quý một lần" → RFC 5545 RRULE);
2. ranges: "từ A đến B", "A – B" join two atoms (a year-less first part takes the year of B);
3. modifiers from `pipeline/data/temporal.yaml`: "đến/chậm nhất" (by: no start), "trước"
   (before), "từ … (trở đi)" (from: no end), "từ nay đến" (document date → end).

Resolution choices (documented because the text leaves them open):

- A day, month or quarter printed without a year takes the year of the document date `ref`;
  if that period has already ended at `ref`, the next year's (a directive speaks of the
  future). Without `ref` such an expression is dropped.
- Year-relative phrases without a year ("Ngay từ đầu năm", "Cuối năm, …", "6 tháng đầu năm")
  describe a point of every year in these texts: they yield `FREQ=YEARLY` and no dates —
  when they open a clause, carry a modifier ("vào", "ngay từ") or follow "định kỳ …"; after a
  noun ("xếp loại cuối năm") they are an attribute and are skipped.
  With "đến/trước/từ nay đến" and a document date they mean this year ("từ nay đến cuối năm").
- "cuối năm Y" is a due-by date: start null, end Y-12-31; "đầu năm Y" is Y-01-01..Y-03-31;
  "giữa năm Y" is Y-06-01..Y-07-31.
- "trong thời gian còn lại của năm Y" / "trong N tháng còn lại" are due-by dates (start
  null), as in the gold annotations.
- "cuối tháng M" / "cuối quý Q" are due-by dates; "đầu tháng" is days 1–10, "giữa tháng" 11–20.
- Relative to `ref` (dropped without it): "trong thời hạn 15 ngày" → end ref + 15 days;
  "sau 5 năm (thực hiện)" → the month 5 years after ref.
- A bare "D/M" is a date only after a due word ("trước 30/10", "chậm nhất 15/11"). A day
  without a year ("trước 30/10", "trước ngày 30/10") takes the last "năm YYYY" printed earlier
  in the same sentence ("Năm 2025, ... trước ngày 30/6"), else the document date's year (as above).
- "trước ngày D" keeps D as the end (Vietnamese usage: by that day); "trước tháng/quý/năm X"
  ends the day before X starts.

Spans (`span_start`/`span_end`) index the string given to `find_time_expressions`.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from .lexicon import data_yaml, doc_type_alternation, longest_first
from .model import Deadline
from .wordstart import word_started

DATA_FILE = Path(__file__).parent / "data" / "temporal.yaml"

YEARLY = "FREQ=YEARLY"


@lru_cache(maxsize=1)
def load_vocabulary() -> dict:
    """The YAML vocabulary: number words and modifier prefixes with their roles."""
    return data_yaml(DATA_FILE.name)


def _number_words() -> dict[str, int]:
    return {str(k): int(v) for k, v in load_vocabulary()["number_words"].items()}


# ---------------------------------------------------------------- regex building blocks

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8,
          "IX": 9, "X": 10, "XI": 11, "XII": 12}
_ROM = r"(?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)(?![\w])"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?!\d)"
_MON = r"(?:0?[1-9]|1[0-2])(?!\d)"
_YEAR = r"(?:19|20|21)\d\d(?!\d)"
_LIST = r"\s*(?:,|và|[-–—]|đến|tới)\s*"
_YSEP = r"(?:\s*[/.\-]\s*|\s*,?\s+năm\s+)"
_NOT_MORE = r"(?![\w/]|[.\-]\d)"
_KY = r"k[ỳì]"
_QUY = r"(?:qu[ýí]|q[úù][yi])"


def _num_alt() -> str:
    words = sorted(_number_words(), key=len, reverse=True)
    return r"(?:\d{1,2}|" + "|".join(re.escape(w) for w in words) + r")(?![\w])"


_NUM = _num_alt()
_FLAGS = re.IGNORECASE | re.UNICODE


def _c(pattern: str) -> re.Pattern:
    return word_started(pattern, _FLAGS)  # guarded by its first characters: scans ~1.5x faster


_P_DAYS = _c(
    rf"\bngày\s+(?P<days>{_DAY}(?:{_LIST}(?:ngày\s+)?{_DAY})*)\s*"
    rf"(?:[/.\-]\s*(?P<m>{_MON})|\s+tháng\s+(?P<m2>{_MON}))"
    rf"(?:{_YSEP}(?P<y>{_YEAR}))?{_NOT_MORE}"
)
_P_DATE = _c(rf"(?<![\w/.\-])(?P<d>{_DAY})(?P<s>[/.\-])(?P<m>{_MON})(?P=s)(?P<y>{_YEAR}){_NOT_MORE}")
# "(27, 28/3/2012)": days of one month listed before a full date.
_P_DAY_LIST = _c(
    rf"(?<![\w/.\-])(?P<days>{_DAY}(?:\s*,\s*{_DAY})+)\s*/\s*(?P<m>{_MON})\s*/\s*(?P<y>{_YEAR}){_NOT_MORE}"
)
# A year-less "30/10" with no "ngày" is a date only right after a due word ("trước 30/10",
# "chậm nhất 15/11"): elsewhere "30/10" may be a ratio or part of a number.
_P_SHORT_DATE = _c(
    rf"(?<!\w)(?:trước|chậm\s+nhất(?:\s+là)?|muộn\s+nhất(?:\s+là)?|hạn\s+chót(?:\s+là)?|đến|hạn)\s+"
    rf"(?P<d>{_DAY})/(?P<m>{_MON})(?![\w/]|[.\-]\d)"
)
# "từ 29/5 - 1/6/2018": a year-less day that opens a range of days, after "từ"
_P_RANGE_START = _c(
    rf"(?<=từ\s)(?:ngày\s+)?(?P<d>{_DAY})/(?P<m>{_MON})(?=\s*(?:[-–—]|đến|tới)\s*(?:ngày\s+)?{_DAY}\s*/\s*{_MON})"
)
# "Năm 2025, ..." — not the year of a full date ("ngày 05 tháng 3 năm 2023" of a cited text)
_P_SENTENCE_YEAR = _c(rf"(?<!tháng\s\d\s)(?<!tháng\s\d\d\s)\bnăm\s+(?P<y>{_YEAR})")
_SENTENCE_BREAK = re.compile(r"[.;!?\n](?=\s|$)")
_P_MONTHS = _c(
    rf"(?<!\d)(?<!\d\s)\btháng\s+(?P<ms>(?:{_MON}|{_ROM})(?:{_LIST}(?:tháng\s+)?(?:{_MON}|{_ROM}))*)"
    rf"(?:{_YSEP}(?P<y>{_YEAR}))?{_NOT_MORE}(?!\s+(?:một|1)\s+lần)"
)
# "hoàn thành trong 2/2021": a month and year without "tháng", only right after a time word (elsewhere
# "2/2021" may be a number)
_P_BARE_MONTH = _c(
    r"(?:(?<=trong\s)|(?<=trước\s)|(?<=đến\s)|(?<=hết\s)|(?<=vào\s)|(?<=từ\s))"
    rf"(?P<ms>{_MON})/(?P<y>{_YEAR}){_NOT_MORE}"
)
_P_QUARTERS = _c(
    rf"\b{_QUY}\s+(?P<qs>(?:[1-4](?!\d)|{_ROM})(?:{_LIST}(?:{_QUY}\s+)?(?:[1-4](?!\d)|{_ROM}))*)"
    rf"(?:{_YSEP}(?P<y>{_YEAR}))?{_NOT_MORE}"
)
_P_YEAR = _c(rf"\bnăm\s+(?P<y>{_YEAR})(?!\s*(?:[-–—]|đến|tới)\s*(?:năm\s+)?{_YEAR})")
_P_YEAR_REL = _c(r"\bnăm\s+(?P<rel>nay|tới)\b")
_P_YEAR_RANGE = _c(
    rf"(?:\b(?:giai\s+đoạn|nhiệm\s+{_KY}|thời\s+{_KY}|niên\s+độ|từ\s+năm|năm|từ)\s+)?"
    rf"(?<![\w.,/%\-])(?P<y1>{_YEAR})\s*(?:[-–—]|đến(?:\s+năm)?|tới(?:\s+năm)?)\s*(?P<y2>{_YEAR})(?![%\w]|[.,]\d)"
)
# (not a school year's edge: "đầu năm học 2025 - 2026" is September, not January)
_P_EDGE = _c(rf"\b(?P<edge>đầu|cuối|giữa)\s+năm(?!\s+học\b)(?:\s+(?P<nay>nay)\b|\s+(?P<y>{_YEAR}))?(?!\s*[-–—]?\s*\d)")
# a school year runs from September to May: "năm học 2025 - 2026", "đầu năm học mới 2025-2026"
_P_SCHOOL_YEAR = _c(
    rf"\b(?:(?P<edge>đầu|cuối)\s+)?năm\s+học(?:\s+mới)?\s+(?P<y1>{_YEAR})\s*[-–—/]\s*(?P<y2>{_YEAR})"
)
_P_PART = _c(
    rf"(?:\b(?P<n>{_NUM})\s+tháng|\bnửa)\s+(?P<edge>đầu|cuối)\s+năm"
    rf"(?:\s+(?P<nay>nay)\b|\s+(?P<y>{_YEAR}))?"
)
_P_REST = _c(
    rf"\b(?:(?:thời\s+gian|những\s+tháng|các\s+tháng|mấy\s+tháng)\s+còn\s+lại\s+(?:của|trong)\s+năm"
    rf"|(?P<n>{_NUM})\s+tháng\s+còn\s+lại(?:\s+(?:của|trong)\s+năm)?)"
    rf"(?:\s+(?P<nay>nay)\b|\s+(?P<y>{_YEAR}))?"
)

_P_SUBPERIOD = _c(
    rf"\b(?P<edge>đầu|giữa|cuối)\s+(?:(?P<month>tháng)\s+(?P<m>{_MON}|{_ROM})|{_QUY}\s+(?P<q>[1-4](?!\d)|{_ROM}))"
    rf"(?:{_YSEP}(?P<y>{_YEAR}))?{_NOT_MORE}"
)
_P_AFTER = _c(rf"\bsau\s+(?P<n>{_NUM})\s+(?P<unit>năm|tháng)\b")
_P_WITHIN = _c(
    rf"\btrong\s+(?:vòng|thời\s+hạn|thời\s+gian|phạm\s+vi)\s+(?P<n>\d{{1,3}}|{_NUM})\s+"
    rf"(?P<unit>ngày(?:\s+làm\s+việc)?|tuần|tháng|năm)\b(?!\s+còn\s+lại)"
)

_EVERY = r"(?:hàng|hằng|mỗi|từng)"
_ONCE = r"(?:một|1)\s+lần"
_PERIODIC = rf"(?:định\s+{_KY}\s+)?"
# (gate words, pattern, rule): a pattern only runs when one of its gate words is in the text
_RECURRENCES: list[tuple[tuple[str, ...], re.Pattern, Callable[[re.Match], str | None]]] = []


def _rec(
    pattern: str, gate: tuple[str, ...]
) -> Callable[[Callable[[re.Match], str | None]], Callable[[re.Match], str | None]]:
    def register(fn: Callable[[re.Match], str | None]) -> Callable[[re.Match], str | None]:
        _RECURRENCES.append((gate, _c(pattern), fn))
        return fn

    return register


def _monthly(n: int) -> str | None:
    if n <= 0 or n > 36:
        return None
    if n == 12:
        return YEARLY
    return "FREQ=MONTHLY" if n == 1 else f"FREQ=MONTHLY;INTERVAL={n}"


_PERIOD_WORD = rf"(?:tuần|tháng|{_QUY}|năm|(?:{_NUM})\s+tháng)"


@_rec(
    rf"\b(?:định\s+{_KY}\s+(?:{_EVERY}\s+)?|{_EVERY}\s+)(?P<periods>{_PERIOD_WORD}"
    rf"(?:\s*(?:,|và|hoặc|/)\s*(?:{_EVERY}\s+)?{_PERIOD_WORD})+)\b(?!\s*(?:\d|{_ROM}\b))",
    gate=("định", "hàng", "hằng", "mỗi"),
)
def _periods_listed(m: re.Match) -> str | None:
    """ "định kỳ quý, 6 tháng, hằng năm báo cáo": reports at every listed rhythm; the calendar
    keeps the most frequent one (the others fall on its dates)."""
    months = []
    for word in re.split(r"\s*(?:,|và|hoặc|/)\s*", m.group("periods")):
        word = re.sub(rf"^{_EVERY}\s+", "", word.strip(), flags=re.IGNORECASE).lower()
        if word == "tuần":
            return "FREQ=WEEKLY"
        n = 1 if word == "tháng" else 12 if word == "năm" else 3 if re.fullmatch(_QUY, word) else _to_int(word.split()[0])
        if not n:
            return None
        months.append(n)
    return _monthly(min(months))


@_rec(rf"\b{_PERIODIC}(?:{_EVERY}\s+năm|(?:mỗi|một|1)\s+năm\s+{_ONCE}|năm\s+{_ONCE}|thường\s+niên)\b", gate=("năm", "niên"))
def _yearly(m: re.Match) -> str | None:
    return YEARLY


@_rec(rf"\b{_PERIODIC}(?:(?:mỗi|cứ)\s+)?(?P<n>{_NUM})\s+năm\s*(?:{_ONCE}|/\s*(?:1\s+)?lần)", gate=("năm",))
def _every_n_years(m: re.Match) -> str | None:
    years = _to_int(m.group("n"))
    if not years or years > 10:
        return None
    return YEARLY if years == 1 else f"FREQ=YEARLY;INTERVAL={years}"


@_rec(rf"\b{_PERIODIC}(?:mỗi|một|1|hàng|hằng)\s+năm\s+(?P<n>{_NUM})\s+lần\b", gate=("lần",))
def _times_a_year(m: re.Match) -> str | None:
    times = _to_int(m.group("n"))
    return _monthly(12 // times) if times and 12 % times == 0 else None


@_rec(rf"\b(?P<n>{_NUM})\s+lần\s*(?:/|mỗi|trong\s+(?:một|1))\s*(?P<unit>năm|quý)\b", gate=("lần",))
def _times_per_period(m: re.Match) -> str | None:
    times = _to_int(m.group("n"))
    months = 12 if m.group("unit").lower() == "năm" else 3
    return _monthly(months // times) if times and months % times == 0 else None


@_rec(
    rf"\b(?:(?:định\s+{_KY}|sau\s+mỗi|mỗi|cứ)\s+)?(?P<n>{_NUM})\s+tháng\s*(?:{_ONCE}|/\s*(?:1\s+)?lần)"
    rf"|\b(?:định\s+{_KY}|sau\s+mỗi|mỗi|cứ)\s+(?P<n2>{_NUM})\s+tháng\b(?!\s+(?:đầu|cuối|còn))",
    gate=("tháng",),
)
def _every_n_months(m: re.Match) -> str | None:
    return _monthly(_to_int(m.group("n") or m.group("n2")) or 0)


@_rec(rf"\b{_PERIODIC}(?:{_EVERY}\s+{_QUY}(?:\s+{_ONCE})?|{_QUY}\s+{_ONCE})\b(?!\s*(?:[1-4]|{_ROM}))", gate=("q",))
def _quarterly(m: re.Match) -> str | None:
    return "FREQ=MONTHLY;INTERVAL=3"


@_rec(rf"\b{_PERIODIC}(?:{_EVERY}\s+tháng(?:\s+{_ONCE})?|tháng\s+{_ONCE})\b(?!\s*\d)", gate=("tháng",))
def _monthly_rec(m: re.Match) -> str | None:
    return "FREQ=MONTHLY"


_WEEKDAYS = {"hai": "MO", "2": "MO", "ba": "TU", "3": "TU", "tư": "WE", "4": "WE", "năm": "TH", "5": "TH",
             "sáu": "FR", "6": "FR", "bảy": "SA", "7": "SA"}


@_rec(
    r"(?:\b(?:ngày\s+)?thứ\s+(?P<first>hai|ba|tư|năm|sáu|bảy|[2-7])\s+)?"  # "(trước 15 giờ) thứ Tư hằng tuần"
    rf"\b{_PERIODIC}(?:{_EVERY}\s+tuần|(?:(?P<n>{_NUM})\s+)?tuần\s+{_ONCE})\b"
    r"(?(first)|(?:[^.;\n]{0,30}?\b(?:vào\s+)?(?:ngày\s+)?thứ\s+(?P<day>hai|ba|tư|năm|sáu|bảy|[2-7])(?!\w))?)",
    gate=("tuần",),
)
def _weekly(m: re.Match) -> str | None:
    """ "hằng tuần", "2 tuần một lần", and the weekday printed before or after ("thứ Tư hằng tuần",
    "hằng tuần … vào thứ Sáu")."""
    n = _to_int(m.group("n")) if m.group("n") else 1
    if not n:
        return None
    rule = "FREQ=WEEKLY" if n == 1 else f"FREQ=WEEKLY;INTERVAL={n}"
    day = m.group("first") or m.group("day")
    return f"{rule};BYDAY={_WEEKDAYS[day.lower()]}" if day else rule


@_rec(rf"\btháng\s+(?P<months>{_MON}(?:{_LIST}(?:tháng\s+)?{_MON})+)\s+(?:{_EVERY})\s+năm\b", gate=("tháng",))
def _yearly_in_months(m: re.Match) -> str | None:
    """ "tháng 3, 6, 9 và 11 hằng năm", "tháng 3, tháng 6 và tháng 9 hằng năm": every year, in
    those months (one month keeps its first occurrence as the interval, with a yearly rule)."""
    months = sorted(set(_numbers(m.group("months"))))
    return f"FREQ=YEARLY;BYMONTH={','.join(map(str, months))}" if months and months[-1] <= 12 else None


_DAY_MONTH = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})")


@_rec(
    rf"\bngày\s+(?P<dates>{_DAY}\s*/\s*{_MON}(?:\s*(?:,|và|;)\s*(?:ngày\s+)?{_DAY}\s*/\s*{_MON})+)\s+(?:{_EVERY})\s+năm\b",
    gate=("ngày",),
)
def _yearly_on_dates(m: re.Match) -> str | None:
    """ "trước ngày 20/6 và 20/12 hằng năm": every year, on that day of those months (days that
    differ fit no single rule: the first date and a yearly rule stand, as for one date)."""
    pairs = [(int(d), int(mo)) for d, mo in _DAY_MONTH.findall(m.group("dates"))]
    days, months = {d for d, _ in pairs}, sorted({mo for _, mo in pairs})
    if len(days) != 1 or not 1 <= min(days) <= 31 or months[-1] > 12:
        return None
    return f"FREQ=YEARLY;BYMONTH={','.join(map(str, months))};BYMONTHDAY={days.pop()}"


@_rec(rf"\b{_QUY}\s+(?P<q>{_ROM}|[1-4])\s+(?:{_EVERY})\s+năm\b", gate=("q",))
def _yearly_in_quarter(m: re.Match) -> str | None:
    """ "Quý IV hằng năm": a yearly duty (no fixed year: the quarter is not a one-off deadline)."""
    quarter = _to_int(m.group("q"))
    return YEARLY if quarter and 1 <= quarter <= 4 else None


@_rec(rf"\bngày\s+(?P<d>{_DAY}(?:\s*(?:,|và)\s*{_DAY})*)\s+(?:{_EVERY})\s+tháng\b", gate=("ngày",))
def _monthly_on_day(m: re.Match) -> str | None:
    """ "ngày 15 hằng tháng", "ngày 05 và 20 hàng tháng": every month, on those days."""
    days = sorted(set(_numbers(m.group("d"))))
    return f"FREQ=MONTHLY;BYMONTHDAY={','.join(map(str, days))}" if days and days[-1] <= 31 else None


@_rec(r"\b(?:hàng|hằng|mỗi)\s+ngày\b", gate=("ngày",))
def _daily(m: re.Match) -> str | None:
    return "FREQ=DAILY"


# ---------------------------------------------------------------- calendar helpers


def _to_int(token: str | None) -> int | None:
    if token is None:
        return None
    token = " ".join(token.lower().split())
    if token.isdigit():
        return int(token)
    if token.upper() in _ROMAN:
        return _ROMAN[token.upper()]
    return _number_words().get(token)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


_SPLIT = re.compile(rf"\s*(?:,|và|[-–—]|đến|tới|tháng|{_QUY}|ngày)\s*", _FLAGS)


def _numbers(listing: str) -> list[int]:
    out = []
    for token in _SPLIT.split(listing):
        value = _to_int(token) if token else None
        if value is not None:
            out.append(value)
    return out


# ---------------------------------------------------------------- atoms


@dataclass
class _Atom:
    """One matched time expression before modifiers: an interval builder and/or a recurrence."""

    start: int
    end: int
    make: Callable[[int], tuple[date | None, date | None]] | None = None  # interval for a year
    year: int | None = None
    fixed: tuple[date | None, date | None] | None = None  # already resolved (ranges, rest of year)
    recurrence: str | None = None
    day_level: bool = False
    habitual: bool = False  # year-less "đầu năm": every year
    is_range: bool = False

    @property
    def is_interval(self) -> bool:
        return self.recurrence is None

    def resolve(self, ref: date | None) -> tuple[date | None, date | None, str | None] | None:
        """Dates for this atom, or None when they cannot be known (invalid date, no year)."""
        if self.recurrence is not None:
            return None, None, self.recurrence
        if self.fixed is not None:
            return self.fixed[0], self.fixed[1], None
        if self.make is None:
            return None
        try:
            if self.year is not None:
                lo, hi = self.make(self.year)
                return lo, hi, None
            if self.habitual:
                return None, None, YEARLY
            if ref is None:
                return None
            lo, hi = self.make(ref.year)
            if hi is not None and hi < ref:
                lo, hi = self.make(ref.year + 1)
            return lo, hi, None
        except (ValueError, OverflowError):  # 31/2, 29/2 of a common year, beyond year 9999
            return None


def _year_of(m: re.Match, ref: date | None) -> int | None:
    groups = m.groupdict()
    if groups.get("y"):
        return int(groups["y"])
    if groups.get("nay") or groups.get("rel"):
        if ref is None:
            return None
        return ref.year + (1 if (groups.get("rel") or "").lower() == "tới" else 0)
    return None


def _days_atom(m: re.Match, ref: date | None) -> _Atom | None:
    days = _numbers(m.group("days")) if "days" in m.groupdict() else [int(m.group("d"))]
    month = int(m.group("m") or m.groupdict().get("m2") or 0)
    if not days or not 1 <= month <= 12:
        return None
    first, last = min(days), max(days)
    if last > calendar.monthrange(2000, month)[1]:
        return None  # never valid (31/4); 29/2 is checked against the real year

    def make(year: int) -> tuple[date, date]:
        return date(year, month, first), date(year, month, last)

    year = _year_of(m, ref)
    if year is None:
        year = _sentence_year(m.string, m.start())
    return _Atom(m.start(), m.end(), make=make, year=year, day_level=len(days) == 1,
                 is_range=len(days) > 1)


def _sentence_year(text: str, pos: int) -> int | None:
    """The last "năm YYYY" printed earlier in the sentence of `pos` ("Năm 2025, ... trước
    ngày 30/6"), never the year of a full date; None when there is none."""
    sentence = 0
    for b in _SENTENCE_BREAK.finditer(text, 0, pos):
        sentence = b.end()
    printed = [int(y.group("y")) for y in _P_SENTENCE_YEAR.finditer(text, sentence, pos)]
    return printed[-1] if printed else None


def _short_date_atom(m: re.Match, ref: date | None) -> _Atom | None:
    """"trước 30/10": the date alone (the due word stays for the modifier pass); its year is
    the last year printed earlier in the same sentence ("Năm 2025, ... trước 30/10"), else
    the document date's (next year's when that day has passed)."""
    day, month = int(m.group("d")), int(m.group("m"))
    if day > calendar.monthrange(2000, month)[1]:
        return None
    start = m.start("d")

    def make(year: int) -> tuple[date, date]:
        return date(year, month, day), date(year, month, day)

    return _Atom(start, m.end(), make=make, year=_sentence_year(m.string, start), day_level=True)


def _months_atom(m: re.Match, ref: date | None) -> _Atom | None:
    months = _numbers(m.group("ms"))
    if not months or not all(1 <= x <= 12 for x in months):
        return None
    first, last = min(months), max(months)

    def make(year: int) -> tuple[date, date]:
        return date(year, first, 1), _month_end(year, last)

    return _Atom(m.start(), m.end(), make=make, year=_year_of(m, ref), is_range=len(months) > 1)


def _quarters_atom(m: re.Match, ref: date | None) -> _Atom | None:
    quarters = _numbers(m.group("qs"))
    if not quarters or not all(1 <= q <= 4 for q in quarters):
        return None
    first, last = min(quarters), max(quarters)

    def make(year: int) -> tuple[date, date]:
        return date(year, 3 * first - 2, 1), _month_end(year, 3 * last)

    return _Atom(m.start(), m.end(), make=make, year=_year_of(m, ref), is_range=len(quarters) > 1)


def _year_atom(m: re.Match, ref: date | None) -> _Atom | None:
    year = _year_of(m, ref)
    if year is None:
        return None
    return _Atom(m.start(), m.end(), fixed=(date(year, 1, 1), date(year, 12, 31)))


def _year_range_atom(m: re.Match, ref: date | None) -> _Atom | None:
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if not y1 < y2 <= y1 + 50:
        return None
    return _Atom(m.start(), m.end(), fixed=(date(y1, 1, 1), date(y2, 12, 31)), is_range=True)


def _school_year_atom(m: re.Match, ref: date | None) -> _Atom | None:
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if y2 != y1 + 1:
        return None
    edge = (m.group("edge") or "").lower()
    start, end = date(y1, 9, 1), date(y2, 5, 31)
    span = {"đầu": (start, date(y1, 9, 30)), "cuối": (None, end)}.get(edge, (start, end))
    return _Atom(m.start(), m.end(), fixed=span)


_EDGES: dict[str, Callable[[int], tuple[date | None, date | None]]] = {
    "đầu": lambda y: (date(y, 1, 1), date(y, 3, 31)),
    "giữa": lambda y: (date(y, 6, 1), date(y, 7, 31)),
    "cuối": lambda y: (None, date(y, 12, 31)),
}


def _edge_atom(m: re.Match, ref: date | None) -> _Atom | None:
    edge = m.group("edge").lower()
    return _Atom(m.start(), m.end(), make=_EDGES[edge], year=_year_of(m, ref), habitual=True)


def _part_atom(m: re.Match, ref: date | None) -> _Atom | None:
    n = _to_int(m.group("n")) if m.group("n") else 6
    if not n or not 1 <= n <= 11:
        return None
    first_part = m.group("edge").lower() == "đầu"

    def make(year: int) -> tuple[date, date]:
        if first_part:
            return date(year, 1, 1), _month_end(year, n)
        return date(year, 13 - n, 1), date(year, 12, 31)

    return _Atom(m.start(), m.end(), make=make, year=_year_of(m, ref), habitual=True)


def _rest_atom(m: re.Match, ref: date | None) -> _Atom | None:
    """"trong thời gian còn lại của năm 2008": a due-by date, the end of that year (start null,
    as the gold annotations read it); "trong 7 tháng còn lại" counts months from `ref`."""
    year = _year_of(m, ref)
    if m.group("n") and year is None:
        n = _to_int(m.group("n"))
        if ref is None or not n or n > 24:
            return None
        end_year, end_month = _add_months(ref.year, ref.month, n)
        return _Atom(m.start(), m.end(), fixed=(None, _month_end(end_year, end_month)))
    if year is None:
        year = ref.year if ref else None
    if year is None:
        return None
    return _Atom(m.start(), m.end(), fixed=(None, date(year, 12, 31)))


def _subperiod_atom(m: re.Match, ref: date | None) -> _Atom | None:
    """"cuối tháng 6/2013" (by its last day), "đầu tháng 7" (days 1–10), "giữa quý II" (its middle month)."""
    edge = m.group("edge").lower()
    if m.group("month"):
        month = _to_int(m.group("m"))
        if not month or not 1 <= month <= 12:
            return None

        def make(year: int) -> tuple[date | None, date | None]:
            if edge == "đầu":
                return date(year, month, 1), date(year, month, 10)
            if edge == "giữa":
                return date(year, month, 11), date(year, month, 20)
            return None, _month_end(year, month)
    else:
        quarter = _to_int(m.group("q"))
        if not quarter or not 1 <= quarter <= 4:
            return None
        month = 3 * quarter - 2 + {"đầu": 0, "giữa": 1, "cuối": 2}[edge]

        def make(year: int) -> tuple[date | None, date | None]:
            if edge == "cuối":
                return None, _month_end(year, month)
            return date(year, month, 1), _month_end(year, month)

    return _Atom(m.start(), m.end(), make=make, year=_year_of(m, ref))


def _shift(day: date, n: int, unit: str) -> date:
    if unit == "ngày làm việc":  # Monday to Friday (public holidays are not known here)
        while n > 0:
            day += timedelta(days=1)
            n -= day.weekday() < 5
        return day
    if unit.startswith("ngày"):
        return day + timedelta(days=n)
    if unit == "tuần":
        return day + timedelta(weeks=n)
    months = n * (12 if unit == "năm" else 1)
    year, month = _add_months(day.year, day.month, months)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# "kể từ ngày nhận được đơn", "kể từ khi có quyết định": counted from an event, not from the
# document ("kể từ ngày ký", "kể từ ngày ban hành" are the document's own day)
_FROM_AN_EVENT = _c(r"\s*,?\s*(?:kể\s+)?từ\s+(?:ngày|khi|thời\s+điểm)\s+(?!(?:ký|ban\s+hành)(?!\w))")


_RESULTS_BEFORE = _c(r"kết\s+quả(?:\s+(?:đạt\s+được|thực\s+hiện|đạt))?\s*\Z")


def _after_atom(m: re.Match, ref: date | None) -> _Atom | None:
    """"Sau 5 năm thực hiện … sơ kết": the month N years/months after the document date."""
    n = _to_int(m.group("n"))
    if ref is None or not n or n > 30 or _FROM_AN_EVENT.match(m.string, m.end()):
        return None
    if _RESULTS_BEFORE.search(m.string, max(0, m.start() - 30), m.start()):
        return None  # "… nêu kết quả sau 3 năm thực hiện Chỉ thị …": years already past
    target = _shift(ref, n, m.group("unit").lower())
    return _Atom(m.start(), m.end(), fixed=(date(target.year, target.month, 1),
                                            _month_end(target.year, target.month)))


def _within_atom(m: re.Match, ref: date | None) -> _Atom | None:
    """"trong thời hạn 15 ngày": due N days/months after the document date."""
    n = _to_int(m.group("n"))
    if ref is None or not n or n > 400 or _FROM_AN_EVENT.match(m.string, m.end()):
        return None
    unit = " ".join(m.group("unit").lower().split())
    return _Atom(m.start(), m.end(), fixed=(None, _shift(ref, n, unit)))


@lru_cache(maxsize=1)
def _lunar_year_names() -> tuple[dict[str, int], dict[str, int], str]:
    """Stem and branch of each spelling, and a pattern for a year name ("Bính Ngọ")."""
    names = load_vocabulary()["lunar_years"]
    stems = {w.lower(): i for i, w in enumerate(names["stems"])}
    branches = {s.lower(): i for i, w in enumerate(names["branches"]) for s in w.split("/")}
    stem_alt, branch_alt = ("|".join(sorted(words, key=longest_first)) for words in (stems, branches))
    return stems, branches, rf"(?:{stem_alt})\s+(?:{branch_alt})(?!\w)"


def _lunar_year(name: str | None, digits: str | None, ref: date | None, month: int, day_only: bool = False) -> int | None:
    """The lunar year meant: printed, named ("Bính Ngọ", the one nearest the document), or the
    first whose lunar `month` (its first day, for a holiday: `day_only`) has not passed by the
    document date."""
    if digits:
        return int(digits)
    if ref is None:
        return None
    if name:
        stems, branches, _ = _lunar_year_names()
        stem, branch = (w.lower() for w in name.split())
        return next(y for y in sorted(range(ref.year - 30, ref.year + 31), key=lambda y: abs(y - ref.year))
                    if (y - 4) % 10 == stems[stem] and (y - 4) % 12 == branches[branch])
    year = ref.year - 1
    while _lunar_month_span(year, month)[0 if day_only else 1] < ref:
        year += 1
    return year


def _lunar_month_span(year: int, month: int) -> tuple[date, date]:
    from lunardate import LunarDate

    first = LunarDate(year, month, 1).to_solar_date()
    after = LunarDate(year + (month == 12), month % 12 + 1, 1).to_solar_date()
    return first, after - timedelta(days=1)


def _lunar_year_suffix() -> str:
    """The year a lunar day may carry: "Bính Ngọ", "năm 2026", "Bính Ngọ 2026"."""
    return rf"(?:\s+(?:năm\s+)?(?P<cc>{_lunar_year_names()[2]}))?(?:\s*(?:năm\s+)?(?P<y>{_YEAR}))?"


# "Tết Nguyên đán Bính Ngọ 2026", "Tết Nguyên đán năm 2026", "Tết Dương lịch 2026": the holiday's day.
@lru_cache(maxsize=1)
def _p_tet() -> re.Pattern:
    return _c(
        r"\bTết\s+(?P<kind>Nguyên\s+đán|Âm\s+lịch|cổ\s+truyền|Dương\s+lịch)"
        + _lunar_year_suffix()
    )


def _tet_atom(m: re.Match, ref: date | None) -> _Atom | None:
    """The day a Tết falls on: lunar 1/1 of that year through a lunar calendar package."""
    if m.group("kind").lower().startswith("dương"):
        year = int(m.group("y")) if m.group("y") else (ref.year + (ref.month > 2) if ref else None)
        return None if year is None else _Atom(m.start(), m.end(), fixed=(date(year, 1, 1), date(year, 1, 1)))
    year = _lunar_year(m.group("cc"), m.group("y"), ref, 1, day_only=True)
    if year is None:
        return None
    day = _lunar_month_span(year, 1)[0]
    return _Atom(m.start(), m.end(), fixed=(day, day))


# "tháng Giêng", "tháng Chạp năm Ất Tỵ", "tháng 7 âm lịch": a month of the lunar calendar.
@lru_cache(maxsize=1)
def _p_lunar_month() -> re.Pattern:
    return _c(
        rf"\btháng\s+(?:(?P<named>Giêng|Chạp)(?:\s*\(?\s*âm\s+lịch\s*\)?)?|(?P<n>{_MON})\s*\(?\s*âm\s+lịch\s*\)?)"
        + _lunar_year_suffix()
    )


def _lunar_month_atom(m: re.Match, ref: date | None) -> _Atom | None:
    named = (m.group("named") or "").lower()
    month = 1 if named == "giêng" else 12 if named == "chạp" else int(m.group("n"))
    year = _lunar_year(m.group("cc"), m.group("y"), ref, month)
    if year is None:
        return None
    return _Atom(m.start(), m.end(), fixed=_lunar_month_span(year, month))


# (gate words, pattern, builder): a pattern only runs when one of its gate words is in the text
_ATOM_RULES: list[tuple[tuple[str, ...], re.Pattern | None, Callable[[re.Match, date | None], _Atom | None]]] = [
    (("ngày",), _P_DAYS, _days_atom),
    (("/", "-", "."), _P_DATE, _days_atom),
    ((",",), _P_DAY_LIST, _days_atom),
    (("/",), _P_SHORT_DATE, _short_date_atom),
    (("từ",), _P_RANGE_START, _short_date_atom),
    (("tháng",), _P_MONTHS, _months_atom),
    (("/",), _P_BARE_MONTH, _months_atom),
    (("q",), _P_QUARTERS, _quarters_atom),
    (("năm",), _P_YEAR, _year_atom),
    (("năm",), _P_YEAR_REL, _year_atom),
    (("-", "–", "—", "đến", "tới"), _P_YEAR_RANGE, _year_range_atom),
    (("năm",), _P_EDGE, _edge_atom),
    (("học",), _P_SCHOOL_YEAR, _school_year_atom),
    (("năm",), _P_PART, _part_atom),
    (("còn",), _P_REST, _rest_atom),
    (("tháng", "q"), _P_SUBPERIOD, _subperiod_atom),
    (("sau",), _P_AFTER, _after_atom),
    (("trong",), _P_WITHIN, _within_atom),
    (("tết",), None, _tet_atom),
    (("giêng", "chạp", "âm lịch"), None, _lunar_month_atom),
]
_LAZY_PATTERNS = {_tet_atom: _p_tet, _lunar_month_atom: _p_lunar_month}  # built from the vocabulary


def _find_atoms(text: str, ref: date | None) -> list[_Atom]:
    candidates: list[_Atom] = []
    lowered = text.lower()
    for gate, pattern, build in _ATOM_RULES:
        if not any(word in lowered for word in gate):
            continue
        for m in (pattern or _LAZY_PATTERNS[build]()).finditer(text):
            try:
                atom = build(m, ref)
            except (ValueError, OverflowError):
                continue
            if atom is not None:
                candidates.append(atom)
    for gate, pattern, rule in _RECURRENCES:
        if not any(word in lowered for word in gate):
            continue
        for m in pattern.finditer(text):
            rrule = rule(m)
            if rrule:
                candidates.append(_Atom(m.start(), m.end(), recurrence=rrule))
    # Leftmost-longest, non-overlapping.
    candidates.sort(key=lambda a: (a.start, -(a.end - a.start)))
    chosen: list[_Atom] = []
    last_end = -1
    for atom in candidates:
        if atom.start >= last_end:
            chosen.append(atom)
            last_end = atom.end
    return chosen


# ---------------------------------------------------------------- ranges and modifiers

_RANGE_GAP = _c(r"\s*(?:[-–—]|đến|tới|cho\s+đến)(?:\s+hết)?\s*")
_PERIODIC_BEFORE = _c(rf"(?<!\w)định\s+{_KY}(?:\s+[^\W\d_]+){{1,3}}\s+$")
_SUFFIX_OPEN = _c(r"\s+(?:trở\s+đi|trở\s+về\s+sau|về\s+sau|và\s+(?:những|các)\s+năm\s+(?:tiếp\s+theo|sau))\b")
_PREFIX_WINDOW = 40
_DEADLINE_ROLES = {"by", "before", "from_now_to"}
_CLAUSE_START = re.compile(r"(?:^|[.;:,!?(\n\t–\-+*])\s*$")
# an assessment right before a year-less period ("kết quả 6 tháng đầu năm", "kiểm điểm cuối năm")
_ASSESSED_BEFORE = re.compile(
    r"(?<!\w)(?:kết\s+quả|kiểm\s+điểm|sơ\s+kết|tổng\s+kết|đánh\s+giá|xếp\s+loại|báo\s+cáo)(?:\s+(?:của|trong))?\s+$", re.IGNORECASE
)


@lru_cache(maxsize=1)
def _prefix_pattern() -> tuple[re.Pattern, dict[str, str]]:
    roles: dict[str, str] = {}
    for entry in load_vocabulary()["modifiers"]:
        for word in entry["words"]:
            roles[" ".join(word.lower().split())] = entry["role"]
    words = sorted(roles, key=len, reverse=True)
    alternation = "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in words)
    return _c(rf"(?<!\w)(?P<mod>{alternation})\s+{_CLOCK_TIME}$"), roles


# a time of day between a due word and its day: "trước 7h00 sáng ngày 01/7", "chậm nhất 17 giờ, ngày 5/3"
_CLOCK_TIME = r"(?:\d{1,2}\s*(?:h|giờ)(?:\s*\d{1,2}(?:\s*phút)?)?(?:\s+(?:sáng|trưa|chiều|tối))?\s*,?\s+)?"


def _merge_ranges(text: str, atoms: list[_Atom], ref: date | None) -> list[_Atom]:
    out: list[_Atom] = []
    for atom in atoms:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.is_interval
            and atom.is_interval
            and not prev.is_range
            and _RANGE_GAP.fullmatch(text, prev.end, atom.start)
        ):
            merged = _join(prev, atom, ref)
            if merged is not None:
                out[-1] = merged
                continue
        out.append(atom)
    return out


def _join(first: _Atom, second: _Atom, ref: date | None) -> _Atom | None:
    """"từ tháng 5 đến tháng 8/2013": the first part borrows the second's year."""
    if first.make is not None and first.year is None and first.fixed is None:
        second_dates = second.resolve(ref)
        if second_dates is None or second_dates[1] is None:
            return None
        year = second_dates[1].year
        first = replace(first, year=year, habitual=False)
        lo = first.resolve(ref)
        if lo is not None and lo[0] is not None and lo[0] > second_dates[1]:
            first = replace(first, year=year - 1)
    a, b = first.resolve(ref), second.resolve(ref)
    if a is None or b is None or a[2] or b[2]:
        return None
    lo, hi = a[0], b[1]
    if lo is not None and hi is not None and lo > hi:
        return None
    return _Atom(first.start, second.end, fixed=(lo, hi), is_range=True)


def _apply_modifier(role: str | None, atom: _Atom, lo: date | None, hi: date | None,
                    ref: date | None) -> tuple[date | None, date | None]:
    if role == "by":
        return None, hi
    if role == "before":
        if atom.day_level or lo is None:
            return None, hi
        return None, lo - timedelta(days=1)
    if role == "from" and not atom.is_range:
        return lo, None
    if role == "from_now_to":
        return (ref if ref is not None and (hi is None or ref <= hi) else None), hi
    return lo, hi


def find_time_expressions(text: str, ref: date | None = None, yearly_edges: bool = True) -> list[Deadline]:
    """Every time expression in `text` (normalized, NFC), resolved against the document date `ref`.

    Intervals and recurrences come out as separate `Deadline`s in text order; use
    `combine_deadlines` to fold a phrase's interval and recurrence into one. A year-less "đầu
    năm" / "cuối năm" is every year's (FREQ=YEARLY) unless `yearly_edges` is False (a document
    that is not a standing one): then it is the year of `ref`, or no time without one.
    """
    if not text:
        return []
    prefix_re, roles = _prefix_pattern()
    atoms = _merge_ranges(text, _find_atoms(text, ref), ref)
    out: list[Deadline] = []
    previous_end = 0
    for atom in atoms:
        start, end = atom.start, atom.end
        window_start = max(previous_end, start - _PREFIX_WINDOW)
        prefix = prefix_re.search(text, window_start, start)
        role = None
        if prefix is not None:
            role = roles.get(" ".join(prefix.group("mod").lower().split()))
            start = prefix.start()
        edge = atom.habitual and atom.year is None  # a year-less "đầu năm", "6 tháng cuối năm"
        assessed = edge and prefix is None and _ASSESSED_BEFORE.search(text, window_start, start)
        if assessed and not _PERIODIC_BEFORE.search(text, window_start, start):
            continue  # "kết quả 6 tháng đầu năm", "gắn với kiểm điểm cuối năm": what is assessed, not a time of the duty
        if atom.habitual and ((role in _DEADLINE_ROLES and ref is not None) or not yearly_edges):
            atom = replace(atom, habitual=False)  # "từ nay đến cuối năm": this year's end
        resolved = atom.resolve(ref)
        if resolved is None:
            continue
        lo, hi, rrule = resolved
        if rrule is not None and prefix is None:
            periodic = _PERIODIC_BEFORE.search(text, window_start, start)
            if periodic is not None:  # "định kỳ kiểm điểm cuối năm"
                start = periodic.start()
            elif atom.habitual and not _CLAUSE_START.search(text, max(0, start - 4), start):
                continue  # "xếp loại cuối năm": an attribute of a noun, not a time of the duty
        if rrule is None:
            lo, hi = _apply_modifier(role, atom, lo, hi, ref)
            suffix = _SUFFIX_OPEN.match(text, end)
            if suffix is not None and lo is not None:
                hi, end = None, suffix.end()
            if lo is None and hi is None:
                continue
        out.append(Deadline(text=text[start:end], start=lo, end=hi, recurrence=rrule,
                            span_start=start, span_end=end))
        previous_end = end
    return out


def combine_deadlines(items: Sequence[Deadline]) -> Deadline | None:
    """One deadline for one phrase or task: the first dated interval plus the first recurrence.

    "sơ kết hàng năm và tổng kết vào Quý I/2025" → Quý I/2025 with FREQ=YEARLY.
    """
    dated = next((d for d in items if d.start is not None or d.end is not None), None)
    recurring = next((d for d in items if d.recurrence), None)
    if dated is None:
        return recurring
    if recurring is None or dated.recurrence:
        return dated
    return replace(dated, recurrence=recurring.recurrence)


def parse_deadline(phrase: str, ref: date | None = None) -> Deadline | None:
    """Resolve one phrase ("đến cuối năm 2015", "định kỳ 6 tháng") to a Deadline, or None."""
    if not phrase or not phrase.strip():
        return None
    return combine_deadlines(find_time_expressions(unicodedata.normalize("NFC", phrase), ref))


_DOC_TYPES = doc_type_alternation()
_CITED_DATE = _c(
    rf"(?:\bsố\s+[^\s;:]+|\d+[-/][A-ZĐ][\wĐđ\-]*(?:/[\wĐđ\-]+)*|\b(?:khóa|khoá)\s+[IVXL]+\)?"
    rf"|\b{_DOC_TYPES}(?:\s+số)?\s+[\w/.\-]*\d[\w/.\-]*)[\s,]*$"
)


_NAMED_BY_YEAR = _c(r"\b(?:bộ\s+luật|luật|hiến\s+pháp|điều\s+lệ)(?:\s+[^\W\d_]+){0,6}\s+$")
_TERM_WORD = rf"(?:nhiệm\s+{_KY}|khóa|khoá)"
_TERM = _c(rf"{_TERM_WORD}\b")
_TERM_IN_PARENTHESES = re.compile(rf"{_TERM_WORD}\s*\((?:[^()]*[;,]\s*)?$", re.IGNORECASE)  # "nhiệm kỳ (2015-2020; 2016-2021)"


def is_citation_date(text: str, deadline: Deadline) -> bool:
    """True when the expression names a document or a term rather than a time for the work:
    the issue date of a cited document ("Nghị quyết số 22-NQ/TW ngày 02/2/2008"), the year in a
    law's name ("Luật Đất đai năm 2013", "Hiến pháp năm 2013"), a bare term of office
    ("Đại hội … nhiệm kỳ 2020 – 2025"; "trong nhiệm kỳ 2020–2025" is a period and stays)."""
    if deadline.span_start is None or (deadline.recurrence and deadline.start is None and deadline.end is None):
        return False  # a rhythm ("định kỳ hằng quý") is never a document's date
    window = text[max(0, deadline.span_start - 60):deadline.span_start]
    if _TERM.match(deadline.text) or _TERM_IN_PARENTHESES.search(window):
        return True
    if _CITED_DATE.search(window):
        return True
    return deadline.text[:3].lower() == "năm" and bool(_NAMED_BY_YEAR.search(window))


def deadline_for_task(text: str, ref: date | None = None) -> Deadline | None:
    """The deadline of a task's text: its time expressions without cited documents' dates
    and without periods that ended before the document date (background, not deadlines)."""
    found = [
        d for d in find_time_expressions(text, ref)
        if not is_citation_date(text, d) and not (ref is not None and d.end is not None and d.end < ref)
    ]
    return combine_deadlines(found)
