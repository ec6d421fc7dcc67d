"""Work programmes and inspection programmes (chương trình công tác / kiểm tra, giám sát): each item
names the work, and a line under it (or an aside in parentheses) says who does it and by when.

The texts are written for these tests; they follow the forms of real programmes of a commune
Đảng ủy (lettered parts A/B restarting Roman numbering, unlabelled responsibility lines, "(Giao X
chủ trì, tham mưu trong quý II/2027)" wrapped across lines, year group labels).
"""

from __future__ import annotations

import pytest

from pipeline.extract import extract_text
from pipeline.lexicon import split_marker
from pipeline.tasks import find_roles

HEADER = """ĐẢNG BỘ TỈNH NAM ĐỊNH
ĐẢNG ỦY XÃ HẢI THỊNH
Số 15-CTr/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Hải Thịnh, ngày 10 tháng 12 năm 2025
CHƯƠNG TRÌNH
Công tác toàn khóa của Ban Chấp hành Đảng bộ xã nhiệm kỳ 2025 - 2030
-----
"""

FOOTER = """Nơi nhận:
- Các đồng chí Đảng ủy viên,
- Lưu Văn phòng Đảng ủy.
T/M ĐẢNG ỦY
BÍ THƯ
Trần Văn Bình
"""

WORK_PROGRAMME = (
    HEADER
    + """A. NỘI DUNG TRÌNH BAN CHẤP HÀNH
I. CÔNG VIỆC ĐỊNH KỲ
1. Tại Hội nghị tháng 4, tháng 8 và tháng 12 hằng năm: Đánh giá việc thực hiện nghị quyết năm.
Văn phòng Đảng ủy, Đảng ủy Ủy ban nhân dân xã phối hợp tham mưu chuẩn bị nội dung
II. CÔNG VIỆC CỤ THỂ
1. Năm 2026
1.1. Nghị quyết về phát triển nghề muối gắn với du lịch biển giai đoạn 2026 – 2030
Đảng ủy Ủy ban nhân dân xã chủ trì, phối hợp các cơ quan liên quan tham mưu trình
trong tháng 3/2026
1.2. Đề án nâng cao chất lượng đội ngũ cán bộ xã
Ban Xây dựng Đảng chủ trì, phối hợp Văn phòng Đảng ủy tham mưu, trình trong quý II/2026.
B. NỘI DUNG TRÌNH BAN THƯỜNG VỤ
I. CÔNG VIỆC ĐỊNH KỲ
1. Chỉ đạo tổng kết công tác tuyển quân hằng năm.
II. CÔNG VIỆC CỤ THỂ
1. Năm 2027
Sơ kết hai năm thực hiện Nghị quyết về phát triển nghề muối
- Đảng ủy Ủy ban nhân dân xã chủ trì, phối hợp các cơ quan liên quan chuẩn bị
- Thời gian thực hiện: tháng 9/2027
"""
    + FOOTER
)

INSPECTION_PROGRAMME = (
    HEADER
    + """I. NỘI DUNG KIỂM TRA, GIÁM SÁT
* Năm 2027: (01 cuộc kiểm tra, 01 cuộc giám sát)
- Về kiểm tra: 01 cuộc
1. Kiểm tra việc lãnh đạo thực hiện công tác chuyển đổi số của các chi bộ trực thuộc (Giao Ủy ban
Kiểm tra Đảng ủy chủ trì, tham mưu trong quý
III/2027).
- Về giám sát: 01 cuộc
1. Giám sát việc thực hiện Chỉ thị số 21-CT/TU ngày 05/3/2024 của Ban Thường vụ Tỉnh ủy về công tác
dân vận (Giao Ban Xây dựng Đảng chủ trì, phối hợp với Ủy ban Mặt trận TQVN xã tham mưu trong quý IV/2027).
II. TỔ CHỨC THỰC HIỆN
1. Các cơ quan tham mưu giúp việc Đảng ủy chủ động xây dựng kế hoạch kiểm tra hằng năm.
"""
    + FOOTER
)


def _tasks(text: str) -> list:
    return list(extract_text(text).tasks)


def _task(tasks: list, start: str):
    (found,) = [t for t in tasks if t.text.startswith(start)]
    return found


def test_a_lettered_part_restarts_roman_numbering():
    sections = [t.section for t in _tasks(WORK_PROGRAMME)]
    assert "B.I.1" in sections and "B.II.1" in sections
    assert not any(s.startswith(("B.III", "B.IV")) for s in sections)


def test_the_work_named_by_an_item_is_the_task_and_the_line_under_it_its_responsibility():
    tasks = _tasks(WORK_PROGRAMME)
    resolution = _task(tasks, "Nghị quyết về phát triển nghề muối")
    assert [b.name for b in resolution.responsible] == ["Đảng ủy Ủy ban nhân dân xã"]
    assert [b.name for b in resolution.coordinating] == ["Cơ quan liên quan"]
    assert resolution.deadline is not None and resolution.deadline.end.isoformat() == "2026-03-31"
    scheme = _task(tasks, "Đề án nâng cao chất lượng")
    assert [b.name for b in scheme.responsible] == ["Ban Xây dựng Đảng"]
    assert [b.name for b in scheme.coordinating] == ["Văn phòng Đảng ủy"]
    assert scheme.deadline.end.isoformat() == "2026-06-30"
    assert not any(t.text.startswith(("Đảng ủy Ủy ban nhân dân xã chủ trì", "Ban Xây dựng Đảng chủ trì")) for t in tasks)


def test_a_responsibility_bullet_under_an_unnumbered_item_belongs_to_it():
    review = _task(_tasks(WORK_PROGRAMME), "Sơ kết hai năm")
    assert [b.name for b in review.responsible] == ["Đảng ủy Ủy ban nhân dân xã"]
    assert review.deadline.end.isoformat() == "2027-09-30"


def test_meetings_in_listed_months_recur_yearly_in_those_months():
    meeting = _task(_tasks(WORK_PROGRAMME), "Tại Hội nghị tháng 4")
    assert meeting.deadline.recurrence == "FREQ=YEARLY;BYMONTH=4,8,12"
    assert {b.name for b in meeting.responsible} == {"Văn phòng Đảng ủy", "Đảng ủy Ủy ban nhân dân xã"}


def test_an_assignment_aside_names_the_responsible_and_its_wrapped_quarter_the_deadline():
    tasks = _tasks(INSPECTION_PROGRAMME)
    check = _task(tasks, "Kiểm tra việc lãnh đạo thực hiện công tác chuyển đổi số")
    assert [b.name for b in check.responsible] == ["Ủy ban Kiểm tra Đảng ủy"]
    assert check.deadline.end.isoformat() == "2027-09-30"
    watch = _task(tasks, "Giám sát việc thực hiện Chỉ thị số 21-CT/TU")
    assert [b.name for b in watch.responsible] == ["Ban Xây dựng Đảng"]
    assert [b.name for b in watch.coordinating] == ["Ủy ban Mặt trận Tổ quốc Việt Nam xã"]
    assert watch.deadline.end.isoformat() == "2027-12-31"  # not hidden as the cited Chỉ thị's subject


def test_group_labels_are_not_tasks():
    texts = [t.text for t in _tasks(INSPECTION_PROGRAMME)]
    assert not any(t.startswith(("Năm 2027", "Về kiểm tra", "Về giám sát")) for t in texts)
    assert len(texts) == 3


def test_staff_bodies_without_the_comma_lead_their_item():
    staff = _task(_tasks(INSPECTION_PROGRAMME), "Các cơ quan tham mưu giúp việc")
    assert [b.name for b in staff.responsible] == ["Cơ quan tham mưu, giúp việc Đảng ủy"]


@pytest.mark.parametrize(
    ("line", "is_marker"),
    [("II/2027).", False), ("IV/2026, báo cáo kết quả", False), ("II/ NHIỆM VỤ", True), ("III. GIẢI PHÁP", True)],
)
def test_a_quarter_at_a_line_start_is_not_a_roman_heading(line, is_marker):
    assert (split_marker(line) is not None) is is_marker


def test_a_responsibility_line_joined_to_its_item_by_the_layout_still_names_who_leads():
    text = (
        HEADER
        + "I. NỘI DUNG\n1. Quý I năm 2026\n1.1. Nghị quyết về nâng cao chất lượng sinh hoạt chi bộ trực thuộc Đảng bộ"
        " giai đoạn 2026 - 2030 Ban Xây dựng Đảng chủ trì, phối hợp tham mưu, trình trong tháng 02/2026\n"
        "1.2. Kế hoạch tuyên truyền kỷ niệm ngày thành lập Đảng\nVăn phòng Đảng ủy tham mưu, trình trong tháng 01/2026\n"
        + FOOTER
    )
    first = _task(_tasks(text), "Nghị quyết về nâng cao chất lượng sinh hoạt")
    assert [b.name for b in first.responsible] == ["Ban Xây dựng Đảng"]
    assert first.deadline.end.isoformat() == "2026-02-28"


def test_an_object_after_tham_muu_is_not_a_trailing_subject():
    roles = find_roles("Văn phòng Đảng ủy căn cứ Kế hoạch này, tham mưu Thường trực Đảng ủy chỉ đạo thực hiện.")
    assert [b.name for b in roles.responsible] == ["Văn phòng Đảng ủy"]


def test_a_short_task_of_its_own_is_not_taken_for_the_responsibility_of_the_item_above():
    text = (
        HEADER
        + "I. NHIỆM VỤ\n1. Ban Tuyên giáo và Dân vận tuyên truyền kết quả đại hội.\n"
        "Ủy ban Kiểm tra Đảng ủy chủ trì giám sát.\n" + FOOTER
    )
    tasks = _tasks(text)
    assert [t.text for t in tasks][-1] == "Ủy ban Kiểm tra Đảng ủy chủ trì giám sát."
    assert [b.name for b in tasks[0].responsible] == ["Ban Tuyên giáo và Dân vận"]
