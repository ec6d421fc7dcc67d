"""Đồ thị trích dẫn: an offline interactive citation graph around one document, metrics and exports."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_agraph import Config, Edge, Node, agraph

from app_lib import appdata
from pipeline.mdtext import md
from pipeline.relations import relation_label

MAX_NODES = 150
TOP_N = 60
SCOPES = {"ego": "Quanh văn bản đang chọn", "top": "{n} văn bản có PageRank cao nhất"}

st.title("Đồ thị trích dẫn")

with st.spinner("Đang dựng đồ thị trích dẫn…"):
    graph = appdata.citation_graph()
if graph.number_of_nodes() == 0:
    st.info("Chưa có văn bản nào trong đồ thị. Hãy nhập văn bản trước.")
    st.stop()

metrics = appdata.graph_metrics()
node_by_key = {m["node"]: m for m in metrics}
graph_nodes = {str(n): n for n in graph.nodes}

# Every document in the graph can be opened, most cited first: a researcher looks up 22-NQ/TW
# (cited, not stored) to see which stored documents implement it.
wanted = st.query_params.get("node")
if wanted in node_by_key and st.session_state.get("graph_from_url") != wanted:
    st.session_state["graph_pick"] = wanted
    st.session_state["graph_from_url"] = wanted
pick_col, find_col = st.columns([3, 1])
find = find_col.text_input("Lọc theo số hiệu", key="graph_find", placeholder="vd: 22-NQ/TW")
current = st.session_state.get("graph_pick")
choices = appdata.narrow([m["node"] for m in metrics], lambda k: node_by_key[k]["label"] + " " + k, find,
                         keep=[current] if current in node_by_key else [])
if not choices:
    st.warning("Không có văn bản nào khớp bộ lọc.")
    st.stop()
focus_key = pick_col.selectbox(
    f"Chọn văn bản ({len(metrics)} văn bản trong đồ thị)",
    choices,
    format_func=lambda k: f"{node_by_key[k]['label']} (được trích dẫn {node_by_key[k]['in_degree']} lần"
    + ("" if node_by_key[k]["in_corpus"] else " · ngoài kho") + ")",
    key="graph_pick",
)
focus = graph_nodes[focus_key]
if graph.nodes[focus].get("superseded_by"):
    st.warning(f"Văn bản này đã bị thay thế bởi: {graph.nodes[focus]['superseded_by']}")

cites = [b for _, b in graph.out_edges(focus)]
cited_by = [a for a, _ in graph.in_edges(focus)]
up = appdata.implementation_chain(graph, focus, "up")
down = appdata.implementation_chain(graph, focus, "down")


def node_table(nodes, depth: dict | None = None) -> pd.DataFrame:
    """Rows naming each node, whether it is stored, and (for chains) its distance."""
    rows = []
    for n in nodes:
        row = {"Văn bản": appdata.node_label(graph, n), "Có trong kho": bool(graph.nodes[n].get("in_corpus"))}
        if depth is not None:
            row["Bậc"] = depth[n]
        rows.append(row)
    return pd.DataFrame(rows)


def edge_label(data: dict) -> str:
    """"thực hiện", "căn cứ", "thay thế / bãi bỏ" …; plain citations stay unlabelled."""
    kind = data.get("relation_type") or data.get("relation")
    return "" if kind == "cites" else relation_label(kind)


tab_graph, tab_lists, tab_metrics = st.tabs(["Đồ thị", "Quan hệ", "Chỉ số"])

with tab_lists:
    a, b = st.columns(2)
    with a:
        st.markdown(f"**Văn bản này trích dẫn ({len(cites)})**")
        if cites:
            st.dataframe(node_table(cites), hide_index=True, width="stretch")
        st.markdown(f"**Chuỗi thực hiện lên trên ({len(up)})** — văn bản mà nó triển khai")
        if up:
            st.dataframe(node_table([n for _, n in up], {n: d for d, n in up}), hide_index=True, width="stretch")
    with b:
        st.markdown(f"**Được trích dẫn bởi ({len(cited_by)})**")
        if cited_by:
            st.dataframe(node_table(cited_by), hide_index=True, width="stretch")
        st.markdown(f"**Chuỗi thực hiện xuống dưới ({len(down)})** — văn bản triển khai nó")
        if down:
            st.dataframe(node_table([n for _, n in down], {n: d for d, n in down}), hide_index=True, width="stretch")
    doc_id = appdata.node_document_id(graph, focus)
    if doc_id is not None:
        st.page_link("app_pages/document_view.py", label="Mở văn bản này", icon=":material/description:",
                     query_params={"doc": str(doc_id)})
        st.page_link("app_pages/lineage_view.py", label="Nhiệm vụ được cụ thể hóa ra sao", icon=":material/account_tree:",
                     query_params={"node": str(focus_key)})

with tab_graph:
    neighbourhood = [focus, *cites, *cited_by, *(n for _, n in up), *(n for _, n in down)]
    scope = st.radio("Phạm vi", list(SCOPES), horizontal=True, key="graph_scope",
                     format_func=lambda k: SCOPES[k].format(n=TOP_N))
    if scope == "top":  # the most central documents, not the whole hairball
        chosen = [focus, *(graph_nodes[m["node"]] for m in sorted(metrics, key=lambda m: -m["pagerank"])[:TOP_N])]
    else:
        chosen = neighbourhood
    chosen = list(dict.fromkeys(chosen))[:MAX_NODES]
    show_all = graph.number_of_nodes() <= MAX_NODES and st.toggle("Hiện toàn bộ đồ thị", key="graph_all")
    if show_all:
        chosen = list(graph.nodes)
    keep = set(chosen)
    nodes = [
        Node(
            id=str(n),
            label=appdata.short(appdata.node_label(graph, n), 30),
            title=appdata.node_label(graph, n),
            size=18 + 4 * min(graph.in_degree(n), 8),
            color="#dc2626" if n == focus else ("#2563eb" if graph.nodes[n].get("in_corpus") else "#94a3b8"),
        )
        for n in chosen
    ]
    edges = [
        Edge(source=str(a), target=str(b), label=edge_label(d),
             color="#16a34a" if d.get("relation") == "implements" else "#94a3b8")
        for a, b, d in graph.edges(data=True)
        if a in keep and b in keep
    ]
    st.caption("Đỏ: văn bản đang chọn · xanh dương: có trong kho · xám: chỉ được trích dẫn. "
               "Mũi tên xanh lá: quan hệ thực hiện; nhãn khác: căn cứ, thay thế, sửa đổi, hướng dẫn, sơ kết/tổng kết.")
    clicked = agraph(nodes=nodes, edges=edges, config=Config(width=1100, height=560, directed=True, physics=True,
                                                             hierarchical=False))
    if clicked and clicked in graph_nodes and clicked != focus_key:
        # A click on a node: say what it is and open it (its document page, or centre the graph on it).
        target = graph_nodes[clicked]
        st.markdown(f"**Đã chọn:** {md(appdata.node_label(graph, target))}")
        c1, c2 = st.columns(2)
        clicked_doc = appdata.node_document_id(graph, target)
        if clicked_doc is not None:
            c1.page_link("app_pages/document_view.py", label="Mở văn bản", icon=":material/description:",
                         query_params={"doc": str(clicked_doc)})
        c2.button("Lấy văn bản này làm tâm đồ thị", key="graph_center", icon=":material/center_focus_strong:",
                  on_click=lambda: st.session_state.update(graph_pick=clicked))

with tab_metrics:
    table = pd.DataFrame(metrics).rename(columns={
        "label": "Văn bản", "in_corpus": "Có trong kho", "in_degree": "Số lần được trích dẫn",
        "out_degree": "Số văn bản trích dẫn", "pagerank": "PageRank"})
    st.dataframe(table.drop(columns=["node"]), hide_index=True, width="stretch")
    g1, g2 = st.columns(2)
    g1.download_button("Tải GEXF (Gephi)", data=lambda: appdata.graph_bytes(graph, "gexf"), file_name="do-thi.gexf",
                       mime="application/xml", on_click="ignore", key="graph_gexf", icon=":material/download:")
    g2.download_button("Tải GraphML", data=lambda: appdata.graph_bytes(graph, "graphml"), file_name="do-thi.graphml",
                       mime="application/xml", on_click="ignore", key="graph_graphml", icon=":material/download:")
