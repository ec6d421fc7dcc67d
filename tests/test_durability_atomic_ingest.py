"""One transaction per document: a failure at any point inside Store.ingest leaves the database unchanged.

The crash is injected at the SQL level (the n-th statement of a kind fails), so the
test does not depend on how ingest is split into helper functions.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import date

import pytest

from pipeline.model import DocumentMeta
from pipeline.store import STATUS_DOING, STATUS_DONE, Store
from pipeline.synthetic import PoolTask, build_extraction

META = DocumentMeta(doc_type="Kế hoạch", number="31-KH/TU", issuer="Tỉnh ủy Bình Thuận", issued_date=date(2016, 5, 2))
TASKS = [
    PoolTask(text, "II", ("Ban Tổ chức Tỉnh ủy",), ("Ủy ban Kiểm tra Tỉnh ủy",), None)
    for text in (
        "Ban Tổ chức Tỉnh ủy rà soát, bổ sung quy hoạch cán bộ của nhiệm kỳ.",
        "Xây dựng kế hoạch bồi dưỡng lý luận chính trị cho đảng viên mới.",
        "Kiện toàn tổ chức bộ máy các ban đảng theo hướng tinh gọn.",
        "Đánh giá chất lượng sinh hoạt chi bộ hằng quý.",
        "Tổng kết công tác phát triển đảng viên trong doanh nghiệp tư nhân.",
        "Báo cáo Thường trực về kết quả luân chuyển cán bộ lãnh đạo.",
    )
]
CITES = ("Nghị quyết số 22-NQ/TW ngày 02/02/2008 của Ban Chấp hành Trung ương",)


def plan(tasks=TASKS, source="plan.txt"):
    return build_extraction(source=source, meta=META, sections=[("II", "NHIỆM VỤ", tasks)], citation_mentions=CITES)


def edited_plan():
    """The same plan with its first task reworded (so re-ingest carries user data over) and one task dropped."""
    tasks = [dataclasses.replace(TASKS[0], text=TASKS[0].text.replace("rà soát, bổ sung", "rà soát và bổ sung")),
             *TASKS[1:5]]
    return plan(tasks)


class CrashingConnection:
    """Forwards to a real connection, but the n-th statement starting with `prefix` raises OSError."""

    def __init__(self, real: sqlite3.Connection, prefix: str, nth: int = 1):
        self._real, self._prefix, self._left = real, prefix, nth

    def _check(self, sql: str) -> None:
        if sql.lstrip().upper().startswith(self._prefix.upper()):
            self._left -= 1
            if self._left <= 0:
                raise OSError("disk full (injected)")

    def execute(self, sql: str, *args):
        self._check(sql)
        return self._real.execute(sql, *args)

    def executemany(self, sql: str, *args):
        self._check(sql)
        return self._real.executemany(sql, *args)

    def __getattr__(self, name: str):
        return getattr(self._real, name)


CRASH_POINTS = [
    ("document row", "INSERT INTO documents", 1),
    ("sections", "INSERT INTO sections", 1),
    ("citations", "INSERT INTO citations", 1),
    ("third task", "INSERT INTO tasks(", 3),
    ("task search index", "INSERT INTO tasks_fts(rowid", 1),
    ("bodies", "INSERT INTO task_bodies", 1),
    ("passages", "INSERT INTO passages(", 4),
]
REPLACE_ONLY = [
    ("deleting the old version", "DELETE FROM documents", 1),
    ("old search rows", "INSERT INTO passages_fts(passages_fts", 1),
    ("carrying user data over", "UPDATE task_status", 1),
    ("flagging orphans", "INSERT INTO orphaned_user_data", 1),
    ("carry-over history", "INSERT INTO task_history", 1),
]


@pytest.fixture
def db(tmp_path):
    """A file database holding another document with user data (which must survive every crash)."""
    path = tmp_path / "atomic.db"
    other = build_extraction(source="other.txt", meta=DocumentMeta(number="9-CT/TU", issued_date=date(2015, 1, 1)),
                             sections=[("I", "NHIỆM VỤ", TASKS[:2])])
    with Store(path) as store:
        store.ingest(other)
        store.set_status(store.query_tasks()[0]["task_key"], STATUS_DOING, "đang làm")
    return path


def _crash_ingest(path, extraction, prefix: str, nth: int) -> dict:
    with Store(path) as store:
        before = store.dump()
        real = store.conn
        store.conn = CrashingConnection(real, prefix, nth)
        try:
            with pytest.raises(OSError, match="injected"):
                store.ingest(extraction)
        finally:
            store.conn = real
        assert not real.in_transaction
        assert store.dump() == before
    with Store(path) as reopened:  # and what is on disk agrees
        assert reopened.dump() == before
        return before


@pytest.mark.parametrize(("where", "prefix", "nth"), CRASH_POINTS, ids=[c[0] for c in CRASH_POINTS])
def test_a_new_document_that_fails_midway_is_not_stored(db, where, prefix, nth):
    before = _crash_ingest(db, plan(), prefix, nth)
    assert len(before["documents"]) == 1
    with Store(db) as store:  # the same file then ingests cleanly
        assert store.ingest(plan()).status == "added"


@pytest.mark.parametrize(
    ("where", "prefix", "nth"), CRASH_POINTS + REPLACE_ONLY, ids=[c[0] for c in CRASH_POINTS + REPLACE_ONLY]
)
def test_a_replacement_that_fails_midway_keeps_the_old_version_and_user_data(db, where, prefix, nth):
    with Store(db) as store:
        store.ingest(plan())
        keys = [r["task_key"] for r in store.query_tasks(document="31-KH/TU")]
        store.set_status(keys[0], STATUS_DONE, "xong")
        store.set_status(keys[5], STATUS_DOING, "sẽ bị bỏ")  # its task vanishes in the edit: becomes an orphan
    before = _crash_ingest(db, edited_plan(), prefix, nth)
    assert len(before["documents"]) == 2
    with Store(db) as store:
        result = store.ingest(edited_plan())
        assert (result.status, result.carried_over, result.orphaned) == ("replaced", 1, 1)
        assert [r["status"] for r in store.query_tasks(status=STATUS_DONE)] == [STATUS_DONE]
