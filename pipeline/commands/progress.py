"""`progress [--xlsx FILE] [--json]`: tasks assigned, done (on time), in progress, overdue per responsible body."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from ..progress import COLUMNS, progress_by_body, report_xlsx
from .tasks import add_db_option, open_store


def register(cli) -> None:
    parser = cli.command("progress", "progress report by responsible body (assigned, done, on time, overdue)")
    parser.add_argument("--xlsx", metavar="FILE", help="write the report as an Excel workbook")
    parser.add_argument("--json", action="store_true", help="one JSON object per body")
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    store = open_store(args)
    if store is None:
        return 1
    today = date.today()
    with store:
        lines = progress_by_body(store, today)
    if args.xlsx:
        try:
            report_xlsx(lines, today, args.xlsx)
        except OSError as err:
            print(f"error: {args.xlsx}: cannot write ({err.strerror or err}); choose another --xlsx", file=sys.stderr)
            return 1
        print(f"{len(lines)} bodies written to {args.xlsx}")
        return 0
    if args.json:
        for line in lines:
            print(json.dumps(line.to_dict(), ensure_ascii=False))
        return 0
    print("\t".join(label for _, label in COLUMNS))
    for line in lines:
        values = line.to_dict()
        print("\t".join(str(values[key]) for key, _ in COLUMNS))
    return 0
