"""Hostile text: every stage's time grows linearly with pathological input.

Each case is timed at two sizes, n and 4n; linear work takes ~4× as long, a quadratic
loop ~16×. The ratio, not an absolute time, is asserted, so a slow or busy machine does
not fail the test; the best of a few runs is taken to damp noise from other processes.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from pipeline.errors import DocumentError
from pipeline.extract import extract_text
from pipeline.readers import load_bytes
from pipeline.scan import SpanSet, last_end
from pipeline.sections import innermost_section, section_finder

FACTOR = 4
MAX_RATIO = 9.0  # linear: ~4; quadratic: ~16
LEAD = "KẾ HOẠCH\n\n1. Ban Tuyên giáo Tỉnh ủy chủ trì, "


def _best_time(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def _growth(make: Callable[[int], object], run: Callable[[object], object], n: int) -> float:
    """Time(4n) / time(n), each the best of a few runs, after a warm-up."""
    small, big = make(n), make(FACTOR * n)
    run(make(max(n // 10, 1)))  # lazy data (gazetteers, compiled patterns) is loaded before timing
    return _best_time(lambda: run(big), 2) / _best_time(lambda: run(small), 3)


TEXT_CASES = {
    "dates on one line": (
        lambda n: LEAD + "hoàn thành " + " ".join(f"ngày {1 + i % 28}/{1 + i % 12}/20{10 + i % 15}" for i in range(n)),
        480,
    ),
    "phối hợp với Ban … repeated": (lambda n: LEAD + "phối hợp với Ban Tổ chức Tỉnh ủy, " * n + "thực hiện.", 600),
    "one long line of words": (lambda n: LEAD + "thực hiện tốt công tác tuyên truyền " * n + ".", 2000),
    "citations on one line": (
        lambda n: LEAD + "thực hiện " + ", ".join(f"Nghị quyết số {i}-NQ/TW ngày 02/2/2008 của Bộ Chính trị" for i in range(n)),
        1200,
    ),
    "plenum mentions": (lambda n: LEAD + " ".join(f"Nghị quyết Trung ương {1 + i % 12} khóa XII" for i in range(n)), 1200),
    "thousands of headings": (lambda n: "KẾ HOẠCH\n\n" + "I. NHIỆM VỤ\n" * n, 600),
    "quarters on one line": (
        lambda n: LEAD + " ".join(f"quý {('I', 'II', 'III', 'IV')[i % 4]}/20{10 + i % 15}" for i in range(n)),
        400,
    ),
    "items with a citation each": (
        lambda n: "KẾ HOẠCH\n\n"
        + "".join(f"{i}. Ban Tuyên giáo Tỉnh ủy chủ trì thực hiện Nghị quyết số {i}-NQ/TU.\n" for i in range(1, n)),
        150,
    ),
}


@pytest.mark.parametrize("case", list(TEXT_CASES))
def test_extraction_time_grows_linearly(case):
    make, n = TEXT_CASES[case]
    ratio = _growth(make, extract_text, n)
    assert ratio < MAX_RATIO, f"{case}: 4× the input took {ratio:.1f}× the time"


def _deep_html(n: int) -> bytes:
    return ("<html><body>" + "<div>" * n + "Ban Tuyên giáo Tỉnh ủy chủ trì." + "</div>" * n + "</body></html>").encode()


def test_deeply_nested_html_is_refused_in_one_line_fast():
    started = time.perf_counter()
    with pytest.raises(DocumentError) as caught:
        load_bytes(_deep_html(100_000), "deep.html")
    assert time.perf_counter() - started < 5
    assert "100000 levels deep" in caught.value.message and "\n" not in caught.value.message


def test_html_nested_within_the_limit_is_read():
    assert load_bytes(_deep_html(400), "nested.html").text == "Ban Tuyên giáo Tỉnh ủy chủ trì."


def test_wide_html_time_grows_linearly():
    """Thousands of menus side by side: removing each used to scan all its siblings."""

    def page(n: int) -> bytes:
        rows = "".join(f"<div class='menu'><p>Mục {i}</p></div><p>Ban Tuyên giáo chủ trì việc {i}.</p>" for i in range(n))
        return f"<html><body><main>{rows}</main></body></html>".encode()

    ratio = _growth(page, lambda data: load_bytes(data, "wide.html"), 3000)
    assert ratio < MAX_RATIO, f"4× the page took {ratio:.1f}× the time"


# The helpers that replaced the quadratic loops answer exactly what the loops answered.


def _clause_start_by_loop(pattern, text: str, pos: int) -> int:
    start = 0
    for m in pattern.finditer(text, 0, pos):
        start = m.end()
    return start


def test_last_end_equals_the_scan_it_replaces():
    import re

    pattern = re.compile(r"[.!?;:](?=\s|$)|\n")
    text = "Một. Hai;ba: bốn.năm\nsáu. x.y! z?"
    for pos in range(len(text) + 1):
        assert last_end(pattern, text, pos, ".!?;:") == _clause_start_by_loop(pattern, text, pos), pos


def test_span_set_equals_the_pairwise_check():
    import random

    rng = random.Random(3)
    spans = [(a, a + rng.randint(1, 30)) for a in (rng.randint(0, 500) for _ in range(60))]
    index = SpanSet(spans)
    for _ in range(500):
        s = rng.randint(0, 520)
        e = s + rng.randint(1, 40)
        expected = sorted(sp for sp in spans if sp[0] < e and s < sp[1])
        assert index.overlaps(s, e) == bool(expected)
        assert sorted(index.overlapping(s, e)) == expected


def test_section_finder_equals_innermost_section():
    from pipeline.sections import parse_sections
    from pipeline.structure import find_regions

    text = (
        "KẾ HOẠCH\n\nI. MỤC ĐÍCH\n1. Một.\n2. Hai.\nII. NHIỆM VỤ\n1. Ba:\na) Bốn.\nb) Năm.\n"
        "2. Sáu.\nIII. TỔ CHỨC THỰC HIỆN\nBảy.\n"
    )
    sections = parse_sections(text, find_regions(text))
    assert len(sections) > 5
    find = section_finder(sections)
    for pos in range(-1, len(text) + 2):
        assert find(pos) is innermost_section(sections, pos), pos
