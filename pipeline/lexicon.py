"""Shared lexicon: the regular-expression pieces every stage reads directives with.

One place for what several stages must agree on: the numbering and bullet markers that
open a line ("III-", "1.2.", "b)", "-", "(1)"), Roman numerals, Vietnamese letters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from .knowledge_cache import cached, digest

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it: ~10x faster


def load_yaml(text: str):  # noqa: ANN201 - whatever the document holds
    """Parse a knowledge file safely, with libyaml's C parser where the build has it."""
    return yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader


# The capital letters of Vietnamese, for a regex character class ("[{UPPER_LETTERS}]")
UPPER_LETTERS = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"


# A word that opens with a capital, whatever the pattern's flags ("Chí", "Đám", "3B" is not one)
CAPITALISED_WORD = rf"(?-i:[{UPPER_LETTERS}])\w*"
# Two to four capitalised words: a person's name printed after an office ("… Trần Văn A nêu rõ")
NAME_RUN = rf"{CAPITALISED_WORD}(?:\s+{CAPITALISED_WORD}){{1,3}}"
# What a body told to act does first, right after its name ("Phường cần …", "đề nghị lãnh đạo xã
# chú trọng …"): the words that make a generic name ("Xã", "các cơ quan") the one to act
DUTY_VERB = (
    r"(?:cũng\s+)?(?:cần|phải|sớm|sẽ|khẩn\s+trương|tập\s+trung|tiếp\s+tục|chủ\s+động|quyết\s+liệt|bắt\s+tay"
    r"|phát\s+huy|phát\s+động|đẩy\s+mạnh|tăng\s+cường|quan\s+tâm|ưu\s+tiên|chú\s+trọng|có\s+trách\s+nhiệm"
    r"|định\s+kỳ|báo\s+cáo|rà\s+soát|triển\s+khai|tổ\s+chức|thực\s+hiện|tuyên\s+truyền|vận\s+động"
    r"|xây\s+dựng|hoàn\s+thành|bảo\s+đảm|đảm\s+bảo)(?!\w)"
)
# A person's name: two to four capitalised words ("Trịnh Tuấn Sinh"), as a named group "name"
PERSON_NAME = rf"(?P<name>(?:[{UPPER_LETTERS}][\wÀ-ỹ]*\s+){{1,3}}[{UPPER_LETTERS}][\wÀ-ỹ]*)"
# A person named with the word that introduces them: "đồng chí / ông / bà" + name
# (or by a military rank: "Trung tướng Đỗ Văn A")
COMRADE_NAME = rf"(?i:đồng\s+chí|ông|bà|(?:đại|thượng|trung|thiếu)\s+(?:tướng|tá|úy))\s+{PERSON_NAME}"


# A full stop that closes an abbreviation before a name ("TP. Huế", "ThS. Lê …") ends no sentence:
# put this before a sentence-ending "[.!?]". Its look-ahead comes first, so a search passes every
# other character at one test instead of nine look-behinds.
NAME_ABBREVIATIONS = ("TP", "Tp", "TX", "TT", "ThS", "TS", "GS", "PGS", "BS")
NO_ABBREVIATION_BEFORE = "(?=[.!?])" + "".join(f"(?<!\\b{a})" for a in NAME_ABBREVIATIONS)


def longest_first(text: str) -> tuple[int, str]:
    """Sort key for regex alternations built from sets: longest first, ties in a fixed order (a set's
    own order changes from process to process)."""
    return (-len(text), text)


def data_yaml(name: str):  # noqa: ANN201 - whatever the document holds
    """The parsed knowledge file pipeline/data/`name`, through the knowledge cache (keyed by
    the file's text and the YAML library, so never stale): parsing them all costs ~20 ms a run."""
    text = resources.files("pipeline.data").joinpath(name).read_text(encoding="utf-8")
    key = digest(text, yaml.__version__, _YAML_LOADER.__name__)
    return cached(f"yaml-{name}", key, lambda: load_yaml(text))


@lru_cache(maxsize=1)
def doc_type_entries() -> tuple[dict, ...]:
    """The document types of pipeline/data/doc_types.yaml (the one place they are defined)."""
    return tuple(data_yaml("doc_types.yaml")["doc_types"])


@lru_cache(maxsize=1)
def standing_doc_types() -> frozenset[str]:
    """The types whose duties hold year after year (`standing` in doc_types.yaml)."""
    return frozenset(e["name"] for e in doc_type_entries() if e.get("standing"))


@lru_cache(maxsize=1)
def doc_type_alternation() -> str:
    """A regex group matching any document type name ("Nghị quyết", "Chương trình hành động"),
    longest first, words joined by any white space; match it case-insensitively."""
    names = sorted((e["name"] for e in doc_type_entries()), key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, n.split())) for n in names) + ")"


# The words that hand work to whoever is named next ("giao Ban Tổ chức …", "Đề nghị các cấp ủy …");
# match case-insensitively.
HANDING_OVER = r"(?:giao(?:\s+cho)?|đề\s+nghị|yêu\s+cầu)"
# between the members of a list of bodies: ", ", " và ", ", và ", each maybe with "các"
LIST_GAP = r"\s*(?:,|và|,\s*và)\s*(?:các\s+)?"

LOWER_LETTERS = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
UPPER_LETTERS = LOWER_LETTERS.upper()
# a reporter's byline, an initial glued to a name in capitals ("V.THÀNH"): not the Roman heading "V."
BYLINE = rf"(?!I)(?-i:[{UPPER_LETTERS}])\.(?-i:[{UPPER_LETTERS}]+)(?:\s(?-i:[{UPPER_LETTERS}]+))?"


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
_PART_WORDS = {
    "nhất": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
}  # fmt: skip

_PART = re.compile(
    r"(?i:phần)\s+(?:(?i:thứ)\s+)?(?P<v>nhất|một|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|(?i:mở\s+đầu)|[IVX]{1,4}|\d{1,2})(?!\w)"
    r"[ \t]*[:.\-–]?[ \t]*"
)
# The chapters and articles of a Quy định / Quy chế: "Chương III", "Điều 10. Trách nhiệm của …"
_CHAPTER = re.compile(r"(?i:chương)[ \t]+(?P<v>[IVXL]{1,5}|\d{1,2})(?!\w)[ \t]*[:.\-–]?[ \t]*")
_ARTICLE = re.compile(r"(?i:điều)[ \t]+(?P<v>\d{1,3})[ \t]*[.:\-–][ \t]*(?=\S|$)")
# "II/2027" at a line start is a quarter wrapped from the line above, not a heading "II/".
# "V/v" (về việc) opens a công văn's subject line, not part V
_ROMAN = re.compile(r"(?P<v>[IVXL]{1,5})[ \t]*(?:\.[ \t]*[-–]|/[-–]|[-–.):]|/(?![ \t]*\d)(?![vV][ \t]))[ \t]*(?=\S)")
_DECIMAL = re.compile(r"(?P<v>\d{1,2}(?:\.\d{1,2})+)\.?[ \t]*[-–)]?[ \t]+(?=\S)")
# "5, Ban Tuyên giáo …": an OCR pass reads the dot of "5." as a comma; a capital follows
_ARABIC = re.compile(
    r"(?P<v>\d{1,2})[ \t]*(?:\.[ \t]*[-–]|/[ \t]*[-–]|[-–./)]|,(?=[ \t]+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈÍÌÓÒÚÙÝỦỨỪ]))"
    r"(?![A-ZĐ]{1,8}/[A-ZĐ])(?<!/(?=[A-ZĐ]{2}))"  # "27-CT/TW", "03/BCĐ-MT" wrapped to a line's start
    r"[ \t]*(?=[^\d\s])"
)
# "II NHIỆM VỤ, GIẢI PHÁP": a Roman heading whose dot an OCR pass lost, the rest in capitals
_ROMAN_BARE = re.compile(r"(?P<v>[IVXL]{1,5})[ \t]+(?=[^\W\d_]{2,})")
_LETTER = re.compile(r"(?P<v>[a-zđ])[ \t]*(?:\)[ \t]*[-–]?|\.(?=[ \t]))[ \t]*(?=\S)")
_ULETTER = re.compile(r"(?P<v>[A-H])[ \t]*[-–.)][ \t]+(?=\S)")
_BULLET = re.compile(r"(?:[-–—+*•·●○■□▪►✓]|\(\d{1,2}\)|\([a-zđ]\)|\((?:i{1,3}|iv|vi{0,3}|ix|x)\))[ \t]*(?=\S)")
# "Bước 1: Chuẩn bị (…)", "Giai đoạn 2: …", "Đợt 1. …": the steps or phases of a guide, each a
# section whose time holds for the lines under it
_STEP = re.compile(r"(?i:bước|giai[ \t]+đoạn|đợt)[ \t]+(?P<v>\d{1,2})[ \t]*[:.\-–)][ \t]*(?=\S|$)")
# "Một là, …", "Thứ hai, …": items counted in words, leaves like bullets
_ORDINAL_ITEM = re.compile(
    r"(?:(?i:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)[ \t]+là|(?i:thứ)[ \t]+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười))"
    r"[ \t]*[,:][ \t]*(?=\S)"
)


@dataclass(frozen=True)
class Marker:
    """A numbering or bullet marker at the start of a line."""

    style: str  # "part", "chapter", "article", "roman", "decimalN", "arabic", "arabic_paren", "step", "letter", "uletter", "bullet"
    printed: str  # the marker as printed, stripped ("III-", "1.1.", "b)", "-")
    value: tuple[int, ...]  # numeric value(s), (0,) for bullets
    length: int  # characters to skip to reach the text after the marker
    component: str  # path component ("III", "2", "b", "P3")


def roman_value(s: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(s):
        v = _ROMAN_VALUES[ch]
        total += -v if v < prev else v
        prev = max(prev, v)
    return total if total > 0 else None


def to_roman(value: int) -> str:
    """12 → "XII" (section numbers stay small)."""
    out = ""
    for v, sym in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= v:
            out += sym
            value -= v
    return out


# A top heading as OCR prints it: "I-", "HI-" (III), "1-" (I), "IV." followed by capitals.
OCR_TOP_HEADING = re.compile(r"(?P<v>[IVXLHl1|]{1,5})[ \t]*[-–.][ \t]*(?=[^\W\d_])")


def _capitals_heading(rest: str) -> bool:
    """Two or more words, all in capitals: "NHIỆM VỤ, GIẢI PHÁP"; not the rest of a syllable a
    letter-spaced line cut after its first letter ("V ĂN KIỆN", "X ÂY DỰNG")."""
    words = [w for w in re.split(r"[\s,;:./-]+", rest) if any(c.isalpha() for c in w)]
    if len(words) < 2 or not all(w.upper() == w and len(w) >= 2 for w in words):
        return False
    first = unicodedata.normalize("NFD", words[0][0])[0].lower()
    return first not in "aeiouy"


def split_marker(line: str) -> Marker | None:
    """The marker a line starts with, or None: "III- YÊU CẦU" → roman III."""
    if m := _PART.match(line):
        raw = " ".join(m.group("v").split())
        if raw.lower() == "mở đầu":  # "Phần mở đầu": the opening part, before "Phần thứ nhất"
            return Marker("part", line[: m.end()].strip(), (0,), m.end(), "P0")
        value = _PART_WORDS.get(raw.lower()) or (int(raw) if raw.isdigit() else roman_value(raw.upper()))
        if value:
            return Marker("part", line[: m.end()].strip(), (value,), m.end(), f"P{value}")
    if m := _CHAPTER.match(line):
        raw = m.group("v")
        value = int(raw) if raw.isdigit() else roman_value(raw)
        if value:
            return Marker("chapter", line[: m.end()].strip(), (value,), m.end(), to_roman(value))
    if m := _ARTICLE.match(line):
        return Marker("article", line[: m.end()].strip(), (int(m.group("v")),), m.end(), m.group("v"))
    if (m := _ROMAN.match(line)) and (value := roman_value(m.group("v"))):
        return Marker("roman", line[: m.end()].strip(), (value,), m.end(), m.group("v"))
    if (m := _ROMAN_BARE.match(line)) and _capitals_heading(line[m.end() :]) and (value := roman_value(m.group("v"))):
        return Marker("roman", line[: m.end()].strip(), (value,), m.end(), m.group("v"))
    if m := _DECIMAL.match(line):
        parts = tuple(int(x) for x in m.group("v").split("."))
        return Marker(f"decimal{len(parts)}", line[: m.end()].strip(), parts, m.end(), m.group("v"))
    if m := _ARABIC.match(line):
        printed = line[: m.end()].strip()
        # "1)" lists live inside "1." / "1-" sections (mixed "1-"/"2." is one level, as in 000).
        style = "arabic_paren" if printed.endswith(")") else "arabic"
        return Marker(style, printed, (int(m.group("v")),), m.end(), m.group("v"))
    if m := _STEP.match(line):
        return Marker("step", line[: m.end()].strip(), (int(m.group("v")),), m.end(), m.group("v"))
    if m := _LETTER.match(line):
        v = m.group("v")
        return Marker("letter", line[: m.end()].strip(), (ord(v) - ord("a") + 1,), m.end(), v)
    if m := _ULETTER.match(line):
        v = m.group("v")
        return Marker("uletter", line[: m.end()].strip(), (ord(v) - ord("A") + 1,), m.end(), v)
    if (m := _BULLET.match(line)) or (m := _ORDINAL_ITEM.match(line)):
        return Marker("bullet", line[: m.end()].strip(), (0,), m.end(), "")
    return None


# Column headings of a task table, by the role of the column ("Nội dung", "Cơ quan chủ trì", ...).
TASK_TABLE_COLUMNS = {
    "content": re.compile(r"(?i)\b(?:nội\s+dung|nhiệm\s+vụ|tên\s+(?:nhiệm\s+vụ|đề\s+án|văn\s+bản)|công\s+việc)\b"),
    "lead": re.compile(r"(?i)\b(?:chủ\s+trì|trách\s+nhiệm|đơn\s+vị\s+thực\s+hiện|cơ\s+quan\s+thực\s+hiện)\b"),
    "help": re.compile(r"(?i)\bphối\s+hợp\b"),
    "time": re.compile(r"(?i)\b(?:thời\s+gian|thời\s+hạn|tiến\s+độ)\b"),
    "product": re.compile(r"(?i)\b(?:sản\s+phẩm|kết\s+quả|hình\s+thức\s+văn\s+bản)\b"),
}


def task_table_columns(cells: list[str]) -> dict[str, int]:
    """Which column plays which role, read from a header row ("lead": 2, "time": 4, ...)."""
    roles: dict[str, int] = {}
    for i, cell in enumerate(cells):
        for role, rx in TASK_TABLE_COLUMNS.items():
            if role in roles or not rx.search(cell):
                continue
            if role == "lead" and TASK_TABLE_COLUMNS["help"].search(cell) and not re.search(r"(?i)chủ\s+trì", cell):
                continue  # "Đơn vị phối hợp thực hiện" is the helpers' column
            roles[role] = i
            break
    return roles


def is_task_table_header(cells: list[str]) -> bool:
    """A header row that names a task column and at least one of lead / time columns."""
    if len(cells) < 3:
        return False  # most lines: no columns to read
    roles = task_table_columns(cells)
    return "content" in roles and ("lead" in roles or "time" in roles)


# "Ban Công tác Mặt trận | các thôn trên địa bàn xã": the body in every unit of a level
SPREAD_OVER = re.compile(
    r"\s+(?:ở\s+|tại\s+)?các\s+(?:thôn|xóm|ấp|bản|tổ\s+dân\s+phố|khu\s+phố|khu\s+dân\s+cư|xã|phường|đặc\s+khu)"
    r"(?:\s*,\s*(?:thôn|xóm|tổ\s+dân\s+phố|xã|phường|đặc\s+khu))*(?:\s+trên\s+địa\s+bàn(?:\s+[^\W\d_]+){1,3})?$",
    re.IGNORECASE,
)
# "Tỉnh ủy và tương đương": a level and the bodies on a par with it, named as one addressee
AND_EQUIVALENTS = re.compile(r"\s*(?:và|hoặc)\s+(?:cấp\s+)?tương\s+đương\Z", re.IGNORECASE)
