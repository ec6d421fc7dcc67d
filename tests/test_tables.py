"""Appendix task tables as PDF text layers print them: one cell per line, cells wrapped."""

from __future__ import annotations

from datetime import date

from pipeline.extract import extract_text

PLAN_WITH_APPENDIX = """ĐẢNG ỦY XÃ TÂN AN
Số 12-CTr/ĐU\tTân An, ngày 10 tháng 11 năm 2025
CHƯƠNG TRÌNH HÀNH ĐỘNG
thực hiện Nghị quyết Đại hội Đảng bộ xã
I. NHIỆM VỤ
1. Các chi bộ trực thuộc tổ chức quán triệt Chương trình này.
Nơi nhận:
- Các chi bộ,
- Lưu.
T/M ĐẢNG ỦY
BÍ THƯ
Lê Văn Bình
PHỤ LỤC
DANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM
Stt
Nội dung
Thời gian
thực hiện
Cơ quan
chủ trì
I
Lĩnh vực kinh tế
Nghị quyết về phát triển
nông nghiệp công nghệ cao
Quý I/2026
Đảng ủy
UBND xã
Kế hoạch kiểm tra tiến độ các
công trình trọng điểm
Hàng quý
Đảng ủy
UBND xã
chủ trì,
phối hợp
Công an
xã
II
Lĩnh vực xây dựng Đảng
Nghị quyết về nâng cao chất lượng
sinh hoạt chi bộ
Tháng 12/2025
Ban Xây
dựng Đảng
Nghị quyết nâng cao chất lượng
hoạt động của các hội quần chúng.
Quý II/2026
Ủy ban
MTTQVN
xã
"""


def test_appendix_rows_are_tasks_with_their_cells():
    tasks = [t for t in extract_text(PLAN_WITH_APPENDIX).tasks if t.section.startswith("Phụ lục")]
    assert [t.section for t in tasks] == ["Phụ lục.I", "Phụ lục.I", "Phụ lục.II", "Phụ lục.II"]
    first, second, third, fourth = tasks
    assert first.text == "Nghị quyết về phát triển nông nghiệp công nghệ cao"
    assert [b.name for b in first.responsible] == ["Đảng ủy Ủy ban nhân dân xã"]
    assert (first.deadline.start, first.deadline.end) == (date(2026, 1, 1), date(2026, 3, 31))
    assert second.deadline.recurrence == "FREQ=MONTHLY;INTERVAL=3"
    assert [b.name for b in second.coordinating] == ["Công an xã"]
    assert [b.name for b in third.responsible] == ["Ban Xây dựng Đảng"]
    assert [b.name for b in fourth.responsible] == ["Ủy ban Mặt trận Tổ quốc Việt Nam xã"]


def test_text_without_an_appendix_table_gives_no_rows():
    text = PLAN_WITH_APPENDIX.split("PHỤ LỤC")[0] + "PHỤ LỤC\nBiểu mẫu báo cáo kết quả thực hiện.\n"
    assert all(not t.section.startswith("Phụ lục") for t in extract_text(text).tasks)


PLAN_WITH_A_TABLE_IN_ITS_BODY = """ĐẢNG ỦY PHƯỜNG BÌNH MINH
Số 40-KH/ĐU\tBình Minh, ngày 6 tháng 3 năm 2026
KẾ HOẠCH
chuyển đổi số trong công tác đảng năm 2026
I. NHIỆM VỤ
1. Các chi bộ trực thuộc quán triệt Kế hoạch đến đảng viên trong tháng 3/2026.
II. PHÂN CÔNG THỰC HIỆN
TT
Nội dung
Cơ quan chủ trì
Cơ quan phối hợp
Thời gian
1
Cập nhật thông tin đảng viên vào cơ sở
dữ liệu của Đảng bộ
Văn phòng Đảng ủy
Quý II/2026
2
Hướng dẫn cài đặt sổ tay đảng viên
Ban Xây dựng Đảng
Các chi bộ trực thuộc
Tháng 5/2026
III. TỔ CHỨC THỰC HIỆN
1. Văn phòng Đảng ủy theo dõi, đôn đốc, báo cáo kết quả trước ngày 15/12/2026.
T/M BAN THƯỜNG VỤ
"""


def test_a_table_in_the_body_printed_one_cell_per_line_is_read_by_its_header_columns():
    """No appendix title: the header's own columns say which line is which cell; an empty cell
    prints no line, and the body's text goes on after the table."""
    tasks = {t.text: t for t in extract_text(PLAN_WITH_A_TABLE_IN_ITS_BODY, "kh40.txt").tasks}
    first = tasks["Cập nhật thông tin đảng viên vào cơ sở dữ liệu của Đảng bộ"]
    second = tasks["Hướng dẫn cài đặt sổ tay đảng viên"]
    assert (first.section, [b.name for b in first.responsible], first.coordinating) == ("II", ["Văn phòng Đảng ủy"], ())
    assert (first.deadline.start, first.deadline.end) == (date(2026, 4, 1), date(2026, 6, 30))
    assert [b.name for b in second.coordinating] == ["Chi bộ trực thuộc"]
    assert second.deadline.end == date(2026, 5, 31)
    # no header or cell alone, and the rows where the table stands, between I and III
    assert [t.section for t in tasks.values()] == ["I.1", "II", "II", "III.1"]


def test_the_signature_after_a_body_table_is_no_cell_of_its_last_row():
    """A last row with no helper cell, then "T/M BAN THƯỜNG VỤ": the signature names no helper."""
    text = PLAN_WITH_A_TABLE_IN_ITS_BODY.split("III. TỔ CHỨC")[0].replace("Các chi bộ trực thuộc\nTháng 5/2026\n", "")
    tasks = extract_text(text + "T/M BAN THƯỜNG VỤ\nBÍ THƯ\n", "kh40.txt").tasks
    last = tasks[-1]
    assert (last.text, [b.name for b in last.responsible], last.coordinating) == (
        "Hướng dẫn cài đặt sổ tay đảng viên", ["Ban Xây dựng Đảng"], ()
    )


def _docx_plan(path):
    import docx

    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text, header.cell(0, 1).text = "ĐẢNG ỦY XÃ TÂN AN", "ĐẢNG CỘNG SẢN VIỆT NAM"
    header.cell(1, 0).text, header.cell(1, 1).text = "Số 45-KH/ĐU", "Tân An, ngày 10 tháng 3 năm 2026"
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("thực hiện chuyển đổi số năm 2026")
    document.add_paragraph("I. NHIỆM VỤ CỤ THỂ")
    rows = [
        ("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"),
        ("1", "Xây dựng kế hoạch số hóa hồ sơ đảng viên", "Ban Xây dựng Đảng", "Văn phòng Đảng ủy", "Quý II/2026"),
        ("2", "Tập huấn kỹ năng số cho cán bộ\nvà đảng viên", "Văn phòng Đảng ủy", "", "Hằng quý"),
    ]
    table = document.add_table(rows=len(rows), cols=5)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    document.add_paragraph("II. TỔ CHỨC THỰC HIỆN")
    document.add_paragraph("1. Các chi bộ trực thuộc triển khai thực hiện Kế hoạch này.")
    document.save(path)


def test_a_word_task_table_gives_one_task_per_row(tmp_path):
    from pipeline.extract import extract_file

    path = tmp_path / "plan.docx"
    _docx_plan(path)
    tasks = extract_file(path).tasks
    rows = [t for t in tasks if t.section == "I"]
    assert [t.text for t in rows] == [
        "Xây dựng kế hoạch số hóa hồ sơ đảng viên",
        "Tập huấn kỹ năng số cho cán bộ và đảng viên",
    ]
    assert [b.name for b in rows[0].responsible] == ["Ban Xây dựng Đảng"]
    assert [b.name for b in rows[0].coordinating] == ["Văn phòng Đảng ủy"]
    assert rows[0].deadline.end == date(2026, 6, 30)
    assert rows[1].deadline.recurrence == "FREQ=MONTHLY;INTERVAL=3"
    assert any(t.section == "II.1" for t in tasks)
