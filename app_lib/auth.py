"""Sign-in for the app: who is using it, what they may change.

Accounts are created with `python -m pipeline users add`. While none exists the app is
open (as on a single analyst's laptop); once one exists every page requires sign-in.
The account is re-read from the database on every rerun, so a removed account or a
changed role takes effect at the next click.
"""

from __future__ import annotations

import time

import streamlit as st

from app_lib import appdata, display
from pipeline import accounts
from pipeline.accounts import Account
from pipeline.mdtext import md
from pipeline.store import body_match_keys

SESSION_KEY = "signed_in_as"
TOKEN_KEY = "sign_in_token"
FAILURES_KEY = "sign_in_failures"
COOKIE = "directives_session"  # a random token; the database keeps only its hash


def accounts_exist() -> bool:
    """True once the database has any account (sign-in then required)."""
    return accounts.has_accounts(appdata.get_store())


def current() -> Account | None:
    """The signed-in account, or None (nobody signed in, or no accounts exist).

    A new browser session (a reload, a link, a second tab) signs in again from the session
    cookie while its token is valid; removing the account, changing its password or signing
    out ends it.
    """
    store = appdata.get_store()
    name = st.session_state.get(SESSION_KEY)
    if not name:
        token = _cookie_token()
        account = accounts.session_account(store, token)
        if account is not None:
            st.session_state[SESSION_KEY], st.session_state[TOKEN_KEY] = account.name, token
        return account
    account = accounts.get_account(store, name)
    if account is None or accounts.session_account(store, st.session_state.get(TOKEN_KEY)) is None:
        # removed, password changed or signed out elsewhere while this tab was open
        st.session_state.pop(SESSION_KEY, None)
        return None
    return account


def _cookie_token() -> str | None:
    try:
        token = st.context.cookies.get(COOKIE)
    except Exception:  # noqa: BLE001 - no request context (tests, bare mode): no cookie
        return None
    return token if isinstance(token, str) else None


def keep_signed_in() -> None:
    """Put the session token in the browser's cookie, so a reload or a link keeps the sign-in."""
    token = st.session_state.get(TOKEN_KEY)
    if token:
        seconds = int(accounts.session_hours() * 3600)
        display.page_script(
            f"window.parent.document.cookie = '{COOKIE}={token}; path=/; max-age={seconds}; SameSite=Strict'"
            " + (window.parent.location.protocol === 'https:' ? '; Secure' : '');", "session_cookie")


def user_name() -> str | None:
    """The name recorded in the history of a change made now."""
    account = current()
    return account.name if account else None


def may_upload() -> bool:
    """Uploads: admins, or anyone while the app has no accounts."""
    account = current()
    return account.can_upload if account else not accounts_exist()


def may_edit(task_key: str) -> bool:
    """Status/note edits: admins, editors for their bodies' tasks, anyone while there are no accounts."""
    return accounts.can_edit(appdata.get_store(), current(), task_key)


def own_body_options(account: Account | None, options: list[str]) -> list[str]:
    """The body-filter options that name one of an editor's bodies (any spelling), to open on its tasks."""
    if account is None or not account.bodies:
        return []
    wanted = set().union(*(body_match_keys(b) for b in account.bodies))
    return [o for o in options if body_match_keys(o, variants=False) & wanted]


def describe(account: Account) -> str:
    """'tg · biên tập · Ban Tuyên giáo Tỉnh ủy' for the sidebar."""
    role = accounts.ROLE_LABELS.get(account.role, account.role)
    return " · ".join([account.name, role, *account.bodies])


def sign_in_page() -> None:
    """The only page an anonymous visitor gets once accounts exist."""
    st.title("Đăng nhập")
    st.caption("Ứng dụng theo dõi nhiệm vụ chỉ dành cho tài khoản đã được cấp. "
               "Quản trị viên tạo tài khoản bằng lệnh `python -m pipeline users add`.")
    with st.form("sign_in"):
        name = st.text_input("Tên đăng nhập", key="sign_in_name")
        password = st.text_input("Mật khẩu", type="password", key="sign_in_password")
        submitted = st.form_submit_button("Đăng nhập", type="primary")
    if not submitted:
        return
    account = accounts.authenticate(appdata.get_store(), name, password)
    if account is None:
        failures = st.session_state.get(FAILURES_KEY, 0) + 1
        st.session_state[FAILURES_KEY] = failures
        time.sleep(min(failures, 5))  # slows down guessing from one browser session
        st.error("Sai tên đăng nhập hoặc mật khẩu. Kiểm tra lại, hoặc nhờ quản trị viên đặt lại mật khẩu "
                 "(`python -m pipeline users passwd TÊN`).")
        return
    st.session_state.pop(FAILURES_KEY, None)
    st.session_state[SESSION_KEY] = account.name
    st.session_state[TOKEN_KEY] = accounts.open_session(appdata.get_store(), account.name)
    st.rerun()


def sidebar(account: Account | None) -> None:
    """Who is signed in, and the sign-out button; a warning while the app is open to everyone."""
    if account is None:
        st.sidebar.caption("Chưa có tài khoản nào: mọi người truy cập được đều sửa được. "
                           "Tạo tài khoản bằng `python -m pipeline users add`.")
        return
    st.sidebar.caption(f"Đăng nhập: {md(describe(account))}")  # body names come from an admin: text only
    if st.sidebar.button("Đăng xuất", key="sign_out", icon=":material/logout:"):
        accounts.close_session(appdata.get_store(), st.session_state.pop(TOKEN_KEY, None))
        st.session_state.pop(SESSION_KEY, None)
        st.rerun()
