"""Citation graph: nodes/edges from corpus records, metrics, exports that round-trip, the CLI."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest

from pipeline.citations import find_citations
from pipeline.cli import main
from pipeline.errors import DocumentError
from pipeline.extract import content_hash
from pipeline.graph import (
    build_graph,
    citation_record,
    citations_by_level,
    citations_by_year,
    export_graph,
    graph_show,
    implementation_chains,
    missing_documents,
    most_cited,
    record_node_id,
)
from pipeline.model import Extraction, LoadedText
from pipeline.normalize import normalize
from pipeline.structure import find_regions, parse_metadata

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "corpus").glob("*.txt"))


def citation_extraction(path: Path) -> Extraction:
    """An Extraction with metadata and citations only (tasks are another stage's business)."""
    raw = path.read_text(encoding="utf-8")
    normalized = normalize(raw)
    regions = find_regions(normalized.text)
    meta = parse_metadata(normalized.text, regions)
    return Extraction(
        source=f"corpus/{path.name}", content_hash=content_hash(normalized.text), normalized=normalized,
        loaded=LoadedText(raw, "txt", "utf-8"), document=meta, regions=regions,
        citations=tuple(find_citations(normalized.text, meta, regions)),
    )


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [citation_record(p, f"corpus/{p.name}") for p in CORPUS]


@pytest.fixture(scope="module")
def graph(records) -> nx.DiGraph:
    return build_graph(records)


def _record(source: str, number: str | None, issued: str | None, citations: list[tuple[str, str]], locality=None) -> dict:
    return {
        "source": source,
        "document": {"number": number, "issued_date": issued, "locality": locality, "doc_type": "Kế hoạch", "issuer": "x"},
        "citations": [{"target": t, "relation": r, "number": t.split("@")[0], "context": f"{source} cites {t}"} for t, r in citations],
    }


# A town project implements a provincial programme that implements a central resolution.
CHAIN = [
    _record("central.txt", "22-NQ/TW", "2008-02-02", []),
    _record("province.txt", "15-NQ/TU", "2008-04-17", [("22-NQ/TW@2008", "implements"), ("22-NQ/TW@2008", "cites")], "Bình Thuận"),
    _record("town.txt", "05-ĐA/TU", "2009-01-10", [("15-NQ/TU@Bình Thuận", "implements"), ("10-CT/TW", "cites")], "Phan Thiết"),
    _record("other.txt", "07-KH/HU", "2010-03-01", [("10-CT/TW@2007", "cites"), ("Điều lệ Đảng", "cites")], "Tuy Phong"),
]


def test_corpus_nodes_and_cited_only_nodes(graph, records):
    corpus_nodes = [n for n, d in graph.nodes(data=True) if d["in_corpus"]]
    assert len(corpus_nodes) == len(CORPUS)
    assert {graph.nodes[n]["source"] for n in corpus_nodes} == {r["source"] for r in records}
    assert "15-NQ/TU@Bình Thuận@2008" in corpus_nodes
    assert graph.nodes["22-NQ/TW@2008"]["in_corpus"] is False


@pytest.mark.parametrize("cited,citing_sources", [
    ("22-NQ/TW@2008", {"000_12b74036f273f99d.txt", "002_6b90be9875502fca.txt"}),
    ("10-CT/TW@2007", {"001_64c2e156f5a86ec1.txt", "002_6b90be9875502fca.txt", "004_3c10ca3a715fe4bb.txt"}),
    ("Điều lệ Đảng", {"000_12b74036f273f99d.txt", "001_64c2e156f5a86ec1.txt"}),
])
def test_who_cites_what(graph, cited, citing_sources):
    assert {Path(graph.nodes[u]["source"]).name for u in graph.predecessors(cited)} == citing_sources


def test_edges_carry_relation_mentions_and_contexts(graph):
    edge = graph.edges["15-NQ/TU@Bình Thuận@2008", "22-NQ/TW@2008"]
    assert edge["relation"] == "implements"
    assert edge["mentions"] == 5
    assert len(edge["contexts"]) == 5 and all("Nghị quyết" in c for c in edge["contexts"])


def test_under_specified_targets_merge_and_chains():
    g = build_graph(CHAIN)
    assert set(g.predecessors("10-CT/TW@2007")) == {"05-ĐA/TU@Phan Thiết@2009", "07-KH/HU@Tuy Phong@2010"}
    assert g.edges["15-NQ/TU@Bình Thuận@2008", "22-NQ/TW@2008"]["mentions"] == 2
    assert implementation_chains(g) == [["05-ĐA/TU@Phan Thiết@2009", "15-NQ/TU@Bình Thuận@2008", "22-NQ/TW@2008"]]
    shown = graph_show(g, "15-NQ/TU")
    assert [r["target"] for r in shown["cited_by"]] == ["05-ĐA/TU@Phan Thiết@2009"]
    assert shown["chain_up"] == [["15-NQ/TU@Bình Thuận@2008", "22-NQ/TW@2008"]]
    assert shown["chain_down"] == [["15-NQ/TU@Bình Thuận@2008", "05-ĐA/TU@Phan Thiết@2009"]]


def test_metrics(graph):
    top = most_cited(graph, limit=3)
    assert top[0]["target"] == "10-CT/TW@2007" and top[0]["cited_by"] == 3
    assert all(not r["in_corpus"] for r in missing_documents(graph))
    by_year = citations_by_year(graph)
    assert by_year[2008] >= 7 and sum(by_year.values()) == sum(d["mentions"] for *_, d in graph.edges(data=True))
    by_level = citations_by_level(graph)
    assert set(by_level) >= {"central", "province", "state"}
    assert ["15-NQ/TU@Bình Thuận@2008", "22-NQ/TW@2008"] in implementation_chains(graph)


def test_graph_show_accepts_a_bare_number(graph):
    shown = graph_show(graph, "22-NQ/TW")
    assert shown["target"] == "22-NQ/TW@2008"
    assert len(shown["cited_by"]) == 2
    with pytest.raises(DocumentError, match="no document"):
        graph_show(graph, "999-XX/TW")


def test_a_term_picks_the_right_one_of_two_documents_with_one_symbol():
    records = [
        _record("a.txt", "01-KH/TU", "2020-01-01", [("22-NQ/TW@2008", "cites"), ("22-NQ/TW@2013", "cites")], "A"),
        _record("b.txt", "02-KH/TU", "2020-01-01", [("22-NQ/TW@khóa X", "cites"), ("22-NQ/TW", "cites")], "A"),
    ]
    g = build_graph(records)
    assert set(g.successors("02-KH/TU@A@2020")) == {"22-NQ/TW@2008", "22-NQ/TW"}


def test_store_records_keep_their_document_id():
    g = build_graph([{**CHAIN[1], "document_id": 7}, CHAIN[0]])
    assert g.nodes["15-NQ/TU@Bình Thuận@2008"]["document_id"] == 7
    assert "document_id" not in g.nodes["22-NQ/TW@2008"]


def test_a_document_without_number_is_its_source():
    assert record_node_id({"source": "a.txt", "document": {"number": None}}) == "source:a.txt"


@pytest.mark.parametrize("fmt,reader", [
    ("gexf", nx.read_gexf),
    ("graphml", nx.read_graphml),
    ("json", lambda p: nx.node_link_graph(json.loads(Path(p).read_text(encoding="utf-8")), edges="links")),
])
def test_exports_round_trip(graph, tmp_path, fmt, reader):
    out = tmp_path / f"g.{fmt}"
    export_graph(graph, fmt, out)
    back = reader(out)
    assert set(back.nodes) == set(graph.nodes)
    assert back.number_of_edges() == graph.number_of_edges()
    edge = back.edges["15-NQ/TU@Bình Thuận@2008", "22-NQ/TW@2008"]
    assert edge["relation"] == "implements" and int(edge["mentions"]) == 5


def test_csv_export_writes_edges_and_nodes(graph, tmp_path):
    edges_path, nodes_path = export_graph(graph, "csv", tmp_path / "g.csv")
    with edges_path.open(encoding="utf-8") as fh:
        edges = list(csv.DictReader(fh))
    with nodes_path.open(encoding="utf-8") as fh:
        nodes = list(csv.DictReader(fh))
    assert len(edges) == graph.number_of_edges() and len(nodes) == graph.number_of_nodes()
    assert any(e["target"] == "22-NQ/TW@2008" and e["relation"] == "implements" for e in edges)


def test_unknown_format_is_a_clear_error(graph, tmp_path):
    with pytest.raises(DocumentError, match="unknown graph format"):
        export_graph(graph, "dot", tmp_path / "g.dot")


def test_cli_export_and_show(tmp_path, capsys):
    from pipeline.store import Store

    db = tmp_path / "d.db"
    with Store(db) as store:
        for path in CORPUS:
            store.ingest(citation_extraction(path))
    out = tmp_path / "g.gexf"
    assert main(["export", "graph", "--format", "gexf", "--out", str(out), "--db", str(db)]) == 0
    assert nx.read_gexf(out).number_of_nodes() > len(CORPUS)
    capsys.readouterr()
    assert main(["graph", "show", "22-NQ/TW", "--db", str(db)]) == 0
    shown = capsys.readouterr().out
    assert "000_12b74036f273f99d.txt" in shown and "002_6b90be9875502fca.txt" in shown
    assert main(["graph", "show", "nothing-here", "--db", str(db)]) == 1
    assert "no document" in capsys.readouterr().err
    assert main(["graph", "show", "22-NQ/TW", "--db", str(tmp_path / "missing.db")]) == 1


def test_cli_graph_reads_the_light_graph_column_and_builds_the_same_graph(tmp_path, monkeypatch):
    """`export graph` reads store.graph_records(), never the full records, and the result is unchanged."""
    from pipeline.store import Store

    db = tmp_path / "d.db"
    with Store(db) as store:
        for path in CORPUS:
            store.ingest(citation_extraction(path))
        full = build_graph(store.records())

    def _no_full_records(self):
        raise AssertionError("the graph command must not read full records")

    monkeypatch.setattr(Store, "records", _no_full_records)
    out = tmp_path / "g.json"
    assert main(["export", "graph", "--format", "json", "--out", str(out), "--db", str(db)]) == 0
    back = nx.node_link_graph(json.loads(out.read_text(encoding="utf-8")), edges="links")
    assert set(back.nodes) == set(full.nodes)
    assert {(a, b, d["relation"]) for a, b, d in back.edges(data=True)} == {
        (a, b, d["relation"]) for a, b, d in full.edges(data=True)
    }
