"""Text from documents and users is shown as text: no Markdown image, link, HTML, LaTeX or colour.

`md()` is checked with a CommonMark renderer (the text comes back exactly, with no tag
but the paragraph), and the pages are rendered with a hostile directive and note: no
Markdown element on them may still hold an image or a link to the remote address.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from pipeline.mdtext import md

REMOTE = "http://tracker.invalid/pixel.png"
HOSTILE = [
    f"![ảnh]({REMOTE})",
    f"[bấm vào]({REMOTE})",
    f"<img src='{REMOTE}'>",
    f"<{REMOTE}>",
    "$\\frac{1}{2}$ và :red[đỏ] và :material/home:",
    "# Tiêu đề giả\n- mục\n1. số",
    "**đậm** _nghiêng_ `mã` ~~gạch~~ | a | b |",
    "Ban Tuyên giáo \\ dấu gạch ngược & ký hiệu &amp;",
    f"[x]: {REMOTE}\n[x]",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_md_renders_exactly_the_text(text):
    markdown_it = pytest.importorskip("markdown_it")
    rendered = markdown_it.MarkdownIt("commonmark").enable("table").enable("strikethrough").render(md(text))
    assert rendered.startswith("<p>") and rendered.endswith("</p>\n")
    inner = rendered[3:-5]
    assert "<" not in inner.replace("&lt;", "")  # no tag: no img, a, em, code, h1
    assert html.unescape(inner) == " ".join(text.replace("\r", " ").split("\n"))


def _page_values(at) -> list[str]:
    elements = [*at.markdown, *at.caption, *at.subheader, *at.success, *at.error, *at.info, *at.warning]
    return [str(getattr(e, "value", getattr(e, "body", ""))) for e in elements]


def test_pages_show_hostile_titles_tasks_and_notes_as_text(tmp_path, monkeypatch):
    pytest.importorskip("streamlit")
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from pipeline.extract import extract_text
    from pipeline.store import Store

    text = (
        "TỈNH ỦY THỬ NGHIỆM\n\nKẾ HOẠCH\n\n"
        f"về ![tiêu đề]({REMOTE}) tuyên truyền\n\nI- NHIỆM VỤ\n\n"
        f"1. Ban Tuyên giáo Tỉnh ủy chủ trì tuyên truyền ![ảnh]({REMOTE}) và [liên kết]({REMOTE}), "
        "hoàn thành trước ngày 30/6/2026.\n"
    )
    db = tmp_path / "app.db"
    with Store(db) as store:
        store.ingest(extract_text(text, source="hostile.txt"))
        key = store.query_tasks()[0]["task_key"]
        store.set_status(key, "đang thực hiện", f"ghi chú ![x]({REMOTE})")
    monkeypatch.setenv("DIRECTIVES_DB", str(db))
    monkeypatch.setenv("DIRECTIVES_UPLOADS", str(tmp_path / "uploads"))
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        seen = []
        for page in ("tasks", "document_view"):
            at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=60)
            at.run()
            at.switch_page(f"app_pages/{page}.py").run()
            assert not at.exception, [e.message for e in at.exception]
            seen += _page_values(at)
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()
    shown = [v for v in seen if "tracker" in v]
    assert shown, "the hostile text should be on the pages (escaped)"
    live = re.compile(r"(?<!\\)\]\((?:\\?h)ttp|(?<!\\)<img", re.IGNORECASE)
    assert not [v for v in shown if live.search(v)], shown
