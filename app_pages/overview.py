"""Tổng quan: headline numbers, near deadlines, overdue tasks, most-cited documents, tasks by body."""

from __future__ import annotations

from datetime import date, timedelta

import altair as alt
import pandas as pd
import streamlit as st

from app_lib import appdata, display

# Half-width tables: the deadline and who owns it come before the (long) task text.
COMPACT = ["Hạn cuối", "Văn bản", "Chủ trì", "Nhiệm vụ"]

st.title("Tổng quan")

docs = appdata.documents()
if not docs:
    st.info("Chưa có văn bản nào. Hãy tải lên ở trang **Tải lên** hoặc chạy `python -m pipeline ingest corpus/`.")
    st.stop()

today = date.today()
everything = appdata.TaskFilter()
bodies = appdata.body_counts()
overdue_filter = appdata.TaskFilter(status=appdata.OVERDUE_LABEL)
soon_filter = appdata.TaskFilter(due_from=today.isoformat(), due_to=(today + timedelta(days=30)).isoformat())

c1, c2, c3, c4 = st.columns(4)
c1.metric("Văn bản", f"{len(docs):,}".replace(",", "."))
c2.metric("Nhiệm vụ", f"{appdata.count_tasks(everything, today.isoformat()):,}".replace(",", "."))
c3.metric("Cơ quan chủ trì", f"{len(bodies):,}".replace(",", "."))
c4.metric("Nhiệm vụ quá hạn", f"{appdata.count_tasks(overdue_filter, today.isoformat()):,}".replace(",", "."))

left, right = st.columns(2)
with left:
    st.subheader("Hạn trong 30 ngày tới")
    soon = appdata.query_tasks(soon_filter, limit=20, today=today.isoformat())
    if soon:
        st.dataframe(appdata.display_rows(soon), hide_index=True, width="stretch", column_order=COMPACT,
                     column_config=display.task_column_config())
    else:
        st.caption("Không có nhiệm vụ nào đến hạn trong 30 ngày tới.")
with right:
    st.subheader("Nhiệm vụ quá hạn")
    late = appdata.query_tasks(overdue_filter, limit=20, today=today.isoformat())
    if late:
        st.dataframe(appdata.display_rows(late), hide_index=True, width="stretch", column_order=COMPACT,
                     column_config=display.task_column_config())
    else:
        st.caption("Không có nhiệm vụ quá hạn.")

st.subheader("Văn bản được trích dẫn nhiều nhất")
cited = appdata.most_cited(10)
if cited:
    st.dataframe(
        pd.DataFrame(cited).rename(columns={"label": "Văn bản", "in_corpus": "Có trong kho", "citing": "Số văn bản trích dẫn"}),
        hide_index=True,
        width="stretch",
    )
else:
    st.caption("Chưa có trích dẫn nào.")

st.subheader("Nhiệm vụ theo cơ quan chủ trì")
if bodies:
    top = pd.DataFrame(bodies[:20], columns=["Cơ quan", "Số nhiệm vụ"])
    chart = (
        alt.Chart(top)
        .mark_bar()
        .encode(
            x=alt.X("Số nhiệm vụ:Q", axis=alt.Axis(format="d", tickMinStep=1)),
            y=alt.Y("Cơ quan:N", sort="-x", axis=alt.Axis(labelLimit=320)),
            tooltip=["Cơ quan", "Số nhiệm vụ"],
        )
    )
    st.altair_chart(chart, width="stretch")
else:
    st.caption("Chưa có cơ quan chủ trì nào được nhận diện.")
