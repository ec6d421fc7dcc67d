import unicodedata
from pathlib import Path

import pytest

from pipeline.normalize import fold_diacritics, normalize, normalize_name, normalize_tone_marks

CORPUS = sorted(Path(__file__).parent.parent.joinpath("corpus").glob("*.txt"))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Tỉnh uỷ", "Tỉnh ủy"),
        ("khoá X", "khóa X"),
        ("cụ thể hoá", "cụ thể hóa"),
        ("UỶ BAN", "ỦY BAN"),
        ("Thuỷ lợi", "Thủy lợi"),
        ("khỏe", "khỏe"),
        ("22-NQ/TW", "22-NQ/TW"),
    ],
)
def test_tone_marks_go_on_the_first_vowel(raw, expected):
    assert normalize_tone_marks(raw) == expected
    assert len(normalize_tone_marks(raw)) == len(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ban Chấp hành Trung ương (*khóa X*) về", "Ban Chấp hành Trung ương (khóa X) về"),
        ("trình độ THPT **223/329 (67,78%)**, trong", "trình độ THPT 223/329 (67,78%), trong"),
        ("* Bullet item stays", "* Bullet item stays"),
        ("TỈNH ỦY BÌNH THUẬN          ĐẢNG CỘNG SẢN VIỆT NAM", "TỈNH ỦY BÌNH THUẬN\tĐẢNG CỘNG SẢN VIỆT NAM"),
        ("hành động  của Tỉnh ủy", "hành động của Tỉnh ủy"),
        ("a.\r\nb", "a.\nb"),
        ("x\n\n\n\n\ny", "x\n\ny"),
        ("ĐỀ ÁN\n\nthực hiện Nghị quyết", "ĐỀ ÁN\n\nthực hiện Nghị quyết"),
    ],
)
def test_normalize_cleans_layout(raw, expected):
    assert normalize(raw).text == expected


def test_page_break_inside_a_sentence_is_joined():
    long_line = "mỗi đảng viên tham gia đóng góp ý kiến trong sinh hoạt chi bộ ít nhất đạt 6 kỳ/năm. Sinh hoạt"
    assert normalize(long_line + "\n\nchuyên đề đảm bảo").text == long_line + " chuyên đề đảm bảo"


def test_footnote_that_cut_a_sentence_moves_to_the_end():
    first = "- Đến năm 2030: Hằng năm có trên 90% tổ chức cơ sở đảng; kết nạp đảng viên mới đảm bảo"
    text = first + "\n\n¹ Hiện nay, chi ủy viên có trình độ THPT.\n\nchỉ tiêu cấp trên giao."
    out = normalize(text).text
    assert out.startswith(first + " chỉ tiêu cấp trên giao.")
    assert out.endswith("¹ Hiện nay, chi ủy viên có trình độ THPT.")


def test_decomposed_input_becomes_nfc_and_maps_back():
    source = unicodedata.normalize("NFD", "Tỉnh uỷ Bình Thuận")
    n = normalize(source)
    assert n.text == "Tỉnh ủy Bình Thuận"
    start = n.text.index("Bình")
    s, e = n.to_source_span(start, start + len("Bình Thuận"))
    assert unicodedata.normalize("NFC", source[s:e]) == "Bình Thuận"


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_offsets_map_every_span_back_to_the_source(path):
    n = normalize(path.read_text(encoding="utf-8"))
    assert len(n.offsets) == len(n.text) + 1
    assert unicodedata.is_normalized("NFC", n.text)
    # Every word of the normalized text is found at its mapped place in the source (up to tone placement).
    for word_start in range(0, len(n.text) - 6, 97):
        word = n.text[word_start : word_start + 6]
        if "\n" in word or "\t" in word or " " in word:
            continue
        s, e = n.to_source_span(word_start, word_start + 6)
        assert normalize_tone_marks(unicodedata.normalize("NFC", n.source[s:e])) == word


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Đảng ủy Khối", "dang uy khoi"), ("Sinh hoạt", "sinh hoat"), ("ĐOÀN", "doan")],
)
def test_fold_diacritics_folds_d_too(raw, expected):
    assert fold_diacritics(raw) == expected


def test_normalize_name():
    assert normalize_name("  Ban Tổ chức   Tỉnh uỷ ") == "Ban Tổ chức Tỉnh ủy"


def test_an_eth_printed_for_d_is_read_as_d_and_keeps_offsets():
    source = "Ðảng ủy xã giao ðoàn viên"
    n = normalize(source)
    assert n.text == "Đảng ủy xã giao đoàn viên"
    assert len(n.text) == len(source) and list(n.offsets[:-1]) == list(range(len(source)))
