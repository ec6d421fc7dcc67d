"""Citation graph over extraction records: who cites and implements whom, across levels.

Nodes are canonical document ids (the citations' `target`, `pipeline.citations.document_target`
for corpus documents).  Edges point from the citing document to the cited one and carry the
relation ("implements" wins over "cites"), the number of mentions and their contexts.
Researchers use the metrics here and the exports (Gephi: GEXF/GraphML; JSON; CSV).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import networkx as nx

from .citations import document_target, level_of_number
from .errors import DocumentError
from .model import DocumentMeta
from .relations import edge_type, mark_superseded
from .safe_export import check_csv, check_json, check_xml, clean_text, neutral_cell, write_validated

EXPORT_FORMATS = ("gexf", "graphml", "json", "csv")
SCHEMA = "directive-extraction/1"
CONTEXT_SEPARATOR = " ‖ "


def citation_record(path: str | Path, source: str | None = None) -> dict:
    """A contract record with only what the graph needs (document + citations) for one file.

    Runs read → clean → header → citations, skipping sections and tasks, so notebooks and tests
    can build a graph from files quickly without a database.  Raises DocumentError.
    """
    from .citations import find_citations
    from .normalize import normalize
    from .readers import load_document
    from .structure import find_regions, parse_metadata

    text = normalize(load_document(path).text).text
    regions = find_regions(text)
    meta = parse_metadata(text, regions)
    return {
        "schema": SCHEMA,
        "source": source or str(path),
        "document": meta.to_dict(),
        "citations": [c.to_dict() for c in find_citations(text, meta, regions)],
        "tasks": [],
    }


def _meta_from_record(document: dict) -> DocumentMeta:
    issued = document.get("issued_date")
    try:
        issued_date = date.fromisoformat(issued) if issued else None
    except ValueError:
        issued_date = None
    return DocumentMeta(
        doc_type=document.get("doc_type"),
        number=document.get("number"),
        issuer=document.get("issuer") if isinstance(document.get("issuer"), str) else None,
        issued_date=issued_date,
        locality=document.get("locality"),
        level=document.get("level"),
        title=document.get("title"),
    )


def record_node_id(record: dict) -> str:
    """The node id of a stored document: its canonical target, else its source path."""
    document = record.get("document") or {}
    target = document_target(_meta_from_record(document))
    return target or f"source:{record.get('source', '?')}"


def _level_of(number: str | None, fallback: str | None = None) -> str:
    return level_of_number(number) or fallback or "unknown"


def _short_label(doc: dict, source: str) -> str:
    """A readable label for an unnumbered document: its type and issuer, else its file name."""
    issuer = doc.get("issuer") if isinstance(doc.get("issuer"), str) else None
    if doc.get("doc_type") and issuer:
        return f"{doc['doc_type']} – {issuer}"
    return Path(source).name


def _year(value: str | None) -> int:
    return int(value[:4]) if value and re.match(r"\d{4}", value) else 0


def _merge_map(ids: set[str]) -> dict[str, str]:
    """Map under-specified ids ("10-CT/TW", "15-NQ/TU@Bình Thuận") to the one full id that fits."""
    full = [i for i in ids if re.search(r"@\d{4}$", i) or re.fullmatch(r"\d+/\d{4}/\S+", i)]
    mapping = {}
    for ident in ids:
        if ident in full:
            continue
        parts = ident.split("@")
        number, rest = parts[0], [p for p in parts[1:] if not p.startswith("khóa ")]
        terms = [p.split(" ", 1)[1] for p in parts[1:] if p.startswith("khóa ")]
        fits = [f for f in full if f.split("@")[0] == number and all(p in f.split("@")[1:] for p in rest)
                and all(_year_in_term(f, t) for t in terms)]
        if len(fits) == 1:
            mapping[ident] = fits[0]
    return mapping


def _year_in_term(ident: str, term: str) -> bool:
    """Whether the year of a full id falls in a Party term (unknown terms do not exclude)."""
    from .registry import load_registry

    year = _year(ident.rsplit("@", 1)[-1])
    spans = [t for t in load_registry().terms if t["term"] == term]
    if not year or not spans:
        return True
    end = spans[0]["end"]
    return spans[0]["start"].year <= year <= (end.year if end else 9999)


def build_graph(records: Iterable[dict]) -> nx.DiGraph:
    """A directed citation graph from extraction records (contract dicts)."""
    records = [r for r in records if not r.get("error")]
    node_of_record = {id(r): record_node_id(r) for r in records}
    ids = set(node_of_record.values())
    for r in records:
        ids.update(c["target"] for c in r.get("citations", []) if c.get("target"))
    merge = _merge_map(ids)

    g = nx.DiGraph()
    for r in records:
        node = merge.get(node_of_record[id(r)], node_of_record[id(r)])
        doc = r.get("document") or {}
        issuer = doc.get("issuer")
        g.add_node(
            node,
            label=doc.get("number") or _short_label(doc, r.get("source", node)),
            in_corpus=True,
            source=r.get("source", ""),
            doc_type=doc.get("doc_type") or "",
            number=doc.get("number") or "",
            issuer=issuer if isinstance(issuer, str) else (issuer[0] if issuer else ""),
            issued_date=doc.get("issued_date") or "",
            year=_year(doc.get("issued_date")),
            level=doc.get("level") or _level_of(doc.get("number")),
            title=doc.get("title") or "",
        )
        if r.get("document_id") is not None:  # records from pipeline.store carry their row id
            g.nodes[node]["document_id"] = int(r["document_id"])
    for r in records:
        citing = merge.get(node_of_record[id(r)], node_of_record[id(r)])
        for c in r.get("citations", []):
            if not c.get("target"):
                continue
            cited = merge.get(c["target"], c["target"])
            if cited == citing:
                continue
            if cited not in g:
                g.add_node(
                    cited,
                    label=c.get("number") or c.get("title") or cited,
                    in_corpus=False,
                    source="",
                    doc_type=c.get("doc_type") or "",
                    number=c.get("number") or "",
                    issuer=c.get("issuer") or "",
                    issued_date=c.get("issued_date") or "",
                    year=_year(c.get("issued_date")) or _year(cited.rsplit("@", 1)[-1]),
                    level=_level_of(c.get("number"), "central" if c.get("doc_type") in ("Điều lệ", "Cương lĩnh", "Hiến pháp") else None),
                    title=c.get("title") or c.get("subject") or "",
                )
            else:
                attrs = g.nodes[cited]
                for key in ("issuer", "issued_date", "doc_type", "number"):
                    if not attrs.get(key) and c.get(key):
                        attrs[key] = c[key]
                if not attrs.get("year") and c.get("issued_date"):
                    attrs["year"] = _year(c["issued_date"])
            if g.has_edge(citing, cited):
                edge = g.edges[citing, cited]
                edge["mentions"] += 1
                edge["contexts"].append(c.get("context", ""))
                if c.get("relation") == "implements":
                    edge["relation"] = "implements"
                edge["relation_type"] = edge_type([edge["relation_type"], c.get("relation_type") or c.get("relation") or "cites"])
            else:
                g.add_edge(citing, cited, relation=c.get("relation") or "cites", mentions=1, contexts=[c.get("context", "")],
                           relation_type=c.get("relation_type") or c.get("relation") or "cites")
    mark_superseded(g)
    return g


# --- metrics ----------------------------------------------------------------------------------


def most_cited(g: nx.DiGraph, limit: int | None = None) -> list[dict]:
    """Documents by how many documents cite them (in-degree), then by mentions and PageRank."""
    ranks = pagerank(g)
    rows = [
        {
            "target": n,
            "label": g.nodes[n].get("label", n),
            "in_corpus": g.nodes[n].get("in_corpus", False),
            "cited_by": g.in_degree(n),
            "mentions": sum(d["mentions"] for _, _, d in g.in_edges(n, data=True)),
            "pagerank": ranks.get(n, 0.0),
        }
        for n in g.nodes
    ]
    rows.sort(key=lambda r: (-r["cited_by"], -r["mentions"], -r["pagerank"], r["target"]))
    return rows[:limit] if limit else rows


def pagerank(g: nx.DiGraph) -> dict[str, float]:
    """PageRank weighted by mentions (empty graph → {})."""
    if g.number_of_nodes() == 0:
        return {}
    return nx.pagerank(g, weight="mentions")


def _implements_graph(g: nx.DiGraph) -> nx.DiGraph:
    sub = nx.DiGraph()
    sub.add_nodes_from(g.nodes)
    sub.add_edges_from((u, v) for u, v, d in g.edges(data=True) if d.get("relation") == "implements")
    return sub


def _maximal_paths(sub: nx.DiGraph, start: str, forward: bool = True) -> list[list[str]]:
    """All maximal simple paths from `start` along (or against) the edges."""
    step = sub.successors if forward else sub.predecessors
    paths: list[list[str]] = []
    stack = [[start]]
    while stack:
        path = stack.pop()
        nexts = [n for n in step(path[-1]) if n not in path]
        if not nexts:
            paths.append(path)
        for n in nexts:
            stack.append(path + [n])
    return paths


def implementation_chains(g: nx.DiGraph, min_length: int = 2) -> list[list[str]]:
    """Longest `implements` paths, implementer first: [town project, provincial programme, central resolution]."""
    sub = _implements_graph(g)
    starts = [n for n in sub.nodes if sub.in_degree(n) == 0 and sub.out_degree(n) > 0]
    chains = [p for s in starts for p in _maximal_paths(sub, s) if len(p) >= min_length]
    chains.sort(key=lambda p: (-len(p), p))
    return chains


def missing_documents(g: nx.DiGraph) -> list[dict]:
    """Documents cited but not in the corpus: what a researcher should collect next."""
    return [r for r in most_cited(g) if not r["in_corpus"]]


def citations_by_year(g: nx.DiGraph) -> dict[int, int]:
    """Mentions per year of the cited document (0 = year unknown)."""
    counts: Counter[int] = Counter()
    for _, v, d in g.edges(data=True):
        counts[int(g.nodes[v].get("year") or 0)] += d["mentions"]
    return dict(sorted(counts.items()))


def citations_by_level(g: nx.DiGraph) -> dict[str, int]:
    """Mentions per level of the cited document (central, province, district, state ...)."""
    counts: Counter[str] = Counter()
    for _, v, d in g.edges(data=True):
        counts[g.nodes[v].get("level") or "unknown"] += d["mentions"]
    return dict(counts.most_common())


def resolve_node(g: nx.DiGraph, target: str) -> str:
    """Accept a full id ("22-NQ/TW@2008"), a number ("22-NQ/TW") or a source path."""
    if target in g:
        return target
    candidates = [n for n in g.nodes if n.split("@")[0] == target or g.nodes[n].get("source") == target
                  or g.nodes[n].get("number") == target]
    if not candidates:
        low = target.lower()
        candidates = [n for n in g.nodes if low in n.lower() or low in str(g.nodes[n].get("label", "")).lower()]
    if not candidates:
        raise DocumentError(None, f"no document {target!r} in the citation graph",
                            "use a number such as 22-NQ/TW or a target from `export graph`")
    candidates.sort(key=lambda n: (-g.in_degree(n), n))
    return candidates[0]


def graph_show(g: nx.DiGraph, target: str) -> dict:
    """What cites a document, what it cites, and its implementation chains up and down."""
    node = resolve_node(g, target)
    others = [n for n in g.nodes if n != node and n.split("@")[0] == node.split("@")[0]]
    sub = _implements_graph(g)

    def edge_row(u: str, v: str, other: str) -> dict:
        d = g.edges[u, v]
        return {"target": other, "label": g.nodes[other].get("label", other), "in_corpus": g.nodes[other].get("in_corpus", False),
                "source": g.nodes[other].get("source", ""), "relation": d["relation"], "mentions": d["mentions"],
                "relation_type": d.get("relation_type", d["relation"]),
                "contexts": list(d["contexts"])}

    up = [p for p in _maximal_paths(sub, node, forward=True) if len(p) > 1]
    down = [p for p in _maximal_paths(sub, node, forward=False) if len(p) > 1]
    return {
        "target": node,
        "node": dict(g.nodes[node]),
        "also_matching": others,
        "cited_by": sorted((edge_row(u, node, u) for u in g.predecessors(node)), key=lambda r: r["target"]),
        "cites": sorted((edge_row(node, v, v) for v in g.successors(node)), key=lambda r: r["target"]),
        "chain_up": up,
        "chain_down": down,
    }


# --- export -----------------------------------------------------------------------------------


def _safe(value: object) -> str | int | float | bool:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        return clean_text(CONTEXT_SEPARATOR.join(str(v) for v in value))
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, (bool, int, float)):
        return value
    return clean_text(str(value))


def safe_graph(g: nx.DiGraph) -> nx.DiGraph:
    """A copy whose attributes GEXF/GraphML can store: no None, no lists, one type per key."""
    out = nx.DiGraph()
    for n, d in g.nodes(data=True):
        out.add_node(_safe(n), **{k: _safe(v) for k, v in d.items()})
    for u, v, d in g.edges(data=True):
        out.add_edge(_safe(u), _safe(v), **{k: _safe(val) for k, val in d.items()})
    return out


def _csv_bytes(header: list[str], rows) -> bytes:
    """CSV with every cell neutralised (OWASP): a title starting with "=" stays text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([neutral_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def _edges_csv(g: nx.DiGraph) -> bytes:
    rows = (
        [u, v, d["relation"], d["mentions"], _safe(d["contexts"]), d.get("relation_type", d["relation"])]
        for u, v, d in g.edges(data=True)
    )
    return _csv_bytes(["source", "target", "relation", "mentions", "contexts", "relation_type"], rows)


def _nodes_csv(g: nx.DiGraph) -> bytes:
    keys = ["label", "in_corpus", "source", "doc_type", "number", "issuer", "issued_date", "year", "level", "title",
            "superseded_by"]
    ranks = pagerank(g)
    rows = (
        [n, *(_safe(d.get(k)) for k in keys), g.in_degree(n), round(ranks.get(n, 0.0), 6)]
        for n, d in g.nodes(data=True)
    )
    return _csv_bytes(["id", *keys, "in_degree", "pagerank"], rows)


def export_graph(g: nx.DiGraph, fmt: str, out: str | Path) -> list[Path]:
    """Write the graph as gexf, graphml, json (node-link) or csv (edges FILE + FILE.nodes.csv)."""
    if fmt not in EXPORT_FORMATS:
        raise DocumentError(str(out), f"unknown graph format {fmt!r}", f"use one of {', '.join(EXPORT_FORMATS)}")
    path = Path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DocumentError(str(path), f"cannot create the folder: {exc.strerror or exc}", "choose another --out") from None
    if fmt == "csv":
        nodes_path = path.with_name(path.stem + ".nodes.csv")
        write_validated(path, _edges_csv(g), check_csv, "graph CSV")
        write_validated(nodes_path, _nodes_csv(g), check_csv, "graph CSV")
        return [path, nodes_path]
    buffer = io.BytesIO()
    if fmt == "gexf":
        nx.write_gexf(safe_graph(g), buffer)
    elif fmt == "graphml":
        nx.write_graphml(safe_graph(g), buffer)
    else:
        data = nx.node_link_data(g, edges="links")
        buffer.write(json.dumps(data, ensure_ascii=False, indent=1, default=str).encode("utf-8"))
    write_validated(path, buffer.getvalue(), check_json if fmt == "json" else check_xml, fmt.upper())
    return [path]
