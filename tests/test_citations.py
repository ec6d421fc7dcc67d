"""Citation finder: table-driven cases for each form in issue #3, and scores against the gold files."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from pipeline.citations import canonical_number, document_target, find_citations, make_target, parse_date
from pipeline.model import DocumentMeta, Regions
from pipeline.normalize import normalize, normalize_tone_marks
from pipeline.structure import find_regions, parse_metadata

ROOT = Path(__file__).resolve().parents[1]
PROVINCE = DocumentMeta(
    doc_type="Kế hoạch",
    number="99-KH/TU",
    issuer="Tỉnh ủy Bình Thuận",
    issued_date=date(2024, 5, 2),
    locality="Bình Thuận",
    level="province",
)


def cite(text: str, meta: DocumentMeta = PROVINCE, body_start: int = 0):
    return find_citations(text, meta, Regions(body_start, body_start, len(text)))


# (text, [(mention, number, target)]) — every citation the text holds, in order.
CASES = [
    (
        "Thực hiện Nghị quyết số 22-NQ/TW ngày 02/2/2008 của Ban Chấp hành Trung ương (khóa X) về nâng cao năng lực.",
        [
            (
                "Nghị quyết số 22-NQ/TW ngày 02/2/2008 của Ban Chấp hành Trung ương (khóa X)",
                "22-NQ/TW",
                "22-NQ/TW@2008",
            )
        ],
    ),
    (
        "theo Chỉ thị 10-CT/TW của Ban Bí thư và Hướng dẫn số 12-HD/BTCTW của Ban Tổ chức Trung ương.",
        [
            ("Chỉ thị 10-CT/TW của Ban Bí thư", "10-CT/TW", "10-CT/TW@2007"),
            ("Hướng dẫn số 12-HD/BTCTW của Ban Tổ chức Trung ương", "12-HD/BTCTW", "12-HD/BTCTW@2018"),
        ],
    ),
    (
        "Kết luận số 38-KL/TW ngày 13/11/2018 của Bộ Chính trị tổng kết 10 năm thực hiện Nghị quyết 22; Quy định số 08-QĐi/TW.",
        [
            ("Kết luận số 38-KL/TW ngày 13/11/2018 của Bộ Chính trị", "38-KL/TW", "38-KL/TW@2018"),
            ("Nghị quyết 22", None, None),
            ("Quy định số 08-QĐi/TW", "08-QĐi/TW", "08-QĐi/TW@2018"),
        ],
    ),
    (
        "Kế hoạch số 15-KH/TU, Chương trình số 27-CTr/TU ngày 3/2/2017 của Tỉnh ủy, Thông báo số 509-TB/TU, Công văn số 945-CV/TU.",
        [
            ("Kế hoạch số 15-KH/TU", "15-KH/TU", "15-KH/TU@Bình Thuận"),
            ("Chương trình số 27-CTr/TU ngày 3/2/2017 của Tỉnh ủy", "27-CTr/TU", "27-CTr/TU@Bình Thuận@2017"),
            ("Thông báo số 509-TB/TU", "509-TB/TU", "509-TB/TU@Bình Thuận"),
            ("Công văn số 945-CV/TU", "945-CV/TU", "945-CV/TU@Bình Thuận"),
        ],
    ),
    (
        "Đề án số 03-ĐA/HU của Huyện ủy; Nghị quyết số 12-NQ/ĐU; Kế hoạch số 4-KH/ĐUK; Hướng dẫn số 06-HD/BTCTU.",
        [
            ("Đề án số 03-ĐA/HU của Huyện ủy", "03-ĐA/HU", "03-ĐA/HU@Bình Thuận"),
            ("Nghị quyết số 12-NQ/ĐU", "12-NQ/ĐU", "12-NQ/ĐU@Bình Thuận"),
            ("Kế hoạch số 4-KH/ĐUK", "4-KH/ĐUK", "4-KH/ĐUK@Bình Thuận"),
            ("Hướng dẫn số 06-HD/BTCTU", "06-HD/BTCTU", "06-HD/BTCTU@Bình Thuận"),
        ],
    ),
    (
        "thành lập theo Nghị định số 14/2008-NĐ/CP của Chính phủ và Luật số 22/2008/QH12.",
        [
            ("Nghị định số 14/2008-NĐ/CP của Chính phủ", "14/2008/NĐ-CP", "14/2008/NĐ-CP"),
            ("Luật số 22/2008/QH12", "22/2008/QH12", "22/2008/QH12"),
        ],
    ),
    (
        "Chỉ thị số 19/CT-TTg ngày 16 tháng 6 năm 2022 của Thủ tướng Chính phủ; Kế hoạch số 594/KH-UBND của UBND tỉnh.",
        [
            (
                "Chỉ thị số 19/CT-TTg ngày 16 tháng 6 năm 2022 của Thủ tướng Chính phủ",
                "19/CT-TTg",
                "19/CT-TTg@2022",
            ),
            ("Kế hoạch số 594/KH-UBND của UBND tỉnh", "594/KH-UBND", "594/KH-UBND@Bình Thuận"),
        ],
    ),
    (
        "Căn cứ Kế hoạch số 05, ngày 10/4/2013 của Bộ Chính trị; Hướng dẫn số 07, ngày 12/4/2013 của Ban Tổ chức Trung ương.",
        [
            ("Kế hoạch số 05, ngày 10/4/2013 của Bộ Chính trị", "05-KH/TW", "05-KH/TW@2013"),
            ("Hướng dẫn số 07, ngày 12/4/2013 của Ban Tổ chức Trung ương", "07-HD/BTCTW", "07-HD/BTCTW@2013"),
        ],
    ),
    (
        "Thực hiện Kế hoạch số 12 của Ban Thường vụ Tỉnh ủy Bình Thuận về kiểm điểm.",
        [("Kế hoạch số 12 của Ban Thường vụ Tỉnh ủy Bình Thuận", "12-KH/TU", "12-KH/TU@Bình Thuận")],
    ),
    (
        "Chỉ thị số 10-CT/TW của Ban Bí thư (khóa X). Tiếp tục thực hiện Chỉ thị 10 trong toàn Đảng bộ.",
        [
            ("Chỉ thị số 10-CT/TW của Ban Bí thư (khóa X)", "10-CT/TW", "10-CT/TW@2007"),
            ("Chỉ thị 10", "10-CT/TW", "10-CT/TW@2007"),
        ],
    ),
    (
        "học tập Nghị quyết Trung ương 4 khóa XII; Nghị quyết Trung ương 5 khóa XIII; Nghị quyết Trung ương 4 (khóa XI).",
        [
            ("Nghị quyết Trung ương 4 khóa XII", "04-NQ/TW", "04-NQ/TW@2016"),
            ("Nghị quyết Trung ương 5 khóa XIII", None, "Nghị quyết Hội nghị Trung ương 5 khóa XIII"),
            ("Nghị quyết Trung ương 4 (khóa XI)", "12-NQ/TW", "12-NQ/TW@2012"),
        ],
    ),
    (
        "thực hiện Điều lệ Đảng, Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội, Hiến pháp năm 2013, "
        "Luật Cán bộ, công chức, Luật tổ chức Chính phủ và Quy chế dân chủ ở cơ sở.",
        [
            ("Điều lệ Đảng", None, "Điều lệ Đảng"),
            (
                "Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội",
                None,
                "Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội",
            ),
            ("Hiến pháp năm 2013", None, "Hiến pháp"),
            ("Luật Cán bộ, công chức", None, "Luật Cán bộ, công chức"),
            ("Luật tổ chức Chính phủ", None, "Luật tổ chức Chính phủ"),
            ("Quy chế dân chủ ở cơ sở", None, "Quy chế dân chủ ở cơ sở"),
        ],
    ),
    # lost spaces and "TƯ" spellings in converted PDFs
    (
        "Căn cứ Chỉ thị số 45-CT/TW ngày22 tháng 7 năm 2010 của Bộ Chính trị; Thông báo số 70-TB/TWngày 06 tháng 01 năm 2012; "
        "Nghị quyết 13-NQ/TƯ của Tỉnh ủy (khóa XIV); Nghị quyết số 22-NQ/TƯ ngày 02/2/2008.",
        [
            ("Chỉ thị số 45-CT/TW ngày22 tháng 7 năm 2010 của Bộ Chính trị", "45-CT/TW", "45-CT/TW@2010"),
            ("Thông báo số 70-TB/TWngày 06 tháng 01 năm 2012", "70-TB/TW", "70-TB/TW@2012"),
            ("Nghị quyết 13-NQ/TƯ của Tỉnh ủy (khóa XIV)", "13-NQ/TU", "13-NQ/TU@Bình Thuận"),
            ("Nghị quyết số 22-NQ/TƯ ngày 02/2/2008", "22-NQ/TW", "22-NQ/TW@2008"),
        ],
    ),
    # generic phrases and self-references are not citations
    (
        "cụ thể hóa các chỉ thị, nghị quyết của cấp trên, các nghị quyết của Đảng; thực hiện Chương trình hành động này, "
        "Đề án này và Kế hoạch 5 năm, Kế hoạch 2024; các Nghị quyết của Trung ương tiếp theo.",
        [],
    ),
    # a space typed after the hyphen of a State symbol
    ("theo Công điện số 12/CĐ- UBND ngày 05/3/2026 của Ủy ban nhân dân tỉnh", [
        ("12/CĐ- UBND ngày 05/3/2026 của Ủy ban nhân dân tỉnh", "12/CĐ-UBND", "12/CĐ-UBND@Bình Thuận@2026")]),
    # a listed run of numbers: one citation per number, completed by the shared code or by type + issuer
    ("quán triệt Nghị quyết số 41, 42-NQ/TW và các Kết luận số 131 và 133 của Bộ Chính trị.", [
        ("Nghị quyết số 41, 42-NQ/TW", "41-NQ/TW", "41-NQ/TW"),
        ("Nghị quyết số 41, 42-NQ/TW", "42-NQ/TW", "42-NQ/TW"),
        ("Kết luận số 131 và 133 của Bộ Chính trị", "131-KL/TW", "131-KL/TW"),
        ("Kết luận số 131 và 133 của Bộ Chính trị", "133-KL/TW", "133-KL/TW")]),
    # counts and years after a type are no list of numbers
    ("Kế hoạch 5, 10 năm; Nghị quyết 2024, 2025 của Tỉnh ủy", []),
    # a table's product cell ("Kế hoạch") before the next row's number is no citation
    ("1\tXây dựng kế hoạch\tVăn phòng\tKế hoạch\n2\tSơ kết\tBan Tổ chức\tBáo cáo", []),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_finds_every_form(text, expected):
    got = [(c.mention, c.number, c.target) for c in cite(text)]
    assert got == expected


def test_the_documents_own_number_in_the_header_is_not_a_citation():
    text = "TỈNH ỦY BÌNH THUẬN\nSố 99-KH/TU\nKẾ HOẠCH\nthực hiện Chỉ thị số 10-CT/TW của Ban Bí thư\n\nI- MỤC ĐÍCH"
    body = text.index("I- MỤC")
    got = cite(text, body_start=body)
    assert [(c.number, c.relation) for c in got] == [("10-CT/TW", "implements")]


@pytest.mark.parametrize(
    "text,relations",
    [
        (
            "KẾ HOẠCH\nthực hiện Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương khóa XIII\n\n"
            "I- Tiếp tục thực hiện Nghị quyết số 21-NQ/TW và Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị.",
            ["implements", "implements", "cites"],
        ),
        (
            "CHƯƠNG TRÌNH\n\nQuán triệt Chỉ thị số 28-CT/TW ngày 21/01/2019 của Ban Bí thư và Quy định số 11-QĐi/TW, Ban Thường vụ xây dựng chương trình.\n\n"
            "1. Thực hiện Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị.",
            ["implements", "implements", "cites"],
        ),
    ],
)
def test_implements_only_for_title_and_opening(text, relations):
    body = text.index("\n\n") + 2
    assert [c.relation for c in cite(text, body_start=body)] == relations


def test_plenum_alias_resolves_by_subject_and_by_earlier_full_mention():
    text = (
        "thực hiện Nghị quyết Hội nghị lần thứ sáu Ban Chấp hành Trung ương (khóa X) “về nâng cao năng lực lãnh đạo, "
        "sức chiến đấu của tổ chức cơ sở đảng và chất lượng đội ngũ cán bộ, đảng viên”.\n"
        "Học tập Nghị quyết Trung ương 6 (khóa X). Căn cứ Nghị quyết của Trung ương, các cấp ủy xây dựng kế hoạch."
    )
    got = cite(text)
    assert [c.number for c in got] == ["22-NQ/TW"] * 3
    assert {c.target for c in got} == {"22-NQ/TW@2008"}


def test_ambiguous_plenum_stays_unresolved():
    text = "Triển khai các Nghị quyết Hội nghị lần thứ 6 Ban Chấp hành Trung ương (khóa X); học tập Nghị quyết Trung ương 6 khóa X."
    assert [c.number for c in cite(text)] == [None, None]


def test_abbreviation_refers_back():
    text = (
        "- Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương về tăng cường củng cố (viết tắt là Nghị quyết); "
        "Kế hoạch số 121-KH/TU ngày 10/8/2022 của Ban Thường vụ Tỉnh ủy thực hiện Nghị quyết."
    )
    got = cite(text)
    assert [(c.mention, c.number) for c in got] == [
        ("Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương", "21-NQ/TW"),
        ("Kế hoạch số 121-KH/TU ngày 10/8/2022 của Ban Thường vụ Tỉnh ủy", "121-KH/TU"),
        ("Nghị quyết", "21-NQ/TW"),
    ]


def test_a_short_name_for_a_body_is_no_alias_of_the_document_before_it():
    text = (
        "Kiện toàn Ban Chỉ đạo sơ kết Nghị quyết số 05-NQ/TU ngày 4/2/2021 của Ban Thường vụ Tỉnh ủy "
        "(sau đây gọi tắt là Ban Chỉ đạo). Ban Chỉ đạo có nhiệm vụ hoàn thiện báo cáo sơ kết."
    )
    assert [c.number for c in cite(text)] == ["05-NQ/TU"]
    aliased = text.replace("là Ban Chỉ đạo). Ban Chỉ đạo", "là Nghị quyết). Ban Chỉ đạo đánh giá Nghị quyết,")
    assert [c.number for c in cite(aliased)] == ["05-NQ/TU", "05-NQ/TU"]


def test_same_number_in_two_terms_gets_two_targets():
    text = (
        "Nghị quyết số 22-NQ/TW ngày 02/2/2008 của Ban Chấp hành Trung ương (khóa X); "
        "Nghị quyết số 22-NQ/TW ngày 10/4/2013 của Bộ Chính trị về hội nhập quốc tế."
    )
    assert [c.target for c in cite(text)] == ["22-NQ/TW@2008", "22-NQ/TW@2013"]


def test_undated_mention_takes_the_date_of_a_mention_by_the_same_issuer_only():
    text = ("Nghị quyết số 22-NQ/TW ngày 02/2/2008 của Ban Chấp hành Trung ương (khóa X); "
            "Nghị quyết số 22-NQ/TW của Bộ Chính trị về hội nhập quốc tế; Nghị quyết số 22-NQ/TW của Trung ương.")
    assert [c.target for c in cite(text)] == ["22-NQ/TW@2008", "22-NQ/TW@2013", "22-NQ/TW@2008"]


def test_spans_point_into_the_text_and_context_holds_the_mention():
    text = "Đoạn đầu.\nTiến hành sơ kết Quy định số 76-QĐ/TW của Trung ương. Đoạn sau."
    (c,) = cite(text)
    assert text[c.start : c.end] == c.mention == "Quy định số 76-QĐ/TW của Trung ương"
    assert c.context == "Tiến hành sơ kết Quy định số 76-QĐ/TW của Trung ương."
    assert (c.issuer, c.issued_date, c.term) == ("Bộ Chính trị", date(2007, 6, 15), "X")


@pytest.mark.parametrize(
    "raw,number",
    [
        ("22-NQ/TW", "22-NQ/TW"),
        ("22 - NQ/TW", "22-NQ/TW"),
        ("22/CT-TW", "22-CT/TW"),
        ("594/KH-UBND", "594/KH-UBND"),
        ("14/2008-NĐ/CP", "14/2008/NĐ-CP"),
        ("22-NQ/ TW", "22-NQ/TW"),
    ],
)
def test_canonical_number(raw, number):
    assert canonical_number(raw) == number


@pytest.mark.parametrize(
    "raw,day",
    [
        ("02/2/2008", date(2008, 2, 2)),
        ("16 tháng 6 năm 2022", date(2022, 6, 16)),
        ("31/2/2020", None),
        ("02-02-2008", date(2008, 2, 2)),
    ],
)
def test_parse_date(raw, day):
    assert parse_date(raw) == day


@pytest.mark.parametrize(
    "meta,target",
    [
        (
            DocumentMeta(number="15-NQ/TU", issued_date=date(2008, 4, 17), locality="Bình Thuận"),
            "15-NQ/TU@Bình Thuận@2008",
        ),
        (DocumentMeta(number="22-NQ/TW", issued_date=date(2008, 2, 2)), "22-NQ/TW@2008"),
        (DocumentMeta(number="-ĐA/TU", is_draft=True), None),
        (DocumentMeta(number=None), None),
    ],
)
def test_document_target_matches_citation_targets(meta, target):
    assert document_target(meta) == target


@pytest.mark.parametrize(
    "text,target",
    [
        (
            "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Tiền Giang lần thứ XI, nhiệm kỳ 2020 - 2025",
            "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI@Tiền Giang",
        ),
        (
            "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XV",
            "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XV@Bình Thuận",
        ),
        ("Nghị quyết Đại hội XIII của Đảng", "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII"),
        (
            "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
            "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII",
        ),
    ],
)
def test_congress_resolutions(text, target):
    (c,) = cite(text)
    assert (c.doc_type, c.number, c.target) == ("Nghị quyết", None, target)


def test_plenum_named_after_a_symbol_and_arabic_terms():
    text = "Nghị quyết số 15-NQ/TW, ngày 1/6/2012 Hội nghị lần thứ năm BCH TW Đảng khóa 11 về một số vấn đề chính sách xã hội"
    (c,) = cite(text)
    assert (c.number, c.issuer, c.term, c.target) == ("15-NQ/TW", "Ban Chấp hành Trung ương", "XI", "15-NQ/TW@2012")


def test_make_target_for_titles():
    assert make_target(None, title="Điều lệ Đảng") == "Điều lệ Đảng"
    assert (
        make_target(
            None, title="Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XV", locality="Bình Thuận", local_title=True
        )
        == "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XV@Bình Thuận"
    )


# --- scores on the gold annotations -------------------------------------------------------------


def _corpus_citations(source: str):
    text = normalize((ROOT / "corpus" / Path(source).name).read_text(encoding="utf-8")).text
    regions = find_regions(text)
    return find_citations(text, parse_metadata(text, regions), regions)


def gold_scores() -> dict:
    """Number-level precision/recall over eval/gold, plus mention recall (each printed mention found)."""
    tp = fp = fn = 0
    mentions_found = mentions_total = 0
    implements_ok = implements_total = 0
    for path in sorted((ROOT / "eval" / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        got = _corpus_citations(gold["source"])
        predicted = {c.number for c in got if c.number}
        expected = {c["number"] for c in gold["citations"] if c.get("number")}
        tp += len(predicted & expected)
        fp += len(predicted - expected)
        fn += len(expected - predicted)
        printed = [c.mention for c in got]
        for entry in gold["citations"]:
            for mention in entry["mentions"]:
                mentions_total += 1
                if normalize_tone_marks(mention) in printed:
                    printed.remove(normalize_tone_marks(mention))
                    mentions_found += 1
            if entry.get("number"):
                implements_total += 1
                relations = {c.relation for c in got if c.number == entry["number"]}
                implements_ok += relations == {entry["relation"]}
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "mention_recall": mentions_found / mentions_total,
        "relation_accuracy": implements_ok / implements_total,
    }


def test_gold_scores():
    scores = gold_scores()
    print(scores)
    assert scores["f1"] >= 0.95
    assert scores["mention_recall"] >= 0.9
    assert scores["relation_accuracy"] == 1.0


def test_registry_never_fills_a_document_issued_after_the_citing_one():
    text = "Thực hiện Nghị quyết số 35-NQ/TW của Bộ Chính trị về bảo vệ nền tảng tư tưởng."
    early = DocumentMeta(issued_date=date(2010, 1, 1))
    assert cite(text, early)[0].target == "35-NQ/TW"
    assert cite(text)[0].target == "35-NQ/TW@2018"


def test_uppercase_titles_are_read():
    text = "KẾ HOẠCH\nTHỰC HIỆN NGHỊ QUYẾT HỘI NGHỊ LẦN THỨ BẢY BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG (KHÓA XII) VỀ TẬP TRUNG XÂY DỰNG ĐỘI NGŨ CÁN BỘ CÁC CẤP\n\nI- MỤC ĐÍCH"
    (c,) = cite(text, body_start=text.index("I- MỤC"))
    assert (c.number, c.term, c.relation) == ("26-NQ/TW", "XII", "implements")


PIECES = [
    "Nghị quyết",
    "số",
    "22-NQ/TW",
    "ngày 02/2/2008",
    "của",
    "Ban Chấp hành Trung ương",
    "(khóa X)",
    "Chỉ thị 10",
    "Trung ương 6",
    "Đại hội",
    "lần thứ XIV",
    "Điều lệ Đảng",
    "các",
    "này",
    "viết tắt là",
    "(",
    ")",
    ",",
    ".",
    "\n",
    "Luật",
    "Kế hoạch số 05",
    "Bộ Chính trị",
    "Tỉnh ủy",
    "14/2008-NĐ/CP",
    "về",
    "“",
    "”",
    "Hội nghị",
    "thực hiện",
]


def test_any_text_gives_valid_non_overlapping_spans():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=150, deadline=None)
    @given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=40))
    def check(parts):
        text = " ".join(parts)
        body = len(text) // 3
        found = find_citations(text, PROVINCE, Regions(body, body, len(text)))
        last_end = -1
        for c in found:
            assert 0 <= c.start < c.end <= len(text)
            assert text[c.start : c.end] == c.mention
            assert c.start >= last_end
            assert c.relation in ("cites", "implements")
            last_end = c.end

    check()


def test_opening_clauses_before_the_first_heading_are_implemented():
    text = (
        "KẾ HOẠCH\n\n- Căn cứ Điều lệ Đảng;\n- Thực hiện Kế hoạch số 121-KH/TU ngày 10/8/2022 của Ban Thường vụ Tỉnh ủy;\n"
        "Căn cứ tình hình thực tế; quán triệt Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị, Ban Thường vụ ban hành kế hoạch.\n"
        "I. MỤC ĐÍCH\n1. Tiếp tục thực hiện Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị."
    )
    got = cite(text, body_start=text.index("- Căn cứ"))
    assert [(c.number or c.title, c.relation) for c in got] == [
        ("Điều lệ Đảng", "cites"),
        ("121-KH/TU", "implements"),
        ("05-CT/TW", "implements"),
        ("01-KL/TW", "cites"),
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        (  # a short headline mention takes the number of the one full mention printed later
            "Chương trình thực hiện Nghị quyết số 57\n\nThực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị.",
            [("57-NQ/TW", "57-NQ/TW@2024", "later_mention"), ("57-NQ/TW", "57-NQ/TW@2024", "mention")],
        ),
        (  # two documents numbered 57 later: ambiguous, left unresolved
            "Nghị quyết số 57 và Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị và Nghị quyết số 57-NQ/TU của Tỉnh ủy",
            [(None, None, None), ("57-NQ/TW", "57-NQ/TW@2024", "mention"), ("57-NQ/TU", "57-NQ/TU@Bình Thuận", "mention")],
        ),
        (  # another type with the same digits is not the same document
            "Kế hoạch số 5 nói trên. Sau đó Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị.",
            [(None, None, None), ("05-CT/TW", "05-CT/TW@2016", "mention")],
        ),
        (  # an earlier full mention still wins over a later one
            "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị; Chỉ thị số 05 nêu rõ; Chỉ thị số 05-CT/TW ngày 10/1/2022 của Ban Bí thư.",
            [("05-CT/TW", "05-CT/TW@2016", "mention"), ("05-CT/TW", "05-CT/TW@2016", "earlier_mention"),
             ("05-CT/TW", "05-CT/TW@2022", "mention")],
        ),
    ],
)
def test_short_mention_resolves_to_the_one_full_mention_before_or_after(text, expected):
    got = [(c.number, c.target, c.resolved_by) for c in cite(text)]
    assert got == expected


@pytest.mark.parametrize(
    "text,relations",
    [
        (  # a district direction: the body is told to carry it out; the Chỉ thị in its subject is only cited
            "Ban Thường vụ Huyện ủy đề nghị các chi bộ phổ biến, triển khai sâu rộng "
            "Kết luận số 93-KL/TW, ngày 20/11/2020 của Ban Bí thư về tiếp tục thực hiện Chỉ thị số "
            "42-CT/TW, ngày 16/4/2010 của Bộ Chính trị (khóa X) đến từng đảng viên.",
            ["implements", "cites"],
        ),
        (  # a web republication: agency tag, then "Để thực hiện hiệu quả ..."
            "(Báo tỉnh) - Nhằm thực hiện tốt Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX, "
            "Tỉnh ủy vừa có kế hoạch.",
            ["implements"],
        ),
        (  # background of the past, and the plan another document issued to carry out a third one
            "Những năm qua, thực hiện Kết luận số 100-KL/TW ngày 18/8/2014 của Ban Bí thư và Kế hoạch số "
            "25-KH/TU ngày 30/11/2016 của Tỉnh ủy (thực hiện Kết luận số 111-KL/TW của Ban Bí thư), công tác có tiến bộ.",
            ["cites", "cites", "cites"],
        ),
        (  # "Căn cứ" alone is a legal basis; the "Thực hiện" clause after it is implemented
            "Căn cứ Quy định số 08-QĐi/TW ngày 25/10/2018 của Ban Chấp hành Trung ương; Thực hiện Kết luận số 01-KL/TW "
            "ngày 18/5/2021 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy ban hành kế hoạch.",
            ["cites", "implements"],
        ),
        (  # beyond the opening (after the first numbered heading) the verbs are tasks, not the purpose
            "Kế hoạch của Ban Thường vụ.\n\n1. Tổ chức quán triệt Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị.",
            ["cites"],
        ),
    ],
)
def test_implements_in_real_openings(text, relations):
    assert [c.relation for c in cite(text)] == relations


def test_a_review_plan_title_implements_what_it_reviews():
    text = "KẾ HOẠCH\ntổng kết 10 năm thực hiện Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương\n\nI- MỤC ĐÍCH"
    assert [c.relation for c in cite(text, body_start=text.index("I- MỤC"))] == ["implements"]


@pytest.mark.parametrize("number", ["06/TTr-HĐND", "12/QĐ-UBND", "215/TB-VPUB"])
def test_short_state_numbers_with_a_mixed_case_type_code(number):
    found = cite(f"Ban Thường vụ thống nhất với Tờ trình số {number} ngày 13/11/2025 của Ủy ban nhân dân tỉnh về nhân sự.")
    assert [c.number for c in found] == [number]


@pytest.mark.parametrize(
    "number",
    ["06/KH-MTTW-BTT", "101/2025/UBTVQH15", "102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN", "22/2008/QH12"],
)
def test_state_numbers_with_several_codes_or_an_issuer_s_term(number):
    found = cite(f"Căn cứ văn bản số {number} ngày 22/7/2025 hướng dẫn công tác bầu cử ở cơ sở.")
    assert [c.number for c in found] == [number]


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        (
            "Xây dựng kế hoạch thực hiện Đề án nâng cao năng lực số cho cán bộ, công chức xã giai đoạn 2026 - 2030, trình Thường trực.",
            ["Đề án nâng cao năng lực số cho cán bộ, công chức xã giai đoạn 2026 - 2030"],
        ),
        (
            "Rà soát Đề án sắp xếp thôn, tổ dân phố và Đề án phát triển du lịch cộng đồng trên địa bàn.",
            ["Đề án sắp xếp thôn, tổ dân phố", "Đề án phát triển du lịch cộng đồng trên địa bàn"],
        ),
        ("Văn phòng chỉnh sửa Đề án trình Thường trực xem xét.", []),
        ("Các đề án đã được thông qua.", []),
    ],
)
def test_a_project_cited_by_its_title(text, titles):
    assert [c.title for c in cite(text) if c.doc_type == "Đề án"] == titles
