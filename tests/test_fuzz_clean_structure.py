"""Arbitrary input never breaks the normalizer or the header/footer parser, and stays fast."""

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.normalize import normalize
from pipeline.structure import find_regions, parse_metadata

# Text drawn from what directives are made of: Vietnamese letters (precomposed and combining),
# markers, punctuation, wide gaps, page breaks and header words.
PIECES = st.sampled_from(
    [
        "Số ", "-NQ/TU", "/", "ngày ", "tháng ", "năm ", "2008", "17", "Phan Thiết, ", "T/M ", "TỈNH ỦY",
        "Nơi nhận:", "- ", "+ ", "* ", "**", "I- ", "1. ", "a) ", "CHƯƠNG TRÌNH HÀNH ĐỘNG", "ĐỀ ÁN", "\n", "\n\n",
        "\t", "     ", "uỷ", "khoá", "\u0301", "\u0323", "¹", "Huỳnh Văn Tí", "Dự thảo", "-----", "(", ")", "“", "”",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=120).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_normalize_keeps_a_complete_offset_map(source):
    started = time.perf_counter()
    n = normalize(source)
    assert len(n.offsets) == len(n.text) + 1
    assert all(0 <= o <= len(source) for o in n.offsets)
    assert n.offsets[-1] == len(source)
    assert time.perf_counter() - started < 2.0


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_header_parser_never_raises(source):
    started = time.perf_counter()
    text = normalize(source).text
    regions = find_regions(text)
    assert 0 <= regions.body_start <= regions.body_end <= len(text)
    meta = parse_metadata(text, regions)
    if meta.issued_date is not None:
        assert 1900 < meta.issued_date.year < 2200
    assert time.perf_counter() - started < 2.0


def test_very_long_lines_stay_linear():
    line = ("Các cấp ủy, chi bộ phải thường xuyên nắm chắc tình hình " * 4000).strip()
    started = time.perf_counter()
    text = normalize("CHỈ THỊ\n" + line + "\n\nNơi nhận:\n- Lưu.").text
    meta = parse_metadata(text, find_regions(text))
    assert meta.doc_type == "Chỉ thị"
    assert time.perf_counter() - started < 5.0
