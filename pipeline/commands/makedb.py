"""`make-db --documents N [--out PATH]`: a large synthetic database for scale tests and benchmarks."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tqdm import tqdm

from ..errors import DocumentError
from ..store import DatabaseUrl, default_db_path
from .tasks import add_db_option


def register(cli) -> None:
    parser = cli.command("make-db", "generate a synthetic database by varying the corpus documents")
    parser.add_argument("--documents", type=int, default=10000, help="number of documents (default 10000)")
    parser.add_argument("--tasks-per-document", type=int, default=10, help="tasks per document (default 10)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same database)")
    parser.add_argument("--out", metavar="PATH", help="database to create (default: --db)")
    parser.add_argument("--bench", action="store_true", help="then time the task filters (p50/p95)")
    parser.add_argument("--append", action="store_true", help="add to an existing database instead of refusing")
    add_db_option(parser)
    parser.set_defaults(func=run)


def _taken(out: Path | DatabaseUrl) -> bool:
    """A file that exists, or a PostgreSQL database that already holds documents (an empty one is fine)."""
    if not isinstance(out, DatabaseUrl):
        return out.exists()
    from ..store import Store

    with Store(out) as store:
        return bool(store.documents())


def run(args: argparse.Namespace) -> int:
    from ..synthetic import make_db

    out = default_db_path(args.out or args.db)
    if not args.append and _taken(out):
        print(f"error: {out}: already exists; choose another --out or pass --append", file=sys.stderr)
        return 1
    started = time.perf_counter()
    try:
        with tqdm(total=args.documents, desc="make-db", unit="doc", file=sys.stderr) as bar:
            stats = make_db(
                out, args.documents, tasks_per_document=args.tasks_per_document, seed=args.seed, progress=bar.update
            )
    except DocumentError as err:
        print(f"error: {err.message}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(
        f"{stats['documents']} documents, {stats['tasks']} tasks, {stats['statuses']} statuses in {out}"
        f" ({elapsed:.1f} s)"
    )
    if args.bench:
        from ..store import Store
        from ..synthetic import benchmark_queries

        with Store(out) as store:
            for r in benchmark_queries(store):
                matches = "" if r["matches"] is None else f"  ({r['matches']} matches)"
                print(f"  {r['query']:<22} p50 {r['p50_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms{matches}")
    return 0
