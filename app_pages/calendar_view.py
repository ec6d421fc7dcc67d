"""Lịch: month grid and agenda of deadlines, recurring duties expanded, with an .ics download."""

from __future__ import annotations

import calendar
import html
from collections import defaultdict
from datetime import date
from pathlib import Path

import streamlit as st

from app_lib import appdata, auth, feeds
from pipeline.calendars import calendar_bytes, describe_rrule, placement
from pipeline.mdtext import md

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
MAX_PER_DAY = 4
MAX_DATED_ROWS = 5000

st.title("Lịch")

docs = appdata.documents()
if not docs:
    st.info("Chưa có văn bản nào. Hãy tải lên ở trang **Tải lên** hoặc chạy `python -m pipeline ingest corpus/`.")
    st.stop()

body_count = dict(appdata.body_counts())
today = date.today()
st.session_state.setdefault("cal_year", today.year)
st.session_state.setdefault("cal_month", today.month)


def step_month(delta: int) -> None:
    """Previous/next month buttons: move the year and month pickers together."""
    index = int(st.session_state["cal_year"]) * 12 + int(st.session_state["cal_month"]) - 1 + delta
    st.session_state["cal_year"], st.session_state["cal_month"] = index // 12, index % 12 + 1


c1, c2, c3 = st.columns([3, 1, 1])
bodies = c1.multiselect("Cơ quan chủ trì", options=list(body_count),
                        format_func=lambda n: f"{n} ({body_count.get(n, 0)})", key="cal_body",
                        placeholder="Tất cả cơ quan")
year = c2.number_input("Năm", min_value=1945, max_value=2100, step=1, key="cal_year")
month = c3.selectbox("Tháng", list(range(1, 13)), format_func=lambda m: f"Tháng {m}", key="cal_month")
n1, n2, n3, n4 = st.columns([1, 1, 2, 2])
n1.button("◀ Tháng trước", on_click=step_month, args=(-1,), key="cal_prev")
n2.button("Tháng sau ▶", on_click=step_month, args=(1,), key="cal_next")
view = n3.radio("Chế độ xem", ["Tháng", "Danh sách"], horizontal=True, key="cal_view")
show_done = n4.checkbox("Hiện cả nhiệm vụ đã hoàn thành", value=False, key="cal_done",
                        help="Mặc định nhiệm vụ đã hoàn thành rời khỏi lịch.")

first, last = appdata.month_window(int(year), int(month))
if view == "Danh sách":
    horizon = st.select_slider("Khoảng thời gian", options=[1, 3, 6, 12], value=3,
                               format_func=lambda n: f"{n} tháng", key="cal_horizon")
    end_index = int(month) - 1 + horizon - 1  # months counted from January of `year`
    last = appdata.month_window(int(year) + end_index // 12, end_index % 12 + 1)[1]

dated = appdata.query_tasks(appdata.TaskFilter(bodies=tuple(bodies), due_from=first.isoformat(), due_to=last.isoformat()),
                            limit=MAX_DATED_ROWS, today=today.isoformat())
recurring = appdata.recurring_tasks(tuple(bodies))
if not show_done:
    dated = [r for r in dated if r.get("status") != appdata.STATUSES[-1]]
    recurring = [r for r in recurring if r.get("status") != appdata.STATUSES[-1]]
unplaced = [r for r in recurring if placement(r) is None]
events = appdata.occurrences([*dated, *recurring], first, last)
st.caption(f"{len(events)} thời hạn từ {first:%d/%m/%Y} đến {last:%d/%m/%Y} "
           f"({len(recurring) - len(unplaced)} nhiệm vụ định kỳ được trải theo lịch"
           + ("" if show_done else "; nhiệm vụ đã hoàn thành không hiện") + ").")

store = appdata.get_store()
too_big, ics_note = feeds.ics_estimate(appdata.count_tasks(appdata.TaskFilter(bodies=tuple(bodies)),
                                                          today.isoformat()))
if too_big:
    st.caption(ics_note)
st.download_button(
    "Tải lịch (.ics)",
    disabled=too_big,
    data=lambda: calendar_bytes(appdata.fetch_all(store, appdata.TaskFilter(bodies=tuple(bodies))),
                                name="Thời hạn nhiệm vụ", done="mark" if show_done else "hide"),
    file_name="thoi-han.ics",
    mime="text/calendar",
    on_click="ignore",
    key="cal_ics",
    icon=":material/event:",
    help="Nhiệm vụ chưa có thời hạn được ghi thành việc cần làm (VTODO), không bị bỏ sót. " + ics_note,
)

by_day: dict[date, list[dict]] = defaultdict(list)
for day, row in events:
    by_day[day].append(row)


def month_grid_html(year: int, month: int) -> str:
    """An HTML month table; every task text is escaped before it is put in a cell."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    head = "".join(f"<th>{d}</th>" for d in WEEKDAYS)
    body = []
    for week in weeks:
        cells = []
        for day in week:
            items = by_day.get(day, [])
            cls = "other" if day.month != month else ("today" if day == today else "")
            chips = "".join(
                f'<div class="chip{" rec" if r.get("recurrence") else ""}{" late" if r.get("overdue") else ""}" '
                f'title="{html.escape(r.get("text") or "", quote=True)}">'
                f"{'⚠ quá hạn · ' if r.get('overdue') else ''}{'✓ ' if r.get('status') == appdata.STATUSES[-1] else ''}"
                f"{html.escape(appdata.short((r.get('responsible') or ['—'])[0], 28))}: "
                f"{html.escape(appdata.short(r.get('text') or '', 40))}</div>"
                for r in items[:MAX_PER_DAY]
            )
            more = f'<div class="more">+{len(items) - MAX_PER_DAY} nhiệm vụ</div>' if len(items) > MAX_PER_DAY else ""
            cells.append(f'<td class="{cls}"><div class="day">{day.day}</div>{chips}{more}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        "<style>"
        ".cal{width:100%;border-collapse:collapse;table-layout:fixed;font-size:.8rem}"
        ".cal th{background:#f1f5f9;padding:4px}.cal td{border:1px solid #e2e8f0;vertical-align:top;height:90px;padding:3px}"
        ".cal td.other{background:#fafafa;color:#94a3b8}.cal td.today{background:#fefce8}"
        ".cal .day{font-weight:700}.cal .chip{background:#dbeafe;border-radius:3px;margin:2px 0;padding:1px 3px;"
        "overflow:hidden;white-space:nowrap;text-overflow:ellipsis}.cal .chip.rec{background:#dcfce7}"
        ".cal .chip.late{background:#fee2e2}.cal .more{color:#64748b}"
        "</style>"
        f'<table class="cal"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    )


if view == "Tháng":
    st.subheader(f"Tháng {int(month)}/{int(year)}")
    st.html(month_grid_html(int(year), int(month)))
    st.caption("Xanh dương: thời hạn một lần · xanh lá: nhiệm vụ định kỳ · đỏ và “⚠ quá hạn”: quá hạn · "
               "“✓”: đã hoàn thành.")
else:
    if not events:
        st.info("Không có thời hạn nào trong khoảng này.")
    else:
        st.dataframe(
            [
                {
                    "Ngày": day.strftime("%d/%m/%Y"),
                    "Nhiệm vụ": row.get("text"),
                    "Chủ trì": "; ".join(row.get("responsible") or []),
                    "Thời hạn": row.get("deadline_text") or "",
                    "Định kỳ": describe_rrule(row.get("recurrence")),
                    "Văn bản": row.get("doc_number") or Path(str(row.get("source") or "")).name,
                    "Trạng thái": appdata.status_label(row),
                }
                for day, row in events
            ],
            hide_index=True,
            width="stretch",
        )

if unplaced:
    with st.expander(f"Nhiệm vụ định kỳ chưa xếp được lịch ({len(unplaced)}): văn bản không ghi ngày ban hành"):
        st.caption("Không rõ văn bản ban hành khi nào nên không thể biết kỳ đầu tiên; "
                   "trong tệp .ics chúng là việc cần làm (VTODO).")
        st.dataframe([{"Nhiệm vụ": r.get("text"), "Chủ trì": "; ".join(r.get("responsible") or []),
                       "Định kỳ": describe_rrule(r.get("recurrence")),
                       "Văn bản": r.get("doc_number") or Path(str(r.get("source") or "")).name}
                      for r in unplaced[:500]], hide_index=True, width="stretch")

# ------------------------------------------------------------------ subscription feeds
account = auth.current()
own = auth.own_body_options(account, list(body_count)) if account is not None else []
feed_bodies = bodies or own
st.subheader("Đăng ký lịch theo cơ quan")
if not feed_bodies:
    st.caption("Chọn cơ quan chủ trì ở trên để lấy địa chỉ lịch đăng ký (ứng dụng lịch tự cập nhật khi trạng thái "
               "nhiệm vụ thay đổi).")
elif st.button("Lấy địa chỉ đăng ký lịch", key="cal_feed", icon=":material/rss_feed:"):
    for body in feed_bodies[:10]:
        st.markdown(f"**{md(body)}**")
        st.code(feeds.address(body), language=None)
    st.caption("Ghép địa chỉ trên với tên máy chủ (vd: https://nhiemvu.tinhuy.local/app/static/feeds/…) và thêm "
               "vào ứng dụng lịch bằng “Đăng ký lịch / Subscribe”. Địa chỉ có mã bí mật: chỉ gửi cho người được xem.")
