"""`ingest PATH...`: extract files (or whole folders) and store them in the database."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from tqdm import tqdm

from ..errors import DocumentError
from .tasks import add_db_option, open_store

DOCUMENT_SUFFIXES = {".txt", ".docx", ".doc", ".pdf", ".html", ".htm"}


def register(cli) -> None:
    parser = cli.command("ingest", "extract directive files or folders (recursively) into the database")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    add_db_option(parser)
    parser.set_defaults(func=run)


def collect_files(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Files to ingest (folders searched recursively for document types) and one-line errors for bad paths."""
    files: list[Path] = []
    errors: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES and not p.name.startswith((".", "~$"))
            )
            if not found:
                errors.append(f"{raw}: no directive files found (looked for {', '.join(sorted(DOCUMENT_SUFFIXES))})")
            files += found
        elif path.is_file():
            files.append(path)
        else:
            errors.append(f"{raw}: no such file or folder")
    return files, errors


def run(args: argparse.Namespace) -> int:
    files, failures = collect_files(args.paths)
    for line in failures:
        print(line, file=sys.stderr)
    from ..sandbox import Sandbox  # lazy: loads every stage, not needed for --help

    sandbox = Sandbox()
    sandbox.start()  # forked before the database is opened: the worker holds no connection
    store = open_store(args)
    if store is None:
        sandbox.close()
        return 1
    counts: Counter[str] = Counter()
    counts["failed"] = len(failures)
    progress = tqdm(files, desc="ingest", unit="file", file=sys.stderr, disable=len(files) < 2)
    with sandbox, store, progress:
        for path in progress:
            try:
                extraction = sandbox.extract(path)
                result = store.ingest(extraction)
                counts[result.status] += 1
                # Stored, but part of it could not be read (no header, mixed encodings...): say what.
                for warning in extraction.warnings:
                    tqdm.write(f"{path}: warning: {warning}", file=sys.stderr)
                if result.duplicate_of:
                    tqdm.write(
                        f"{path}: same directive as {result.duplicate_of} (number, issuer, date); kept the stored one",
                        file=sys.stderr,
                    )
                if result.orphaned:
                    tqdm.write(
                        f"{path}: {result.orphaned} task(s) with user data no longer found or not certain;"
                        " kept and flagged for review (`tasks --orphans`)",
                        file=sys.stderr,
                    )
            except DocumentError as err:
                counts["failed"] += 1
                tqdm.write(err.message if err.path else f"{path}: {err.message}", file=sys.stderr)
            except Exception as err:  # noqa: BLE001 - one bad file must not stop the others
                counts["failed"] += 1
                tqdm.write(f"{path}: unexpected error ({type(err).__name__}: {err}); please report it", file=sys.stderr)
    print(
        f"{counts['added']} added, {counts['unchanged']} unchanged, {counts['replaced']} replaced,"
        f" {counts['failed']} failed"
    )
    return 1 if counts["failed"] else 0
