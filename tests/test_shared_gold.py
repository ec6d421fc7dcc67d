"""The real evaluation sets in ../shared/eval stay consistent: every gold span is in its source.

Real directives are third-party text and never enter the repository; they live beside it in
``../shared/eval/real`` and ``../shared/eval/web-excerpts``. A fresh clone without them skips
these checks. Gold written by hand drifts from its source when either is edited; a task or mention
that no longer occurs in the normalized text silently lowers every score, so it is checked here.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from pipeline.normalize import normalize_tone_marks

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
SETS = [SHARED / "real", SHARED / "web-excerpts"]
GOLD_FILES = sorted(p for d in SETS if d.is_dir() for p in d.glob("*.json"))
DOCUMENT_FIELDS = {"doc_type", "number", "issuer"}
RRULE = re.compile(r"^FREQ=(YEARLY|MONTHLY|WEEKLY|DAILY)(;INTERVAL=\d+)?(;BYMONTH=[\d,]+)?(;BYMONTHDAY=-?\d+)?$")

pytestmark = pytest.mark.skipif(
    not GOLD_FILES, reason="../shared/eval (real directives, kept outside the repository) is not present"
)


def _load(path: Path) -> tuple[dict, str]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    source = path.parent / gold["source"]
    return gold, _norm(source.read_text(encoding="utf-8"))


def _norm(text: str) -> str:
    """NFC, one tone placement, no white space: gold spans are the source's characters, whatever
    line breaks the text layer put inside them."""
    return "".join(normalize_tone_marks(unicodedata.normalize("NFC", text)).split())


def test_both_real_sets_are_there() -> None:
    assert all(any(p.parent == d for p in GOLD_FILES) for d in SETS)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_names_an_existing_source_and_has_a_note(path: Path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert (path.parent / gold["source"]).is_file()
    assert Path(gold["source"]).stem == path.stem
    assert set(gold["document"]) >= DOCUMENT_FIELDS
    assert isinstance(gold["document"]["issuer"], list) and gold["document"]["issuer"]


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_every_task_text_occurs_in_the_normalized_source(path: Path) -> None:
    gold, text = _load(path)
    for task in gold["tasks"]:
        assert _norm(task["text"]) in text, task["text"][:80]
        assert isinstance(task["responsible"], list) and isinstance(task["coordinating"], list)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_every_cited_number_occurs_in_the_source(path: Path) -> None:
    gold, text = _load(path)
    for citation in gold["citations"]:
        assert citation["relation"] in {"implements", "cites"}
        assert citation["resolvable"] in {"explicit", "inferable", "none"}
        if citation["resolvable"] == "explicit" and citation.get("number"):
            digits = re.match(r"\d+", citation["number"])
            assert digits is None or digits.group(0) in text, citation["number"]


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_dates_are_iso_and_deadlines_are_ordered(path: Path) -> None:
    gold, _ = _load(path)
    dates = [gold["document"].get("issued_date")] + [c.get("issued_date") for c in gold["citations"]]
    for value in filter(None, dates):
        date.fromisoformat(value)
    for task in gold["tasks"]:
        deadline = task["deadline"]
        if deadline is None:
            continue
        start, end = (date.fromisoformat(d) if d else None for d in (deadline["start"], deadline["end"]))
        assert start is None or end is None or start <= end
        assert deadline["recurrence"] is None or RRULE.match(deadline["recurrence"])
