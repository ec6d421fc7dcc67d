"""Layout repair of PDF text layers and OCR: furniture, glued and letter-spaced syllables, wraps.

Every fixture is written here; each case checks the normalized text and that spans still map
back to the right source characters.
"""

from __future__ import annotations

import re

import pytest
import yaml

from pipeline import layout
from pipeline.normalize import normalize
from pipeline.sections import parse_sections

WRAPPED = "\n".join(
    [
        "1. Ban Tuyên giáo và Dân vận chủ trì, phối hợp với các cơ quan liên quan tổ",
        "chức quán triệt, tuyên truyền sâu rộng nội dung Kế hoạch này đến toàn thể cán bộ,",
        "đảng viên và Nhân dân trên địa bàn xã; hoàn thành trước ngày 30 tháng 6 năm 2026.",
        "2. Văn phòng Đảng ủy theo dõi, đôn đốc việc thực hiện Kế hoạch, định kỳ hằng quý",
        "tổng hợp kết quả, báo cáo Ban Thường vụ Đảng ủy xã và đề xuất những vấn đề cần",
        "Ban Thường vụ cho ý kiến chỉ đạo kịp thời trong quá trình triển khai thực hiện.",
        "3. Các chi bộ trực thuộc căn cứ nội dung Kế hoạch xây dựng chương trình công tác",
        "cụ thể, phù hợp với tình hình thực tế của chi bộ và tổ chức thực hiện nghiêm túc.",
        "4. Ủy ban Kiểm tra Đảng ủy xã tham mưu kiểm tra, giám sát việc thực hiện Kế hoạch",
        "này đối với các tổ chức đảng và đảng viên; báo cáo kết quả về Ban Thường vụ.",
    ]
)


def test_hard_wrapped_lines_become_one_paragraph_per_item():
    norm = normalize(WRAPPED)
    lines = norm.text.split("\n")
    assert len(lines) == 4
    assert lines[0].startswith("1. Ban Tuyên giáo") and lines[0].endswith("30 tháng 6 năm 2026.")
    assert lines[1].endswith("triển khai thực hiện.")  # a full line ending "cần" then "Ban ..." joins
    assert len(norm.text) == len(WRAPPED)  # a break becomes a space: nothing moves


def test_short_lines_and_headings_are_not_joined():
    text = "II. NHIỆM VỤ\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n(đã ký)\nNguyễn Văn An\n" + WRAPPED
    norm = normalize(text)
    assert "(đã ký)\nNguyễn Văn An" in norm.text
    assert norm.text.startswith("II. NHIỆM VỤ\nT/M BAN THƯỜNG VỤ\n")


def test_word_processor_paragraphs_stay_apart():
    text = (
        "Ban Tổ chức Tỉnh ủy hướng dẫn các cấp ủy thực hiện việc rà soát quy hoạch cán bộ trong năm 2026\n"
        "Ủy ban Kiểm tra Tỉnh ủy chủ trì kiểm tra, giám sát việc thực hiện Nghị quyết ở các đảng bộ trực thuộc"
    )
    assert normalize(text).text == text  # not hard-wrapped: an upper-case line starts a new paragraph


def test_page_markers_and_running_headers_are_dropped_and_the_sentence_rejoined():
    body = WRAPPED.split("\n")
    text = "\n".join(
        [*body[:2], "", "===== Trang 2 =====", "12.KHDU.DOC 2", "", *body[2:6], "", "===== Trang 3 =====",
         "12.KHDU.DOC. 3", "", *body[6:]]
    )  # fmt: skip
    norm = normalize(text)
    assert "Trang" not in norm.text and "KHDU" not in norm.text
    first = norm.text.split("\n")[0]
    assert first.endswith("30 tháng 6 năm 2026.")
    start = norm.text.index("đảng viên và Nhân dân")
    s, e = norm.to_source_span(start, start + 20)
    assert norm.source[s:e] == "đảng viên và Nhân dâ"


@pytest.mark.parametrize(
    ("glued", "split"),
    [
        ("Ban Thường vụĐảng ủy", "Ban Thường vụ Đảng ủy"),
        ("các mục tiêu đềra", "các mục tiêu đề ra"),
        ("chỉtiêu nhiệm vụtrọng tâm", "chỉ tiêu nhiệm vụ trọng tâm"),
        ("Đại hội lần thứI", "Đại hội lần thứ I"),
        ("nhiệm kỳ2025-2030", "nhiệm kỳ 2025-2030"),
        ("Chỉ thịsố38-CT/TW", "Chỉ thị số 38-CT/TW"),
        ("hệthống kết cấu hạtầng", "hệ thống kết cấu hạ tầng"),
    ],
)
def test_glued_syllables_are_split(glued, split):
    assert normalize(glued).text == split


@pytest.mark.parametrize("word", ["VNeID", "km2", "QH14", "online", "iPhone", "COVID-19"])
def test_words_that_read_as_they_are_stay(word):
    assert normalize(f"dùng {word} trong công tác").text == f"dùng {word} trong công tác"


def test_letter_spaced_runs_are_closed_up():
    text = "chưa cao; t ì n h h ì n h a n n i n h , t r ậ t t ự n ô n g t h ô n còn phức tạp"
    assert normalize(text).text == "chưa cao; tình hình an ninh, trật tự nông thôn còn phức tạp"


def test_letter_spaced_heading_with_word_gaps():
    assert normalize("N G H Ị  Q U Y Ế T\nvề công tác").text.startswith("NGHỊ QUYẾT\n")


def test_ocr_roman_headings_are_renumbered():
    text = "\n".join(
        [
            "I- BỐI CẢNH, TÌNH HÌNH",
            "Tình hình chung.",
            "I- QUAN ĐIỂM, MỤC TIÊU",
            "Quan điểm chung.",
            "II- NHIỆM VỤ, GIẢI PHÁP",
            "1. Hoàn thiện thể chế về bảo vệ môi trường.",
            "HI- TỔ CHỨC THỰC HIỆN",
            "1. Các tỉnh ủy, thành ủy xây dựng kế hoạch thực hiện.",
        ]
    )
    paths = [s.path for s in parse_sections(normalize(text).text)]
    assert paths == ["I", "II", "III", "III.1", "IV", "IV.1"]


def test_a_gap_in_clean_numbering_is_kept():
    text = "I. MỤC ĐÍCH\nNội dung.\nII. NHIỆM VỤ\n1. Làm việc A.\nIV. TỔ CHỨC THỰC HIỆN\n1. Làm việc B."
    assert [s.path for s in parse_sections(text)] == ["I", "II", "II.1", "IV", "IV.1"]


def test_arabic_top_headings_are_not_read_as_roman():
    text = "I- NHIỆM VỤ\n1- KẾT QUẢ ĐẠT ĐƯỢC\nNội dung.\n2- HẠN CHẾ\nNội dung."
    assert [s.path for s in parse_sections(text)] == ["I", "I.1", "I.2"]


def test_layout_data_examples():
    data = layout.layout_rules()
    for entry in data["page_markers"]:
        rx = re.compile(entry["pattern"], re.IGNORECASE)
        for s in entry["examples"]["match"]:
            assert rx.fullmatch(s), (entry["pattern"], s)
        for s in entry["examples"]["no_match"]:
            assert not rx.fullmatch(s), (entry["pattern"], s)
    for entry in data["ocr_words"]:
        for phrase in entry["examples"]:
            fixed = normalize(phrase).text
            assert entry["right"] in fixed and entry["wrong"] not in fixed, (entry, fixed)


@pytest.mark.parametrize("example", layout.layout_rules()["ocr_keywords"]["examples"], ids=lambda e: e["wrong"][:30])
def test_key_words_printed_with_wrong_marks_are_read_as_the_words(example):
    n = normalize(example["wrong"])
    assert n.text == example["right"]
    assert len(n.text) == len(example["wrong"])  # one character for one: spans keep their offsets


def test_a_tables_fix_and_a_key_word_on_the_same_letters_do_not_collide():
    assert normalize("BẠN CHÁP HÀNH TRUNG ƯƠNG").text == "BAN CHẤP HÀNH TRUNG ƯƠNG"


def test_layout_yaml_has_only_known_keys():
    text = (layout.__file__.rsplit("/", 1)[0] + "/data/layout.yaml")
    with open(text, encoding="utf-8") as fh:
        assert set(yaml.safe_load(fh)) == {"page_markers", "running_header_similarity", "ocr_words", "ocr_keywords"}


def test_roman_numbering_restarts_in_every_part_and_the_opening_part_counts():
    text = "\n".join(
        [
            "Phần mở đầu",
            "I. SỰ CẦN THIẾT",
            "Nội dung.",
            "II. CĂN CỨ",
            "Nội dung.",
            "Phần thứ nhất",
            "I. KẾT QUẢ ĐẠT ĐƯỢC",
            "Nội dung.",
            "Phần thứ hai",
            "I. MỤC TIÊU",
            "Nội dung.",
            "II. NHIỆM VỤ CỤ THỂ",
            "1. Rà soát quy hoạch sử dụng đất.",
        ]
    )
    sections = parse_sections(normalize(text).text)
    assert [s.path for s in sections] == ["P0", "I", "II", "P1", "I", "P2", "I", "II", "II.1"]
    assert sections[-2].kind == "task"


def test_bare_page_numbers_a_page_apart_are_dropped_and_the_paragraph_rejoined():
    body = WRAPPED.split("\n")
    filler = [f"{n}. Nội dung thứ {n} của kế hoạch được trình bày đầy đủ tại đây." for n in range(5, 17)]
    text = "\n".join([*body[:2], "2", *body[2:], *filler, "3", *filler])
    norm = normalize(text).text
    assert "\n2\n" not in norm and "\n3\n" not in norm
    assert norm.split("\n")[0].endswith("30 tháng 6 năm 2026.")


def test_the_one_page_number_of_a_two_page_document_is_dropped_inside_a_sentence():
    text = "\n".join(
        [
            "2. Đảng ủy Ủy ban nhân dân xã lãnh đạo tổ chức đối thoại với nhân dân, tiếp nhận",
            "",
            "2",
            "",
            "và trả lời các kiến nghị trước ngày 30/9/2026.",
        ]
    )
    norm = normalize(text).text
    assert "\n2\n" not in norm and "tiếp nhận và trả lời" in " ".join(norm.split())


def test_letters_ocr_reads_for_digits_inside_a_date_are_read_as_digits():
    text = "Báo cáo trước ngày 3O/6/2026; sơ kết trong tháng l2/2026, tổng kết năm 2O27 tại Tổ 1O."
    norm = normalize(text)
    assert norm.text == "Báo cáo trước ngày 30/6/2026; sơ kết trong tháng 12/2026, tổng kết năm 2027 tại Tổ 1O."
    start = norm.text.index("30/6")
    assert norm.to_source_span(start, start + 4) == (text.index("3O/6"), text.index("3O/6") + 4)
    assert [normalize(q).text for q in ("Quý II/2026", "Quý lI/2026", "Quý 1/2026")] == ["Quý II/2026"] * 2 + ["Quý 1/2026"]


def test_a_table_numbering_column_is_not_a_page_number():
    rows = "\n".join(f"{n}\nNhiệm vụ số {n} của bảng phân công" for n in range(1, 6))
    assert "\n3\n" in normalize("PHỤ LỤC\n" + rows).text


def test_a_document_number_wrapped_at_its_hyphen_is_joined_without_a_space():
    lines = [
        "Ban Thường vụ Đảng ủy xã thống nhất với nội dung Tờ trình số 14/TTr-",
        "UBND ngày 03/02/2026 của Ủy ban nhân dân xã và Tờ trình số 27-",
        "TTr/VPĐU ngày 05/02/2026 của Văn phòng Đảng ủy về kế hoạch tổ chức các hoạt động",
        "mừng Đảng, mừng Xuân trên địa bàn xã; đề nghị các cơ quan liên quan triển khai.",
    ]
    text = "\n".join(lines + [line for line in WRAPPED.split("\n")])
    norm = normalize(text)
    assert "số 14/TTr-UBND ngày" in norm.text and "số 27-TTr/VPĐU ngày" in norm.text
    start = norm.text.index("TTr/VPĐU")
    s, e = norm.to_source_span(start, start + 8)
    assert text[s:e] == "TTr/VPĐU"


def _ocr_page(paragraphs: list[list[str]]) -> str:
    return "\n\n".join("\n".join(lines) for lines in paragraphs)


FULL = "Nâng cao chất lượng công tác quản lý nhà nước về đất đai, khoáng sản và tài"


def test_a_blank_separated_ocr_text_keeps_a_paragraph_whose_full_line_ends_a_sentence():
    # OCR output: paragraphs set apart by blank lines, lines cut at the page width. A full
    # line that happens to end a sentence does not end its paragraph.
    filler = [[FULL, "nguyên nước trên địa bàn các xã, phường trong toàn tỉnh trong năm 2026 nay."]] * 12
    paragraph = [
        "Hoàn thiện cơ chế phối hợp giữa các cơ quan trong quản lý chất thải rắn sinh",
        "hoạt, bảo đảm thống nhất từ tỉnh đến cơ sở, phân định rõ trách nhiệm từng cấp.",
        "Thiết lập hệ thống theo dõi nguồn thải tại các khu công nghiệp tập trung.",
    ]
    text = _ocr_page([*filler, paragraph, ["Nơi nhận:", "- Như trên."]])
    joined = normalize(text).text
    assert "từng cấp. Thiết lập hệ thống" in joined
    assert "Nơi nhận:\n" in joined


def test_a_text_without_blank_lines_still_ends_a_paragraph_at_a_sentence_end():
    lines = [FULL + " nguyên nước trên địa bàn.", "Thiết lập hệ thống theo dõi nguồn thải tại khu công nghiệp."] * 10
    joined = normalize("\n".join(lines)).text
    assert "địa bàn.\nThiết lập" in joined


def test_a_bullet_goes_on_past_a_full_line_that_ends_a_sentence_but_not_into_new_work():
    filler = [FULL, "nguyên nước, bảo đảm đúng quy định của pháp luật hiện hành về môi trường,"] * 6
    lines = [
        *filler,
        "- Các chi bộ, cơ quan căn cứ Kế hoạch này chủ động xây dựng kế hoạch cụ thể",
        "phù hợp với tình hình thực tế của cơ quan, đơn vị mình, gửi về Văn phòng.",
        "Hoàn thành trước ngày 15/4/2026. Định kỳ báo cáo kết quả thực hiện về Thường trực.",
        "- Người đứng đầu cơ quan, đơn vị chịu trách nhiệm về kết quả chuyển đổi số của",
        "đơn vị mình trước Ban Thường vụ Đảng ủy xã, định kỳ báo cáo theo quy định.",
        "Giao Văn phòng Đảng ủy theo dõi, tổng hợp kết quả thực hiện Kế hoạch này.",
    ]
    joined = normalize("\n".join(lines)).text
    assert "gửi về Văn phòng. Hoàn thành trước" in joined
    assert "theo quy định.\nGiao Văn phòng" in joined


def test_a_line_that_breaks_inside_a_phrase_goes_on_into_a_capitalised_line():
    text = normalize(
        "1. Rà soát quần chúng ưu tú, lập danh sách đối tượng kết nạp, gửi về Ban\n"
        "Xây dựng Đảng trước ngày 31/01/2026.\n\nChỉ đạo của\nTỉnh ủy"
    ).text
    assert "gửi về Ban Xây dựng Đảng trước" in text
    assert "Chỉ đạo của\nTỉnh ủy" in text  # a short line may be a table cell: kept


def test_in_a_short_text_whose_paragraphs_end_at_blank_lines_a_break_inside_a_sentence_is_a_wrap():
    paragraphs = [f"{i}. Chi bộ số {i} tổ chức sinh hoạt chuyên đề về công tác dân vận." for i in range(1, 12)]
    paragraphs[3] = "4. Rà soát danh sách đối tượng kết nạp, gửi về Ban Xây dựng\nĐảng trước ngày 15/6/2026."
    text = normalize("\n\n".join(paragraphs)).text
    assert "gửi về Ban Xây dựng Đảng trước ngày 15/6/2026." in text


def test_letters_a_wrong_decoding_lost_are_put_back_from_the_project_s_own_vocabulary():
    damaged = "Tân Lập, ng\ufffdy 5 th\ufffdng 3 năm 2026. Đề nghị Ủy ban nhân d\ufffdn x\ufffd chủ tr\ufffd, hoàn thành trước ng\ufffdy 30/3/2026."
    result = normalize(damaged)
    assert result.text == "Tân Lập, ngày 5 tháng 3 năm 2026. Đề nghị Ủy ban nhân dân xã chủ trì, hoàn thành trước ngày 30/3/2026."
    assert len(result.text) == len(damaged)  # one letter for one: spans still point at the source


def test_a_list_marker_alone_on_its_line_joins_its_text():
    result = normalize("I.\nMỤC ĐÍCH, YÊU CẦU\n\n1.\nChi bộ rà soát đảng viên.\n\n2)\nBáo cáo kết quả.\n")
    assert result.text == "I. MỤC ĐÍCH, YÊU CẦU\n\n1. Chi bộ rà soát đảng viên.\n\n2) Báo cáo kết quả."


def _word_page(paragraphs: list[str]) -> str:
    """A Word page saved as text: blank lines between paragraphs, lines cut every few words."""
    cut = []
    for paragraph in paragraphs:
        words, lines, sizes = paragraph.split(), [], [3, 8, 2, 9, 5]
        while words:
            size = sizes[len(lines) % len(sizes)]
            lines.append(" ".join(words[:size]))
            words = words[size:]
        cut.append("\n".join(lines))
    return "\n\n".join(cut)


RAGGED = _word_page(
    [
        "II. NỘI DUNG, TIẾN ĐỘ, PHÂN CÔNG TRÁCH NHIỆM THỰC HIỆN",
        *[
            f"{i}. Chi bộ thôn số {i} rà soát danh sách cử tri, báo cáo Ban Thường trực Ủy ban "
            "Mặt trận Tổ quốc xã trước ngày 15/12/2025 và lập biên bản hội nghị theo mẫu"
            for i in range(1, 9)
        ],
        "III. TỔ CHỨC THỰC HIỆN",
        "Văn phòng Đảng ủy theo dõi, đôn đốc việc thực hiện Kế hoạch này.",
    ]
)


def test_a_word_page_cut_anywhere_is_read_as_its_paragraphs():
    profile = layout.wrap_profile(RAGGED)
    assert profile.ragged
    text = normalize(RAGGED).text
    assert "báo cáo Ban Thường trực Ủy ban Mặt trận Tổ quốc xã trước ngày 15/12/2025" in text
    assert "III. TỔ CHỨC THỰC HIỆN\n" in text  # a heading in capitals goes on in capitals
    assert "HIỆN Văn phòng" not in text and "\n\nVăn phòng Đảng ủy theo dõi" in text


def test_an_ocr_page_of_full_lines_is_not_read_as_cut_anywhere():
    lines = ["Các chi bộ trực thuộc rà soát, bổ sung quy hoạch cán bộ, báo cáo kết quả về Ban"] * 40
    page = "\n\n".join("\n".join(lines[i : i + 4]) for i in range(0, 40, 4))
    assert not layout.wrap_profile(page).ragged


def test_a_document_number_wrapped_to_a_line_s_start_is_no_list_marker():
    from pipeline.lexicon import split_marker

    assert split_marker("27-CT/TW, ngày 3/2/2024 của Ban Bí thư") is None
    assert split_marker("03/BCĐBHĐND-MT). Người ứng cử nộp hồ sơ") is None
    assert split_marker("3/ Ban Tuyên giáo chủ trì") is not None
    assert split_marker("1-Tăng cường công tác") is not None


def test_lost_spaces_and_dashes_become_spaces_and_a_lone_letter_only_where_it_fits():
    fixed = layout.restore_lost_letters("Mặt trận Tổ quốc\ufffd \ufffdViệt Nam; \ufffd kiến của chi bộ; 2026 \ufffd 2031")
    assert fixed == "Mặt trận Tổ quốc   Việt Nam; ý kiến của chi bộ; 2026   2031"


def test_a_lost_letter_the_project_s_text_cannot_place_is_read_from_underthesea_s_word_list():
    fixed = layout.restore_lost_letters("Cán bộ giải th\ufffdch rõ, ghi ch\ufffdp đầy đủ, không để g\ufffdy rối.")
    assert fixed == "Cán bộ giải thích rõ, ghi chép đầy đủ, không để gây rối."


def test_a_photo_caption_shortcode_of_a_web_page_is_dropped():
    page = (
        "Sáng 2/6, Đảng ủy xã họp bàn về công tác dân vận.\n"
        '[caption id="attachment_12" align="alignnone" width="800"] Quang cảnh buổi họp[/caption]'
        "Theo đó, Hội Nông dân xã chủ trì vận động hội viên hiến đất làm đường."
    )
    text = normalize(page).text
    assert "caption" not in text and "Quang cảnh" not in text
    assert "\nTheo đó, Hội Nông dân xã chủ trì" in text


def test_a_full_stop_glued_to_the_next_sentence_gets_its_space():
    assert layout.glued_sentences("ở các khu dân cư.Trước mắt, các chi bộ") == [(17, 17, " ")]
    # abbreviations, web addresses and initials are left as printed
    assert layout.glued_sentences("TP.HCM, Tp.Huế, ThS.Lê, baoquangngai.vn, ông A.Hội") == []
