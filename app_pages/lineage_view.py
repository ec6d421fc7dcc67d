"""Cụ thể hóa: which tasks of a document its implementing documents take up, by whom, and which no one did."""

from __future__ import annotations

import io
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd
import streamlit as st

from app_lib import appdata
from pipeline.errors import DocumentError
from pipeline.lineage import DEFAULT_THRESHOLD, document_lineage
from pipeline.lineage_export import COLUMNS, lineage_rows, write_lineage
from pipeline.relations import relation_label

st.title("Cụ thể hóa nhiệm vụ")
st.caption("Nhiệm vụ của văn bản cấp trên được các văn bản thực hiện nó cụ thể hóa ra sao: "
           "nhiệm vụ nào đã có văn bản cấp dưới nhận, do cơ quan nào chủ trì, nhiệm vụ nào chưa ai nhận.")

graph = appdata.citation_graph()


def _implementers(node: str) -> int:
    """How many documents implement this one (the picker lists the most implemented first)."""
    return sum(1 for _, _, d in graph.in_edges(node, data=True) if d.get("relation") == "implements")


stored = sorted((n for n, d in graph.nodes(data=True) if d.get("document_id") is not None),
                key=lambda n: (-_implementers(n), n))
if not stored:
    st.info("Chưa có văn bản nào. Hãy nhập văn bản trước.")
    st.stop()

wanted = st.query_params.get("node")
if wanted in stored and st.session_state.get("lineage_from_url") != wanted:
    st.session_state["lineage_pick"] = wanted
    st.session_state["lineage_from_url"] = wanted


pick_col, find_col, threshold_col, depth_col = st.columns([3, 1, 1, 1])
find = find_col.text_input("Lọc theo số hiệu", key="lineage_find", placeholder="vd: 75-KL/TW")
current = st.session_state.get("lineage_pick")
choices = appdata.narrow(stored, lambda n: f"{appdata.node_label(graph, n)} {n}", find,
                         keep=[current] if current in stored else [])
if not choices:
    st.warning("Không có văn bản nào khớp bộ lọc.")
    st.stop()
node = pick_col.selectbox(f"Văn bản cấp trên ({len(stored)} văn bản trong kho)", choices, key="lineage_pick",
                          format_func=lambda n: f"{appdata.node_label(graph, n)} ({_implementers(n)} văn bản thực hiện)")
threshold = threshold_col.slider("Ngưỡng điểm liên kết", 0.1, 0.9, DEFAULT_THRESHOLD, 0.05, key="lineage_threshold",
                                 help="Điểm thấp nhất để coi một nhiệm vụ cấp dưới là cụ thể hóa nhiệm vụ cấp trên.")
depth = depth_col.number_input("Số cấp", 1, 4, 1, key="lineage_depth",
                                help="Theo chuỗi thực hiện xuống các cấp dưới: văn bản thực hiện văn bản thực hiện.")
st.query_params["node"] = node


@st.cache_data(show_spinner=False, max_entries=32)
def _lineage(db: str, node: str, threshold: float, depth: int) -> dict:
    """One document's lineage (cached per database, document, threshold and depth)."""
    return document_lineage(appdata.get_store(), node, threshold, graph=appdata.citation_graph(), depth=depth)


try:
    result = _lineage(str(appdata.db_path()), node, threshold, int(depth))
except DocumentError as err:
    st.error(err.message)
    st.stop()

if result.get("superseded_by"):
    st.warning(f"Văn bản này đã bị thay thế bởi: {result['superseded_by']}")
tasks = result["tasks"]
open_tasks = [t for t in tasks if not t["taken_up"]]
m1, m2, m3, m4 = st.columns(4)
m1.metric("Nhiệm vụ", len(tasks))
m2.metric("Đã được cụ thể hóa", len(tasks) - len(open_tasks))
m3.metric("Chưa ai nhận", len(open_tasks))
m4.metric("Văn bản thực hiện", len(result["implementers"]))

if result["implementers"]:
    st.markdown("**Văn bản thực hiện và độ trễ**")
    st.dataframe(pd.DataFrame([{"Cấp": i["level"], "Văn bản": i["document"], "Thực hiện": i["implements"],
                                "Ngày ban hành": i["issued_date"] or "—",
                                "Độ trễ (ngày)": i["delay_days"], "Số nhiệm vụ": i["tasks"], "Tệp": i["source"]}
                               for i in result["implementers"]]), hide_index=True, width="stretch")
else:
    st.info("Chưa có văn bản nào trong kho thực hiện văn bản này: mọi nhiệm vụ đều chưa được cụ thể hóa.")

typed = [(u, d.get("relation_type")) for u, _, d in graph.in_edges(node, data=True)
         if d.get("relation_type") not in (None, "cites", "implements")]
if typed:
    st.markdown("**Quan hệ khác:** " + "; ".join(f"{u} — {relation_label(t)}" for u, t in sorted(typed)))

tab_links, tab_open, tab_bodies = st.tabs(["Liên kết nhiệm vụ", f"Chưa ai nhận ({len(open_tasks)})", "Theo cơ quan"])
labels = dict(COLUMNS)
rows = lineage_rows(result)
with tab_links:
    linked = [r for r in rows if r.get("document")]
    if linked:
        table = pd.DataFrame(linked)[[k for k, _ in COLUMNS if k not in ("upper_document", "taken_up")]]
        for key in ("responsible", "quoted"):
            table[key] = table[key].map(lambda v: "; ".join(v or []))
        st.dataframe(table.rename(columns=labels), hide_index=True, width="stretch")
    else:
        st.caption("Không có liên kết nào ở ngưỡng này.")
with tab_open:
    if open_tasks:
        st.dataframe(pd.DataFrame([{"Mã nhiệm vụ": t["task_key"], "Mục": t["section"], "Nhiệm vụ": t["text"]}
                                   for t in open_tasks]), hide_index=True, width="stretch")
    else:
        st.caption("Mọi nhiệm vụ đều đã có văn bản thực hiện nhận.")
with tab_bodies:
    bodies = Counter(b for t in tasks for link in t["implemented_by"] for b in link["responsible"])
    if bodies:
        st.dataframe(pd.DataFrame([{"Cơ quan chủ trì": b, "Số liên kết": n} for b, n in bodies.most_common()]),
                     hide_index=True, width="stretch")
    else:
        st.caption("Các nhiệm vụ thực hiện không nêu cơ quan chủ trì.")


def _export(suffix: str) -> bytes:
    """The lineage written by the same code as `graph lineage --out`, read back as bytes."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"cu-the-hoa{suffix}"
        write_lineage(result, path)
        return io.BytesIO(path.read_bytes()).getvalue()


d1, d2, d3 = st.columns(3)
d1.download_button("Tải CSV", data=lambda: _export(".csv"), file_name="cu-the-hoa.csv", mime="text/csv",
                   on_click="ignore", key="lineage_csv", icon=":material/download:")
d2.download_button("Tải Excel", data=lambda: _export(".xlsx"), file_name="cu-the-hoa.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   on_click="ignore", key="lineage_xlsx", icon=":material/download:")
d3.download_button("Tải GEXF (Gephi)", data=lambda: _export(".gexf"), file_name="cu-the-hoa.gexf",
                   mime="application/xml", on_click="ignore", key="lineage_gexf", icon=":material/download:")
