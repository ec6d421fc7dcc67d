"""A Quy định / Quy chế is numbered in chapters and articles: only the chapters and articles that
organise its implementation bear tasks (the others state scope, criteria and procedure), and an
article "Trách nhiệm của X" hands its items to X. The text is written for these tests."""

from __future__ import annotations

from pipeline.extract import extract_text
from pipeline.lexicon import split_marker

REGULATION = """ĐẢNG BỘ TỈNH NINH BÌNH
ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH
Số 15-QĐ/ĐUK\tNinh Bình, ngày 10 tháng 3 năm 2026

QUY ĐỊNH
về đánh giá chất lượng chi bộ hằng năm

Chương I
QUY ĐỊNH CHUNG

Điều 1. Phạm vi, đối tượng
Quy định này áp dụng đối với các chi bộ trực thuộc Đảng ủy Khối.

Điều 2. Tiêu chí đánh giá
1. Chi bộ hoàn thành tốt nhiệm vụ chính trị của cơ quan.
2. Chi bộ duy trì nền nếp sinh hoạt định kỳ hằng tháng.
- Đảng viên tham gia sinh hoạt đầy đủ.

Chương II
TỔ CHỨC THỰC HIỆN

Điều 3. Trách nhiệm của Ban Tổ chức Đảng ủy Khối
1. Hướng dẫn các chi bộ tự đánh giá, hoàn thành trước ngày 15 tháng 12 hằng năm.
2. Tổng hợp kết quả, báo cáo Ban Thường vụ Đảng ủy Khối.

Điều 4. Trách nhiệm của các chi bộ trực thuộc
Tổ chức tự đánh giá, gửi kết quả về Ban Tổ chức Đảng ủy Khối.

T/M BAN THƯỜNG VỤ
BÍ THƯ
Lê Văn Bình
"""


def test_chapter_and_article_markers():
    chapter, article = split_marker("Chương III"), split_marker("Điều 10. Trách nhiệm của Ban Tổ chức")
    assert (chapter.style, chapter.component) == ("chapter", "III")
    assert (article.style, article.component) == ("article", "10")
    assert split_marker("Điều lệ Đảng quy định") is None
    assert split_marker("Điều 2, Nghị định 178/2024/NĐ-CP") is None  # a quoted article, not this text's


def test_only_the_implementation_articles_bear_tasks_and_their_heading_names_who_acts():
    result = extract_text(REGULATION, "qd15.txt")
    kinds = {s.path: s.kind for s in result.sections}
    assert kinds["I.2"] == "non_task" and kinds["II"] == "task" and kinds["II.3"] == "task"
    tasks = result.tasks
    assert [t.section for t in tasks] == ["II.3.1", "II.3.2", "II.4"]
    assert [[b.name for b in t.responsible] for t in tasks[:2]] == [["Ban Tổ chức Đảng ủy Khối"]] * 2
    assert [b.name for b in tasks[2].responsible] == ["Chi bộ trực thuộc"]
    assert tasks[0].deadline.recurrence == "FREQ=YEARLY"
