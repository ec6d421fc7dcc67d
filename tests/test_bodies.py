"""Gazetteer examples and body-name rules (table-driven, no network)."""

from __future__ import annotations

import pytest

from pipeline.bodies import (
    body_variants,
    canonical_body,
    find_bodies,
    gazetteer,
    merge_variants,
    one_document,
    qualify,
)
from pipeline.model import DocumentMeta


def _examples():
    for section in ("levels", "organs", "bodies", "lists", "org_heads"):
        for entry in gazetteer()[section]:
            assert entry.get("examples"), f"{entry['name']} has no examples"
            for ex in entry["examples"]:
                yield pytest.param(
                    ex["text"], ex["expect"], id=f"{section}:{entry['name']}:{ex['text'][:30]}"
                )
    for ex in gazetteer()["kind_lists"]["examples"]:
        yield pytest.param(ex["text"], ex["expect"], id=f"kind_lists:{ex['text'][:30]}")
    for ex in gazetteer()["party_units"]["examples"]:
        yield pytest.param(ex["text"], ex["expect"], id=f"party_units:{ex['text'][:30]}")
    stops = gazetteer()["org_name_stops"]
    assert stops["predicates"] and stops["function_words"] and stops["examples"]
    for ex in stops["examples"]:
        yield pytest.param(ex["text"], ex["expect"], id=f"org_name_stops:{ex['text'][:30]}")


@pytest.mark.parametrize(("text", "expect"), list(_examples()))
def test_gazetteer_examples(text, expect):
    assert [b.name for b in find_bodies(text)] == expect


def test_schema_fields():
    for section in ("levels", "organs", "bodies"):
        for entry in gazetteer()[section]:
            assert isinstance(entry["name"], str) and entry["patterns"], entry


@pytest.mark.parametrize(
    ("printed", "canonical"),
    [
        ("các Ban Tổ chức Tỉnh uỷ", "Ban Tổ chức Tỉnh ủy"),
        ("Các cấp ủy", "Cấp ủy"),
        ("chi bộ", "Chi bộ"),
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
        ("HĐND", "Hội đồng nhân dân"),
        ("BTC ĐUK", "Ban Tổ chức Đảng ủy Khối"),
        ("UBKT TU", "Ủy ban Kiểm tra Tỉnh ủy"),
        ("MTTQ", "Mặt trận Tổ quốc"),
        ("MTTQ tỉnh", "Mặt trận Tổ quốc tỉnh"),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
        ("các đoàn thể chính trị - xã hội huyện", "Đoàn thể chính trị - xã hội huyện"),
        ("Hội Nông dân tỉnh", "Hội Nông dân tỉnh"),
        ("Ban Chỉ đạo 35 tỉnh", "Ban Chỉ đạo 35 tỉnh"),
        ("HĐND huyện", "Hội đồng nhân dân huyện"),
        ("Trung tâm Văn hóa - Thông tin huyện", "Trung tâm Văn hóa - Thông tin huyện"),
        ("Sở Nội vụ huyện", "Sở Nội vụ huyện"),
        ("các ngành chức năng", "Ngành chức năng"),
    ],
)
def test_canonical_body(printed, canonical):
    assert canonical_body(printed) == canonical


def test_spans_point_into_text():
    text = "Giao Ban Tổ chức Huyện ủy chủ trì, phối hợp với Ủy ban Kiểm tra Huyện ủy"
    for b in find_bodies(text):
        assert text[b.start : b.end] == b.printed


@pytest.mark.parametrize(
    ("name", "meta", "expected"),
    [
        (
            "Ban Tổ chức Tỉnh ủy",
            DocumentMeta(locality="Bình Thuận", level="province"),
            "Ban Tổ chức Tỉnh ủy Bình Thuận",
        ),
        ("Tỉnh ủy", DocumentMeta(locality="Bình Thuận", level="province"), "Tỉnh ủy Bình Thuận"),
        ("Chi bộ", DocumentMeta(locality="Bình Thuận", level="province"), "Chi bộ"),
        (
            "Ban Tổ chức Trung ương",
            DocumentMeta(locality="Bình Thuận", level="province"),
            "Ban Tổ chức Trung ương",
        ),
        ("Ban Tổ chức Tỉnh ủy", DocumentMeta(locality="Đức Phổ", level="district"), "Ban Tổ chức Tỉnh ủy"),
        (
            "Ban Dân vận Huyện ủy",
            DocumentMeta(locality="Hàm Tân", level="district"),
            "Ban Dân vận Huyện ủy Hàm Tân",
        ),
        ("Ban Tổ chức Tỉnh ủy", DocumentMeta(), "Ban Tổ chức Tỉnh ủy"),
    ],
)
def test_qualify(name, meta, expected):
    assert qualify(name, meta) == expected


def test_body_variants_cover_spellings():
    variants = body_variants("Ban Tổ chức Tỉnh uỷ")
    assert "Ban Tổ chức Tỉnh ủy" in variants
    assert "ban to chuc tinh uy" in variants
    assert "BTC Tỉnh ủy" in variants
    assert "Ban Tổ chức Huyện ủy" not in variants


def test_merge_variants_keeps_levels_apart():
    rep = merge_variants(
        ["Đảng ủy Khối", "Đảng ủy Khối cơ quan Dân Chính Đảng", "Ban Tổ chức Tỉnh ủy", "Ban Tổ chức Huyện ủy"]
    )
    assert rep["Đảng ủy Khối"] == "Đảng ủy Khối cơ quan Dân Chính Đảng"
    assert rep["Ban Tổ chức Tỉnh ủy"] != rep["Ban Tổ chức Huyện ủy"]


@pytest.mark.parametrize(
    ("printed", "also_found_as"),
    [
        ("Mặt trận Tổ quốc tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
        ("Ủy ban MTTQ Việt Nam huyện", "Mặt trận Tổ quốc huyện"),
        ("Đoàn thể chính trị - xã hội huyện", "Tổ chức chính trị - xã hội huyện"),
        ("Hội Phụ nữ xã", "Hội Liên hiệp Phụ nữ Việt Nam xã"),
    ],
)
def test_alias_groups_join_in_filters_not_in_names(printed, also_found_as):
    """Output names stay as printed; a filter for one printing finds the other."""
    assert canonical_body(printed) != canonical_body(also_found_as)
    assert also_found_as in body_variants(printed)
    names = [canonical_body(printed), also_found_as]  # merge_variants works on output names
    rep = merge_variants(names)
    assert rep[names[0]] == rep[names[1]]


def test_alias_groups_keep_localities_apart():
    assert "Mặt trận Tổ quốc huyện" not in body_variants("Mặt trận Tổ quốc tỉnh")
    rep = merge_variants(["Mặt trận Tổ quốc tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện"])
    assert rep["Mặt trận Tổ quốc tỉnh"] != rep["Ủy ban Mặt trận Tổ quốc Việt Nam huyện"]


def _succession_examples():
    for entry in gazetteer()["successions"]:
        assert entry["since"] and entry["source"] and entry["examples"], entry
        for ex in entry["examples"]:
            yield pytest.param(ex["old"], ex["new"], id=f"successions:{ex['old']}")


@pytest.mark.parametrize(("old", "new"), list(_succession_examples()))
def test_successions_name_the_successor_with_its_level(old, new):
    from pipeline.bodies import successors

    assert [s.successor for s in successors(old)] == [new]
    assert new in body_variants(old)
    assert successors(new) == []  # the successor has none of its own


@pytest.mark.parametrize(
    ("name", "issuer", "expected"),
    [
        ("Ủy ban Kiểm tra", "Tỉnh ủy Khánh Hòa", "Ủy ban Kiểm tra Tỉnh ủy Khánh Hòa"),
        ("Văn phòng", "Ban Thường vụ Đảng ủy xã Tân An", "Văn phòng Đảng ủy xã Tân An"),
        ("Ban Tổ chức", "Bộ Chính trị", "Ban Tổ chức Trung ương"),
        ("Ban Tổ chức Tỉnh ủy", "Huyện ủy Tuy Phong", "Ban Tổ chức Tỉnh ủy"),  # another committee, left as printed
    ],
)
def test_an_organ_without_its_committee_is_the_issuers(name, issuer, expected):
    meta = DocumentMeta(issuer=issuer, locality=None, level=None)
    assert qualify(name, meta) == expected


def test_bodies_read_once_per_document_are_the_same_bodies():
    line = "Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Ủy ban nhân dân tỉnh."
    alone = find_bodies(line)
    with one_document():
        first, again = find_bodies(line), find_bodies(line)
        again.clear()  # a caller's list is its own
        assert find_bodies(line) == first == alone


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        (
            "Hội Liên hiệp Phụ nữ (HLHPN) phường vận động hội viên",
            ["Hội Liên hiệp Phụ nữ phường"],
        ),
        (
            "Ủy ban Mặt trận Tổ quốc Việt Nam (MTTQ) xã chủ trì, phối hợp với Đoàn Thanh niên",
            ["Ủy ban Mặt trận Tổ quốc Việt Nam xã", "Đoàn Thanh niên"],
        ),
    ],
)
def test_an_abbreviation_in_parentheses_does_not_cut_the_name(text, expect):
    mentions = find_bodies(text)
    assert [b.name for b in mentions] == expect
    assert "(" in mentions[0].printed  # the printed span is the source's, aside included


def test_a_plural_party_committee_printed_once_before_a_list_of_ministries_is_each_one_s():
    names = [b.name for b in find_bodies("Các Đảng ủy Bộ Tài chính, Bộ Nội vụ và Bộ Y tế khẩn trương bố trí kinh phí.")]
    assert names == ["Đảng ủy Bộ Tài chính", "Đảng ủy Bộ Nội vụ", "Đảng ủy Bộ Y tế"]
    assert [b.name for b in find_bodies("Đảng ủy Sở Nội vụ và Sở Tài chính phối hợp")] == ["Đảng ủy Sở Nội vụ", "Sở Tài chính"]


def test_a_unit_s_name_stops_where_its_secretary_s_full_name_begins():
    assert [b.name for b in find_bodies("Bí thư Đảng ủy phường An Khánh Trần Minh Đức phát biểu")] == ["Đảng ủy phường An Khánh"]
    assert [b.name for b in find_bodies("Đảng ủy xã Lương Sơn chỉ đạo")] == ["Đảng ủy xã Lương Sơn"]  # a family name in a place


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("Huyện ủy Phù Cát yêu cầu các chi bộ", ["Huyện ủy Phù Cát", "Chi bộ"]),
        ("Ban Thường vụ Thành ủy Quy Nhơn chỉ đạo", ["Ban Thường vụ Thành ủy Quy Nhơn"]),
        ("Tỉnh ủy Lào Cai ban hành", ["Tỉnh ủy Lào Cai"]),
        ("Thường trực Huyện ủy Tuy Phước Lê Văn Bình đề nghị", ["Thường trực Huyện ủy Tuy Phước"]),
        ("Thành ủy TP.HCM chỉ đạo", ["Thành ủy Thành phố Hồ Chí Minh"]),  # an abbreviated province written out
        ("Tỉnh ủy BR-VT yêu cầu", ["Tỉnh ủy Bà Rịa - Vũng Tàu"]),
        ("Tỉnh ủy, Ủy ban nhân dân tỉnh", ["Tỉnh ủy", "Ủy ban nhân dân tỉnh"]),
    ],
)
def test_a_committee_printed_with_its_place_keeps_it(text, expect):
    """The place printed after a territorial committee is part of its name (never a person's name)."""
    assert [b.name for b in find_bodies(text)] == expect
