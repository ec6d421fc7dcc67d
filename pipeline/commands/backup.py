"""`backup --out FILE` / `restore FILE`: user data (statuses, notes, history) as portable JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .tasks import add_db_option, open_store


def register(cli) -> None:
    backup = cli.command("backup", "save user data (task statuses, notes, history) to a JSON file")
    backup.add_argument("--out", required=True, metavar="FILE", help="JSON file to write")
    add_db_option(backup)
    backup.set_defaults(func=run_backup)
    restore = cli.command("restore", "load user data from a backup file; tasks are matched by their key")
    restore.add_argument("file", metavar="FILE", help="a file written by `backup`")
    add_db_option(restore)
    restore.set_defaults(func=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    store = open_store(args)
    if store is None:
        return 1
    with store:
        data = store.export_user_data()
    try:
        Path(args.out).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as err:
        print(f"error: {args.out}: cannot write ({err.strerror or err})", file=sys.stderr)
        return 1
    print(f"{len(data['task_status'])} statuses and {len(data['task_history'])} history entries saved to {args.out}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    try:
        data = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        print(f"error: {args.file}: cannot read the backup ({err}); give a file written by `backup`", file=sys.stderr)
        return 1
    store = open_store(args)
    if store is None:
        return 1
    with store:
        try:
            counts = store.import_user_data(data)
        except (ValueError, KeyError, TypeError) as err:
            print(f"error: {args.file}: not a valid backup ({err})", file=sys.stderr)
            return 1
    print(
        f"{counts['statuses']} statuses restored ({counts['matched']} matched a stored task,"
        f" {counts['matched_by_text']} matched by text, {counts['unmatched']} kept as orphans),"
        f" {counts['history']} history entries added"
    )
    return 0
