"""Status filters: one status, several (any of them), and the "not done yet" shortcut, in SQL."""

from __future__ import annotations

import pytest
from test_store import TASKS, make_doc

from pipeline.store import STATUS_DOING, STATUS_DONE, STATUS_TODO, Store


@pytest.fixture(scope="module")
def store(module_store_url):
    """TASKS[0] done, TASKS[1] in progress, TASKS[2] never touched, TASKS[3] explicitly not started (each backend)."""
    with Store(module_store_url) as s:
        s.ingest(make_doc())
        keys = {r["text"]: r["task_key"] for r in s.query_tasks()}
        s.set_status(keys[TASKS[0].text], STATUS_DONE)
        s.set_status(keys[TASKS[1].text], STATUS_DOING)
        s.set_status(keys[TASKS[3].text], STATUS_TODO, note="chưa bắt đầu")
        yield s


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, [0, 1, 2, 3]),
        ({"status": "hoàn thành"}, [0]),
        ({"status": "hoan thanh"}, [0]),
        ({"status": [STATUS_TODO]}, [2, 3]),
        ({"status": [STATUS_TODO, STATUS_DOING]}, [1, 2, 3]),
        ({"status": ["done", "doing"]}, [0, 1]),
        ({"status": list((STATUS_TODO, STATUS_DOING, STATUS_DONE))}, [0, 1, 2, 3]),
        ({"status": []}, [0, 1, 2, 3]),
        ({"not_done": True}, [1, 2, 3]),
        ({"not_done": True, "status": [STATUS_DOING, STATUS_DONE]}, [1]),
        ({"not_done": True, "status": STATUS_DONE}, []),
        ({"not_done": True, "overdue": True, "today": "2014-07-01"}, [1]),
        ({"not_done": True, "body": "ban tuyen giao tinh uy"}, [1]),
        ({"not_done": True, "section": "III"}, [2, 3]),
    ],
)
def test_status_filters(store, filters, expected):
    rows = store.query_tasks(**filters)
    assert [r["text"] for r in rows] == [TASKS[i].text for i in expected]
    assert store.count_tasks(**filters) == len(expected)


def test_unknown_status_in_a_list_is_rejected(store):
    with pytest.raises(ValueError, match="unknown status"):
        store.query_tasks(status=[STATUS_DONE, "xong"])


@pytest.mark.parametrize("filters", [{"not_done": True}, {"status": [STATUS_DONE, STATUS_DOING]}])
def test_status_filters_use_the_status_index(store, filters):
    if store.backend.name != "sqlite":
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's; PostgreSQL plans by its statistics")
    clause, params, _ = store._task_filter(**filters)
    plan = " ".join(str(tuple(r)) for r in store.conn.execute("EXPLAIN QUERY PLAN SELECT t.id FROM tasks t" + clause,
                                                              params))
    assert "task_status_status" in plan, plan
