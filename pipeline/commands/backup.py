"""`backup --out FILE` / `restore FILE`: user data (statuses, notes, history) as portable JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..backup_schema import validate_backup
from ..errors import DocumentError, display_name
from ..safe_export import write_validated
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
    try:  # parsed back and checked before it replaces an earlier backup
        write_validated(args.out, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"), _check, "backup")
    except DocumentError as err:
        print(f"error: {err.message}", file=sys.stderr)
        return 1
    print(f"{len(data['task_status'])} statuses and {len(data['task_history'])} history entries saved to {args.out}")
    return 0


def _check(data: bytes) -> None:
    validate_backup(json.loads(data.decode("utf-8")))


def run_restore(args: argparse.Namespace) -> int:
    shown = display_name(args.file)
    try:
        data = json.loads(Path(args.file).read_text(encoding="utf-8"))
        validate_backup(data)  # the whole file is checked before the database is touched
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        print(f"error: {shown}: cannot read the backup ({err}); give a file written by `backup`", file=sys.stderr)
        return 1
    except RecursionError:
        print(f"error: {shown}: not a valid backup (nested too deeply); give a file written by `backup`", file=sys.stderr)
        return 1
    except ValueError as err:
        print(f"error: {shown}: not a valid backup ({err}); give a file written by `backup`", file=sys.stderr)
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
