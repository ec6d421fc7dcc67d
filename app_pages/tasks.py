"""Nhiệm vụ: filter tasks, track their status and notes, export the filtered view."""

from __future__ import annotations

import math
from datetime import date

import streamlit as st

from app_lib import appdata, auth, display, feeds
from pipeline.mdtext import md

ALL = "Tất cả"
PAGE_SIZES = (25, 50, 100, 200)
ORDERS = {"document": "Theo văn bản", "due": "Hạn gần nhất trước", "due_desc": "Hạn xa nhất trước",
          "newest_document": "Văn bản mới nhất trước"}
DATE_MIN, DATE_MAX = date(1945, 1, 1), date(2100, 12, 31)

st.title("Nhiệm vụ")

docs = appdata.documents()
if not docs:
    st.info("Chưa có văn bản nào. Hãy tải lên ở trang **Tải lên** hoặc chạy `python -m pipeline ingest corpus/`.")
    st.stop()

today = date.today().isoformat()
body_count = dict(appdata.body_counts())
coord_count = dict(appdata.coordinating_counts())
doc_by_id = {int(d["id"]): d for d in docs}

# ------------------------------------------------------------------ filters
account = auth.current()
if account is not None and account.role == "editor" and "tasks_body" not in st.session_state:
    # An editor lands on its own bodies' open tasks (the filters stay free to change).
    st.session_state["tasks_body"] = auth.own_body_options(account, list(body_count))
    st.session_state["tasks_status"] = [appdata.NOT_DONE_LABEL]
with st.sidebar:
    st.header("Bộ lọc")
    bodies = st.multiselect(
        "Cơ quan chủ trì",
        options=list(body_count),
        format_func=lambda name: f"{name} ({body_count.get(name, 0)})",
        key="tasks_body",
        placeholder="Tất cả cơ quan",
    )
    coordinating = st.multiselect(
        "Cơ quan phối hợp",
        options=list(coord_count),
        format_func=lambda name: f"{name} ({coord_count.get(name, 0)})",
        key="tasks_coord",
        placeholder="Tất cả cơ quan",
    )
    find = st.text_input("Văn bản (lọc theo số hiệu, trích yếu)", key="tasks_doc_find", placeholder="vd: 15-NQ/TU")
    current = st.session_state.get("tasks_doc")
    doc_choices = appdata.narrow(list(doc_by_id), lambda i: appdata.document_label(doc_by_id[i]), find,
                                 keep=[current] if current in doc_by_id else [])
    doc_id = st.selectbox(
        "Văn bản",
        options=[None, *doc_choices],
        format_func=lambda i: ALL if i is None else appdata.document_label(doc_by_id[i]),
        key="tasks_doc",
        label_visibility="collapsed",
    )
    section = None
    if doc_id is not None:
        section = st.selectbox("Mục", options=[None, *appdata.sections_of(doc_id)],
                               format_func=lambda s: ALL if s is None else s, key="tasks_section")
    # Several statuses mean "any of them"; "chưa hoàn thành" = not done yet, "quá hạn" narrows to overdue.
    status = st.multiselect("Trạng thái", options=[appdata.NOT_DONE_LABEL, *appdata.STATUSES, appdata.OVERDUE_LABEL],
                            key="tasks_status", placeholder="Tất cả trạng thái")
    col_from, col_to = st.columns(2)
    # Explicit bounds: Streamlit's default window (today ± 10 years) would hide older directives.
    due_from = col_from.date_input("Hạn từ", value=None, min_value=DATE_MIN, max_value=DATE_MAX,
                                   format="DD/MM/YYYY", key="tasks_from")
    due_to = col_to.date_input("Hạn đến", value=None, min_value=DATE_MIN, max_value=DATE_MAX,
                               format="DD/MM/YYYY", key="tasks_to")
    query = st.text_input("Tìm trong nội dung (không cần dấu)", key="tasks_search", placeholder="vd: tuyen giao")

flt = appdata.TaskFilter(
    bodies=tuple(bodies),
    coordinating=tuple(coordinating),
    document=doc_id,
    section=section,
    due_from=due_from.isoformat() if due_from else None,
    due_to=due_to.isoformat() if due_to else None,
    status=tuple(status) or None,
    search=query or None,
)

# ------------------------------------------------------------------ table
total = appdata.count_tasks(flt, today)
top_left, top_sort, top_mid, top_right = st.columns([2, 1, 1, 1])
top_left.markdown(f"**{total:,}** nhiệm vụ phù hợp".replace(",", "."))
# Sorted in SQL over the whole filtered list (clicking a column header sorts only the page shown).
order = top_sort.selectbox("Sắp xếp", list(ORDERS), format_func=ORDERS.get, key="tasks_order")
page_size = top_mid.selectbox("Số dòng mỗi trang", PAGE_SIZES, index=1, key="tasks_page_size")
pages = max(1, math.ceil(total / page_size))
page_no = top_right.number_input(f"Trang (1–{pages})", min_value=1, max_value=pages, value=1, step=1, key="tasks_page")
page_no = min(int(page_no), pages)
rows = appdata.query_tasks(flt, limit=page_size, offset=(page_no - 1) * page_size, today=today, order=order)

if rows:
    st.dataframe(
        appdata.display_rows(rows),
        hide_index=True,
        width="stretch",
        column_config=display.task_column_config(),
    )
else:
    st.info("Không có nhiệm vụ nào khớp bộ lọc.")

# ------------------------------------------------------------------ exports
store = appdata.get_store()
st.caption("Xuất toàn bộ danh sách đã lọc:")
e1, e2, e3 = st.columns(3)
e1.download_button("Tải CSV", data=lambda: appdata.rows_to_csv(appdata.fetch_all(store, flt, today)),
                   file_name="nhiem-vu.csv", mime="text/csv", on_click="ignore", key="dl_csv",
                   icon=":material/table_view:", disabled=total == 0)
e2.download_button("Tải Excel (XLSX)", data=lambda: appdata.rows_to_xlsx(appdata.fetch_all(store, flt, today)),
                   file_name="nhiem-vu.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   on_click="ignore", key="dl_xlsx", icon=":material/grid_on:", disabled=total == 0)
too_big, ics_note = feeds.ics_estimate(total)
e3.download_button("Tải lịch (.ics)", data=lambda: appdata.rows_to_ics(appdata.fetch_all(store, flt, today)),
                   file_name="nhiem-vu.ics", mime="text/calendar", on_click="ignore", key="dl_ics",
                   icon=":material/event:", disabled=total == 0 or too_big, help=ics_note)
if too_big:
    st.caption(ics_note)

# ------------------------------------------------------------------ notes set aside on re-ingest
if review := appdata.notes_to_review():
    with st.expander(f"Ghi chú cần xác nhận ({len(review)})", icon=":material/rule:"):
        st.caption("Sau khi nhập lại văn bản, các trạng thái và ghi chú này không gắn chắc chắn được vào nhiệm vụ nào "
                   "nên được giữ riêng, không tự chuyển sang nhiệm vụ khác.")
        st.dataframe([{"Nhiệm vụ cũ": o.get("old_text"), "Trạng thái": o.get("status"), "Ghi chú": o.get("note"),
                       "Lý do": o.get("reason"), "Tệp": o.get("source")} for o in review], hide_index=True, width="stretch")

# ------------------------------------------------------------------ status editing
st.divider()
st.subheader("Cập nhật trạng thái")
if flash := st.session_state.pop("tasks_flash", None):
    st.success(flash)
if not rows:
    st.caption("Chọn bộ lọc có kết quả để cập nhật trạng thái.")
    st.stop()

by_key = {r["task_key"]: r for r in rows}
task_key = st.selectbox(
    "Nhiệm vụ (trong trang đang xem)",
    options=list(by_key),
    format_func=lambda k: f"[{appdata.status_label(by_key[k])}] {by_key[k].get('doc_number') or ''} · "
    f"{appdata.short(by_key[k]['text'])}",
    key="tasks_pick",
)
row = by_key[task_key]
st.markdown("> " + md(row["text"]))  # the task's own words, never Markdown
info = st.columns(3)
info[0].markdown(f"**Chủ trì:** {md('; '.join(row.get('responsible') or [])) or '—'}")
info[1].markdown(f"**Phối hợp:** {md('; '.join(row.get('coordinating') or [])) or '—'}")
info[2].markdown(f"**Thời hạn:** {md(row.get('deadline_text')) or '—'}" + (" · :red[⚠ quá hạn]" if row.get("overdue") else ""))
st.page_link("app_pages/document_view.py", label="Mở văn bản", icon=":material/description:",
             query_params={"doc": str(row["document_id"])})

current = row.get("status") or appdata.STATUSES[0]
if not auth.may_edit(task_key):
    st.info("Bạn chỉ được xem nhiệm vụ này: tài khoản "
            + ("chỉ xem." if account is None or account.role != "editor"
               else f"biên tập chỉ cập nhật nhiệm vụ do {md('; '.join(account.bodies))} chủ trì."))
else:
    with st.form(f"status_form_{task_key}"):
        new_status = st.radio("Trạng thái", appdata.STATUSES, index=appdata.STATUSES.index(current)
                              if current in appdata.STATUSES else 0, horizontal=True, key=f"tasks_new_status_{task_key}")
        new_note = st.text_area("Ghi chú", value=row.get("note") or "", key=f"tasks_new_note_{task_key}")
        if st.form_submit_button("Lưu", type="primary"):
            appdata.set_status(task_key, new_status, new_note.strip() or None, user=auth.user_name())
            feeds.refresh_after_change(task_key)  # subscribed calendars see the change at their next refresh
            st.session_state["tasks_flash"] = f"Đã lưu: {new_status}."
            st.rerun()

changes = appdata.history(task_key)
st.markdown("**Lịch sử thay đổi**")
if changes:
    st.dataframe(
        display.history_rows(changes),
        hide_index=True,
        width="stretch",
    )
else:
    st.caption("Chưa có thay đổi nào.")
