"""The calendar page with an editor signed in: month navigation, its feed, a done task leaving grid and feed."""

from __future__ import annotations

import time

import pytest
from icalendar import Calendar
from streamlit.testing.v1 import AppTest
from test_app_auth import PASSWORD, PROPAGANDA, sign_in, status_pickers
from test_app_done_when import propaganda_plan
from test_app_pages import app_env, db, private_db  # noqa: F401 - fixtures

from pipeline.accounts import add_account
from pipeline.ics import event_uid
from pipeline.store import Store


@pytest.fixture
def editor_db(private_db, tmp_path, monkeypatch):  # noqa: F811 - pytest fixture
    """The test database plus a plan with three dated tasks of the propaganda board, and its editor."""
    with Store(private_db) as store:
        store.ingest(propaganda_plan())
        add_account(store, "tuyengiao", "editor", PASSWORD, [PROPAGANDA])
    monkeypatch.setenv("DIRECTIVES_FEEDS", str(tmp_path / "feeds"))
    return private_db


def grid(at: AppTest) -> str:
    """The month grid's HTML (st.html)."""
    return "\n".join(str(e.proto.body) for e in at.get("html"))


def open_calendar(at: AppTest, year: int, month: int) -> AppTest:
    at.switch_page("app_pages/calendar_view.py").run()
    at.number_input(key="cal_year").set_value(year).run()
    at.selectbox(key="cal_month").set_value(month).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def feed_uids(path) -> set[str]:
    cal = Calendar.from_ical(path.read_bytes())
    return {str(c["uid"]) for c in cal.walk("VEVENT")}


def eventually(check, seconds: float = 30) -> bool:
    """True as soon as `check()` is (feeds are rewritten by a background thread after a save)."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_month_navigation_steps_across_the_year(editor_db):
    at = open_calendar(sign_in("tuyengiao"), 2030, 12)
    at.button(key="cal_next").click().run()
    assert (at.number_input(key="cal_year").value, at.selectbox(key="cal_month").value) == (2031, 1)
    at.button(key="cal_prev").click().run()
    at.button(key="cal_prev").click().run()
    assert (at.number_input(key="cal_year").value, at.selectbox(key="cal_month").value) == (2030, 11)


def test_done_task_leaves_the_grid_and_the_subscribed_feed(editor_db, tmp_path):
    with Store(editor_db) as store:
        task = store.query_tasks(body=PROPAGANDA, due_from="2030-06-01", due_to="2030-06-30")[0]
    at = open_calendar(sign_in("tuyengiao"), 2030, 6)
    assert "Tháng 6/2030" in [s.value for s in at.subheader]
    assert task["text"][:30] in grid(at) or task["text"][:20] in grid(at)
    at.button(key="cal_feed").click().run()
    address = at.code[0].value
    assert address.startswith("/app/static/feeds/ban-tuyen-giao-tinh-uy-")
    feed = tmp_path / "feeds" / address.rsplit("/", 1)[1]
    assert event_uid(task) in feed_uids(feed)

    at.switch_page("app_pages/tasks.py").run()
    at.selectbox(key="tasks_pick").set_value(task["task_key"]).run()
    status_pickers(at)[0].set_value("hoàn thành")
    next(b for b in at.button if b.label == "Lưu").click().run()
    assert not at.exception
    assert eventually(lambda: event_uid(task) not in feed_uids(feed))  # rewritten in the background

    at = open_calendar(at, 2030, 6)
    assert task["text"][:20] not in grid(at)
    at.checkbox(key="cal_done").check().run()
    assert "✓ " in grid(at)
