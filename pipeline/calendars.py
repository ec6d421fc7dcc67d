"""Calendars that stay true: task rows → an .ics stream, per-body subscription feeds.

What `pipeline.ics` places on the calendar (the by-date, RRULEs on period ends, stable
UIDs) is kept; this module decides what a calendar may show:

- a task marked done leaves the calendar (`done="hide"`, the default), or stays with a
  "✓ Đã hoàn thành" title and no reminder (`done="mark"`): RFC 5545 gives VEVENT no
  "completed" status, so it is said in the title where every client shows it;
- a task with no deadline becomes a VTODO (STATUS NEEDS-ACTION / IN-PROCESS / COMPLETED)
  instead of vanishing; so does a recurring duty of a document without a date, which has
  no honest first day (an anchor of "today" would move the series with every export);
- a recurring duty of a dated document starts at the first period end on or after the
  document's date, never before the document exists, the same on every export;
- the file is produced component by component (`calendar_chunks`), so a 100,000-task
  export streams to disk with progress instead of being built whole in memory.
"""

from __future__ import annotations

import calendar as _calendar
import contextlib
import os
import re
import secrets
import tempfile
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path

import yaml
from icalendar import Alarm, Calendar, Event, Todo, vRecur

from .ics import (
    PRODID,
    _clean_row,
    _description,
    _parse_rrule,
    _rule_text,
    _summary,
    as_date,
    event_uid,
    schedule,
)
from .normalize import fold_diacritics
from .safe_export import check_ics, one_line
from .store import STATUS_DOING, STATUS_DONE, Store, canonical_name

DONE_MODES = ("hide", "mark")
DONE_PREFIX = "✓ Đã hoàn thành: "
TODO_STATUS = {STATUS_DONE: "COMPLETED", STATUS_DOING: "IN-PROCESS"}
FEEDS_ENV = "DIRECTIVES_FEEDS"


# ----------------------------------------------------------------------------- wording of rules


@lru_cache(maxsize=1)
def _wording() -> dict:
    path = Path(__file__).parent / "data" / "recurrence_vi.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _interval(rule: dict[str, str]) -> int:
    try:
        return max(1, int(rule.get("INTERVAL", "1")))
    except ValueError:
        return 1


def _on_period_end(rule: dict[str, str], start: date, freq: str, interval: int) -> bool:
    month_end = rule.get("BYMONTHDAY") == "-1" or start.day == _calendar.monthrange(start.year, start.month)[1]
    if freq == "YEARLY":
        return (start.month, start.day) == (12, 31)
    if freq == "MONTHLY":
        return month_end and (12 % interval != 0 or start.month % interval == 0)
    return freq == "WEEKLY" and start.weekday() == 6


def _listed(items: list[str]) -> str:
    """ "3, 6, 9 và 11"."""
    items = [i.strip() for i in items if i.strip()]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " và " + items[-1]


def _months_clause(rule: dict[str, str], start: date) -> str:
    """'ngày cuối tháng 3, 6, 9 và 11' for a rule listing its months (BYMONTH)."""
    day = "ngày cuối" if rule.get("BYMONTHDAY") == "-1" else f"ngày {rule.get('BYMONTHDAY') or start.day}"
    return f"{day} tháng {_listed(rule['BYMONTH'].split(','))}"


def _day_clause(rule: dict[str, str], start: date, freq: str, entry: dict | None, interval: int) -> str:
    if "BYMONTH" in rule:
        return _months_clause(rule, start)
    if entry and entry.get("period_end") and _on_period_end(rule, start, freq, interval):
        return entry["period_end"]
    if freq == "YEARLY":
        return f"ngày {start.day}/{start.month}"
    if freq == "MONTHLY":
        days = rule.get("BYMONTHDAY", "")
        if days == "-1":
            return "ngày cuối tháng"
        return f"ngày {_listed(days.split(','))}" if "," in days else f"ngày {start.day}"
    if freq == "WEEKLY":
        return ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")[start.weekday()]
    return ""


def describe_rrule(recurrence: str | None, start: date | None = None) -> str:
    """A Vietnamese sentence for an RRULE ("hằng quý, ngày cuối quý, từ 30/06/2008"); '' for none.

    `start` is the series' first day (from `ics.schedule`); without it only the rhythm is said.
    """
    if not recurrence:
        return ""
    rule = _parse_rrule(recurrence)
    freq, interval = rule.get("FREQ", ""), _interval(rule)
    entry = next((e for e in _wording()["rules"] if e["freq"] == freq and e["interval"] == interval), None)
    rhythm = entry["text"] if entry else _wording()["other"].get(freq, "định kỳ ({n})").format(n=interval)
    parts = [rhythm]
    if start is not None:
        parts.append(_day_clause(rule, start, freq, entry, interval))
        until = as_date(_iso_until(rule.get("UNTIL")))
        parts.append(f"từ {start:%d/%m/%Y}" + (f" đến {until:%d/%m/%Y}" if until else ""))
    return ", ".join(p for p in parts if p)


def _iso_until(value: str | None) -> str | None:
    digits = re.sub(r"\D", "", value or "")[:8]
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}" if len(digits) == 8 else None


# ----------------------------------------------------------------------------- placing a row


def placement(row: dict) -> tuple[date, dict[str, str] | None] | None:
    """Where a task goes on a calendar, or None when it has no honest date (a to-do instead).

    A recurring duty with no deadline dates is anchored at its document's date; with no
    document date either it is not placed (its series would start "today", moving each time).
    """
    if row.get("recurrence") and not (row.get("due_start") or row.get("due_end") or row.get("doc_date")):
        return None
    return schedule(row.get("due_start"), row.get("due_end"), row.get("recurrence"),
                    anchor=as_date(row.get("doc_date")), text=row.get("deadline_text"))


def _public(row: dict) -> dict:
    """The row as a calendar may show it: the source file's name, never its server path."""
    return {**row, "source": Path(str(row.get("source") or "")).name or None}


def _event(row: dict, dtstart: date, rule: dict[str, str] | None, *, done: bool, alarm_days: int,
           now: datetime) -> Event:
    event = Event()
    summary = _summary(row)
    event.add("uid", event_uid(row))
    event.add("dtstamp", now)
    event.add("dtstart", dtstart)
    event.add("dtend", dtstart + timedelta(days=1))
    event.add("summary", DONE_PREFIX + summary if done else summary)
    lines = [_description(_public(row))]
    if rule is not None:
        lines.append("Định kỳ: " + describe_rrule(_rule_text(rule), dtstart))
        with contextlib.suppress(ValueError):  # a malformed stored rule: keep the first occurrence
            event.add("rrule", vRecur.from_ical(_rule_text(rule)))
    lines.append("Trạng thái: " + str(row.get("status") or "chưa thực hiện"))
    event.add("description", "\n".join(lines))
    event.add("transp", "TRANSPARENT")
    if row.get("doc_number"):
        event.add("categories", [str(row["doc_number"])])
    if alarm_days > 0 and not done:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", timedelta(days=-alarm_days))
        event.add_component(alarm)
    return event


def _todo(row: dict, now: datetime) -> Todo:
    todo = Todo()
    status = str(row.get("status") or "chưa thực hiện")
    todo.add("uid", event_uid(row))
    todo.add("dtstamp", now)
    todo.add("summary", _summary(row))
    why = ("Định kỳ: " + describe_rrule(row["recurrence"]) + " (văn bản không ghi ngày ban hành: chưa xếp được lịch)"
           if row.get("recurrence") else "Chưa xác định thời hạn")
    todo.add("description", "\n".join([_description(_public(row)), why, "Trạng thái: " + status]))
    todo.add("status", TODO_STATUS.get(status, "NEEDS-ACTION"))
    if status == STATUS_DONE:
        todo.add("percent-complete", 100)
    if row.get("doc_number"):
        todo.add("categories", [str(row["doc_number"])])
    return todo


def component(row: dict, *, done: str = "hide", alarm_days: int = 3, now: datetime | None = None):
    """The VEVENT or VTODO of one task row, or None when a done task is hidden."""
    is_done = row.get("status") == STATUS_DONE
    if is_done and done == "hide":
        return None
    now = now or datetime.now(UTC)
    placed = placement(row)
    if placed is None:
        return _todo(row, now)
    return _event(row, placed[0], placed[1], done=is_done, alarm_days=alarm_days, now=now)


# ----------------------------------------------------------------------------- whole calendars


def calendar_chunks(
    rows: Iterable[dict],
    *,
    name: str = "Thời hạn nhiệm vụ",
    done: str = "hide",
    alarm_days: int = 3,
    stamp: datetime | None = None,
    counts: dict[str, int] | None = None,
) -> Iterator[bytes]:
    """The .ics file in pieces: header, one component per task, footer (stream it to disk or HTTP).

    `counts`, when given, is filled with how many events, to-dos and hidden done tasks were written.
    """
    if done not in DONE_MODES:
        raise ValueError(f"done must be one of {', '.join(DONE_MODES)}")
    head = Calendar()
    for key, value in (("prodid", PRODID), ("version", "2.0"), ("calscale", "GREGORIAN"), ("method", "PUBLISH"),
                       ("x-wr-calname", one_line(name) or "Thời hạn nhiệm vụ")):  # a CR/LF would break the file
        head.add(key, value)
    yield head.to_ical().removesuffix(b"END:VCALENDAR\r\n")
    tally = counts if counts is not None else {}
    tally.update(events=0, todos=0, hidden=0)
    now, seen = stamp or datetime.now(UTC), set()
    for row in map(_clean_row, rows):  # control characters shown as escapes: RFC 5545 forbids them
        uid = event_uid(row)
        if uid in seen:
            continue
        seen.add(uid)
        item = component(row, done=done, alarm_days=alarm_days, now=now)
        kind = "hidden" if item is None else ("todos" if isinstance(item, Todo) else "events")
        tally[kind] += 1
        if item is not None:
            yield item.to_ical()
    yield b"END:VCALENDAR\r\n"


def calendar_bytes(rows: Iterable[dict], **options) -> bytes:
    """The whole .ics in memory (downloads in the app; small exports)."""
    return b"".join(calendar_chunks(rows, **options))


CHECK_LIMIT = 20_000_000  # bytes: smaller files are parsed back before they replace the old one


def write_calendar(rows: Iterable[dict], out: Path, *, progress: Callable[[int], None] | None = None,
                   **options) -> dict[str, int]:
    """Stream the calendar to `out` through a temporary file (a reader never sees half a file).

    Up to CHECK_LIMIT the file is parsed back first (as `safe_export` does for every export);
    beyond, parsing 100 MB back would cost more than the export itself, and each component was
    already built and serialized by icalendar from cleaned text.
    """
    counts: dict[str, int] = {}
    # A name of its own: two writers of the same feed (two quick status changes) never share a file.
    handle, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(handle)
    tmp = Path(name)

    def counted(items: Iterable[dict]) -> Iterator[dict]:
        for row in items:
            yield row
            if progress:
                progress(1)

    try:
        with open(tmp, "wb") as fh:
            for chunk in calendar_chunks(counted(rows), counts=counts, **options):
                fh.write(chunk)
        if tmp.stat().st_size <= CHECK_LIMIT:
            check_ics(tmp.read_bytes())
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the web server must be able to serve a feed
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return counts


# ----------------------------------------------------------------------------- per-body feeds


def feed_slug(body: str) -> str:
    """'Ban Tuyên giáo Tỉnh ủy' → 'ban-tuyen-giao-tinh-uy' (file names calendar apps and proxies accept)."""
    return re.sub(r"[^a-z0-9]+", "-", fold_diacritics(body).lower()).strip("-")[:80] or "co-quan"


def feed_token(store: Store, body: str) -> str:
    """The secret part of a body's feed address, made once and kept (subscriptions must not break)."""
    key = fold_diacritics(canonical_name(body)).lower()  # one feed per body, whatever the spelling
    with store._lock:
        row = store.conn.execute("SELECT token FROM calendar_feeds WHERE body_key = ?", (key,)).fetchone()
    if row:
        return row[0]
    with store._write() as conn:
        row = conn.execute("SELECT token FROM calendar_feeds WHERE body_key = ?", (key,)).fetchone()
        if row:  # made meanwhile by another session
            return row[0]
        token = secrets.token_urlsafe(16)
        conn.execute("INSERT INTO calendar_feeds(body_key, body, token) VALUES (?, ?, ?)", (key, body, token))
    return token


def feed_name(store: Store, body: str) -> str:
    """The feed's file name: slug plus secret, e.g. 'ban-tuyen-giao-tinh-uy-Zx3….ics'."""
    return f"{feed_slug(canonical_name(body))}-{feed_token(store, body)}.ics"


def write_feed(store: Store, body: str, folder: Path, *, done: str = "hide") -> Path:
    """(Re)write one responsible body's feed: its tasks, done ones hidden, undated ones as to-dos."""
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / feed_name(store, body)
    rows = store.query_tasks(body=body)
    write_calendar(rows, out, name=f"Nhiệm vụ – {body}", done=done)
    return out


def write_feeds(store: Store, folder: Path, bodies: Iterable[str] | None = None,
                progress: Callable[[int], None] | None = None) -> list[Path]:
    """Rewrite the feeds of the given responsible bodies (default: every body with tasks)."""
    names = list(bodies) if bodies is not None else [name for name, _ in store.body_counts()]
    written = []
    for body in names:
        written.append(write_feed(store, body, folder))
        if progress:
            progress(1)
    return written


def feed_bodies_of(store: Store, task_key: str) -> list[str]:
    """The canonical responsible bodies of one task: whose feeds a status change must rewrite."""
    with store._lock:
        rows = store.conn.execute(
            "SELECT DISTINCT b.canonical FROM task_bodies b JOIN tasks t ON t.id = b.task_id"
            " WHERE t.task_key = ? AND b.role = 'responsible'", (task_key,)).fetchall()
    return [r[0] for r in rows]


def existing_feeds(store: Store, folder: Path) -> dict[str, Path]:
    """Responsible body → its feed file, for the feeds already written to `folder`."""
    with store._lock:
        rows = store.conn.execute("SELECT body FROM calendar_feeds ORDER BY body").fetchall()
    out = {}
    for (body,) in rows:
        path = folder / feed_name(store, body)
        if path.exists():
            out[body] = path
    return out
