"""`search QUERY`: accent-insensitive full-text search ("dang uy khoi" finds "Đảng ủy khối")."""

from __future__ import annotations

import argparse
import json
import sys

from .tasks import add_db_option, open_store


def register(cli) -> None:
    parser = cli.command("search", "accent-insensitive full-text search over the stored documents")
    parser.add_argument("query", metavar="QUERY", help='words to find, accents optional ("sinh hoat chi bo")')
    parser.add_argument("--limit", type=int, default=20, help="at most N passages (default 20)")
    parser.add_argument("--json", action="store_true", help="JSON Lines, one passage per line")
    add_db_option(parser)
    parser.set_defaults(func=run)


def _mark(snippet: str, spans: list) -> str:
    """Bracket the matched words so they stand out in a terminal without colours."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start >= merged[-1][1] and not snippet[merged[-1][1] : start].strip():
            merged[-1][1] = max(merged[-1][1], end)  # adjacent words: one bracket
        else:
            merged.append([start, end])
    out, pos = [], 0
    for start, end in merged:
        if start < pos:
            continue
        out += [snippet[pos:start], "[", snippet[start:end], "]"]
        pos = end
    out.append(snippet[pos:])
    return "".join(out)


def run(args: argparse.Namespace) -> int:
    store = open_store(args)
    if store is None:
        return 1
    with store:
        hits = store.search(args.query, limit=args.limit)
    if args.json:
        for hit in hits:
            print(json.dumps(hit, ensure_ascii=False))
        return 0
    for hit in hits:
        where = hit["doc_number"] or hit["source"]
        print(f"#{hit['document_id']} {where} §{hit['section'] or '-'}")
        print(f"    {' '.join(_mark(hit['snippet'], hit['match_spans']).split())}")
    print(f"{len(hits)} passages", file=sys.stderr)
    return 0
