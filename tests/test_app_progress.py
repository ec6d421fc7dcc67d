"""The progress page: per-body counts as the store computes them, drill-down on the editor's body, exports."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from test_app_auth import PROPAGANDA, sign_in, status_pickers
from test_app_calendar import editor_db  # noqa: F401 - fixture
from test_app_pages import app_env, db, private_db, texts  # noqa: F401 - fixtures

from app_lib.report import printable_html
from pipeline.progress import progress_by_body
from pipeline.store import Store


def open_progress(at: AppTest) -> AppTest:
    at.switch_page("app_pages/progress.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def line_of(at: AppTest, body: str) -> dict:
    table = at.dataframe[0].value
    return table[table["Cơ quan chủ trì"] == body].iloc[0].to_dict()


@pytest.mark.usefixtures("editor_db")
def test_editor_sees_its_body_line_and_the_count_moves_when_it_marks_a_task_done():
    at = open_progress(sign_in("tuyengiao"))
    assert at.selectbox(key="progress_body").value == PROPAGANDA  # the drill-down opens on its own body
    before = line_of(at, PROPAGANDA)
    assert before["Được giao"] == 4 and before["Đã hoàn thành"] == 0
    at.switch_page("app_pages/tasks.py").run()
    status_pickers(at)[0].set_value("hoàn thành")
    next(b for b in at.button if b.label == "Lưu").click().run()
    at = open_progress(at)
    after = line_of(at, PROPAGANDA)
    assert (after["Đã hoàn thành"], after["Chưa thực hiện"]) == (1, before["Chưa thực hiện"] - 1)
    at.radio(key="progress_category").set_value("Đã hoàn thành").run()
    drill = at.dataframe[1].value
    assert len(drill) == 1 and drill.iloc[0]["Đúng hạn"] in {"✓", "✗ muộn"}


def test_printable_page_escapes_names_and_carries_the_date(editor_db):  # noqa: F811 - pytest fixture
    from datetime import date

    with Store(editor_db) as store:
        lines = progress_by_body(store, date(2030, 1, 2))
    page = printable_html(lines, date(2030, 1, 2))
    assert page.startswith("<!doctype html>") and 'lang="vi"' in page and "Ngày lập: 02/01/2030" in page
    assert page.count("<tr") == len(lines) + 2  # header, one per body, totals
    assert "<script" not in page

