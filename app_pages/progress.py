"""Tiến độ: for each responsible body, tasks assigned, done (on time), in progress, overdue; drill-down; export."""

from __future__ import annotations

from datetime import date

import streamlit as st

from app_lib import appdata, auth, display, report
from pipeline.progress import done_dates, report_xlsx, totals

CATEGORIES = {
    "Tất cả": None,
    "Đã hoàn thành": appdata.STATUSES[2],
    "Đang thực hiện": appdata.STATUSES[1],
    "Chưa thực hiện": appdata.STATUSES[0],
    "Quá hạn": appdata.OVERDUE_LABEL,
}
DRILL_LIMIT = 500

st.title("Tiến độ theo cơ quan")
today = date.today()
lines = report.report(today)
if not lines:
    st.info("Chưa có nhiệm vụ nào có cơ quan chủ trì. Hãy tải văn bản lên hoặc chạy `python -m pipeline ingest`.")
    st.stop()

sums = totals(lines)
st.caption(f"Ngày lập: {today:%d/%m/%Y}. Một nhiệm vụ có nhiều cơ quan chủ trì được tính ở mỗi cơ quan. "
           "Đúng hạn: được đánh dấu hoàn thành không muộn hơn ngày cuối của thời hạn (nhiệm vụ không có thời hạn "
           "được tính là đúng hạn).")
m = st.columns(5)
for col, (label, key) in zip(m, [("Được giao", "assigned"), ("Đã hoàn thành", "done"),
                                 ("Trong đó đúng hạn", "done_on_time"), ("Đang thực hiện", "doing"),
                                 ("⚠ Quá hạn", "overdue")], strict=True):
    col.metric(label, f"{sums[key]:,}".replace(",", "."))

st.dataframe(report.table_rows(lines), hide_index=True, width="stretch",
             column_config={"Cơ quan chủ trì": st.column_config.TextColumn(width="large"),
                            "Tỷ lệ hoàn thành (%)": st.column_config.ProgressColumn(min_value=0, max_value=100,
                                                                                    format="%.1f%%")})
d1, d2 = st.columns(2)
d1.download_button("Tải báo cáo Excel (XLSX)", data=lambda: report_xlsx(lines, today),
                   file_name=f"tien-do-{today:%d-%m-%Y}.xlsx", on_click="ignore", key="progress_xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/grid_on:")
d2.download_button("Tải bản in (HTML, mở rồi bấm In)", data=lambda: report.printable_html(lines, today),
                   file_name=f"tien-do-{today:%d-%m-%Y}.html", mime="text/html", on_click="ignore",
                   key="progress_print", icon=":material/print:")

# ------------------------------------------------------------------ drill-down
st.subheader("Chi tiết một cơ quan")
names = [line.body for line in lines]
own = auth.own_body_options(auth.current(), names)
if own and "progress_body" not in st.session_state:
    st.session_state["progress_body"] = own[0]
c1, c2 = st.columns([3, 2])
body = c1.selectbox("Cơ quan chủ trì", names, key="progress_body")
category = c2.radio("Nhóm", list(CATEGORIES), horizontal=True, key="progress_category")
flt = appdata.TaskFilter(bodies=(body,), status=CATEGORIES[category])
rows = appdata.query_tasks(flt, limit=DRILL_LIMIT, today=today.isoformat())
total = appdata.count_tasks(flt, today.isoformat())
st.caption(f"{total} nhiệm vụ" + (f" (hiện {DRILL_LIMIT} đầu tiên; xem đủ ở trang Nhiệm vụ)" if total > DRILL_LIMIT else ""))
finished = done_dates(appdata.get_store(), [r["task_key"] for r in rows])
st.dataframe(
    [
        {
            "Nhiệm vụ": r["text"],
            "Văn bản": r.get("doc_number") or "",
            "Hạn cuối": display.vn_date(r.get("due_end")),
            "Trạng thái": appdata.status_label(r),
            "Ngày hoàn thành": display.vn_date(finished.get(r["task_key"], (None, False))[0]),
            "Đúng hạn": ("✓" if finished[r["task_key"]][1] else "✗ muộn") if r["task_key"] in finished else "",
        }
        for r in rows
    ],
    hide_index=True,
    width="stretch",
)
