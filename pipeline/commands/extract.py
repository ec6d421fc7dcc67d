"""`extract FILE... [--json]`: print one extraction record per file (JSON Lines)."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import DocumentError, display_name
from ..model import SCHEMA
from ..sandbox import Sandbox


def register(cli) -> None:
    parser = cli.command("extract", "extract metadata, citations and tasks from directive files")
    parser.add_argument("files", nargs="+", metavar="FILE", help="directive files (.txt .docx .doc .pdf .html)")
    parser.add_argument("--json", action="store_true", help="print JSON Lines per the extraction contract")
    parser.set_defaults(func=run)


def _summary(record: dict) -> str:
    doc = record["document"]
    head = " · ".join(str(v) for v in (doc["doc_type"], doc["number"], doc["issuer"], doc["issued_date"]) if v)
    lines = [f"{record['source']}: {head or '(no header)'}"]
    if doc["title"]:
        lines.append(f"  {doc['title'][:120]}")
    lines.append(f"  {len(record['citations'])} citations, {len(record['tasks'])} tasks")
    for task in record["tasks"]:
        who = ", ".join(task["responsible"]) or "—"
        due = task["deadline"]["text"] if task["deadline"] else ""
        lines.append(f"  [{task['section'] or ''}] {who}: {task['text'][:80]}{' — ' + due if due else ''}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    failed = 0
    with Sandbox() as sandbox:
        for path in _progress(args.files):
            failed += _one(sandbox, path, args.json)
    return 1 if failed else 0


def _progress(files: list[str]) -> list[str]:
    """A progress bar from five files on (tqdm is imported only then: one file starts faster)."""
    if len(files) < 5:
        return files
    from tqdm import tqdm

    return tqdm(files, desc="extract", unit="file", file=sys.stderr)


def _one(sandbox: Sandbox, path: str, as_json: bool) -> int:
    """Print one file's record (or its error line); 1 if it failed."""
    try:
        record = sandbox.extract(path).to_dict()
    except DocumentError as err:
        record = {"schema": SCHEMA, "source": str(path), "error": err.message}
        print(f"error: {err.message}", file=sys.stderr)
    except Exception as err:  # noqa: BLE001 - one bad file must not lose the others' results
        message = f"{display_name(path)}: unexpected error while extracting ({type(err).__name__}: {err}); please report it"
        record = {"schema": SCHEMA, "source": str(path), "error": message}
        print(f"error: {message}", file=sys.stderr)
    if as_json:
        print(json.dumps(record, ensure_ascii=False), flush=True)
    elif "error" not in record:
        print(_summary(record))
    return 1 if "error" in record else 0
