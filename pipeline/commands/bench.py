"""`bench [--copies 1000] [--quick] [--json]`: speed and scale figures for the README."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import DocumentError


def register(cli) -> None:
    parser = cli.command("bench", "benchmark extract vs word segmentation, ingest and task queries")
    parser.add_argument("--copies", type=int, default=1000, metavar="N",
                        help="varied copies of the corpus documents to extract (default: 1000)")
    parser.add_argument("--quick", action="store_true",
                        help="a few copies and a small query database: seconds, for tests and smoke checks")
    parser.add_argument("--corpus", metavar="DIR", help="directory of .txt directives (default: corpus/)")
    parser.add_argument("--query-tasks", type=int, metavar="N",
                        help="tasks in the synthetic query database (default: 100000; 500 with --quick)")
    parser.add_argument("--query-db", metavar="PATH",
                        help="reuse (or keep) the synthetic query database at PATH instead of a temporary one")
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    parser.add_argument("--profile", action="store_true",
                        help="instead of timing, print a pyinstrument call tree of extract over --copies copies")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..bench import CORPUS_DIR, profile_extract, render_markdown, run_bench

    if args.copies < 1:
        print("error: --copies must be at least 1", file=sys.stderr)
        return 2
    try:
        if args.profile:
            print(profile_extract(args.copies, args.corpus or CORPUS_DIR))
            return 0
        result = run_bench(args.copies, quick=args.quick, corpus_dir=args.corpus or CORPUS_DIR,
                           query_tasks=args.query_tasks, query_db=args.query_db, progress=True)
    except DocumentError as err:
        print(f"error: {err.message}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(render_markdown(result))
    return 0
