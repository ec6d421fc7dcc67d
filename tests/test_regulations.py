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


DECISION = """TỈNH ỦY LAI CHÂU
Số 31-QĐ/TU\tLai Châu, ngày 6 tháng 1 năm 2026

QUYẾT ĐỊNH
thành lập Tổ kiểm tra việc lập hồ sơ đảng viên

Điều 1. Thành lập Tổ kiểm tra việc lập hồ sơ đảng viên, gồm các đồng chí có tên sau:
- Đồng chí Lò Văn Khánh, Phó Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy, làm Tổ trưởng;
- Đồng chí Tòng Thị Hoa, chuyên viên Văn phòng Tỉnh ủy, làm thành viên.

Điều 2. Tổ kiểm tra có nhiệm vụ đối chiếu hồ sơ của đảng viên các chi bộ trực thuộc, báo cáo Thường trực Tỉnh ủy trước ngày 15/3/2026.

Điều 3. Văn phòng Tỉnh ủy, Ủy ban Kiểm tra Tỉnh ủy và các đồng chí có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.

T/M BAN THƯỜNG VỤ
BÍ THƯ
"""


def test_a_decisions_article_giving_a_duty_is_a_task_and_the_members_seated_are_not():
    tasks = extract_text(DECISION, "qd31.txt").tasks
    assert [t.section for t in tasks] == ["2", "3"]
    assert [b.name for b in tasks[0].responsible] == ["Tổ kiểm tra"]
    assert tasks[0].deadline.end.isoformat() == "2026-03-15"
    # the persons the decision names close the list of bodies that carry it out
    assert [b.name for b in tasks[1].responsible] == ["Văn phòng Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy"]


def test_an_article_number_alone_on_its_line_is_read_by_the_text_below_it():
    """A PDF's text layer puts "Điều 2." on a line of its own; a heading "Nhiệm vụ của …" hands
    the article's lines to that body."""
    alone = DECISION.replace("Điều 2. ", "Điều 2.\n").replace("Điều 3. ", "Điều 3.\n")
    assert [t.section for t in extract_text(alone, "qd31.txt").tasks] == ["2", "3"]
    headed = DECISION.replace("Điều 2. Tổ kiểm tra có nhiệm vụ đối chiếu", "Điều 2. Nhiệm vụ của Tổ kiểm tra\nĐối chiếu")
    tasks = extract_text(headed, "qd31.txt").tasks
    assert (tasks[0].section, [b.name for b in tasks[0].responsible]) == ("2", ["Tổ kiểm tra"])


def test_a_working_rules_articles_of_duties_are_led_by_the_office_they_name():
    rules = "\n".join(
        [
            "QUY CHẾ",
            "làm việc của Ban Chỉ đạo xây dựng xã nông thôn mới",
            "Điều 1. Phạm vi điều chỉnh",
            "Quy chế này quy định chế độ làm việc của Ban Chỉ đạo.",
            "Điều 2. Nhiệm vụ của Trưởng Ban Chỉ đạo",
            "1. Giao việc cụ thể cho từng ủy viên, ký các văn bản của Ban Chỉ đạo.",
            "Điều 3. Nhiệm vụ của Tổ giúp việc",
            "1. Tổng hợp kết quả, báo cáo Ban Chỉ đạo hằng quý.",
        ]
    )
    tasks = extract_text(rules, "qc.txt").tasks
    assert [(t.section, [b.name for b in t.responsible]) for t in tasks] == [
        ("2.1", ["Trưởng Ban Chỉ đạo"]),
        ("3.1", ["Tổ giúp việc"]),
    ]
