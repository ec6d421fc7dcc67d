"""Whole directives written for these tests (not from the corpus): who leads, who helps, by when.

Each directive is a different kind and locality — a province's Kế hoạch laid out as a flattened
table ("Đơn vị chủ trì / Đơn vị phối hợp / Thời gian"), a district's Thông báo kết luận, a
commune Đảng ủy's Nghị quyết — so the rules are checked on layouts they were not tuned on.
Each expectation names a task by the start of its text; SKIP leaves a field unchecked.
"""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.extract import extract_text

SKIP = object()

KE_HOACH_TINH = """TỈNH ỦY QUẢNG NGÃI\t\tĐẢNG CỘNG SẢN VIỆT NAM
*
Số 87-KH/TU\t\tQuảng Ngãi, ngày 05 tháng 01 năm 2023

KẾ HOẠCH
tổ chức các hoạt động kỷ niệm 93 năm Ngày thành lập Đảng Cộng sản Việt Nam

I. MỤC ĐÍCH, YÊU CẦU

1. Tuyên truyền sâu rộng truyền thống vẻ vang của Đảng, tạo khí thế phấn khởi trong cán bộ, đảng viên và nhân dân.

II. NỘI DUNG VÀ PHÂN CÔNG THỰC HIỆN

1. Công tác tuyên truyền
Đơn vị chủ trì: Ban Tuyên giáo Tỉnh ủy
Đơn vị phối hợp: Sở Văn hóa, Thể thao và Du lịch; Đài Phát thanh - Truyền hình tỉnh
Thời gian: trong tháng 01/2023
- Biên soạn đề cương tuyên truyền, phát hành đến các cấp ủy, tổ chức đảng.
- Chỉ đạo các cơ quan báo chí mở chuyên mục về thành tựu của Đảng.

2. Trang trí, khánh tiết
Đơn vị chủ trì: Ủy ban nhân dân tỉnh
Đơn vị phối hợp: Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh
Thời gian: từ ngày 20/01/2023 đến ngày 05/02/2023
- Chỉ đạo treo cờ, băng rôn, khẩu hiệu tại các tuyến đường trung tâm và trụ sở cơ quan.

3. Báo Quảng Ngãi phối hợp với Trung tâm Văn hóa - Điện ảnh tỉnh tổ chức triển lãm ảnh về Đảng; hoàn thành trước ngày 30/01/2023.

III. TỔ CHỨC THỰC HIỆN

1. Văn phòng Tỉnh ủy chủ trì, phối hợp với Ban Tuyên giáo Tỉnh ủy theo dõi, đôn đốc việc thực hiện kế hoạch; báo cáo kết quả về Ban Thường vụ Tỉnh ủy trước ngày 15/02/2023.

Nơi nhận:\t\tT/M BAN THƯỜNG VỤ
- Ban Tuyên giáo Trung ương,\t\tPHÓ BÍ THƯ
- Lưu Văn phòng Tỉnh ủy.\t\tĐặng Văn Minh
"""

THONG_BAO_HUYEN = """HUYỆN ỦY ĐỨC LINH\t\tĐẢNG CỘNG SẢN VIỆT NAM
*
Số 215-TB/HU\t\tĐức Linh, ngày 18 tháng 5 năm 2021

THÔNG BÁO
KẾT LUẬN CỦA BAN THƯỜNG VỤ HUYỆN ỦY
về tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội 4 tháng đầu năm 2021

Ngày 14/5/2021, Ban Thường vụ Huyện ủy họp nghe Ban cán sự đảng Ủy ban nhân dân huyện báo cáo tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội 4 tháng đầu năm 2021. Sau khi thảo luận, Ban Thường vụ Huyện ủy kết luận như sau:

1. Cơ bản thống nhất với báo cáo của Ban cán sự đảng Ủy ban nhân dân huyện.

2. Thời gian tới, cần tập trung thực hiện tốt một số nhiệm vụ sau:

- Ban cán sự đảng Ủy ban nhân dân huyện chỉ đạo Phòng Tài nguyên và Môi trường huyện phối hợp với Ủy ban nhân dân các xã, thị trấn rà soát, xử lý dứt điểm các trường hợp lấn chiếm đất công; hoàn thành trước ngày 30/6/2021.

- Giao Phòng Tài chính - Kế hoạch huyện chủ trì, phối hợp với Chi cục Thuế khu vực Đức Linh - Tánh Linh đôn đốc thu ngân sách; báo cáo kết quả trong tháng 7/2021.

- Ban Tuyên giáo Huyện ủy phối hợp với Trung tâm Văn hóa - Thể thao và Truyền thông huyện tuyên truyền cuộc bầu cử đại biểu Quốc hội và Hội đồng nhân dân các cấp trong quý II/2021.

- Công an huyện tăng cường nắm tình hình, bảo đảm an ninh trật tự trên địa bàn.

Văn phòng Huyện ủy xin thông báo để các cơ quan, đơn vị liên quan biết, thực hiện./.

Nơi nhận:\t\tT/L BAN THƯỜNG VỤ
- Các đồng chí Huyện ủy viên,\t\tCHÁNH VĂN PHÒNG
- Lưu Văn phòng Huyện ủy.\t\tLê Thị Hạnh
"""

NGHI_QUYET_XA = """ĐẢNG BỘ HUYỆN TÁNH LINH\t\tĐẢNG CỘNG SẢN VIỆT NAM
ĐẢNG ỦY XÃ GIA AN
*
Số 12-NQ/ĐU\t\tGia An, ngày 10 tháng 01 năm 2022

NGHỊ QUYẾT
về nhiệm vụ phát triển kinh tế - xã hội, quốc phòng - an ninh và xây dựng Đảng năm 2022

I. ĐÁNH GIÁ TÌNH HÌNH NĂM 2021

Năm 2021, Đảng bộ xã lãnh đạo hoàn thành 12/14 chỉ tiêu Nghị quyết đề ra.

II. MỤC TIÊU, CHỈ TIÊU NĂM 2022

1. Tổng giá trị sản xuất tăng 8% so với năm 2021.

III. NHIỆM VỤ, GIẢI PHÁP

1. Về phát triển kinh tế

- Ủy ban nhân dân xã chỉ đạo các thôn ra quân làm thủy lợi đầu vụ Đông Xuân; hoàn thành trước ngày 15/02/2022.

- Hội Nông dân xã phối hợp với Ngân hàng Chính sách xã hội huyện hướng dẫn hội viên vay vốn phát triển sản xuất.

2. Về xây dựng Đảng

- Các chi bộ trực thuộc tổ chức sinh hoạt chuyên đề mỗi quý một lần.

- Ủy ban Kiểm tra Đảng ủy xây dựng chương trình kiểm tra, giám sát năm 2022, hoàn thành trong quý I/2022.

3. Về công tác dân vận

- Ủy ban Mặt trận Tổ quốc Việt Nam xã và các đoàn thể chính trị - xã hội xã vận động nhân dân tham gia xây dựng nông thôn mới.

- Đoàn Thanh niên xã chủ trì, phối hợp với Công an xã ra quân tuyên truyền phòng, chống ma túy trong tháng 3/2022.

IV. TỔ CHỨC THỰC HIỆN

1. Ban Thường vụ Đảng ủy chỉ đạo, kiểm tra việc thực hiện Nghị quyết; định kỳ 6 tháng sơ kết.

2. Các chi bộ căn cứ Nghị quyết xây dựng kế hoạch thực hiện, gửi về Văn phòng Đảng ủy trước ngày 28/02/2022.

Nơi nhận:\t\tT/M ĐẢNG ỦY
- Ban Thường vụ Huyện ủy (b/c),\t\tBÍ THƯ
- Các chi bộ trực thuộc,\t\tTrần Văn Lộc
- Lưu Văn phòng Đảng ủy.
"""

# A news report of a decision: no header, no numbered sections; the paragraphs that hand out work
# are the tasks, the background and the lead are not.
BAN_TIN = """Ngày 12/3, Ban Thường vụ Thị ủy La Gi đã ban hành Kế hoạch triển khai công tác phòng, chống thiên tai năm 2024.

Nội dung Kế hoạch như sau:

Thời gian qua, công tác phòng, chống thiên tai trên địa bàn thị xã đã được các cấp ủy quan tâm lãnh đạo.

Ban Thường vụ Thị ủy yêu cầu Ủy ban nhân dân thị xã chỉ đạo các phòng, ban rà soát phương án ứng phó với bão, lũ; hoàn thành trước ngày 30/4/2024.

Ban Thường vụ Thị ủy cũng giao nhiệm vụ cho Ban Tuyên giáo Thị ủy phối hợp với Trung tâm Văn hóa - Thể thao thị xã tuyên truyền kỹ năng phòng, tránh thiên tai cho nhân dân.

Thời gian hoàn thành việc rà soát, chậm nhất ngày 15/5/2024 và báo cáo kết quả về Ban Thường vụ Thị ủy.
"""

# (document, task text start, responsible, coordinating, deadline end, recurrence)
CASES = [
    # a flattened table: the block's "Đơn vị chủ trì / phối hợp / Thời gian" lines give every item
    (KE_HOACH_TINH, "Biên soạn đề cương", ["Ban Tuyên giáo Tỉnh ủy"],
     ["Sở Văn hóa, Thể thao và Du lịch", "Đài Phát thanh - Truyền hình tỉnh"], date(2023, 1, 31), None),
    (KE_HOACH_TINH, "Chỉ đạo các cơ quan báo chí", ["Ban Tuyên giáo Tỉnh ủy"], SKIP, date(2023, 1, 31), None),
    (KE_HOACH_TINH, "Chỉ đạo treo cờ", ["Ủy ban nhân dân tỉnh"],
     ["Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh"], date(2023, 2, 5), None),
    (KE_HOACH_TINH, "Báo Quảng Ngãi phối hợp", ["Báo Quảng Ngãi"],
     ["Trung tâm Văn hóa - Điện ảnh tỉnh"], date(2023, 1, 30), None),
    (KE_HOACH_TINH, "Văn phòng Tỉnh ủy chủ trì", ["Văn phòng Tỉnh ủy"], ["Ban Tuyên giáo Tỉnh ủy"],
     date(2023, 2, 15), None),
    # a conclusion notice: unknown district offices as subjects and as coordinators
    (THONG_BAO_HUYEN, "Ban cán sự đảng Ủy ban nhân dân huyện chỉ đạo",
     ["Ban cán sự Đảng Ủy ban nhân dân huyện"], SKIP, date(2021, 6, 30), None),
    (THONG_BAO_HUYEN, "Giao Phòng Tài chính - Kế hoạch huyện", ["Phòng Tài chính - Kế hoạch huyện"],
     ["Chi cục Thuế khu vực Đức Linh - Tánh Linh"], date(2021, 7, 31), None),
    (THONG_BAO_HUYEN, "Ban Tuyên giáo Huyện ủy phối hợp", ["Ban Tuyên giáo Huyện ủy"],
     ["Trung tâm Văn hóa - Thể thao và Truyền thông huyện"], date(2021, 6, 30), None),
    (THONG_BAO_HUYEN, "Công an huyện tăng cường", ["Công an huyện"], [], None, None),
    # a commune committee's resolution: commune-level bodies keep their "xã"
    (NGHI_QUYET_XA, "Ủy ban nhân dân xã chỉ đạo", ["Ủy ban nhân dân xã"], [], date(2022, 2, 15), None),
    (NGHI_QUYET_XA, "Hội Nông dân xã phối hợp", ["Hội Nông dân xã"],
     ["Ngân hàng Chính sách xã hội huyện"], None, None),
    (NGHI_QUYET_XA, "Các chi bộ trực thuộc tổ chức", ["Chi bộ trực thuộc"], [], None, "FREQ=MONTHLY;INTERVAL=3"),
    (NGHI_QUYET_XA, "Ủy ban Kiểm tra Đảng ủy xây dựng", ["Ủy ban Kiểm tra Đảng ủy"], [], date(2022, 3, 31), None),
    (NGHI_QUYET_XA, "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
     ["Ủy ban Mặt trận Tổ quốc Việt Nam xã", "Đoàn thể chính trị - xã hội xã"], [], None, None),
    (NGHI_QUYET_XA, "Đoàn Thanh niên xã chủ trì", ["Đoàn Thanh niên xã"], ["Công an xã"], date(2022, 3, 31), None),
    (NGHI_QUYET_XA, "Ban Thường vụ Đảng ủy chỉ đạo", ["Ban Thường vụ Đảng ủy"], [], None, "FREQ=MONTHLY;INTERVAL=6"),
    (NGHI_QUYET_XA, "Các chi bộ căn cứ", ["Chi bộ"], [], date(2022, 2, 28), None),
    # without sections: "X yêu cầu / giao nhiệm vụ cho Y" paragraphs and the due line are tasks
    (BAN_TIN, "Ban Thường vụ Thị ủy yêu cầu", ["Ủy ban nhân dân thị xã"], [], date(2024, 4, 30), None),
    (BAN_TIN, "Ban Thường vụ Thị ủy cũng giao", ["Ban Tuyên giáo Thị ủy"],
     ["Trung tâm Văn hóa - Thể thao thị xã"], None, None),
    (BAN_TIN, "Thời gian hoàn thành việc rà soát", [], [], date(2024, 5, 15), None),
]

_CACHE: dict[int, list] = {}


def _tasks(document: str) -> list:
    if id(document) not in _CACHE:
        _CACHE[id(document)] = extract_text(document, "test").tasks
    return _CACHE[id(document)]


@pytest.mark.parametrize(
    ("document", "start", "responsible", "coordinating", "deadline_end", "recurrence"),
    CASES,
    ids=[c[1][:40] for c in CASES],
)
def test_roles_and_deadlines(document, start, responsible, coordinating, deadline_end, recurrence):
    matches = [t for t in _tasks(document) if t.text.startswith(start)]
    assert len(matches) == 1, [t.text[:50] for t in _tasks(document)]
    task = matches[0]
    assert [b.name for b in task.responsible] == responsible
    if coordinating is not SKIP:
        assert [b.name for b in task.coordinating] == coordinating
    assert (task.deadline.end if task.deadline else None) == deadline_end
    assert (task.deadline.recurrence if task.deadline else None) == recurrence


@pytest.mark.parametrize(
    ("document", "not_a_task"),
    [
        (KE_HOACH_TINH, "Tuyên truyền sâu rộng"),  # MỤC ĐÍCH, YÊU CẦU
        (KE_HOACH_TINH, "Đơn vị chủ trì"),  # attribute line of a block
        (THONG_BAO_HUYEN, "Cơ bản thống nhất"),  # an assessment
        (THONG_BAO_HUYEN, "Văn phòng Huyện ủy xin thông báo"),  # closing formula
        (NGHI_QUYET_XA, "Tổng giá trị sản xuất"),  # a target
        (NGHI_QUYET_XA, "Năm 2021, Đảng bộ xã"),  # assessment
        (BAN_TIN, "Ngày 12/3"),  # the lead of a news report
        (BAN_TIN, "Thời gian qua"),  # background after the intro line
    ],
)
def test_not_tasks(document, not_a_task):
    assert not [t for t in _tasks(document) if t.text.startswith(not_a_task)]


@pytest.mark.parametrize(
    ("item", "responsible"),
    [
        # an opening adverbial's bodies are not the subject
        ("Dưới sự chỉ đạo của Huyện ủy, các chi bộ trực thuộc tiến hành tự kiểm tra.", ["Chi bộ trực thuộc"]),
        ("Thực hiện chỉ đạo của Ban Bí thư, Ban Thường vụ Tỉnh ủy ban hành kế hoạch.", ["Ban Thường vụ Tỉnh ủy"]),
        # the body that approves ("thống nhất với ...") hands the work to whom it names
        (
            "Thường trực Đảng ủy thống nhất với nội dung Tờ trình số 101-TTr/VPĐU; giao Ban Xây dựng Đảng chủ trì tham mưu.",
            ["Ban Xây dựng Đảng"],
        ),
        # "các cấp" between list members, lower-case "mặt trận" before "đoàn thể"
        ("Các cấp ủy, tổ chức đảng, các cấp chính quyền phải nắm vững và thực hiện nghiêm.", ["Cấp ủy", "Tổ chức đảng", "Chính quyền"]),
        (
            "Cấp ủy, tổ chức đảng, các ban, ngành, mặt trận, đoàn thể phải nhận thức đầy đủ vai trò.",
            ["Cấp ủy", "Tổ chức đảng", "Ban, ngành", "Mặt trận", "Đoàn thể"],
        ),
        # whoever a delegation hands work to leads it, whatever follows the list
        ("Thường trực Huyện ủy giao Văn phòng Huyện ủy là đầu mối tổng hợp kết quả.", ["Văn phòng Huyện ủy"]),
        ("Đồng chí Bí thư Huyện ủy yêu cầu Ủy ban nhân dân huyện khẩn trương khắc phục.", ["Ủy ban nhân dân huyện"]),
        # the reach of a subject list stands between it and the predicate
        (
            "Các cấp ủy, tổ chức đảng, MTTQ và các đoàn thể chính trị - xã hội từ tỉnh đến cơ sở tổ chức quán triệt.",
            ["Cấp ủy", "Tổ chức đảng", "Mặt trận Tổ quốc", "Đoàn thể chính trị - xã hội"],
        ),
        ("Phòng Văn hóa & Thông tin huyện chủ trì tuyên truyền.", ["Phòng Văn hóa & Thông tin huyện"]),
    ],
)
def test_subjects(item, responsible):
    from pipeline.tasks import find_roles

    assert [b.name for b in find_roles(item).responsible] == responsible


# A commune plan as 2025-2026 plans print it: attribute lines under each numbered item, a
# hard-wrapped text layer, a trailing responsibility line for a bullet block.
ATTRIBUTE_PLAN = """ĐẢNG BỘ TỈNH KHÁNH HÒA
ĐẢNG ỦY XÃ TÂN AN
Số -KH/ĐU\tTân An, ngày 10 tháng 3 năm 2026
KẾ HOẠCH
thực hiện chuyển đổi số năm 2026
I. MỤC ĐÍCH, YÊU CẦU
Bảo đảm thống nhất trong toàn Đảng bộ.
II. NHIỆM VỤ, GIẢI PHÁP
1.1. Rà soát, bổ sung và triển khai lộ trình số hóa tài liệu lưu trữ của các cơ quan
đảng, bảo đảm bám sát chỉ đạo của cấp trên.
- Cơ quan chủ trì: Văn phòng Đảng ủy.
- Cơ quan thực hiện: Các chi bộ trực thuộc; Ban Tuyên giáo và Dân vận;
Hội Cựu chiến binh xã.
- Thời gian thực hiện: hoàn thành trước ngày 25/4/2026.
1.2. Theo dõi, đôn đốc việc số hóa hồ sơ, dữ liệu của các chi bộ trực thuộc.
- Cơ quan chủ trì, thực hiện: Ban Xây dựng Đảng.
- Cơ quan phối hợp: Văn phòng Đảng ủy.
1.3. Tăng cường tuyên truyền về chuyển đổi số:
- Tổ chức tuyên truyền trên hệ thống truyền thanh của xã.
- Lồng ghép nội dung chuyển đổi số trong sinh hoạt chi bộ hằng tháng.
Trách nhiệm chỉ đạo thực hiện: Đảng ủy Ủy ban nhân dân xã; Ủy ban Mặt trận Tổ quốc Việt Nam xã.
Nơi nhận:
- Các chi bộ,
- Lưu.
"""


def test_attribute_lines_under_an_item_name_its_bodies_and_deadline():
    tasks = extract_text(ATTRIBUTE_PLAN).tasks
    assert [t.section for t in tasks] == ["II.1.1", "II.1.2", "II.1.3", "II.1.3"]
    first, second, *block = tasks
    assert [b.name for b in first.responsible] == ["Văn phòng Đảng ủy"]
    assert first.deadline is not None and first.deadline.end == date(2026, 4, 25)
    assert "Cơ quan" not in first.text and first.text.endswith("chỉ đạo của cấp trên.")
    assert [b.name for b in second.responsible] == ["Ban Xây dựng Đảng"]
    assert [b.name for b in second.coordinating] == ["Văn phòng Đảng ủy"]
    for task in block:
        assert [b.name for b in task.responsible] == [
            "Đảng ủy Ủy ban nhân dân xã",
            "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
        ]


SUBJECT_THEN_PARAGRAPHS = """II. TỔ CHỨC THỰC HIỆN
1. Đảng ủy Ủy ban nhân dân xã chỉ đạo Ủy ban nhân dân xã xây dựng kế hoạch thực hiện Nghị quyết.
Tiếp tục rà soát, kiến nghị sửa đổi các quy định chưa phù hợp với thực tiễn của địa phương.
Thường xuyên đánh giá kết quả công tác cai nghiện tại gia đình và cộng đồng.
2. Chi bộ Công an xã: Tập trung lãnh đạo nâng cao hiệu quả công tác tham mưu.
Duy trì tuần tra ban đêm tại các thôn giáp ranh trên địa bàn.
"""


def test_unmarked_paragraphs_under_a_numbered_item_keep_its_subject():
    tasks = extract_text(SUBJECT_THEN_PARAGRAPHS).tasks
    assert [([b.name for b in t.responsible], t.section) for t in tasks] == [
        (["Đảng ủy Ủy ban nhân dân xã"], "II.1"),
        (["Đảng ủy Ủy ban nhân dân xã"], "II.1"),
        (["Đảng ủy Ủy ban nhân dân xã"], "II.1"),
        (["Chi bộ Công an xã"], "II.2"),
        (["Chi bộ Công an xã"], "II.2"),
    ]


NOISY_PLAN = """II. NHIỆM VỤ
1. Các chi bộ tổ chức quán triệt Kế hoạch này đến đảng viên.
264a
(Kèm theo Đề cương báo cáo và phụ lục).
Mốc thời gian tổng hợp số liệu: từ ngày 01/7/2022 đến ngày 31/12/2025.
2. Văn phòng Đảng ủy tổng hợp kết quả, báo cáo Ban Thường vụ.
"""


@pytest.mark.parametrize("not_a_task", ["264a", "(Kèm theo", "Mốc thời gian"])
def test_layout_fragments_notes_and_data_lines_are_not_tasks(not_a_task):
    tasks = extract_text(NOISY_PLAN).tasks
    assert len(tasks) == 2 and not [t for t in tasks if t.text.startswith(not_a_task)]


CENTRAL_CONCLUSION = """BỘ CHÍNH TRỊ\tĐẢNG CỘNG SẢN VIỆT NAM
Số 200-KL/TW\tHà Nội, ngày 10 tháng 10 năm 2025
KẾT LUẬN
CỦA BỘ CHÍNH TRỊ
về tiếp tục thực hiện Nghị quyết số 10-NQ/TW
Tại phiên họp ngày 5/10/2025, Bộ Chính trị kết luận như sau:
1. Sau 5 năm thực hiện, các cấp ủy đã quán triệt nghiêm túc Nghị quyết, đạt nhiều kết quả quan trọng.
2. Bộ Chính trị, Ban Bí thư yêu cầu các cấp ủy, tổ chức đảng tập trung thực hiện tốt một số nhiệm vụ sau:
2.1. Tiếp tục quán triệt sâu sắc quan điểm của Đảng về phát triển kinh tế tư nhân.
2.2. Hoàn thiện thể chế, chính sách, hoàn thành trong năm 2026.
3. Giao Đảng ủy Chính phủ chủ trì, phối hợp với Ban Chính sách, chiến lược Trung ương tổ chức sơ kết, báo cáo Bộ Chính trị trước ngày 30/6/2026.
Nơi nhận:
- Các tỉnh ủy,
T/M BỘ CHÍNH TRỊ
"""


def test_a_central_conclusion_without_a_nhiem_vu_heading():
    tasks = extract_text(CENTRAL_CONCLUSION).tasks
    assert [t.section for t in tasks] == ["2.1", "2.2", "3"]  # "Sau 5 năm thực hiện, ... đã ..." reviews the past
    assert [b.name for b in tasks[0].responsible] == ["Cấp ủy", "Tổ chức đảng"]
    assert [b.name for b in tasks[2].responsible] == ["Đảng ủy Chính phủ"]
    assert [b.name for b in tasks[2].coordinating] == ["Ban Chính sách, chiến lược Trung ương"]
    assert tasks[2].deadline.end == date(2026, 6, 30)
