"""`tasks [filters] [--json | --csv | --xlsx FILE]`: what must a body do, and by when; `status KEY S`: track it.

Also holds the helpers the other store commands share: the `--db` option,
opening the store with a one-line error, and the task filter options.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date

from ..errors import DocumentError
from ..store import STATUSES, Store, TaskQuery, canonical_status, default_db_path


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """Every store command takes --db (else $DIRECTIVES_DB, else data/directives.db)."""
    parser.add_argument(
        "--db", metavar="PATH|URL", default=None,
        help="database file, or postgresql://user@host/dbname for a shared PostgreSQL store"
        " (default: $DIRECTIVES_DB or data/directives.db)",
    )


def open_store(args: argparse.Namespace) -> Store | None:
    """Open the database, or print one line saying why not and return None."""
    try:
        return Store(default_db_path(getattr(args, "db", None)))
    except DocumentError as err:
        print(f"error: {err.message}", file=sys.stderr)
        return None


def _iso_date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (use YYYY-MM-DD)") from None


def add_task_filters(parser: argparse.ArgumentParser) -> None:
    """The filters `tasks` and `export calendar` share."""
    parser.add_argument("--body", metavar="NAME", help="responsible body (any spelling, accents optional)")
    parser.add_argument("--coordinating", metavar="NAME", help="coordinating body (phối hợp)")
    parser.add_argument("--document", metavar="ID", help="document id (see `search`) or document number")
    parser.add_argument("--section", metavar="PATH", help='section path, e.g. "III" or "III.2"')
    parser.add_argument("--due-from", metavar="DATE", type=_iso_date, help="due on or after (YYYY-MM-DD)")
    parser.add_argument("--due-to", metavar="DATE", type=_iso_date, help="due on or before (YYYY-MM-DD)")
    parser.add_argument("--overdue", action="store_true", help="only tasks past their deadline and not done")
    parser.add_argument(
        "--status", metavar="S", action="append",
        help=f"one of: {', '.join(STATUSES)} (accents optional); repeat for any of several",
    )
    parser.add_argument(
        "--open", "--remaining", dest="not_done", action="store_true",
        help="only tasks not done yet (chưa thực hiện + đang thực hiện)",
    )
    parser.add_argument("--search", metavar="TEXT", help="words in the task text (accents optional)")
    parser.add_argument("--today", metavar="DATE", type=_iso_date, help=argparse.SUPPRESS)


def query_from_args(args: argparse.Namespace) -> TaskQuery:
    """The TaskQuery (every matching task) that the parsed filter options ask for."""
    return TaskQuery.of(
        body=args.body, coordinating=args.coordinating, document=args.document, section=args.section,
        due_from=args.due_from, due_to=args.due_to, overdue=args.overdue, status=args.status,
        not_done=args.not_done, search=args.search, today=args.today,
    )


def register(cli) -> None:
    parser = cli.command("tasks", "list tasks by body, document, deadline or status; export CSV/Excel/JSON")
    add_db_option(parser)
    add_task_filters(parser)
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="JSON Lines, one task per line")
    out.add_argument("--csv", action="store_true", help="CSV on standard output")
    out.add_argument("--xlsx", metavar="FILE", help="write an Excel workbook")
    parser.add_argument(
        "--limit", type=int, default=None, help=f"at most N tasks (table default {TABLE_LIMIT}; exports: all)"
    )
    parser.add_argument(
        "--orphans", action="store_true", help="list user data whose task vanished when a document was re-ingested"
    )
    parser.set_defaults(func=run)

    status = cli.command("status", "set a task's status (and note); the change is kept in its history")
    status.add_argument("task_key", metavar="TASK_KEY", help="the key shown in brackets by `tasks`")
    status.add_argument("status", metavar="STATUS", help=f"one of: {', '.join(STATUSES)} (accents optional)")
    status.add_argument("--note", metavar="TEXT", help="replace the task's note")
    add_db_option(status)
    status.set_defaults(func=run_status)


def _cli_user() -> str:
    try:
        return f"{getpass.getuser()} (dòng lệnh)"
    except (KeyError, OSError):  # no name for this uid (containers)
        return "(dòng lệnh)"


def run_status(args: argparse.Namespace) -> int:
    """Set one task's status from the command line: the same write as the app's status form."""
    store = open_store(args)
    if store is None:
        return 1
    with store:
        try:
            # Who: the system account that ran the command, marked as such in the history.
            store.set_status(args.task_key, args.status, args.note, user=_cli_user())
        except ValueError as err:  # unknown status
            print(f"error: {err}", file=sys.stderr)
            return 2
        except KeyError:
            print(f"error: no task with key {args.task_key!r} (see `python -m pipeline tasks`)", file=sys.stderr)
            return 1
    print(f"{args.task_key}: {canonical_status(args.status)}" + (f" · {args.note}" if args.note else ""))
    return 0


def _note_successors(body: str | None) -> None:
    """Say on stderr when a former body's name also brought its successor's tasks."""
    if not body:
        return
    from ..bodies import successors

    for s in successors(body):
        day = "/".join(reversed(s.since.split("-")))
        print(f"note: gồm cả nhiệm vụ của {s.successor} (kế thừa {s.former} từ {day})", file=sys.stderr)


TABLE_LIMIT = 100  # a terminal table of 100,000 tasks helps nobody; exports have no limit


def _cut(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(rows: list[dict], total: int) -> str:
    lines = []
    for r in rows:
        due = r["due_end"] or r["due_start"] or ""
        when = (f" · hạn {due}" if due else "") + (f" · lặp {r['recurrence']}" if r["recurrence"] else "")
        flag = " QUÁ HẠN" if r["overdue"] else ""
        who = "; ".join(r["responsible"]) or "—"
        lines.append(
            f"[{r['task_key']}] {r['doc_number'] or r['source']} §{r['section'] or '-'} · {r['status']}{flag}{when}"
        )
        lines.append(f"    {_cut(who, 100)}: {_cut(r['text'], 160)}")
        if r["coordinating"]:
            lines.append(f"    phối hợp: {_cut('; '.join(r['coordinating']), 100)}")
    more = " (use --limit N, or --json/--csv/--xlsx for all)" if len(rows) < total else ""
    lines.append(f"{len(rows)} of {total} tasks{more}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from .. import exports

    store = open_store(args)
    if store is None:
        return 1
    if args.orphans:
        with store:
            orphans = store.orphans()
        if args.json:
            exports.to_json_lines(orphans, sys.stdout)
            return 0
        for o in orphans:
            print(f"[{o['task_key']}] {o['source'] or '-'} §{o['section'] or '-'} · {o['status'] or '-'}"
                  f"{' · ' + o['note'] if o['note'] else ''}")
            print(f"    {_cut(o['old_text'] or '', 160)}  ({o['reason']})")
        print(f"{len(orphans)} orphaned entries")
        return 0
    with store:
        try:
            query = query_from_args(args)
            table = not (args.json or args.csv or args.xlsx)
            limit = args.limit if args.limit is not None or not table else TABLE_LIMIT
            rows = store.query_tasks(query.page(limit))
            total = store.count_tasks(query)
        except ValueError as err:  # e.g. an unknown status
            print(f"error: {err}", file=sys.stderr)
            return 2
    _note_successors(args.body)
    if args.json:
        exports.to_json_lines(rows, sys.stdout)
    elif args.csv:
        exports.to_csv(rows, sys.stdout)
    elif args.xlsx:
        try:
            n = exports.write_xlsx(rows, args.xlsx)
        except DocumentError as err:  # cannot write, disk full, or did not read back: the old file is kept
            print(f"error: {err.message}", file=sys.stderr)
            return 1
        print(f"{n} tasks written to {args.xlsx}")
    else:
        print(_table(rows, total))
    return 0
