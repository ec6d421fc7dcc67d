"""displaCy's span view: in the document page (an option) and as a function; offline and escaped."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("spacy", reason="spaCy is a dependency: pip install -e . installs it")
from test_app_pages import app_env, db, open_page  # noqa: E402,F401,F811

from pipeline.extract import extract_text  # noqa: E402
from pipeline.nlp import doc_from_record, load_nlp, render_spans  # noqa: E402
from pipeline.store import Store  # noqa: E402

TEXT = """HUYỆN UỶ TUY PHONG\tĐẢNG CỘNG SẢN VIỆT NAM
Số 12-KH/HU\tTuy Phong, ngày 02 tháng 6 năm 2014

KẾ HOẠCH
về kiểm tra <script>alert("x")</script> năm 2014

I. NHIỆM VỤ
1. Ủy ban Kiểm tra Huyện ủy chủ trì, phối hợp với Ban Tổ chức Huyện ủy kiểm tra <b>đậm</b> các chi bộ, hoàn thành trong Quý III/2014.
2. Các chi bộ báo cáo kết quả hằng năm & gửi <img src=x onerror=alert(1)> về Văn phòng Huyện ủy.
"""

_TAG = re.compile(r"<(?!/?(?:span|div)\b)[^>]*>")
_LABEL = re.compile(r"font-size: 0\.6em[^>]*>\s*([^<]+?)\s*<")


def _labels(html: str) -> set[str]:
    """The span labels displaCy drew (not words of the text)."""
    return set(_LABEL.findall(html))


def test_render_escapes_the_text_and_draws_every_group():
    doc = load_nlp()(TEXT)
    html = render_spans(doc, ["citations", "tasks", "bodies", "deadlines"])
    assert _TAG.findall(html) == []  # only displaCy's own span/div markup
    assert html.count("&lt;") == TEXT.count("<")  # every "<" of the text shown, as text
    assert "http" not in html  # no fonts or scripts fetched from anywhere
    assert _labels(html) == {"nhiệm vụ", "chủ trì", "phối hợp", "thời hạn"}
    assert html.count('<div class="spans"') == len([line for line in doc.text.split("\n") if line.strip()])


def test_record_doc_has_the_stored_spans():
    extraction = extract_text(TEXT)
    record = extraction.to_dict()
    doc = doc_from_record(extraction.normalized.text, record)
    assert doc.text == extraction.normalized.text
    assert [(s.start_char, s.end_char) for s in doc.spans["tasks"]] == [(t["start"], t["end"]) for t in record["tasks"]]
    names = {(b.text, b.label_) for b in doc.spans["bodies"]}
    assert {("Ủy ban Kiểm tra Huyện ủy", "responsible"), ("Ban Tổ chức Huyện ủy", "coordinating")} <= names


def test_document_page_shows_displacy_when_asked(app_env):  # noqa: F811
    first = next(d for d in Store(app_env).documents() if d["source"] != "xss.txt")
    at = open_page("document_view", doc=str(first["id"]))
    assert 'class="spans"' not in "".join(h.proto.body for h in at.get("html"))
    at.toggle(key="doc_displacy").set_value(True).run()
    assert not at.exception, [e.message for e in at.exception]
    shown = "".join(h.proto.body for h in at.get("html")).split('class="spans"', 1)
    assert len(shown) == 2 and {"chủ trì", "thực hiện", "thời hạn"} <= _labels(shown[1])
    assert "nhiệm vụ" not in _labels(shown[1])  # tasks cover whole paragraphs: off by default
    at.multiselect(key="doc_displacy_groups").set_value(["tasks"]).run()
    shown = "".join(h.proto.body for h in at.get("html")).split('class="spans"', 1)[1]
    assert _labels(shown) == {"nhiệm vụ"}


def test_document_page_displacy_escapes_markup(app_env):  # noqa: F811
    xss = next(d for d in Store(app_env).documents() if d["source"] == "xss.txt")
    at = open_page("document_view", doc=str(xss["id"]))
    at.toggle(key="doc_displacy").set_value(True).run()
    shown = "".join(h.proto.body for h in at.get("html")).split('class="spans"', 1)[1]
    assert "<script>" not in shown and "<b>" not in shown and "&lt;" in shown
