"""Local accounts of the task tracker: who may sign in, with which role, for which bodies.

Roles: `admin` (accounts, uploads, every status), `editor` (statuses and notes of the
tasks whose responsible body is one of the account's bodies), `viewer` (read only).
Passwords are stored as argon2id hashes (argon2-cffi), never in clear. Accounts live in
the same SQLite database as the tasks, so a backup of the database keeps them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from .store import Store

ROLES: tuple[str, ...] = ("admin", "editor", "viewer")
ROLE_LABELS: dict[str, str] = {"admin": "quản trị", "editor": "biên tập", "viewer": "chỉ xem"}
MIN_PASSWORD = 8
_NAME = re.compile(r"^[\w.@-]{2,64}$")
_HASHER = PasswordHasher()


class AccountError(ValueError):
    """A request about accounts that cannot be carried out; the message says what to do."""


@dataclass(frozen=True)
class Account:
    """A signed-in (or listed) user: name, role and the bodies an editor answers for."""

    name: str
    role: str
    bodies: tuple[str, ...] = field(default_factory=tuple)

    @property
    def can_upload(self) -> bool:
        """Uploads change every page: admins only."""
        return self.role == "admin"

    @property
    def can_edit_any(self) -> bool:
        """Admins edit every task; editors only their bodies' (see `can_edit`)."""
        return self.role == "admin"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def check_name(name: str) -> str:
    """A login name: 2-64 letters, digits, `.`, `_`, `@` or `-` (it appears in every history line)."""
    name = (name or "").strip()
    if not _NAME.match(name):
        raise AccountError(f"invalid account name {name!r}: use 2-64 letters, digits, '.', '_', '@' or '-'")
    return name


def check_password(password: str) -> str:
    """Refuse passwords too short to resist guessing on an intranet."""
    if len(password or "") < MIN_PASSWORD:
        raise AccountError(f"the password must have at least {MIN_PASSWORD} characters")
    return password


def has_accounts(store: Store) -> bool:
    """True once any account exists: from then on the app requires sign-in."""
    with store._lock:
        return store.conn.execute("SELECT 1 FROM accounts LIMIT 1").fetchone() is not None


def add_account(store: Store, name: str, role: str, password: str, bodies: list[str] | None = None) -> Account:
    """Create an account; an editor needs at least one body (else it could edit nothing)."""
    name, bodies = check_name(name), [b.strip() for b in bodies or [] if b and b.strip()]
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    if role == "editor" and not bodies:
        raise AccountError("an editor needs at least one --body (the responsible bodies whose tasks it updates)")
    digest = _HASHER.hash(check_password(password))
    with store._write() as conn:
        if conn.execute("SELECT 1 FROM accounts WHERE name = ?", (name,)).fetchone():
            raise AccountError(f"account {name!r} already exists: use `users passwd` or `users remove` first")
        now = _now()
        conn.execute("INSERT INTO accounts(name, role, password_hash, created_at, updated_at) VALUES (?,?,?,?,?)",
                     (name, role, digest, now, now))
        conn.executemany("INSERT OR IGNORE INTO account_bodies(account, body) VALUES (?, ?)",
                         [(name, b) for b in bodies])
    return Account(name, role, tuple(bodies))


def set_password(store: Store, name: str, password: str) -> None:
    """Replace an account's password (the old hash is overwritten)."""
    digest = _HASHER.hash(check_password(password))
    with store._write() as conn:
        changed = conn.execute("UPDATE accounts SET password_hash = ?, updated_at = ? WHERE name = ?",
                               (digest, _now(), name)).rowcount
    if not changed:
        raise AccountError(f"no account {name!r}: see `users list`")


def remove_account(store: Store, name: str) -> None:
    """Delete an account; the history keeps its name on the changes it made."""
    with store._write() as conn:
        if not conn.execute("DELETE FROM accounts WHERE name = ?", (name,)).rowcount:
            raise AccountError(f"no account {name!r}: see `users list`")


def get_account(store: Store, name: str) -> Account | None:
    """The account as stored now (role and bodies re-read on every page, so changes apply at once)."""
    with store._lock:
        row = store.conn.execute("SELECT name, role FROM accounts WHERE name = ?", (name,)).fetchone()
        if row is None:
            return None
        bodies = [r[0] for r in store.conn.execute(
            "SELECT body FROM account_bodies WHERE account = ? ORDER BY rowid", (row["name"],))]
    return Account(row["name"], row["role"], tuple(bodies))


def list_accounts(store: Store) -> list[Account]:
    """Every account, by name."""
    with store._lock:
        names = [r[0] for r in store.conn.execute("SELECT name FROM accounts ORDER BY name")]
    return [a for a in (get_account(store, n) for n in names) if a is not None]


def authenticate(store: Store, name: str, password: str) -> Account | None:
    """The account when name and password match, else None (same answer for unknown names)."""
    with store._lock:
        row = store.conn.execute("SELECT name, password_hash FROM accounts WHERE name = ?",
                                 ((name or "").strip(),)).fetchone()
    if row is None:
        _HASHER.hash(password or "x")  # same cost as a wrong password: no timing hint that the name exists
        return None
    try:
        _HASHER.verify(row["password_hash"], password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if _HASHER.check_needs_rehash(row["password_hash"]):
        set_password(store, row["name"], password)
    return get_account(store, row["name"])


def can_edit(store: Store, account: Account | None, task_key: str) -> bool:
    """May this account change the task's status? None = no accounts exist (open mode)."""
    if account is None:
        return not has_accounts(store)
    if account.role == "admin":
        return True
    if account.role != "editor" or not account.bodies:
        return False
    return store.count_tasks(task_key=task_key, body=list(account.bodies)) > 0
