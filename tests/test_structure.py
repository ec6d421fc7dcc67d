"""Golden header/footer metadata for every corpus document, and synthetic headers."""

from datetime import date
from pathlib import Path

import pytest

from pipeline.normalize import normalize
from pipeline.structure import (
    doc_type_for_heading,
    doc_type_for_number,
    doc_types,
    find_regions,
    parse_metadata,
    title_case_organ,
)

CORPUS = Path(__file__).parent.parent / "corpus"

EXPECTED = {
    "000_12b74036f273f99d.txt": {
        "doc_type": "Chương trình hành động",
        "number": "15-NQ/TU",
        "issuer": "Tỉnh ủy Bình Thuận",
        "issued_date": "2008-04-17",
        "place": "Phan Thiết",
        "signer": "Huỳnh Văn Tí",
        "title_starts": "thực hiện Nghị quyết Hội nghị lần thứ sáu",
        "is_draft": False,
        "body_starts": "I- YÊU CẦU",
    },
    "001_64c2e156f5a86ec1.txt": {
        "doc_type": "Chương trình hành động",
        "number": None,
        "issuer": "Đảng ủy Khối các cơ quan tỉnh",
        "issued_date": None,
        "place": None,
        "signer": "Nguyễn Đặng Thị Thu Hòa",
        "title_starts": "Thực hiện Nghị quyết Đại hội Đảng bộ Khối",
        "is_draft": False,
        "body_starts": "Thực hiện Nghị quyết Đại hội Đảng bộ Khối các cơ quan tỉnh lần thứ XIV, nhiệm kỳ",
    },
    "002_6b90be9875502fca.txt": {
        "doc_type": "Đề án",
        "number": None,
        "issuer": "Thị ủy",
        "issued_date": None,
        "place": None,
        "signer": None,
        "title_starts": "thực hiện Nghị quyết số 21-NQ/TW ngày 16/6/2022",
        "is_draft": True,
        "body_starts": "Phần thứ nhất",
    },
    "004_3c10ca3a715fe4bb.txt": {
        "doc_type": "Thông báo",
        "number": "509-TB/TU",
        "issuer": "Tỉnh ủy Bình Thuận",
        "issued_date": "2008-05-22",
        "place": "Phan Thiết",
        "signer": "Huỳnh Đa Trung",
        "title_starts": "Ý KIẾN KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY tại buổi làm việc",
        "is_draft": False,
        "body_starts": "Ngày 22/5/2008, đồng chí",
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_metadata(name):
    text = normalize((CORPUS / name).read_text(encoding="utf-8")).text
    regions = find_regions(text)
    meta = parse_metadata(text, regions).to_dict()
    expected = EXPECTED[name]
    for field in ("doc_type", "number", "issuer", "issued_date", "place", "signer", "is_draft"):
        assert meta[field] == expected[field], field
    assert (meta["title"] or "").startswith(expected["title_starts"])
    assert text[regions.body_start :].startswith(expected["body_starts"])
    assert text[regions.body_end :].lstrip().startswith("Nơi nhận")


SYNTHETIC = """HUYỆN ỦY ĐỨC LINH\tĐẢNG CỘNG SẢN VIỆT NAM
*
Số: 27-KH/HU\tĐức Linh, ngày 05 tháng 9 năm 2013

KẾ HOẠCH
tổ chức sơ kết 5 năm thực hiện Chỉ thị số 10-CT/TW

I. MỤC ĐÍCH, YÊU CẦU
Đánh giá đúng kết quả.

II. NỘI DUNG
1. Ban Tổ chức Huyện ủy chủ trì, hoàn thành trong tháng 10/2013.

Nơi nhận:\tT/M BAN THƯỜNG VỤ
- Ban Tổ chức Tỉnh ủy (b/c),\tPHÓ BÍ THƯ
- Lưu VP.
\tNguyễn Văn An
"""


def test_unseen_district_plan_header():
    text = normalize(SYNTHETIC).text
    regions = find_regions(text)
    meta = parse_metadata(text, regions)
    assert meta.doc_type == "Kế hoạch"
    assert meta.number == "27-KH/HU"
    assert meta.issuer == "Huyện ủy Đức Linh"
    assert meta.locality == "Đức Linh"
    assert meta.level == "district"
    assert meta.issued_date.isoformat() == "2013-09-05"
    assert meta.place == "Đức Linh"
    assert meta.title == "tổ chức sơ kết 5 năm thực hiện Chỉ thị số 10-CT/TW"
    assert meta.signer == "Nguyễn Văn An"
    assert meta.signer_title == "Phó Bí thư"
    assert meta.signing_formula == "T/M"
    assert meta.recipients == ("Ban Tổ chức Tỉnh ủy (b/c)",)
    assert text[regions.body_start :].startswith("I. MỤC ĐÍCH")


def test_text_without_any_structure_does_not_fail():
    text = normalize("Một đoạn văn bản không có tiêu đề, không có số hiệu.").text
    regions = find_regions(text)
    meta = parse_metadata(text, regions)
    assert meta.doc_type is None and meta.number is None and meta.issued_date is None


@pytest.mark.parametrize("doc_type", doc_types(), ids=lambda d: d.name)
def test_doc_type_examples(doc_type):
    for example in doc_type.examples:
        if "/" in example:
            if example.startswith("-"):
                continue
            assert doc_type_for_number(example) == doc_type.name, example
        else:
            assert doc_type_for_heading(example) == doc_type.name, example


@pytest.mark.parametrize(
    ("upper", "expected"),
    [
        ("TỈNH ỦY BÌNH THUẬN", "Tỉnh ủy Bình Thuận"),
        ("ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH", "Đảng ủy Khối các cơ quan tỉnh"),
        ("BAN TỔ CHỨC TỈNH ỦY", "Ban Tổ chức Tỉnh ủy"),
        ("PHÓ CHÁNH VĂN PHÒNG", "Phó Chánh Văn phòng"),
    ],
)
def test_title_case_organ(upper, expected):
    assert title_case_organ(upper) == expected


@pytest.mark.parametrize(
    ("header", "issuer"),
    [
        ("ĐẢNG BỘ TỈNH BÌNH THUẬN\nHUYỆN ỦY TÁNH LINH\t\tĐẢNG CỘNG SẢN VIỆT NAM\n*", "Huyện ủy Tánh Linh"),
        ("TỈNH ỦY BÌNH THUẬN\tĐẢNG CỘNG SẢN VIỆT NAM\nBAN TỔ CHỨC\n*", "Ban Tổ chức Tỉnh ủy Bình Thuận"),
        ("ĐẢNG ỦY KHỐI CÁC CƠ QUAN\tĐẢNG CỘNG SẢN VIỆT NAM\nTỈNH BÌNH THUẬN\n*", "Đảng ủy Khối các cơ quan tỉnh Bình Thuận"),
        ("BAN CHẤP HÀNH TRUNG ƯƠNG\tĐẢNG CỘNG SẢN VIỆT NAM\n*", "Ban Chấp hành Trung ương"),
    ],
)
def test_stacked_issuer_blocks(header, issuer):
    text = normalize(header + "\nSố 12-KH/TU\tPhan Thiết, ngày 1 tháng 2 năm 2020\n\nKẾ HOẠCH\nvề việc X\n\nI. NỘI DUNG\n1. Làm việc.").text
    meta = parse_metadata(text, find_regions(text))
    assert meta.issuer == issuer


def test_central_resolution_header_with_date_before_number():
    text = normalize(
        "BAN CHẤP HÀNH TRUNG ƯƠNG\tĐẢNG CỘNG SẢN VIỆT NAM\n*\tHà Nội, ngày 02 tháng 02 năm 2008\n"
        "Số 22-NQ/TW\n\nNGHỊ QUYẾT\nHỘI NGHỊ LẦN THỨ SÁU BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA X\n"
        "về nâng cao năng lực lãnh đạo\n\nI. TÌNH HÌNH\nNội dung."
    ).text
    meta = parse_metadata(text, find_regions(text))
    assert (meta.doc_type, meta.number, meta.place) == ("Nghị quyết", "22-NQ/TW", "Hà Nội")
    assert meta.issued_date.isoformat() == "2008-02-02"
    assert meta.level == "central"
    assert meta.title.endswith("về nâng cao năng lực lãnh đạo")


def test_opening_paragraph_is_not_part_of_the_title():
    text = normalize(
        "TỈNH ỦY LÂM ĐỒNG\tĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 18-CT/TU\tĐà Lạt, ngày 03 tháng 3 năm 2014\n\n"
        "CHỈ THỊ\nCỦA BAN THƯỜNG VỤ TỈNH ỦY\nvề tăng cường công tác phòng, chống tham nhũng\n\n"
        "Thời gian qua, các cấp ủy đã quán triệt Nghị quyết.\n\n1. Các cấp ủy tiếp tục quán triệt."
    ).text
    regions = find_regions(text)
    meta = parse_metadata(text, regions)
    assert meta.title == "về tăng cường công tác phòng, chống tham nhũng"
    assert text[regions.body_start :].startswith("Thời gian qua")


def test_headerless_text_names_itself_in_its_lead():
    text = normalize(
        "Chỉ thị của Ban Thường vụ Tỉnh ủy về học tập Nghị quyết Đại hội\n\n"
        "Ban Thường vụ Tỉnh ủy Lạng Sơn vừa ban hành Chỉ thị số 01-CT/TU, ngày 11/11/2020 về học tập nghị quyết.\n\n"
        "Các cấp ủy tổ chức quán triệt Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị."
    ).text
    meta = parse_metadata(text, find_regions(text))
    assert (meta.doc_type, meta.number) == ("Chỉ thị", "01-CT/TU")
    assert meta.issued_date.isoformat() == "2020-11-11"
    assert meta.issuer == "Ban Thường vụ Tỉnh ủy Lạng Sơn"
    assert meta.place is None


def _meta_of(raw: str):
    text = normalize(raw).text
    return parse_metadata(text, find_regions(text))


def test_a_date_inside_a_sentence_is_not_the_issuing_date():
    meta = _meta_of(
        "Ban Thường vụ Thành ủy ban hành Chương trình hành động về Nghị quyết số 57-NQ/TW, "
        "ngày 22/12/2024 của Bộ Chính trị như sau:\n\nI. MỤC ĐÍCH\n1. Nâng cao nhận thức."
    )
    assert meta.issued_date is None and meta.place is None
    assert meta.doc_type == "Chương trình hành động" and meta.number is None


@pytest.mark.parametrize("place", ["Phan Rang - Tháp Chàm", "Bà Rịa – Vũng Tàu", "Hà Nội", "Mê Pu"])
def test_place_names_with_hyphens_and_dashes(place):
    text = normalize(
        f"TỈNH ỦY NINH THUẬN\tĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 12-KH/TU\t{place}, ngày 20 tháng 3 năm 2018\n\n"
        "KẾ HOẠCH\nvề việc X\n\nI. NỘI DUNG\n1. Làm việc."
    ).text
    meta = parse_metadata(text, find_regions(text))
    assert meta.place == place
    assert meta.issued_date.isoformat() == "2018-03-20"


# ---------------------------------------------------------------- headers as real files print them

_COMMUNE_HEADER = (
    "ĐẢNG BỘ TỈNH KHÁNH HÒA\nĐẢNG ỦY XÃ TÂN AN\n*\nSố -KH/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
    "Tân An, ngày tháng 3 năm 2026\nKẾ HOẠCH\nthực hiện chuyển đổi số năm 2026\n-----\n"
    "I. MỤC ĐÍCH\nNội dung.\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\nLê Văn Bình\nĐẢNG ỦY XÃ TÂN AN\n"
    "14-03-2026 09:12:40 +07:00\n"
)


def test_blank_number_and_day_take_the_signature_date_and_keep_the_place():
    meta = parse_metadata(_COMMUNE_HEADER, find_regions(_COMMUNE_HEADER))
    assert meta.number is None and meta.doc_type == "Kế hoạch"
    assert meta.issued_date == date(2026, 3, 14)
    assert meta.place == "Tân An"
    assert meta.issuer == "Đảng ủy xã Tân An"


def test_signature_stamp_over_the_header_is_not_part_of_the_issuer():
    text = (
        "BỘ CHÍNH TRỊ\nBỘ CHÍNH TRỊ\n28-07-2026 18:08:51 +07:00\n\nBAN CHẤP HÀNH TRUNG ƯƠNG\n*\n"
        "Số 31-CTr/TW Hà Nội, ngày 28 tháng 7 năm 2026\n\nCHƯƠNG TRÌNH HÀNH ĐỘNG\nvề bảo vệ môi trường\n\n"
        "I- MỤC ĐÍCH\nNội dung.\n"
    )
    meta = parse_metadata(text, find_regions(text))
    assert meta.issuer == "Bộ Chính trị"
    assert meta.place == "Hà Nội" and meta.issued_date == date(2026, 7, 28)
    assert meta.number == "31-CTr/TW"


def test_a_letters_subject_line_shares_its_line_with_the_other_header_cell():
    text = (
        "ĐẢNG ỦY XÃ TÂN AN\n*\nSố 14-CV/ĐU\nV/v góp ý dự thảo văn kiện\tĐẢNG CỘNG SẢN VIỆT NAM\n\n"
        "Tân An, ngày 02 tháng 4 năm 2026\n\nKính gửi: Các chi bộ.\n1. Các chi bộ tổ chức góp ý.\n"
    )
    meta = parse_metadata(text, find_regions(text))
    assert meta.title == "V/v góp ý dự thảo văn kiện"
    assert meta.issued_date == date(2026, 4, 2)


def test_cong_van_type_and_subject_from_a_blank_number():
    text = (
        "ĐẢNG ỦY XÃ TÂN AN\n*\nSố -CV/ĐU\nVề triển khai Kết luận số 12-KL/TW\nngày 11/12/2025 của Ban Bí thư\n"
        "ĐẢNG CỘNG SẢN VIỆT NAM\nTân An, ngày tháng 01 năm 2026\nKính gửi: Các chi bộ.\n1. Các chi bộ tổ chức quán triệt.\n"
    )
    meta = parse_metadata(text, find_regions(text))
    assert meta.doc_type == "Công văn"
    assert meta.title == "Về triển khai Kết luận số 12-KL/TW ngày 11/12/2025 của Ban Bí thư"
    assert meta.place == "Tân An" and meta.issued_date is None


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        # a Thông báo kết luận: the trích yếu goes on in a capitalized "Về ..." line
        ("THÔNG BÁO\nKẾT LUẬN CỦA THƯỜNG TRỰC ĐẢNG ỦY\nVề một số nội dung cuộc họp ngày 05/3/2026",
         "KẾT LUẬN CỦA THƯỜNG TRỰC ĐẢNG ỦY Về một số nội dung cuộc họp ngày 05/3/2026"),
        # the day of a cited conclusion left blank before signing; an OCR'd "CỦA" line
        ("CHƯƠNG TRÌNH HÀNH ĐỘNG\nCUA BAN THƯỜNG VỤ TỈNH ỦY\nthực hiện Kết luận số 12-KL/TU, ngày _\ncủa Tỉnh ủy về chuyển đổi số",
         "thực hiện Kết luận số 12-KL/TU của Tỉnh ủy về chuyển đổi số"),
        # a line wrapped inside a proper name goes on with it; an opening paragraph does not
        ("KẾ HOẠCH\ntổ chức kỷ niệm 96 năm Ngày thành lập Đảng\nCộng sản Việt Nam (03/02/1930 - 03/02/2026)",
         "tổ chức kỷ niệm 96 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2026)"),
    ],
)
def test_title_lines(heading, title):
    text = normalize(
        f"TỈNH ỦY NINH BÌNH\tĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 20-TB/TU\tNinh Bình, ngày 06 tháng 3 năm 2026\n\n{heading}\n"
        "-----\nNgày 05/3/2026, Thường trực họp.\n\n1. Văn phòng Tỉnh ủy theo dõi."
    ).text
    assert parse_metadata(text, find_regions(text)).title == title


def test_an_opening_paragraph_right_under_a_title_that_ends_in_a_name_is_body():
    text = normalize(
        "TỈNH ỦY NINH BÌNH\tĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 21-KH/TU\tNinh Bình, ngày 06 tháng 3 năm 2026\n\n"
        "KẾ HOẠCH\nthực hiện Nghị quyết Đại hội XIV của Đảng\nThời gian qua, công tác tuyên truyền có nhiều chuyển biến\n\n"
        "1. Văn phòng Tỉnh ủy theo dõi."
    ).text
    assert parse_metadata(text, find_regions(text)).title == "thực hiện Nghị quyết Đại hội XIV của Đảng"


def test_a_reposted_text_named_by_its_headline():
    text = normalize(
        "# Chỉ thị số 08-CT/TW\n\n"
        "Chỉ thị số 08-CT/TW ngày 05/02/2026 của Ban Bí thư về tăng cường công tác dân vận trong tình hình mới\n\n"
        "Thời gian qua, công tác dân vận đạt nhiều kết quả.\n\n"
        "1. Các cấp ủy tập trung lãnh đạo công tác dân vận.\n\n"
        "|   | T/M BAN BÍ THƯ *(Đã ký)* Nguyễn Văn Hùng |\n| :---- | :---- |\n"
    ).text
    meta = parse_metadata(text, find_regions(text))
    assert (meta.doc_type, meta.number, meta.issuer) == ("Chỉ thị", "08-CT/TW", "Ban Bí thư")
    assert meta.issued_date == date(2026, 2, 5)
    assert meta.title == "về tăng cường công tác dân vận trong tình hình mới"
    assert (meta.on_behalf_of, meta.signer) == ("Ban Bí thư", "Nguyễn Văn Hùng")


def test_a_stacked_party_group_header_and_a_title_closed_by_a_separator():
    text = normalize(
        "BAN CHẤP HÀNH TRUNG ƯƠNG\nĐẢNG ĐOÀN QUỐC HỘI\n\nSố 12-KH/ĐĐQH15\n\nHà Nội, ngày 03 tháng 3 năm 2026\n\n"
        "KẾ HOẠCH\nthực hiện Kết luận số 12-KL/TW ngày 02/02/2026\nBộ Chính trị về chuyển đổi số\n---\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n"
    ).text
    meta = parse_metadata(text, find_regions(text))
    assert meta.issuer == "Đảng đoàn Quốc hội"
    assert meta.title == "thực hiện Kết luận số 12-KL/TW ngày 02/02/2026 Bộ Chính trị về chuyển đổi số"


def test_the_footer_ends_where_an_appendix_table_begins():
    text = normalize(
        "TỈNH ỦY NINH BÌNH\tĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 20-KH/TU\tNinh Bình, ngày 06 tháng 3 năm 2026\n\n"
        "KẾ HOẠCH\nvề chuyển đổi số\n\nI. NHIỆM VỤ\n1. Văn phòng Tỉnh ủy theo dõi.\n\n"
        "Nơi nhận:\n- Các sở, ngành.\n\nBÍ THƯ\n(Đã ký)\nLê Văn Bình\n\n"
        "PHỤ LỤC: DANH MỤC NHIỆM VỤ\nSTT\tNhiệm vụ\tCơ quan chủ trì\tThời hạn\n1\tSố hóa hồ sơ\tSở Công Thương\t30/9/2026\n"
    ).text
    meta = parse_metadata(text, find_regions(text))
    assert meta.signer == "Lê Văn Bình"
    assert meta.recipients == ("Các sở, ngành",)


def test_a_news_lead_that_says_who_signed_which_document():
    text = normalize(
        "Ngày 10/3/2026, đồng chí Nguyễn Văn Hùng đã ký Thông báo kết luận số 12-TB/TW "
        "ngày 9/3/2026 của Ban Bí thư về công tác dân vận trong tình hình mới.\n\n"
        "Theo đó, Ban Bí thư kết luận như sau:\n\nGiao Ban Dân vận Trung ương hướng dẫn thực hiện.\n"
    ).text
    meta = parse_metadata(text, find_regions(text))
    assert (meta.doc_type, meta.number, meta.issuer) == ("Thông báo", "12-TB/TW", "Ban Bí thư")
    assert (meta.issued_date, meta.signer) == (date(2026, 3, 9), "Nguyễn Văn Hùng")
    assert meta.title == "về công tác dân vận trong tình hình mới"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the date opens the lead; the issuer carries its term
        ("Nghị quyết về phát triển du lịch\n\nNgày 05-3-2026, Ban Chấp hành Đảng bộ tỉnh khóa XVI đã ban hành "
         "Nghị quyết số 12-NQ/TU về phát triển du lịch bền vững đến năm 2030. Báo trân trọng giới thiệu.\n\n"
         "1. Các cấp ủy quán triệt Nghị quyết.",
         ("Nghị quyết", "12-NQ/TU", "2026-03-05", "Ban Chấp hành Đảng bộ tỉnh", "về phát triển du lịch bền vững đến năm 2030")),
        # a bare number is completed with the type's and the issuer's codes
        ("Ngày 6/4, Ban Thường vụ Tỉnh ủy Lâm Viên đã ban hành Chỉ thị số 21 về việc tăng cường công tác dân vận.\n\n"
         "1. Các cấp ủy tăng cường lãnh đạo.",
         ("Chỉ thị", "21-CT/TU", "None", "Ban Thường vụ Tỉnh ủy Lâm Viên", "về việc tăng cường công tác dân vận")),
        # the full symbol printed without "số", then its year; a bare "5" without "số" is no number
        ("Ngày 12/3/2026, Ban Bí thư ban hành Chỉ thị 08-CT/TW năm 2026 về công tác dân vận ở vùng đồng bào dân tộc.\n\n"
         "1. Các cấp ủy tăng cường lãnh đạo.",
         ("Chỉ thị", "08-CT/TW", "2026-03-12", "Ban Bí thư", "về công tác dân vận ở vùng đồng bào dân tộc")),
        ("Ban Thường vụ Huyện ủy ban hành Kế hoạch 5 năm về phát triển chè.\n\nTheo đó, các xã rà soát vùng chè.",
         ("Kế hoạch", "None", "None", "Ban Thường vụ Huyện ủy", "None")),
        # "vừa xây dựng kế hoạch": the type in lower case, no number
        ("Ban Thường vụ Tỉnh ủy vừa xây dựng kế hoạch giám sát công tác cán bộ năm 2026.\n\n"
         "Theo đó, Ban Tổ chức Tỉnh ủy chủ trì.",
         ("Kế hoạch", "None", "None", "Ban Thường vụ Tỉnh ủy", "None")),
    ],
)
def test_a_news_lead_names_the_document(text, expected):
    meta = _meta_of(text)
    assert (meta.doc_type, str(meta.number), str(meta.issued_date), meta.issuer, str(meta.title)) == expected


def test_a_lead_above_a_reposted_text_gives_the_number_its_header_lacks():
    meta = _meta_of(
        "Ngày 12/3/2026, Tỉnh ủy Lâm Viên đã ban hành Chương trình số 41-CTr/TU về chuyển đổi số.\n\n"
        "CHƯƠNG TRÌNH\nthực hiện Nghị quyết về chuyển đổi số\n\nI. MỤC TIÊU\nNội dung.\n"
    )
    assert (meta.doc_type, meta.number, meta.issued_date) == ("Chương trình", "41-CTr/TU", date(2026, 3, 12))


@pytest.mark.parametrize("heading", ["K ÉT LUẬN", "KÉT LUẬN", "KẾT LUÂN"])
def test_a_type_heading_is_read_through_ocr_damage(heading):
    assert doc_type_for_heading(heading) == "Kết luận"
    assert doc_type_for_heading("kết luận hội nghị") is None


def test_an_ocr_header_with_blank_lines_between_its_lines():
    meta = _meta_of(
        "ĐẢNG BỘ TỈNH AN BÌNH\n\nĐẢNG ỦY XÃ PHÚ AN\n\n*\n\nSố 08-KH/ĐU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
        "Phú An, ngày 02 tháng 3 năm 2026\n\nKẾ HOẠCH\nphát triển đảng viên\n\n1. Các chi bộ rà soát."
    )
    assert meta.issuer == "Đảng ủy xã Phú An"


def test_a_word_export_header_whose_cells_wrap_over_lines():
    text = (
        "ỦY BAN MTTQ\nVIỆT NAM\n\nXÃ TÂN\nLẬP\n\nBAN THƯỜNG TRỰC\n\nSố: 21/KH-MTTQ-BTT\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Tân\nLập, ngày 3 tháng 3 năm 2026\n\nKẾ HOẠCH\n\nTổ chức hội nghị hiệp thương\n\n"
        "1. Ban Công tác Mặt trận các thôn tổ chức hội nghị cử tri.\n"
    )
    from pipeline.extract import extract_text

    meta = extract_text(text, "kh.txt").document
    assert (meta.issuer, meta.place, str(meta.issued_date)) == (
        "Ban Thường trực Ủy ban MTTQ Việt Nam xã Tân Lập", "Tân Lập", "2026-03-03",
    )


def test_a_letter_s_recipients_are_no_part_of_its_content_and_a_spaced_number_is_read():
    from pipeline.extract import extract_text

    letter = "\n\n".join(
        [
            "HUYỆN ỦY ĐÔNG SƠN\tĐẢNG CỘNG SẢN VIỆT NAM",
            "BAN DÂN VẬN\tĐông Sơn, ngày 4 tháng 3 năm 2027",
            "Số 52 - CV/BDVHU",
            "V/v tuyên truyền ngày hội đại đoàn kết",
            "Kính gửi:",
            "- Các chi bộ, đảng bộ cơ sở,",
            "- Ủy ban Mặt trận Tổ quốc và các đoàn thể huyện.",
            "Ban Dân vận Huyện ủy đề nghị các chi bộ, đảng bộ cơ sở tuyên truyền về ngày hội đại đoàn kết"
            " toàn dân tộc, báo cáo kết quả trước ngày 20/11/2027.",
        ]
    )
    result = extract_text(letter, "cv.txt")
    assert result.document.number == "52-CV/BDVHU"
    assert [t.text[:24] for t in result.tasks] == ["Ban Dân vận Huyện ủy đề "]
