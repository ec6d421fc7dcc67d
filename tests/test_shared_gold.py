"""The real-world dev set (eval/dev_real/) stays internally consistent: every gold span is in its source.

Gold written by hand drifts from its source when either is edited; a task or mention that no longer
occurs in the normalized text silently lowers every score, so it is checked here, without the pipeline.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from pipeline.normalize import normalize

DEV_DIR = Path(__file__).resolve().parent.parent / "eval" / "dev_real"
GOLD_FILES = sorted(DEV_DIR.glob("*.json"))
DOCUMENT_FIELDS = {"doc_type", "number", "issuer"}
RRULE = re.compile(r"^FREQ=(YEARLY|MONTHLY|WEEKLY|DAILY)(;INTERVAL=\d+)?$")


def _load(path: Path) -> tuple[dict, str]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    source = DEV_DIR / gold["source"]
    return gold, normalize(source.read_text(encoding="utf-8")).text


def _norm(text: str) -> str:
    return normalize(text).text


def test_dev_set_is_not_empty() -> None:
    assert len(GOLD_FILES) >= 5


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_names_an_existing_source_and_has_a_note(path: Path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert (DEV_DIR / gold["source"]).is_file()
    assert Path(gold["source"]).stem == path.stem
    assert "http" in gold["note"], "the note must record where the real text was published"
    assert set(gold["document"]) >= DOCUMENT_FIELDS
    assert isinstance(gold["document"]["issuer"], list) and gold["document"]["issuer"]


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_every_task_text_occurs_in_the_normalized_source(path: Path) -> None:
    gold, text = _load(path)
    for task in gold["tasks"]:
        assert _norm(task["text"]) in text, task["text"][:80]
        assert isinstance(task["responsible"], list) and isinstance(task["coordinating"], list)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_every_citation_mention_occurs_as_often_as_listed(path: Path) -> None:
    gold, text = _load(path)
    for citation in gold["citations"]:
        assert citation["relation"] in {"implements", "cites"}
        assert citation["resolvable"] in {"explicit", "inferable", "none"}
        for mention in set(citation["mentions"]):
            listed = citation["mentions"].count(mention)
            assert text.count(_norm(mention)) >= listed, mention


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
        assert _norm(deadline["text"]) in _norm(task["text"])
        start, end = (date.fromisoformat(d) if d else None for d in (deadline["start"], deadline["end"]))
        assert start is None or end is None or start <= end
        assert deadline["recurrence"] is None or RRULE.match(deadline["recurrence"])
