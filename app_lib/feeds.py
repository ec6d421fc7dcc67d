"""Per-body calendar feeds served by the app itself (Streamlit static files).

Feeds are written to `static/feeds/` beside app.py (env DIRECTIVES_FEEDS overrides), which
Streamlit serves at `/app/static/feeds/…` when `server.enableStaticServing` is on. A feed's
file name carries a secret token, so knowing a body's name is not enough to read its tasks.
A feed is written when someone asks for its address, and rewritten whenever one of its
body's tasks changes status in the app.
"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline import appdata, calendars

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


def refresh_after_change(task_key: str) -> int:
    """Rewrite the existing feeds of the task's responsible bodies; returns how many were rewritten."""
    store = appdata.get_store()
    present = calendars.existing_feeds(store, folder())
    wanted = {calendars.feed_name(store, b) for b in calendars.feed_bodies_of(store, task_key)}
    bodies = [body for body, path in present.items() if path.name in wanted]
    calendars.write_feeds(store, folder(), bodies)
    return len(bodies)
