"""Placing a task's bodies and deadline in the text (pure Python, no spaCy): where each comes from."""

from __future__ import annotations

from pipeline.spans import SpanSpec, iso_interval, record_spans, shift, word_pattern

TEXT = (
    "I. NHIỆM VỤ\n"
    "1. Ban Dân vận Huyện ủy, hoàn thành trong Quý II/2016:\n"
    "- Rà soát quy chế dân chủ ở cơ sở.\n"
    "- Tổng hợp kiến nghị của nhân dân.\n"
    "2. Xây dựng kế hoạch chuyển đổi số.\n"
    "Chủ trì: UBND huyện. Phối hợp: các huyện, thị, thành ủy.\n"
    "II. TỔ CHỨC THỰC HIỆN\n"
    "Ủy ban Kiểm tra Huyện ủy kiểm tra hằng năm.\n"
)


def _span(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def _task(needle: str, key: str, responsible=(), coordinating=(), deadline=None) -> dict:
    s, e = _span(needle)
    return {"text": needle, "start": s, "end": e, "key": key, "section": None, "responsible": list(responsible),
            "coordinating": list(coordinating), "deadline": deadline}


SECTIONS = [
    {"path": "I", "level": 1, "start": 0, "end": TEXT.index("II. TỔ")},
    {"path": "I.1", "level": 2, "start": TEXT.index("1. Ban"), "end": TEXT.index("2. Xây")},
    {"path": "I.2", "level": 2, "start": TEXT.index("2. Xây"), "end": TEXT.index("II. TỔ")},
    {"path": "II", "level": 1, "start": TEXT.index("II. TỔ"), "end": len(TEXT)},
]
QUARTER = {"text": "trong Quý II/2016", "start": "2016-04-01", "end": "2016-06-30", "recurrence": None}
YEARLY = {"text": "hằng năm", "start": None, "end": None, "recurrence": "FREQ=YEARLY"}
RECORD = {
    "sections": SECTIONS,
    "citations": [],
    "tasks": [
        _task("Rà soát quy chế dân chủ ở cơ sở.", "a", ["Ban Dân vận Huyện ủy"], deadline=QUARTER),
        _task("Tổng hợp kiến nghị của nhân dân.", "b", ["Ban Dân vận Huyện ủy"], deadline=QUARTER),
        _task("Xây dựng kế hoạch chuyển đổi số.", "c", ["Ủy ban nhân dân huyện"], ["Huyện ủy", "Thành ủy"]),
        _task("Ủy ban Kiểm tra Huyện ủy kiểm tra hằng năm.", "d", ["Ủy ban Kiểm tra Huyện ủy", "Ban Dân vận Huyện ủy"],
              deadline=YEARLY),
    ],
}


def _placed(groups, key):
    return {(TEXT[s.start : s.end], s.label, s.attrs.get("name"), tuple(s.attrs["tasks"])) for s in groups[key]}


def test_heading_body_and_deadline_are_placed_once_for_the_items_below():
    spans = record_spans(TEXT, RECORD)
    bodies = _placed(spans.groups, "bodies")
    assert ("Ban Dân vận Huyện ủy", "responsible", "Ban Dân vận Huyện ủy", ("a", "b")) in bodies
    heading = _span("Ban Dân vận Huyện ủy")
    assert [(s.start, s.end) for s in spans.groups["bodies"] if s.attrs["tasks"] == ["a", "b"]] == [heading]
    quarter = [s for s in spans.groups["deadlines"] if s.attrs["tasks"] == ["a", "b"]]
    assert [(s.start, s.end) for s in quarter] == [_span("trong Quý II/2016")]
    assert quarter[0].attrs["interval"] == "2016-04-01/2016-06-30"


def test_a_lead_line_after_the_task_and_abbreviations_are_found():
    bodies = _placed(record_spans(TEXT, RECORD).groups, "bodies")
    assert ("UBND huyện", "responsible", "Ủy ban nhân dân huyện", ("c",)) in bodies  # via the gazetteer
    # one printed list names two bodies: two spans at the same place
    assert ("huyện, thị, thành ủy", "coordinating", "Huyện ủy", ("c",)) in bodies
    assert ("huyện, thị, thành ủy", "coordinating", "Thành ủy", ("c",)) in bodies


def test_a_body_from_another_top_section_is_not_borrowed():
    spans = record_spans(TEXT, RECORD)
    # "Ban Dân vận Huyện ủy" of task d is printed only in part I: reported, not placed there.
    assert not [s for s in spans.groups["bodies"] if "d" in s.attrs["tasks"] and s.attrs["name"] == "Ban Dân vận Huyện ủy"]
    assert {"kind": "responsible", "text": "Ban Dân vận Huyện ủy", "task": "d",
            "why": "not printed in the text"} in spans.unlocated
    (yearly,) = [s for s in spans.groups["deadlines"] if s.attrs["tasks"] == ["d"]]
    assert (TEXT[yearly.start : yearly.end], yearly.attrs["rrule"], yearly.attrs["interval"]) == (
        "hằng năm", "FREQ=YEARLY", None)


def test_invalid_task_offsets_are_reported_not_placed():
    bad = {"tasks": [{"text": "x", "start": 5, "end": len(TEXT) + 10, "key": "z"}]}
    spans = record_spans(TEXT, bad)
    assert spans.groups["tasks"] == [] and spans.unlocated[0]["kind"] == "task"


def test_word_pattern_is_whole_word_and_loose_on_spacing():
    assert word_pattern("11- KH/ĐU").search("Kế hoạch số 11-KH/ĐU ngày")
    assert word_pattern("Chi bộ").search("các Chi\nbộ cơ sở")
    assert not word_pattern("Chi bộ").search("Chi bội")


def test_shift_maps_to_the_source_and_trims_dropped_spaces():
    source = "Ban  Tổ chức   \nxong"
    offsets = [0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 15, 16, 17, 18, 19, 20]  # "Ban Tổ chức\nxong"
    (moved,) = shift([SpanSpec(0, 11, "responsible")], offsets, source)
    assert source[moved.start : moved.end] == "Ban  Tổ chức"


def test_iso_interval():
    assert iso_interval("2016-04-01", None) == "2016-04-01/.."


def test_outside_sections_the_cells_after_a_table_row_are_searched():
    text = "PHỤ LỤC\nTriển khai kế hoạch chuyển đổi số\nQuý I/2026\nVăn phòng Đảng ủy\nKiểm tra định kỳ\nHàng quý\n"
    row = text.index("Triển khai"), text.index("\nQuý I")
    record = {"tasks": [{"start": row[0], "end": row[1], "key": "r", "responsible": ["Văn phòng Đảng ủy"],
                         "coordinating": [], "deadline": {"text": "Quý I/2026", "start": "2026-01-01",
                                                          "end": "2026-03-31", "recurrence": None}}]}
    spans = record_spans(text, record)
    assert spans.unlocated == []
    assert [text[d.start : d.end] for d in spans.groups["deadlines"]] == ["Quý I/2026"]
    assert [text[b.start : b.end] for b in spans.groups["bodies"]] == ["Văn phòng Đảng ủy"]
