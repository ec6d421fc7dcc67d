"""Central conclusions and plans: numbered sections whose headings say nothing of tasks are the
tasks when the paragraph before them hands them out ("Bộ Chính trị yêu cầu các cấp ủy … thực hiện
tốt một số nhiệm vụ trọng tâm sau:"), and Party units of State bodies keep their body. The text
is written for these tests."""

from __future__ import annotations

from pipeline.extract import extract_text

CONCLUSION = """BAN CHẤP HÀNH TRUNG ƯƠNG
*
Số 99-KL/TW\tHà Nội, ngày 10 tháng 3 năm 2026

KẾT LUẬN
CỦA BỘ CHÍNH TRỊ
về phát triển nguồn nhân lực số

Thời gian qua, việc phát triển nguồn nhân lực số đạt một số kết quả bước đầu.

Bộ Chính trị yêu cầu các cấp ủy, tổ chức đảng, chính quyền tập trung thực hiện tốt một số nhiệm vụ trọng tâm sau:

1. Nâng cao nhận thức về chuyển đổi số

Đổi mới nội dung tuyên truyền về vai trò của nguồn nhân lực số trong toàn hệ thống chính trị.

Đưa nội dung kỹ năng số vào chương trình bồi dưỡng cán bộ, đảng viên hằng năm.

2. Hoàn thiện thể chế

Rà soát các quy định về đào tạo, thu hút chuyên gia công nghệ số.

3. Tổ chức thực hiện

Đảng đoàn Quốc hội chỉ đạo hoàn thiện pháp luật về công nghệ số.

Ban cán sự đảng Chính phủ chỉ đạo xây dựng chương trình đào tạo kỹ sư công nghệ số.

Đảng ủy cơ quan Văn phòng Quốc hội phối hợp theo dõi việc thực hiện.

T/M BỘ CHÍNH TRỊ
"""


def test_sections_introduced_as_tasks_are_tasks_of_the_bodies_named():
    tasks = extract_text(CONCLUSION, "kl99.txt").tasks
    first = [t for t in tasks if t.section in {"1", "2"}]
    assert [t.text[:20] for t in first] == ["Đổi mới nội dung tuy", "Đưa nội dung kỹ năng", "Rà soát các quy định"]
    assert all([b.name for b in t.responsible] == ["Cấp ủy", "Tổ chức đảng", "Chính quyền"] for t in first)
    assert first[1].deadline.recurrence == "FREQ=YEARLY"


def test_party_units_of_state_bodies_keep_their_body():
    tasks = {t.text[:12]: [b.name for b in t.responsible] for t in extract_text(CONCLUSION, "kl99.txt").tasks}
    assert tasks["Đảng đoàn Qu"] == ["Đảng đoàn Quốc hội"]
    assert tasks["Ban cán sự đ"] == ["Ban cán sự Đảng Chính phủ"]
    assert tasks["Đảng ủy cơ q"] == ["Đảng ủy cơ quan Văn phòng Quốc hội"]


def test_a_section_that_says_what_it_is_ends_the_run():
    text = CONCLUSION.replace("2. Hoàn thiện thể chế", "2. Mục tiêu đến năm 2030")
    sections = {t.section for t in extract_text(text, "kl99.txt").tasks}
    assert "2" not in sections and "1" in sections


PLENUM = """BAN CHẤP HÀNH TRUNG ƯƠNG\tĐẢNG CỘNG SẢN VIỆT NAM
*
Số 70-NQ/TW\tHà Nội, ngày 20 tháng 5 năm 2026

NGHỊ QUYẾT
HỘI NGHỊ LẦN THỨ HAI BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XIV

Hội nghị lần thứ hai Ban Chấp hành Trung ương Đảng khóa XIV họp từ ngày 18 đến ngày 20/5/2026,

QUYẾT NGHỊ

1. Thông qua các dự thảo văn kiện sau đây:
- Báo cáo tổng kết công tác xây dựng Đảng năm 2025.
- Báo cáo kiểm điểm sự lãnh đạo của Bộ Chính trị năm 2025.
Giao Bộ Chính trị tiếp thu ý kiến của Trung ương, hoàn thiện các văn kiện.

2. Về tổ chức bộ máy: (1) Đồng ý chủ trương sắp xếp các đơn vị sự nghiệp công lập; (2) Đồng ý giữ ổn định Tòa án nhân dân, Viện kiểm sát nhân dân các cấp.

3. Nghe Báo cáo chuyên đề về chuyển đổi số quốc gia.

4. Ban Chấp hành Trung ương kêu gọi cán bộ, đảng viên và Nhân dân cả nước chung sức thực hiện các mục tiêu đã đề ra.

5. Ban Chấp hành Trung ương yêu cầu các cấp ủy tổ chức quán triệt Nghị quyết này trước ngày 30/6/2026.

T/M BAN CHẤP HÀNH TRUNG ƯƠNG
"""


def test_a_plenums_decisions_are_not_tasks_but_its_assignments_are():
    tasks = extract_text(PLENUM, "nq70.txt").tasks
    assert [t.text[:20] for t in tasks] == ["Giao Bộ Chính trị ti", "Ban Chấp hành Trung "]
    assert [b.name for b in tasks[0].responsible] == ["Bộ Chính trị"]
    assert [b.name for b in tasks[1].responsible] == ["Cấp ủy"]
    assert tasks[1].deadline.end.isoformat() == "2026-06-30"


NEWS = """Ngày 6/3/2026, đồng chí Nguyễn Văn Hùng đã ký Thông báo kết luận số 90-TB/TW ngày 5/3/2026 của Bộ Chính trị về chính sách đối với cán bộ dôi dư sau sắp xếp.

Theo đó, sau khi nghe báo cáo, Bộ Chính trị kết luận như sau:

Cơ bản đồng ý chủ trương mở rộng đối tượng áp dụng chính sách, gồm:

Cán bộ cấp xã dôi dư sau sắp xếp đơn vị hành chính.

Người làm việc theo hợp đồng trong các cơ quan của Đảng trước thời điểm sắp xếp.

Giao Đảng ủy Chính phủ chỉ đạo Bộ Nội vụ hoàn thiện dự thảo nghị định, báo cáo trước ngày 30/4/2026.

Căn cứ chủ trương của Ban Bí thư, Đảng ủy Chính phủ sớm ban hành văn bản hướng dẫn.

Các cơ quan, đơn vị, địa phương làm tốt công tác tư tưởng cho cán bộ.

Điều 2, Nghị định 100/2026/NĐ-CP quy định đối tượng áp dụng gồm:

1. Cán bộ, công chức cấp xã.

2. Người lao động theo hợp đồng.
"""


def test_a_republished_conclusion_gives_its_work_not_the_groups_decided_nor_the_quoted_decree():
    result = extract_text(NEWS, "tb90.txt")
    assert (result.document.number, result.document.signer) == ("90-TB/TW", "Nguyễn Văn Hùng")
    tasks = result.tasks
    assert [t.text[:20] for t in tasks] == ["Giao Đảng ủy Chính p", "Căn cứ chủ trương củ", "Các cơ quan, đơn vị,"]
    assert [[b.name for b in t.responsible] for t in tasks] == [
        ["Đảng ủy Chính phủ"], ["Đảng ủy Chính phủ"], ["Cơ quan, đơn vị, địa phương"]
    ]
    assert tasks[0].deadline.end.isoformat() == "2026-04-30"


def test_the_due_date_a_decision_sets_is_its_assignments():
    text = PLENUM.replace(
        "3. Nghe Báo cáo chuyên đề về chuyển đổi số quốc gia.",
        "3. Thống nhất chủ trương sửa đổi quy chế làm việc của Ban Chấp hành Trung ương, bảo đảm hoàn thành "
        "trước ngày 31/8/2026.\n\nGiao Văn phòng Trung ương Đảng chuẩn bị dự thảo quy chế.",
    )
    task = next(t for t in extract_text(text, "nq70.txt").tasks if t.text.startswith("Giao Văn phòng"))
    assert [b.name for b in task.responsible] == ["Văn phòng Trung ương"]
    assert task.deadline.end.isoformat() == "2026-08-31"
