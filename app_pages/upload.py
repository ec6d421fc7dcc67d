"""Tải lên: add directive files; each is saved safely, extracted, stored, and reported one by one."""

from __future__ import annotations

import streamlit as st

from app_lib import appdata, auth, messages
from pipeline.errors import DocumentError
from pipeline.mdtext import md

ACCEPTED = ["txt", "docx", "doc", "pdf", "html", "htm"]
STATUS_TEXT = {"added": "đã thêm", "unchanged": "không đổi (đã có)", "replaced": "đã cập nhật"}

st.title("Tải lên văn bản")
if not auth.may_upload():  # the page is not listed for them; a stale link must not work either
    st.error("Chỉ quản trị viên được tải văn bản lên. Hãy đăng nhập bằng tài khoản quản trị.")
    st.stop()
st.markdown("Thêm văn bản định dạng **.txt, .docx, .doc, .pdf, .html**. Mỗi tệp được lưu vào thư mục "
            "tải lên của máy chủ (ngoài phần web phục vụ), trích xuất và đưa vào cơ sở dữ liệu.")

files = st.file_uploader("Chọn tệp", type=ACCEPTED, accept_multiple_files=True, key="upload_files")

if st.button("Nhập vào cơ sở dữ liệu", type="primary", disabled=not files, key="upload_go"):
    progress = st.progress(0.0, text="Đang xử lý…")
    results = []
    for i, file in enumerate(files, start=1):
        progress.progress((i - 1) / len(files), text=f"Đang xử lý {file.name} ({i}/{len(files)})")
        results.append(appdata.ingest_upload(file.name, file.getvalue()))
    progress.progress(1.0, text="Hoàn tất")
    appdata.invalidate()
    st.session_state["upload_results"] = results

for result in st.session_state.get("upload_results", []):
    if result["ok"]:
        st.success(f"{md(result['name'])}: {STATUS_TEXT.get(result['status'], result['status'])} — "
                   f"{result['tasks']} nhiệm vụ, {result['citations']} trích dẫn.")
        if result.get("document_id") is not None:
            st.page_link("app_pages/document_view.py", label=f"Xem {md(result['name'])}", icon=":material/description:",
                         query_params={"doc": str(result["document_id"])})
        for warning in result.get("warnings", []):
            st.caption(f"⚠ {md(warning)}")
    else:
        # The library speaks English; the page speaks Vietnamese: the error's own Vietnamese when it has
        # one, else the reason and hint translated (app_lib/messages.py, messages_vi.yaml).
        reason = result.get("reason")
        line = result.get("vi") or (messages.file_error(DocumentError(None, reason, result.get("hint")))
                                    if reason else result["error"])
        st.error(f"{md(result['name'])}: {md(line)}")

