"""A directive read from a PDF reads like its text: team-written directives are set in a PDF and
read back through its text layer, or rendered to an image (a scan) and read back by the OCR path
(tesseract); metadata, tasks, their responsible bodies and due dates must be those of the clean
text. A text layer wraps lines and sets headings apart; OCR bends what it reads ("5." becomes
"5,", "chi bộ" becomes "chỉ bộ", headings lose their dot, blank lines split the header). This
checks the pipeline's tolerance end to end on the project's own sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from readers_fixtures import make_pdf, make_scanned_pdf, vietnamese_font

from pipeline.extract import extract_file, extract_text
from pipeline.readers.pdf import ocr_available

FONT = vietnamese_font()

pytestmark = pytest.mark.skipif(FONT is None, reason="no TTF with Vietnamese glyphs (apt-get install fonts-dejavu-core)")

LETTER = """ĐẢNG BỘ TỈNH AN BÌNH
ĐẢNG ỦY PHƯỜNG BẮC AN
*
Số 52-CV/ĐU
V/v chuẩn bị sơ kết công tác phát triển đảng viên
ĐẢNG CỘNG SẢN VIỆT NAM
Bắc An, ngày 08 tháng 5 năm 2026

Kính gửi: Các chi bộ trực thuộc.

Ban Thường vụ Đảng ủy đề nghị các chi bộ thực hiện một số nội dung sau:
1. Rà soát quần chúng ưu tú, lập danh sách đối tượng kết nạp, gửi về Ban Xây dựng Đảng trước ngày 15/6/2026.
2. Phân công đảng viên chính thức giúp đỡ quần chúng phấn đấu vào Đảng.
3. Định kỳ hằng quý báo cáo kết quả về Ban Thường vụ Đảng ủy.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ
Đỗ Văn Bảy
"""

PLAN = """ĐẢNG BỘ TỈNH AN BÌNH
ĐẢNG ỦY XÃ PHÚ AN
*
Số 19-KH/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Phú An, ngày 12 tháng 3 năm 2026

KẾ HOẠCH
tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2026

I. MỤC ĐÍCH, YÊU CẦU
1. Phát huy sức mạnh khối đại đoàn kết toàn dân tộc.
II. NHIỆM VỤ
1. Ủy ban Mặt trận Tổ quốc Việt Nam xã chủ trì, phối hợp với Đoàn Thanh niên xã tổ chức ngày hội ở các thôn trong tháng 11/2026.
2. Đảng ủy Ủy ban nhân dân xã chỉ đạo bố trí kinh phí, hoàn thành trước ngày 30/9/2026.
3. Các chi bộ thôn vận động nhân dân tham gia.
III. TỔ CHỨC THỰC HIỆN
1. Văn phòng Đảng ủy theo dõi, định kỳ hằng tháng báo cáo Ban Thường vụ Đảng ủy.

T/M BAN THƯỜNG VỤ
BÍ THƯ
Lê Thị Tám
"""


def _summary(extraction) -> tuple:
    meta = extraction.document
    tasks = [
        (
            t.section,
            [b.name for b in t.responsible],
            [b.name for b in t.coordinating],
            t.deadline.end if t.deadline else None,
            t.deadline.recurrence if t.deadline else None,
        )
        for t in extraction.tasks
    ]
    return (meta.doc_type, meta.number, meta.issuer, meta.issued_date, meta.title), tasks


DIRECTIVE = """TỈNH ỦY AN BÌNH
*
Số 07-CT/TU
ĐẢNG CỘNG SẢN VIỆT NAM
An Bình, ngày 20 tháng 8 năm 2026

CHỈ THỊ
của Ban Thường vụ Tỉnh ủy
về tăng cường công tác phòng cháy, chữa cháy trong khu dân cư

Để nâng cao hiệu quả công tác này, Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng, chính quyền và Mặt trận Tổ quốc các cấp thực hiện tốt các nhiệm vụ sau:
1. Đẩy mạnh tuyên truyền pháp luật về phòng cháy, chữa cháy đến từng hộ gia đình, nhất là ở khu dân cư đông người.
2. Đảng ủy Ủy ban nhân dân tỉnh lãnh đạo Ủy ban nhân dân tỉnh chỉ đạo Công an tỉnh chủ trì, phối hợp với Sở Xây dựng rà soát các cơ sở có nguy cơ cháy, nổ cao; hoàn thành trong quý IV/2026.
3. Ban Tuyên giáo và Dân vận Tỉnh ủy theo dõi việc thực hiện Chỉ thị; định kỳ hằng năm báo cáo Ban Thường vụ Tỉnh ủy.
Chỉ thị này được phổ biến đến chi bộ.

T/M BAN THƯỜNG VỤ
BÍ THƯ
Phạm Văn Chín
"""


@pytest.mark.parametrize(("name", "text"), [("cv52", LETTER), ("kh19", PLAN), ("ct07", DIRECTIVE)])
def test_a_directive_read_from_a_pdf_text_layer_gives_what_its_text_gives(name: str, text: str, tmp_path: Path) -> None:
    from_pdf = extract_file(make_pdf(tmp_path / f"{name}.pdf", [text], FONT))
    clean = extract_text(text, f"{name}.txt")
    assert _summary(clean)[1], "the clean text has tasks"
    assert _summary(from_pdf) == _summary(clean)


@pytest.mark.slow
@pytest.mark.skipif(not ocr_available(), reason="OCR not installed (tesseract-ocr tesseract-ocr-vie poppler-utils)")
@pytest.mark.parametrize(("name", "text"), [("cv52", LETTER), ("kh19", PLAN)])
def test_a_scanned_directive_gives_the_tasks_of_its_text(name: str, text: str, tmp_path: Path) -> None:
    scanned = extract_file(make_scanned_pdf(tmp_path / f"{name}.pdf", text, FONT, tmp_path))
    clean = extract_text(text, f"{name}.txt")
    assert _summary(clean)[1], "the clean text has tasks"
    assert _summary(scanned) == _summary(clean)
