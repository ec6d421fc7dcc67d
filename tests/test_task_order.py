"""Server-side sorting: the whole filtered list is sorted in SQL, then paged."""

from __future__ import annotations

from datetime import date

import pytest
from test_accounts import store_fixture  # noqa: F401 - the `store` fixture
from test_app_pages import app_env, db, open_page  # noqa: F401 - fixtures

from pipeline.store import Store


def dues(rows: list[dict]) -> list[str | None]:
    return [r["due_end"] for r in rows]


def test_due_order_puts_undated_last_and_pages_follow_the_order(store):
    everything = dues(store.query_tasks(order="due"))
    dated = sorted(d for d in everything if d)
    assert everything == dated + [None] * (len(everything) - len(dated))
    assert dues(store.query_tasks(order="due_desc"))[: len(dated)] == dated[::-1]
    paged = [d for i in range(len(everything)) for d in dues(store.query_tasks(order="due", limit=1, offset=i))]
    assert paged == everything


def test_unknown_order_is_refused(store):
    with pytest.raises(ValueError, match="unknown order"):
        store.query_tasks(order="t.id; DROP TABLE tasks")


def test_tasks_page_sorts_the_whole_list_not_the_page(app_env):  # noqa: F811 - pytest fixture
    at = open_page("tasks")
    at.selectbox(key="tasks_page_size").set_value(25).run()
    at.selectbox(key="tasks_order").set_value("due").run()
    assert not at.exception
    shown = [d for d in at.dataframe[0].value["Hạn cuối"] if d]
    earliest = min(d for d in dues(Store(app_env).query_tasks()) if d)
    assert shown[0] == date.fromisoformat(earliest).strftime("%d/%m/%Y")
