"""Citations stage: find every mention of another document and resolve it to a canonical target.

Pipeline (eyecite style): find candidate mentions with a few grammars over the normalized text
(symbols such as "22-NQ/TW", numbered short forms "Kế hoạch số 05 ... của Bộ Chính trị", plenum
aliases, congress resolutions, named documents, refer-backs), keep the longest non-overlapping
ones, drop the document's own number and its references to itself (also a republished text's lead
announcing it: "Tỉnh ủy đã ban hành Chỉ thị số 17 về ..." when the header gave no number), then resolve: from the mention
itself, from other mentions in the same document (a short "Nghị quyết số 57" from the one full mention
before it, else after it), from the registry (pipeline/data/registry.yaml). `implements` follows the
trigger vocabulary in pipeline/data/citation_vocab.yaml (title and opening only).

Canonical ids (`target`) — the same cited document gets the same id in every file:

* central Party documents (suffix .../TW, .../BTCTW ...): ``NUMBER@YEAR`` ("22-NQ/TW@2008");
  without a known year ``NUMBER@khóa TERM`` or just ``NUMBER`` (the graph merges such
  under-specified ids into the unique full id with the same number, when there is one);
* local Party documents (/TU, /HU, /ĐU, /ĐUK, /BTCTU ...): ``NUMBER@LOCALITY@YEAR``
  ("15-NQ/TU@Bình Thuận@2008"), the locality printed after the issuer or the citing document's
  `meta.locality`; parts that are unknown are left out;
* State documents whose symbol carries the year ("14/2008/NĐ-CP", "22/2008/QH12"): the number;
  other State symbols ("19/CT-TTg"): ``NUMBER@YEAR`` when the year is known;
* unnumbered documents: their title ("Điều lệ Đảng", "Nghị quyết Đại hội Đảng bộ ... lần thứ XIV",
  local congresses get ``@LOCALITY``); unresolvable mentions have target None.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from .lexicon import longest_first
from .model import Citation, DocumentMeta, Regions
from .normalize import fold_diacritics
from .registry import ORDINAL_WORDS, Registry, load_registry
from .relations import assign_relation_types
from .wordstart import start_guard, word_started

# --- grammar pieces ---------------------------------------------------------------------------

_SYM_CHARS = r"A-Za-zĐđƯư"
# The suffix of a Party symbol is upper case ("TW", "BTCTU", "ĐUK"), so a word glued to it by a lost
# space ("70-TB/TWngày") still ends it; "TƯ" is a common variant/OCR spelling of "TW"/"TU".
PARTY_SYMBOL = rf"\d{{1,4}}\s?-\s?[A-ZĐ][{_SYM_CHARS}]{{0,5}}\s?/\s?[A-ZĐƯ]{{1,10}}(?![A-ZĐƯ0-9/-])"
# a space may follow the hyphen where a line was wrapped or typed so ("12/CĐ- UBND")
# "101/2025/UBTVQH15", "102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN": an issuer's code may carry its term
STATE_SYMBOL = rf"\d{{1,5}}/\d{{4}}/[A-ZĐ]{{1,8}}\d{{0,2}}(?:-\s?[A-ZĐ][{_SYM_CHARS}]{{0,14}}\d{{0,2}})*"
STATE_MISPRINT = rf"\d{{1,5}}/\d{{4}}-[A-ZĐ]{{1,5}}/[A-ZĐ][{_SYM_CHARS}]{{0,9}}"
STATE_SHORT = rf"\d{{1,5}}/[A-ZĐ][{_SYM_CHARS}]{{0,4}}(?:-\s?[A-ZĐ][{_SYM_CHARS}]{{0,9}})+"  # "06/KH-MTTW-BTT"
SYMBOL = rf"(?<![\w/.-])(?:(?:{STATE_MISPRINT}|{STATE_SYMBOL}|{STATE_SHORT})(?![\w/-])|{PARTY_SYMBOL})"

DATE_NUMERIC = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
DATE_WORDS = re.compile(r"(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_DATE = r"(?:\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
_ROMAN = r"[IVXLC]+"
_ORD_WORDS = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
_ORD = rf"(?i:\d{{1,2}}|{_ORD_WORDS})"
_LOCALITY = r"(?:(?:tỉnh|thành phố|huyện|thị xã|quận)\s+)?[A-ZĐ][^\W\d_]*(?:\s+[A-ZĐ][^\W\d_]*){0,2}"
LOCAL_LEVELS = {"province", "district", "bloc", "grassroots"}
# words after a number that make it a count or a date, not a document's number ("Kế hoạch 5 năm")
_COUNT_AFTER = r"\s*(?:năm|tháng|ngày|%|người|lần|nội dung|điểm)\b"
_COUNTED = re.compile(_COUNT_AFTER)
PLURAL_BEFORE = re.compile(r"(?:các|những|mọi|Các|Những)\s+$")

@dataclass
class _Mention:
    """A candidate mention while it is being resolved (mutable, unlike Citation)."""

    start: int
    end: int
    kind: str  # symbol | short | list | plenum | congress | named | type_issuer | refer
    doc_type: str | None = None
    number: str | None = None
    issued_date: date | None = None
    issuer: str | None = None
    level: str | None = None
    locality: str | None = None
    term: str | None = None
    subject: str | None = None
    title: str | None = None
    short_number: str | None = None  # "05" in "Kế hoạch số 05"
    session: int | None = None  # plenum number
    plural: bool = False
    refers_to: str | None = None  # refer-back flavour: "central_nq", "congress", "alias:<text>"
    resolved_by: str | None = None
    target: str | None = None
    relation: str = "cites"

    @property
    def priority(self) -> int:
        return {"list": 7, "symbol": 6, "short": 5, "plenum": 5, "congress": 5, "named": 4, "refer": 3, "type_issuer": 2}[self.kind]


@lru_cache(maxsize=1)
def _grammar() -> dict[str, re.Pattern]:
    """Compile the patterns once: they depend on the vocabulary in the registry data."""
    reg = load_registry()
    type_names = sorted(
        {dt.name for dt in reg.doc_types if dt.name not in ("Hiến pháp", "Cương lĩnh", "Điều lệ")}, key=longest_first
    )
    types_ci = "|".join(re.escape(t) for t in type_names)
    types_cap = "|".join(re.escape(t) for t in type_names) + "|" + "|".join(re.escape(t.upper()) for t in type_names)
    issuers = sorted(reg.issuers, key=lambda i: len(i.pattern), reverse=True)
    issuer_alt = "|".join(f"(?P<iss{n}>{i.pattern})" for n, i in enumerate(issuers))
    return {
        "symbol": word_started(rf"(?:{start_guard(types_ci, re.I)}(?P<type>(?i:{types_ci}))\s+(?:(?i:số)\s*)?)?(?P<sym>{SYMBOL})"),
        "short": word_started(
            rf"(?<![\w])(?P<type>{types_cap})(?:[^\S\n\t]+(?:(?i:số)\s*)?|\s+(?i:số)\s*)(?!(?:19|20)\d\d\b)(?P<num>\d{{1,4}})(?![\d/\w-])(?!{_COUNT_AFTER})(?!\s*,\s*\d{{1,4}}\s+(?:năm|tháng)\b)"
        ),
        "number_list": word_started(
            rf"(?<![\w])(?P<type>{types_cap})\s+(?:(?i:số)\s*)?"
            rf"(?P<nums>\d{{1,4}}(?:\s*,\s*\d{{1,4}})*(?:\s*,?\s+và\s+|\s*,\s*)\d{{1,4}})"
            rf"(?:(?P<code>\s?-\s?[A-ZĐ][{_SYM_CHARS}]{{0,5}}\s?/\s?[A-ZĐƯ]{{1,10}})(?![A-ZĐƯ0-9/-])|(?![\d/\w-]))"
        ),
        "type_issuer": word_started(rf"(?<![\w])(?P<type>{'|'.join(re.escape(t) for t in type_names)})\s+của\s+(?={issuer_alt})"),
        "issuer": re.compile(rf"\s*,?\s*(?:của|do)\s+(?:{issuer_alt})(?![^\W\d_])"),
        "locality": re.compile(rf"\s+(?P<loc>{_LOCALITY})"),
        "date": re.compile(rf"\s*,?\s*(?:ban hành\s+)?ngày\s*(?P<date>{_DATE})"),
        "term_paren": re.compile(rf"\s*\(\s*(?i:khóa)\s+(?P<term>{_ROMAN}|\d{{1,2}})\b[^)]{{0,30}}\)"),
        "term_bare": re.compile(rf"\s*,?\s*(?i:khóa)\s+(?P<term>{_ROMAN}|\d{{1,2}})\b"),
        "plenum": re.compile(
            rf"(?P<ptype>(?i:nghị quyết|kết luận|quy định))\s+(?:(?i:hội nghị)\s+)?(?:"
            rf"(?i:lần thứ)\s+(?P<o1>{_ORD})\s+(?:(?i:ban chấp hành trung ương)|BCH\s?TW)(?:\s+(?i:đảng))?"
            rf"|(?:(?i:ban chấp hành)\s+)?(?i:trung ương)\s+(?:(?i:đảng)\s+)?(?:(?i:lần thứ)\s+)?(?P<o2>{_ORD})(?![\d\w])"
            rf"|TW\s?(?P<o3>\d{{1,2}})(?!\d)"
            rf"|(?:(?i:ban chấp hành trung ương)|BCH\s?TW)(?:\s+(?i:đảng))?\s+(?i:lần thứ)\s+(?P<o4>{_ORD})"
            rf")"
        ),
        "plenum_issuer": re.compile(
            rf"\s*,?\s*(?:(?:của|tại)\s+)?(?i:hội nghị)\s+(?:(?i:lần thứ)\s+{_ORD}\s+)?(?:(?:(?i:ban chấp hành)\s+)?(?i:trung ương)|BCH\s?(?:TW|Trung ương))"
            rf"(?:\s+(?i:đảng))?(?:\s+(?:(?i:lần thứ)\s+)?{_ORD}(?![\w]))?"
        ),
        "congress": re.compile(
            rf"(?i:nghị quyết)\s+(?i:đại hội)(?:\s+(?i:đại biểu))?\s+"
            rf"(?:(?P<body>(?:[^\s,.;:()“”\"]+\s+){{0,8}}?)(?i:lần thứ)\s+(?P<ord>{_ROMAN}|\d{{1,2}}|{_ORD_WORDS})"
            rf"|(?P<cord>{_ROMAN})\s+(?i:của\s+đảng))"
            rf"(?:\s*,?\s*(?i:nhiệm kỳ)\s+\d{{4}}\s*[-–]\s*\d{{4}})?"
        ),
        "law": re.compile(
            r"(?<![\w])Luật\s+(?!(?:số|sư|pháp|lệ|này|định)\b)(?P<name>[^\W\d_]+(?:,?\s+(?!(?:năm|số|của|đã|được|và|ngày|các|về|theo|trong|để|thì|này|hiện hành|sửa đổi|Luật)\b)[^\W\d_]+){0,6})"
            r"(?:\s+năm\s+(?P<year>\d{4}))?"
        ),
        "refer_central": re.compile(r"\bNghị quyết\s+(?:của\s+)?Trung ương(?:\s+Đảng)?(?![\w\s]*?(?:lần thứ|\d))"),
        "refer_congress": re.compile(r"\bNghị quyết Đại hội\b(?!\s+(?:đại biểu|Đảng|lần|[IVXLC]+\b|\d|toàn quốc))"),
        "alias_def": re.compile(r"\(\s*(?:sau đây\s+)?(?:viết|gọi)\s+tắt\s+(?:là\s+)?[“\"]?(?P<alias>[^()“”\"]{2,60}?)[”\"]?\s*\)"),
        "subject": re.compile(r"\s*,?\s*[“\"]?\s*(?i:về|v/v)\s+(?P<subject>[^;\n“”\"]{3,300}?)(?=[”\"]|;|\.(?:\s|$)|\n|$|\(|,\s*(?:ngày|của)\s)"),
    }


def _issuer_from_match(m: re.Match) -> tuple[str, str, str | None] | None:
    reg = load_registry()
    issuers = sorted(reg.issuers, key=lambda i: len(i.pattern), reverse=True)
    for n, issuer in enumerate(issuers):
        if m.groupdict().get(f"iss{n}"):
            return issuer.name, issuer.level, issuer.suffix
    return None


def parse_date(text: str) -> date | None:
    """"02/2/2008" or "16 tháng 6 năm 2022" → a date; None when it is not a real day."""
    m = DATE_NUMERIC.search(text) or DATE_WORDS.search(text)
    if not m:
        return None
    day, month, year = (int(g) for g in m.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def canonical_number(symbol: str) -> str:
    """Symbol as issued with spaces removed; "14/2008-NĐ/CP" (misprint) → "14/2008/NĐ-CP"."""
    sym = re.sub(r"\s+", "", symbol)
    m = re.fullmatch(r"(\d+)/(\d{4})-([A-ZĐ]+)/(\S+)", sym)
    if m:
        sym = f"{m.group(1)}/{m.group(2)}/{m.group(3)}-{m.group(4)}"
    m = re.fullmatch(r"(\d+)/([A-ZĐ][A-Za-zĐđ]*)-((?:[A-ZĐ]+)?(?:TW|TU|HU|ĐU|ĐUK|QU))", sym)
    if m:  # a Party symbol printed State-style: "22/CT-TW" is 22-CT/TW
        sym = f"{m.group(1)}-{m.group(2)}/{m.group(3)}"
    return sym


def roman_term(value: str) -> str:
    """A Party term as a Roman numeral: "12" → "XII", "xii" → "XII"."""
    if not value.isdigit():
        return value.upper()
    n, out = int(value), ""
    for number, letters in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= number:
            out, n = out + letters, n - number
    return out


def _ordinal(value: str | None) -> int | None:
    if not value:
        return None
    value = value.strip().lower()
    if value.isdigit():
        return int(value)
    return ORDINAL_WORDS.get(value)


def _roman_or_number(value: str) -> str:
    return value.upper() if re.fullmatch(r"[ivxlcIVXLC]+", value) else value


def _party_suffix(number: str) -> str | None:
    m = re.fullmatch(r"\d+-[^/]+/(\S+)", number)
    return m.group(1) if m else None


def _level_of_suffix(suffix: str | None) -> str | None:
    if suffix is None:
        return None
    if suffix.endswith("TW"):
        return "central"
    reg = load_registry()
    issuer = reg.issuer_for_suffix(suffix)
    if issuer is not None:
        return issuer.level
    return "province" if suffix.endswith("TU") else "local"


def _doc_type_of_symbol(number: str) -> str | None:
    reg = load_registry()
    m = re.fullmatch(r"\d+-([^/]+)/\S+", number)
    if m:
        return reg.doc_type_for_code(m.group(1))
    m = re.fullmatch(r"\d+/\d{4}/([A-ZĐ]+)\d*(?:-\S+)?", number)
    if m:
        code = m.group(1)
        return {"NĐ": "Nghị định", "TT": "Thông tư", "QH": "Luật", "QĐ": "Quyết định", "NQ": "Nghị quyết", "CT": "Chỉ thị"}.get(code)
    m = re.fullmatch(r"\d+/([A-ZĐ]+)-\S+", number)
    if m:  # State symbols: "QĐ" there is a Quyết định (a Party "…-QĐ/TW" is a Quy định)
        return "Quyết định" if m.group(1) == "QĐ" else reg.doc_type_for_code(m.group(1))
    return None


def level_of_number(number: str | None) -> str | None:
    """"22-NQ/TW" → "central", "15-NQ/TU" → "province", "14/2008/NĐ-CP" → "state"."""
    if not number:
        return None
    suffix = _party_suffix(number)
    return (_level_of_suffix(suffix) or "local") if suffix else "state"


def make_target(
    number: str | None,
    *,
    year: int | None = None,
    term: str | None = None,
    locality: str | None = None,
    title: str | None = None,
    local_title: bool = False,
) -> str | None:
    """The canonical id of a cited document (see the module docstring for the scheme)."""
    if number:
        suffix = _party_suffix(number)
        if suffix is not None:
            level = _level_of_suffix(suffix)
            if level == "central":
                if year:
                    return f"{number}@{year}"
                return f"{number}@khóa {term}" if term else number
            parts = [number] + ([locality] if locality else []) + ([str(year)] if year else [])
            return "@".join(parts)
        if re.fullmatch(r"\d+/\d{4}/\S+", number):
            return number
        parts = [number] + ([locality] if locality and "UBND" in number else []) + ([str(year)] if year else [])
        return "@".join(parts)
    if title:
        return f"{title}@{locality}" if local_title and locality else title
    return None


def document_target(meta: DocumentMeta) -> str | None:
    """The id a corpus document has as a graph node, built like a citation `target` of it."""
    if not meta.number:
        return None
    number = canonical_number(meta.number)
    if not re.search(r"\d", number):
        return None
    year = meta.issued_date.year if meta.issued_date else None
    return make_target(number, year=year, locality=meta.locality)


# --- finding ----------------------------------------------------------------------------------


def _read_trailers(text: str, pos: int, m: _Mention) -> int:
    """Consume ", ngày ...", "của <issuer>", "(khóa X)" after a mention; return the new end."""
    g = _grammar()
    seen: set[str] = set()
    while True:
        progressed = False
        for name in ("date", "issuer", "plenum_issuer", "term_paren", "term_bare"):
            key = "term" if name.startswith("term") else "issuer" if name == "plenum_issuer" else name
            if key in seen:
                continue
            hit = g[name].match(text, pos)
            if not hit:
                continue
            if name == "date":
                m.issued_date = parse_date(hit.group("date"))
            elif name == "plenum_issuer":
                m.issuer, m.level = "Ban Chấp hành Trung ương", "central"
            elif name == "issuer":
                found = _issuer_from_match(hit)
                if found is None:
                    continue
                m.issuer, m.level, suffix = found
                if m.level in LOCAL_LEVELS:
                    loc = g["locality"].match(text, hit.end())
                    if loc and not re.match(r"(?:Về|Đảng)\b", loc.group("loc")):
                        m.locality = re.sub(r"^(?:tỉnh|thành phố|huyện|thị xã|quận)\s+", "", loc.group("loc"))
                        pos = loc.end()
                        seen.add(key)
                        progressed = True
                        break
            else:
                m.term = roman_term(hit.group("term"))
            pos = hit.end()
            seen.add(key)
            progressed = True
            break
        if not progressed:
            return pos


def _read_subject(text: str, pos: int) -> str | None:
    hit = _grammar()["subject"].match(text, pos)
    return hit.group("subject").strip(" ,") if hit else None


def _find_symbols(text: str) -> list[_Mention]:
    out = []
    for hit in _grammar()["symbol"].finditer(text):
        number = canonical_number(hit.group("sym"))
        printed_type = hit.group("type")
        doc_type = _title_type(printed_type) if printed_type else _doc_type_of_symbol(number)
        m = _Mention(hit.start(), hit.end(), "symbol", doc_type=doc_type, number=number, resolved_by="mention")
        m.end = _read_trailers(text, hit.end(), m)
        if number.endswith("/TƯ"):  # "Trung ương", or an OCR'd "TU" when a local body issued it
            m.number = number = number[:-2] + ("TU" if m.level in LOCAL_LEVELS else "TW")
        m.subject = _read_subject(text, m.end)
        suffix = _party_suffix(number)
        if m.level is None:
            m.level = _level_of_suffix(suffix) if suffix else "state"
        out.append(m)
    return out


def _title_type(printed: str) -> str:
    """"NGHỊ QUYẾT" / "nghị quyết" → "Nghị quyết" (the spec's title case)."""
    reg = load_registry()
    key = printed.lower()
    for dt in reg.doc_types:
        if dt.name.lower() == key:
            return dt.name
    return printed[:1].upper() + printed[1:].lower()


def _find_short(text: str) -> list[_Mention]:
    reg = load_registry()
    out = []
    for hit in _grammar()["short"].finditer(text):
        doc_type = _title_type(hit.group("type"))
        m = _Mention(hit.start(), hit.end(), "short", doc_type=doc_type, short_number=hit.group("num"))
        m.end = _read_trailers(text, hit.end(), m)
        m.subject = _read_subject(text, m.end)
        if m.issuer:
            issuer = reg.issuer_by_name(m.issuer)
            code = reg.code_for_doc_type(doc_type)
            if issuer and issuer.suffix and code and reg.doc_types and _is_party_type(doc_type):
                m.number = f"{m.short_number}-{code}/{issuer.suffix}"
                m.resolved_by = "inferred"
        out.append(m)
    return out


def _find_number_lists(text: str, starts: list[int]) -> list[_Mention]:
    """"Nghị quyết số 18, 19-NQ/TW", "Kết luận số 121, 126 và 128 của Bộ Chính trị": one mention per
    number, each spanning the whole list; the shared code, or the type and the issuer, complete each.
    A list opens like a short mention ("Nghị quyết số 18"): only those `starts` are tried."""
    reg = load_registry()
    out = []
    grammar = _grammar()["number_list"]
    for hit in filter(None, (grammar.match(text, start) for start in starts)):
        numbers = re.findall(r"\d+", hit.group("nums"))
        if any(re.fullmatch(r"(?:19|20)\d\d", n) for n in numbers) or _COUNTED.match(text, hit.end()):
            continue  # years or a count ("Kế hoạch 5, 10 năm"), not document numbers
        doc_type = _title_type(hit.group("type"))
        probe = _Mention(hit.start(), hit.end(), "list", doc_type=doc_type)
        end = _read_trailers(text, hit.end(), probe)
        code = re.sub(r"\s+", "", hit.group("code") or "")
        issuer = reg.issuer_by_name(probe.issuer) if probe.issuer else None
        type_code = reg.code_for_doc_type(doc_type)
        for n in numbers:
            m = replace(probe, end=end, short_number=n)  # what the trailers said holds for every number
            if code:
                m.number, m.resolved_by = canonical_number(n + code), "mention"
            elif issuer and issuer.suffix and type_code and _is_party_type(doc_type):
                m.number, m.resolved_by = f"{n}-{type_code}/{issuer.suffix}", "inferred"
            if m.number and m.level is None:
                m.level = _level_of_suffix(_party_suffix(m.number))
            m.subject = _read_subject(text, end)
            out.append(m)
    return out


def _with_number_lists(text: str, kept: list[_Mention], starts: list[int]) -> list[_Mention]:
    """Replace the mentions inside a listed run of numbers by one mention per listed number."""
    lists = _find_number_lists(text, starts)
    if not lists:
        return kept
    spans = {(m.start, m.end) for m in lists}
    rest = [m for m in kept if not any(m.start < e and s < m.end for s, e in spans)]
    return sorted(rest + lists, key=lambda m: (m.start, m.short_number or ""))


def _is_party_type(doc_type: str) -> bool:
    reg = load_registry()
    return any(dt.name == doc_type and dt.party for dt in reg.doc_types)


def _find_plenums(text: str, meta: DocumentMeta) -> list[_Mention]:
    reg = load_registry()
    out = []
    for hit in _grammar()["plenum"].finditer(text):
        session = _ordinal(hit.group("o1") or hit.group("o2") or hit.group("o3") or hit.group("o4"))
        if session is None:
            continue
        m = _Mention(hit.start(), hit.end(), "plenum", doc_type=_title_type(hit.group("ptype")), session=session,
                     issuer="Ban Chấp hành Trung ương", level="central")
        m.plural = bool(PLURAL_BEFORE.search(text, max(0, hit.start() - 10), hit.start()))
        end = _read_trailers(text, hit.end(), m)
        m.end = end
        if m.term is None and meta.issued_date is not None:
            m.term = reg.term_at(meta.issued_date)
            m.resolved_by = "inferred_term"
        m.subject = _read_subject(text, m.end)
        out.append(m)
    return out


def _find_congresses(text: str) -> list[_Mention]:
    out = []
    for hit in _grammar()["congress"].finditer(text):
        body = (hit.group("body") or "").strip()
        ordinal = hit.group("ord") or hit.group("cord")
        central = not body or fold_diacritics(body) in ("toan quoc", "dang toan quoc", "dai bieu toan quoc", "dang",
                                                         "dang cong san viet nam", "lan thu")
        locality = None
        named = re.fullmatch(r"(.*?\b(?:tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn))\s+([A-ZĐ]\S*(?:\s+[A-ZĐ]\S*){0,3})", body)
        if named and not central:  # "Đảng bộ tỉnh Tiền Giang": the same congress as "Đảng bộ tỉnh" written there
            body, locality = named.group(1), named.group(2)
        if central:
            title = f"Nghị quyết Đại hội đại biểu toàn quốc lần thứ {_roman_or_number(ordinal)}"
        else:
            title = f"Nghị quyết Đại hội {body} lần thứ {_roman_or_number(ordinal)}"
        m = _Mention(hit.start(), hit.end(), "congress", doc_type="Nghị quyết", title=title,
                     level="central" if central else "local", resolved_by="mention", locality=locality)
        m.issuer = "Đại hội đại biểu toàn quốc" if central else f"Đại hội {body}"
        m.term = _roman_or_number(ordinal)
        m.plural = bool(PLURAL_BEFORE.search(text, max(0, hit.start() - 10), hit.start()))
        m.subject = _read_subject(text, m.end)
        out.append(m)
    return out


def _find_named(text: str) -> list[_Mention]:
    reg = load_registry()
    out = []
    for doc in reg.named:
        for pattern in doc.patterns:
            for hit in re.finditer(pattern, text):
                out.append(_Mention(hit.start(), hit.end(), "named", doc_type=doc.doc_type, title=doc.title,
                                    resolved_by="registry", level="central"))
    return out


def _find_laws(text: str) -> list[_Mention]:
    """A law cited by name: "Luật Cán bộ, công chức", "Luật Đất đai năm 2013"."""
    out = []
    for hit in _grammar()["law"].finditer(text):
        name, end, year = hit.group("name"), hit.end(), hit.group("year")
        # ", Luật ..." or ", Bộ ...": a list goes on, the name stopped at the comma
        cut = next((c for c in re.finditer(r",\s+", name) if name[c.end():c.end() + 1].isupper()), None)
        if cut:
            name, end, year = name[:cut.start()], hit.start("name") + cut.start(), None
        glued = re.search(r"(?<=\w)ngày$", name)  # "Luật tổ chức Chính phủngày 25 ...": a lost space
        if glued:
            name, end = name[:glued.start()], hit.start("name") + glued.start()
        title = f"Luật {name}" + (f" năm {year}" if year else "")
        out.append(_Mention(hit.start(), end, "named", doc_type="Luật", title=title,
                            issuer="Quốc hội", level="state", resolved_by="mention"))
    return out


# "thực hiện Đề án sắp xếp thôn, tổ dân phố trên địa bàn xã": a project
# named by its title, up to the end of its clause or the work done with it ("…, trình …", "báo cáo …")
_TITLED_PROJECT = re.compile(
    r"(?<!\w)Đề\s+án(?!\s+(?:số|này|trên|nói|của|được|đã|sẽ|phải|cần|và|do|thì|là|trình)(?!\w))[ ]+"
    r"(?P<title>[^\W\d_][^.;:\n\t()]{8,220}?)"
    r"(?=[ ]*(?:[.;:\n\t()]|$)|[ ]+và[ ]+Đề[ ]+án|(?<!của)[ ]+(?:Thường[ ]+trực|Ban[ ]+Thường[ ]+vụ|Ban[ ]+Chấp[ ]+hành)[ ]|,?[ ]+(?:trình|báo\s+cáo|trước\s+ngày|theo\s+(?:đúng\s+)?(?:quy\s+định|kế\s+hoạch|hướng\s+dẫn)"
    r"|bảo\s+đảm|đảm\s+bảo|hoàn\s+thành|để|nhằm|đã|đang|sẽ|được)(?!\w))"
)


def _find_titled_projects(text: str) -> list[_Mention]:
    """A project (Đề án) cited by its title, with no number."""
    out = []
    for hit in _TITLED_PROJECT.finditer(text):
        if PLURAL_BEFORE.search(text, max(0, hit.start() - 10), hit.start()):
            continue  # "các Đề án …": a kind, not one document
        title = "Đề án " + " ".join(hit.group("title").split())
        out.append(_Mention(hit.start(), hit.end("title"), "named", doc_type="Đề án", title=title, resolved_by="mention"))
    return out


def _find_type_issuer(text: str) -> list[_Mention]:
    """"Chương trình hành động của Tỉnh ủy ...": a specific, unnumbered document of a named body."""
    out = []
    for hit in _grammar()["type_issuer"].finditer(text):
        if PLURAL_BEFORE.search(text, max(0, hit.start() - 10), hit.start()):
            continue
        line_start = text.rfind("\n", 0, hit.start()) + 1
        if hit.start() == line_start or re.search(r"[.:;]\s*$", text[max(0, hit.start() - 3):hit.start()]):
            continue  # sentence-initial "Hướng dẫn của ..." is usually a verb phrase
        m = _Mention(hit.start(), hit.end(), "type_issuer", doc_type=hit.group("type"))
        m.end = _read_trailers(text, hit.start() + len(hit.group("type")), m)
        if m.issuer is None or m.end <= hit.end():
            continue
        m.subject = _read_subject(text, m.end)
        out.append(m)
    return out


def _find_refer_backs(text: str) -> list[_Mention]:
    g = _grammar()
    out = []
    for name, flavour in (("refer_central", "central_nq"), ("refer_congress", "congress")):
        for hit in g[name].finditer(text):
            if PLURAL_BEFORE.search(text, max(0, hit.start() - 10), hit.start()):
                continue
            out.append(_Mention(hit.start(), hit.end(), "refer", doc_type="Nghị quyết", refers_to=flavour))
    return out


def _find_alias_uses(text: str, kept: list[_Mention]) -> list[_Mention]:
    """"... (viết tắt là Nghị quyết)": later bare uses of the alias refer to that citation."""
    out = []
    for hit in _grammar()["alias_def"].finditer(text):
        alias = hit.group("alias").strip()
        before = [m for m in kept if m.end <= hit.start() and hit.start() - m.end < 400 and m.kind != "refer"]
        if not before or not re.match(r"[A-ZĐ]", alias):
            continue
        antecedent = max(before, key=lambda m: m.end)
        if not _names_a_document(alias, antecedent):
            continue  # a body's short name: "Tổ công tác thực hiện Nghị quyết 05 … (gọi tắt là Tổ công tác)"
        pattern = re.compile(rf"(?<![\w]){re.escape(alias)}(?![\w])(?!\s+(?:số|\d|Trung ương|Hội nghị|Đại hội|của|này))")
        for use in pattern.finditer(text, hit.end()):
            if PLURAL_BEFORE.search(text, max(0, use.start() - 10), use.start()):
                continue
            out.append(_Mention(use.start(), use.end(), "refer", doc_type=antecedent.doc_type,
                                refers_to=f"alias:{antecedent.start}"))
    return out


def _names_a_document(alias: str, antecedent: _Mention) -> bool:
    """An alias of a document opens with its type ("Nghị quyết", "Chương trình") or is an
    abbreviation ("NQ57"); any other short name ("Ban Chỉ đạo") names what the text defines."""
    first = alias.split()[0]
    kind = antecedent.doc_type or ""
    return (bool(kind) and fold_diacritics(alias).lower().startswith(fold_diacritics(kind).lower())) or (
        first.isupper() and len(first) > 1
    )


def _drop_overlaps(mentions: list[_Mention]) -> list[_Mention]:
    """Keep the longest, most specific mention where candidates overlap."""
    ranked = sorted(mentions, key=lambda m: (-(m.end - m.start), -m.priority, m.start))
    taken: list[_Mention] = []  # disjoint, by start: a new one need only be checked against its neighbours
    starts: list[int] = []
    for m in ranked:
        i = bisect.bisect_right(starts, m.start)
        if (i == 0 or taken[i - 1].end <= m.start) and (i == len(taken) or m.end <= taken[i].start):
            taken.insert(i, m)
            starts.insert(i, m.start)
    return taken


def _announces_itself(m: _Mention, text: str, meta: DocumentMeta, regions: Regions) -> bool:
    """A republished text's lead names the document itself ("Tỉnh ủy đã ban hành Chỉ thị số 17 về ...")."""
    if meta.number or m.start >= regions.body_start + 600 or m.kind not in ("symbol", "short"):
        return False
    if meta.doc_type and m.doc_type != meta.doc_type:
        return False
    if meta.doc_type is None and meta.issued_date is not None:
        return False  # the header said something, and not that this is a document of that type
    lead_date = m.issued_date or parse_date(text[max(0, m.start - 200):m.start])
    if meta.issued_date and lead_date and abs((meta.issued_date - lead_date).days) > 60:
        return False  # a document announced years apart from this one is another document
    if m.level in ("central", "state") and m.number:
        return False
    line_start = text.rfind("\n", 0, m.start) + 1
    before = text[max(line_start, m.start - 200):m.start]
    return any(re.search(p.pattern, before, re.IGNORECASE) for p in load_registry().implement_phrases if p.kind == "own_lead")


def _is_self_reference(m: _Mention, text: str, meta: DocumentMeta, regions: Regions) -> bool:
    if m.number and meta.number and canonical_number(meta.number) == m.number:
        return True
    if m.number and (m.start < regions.body_start or m.start < 1500):
        line_start = text.rfind("\n", 0, m.start) + 1
        if re.fullmatch(r"\s*(?:Số|số|SỐ)[:.]?\s*", text[line_start:m.start]):
            return True  # "Số 15-NQ/TU" in the header is the document's own number
    if _announces_itself(m, text, meta, regions):
        return True
    if re.match(r"\s+này\b", text[m.end:m.end + 6]):
        return True
    if m.kind == "type_issuer" and meta.doc_type and m.doc_type == meta.doc_type:
        own_level = meta.level
        if own_level is None or m.level == own_level or (meta.issuer and m.issuer and m.issuer in meta.issuer):
            return True
    return False


# --- resolving --------------------------------------------------------------------------------


def _subject_matches(subject: str | None, title: str) -> bool:
    if not subject or not title:
        return False
    a = re.findall(r"\w+", fold_diacritics(subject))[:10]
    b = re.findall(r"\w+", fold_diacritics(re.sub(r"^về\s+", "", title)))[:10]
    if not a or not b:
        return False
    shared = sum(1 for x, y in zip(a, b, strict=False) if x == y)
    return shared >= min(6, len(a), len(b))


def _resolve_plenum(m: _Mention, text: str, numbered: dict[str, list[_Mention]], reg: Registry) -> None:
    """Resolve a plenum mention from the registry, then from the document's numbered mentions (by number)."""
    if m.term is not None and m.session is not None and m.title is None:
        # Unresolved, it still names something: the plenum's documents of that type, as one graph node.
        m.title = f"{m.doc_type} Hội nghị Trung ương {m.session} khóa {m.term}"
    if m.plural or m.term is None or m.session is None:
        return
    if m.doc_type == "Nghị quyết":
        numbers = reg.plenum_resolutions(m.term, m.session)
    else:  # "Kết luận Hội nghị Trung ương 4 khóa XIII": the registry's documents of that plenum and type
        numbers = [e.number for e in reg.documents if e.term == m.term and e.plenum == m.session and e.doc_type == m.doc_type]
    entries = [e for n in numbers if (e := reg.lookup(n, term=m.term))]
    chosen = None
    by_subject = [e for e in entries if _subject_matches(m.subject, e.title)]
    if len(by_subject) == 1:
        chosen, how = by_subject[0].number, "registry"
    if chosen is None:
        alias = reg.by_alias(text[m.start:m.end]) or reg.by_alias(f"Nghị quyết Trung ương {m.session} khóa {m.term}")
        if alias is not None and (m.subject is None or _subject_matches(m.subject, alias.title)):
            chosen, how = alias.number, "registry"
    if chosen is None and len(numbers) == 1:
        chosen, how = numbers[0], "registry"
    if chosen is None:
        in_doc = {n.number for number in numbers for n in numbered.get(number, ()) if n.level == "central"
                  and (n.term in (None, m.term)) and (n.issued_date is None or reg.lookup(n.number, year=n.issued_date.year, term=m.term))}
        if len(in_doc) == 1:
            chosen, how = in_doc.pop(), "earlier_mention"
    if chosen is not None:
        m.number = chosen
        m.resolved_by = how
        m.title = None


def _resolve_short(m: _Mention, numbered: list[_Mention]) -> None:
    """"Nghị quyết số 57" takes the number of the full mention of that type and number in the document:
    an earlier one first; else a later one ("Nghị quyết số 57" in a headline, "Nghị quyết số 57-NQ/TW,
    ngày 22/12/2024 ..." in the text) — only when exactly one document fits."""
    if m.number or m.short_number is None:
        return
    value = int(m.short_number)
    same = [n for n in numbered
            if n.number and n.doc_type == m.doc_type and _same_issuer(n.issuer, m.issuer) and re.match(r"\d+", n.number)
            and int(re.match(r"\d+", n.number).group()) == value]
    earlier = {n.number for n in same if n.start < m.start}
    if len(earlier) == 1:
        m.number, m.resolved_by = earlier.pop(), "earlier_mention"
        return
    later = {n.number for n in same if n.start > m.start}
    if not earlier and len(later) == 1:
        m.number, m.resolved_by = later.pop(), "later_mention"


def _enrich_from_registry(m: _Mention, reg: Registry, meta: DocumentMeta) -> None:
    if not m.number or m.level not in ("central", "state"):
        return
    issuer = m.issuer if m.issuer not in (None, "Trung ương") else None
    entry = reg.lookup(m.number, year=m.issued_date.year if m.issued_date else None, term=m.term, issuer=issuer)
    if entry is None:
        return
    if meta.issued_date is not None and entry.date > meta.issued_date:
        return  # a document cannot cite one issued after it: another document with this symbol
    if m.issued_date is None:
        m.issued_date = entry.date
    m.term = m.term or entry.term
    if m.issuer in (None, "Trung ương"):
        m.issuer = entry.issuer
    m.doc_type = m.doc_type or entry.doc_type
    if m.resolved_by is None:
        m.resolved_by = "registry"


def _unify_within_document(mentions: list[_Mention]) -> None:
    """Mentions of one number share what any of them printed (date, term, issuer, locality)."""
    groups: dict[str, list[_Mention]] = {}
    for m in mentions:
        if m.number:
            groups.setdefault(m.number, []).append(m)
    for group in groups.values():
        years = {m.issued_date.year for m in group if m.issued_date}
        if len(years) > 1:
            continue  # two different documents with the same symbol: leave them apart
        for m in group:
            # Only mentions whose printed issuers agree describe the same document.
            peers = [p for p in group if _same_issuer(p.issuer, m.issuer)]
            m.issued_date = m.issued_date or next((p.issued_date for p in peers if p.issued_date), None)
            m.term = m.term or next((p.term for p in peers if p.term), None)
            m.locality = m.locality or next((p.locality for p in peers if p.locality), None)
            if m.issuer in (None, "Trung ương"):
                m.issuer = next((p.issuer for p in peers if p.issuer and p.issuer != "Trung ương"), m.issuer)


def _same_issuer(a: str | None, b: str | None) -> bool:
    """Printed issuers that can name the same document ("Trung ương" or nothing fits any)."""
    return a is None or b is None or a == b or "Trung ương" in (a, b)


def _resolve_refer(m: _Mention, resolved: list[_Mention]) -> _Mention | None:
    """The earlier citation a refer-back ("Nghị quyết của Trung ương") points to."""
    if m.refers_to == "central_nq":
        central = [r for r in resolved if r.doc_type == "Nghị quyết" and r.level == "central" and r.number and r.kind != "refer"]
        implemented = [r for r in central if r.relation == "implements"]
        pool = implemented or [r for r in central if r.start < m.start]
        numbers = {r.number for r in pool}
        if len(numbers) == 1:
            return pool[0]
        earlier = [r for r in pool if r.start < m.start]
        return max(earlier, key=lambda r: r.start) if earlier else None
    if m.refers_to == "congress":
        congresses = [r for r in resolved if r.kind == "congress" and r.start < m.start and not r.plural]
        return congresses[0] if congresses else None
    if m.refers_to and m.refers_to.startswith("alias:"):
        anchor = int(m.refers_to.split(":", 1)[1])
        return next((r for r in resolved if r.start == anchor), None)
    return None


_FIRST_HEADING = re.compile(r"\n\s*(?:[IVX]+\s*[.\-–):]|\d{1,2}\s*[.)]|[A-Z]\s*[.)]|Phần thứ|PHẦN|Chương\s+[IVX\d])")


@lru_cache(maxsize=1)
def _implement_grammar() -> dict[str, re.Pattern]:
    """The `implements` trigger, compiled from the phrase lists in citation_vocab.yaml."""
    phrases = load_registry().implement_phrases

    def alt(kind: str) -> str:
        return "|".join(f"(?:{p.pattern})" for p in phrases if p.kind == kind) or r"(?!x)x"

    verb = rf"(?<!\w)(?:{alt('verb')})(?:(?:\s*,\s*|\s+và\s+|\s+)(?:{alt('modifier')}))*"
    return {
        # a chain of verbs of carrying out that ends right before the mention
        "chain": re.compile(rf"{verb}(?:\s*(?:,\s*và|,|và)\s+{verb})*\s*[“\"]?\s*$", re.IGNORECASE),
        "background": re.compile(rf"(?<!\w)(?:{alt('background')})(?!\w)", re.IGNORECASE),
        "before_verb": re.compile(rf"(?<!\w)(?:{alt('before_verb')})", re.IGNORECASE),
        "new_clause": re.compile(rf"(?<!\w)(?:{alt('new_clause')})(?!\w)", re.IGNORECASE),
    }


def _describes_earlier(gap: str) -> bool:
    """The text between an earlier mention and a verb chain makes the chain part of that mention:
    nothing ("Kế hoạch số 25-KH/TU ... thực hiện Kết luận ..."), or its subject ("... về việc tiếp tục
    thực hiện Chỉ thị ...") unless a new clause starts there ("..., Tỉnh ủy ban hành kế hoạch thực hiện ...")."""
    if re.fullmatch(r"[\s“”\"]*", gap):
        return True
    subject = re.match(r"[\s,“”\"]*(?:về|v/v)\s", gap, re.IGNORECASE)
    return subject is not None and _implement_grammar()["new_clause"].search(gap) is None


def _implement_trigger(m: _Mention, text: str, sentence_start: int, earlier: list[_Mention]) -> bool:
    """A chain of carrying-out verbs right before the mention, in a sentence that is not about the past."""
    g = _implement_grammar()
    window_start = max(sentence_start, m.start - 300)
    chain = g["chain"].search(text, window_start, m.start)
    if chain is None:
        return False
    before = text[sentence_start:chain.start()]
    if g["background"].search(before) or g["before_verb"].search(before):
        return False
    nearest = max((p for p in earlier if sentence_start <= p.end <= chain.start()), key=lambda p: p.end, default=None)
    return nearest is None or not _describes_earlier(text[nearest.end:chain.start()])


def _mark_implements(mentions: list[_Mention], text: str, regions: Regions) -> None:
    """`implements` for what the title or the opening (before the first heading) says it carries out."""
    opening_end = _opening_end(text, regions.body_start)
    previous: _Mention | None = None
    for index, m in enumerate(mentions):
        # Only the opening can trigger: the backward scans stay out of a long body line (linear time).
        triggered = m.start < opening_end and _implement_trigger(m, text, _sentence_start(text, m.start), mentions[:index])
        chained = (
            previous is not None
            and previous.relation == "implements"
            and re.fullmatch(r"\s*(?:,|;|và|cùng)\s*(?:các\s+)?", text[previous.end:m.start]) is not None
        )
        if triggered or chained:
            m.relation = "implements"
        previous = m


def _sentence_start(text: str, pos: int) -> int:
    line_start = text.rfind("\n", 0, pos) + 1
    return max(line_start, text.rfind(";", line_start, pos) + 1, text.rfind(". ", line_start, pos) + 1)


def _opening_end(text: str, body_start: int) -> int:
    """End of the preamble: the body up to its first numbered heading (at most 2,000 characters).
    A text without a header (a news report) has only its lead paragraph for one."""
    if body_start == 0 and not _FIRST_HEADING.match(text):
        lead_end = text.find("\n")
        return len(text) if lead_end < 0 else lead_end
    limit = min(len(text), body_start + 2000)
    heading = _FIRST_HEADING.search(text, max(0, body_start - 1), limit)
    return heading.start() if heading else limit


def _context(text: str, start: int, end: int) -> str:
    """The sentence around a mention (bounded, so long paragraphs stay readable)."""
    # Searches bounded to the 300 characters kept: a long line costs no more per mention.
    left = max(text.rfind("\n", max(0, start - 400), start), max((text.rfind(p, max(0, start - 400), start) for p in (". ", "; ")), default=-1))
    left = max(left + 1, start - 300)
    right_candidates = [i for i in (text.find("\n", end, end + 301), text.find(". ", end, end + 302)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    right = min(right + 1, end + 300)
    return text[left:right].strip()


_LEVEL_RANK = {"central": 0, "province": 1, "bloc": 1, "district": 2, "grassroots": 3}


def _finalize(m: _Mention, meta: DocumentMeta) -> None:
    if m.number and re.search(r"UBND|HĐND", m.number) and m.locality is None:
        m.locality = meta.locality
    if m.level in LOCAL_LEVELS and m.locality is None and _LEVEL_RANK.get(m.level, 9) >= _LEVEL_RANK.get(meta.level or "", 0):
        # A body of the citing document's level or below shares its locality; a province
        # document cited from a district one belongs to a province the text does not name.
        m.locality = meta.locality
    if m.kind == "congress" and m.level == "local" and m.locality is None:
        m.locality = meta.locality
    year = m.issued_date.year if m.issued_date else None
    m.target = make_target(m.number, year=year, term=m.term, locality=m.locality, title=m.title,
                           local_title=m.kind == "congress" and m.level == "local")


def find_citations(text: str, meta: DocumentMeta, regions: Regions) -> list[Citation]:
    """Every mention of another document in the normalized text, resolved where text or registry allow."""
    reg = load_registry()
    kept = _mentions_kept(text, meta, regions)
    numbered = [m for m in kept if m.number]
    for m in kept:
        if m.kind == "short":
            _resolve_short(m, numbered)
    _unify_within_document(kept)
    _resolve_plenums(kept, text, reg)
    for m in kept:
        if m.number and m.level is None:
            m.level = _level_of_suffix(_party_suffix(m.number)) or "state"
        _enrich_from_registry(m, reg, meta)
    _unify_within_document(kept)
    _mark_implements(kept, text, regions)
    kept = _resolve_refer_backs(kept)
    _finalize_mentions(kept, meta)
    return assign_relation_types(text, _citations(text, kept), meta.doc_type)


def _mentions_kept(text: str, meta: DocumentMeta, regions: Regions) -> list[_Mention]:
    """The mentions of every kind, the longest kept where they overlap, with the later uses of an
    alias and one mention per listed number, less the document's mentions of itself."""
    shorts = _find_short(text)
    candidates = (
        _find_symbols(text)
        + shorts
        + _find_plenums(text, meta)
        + _find_congresses(text)
        + _find_named(text)
        + _find_laws(text)
        + _find_titled_projects(text)
        + _find_type_issuer(text)
        + _find_refer_backs(text)
    )
    kept = _drop_overlaps(candidates)
    kept = _drop_overlaps(kept + _find_alias_uses(text, kept))
    kept = _with_number_lists(text, kept, sorted({m.start for m in shorts}))
    return [m for m in kept if not _is_self_reference(m, text, meta, regions)]


def _resolve_plenums(kept: list[_Mention], text: str, reg: Registry) -> None:
    """Plenum mentions resolved from the registry, then from the document's numbered mentions."""
    plenums = [m for m in kept if m.kind == "plenum"]
    for m in plenums:  # first from the mention and the registry alone ...
        _resolve_plenum(m, text, {}, reg)
    # kept up to date as plenums resolve: one pass, not one per plenum
    by_number: dict[str, list[_Mention]] = {}
    for n in kept:
        if n.number:
            by_number.setdefault(n.number, []).append(n)
    for m in plenums:  # ... then from the other mentions in the document
        if m.number is None:
            _resolve_plenum(m, text, by_number, reg)
            if m.number:
                by_number.setdefault(m.number, []).append(m)


def _resolve_refer_backs(kept: list[_Mention]) -> list[_Mention]:
    """Refer-backs ("Nghị quyết của Trung ương") take the fields of the earlier mention they
    refer to; those that refer to none are dropped."""
    for m in kept:
        if m.kind == "refer":
            antecedent = _resolve_refer(m, kept)
            if antecedent is None:
                continue
            for attr in ("doc_type", "number", "issued_date", "issuer", "level", "locality", "term", "title"):
                if hasattr(antecedent, attr):
                    setattr(m, attr, getattr(antecedent, attr))
            m.resolved_by = "earlier_mention"
            m.refers_to = f"resolved:{antecedent.start}"
    return [m for m in kept if m.kind != "refer" or (m.refers_to or "").startswith("resolved:")]


def _finalize_mentions(kept: list[_Mention], meta: DocumentMeta) -> None:
    """Each mention's locality and target; a refer-back shares its antecedent's target."""
    for m in kept:
        if m.kind == "refer":
            antecedent = next(r for r in kept if r.start == int(m.refers_to.split(":")[1]))
            m.target = antecedent.target if antecedent.target else None
            if m.target is None:
                _finalize(antecedent, meta)
                m.target = antecedent.target
        else:
            _finalize(m, meta)


def _citations(text: str, kept: list[_Mention]) -> list[Citation]:
    """The mentions as citations, in order."""
    # One relation per cited document: if the text implements it anywhere, every mention says so.
    implemented = {m.target for m in kept if m.relation == "implements" and m.target}
    citations = []
    for m in kept:
        relation = (
            "implements" if m.relation == "implements" or (m.target and m.target in implemented) else "cites"
        )
        citations.append(
            Citation(
                mention=text[m.start : m.end],
                start=m.start,
                end=m.end,
                doc_type=m.doc_type,
                number=m.number,
                issued_date=m.issued_date,
                issuer=m.issuer,
                term=m.term,
                subject=m.subject,
                title=m.title,
                target=m.target,
                relation=relation,
                resolved_by=m.resolved_by if (m.number or m.title) else None,
                context=_context(text, m.start, m.end),
            )
        )
    return citations
