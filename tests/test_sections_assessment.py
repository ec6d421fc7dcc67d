"""Headings that review the past are not task sections (issue #4): the examples of
sections.yaml `assessment_headings`, and a conclusion notice whose first item lists results."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.model import DocumentMeta, Regions
from pipeline.sections import is_assessment_heading, parse_sections, section_keywords
from pipeline.tasks import extract_tasks


def _examples():
    for i, entry in enumerate(section_keywords()["assessment_headings"]):
        assert entry.get("examples"), f"assessment_headings[{i}] has no examples"
        for ex in entry["examples"]:
            yield pytest.param(ex, True, id=f"yes:{ex[:30]}")
        for ex in entry.get("counter_examples", []):
            yield pytest.param(ex, False, id=f"no:{ex[:30]}")


@pytest.mark.parametrize(("heading", "assessment"), list(_examples()))
def test_assessment_heading_examples(heading: str, assessment: bool) -> None:
    assert is_assessment_heading(heading) is assessment


NOTICE = """Ban Thường vụ Huyện ủy kết luận như sau:

1. Thời gian qua, các cấp ủy đã quan tâm lãnh đạo, đạt được một số kết quả sau:
- Ủy ban nhân dân huyện đã chỉ đạo hoàn thành 12 công trình.
- Hội Nông dân huyện đã phối hợp tổ chức 5 lớp tập huấn.

2. Thời gian qua, tiến độ giải phóng mặt bằng còn chậm; để khắc phục, Ban Thường vụ Huyện ủy yêu cầu:
- Ủy ban nhân dân huyện chỉ đạo hoàn thành kiểm đếm trước 30/10.
- Hội Nông dân huyện vận động hội viên chấp hành.
"""


def test_results_under_an_assessment_heading_are_not_tasks() -> None:
    sections = parse_sections(NOTICE, Regions(0, 0, len(NOTICE)))
    assert [(s.path, s.kind) for s in sections] == [("1", "non_task"), ("2", "neutral")]
    tasks = extract_tasks(NOTICE, sections, DocumentMeta(issued_date=date(2024, 9, 5)), [])
    assert [(t.section, [b.name for b in t.responsible]) for t in tasks] == [
        ("2", ["Ủy ban nhân dân huyện"]),
        ("2", ["Hội Nông dân huyện"]),
    ]
    assert tasks[0].deadline is not None and tasks[0].deadline.end == date(2024, 10, 30)
