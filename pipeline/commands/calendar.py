"""`export calendar --out FILE.ics [filters]`: dated tasks as an iCalendar file."""

from __future__ import annotations

import argparse
import sys

from ..errors import DocumentError
from ..ics import build_calendar
from ..safe_export import check_ics, write_validated
from .tasks import add_db_option, add_task_filters, filters_from_args, open_store


def register(cli) -> None:
    parser = cli.export("calendar", "export task deadlines as an .ics calendar (same filters as `tasks`)")
    parser.add_argument("--out", required=True, metavar="FILE.ics", help="calendar file to write")
    parser.add_argument("--name", default="Nhiệm vụ theo văn bản", help="calendar name shown in the calendar app")
    parser.add_argument("--alarm-days", type=int, default=3, help="reminder N days before each deadline")
    add_db_option(parser)
    add_task_filters(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    store = open_store(args)
    if store is None:
        return 1
    with store:
        try:
            rows = store.query_tasks(**filters_from_args(args))
        except ValueError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
    dated = [r for r in rows if r["due_start"] or r["due_end"] or r["recurrence"]]
    data = build_calendar(dated, calendar_name=args.name, alarm_days=args.alarm_days)
    try:
        write_validated(args.out, data, check_ics, "calendar")  # parsed back before it replaces the old file
    except DocumentError as err:
        print(f"error: {err.message}", file=sys.stderr)
        return 1
    print(f"{len(dated)} dated tasks (of {len(rows)} matching) written to {args.out}")
    return 0
