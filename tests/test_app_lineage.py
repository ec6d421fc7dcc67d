"""The app's lineage view (Cụ thể hóa) and its links from the graph and document pages."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("streamlit")

import streamlit as st  # noqa: E402

from pipeline.extract import extract_text  # noqa: E402
from pipeline.store import Store  # noqa: E402
from tests.test_app_pages import open_page  # noqa: E402
from tests.test_lineage_cli import COMMUNE, LOWER, UPPER  # noqa: E402

NEWER = """TỈNH ỦY BÌNH THUẬN\tĐẢNG CỘNG SẢN VIỆT NAM
Số 20-NQ/TU\tPhan Thiết, ngày 5 tháng 1 năm 2024
NGHỊ QUYẾT
về giáo dục và đào tạo giai đoạn mới
I. NHIỆM VỤ
1. Các cấp ủy tổ chức quán triệt Nghị quyết này.
2. Nghị quyết này thay thế Nghị quyết số 12-NQ/TU ngày 10/3/2020 của Tỉnh ủy Bình Thuận.
T/M TỈNH ỦY
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("lineage_app") / "directives.db"
    with Store(path) as store:
        for name, text in (("nq12.txt", UPPER), ("kh30.txt", LOWER), ("nq20.txt", NEWER), ("kh07.txt", COMMUNE)):
            store.ingest(extract_text(text, name))
    return path


@pytest.fixture
def app_env(db, monkeypatch):
    """The app on the lineage database, with nothing cached from another database."""
    monkeypatch.setenv("DIRECTIVES_DB", str(db))
    for cache in (st.cache_data, st.cache_resource):
        cache.clear()
    yield db
    for cache in (st.cache_data, st.cache_resource):
        cache.clear()


def test_lineage_page_shows_taken_up_and_untaken_tasks(app_env):
    at = open_page("lineage_view", node="12-NQ/TU@Bình Thuận@2020")
    assert at.selectbox(key="lineage_pick").value == "12-NQ/TU@Bình Thuận@2020"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Nhiệm vụ": "4", "Đã được cụ thể hóa": "3", "Chưa ai nhận": "1", "Văn bản thực hiện": "1"}
    links, untaken = at.dataframe[1].value, at.dataframe[2].value
    assert sorted(links["Mục (thực hiện)"]) == ["II.1", "II.2", "II.3"]
    assert "giáo viên tiếng Anh" in untaken["Nhiệm vụ"].iloc[0]
    assert at.dataframe[0].value["Độ trễ (ngày)"].iloc[0] == 71
    assert any("thay thế bởi: 20-NQ/TU" in w.value for w in at.warning), "a replaced document says so"


def test_a_lower_threshold_keeps_more_links(app_env):
    at = open_page("lineage_view", node="12-NQ/TU@Bình Thuận@2020")
    before = len(at.dataframe[1].value)
    at.slider(key="lineage_threshold").set_value(0.1).run()
    assert len(at.dataframe[1].value) >= before


def test_more_levels_show_the_documents_further_down(app_env):
    at = open_page("lineage_view", node="12-NQ/TU@Bình Thuận@2020")
    at.number_input(key="lineage_depth").set_value(2).run()
    assert list(at.dataframe[0].value["Cấp"]) == [1, 2]
    assert (at.dataframe[1].value["Cấp"] == 2).sum() == 1


def test_graph_and_document_pages_link_to_the_lineage_view(app_env):
    graph = open_page("graph_view", node="12-NQ/TU@Bình Thuận@2020")
    assert "cu-the-hoa" in [str(link.proto.page) for link in graph.get("page_link")]
    assert any("thay thế bởi" in w.value for w in graph.warning)
    with Store(app_env) as store:
        doc_id = next(d["id"] for d in store.documents() if d["number"] == "12-NQ/TU")
    doc = open_page("document_view", doc=str(doc_id))
    assert "cu-the-hoa" in [str(link.proto.page) for link in doc.get("page_link")]
    assert any("thay thế bởi" in w.value for w in doc.warning)


def test_a_document_no_one_implements_says_so(app_env):
    at = open_page("lineage_view", node="20-NQ/TU@Bình Thuận@2024")
    assert any("Chưa có văn bản nào trong kho thực hiện văn bản này" in i.value for i in at.info)
    assert {m.label: m.value for m in at.metric}["Văn bản thực hiện"] == "0"


def test_the_picker_filters_by_number(app_env):
    at = open_page("lineage_view")
    at.text_input(key="lineage_find").set_value("30-KH").run()
    options = at.selectbox(key="lineage_pick").options
    assert "30-KH/HU (1 văn bản thực hiện)" in options and not any(o.startswith("20-NQ") for o in options)
    assert len(options) == 2, "the current choice stays, the rest is filtered"
