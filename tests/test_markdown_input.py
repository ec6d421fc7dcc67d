"""Directives saved as Markdown (a converter's output, a repository's .md): heading hashes, bold
runs, escapes and pipe tables are read through, and every span still points at the source.
The text is written for these tests."""

from __future__ import annotations

from pipeline.extract import extract_text
from pipeline.normalize import normalize

DOC = """**ĐẢNG BỘ TỈNH NINH BÌNH**{BR}
**ĐẢNG ỦY PHƯỜNG HOA LƯ**{BR}
*Số 07-KH/ĐU*{BR}

**ĐẢNG CỘNG SẢN VIỆT NAM**{BR}
*Hoa Lư, ngày 12 tháng 3 năm 2026*{BR}

---

## KẾ HOẠCH
### về chuyển đổi số trong các cơ quan đảng năm 2026

## I. MỤC ĐÍCH, YÊU CẦU
Nâng cao hiệu quả ứng dụng công nghệ số trong hoạt động của Đảng bộ phường.

## II. NHIỆM VỤ
### 1. Văn phòng Đảng ủy
\\- Chủ trì rà soát hạ tầng mạng nội bộ, hoàn thành trong quý II/2026.

## III. TỔ CHỨC THỰC HIỆN
Các nhiệm vụ cụ thể tại Phụ lục kèm theo.

**PHỤ LỤC**

| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn |
|---|---|---|---|---|
| **I** | **Nhóm hạ tầng số** | | | |
| 1 | Nâng cấp đường truyền số liệu chuyên dùng | Văn phòng Đảng ủy | Công an phường | 30/6/2026 |
| 2 | Số hóa hồ sơ đảng viên<br>theo hướng dẫn | Ban Xây dựng Đảng | Các chi bộ trực thuộc | 30/9/2026 |
""".replace("{BR}", "  ")  # Markdown's line break: two trailing spaces


def test_markdown_syntax_is_read_through_with_exact_spans():
    norm = normalize(DOC)
    assert "## " not in norm.text and "**" not in norm.text and "\\-" not in norm.text
    row = next(line for line in norm.text.splitlines() if line.startswith("1\t"))
    assert row.split("\t") == ["1", "Nâng cấp đường truyền số liệu chuyên dùng", "Văn phòng Đảng ủy", "Công an phường", "30/6/2026"]
    start = norm.text.index("Nâng cấp")
    s, e = norm.to_source_span(start, start + len("Nâng cấp đường truyền"))
    assert DOC[s:e] == "Nâng cấp đường truyền"


def test_a_line_in_italics_loses_its_asterisks_and_a_star_bullet_keeps_its_own():
    text = "## II. NHIỆM VỤ\n\n*Cán bộ phường họp bàn kế hoạch (Ảnh: Minh Anh) *\n\n* Rà soát hồ sơ đảng viên.\n"
    norm = normalize(text).text
    assert "\nCán bộ phường họp bàn kế hoạch (Ảnh: Minh Anh)\n" in norm and "\n* Rà soát" in norm


def test_a_markdown_directive_gives_its_tasks_sections_and_table_rows():
    result = extract_text(DOC, "kh07.md")
    assert result.document.number == "07-KH/ĐU"
    by_text = {t.text[:20]: t for t in result.tasks}
    office = by_text["Chủ trì rà soát hạ t"]
    assert office.section == "II.1"
    assert [b.name for b in office.responsible] == ["Văn phòng Đảng ủy"]
    row = by_text["Nâng cấp đường truyề"]
    assert (row.section, [b.name for b in row.responsible]) == ("Phụ lục.I", ["Văn phòng Đảng ủy"])
    assert (row.deadline.start, row.deadline.end.isoformat()) == (None, "2026-06-30")  # due by that day
    assert by_text["Số hóa hồ sơ đảng vi"].text == "Số hóa hồ sơ đảng viên theo hướng dẫn"


def test_pandoc_bold_markers_and_line_break_backslashes_go():
    text = (
        "  ----------------------- -----------------------\n"
        "    **BAN CHẤP HÀNH TRUNG ƯƠNG\\          **ĐẢNG CỘNG SẢN VIỆT NAM**\n"
        "  ----------------------- -----------------------\n\n"
        "**1. **Thông qua các dự thảo văn kiện.\n\n"
        "**2.** Giao Bộ Chính trị hoàn thiện các văn kiện.\n"
    )
    norm = normalize(text).text
    assert "BAN CHẤP HÀNH TRUNG ƯƠNG\tĐẢNG CỘNG SẢN VIỆT NAM" in norm
    assert "\n1. Thông qua" in norm and "\n2. Giao Bộ Chính trị" in norm


def test_a_heading_glued_to_the_line_before_starts_its_own_line():
    text = "# Điều 10. Trách nhiệm của cấp ủy cơ sở# 1. Tổ chức tự đánh giá.\n# 2. Gửi kết quả về Đảng ủy Khối.\n"
    norm = normalize(text).text
    assert norm.splitlines()[:2] == ["Điều 10. Trách nhiệm của cấp ủy cơ sở", "1. Tổ chức tự đánh giá."]


CONVERTED = """<!-- PageHeader="Đảng ủy Tổng công ty" -->
NGHỊ QUYẾT về văn hóa doanh nghiệp
<!-- PageBreak -->
<figure>
LOGO
</figure>
IV. TỔ CHỨC THỰC HIỆN
1. Ban Thường vụ Đảng ủy chỉ đạo phổ biến Nghị quyết đến các chi bộ.
2. Ban Truyền thông&amp;Văn hóa xây dựng kế hoạch, phối hợp với Văn phòng Đảng ủy kiểm tra.
<!-- PageNumber="7" -->
<table>
<tr>
<th>Nơi nhận:</th>
<th>T/M ĐẢNG ỦY</th>
</tr>
<tr>
<td>- Lưu VPĐU.</td>
<td>BÍ THƯ</td>
</tr>
</table>
"""


def test_a_pdf_converters_html_is_read_through_with_exact_spans():
    norm = normalize(CONVERTED)
    assert "<" not in norm.text and "PageBreak" not in norm.text and "&amp;" not in norm.text
    assert "Nơi nhận:\tT/M ĐẢNG ỦY" in norm.text.splitlines()
    start = norm.text.index("Văn phòng Đảng ủy kiểm tra")
    s, e = norm.to_source_span(start, start + len("Văn phòng Đảng ủy"))
    assert CONVERTED[s:e] == "Văn phòng Đảng ủy"
    tasks = extract_text(CONVERTED, "nq.md").tasks
    assert [t.section for t in tasks] == ["IV.1", "IV.2"]
    assert [b.name for b in tasks[1].coordinating] == ["Văn phòng Đảng ủy"]
