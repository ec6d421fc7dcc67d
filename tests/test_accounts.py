"""Local accounts: hashing, roles, editor scope by body, the `users` CLI, who made each change."""

from __future__ import annotations

import io
import sqlite3

import pytest
from test_store import make_doc

from pipeline import accounts
from pipeline.accounts import AccountError, add_account, authenticate, can_edit, get_account, has_accounts
from pipeline.cli import main
from pipeline.store import STATUS_DONE, Store

PASSWORD = "mat-khau-dai"


@pytest.fixture(name="store")
def store_fixture(store_url):
    """A database holding one hand-built plan with four tasks (shared by the calendar and progress tests),
    on each backend."""
    with Store(store_url) as s:
        s.ingest(make_doc())
        yield s


def key_of(store: Store, body_prefix: str) -> str:
    return next(r["task_key"] for r in store.query_tasks() if r["responsible"][0].startswith(body_prefix))


def test_password_is_stored_hashed_and_verified(store):
    add_account(store, "tuyengiao", "editor", PASSWORD, ["Ban Tuyên giáo Tỉnh ủy"])
    stored = store.conn.execute("SELECT password_hash FROM accounts").fetchone()[0]
    assert PASSWORD not in stored and stored.startswith("$argon2id$")
    assert authenticate(store, "tuyengiao", PASSWORD) == get_account(store, "tuyengiao")
    assert authenticate(store, "TuyenGiao", PASSWORD) is not None  # names are case-insensitive
    assert authenticate(store, "tuyengiao", PASSWORD + "x") is None
    assert authenticate(store, "nobody", PASSWORD) is None


@pytest.mark.parametrize(
    ("name", "role", "password", "bodies", "fragment"),
    [
        ("a b", "viewer", PASSWORD, [], "invalid account name"),
        ("ok", "boss", PASSWORD, [], "unknown role"),
        ("ok", "viewer", "short", [], "at least 8"),
        ("ok", "editor", PASSWORD, [], "needs at least one --body"),
    ],
)
def test_bad_requests_say_what_to_do(store, name, role, password, bodies, fragment):
    with pytest.raises(AccountError, match=fragment):
        add_account(store, name, role, password, bodies)
    assert not has_accounts(store)


def test_duplicate_account_is_refused(store):
    add_account(store, "an", "viewer", PASSWORD)
    with pytest.raises(AccountError, match="already exists"):
        add_account(store, "AN", "admin", PASSWORD)


def test_editor_edits_only_its_bodies_viewer_nothing_admin_all(store):
    propaganda, organisation = key_of(store, "Ban Tuyên giáo"), key_of(store, "Ban Tổ chức")
    editor = add_account(store, "tg", "editor", PASSWORD, ["ban tuyen giao tinh uy"])  # any spelling
    viewer = add_account(store, "xem", "viewer", PASSWORD)
    admin = add_account(store, "qt", "admin", PASSWORD)
    assert can_edit(store, editor, propaganda) and not can_edit(store, editor, organisation)
    assert not can_edit(store, viewer, propaganda)
    assert can_edit(store, admin, organisation)
    assert not can_edit(store, None, propaganda)  # accounts exist: anonymous edits nothing


def test_without_accounts_the_app_stays_open(store):
    assert not has_accounts(store)
    assert can_edit(store, None, key_of(store, "Ban Tổ chức"))


def test_history_records_the_user(store):
    key = key_of(store, "Ban Tuyên giáo")
    store.set_status(key, STATUS_DONE, "xong", user="tg")
    assert {(h["what"], h["user"]) for h in store.history(key)} == {("status", "tg"), ("note", "tg")}
    backup = store.export_user_data()
    assert {h["user"] for h in backup["task_history"]} == {"tg"}


def test_removed_account_cannot_sign_in_but_history_keeps_its_name(store):
    key = key_of(store, "Ban Tuyên giáo")
    add_account(store, "tg", "editor", PASSWORD, ["Ban Tuyên giáo Tỉnh ủy"])
    store.set_status(key, STATUS_DONE, user="tg")
    accounts.remove_account(store, "tg")
    assert authenticate(store, "tg", PASSWORD) is None
    assert store.history(key)[-1]["user"] == "tg"
    with pytest.raises(AccountError, match="no account"):
        accounts.remove_account(store, "tg")


def test_old_database_gains_the_tables_without_losing_history(tmp_path):
    from pipeline.store import apply_migrations, fold_same_length

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.create_function("fold_same_length", 1, fold_same_length, deterministic=True)
    apply_migrations(conn, upto=5)
    conn.execute("INSERT INTO task_history(task_key, what, old, new, at) VALUES ('k', 'status', 'a', 'b', 't')")
    conn.close()
    with Store(path) as s:
        assert s.history("k") == [{"what": "status", "old": "a", "new": "b", "at": "t", "user": None}]
        assert not has_accounts(s)


def cli(monkeypatch, capsys, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_users_cli_add_list_passwd_remove(tmp_path, monkeypatch, capsys):
    db = str(tmp_path / "u.db")
    with Store(db) as s:
        s.ingest(make_doc())
    code, out, err = cli(monkeypatch, capsys, "users", "add", "tg", "--role", "editor", "--body",
                         "Ban Tuyên giáo Tỉnh ủy", "--body", "Ban Không Có", "--password-stdin", "--db", db,
                         stdin=PASSWORD + "\n")
    assert code == 0, err
    assert "created" in out and "Ban Không Có" in err and "Ban Tuyên giáo" not in err
    code, out, _ = cli(monkeypatch, capsys, "users", "list", "--db", db)
    assert out.strip() == "tg\teditor\tBan Tuyên giáo Tỉnh ủy; Ban Không Có"
    code, _, err = cli(monkeypatch, capsys, "users", "passwd", "tg", "--password-stdin", "--db", db,
                       stdin="newpassword1\n")
    assert code == 0, err
    with Store(db) as s:
        assert authenticate(s, "tg", "newpassword1") and not authenticate(s, "tg", PASSWORD)
    code, _, err = cli(monkeypatch, capsys, "users", "add", "xem", "--role", "viewer", "--password-stdin",
                       "--db", db, stdin="short\n")
    assert code == 1 and db in err and "at least 8" in err
    assert cli(monkeypatch, capsys, "users", "remove", "tg", "--db", db)[0] == 0
    code, out, _ = cli(monkeypatch, capsys, "users", "list", "--db", db)
    assert "no accounts" in out


def test_status_from_the_command_line_records_the_system_user(tmp_path, monkeypatch, capsys):
    db = str(tmp_path / "c.db")
    with Store(db) as s:
        s.ingest(make_doc())
        key = key_of(s, "Ban Tuyên giáo")
    monkeypatch.setattr("getpass.getuser", lambda: "vanthu")
    assert cli(monkeypatch, capsys, "status", key, "hoàn thành", "--db", db)[0] == 0
    with Store(db) as s:
        assert s.history(key)[-1]["user"] == "vanthu (dòng lệnh)"


def test_backup_and_restore_keep_who_made_each_change(store, tmp_path):
    key = key_of(store, "Ban Tuyên giáo")
    store.set_status(key, STATUS_DONE, "xong", user="tg")
    backup = store.export_user_data()
    with Store(tmp_path / "other.db") as other:
        other.ingest(make_doc())
        other.import_user_data(backup)
        assert {h["user"] for h in other.history(key)} == {"tg"}


def test_sessions_survive_a_reload_until_sign_out_password_change_or_expiry(store, monkeypatch):
    add_account(store, "tg", "editor", PASSWORD, ["Ban Tuyên giáo Tỉnh ủy"])
    token = accounts.open_session(store, "tg")
    assert accounts.session_account(store, token).name == "tg"
    assert token not in str(store.dump())  # only its hash is stored
    assert accounts.session_account(store, token + "x") is None
    assert accounts.session_account(store, None) is None
    accounts.close_session(store, token)
    assert accounts.session_account(store, token) is None
    token = accounts.open_session(store, "tg")
    accounts.set_password(store, "tg", "mat-khau-moi-1")
    assert accounts.session_account(store, token) is None  # a new password signs out everywhere
    monkeypatch.setenv(accounts.SESSION_HOURS_ENV, "0.1")
    token = accounts.open_session(store, "tg")
    store.conn.execute("UPDATE account_sessions SET expires_at = '2000-01-01T00:00:00+00:00'")
    assert accounts.session_account(store, token) is None
    token = accounts.open_session(store, "tg")
    accounts.remove_account(store, "tg")
    assert accounts.session_account(store, token) is None
