"""The graph page on a synthetic database with citations: it opens, shows linked documents, and reads
only the graph's own column (never decompresses every full record, the 8.6 s cold start at 10,000)."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("streamlit")

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402
from test_app_pages import APP  # noqa: E402

from app_lib import appdata  # noqa: E402
from pipeline.store import Store  # noqa: E402
from pipeline.synthetic import generate_extractions, load_material  # noqa: E402

DOCUMENTS = 1500


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("graph-scale") / "big.db"
    with Store(path, fast_unsafe=True) as store:
        for ex in generate_extractions(DOCUMENTS, material=load_material(), tasks_per_document=1, seed=11):
            store.ingest(ex)
    return path


def test_graph_page_at_scale_opens_from_the_graph_column(synthetic_db, monkeypatch):
    monkeypatch.setenv("DIRECTIVES_DB", str(synthetic_db))
    st.cache_data.clear()
    st.cache_resource.clear()

    def no_full_records(self):
        raise AssertionError("the graph page must not read every full record")

    monkeypatch.setattr(Store, "records", no_full_records)
    try:
        at = AppTest.from_file(APP, default_timeout=120)
        at.run()
        started = time.perf_counter()
        at.switch_page("app_pages/graph_view.py").run()
        elapsed = time.perf_counter() - started
        assert not at.exception, [e.message for e in at.exception]
        graph = appdata.citation_graph()
        stored = sum(1 for _, d in graph.nodes(data=True) if d.get("in_corpus"))
        assert stored == DOCUMENTS
        linked = sum(1 for u, v in graph.edges if graph.nodes[u].get("in_corpus") and graph.nodes[v].get("in_corpus"))
        assert linked > DOCUMENTS // 3  # copies cite earlier copies by their node ids
        top = appdata.most_cited(1)[0]
        assert top["citing"] > DOCUMENTS // 20  # each copy cites one to three of the corpus citations
        assert elapsed < 20, f"graph page took {elapsed:.1f} s cold at {DOCUMENTS} documents"
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()
