"""The provinces of pipeline/data/places.yaml: a body's span runs over the province printed after it."""

import pytest

from pipeline.bodies import find_bodies
from pipeline.lexicon import data_yaml
from pipeline.tasks import find_roles

PLACES = data_yaml("places.yaml")


def test_the_lists_hold_the_provinces_of_both_periods():
    assert len(PLACES["current"]) == 34
    assert len(PLACES["current"]) + len(PLACES["former"]) == 63
    assert not set(PLACES["current"]) & set(PLACES["former"])
    assert set(PLACES["aliases"]) <= set(PLACES["current"]) | set(PLACES["former"])


@pytest.mark.parametrize("example", PLACES["examples"], ids=lambda e: e["text"][:40])
def test_example(example):
    text = example["text"]
    spans = [text[b.start : b.end] for b in find_bodies(text)]
    assert spans[0] == example["span"]


def test_the_body_after_a_named_committee_is_handed_the_work():
    text = "Ban Thường vụ Thành ủy Hà Nội yêu cầu các cấp ủy rà soát quy hoạch cán bộ."
    roles = find_roles(text)
    assert [b.name for b in roles.responsible] == ["Cấp ủy"]


def test_the_name_stays_as_the_gazetteer_gives_it():
    text = "Ủy ban nhân dân tỉnh Đồng Nai chủ trì thực hiện."
    assert [b.name for b in find_bodies(text)] == ["Ủy ban nhân dân tỉnh"]
