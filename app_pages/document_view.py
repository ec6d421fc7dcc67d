"""Văn bản: one document's metadata, section tree, and text with its extractions highlighted."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app_lib import appdata
from pipeline.mdtext import md

st.title("Văn bản")

docs = appdata.documents()
if not docs:
    st.info("Chưa có văn bản nào. Hãy tải lên ở trang **Tải lên** hoặc chạy `python -m pipeline ingest corpus/`.")
    st.stop()

doc_by_id = {int(d["id"]): d for d in docs}
ids = list(doc_by_id)
wanted = st.query_params.get("doc")
try:
    wanted_id = int(wanted) if wanted is not None else None
except ValueError:
    wanted_id = None
if wanted_id is not None and wanted_id not in doc_by_id:
    st.warning(f"Không tìm thấy văn bản mã {wanted_id}; hiển thị văn bản đầu tiên.")
    wanted_id = None
if wanted_id is not None and st.session_state.get("doc_from_url") != wanted_id:
    # A link (citation, task, graph) asked for this document: select it once, then let the picker rule.
    st.session_state["doc_pick"] = wanted_id
    st.session_state["doc_from_url"] = wanted_id

pick_col, find_col = st.columns([3, 1])
find = find_col.text_input("Lọc theo số hiệu, trích yếu", key="doc_find", placeholder="vd: 15-NQ/TU")
current = st.session_state.get("doc_pick")
choices = appdata.narrow(ids, lambda i: appdata.document_label(doc_by_id[i]) + " " + str(doc_by_id[i]["source"]),
                         find, keep=[current] if current in doc_by_id else [])
if not choices:
    st.warning("Không có văn bản nào khớp bộ lọc.")
    st.stop()
doc_id = pick_col.selectbox(f"Chọn văn bản ({len(ids)} văn bản trong kho)", choices,
                            format_func=lambda i: appdata.document_label(doc_by_id[i]), key="doc_pick")
st.query_params["doc"] = str(doc_id)
doc = appdata.document(doc_id)
if not doc:
    st.error("Văn bản này không còn trong cơ sở dữ liệu.")
    st.stop()

record = doc.get("record") or {}
meta = record.get("document") or {}
text = doc.get("text") or ""

# ------------------------------------------------------------------ metadata
st.subheader(md(f"{meta.get('doc_type') or doc.get('doc_type') or 'Văn bản'} {meta.get('number') or doc.get('number') or ''}".strip()))
if meta.get("title") or doc.get("title"):
    st.markdown(f"*{md(meta.get('title') or doc.get('title'))}*")
fields = [
    ("Cơ quan ban hành", meta.get("issuer") or doc.get("issuer")),
    ("Ngày ban hành", meta.get("issued_date") or doc.get("issued_date")),
    ("Nơi ban hành", meta.get("place")),
    ("Người ký", meta.get("signer")),
    ("Tệp nguồn", Path(str(doc.get("source") or "")).name),  # the file's name, never a server path
    ("Số nhiệm vụ", len(record.get("tasks", []))),
    ("Số trích dẫn", len(record.get("citations", []))),
]
cols = st.columns(4)
for i, (label, value) in enumerate(fields):
    cols[i % 4].markdown(f"**{label}:** {md(value) if value not in (None, '') else '—'}")
# Lineage and "superseded" come from the citation graph (cached across pages).
lineage_graph = appdata.citation_graph()
node = next((n for n, d in lineage_graph.nodes(data=True) if d.get("document_id") == doc_id), None)
if node is not None:
    if lineage_graph.nodes[node].get("superseded_by"):
        st.warning(f"Văn bản này đã bị thay thế bởi: {lineage_graph.nodes[node]['superseded_by']}")
    st.page_link("app_pages/lineage_view.py", label="Nhiệm vụ được cụ thể hóa ra sao", icon=":material/account_tree:",
                 query_params={"node": node})
if meta.get("recipients"):
    with st.expander("Nơi nhận"):
        st.markdown("\n".join(f"- {md(r)}" for r in meta["recipients"]))

# ------------------------------------------------------------------ citations with links
targets = appdata.target_to_document_id()
citations = record.get("citations", [])
if citations:
    with st.expander(f"Trích dẫn ({len(citations)})", expanded=False):
        for cit in citations:
            label = cit.get("mention") or cit.get("number") or "?"
            relation = "thực hiện" if cit.get("relation") == "implements" else "trích dẫn"
            linked = targets.get(str(cit.get("target") or ""))
            line = st.columns([5, 1])
            line[0].markdown(f"- {md(label)} · *{relation}*" + (f" · {md(cit['target'])}" if cit.get("target") else ""))
            if linked is not None and linked != doc_id:
                line[1].page_link("app_pages/document_view.py", label="Mở", icon=":material/open_in_new:",
                                  query_params={"doc": str(linked)})

# ------------------------------------------------------------------ sections
sections = record.get("sections", [])
left, right = st.columns([1, 3])
with left:
    st.markdown("**Mục lục**")
    if sections:
        lines = []
        for sec in sections:
            indent = "  " * max(0, int(sec.get("level") or 1) - 1)
            heading = md(appdata.short(sec.get("heading") or "", 60))
            mark = " — *giao việc*" if sec.get("kind") == "task" else ""
            anchor = "sec-" + str(sec.get("path", "")).replace(".", "-")
            lines.append(f"{indent}- [{md(sec.get('path'))}. {heading}](#{anchor}){mark}")
        st.markdown("\n".join(lines))
    else:
        st.caption("Không nhận diện được mục.")

# ------------------------------------------------------------------ highlighted text
with right:
    st.markdown("**Nội dung** — "
                '<span class="legend"><span style="background:#fff6c7">nhiệm vụ</span>'
                '<span style="background:#dbeafe">trích dẫn</span>'
                '<span style="color:#166534;font-weight:600">cơ quan</span>'
                '<span style="color:#b91c1c;font-weight:600">thời hạn</span></span>',
                unsafe_allow_html=True)
    hrefs = {t: f"./van-ban?doc={i}" for t, i in targets.items() if i != doc_id}
    marks = appdata.highlights_for(record, text, hrefs)
    anchors = {
        int(sec["start"]): "sec-" + str(sec.get("path", "")).replace(".", "-")
        for sec in sections
        if isinstance(sec.get("start"), int) and 0 <= sec["start"] <= len(text)
    }
    body = appdata.highlight_html(text, marks, anchors)
    # st.html, not st.markdown: the escaped text must not be re-read as Markdown.
    st.html(appdata.HIGHLIGHT_CSS + f'<div class="doc-text">{body}</div>')

# ------------------------------------------------------------------ displaCy view (optional)
with right:
    if st.toggle("Xem nhãn bằng displaCy (spaCy)", key="doc_displacy",
                 help="Các nhãn của văn bản như trong spaCy: trích dẫn, cơ quan chủ trì/phối hợp, thời hạn, nhiệm vụ."):
        from pipeline.nlp import DISPLAY_GROUPS, doc_from_record, render_spans  # spaCy loads only when asked

        shown = st.multiselect("Nhóm nhãn", list(DISPLAY_GROUPS), default=["citations", "bodies", "deadlines"],
                               format_func=DISPLAY_GROUPS.get, key="doc_displacy_groups")
        st.html(render_spans(doc_from_record(text, record), shown))
