"""Each corpus document's extraction equals its reviewed golden record (tests/golden/)."""

import difflib
import json

import pytest

from pipeline.golden import corpus_files, current_view, golden_path, render


@pytest.mark.parametrize("source", corpus_files(), ids=lambda p: p.name)
def test_extraction_matches_reviewed_golden(source):
    expected_path = golden_path(source)
    assert expected_path.exists(), f"no golden record: run `python scripts/update_golden.py` and review {expected_path}"
    expected = expected_path.read_text(encoding="utf-8")
    actual = render(current_view(source))
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True), actual.splitlines(keepends=True), "golden", "now", n=1
            )
        )
        pytest.fail(
            f"{source.name} extraction changed; if the change is right, run `python scripts/update_golden.py` "
            f"and commit the reviewed diff.\n{diff[:6000]}"
        )
    json.loads(expected)
