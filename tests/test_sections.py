"""Section tree: numbering styles, heading vs directive lines, kinds (table-driven)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.lexicon import split_marker
from pipeline.model import Regions
from pipeline.normalize import normalize
from pipeline.sections import (
    aims_heading,
    heading_kind,
    implementation_heading,
    parse_sections,
    section_keywords,
)
from pipeline.structure import find_regions

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _keyword_examples():
    data = section_keywords()
    for kind in ("task", "non_task"):
        for entry in data[kind]:
            assert entry.get("examples"), entry
            for ex in entry["examples"]:
                yield pytest.param(ex, kind, id=f"{kind}:{ex[:40]}")
    for ex in data["neutral_examples"]:
        yield pytest.param(ex, "neutral", id=f"neutral:{ex[:40]}")


@pytest.mark.parametrize(("heading", "kind"), list(_keyword_examples()))
def test_keyword_examples(heading, kind):
    marker = split_marker(heading)
    text = heading[marker.length :] if marker and marker.style != "part" else heading
    assert heading_kind(text) == kind


def _pattern_examples():
    """The examples and counter-examples of the patterns sections.yaml keeps beside its keywords."""
    for key, rx in (("implementation_articles", implementation_heading()), ("aims_under_work", aims_heading())):
        entry = section_keywords()[key]
        match = rx.search if key == "implementation_articles" else rx.fullmatch
        for ex in entry["examples"]:
            yield pytest.param(match, ex, True, id=f"{key}:{ex[:40]}")
        for ex in entry["counter_examples"]:
            yield pytest.param(match, ex, False, id=f"{key}:not:{ex[:40]}")


@pytest.mark.parametrize(("match", "heading", "expected"), list(_pattern_examples()))
def test_pattern_examples(match, heading, expected):
    assert (match(heading) is not None) == expected


@pytest.mark.parametrize(
    ("line", "style", "component"),
    [
        ("Phần thứ hai", "part", "P2"),
        ("I- YÊU CẦU:", "roman", "I"),
        ("II. MỤC TIÊU:", "roman", "II"),
        ("IV.- Tổ chức thực hiện", "roman", "IV"),
        ("1. Về công tác cán bộ:", "arabic", "1"),
        ("1/- Đẩy mạnh", "arabic", "1"),
        ("3- Ban Tổ chức Tỉnh ủy chủ trì", "arabic", "3"),
        ("1.1. Mục tiêu tổng quát", "decimal2", "1.1"),
        ("b) Ban Dân vận Huyện ủy:", "letter", "b"),
        ("a)- Rà soát", "letter", "a"),
        ("- Rà soát lại", "bullet", ""),
        ("+ Ở xã, phường", "bullet", ""),
        ("(1) Chi bộ", "bullet", ""),
        ("3-4% tổng số đảng viên", None, None),
        ("100% chi bộ giữ nghiêm", None, None),
        ("Ngày 22/5/2008, đồng chí", None, None),
        # an OCR pass loses or bends the dot: "II NHIỆM VỤ", "5, Ban Tuyên giáo"
        ("II NHIỆM VỤ, GIẢI PHÁP", "roman", "II"),
        ("5, Ban Tuyên giáo chủ trì", "arabic", "5"),
        ("5, 6 tháng đầu năm", None, None),
        ("V ĂN KIỆN ĐẠI HỘI", None, None),
        ("V/v triển khai công tác", None, None),
    ],
)
def test_split_marker(line, style, component):
    m = split_marker(line)
    if style is None:
        assert m is None
    else:
        assert m is not None and (m.style, m.component) == (style, component)


PLAN = """KẾ HOẠCH
I. MỤC ĐÍCH, YÊU CẦU
1. Quán triệt sâu sắc nội dung Nghị quyết.
II. NỘI DUNG VÀ PHÂN CÔNG THỰC HIỆN
1. Về công tác cán bộ:
a) Ban Tổ chức Huyện ủy:
- Chủ trì rà soát quy hoạch cán bộ.
- Hoàn thành trong tháng 10/2013.
b) Ban Dân vận Huyện ủy:
- Hướng dẫn Mặt trận xây dựng kế hoạch.
2. Ủy ban Kiểm tra Huyện ủy kiểm tra việc thực hiện.
3. Văn phòng Huyện ủy tổng hợp, báo cáo.
Nơi nhận:
- Như trên.
"""


def test_district_plan_tree():
    sections = parse_sections(PLAN, Regions(0, 0, len(PLAN)))
    by_path = {s.path: s for s in sections}
    assert list(by_path) == ["I", "I.1", "II", "II.1", "II.1.a", "II.1.b", "II.2", "II.3"]
    assert by_path["I"].kind == "non_task" and by_path["I.1"].kind == "non_task"
    assert by_path["II"].kind == "task" and by_path["II.1.b"].kind == "task"
    assert by_path["II.1"].heading == "Về công tác cán bộ:"
    assert by_path["II.1.a"].heading == "Ban Tổ chức Huyện ủy:"
    assert by_path["II.2"].heading == ""  # a directive line, not a heading
    assert by_path["II.1.a"].parent == "II.1"
    assert "Nơi nhận" not in PLAN[by_path["II.3"].start : by_path["II.3"].end]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "000_12b74036f273f99d.txt",
            {"III": "task", "III.1": "task", "IV.3": "task", "I": "non_task", "II": "non_task"},
        ),
        ("001_64c2e156f5a86ec1.txt", {"I.2": "non_task", "II.5": "task", "III.2": "task"}),
        ("002_6b90be9875502fca.txt", {"P3": "neutral", "III.1.4": "task", "II": "non_task"}),
        ("004_3c10ca3a715fe4bb.txt", {"I": "non_task", "II": "task", "II.8": "task"}),
    ],
)
def test_corpus_kinds(name, expected):
    text = normalize((CORPUS / name).read_text(encoding="utf-8")).text
    sections = parse_sections(text, find_regions(text))
    kinds = {}
    for s in sections:
        kinds.setdefault(s.path, s.kind)  # 002 has "I"/"II" in every part: keep the first
    kinds.update({s.path: s.kind for s in sections if s.kind == "task"})
    for path, kind in expected.items():
        assert kinds[path] == kind, path


def test_heading_or_directive_by_evidence():
    text = normalize((CORPUS / "000_12b74036f273f99d.txt").read_text(encoding="utf-8")).text
    sections = {s.path: s for s in parse_sections(text, find_regions(text))}
    assert sections["III.1"].heading.startswith("Làm tốt công tác giáo dục")  # followed by bullets
    assert sections["IV.1"].heading == ""  # "1. Ban Tuyên giáo Tỉnh ủy hướng dẫn ..." is a task
    for s in sections.values():
        assert 0 <= s.start <= s.heading_start <= s.heading_end <= s.end <= len(text)


LETTERED = """A. ĐÁNH GIÁ KẾT QUẢ NĂM 2015
I. Kết quả đạt được
Công tác xây dựng Đảng có chuyển biến.
B. NHIỆM VỤ NĂM 2016
I. Công tác tư tưởng
1. Về học tập nghị quyết
a) Ban Tuyên giáo Tỉnh ủy:
- Hướng dẫn học tập.
II. Công tác tổ chức
"""


def test_upper_letter_parts():
    sections = parse_sections(LETTERED, Regions(0, 0, len(LETTERED)))
    got = [(s.path, s.kind, s.parent) for s in sections]
    assert got == [
        ("A", "non_task", None),
        ("A.I", "non_task", "A"),
        ("B", "task", None),
        ("B.I", "task", "B"),
        ("B.I.1", "task", "B.I"),
        ("B.I.1.a", "task", "B.I.1"),
        ("B.II", "task", "B"),
    ]


def test_paren_numbers_nest_inside_dot_numbers():
    text = "II. NHIỆM VỤ\n1. Công tác tư tưởng\na) Tuyên truyền\n1) Ban Tuyên giáo Huyện ủy hướng dẫn.\n2) Các chi bộ tổ chức học tập.\n2. Công tác tổ chức\n"
    paths = [s.path for s in parse_sections(text, Regions(0, 0, len(text)))]
    assert paths == ["II", "II.1", "II.1.a", "II.1.a.1", "II.1.a.2", "II.2"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("III. Tập trung thực hiện tốt các nhiệm vụ sau\n1. Các cấp ủy chỉ đạo.\n", "task"),
        ("1. Tập trung thực hiện tốt các nhiệm vụ sau\n- Các cấp ủy chỉ đạo.\n", "neutral"),
    ],
)
def test_roman_headings_are_titles(text, kind):
    assert parse_sections(text, Regions(0, 0, len(text)))[0].kind == kind


def test_a_line_naming_only_a_list_of_bodies_heads_their_block():
    text = (
        "IV. TỔ CHỨC THỰC HIỆN\n"
        "1. Các cơ quan tham mưu, giúp việc Tỉnh ủy, các đảng ủy trực thuộc Tỉnh ủy\n"
        "Tập trung triển khai các nhiệm vụ chuyển đổi số theo kế hoạch của cơ quan, đơn vị.\n"
        "2. Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh\n"
        "Phát huy vai trò giám sát của Nhân dân đối với dịch vụ công trực tuyến.\n"
        "3. Văn phòng Tỉnh ủy theo dõi, đôn đốc và tổng hợp kết quả thực hiện.\n"
    )
    by_path = {s.path: s for s in parse_sections(text, Regions(0, 0, len(text)))}
    assert by_path["IV.1"].heading.startswith("Các cơ quan tham mưu")
    assert by_path["IV.2"].heading.startswith("Ủy ban Mặt trận")
    assert by_path["IV.3"].heading == ""  # a body and what it must do: a directive line


def test_a_text_whose_first_headings_were_lost_still_nests_what_follows():
    text = (
        "1.2. Rà soát đội ngũ báo cáo viên\nNội dung đã làm trong năm.\n"
        "2. Sinh hoạt chuyên đề ở chi bộ\nNội dung đã làm trong năm.\n"
        "III - NHIỆM VỤ THỜI GIAN TỚI\n"
        "1. Phương hướng\nGiữ vững nền nếp sinh hoạt.\n"
        "2. Nhiệm vụ\n- Tổ chức học tập chuyên đề năm 2027.\n"
    )
    assert [s.path for s in parse_sections(text)] == ["1.2", "2", "III", "III.1", "III.2"]


def test_a_parts_label_with_nothing_under_it_is_no_task():
    from pipeline.extract import extract_text

    text = (
        "ĐẢNG ỦY CÔNG TY\n\nBÁO CÁO\n\nI. KẾT QUẢ\nCác chi bộ đã họp đủ kỳ.\n\n"
        "II. NHIỆM VỤ THỜI GIAN TỚI\n1. Phương hướng\nNhìn chung, các chi bộ đã hoàn thành nhiệm vụ năm.\n"
        "2. Nhiệm vụ\n- Tổ chức học tập chuyên đề năm 2027.\n"
    )
    assert [t.text for t in extract_text(text, "bc.txt").tasks] == ["Tổ chức học tập chuyên đề năm 2027."]


def test_aims_under_a_part_of_work_are_no_work():
    """A report's "Phương hướng, nhiệm vụ năm 2026" is work, but its "I. Mục tiêu" states aims."""
    text = "\n".join(
        [
            "Phần thứ hai",
            "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026",
            "I. MỤC TIÊU",
            "Giữ vững Đảng bộ xã trong sạch, vững mạnh; kết nạp từ 18 đảng viên mới trở lên.",
            "II. NHIỆM VỤ, GIẢI PHÁP",
            "1. Các chi bộ duy trì sinh hoạt chuyên đề mỗi quý.",
        ]
    )
    kinds = {s.path: s.kind for s in parse_sections(text)}
    assert (kinds["I"], kinds["II"], kinds["II.1"]) == ("non_task", "task", "task")
