"""`graph lineage TARGET`: which tasks of a document its implementing documents take up, and which no one did.

Attached to the `graph` command by pipeline/commands/graph.py (no `register` here).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable

from ..errors import DocumentError
from ..lineage import DEFAULT_THRESHOLD


def add_lineage_parser(sub: argparse._SubParsersAction,
                       add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    """The `graph lineage` sub-command and its options."""
    parser = sub.add_parser(
        "lineage", help="which tasks of a document its implementing documents take up, which no one did",
        description="for each task of TARGET: the tasks of the documents implementing it that carry it out "
                    "(score, evidence), the bodies that lead them, the delay; and the tasks no one took up")
    parser.add_argument("target", metavar="TARGET", help='a number ("75-KL/TW"), a target or a source path')
    parser.add_argument("--json", action="store_true",
                        help="a JSON list, one object per task of TARGET: task_key, section, text, implemented_by")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                        help=f"lowest link score kept (default {DEFAULT_THRESHOLD}; see eval/lineage/README.md)")
    parser.add_argument("--depth", type=int, default=1, metavar="N",
                        help="follow the chain N levels down: documents implementing the implementing ones (default 1)")
    parser.add_argument("--out", metavar="FILE", action="append", default=[],
                        help="also write FILE: .csv or .xlsx (one row per link), .gexf or .graphml (task nodes); may repeat")
    add_db(parser)
    parser.set_defaults(func=run_lineage)


def _open_store(args: argparse.Namespace):
    from ..store import Store, default_db_path

    path = default_db_path(getattr(args, "db", None))
    if not path.exists():
        raise DocumentError(str(path), "chưa có cơ sở dữ liệu ở đây",
                            "chạy `python -m pipeline ingest TỆP...` trước hoặc truyền --db")
    return Store(path)


def run_lineage(args: argparse.Namespace) -> int:
    from ..lineage import document_lineage
    from ..lineage_export import write_lineage

    try:
        with _open_store(args) as store:
            result = document_lineage(store, args.target, args.threshold, depth=max(1, args.depth))
        written = [(out, write_lineage(result, out)) for out in args.out]
    except DocumentError as err:
        print(f"lỗi: {err.message}", file=sys.stderr)
        return 1
    for out, n in written:
        unit = "nút" if out.lower().endswith((".gexf", ".graphml")) else "dòng"
        print(f"{out}: đã ghi {n} {unit}", file=sys.stderr)
    if args.json:
        print(json.dumps(result["tasks"], ensure_ascii=False, default=str))
    else:
        print_lineage(result)
    return 0


def _short(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _delay(days: int | None) -> str:
    """", 71 days later" — or "before", which in real documents flags a wrong date or link."""
    if days is None:
        return ""
    return f", {days} days later" if days >= 0 else f", {-days} days before (check the dates)"


def _print_links(links: list[dict], indent: str) -> None:
    """Each implementing task, and below it (with --depth) what carries it out further down."""
    for link in links:
        if not link["task_key"]:
            print(f"{indent}← {link['document']} as a whole: issued by {link['evidence']['issued_by']}, the body assigned")
            continue
        bodies = f" ({'; '.join(link['responsible'])})" if link["responsible"] else ""
        status = f" · {link['status']}" if link.get("status") else ""
        print(f"{indent}← {link['document']} [{link['task_key']}] {link['section'] or '—'}  {link['score']:.2f}{bodies}"
              f"{status}  {_short(link['text'], 80)}")
        _print_links(link.get("implemented_by") or [], indent + "   ")


def print_lineage(result: dict) -> None:
    """A readable report: implementing documents, then each task and what carries it out."""
    doc = result["document"]
    print(f"{result['target']}  {doc.get('doc_type') or ''} {doc.get('issued_date') or ''}".rstrip())
    print(f"implemented by ({len(result['implementers'])}):")
    for imp in result["implementers"]:
        delay = _delay(imp["delay_days"])
        via = f" (implements {imp['implements']})" if imp["level"] > 1 else ""
        print(f"  {'  ' * (imp['level'] - 1)}← {imp['document']} [{imp['source']}] {imp['issued_date'] or '?'}{delay},"
              f" {imp['tasks']} tasks{via}")
    tasks = result["tasks"]
    open_tasks = [t for t in tasks if not t["taken_up"]]
    print(f"tasks: {len(tasks)}, taken up {len(tasks) - len(open_tasks)}, not taken up {len(open_tasks)}")
    for task in tasks:
        if not task["taken_up"]:
            continue
        print(f"\n[{task['task_key']}] {task['section'] or '—'}  {_short(task['text'])}")
        _print_links(task["implemented_by"], "   ")
    bodies = Counter(b for t in tasks for link in t["implemented_by"] for b in link["responsible"])
    if bodies:
        print("\nbodies leading the implementing tasks: " + ", ".join(f"{b} {n}" for b, n in bodies.most_common()))
    print(f"\nnot taken up ({len(open_tasks)}):")
    for task in open_tasks:
        print(f"  [{task['task_key']}] {task['section'] or '—'}  {_short(task['text'])}")
