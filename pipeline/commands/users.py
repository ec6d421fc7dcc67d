"""`users add|passwd|remove|list`: the app's local accounts, managed by whoever runs the server."""

from __future__ import annotations

import argparse
import getpass
import sys

from ..accounts import ROLES, AccountError, add_account, list_accounts, remove_account, set_password
from ..store import Store
from .tasks import add_db_option, open_store


def register(cli) -> None:
    users = cli.command("users", "manage the app's accounts (once one exists the app requires sign-in)")
    sub = users.add_subparsers(dest="users_action", metavar="ACTION")
    users.set_defaults(func=lambda args: _usage(users))
    add = sub.add_parser("add", help="create an account")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=ROLES, help="admin: everything; editor: statuses of its "
                     "bodies' tasks; viewer: read only")
    add.add_argument("--body", action="append", default=[], metavar="NAME",
                     help="a responsible body whose tasks an editor updates (repeat for several)")
    _password_options(add)
    add.set_defaults(func=run_add)
    passwd = sub.add_parser("passwd", help="change an account's password")
    passwd.add_argument("name", metavar="NAME")
    _password_options(passwd)
    passwd.set_defaults(func=run_passwd)
    remove = sub.add_parser("remove", help="delete an account (its name stays in the history)")
    remove.add_argument("name", metavar="NAME")
    add_db_option(remove)
    remove.set_defaults(func=run_remove)
    listing = sub.add_parser("list", help="accounts with their role and bodies")
    add_db_option(listing)
    listing.set_defaults(func=run_list)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _password_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--password-stdin", action="store_true",
                        help="read the password from the first line of standard input (scripts)")
    add_db_option(parser)


def read_password(args: argparse.Namespace) -> str:
    """The new password: first stdin line with --password-stdin, else typed twice without echo."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("password: ")
    if first != getpass.getpass("password again: "):
        raise AccountError("the two passwords differ; run the command again")
    return first


def _run(args: argparse.Namespace, action) -> int:
    store = open_store(args)
    if store is None:
        return 1
    with store:
        try:
            message = action(store)
        except AccountError as err:
            print(f"error: {store.path}: {err}", file=sys.stderr)
            return 1
    print(message)
    return 0


def run_add(args: argparse.Namespace) -> int:
    def action(store: Store) -> str:
        account = add_account(store, args.name, args.role, read_password(args), args.body)
        unknown = [b for b in account.bodies if store.count_tasks(body=b) == 0]
        for body in unknown:
            print(f"warning: no stored task has the responsible body {body!r} yet (check the spelling with "
                  "`tasks --body`)", file=sys.stderr)
        scope = f" for {', '.join(account.bodies)}" if account.bodies else ""
        return f"account {account.name} ({account.role}{scope}) created"

    return _run(args, action)


def run_passwd(args: argparse.Namespace) -> int:
    return _run(args, lambda store: set_password(store, args.name, read_password(args))
                or f"password of {args.name} changed")


def run_remove(args: argparse.Namespace) -> int:
    return _run(args, lambda store: remove_account(store, args.name) or f"account {args.name} removed")


def run_list(args: argparse.Namespace) -> int:
    def action(store: Store) -> str:
        accounts = list_accounts(store)
        if not accounts:
            return "no accounts: the app is open to everyone who can reach it (add one with `users add`)"
        return "\n".join(f"{a.name}\t{a.role}\t{'; '.join(a.bodies)}" for a in accounts)

    return _run(args, action)
