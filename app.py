"""Streamlit entry point: routes only (one file per page under app_pages/).

Run: `streamlit run app.py` (database: env DIRECTIVES_DB, else data/directives.db).
"""

from __future__ import annotations

import streamlit as st

from pipeline import appdata

st.set_page_config(page_title="Phân tích văn bản chỉ đạo", page_icon=":material/gavel:", layout="wide")

PAGES = [
    st.Page("app_pages/overview.py", title="Tổng quan", icon=":material/dashboard:", url_path="tong-quan", default=True),
    st.Page("app_pages/tasks.py", title="Nhiệm vụ", icon=":material/task_alt:", url_path="nhiem-vu"),
    st.Page("app_pages/calendar_view.py", title="Lịch", icon=":material/calendar_month:", url_path="lich"),
    st.Page("app_pages/graph_view.py", title="Đồ thị trích dẫn", icon=":material/hub:", url_path="do-thi"),
    st.Page("app_pages/document_view.py", title="Văn bản", icon=":material/description:", url_path="van-ban"),
    st.Page("app_pages/lineage_view.py", title="Cụ thể hóa", icon=":material/account_tree:", url_path="cu-the-hoa"),
    st.Page("app_pages/upload.py", title="Tải lên", icon=":material/upload_file:", url_path="tai-len"),
]

page = st.navigation(PAGES)

try:
    appdata.get_store()
except Exception as err:  # noqa: BLE001 - shown to the user as one line, never a traceback
    st.error(f"Không mở được cơ sở dữ liệu {appdata.db_path()}: {err}")
    st.info("Kiểm tra biến môi trường DIRECTIVES_DB hoặc chạy `python -m pipeline ingest corpus/` để tạo dữ liệu.")
    st.stop()

st.sidebar.caption(f"Cơ sở dữ liệu: `{appdata.db_path()}`")
page.run()
