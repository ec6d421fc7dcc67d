"""Streamlit entry point: sign-in, then routes only (one file per page under app_pages/).

Run: `streamlit run app.py` (database: env DIRECTIVES_DB, else data/directives.db).
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

from app_lib import appdata, auth, display

# The favicon is a file shipped with the app: an icon name or emoji would be fetched from a CDN.
FAVICON = Path(__file__).resolve().parent / "static" / "favicon.png"
st.set_page_config(page_title="Phân tích văn bản chỉ đạo", page_icon=str(FAVICON), layout="wide")

try:
    appdata.get_store()
    appdata.follow_other_writers()  # a shared PostgreSQL store: what other servers changed shows here too
except Exception as err:  # noqa: BLE001 - shown to the user as one line, never a traceback
    print(f"error: cannot open the database {appdata.db_path()}: {err}", file=sys.stderr)  # the server log
    st.error("Không mở được cơ sở dữ liệu (chi tiết trong nhật ký máy chủ).")
    st.info("Quản trị viên: kiểm tra biến môi trường DIRECTIVES_DB hoặc chạy `python -m pipeline ingest corpus/`.")
    st.stop()

with st.sidebar:
    display.mark_page_vietnamese()

account = auth.current()
if account is None and auth.accounts_exist():
    st.navigation([st.Page(auth.sign_in_page, title="Đăng nhập", icon=":material/login:", url_path="dang-nhap")]).run()
    st.stop()

# An editor lands on its bodies' open tasks; everyone else on the overview.
editor = account is not None and account.role == "editor"
PAGES = [
    st.Page("app_pages/overview.py", title="Tổng quan", icon=":material/dashboard:", url_path="tong-quan",
            default=not editor),
    st.Page("app_pages/tasks.py", title="Nhiệm vụ", icon=":material/task_alt:", url_path="nhiem-vu", default=editor),
    st.Page("app_pages/progress.py", title="Tiến độ", icon=":material/monitoring:", url_path="tien-do"),
    st.Page("app_pages/calendar_view.py", title="Lịch", icon=":material/calendar_month:", url_path="lich"),
    st.Page("app_pages/graph_view.py", title="Đồ thị trích dẫn", icon=":material/hub:", url_path="do-thi"),
    st.Page("app_pages/document_view.py", title="Văn bản", icon=":material/description:", url_path="van-ban"),
    st.Page("app_pages/lineage_view.py", title="Cụ thể hóa", icon=":material/account_tree:", url_path="cu-the-hoa"),
]
if auth.may_upload():
    PAGES.append(st.Page("app_pages/upload.py", title="Tải lên", icon=":material/upload_file:", url_path="tai-len"))

page = st.navigation(PAGES)
auth.sidebar(account)
with st.sidebar:
    auth.keep_signed_in()
page.run()
