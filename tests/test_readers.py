"""Readers: every supported format and encoding, on fixtures generated here."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest
from readers_fixtures import (
    corpus_text,
    encode_cp1258,
    encode_legacy,
    make_docx,
    make_footnoted_docx,
    make_layout_pdf,
    make_numbered_docx,
    make_pdf,
    make_scanned_pdf,
    vietnamese_font,
)

from pipeline.normalize import normalize
from pipeline.readers import detect_format, load_bytes, load_document
from pipeline.readers.legacy import (
    LEGACY_CHARMAPS,
    from_legacy,
    is_vietnamese_syllable,
    score_vietnamese,
    syllable_grammar,
    to_legacy,
)
from pipeline.readers.pdf import ocr_available

ORIGINAL = corpus_text("000_")
NFC = unicodedata.normalize("NFC", ORIGINAL)
FONT = vietnamese_font()
needs_font = pytest.mark.skipif(
    FONT is None, reason="no TTF with Vietnamese glyphs (apt-get install fonts-dejavu-core)"
)


# --- text encodings ------------------------------------------------------------------------------

ENCODED_COPIES = [
    ("utf-8", lambda t: t.encode("utf-8"), "utf-8"),
    ("utf-8 with BOM", lambda t: t.encode("utf-8-sig"), "utf-8"),
    ("utf-16 LE with BOM", lambda t: b"\xff\xfe" + t.encode("utf-16-le"), "utf-16-le"),
    ("utf-16 BE with BOM", lambda t: b"\xfe\xff" + t.encode("utf-16-be"), "utf-16-be"),
    ("utf-16 LE without BOM", lambda t: t.encode("utf-16-le"), "utf-16-le"),
    ("NFD (decomposed) utf-8", lambda t: unicodedata.normalize("NFD", t).encode("utf-8"), "utf-8"),
    ("windows-1258", encode_cp1258, "cp1258"),
    ("TCVN3 (ABC)", lambda t: encode_legacy(t, "tcvn3"), "tcvn3"),
    ("VNI", lambda t: encode_legacy(t, "vni"), "vni"),
    ("TCVN3 surface saved as utf-8", lambda t: to_legacy(t, "tcvn3").encode("utf-8"), "utf-8+tcvn3"),
]


@pytest.mark.parametrize(
    ("label", "encode", "expected_encoding"), ENCODED_COPIES, ids=[c[0] for c in ENCODED_COPIES]
)
def test_encoded_copy_of_corpus_decodes_to_original(tmp_path: Path, label, encode, expected_encoding):
    path = tmp_path / "directive.txt"
    path.write_bytes(encode(ORIGINAL))
    loaded = load_document(path)
    assert loaded.source_format == "txt"
    assert loaded.encoding == expected_encoding
    assert unicodedata.normalize("NFC", loaded.text) == NFC
    assert normalize(loaded.text).text == normalize(ORIGINAL).text


def test_format_is_detected_by_content_not_name(tmp_path: Path):
    # An HTML page saved as .txt, and a text file without an extension.
    (tmp_path / "page.txt").write_text("<!DOCTYPE html><html><body><p>Tỉnh ủy Bình Thuận</p></body></html>")
    (tmp_path / "noext").write_text("Tỉnh ủy Bình Thuận chỉ đạo")
    assert load_document(tmp_path / "page.txt").source_format == "html"
    assert load_document(tmp_path / "noext").source_format == "txt"


@pytest.mark.parametrize("prefix", ["000_", "001_", "002_", "004_"])
@pytest.mark.parametrize("encoding", sorted(LEGACY_CHARMAPS))
def test_legacy_detection_is_a_clear_scored_decision(prefix: str, encoding: str):
    """The right decoding reads as Vietnamese; the raw legacy surface does not."""
    text = corpus_text(prefix)
    surface = to_legacy(text, encoding)
    assert score_vietnamese(text).share > 0.95
    assert score_vietnamese(surface).share < 0.5
    assert score_vietnamese(from_legacy(surface, encoding)).share > 0.95


def test_vni_roundtrip_is_exact_on_every_corpus_file():
    for path in sorted(Path(__file__).resolve().parent.parent.glob("corpus/*.txt")):
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        assert from_legacy(to_legacy(text, "vni"), "vni") == text, path.name


@pytest.mark.parametrize(
    ("legacy", "encoding", "expected"),
    [
        ("TØNH ñY B×NH THUËN", "tcvn3", "TỈNH ỦY BÌNH THUẬN"),  # capitals restored in an all-caps line
        ("N¬i nhËn:\tT/L BAN TH¦êNG Vô", "tcvn3", "Nơi nhận:\tT/L BAN THƯỜNG VỤ"),  # per column
        ("TØnh ñy ban hµnh", "tcvn3", "Tỉnh ủy ban hành"),  # "ủy ban" here is not "Ủy ban"
        ("Tæ chøc c¬ së ®¶ng", "tcvn3", "Tổ chức cơ sở đảng"),
        ("nhµ n\xadíc", "tcvn3", "nhà nước"),
        ("Tænh uûy Bình Thuaän", "vni", "Tỉnh ủy Bình Thuận"),
        ("TÆNH UÛY", "vni", "TỈNH ỦY"),
        ("chöông trình haønh ñoäng", "vni", "chương trình hành động"),
        ("ñaúng", "vni", "đẳng"),  # ẳ: a combination viparse's VNI table lacks
    ],
)
def test_legacy_conversion_table(legacy: str, encoding: str, expected: str):
    assert from_legacy(legacy, encoding) == expected


def test_syllable_grammar_examples():
    grammar = syllable_grammar()
    assert grammar.examples_valid and grammar.examples_invalid
    for word in grammar.examples_valid:
        assert is_vietnamese_syllable(word), word
    for word in grammar.examples_invalid:
        assert not is_vietnamese_syllable(word), word


def test_mixed_utf8_and_cp1258_is_decoded_with_a_warning(tmp_path: Path):
    lines = ORIGINAL.split("\n")
    middle = len(lines) // 2
    data = (
        "\n".join(lines[:middle]).encode("utf-8")
        + b"\n"
        + encode_cp1258(lines[middle])
        + b"\n"
        + "\n".join(lines[middle + 1 :]).encode("utf-8")
    )
    assert lines[middle].strip(), "pick a non-empty line"
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    loaded = load_document(path)
    assert loaded.encoding == "utf-8"
    assert any("Windows-1258" in w and "mixes encodings" in w for w in loaded.warnings)
    assert unicodedata.normalize("NFC", loaded.text) == NFC


# --- docx ---------------------------------------------------------------------------------------


def test_docx_paragraphs_and_table_in_body_order(tmp_path: Path):
    path = make_docx(
        tmp_path / "d.docx",
        "CHỈ THỊ của Ban Thường vụ Tỉnh ủy",
        [
            ["TỈNH ỦY BÌNH THUẬN", "ĐẢNG CỘNG SẢN VIỆT NAM"],
            ["Số 15-CT/TU", "Phan Thiết, ngày 17 tháng 4 năm 2008"],
        ],
        "Các cấp ủy tổ chức quán triệt.",
    )
    loaded = load_document(path)
    assert loaded.source_format == "docx"
    lines = [line for line in loaded.text.split("\n") if line.strip()]
    assert lines == [
        "CHỈ THỊ của Ban Thường vụ Tỉnh ủy",
        "TỈNH ỦY BÌNH THUẬN\tĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 15-CT/TU\tPhan Thiết, ngày 17 tháng 4 năm 2008",
        "Các cấp ủy tổ chức quán triệt.",
    ]


def test_docx_named_txt_is_read_as_docx(tmp_path: Path):
    path = make_docx(tmp_path / "d.docx", "Nghị quyết", [["a", "b"]], "hết")
    renamed = tmp_path / "really-a-docx.txt"
    renamed.write_bytes(path.read_bytes())
    assert load_document(renamed).source_format == "docx"


# --- pdf ----------------------------------------------------------------------------------------


@needs_font
def test_pdf_text_layer_pages_joined_in_order(tmp_path: Path):
    pages = [
        "Tỉnh ủy Bình Thuận ban hành Chương trình hành động.",
        "Ban Tuyên giáo Tỉnh ủy hướng dẫn quán triệt.",
    ]
    path = make_pdf(tmp_path / "p.pdf", pages, FONT)
    loaded = load_document(path)
    assert loaded.source_format == "pdf"
    text = unicodedata.normalize("NFC", loaded.text)
    assert text.index("Chương trình hành động") < text.index("Ban Tuyên giáo Tỉnh ủy")
    assert not loaded.warnings


@needs_font
def test_pdf_layout_columns_become_tabs_and_wrapped_lines_join(tmp_path: Path):
    paragraph = (
        "Để nâng cao năng lực lãnh đạo và sức chiến đấu của tổ chức cơ sở đảng, trước hết phải nâng cao "
        "năng lực lãnh đạo và sức chiến đấu của cấp ủy; phát huy đúng mức vai trò, trách nhiệm của người "
        "đứng đầu cấp ủy theo Nghị quyết số 22-NQ/TW ngày 02/2/2008 của Ban Chấp hành Trung ương."
    )
    items = ["1. Ban Tuyên giáo Tỉnh ủy hướng dẫn quán triệt.", "2. Ban Tổ chức Tỉnh ủy rà soát quy hoạch."]
    path = make_layout_pdf(
        tmp_path / "l.pdf", FONT, "TỈNH ỦY BÌNH THUẬN", "ĐẢNG CỘNG SẢN VIỆT NAM", paragraph, items
    )
    lines = unicodedata.normalize("NFC", load_document(path).text).split("\n")
    assert lines[0] == "TỈNH ỦY BÌNH THUẬN\tĐẢNG CỘNG SẢN VIỆT NAM"
    assert paragraph in lines
    assert lines[-2:] == items  # the page number "1" at the foot is dropped


@needs_font
@pytest.mark.slow
@pytest.mark.skipif(
    not ocr_available(), reason="OCR not installed (tesseract-ocr tesseract-ocr-vie poppler-utils)"
)
def test_scanned_pdf_is_read_by_ocr(tmp_path: Path):
    path = make_scanned_pdf(
        tmp_path / "scan.pdf", "BAN CHẤP HÀNH ĐẢNG BỘ TỈNH\nNghị quyết về công tác cán bộ", FONT, tmp_path
    )
    loaded = load_document(path)
    assert any("OCR" in w for w in loaded.warnings)
    folded = unicodedata.normalize("NFC", loaded.text)
    assert "BAN CHẤP HÀNH ĐẢNG BỘ TỈNH" in folded
    assert "Nghị quyết về công tác cán bộ" in folded


# --- html ---------------------------------------------------------------------------------------

HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>Cổng thông tin</title>
<script>document.write("<p>quảng cáo</p>"); var x = "Tỉnh ủy giả";</script>
<style>p {{ color: red }}</style></head>
<body><nav><a href="/">Trang chủ</a> | Tin tức</nav><header>Báo Bình Thuận điện tử</header>
<div class="sidebar">Tin liên quan</div>
<article><h1>CHỈ THỊ</h1><p>Các cấp ủy tổ chức<br>quán triệt Nghị quyết số 22-NQ/TW.</p>
<table><tr><td>TỈNH ỦY BÌNH THUẬN</td><td>ĐẢNG CỘNG SẢN VIỆT NAM</td></tr></table>
<noscript>Bật JavaScript</noscript></article>
<aside>Bài đọc nhiều</aside><form><input name="q"></form><footer>Bản quyền 2024</footer></body></html>"""


@pytest.mark.parametrize(
    ("charset", "encode"),
    [
        ("utf-8", lambda s: s.encode("utf-8")),
        ("windows-1258", encode_cp1258),
        ("utf-16", lambda s: s.encode("utf-16")),
    ],
)
def test_html_main_text_without_scripts_and_chrome(tmp_path: Path, charset, encode):
    path = tmp_path / "page.html"
    path.write_bytes(encode(HTML_PAGE.format(charset=charset)))
    loaded = load_document(path)
    assert loaded.source_format == "html"
    text = unicodedata.normalize("NFC", loaded.text)
    assert "CHỈ THỊ\nCác cấp ủy" in text
    assert "Các cấp ủy tổ chức\nquán triệt Nghị quyết số 22-NQ/TW." in text
    assert "TỈNH ỦY BÌNH THUẬN\tĐẢNG CỘNG SẢN VIỆT NAM" in text
    for chrome in (
        "quảng cáo",
        "giả",
        "color",
        "Trang chủ",
        "điện tử",
        "Tin liên quan",
        "JavaScript",
        "Bài đọc",
        "Bản quyền",
    ):
        assert chrome not in text, chrome


def test_html_without_article_keeps_body_text():
    page = "<html><body><div><p>Đoạn một của chỉ thị.</p><p>Đoạn hai.</p></div><script>x()</script></body></html>"
    loaded = load_bytes(page.encode("utf-8"), "p.html")
    assert loaded.text == "Đoạn một của chỉ thị.\nĐoạn hai."


# --- sniffing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "doc"),
        (b"<!doctype html><p>x</p>", "html"),
        (b"\xef\xbb\xbf  <html><body>x</body></html>", "html"),
        ("Số 15-NQ/TU <ghi chú>".encode(), "txt"),
        (b"plain text with a < sign", "txt"),
    ],
)
def test_detect_format_by_magic(head: bytes, expected: str):
    assert detect_format(head) == expected


# --- doc ----------------------------------------------------------------------------------------

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


def _fake_converter(folder: Path, name: str, output: bytes) -> None:
    """A stand-in for antiword/catdoc that checks it got a readable file and prints `output`."""
    script = folder / name
    (folder / f"{name}.out").write_bytes(output)
    script.write_text(
        f"#!{sys.executable}\nimport os, sys\n"
        "if not os.path.getsize(sys.argv[-1]): sys.exit(3)\n"
        f"sys.stdout.buffer.write(open({str(folder / (name + '.out'))!r}, 'rb').read())\n"
    )
    script.chmod(0o755)


@pytest.mark.parametrize(
    ("tools", "output", "expected", "encoding"),
    [
        (["antiword"], "Tỉnh ủy Bình Thuận chỉ đạo".encode(), "Tỉnh ủy Bình Thuận chỉ đạo", None),
        (["catdoc"], "Nghị quyết số 22-NQ/TW".encode(), "Nghị quyết số 22-NQ/TW", None),
        # a .VnTime document: antiword prints the TCVN3 font's look-alike characters
        (
            ["antiword"],
            to_legacy("Tổ chức cơ sở đảng quán triệt nghị quyết", "tcvn3").encode(),
            "Tổ chức cơ sở đảng quán triệt nghị quyết",
            "tcvn3",
        ),
    ],
)
def test_doc_goes_through_antiword_or_catdoc(tmp_path: Path, monkeypatch, tools, output, expected, encoding):
    for tool in tools:
        _fake_converter(tmp_path, tool, output)
    monkeypatch.setenv("PATH", str(tmp_path))
    loaded = load_bytes(OLE_HEADER, "old.doc")
    assert loaded.source_format == "doc"
    assert loaded.text.strip() == expected
    assert loaded.encoding == encoding


@pytest.mark.parametrize("encoding", sorted(LEGACY_CHARMAPS))
def test_legacy_lines_pasted_into_unicode_text_are_converted_with_a_warning(encoding: str):
    lines = ORIGINAL.split("\n")
    long_lines = [i for i, line in enumerate(lines) if len(line) > 80]
    for i in long_lines[2:4]:
        lines[i] = to_legacy(lines[i], encoding)
    loaded = load_bytes("\n".join(lines).encode("utf-8"), "pasted.txt")
    assert loaded.encoding == "utf-8"
    assert unicodedata.normalize("NFC", loaded.text) == NFC
    assert any("2 line(s)" in w and "legacy font" in w for w in loaded.warnings)


def test_docx_runs_in_legacy_fonts_are_converted_by_font(tmp_path: Path):
    import docx

    document = docx.Document()
    heading = document.add_paragraph().add_run(to_legacy("tỉnh ủy bình thuận", "tcvn3"))
    heading.font.name = ".VnTimeH"  # a capitals font: typed in lower case, printed in capitals
    body = document.add_paragraph()
    body.add_run("Căn cứ ")  # Unicode run
    legacy_run = body.add_run(to_legacy("Nghị quyết của Ban Chấp hành Trung ương", "tcvn3"))
    legacy_run.font.name = ".VnTime"
    vni_run = document.add_paragraph().add_run(to_legacy("Chương trình hành động", "vni"))
    vni_run.font.name = "VNI-Times"
    path = tmp_path / "legacy.docx"
    document.save(str(path))
    loaded = load_document(path)
    lines = [line for line in unicodedata.normalize("NFC", loaded.text).split("\n") if line]
    assert lines == [
        "TỈNH ỦY BÌNH THUẬN",
        "Căn cứ Nghị quyết của Ban Chấp hành Trung ương",
        "Chương trình hành động",
    ]
    assert any("3 run(s)" in w for w in loaded.warnings)


def test_docx_style_font_applies_to_runs(tmp_path: Path):
    import docx

    document = docx.Document()
    document.styles["Normal"].font.name = "VNI-Times"
    document.add_paragraph(to_legacy("Ban Tổ chức Tỉnh ủy rà soát quy hoạch cán bộ", "vni"))
    path = tmp_path / "style.docx"
    document.save(str(path))
    text = unicodedata.normalize("NFC", load_document(path).text).strip()
    assert text == "Ban Tổ chức Tỉnh ủy rà soát quy hoạch cán bộ"


def test_legacy_font_names_from_data_examples():
    from pipeline.readers.legacy import _font_families, legacy_font

    families = _font_families()
    assert families
    for family in families:
        for example in family["examples"]:
            found = legacy_font(example["font"])
            assert found is not None, example
            assert (found.encoding, found.uppercase) == (example["encoding"], example["uppercase"])
    assert legacy_font("Times New Roman") is None
    assert legacy_font(None) is None


class _FakePage:
    """Just enough of a pdfplumber page: words with positions and font names."""

    def __init__(self, words: list[dict]):
        self._words = words

    def extract_words(self, **kwargs) -> list[dict]:
        assert kwargs.get("extra_attrs") == ["fontname"]
        return [dict(w) for w in self._words]


def _word(text: str, x0: float, top: float, font: str = "ABCDEF+TimesNewRoman") -> dict:
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + 6 * len(text),
        "top": top,
        "bottom": top + 10,
        "fontname": font,
    }


def test_pdf_words_in_legacy_fonts_are_converted_by_font():
    from pipeline.readers.pdf import page_text

    page = _FakePage(
        [
            _word(to_legacy("tỉnh", "tcvn3"), 10, 10, "ABCDEF+.VnTimeH"),
            _word(to_legacy("ủy", "tcvn3"), 50, 10, "ABCDEF+.VnTimeH"),
            _word("Nh\u00b5", 10, 30, "XYZABC+.VnTime"),
            _word("n\u2212íc", 40, 30, "XYZABC+.VnTime"),  # PDF text layers turn TCVN3 ư into a minus sign
            _word(to_legacy("Chương", "vni"), 80, 30, "VNI-Times"),
            _word("2\u22121", 130, 30),  # a real minus between digits in a Unicode font stays
        ]
    )
    assert page_text(page) == "TỈNH ỦY\nNhà nước Chương 2\u22121"


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        ("Các cấp ủy tổ chức\nquán triệt nghị quyết.", "Các cấp ủy tổ chức quán triệt nghị quyết."),
        (
            "Hoàn thành trong năm 2024.\nTiếp tục thực hiện.",
            "Hoàn thành trong năm 2024.\nTiếp tục thực hiện.",
        ),
        ("Nhiệm vụ:\na) rà soát", "Nhiệm vụ:\na) rà soát"),
        ("các ban đảng\n- phối hợp", "các ban đảng\n- phối hợp"),
        ("đoạn một\n\nđoạn hai", "đoạn một\n\nđoạn hai"),
    ],
)
def test_ocr_lines_wrapped_mid_sentence_are_joined(ocr: str, expected: str):
    from pipeline.readers.pdf import unwrap_plain_lines

    assert unwrap_plain_lines(ocr) == expected


@pytest.mark.parametrize(
    ("text", "unreadable"),
    [
        ("(cid:72)(cid:105)(cid:110) " * 20, True),  # glyphs without a Unicode map
        (NFC[:2000], False),
        ("The quick brown fox jumps over the lazy dog. " * 20, False),
        ("ÿþ ÆÇ ßð ÞØ ¤¥ ×÷ øù ¶· " * 10, True),  # letters that are no language at all
        (to_legacy(NFC[:2000], "tcvn3"), False),  # a legacy font is converted, not OCRed
    ],
)
def test_pdf_text_layer_unreadable_goes_to_ocr(text: str, unreadable: bool):
    from pipeline.readers.pdf import _unreadable

    assert _unreadable(text) is unreadable


def test_html_boilerplate_class_on_the_main_wrapper_is_kept():
    body = "".join(f"<p>Đoạn {i} của nghị quyết về công tác cán bộ.</p>" for i in range(20))
    page = f'<html><body><div class="main-menu-wrapper">{body}</div><div class="share">Chia sẻ</div></body></html>'
    text = load_bytes(page.encode("utf-8"), "p.html").text
    assert "Đoạn 19 của nghị quyết" in text
    assert "Chia sẻ" not in text


@pytest.mark.parametrize("declared", ["windows-1252", "iso-8859-1", None])
def test_tcvn3_html_page_is_converted_whatever_latin1_charset_it_declares(declared):
    meta = f'<meta charset="{declared}">' if declared else ""
    page = f"<html><head>{meta}</head><body><p>{to_legacy(NFC[:1500], 'tcvn3')}</p></body></html>"
    loaded = load_bytes(page.encode("cp1252", errors="replace"), "old-site.htm")
    assert loaded.source_format == "html"
    assert loaded.encoding.endswith("tcvn3")
    assert "Chương trình hành động".upper() in unicodedata.normalize("NFC", loaded.text)


def test_docx_word_numbering_becomes_typed_markers(tmp_path: Path):
    path = make_numbered_docx(
        tmp_path / "n.docx",
        [
            (0, "YÊU CẦU"),
            (0, "NHIỆM VỤ VÀ GIẢI PHÁP"),
            (1, "Công tác tuyên truyền"),
            (2, "Ban Tuyên giáo hướng dẫn."),
            (2, "Các cấp ủy quán triệt."),
            (1, "Công tác cán bộ"),
            (2, "Rà soát quy hoạch."),
            (0, "TỔ CHỨC THỰC HIỆN"),
        ],
        [("upperRoman", "%1-"), ("decimal", "%2."), ("lowerLetter", "%3)")],
    )
    lines = [line for line in load_document(path).text.split("\n") if line]
    assert lines == [
        "I- YÊU CẦU",
        "II- NHIỆM VỤ VÀ GIẢI PHÁP",
        "1. Công tác tuyên truyền",
        "a) Ban Tuyên giáo hướng dẫn.",
        "b) Các cấp ủy quán triệt.",
        "2. Công tác cán bộ",
        "a) Rà soát quy hoạch.",
        "III- TỔ CHỨC THỰC HIỆN",
    ]


def test_docx_list_number_style_is_numbered(tmp_path: Path):
    import docx

    document = docx.Document()
    document.add_paragraph("Nhiệm vụ:")
    document.add_paragraph("Ban Tổ chức rà soát.", style="List Number")
    document.add_paragraph("Ban Tuyên giáo hướng dẫn.", style="List Number")
    document.save(str(tmp_path / "s.docx"))
    lines = [line for line in load_document(tmp_path / "s.docx").text.split("\n") if line]
    assert lines == ["Nhiệm vụ:", "1. Ban Tổ chức rà soát.", "2. Ban Tuyên giáo hướng dẫn."]


def test_docx_footnotes_are_marked_and_listed_at_the_end(tmp_path: Path):
    path = make_footnoted_docx(
        tmp_path / "f.docx",
        "Chi ủy viên được bồi dưỡng theo quy định",
        " của Trung ương.",
        "Theo Quy định số 08-QĐi/TW ngày 25/10/2018 của Ban Chấp hành Trung ương.",
    )
    text = load_document(path).text
    assert text.split("\n\n") == [
        "Chi ủy viên được bồi dưỡng theo quy định¹ của Trung ương.",
        "¹ Theo Quy định số 08-QĐi/TW ngày 25/10/2018 của Ban Chấp hành Trung ương.",
    ]


def test_html_nbsp_runs_are_column_gaps():
    page = (
        "<html><body><p>TỈNH ỦY BÌNH THUẬN&nbsp;&nbsp;&nbsp;&nbsp; &nbsp;&nbsp;ĐẢNG CỘNG SẢN VIỆT NAM</p>"
        "<p>Các cấp&nbsp;ủy\n      quán   triệt.</p></body></html>"
    )
    assert load_bytes(page.encode("utf-8"), "p.html").text == (
        "TỈNH ỦY BÌNH THUẬN\tĐẢNG CỘNG SẢN VIỆT NAM\nCác cấp ủy quán triệt."
    )


VIETNAMESE_LETTERS = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"


@pytest.mark.parametrize("encoding", sorted(LEGACY_CHARMAPS))
def test_every_vietnamese_letter_round_trips(encoding: str):
    letters = VIETNAMESE_LETTERS + (VIETNAMESE_LETTERS.upper() if encoding == "vni" else "ĂÂÊÔƠƯĐ")
    for letter in letters:
        assert from_legacy(to_legacy(f"x{letter}x", encoding), encoding) == f"x{letter}x", letter


def test_vni_table_agrees_with_viparse_where_both_have_an_entry():
    from viparse.normalize.vni import VNI as VIPARSE_VNI

    ours = dict(LEGACY_CHARMAPS["vni"].pairs)
    disagreements = {
        legacy: (uni, ours.get(legacy)) for legacy, uni in VIPARSE_VNI.pairs if ours.get(legacy) != uni
    }
    # viparse adds i+mark spellings VNI never uses (ì/í are single bytes in VNI); nothing else differs.
    assert set(disagreements) <= {"iø", "iù", "IØ", "IÙ"}, disagreements
    assert "aú" in ours and ours["aú"] == "ẳ"  # the combination viparse lacks


def test_a_utf8_file_whose_letters_were_lost_before_saving_is_read_with_a_warning():
    text = (
        "ĐẢNG ỦY X\ufffd T\ufffdN LẬP\n\nKẾ HOẠCH\n\n1. Chi bộ c\ufffdc th\ufffdn r\ufffd so\ufffdt đảng vi\ufffdn, "
        "ho\ufffdn th\ufffdnh trước ng\ufffdy 30/3/2026.\n"
    ) * 3
    loaded = load_bytes(text.encode("utf-8"), "kh.txt")
    assert "\ufffd" in loaded.text and any("lost" in w for w in loaded.warnings)
    # bytes that are not UTF-8 are still judged by their decodings, not taken for lost letters
    with pytest.raises(Exception, match="rac.txt"):
        load_bytes(bytes(range(128, 256)) * 40, "rac.txt")
