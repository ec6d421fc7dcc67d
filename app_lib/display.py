"""How values look in the app: Vietnamese words, dd/mm/yyyy dates, the office's local time."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TZ = "Asia/Ho_Chi_Minh"
HISTORY_FIELDS = {"status": "Trạng thái", "note": "Ghi chú"}


def local_zone() -> ZoneInfo | None:
    """The office's time zone: env DIRECTIVES_TZ, else Vietnam (servers often run on UTC)."""
    try:
        return ZoneInfo(os.environ.get("DIRECTIVES_TZ") or DEFAULT_TZ)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def vn_date(value: date | str | None) -> str:
    """dd/mm/yyyy for a date or an ISO date string; '' for nothing, the text itself if not a date."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    return value.strftime("%d/%m/%Y")


def vn_time(stamp: str | None) -> str:
    """An ISO timestamp (stored in UTC) as 'dd/mm/yyyy HH:MM' in the office's time zone."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(local_zone()).strftime("%d/%m/%Y %H:%M")


def history_rows(changes: list[dict]) -> list[dict]:
    """A task's history for a table: Vietnamese field names, local time, who made the change."""
    return [
        {
            "Thời điểm": vn_time(h.get("at")),
            "Người sửa": h.get("user") or "—",
            "Nội dung": HISTORY_FIELDS.get(str(h.get("what")), str(h.get("what"))),
            "Cũ": h.get("old") or "—",
            "Mới": h.get("new") or "—",
        }
        for h in changes
    ]


def task_column_config() -> dict:
    """Column settings for task tables: the task text wide, the responsible body readable."""
    import streamlit as st

    return {
        "Nhiệm vụ": st.column_config.TextColumn(width="large"),
        "Chủ trì": st.column_config.TextColumn(width="medium"),
    }


def page_script(script: str, key: str) -> None:
    """Run one line of our own JavaScript in the app's page, in a hidden same-origin frame (nothing fetched).

    Only constant code and values we generate go in here (a language tag, a random token), never text
    from a document or a user.
    """
    import streamlit as st

    with st.container(key=key):  # hidden: a frame runs its script whether shown or not
        st.html(f"<style>.st-key-{key}{{display:none}}</style>")
        st.iframe(f"<script>{script}</script>", height="content")


def mark_page_vietnamese() -> None:
    """Set <html lang="vi"> (screen readers, hyphenation, spell checkers): Streamlit always writes "en"."""
    page_script("window.parent.document.documentElement.lang = 'vi';", "page_lang")
