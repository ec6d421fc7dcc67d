"""The temporal vocabulary (pipeline/data/temporal.yaml): schema and every entry's examples."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.temporal import load_vocabulary, parse_deadline

REF = date(2013, 4, 17)
ROLES = {"by", "before", "from", "from_now_to", "within"}
VOCAB = load_vocabulary()


def test_schema() -> None:
    assert set(VOCAB) >= {"number_words", "modifiers", "lunar_years"}
    assert len(VOCAB["lunar_years"]["stems"]) == 10 and len(VOCAB["lunar_years"]["branches"]) == 12
    assert all(isinstance(k, str) and isinstance(v, int) and 1 <= v <= 12 for k, v in VOCAB["number_words"].items())
    seen: set[str] = set()
    for entry in VOCAB["modifiers"]:
        assert set(entry) == {"role", "words", "examples"}, entry
        assert entry["role"] in ROLES
        assert entry["words"] and entry["examples"], entry["role"]
        for word in entry["words"]:
            key = " ".join(word.lower().split())
            assert key == word, f"modifier words are lower case, single spaced: {word!r}"
            assert key not in seen, f"modifier listed twice: {word!r}"
            seen.add(key)
        for example in entry["examples"]:
            assert set(example) == {"phrase", "start", "end"}, example


EXAMPLES = [
    (entry["role"], ex["phrase"], ex["start"], ex["end"])
    for entry in VOCAB["modifiers"]
    for ex in entry["examples"]
]


@pytest.mark.parametrize(("role", "phrase", "start", "end"), EXAMPLES)
def test_modifier_examples(role: str, phrase: str, start: str | None, end: str | None) -> None:
    got = parse_deadline(phrase, REF)
    assert got is not None, phrase
    assert got.text == phrase, "the modifier belongs to the deadline text"
    assert got.start == (date.fromisoformat(start) if start else None), (role, phrase)
    assert got.end == (date.fromisoformat(end) if end else None), (role, phrase)


@pytest.mark.parametrize(("word", "value"), sorted(VOCAB["number_words"].items()))
def test_number_words(word: str, value: int) -> None:
    got = parse_deadline(f"định kỳ {word} tháng một lần", REF)
    expected = {1: "FREQ=MONTHLY", 12: "FREQ=YEARLY"}.get(value, f"FREQ=MONTHLY;INTERVAL={value}")
    assert got is not None and got.recurrence == expected


@pytest.mark.parametrize("example", VOCAB["lunar_years"]["examples"], ids=lambda e: e["phrase"])
def test_lunar_examples(example: dict) -> None:
    got = parse_deadline(example["phrase"], date(2026, 1, 15))
    assert got is not None and got.text == example["phrase"]
    assert (got.start, got.end) == tuple(date.fromisoformat(d) if d else None for d in (example["start"], example["end"]))


def test_a_limit_counted_from_an_event_is_no_calendar_date() -> None:
    ref = date(2026, 1, 15)  # a Thursday
    assert parse_deadline("trong thời hạn 30 ngày kể từ ngày nhận được đơn", ref) is None
    assert parse_deadline("trong thời hạn 30 ngày kể từ ngày ký", ref).end == date(2026, 2, 14)
    assert parse_deadline("trong thời hạn 10 ngày làm việc", ref).end == date(2026, 1, 29)
