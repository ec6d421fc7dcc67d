"""Local accounts of the task tracker: who may sign in, with which role, for which bodies.

Roles: `admin` (accounts, uploads, every status), `editor` (statuses and notes of the
tasks whose responsible body is one of the account's bodies), `viewer` (read only).
Passwords are stored as argon2id hashes (argon2-cffi), never in clear. Accounts live in
the same database as the tasks (SQLite or PostgreSQL), so a backup of the database keeps them.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

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
        conn.executemany("INSERT INTO account_bodies(account, body) VALUES (?, ?) ON CONFLICT DO NOTHING",
                         [(name, b) for b in bodies])
    return Account(name, role, tuple(bodies))


def set_password(store: Store, name: str, password: str) -> None:
    """Replace an account's password (the old hash is overwritten)."""
    digest = _HASHER.hash(check_password(password))
    with store._write() as conn:
        changed = conn.execute("UPDATE accounts SET password_hash = ?, updated_at = ? WHERE name = ?",
                               (digest, _now(), name)).rowcount
        conn.execute("DELETE FROM account_sessions WHERE account = ?", (name,))  # signed out everywhere
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


SESSION_HOURS_ENV = "DIRECTIVES_SESSION_HOURS"


def session_hours() -> float:
    """How long a sign-in lasts without activity limits: env DIRECTIVES_SESSION_HOURS, default 12 (a work day)."""
    try:
        return max(0.1, float(os.environ.get(SESSION_HOURS_ENV) or 12))
    except ValueError:
        return 12.0


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_session(store: Store, name: str) -> str:
    """A new random session token for the browser (only its hash is stored), valid for session_hours()."""
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with store._write() as conn:
        conn.execute("DELETE FROM account_sessions WHERE expires_at < ?", (now.isoformat(timespec="seconds"),))
        conn.execute("INSERT INTO account_sessions(token_hash, account, created_at, expires_at) VALUES (?,?,?,?)",
                     (_token_hash(token), name, now.isoformat(timespec="seconds"),
                      (now + timedelta(hours=session_hours())).isoformat(timespec="seconds")))
    return token


def session_account(store: Store, token: str | None) -> Account | None:
    """The account a still-valid session token belongs to, else None."""
    if not isinstance(token, str) or not token:
        return None
    with store._lock:
        row = store.conn.execute("SELECT account FROM account_sessions WHERE token_hash = ? AND expires_at > ?",
                                 (_token_hash(token), _now())).fetchone()
    return get_account(store, row[0]) if row else None


def close_session(store: Store, token: str | None) -> None:
    """Sign out: the token stops working at once, in every tab that holds it."""
    if token:
        with store._write() as conn:
            conn.execute("DELETE FROM account_sessions WHERE token_hash = ?", (_token_hash(token),))


def can_edit(store: Store, account: Account | None, task_key: str) -> bool:
    """May this account change the task's status? None = no accounts exist (open mode)."""
    if account is None:
        return not has_accounts(store)
    if account.role == "admin":
        return True
    if account.role != "editor" or not account.bodies:
        return False
    return store.count_tasks(task_key=task_key, body=list(account.bodies)) > 0
