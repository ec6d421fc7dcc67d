"""The graph's own columns: graph_records() builds the same graph as the full records, old rows included;
and synthetic databases carry citations whose targets link up, so the graph has structure at scale."""

from __future__ import annotations

import networkx as nx
import pytest
from test_store_scale import MATERIAL

from pipeline.graph import build_graph
from pipeline.model import Citation
from pipeline.store import Store
from pipeline.synthetic import Material, generate_extractions

CENTRAL = Citation(mention="Nghị quyết số 22-NQ/TW ngày 02/02/2008 của Ban Chấp hành Trung ương", start=0, end=0,
                   doc_type="Nghị quyết", number="22-NQ/TW", target="22-NQ/TW@2008", relation="implements")
STATUTE = Citation(mention="Điều lệ Đảng", start=0, end=0, doc_type="Điều lệ", number=None,
                   title="Điều lệ Đảng", target="Điều lệ Đảng")
WITH_CITED = Material(tasks=MATERIAL.tasks, titles=MATERIAL.titles, citations=MATERIAL.citations,
                      cited=(CENTRAL, STATUTE))


@pytest.fixture(scope="module")
def store(module_store_url):
    with Store(module_store_url, fast_unsafe=True) as s:
        for ex in generate_extractions(300, material=WITH_CITED, tasks_per_document=2, seed=3):
            s.ingest(ex)
        yield s


def _same_graph(a: nx.DiGraph, b: nx.DiGraph) -> None:
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert {(u, v): d for u, v, d in a.edges(data=True)} == {(u, v): d for u, v, d in b.edges(data=True)}


def test_graph_records_build_the_same_graph_as_full_records(store):
    _same_graph(build_graph(store.graph_records()), build_graph(store.records()))


def test_rows_stored_before_the_graph_column_fall_back_to_the_full_record(store):
    full = build_graph(store.records())
    store.conn.execute("UPDATE documents SET graph_json = NULL WHERE id % 2 = 0")
    try:
        _same_graph(build_graph(store.graph_records()), full)
    finally:
        store.conn.execute("UPDATE documents SET graph_json = NULL")  # keep the module fixture consistent
    _same_graph(build_graph(store.graph_records()), full)


@pytest.mark.parametrize(
    ("check", "why"),
    [
        (lambda g, docs: g.in_degree("22-NQ/TW@2008") > 200, "every copy cites a corpus citation"),
        (lambda g, docs: sum(1 for u, v in g.edges if u in docs and v in docs) > 100, "copies cite earlier copies"),
        (lambda g, docs: any(d.get("relation") == "implements" for u, v, d in g.edges(data=True)
                             if u in docs and v in docs), "plans implement resolutions"),
        (lambda g, docs: nx.number_weakly_connected_components(g) < 10, "the graph links up"),
    ],
    ids=["central", "chains", "implements", "connected"],
)
def test_synthetic_citations_give_the_graph_structure(store, check, why):
    graph = build_graph(store.graph_records())
    docs = {d["target"] for d in store.documents() if d["target"]}
    assert len(docs) == 300
    assert check(graph, docs), why


def test_most_cited_is_not_empty_at_scale(store):
    top = store.most_cited(3)
    assert top[0]["target"] in {"22-NQ/TW@2008", "Điều lệ Đảng"} and top[0]["citing"] > 100
