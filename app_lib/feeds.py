"""Per-body calendar feeds served by the app itself (Streamlit static files).

Feeds are written to `static/feeds/` beside app.py (env DIRECTIVES_FEEDS overrides), which
Streamlit serves at `/app/static/feeds/…` when `server.enableStaticServing` is on. A feed's
file name carries a secret token, so knowing a body's name is not enough to read its tasks.
A feed is written when someone asks for its address, and rewritten whenever one of its
body's tasks changes status in the app.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from app_lib import appdata
from pipeline import calendars

APP_ROOT = Path(__file__).resolve().parent.parent
URL_PREFIX = "/app/static/feeds/"


def folder() -> Path:
    """Where the feeds are written."""
    env = os.environ.get(calendars.FEEDS_ENV)
    return Path(env) if env else APP_ROOT / "static" / "feeds"


def address(body: str) -> str:
    """Write the body's feed (if needed) and return its path on this server, for a calendar app to subscribe."""
    store = appdata.get_store()
    path = folder() / calendars.feed_name(store, body)
    if not path.exists():
        calendars.write_feed(store, body, folder())
    return URL_PREFIX + path.name


def feeds_to_refresh(task_key: str) -> list[str]:
    """The bodies whose feed exists and lists this task (the ones a status change makes stale)."""
    store = appdata.get_store()
    present = calendars.existing_feeds(store, folder())
    wanted = {calendars.feed_name(store, b) for b in calendars.feed_bodies_of(store, task_key)}
    return [body for body, path in present.items() if path.name in wanted]


def refresh_after_change(task_key: str) -> threading.Thread | None:
    """Rewrite, in the background, the feeds that list the task; the save returns at once.

    A big body's feed (tens of thousands of tasks at scale) takes seconds to write; the
    person who clicked "Lưu" must not wait for it. Writes are serialized by a lock and each
    lands atomically, so a calendar app never reads half a feed.
    """
    bodies = feeds_to_refresh(task_key)
    if not bodies:
        return None
    store, where = appdata.get_store(), folder()

    def work() -> None:
        with _WRITING:
            calendars.write_feeds(store, where, bodies)

    thread = threading.Thread(target=work, name="feed-refresh", daemon=True)
    thread.start()
    return thread


ICS_APP_LIMIT = 20_000  # tasks; a bigger calendar is streamed by the CLI instead of built in the server's memory
BYTES_PER_TASK = 1_650  # measured: 100,000 tasks → 157 MB


def ics_estimate(n_tasks: int) -> tuple[bool, str]:
    """(too big for the app?, a Vietnamese line with the size to expect)."""
    count = f"{n_tasks:,}".replace(",", ".")  # Vietnamese digit grouping: 20.000
    size = f"{max(n_tasks * BYTES_PER_TASK / 1e6, 0.1):.1f}".replace(".", ",")  # decimal comma: 0,2
    if n_tasks > ICS_APP_LIMIT:
        return True, (f"Lịch .ics của {count} nhiệm vụ sẽ khoảng {size} MB: hãy lọc bớt (theo cơ quan), "
                      "đăng ký lịch theo cơ quan, hoặc nhờ quản trị viên xuất bằng lệnh "
                      "`python -m pipeline export calendar` (ghi dần, có tiến độ).")
    return False, f"Lịch .ics: {count} nhiệm vụ, khoảng {size} MB."


_WRITING = threading.Lock()
