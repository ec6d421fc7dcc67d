"""`export graph` and `graph show`: the citation graph of everything ingested into the database."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import DocumentError
from ..graph import EXPORT_FORMATS, build_graph, export_graph, graph_show
from .lineage import add_lineage_parser


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="PATH", default=None,
                        help="database file (default: $DIRECTIVES_DB or data/directives.db)")


def register(cli) -> None:
    export = cli.export("graph", "write the citation graph for Gephi/networkx (gexf, graphml, json, csv)")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="gexf", help="file format (default gexf)")
    export.add_argument("--out", metavar="FILE", required=True,
                        help="output file (csv: edges in FILE, nodes in FILE's stem + .nodes.csv)")
    _add_db(export)
    export.set_defaults(func=run_export)

    show = cli.command("graph", "explore the citation graph")
    sub = show.add_subparsers(dest="graph_command", metavar="WHAT")
    show.set_defaults(func=lambda args: _usage(show))
    show_one = sub.add_parser("show", help="what cites a document, what it cites, implementation chains",
                              description="what cites a document, what it cites, implementation chains up and down")
    show_one.add_argument("target", metavar="TARGET", help='a number ("22-NQ/TW"), a target ("22-NQ/TW@2008") or a source path')
    show_one.add_argument("--json", action="store_true", help="print the result as one JSON object")
    _add_db(show_one)
    show_one.set_defaults(func=run_show)
    add_lineage_parser(sub, _add_db)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _load_graph(args: argparse.Namespace):
    from ..store import Store, default_db_path

    path = default_db_path(getattr(args, "db", None))
    if not path.exists() and str(path) != ":memory:":
        raise DocumentError(str(path), "no database here", "run `python -m pipeline ingest corpus/` first or pass --db")
    with Store(path) as store:
        # graph_records(): the small graph column, not every full record (fast at 10,000 documents)
        records = list(store.graph_records())
    if not records:
        raise DocumentError(str(path), "the database holds no documents", "run `python -m pipeline ingest FILE...` first")
    return build_graph(records)


def run_export(args: argparse.Namespace) -> int:
    try:
        g = _load_graph(args)
        written = export_graph(g, args.format, args.out)
    except DocumentError as err:
        print(f"error: {err.message}", file=sys.stderr)
        return 1
    print(f"{g.number_of_nodes()} documents, {g.number_of_edges()} citation links → {', '.join(map(str, written))}",
          file=sys.stderr)
    return 0


def _label(row: dict) -> str:
    if row["target"].startswith("source:"):
        return f"{row['label']} [{row['source']}]"
    where = f" [{row['source']}]" if row.get("source") else (" (not in corpus)" if not row.get("in_corpus") else "")
    return f"{row['target']}{where}"


def _relation(row: dict) -> str:
    """"implements", or "cites (legal_basis)" when the text types the relation further."""
    kind = row.get("relation_type") or row["relation"]
    return row["relation"] if kind == row["relation"] else f"{row['relation']} ({kind})"


def run_show(args: argparse.Namespace) -> int:
    try:
        g = _load_graph(args)
        info = graph_show(g, args.target)
    except DocumentError as err:
        print(f"error: {err.message}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(info, ensure_ascii=False, default=str))
        return 0
    node = info["node"]
    print(f"{info['target']}  {node.get('doc_type', '')} {node.get('issuer', '')} {node.get('issued_date', '')}".rstrip())
    if node.get("source"):
        print(f"  in corpus: {node['source']}")
    if node.get("superseded_by"):
        print(f"  superseded by: {node['superseded_by']}")
    if info["also_matching"]:
        print(f"  other documents with this number: {', '.join(info['also_matching'])}")
    print(f"cited by ({len(info['cited_by'])}):")
    for row in info["cited_by"]:
        print(f"  ← {_label(row)}  {_relation(row)}, {row['mentions']} mention(s)")
    print(f"cites ({len(info['cites'])}):")
    for row in info["cites"]:
        print(f"  → {_label(row)}  {_relation(row)}, {row['mentions']} mention(s)")
    if info["chain_up"]:
        print("implements (chain up):")
        for path in info["chain_up"]:
            print("  " + " → ".join(path))
    if info["chain_down"]:
        print("implemented by (chain down):")
        for path in info["chain_down"]:
            print("  " + " ← ".join(path))
    return 0
