"""`ingest PATH...`: extract files (or whole folders) and store them in the database."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

from tqdm import tqdm

from ..errors import DocumentError, display_name
from .tasks import add_db_option, open_store

DOCUMENT_SUFFIXES = {".txt", ".docx", ".doc", ".pdf", ".html", ".htm"}


def register(cli) -> None:
    parser = cli.command("ingest", "extract directive files or folders (recursively) into the database")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    parser.add_argument("--workers", type=_positive, default=None, metavar="N",
                        help="extract in N worker processes (default: one per CPU core)")
    parser.add_argument("--engine", choices=("plain", "dask"), default="plain",
                        help="plain: worker processes on this machine; dask: a Dask cluster (default: plain)")
    parser.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                        help="with --engine dask: an existing cluster's scheduler (default: a local cluster)")
    add_db_option(parser)
    parser.set_defaults(func=run)


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a number of workers: {value!r} (use 1 or more)")
    return int(value)


def collect_files(paths: list[str]) -> tuple[list[Path], list[str], list[str]]:
    """Files to ingest (folders searched recursively for document types), one-line errors for bad
    paths, and the links found in a folder that lead out of it (skipped: a link to /etc/passwd
    in a shared folder must not end up in the database)."""
    files: list[Path] = []
    errors: list[str] = []
    skipped: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            root = path.resolve()
            found = []
            for p in sorted(path.rglob("*")):
                if not (p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES and not p.name.startswith((".", "~$"))):
                    continue
                if p.resolve().is_relative_to(root):
                    found.append(p)
                else:
                    skipped.append(f"{display_name(p)} -> {display_name(p.resolve())}")
            if not found and not skipped:
                errors.append(
                    f"{display_name(raw)}: no directive files found (looked for {', '.join(sorted(DOCUMENT_SUFFIXES))})"
                )
            files += found
        elif path.is_file():
            files.append(path)
        else:
            errors.append(f"{display_name(raw)}: no such file or folder")
    return files, errors, skipped


def run(args: argparse.Namespace) -> int:
    files, failures, skipped = collect_files(args.paths)
    for line in failures:
        print(line, file=sys.stderr)
    for line in skipped:
        print(f"{line}: skipped, the link leads outside the folder being ingested", file=sys.stderr)
    if args.scheduler and args.engine != "dask":
        print("error: --scheduler needs --engine dask", file=sys.stderr)
        return 2
    from .. import parallel  # lazy: not needed for --help

    workers = min(args.workers or parallel.default_workers(), max(1, len(files)))  # no idle worker for a few files
    counts: Counter[str] = Counter()
    counts["failed"] = len(failures)
    with ExitStack() as stack:
        try:
            engine = stack.enter_context(parallel.open_engine(workers, args.engine, args.scheduler))  # before the database
        except DocumentError as err:
            print(f"error: {err.message}", file=sys.stderr)
            return 1
        store = open_store(args)
        if store is None:
            return 1
        stack.enter_context(store)
        progress = stack.enter_context(
            tqdm(total=len(files), desc="ingest", unit="file", file=sys.stderr, disable=len(files) < 2)
        )
        parallel.write_outcomes(store, engine.outcomes(files), counts, lambda line: tqdm.write(line, file=sys.stderr),
                       batch=1 if workers == 1 and args.engine == "plain" else parallel.BATCH, advance=progress.update)
    print(
        f"{counts['added']} added, {counts['unchanged']} unchanged, {counts['replaced']} replaced,"
        f" {counts['failed']} failed" + (f", {len(skipped)} link(s) leading outside the folder skipped" if skipped else "")
    )
    return 1 if counts["failed"] else 0
