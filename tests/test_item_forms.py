"""Forms items take in real directives: who acts (office-holders "được phân công", work handed
over after an adverbial, "do X chủ trì"), generic "bodies concerned" named as printed, and a
named plan's horizon that is no due date. The sentences are written for these tests."""

from __future__ import annotations

import pytest

from pipeline.extract import extract_text
from pipeline.tasks import find_roles


def _page_tasks(paragraphs: list[str], name: str) -> list:
    """The tasks of a page whose paragraphs are set apart by blank lines."""
    return extract_text("\n\n".join(paragraphs), name).tasks


@pytest.mark.parametrize(
    ("item", "responsible"),
    [
        (
            "Các đồng chí Ủy viên Ban Thường vụ Đảng ủy, các đồng chí Đảng ủy viên được phân công "
            "phụ trách địa bàn, lĩnh vực thường xuyên nắm tình hình cơ sở.",
            ["Ủy viên Ban Thường vụ Đảng ủy", "Đảng ủy viên"],
        ),
        (
            "Đề nghị các đ/c Ủy viên Ban Thường vụ Đảng ủy được giao theo dõi các chi bộ thôn hướng dẫn "
            "chi bộ chuẩn bị báo cáo.",
            ["Ủy viên Ban Thường vụ Đảng ủy"],
        ),
        ("Nâng cao vai trò của chi bộ được giao quản lý đảng viên.", []),
        # the ones an inspection is about act on it
        ("Các chi bộ được kiểm tra chuẩn bị hồ sơ, gửi Ủy ban Kiểm tra trước ngày 5/9.", ["Chi bộ"]),
        ("Các chi bộ được kiểm tra định kỳ theo chương trình của Đảng ủy.", []),
        # handed over after an opening adverbial, whatever word follows
        ("Căn cứ Kế hoạch thực hiện Nghị quyết Đại hội Đảng bộ phường, giao Ủy ban kiểm tra Đảng ủy rà soát, bổ sung nội dung giám sát.",
         ["Ủy ban Kiểm tra Đảng ủy"]),
        # "do X chủ trì": the bodies after "do" lead; "do X ban hành" names an author
        ("Việc sơ kết do đồng chí Bí thư cấp ủy và Thủ trưởng các cơ quan, đơn vị trực tiếp chủ trì.",
         ["Bí thư cấp ủy", "Thủ trưởng cơ quan, đơn vị"]),
        ("Thực hiện nghiêm Quy định do Ban Tổ chức Trung ương ban hành.", []),
        # alternatives, and the subject of a condition's main clause
        ("Chi ủy hoặc đảng viên được phân công hướng dẫn người vào Đảng khai lý lịch.", ["Chi ủy"]),
        ("Nếu được hai phần ba số đảng viên chính thức tán thành thì chi bộ ra nghị quyết đề nghị kết nạp.", ["Chi bộ"]),
        ("Khi có khiếu nại thì cấp có thẩm quyền xem xét, trả lời.", []),
        ("Nơi chưa có chi ủy, thì các chi bộ bầu bí thư trong phiên họp đầu tiên.", ["Chi bộ"]),
        # a body or its representative is one subject
        ("Tổ công tác hoặc đại diện tổ công tác làm việc với chi bộ được giám sát.", ["Tổ công tác"]),
        # down a chain of command, whoever is said to lead leads too
        ("Đảng ủy Ủy ban nhân dân xã lãnh đạo Ủy ban nhân dân xã chỉ đạo Công an xã chủ trì, phối hợp với "
         "Đoàn Thanh niên xã tuần tra các tuyến đường.", ["Đảng ủy Ủy ban nhân dân xã", "Công an xã"]),
        # a leading committee directs a body or the committees below it: they carry the work out, both are named
        ("Ban Thường vụ chỉ đạo Ủy ban nhân dân xã tổ chức lễ phát động.", ["Ban Thường vụ", "Ủy ban nhân dân xã"]),
        ("Ban Thường vụ chỉ đạo các chi bộ tổ chức lễ phát động.", ["Ban Thường vụ", "Chi bộ"]),
        # the meeting that concludes hands the work over
        ("Hội nghị giao Ban Thường vụ Đảng ủy hoàn thiện báo cáo theo ý kiến góp ý.", ["Ban Thường vụ Đảng ủy"]),
        # a list handed work goes on past its semicolons, whatever comes before the verb
        (
            "Giao Ban Tổ chức Tỉnh ủy; Ủy ban Kiểm tra Tỉnh ủy; Văn phòng Tỉnh ủy trong khi xây dựng đề án, chủ động rà soát quy chế.",
            ["Ban Tổ chức Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy", "Văn phòng Tỉnh ủy"],
        ),
        ("Riêng đối với việc lập hồ sơ khu di tích của huyện, giao Ban Tuyên giáo Huyện ủy:", ["Ban Tuyên giáo Huyện ủy"]),
        ("Về việc này giao Văn phòng Huyện ủy hướng dẫn các chi bộ thống nhất cách làm.", ["Văn phòng Huyện ủy"]),
        # a speaker who directs a body, also after what they said first
        (
            "Bí thư Huyện ủy biểu dương các xã làm tốt, nêu một số hạn chế và chỉ đạo Văn phòng Huyện ủy rà soát lịch tiếp dân.",
            ["Văn phòng Huyện ủy"],
        ),
        ("Đồng chí Phó Bí thư chỉ đạo Ban Dân vận Huyện ủy nắm tình hình ở cơ sở.", ["Ban Dân vận Huyện ủy"]),
    ],
)
def test_whoever_is_assigned_acts(item, responsible):
    assert [b.name for b in find_roles(item).responsible] == responsible


@pytest.mark.parametrize(
    ("item", "coordinating"),
    [
        ("Văn phòng Đảng ủy chủ trì, phối hợp với các đơn vị liên quan rà soát.", ["Đơn vị liên quan"]),
        ("Ban Xây dựng Đảng chủ trì, phối hợp với các cơ quan có liên quan tham mưu.", ["Cơ quan có liên quan"]),
        ("Văn phòng Đảng ủy chủ trì, phối hợp với các cơ quan có thẩm quyền nâng cấp hạ tầng.", ["Cơ quan có thẩm quyền"]),
        # the subject's next clause, after a comma, works with another body
        ("Ban Tổ chức Đảng ủy lập danh sách, phối hợp với Văn phòng Đảng ủy thẩm định hồ sơ.", ["Văn phòng Đảng ủy"]),
    ],
)
def test_the_bodies_concerned_are_named_as_printed(item, coordinating):
    assert [b.name for b in find_roles(item).coordinating] == coordinating


def test_a_named_plans_horizon_is_not_a_due_date():
    from datetime import date

    from pipeline.tasks import _time_expressions, choose_deadline

    def due(text):
        found = choose_deadline(text, _time_expressions(text, date(2026, 1, 1), []), None)
        return found.end if found else None

    assert due("Triển khai có hiệu quả Chiến lược phát triển năng lượng đến năm 2030 trên địa bàn.") is None
    assert due("Thực hiện Quy hoạch tỉnh thời kỳ 2021 - 2030, tầm nhìn đến năm 2050.") is None
    assert due("Kết luận nêu rõ kết quả đạt được sau 5 năm thực hiện Nghị quyết số 09-NQ/TU.") is None
    assert due("Sau 5 năm thực hiện Nghị quyết, tổ chức sơ kết.") == date(2031, 1, 31)
    assert due("Hoàn thành Đề án số hóa hồ sơ đến năm 2027.") == date(2027, 12, 31)
    assert due("Xây dựng đề án sắp xếp trường học, hoàn thành đến năm 2027.") == date(2027, 12, 31)
    # a goal's year is no due date; a day the goal must be reached by is one
    assert due("Tập trung thu ngân sách, phấn đấu đạt mục tiêu 100% dự toán vào năm 2027.") is None
    assert due("Tập trung thu ngân sách, phấn đấu đạt 100% dự toán trước ngày 20/12/2026.") == date(2026, 12, 20)


def test_down_a_chain_of_command_the_helpers_of_the_lead_are_found():
    roles = find_roles(
        "Đảng ủy Ủy ban nhân dân xã lãnh đạo Ủy ban nhân dân xã chỉ đạo Công an xã chủ trì, phối hợp với "
        "Đoàn Thanh niên xã tuần tra các tuyến đường."
    )
    assert [b.name for b in roles.coordinating] == ["Đoàn Thanh niên xã"]


# A Chỉ thị whose numbered demands stand under no heading, handed out by the paragraph before them.
DIRECTIVE = """ĐẢNG BỘ TỈNH AN BÌNH
ĐẢNG ỦY XÃ PHÚ AN
*
Số 03-CT/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Phú An, ngày 02 tháng 3 năm 2026

CHỈ THỊ
của Ban Thường vụ Đảng ủy
về giữ gìn vệ sinh môi trường nông thôn

Những năm gần đây, việc thu gom rác thải ở các thôn có tiến bộ nhưng chưa đều.
Ban Thường vụ Đảng ủy yêu cầu các chi bộ, chính quyền và Mặt trận Tổ quốc xã
thực hiện tốt các nhiệm vụ sau:
1. Đưa nội dung giữ gìn vệ sinh vào sinh hoạt thường kỳ, gắn với thi đua của từng thôn.
2. Đảng ủy Ủy ban nhân dân xã chỉ đạo bố trí điểm tập kết rác ở mỗi thôn, hoàn thành trong quý II/2026.
Chỉ thị này được phổ biến đến chi bộ.

T/M BAN THƯỜNG VỤ
BÍ THƯ
Lê Văn Tư
"""


def test_numbered_demands_without_headings_are_led_by_the_paragraph_that_hands_them_out():
    tasks = extract_text(DIRECTIVE, "ct03.txt").tasks
    assert [[b.name for b in t.responsible] for t in tasks] == [
        ["Chi bộ", "Chính quyền", "Mặt trận Tổ quốc xã"],
        ["Đảng ủy Ủy ban nhân dân xã"],
    ]  # the closing "Chỉ thị này được phổ biến đến chi bộ." is no task


# A công văn: its subject line "V/v …" stands between number and date, and a paragraph asks the
# addressees to carry out the numbered points.
LETTER = """ĐẢNG BỘ TỈNH AN BÌNH
ĐẢNG ỦY PHƯỜNG BẮC AN
*
Số 31-CV/ĐU
V/v chuẩn bị sơ kết công tác dân vận năm 2026
ĐẢNG CỘNG SẢN VIỆT NAM
Bắc An, ngày 04 tháng 5 năm 2026

Kính gửi: Các chi bộ trực thuộc.

Ban Thường vụ Đảng ủy đề nghị các chi bộ thực hiện một số nội dung sau:
1. Tự đánh giá công tác dân vận 6 tháng đầu năm, gửi báo cáo trước ngày 10/6/2026.
2. Đề xuất gương điển hình trong phong trào dân vận khéo.

T/M BAN THƯỜNG VỤ
BÍ THƯ
Đỗ Văn Sáu
"""


def test_a_letters_subject_line_is_its_title_and_its_points_go_to_the_addressees():
    result = extract_text(LETTER, "cv31.txt")
    meta = result.document
    assert (meta.doc_type, meta.number, str(meta.issued_date), meta.place) == ("Công văn", "31-CV/ĐU", "2026-05-04", "Bắc An")
    assert meta.title == "V/v chuẩn bị sơ kết công tác dân vận năm 2026"
    assert [(t.section, [b.name for b in t.responsible]) for t in result.tasks] == [("1", ["Chi bộ"]), ("2", ["Chi bộ"])]


def test_numbered_items_after_a_lead_that_directs_a_body_to_do_them():
    text = (
        "Ngày 12/3/2026, Ban Thường vụ Huyện ủy ban hành Công văn số 41-CV/HU về việc sắp xếp chi bộ thôn; "
        "chỉ đạo Đảng ủy 9 xã thực hiện tốt một số nội dung:\n"
        "1. Rà soát số đảng viên của từng chi bộ thôn.\n"
        "2. Xây dựng phương án sáp nhập chi bộ, báo cáo Ban Thường vụ Huyện ủy (trước ngày 30/3/2026).\n"
    )
    tasks = extract_text(text, "cv.txt").tasks
    assert [[b.name for b in t.responsible] for t in tasks] == [["Đảng ủy xã"], ["Đảng ủy xã"]]
    assert str(tasks[1].deadline.end) == "2026-03-30"


PLAN_WITH_ATTRIBUTES = """KẾ HOẠCH
tổ chức hội nghị cử tri ở thôn

I. MỤC ĐÍCH, YÊU CẦU
- Bảo đảm dân chủ, đúng luật.

II. NỘI DUNG
1. Chuẩn bị hội nghị
1.1. Xây dựng và ban hành hướng dẫn tổ chức hội nghị cử tri ở các thôn.
- Bảo đảm thống nhất với hướng dẫn của cấp trên.
- Hướng dẫn phải nêu rõ trách nhiệm của từng thôn.
- Thời gian hoàn thành: trước ngày 15/12/2025.
- Đơn vị chủ trì: Văn phòng Đảng ủy.
- Kết quả: Hướng dẫn trình Thường trực Đảng ủy ban hành.
1.2. Hội nghị ở thôn
- Nội dung: Lấy ý kiến cử tri về người được giới thiệu ứng cử.
- Đơn vị chủ trì: Ban Công tác Mặt trận thôn.

III. TỔ CHỨC THỰC HIỆN
1. Ban Công tác Mặt trận các thôn trên địa bàn xã
- Phối hợp với Trưởng thôn rà soát danh sách cử tri.
- Gửi biên bản hội nghị về Văn phòng Đảng ủy.
"""


def test_a_work_heading_with_attribute_lines_is_the_task_and_the_lines_between_describe_it():
    tasks = extract_text(PLAN_WITH_ATTRIBUTES, "kh.txt").tasks
    by_section = {}
    for t in tasks:
        by_section.setdefault(t.section, []).append(t)
    (prepare,) = by_section["II.1.1"]
    assert prepare.text.startswith("Xây dựng và ban hành hướng dẫn")
    assert [b.name for b in prepare.responsible] == ["Văn phòng Đảng ủy"]
    assert str(prepare.deadline.end) == "2025-12-15"
    (meeting,) = by_section["II.1.2"]  # no work heading: nothing folds, its chủ trì line still leads
    assert [b.name for b in meeting.responsible] == ["Ban Công tác Mặt trận thôn"]


def test_a_body_heading_spread_over_every_unit_of_a_level_leads_its_items():
    tasks = [t for t in extract_text(PLAN_WITH_ATTRIBUTES, "kh.txt").tasks if t.section == "III.1"]
    assert len(tasks) == 2
    assert all([b.name for b in t.responsible] == ["Ban Công tác Mặt trận"] for t in tasks)


def test_a_section_that_only_gives_the_time_does_not_silence_the_numbered_work():
    text = (
        "HƯỚNG DẪN\ngiới thiệu người ứng cử\n\n"
        "1. Mục đích\n- Bảo đảm đúng quy định.\n\n"
        "2. Quy trình giới thiệu\n"
        "2.1. Đối với cơ quan: họp Ban lãnh đạo dự kiến người giới thiệu, gửi biên bản về Ban Thường trực.\n"
        "2.2. Đối với thôn: Trưởng thôn tổ chức hội nghị cử tri tại thôn.\n\n"
        "3. Thời gian thực hiện: Từ ngày 17/12/2025 đến ngày 25/01/2026.\n"
    )
    sections = {t.section for t in extract_text(text, "hd.txt").tasks}
    assert {"2.1", "2.2"} <= sections


def test_a_body_handed_the_lead_in_the_passive_is_helped_by_the_body_after_phoi_hop():
    roles = find_roles("Đảng ủy Ủy ban nhân dân xã được giao chủ trì, phối hợp với Ban Xây dựng Đảng rà soát đề án.")
    assert [b.name for b in roles.responsible] == ["Đảng ủy Ủy ban nhân dân xã"]
    assert [b.name for b in roles.coordinating] == ["Ban Xây dựng Đảng"]


@pytest.mark.parametrize(
    "closing",
    [
        "Khi triển khai, nếu có vướng mắc thì các chi bộ trực thuộc kịp thời báo cáo Ban Thường vụ Đảng ủy.",
        "Trong quá trình tổ chức thực hiện, nếu có khó khăn, vướng mắc các chi bộ trực thuộc báo cáo về Văn phòng Đảng ủy.",
    ],
)
def test_the_closing_line_s_condition_leaves_its_subject_to_report(closing):
    assert [b.name for b in find_roles(closing).responsible] == ["Chi bộ trực thuộc"]


def test_a_lettered_line_naming_a_level_and_its_equivalents_heads_its_bullets():
    text = (
        "1. Xây dựng kế hoạch phát triển đảng viên\n"
        "a) Huyện ủy và tương đương\n"
        "- Giao chỉ tiêu phát triển đảng viên cho từng chi bộ.\n"
        "- Hằng năm sơ kết, báo cáo cấp ủy cấp trên.\n"
    )
    tasks = extract_text(text, "hd.txt").tasks
    assert [t.text[:6] for t in tasks] == ["Giao c", "Hằng n"]
    assert [[b.name for b in t.responsible] for t in tasks] == [["Huyện ủy"], ["Huyện ủy"]]


CONGRESS_RESOLUTION = """ĐẢNG BỘ TỈNH HÀ GIANG
ĐẢNG ỦY XÃ TÙNG BÁ
*
Số 01-NQ/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Tùng Bá, ngày 20 tháng 9 năm 2025

NGHỊ QUYẾT
ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ XÃ TÙNG BÁ LẦN THỨ I, NHIỆM KỲ 2025 - 2030

QUYẾT NGHỊ

I- Tán thành các nội dung đánh giá kết quả nhiệm kỳ qua và phương hướng, nhiệm vụ nhiệm kỳ 2025 - 2030 nêu trong Báo cáo chính trị. Cụ thể là:

1. Kết quả nhiệm kỳ 2020 - 2025

Trong nhiệm kỳ qua, Đảng bộ xã đã lãnh đạo hoàn thành 18 trên 20 chỉ tiêu.

Công tác xây dựng Đảng có chuyển biến, nhiều chi bộ được đánh giá hoàn thành tốt nhiệm vụ.

2. Phương hướng nhiệm kỳ 2025 - 2030

Quan điểm chỉ đạo:

- Lấy người dân làm trung tâm của mọi chính sách phát triển của xã.

- Phát triển kinh tế gắn với giữ gìn bản sắc các dân tộc trên địa bàn.

Mục tiêu cụ thể:

- Đến năm 2030, mỗi người dân có thu nhập 60 triệu đồng một năm.

Nhiệm vụ trọng tâm trong nhiệm kỳ:

(1) Tiếp tục củng cố tổ chức cơ sở đảng ở các thôn vùng cao.

(2) Tập trung phát triển vùng chè và du lịch cộng đồng.

II- Giao Ban Chấp hành Đảng bộ xã khóa I xây dựng chương trình làm việc toàn khóa để thực hiện Nghị quyết.

T/M ĐẢNG ỦY
BÍ THƯ
Hoàng Văn Sình
"""


def test_a_congress_resolution_keeps_its_work_and_leaves_results_viewpoints_and_goals():
    """A part approving both the term's results and its direction: its "Kết quả" part is no work,
    and under unnumbered labels viewpoints and goals are not tasks while the key tasks are."""
    tasks = extract_text(CONGRESS_RESOLUTION, "nq.txt").tasks
    assert [t.text.split(" ")[0] for t in tasks] == ["Tiếp", "Tập", "Giao"]


def test_numbered_titles_over_paragraphs_in_a_reposted_text():
    """A web page reprinting a resolution's tasks: "(1) …" titles with no end mark, then paragraphs.
    The titles are no tasks, each paragraph is one under its title's number, and a body named under
    one title does not lead the paragraphs of the next."""
    tasks = _page_tasks(
        [
            "Các nhiệm vụ chủ yếu của Nghị quyết về phát triển giáo dục vùng cao",
            "(1) Nâng cao nhận thức về vị trí của giáo dục vùng cao",
            "Các cấp ủy, chính quyền coi giáo dục vùng cao là nhiệm vụ của cả hệ thống chính trị.",
            "Phát huy vai trò của già làng, người có uy tín trong vận động học sinh đến trường.",
            "(2) Hoàn thiện mạng lưới trường lớp",
            "Quy hoạch lại các điểm trường lẻ theo hướng thuận lợi cho học sinh.",
            "Bố trí đủ giáo viên cho các trường phổ thông dân tộc bán trú.",
        ],
        "trang.txt",
    )
    assert [(t.section, t.text.split(" ")[0]) for t in tasks] == [("1", "Các"), ("1", "Phát"), ("2", "Quy"), ("2", "Bố")]
    assert [b.name for b in tasks[2].responsible] == []


def test_numbered_titles_over_bullets_of_a_training_notice():
    """A notice of a training day: "(1) Thời gian …", "(2) Thành phần", "(3) Nội dung tập huấn" arrange
    the event; only "(4) Tổ chức thực hiện" hands out work. Titles, arrangements, a contact note and
    a closing question are no tasks."""
    tasks = _page_tasks(
        [
            "Thực hiện chỉ đạo của Thường trực Tỉnh ủy, Văn phòng Tỉnh ủy tổ chức tập huấn sử dụng phần mềm "
            "quản lý hồ sơ đảng viên, cụ thể như sau:",
            "(1) Thời gian và địa điểm",
            "- Thời gian: 8 giờ, ngày 15/01/2026.",
            "- Địa điểm: Hội trường Tỉnh ủy.",
            "(2) Thành phần",
            "- Cán bộ phụ trách công tác đảng viên của các đảng ủy trực thuộc Tỉnh ủy.",
            "(3) Nội dung tập huấn",
            "- Cập nhật, khai thác hồ sơ đảng viên trên phần mềm.",
            "(4) Tổ chức thực hiện",
            "- Phòng Công nghệ thông tin, Văn phòng Tỉnh ủy chuẩn bị máy tính và tài liệu.",
            "- Các đảng ủy trực thuộc cử cán bộ tham dự đầy đủ.",
            "Thông tin liên hệ: đồng chí Lê Văn Hòa, Văn phòng Tỉnh ủy.",
            "Phần mềm quản lý hồ sơ đảng viên dùng thế nào?",
        ],
        "thong_bao.txt",
    )
    assert [(t.section, t.text.split(" ")[0]) for t in tasks] == [("4", "Phòng"), ("4", "Các")]


def test_a_heading_that_leads_with_helpers_gives_its_items_a_lead_and_helpers():
    """ "2. Ban Tổ chức Tỉnh ủy chủ trì, phối hợp cùng … giúp Ban Chỉ đạo:" is not a list of bodies:
    its lead leads the items below, the bodies it works with help."""
    text = "\n".join(
        [
            "KẾ HOẠCH",
            "triển khai sắp xếp các thôn, tổ dân phố năm 2026",
            "I. MỤC ĐÍCH",
            "Bảo đảm việc sắp xếp đúng tiến độ.",
            "II. TỔ CHỨC THỰC HIỆN",
            "1. Các đảng ủy xã, phường",
            "- Lãnh đạo rà soát số hộ của từng thôn.",
            "2. Ban Tổ chức Tỉnh ủy chủ trì, phối hợp cùng Sở Nội vụ và các cơ quan liên quan giúp Ban Chỉ đạo:",
            "- Theo dõi, đôn đốc tiến độ sắp xếp ở các xã, phường.",
            "- Tổng hợp khó khăn, vướng mắc, đề xuất hướng xử lý.",
        ]
    )
    tasks = extract_text(text, "kh.txt").tasks
    assert [[b.name for b in t.responsible] for t in tasks][1:] == [["Ban Tổ chức Tỉnh ủy"]] * 2
    assert [b.name for b in tasks[1].coordinating] == ["Sở Nội vụ", "Cơ quan liên quan"]


def test_an_appendix_title_left_without_items_is_no_task():
    text = "\n".join(
        [
            "KẾ HOẠCH",
            "kiểm tra việc thu, nộp đảng phí năm 2026",
            "I. TỔ CHỨC THỰC HIỆN",
            "1. Ủy ban Kiểm tra Đảng ủy xây dựng lịch kiểm tra các chi bộ, hoàn thành trong quý I/2026.",
            "2. Phụ lục kèm theo Kế hoạch này",
        ]
    )
    assert [t.section for t in extract_text(text, "kh.txt").tasks] == ["I.1"]


def test_criteria_and_principles_under_a_numbered_line_are_no_tasks():
    """ "(1) Rà soát … theo các tiêu chí và nguyên tắc dưới đây:" is the work; the criteria, the factors
    and the principles listed under it are not. A title whose block holds no work is the work."""
    tasks = _page_tasks(
        [
            "Ban Tổ chức Tỉnh ủy hướng dẫn rà soát quy hoạch cán bộ như sau:",
            "(1) Rà soát quy hoạch cán bộ lãnh đạo các sở, ngành theo các tiêu chí và nguyên tắc dưới đây:",
            "- Tiêu chí: xét theo các tiêu chí dưới đây:",
            "(i) Phẩm chất chính trị;",
            "(ii) Năng lực công tác thực tiễn.",
            "- Nguyên tắc",
            "+ Bảo đảm công khai, minh bạch trong từng bước.",
            "(2) Hoàn thành việc gửi hồ sơ quy hoạch của các đảng ủy trực thuộc",
            "- Hồ sơ gửi về Ban Tổ chức Tỉnh ủy chậm nhất ngày 30/6/2026.",
            "(3) Tổng hợp kết quả rà soát của toàn tỉnh",
            "Trên đây là hướng dẫn của Ban Tổ chức Tỉnh ủy.",
        ],
        "hd.txt",
    )
    assert [(t.section, t.text.split(" ")[0]) for t in tasks] == [("1", "Rà"), ("2", "Hồ"), ("3", "Tổng")]


def test_lines_that_seat_people_on_a_committee_are_no_tasks():
    """A decision that reshuffles a steering committee: who sits where is no work; a line that
    also names the duty is."""
    tasks = _page_tasks(
        [
            "Ban Thường vụ Tỉnh ủy kiện toàn Ban Chỉ đạo chuyển đổi số của tỉnh như sau:",
            "- Đồng chí Trần Văn Lâm, Phó Chủ tịch Ủy ban nhân dân tỉnh làm Phó Trưởng ban Chỉ đạo;",
            "- Đồng chí Giám đốc Sở Tài chính giữ chức Ủy viên Ban Chỉ đạo từ tháng 3/2026;",
            "- Đồng chí Phạm Thu Hà, Chánh Văn phòng Tỉnh ủy làm Tổ trưởng Tổ giúp việc, phụ trách tổng hợp báo cáo hằng tháng.",
        ],
        "qd.txt",
    )
    assert [t.text.split(",")[0] for t in tasks] == ["Đồng chí Phạm Thu Hà"]


def test_members_kept_on_and_a_pages_question_are_no_tasks_and_the_committees_duty_is_one():
    """A decision reprinted on a legal-news page: the members kept on and the page's own
    question and caption give no task; the committee's duty does."""
    tasks = _page_tasks(
        [
            "# Quyết định kiện toàn Ban Chỉ đạo chuyển đổi số của tỉnh có gì mới?",
            "Ban Thường vụ Tỉnh ủy kiện toàn Ban Chỉ đạo chuyển đổi số của tỉnh như sau:",
            "- Đồng chí Giám đốc Sở Tài chính làm Thành viên Ban Chỉ đạo;",
            "*Ban Chỉ đạo chuyển đổi số của tỉnh được kiện toàn ra sao? (Ảnh minh họa) *",
            "Tiếp tục lưu nhiệm những ủy viên đã được chỉ định theo Quyết định số 112-QĐ/TU ngày 3/6/2025.",
            "Theo đó, ngoài các đồng chí nêu trên, thì lưu nhiệm các thành viên còn lại của Ban Chỉ đạo.",
            "Ban Chỉ đạo có nhiệm vụ tổng hợp kết quả chuyển đổi số của các sở, ngành, báo cáo trước ngày 30/11/2026.",
        ],
        "qd.md",
    )
    assert [t.text.split(" ")[0] for t in tasks] == ["Ban"]
    assert [b.name for b in tasks[0].responsible] == ["Ban Chỉ đạo"]


GUIDE_IN_STEPS = """ĐẢNG ỦY XÃ TÂN LẬP
Số 09-HD/ĐU\tTân Lập, ngày 3 tháng 11 năm 2025

HƯỚNG DẪN
rà soát, bổ sung quy hoạch cán bộ

I. YÊU CẦU
Bảo đảm dân chủ, công khai.

II. CÁC BƯỚC TIẾN HÀNH
Bước 1: Chuẩn bị (từ ngày 10/11 đến ngày 25/11/2025)
- Các chi bộ lập danh sách nguồn cán bộ của chi bộ.
- Ban Xây dựng Đảng gửi mẫu biểu cho các chi bộ trước ngày 12/11/2025.
Bước 2: Giới thiệu nhân sự (hoàn thành trước ngày 10/12/2025)
- Chi bộ tổ chức hội nghị giới thiệu nhân sự quy hoạch.
Bước 3: Tổng hợp
Văn phòng Đảng ủy tổng hợp kết quả, báo cáo Ban Thường vụ trước ngày 20/12/2025.
"""


def test_the_steps_of_a_guide_are_sections_whose_time_holds_for_their_lines():
    tasks = extract_text(GUIDE_IN_STEPS, "hd09.txt").tasks
    assert [t.section for t in tasks] == ["II.1", "II.1", "II.2", "II.3"]  # "Bước 1: …" itself is no task
    due = [(t.deadline.start and t.deadline.start.isoformat(), t.deadline.end.isoformat()) for t in tasks]
    assert due == [("2025-11-10", "2025-11-25"), (None, "2025-11-12"), (None, "2025-12-10"), (None, "2025-12-20")]


def test_a_supervision_schedule_by_month_gives_a_task_a_month():
    text = "\n".join(
        [
            "I. CÔNG TÁC KIỂM TRA",
            "1. Kiểm tra Chi bộ thôn Đông về công tác phát triển đảng viên. Thời gian: Quý II/2026.",
            "II. LỊCH GIÁM SÁT CHUYÊN ĐỀ",
            "Tháng 4/2026: Giám sát việc ghi sổ biên bản sinh hoạt tại các chi bộ thôn.",
            "Tháng 10/2026: Giám sát việc quản lý hồ sơ đảng viên ở các chi bộ trường học.",
        ]
    )
    tasks = extract_text(text, "ctr.txt").tasks
    months = [(t.section, t.deadline.start.month, t.deadline.end.day) for t in tasks]
    assert months == [("I.1", 4, 30), ("II", 4, 30), ("II", 10, 31)]


def test_a_heading_of_duties_names_its_owner_whatever_qualifies_it():
    text = "\n".join(
        [
            "II. TỔ CHỨC THỰC HIỆN",
            "1. Trách nhiệm của cấp ủy nơi đảng viên cư trú",
            "- Nhận xét đảng viên công tác ở nơi khác, gửi về chi bộ trước ngày 10/12 hằng năm.",
            "2. Nhiệm vụ của các chi bộ có đảng viên đi làm ăn xa",
            "- Giữ liên lạc với đảng viên, nắm tình hình tư tưởng.",
        ]
    )
    tasks = extract_text(text, "hd.txt").tasks
    assert [[b.name for b in t.responsible] for t in tasks] == [["Cấp ủy"], ["Chi bộ"]]
