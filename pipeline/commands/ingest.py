"""`ingest PATH...`: extract files (or whole folders) and store them in the database."""

from __future__ import annotations

import argparse
import errno
import sqlite3
import sys
from collections import Counter
from pathlib import Path

from tqdm import tqdm

from ..errors import DocumentError, display_name
from .tasks import add_db_option, open_store

DOCUMENT_SUFFIXES = {".txt", ".docx", ".doc", ".pdf", ".html", ".htm"}


def register(cli) -> None:
    parser = cli.command("ingest", "extract directive files or folders (recursively) into the database")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    add_db_option(parser)
    parser.set_defaults(func=run)


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


def _disk_full(err: BaseException) -> bool:
    """SQLite's "database or disk is full", or ENOSPC from a write."""
    return (isinstance(err, sqlite3.OperationalError) and "full" in str(err)) or (
        isinstance(err, OSError) and err.errno == errno.ENOSPC
    )


def _notices(shown: str, extraction, result) -> list[str]:
    """Stored, but worth a line: parts that could not be read, a duplicate, user data to review."""
    lines = [f"{shown}: warning: {warning}" for warning in extraction.warnings]
    if result.duplicate_of:
        lines.append(
            f"{shown}: same directive as {display_name(result.duplicate_of)} (number, issuer, date); kept the stored one"
        )
    if result.orphaned:
        lines.append(
            f"{shown}: {result.orphaned} task(s) with user data no longer found or not certain;"
            " kept and flagged for review (`tasks --orphans`)"
        )
    return lines


def run(args: argparse.Namespace) -> int:
    files, failures, skipped = collect_files(args.paths)
    for line in failures:
        print(line, file=sys.stderr)
    for line in skipped:
        print(f"{line}: skipped, the link leads outside the folder being ingested", file=sys.stderr)
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
            shown = display_name(path)
            try:
                extraction = sandbox.extract(path)
                result = store.ingest(extraction)
                counts[result.status] += 1
                for line in _notices(shown, extraction, result):
                    tqdm.write(line, file=sys.stderr)
            except DocumentError as err:
                counts["failed"] += 1
                tqdm.write(err.message if err.path else f"{shown}: {err.message}", file=sys.stderr)
            except Exception as err:  # noqa: BLE001 - one bad file must not stop the others
                counts["failed"] += 1
                if _disk_full(err):
                    tqdm.write(f"{shown}: not stored, the disk is full; free some space and ingest again", file=sys.stderr)
                    break  # every other file would fail the same way
                tqdm.write(f"{shown}: unexpected error ({type(err).__name__}: {err}); please report it", file=sys.stderr)
    print(
        f"{counts['added']} added, {counts['unchanged']} unchanged, {counts['replaced']} replaced,"
        f" {counts['failed']} failed" + (f", {len(skipped)} link(s) leading outside the folder skipped" if skipped else "")
    )
    return 1 if counts["failed"] else 0
