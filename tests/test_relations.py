"""Typed relations (căn cứ, thay thế, sửa đổi, hướng dẫn, sơ kết/tổng kết): the cue table and the graph."""

from __future__ import annotations

import networkx as nx
import pytest

from pipeline.citations import find_citations
from pipeline.errors import DocumentError
from pipeline.graph import build_graph, export_graph, graph_show
from pipeline.model import DocumentMeta, Regions
from pipeline.relations import edge_type, parse_relation_table, relation_examples, relation_label

EXAMPLES = relation_examples()


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{e['type']}: {e['text'][:40]}" for e in EXAMPLES])
def test_relation_table_examples(example):
    text = ("Mở đầu.\nI. TÌNH HÌNH\n" if example.get("where") == "body" else "") + example["text"]
    meta = DocumentMeta(doc_type=example.get("doc_type", "Kế hoạch"))
    found = find_citations(text, meta, Regions(0, 0, len(text)))
    assert [c.relation_type for c in found] == example["types"]


def test_every_type_has_a_label_and_an_example():
    names = {e["type"] for e in EXAMPLES}
    assert {"legal_basis", "replaces", "amends", "guides", "reviews", "implements", "cites"} <= names
    assert relation_label("replaces") == "thay thế / bãi bỏ"


def test_the_contract_relation_is_kept_beside_the_type():
    text = "Căn cứ Điều lệ Đảng; Thực hiện Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị, Ban Thường vụ ban hành kế hoạch."
    found = [c.to_dict() for c in find_citations(text, DocumentMeta(), Regions(0, 0, len(text)))]
    assert [(c["relation"], c["relation_type"]) for c in found] == [("cites", "legal_basis"), ("implements", "implements")]


@pytest.mark.parametrize(("data", "problem"), [
    ({}, "thiếu danh sách `types`"),
    ({"types": [{"name": "x", "label": "x", "rank": 1}]}, "thiếu examples"),
    ({"types": [{"name": "x", "label": "x", "rank": 1, "examples": [], "before": ["(x"]}]}, "mẫu cụm từ không hợp lệ"),
])
def test_a_bad_table_is_a_clear_error(data, problem):
    with pytest.raises(DocumentError, match=problem) as err:
        parse_relation_table(data)
    assert "relations.yaml" in str(err.value)


def test_edge_type_takes_the_strongest_type():
    assert edge_type(["cites", "legal_basis"]) == "legal_basis"
    assert edge_type(["implements", "replaces", "cites"]) == "replaces"
    assert edge_type([]) == "cites"


def _record(source, number, date, citations):
    return {"source": source, "document": {"doc_type": "Chỉ thị", "number": number, "issued_date": date,
                                           "issuer": "Ban Bí thư", "level": "central"},
            "citations": [{"target": t, "number": t.split("@")[0], "relation": r, "relation_type": rt, "context": ""}
                          for t, r, rt in citations], "tasks": []}


RECORDS = [
    _record("new.txt", "20-CT/TW", "2023-01-05", [("10-CT/TW@2016", "cites", "replaces"),
                                                  ("10-CT/TW@2016", "cites", "cites"),
                                                  ("24-QĐ/TW@2021", "cites", "legal_basis")]),
    _record("old.txt", "10-CT/TW", "2016-12-05", []),
]


def test_graph_edges_carry_the_type_and_replaced_documents_are_superseded(tmp_path):
    g = build_graph(RECORDS)
    assert g.edges["20-CT/TW@2023", "10-CT/TW@2016"]["relation_type"] == "replaces"
    assert g.edges["20-CT/TW@2023", "10-CT/TW@2016"]["relation"] == "cites"
    assert g.edges["20-CT/TW@2023", "24-QĐ/TW@2021"]["relation_type"] == "legal_basis"
    assert g.nodes["10-CT/TW@2016"]["superseded_by"] == "20-CT/TW@2023"
    assert g.nodes["20-CT/TW@2023"]["superseded_by"] == ""
    assert graph_show(g, "10-CT/TW")["node"]["superseded_by"] == "20-CT/TW@2023"
    for fmt, reader in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
        export_graph(g, fmt, tmp_path / f"g.{fmt}")
        back = reader(tmp_path / f"g.{fmt}")
        assert back.edges["20-CT/TW@2023", "10-CT/TW@2016"]["relation_type"] == "replaces"
        assert back.nodes["10-CT/TW@2016"]["superseded_by"] == "20-CT/TW@2023"


def test_records_without_relation_type_fall_back_to_relation():
    old = [dict(r, citations=[{k: v for k, v in c.items() if k != "relation_type"} for c in r["citations"]])
           for r in RECORDS]
    g = build_graph(old)
    assert g.edges["20-CT/TW@2023", "10-CT/TW@2016"]["relation_type"] == "cites"
