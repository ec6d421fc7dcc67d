"""Tasks stage: the directive items of task-bearing sections, with who leads and by when.

The unit is the leaf item (spec and gold): each bullet or paragraph under the innermost
heading, or a numbered line that carries its own directive text.  Headings give context
to the items below them: a heading that is a body ("b) Ban Dân vận Huyện ủy:"), names an
agent ("Tăng cường sự lãnh đạo, chỉ đạo của cấp ủy cấp trên"), an intro line naming an
implementer ("Đảng ủy khối ... cần chú trọng thực hiện tốt các vấn đề sau đây:") or an
attribute line ("Chủ trì: ...", "Phối hợp: ...") supplies bodies to items without a
subject; a heading or a schedule line ("Thời gian: trong tháng 10/2013") supplies the
deadline to items without their own.  Closing formulas, attribute lines and assessments
("Cơ bản thống nhất với báo cáo ...") are not tasks.

Responsible bodies are subjects: a body list at the start of a clause (after optional
"Giao", "Các", "Từng", an adverbial "Hằng năm,") followed by a predicate, never one
after "của", "giúp", "báo cáo", "theo hướng dẫn của" (objects and sources); "X yêu cầu /
đề nghị / giao Y ..." hands the work to Y.  `coordinating` are the bodies of "phối hợp
với ..." next to a subject.  Deadlines come from pipeline.temporal: a due-marked dated
expression ("hoàn thành trong Quý III/2016") before a bare one, never a cited document's
subject ("Nghị quyết số 05-NQ/TU về ... đến năm 2010"), plus the duty's recurrence.

A document without numbered sections (a web republication, a news report of a decision)
yields its bullets, the paragraphs after an intro line, and the paragraphs that hand out
work on their own: "X yêu cầu / đề nghị / giao Y ..." (Y leads, whatever follows it), a
subject told to act ("Các cấp ủy ... từ tỉnh đến cơ sở tổ chức ..."), a due line
("Thời gian hoàn thành ..., chậm nhất ngày ..."); background ("Trong những năm qua, ...")
never.

Patterns are data: ``pipeline/data/tasks.yaml``.  Rules are regular expressions over the
words around each body mention; underthesea ``pos_tag`` runs only on ~30-character windows
to break the one ambiguous case (a body after a comma: subject or listed object?), so a
whole extraction costs about 0.3× one ``word_tokenize`` pass (``python -m pipeline bench``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, lru_cache
from importlib import resources

import yaml
from underthesea import pos_tag  # POS tags only break ties for subjects after a comma

from .bodies import find_bodies, merge_variants, qualify
from .model import BodyMention, Citation, Deadline, DocumentMeta, Section, Task
from .normalize import fold_diacritics
from .scan import SpanSet, last_end, lookback
from .sections import is_upper_line, iter_lines, section_finder, split_marker
from .temporal import find_time_expressions, is_citation_date

# ------------------------------------------------------------------ knowledge


@lru_cache(maxsize=1)
def task_rules() -> dict:
    """The parsed tasks.yaml (cached)."""
    with resources.files("pipeline.data").joinpath("tasks.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@cache
def rule(name: str) -> re.Pattern:
    """One compiled rule of tasks.yaml (its entries' patterns joined)."""
    patterns = [e["pattern"] for e in task_rules()[name]]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE | re.MULTILINE)


@lru_cache(maxsize=1)
def _gap() -> re.Pattern:
    sep, filler = rule("list_separator").pattern, rule("list_filler").pattern
    return re.compile(rf"(?:{sep}|{filler})+", re.IGNORECASE)


@lru_cache(maxsize=1)
def _prefix_only() -> re.Pattern:
    return re.compile(rf"(?:(?:{rule('subject_prefix').pattern})\s*,?\s*)*", re.IGNORECASE)


@lru_cache(maxsize=1)
def _after_subject() -> re.Pattern:
    """What may stand between a subject list and its predicate: parentheses, fillers, a comma."""
    sep, filler = rule("list_separator").pattern, rule("list_filler").pattern
    scope = rule("subject_scope").pattern
    return re.compile(
        rf"(?:\s*\([^)]*\)|\s+có\s+thẩm\s+quyền|{scope}|(?:{sep})(?:{filler})(?:\s+cơ\s+sở)?)*\s*[,:]?\s*",
        re.IGNORECASE,
    )


_NEAR_SUBJECT = re.compile(
    r"\s*(?:\([^)]*\)\s*)?:?(?:,?\s*(?:chủ\s+trì|phải|cần|có\s+trách\s+nhiệm|sẽ|tiếp\s+tục|chủ\s+động)\s*,?\s*)*",
    re.IGNORECASE,
)
_DELEGATE_GAP = re.compile(r"(?:\s*(?:các|những|cho)\s+)*\s*", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.!?;:](?=\s|$)|\n")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
_WORD = re.compile(r"[^\W\d_]")
_DOC_SUBJECT = re.compile(
    r"(?:Nghị\s+quyết|Chỉ\s+thị|Kết\s+luận|Quy\s+định|Kế\s+hoạch|Chương\s+trình|Đề\s+án|Hướng\s+dẫn|Quyết\s+định|Thông\s+báo)"
    r"\s+(?:số\s+)?\d[^.;]*?(?<!\w)về(?!\w)[^.;]*\Z",
    re.IGNORECASE,
)


# ------------------------------------------------------------------ subjects


@dataclass(frozen=True)
class Roles:
    """Who leads (responsible) and who helps (coordinating), as found in one item."""

    responsible: tuple[BodyMention, ...]
    coordinating: tuple[BodyMention, ...]


def _clause_start(text: str, pos: int) -> int:
    return last_end(_CLAUSE_END, text, pos, ".!?;:")  # O(log n): see pipeline/scan.py


def _sentence_start(text: str, pos: int) -> int:
    return last_end(_SENTENCE_END, text, pos, ".!?")


@lru_cache(maxsize=4096)
def _tags(window: str) -> tuple[str, ...]:
    return tuple(tag for _, tag in pos_tag(window)[:2])


def _verb_follows(text: str, pos: int) -> bool:
    """underthesea POS on the few words after a body: is there a verb among the first two?

    Only called for the ambiguous comma case, on a ~30-character window, so it costs little.
    """
    skip = _after_subject().match(text, pos)
    pos = skip.end() if skip else pos
    window = text[pos : pos + 30].rsplit(" ", 1)[0] if len(text) > pos + 30 else text[pos:]
    return "V" in _tags(window)


def _groups(text: str, mentions: list[BodyMention]) -> list[list[BodyMention]]:
    """Adjacent mentions joined by list words ("các huyện, thị, thành ủy, đảng ủy trực thuộc")."""
    groups: list[list[BodyMention]] = []
    for m in mentions:
        if groups:
            last = groups[-1][-1]
            if m.start == last.start or (m.start >= last.end and _gap().fullmatch(text, last.end, m.start)):
                groups[-1].append(m)
                continue
        groups.append([m])
    return groups


def _is_predicate_next(text: str, pos: int) -> bool:
    skip = _after_subject().match(text, pos)
    pos = skip.end() if skip else pos
    if pos >= len(text) or not _WORD.match(text, pos):
        return False
    return not rule("not_predicate").match(text, pos)


def find_roles(text: str, excluded: list[tuple[int, int]] | None = None) -> Roles:
    """Responsible and coordinating bodies of one directive item (spans relative to `text`)."""
    excluded = excluded or []
    covered = SpanSet(excluded)
    mentions = [m for m in find_bodies(text) if not covered.overlaps(m.start, m.end)]
    responsible: list[BodyMention] = []
    coordinating: list[BodyMention] = []
    last_subject_end = -1
    agent = rule("agent_noun")
    delegated_at = -1  # end of "X yêu cầu / đề nghị / giao": the next list is the subject
    for group in _groups(text, mentions):
        gs, ge = group[0].start, group[-1].end
        cs = _clause_start(text, gs)
        if delegated_at >= cs:
            cs = delegated_at
        coord = rule("coordination").search(text, lookback(max(last_subject_end, 0), gs), gs)
        if coord and coord.end() == gs:
            # "X chủ trì, phối hợp với Y": Y helps X. A "phối hợp với" far from a subject
            # ("... để phối hợp với lãnh đạo cơ quan") assigns nothing.
            # An item of a body's block may open with it: "- Chủ trì, phối hợp với ...".
            anchor = last_subject_end if last_subject_end >= 0 else _sentence_start(text, gs)
            if _NEAR_SUBJECT.fullmatch(text, anchor, coord.start()):
                coordinating.extend(group)
            continue
        if delegated_at >= 0 and _DELEGATE_GAP.fullmatch(text, delegated_at, gs):
            # "X giao Y là cơ quan thường trực ...", "X đề nghị Y, Z ...": whoever is handed the
            # work leads it, whatever words follow the list.
            responsible.extend(group)
            last_subject_end, delegated_at = ge, -1
            continue
        if len(group) > 1 and rule("adverbial_agent").fullmatch(text, cs, gs):
            # "Dưới sự chỉ đạo của cấp ủy, các đảng bộ trực thuộc tiến hành ...": the bodies up to
            # the first comma belong to the adverbial, the rest may be the subject.
            k = next((i for i in range(1, len(group)) if "," in text[group[i - 1].end : group[i].start]), 0)
            group = group[k:] if k else group
            gs = group[0].start
        subject = _subject_part(text, group, cs)
        delegation = rule("delegation").match(text, ge)
        if delegation:
            # the issuer (or its officer: "đồng chí ..., Phó Bí thư Huyện ủy yêu cầu") asks
            # others: they are the ones to act
            delegated_at = delegation.end()
            continue
        if subject:
            responsible.extend(subject)
            last_subject_end = ge
            continue
        if agent.fullmatch(text[_sentence_start(text, gs) : gs].lstrip()):
            responsible.extend(group)
    return Roles(tuple(_dedupe(responsible)), tuple(_dedupe(coordinating)))


def _subject_part(text: str, group: list[BodyMention], clause_start: int) -> list[BodyMention]:
    """The members of a body list that are the subject of what follows, or [].

    The list must open its clause (after "Giao", "Các", an adverbial "Hằng năm,") and be
    followed by a predicate. (Splitting a failed list at its commas — "sinh hoạt chi bộ, cấp
    ủy có thẩm quyền" — was tried: it turns objects "chỉ đạo các chi bộ, đảng bộ trực thuộc"
    into subjects far more often than it helps.)
    """
    ge = group[-1].end
    if not _is_predicate_next(text, ge):
        return []
    pre = text[lookback(clause_start, group[0].start) : group[0].start]
    after_comma = "," in pre
    segment = pre.rsplit(",", 1)[-1] if after_comma else pre
    if _prefix_only().fullmatch(segment.strip()) is None:
        return []
    # After a comma a body may end an adverbial or be a listed object: a verb must follow.
    if after_comma and not _verb_follows(text, ge):
        return []
    return group


def _dedupe(mentions: list[BodyMention]) -> list[BodyMention]:
    seen: set[str] = set()
    out = []
    for m in mentions:
        key = fold_diacritics(m.name)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


# ------------------------------------------------------------------ deadlines


_PURPOSE = re.compile(r"(?<!\w)(?:để|nhằm|làm\s+cơ\s+sở)(?!\w)", re.IGNORECASE)


def _recurrence_is_weak(text: str, d: Deadline) -> bool:
    """True for "hàng năm của Đảng bộ", "trong từng tháng", "để ... xếp loại cuối năm": the
    period qualifies a noun or a purpose, not the duty itself."""
    s, e = d.span_start or 0, d.span_end or 0
    after = text[e : e + 8]
    before = text[max(0, s - 7) : s]
    if re.match(r"\s*của(?!\w)", after) or re.search(r"(?<!\w)trong\s*\Z", before):
        return True
    return bool(re.match(r"trong(?!\w)", text[s:e], re.IGNORECASE))


def _recurrence_is_noise(text: str, d: Deadline) -> bool:
    """True for "cuộc sống hàng ngày của quần chúng" (a daily/weekly period on a noun) and for a
    period inside a purpose clause ("để ... xếp loại cuối năm"): neither is the duty's rhythm."""
    rule_text = d.recurrence or ""
    if ("DAILY" in rule_text or "WEEKLY" in rule_text) and _recurrence_is_weak(text, d):
        return True
    s = d.span_start or 0
    return bool(_PURPOSE.search(text, lookback(_clause_start(text, s), s), s))


def _time_expressions(text: str, ref: date | None, excluded: list[tuple[int, int]]) -> list[Deadline]:
    out, covered = [], SpanSet(excluded)
    for d in find_time_expressions(text, ref):
        s, e = d.span_start or 0, d.span_end or 0
        if covered.overlaps(s, e):
            continue
        if is_citation_date(text, d):
            continue
        if _DOC_SUBJECT.search(text, lookback(_clause_start(text, s), s), s) and not rule("due_marker").search(
            text[max(0, s - 60) : s]
        ):
            continue  # "Nghị quyết số 05-NQ/TU về ... đến năm 2010": the cited document's subject
        out.append(d)
    return out


_YEAR_LESS = re.compile(r"(?<![\d/])\d{1,2}\s*/\s*\d{1,2}(?!\s*/\s*\d)|tháng\s+\d|qu[ýí]\s+(?:[IV]+|\d)", re.IGNORECASE)
_FULL_DATE = re.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}|tháng\s+\d{1,2}\s+năm\s+\d{4}", re.IGNORECASE)


class _DocumentYears:
    """Without a document date, a year-less date ("trước 30/10") borrows the year of the nearest
    full date the document prints for its own work ("trước ngày 30/11/2009"; never a cited
    document's date). Computed once, on first need."""

    def __init__(self, text: str, cited: list[tuple[int, int]]):
        self.text, self.cited = text, cited
        self._dates: list[tuple[int, int]] | None = None

    def near(self, pos: int) -> int | None:
        if self._dates is None:
            self._dates = []
            # Only the few full dates need the grammar: parse a window around each, not the whole text.
            spans = SpanSet(self.cited)
            for m in _FULL_DATE.finditer(self.text):
                lo = max(0, m.start() - 160)
                window = self.text[lo : m.end() + 40]
                cited = [(a - lo, b - lo) for a, b in spans.overlapping(lo, m.end() + 40)]
                for d in _time_expressions(window, None, cited):
                    s = (d.span_start or 0) + lo
                    if s <= m.start() < (d.span_end or 0) + lo and (d.end or d.start) and _FULL_DATE.search(d.text):
                        self._dates.append((s, (d.end or d.start).year))
                        break
        if not self._dates:
            return None
        return min(self._dates, key=lambda py: abs(py[0] - pos))[1]


def _item_times(
    item: str, pos: int, ref: date | None, excluded: list[tuple[int, int]], years: _DocumentYears
) -> list[Deadline]:
    """Time expressions of one item; year-less ones take the document's nearby year when the
    document has no date (spans stay relative to `item`)."""
    found = _time_expressions(item, ref, excluded)
    if ref is not None or not _YEAR_LESS.search(item):
        return found
    year = years.near(pos)
    if year is None:
        return found
    seen = {(d.span_start, d.span_end) for d in found}
    extra = [
        d
        for d in _time_expressions(item, date(year, 1, 1), excluded)
        if (d.span_start, d.span_end) not in seen and _YEAR_LESS.search(d.text)
    ]
    return sorted(found + extra, key=lambda d: d.span_start or 0)


def _dated(found: list[Deadline], text: str | None = None) -> Deadline | None:
    """The first dated expression; with `text`, the first one marked as a due date wins
    ("xây dựng kế hoạch kiểm tra năm 2016, hoàn thành trong Quý III/2016")."""
    dated = [d for d in found if d.start is not None or d.end is not None]
    if text is not None:
        for d in dated:
            s = d.span_start or 0
            if rule("due_phrase").search(d.text) or rule("due_marker").search(text[max(0, s - 60) : s]):
                return d
    return dated[0] if dated else None


def choose_deadline(text: str, found: list[Deadline], inherited: Deadline | None) -> Deadline | None:
    """The item's own dated expression, else the inherited one; with the duty's recurrence."""
    dated = _dated(found, text)
    base = dated or inherited
    recurring = [
        d
        for d in found
        if d.recurrence and d.start is None and d.end is None and not _recurrence_is_noise(text, d)
    ]
    strong = [d for d in recurring if not _recurrence_is_weak(text, d)]
    rec = strong[0] if strong else (recurring[0] if recurring and base is None else None)
    if base is None:
        return replace(rec, span_start=None, span_end=None) if rec else None
    if rec and not base.recurrence:
        base = replace(base, recurrence=rec.recurrence)
    return base


# ------------------------------------------------------------------ items


@dataclass
class _Item:
    section: Section
    start: int
    end: int
    roles: Roles
    found: list[Deadline]
    implementers: list[BodyMention]  # block implementers in force where the item stands


@dataclass
class _Context:
    implementers: list[BodyMention]
    deadline: Deadline | None
    bullet: str | None = None  # an intro bullet ("- Ban Tổ chức Huyện ủy:") scopes its block
    coordinating: list[BodyMention] = field(default_factory=list)  # a "Phối hợp: ..." line


def _body_only(text: str, mentions: list[BodyMention]) -> bool:
    core = re.sub(
        r"^(?:đối\s+với|về|giao|trách\s+nhiệm\s+của|nhiệm\s+vụ\s+của|phân\s+công\s+cho)\s+(?:các\s+)?",
        "",
        text.strip().rstrip(":.").strip(),
        flags=re.I,
    )
    covered = sum(m.end - m.start for m in _dedupe_spans(mentions))
    return bool(core) and covered >= 0.6 * len(core)


def _dedupe_spans(mentions: list[BodyMention]) -> list[BodyMention]:
    seen, out = set(), []
    for m in mentions:
        if (m.start, m.end) not in seen:
            seen.add((m.start, m.end))
            out.append(m)
    return out


def _task_key(section: str | None, text: str) -> str:
    folded = " ".join(fold_diacritics(text).split())[:80]
    return hashlib.sha1(f"{section or ''}|{folded}".encode()).hexdigest()[:12]


def _clean_item(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim the span to the item's words; "./." closing marks become ".": spans stay exact."""
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t":
        end -= 1
    if text[start:end].endswith("./."):
        end -= 2
    return start, end


def _merge_with_implementers(bodies: list[BodyMention], implementers: list[BodyMention]) -> list[BodyMention]:
    """A short printing of the section's implementer ("Đảng ủy khối") takes its full name."""
    if not implementers:
        return bodies
    names = [b.name for b in bodies] + [i.name for i in implementers]
    rep = merge_variants(names, tfidf=False)  # prefix rule only: no scikit-learn import on this path
    full = {i.name for i in implementers}
    out = []
    for b in bodies:
        r = rep.get(b.name, b.name)
        out.append(replace(b, name=r) if r in full and r != b.name else b)
    return _dedupe(out)


def _logical_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Lines, with a hard-wrapped continuation (no marker, starts in lower case, previous line
    not closed by punctuation) joined to the line before it."""
    out: list[tuple[int, int]] = []
    for ls, le in iter_lines(text, start, end):
        line = text[ls:le]
        if (
            out
            and line[:1].islower()
            and split_marker(line) is None
            and not re.search(r"[.;:!?…]\s*$", text[out[-1][0] : out[-1][1]])
        ):
            out[-1] = (out[-1][0], le)
        else:
            out.append((ls, le))
    return out


_TOPIC_LINE = re.compile(r"^(?:về|đối\s+với)\s+[^.:;]{0,80}$", re.IGNORECASE)


def extract_tasks(
    text: str,
    sections: list[Section],
    meta: DocumentMeta | None = None,
    citations: list[Citation] | None = None,
) -> list[Task]:
    """Leaf directive items of the task-bearing sections, with bodies, deadline and a stable key.

    Which sections bear tasks: those of kind "task"; if a document has none, its "neutral"
    sections (a Chỉ thị numbering its demands without headings).  An item standing directly
    in a neutral section still counts when it names a subject ("Các cấp ủy báo cáo ...").
    A document without any numbered section yields its bullets and the paragraphs after an
    intro line ("... các nhiệm vụ sau:"), with `section` None.
    """
    meta = meta or DocumentMeta()
    citations = citations or []
    ref = meta.issued_date
    cited = [(c.start, c.end) for c in citations]
    if not sections:
        return _tasks_without_sections(text, meta, cited)
    years = _DocumentYears(text, cited)
    has_task_sections = any(s.kind == "task" for s in sections)
    task_kinds = {"task"} if has_task_sections else {"task", "neutral"}
    parent_of = _parents(sections)
    contexts: dict[int, _Context] = {}
    schedule: dict[int, Deadline] = {}
    raw: list[_Item] = []

    def chain(sec: Section) -> list[Section]:
        out = [sec]
        while (p := parent_of.get(id(out[-1]))) is not None:
            out.append(p)
        return out

    first = min(s.start for s in sections)
    last = max(s.end for s in sections)
    innermost, cited_spans = section_finder(sections), SpanSet(cited)
    for ls, le in _logical_lines(text, first, last):
        sec = innermost(ls)
        if sec is None or sec.kind == "non_task":
            continue
        key = id(sec)
        marker = split_marker(text[ls:le])
        if ls == sec.start and sec.heading:  # a heading line: context for the items below
            heading = text[sec.heading_start : sec.heading_end]
            mentions = find_bodies(heading)
            # "b) Ban Dân vận Huyện ủy:" names the block's body; "Tăng cường sự lãnh đạo, chỉ đạo
            # của cấp ủy cấp trên ..." names who leads the items that have no subject.
            implementers = (
                list(mentions) if _body_only(heading, mentions) else list(find_roles(heading).responsible)
            )
            contexts[key] = _Context(implementers, _dated(_time_expressions(heading, ref, [])))
            continue
        s, e = _clean_item(text, ls + (marker.length if marker else 0), le)
        item = text[s:e]
        if not item or not _WORD.search(item) or rule("closing").search(item):
            continue
        if rule("schedule").search(item) and len(item) < 160:
            dated = _dated(_time_expressions(item, ref, []))
            if dated:
                schedule[key] = dated
            continue
        if (_TOPIC_LINE.match(item) and len(item.split()) <= 12) or is_upper_line(item):
            continue  # "Về công tác cán bộ", "NHIỆM VỤ TRỌNG TÂM": an unnumbered sub-heading
        ctx = contexts.setdefault(key, _Context([], None))
        # A plan's attribute lines describe the block: "Chủ trì: ...", "Phối hợp: ...", "Thành phần: ...".
        if (lead := rule("lead_line").match(item)) or (helper := rule("coordination_line").match(item)):
            named = [m for m in find_bodies(item) if m.start >= (lead or helper).end()]
            if lead:
                ctx.implementers = named or ctx.implementers
            else:
                ctx.coordinating = named
            continue
        if rule("attribute").match(item) and len(item) < 200:
            continue
        if ctx.bullet and marker and marker.style == "bullet" and marker.printed == ctx.bullet:
            ctx.implementers, ctx.bullet = [], None  # the intro bullet's block has ended
        excluded = [(max(0, a - s), b - s) for a, b in cited_spans.overlapping(s, e)]
        roles = find_roles(item, excluded)
        if item.endswith(":"):
            mentions = find_bodies(item)
            lead = list(roles.responsible) or (mentions if _body_only(item, mentions) else [])
            if lead:
                ctx.implementers = lead
                ctx.bullet = marker.printed if marker and marker.style == "bullet" else None
            if len(item) < 120 or is_upper_line(item):
                continue
        if sec.kind not in task_kinds and not roles.responsible:
            continue
        if rule("acknowledgement").match(item) and not roles.responsible:
            continue  # "Cơ bản thống nhất với báo cáo ...": an assessment, not work
        if _reviews_the_past(item):
            continue  # "1. Thời gian qua, ... đã ...; tuy nhiên ... còn chậm": an assessment (marked or not)
        raw.append(_Item(sec, s, e, roles, _item_times(item, s, ref, excluded, years), list(ctx.implementers)))

    # A heading with nothing under it (its block held only a closing line) is itself the item.
    with_items = {id(it.section) for it in raw} | {id(p) for p in parent_of.values()}
    for sec in sections:
        if (
            sec.heading
            and sec.kind in task_kinds
            and id(sec) not in with_items
            and not is_upper_line(sec.heading)
            and not re.match(r"(?:Phần|[IVXL]+(?!\w))", sec.marker)
        ):
            s, e = _clean_item(text, sec.heading_start, sec.heading_end)
            excluded = [(max(0, a - s), b - s) for a, b in cited_spans.overlapping(s, e)]
            raw.append(
                _Item(
                    sec,
                    s,
                    e,
                    find_roles(text[s:e], excluded),
                    _time_expressions(text[s:e], ref, excluded),
                    [],
                )
            )
    raw.sort(key=lambda it: it.start)

    tasks: list[Task] = []
    for it in raw:
        sec, s, e = it.section, it.start, it.end
        nodes = chain(sec)
        implementers = it.implementers or next(
            (
                contexts[id(n)].implementers
                for n in nodes
                if id(n) in contexts and contexts[id(n)].implementers
            ),
            [],
        )
        inherited = next((schedule[id(n)] for n in nodes if id(n) in schedule), None) or next(
            (contexts[id(n)].deadline for n in nodes if id(n) in contexts and contexts[id(n)].deadline), None
        )
        helpers = next(
            (
                contexts[id(n)].coordinating
                for n in nodes
                if id(n) in contexts and contexts[id(n)].coordinating
            ),
            [],
        )
        roles = (
            it.roles if it.roles.coordinating or not helpers else Roles(it.roles.responsible, tuple(helpers))
        )
        tasks.append(_make_task(text, s, e, sec.path, roles, it.found, implementers, inherited, meta))
    return tasks


def _make_task(
    text: str,
    s: int,
    e: int,
    section: str | None,
    roles: Roles,
    found: list[Deadline],
    implementers: list[BodyMention],
    inherited: Deadline | None,
    meta: DocumentMeta,
) -> Task:
    item = text[s:e].replace("\n", " ")  # a joined hard wrap: same length, spans stay exact
    responsible = list(roles.responsible)
    responsible = _merge_with_implementers(responsible, implementers) if responsible else list(implementers)
    return Task(
        text=item,
        start=s,
        end=e,
        section=section,
        responsible=tuple(_qualified(b, meta) for b in responsible),
        coordinating=tuple(_qualified(b, meta) for b in roles.coordinating),
        deadline=choose_deadline(item, found, inherited),
        key=_task_key(section, item),
    )


def _parents(sections: list[Section]) -> dict[int, Section]:
    """Each section's parent object (paths repeat across parts, so look back by position)."""
    latest: dict[str, Section] = {}
    out: dict[int, Section] = {}
    for sec in sections:
        if sec.parent and sec.parent in latest:
            out[id(sec)] = latest[sec.parent]
        latest[sec.path] = sec
    return out


def _tasks_without_sections(text: str, meta: DocumentMeta, cited: list[tuple[int, int]]) -> list[Task]:
    from .structure import find_regions

    regions = find_regions(text)
    years, cited_spans = _DocumentYears(text, cited), SpanSet(cited)
    tasks: list[Task] = []
    after_intro = False
    for ls, le in _logical_lines(text, regions.body_start, regions.body_end):
        marker = split_marker(text[ls:le])
        s, e = _clean_item(text, ls + (marker.length if marker else 0), le)
        item = text[s:e]
        if not item or rule("closing").search(item):
            continue
        if item.endswith(":"):
            after_intro = True
            continue
        if not marker and rule("background").match(item):
            continue  # "Trong những năm qua, ...": what was done, not what is to be done
        excluded = [(max(0, a - s), b - s) for a, b in cited_spans.overlapping(s, e)]
        if not (marker or after_intro) and len(item) > _MAX_PARAGRAPH:
            continue  # a page-long "paragraph" is not one directive (and would cost quadratic time)
        roles = find_roles(item, excluded)
        if not (marker or after_intro or _opens_with_subject(item, roles) or _assigns_work(item, meta, excluded)):
            continue
        found = _item_times(item, s, meta.issued_date, excluded, years)
        tasks.append(_make_task(text, s, e, None, roles, found, [], None, meta))
    return tasks


_NARRATIVE = re.compile(r"\s*(?:đã|vừa|từng|đang)(?!\w)", re.IGNORECASE)


def _opens_with_subject(item: str, roles: Roles) -> bool:
    """A paragraph whose first clause has a responsible subject that is told to act
    ("Các cấp ủy, tổ chức đảng ... tổ chức học tập ..."), not one that reports ("... đã ...")."""
    if not roles.responsible:
        return False
    first = roles.responsible[0]
    return _sentence_start(item, first.start) == 0 and not _NARRATIVE.match(item, first.end)


def _reviews_the_past(item: str) -> bool:
    """A marked item that opens with an assessment ("Thời gian qua, ...", "Nhìn chung, ...",
    "... đã đạt được ...", "Ban Thường vụ ghi nhận ...") and whose main clauses ask for no work:
    no "cần/phải", no hand-over ("yêu cầu Ủy ban ..."), no "thời gian tới", and no later
    sentence whose subject is told to act ("... còn chậm. Ủy ban nhân dân huyện tập trung ...")."""
    if not rule("assessment").match(item) or rule("directive_cue").search(item):
        return False
    for sentence in _SENTENCE_END.split(item)[1:]:
        sentence = sentence.strip()
        if sentence and _opens_with_subject(sentence, find_roles(sentence)):
            return False
    return True


_MAX_PARAGRAPH = 4000  # characters: longer unmarked paragraphs are never read as one task


def _assigns_work(item: str, meta: DocumentMeta, excluded: list[tuple[int, int]]) -> bool:
    """A paragraph (no marker, no intro line) that hands out work: "X yêu cầu / đề nghị / giao
    (nhiệm vụ cho) <body> ...", or a due line "Thời gian hoàn thành ..., chậm nhất ngày ..."."""
    assignment = rule("assignment")
    if assignment.match(item):
        return _dated(_time_expressions(item, meta.issued_date, excluded)) is not None
    if not re.search(r"yêu\s+cầu|đề\s+nghị|giao", item, re.IGNORECASE):
        return False  # cheap gate: most paragraphs never reach find_bodies here
    return any(assignment.search(item, 0, m.start) for m in find_bodies(item))


def _qualified(b: BodyMention, meta: DocumentMeta) -> BodyMention:
    return replace(b, qualified=qualify(b.name, meta))
