"""A task table in a PDF: pdfplumber's table finder reads a ruled table row by row, long cells
wrapped over several lines included, and each row becomes a task with its bodies and deadline.
The document is written for this test."""

from __future__ import annotations

import pytest
from readers_fixtures import make_table_pdf, vietnamese_font

from pipeline.extract import extract_file

FONT = vietnamese_font()
pytestmark = pytest.mark.skipif(FONT is None, reason="no Vietnamese TTF font (apt install fonts-dejavu-core)")

BEFORE = "ĐẢNG ỦY PHƯỜNG HOA LƯ\nSố 07-KH/ĐU\n\nKẾ HOẠCH\nvề chuyển đổi số năm 2026\n\nI. NHIỆM VỤ\n1. Các chi bộ quán triệt kế hoạch.\n\nPHỤ LỤC\n"
ROWS = [
    ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"],
    ["I", "Nhóm hạ tầng số", "", "", ""],
    ["1", "Nâng cấp đường truyền số liệu chuyên dùng cho các chi bộ trực thuộc", "Văn phòng Đảng ủy", "Công an phường", "30/6/2026"],
    ["2", "Số hóa hồ sơ đảng viên", "Ban Xây dựng Đảng", "Các chi bộ trực thuộc", "Quý III/2026"],
]


def test_each_row_of_a_ruled_table_is_a_task(tmp_path):
    path = make_table_pdf(tmp_path / "kh07.pdf", FONT, BEFORE, ROWS, "\nNơi nhận:\n- Các chi bộ.")
    result = extract_file(path)
    rows = [t for t in result.tasks if t.section == "Phụ lục.I"]
    assert [t.text for t in rows] == [
        "Nâng cấp đường truyền số liệu chuyên dùng cho các chi bộ trực thuộc",
        "Số hóa hồ sơ đảng viên",
    ]
    assert [[b.name for b in t.responsible] for t in rows] == [["Văn phòng Đảng ủy"], ["Ban Xây dựng Đảng"]]
    assert [[b.name for b in t.coordinating] for t in rows] == [["Công an phường"], ["Chi bộ trực thuộc"]]
    assert [t.deadline.end.isoformat() for t in rows] == ["2026-06-30", "2026-09-30"]
    start, end = result.normalized.to_source_span(rows[0].start, rows[0].end)
    assert "đường truyền" in result.loaded.text[start:end]
