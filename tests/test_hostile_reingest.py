"""User data stays with its task when a document of near-identical items is read again.

Every task gets a note naming its own text; one item is inserted near the top and the
document re-ingested: each note must be on the task with that text, or set aside for
review ("ghi chú cần xác nhận") — never on another task. The matching must run before
the write lock is taken.
"""

from __future__ import annotations

import re

import pytest

import pipeline.store as store_module
from pipeline.extract import extract_text
from pipeline.reattach import Item, reattach
from pipeline.store import STATUS_DOING, Store

LONG = "tuyên truyền, phổ biến, quán triệt nội dung nghị quyết đến toàn thể cán bộ, đảng viên và nhân dân trên địa bàn"


def _directive(items: list[str], bullets: bool) -> str:
    lines = [f"- {t}" if bullets else f"{n}. {t}" for n, t in enumerate(items, start=1)]
    return "TỈNH ỦY THỬ NGHIỆM\n\nKẾ HOẠCH\n\nvề tuyên truyền\n\nI- NHIỆM VỤ\n\n" + "\n".join(lines) + "\n"


def _items(n: int) -> list[str]:
    # Identical for their first 80+ characters: the key's text part is the same for all of them.
    return [f"Ban Tuyên giáo Tỉnh ủy chủ trì {LONG}, đợt {i}." for i in range(n)]


def _round(text: str) -> str:
    return re.findall(r"đợt \d+|rà soát", text)[-1]


def _notes_by_text(store: Store) -> dict[str, str | None]:
    return {r["text"]: r["note"] for r in store.query_tasks()}


@pytest.mark.parametrize("bullets", [True, False], ids=["bullets (occurrence keys)", "numbered (sections shift)"])
def test_inserting_one_item_keeps_every_note_on_its_task(tmp_path, monkeypatch, bullets):
    items = _items(300)
    db = tmp_path / "x.db"
    in_lock = []
    real = store_module.reattach

    def spy(*args, **kwargs):
        in_lock.append(store.conn.in_transaction)
        return real(*args, **kwargs)

    monkeypatch.setattr(store_module, "reattach", spy)
    with Store(db) as store:
        store.ingest(extract_text(_directive(items, bullets), source="kh.txt"))
        rows = store.query_tasks()
        assert len(rows) == len(items)
        store.set_statuses([(r["task_key"], STATUS_DOING, f"ghi chú cho: {r['text']}") for r in rows])
        changed = items[:2] + ["Ban Tổ chức Tỉnh ủy chủ trì rà soát quy hoạch cán bộ."] + items[2:]
        result = store.ingest(extract_text(_directive(changed, bullets), source="kh.txt"))
        assert result.status == "replaced"
        notes = _notes_by_text(store)
        orphans = store.orphans()
    # The extraction may read a list number into the text ("100. Ban ..."): the item is its "đợt N".
    misplaced = [t for t, note in notes.items() if note is not None and _round(note) != _round(t)]
    assert misplaced == []
    kept = {t for t, note in notes.items() if note}
    assert len(kept) + len(orphans) == len(items)  # every note is somewhere visible
    assert orphans == []  # here every task is certain: nothing needed review
    assert in_lock and not any(in_lock), "the matching ran inside the write transaction"


def test_an_item_split_in_two_is_set_aside_for_review(tmp_path):
    before = ["Ban Tuyên giáo Tỉnh ủy chủ trì tuyên truyền nghị quyết.",
              "Ban Tổ chức Tỉnh ủy chủ trì kiểm tra công tác cán bộ ở các huyện.",
              "Ủy ban Kiểm tra Tỉnh ủy chủ trì giám sát."]
    after = [before[0],
             "Ban Tổ chức Tỉnh ủy chủ trì kiểm tra công tác cán bộ ở các huyện phía bắc.",
             "Ban Tổ chức Tỉnh ủy chủ trì kiểm tra công tác cán bộ ở các huyện phía nam.",
             before[2]]
    with Store(tmp_path / "x.db") as store:
        store.ingest(extract_text(_directive(before, True), source="kh.txt"))
        key = next(r["task_key"] for r in store.query_tasks() if r["text"] == before[1])
        store.set_status(key, STATUS_DOING, "ghi chú quan trọng")
        result = store.ingest(extract_text(_directive(after, True), source="kh.txt"))
        notes = _notes_by_text(store)
        orphans = store.orphans()
    assert result.orphaned == 1
    assert notes[after[1]] is None and notes[after[2]] is None  # not moved on a guess
    assert [(o["old_text"], o["note"]) for o in orphans] == [(before[1], "ghi chú quan trọng")]
    assert orphans[0]["reason"].startswith("ghi chú cần xác nhận")


def test_reattach_swaps_and_confidence():
    old = [Item("a", "1", "Ban A chủ trì việc một."), Item("b", "2", "Ban B chủ trì việc hai.")]
    new = [Item("a", "1", "Ban B chủ trì việc hai."), Item("b", "2", "Ban A chủ trì việc một.")]
    matches = reattach(old, new, {"a", "b"})
    assert (matches["a"].new_key, matches["b"].new_key) == ("b", "a")  # keys swapped places: data follows text
    edited = reattach(old, [old[0], Item("c", "2", "Ban B chủ trì việc hai và ba.")], {"b"})
    assert edited["b"].new_key == "c" and 0.6 < edited["b"].confidence < 1.0
    gone = reattach(old, [old[0]], {"b"})
    assert gone["b"].new_key is None and not gone["b"].ambiguous


def test_notes_set_aside_are_shown_for_review_in_the_app(tmp_path, monkeypatch):
    pytest.importorskip("streamlit")
    from pathlib import Path

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    before = ["Ban Tuyên giáo Tỉnh ủy chủ trì tuyên truyền.", "Ban Tổ chức Tỉnh ủy chủ trì kiểm tra cán bộ ở huyện.",
              "Ủy ban Kiểm tra Tỉnh ủy chủ trì giám sát."]
    after = [before[0], before[1][:-1] + " phía bắc.", before[1][:-1] + " phía nam.", before[2]]
    db = tmp_path / "x.db"
    with Store(db) as store:
        store.ingest(extract_text(_directive(before, True), source="kh.txt"))
        key = next(r["task_key"] for r in store.query_tasks() if r["text"] == before[1])
        store.set_status(key, STATUS_DOING, "ghi chú quan trọng")
        store.ingest(extract_text(_directive(after, True), source="kh.txt"))
    monkeypatch.setenv("DIRECTIVES_DB", str(db))
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=60)
        at.run()
        at.switch_page("app_pages/tasks.py").run()
        assert not at.exception, [e.message for e in at.exception]
        labels = [e.label for e in at.expander]
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()
    assert "Ghi chú cần xác nhận (1)" in labels
