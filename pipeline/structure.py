"""Header and footer stage: where the body lies, and the document's own metadata.

A directive's header (issuing body, "Số 15-NQ/TU", "Phan Thiết, ngày 17 tháng 4
năm 2008", the type line "CHƯƠNG TRÌNH HÀNH ĐỘNG" and the trích yếu) and its
footer ("Nơi nhận:", "T/M TỈNH ỦY", signer's title and name) are often
flattened two-column layouts; the normalizer turns their wide gaps into "\\t",
so each line is read as cells.  Some documents have no header at all: then the
issuer comes from the signing formula and the opening sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .lexicon import (
    BYLINE,
    CAPITALISED_WORD,
    COMRADE_NAME,
    PERSON_NAME,
    UPPER_LETTERS,
    data_yaml,
    doc_type_alternation,
    doc_type_entries,
    split_marker,
)
from .model import DocumentMeta, Regions
from .normalize import fold_diacritics, normalize_name

# ---------------------------------------------------------------- knowledge


@dataclass(frozen=True)
class DocType:
    name: str
    headings: tuple[str, ...]
    codes: tuple[str, ...]
    examples: tuple[str, ...]


@lru_cache(maxsize=1)
def _header_data() -> dict:
    return data_yaml("header.yaml")


@lru_cache(maxsize=1)
def doc_types() -> tuple[DocType, ...]:
    """Document types of the contract, from pipeline/data/doc_types.yaml."""
    return tuple(
        DocType(
            name=normalize_name(d["name"]),
            headings=tuple(normalize_name(h).upper() for h in d["heading"]),
            codes=tuple(d["codes"]),
            examples=tuple(d["examples"]["header"]),
        )
        for d in doc_type_entries()
    )


def doc_type_for_heading(line: str) -> str | None:
    """'CHƯƠNG TRÌNH HÀNH ĐỘNG' -> 'Chương trình hành động' (whole line, any case). A line in
    capitals is also read through OCR damage to its marks and spacing ("K ÉT LUẬN")."""
    key = normalize_name(line).strip(" :.").upper()
    for dt in doc_types():
        if key in dt.headings:
            return dt.name
    letters = [c for c in key if c.isalpha()]
    if 4 <= len(letters) <= 30 and "".join(letters) == "".join(c for c in line if c.isalpha()):
        return _folded_headings().get(fold_diacritics("".join(letters)))
    return None


@lru_cache(maxsize=1)
def _folded_headings() -> dict[str, str]:
    """Each heading without marks or spaces ("KETLUAN") → its type, where that key is unique."""
    seen: dict[str, set[str]] = {}
    for dt in doc_types():
        for heading in dt.headings:
            seen.setdefault(fold_diacritics(heading.replace(" ", "")), set()).add(dt.name)
    return {key: names.pop() for key, names in seen.items() if len(names) == 1}


def doc_type_for_number(number: str) -> str | None:
    """'22-NQ/TW' -> 'Nghị quyết', from the type code of the symbol."""
    m = re.match(r"^\d*-?([^\W\d_]+)(?:/|-)", number) or re.search(r"/([^\W\d_]+)-", number)
    if not m:
        return None
    code = m.group(1)
    for dt in doc_types():
        if code in dt.codes:
            return dt.name
    for dt in doc_types():
        if code.upper() in (c.upper() for c in dt.codes):
            return dt.name
    return None


@lru_cache(maxsize=1)
def _casing() -> tuple[tuple[str, str], ...]:
    pairs = [(normalize_name(a).upper(), normalize_name(b)) for a, b in _header_data()["organ_casing"]]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def title_case_organ(upper: str) -> str:
    """'TỈNH ỦY BÌNH THUẬN' -> 'Tỉnh ủy Bình Thuận': organ words as in running text, names in Title Case."""
    text = normalize_name(upper)
    if text != text.upper():
        return text
    out: list[str] = []
    rest = text
    while rest:
        for up, cased in _casing():
            if rest.startswith(up) and (len(rest) == len(up) or not rest[len(up)].isalnum()):
                out.append(cased)
                rest = rest[len(up) :].lstrip()
                break
        else:
            word, _, rest = rest.partition(" ")
            out.append(word[:1] + word[1:].lower())
    result = " ".join(out)
    return result[:1].upper() + result[1:]


def issuer_level(issuer: str | None) -> str | None:
    if not issuer:
        return None
    for words, level in _header_data()["levels"]:
        if any(w in issuer for w in words):
            return level
    return None


# ---------------------------------------------------------------- patterns

_NUMBER_LINE = re.compile(r"(?:^|\t)\s*Số\s*:?\s*(?P<num>[^\s\t]*(?:[ \t]+[-–][ \t]+[^\s\t]+)?)", re.MULTILINE)  # "Số 369 - CV/BTGTU"
_SYMBOL = re.compile(r"^\d+[a-zA-Z]?(?:/\d{4})?[-/][^\W_][\w\-/.]*$")
_PLACE_DATE = re.compile(  # the place may start on the line before ("Lương" / "Minh, ngày …": a Word cell's wrap)
    rf"(?:(?P<place>(?:(?-i:[{UPPER_LETTERS}])[^\W\d_]*[ \t]*\n)?[^\t\n,]{{2,40}}),\s*)?"
    r"ngày\s+(?:(?P<d>\d{1,2})\s*)?(?:tháng\s*(?P<m>\d{1,2})?\s*năm\s*(?P<y>\d{4})"
    r"|[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4}))",
    re.IGNORECASE,
)
# A digital-signature stamp: "ĐẢNG ỦY XÃ TÂN PHÚ 04-09-2025 09:12:40 +07:00".
_SIGNATURE_STAMP = re.compile(
    r"(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})[ \t]+\d{1,2}:\d{2}(?::\d{2})?[ \t]*[+-]\d{2}:?\d{2}"
)
_SEPARATOR = re.compile(r"^\s*(?!\.{3}\s*$)[-–—_=*.]{3,}\s*$")  # (not "...": an article's omitted part)
_SECTION_START = re.compile(
    rf"^(?!{BYLINE}\s*$)"  # ("V.THÀNH" under a news page)
    r"(?:Phần\s+(?:thứ\s+)?(?:nhất|một|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mở\s+đầu|[IVX]{1,4}|\d{1,2})(?!\w)|[IVXL]+\s*(?:[-.)]|/(?![vV]\s))|\d+\s*[-.)/](?!\d{1,2}[-/.]\d{2,4}(?!\d))|[A-Z]\s*[-.)/]\s)",
    re.IGNORECASE,  # (not a date: "20/12/2024" under a news page; not "Phần mềm …": a part is numbered)
)
_SIGNING = re.compile(r"^(?P<formula>T/M|TM\.?|T/L|TL\.?|K/T|KT\.?|Q\.|TUQ\.?|THỪA LỆNH|THAY MẶT)\s+(?P<body>.+)$")
_RECIPIENTS = re.compile(r"^\s*Nơi\s+nhận\s*:?", re.IGNORECASE | re.MULTILINE)
_NOTE = re.compile(r"^\(.*\)$")
_SIGNED = re.compile(r"\s*\((?:đã\s+ký|ký)[^)]*\)\s*", re.IGNORECASE)
_UPPER_LINE = re.compile(r"^[^a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+$")


def _is_person_name(cell: str) -> bool:
    """'Huỳnh Văn Tí': 2-6 capitalized words, not all upper case, no digits."""
    words = cell.split()
    return (
        2 <= len(words) <= 6
        and all(w[0].isupper() and w.isalpha() for w in words)
        and not cell.isupper()
    )

_FOOTNOTE = re.compile(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]")
_PARTY_MOTTO = re.compile(r"ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI|Độc lập", re.IGNORECASE)  # old tone placement too


def text_lines(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
    """Yield (line_start, line_end, line) for text[start:end]."""
    end = len(text) if end is None else end
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        yield pos, stop, text[pos:stop]
        pos = stop + 1


# ---------------------------------------------------------------- regions


def _type_line(text: str, limit: int) -> tuple[int, int, str] | None:
    for s, e, line in text_lines(text, 0, limit):
        for cell in line.split("\t"):
            name = doc_type_for_heading(cell)
            if name:
                return s, e, name
    return None


_APPENDIX_TITLE = re.compile(r"^[ \t]*PHỤ[ \t]+LỤC\b", re.MULTILINE)


def _footer_start(text: str) -> int:
    """Offset where the footer begins: 'Nơi nhận' or the signing formula, in the last part of
    the document proper (an appendix after the signature does not count)."""
    quarter = len(text) // 4
    appendix = _APPENDIX_TITLE.search(text, quarter)
    floor = int((appendix.start() if appendix else len(text)) * 0.5)
    candidates = [m.start() for m in _RECIPIENTS.finditer(text) if m.start() >= floor]
    for s, _e, line in text_lines(text, floor):
        first = line.split("\t")[0].strip()
        if _SIGNING.match(first) or any(_SIGNING.match(c.strip()) for c in line.split("\t")[1:]):
            candidates.append(s)
            break
    # Footnotes moved to the end by the normalizer are not body either, nor a law's article that a
    # republished text appends ("Điều 2, Nghị định 178/2024/NĐ-CP ... quy định đối tượng").
    m = re.search(r"\n\n[¹²³⁴⁵⁶⁷⁸⁹⁰]", text[floor:])
    if m:
        candidates.append(floor + m.start())
    quoted = _QUOTED_ARTICLE.search(text, quarter)
    if quoted:
        candidates.append(quoted.start())
    return min(candidates) if candidates else len(text)


_QUOTED_ARTICLE = re.compile(
    r"^[ \t]*Điều[ \t]+\d+[ \t]*[,.:]?[ \t]*(?:của[ \t]+)?(?:Nghị[ \t]+định|Luật|Thông[ \t]+tư|Quyết[ \t]+định|Bộ[ \t]+luật)"
    r"[ \t]+(?:số[ \t]+)?\d",
    re.MULTILINE,
)


def find_regions(text: str) -> Regions:
    """Split normalized text into header, body and footer."""
    body_end = _footer_start(text)
    head_limit = min(body_end, 3000)
    type_line = _type_line(text, head_limit)
    body_start = 0
    if type_line:
        _s, e, _name = type_line
        pos = e
        # The trích yếu: the paragraph(s) after the type line, up to a separator or the body.
        taken = 0
        lines = list(text_lines(text, e, head_limit))
        for i, (_s2, e2, line) in enumerate(lines):
            if _SEPARATOR.match(line):
                pos = e2
                break
            if not line.strip():
                continue
            if _is_title_line(line) and (
                taken == 0 or _continues_title(line) or _continues_a_name(lines, i) or _closed_by_separator(lines, i)
            ):
                pos = e2
                taken += 0 if re.match(r"^CỦA\s", line.strip()) else 1
                continue
            break
        body_start = pos
    else:
        # No type line: the header ends at a separator line or the first section marker.
        for s2, e2, line in text_lines(text, 0, head_limit):
            if _SEPARATOR.match(line):
                body_start = e2
                break
            if _SECTION_START.match(line):
                body_start = s2
                break
    body_start = _after_recipients(text, body_start, min(body_end, body_start + 1500)) or body_start
    while body_start < body_end and text[body_start] == "\n":
        body_start += 1
    return Regions(header_end=body_start, body_start=body_start, body_end=body_end)


_ADDRESSED_TO = re.compile(r"^\s*Kính\s+gửi\s*:", re.IGNORECASE)
_RECIPIENT_LINE = re.compile(r"^\s*(?:[-–+•]\s*)?[^.\n]{2,240}?[,;.]?\s*$")


def _after_recipients(text: str, start: int, limit: int) -> int:
    """End of a letter's "Kính gửi:" block (the line and the recipients listed under it) when it
    opens the body: whom the letter is sent to is no part of its content (0 if there is none)."""
    lines = [ln for ln in text_lines(text, start, limit) if ln[2].strip()]
    opening = next((i for i, ln in enumerate(lines[:14]) if _ADDRESSED_TO.match(ln[2])), None)
    if opening is None:
        return 0
    _s, end, first = lines[opening]
    inline = _ADDRESSED_TO.match(first).end() < len(first.rstrip())  # "Kính gửi: Các chi bộ trực thuộc."
    for _s, e, line in lines[opening + 1 :]:
        listed = line.lstrip()[:1] in "-–+•"
        if not (_RECIPIENT_LINE.match(line) and (listed or not inline and not line.rstrip().endswith("."))):
            break
        end = e
        if line.rstrip().endswith("."):
            break  # the last recipient
    return end


def _closed_by_separator(lines: list[tuple[int, int, str]], i: int) -> bool:
    """Short unpunctuated lines that a separator ("-----", "---") closes within three lines are
    the trích yếu however they begin ("… ngày 22/12/2024" / "Bộ Chính trị về đột phá …")."""
    for _s, _e, line in lines[i : i + 4]:
        stripped = line.strip()
        if _SEPARATOR.match(stripped):
            return True
        if len(stripped) > 120 or stripped.endswith((".", ":", ";")):
            return False
    return False


def _continues_title(line: str) -> bool:
    """After the first title line, only upper-case lines or lowercase continuations ("về ...",
    "tại buổi làm việc ...") belong to the trích yếu; a capitalized sentence opens the body."""
    stripped = line.strip()
    if re.match(r"(?:Về|V/v)\s", stripped):  # "Về một số nội dung cuộc họp ngày 28/10/2025"
        return True
    return stripped.upper() == stripped or stripped[:1].islower() or stripped.startswith("(")


# words that open a directive's first paragraph, never a wrapped piece of its title
_OPENING_WORDS = re.compile(
    r"(?:Để|Thực\s+hiện|Căn\s+cứ|Nhằm|Trong|Thời\s+gian|Ngày|Những|Sau|Qua|Năm|Trên\s+cơ\s+sở|Quán\s+triệt|"
    r"Triển\s+khai|Ban\s+Thường\s+vụ|Thường\s+trực|Bộ\s+Chính\s+trị|Ban\s+Bí\s+thư|Tiếp\s+tục|Vừa\s+qua|Hiện\s+nay)(?!\w)"
)


def _continues_a_name(lines: list[tuple[int, int, str]], i: int) -> bool:
    """ "… kỷ niệm 96 năm Ngày thành lập Đảng" / "Cộng sản Việt Nam (03/02/1930 - 03/02/2026)": a
    capitalised line right under a title line that breaks off inside a proper name goes on with
    it, unless it reads as the opening of the body."""
    previous = lines[i - 1][2].strip() if i else ""
    line = lines[i][2].strip()
    last_word = previous.split()[-1] if previous else ""
    return (
        last_word[:1].isupper()
        and not previous.endswith((".", ":", ";", ","))
        and len(line) <= 100
        and not line.endswith((".", ":", ";"))
        and not _OPENING_WORDS.match(line)
    )


def _is_title_line(line: str) -> bool:
    """A line of the trích yếu block (not an opening paragraph or a section heading)."""
    stripped = line.strip()
    if _SECTION_START.match(stripped) or _SEPARATOR.match(stripped):
        return False
    if stripped.endswith(":") or len(stripped) > 400:
        return False
    return not re.match(r"^(Căn cứ|Ngày \d|Thực hiện .{0,300}, (Ban|Đảng|Tỉnh|Huyện|Thị|Thành))", stripped)


# ---------------------------------------------------------------- metadata


def _parse_date(d: str, m: str, y: str) -> date | None:
    if not 1930 <= int(y) <= 2100:  # the Party's documents; anything else is a misread
        return None
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def _title(text: str, regions: Regions, type_end: int) -> str | None:
    parts: list[str] = []
    for _s, _e, line in text_lines(text, type_end, regions.body_start):
        stripped = line.strip()
        if not stripped or _SEPARATOR.match(stripped) or re.match(r"^\(?Dự thảo\)?$", stripped, re.I):
            continue
        if re.match(r"^C[ỦU]A\s", stripped):  # "CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH (KHÓA XI)": issuer, not title
            continue
        parts.append(stripped.replace("\t", " "))
    title = _BLANK_DATE.sub("", " ".join(parts)).strip()
    return title or None


# ", ngày _" / "ngày   tháng   năm 2026": a date left blank in a title (printed before signing)
_BLANK_DATE = re.compile(r",?\s*ngày(?:\s*[_.…]+|\s+tháng\s+năm(?:\s+\d{4})?)(?=\s|$)", re.IGNORECASE)


def _header_issuer(text: str, regions: Regions) -> str | None:
    """The issuing body printed top-left ('TỈNH ỦY BÌNH THUẬN'), possibly over two lines."""
    cells: list[str] = []
    stamped = False  # a digital-signature stamp printed over the header, then a blank line: done
    for _s, _e, line in text_lines(text, 0, min(regions.header_end, 800)):
        first = line.split("\t")[0].strip()
        if not first:
            if cells and stamped:
                break
            continue  # an OCR pass leaves blank lines between the header's lines
        if first == "*":
            if cells:
                break
            continue
        if _PARTY_MOTTO.search(first) or first.startswith("Số") or doc_type_for_heading(first):
            if cells:
                break
            continue
        first = _SIGNATURE_STAMP.sub("", first).strip(" .").lstrip("/|\\ ")  # a stray mark a conversion left
        if not first:
            stamped = True
            continue  # a digital-signature stamp printed over the header
        if _UPPER_LINE.match(first) and len(first) < 80:
            if not cells or fold_key(cells[-1]) != fold_key(first):  # the stamp repeats the issuer
                cells.append(first)
        else:
            break
    if not cells:
        return None
    return _issuer_from_cells(cells)


def fold_key(name: str) -> str:
    """Compare two printings of a name: case, accents and punctuation aside."""
    return re.sub(r"\W+", " ", fold_diacritics(name)).strip()


_COMMITTEE = re.compile(r"\b(?:Tỉnh ủy|Thành ủy|Huyện ủy|Thị ủy|Quận ủy|Đảng ủy|Đảng đoàn|Ban cán sự đảng|Chi bộ|Trung ương|Bộ Chính trị)\b")
_FRONT = re.compile(r"Ủy ban (?:MTTQ|Mặt trận Tổ quốc|nhân dân)\b")
_DEPARTMENT = re.compile(r"^(?:Ban|Văn phòng|Ủy ban Kiểm tra|Thường trực|Đảng đoàn|Ban cán sự)\b")


def _issuer_from_cells(cells: list[str]) -> str:
    """Combine a stacked issuer block: the lowest line issues, the line above is its parent.

    "Đảng bộ tỉnh Bình Thuận / Huyện ủy Tánh Linh" -> "Huyện ủy Tánh Linh";
    "Tỉnh ủy Bình Thuận / Ban Tổ chức" -> "Ban Tổ chức Tỉnh ủy Bình Thuận";
    "Đảng ủy Khối các cơ quan / tỉnh Bình Thuận" -> one name split over two lines.
    """
    if len(cells) == 1:
        return title_case_organ(cells[0])
    parent, last = title_case_organ(cells[-2]), title_case_organ(cells[-1])
    if _DEPARTMENT.match(last) and not _COMMITTEE.search(last):
        if _COMMITTEE.search(parent):
            return f"{last} {parent}"
        above = title_case_organ(" ".join(cells[:-1]))  # "ỦY BAN MTTQ / VIỆT NAM / XÃ LƯƠNG / MINH": one name over lines
        return f"{last} {above}" if _COMMITTEE.search(above) or _FRONT.match(above) else last
    if _COMMITTEE.search(last) or _DEPARTMENT.match(last):
        return last
    return title_case_organ(f"{cells[-2]} {cells[-1]}")


_ORGAN_BASE = r"(?:Tỉnh ủy|Thành ủy|Huyện ủy|Thị ủy|Quận ủy|Đảng ủy(?: Khối)?|Chi bộ)"


def _body_issuer(text: str, regions: Regions, on_behalf_of: str | None) -> str | None:
    """Issuer for a document without a header: the opening sentence or the signing formula."""
    body = text[regions.body_start : regions.body_end]
    base = None
    m = re.search(
        r"(?:Ban Thường vụ|Ban Chấp hành|Thường trực)\s+(?P<organ>" + _ORGAN_BASE + r")"
        r"(?P<rest>(?: [^\s,.;:]+){0,4}?)\s+(?:xây dựng|ban hành|đề ra|thông báo)",
        body[:3000],
    )
    if m:
        base = m.group("organ")
    elif on_behalf_of:
        base = title_case_organ(on_behalf_of)
    if not base:
        return None
    # Prefer the longest qualified form of that organ the text uses ("Đảng ủy Khối các cơ quan tỉnh").
    qualifier = r"(?: (?:các|cơ|quan|tỉnh|thành|phố|huyện|thị|xã|doanh|nghiệp|Khối|[A-ZĐ][\wÀ-ỹ]*)){0,5}"
    best = base
    for cand in re.finditer(re.escape(base) + qualifier, text[regions.body_start :]):
        form = cand.group(0).rstrip()
        form = re.sub(r"\s+(?:các|cơ|quan|thành|phố|huyện|thị|doanh)$", "", form)
        if len(form) > len(best) and not form.endswith(" các") and not _person_after(form[len(base) :]):
            best = form
    return _without_signer(best)


def _person_after(qualifier: str) -> bool:
    """ "Tỉnh ủy" + " Lại Thế Nguyên" (an office-holder's name after the title), not a place."""
    from .bodies import place_after  # bodies never imports structure: no cycle

    words = qualifier.split()
    return bool(words) and words[0][:1].isupper() and words[0] != "Khối" and not place_after(qualifier)


_PARTY_BODY = re.compile(r"(?:ủy|Bộ Chính trị|Ban Bí thư|Ban Chấp hành)(?:\s|$)|ủy\s+\S+$|ủy$")
_HOLDS = r"(?:tổ\s+chức|chủ\s+trì)\s+(?:hội\s+nghị|cuộc\s+họp)"  # a body holds a meeting
# what a Party body does in a report of its meeting or its orders
_REPORTED_ACT = re.compile(  # after the office-holder's name, if printed ("Thường trực Ban Bí thư Trần Văn A nêu rõ",
    # "Bí thư Huyện ủy Yên Thành Lê Văn Hòa đề nghị": a district's name, then the person's)
    rf"\s*(?:{CAPITALISED_WORD}(?:\s+{CAPITALISED_WORD}){{1,4}}\s*,?\s*)?"
    r"(?:\([^)]{0,30}\)\s*)?(?:,\s*nhiệm\s+kỳ\s+\d{4}\s*[-–]\s*\d{4}\s*,?\s*)?(?:,\s*(?=(?-i:[a-zđà-ỹ])))?(?:cũng\s+|đã\s+|vừa\s+)?(?:yêu\s+cầu|đề\s+nghị|kết\s+luận|chỉ\s+đạo|giao|"
    rf"biểu\s+dương|đánh\s+giá\s+cao|nhấn\s+mạnh|nêu\s+rõ|(?:dự\s+)?và\s+chỉ\s+đạo|họp|{_HOLDS}"
    r"|(?:tới|đến)\s+thăm|thăm\s+và\s+làm\s+việc|làm\s+việc\s+với"
    r"|quyết\s+định\s+thành\s+lập)(?!\w)",
    re.IGNORECASE,
)
_MEETING_OF = re.compile(r"(?i:hội\s+nghị)\s+(?:(?i:lần\s+thứ)\s+\S+\s+)?$")


def _reported_issuer(text: str) -> str | None:
    """Whose directives a news report gives, when it names no document: the Party body whose
    meeting it is ("Hội nghị Thành ủy lần thứ 19") or that acts in it ("Ban Thường vụ Tỉnh ủy
    yêu cầu …", "Đảng ủy phường … tổ chức hội nghị …"), the first one the report names."""
    from .bodies import find_bodies  # bodies never imports structure: no cycle

    head = text[: _first_item_start(text, min(len(text), 1500))]
    bodies = find_bodies(head)
    for b in bodies:
        if not _PARTY_BODY.search(b.name):
            continue
        end = _named_place_end(head, b)
        if _REPORTED_ACT.match(head, end) or _MEETING_OF.search(head, max(0, b.start - 30), b.start):
            return _with_printed_place(head[b.start : end], b.name)
    # no Party body acts: the body that holds the meeting ("Bộ Chỉ huy Quân sự tỉnh chủ trì hội nghị …")
    # or gives its views below ("Ủy ban nhân dân huyện có ý kiến như sau:", a letter's formula)
    for b in bodies:
        if _HOLDS_MEETING.match(head, b.end):
            return _with_printed_place(head[b.start : b.end], b.name)
        if views := _GIVES_VIEWS.match(head, b.end):
            place = " ".join(views.group("place").split())
            return f"{b.name} {place}" if place else b.name
    return None


_GIVES_VIEWS = re.compile(rf"(?P<place>(?:[ \t]+{CAPITALISED_WORD})*)\s*(?:có|cho)\s+ý\s+kiến(?:\s+chỉ\s+đạo)?\s+(?:như\s+sau|cụ\s+thể)\s*:", re.IGNORECASE)


_PLACE_TAIL = re.compile(rf"(?:\s+(?i:thành\s+phố|tỉnh))?(?:\s+[{UPPER_LETTERS}][\w.]*)+$")


def _with_printed_place(printed: str, name: str) -> str:
    """ "Ủy ban Kiểm tra Thành ủy TPHCM" for a body printed with its place: the report's issuer is
    that committee, not any committee of its kind."""
    tail = _PLACE_TAIL.search(" ".join(printed.split()))
    if not tail or name.endswith(tail.group(0)) or not name.split()[-1].islower():
        return name
    place = tail.group(0)
    kind = place.split()[0]
    if kind.lower() == name.split()[-1].lower():  # "Đảng ủy Quân sự tỉnh" + " tỉnh Thái Nguyên"
        place = place[place.index(kind) + len(kind) :]
    return name + place


_LOCAL_COMMITTEE = re.compile(r"(?:Tỉnh|Thành|Huyện|Thị|Quận) ủy$|Đảng ủy (?:xã|phường|thị trấn|đặc khu)$")


def _issuer_in_full(text: str, issuer: str) -> str:
    """A report's issuer named without its place ("Ban Thường vụ Huyện ủy") takes the one place the
    text prints after that committee elsewhere ("… Bí thư Huyện ủy Tuy Phong …"); none, or several: as it is."""
    committee = _LOCAL_COMMITTEE.search(issuer)
    if committee is None:
        return issuer
    head = re.compile(r"\s+".join(map(re.escape, committee.group(0).split())), re.IGNORECASE)
    places = {
        " ".join(_place_words(run.group(0)))
        for m in head.finditer(text)
        if (run := _CAPITALISED_RUN.match(text, m.end()))
    } - {""}
    # a headline in title case ("Huyện ủy Chỉ đạo …"): its first word is a common word printed small elsewhere
    places = {p for p in places if not re.search(rf"(?<!\w){re.escape(p.split()[0].lower())}(?!\w)", text)}
    return f"{issuer} {places.pop()}" if len(places) == 1 else issuer


_CAPITALISED_RUN = re.compile(rf"(?:[ \t]+{CAPITALISED_WORD}){{1,6}}")


def _place_words(run: str) -> list[str]:
    from .bodies import place_name_words  # bodies never imports structure: no cycle

    return place_name_words(run)


def _named_place_end(text: str, body) -> int:
    """Where a territorial committee's own name ends ("Huyện ủy Phú Ninh"): past the capitalised
    words after it, short of a person's name ("Huyện ủy Phú Ninh Nguyễn Văn A")."""
    run = _CAPITALISED_RUN.match(text, body.end) if body.name.endswith(("ủy", "Ủy")) else None
    if run is None:
        return body.end
    words = len(_place_words(run.group(0)))
    ends = [m.end() for m in re.finditer(r"\S+", run.group(0))]
    return body.end + ends[words - 1] if words else body.end


def _first_item_start(text: str, limit: int) -> int:
    """Where the first numbered item begins (or `limit`): a meeting an item names ("1. Tuyên truyền
    kết quả Hội nghị lần thứ tư Ban Chấp hành Trung ương …") is content, not the report's own."""
    for start, _end, line in text_lines(text, 0, limit):
        marker = split_marker(line.lstrip())
        if marker and marker.style in ("roman", "decimal2", "decimal3", "arabic", "arabic_paren"):
            return start
    return limit


_HOLDS_MEETING = re.compile(rf"\s*(?:đã\s+|vừa\s+)?{_HOLDS}(?!\w)", re.IGNORECASE)


def _footer(text: str, regions: Regions) -> dict:
    formula = on_behalf = signer = signer_title = None
    recipients: list[str] = []
    in_recipients = False
    appendix = _APPENDIX_TITLE.search(text, regions.body_end)  # an appendix after the signature
    for _s, _e, line in text_lines(text, regions.body_end, appendix.start() if appendix else len(text)):
        for raw in line.split("\t"):
            cell = raw.strip()
            if not cell or _FOOTNOTE.match(cell):
                continue
            if _RECIPIENTS.match(cell):
                in_recipients = True
                rest = _RECIPIENTS.sub("", cell).strip()
                if rest:
                    recipients.append(rest)
                continue
            sig = _SIGNING.match(cell)
            if sig:
                formula = sig.group("formula").upper().rstrip(".")
                # the whole block in one cell: "T/M BỘ CHÍNH TRỊ (Đã ký) Trương Thị Mai"
                parts = _SIGNED.split(sig.group("body"), maxsplit=1)
                on_behalf = parts[0].strip()
                if len(parts) == 2 and _is_person_name(parts[1].strip()):
                    signer = parts[1].strip()
                continue
            if cell[0] in "-+•*":
                if in_recipients:
                    recipients.append(cell.lstrip("-+•* ").rstrip(";,. "))
                continue
            if _NOTE.match(cell):
                continue
            if _UPPER_LINE.match(cell):
                if formula and not signer:
                    signer_title = cell if not signer_title else f"{signer_title} {cell}"
                continue
            if _is_person_name(cell) and not signer:
                signer = cell
    recipients = [r for r in (normalize_name(r) for r in recipients) if r and not r.startswith("Lưu")]
    return {
        "signing_formula": formula,
        "on_behalf_of": on_behalf,
        "signer": signer,
        "signer_title": title_case_organ(signer_title) if signer_title else None,
        "recipients": tuple(recipients),
    }


def _locality(issuer: str | None) -> str | None:
    """'Tỉnh ủy Bình Thuận' -> 'Bình Thuận': the proper-name tail of an issuer."""
    if not issuer:
        return None
    words = issuer.split()
    tail: list[str] = []
    for word in reversed(words[1:]):
        if not word[0].isupper() or word in {"Khối", "Trung", "Đảng"}:
            break
        tail.insert(0, word)
    return " ".join(tail) or None


# a day printed with its month and year: "3/9/2025", "12-11-2025", "09.9.2020"
_DAY_MONTH_YEAR = r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
_PROPER = rf"[{UPPER_LETTERS}][\wÀ-ỹ]*(?:\.[{UPPER_LETTERS}][\wÀ-ỹ]*)?"  # "Hà", "TP.HCM"
_LEAD_TYPES = (
    r"(?P<type>(?i:Chương trình hành động|Chương trình|Chỉ thị|Nghị quyết|Kế hoạch|Kết luận|Thông báo|Đề án|Quy định"
    r"|Hướng dẫn|Quyết định|Công văn|Văn bản(?=\s+số\s)))"  # "Văn bản số 3570-CV/TU": its type is in its code
    # the number after "số", or a full symbol without it ("Chỉ thị 08-CT/TW năm 2026"), then its year
    r"(?:\s+(?:số\s+|(?=\d+-[A-ZĐ]{1,8}/))(?P<num>\d+[^\s,;]*)(?:\s+(?:năm\s+)?(?:19|20)\d\d(?![\d/]))?)?"
    rf"(?:\s*,?\s*ngày\s+{_DAY_MONTH_YEAR})?"
)


def _lead_title(openers: str) -> str:
    """The subject of the document named, from one of `openers` to the end of the sentence or
    what follows it."""
    return (
        rf"(?P<title>(?i:{openers})\s[^\n]+?)"
        r"(?=\.(?:\s|$)|\n|$|[,;]\s+(?:trên\s+cơ\s+sở|căn\s+cứ|nhằm|theo\s+đó|gồm)(?!\w)"
        r"|,?\s+với\s+(?:những|các|một\s+số)\s+nội\s+dung(?!\w))"  # "… đến năm 2030 với các nội dung sau:"
    )


_LEAD_TITLE = _lead_title(r"về|thông\s+báo|kết\s+luận|hướng\s+dẫn")
_LEAD_ISSUER = (
    r"(?:(?i:ngày)\s+(?P<d0>\d{1,2})\s*[/.-]\s*(?P<m0>\d{1,2})(?:\s*[/.-]\s*(?P<y0>\d{4}))?\s*,\s*)?"
    r"(?P<issuer>(?:Ban Thường vụ|Ban Chấp hành|Thường trực|Ban Bí thư|Bộ Chính trị)(?: (?:Tỉnh|Thành|Huyện|Thị|Quận|Đảng) (?i:ủy))?"
    rf"(?: (?:Khối|{_PROPER}|bộ|tỉnh|thành phố|huyện|xã|phường))*"
    rf"|(?:Tỉnh|Thành|Huyện|Thị|Quận|Đảng) (?i:ủy)(?: {_PROPER})*"
    rf"|Văn phòng Trung ương(?: Đảng)?|Văn phòng (?:Tỉnh|Thành|Huyện|Đảng) (?i:ủy)(?: {_PROPER})*"
    # a committee's own organ: "Ủy ban Kiểm tra Trung ương", "Ban Tuyên giáo và Dân vận Tỉnh ủy"
    rf"|(?:Ủy ban Kiểm tra|Ban(?: [\wÀ-ỹ]+){{1,6}}?) (?:Trung ương(?: Đảng)?|(?:Tỉnh|Thành|Huyện|Đảng) (?i:ủy))(?: {_PROPER})*)"
    r"(?:\s+(?i:khóa)\s+[IVXL]+)?"
    r"\s+(?:cho\s+biết\s*,?\s+(?:(?i:cơ\s+quan|đơn\s+vị)\s+này\s+)?)?(?:đã\s+|vừa\s+)?"
)
# "… có công văn khẩn gửi Thường trực các đảng ủy về việc …": whom it is sent to, before its subject
_SENT_TO = r"(?:\s+(?i:khẩn|hỏa\s+tốc))?(?:\s+(?i:gửi)\s[^.\n]{3,160}?(?=\s(?i:về)\s))?"
_LEAD = re.compile(
    # "xây dựng" only once done ("đã / vừa xây dựng Kế hoạch …"): "X xây dựng kế hoạch …" is an order
    _LEAD_ISSUER + r"(?i:ban hành|có|ký ban hành|ra|(?:(?<=đã )|(?<=vừa ))xây dựng)\s+" + _LEAD_TYPES + _SENT_TO + rf"(?:\s+{_LEAD_TITLE})?"
)
# leads whose verb names the document: "Thường trực Thành ủy thông báo kết luận về …" (a Thông
# báo), "Ngày 5/5, Ban Tổ chức Trung ương hướng dẫn việc …" (a Hướng dẫn)
_VERB_LEADS = tuple(
    re.compile(_LEAD_ISSUER + rf"(?P<type>{verb})\s+" + _lead_title(openers))
    for verb, openers in (("thông báo", r"kết\s+luận"), ("hướng dẫn", r"việc|về"))
)
# "Tại Kết luận số 31-KL/TW ngày 02/3/2026 về …, Bộ Chính trị yêu cầu …"
# "Theo Công văn số 515-CV/TU do Văn phòng Tỉnh ủy ban hành, …"
_BY_DOCUMENT = re.compile(
    r"(?:^|\n|\.\s)[ \t]*(?:Tại|Theo)\s+" + _LEAD_TYPES + r"\s+do\s+(?P<by>[^,.\n]{3,80}?)\s+(?i:ban\s+hành|ký)\s*,"
)
_AT_DOCUMENT = re.compile(
    r"(?:^|\n)[ \t]*(?:Tại|Theo|Trong)\s+"
    + _LEAD_TYPES
    + r"(?:\s+(?i:ban\s+hành\s+)?(?i:ngày)\s+\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?)?"  # "… số 178 ban hành ngày 17/7"
    + r"\s+(?P<title>(?i:về)\s[^\n]+?),\s+(?=[A-ZĐ])"
)


def _lead(text: str) -> dict | None:
    """What a news lead says of the document it introduces ("Ngày 3-5-2021, Ban Chấp hành
    Đảng bộ tỉnh khóa XVI đã ban hành Nghị quyết số 07-NQ/TU về …", "Ban Thường vụ Tỉnh ủy
    vừa ban hành Chỉ thị số 17 về việc …", "Tại Kết luận số 31-KL/TW ngày 02/3/2026 về …,
    Bộ Chính trị yêu cầu …"): type, number (a bare "17" completed with the type's and the
    issuer's codes), date, issuer and subject."""
    head = text[: min(len(text), 1500)]
    m = _numbered_lead(head) or next(filter(None, (rx.search(head) for rx in _VERB_LEADS)), None)
    if m:
        issuer = _without_signer(normalize_name(m.group("issuer")))
    elif m := _AT_DOCUMENT.search(head):
        issuer = _leading_body(head[m.end() : m.end() + 120])
    elif (m := _BY_DOCUMENT.search(head)) or (m := _MENTIONED_IN.search(head)):
        issuer = _leading_body(m.group("by"))
    else:
        return None
    doc_type = doc_type_for_heading(m.group("type"))
    got = m.groupdict()
    raw = (got.get("num") or "").rstrip(".,;")
    number = raw if _SYMBOL.match(raw) else _completed_number(raw, doc_type, issuer) if raw.isdigit() and issuer else None
    doc_type = doc_type or (doc_type_for_number(number) if number else None)
    d, mo, y = (got["d"], got["m"], got["y"]) if got.get("y") else _lead_day(m)
    issued = _parse_date(d, mo, y) if y else None
    title = got["title"].strip() if got.get("title") else _title_after_bodies(got.get("by") or "")
    if not title and not number and (bare := _BARE_SUBJECT.match(head, m.end())):
        title = bare.group("title")  # "Huyện ủy vừa ban hành Kế hoạch sơ kết … (Kế hoạch số …)"
    printed = _TRAILING_NUMBER.search(title) if title else None
    if printed:  # "… giai đoạn 2021 – 2025 (Kế hoạch số 12-KH/TU, ngày 3/9/2025)": its number and day after its subject
        title = title[: printed.start()].rstrip(" ,")
        number = number or (printed.group("num") if _SYMBOL.match(printed.group("num")) else None)
        issued = issued or (_parse_date(*printed.group("d", "m", "y")) if printed.group("y") else None)
    dated = _TRAILING_DAY.search(title) if title else None
    if dated:  # "… về việc sắp xếp … ngày 12/9/2025": the document's day, printed after its subject
        title, issued = title[: dated.start()].rstrip(" ,"), issued or _parse_date(*dated.group("d", "m", "y"))
    signed = _SIGNED_BY.search(head, m.end(), m.end() + 300)
    signer = signed.group("name") if signed else None
    return {"type": doc_type, "number": number, "issued": issued, "issuer": issuer, "title": title, "signer": signer}


# a web page's note of where its text comes from: "(Nguồn: Công văn số 77/UBND-VP ngày 3/6/2027)"
_SOURCE_NOTE = re.compile(
    r"^[ \t]*\(?\s*(?i:nguồn)\s*:\s*(?:(?i:từ|trích)\s+)?" + _LEAD_TYPES + r"[^\n()]{0,120}\)?[ \t]*$", re.MULTILINE
)


def _source_note(text: str) -> dict | None:
    """What a page's source note says of the text above it: type, number and date."""
    m = _SOURCE_NOTE.search(text)
    raw = (m.group("num") or "").rstrip(".,;") if m else ""
    if not _SYMBOL.match(raw):
        return None
    doc_type = doc_type_for_heading(m.group("type")) or doc_type_for_number(raw)
    issued = _parse_date(m.group("d"), m.group("m"), m.group("y")) if m.group("y") else None
    return {"type": doc_type, "number": raw, "issued": issued, "issuer": None, "title": None, "signer": None}


# the subject printed right after the type, when a number in parentheses closes it
_BARE_SUBJECT = re.compile(r"\s+(?P<title>[a-zđà-ỹ][^.\n()]{10,300}?\s*\((?:[^()]{0,40}?\s)?(?i:số)\s+[^()\n]{3,60}\))")
_TRAILING_NUMBER = re.compile(
    r"\s*\((?:[^()]{0,40}?\s)?(?i:số)\s+(?P<num>[^\s,;()]+)"
    rf"(?:\s*,?\s*(?i:ngày)\s+{_DAY_MONTH_YEAR})?\s*\)\s*$"
)
_TRAILING_DAY = re.compile(rf"\s*,?\s+ngày\s+{_DAY_MONTH_YEAR}\s*$")


def _title_after_bodies(by: str) -> str | None:
    """ "Ban Thường vụ, Thường trực Tỉnh ủy tiếp tục lãnh đạo công tác …" → the subject after the
    list of issuers a lead names (None when nothing but bodies is printed)."""
    from .bodies import find_bodies  # bodies never imports structure: no cycle

    end = 0
    for b in find_bodies(by):
        if not _ISSUER_GAP.fullmatch(by, end, b.start):
            break
        end = b.end
    rest = by[end:].strip(" ,")
    return rest if end and len(rest.split()) >= 3 and rest[:1].islower() else None


# "Yêu cầu này được nêu trong Kết luận số 12 của Ban Thường vụ Tỉnh ủy về …"
_MENTIONED_IN = re.compile(
    r"(?i:đề\s+cập|nêu(?:\s+rõ)?|đưa\s+ra)\s+(?i:trong|tại)\s+" + _LEAD_TYPES + r"\s+(?i:của)\s+(?P<by>[^.\n]{3,240}?)(?=\.(?:\s|$)|\n|$)"
)
_ISSUER_GAP = re.compile(r"\s*(?:,|và)?\s*")
# "Kết luận do Thường trực Ban Bí thư Trần Văn A ký ban hành": who signed the document a lead names
_SIGNED_BY = re.compile(rf"(?<!\w)do\s+[^.\n]{{0,80}}?{PERSON_NAME}\s+(?:đã\s+)?ký(?!\w)")


def _numbered_lead(head: str) -> re.Match | None:
    """The first lead, or a later one that gives the same document's number (a headline "Ban
    Bí thư ban hành chỉ thị về …", then "Ngày 3/11, Ban Bí thư đã ban hành Chỉ thị số …")."""
    leads = list(_LEAD.finditer(head))
    if not leads:
        return None
    same = (m for m in leads if m.group("num") and m.group("type").lower() == leads[0].group("type").lower())
    return next(same, leads[0])


def _lead_day(m: re.Match) -> tuple[str | None, str | None, str | None]:
    """The day that opens the lead ("Ngày 24/2/2026, …"), where the pattern has one."""
    return (m.group("d0"), m.group("m0"), m.group("y0")) if "d0" in m.re.groupindex else (None, None, None)


def _completed_number(digits: str, doc_type: str | None, issuer: str) -> str | None:
    """ "Chỉ thị số 17" of the Ban Thường vụ Tỉnh ủy Yên Bái → "17-CT/TU"."""
    from .registry import load_registry  # the registry reads header data through this module

    reg = load_registry()
    code = reg.code_for_doc_type(doc_type) if doc_type else None
    words = issuer.split()
    while words and code:
        found = reg.issuer_by_name(" ".join(words))
        if found and found.suffix:
            return f"{digits}-{code}/{found.suffix}"
        words.pop()
    return None


_HEADLINE = re.compile(rf"\A\s*(?P<type>{doc_type_alternation()})\s+số\s+(?P<num>\S+)[ \t]*$", re.IGNORECASE | re.MULTILINE)


def _headline(text: str) -> dict | None:
    """A reposted text's own name: "Kết luận số 69-KL/TW" alone on the first line, or a lead that
    says it was signed ("… đồng chí Nguyễn Văn A đã ký Thông báo kết luận số 12-TB/TW ngày 9/3/2026
    của Ban Bí thư về …"); with what the lead says of it: date, issuer, subject and who signed."""
    m = _HEADLINE.match(text)
    if m and _SYMBOL.match(m.group("num")):
        doc_type, number, after = m.group("type"), m.group("num"), m.end()
    else:
        signed = _SIGNED_LEAD.search(text, 0, min(len(text), 1500))
        if not signed:
            return None
        if not _SYMBOL.match(signed.group("num")):
            return _signed_by_short_number(text, signed)
        doc_type, number, after = signed.group("type"), signed.group("num").rstrip("."), signed.start("num")
    out = {"type": doc_type, "number": number, "issued": None, "issuer": None, "title": None, "signer": None}
    lead = re.compile(re.escape(number) + _LEAD_TAIL).search(text, after, after + 2000)
    if lead:
        _read_lead(text, lead, out)
    elif not m or not _HEADLINE.match(text):  # a signing lead with no "về …": still who signed it
        signer = _signer_in(text[text.rfind("\n", 0, after) + 1 : after])
        out["signer"] = _from_family_name(signer) if signer else None
    return out


def _without_signer(issuer: str) -> str:
    """ "Tỉnh ủy Lạng Sơn Hoàng Văn A" (the secretary's name after the body, before "đã ký") →
    "Tỉnh ủy Lạng Sơn"; a commune named after a person ("Đảng ủy xã Trần Phú") keeps it."""
    from .bodies import family_names  # bodies never imports structure: no cycle

    family = family_names()
    words = issuer.split()
    for i in range(2, len(words) - 2):  # a full name has three words or more ("Lâm Đồng" is a place)
        if words[i] in family and words[i - 1].lower() not in {"xã", "phường", "đặc", "khu", "thị", "trấn"}:
            return " ".join(words[:i])
    return issuer


def _from_family_name(name: str) -> str:
    """ "Nội Nguyễn Văn A" (the end of "Bí thư Thành ủy Hà Nội" before the name) → "Nguyễn Văn A"."""
    from .bodies import family_names  # bodies never imports structure: no cycle

    family = family_names()
    words = name.split()
    start = next((i for i, w in enumerate(words[:-1]) if w in family), 0)
    return " ".join(words[start:])


def _signed_by_short_number(text: str, signed: re.Match) -> dict | None:
    """ "… Trần Văn A ký ban hành Kết luận 88 của Bộ Chính trị về …": the number completed
    with the type's and the issuer's codes (88-KL/TW), the issuer and subject that
    follow it, and who signed."""
    raw = signed.group("num").rstrip(".,;")
    tail = re.compile(re.escape(signed.group("num")) + _SHORT_TAIL).match(text, signed.start("num"))
    if not raw.isdigit() or not tail:
        return None
    out = {"type": signed.group("type"), "number": None}
    _read_lead(text, tail, out)
    if out["issuer"]:
        out["number"] = _completed_number(raw, doc_type_for_heading(out["type"]), out["issuer"])
    return out


# what follows a short number in a signing lead: "của <issuer> về <subject>" to the sentence end
_SHORT_TAIL = r"(?:\s+của\s+(?P<by>[^\n]*?))?\s+(?P<title>về\s[^\n]+?)(?=\.(?:\s|$)|\n|$)"


def _leading_body(text: str) -> str | None:
    """The body a text opens with ("Bộ Chính trị, Ban Bí thư yêu cầu …" → Bộ Chính trị), or None."""
    from .bodies import find_bodies  # bodies never imports structure: no cycle

    bodies = find_bodies(text)
    if not bodies or bodies[0].start != 0:
        return None
    first = bodies[0]  # with the place printed after it ("Ban Thường vụ Huyện ủy Tuy Phong")
    return _with_printed_place(text[first.start : _named_place_end(text, first)], first.name)


def _read_lead(text: str, lead: re.Match, out: dict) -> None:
    """Date (where the lead prints one), subject, issuer and signer of a lead's document."""
    dated = "y" in lead.re.groupindex and lead.group("y")
    out["issued"] = _parse_date(lead.group("d"), lead.group("m"), lead.group("y")) if dated else None
    out["title"] = lead.group("title").strip(" .*")
    sentence = text[text.rfind("\n", 0, lead.start()) + 1 : lead.start()]
    on_behalf = _ON_BEHALF.search(sentence)  # "thay mặt Ban Thường vụ Tỉnh ủy, đồng chí … đã ký …"
    out["issuer"] = _leading_body(lead.group("by") or "") or (_leading_body(on_behalf.group("body")) if on_behalf else None)
    out["signer"] = _signer_in(sentence)


def _signer_in(sentence: str) -> str | None:
    """Who a lead's sentence says signed: the name after "đồng chí", else the name before "ký"."""
    who = _COMRADE.search(sentence) or _SIGNER_BEFORE.search(sentence)
    return who.group("name") if who else None


_ON_BEHALF = re.compile(r"(?i:thay\s+mặt)\s+(?P<body>[^,\n]{3,80}),")


_LEAD_TAIL = (
    r"(?:\s*,?\s*\(?\s*ngày\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})\s*\)?)?"
    r"(?:\s+của\s+(?P<by>[^\n]*?))?\s+(?P<title>về\s[^\n]+)"
)
_SIGNED_LEAD = re.compile(
    rf"(?<!\w)ký(?:\s+ban\s+hành)?\s+(?P<type>{doc_type_alternation()}|văn\s+bản(?=\s+số\s))(?:\s+(?:kết\s+luận|công\s+tác|hành\s+động))?\s+(?:số\s+)?(?P<num>\d[^\s,;()]*)",
    re.IGNORECASE,
)
# "đồng chí Phạm Văn An, Phó Bí thư …, Chủ tịch HĐND thành phố Huế đã ký": the name after
# "đồng chí", "ông", "bà", not the place that ends the titles
_COMRADE = re.compile(rf"(?<!\w){COMRADE_NAME}(?=\s*,|\s+(?:đã\s+|vừa\s+)?ký)")
# "Tổng Bí thư Tô Lâm đã ký": the proper name right before "(đã) ký"
_SIGNER_BEFORE = re.compile(rf"{PERSON_NAME}\s+(?:đã\s+|vừa\s+)?ký(?!\w)")


def _header_date(header: str) -> re.Match | None:
    """The issuing place/date line: a short header cell, not a date inside a sentence; a cell
    that names its place ("Tân Phú, ngày ...") before one that does not."""
    found = _header_dates(header)
    return next((m for m in found if m.group("place")), found[0] if found else None)


def _header_dates(header: str) -> list[re.Match]:
    out = []
    for match in _PLACE_DATE.finditer(header):
        line_start = max(header.rfind("\n", 0, match.start()), header.rfind("\t", 0, match.start())) + 1
        line_end = len(header)
        for stop in ("\n", "\t"):
            pos = header.find(stop, match.end())
            if pos != -1:
                line_end = min(line_end, pos)
        cell = header[line_start:line_end]
        if len(cell) <= 80 and (match.group("place") is None or _place(match.group("place"))):
            out.append(match)
    return out


def _place(raw: str | None) -> str | None:
    """'Phan Thiết' from 'Phan Thiết, ngày ...': a proper name of one to six capitalized words,
    read from the end of the cell ("Số 75-KL/TW Hà Nội, ngày ..." when OCR lost the column gap)."""
    if not raw:
        return None
    words = raw.split("\t")[-1].split()
    tail: list[str] = []
    for w in reversed(words):
        if w in {"-", "–"} or (w[:1].isupper() and w.isalpha() and (len(w) == 1 or not w.isupper())):
            tail.insert(0, w)
        else:
            break
    while tail and tail[0] in {"-", "–"}:  # "Phan Rang - Tháp Chàm", "Bà Rịa - Vũng Tàu"
        tail.pop(0)
    names = [w for w in tail if w not in {"-", "–"}]
    if 1 <= len(names) <= 6 and (len(tail) == len(words) or len(words) - len(tail) <= 3):
        return " ".join(tail)
    return None


_SUBJECT = re.compile(r"^(?:V/v|Về)\s+\S.*$", re.MULTILINE)


def _subject_line(header: str) -> str | None:
    """A công văn's trích yếu under its number ("V/v ...", "Về triển khai ..."), with the
    lowercase line that continues it."""
    m = _SUBJECT.search(header)
    if not m:
        return None
    title = m.group(0).split("\t")[0].strip()  # a header table's other cell may share the line
    rest = header[m.end() + 1 :].split("\n", 1)[0].split("\t")[0].strip()
    if rest[:1].islower():
        title = f"{title} {rest}"
    return title


def _signature_date(text: str, regions: Regions) -> date | None:
    """The issuing body's digital-signature date, where the printed day was left blank."""
    for m in _SIGNATURE_STAMP.finditer(text):
        found = _parse_date(m.group("d"), m.group("m"), m.group("y"))
        if found:
            return found
    return None


def _title_above_items(text: str) -> str | None:
    """A text without a header whose first line, with no end mark, stands right above its first
    numbered item ("Định hướng tuyên truyền tháng 9 năm 2026" then "1. …"): that line is its title."""
    lines = [line.strip() for _s, _e, line in text_lines(text, 0, min(len(text), 1500)) if line.strip()]
    if len(lines) < 2 or split_marker(lines[0]) or lines[0].endswith((".", ";", ":", "!", "?", "…")):
        return None
    following = split_marker(lines[1])
    if not (3 <= len(lines[0].split()) <= _LONGEST_TITLE) or following is None or following.style == "bullet":
        return None
    return lines[0]


_LONGEST_TITLE = 30  # words


def parse_metadata(text: str, regions: Regions) -> DocumentMeta:
    """Read the document's own metadata from its header and footer."""
    header = text[: regions.header_end]
    number, blank_code = _header_number(header)
    is_draft = bool(re.search(r"^\s*\(?Dự thảo\)?\s*$", header[:2000], re.IGNORECASE | re.MULTILINE))
    is_draft = is_draft or blank_code is not None
    type_line = _type_line(text, regions.header_end or min(len(text), 3000))
    issued, place = _issued_and_place(text, regions, header, type_line)
    code = number or blank_code
    doc_type = type_line[2] if type_line else (doc_type_for_number(code) if code else None)
    title = _title(text, regions, type_line[1]) if type_line else _subject_line(header)
    footer = _footer(text, regions)
    issuer = _header_issuer(text, regions) or _body_issuer(text, regions, footer["on_behalf_of"])
    fields = _MetaFields(doc_type, number, issued, title, issuer)
    headline = _headline(text) if not type_line and not number else None
    if headline:
        _take_headline(fields, headline, text, regions, footer)
    elif not number:
        _take_lead(fields, text, regions, type_line, footer)
    if not type_line:
        _complete_without_type_line(fields, text)
    return DocumentMeta(
        doc_type=fields.doc_type,
        number=fields.number,
        issuer=fields.issuer,
        issued_date=fields.issued,
        place=place,
        title=fields.title,
        signer=footer["signer"],
        signer_title=footer["signer_title"],
        signing_formula=footer["signing_formula"],
        on_behalf_of=title_case_organ(footer["on_behalf_of"]) if footer["on_behalf_of"] else None,
        recipients=footer["recipients"],
        is_draft=is_draft,
        locality=_locality(fields.issuer),
        level=issuer_level(fields.issuer),
    )


@dataclass
class _MetaFields:
    """The fields parse_metadata reads from the header, then completes from a headline or a lead sentence."""

    doc_type: str | None
    number: str | None
    issued: date | None
    title: str | None
    issuer: str | None


def _header_number(header: str) -> tuple[str | None, str | None]:
    """(number, blank code) of the header's "Số" line: its number, or the code printed where a
    draft leaves its number blank."""
    m = _NUMBER_LINE.search(header)
    if not m:
        return None, None
    raw = re.sub(r"\s*[-–]\s*", "-", m.group("num")).strip(" :;,.")
    if _SYMBOL.match(raw):
        return raw, None
    if raw.startswith("-") or raw.startswith("/"):
        return None, raw  # "Số -ĐA/TU": the number is left blank in a draft
    return None, None


def _issued_and_place(
    text: str, regions: Regions, header: str, type_line: tuple[int, int, str] | None
) -> tuple[date | None, str | None]:
    """The date and place of the header's date line (a blank printed day: the signature's date)."""
    place = issued = None
    # The date line precedes the type line; later dates belong to cited documents.
    pd = _header_date(header[: type_line[0]] if type_line else header)
    if pd:
        if pd.group("d"):
            issued = _parse_date(
                pd.group("d"), pd.group("m") or pd.group("m2"), pd.group("y") or pd.group("y2")
            )
        place = _place(pd.group("place"))
    if issued is None:
        issued = _signature_date(text, regions)
    return issued, place


def _take_headline(fields: _MetaFields, headline: dict, text: str, regions: Regions, footer: dict) -> None:
    """A reposted text headed by its own name ("Kết luận số 69-KL/TW"), its date, issuer and
    subject in the lead ("… số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị về …")."""
    number = fields.number = headline["number"]
    fields.doc_type = (
        doc_type_for_heading(headline["type"])
        or fields.doc_type
        or (doc_type_for_number(number) if number else None)
    )
    fields.issued = fields.issued or headline["issued"]
    fields.title = fields.title or headline["title"]
    if headline["issuer"] and not _header_issuer(text, regions):
        fields.issuer = headline["issuer"]
    elif fields.issuer is None and (lead := _lead(text)):
        fields.issuer = lead["issuer"]  # "Thành ủy ban hành Chương trình …" above the signing
    footer["signer"] = footer["signer"] or headline["signer"]


def _take_lead(
    fields: _MetaFields, text: str, regions: Regions, type_line: tuple[int, int, str] | None, footer: dict
) -> None:
    """No header at all (a text pasted from a website), or a news lead above the reposted
    text: the lead sentence may name the document — "Ban Thường vụ Tỉnh ủy vừa ban hành
    Chỉ thị số 05-CT/TU, ngày 02/3/2021 ..."."""
    lead = _lead(text[: type_line[0]] if type_line else text) or (None if type_line else _source_note(text))
    if lead and type_line and lead["type"] == fields.doc_type:
        fields.number, fields.issued = lead["number"], fields.issued or lead["issued"]
    elif lead and not type_line:
        fields.doc_type, fields.number = lead["type"] or fields.doc_type, lead["number"]
        fields.issued, fields.title = fields.issued or lead["issued"], fields.title or lead["title"]
        footer["signer"] = footer["signer"] or lead["signer"]
        if not _header_issuer(text, regions):
            fields.issuer = lead["issuer"]


def _complete_without_type_line(fields: _MetaFields, text: str) -> None:
    """A text with no type line: the issuer a news report names, the line above its first item
    for a title, and the issuer's name in full."""
    if fields.issuer is None:
        fields.issuer = _reported_issuer(text)  # a news report of a meeting or of orders given
    if fields.title is None and not fields.number:
        fields.title = _title_above_items(text)
    if fields.issuer:
        fields.issuer = _issuer_in_full(text, fields.issuer)
