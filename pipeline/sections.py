"""Sections stage: the body's section tree, built from the document's own numbering.

Directives number their parts in many ways ("Phần thứ hai", "I-", "II.", "1.", "1/-",
"1-", "1.1.", "a)", "a)-"); bullets ("-", "+", "*", "(1)") are leaves, never sections.
Each numbering style gets a depth the first time it appears under its parent; when
a style seen above comes back, the tree climbs back to that depth.  Each node knows
whether it assigns work ("task"), describes background/goals ("non_task") or neither
("neutral") — keywords are data in ``pipeline/data/sections.yaml``.

Paths follow the numbers as printed: "III.2.b"; a "1.2." under "1." adds "2".  A part
("Phần thứ ba") is a node with path "P3" and is the `parent` of its top sections, but it
is not a path component: tasks under it read "III.1.1", as the gold annotations write
them (Roman numbering restarts in every part, so paths are unique only within a part).

A numbered line either heads a block ("2. Về công tác cán bộ:") or is itself a directive
("1. Ban Tuyên giáo Tỉnh ủy hướng dẫn ..."): a directive line has an empty `heading`.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import (
    AND_EQUIVALENTS,
    BYLINE,
    OCR_TOP_HEADING,
    SPREAD_OVER,
    Marker,
    data_yaml,
    roman_value,
    split_marker,
    to_roman,
)
from .model import Regions, Section
from .structure import text_lines


def iter_lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty line of text[start:end]."""
    return ((s, e) for s, e, line in text_lines(text, start, end) if line.strip())


# ------------------------------------------------------------------ kinds


@lru_cache(maxsize=1)
def section_keywords() -> dict:
    """The parsed sections.yaml (cached)."""
    return data_yaml("sections.yaml")


@lru_cache(maxsize=1)
def _keyword_regex() -> tuple[re.Pattern, dict[str, str]]:
    data = section_keywords()
    kinds: dict[str, str] = {}
    for kind in ("task", "non_task"):
        for entry in data[kind]:
            kinds[entry["keyword"].lower()] = kind
    words = sorted(kinds, key=len, reverse=True)
    rx = re.compile(
        r"(?<!\w)(" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + r")(?!\w)", re.I
    )
    return rx, kinds


_TITLE_LEAD = re.compile(
    r"\s*(?:(?:một\s+số|các|những|về|chủ\s+yếu|công\s+tác|phần|đánh\s+giá)\s+)*", re.IGNORECASE
)
_ENUM_GAP = re.compile(r"\s*(?:,|;|và|/|-|–)\s*(?:và\s+)?", re.I)


def heading_kind(heading: str, title: bool = False) -> str:
    """ "task", "non_task" or "neutral" for a heading, by its keywords (see sections.yaml)."""
    rx, kinds = _keyword_regex()
    hits = [(m, kinds[" ".join(m.group(1).lower().split())]) for m in rx.finditer(heading)]
    if not hits:
        return "neutral"
    # A title names its topic first ("Một số nhiệm vụ ...", "ĐÁNH GIÁ TÌNH HÌNH"); a directive
    # line that merely mentions "kiểm tra" or "kết quả" later on is not a title.
    # `title`: the heading of a part or a Roman section, always a title wherever the keyword is.
    if not (title or is_upper_line(heading) or _TITLE_LEAD.fullmatch(heading, 0, hits[0][0].start())):
        return "neutral"
    found = {k for _, k in hits}
    if len(found) == 2:
        for (a, ka), (b, kb) in zip(hits, hits[1:], strict=False):
            if ka != kb and _ENUM_GAP.fullmatch(heading, a.end(), b.start()):
                return "neutral"
    return hits[0][1]


# ------------------------------------------------------------------ tree


@dataclass
class _Node:
    marker: Marker
    line_start: int
    line_end: int
    level: int
    parent: _Node | None
    path: str = ""
    end: int = 0
    heading: str = ""
    heading_start: int = 0
    heading_end: int = 0
    kind: str = "neutral"
    children: list[_Node] = field(default_factory=list)
    has_content: bool = False  # non-empty lines between the heading line and the first child


_SENTENCE_END = re.compile(r"[.!?…]\s+(?=[^\W\d_])")


def has_sentence_break(s: str) -> bool:
    """True when a sentence ends inside `s` and another starts (capital letter after ". ")."""
    return any(s[m.end()].isupper() for m in _SENTENCE_END.finditer(s))


def is_upper_line(s: str) -> bool:
    """A line written in capitals ("TỔ CHỨC THỰC HIỆN:")."""
    # Stops at the first letter that is not a capital (most lines: the second one); C loops only.
    if not all(map(str.isupper, filter(str.isalpha, s))):
        return False
    return sum(map(str.isalpha, s)) >= 3


_FOOTER_LINE = re.compile(r"^(?:Nơi nhận|NƠI NHẬN)\s*:?", re.M)


def _component(node: _Node, parent: _Node | None) -> str:
    m = node.marker
    if m.style.startswith("decimal") and parent is not None:
        head, _, last = m.component.rpartition(".")
        if parent.marker.component == head or parent.path.endswith("." + head) or parent.path == head:
            return last
    return m.component


def _is_first(m: Marker) -> bool:
    return m.value[-1] == 1


def _lettered_part(marker: Marker, line: str) -> bool:
    """ "A. NỘI DUNG TRÌNH BAN CHẤP HÀNH": a capital-letter part whose Roman headings start at I."""
    return marker.style == "uletter" and is_upper_line(line[marker.length :])


_MAX_TOP_HEADINGS = 40  # a directive has a handful of top parts; thousands are not OCR damage to repair


def _top_headings(text: str, lines: list[tuple[int, int]]) -> dict[int, Marker]:
    """Roman top headings renumbered where OCR damaged them ("I-, I-, II-, IV-", "HI-", "1-").

    Only capitalised headings count, and only in a document with a cleanly printed Roman one;
    a "1-" counts only right before a clean "II-". A printed number that does not go up, or
    does not read, takes the next one; a gap that goes up ("II" then "IV") stays as printed.
    """
    found: list[tuple[int, re.Match | None, int | None]] = []  # a None match: a part starts
    for ls, le in lines:
        line = text[ls:le]
        part = split_marker(line)
        if part is not None and (part.style == "part" or _lettered_part(part, line)):
            found.append((ls, None, None))  # Roman numbering restarts in every part
            continue
        m = OCR_TOP_HEADING.match(line)
        if m and len(line) - m.end() >= 4 and is_upper_line(line[m.end() :]):
            token = m.group("v")
            found.append((ls, m, roman_value(token) if set(token) <= set("IVXL") else None))
    found = [
        f
        for i, f in enumerate(found)
        if f[1] is None or f[1].group("v") != "1" or (i + 1 < len(found) and found[i + 1][2] == 2)
    ]
    headings = [f for f in found if f[1] is not None]
    if not any(v is not None for _, _, v in headings) or not 2 <= len(headings) <= _MAX_TOP_HEADINGS:
        return {}
    out: dict[int, Marker] = {}
    last = 0
    for ls, m, value in found:
        if m is None:
            last = 0
            continue
        value = value if value is not None and value > last else last + 1
        out[ls] = Marker("roman", m.group(0).strip(), (value,), m.end(), to_roman(value))
        last = value
    return out


_BYLINE = re.compile(BYLINE)


def _build(text: str, start: int, end: int) -> list[_Node]:
    nodes: list[_Node] = []
    stack: list[_Node] = []
    lines = list(iter_lines(text, start, end))
    renumbered = _top_headings(text, lines)
    for ls, le in lines:
        line = text[ls:le]
        marker = renumbered.get(ls) or (split_marker(line) if not _BYLINE.fullmatch(line.strip()) else None)
        if marker is None or marker.style == "bullet":
            if stack:
                top = stack[-1]
                if not top.children:
                    top.has_content = True
            continue
        styles = [n.marker.style for n in stack]
        if marker.style == "part":
            stack = []
        elif marker.style in ("chapter", "article"):
            # chapters and articles number on through the document: they close everything below
            # them ("Điều 10" after "Điều 9. 3." closes "9" and "3"), whatever was seen first
            keep = ("part",) if marker.style == "chapter" else ("part", "chapter")
            stack = [n for n in stack if n.marker.style in keep]
        elif marker.style in styles:
            stack = stack[: styles.index(marker.style)]
        elif stack and not _is_first(marker) and _above_a_lost_start(stack, marker, line):
            stack = []  # a text that starts part-way (pages lost, an excerpt): "III - …" after "2.2."
        elif stack and not _is_first(marker):
            # A number that cannot open a new level: plain text ("5. " inside a paragraph list).
            if stack and not stack[-1].children:
                stack[-1].has_content = True
            continue
        parent = stack[-1] if stack else None
        node = _Node(marker=marker, line_start=ls, line_end=le, level=len(stack) + 1, parent=parent)
        comp = _component(node, parent)
        # A part ("Phần thứ ba") is a node but not a path component: gold writes "III.1.1".
        node.path = f"{parent.path}.{comp}" if parent and parent.marker.style != "part" else comp
        if parent:
            parent.children.append(node)
        nodes.append(node)
        stack.append(node)
    return nodes


def _above_a_lost_start(stack: list[_Node], marker: Marker, line: str) -> bool:
    """A heading of a level above everything read so far, in a text whose first headings were
    lost: a capitalised Roman one ("III - PHƯƠNG HƯỚNG") where none came before, or the number
    after the one a decimal path implies ("2." after "1.3.")."""
    if marker.style == "roman":
        return all(n.marker.style != "roman" for n in stack) and is_upper_line(line[marker.length :])
    bottom = stack[0].marker
    return marker.style == "arabic" and bottom.style.startswith("decimal") and marker.value[0] == bottom.value[0] + 1


def _close_spans(nodes: list[_Node], end: int) -> None:
    for i, node in enumerate(nodes):
        node.end = end
        for later in nodes[i + 1 :]:
            if later.level <= node.level:
                node.end = later.line_start
                break


_SUBJECT_LEAD = re.compile(r"(?:(?:giao|đề\s+nghị|yêu\s+cầu|các|từng|mỗi)\s+)*", re.IGNORECASE)


def _starts_with_subject(line: str) -> bool:
    """ "Ban Nội chính Tỉnh ủy theo dõi, đôn đốc ...": a body followed by what it must do."""
    from .bodies import find_bodies  # bodies never imports sections: no cycle

    lead = _SUBJECT_LEAD.match(line)
    mentions = find_bodies(line[:160])
    if not mentions or mentions[0].start != lead.end():
        return False
    end = mentions[0].end
    for m in mentions[1:]:  # a list of bodies ("X, các Y và Z") is one subject
        if m.start < end or not _LIST_GAP.fullmatch(line, end, m.start):
            break
        end = m.end
    rest = AND_EQUIVALENTS.sub("", SPREAD_OVER.sub("", line[end:].rstrip(" ,.:;"))).strip(" ,.:;")
    return len(rest.split()) >= 3


_LIST_GAP = re.compile(r"\s*(?:[,;]|\bvà\b|\bcùng\b)\s*(?:(?:các|những)\s+)?", re.IGNORECASE)


def _decide_headings(text: str, nodes: list[_Node]) -> None:
    """Heading line or directive line? Decided by evidence, sibling group by sibling group."""
    groups: dict[int, list[_Node]] = {}
    for node in nodes:
        groups.setdefault(id(node.parent), []).append(node)
    for group in groups.values():
        followed = [n.has_content or bool(n.children) for n in group]
        mostly_bare = sum(not f for f in followed) * 2 > len(group)
        for node, has_following in zip(group, followed, strict=True):
            line = text[node.line_start : node.line_end]
            body = line[node.marker.length :].strip()
            hs = node.line_start + node.marker.length
            is_heading = True
            if node.marker.style in {"arabic", "arabic_paren", "letter", "decimal2", "decimal3"} and body:
                if body.endswith(":") or is_upper_line(body) or node.children:
                    is_heading = True
                elif not has_following or mostly_bare or _starts_with_subject(body):
                    is_heading = False
                else:
                    is_heading = not (has_sentence_break(body.rstrip(".")) or len(body) > 300)
            if is_heading:
                node.heading = body
                node.heading_start = hs + (
                    len(line[node.marker.length :]) - len(line[node.marker.length :].lstrip())
                )
                node.heading_end = node.heading_start + len(body)
            else:
                node.heading = ""
                node.heading_start = node.heading_end = hs


def _part_titles(text: str, nodes: list[_Node]) -> None:
    """ "Phần thứ nhất", "Chương III" are often followed by their title on the next line in capitals."""
    for node in nodes:
        if node.marker.style not in ("part", "chapter") or node.heading:
            continue
        for ls, le in iter_lines(text, node.line_end, node.end):
            line = text[ls:le]
            if split_marker(line) is None and is_upper_line(line):
                node.heading, node.heading_start, node.heading_end = line.strip(), ls, le
            break


@lru_cache(maxsize=1)
def _assessment_rules() -> tuple[re.Pattern | None, re.Pattern | None]:
    data = section_keywords()
    patterns = [e["pattern"] for e in data.get("assessment_headings", [])]
    opening = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None
    cue = data.get("directive_heading_cues")
    return opening, re.compile(cue, re.IGNORECASE) if cue else None


def is_assessment_heading(heading: str) -> bool:
    """A heading sentence that reviews the past ("Thời gian qua, ... đạt được một số kết quả
    sau:") and asks for no work: its items are achievements, not tasks."""
    opening, cue = _assessment_rules()
    if opening is None or not opening.match(heading.strip()):
        return False
    return not (cue and cue.search(heading))


def _assign_kinds(text: str, nodes: list[_Node]) -> None:
    if any(n.marker.style == "article" for n in nodes):
        _assign_article_kinds(text, nodes)
        return
    for node in nodes:  # parents come before children
        parent_kind = node.parent.kind if node.parent else "neutral"
        if parent_kind != "neutral":
            node.kind = parent_kind
            if parent_kind == "task" and node.heading and _states_aims(node.heading):
                node.kind = "non_task"  # "Phương hướng, nhiệm vụ năm 2026" then "I. Mục tiêu": aims, not work
            elif node.heading and _mixed_heading(node.parent.heading):
                # "I- Tán thành … đánh giá kết quả …; định hướng và nhiệm vụ …" covers both kinds:
                # its parts say which they are ("1. Kết quả thực hiện …"), the others inherit
                own = heading_kind(node.heading, title=node.marker.style in {"part", "roman", "uletter"})
                node.kind = own if own != "neutral" else parent_kind
        elif node.heading and is_assessment_heading(node.heading):
            node.kind = "non_task"
        elif node.heading:
            node.kind = heading_kind(node.heading, title=node.marker.style in {"part", "roman", "uletter"})
        else:
            node.kind = "neutral"


def _states_aims(heading: str) -> bool:
    """A heading that is only aims ("Mục tiêu", "Quan điểm, mục tiêu", "Mục tiêu cụ thể"), under a part of work."""
    return aims_heading().fullmatch(heading.strip(" .")) is not None


def _mixed_heading(heading: str) -> bool:
    """A heading naming both parts to assess and parts of work ("… đánh giá kết quả …, phương hướng,
    nhiệm vụ …")."""
    rx, kinds = _keyword_regex()
    return len({kinds[" ".join(m.group(1).lower().split())] for m in rx.finditer(heading)}) == 2


@lru_cache(maxsize=1)
def aims_heading() -> re.Pattern:
    """Headings that only state aims (sections.yaml `aims_under_work`)."""
    return re.compile(section_keywords()["aims_under_work"]["pattern"], re.IGNORECASE)


@lru_cache(maxsize=1)
def implementation_heading() -> re.Pattern:
    """The headings of the chapters and articles that organise a Quy định's implementation."""
    return re.compile(section_keywords()["implementation_articles"]["pattern"], re.IGNORECASE)


def _assign_article_kinds(text: str, nodes: list[_Node]) -> None:
    """A text in chapters and articles (a Quy định, a Quy chế): only the chapters and articles
    that organise the implementation bear tasks (the others state norms: scope, criteria,
    procedure); everything inside a node shares its kind."""
    for node in nodes:  # parents come before children
        if node.marker.style in ("chapter", "article"):
            chapter_task = node.parent is not None and node.parent.kind == "task"
            # ("Điều 2." alone on its line: any line of its text may say so)
            headings = [node.heading] if node.heading else _lines_below(text, node)
            implements = any(implementation_heading().search(h) for h in headings)
            node.kind = "task" if implements or chapter_task else "non_task"
        else:
            node.kind = node.parent.kind if node.parent else "non_task"


def _lines_below(text: str, node: _Node) -> list[str]:
    """The lines of a node's text under its marker line."""
    return [text[ls:le].strip() for ls, le in iter_lines(text, node.line_end, node.end)]


def parse_sections(text: str, regions: Regions | None = None) -> list[Section]:
    """The section tree of the body, in document order (parents before children)."""
    start = regions.body_start if regions else 0
    end = regions.body_end if regions else len(text)
    if regions is None or (regions.body_start == 0 and regions.body_end == len(text)):
        footer = _FOOTER_LINE.search(text, start, end)
        if footer:
            end = footer.start()
    nodes = _build(text, start, end)
    _close_spans(nodes, end)
    _decide_headings(text, nodes)
    _part_titles(text, nodes)
    _assign_kinds(text, nodes)
    out = []
    for node in nodes:
        send = node.end
        while send > node.line_start and text[send - 1] in " \t\n":
            send -= 1
        out.append(
            Section(
                path=node.path,
                marker=node.marker.printed,
                heading=node.heading,
                level=node.level,
                start=node.line_start,
                end=send,
                heading_start=node.heading_start,
                heading_end=node.heading_end,
                kind=node.kind,
                parent=node.parent.path if node.parent else None,
            )
        )
    return out


def innermost_section(sections: list[Section], pos: int) -> Section | None:
    """The deepest section whose span contains `pos`."""
    best = None
    for s in sections:
        if s.start <= pos < max(s.end, s.start + 1) and (best is None or s.level > best.level):
            best = s
    return best


def section_finder(sections: list[Section]) -> Callable[[int], Section | None]:
    """`innermost_section` for many positions: O(log n) each after one sweep, not O(n) each.

    The answer only changes at a section's start or end, so it is computed once per
    stretch between those points (deepest level first, then list order, as above).
    """
    spans = [(s.start, max(s.end, s.start + 1)) for s in sections]
    points = sorted({p for span in spans for p in span})
    order = sorted(range(len(sections)), key=lambda i: spans[i][0])
    active: list[tuple[int, int]] = []  # heap of (-level, index); expired ones leave lazily
    answers: list[Section | None] = []
    j = 0
    for point in points:
        while j < len(order) and spans[order[j]][0] <= point:
            heapq.heappush(active, (-sections[order[j]].level, order[j]))
            j += 1
        while active and spans[active[0][1]][1] <= point:
            heapq.heappop(active)
        answers.append(sections[active[0][1]] if active else None)

    def find(pos: int) -> Section | None:
        index = bisect.bisect_right(points, pos) - 1
        return answers[index] if index >= 0 else None

    return find
