"""`export calendar --out FILE.ics [filters]` and `export feeds --dir DIR`: calendars that stay true."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tqdm import tqdm

from ..calendars import DONE_MODES, write_calendar, write_feeds
from .tasks import add_db_option, add_task_filters, open_store, query_from_args


def register(cli) -> None:
    parser = cli.export("calendar", "export task deadlines as an .ics calendar (same filters as `tasks`)")
    parser.add_argument("--out", required=True, metavar="FILE.ics", help="calendar file to write")
    parser.add_argument("--name", default="Nhiệm vụ theo văn bản", help="calendar name shown in the calendar app")
    parser.add_argument("--alarm-days", type=int, default=3, help="reminder N days before each deadline")
    parser.add_argument("--done", choices=DONE_MODES, default="hide",
                        help="tasks marked done: hide them (default) or keep them titled '✓ Đã hoàn thành' "
                        "without a reminder")
    add_db_option(parser)
    add_task_filters(parser)
    parser.set_defaults(func=run)
    feeds = cli.export("feeds", "write one subscribable .ics feed per responsible body into a folder")
    feeds.add_argument("--dir", required=True, metavar="DIR", help="folder the web server (or the app) serves")
    add_db_option(feeds)
    feeds.set_defaults(func=run_feeds)


def run(args: argparse.Namespace) -> int:
    store = open_store(args)
    if store is None:
        return 1
    with store:
        try:
            rows = store.query_tasks(query_from_args(args))
        except ValueError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
    # Stream component by component: a 100,000-task calendar never sits whole in memory.
    with tqdm(total=len(rows), desc="calendar", unit="task", file=sys.stderr, disable=len(rows) < 1000) as bar:
        try:
            counts = write_calendar(rows, Path(args.out), progress=bar.update, name=args.name,
                                    alarm_days=args.alarm_days, done=args.done)
        except OSError as err:
            print(f"error: {args.out}: cannot write ({err.strerror or err}); choose another --out",
                  file=sys.stderr)
            return 1
    size = Path(args.out).stat().st_size
    print(f"{counts['events']} dated tasks as events, {counts['todos']} undated as to-dos (of {len(rows)} matching;"
          f" {counts['hidden']} done left out) written to {args.out} ({size / 1e6:.1f} MB)")
    return 0


def run_feeds(args: argparse.Namespace) -> int:
    store = open_store(args)
    if store is None:
        return 1
    with store:
        total = len(store.body_counts())
        with tqdm(total=total, desc="feeds", unit="body", file=sys.stderr, disable=total < 20) as bar:
            try:
                written = write_feeds(store, Path(args.dir), progress=bar.update)
            except OSError as err:
                print(f"error: {args.dir}: cannot write ({err.strerror or err}); choose another --dir",
                      file=sys.stderr)
                return 1
    print(f"{len(written)} feeds written to {args.dir}")
    for path in written:
        print(path.name)
    return 0
