"""Deadline calendars: task rows → RFC 5545 (.ics) for Google Calendar, Outlook, Thunderbird.

Choices (documented here because calendar clients are unforgiving):

- One all-day VEVENT per dated deadline, on the "by" date: `due_end`, or `due_start` when the
  deadline is open-ended ("từ năm 2023 trở đi"). A whole period ("trong tháng 10/2013") is not
  drawn as a month-long bar: staff want the day it is due; the period is in the description.
- Recurring duties (`recurrence` RRULE) fall on period ends, aligned to the calendar: monthly →
  last day of each month, every 3 months → quarter ends (31/3, 30/6, 30/9, 31/12), every 6
  months → 30/6 and 31/12, yearly → 31/12. Month ends are written `BYMONTHDAY=-1` (a monthly
  rule started on the 31st would skip 30-day months). A dated recurring duty ("hằng năm …
  vào Quý I/2025") starts on its due date and repeats from there; one whose interval spans
  several periods ("hằng năm trong giai đoạn 2021–2025") repeats inside it (UNTIL = due_end).
  An undated one starts at the first period end on or after the document date (`doc_date`),
  or after today when the row has none.
- UIDs are a hash of task_key + deadline, so re-exporting updates events instead of
  duplicating them; a changed deadline is a new event.
"""

from __future__ import annotations

import calendar
import contextlib
import hashlib
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from dateutil.rrule import rrulestr
from icalendar import Alarm, Calendar, Event, vRecur

from .lexicon import roman_value
from .safe_export import clean_text, one_line

PRODID = "-//directive-pipeline//Vietnamese directive deadlines//VI"
UID_DOMAIN = "directive-pipeline"
SUMMARY_TASK_CHARS = 80


def as_date(value: date | str | None) -> date | None:
    """A stored date (ISO text, date or datetime) as a date; None when empty or unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _parse_rrule(recurrence: str) -> dict[str, str]:
    parts: dict[str, str] = {}
    for item in recurrence.strip().removeprefix("RRULE:").split(";"):
        if "=" in item:
            key, value = item.split("=", 1)
            parts[key.strip().upper()] = value.strip().upper()
    return parts


_WEEKDAY_INDEX = {day: i for i, day in enumerate(("MO", "TU", "WE", "TH", "FR", "SA", "SU"))}


def _period_end(anchor: date, freq: str, interval: int) -> date:
    """The first period end on or after `anchor`, aligned to the calendar (quarter ends, 31/12)."""
    if freq == "YEARLY":
        return date(anchor.year, 12, 31)
    if freq == "MONTHLY":
        if 12 % interval == 0:
            month = anchor.month + (-anchor.month) % interval
            return _month_end(anchor.year, month)
        index = anchor.year * 12 + anchor.month - 1 + interval - 1
        return _month_end(index // 12, index % 12 + 1)
    if freq == "WEEKLY":
        return anchor + timedelta(days=6 - anchor.weekday())  # Sunday ending the week
    return anchor


def _listed_month_end(anchor: date, months: str, day: str | None = None) -> date:
    """The first end of a listed month ("3,6,9,11") on or after `anchor` — or the first listed
    month's `day` ("20" of "6,12": 20 June, then 20 December), where the rule names one."""
    listed = sorted({int(m) for m in months.split(",") if m.strip().isdigit() and 1 <= int(m) <= 12}) or [12]
    for year in (anchor.year, anchor.year + 1, anchor.year + 2):
        for month in listed:
            last = _month_end(year, month)
            due = last.replace(day=min(int(day), last.day)) if day and day.isdigit() else last
            if due >= anchor:
                return due
    return _month_end(anchor.year + 1, listed[0])


_QUARTER_NAMED = re.compile(r"(?<!\w)quý\s+(I{1,3}|IV|[1-4])(?![\w/])", re.IGNORECASE)
_MONTH_NAMED = re.compile(r"(?<!\w)tháng\s+(1[0-2]|0?[1-9])(?![\w/,]|\s*(?:,|và)\s*\d)", re.IGNORECASE)


def _month_named(text: str | None) -> int | None:
    """The month a yearly duty falls due in, from its printed deadline: a quarter's last month
    ("Quý IV hằng năm" → 12) or a single month ("tháng 11 hằng năm" → 11)."""
    if not text:
        return None
    if quarter := _QUARTER_NAMED.search(text):
        q = quarter.group(1)
        return 3 * (int(q) if q.isdigit() else roman_value(q.upper()))
    month = _MONTH_NAMED.search(text)
    return int(month.group(1)) if month else None


def _period_days(freq: str, interval: int) -> int:
    return {"YEARLY": 365, "MONTHLY": 30, "WEEKLY": 7, "DAILY": 1}.get(freq, 1) * interval


def schedule(
    due_start: date | str | None,
    due_end: date | str | None,
    recurrence: str | None,
    anchor: date | None = None,
    text: str | None = None,
) -> tuple[date, dict[str, str] | None] | None:
    """When an event starts and its RRULE parts (None when it does not repeat); None if undatable.

    `anchor` (the document date) places an undated recurring duty; default today. `text`, the
    deadline as printed, places a yearly duty in the quarter or month it names ("Quý I hằng năm":
    by 31 March each year, not 31 December).
    """
    start, end = as_date(due_start), as_date(due_end)
    if not recurrence:
        day = end or start
        return (day, None) if day else None
    rule = _parse_rrule(recurrence)
    if rule.get("FREQ") == "YEARLY" and "BYMONTH" not in rule and not (start or end):
        month = _month_named(text)
        if month:
            rule["BYMONTH"] = str(month)
    freq = rule.get("FREQ", "")
    if freq not in {"YEARLY", "MONTHLY", "WEEKLY", "DAILY"}:
        return (end or start, None) if (end or start) else None
    try:
        interval = max(1, int(rule.get("INTERVAL", "1")))
    except ValueError:
        interval = 1
    if start and end and (end - start).days + 1 > _period_days(freq, interval):
        dtstart = _period_end(start, freq, interval)
        if dtstart > end:
            dtstart = end
        rule["UNTIL"] = end.strftime("%Y%m%d")
    elif end:
        dtstart = end
    elif "BYMONTH" in rule:
        dtstart = _listed_month_end(start or anchor or date.today(), rule["BYMONTH"], rule.get("BYMONTHDAY"))
    elif freq == "MONTHLY" and (days := _month_days(rule)):  # "ngày 05 và 20 hàng tháng": the first such day
        dtstart = _next_month_day(start or anchor or date.today(), days)
    elif freq == "WEEKLY" and rule.get("BYDAY") in _WEEKDAY_INDEX:
        first = start or anchor or date.today()  # "hằng tuần vào thứ Sáu": the first Friday
        dtstart = first + timedelta(days=(_WEEKDAY_INDEX[rule["BYDAY"]] - first.weekday()) % 7)
    else:
        dtstart = _period_end(start or anchor or date.today(), freq, interval)
    last_day = calendar.monthrange(dtstart.year, dtstart.month)[1]
    if freq == "MONTHLY" and dtstart.day >= 29 and dtstart.day == last_day and "BYMONTHDAY" not in rule:
        rule["BYMONTHDAY"] = "-1"
    if "BYMONTH" in rule and "BYMONTHDAY" not in rule:
        rule["BYMONTHDAY"] = "-1"  # "tháng 3, 6, 9 và 11 hằng năm": due by the end of each month named
    if freq == "YEARLY" and (dtstart.month, dtstart.day) == (2, 29) and "BYMONTHDAY" not in rule:
        rule.update(BYMONTH="2", BYMONTHDAY="-1")
    return dtstart, rule


def _month_days(rule: dict[str, str]) -> list[int]:
    """The positive days of the month a rule lists (BYMONTHDAY=5,20), or []."""
    days = [d.strip() for d in rule.get("BYMONTHDAY", "").split(",")]
    return sorted(int(d) for d in days if d.isdigit() and 1 <= int(d) <= 31)


def _next_month_day(first: date, days: list[int]) -> date:
    """The first of `days` on or after `first` (in this month, else the next)."""
    for year, month in ((first.year, first.month), (first.year + first.month // 12, first.month % 12 + 1)):
        last = calendar.monthrange(year, month)[1]
        for day in days:
            candidate = date(year, month, min(day, last))
            if candidate >= first:
                return candidate
    return first


def _rule_text(rule: dict[str, str]) -> str:
    order = ["FREQ", "INTERVAL", "BYMONTH", "BYMONTHDAY", "UNTIL", "COUNT"]
    keys = [k for k in order if k in rule] + sorted(k for k in rule if k not in order)
    return ";".join(f"{k}={rule[k]}" for k in keys)


def expand_occurrences(
    due_start: date | str | None,
    due_end: date | str | None,
    recurrence: str | None,
    window_start: date,
    window_end: date,
    anchor: date | None = None,
    text: str | None = None,
) -> list[date]:
    """The days in [window_start, window_end] on which a deadline falls (for the calendar view)."""
    placed = schedule(due_start, due_end, recurrence, anchor=anchor or window_start, text=text)
    if placed is None:
        return []
    dtstart, rule = placed
    if rule is None:
        return [dtstart] if window_start <= dtstart <= window_end else []
    try:
        series = rrulestr(_rule_text(rule), dtstart=datetime.combine(dtstart, datetime.min.time()))
    except (ValueError, TypeError):  # a malformed stored rule: show the first date only
        return [dtstart] if window_start <= dtstart <= window_end else []
    low = datetime.combine(window_start, datetime.min.time())
    high = datetime.combine(window_end, datetime.min.time())
    return [d.date() for d in series.between(low, high, inc=True)]


def event_uid(row: dict) -> str:
    """Stable UID: the same task and deadline always give the same event."""
    key = "|".join(
        str(row.get(k) or "") for k in ("task_key", "deadline_text", "due_start", "due_end", "recurrence")
    )
    return f"{hashlib.sha1(key.encode('utf-8')).hexdigest()[:32]}@{UID_DOMAIN}"


def _short(text: str, limit: int = SUMMARY_TASK_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def _summary(row: dict) -> str:
    bodies = [b for b in (row.get("responsible") or []) if b]
    task = _short(row.get("text") or "")
    if not bodies:
        return task
    who = ", ".join(bodies[:2]) + (" …" if len(bodies) > 2 else "")
    return f"{who}: {task}"


def _description(row: dict) -> str:
    lines = [" ".join((row.get("text") or "").split())]
    if row.get("deadline_text"):
        lines.append(f"Thời hạn: {row['deadline_text']}")
    if row.get("responsible"):
        lines.append("Chủ trì: " + ", ".join(row["responsible"]))
    if row.get("coordinating"):
        lines.append("Phối hợp: " + ", ".join(row["coordinating"]))
    doc = " – ".join(str(x) for x in (row.get("doc_number"), row.get("doc_title")) if x)
    if doc:
        lines.append(f"Văn bản: {doc}")
    if row.get("section"):
        lines.append(f"Mục: {row['section']}")
    if row.get("source"):
        lines.append(f"Nguồn: {row['source']}")
    return "\n".join(lines)


def _clean_row(row: dict) -> dict:
    """The row's texts without control characters (RFC 5545 forbids them): shown as escapes."""
    def clean(value: object) -> object:
        if isinstance(value, str):
            return clean_text(value)
        if isinstance(value, list | tuple):
            return [clean(v) for v in value]
        return value

    return {key: clean(value) for key, value in row.items()}


def build_calendar(
    rows: Iterable[dict],
    *,
    calendar_name: str = "Thời hạn nhiệm vụ",
    alarm_days: int = 3,
    stamp: datetime | None = None,
) -> bytes:
    """An .ics file with one all-day event per dated or recurring task; undated tasks are skipped."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", one_line(calendar_name) or "Thời hạn nhiệm vụ")  # a CR/LF would break the file
    now = stamp or datetime.now(UTC)
    seen: set[str] = set()
    for row in map(_clean_row, rows):
        placed = schedule(row.get("due_start"), row.get("due_end"), row.get("recurrence"),
                          anchor=as_date(row.get("doc_date")), text=row.get("deadline_text"))
        if placed is None:
            continue
        uid = event_uid(row)
        if uid in seen:
            continue
        seen.add(uid)
        dtstart, rule = placed
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", now)
        event.add("dtstart", dtstart)
        event.add("dtend", dtstart + timedelta(days=1))
        event.add("summary", _summary(row))
        event.add("description", _description(row))
        event.add("transp", "TRANSPARENT")
        if row.get("doc_number"):
            event.add("categories", [str(row["doc_number"])])
        if rule is not None:
            with contextlib.suppress(ValueError):  # a malformed stored rule: keep the first occurrence
                event.add("rrule", vRecur.from_ical(_rule_text(rule)))
        if alarm_days > 0:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", _summary(row))
            alarm.add("trigger", timedelta(days=-alarm_days))
            event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()
