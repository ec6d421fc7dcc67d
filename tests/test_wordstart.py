"""word_started: a `(?=\\w)` guard only where every match provably starts on a word character."""

import re
from pathlib import Path

import pytest

from pipeline import bodies, citations
from pipeline.wordstart import starts_on_word, word_started

ROOT = Path(__file__).parent.parent


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"Ban\s+Tổ\s+chức", True),
        (r"(?:các\s+)?cấp\s+ủy", True),  # an optional word, then a word
        (r"(?<![\w/\-])(?-i:[ĐA-Z])\w*", True),  # look-behind first, a capital class
        (r"(?<!\w)[^\W\d_]+", True),  # letters
        (r"x*y|\d+", True),
        (r"(?:các\s+)?\s", False),  # may start on the space
        (r"x*", False),  # may be empty
        (r"“Nghị quyết”", False),
        (r"(?:a|-)", False),
        (r"\(a\)", False),
        (r"[^\w]", False),
        (r"(?a:Đảng)", False),  # ASCII mode: \w would not match Đ
    ],
)
def test_starts_on_word(pattern, expected):
    assert starts_on_word(pattern, re.IGNORECASE) is expected


def test_guarded_scans_find_what_the_plain_ones_find():
    guarded = [bodies._matchers()[3], *(citations._grammar()[k] for k in ("symbol", "short", "type_issuer"))]
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    texts.append("Số 05-NQ/TU, ngày 1/2/2020; “Ban Tổ chức” - các cấp ủy, 12/2019/NĐ-CP và (Ban Dân vận).")
    for rx in guarded:
        unguarded = re.sub(r"\(\?=(?:\\w|\(\?i:\[[^]]*\]\))\)", "", rx.pattern)
        assert unguarded != rx.pattern
        plain = re.compile(unguarded, rx.flags)
        for text in texts:
            assert [m.span() for m in rx.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_an_unprovable_pattern_compiles_as_written():
    assert word_started(r"\s*của").pattern == r"\s*của"
