"""Issue #4 error classes on unseen directives: assessment items among directive items,
organ-first body lists, organisation heads, year-less due dates — end to end through
extract_tasks, on examples written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.model import DocumentMeta, Regions
from pipeline.sections import parse_sections
from pipeline.tasks import _reviews_the_past, extract_tasks, find_roles

META = DocumentMeta(issued_date=date(2024, 9, 5))


def _tasks(text: str):
    return extract_tasks(text, parse_sections(text, Regions(0, 0, len(text))), META, [])


# item text, is it an assessment (not a task)?
ASSESSMENTS = [
    (
        "Thời gian qua, Ủy ban nhân dân huyện đã chủ động chỉ đạo các ngành triển khai công tác bồi thường; "
        "tuy nhiên, việc giải phóng mặt bằng còn chậm, chưa đáp ứng yêu cầu tiến độ.",
        True,
    ),
    ("Trong những năm qua, công tác dân vận đã đạt được nhiều kết quả quan trọng.", True),
    ("Nhìn chung, các cấp ủy đã quan tâm lãnh đạo; tuy nhiên, một số nơi còn lúng túng.", True),
    ("Ban Thường vụ Huyện ủy ghi nhận, đánh giá cao sự cố gắng của Đảng ủy xã Phú Lạc.", True),
    ("Công tác xây dựng Đảng đã đạt được nhiều kết quả, tạo chuyển biến rõ nét.", True),
    # a directive item may mention the past: its main clause decides
    (
        "Thời gian qua, việc thu ngân sách còn chậm; Ủy ban nhân dân huyện cần tập trung chỉ đạo quyết liệt.",
        False,
    ),
    (
        "Trong những năm qua, công tác này đã đạt kết quả. Thời gian tới, các xã tiếp tục rà soát.",
        False,
    ),
    (
        "Thời gian qua, tiến độ còn chậm. Ủy ban nhân dân huyện chỉ đạo các xã hoàn thành kiểm đếm.",
        False,
    ),
    ("Ban Thường vụ Huyện ủy ghi nhận kết quả và yêu cầu Ủy ban nhân dân huyện sớm hoàn thành.", False),
    ("Ủy ban nhân dân huyện chỉ đạo các xã hoàn thành kiểm đếm trước 30/10.", False),
    ("Đối với các xã đã đạt được chuẩn nông thôn mới, tiếp tục nâng chất các tiêu chí.", False),
]


@pytest.mark.parametrize(("item", "assessment"), ASSESSMENTS)
def test_reviews_the_past(item: str, assessment: bool) -> None:
    assert _reviews_the_past(item) is assessment


NOTICE = """Ban Thường vụ Huyện ủy kết luận như sau:

1. Thời gian qua, Ủy ban nhân dân huyện đã chủ động chỉ đạo các ngành, địa phương triển khai công tác bồi thường; tuy nhiên, việc giải phóng mặt bằng còn chậm, chưa đáp ứng yêu cầu tiến độ.

2. Để đẩy nhanh tiến độ, Ban Thường vụ Huyện ủy yêu cầu:

a) Ủy ban nhân dân huyện chỉ đạo các cơ quan chuyên môn hoàn thành việc kiểm đếm trước 30/10.

b) Đảng ủy các xã, thị trấn tăng cường công tác tuyên truyền, vận động Nhân dân.

c) Ủy ban nhân dân các huyện, thị xã, thành phố phối hợp với Ngân hàng Chính sách xã hội tỉnh và Hợp tác xã nông nghiệp Mê Pu thực hiện từ nay đến cuối năm.

d) Ban Chỉ đạo Cuộc vận động "Toàn dân đoàn kết xây dựng đời sống văn hóa" huyện theo dõi, đôn đốc.

đ) Ban Thường vụ các huyện ủy, thị ủy báo cáo Ban Chấp hành Đảng bộ TỈNH trước ngày 15/12.
"""

# section, responsible, coordinating, deadline end
EXPECTED = [
    ("2.a", ["Ủy ban nhân dân huyện"], [], date(2024, 10, 30)),
    ("2.b", ["Đảng ủy xã", "Đảng ủy thị trấn"], [], None),
    (
        "2.c",
        ["Ủy ban nhân dân huyện", "Ủy ban nhân dân thị xã", "Ủy ban nhân dân thành phố"],
        ["Ngân hàng Chính sách xã hội tỉnh", "Hợp tác xã nông nghiệp Mê Pu"],
        date(2024, 12, 31),
    ),
    ("2.d", ['Ban Chỉ đạo Cuộc vận động "Toàn dân đoàn kết xây dựng đời sống văn hóa" huyện'], [], None),
    ("2.đ", ["Ban Thường vụ Huyện ủy", "Ban Thường vụ Thị ủy"], [], date(2024, 12, 15)),
]


def test_conclusion_notice_end_to_end() -> None:
    tasks = _tasks(NOTICE)
    assert [t.section for t in tasks] == [e[0] for e in EXPECTED]  # item 1 is an assessment
    for task, (_, responsible, coordinating, end) in zip(tasks, EXPECTED, strict=True):
        assert [b.name for b in task.responsible] == responsible, task.section
        assert [b.name for b in task.coordinating] == coordinating, task.section
        assert (task.deadline.end if task.deadline else None) == end, task.section


@pytest.mark.parametrize(
    ("item", "responsible", "coordinating"),
    [
        ("Đảng ủy các xã, thị trấn tăng cường tuyên truyền.", ["Đảng ủy xã", "Đảng ủy thị trấn"], []),
        (
            "Ban Tuyên giáo các huyện ủy, thị ủy phối hợp với Điện lực huyện thực hiện.",
            ["Ban Tuyên giáo Huyện ủy", "Ban Tuyên giáo Thị ủy"],
            ["Điện lực huyện"],
        ),
        (
            "Ủy ban nhân dân các xã, phường, thị trấn phối hợp với Quỹ Hỗ trợ nông dân huyện cho vay.",
            ["Ủy ban nhân dân xã", "Ủy ban nhân dân phường", "Ủy ban nhân dân thị trấn"],
            ["Quỹ Hỗ trợ nông dân huyện"],
        ),
        (
            "Ban Quản lý dự án đầu tư xây dựng huyện chủ trì, phối hợp với Bảo hiểm xã hội huyện rà soát.",
            ["Ban Quản lý dự án đầu tư xây dựng huyện"],
            ["Bảo hiểm xã hội huyện"],
        ),
    ],
)
def test_roles_with_listed_places_and_new_heads(item: str, responsible: list[str], coordinating: list[str]) -> None:
    roles = find_roles(item)
    assert [b.name for b in roles.responsible] == responsible
    assert [b.name for b in roles.coordinating] == coordinating


# An undated document (a news report of a plan): a year-less date borrows the year of the
# nearest full date the document prints for its own work, never a cited document's date.
UNDATED = """Ban Thường vụ Tỉnh ủy vừa ban hành Kế hoạch kiểm tra việc thi hành Điều lệ Đảng.

Các đảng bộ trực thuộc tự kiểm tra, gửi báo cáo về Ban Thường vụ Tỉnh ủy trước 30/10.

Ban Thường vụ Tỉnh ủy giao Ban Tổ chức Tỉnh ủy tổng hợp, báo cáo Ban Tổ chức Trung ương trước ngày 30/11/2009.
"""

UNDATED_CITED = """Thực hiện Chỉ thị số 10-CT/TU ngày 05/3/2007 của Ban Thường vụ Tỉnh ủy, các đảng bộ trực thuộc tự kiểm tra và báo cáo trước 30/10.
"""


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        (UNDATED, [date(2009, 10, 30), date(2009, 11, 30)]),
        (UNDATED_CITED, [None]),  # only a cited document's date: the year stays unknown
    ],
)
def test_undated_document_borrows_a_nearby_year(text: str, ends: list) -> None:
    from pipeline.citations import find_citations
    from pipeline.structure import find_regions, parse_metadata

    regions = find_regions(text)
    meta = parse_metadata(text, regions)
    assert meta.issued_date is None
    citations = find_citations(text, meta, regions)
    tasks = extract_tasks(text, parse_sections(text, regions), meta, citations)
    assert [t.deadline.end if t.deadline else None for t in tasks] == ends


def test_unmarked_assessment_paragraph_inside_a_task_section() -> None:
    text = (
        "II. NHIỆM VỤ TRỌNG TÂM\n"
        "1. Về công tác giải phóng mặt bằng\n"
        "Nhìn chung, các xã đã tích cực vận động; tuy nhiên, tiến độ còn chậm.\n"
        "Ủy ban nhân dân huyện chỉ đạo các xã hoàn thành trước 30/10.\n"
    )
    tasks = _tasks(text)
    assert [t.text for t in tasks] == ["Ủy ban nhân dân huyện chỉ đạo các xã hoàn thành trước 30/10."]
