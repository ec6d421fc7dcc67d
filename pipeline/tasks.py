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
whole extraction costs about 0.23× one ``word_tokenize`` pass (``python -m pipeline bench``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, lru_cache

from .bodies import family_names, find_bodies, merge_variants, name_before_person, qualify
from .lexicon import (
    AND_EQUIVALENTS,
    CAPITALISED_WORD,
    COMRADE_NAME,
    HANDING_OVER,
    LIST_GAP,
    NAME_RUN,
    NO_ABBREVIATION_BEFORE,
    SPREAD_OVER,
    UPPER_LETTERS,
    Marker,
    data_yaml,
    doc_type_alternation,
    split_marker,
    standing_doc_types,
)
from .model import BodyMention, Citation, Deadline, DocumentMeta, Section, Task
from .normalize import fold_diacritics
from .scan import SpanSet, last_end, lookback
from .sections import has_sentence_break, heading_kind, is_upper_line, iter_lines, section_finder
from .tables import Table, TableRow
from .temporal import find_time_expressions, is_citation_date

# ------------------------------------------------------------------ knowledge


@lru_cache(maxsize=1)
def task_rules() -> dict:
    """The parsed tasks.yaml (cached)."""
    return data_yaml("tasks.yaml")


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


_PLACE_NAMED = re.compile(rf"(?:[ \t]+{CAPITALISED_WORD}){{1,3}}(?=\s)")
_LINK = r"đồng\s+thời|ngoài\s+ra|bên\s+cạnh\s+đó"  # words that go on with what was said before


def _place_named(text: str, pos: int) -> int:
    """End of a place's name printed right after a body's printing at `pos` ("Huyện ủy Hàm Tân"),
    0 if none or if it is a person's name ("… Hà Giang Trần Văn Tâm đề nghị": the speaker)."""
    named = _PLACE_NAMED.match(text, pos)
    if named is None or named.group(0).split()[0] in family_names():
        return 0
    return named.end()


_NEAR_SUBJECT = re.compile(  # "(…)", "3 tỉnh" (the units the body stands for), then "chủ trì", "phải", …
    r"\s*(?:\([^)]*\)\s*)?(?:(?:(?:\d{1,2}|hai|ba|bốn|năm|các)\s+)?(?:tỉnh|thành\s+phố|huyện|xã|phường|địa\s+phương|đơn\s+vị)\s*)?:?(?:,?\s*(?:chủ\s+trì|phải|cần|có\s+trách\s+nhiệm|sẽ|tiếp\s+tục|chủ\s+động|được\s+giao)\s*,?\s*)*",
    re.IGNORECASE,
)
_SPEAKS = re.compile(  # after the speaker's name, if printed ("Thường trực Ban Bí thư Trần Văn A nêu rõ")
    rf"\s*(?:{NAME_RUN}\s*,?\s*)?(?:cũng\s+|còn\s+)?(?:nhấn\s+mạnh|chỉ\s+rõ|nêu\s+rõ|phát\s+biểu|quán\s+triệt(?=\s*,?\s*(?:cần|phải)\s))(?!\w)", re.IGNORECASE
)
_PLURAL_AFTER_COMMA = re.compile(r",\s*các\s", re.IGNORECASE)
_SAID_TO_LEAD = re.compile(r"\s*,?\s*chủ\s+trì(?!\w)", re.IGNORECASE)
_DELEGATE_GAP = re.compile(
    r"(?:\s*,\s*(?:năm|trong|từ|thời\s+gian\s+tới|trước\s+mắt)[^,.;]{0,30},|\s*(?:trước\s+mắt|(?:trong\s+)?thời\s+gian\s+tới)(?=\s)"  # "đề nghị, trong năm tới, các chi bộ …"
    r"|\s*(?:từ|trong|trước)\s+(?:ngày\s+)?\d[\d./\-]*(?:\s+(?:đến|tới)\s+(?:ngày\s+)?\d[\d./\-]*)?(?=\s))?"  # "… yêu cầu, trong ngày 3/4 các chi bộ …"
    r"(?:\s*(?:các|những|từng|mỗi|cho|toàn\s+bộ|toàn|cả|đội\s+ngũ|hai|ba)\s+)*\s*"
    r"(?:(?:bí\s+thư|chủ\s+tịch|người\s+đứng\s+đầu|thủ\s+trưởng|lãnh\s+đạo)\s*(?:,\s*|\s+và\s+))*"  # "bí thư, chủ tịch và cấp ủy"
    r"(?:thành\s+viên\s+)?(?:(?:các\s+)?đồng\s+chí\s+(?:trong|thuộc)\s+)?",  # "yêu cầu các đồng chí thuộc Ban Chấp hành …"
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.!?;:](?=\s|$)|\n")
_SENTENCE_END = re.compile(NO_ABBREVIATION_BEFORE + r"[.!?](?=\s|$)|\n")
_WORD = re.compile(r"[^\W\d_]")
# A document's subject runs to the clause end, but not into an assignment aside: "... (Giao X ...)".
_SUBJECT_TEXT = r"(?:(?!\(\s*giao(?!\w))[^.;])*\Z"
_DOC_SUBJECT = re.compile(  # (its date and issuer between: no order of its own, "Kết luận 169, Bộ Chính trị giao … về")
    doc_type_alternation()
    + r"\s+(?:số\s+)?\d(?:(?!(?<!\w)(?:giao|yêu\s+cầu|đề\s+nghị)(?!\w))[^.;]){0,120}?(?<!\w)về(?!\w)"
    + _SUBJECT_TEXT,
    re.IGNORECASE,
)
# "Nghị quyết về phát triển du lịch cộng đồng đến năm 2030": the horizon of a named document
# "Chiến lược phát triển khoa học, công nghệ … đến năm 2030": a named plan's horizon (the capital
# letter names it), not when its work is due
_NAMED_PLAN = re.compile(r"(?<!\w)(?:Chiến\s+lược|Quy\s+hoạch|Đề\s+án|Chương\s+trình)\s+[^.;:]*\Z")
_COMPLETE = re.compile(r"(?<!\w)hoàn\s+thành(?!\w)", re.IGNORECASE)
_NAMED_DOC_HORIZON = re.compile(doc_type_alternation() + r"\s+(?:chuyên\s+đề\s+)?về(?!\w)" + _SUBJECT_TEXT, re.IGNORECASE)


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
    return tuple(tag for _, tag in _pos_tag(window)[:2])


def _pos_tag(text: str) -> list[tuple[str, str]]:
    from underthesea import pos_tag  # POS tags only break ties (imported when first needed: ~1 s)

    return pos_tag(text)


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
    reader = _RoleReader(text)
    opening = _HANDED_AT_START.match(text)
    person = _person_handed(text, opening.end()) if opening else None
    if person:  # "Giao đồng chí Trần Văn A - Phó Chủ tịch UBND xã, chỉ đạo …": the person named leads
        reader.responsible.append(person)
        reader.last_subject_end = person.end
        mentions = [m for m in mentions if m.start >= person.end]
    groups = _groups(text, mentions)
    for i in range(len(groups)):
        reader.read_group(groups, i)
    responsible, approving = reader.responsible, reader.approving
    if not responsible:
        responsible = _topic_bodies(text, mentions)
    if approving and len(approving) < len(responsible):
        # "Thường trực Đảng ủy thống nhất với Tờ trình ...; giao Ban Xây dựng Đảng ...": the body
        # that approves hands the work over; whoever is handed it leads.
        responsible = [m for m in responsible if m not in approving]
    return Roles(tuple(_dedupe(responsible)), tuple(_dedupe(reader.coordinating)))


class _RoleReader:
    """find_roles' walk over an item's lists of bodies, left to right: who leads and who helps so
    far, and where the last subject, request, hand-over and directed list end."""

    __slots__ = (
        "text",
        "responsible",
        "coordinating",
        "approving",
        "last_subject_end",
        "delegated_at",
        "handed_end",
        "directed_end",
    )

    def __init__(self, text: str):
        self.text = text
        self.responsible: list[BodyMention] = []
        self.coordinating: list[BodyMention] = []
        self.approving: list[BodyMention] = []  # subjects that approve ("thống nhất với ...") rather than act
        self.last_subject_end = -1
        self.delegated_at = -1  # end of "X yêu cầu / đề nghị / giao": the next list is the subject
        self.handed_end = -1  # end of the list handed the work, while it may go on past a semicolon
        self.directed_end = -1  # end of the bodies the subject directs ("X chỉ đạo Y …")

    def read_group(self, groups: list[list[BodyMention]], i: int) -> None:
        """Read list `i`: it helps, is directed, is handed the work, is the subject, or names no actor."""
        group = groups[i]
        gs, ge = group[0].start, group[-1].end
        cs = _clause_start(self.text, gs)
        if self.delegated_at >= cs:
            cs = self.delegated_at
        if self._coordinates(group, gs) or self._directed(i, group, gs, ge) or self._handed(group, gs, ge):
            return
        self.handed_end = -1
        if self._asked_by_leading_bodies(group, gs, ge):
            return
        if len(group) > 1 and rule("adverbial_agent").fullmatch(self.text, cs, gs):
            group = _past_adverbial(self.text, group)
            gs = group[0].start
        subject = _subject_part(self.text, group, cs)
        named = _place_named(self.text, ge)  # "Huyện ủy Hàm Tân yêu cầu …": the place the printing left out
        if self._delegates(group, gs, ge, named):
            return
        if subject:
            self._subject(groups, i, subject, ge, named)
        else:
            self._no_subject(group, gs, ge, cs)

    def _coordinates(self, group: list[BodyMention], gs: int) -> bool:
        """A list right after "phối hợp với" (True), which helps the subject when it is near one."""
        text = self.text
        coord = rule("coordination").search(text, lookback(max(self.last_subject_end, 0), gs), gs)
        if not coord or coord.end() != gs:
            return False
        # "X chủ trì, phối hợp với Y": Y helps X. A "phối hợp với" far from a subject
        # ("... để phối hợp với lãnh đạo cơ quan") assigns nothing.
        # An item of a body's block may open with it: "- Chủ trì, phối hợp với ...".
        last = self.last_subject_end
        anchor = last if last >= 0 else _sentence_start(text, gs)
        if (
            _NEAR_SUBJECT.fullmatch(text, anchor, coord.start())
            or _next_clause_of(text, last, coord.start())
            or (self.directed_end >= 0 and _NEAR_SUBJECT.fullmatch(text, self.directed_end, coord.start()))
        ):
            self.coordinating.extend(group)
        return True

    def _directed(self, i: int, group: list[BodyMention], gs: int, ge: int) -> bool:
        """A list the subject directs ("X chỉ đạo Y …", True): no subject, unless it is told to act."""
        text, last = self.text, self.last_subject_end
        opens_directing = i == 0 and last < 0 and _DIRECTED.fullmatch(text, 0, gs) is not None
        if opens_directing:  # an item of a body's block: "Chỉ đạo Trạm Y tế xã phối hợp Công an xã …"
            self.directed_end = ge  # the block's body leads; the body it directs is no subject
            return True
        if last >= 0 and (_DIRECTED.fullmatch(text, last, gs) or _directs_again(text, last, gs)):
            self.directed_end = ge  # "X chỉ đạo Y phối hợp với Z": Y is X's to direct, Z helps with X's order
            after = _ANAPHOR.match(text, ge)  # "… chỉ đạo các đơn vị trên hoàn thành …"
            ge_words = after.end() if after else ge
            if (
                _leads_of_its_own(text, self.responsible)
                and _is_predicate_next(text, ge_words)
                and not _WORKS_WITH.match(text, ge_words)
            ):
                # "Ban Thường vụ chỉ đạo các cấp ủy quán triệt …", "Ban Bí thư chỉ đạo ngành y tế rà soát …":
                # the committee leads, the bodies it directs act
                self.responsible, self.last_subject_end = [*self.responsible, *group], ge
            return True
        if self.directed_end >= 0 and _directed_list_goes_on(text, self.directed_end, gs):
            self.directed_end = ge  # "… chỉ đạo Ban Tổ chức các xã, bệnh viện, các đơn vị …"
            return True
        return False

    def _handed(self, group: list[BodyMention], gs: int, ge: int) -> bool:
        """A list right after a request or a hand-over, or going on past its semicolon (True): it leads."""
        text = self.text
        if self.delegated_at >= 0 and _DELEGATE_GAP.fullmatch(text, self.delegated_at, gs):
            # "X giao Y là cơ quan thường trực ...", "X đề nghị Y, Z ...": whoever is handed the
            # work leads it, whatever words follow the list.
            self.responsible.extend(group)
            self.last_subject_end, self.delegated_at, self.handed_end = ge, -1, ge
            return True
        if self.handed_end >= 0 and _SEMICOLON_GAP.fullmatch(text, self.handed_end, gs):
            self.responsible.extend(group)  # "… đề nghị A, B; C, D; E …": the list handed the work goes on
            self.last_subject_end = self.handed_end = ge
            return True
        return False

    def _asked_by_leading_bodies(self, group: list[BodyMention], gs: int, ge: int) -> bool:
        """A list that the leading bodies read so far ask later in the item (True): it leads instead."""
        responsible = self.responsible
        if (
            responsible
            and all(_LEADING_BODY.match(m.name) for m in responsible)
            and _asked_later(self.text, self.last_subject_end, gs)
        ):
            # "Ban Thường vụ Tỉnh ủy xác định … và yêu cầu các cấp ủy, chính quyền …": the committee
            # that states and asks is not the one to act; the bodies it asks are
            self.responsible = list(group)
            self.last_subject_end = ge
            return True
        return False

    def _delegates(self, group: list[BodyMention], gs: int, ge: int, named: int) -> bool:
        """A list that asks for, hands over or assigns the work ("X yêu cầu / đề nghị / giao …", True):
        the work is not its own."""
        text = self.text
        delegation = rule("delegation").match(text, ge) or (named and rule("delegation").match(text, named))
        if delegation and _PASSIVE_AGENT.search(text, max(0, gs - 12), gs):
            delegation = None  # "… được chi bộ phân công": the body that assigned it, no request here
        if not delegation:
            return False
        # the issuer (or its officer: "đồng chí ..., Phó Bí thư Huyện ủy yêu cầu") asks
        # others: they are the ones to act, not the issuer named earlier in the item
        self.delegated_at = delegation.end()
        asking = {fold_diacritics(m.name) for m in group}
        self.responsible = [m for m in self.responsible if fold_diacritics(m.name) not in asking]
        person = _person_handed(text, self.delegated_at)
        if person:  # "… giao ông Trịnh Văn A, Phó Bí thư Tỉnh ủy, phụ trách …": the person named leads
            self.responsible.append(person)
            self.last_subject_end, self.delegated_at = person.end, -1
        return True

    def _subject(
        self, groups: list[list[BodyMention]], i: int, subject: list[BodyMention], ge: int, named: int
    ) -> None:
        """The subject leads, with the lists before it over semicolons, unless it speaks or undergoes."""
        text = self.text
        if _SPEAKS.match(text, ge):
            return  # "Thường trực Thành ủy nhấn mạnh việc …": the speaker, not who acts
        if _UNDERGOES.match(text, ge):
            return  # "Hội trường … phải được sửa chữa trước mùa mưa": what is done to it, not by it
        self.responsible.extend(_listed_before_semicolons(text, groups, i, self.responsible))
        self.responsible.extend(subject)
        self.last_subject_end = named or ge  # (past the place: "Thành ủy Buôn Ma Thuột chỉ đạo …")
        if _approves(text, ge):
            self.approving.extend(subject)

    def _no_subject(self, group: list[BodyMention], gs: int, ge: int, cs: int) -> None:
        """A list that is no subject still leads when named as the agent, handed the work, or said to lead."""
        text = self.text
        lead_in = text[_sentence_start(text, gs) : gs].lstrip()
        if rule("agent_noun").fullmatch(lead_in) or _done_by(text, gs, ge):
            self.responsible.extend(group)
        elif not self.responsible and _handed_over_to(text, cs, gs):
            # "Kết luận buổi làm việc, đồng chí Bí thư … đề nghị các chi bộ …": a person or a meeting,
            # not a body, hands the work over; whoever receives it leads (and the list goes on
            # past a semicolon: "Giao A; B; C …")
            self.responsible.extend(group)
            self.last_subject_end = self.handed_end = ge
        elif _SAID_TO_LEAD.match(text, ge):
            # "X chỉ đạo Công an tỉnh chủ trì, phối hợp với Y": whoever is said to lead leads,
            # and Y helps it
            self.responsible.extend(group)
            self.last_subject_end = ge


def _past_adverbial(text: str, group: list[BodyMention]) -> list[BodyMention]:
    """The part of a list that may be the subject, past the bodies an opening adverbial names."""
    # "Dưới sự chỉ đạo của cấp ủy, các đảng bộ trực thuộc tự rà soát ...": the bodies up to
    # the first comma belong to the adverbial, the rest may be the subject.
    # ("Theo chỉ đạo của Ban Thường vụ, Thường trực Huyện ủy, các chi bộ …": a plural "các" opens the subject)
    gaps = [text[group[i - 1].end : group[i].start] for i in range(1, len(group))]
    k = next((i + 1 for i, gap in enumerate(gaps) if _PLURAL_AFTER_COMMA.search(gap)), 0)
    k = k or next((i + 1 for i, gap in enumerate(gaps) if "," in gap), 0)
    return group[k:] if k else group


_SEMICOLON_GAP = re.compile(r"\s*;\s*(?:các\s+)?", re.IGNORECASE)


def _listed_before_semicolons(
    text: str, groups: list[list[BodyMention]], i: int, responsible: list[BodyMention]
) -> list[BodyMention]:
    """Lists before a subject, each ended by a semicolon, from the sentence's start ("Ban Tuyên
    giáo các huyện ủy; Ban Tổ chức các đảng ủy cơ sở hướng dẫn …"): the subject's too."""
    j = i
    while j > 0 and _SEMICOLON_GAP.fullmatch(text, groups[j - 1][-1].end, groups[j][0].start):
        j -= 1
    if j == i:
        return []
    first = groups[j][0].start
    if _prefix_only().fullmatch(text[_sentence_start(text, first) : first].strip()) is None:
        return []
    return [m for g in groups[j:i] for m in g if m not in responsible]  # ("Giao A; B; C …": A is read already)


_TOPIC_OPENING = re.compile(
    r"\s*(?:(?:đối\s+)?với|về\s+(?:trách\s+nhiệm|nhiệm\s+vụ)\s+của)\s+(?:các\s+|những\s+)?", re.IGNORECASE
)
# (after a colon the bodies label a block: "Đối với các xã: …"); the last may carry whom it is under
_TOPIC_END = re.compile(r"(?:(?:(?<=thuộc)|\s+(?:trực\s+thuộc|thuộc|của|trong))\s[^,.;:]{1,50}?)?\s*,\s*", re.IGNORECASE)
_LIST_GAP = re.compile(LIST_GAP, re.IGNORECASE)


def _topic_bodies(text: str, mentions: list[BodyMention]) -> list[BodyMention]:
    """ "Đối với các chi bộ, cần rà soát …", "Về trách nhiệm của Ban Dân vận, Thường trực đề nghị
    theo dõi …": the bodies the item is about do the work it then names without a subject."""
    topic = _TOPIC_OPENING.match(text)
    if topic is None:
        return []
    group, pos = [], topic.end()
    for m in mentions:
        if m.start < pos or not (m.start == pos or (group and _LIST_GAP.fullmatch(text, pos, m.start))):
            if group or m.start > pos:
                break
            continue
        group.append(m)
        pos = m.end
    for k in range(len(group), 0, -1):  # the topic ends at one of the list's commas
        end = _TOPIC_END.match(text, group[k - 1].end)
        rest = text[end.end() :] if end else ""
        if k == len(group) and not end and _MUST_FIRST.match(text[group[-1].end :].lstrip()):
            return group  # "Với các đảng ủy cơ sở, chi bộ trực thuộc cần …": the topic is the subject
        if rest and (_told_what_they_must(rest) or _continues_work(rest) or _asks_for_work(rest)):
            return group[:k]
    return []


def _person_handed(text: str, pos: int) -> BodyMention | None:
    """The person handed the work at `pos`, named with the first office printed after the name
    ("Trịnh Văn A, Phó Bí thư Tỉnh ủy"): who they are and which body they answer for."""
    person = _PERSON_HANDED.match(text, pos)
    if person is None:
        return None
    name, end = person.group("name"), person.end()
    office = _OFFICE_AFTER.match(text, end)
    if office:
        name, end = f"{name}, {_expanded(office.group('office'))}", office.end()
    return BodyMention(text[person.start() : end], name, person.start(), end)


def _expanded(office: str) -> str:
    """An office with its body's full name ("Phó Chủ tịch UBND tỉnh" → "… Ủy ban nhân dân tỉnh")."""
    for b in reversed(find_bodies(office)):
        office = office[: b.start] + b.name + office[b.end :]
    return " ".join(office.split())


_OFFICE_AFTER = re.compile(rf"\s*(?:,|\s[-–])\s*(?P<office>(?-i:[{UPPER_LETTERS}])[^,;.:]{{2,80}}?)(?=\s*[,;.]|\s+(?:phụ\s+trách|làm|giữ|chủ\s+trì|theo\s+dõi)(?!\w))")
# a subject that undergoes the work: "phải được bố trí", never "được giao chủ trì" (it leads)
_UNDERGOES = re.compile(
    r"\s+(?:phải|cần|sẽ|đã)\s+được\s+(?!giao|phân\s+công|ủy\s+quyền|cử|chỉ\s+định)", re.IGNORECASE
)
_PASSIVE_AGENT = re.compile(r"(?<!\w)được\s+(?:các\s+)?$", re.IGNORECASE)
_HANDED_AT_START = re.compile(r"\s*(?:giao|phân\s+công)\s+", re.IGNORECASE)
_PERSON_HANDED = re.compile(rf"(?:cho\s+)?{COMRADE_NAME}(?=\s*,|\s[-–]\s|\s+(?:phụ\s+trách|làm|giữ|chủ\s+trì|theo\s+dõi)(?!\w))")


# the end of a speaker's name right before the verb that hands work over (a capitalised word,
# then "cũng", "đồng thời", "tiếp tục", "đã", "vừa", "nhấn mạnh" at most)
# a person named with an office who "chỉ đạo" bodies hands them the work ("Giám đốc Sở Nguyễn Văn
# An chỉ đạo các phòng …"); a committee's "lãnh đạo, chỉ đạo" keeps it leading
_SPEAKER_TITLE = r"đồng\s+chí|ông|bà|bí\s+thư|chủ\s+tịch|trưởng\s+ban|trưởng\s+đoàn|thủ\s+tướng|bộ\s+trưởng"
_PERSON_DIRECTS = re.compile(  # (also the speaker's next act: "Bí thư Thành ủy … lưu ý …, hạn chế và chỉ đạo X …")
    rf"(?<!\w)(?:{_SPEAKER_TITLE}|giám\s+đốc|chủ\s+nhiệm)"
    rf"(?!\w)(?:[^,.;:]{{0,60}}?(?:\s{NAME_RUN})?,?\s+(?:(?:cũng|đã|vừa)\s+)?|[^.;:]{{0,160}}?\s(?:và|đồng\s+thời)\s+)"
    r"chỉ\s+đạo\s+(?:cho\s+)?(?:các\s+)?$",
    re.IGNORECASE,
)
_SPEAKER_END = re.compile(
    rf"(?:(?-i:[{UPPER_LETTERS}])\w*|(?<!\w)(?:{_SPEAKER_TITLE}|thường\s+trực|lãnh\s+đạo\s+(?:huyện|tỉnh|xã|phường)|xã|phường|tỉnh|thành\s+phố"
    r"|hội\s+nghị|đại\s+biểu|(?:đoàn|tổ)\s+(?:giám\s+sát|kiểm\s+tra|công\s+tác|khảo\s+sát)))"  # a name, "Đồng chí", "Bí thư", "xã", "đoàn giám sát" …
    r",?(?:\s+(?:cũng|đồng\s+thời|tiếp\s+tục|đã|vừa|nhấn\s+mạnh))?\s+$",
    re.IGNORECASE,
)


_LEADING_BODY = re.compile(
    r"(?:Ban\s+Thường\s+vụ|Thường\s+trực|Ban\s+Chấp\s+hành|Bộ\s+Chính\s+trị|Ban\s+Bí\s+thư|Tỉnh\s+ủy|Thành\s+ủy|Huyện\s+ủy|Đảng\s+ủy)(?!\s+(?:Ủy|Hội|Mặt|Quân|Công))"
)


_WORKS_WITH = re.compile(r"\s*phối\s+hợp\s", re.IGNORECASE)  # "… chỉ đạo Y phối hợp với Z": the committee leads


def _leads_of_its_own(text: str, responsible: list[BodyMention]) -> bool:
    """The subject is a leading committee acting of its own ("Ban Thường vụ Tỉnh ủy chỉ đạo …"),
    not one handed the work ("Giao Đảng ủy Chính phủ chỉ đạo …": it leads alone)."""
    if not responsible or not all(_LEADING_BODY.match(m.name) for m in responsible):
        return False
    return not _HANDED_OVER.search(text, _sentence_start(text, responsible[0].start), responsible[0].start)


def _asked_later(text: str, subject_end: int, gs: int) -> bool:
    """ "… xác định …, và yêu cầu <list>" in the same sentence as the subject: the list is asked."""
    if subject_end < 0 or _sentence_start(text, gs) > subject_end:
        return False
    m = rule("assignment").search(text, lookback(subject_end, gs), gs)
    return m is not None and m.end() == gs and _AND_THEN.search(text, subject_end, m.start()) is not None


_AND_THEN = re.compile(r"(?:,|\svà)(?:\s+(?:đồng\s+thời|theo\s+đó))?\s*$")  # "…, và yêu cầu", ", đồng thời đề nghị", ", theo đó yêu cầu"


def _handed_over_to(text: str, clause_start: int, gs: int) -> bool:
    """ "… yêu cầu / đề nghị / giao (cho) (các) <bodies>" right before the list, in its clause,
    not "được giao" (the list is then the one given the work, already read as subject)."""
    m = rule("assignment").search(text, lookback(clause_start, gs), gs)
    if m is None or m.end() != gs:  # (a person directing: the sentence's speaker, past the commas of what it said first)
        return _PERSON_DIRECTS.search(text, lookback(_sentence_start(text, gs), gs), gs) is not None
    if _CONNECTIVE.fullmatch(text[clause_start : m.start()].strip(" \t,;:-–")):
        return True  # "…; (đồng thời,) đề nghị chi bộ và đồng chí Bí thư chi bộ …": the clause opens with the request
    opening = text[clause_start : m.start()]
    if _ADVERBIAL_OPENING.fullmatch(opening) and not find_bodies(opening):
        return True  # "Trước tình hình …, yêu cầu các cấp …": no one but the text itself asks
    if _DOCUMENT_ASKS.fullmatch(opening):
        return True  # "Bên cạnh đó, Chỉ thị đề nghị các chi bộ …": the document asks
    before = _SPEAKER_END.search(text, lookback(clause_start, m.start()), m.start())
    if before is not None:
        return True  # a named speaker ("Bí thư Thành ủy Nguyễn Văn A", "Ông Quảng")
    # the speaker's next act ("ông X biểu dương …, đồng thời giao cho …")
    also = _ALSO_HANDS.search(text, lookback(clause_start, m.start()), m.start())
    return also is not None and (
        _SPEAKER.search(text, clause_start, also.start()) is not None or _speaker_again(text, clause_start)
    )


def _speaker_again(text: str, clause_start: int) -> bool:
    """ "Đồng chí ghi nhận …": a clause opened by the title alone, then a verb, is the speaker
    named before."""
    m = _SPEAKER_AGAIN.match(text, clause_start)
    return m is not None and text[m.end()].islower()


_SPEAKER_AGAIN = re.compile(r"\s*(?:đồng\s+chí|ông|bà)\s+(?=\w)", re.IGNORECASE)


_CONNECTIVE = re.compile(rf"(?:{_LINK}|cùng\s+với\s+đó|mặt\s+khác)?", re.IGNORECASE)
_DOCUMENT_ASKS = re.compile(
    rf"\s*(?:(?:{_LINK}|theo\s+đó|cùng\s+với\s+đó|song\s+song\s+(?:với\s+)?đó)\s*,\s*)?{doc_type_alternation()}(?:\s+(?:số\s+)?\S*\d\S*)?(?:\s+(?:này|cũng|còn|nêu\s+rõ))*\s*",
    re.IGNORECASE,
)
_ADVERBIAL_OPENING = re.compile(  # ("Cụ thể đối với nhiệm vụ …, giao …", "Về vấn đề này giao …")
    r"\s*(?:(?:cụ\s+thể|riêng)\s*,?\s*)?(?:(?:trước|để|trong|nhằm|với|từ|sau|đối\s+với)\s[^.;:]{2,200},"
    r"|(?:về|đối\s+với)\s+(?:vấn\s+đề|việc|nội\s+dung)\s+(?:này|trên)\s*,?)\s*",
    re.IGNORECASE,
)
_ALSO_HANDS = re.compile(r"(?:,\s*(?:đồng\s+thời|cũng|và)|\s+và(?:\s+đồng\s+thời)?)\s+(?:chỉ\s+đạo\s*,\s*)?$", re.IGNORECASE)
_SPEAKER = re.compile(rf"(?<!\w)(?:{_SPEAKER_TITLE})\s+(?-i:[{UPPER_LETTERS}])", re.IGNORECASE)


def _done_by(text: str, gs: int, ge: int) -> bool:
    """ "Việc đánh giá … do đồng chí Bí thư cấp ủy và Thủ trưởng cơ quan trực tiếp chỉ đạo, chủ
    trì": the bodies after "do" lead, when a verb of leading or doing follows them."""
    return bool(rule("done_by").search(text, max(0, gs - 30), gs) and rule("done_by_verb").match(text, ge))


_CLAUSE_OPENING = re.compile(
    r"[;:]\s*(?:và\s+|đồng\s+thời\s+|chủ\s+động\s+)?$|,\s*(?:(?:đồng\s+thời|chủ\s+động|tích\s+cực)\s+)?$", re.IGNORECASE
)  # ("X xây dựng kế hoạch, chủ động phối hợp với Y …", "X lập danh sách, phối hợp với Y thẩm định …": Y helps X)


def _next_clause_of(text: str, subject_end: int, pos: int) -> bool:
    """Does a clause at `pos` open with no subject of its own, so the sentence's subject acts?

    "Đề nghị X tiếp thu ...; phối hợp với Y hoàn thiện ...": Y helps X.
    """
    if subject_end < 0:
        return False
    sentence = _sentence_start(text, pos)
    if subject_end < sentence:  # "X tham mưu …. Đồng thời, phối hợp với Y …": the next sentence goes on
        return (
            _LINKED_SENTENCE.fullmatch(text, sentence, pos) is not None
            and subject_end >= _sentence_start(text, max(0, sentence - 2))
        )
    return _CLAUSE_OPENING.search(text, subject_end, pos) is not None


_LINKED_SENTENCE = re.compile(rf"\s*(?:{_LINK})\s*,?\s*", re.IGNORECASE)


@lru_cache(maxsize=1)
def _approval() -> re.Pattern:
    """The acknowledgement verbs ("thống nhất", "nhất trí", "đồng ý") anywhere, not only at a line start."""
    return re.compile(r"\s*" + rule("acknowledgement").pattern.replace("(?:^", "(?:").lstrip("^"), re.IGNORECASE)


def _approves(text: str, pos: int) -> bool:
    return _approval().match(text, pos) is not None


# the persons a decision names, listed last among the bodies that carry it out
_PERSONS_LISTED = re.compile(
    r"\s*(?:,\s*|\s+và\s+)(?:các\s+)?(?:đồng\s+chí|cá\s+nhân|ông\s*\(\s*bà\s*\)|ông,?\s*bà)\s+có\s+tên\s+"
    r"(?:tại|ở|trong)\s+(?:Điều\s+\d+|danh\s+sách(?:\s+kèm\s+theo)?)",
    re.IGNORECASE,
)


def _subject_part(text: str, group: list[BodyMention], clause_start: int) -> list[BodyMention]:
    """The members of a body list that are the subject of what follows, or [].

    The list must open its clause (after "Giao", "Các", an adverbial "Hằng năm,") and be
    followed by a predicate. (Splitting a failed list at its commas — "sinh hoạt chi bộ, cấp
    ủy có thẩm quyền" — was tried: it turns objects "chỉ đạo các chi bộ, đảng bộ trực thuộc"
    into subjects far more often than it helps.)
    """
    ge = _place_named(text, group[-1].end) or group[-1].end  # "Huyện ủy Hàm Tân được yêu cầu …"
    persons = _PERSONS_LISTED.match(text, ge)
    ge = persons.end() if persons else ge  # "… và các đồng chí có tên tại Điều 1 chịu trách nhiệm …"
    if not _is_predicate_next(text, ge):
        return []
    pre = text[lookback(clause_start, group[0].start) : group[0].start]
    condition = next((m for m in _CONDITION_THEN.finditer(pre) if _prefix_only().fullmatch(pre, m.end())), None)
    if condition:
        pre = pre[condition.end() :]  # "Nếu …, thì chi bộ …", "Do công việc nhiều nên các Ban Thường vụ …"
    opening = pre.rfind("(")
    if opening >= 0 and ")" not in pre[opening:]:
        pre = pre[opening + 1 :]  # "... trên địa bàn xã (Giao Ban Xây dựng Đảng chủ trì, ...)"
    if _DIRECTS.match(pre.lstrip()):
        return []  # "Chỉ đạo các cấp chính quyền, …, Mặt trận Tổ quốc … phối hợp": whom the item's own body directs
    after_comma = "," in pre
    segment = pre.rsplit(",", 1)[-1] if after_comma else pre
    if _prefix_only().fullmatch(segment.strip(" \t“\"«")) is None:  # a quoted order: “Các chi bộ …
        return []
    # After a comma a body may end an adverbial or be a listed object: a verb must follow,
    # unless the work is handed to it ("Căn cứ Chương trình …, giao Ủy ban Kiểm tra rà soát").
    told = _MUST.match(text, ge) or _FORBIDDEN.match(text, ge)  # "Do đó, các xã tuyệt đối không để …"
    if after_comma and not _HANDED_OVER.match(segment.strip()) and not told and not _verb_follows(text, ge):
        return []
    owned = _OWNED_LIST.search(pre.rsplit(",", 1)[0]) if after_comma else None
    if owned and (not find_bodies(owned.group("owner")) or text[ge:].lstrip().startswith(",")):
        # "kết quả công tác của các tổ chức, cơ quan, đơn vị …", "kế hoạch của Bộ Nội vụ, Ủy ban
        # nhân dân tỉnh, bảo đảm …": whose, not who acts
        return []
    return group


_DIRECTING = r"(?:lãnh\s+đạo\s*,\s*)?chỉ\s+đạo(?:\s*,\s*hướng\s+dẫn|\s+và\s+hướng\s+dẫn)?\s"
_DIRECTS = re.compile(_DIRECTING, re.IGNORECASE)
_DIRECTED = re.compile(  # "… (đã) chỉ đạo (các phòng, ) các …": whom the subject directs
    rf"\s*(?:(?:đã|vừa|cũng|tiếp\s+tục)\s+)?{_DIRECTING}\s*(?:[^.;:,]{{0,40}},\s*)?(?:các\s+)?", re.IGNORECASE
)
_DIRECTED_AGAIN = re.compile(rf"[;,]\s*{_DIRECTING}\s*(?:các\s+)?(?:cấp\s+)?\Z", re.IGNORECASE)


def _directs_again(text: str, subject_end: int, gs: int) -> bool:
    """ "X chỉ đạo xây dựng kế hoạch …; chỉ đạo các cấp công đoàn phối hợp với Y": a later clause of
    the same sentence directs these bodies."""
    return _sentence_start(text, gs) <= subject_end and _DIRECTED_AGAIN.search(text, max(subject_end, gs - 60), gs) is not None


_LISTED_NOUNS = re.compile(r"(?:\s*,\s*(?:các\s+)?[^\W\d_]+(?:\s+[^\W\d_]+){0,2}){1,2}\s*,\s*(?:các\s+)?", re.IGNORECASE)


def _directed_list_goes_on(text: str, directed_end: int, gs: int) -> bool:
    """The list of those directed goes on past a word or two that name no body ("…, bệnh viện,
    các đơn vị …"): nouns only, no verb that would start a clause of its own."""
    if not _LISTED_NOUNS.fullmatch(text, directed_end, gs):
        return False
    items = [w.strip() for w in text[directed_end:gs].split(",")]
    return all("V" not in _tags(item) for item in items if item and item.lower() != "các")


_OWNED_LIST = re.compile(r"(?<!\w)của\s+(?:các\s+|những\s+)?(?P<owner>[^\W\d_]+(?:\s+[^\W\d_]+){0,2})\s*$", re.IGNORECASE)


_CONDITION_THEN = re.compile(  # a condition then its main clause, or a cause then its consequence
    r"(?:^\s*(?:(?:nếu|khi|ở|tại|nơi|trường\s+hợp|trong\s+trường\s+hợp|sau\s+khi)(?!\w)[^.;:]*?(?<!\w)thì"
    r"|(?:do|vì|bởi\s+vì)(?!\w)[^.;:]*?(?<!\w)nên)"
    r"|(?:^|(?<=,))\s*(?:nếu(?!\w)[^.;:]*?(?<!\w)thì"
    # the closing line's "nếu có khó khăn, vướng mắc" before its subject, with or without a comma
    r"|nếu\s+có\s+(?:gì\s+)?(?:khó\s+khăn|vướng\s+mắc|phát\s+sinh)(?:\s*(?:,|và)\s*(?:khó\s+khăn|vướng\s+mắc|phát\s+sinh))*\s*,?))\s+",
    re.IGNORECASE,
)
_HANDED_OVER = re.compile(HANDING_OVER + r"(?!\w)", re.IGNORECASE)
_REFERENCE_ITEM = re.compile(doc_type_alternation() + r"\s+(?:số\s+)?\d+[-/][\wĐđ/\-]*\d*[\wĐđ/\-]*\s+(?:ngày|của|về|do)(?!\w)", re.IGNORECASE)


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
    if _AVERAGE.search(fold_diacritics(text[max(0, s - 20) : s])):
        return True  # "tốc độ tăng thu bình quân hằng năm đạt 12%": a rate, not a rhythm (OCR may print "quần")
    clause = lookback(_clause_start(text, s), s)
    if _CRITERION.search(text, clause, s):
        return True  # "… là tiêu chí đánh giá, xếp loại đảng viên hằng tháng": the assessment's rhythm
    return bool(_PURPOSE.search(text, clause, s))


_AVERAGE = re.compile(r"(?<!\w)binh\s+quan\s*$", re.IGNORECASE)  # matched on folded text
_CRITERION = re.compile(r"(?<!\w)tiêu\s+chí(?!\w)", re.IGNORECASE)
_YEAR_SPAN = re.compile(r"(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d")
_LONGEST_DUE_SPAN = 10  # years: work is never given a decade to be done in
_RANGE_START = re.compile(r"(?P<year>\d{4})\s*[-–]\s*\Z")


def _is_scope(text: str, d: Deadline) -> bool:
    """ "giai đoạn 2026 - 2030", "định hướng đến năm 2035": the period a noun covers; "mục tiêu ...
    vào năm 2050": the year a goal is to be reached."""
    s = d.span_start or 0
    if _YEAR_SPAN.fullmatch(d.text) and text[max(0, s - 1) : s] == "(":
        return True  # "tổng kết 10 năm thực hiện chỉ thị (2016 - 2026)": the period a report covers
    began = _RANGE_START.search(text, max(0, s - 20), s)
    first_year = int(began.group("year")) if began else d.start.year if d.start else None
    if d.end and first_year and d.end.year - first_year >= _LONGEST_DUE_SPAN:
        return True  # "kỷ niệm 130 năm Ngày sinh … (19/5/1890 - 19/5/2020)": an anniversary, no time to work in
    before = text[max(0, s - 40) : s]
    words = d.text.split()
    head = " ".join(words[:2]) + " " if len(words) > 2 else ""  # "giai đoạn" inside the expression
    if _STRONG_DUE.match(d.text):
        return False  # "… nhiệm vụ trọng tâm từ nay đến cuối năm": a due time of the work
    if any(rule("scope_qualifier").search(t) for t in (before, before + head)):
        return True
    if _A_DAY.search(d.text):
        return False  # "phấn đấu đạt 100% dự toán trước ngày 15/12": a day is when the work is due
    return bool(rule("goal_clause").search(text, lookback(_clause_start(text, s), s), s))  # "mục tiêu ... vào năm 2050"


_STRONG_DUE = re.compile(r"(?:từ\s+nay\s+(?:đến|tới)|chậm\s+nhất|muộn\s+nhất)(?!\w)", re.IGNORECASE)


def _meeting_day(text: str, d: Deadline) -> bool:
    """ "tại Hội nghị ngày 3/6, Ban Thường vụ đã thống nhất …": the day of a meeting referred to,
    not a due date ("Tại Hội nghị tháng 4, tháng 8 hằng năm" still schedules one; "trình Thường
    trực tại phiên họp ngày 12/3" is when the report is due)."""
    s = d.span_start or 0
    if _A_DAY.match(d.text) is None or rule("meeting_day").search(text[max(0, s - 40) : s]) is None:
        return False
    return rule("due_marker").search(text[max(0, s - 140) : s]) is None


_A_DAY = re.compile(r"(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}", re.IGNORECASE)


def _dateline(text: str, d: Deadline) -> bool:
    """ "Ngày 21-2 (mùng 5 Tết), ông … cho biết …": the day a report's paragraph opens with is when
    it was said or done, not a due date."""
    s, e = d.span_start or 0, d.span_end or 0
    return (
        _A_DAY.match(d.text) is not None and _DATELINE_BEFORE.fullmatch(text, 0, s) is not None
        and _DATELINE_AFTER.match(text, e) is not None
    )


_DATELINE_BEFORE = re.compile(  # (after a newspaper's tag: "HNP - Ngày 24/7, …")
    r"\s*(?:\(?(?-i:[A-ZĐ]{2,10})\)?\s*[-–]\s*)?(?:(?:sáng|chiều|tối|trưa)(?:\s+nay)?\s*)?(?:ngày\s*)?", re.IGNORECASE
)
_DATELINE_AFTER = re.compile(r"\s*(?:\([^()]{0,60}\)\s*)?,")


def _names_a_document(text: str, d: Deadline) -> bool:
    """ "Nghị quyết số 05-NQ/TU về ... đến năm 2010": a cited document's subject; "(Ban hành)
    Nghị quyết về phát triển du lịch đến năm 2030": the horizon of a document to issue."""
    s = d.span_start or 0
    if rule("due_marker").search(text[max(0, s - 60) : s]):
        return False
    clause = lookback(_clause_start(text, s), s)
    if _DOC_SUBJECT.search(text, clause, s):
        return True
    if not d.text.lower().startswith("đến"):
        return False
    if _NAMED_DOC_HORIZON.search(text, clause, s):
        return True
    plan = _NAMED_PLAN.search(text, clause, s)
    return plan is not None and not _COMPLETE.search(text, clause, plan.start())


def _time_expressions(
    text: str, ref: date | None, excluded: list[tuple[int, int]], yearly_edges: bool = True
) -> list[Deadline]:
    out, covered = [], SpanSet(excluded)
    for d in find_time_expressions(text, ref, yearly_edges):
        s, e = d.span_start or 0, d.span_end or 0
        if covered.overlaps(s, e):
            continue
        if is_citation_date(text, d) or _is_scope(text, d) or _names_a_document(text, d) or _meeting_day(text, d) or _dateline(text, d):
            continue  # a cited document's date, the scope of a noun ("giai đoạn 2026 - 2030"), a document's subject
        out.append(d)
    return out


_YEAR_LESS = re.compile(
    r"(?<![\d/])\d{1,2}\s*/\s*\d{1,2}(?!\s*/\s*\d)|ngày\s+\d{1,2}\s*[-.]\s*\d{1,2}(?!\s*[-.]\s*\d)|tháng\s+\d|qu[ýí]\s+(?:[IV]+|\d)"
    r"|(?:đầu|giữa|cuối)\s+năm(?!\s+(?:\d|nay))",  # "6 tháng cuối năm", "từ nay đến cuối năm" in a report without a date
    re.IGNORECASE,
)
_FULL_DATE = re.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}|tháng\s+\d{1,2}\s+năm\s+\d{4}", re.IGNORECASE)


# (not the year a result is compared with: "… so với cùng kỳ năm 2018")
_NAMED_YEAR = re.compile(
    r"(?<!\w)(?<!cùng\skỳ\s)(?:năm|quý\s+[IV]{1,3}\s*[-–/]|tháng\s+\d{1,2}\s*[-–/])\s*((?:19|20)\d\d)(?![\d\-–])(?!\s*[-–]\s*\d)",
    re.IGNORECASE,
)


class _DocumentYears:
    """Without a document date, a year-less date ("trước 30/10") borrows the year of the nearest
    full date the document prints for its own work ("trước ngày 30/11/2009"; never a cited
    document's date). Computed once, on first need."""

    def __init__(self, text: str, cited: list[tuple[int, int]], meta: DocumentMeta):
        self.text, self.cited = text, cited
        self._dates: list[tuple[int, int]] | None = None
        self.standing = meta.doc_type in standing_doc_types()  # a year-less "đầu năm" is every year's

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
            if not self._dates:  # a report that prints no full date: the years it names ("năm 2025")
                spans = SpanSet(self.cited)
                self._dates = [
                    (m.start(), int(m.group(1))) for m in _NAMED_YEAR.finditer(self.text) if not spans.overlaps(m.start(), m.end())
                ]
        if not self._dates:
            return None
        return min(self._dates, key=lambda py: abs(py[0] - pos))[1]


def _item_times(
    item: str, pos: int, ref: date | None, excluded: list[tuple[int, int]], years: _DocumentYears
) -> list[Deadline]:
    """Time expressions of one item; year-less ones take the document's nearby year when the
    document has no date (spans stay relative to `item`)."""
    found = _time_expressions(item, ref, excluded, years.standing)
    if ref is not None or not _YEAR_LESS.search(item):
        return found
    year = years.near(pos)
    if year is None:
        return found
    seen = {(d.span_start, d.span_end) for d in found if d.start is not None or d.end is not None}
    extra = [
        d
        for d in _time_expressions(item, date(year, 1, 1), excluded, years.standing)
        if (d.span_start, d.span_end) not in seen and _YEAR_LESS.search(d.text) and (d.start or d.end)
    ]
    # "từ nay đến cuối năm": read with the year, a period of this year, not a yearly rhythm; its
    # "nay" is not known (the stand-in date is no day the text names)
    extra = [replace(d, start=None) if _FROM_NOW.match(d.text) else d for d in extra]
    replaced = {(d.span_start, d.span_end) for d in extra}
    found = [d for d in found if (d.span_start, d.span_end) not in replaced]
    return sorted(found + extra, key=lambda d: d.span_start or 0)


_FROM_NOW = re.compile(r"(?:thời\s+gian\s+)?từ\s+nay(?!\w)", re.IGNORECASE)


def _dated(found: list[Deadline], text: str | None = None) -> Deadline | None:
    """The first dated expression; with `text`, the first one marked as a due date wins
    ("xây dựng kế hoạch kiểm tra năm 2016, hoàn thành trong Quý III/2016")."""
    dated = [d for d in found if d.start is not None or d.end is not None]
    if text is not None:
        marked = [d for d in dated if _marked_due(text, d)]
        # "… báo cáo Bộ Chính trị đầu tháng 3 …. Thời gian hoàn thành chậm nhất ngày 30/6": the work is due when it is to be completed
        completed = [d for d in marked if _COMPLETION.search(text[max(0, (d.span_start or 0) - 40) : (d.span_end or 0)])]
        if marked:
            return completed[0] if completed else marked[0]
    return dated[0] if dated else None


def _marked_due(text: str, d: Deadline) -> bool:
    s = d.span_start or 0
    return bool(rule("due_phrase").search(d.text) or rule("due_marker").search(text[max(0, s - 60) : s]))


_COMPLETION = re.compile(r"(?<!\w)(?:hoàn\s+thành|chậm\s+nhất|muộn\s+nhất|kết\s+thúc)(?!\w)", re.IGNORECASE)


def _due(text: str, found: list[Deadline]) -> Deadline | None:
    """A dated expression marked as a due date ("hoàn thành trong Quý III") or a span of days
    ("Bước 1: Chuẩn bị (từ ngày 15/11 đến ngày 30/11/2025)"); a heading's bare year ("Nhiệm vụ
    trọng tâm năm 2026") names the period the block is about, not a deadline."""
    dated = _dated(found, text)
    if dated is None:
        return None
    return dated if _marked_due(text, dated) or _DAYS_SPAN.match(dated.text) else None


_DAYS_SPAN = re.compile(r"từ\s+(?:ngày\s+)?\d{1,2}[/.\-]\d{1,2}.*?\s(?:đến|tới)\s+(?:ngày\s+)?\d{1,2}[/.\-]\d{1,2}", re.IGNORECASE)


_BARE_YEAR = re.compile(r"(?:năm\s+)?\d{4}", re.IGNORECASE)
_CLAUSE_EDGE_BEFORE = re.compile(r"(?:^|[.;:,])\s*$")
_COMMA_AFTER = re.compile(r"\s*,")


def _year_adverbial(text: str, dated: Deadline) -> bool:
    """ "Năm 2026, …", "…, năm 2026, đồng chí … đề nghị …": the year set apart as the time of what follows."""
    if dated.span_start is None or dated.span_end is None:
        return False
    before = _CLAUSE_EDGE_BEFORE.search(text, max(0, dated.span_start - 3), dated.span_start)
    return before is not None and _COMMA_AFTER.match(text, dated.span_end) is not None


def choose_deadline(text: str, found: list[Deadline], inherited: Deadline | None) -> Deadline | None:
    """The item's own due date, else the inherited one, else a bare date of its own ("năm
    2026" on a noun loses to the block's "Thời gian: ..."); with the duty's recurrence."""
    dated = _dated(found, text)
    marked = _due(text, found)
    if dated is not None and dated is not marked and _BARE_YEAR.fullmatch(dated.text.strip()) and not _year_adverbial(text, dated):
        dated = None  # "kế hoạch ... năm 2026": the year a noun is about, not a due date
    base = marked or inherited or dated
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
    return _opened_earlier(text, found, base) if base is marked else base


def _opened_earlier(text: str, found: list[Deadline], due: Deadline) -> Deadline:
    """ "bắt đầu từ tháng 4/2026 và hoàn thành trong tháng 5/2026": the work runs from the start the
    item gives before its due date (same clause) to that due date."""
    opening = next(
        (d for d in found if d.start is not None and d.end is None and not d.recurrence
         and d.span_end is not None and due.span_start is not None and d.span_end <= due.span_start),
        None,
    )
    if opening is None or (due.start is not None and due.start <= opening.start):
        return due
    if (due.end is not None and due.end < opening.start) or _CLAUSE_END.search(text, opening.span_end, due.span_start):
        return due
    return replace(due, text=text[opening.span_start : due.span_end], start=opening.start, span_start=opening.span_start)


# ------------------------------------------------------------------ items


@dataclass
class _Attributes:
    """What attribute lines say of an item or a block: "Cơ quan chủ trì: ...", "Phối hợp: ..."."""

    led_by: list[BodyMention] = field(default_factory=list)
    led_by_lead: bool = False  # named by a "chủ trì" line: a "thực hiện" line gives way to it
    helped_by: list[BodyMention] = field(default_factory=list)

    def attach(self, named: list[BodyMention], lead: bool, chu_tri: bool, more: bool = False) -> None:
        """Record the bodies of one attribute line (`more`: a continuation line adds to them)."""
        if not named:
            return
        if not lead:
            self.helped_by = [*self.helped_by, *named] if more else named
        elif more:
            if chu_tri == self.led_by_lead:  # only the line that named the leaders goes on
                self.led_by = [*self.led_by, *named]
        elif chu_tri or not self.led_by_lead:
            self.led_by, self.led_by_lead = named, chu_tri


@dataclass
class _Item:
    section: Section
    start: int
    end: int
    roles: Roles
    found: list[Deadline]
    implementers: list[BodyMention]  # block implementers in force where the item stands
    attrs: _Attributes = field(default_factory=_Attributes)  # attribute lines printed under it
    due: Deadline | None = None  # the time its responsibility line gives
    asks_others: bool = False  # it opens with a body asking people, not bodies: no block leads it


@dataclass
class _Context:
    implementers: list[BodyMention]
    deadline: Deadline | None
    bullet: str | None = None  # an intro bullet ("- Ban Tổ chức Huyện ủy:") scopes its block
    attrs: _Attributes = field(default_factory=_Attributes)  # attribute lines heading the block
    decided: bool = False  # the heading records a decision: its listed items are what was decided


# the name of a part of the document listed as an item ("(vii) Tổ chức thực hiện."), no work
_HEADING_NAME = re.compile(r"(?:tổ\s+chức\s+thực\s+hiện|mục\s+đích\s*,?\s*yêu\s+cầu)\s*[.;:]?", re.IGNORECASE)
_NOTE_LINE = re.compile(r"^\([^()]*\)\.?$")  # one aside, not "(QNO) - … (trừ văn bản mật)."
_ALPHA_WORD = re.compile(r"[^\W\d_]{2,}")


def _not_an_item(item: str) -> bool:
    """Empty, a closing formula, a parenthesised note ("(Kèm theo Đề cương báo cáo)") or a stray
    fragment of the layout ("264a", "----", fewer than three words)."""
    if not item or rule("closing").search(item) or _NOTE_LINE.match(item) or _HEADING_NAME.fullmatch(item):
        return True
    return len(_ALPHA_WORD.findall(item)) < 3 or _byline(item) or _COUNTER.fullmatch(item) is not None


def _no_end_mark(line: str) -> bool:
    """No sentence ends the line: at a report's opening it is a headline ("Thành ủy yêu cầu các đảng
    ủy tổ chức đại hội tiết kiệm"), which names what the report says and gives no order of its own."""
    if len(line) > _LONGEST_HEADLINE and (_HANDED_OVER.search(line) or _ORDER_END.search(line)):
        # "Theo đó, Ban Tuyên giáo đề nghị … (19/5/1890 - 19/5/2020)": an order whose end mark is lost;
        # a long line with sentences inside, cut by a line break in its last one
        return False
    return not line.rstrip().endswith((".", "!", ";", ":", "…"))


_LONGEST_HEADLINE = 200  # characters


def _caption(line: str) -> bool:
    """A report's line between paragraphs with no end mark, no marker and no word of work ("Đảng ủy
    xã ký kết quy chế phối hợp với các xã giáp ranh"): a photo caption. The last line is kept: a
    page cut short ends a paragraph there without its mark."""
    line = line.strip()
    return (
        _no_end_mark(line) and len(line.split()) <= _LONGEST_CAPTION and split_marker(line) is None
        and not rule("work_verb").match(line) and not rule("directive_cue").search(line)
    )


_LONGEST_CAPTION = 25  # words


def _printed_again(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    """A paragraph printed twice in a row (a photo's caption under its copy) is read once; a
    one-line caption printed twice (the image's text, then its caption) is not read at all."""
    ls, le = lines[i]
    if i and text[ls:le].strip() == text[lines[i - 1][0] : lines[i - 1][1]].strip():
        return True
    return i + 1 < len(lines) and _short_line_printed_twice(text, (ls, le), lines[i + 1])


def _short_line_printed_twice(text: str, line: tuple[int, int], following: tuple[int, int]) -> bool:
    one = text[line[0] : line[1]].strip()
    return one == text[following[0] : following[1]].strip() and len(one.split()) <= _LONGEST_CAPTION // 2


_COUNTER = re.compile(r"(?:[^\W\d_]+\s+){1,5}[\d.,]*\d")  # "Tổng lượt truy cập 4,800,152": a page's counter


_PREAMBLE = re.compile(
    r"(?:thực\s+hiện|triển\s+khai|căn\s+cứ)\s+(?:(?:sự|ý\s+kiến)\s+)?(?:chỉ\s+đạo|"
    + doc_type_alternation()
    + r")\s+(?:của|số|tại)(?!\w)",
    re.IGNORECASE,
)
_CLAUSE_CUT = re.compile(r"[,;:]\s*")
_ABOUT = re.compile(r"(?<!\w)về(?!\w)", re.IGNORECASE)


def _preamble(item: str, roles: Roles) -> bool:
    """A paragraph that only says which direction it carries out ("Thực hiện ý kiến chỉ đạo
    của Thường trực tại Kế hoạch số 12-KH/ĐU về việc sơ kết …."): no body acts, none is handed work
    and no clause after it opens with work."""
    if not _PREAMBLE.match(item) or roles.responsible or _HANDED_OVER.search(item):
        return False
    topic = _ABOUT.search(item)  # "… về việc rà soát, kiểm tra …": the commas of a title cut no clause
    cuts = (m for m in _CLAUSE_CUT.finditer(item, 0, topic.start() if topic else len(item)))
    return not any(rule("work_verb").match(item[m.end() :]) for m in cuts)


# "… chỉ đạo Đảng ủy các xã làm tốt các việc:": whom an intro directs to do the items
_DIRECTS_ITEMS = re.compile(r"(?<!\w)chỉ\s+đạo\s+(?:các\s+|cho\s+)?(?=[^:]*(?:nội\s+dung|nhiệm\s+vụ|việc)[^:]*:\s*$)", re.IGNORECASE)


def _intro_addressees(item: str) -> list[BodyMention]:
    """The bodies an intro line hands its items to ("… giao X chủ trì …:", "… chỉ đạo X thực hiện … nội dung:")."""
    if _hands_over(item):
        return list(find_roles(item).responsible)
    directs = _DIRECTS_ITEMS.search(item)
    if directs is None:
        return []
    bodies = [b for b in find_bodies(item) if b.start >= directs.end()]
    return [bodies[0]] if bodies and not item[directs.end() : bodies[0].start].strip(" 0123456789") else []


_CONTENTS_AFTER_COLON = re.compile(
    r"(?<!\w)(?:nội\s+dung|việc|nhiệm\s+vụ|hoạt\s+động|giải\s+pháp)(?:\s+(?:chính|chủ\s+yếu|trọng\s+tâm|sau(?:\s+đây)?|như\s+sau))?\s*:\s*(?=\S)",
    re.IGNORECASE,
)
_SHORTEST_CONTENTS = 40  # characters after the colon: less is a list of topics, not work
_PLAN_NAMED = re.compile(r"(?<!\w)(?:xây\s+dựng|ban\s+hành)\s+(?:kế\s+hoạch|chương\s+trình)(?!\w)", re.IGNORECASE)


def _contents_start(item: str) -> int:
    """Where the contents listed after "… các nội dung:" start; 0 when there are none (or only topics)."""
    contents = _CONTENTS_AFTER_COLON.search(item)
    return contents.end() if contents is not None and len(item) - contents.end() >= _SHORTEST_CONTENTS else 0


def _plan_contents(item: str) -> int:
    """Where a plan's contents start in a paragraph that names the plan and lists them after a colon
    ("… đã ban hành kế hoạch thi đua năm 2027, gồm các nội dung: Phát động …"); 0 if it does not."""
    contents = _contents_start(item)
    return contents if contents and _PLAN_NAMED.search(item, 0, contents) else 0


def _fragment(item: str) -> bool:
    """A short unmarked line with no end mark, or a line with no end mark that announces what
    follows ("Những điểm mới khi xếp loại …"): not a sentence, so not an order."""
    return (len(item.split()) < _SHORTEST_SENTENCE or _SUBHEADING.match(item) is not None) and _no_end_mark(item)


_SUBHEADING = re.compile(
    r"(?:một\s+số|những|các)\s+(?:nội\s+dung|vấn\s+đề|điểm|lưu\s+ý|nhiệm\s+vụ|giải\s+pháp|yêu\s+cầu)(?!\w)", re.IGNORECASE
)


_SHORTEST_SENTENCE = 8  # words


def _asks_others(item: str, roles: Roles) -> bool:
    """The item opens with a body that asks others, none of them a body ("Ban Thường vụ Đảng ủy
    xã đề nghị mọi hộ dân và đảng viên trong xã …"): the block's bodies do not lead it."""
    if roles.responsible:
        return False
    bodies = find_bodies(item)
    return bool(bodies) and bodies[0].start == 0 and rule("delegation").match(item, bodies[0].end) is not None


def _byline(item: str) -> bool:
    """A few capitalised words that name no body ("Tin Tức xã Tiên Phước", "Ảnh: Minh Hà"): a
    page's byline or credit, not an item."""
    words = item.rstrip(".").split()
    if len(words) > 6 or not all(w[0].isupper() or w in _PLACE_WORDS for w in words):
        return False
    return not find_bodies(item)


_PLACE_WORDS = {"xã", "phường", "tỉnh", "huyện", "thành", "phố", "thị", "trấn"}


def _block_items(raw: list[_Item], sec: Section) -> list[_Item]:
    """The items read so far in `sec`, the section being read (they are the last ones)."""
    out = []
    for it in reversed(raw):
        if it.section is not sec:
            break
        out.append(it)
    return out


_DUTY_OF = re.compile(r"\s*(?:trách\s+nhiệm|nhiệm\s+vụ)\s+của\s+(?:các\s+)?", re.IGNORECASE)


def _duty_owners(heading: str, mentions: list[BodyMention]) -> list[BodyMention]:
    """ "Trách nhiệm của cấp ủy nơi đảng viên sinh hoạt": whose duties the block lists, whatever
    qualifies them after their name."""
    duty = _DUTY_OF.match(heading)
    groups = _groups(heading, mentions) if duty else []
    return list(groups[0]) if groups and groups[0][0].start == duty.end() else []


def _issuers(heading: str, mentions: list[BodyMention]) -> list[BodyMention]:
    """ "Ban hành các Chỉ thị của Ban Thường vụ Đảng ủy phường:": who issues the listed documents."""
    for group in _groups(heading, mentions):
        if rule("issuing_heading").search(heading[: group[0].start]):
            return list(group)
    return []


def _body_only(text: str, mentions: list[BodyMention]) -> bool:
    core = re.sub(
        r"^(?:đối\s+với|về|giao|trách\s+nhiệm\s+của|nhiệm\s+vụ\s+của|phân\s+công\s+cho)\s+(?:các\s+)?",
        "",
        text.strip().rstrip(":.").strip(),
        flags=re.I,
    )
    core = SPREAD_OVER.sub("", core)
    core = AND_EQUIVALENTS.sub("", core)  # "a) Tỉnh ủy và tương đương": the level and those like it
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
    """Trim the span to the item's words (a post's leading emoji "📌 " too); "./." closing marks
    become ".": spans stay exact."""
    while start < end and (text[start] in " \t\ufe0f" or unicodedata.category(text[start]) == "So"):
        start += 1
    while end > start and text[end - 1] in " \t":
        end -= 1
    if text[start:end].endswith("./."):
        end -= 2
    return start, end


# the localities or units as a whole: after bodies were named, "các địa phương" means those bodies
_UNITS_AS_A_WHOLE = frozenset({"Địa phương", "Đơn vị", "Địa phương, đơn vị", "Đơn vị, địa phương"})


# a body of every unit of a lower level ("Thường trực đảng ủy các phường", "Chi bộ trực thuộc")
_OF_EVERY_UNIT = re.compile(r"(?<!\w)(?:xã|phường|thị\s+trấn|đặc\s+khu|huyện|quận|thị\s+xã|cơ\s+sở|trực\s+thuộc)$", re.IGNORECASE)


def _refers_back(bodies: tuple[BodyMention, ...] | list[BodyMention], earlier: list[BodyMention]) -> bool:
    """ "Theo đó, các địa phương phải …" after the bodies of every commune were handed work: the
    localities are those bodies (not after named bodies: then they are the localities)."""
    if not (bodies and earlier and all(b.name in _UNITS_AS_A_WHOLE for b in bodies)):
        return False
    return all(_OF_EVERY_UNIT.search(b.name) for b in earlier)


def _merge_with_implementers(bodies: list[BodyMention], implementers: list[BodyMention]) -> list[BodyMention]:
    """A short printing of the section's implementer ("Đảng ủy khối") takes its full name; the
    units as a whole stand for the implementers named before."""
    if not implementers:
        return bodies
    if _refers_back(bodies, implementers):
        return list(implementers)
    names = [b.name for b in bodies] + [i.name for i in implementers]
    rep = merge_variants(names, tfidf=False)  # prefix rule only: no scikit-learn import on this path
    full = {i.name for i in implementers}
    out = []
    for b in bodies:
        r = rep.get(b.name, b.name)
        out.append(replace(b, name=r) if r in full and r != b.name else b)
    return _dedupe(out)


# A wrapped line may start with the rest of a date: "... tham mưu trong quý" / "II/2027)."
_DATE_FRAGMENT = re.compile(r"(?:[IVX]{1,4}|\d{1,2})/\d{2,4}(?!\d)")


def _logical_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Lines, with a hard-wrapped continuation (no marker, starts in lower case or with the rest
    of a date, previous line not closed by punctuation) joined to the line before it."""
    out: list[tuple[int, int]] = []
    for ls, le in iter_lines(text, start, end):
        line = text[ls:le]
        if (
            out
            and (line[:1].islower() or _DATE_FRAGMENT.match(line))
            and split_marker(line) is None
            and not re.search(r"[.;:!?…]\s*$", text[out[-1][0] : out[-1][1]])
        ):
            out[-1] = (out[-1][0], le)
        else:
            out.append((ls, le))
    return out


_LONGEST_LABEL = 16  # words: "Định hướng các chỉ tiêu chủ yếu về phát triển kinh tế - xã hội 5 năm 2021 - 2025:"


def _block_label(item: str) -> str | None:
    """The kind of an unnumbered line that labels the paragraphs below it ("Quan điểm chỉ đạo:",
    "Nhiệm vụ trọng tâm trong nhiệm kỳ:"), or None for any other line (an intro that names
    bodies and hands out work is no label)."""
    if not item.endswith(":") or len(item.split()) > _LONGEST_LABEL or not item[:1].isupper():
        return None
    if _HANDED_OVER.search(item) or find_bodies(item):
        return None
    return heading_kind(item[:-1], title=True)


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

    Passes: read each line (heading, schedule, attribute or item) → add headings left without
    items → build the tasks, each inheriting bodies and deadline along its section chain.
    """
    meta = meta or DocumentMeta()
    cited = [(c.start, c.end) for c in citations or []]
    if not sections:
        return _tasks_without_sections(text, meta, cited)
    reading = _Reading(text, sections, meta, cited)
    lines = list(_logical_lines(text, min(s.start for s in sections), max(s.end for s in sections)))
    for i, (ls, le) in enumerate(lines):
        if not _printed_again(text, lines, i):
            reading.line(ls, le)
    reading.add_bare_headings()
    return reading.tasks()


def _part_hands_work(sec: Section) -> bool:
    """A part of a resolution's decisions that is one sentence handing out work, with nothing under
    it ("II- Giao Ban Chấp hành Đảng bộ khóa mới cụ thể hóa Nghị quyết …"): an item, whatever its
    number; a part's title ("II. NHIỆM VỤ") never is."""
    return (
        sec.kind != "non_task"
        and re.match(r"[IVXL]+(?!\w)", sec.marker) is not None
        and sec.heading.rstrip().endswith(".")
        and bool(find_roles(sec.heading).responsible)
    )


_APPENDIX_TITLE = re.compile(r"phụ\s+lục(?!\w)", re.IGNORECASE)
_PART_LABEL_WORDS = 4  # "Phương hướng", "Nhiệm vụ cụ thể": a part's label, not work to do


def _names_a_part(heading: str) -> bool:
    """A short heading that only says what kind of part it is ("1. Phương hướng", "2. Nhiệm vụ")."""
    return len(heading.split()) <= _PART_LABEL_WORDS and heading_kind(heading) != "neutral"


class _Reading:
    """One pass over a sectioned document: the items read so far and the context of each block."""

    def __init__(self, text: str, sections: list[Section], meta: DocumentMeta, cited: list[tuple[int, int]]):
        self.text, self.sections, self.meta, self.cited = text, sections, meta, cited
        self.years = _DocumentYears(text, cited, meta)
        self.innermost, self.cited_spans = section_finder(sections), SpanSet(cited)
        # "5. Thời gian thực hiện: Từ ngày …" names a time, not a block of work
        has_task_sections = any(s.kind == "task" and not rule("schedule").search(s.heading) for s in sections)
        self.task_kinds = {"task"} if has_task_sections else {"task", "neutral"}
        self.parent_of = _parents(sections)
        self.introduced = _introduced_sections(text, sections, self.parent_of)
        self.contexts: dict[int, _Context] = {}
        self.schedule: dict[int, Deadline] = {}
        self.items: list[_Item] = []
        self.last_item_section: int | None = None  # the block whose items the last lines were
        self.attribute_line: tuple[list, bool, bool] | None = None  # the attribute line just read
        self.label_kind: dict[int, str] = {}  # a section's last unnumbered label line ("Mục tiêu cụ thể:"): its kind

    # ---------------------------------------------------------------- reading lines

    def line(self, ls: int, le: int) -> None:
        """Read one logical line: a heading gives context, a schedule or attribute line describes
        its block or the items above it, anything else may be an item."""
        sec = self.innermost(ls)
        if sec is None or sec.kind == "non_task":
            return
        if ls == sec.start:
            self.last_item_section = None  # a new section: attribute lines below belong to its block
            if sec.heading:
                self._heading(sec)
                return
        marker = split_marker(self.text[ls:le])
        s, e = _clean_item(self.text, ls + (marker.length if marker else 0), le)
        item = self.text[s:e]
        if _not_an_item(item) or self._schedule_line(sec, item) or _seats_members(item):
            return
        if (_TOPIC_LINE.match(item) and len(item.split()) <= 12) or is_upper_line(item) or rule("group_label").match(item):
            return  # "Về công tác cán bộ", "NHIỆM VỤ TRỌNG TÂM", "Năm 2027: (02 cuộc)": an unnumbered sub-heading
        if _APPENDIX_TITLE.match(item) and _no_end_mark(item):
            return  # "2. Phụ lục kèm theo Kế hoạch này": where the appendix is, no work
        label = None if marker else _block_label(item)
        if label is not None:
            self.label_kind[id(sec)] = label
            return
        if self.label_kind.get(id(sec)) == "non_task":
            return  # under "Quan điểm chỉ đạo:", "Mục tiêu cụ thể:": what the work is for, not work
        # a section without a heading is led by the paragraph that handed it out, if any
        ctx = self.contexts.setdefault(id(sec), _Context(list(self.introduced.get(id(sec), [])), None))
        if self._attribute_line(sec, ctx, item, marker):
            return
        excluded = self.cited_spans.relative(s, e)
        roles = find_roles(item, excluded)
        if self._responsibility_line(sec, ctx, item, roles):
            return
        self._item(sec, ctx, ls, s, e, marker, roles, excluded)

    def _introduced(self, sec: Section) -> bool:
        return any(id(n) in self.introduced for n in self._chain(sec))

    def _heading(self, sec: Section) -> None:
        """ "b) Ban Dân vận Huyện ủy:" names the block's body; "Tăng cường sự lãnh đạo, chỉ đạo của
        cấp ủy cấp trên ..." names who leads the items that have no subject; else the bodies of
        the paragraph that introduced the section as a task ("Bộ Chính trị yêu cầu các cấp ủy …")."""
        heading = self.text[sec.heading_start : sec.heading_end]
        mentions = find_bodies(heading)
        roles = find_roles(heading)
        # "2. Ban Tổ chức chủ trì, phối hợp cùng Sở Nội vụ …:" leads with helpers, a list of bodies does not
        listed = _body_only(heading, mentions) and not roles.coordinating
        implementers = list(mentions) if listed else list(roles.responsible)
        implementers = (
            implementers or _duty_owners(heading, mentions) or _issuers(heading, mentions)
            or self.introduced.get(id(sec), [])
        )
        due = _due(heading, _time_expressions(heading, self.meta.issued_date, []))
        self.contexts[id(sec)] = _Context(implementers, due, decided=rule("acknowledgement").match(heading) is not None)
        if not listed and roles.coordinating:
            self.contexts[id(sec)].attrs.helped_by = list(roles.coordinating)

    def _schedule_line(self, sec: Section, item: str) -> bool:
        """ "Thời gian: trong tháng 10/2013": the block's deadline."""
        if not (rule("schedule").search(item) and len(item) < 160):
            return False
        dated = _dated(_time_expressions(item, self.meta.issued_date, []))
        if dated:
            self.schedule[id(sec)] = dated
        return True

    def _attribute_line(self, sec: Section, ctx: _Context, item: str, marker: Marker | None) -> bool:
        """ "Cơ quan chủ trì: ...", "Phối hợp: ...", "Thành phần: ...": printed under the items of
        its block it is theirs, before them the block's; an unmarked list of bodies continues it."""
        lead = rule("lead_line").match(item)
        helper = None if lead else rule("coordination_line").match(item)
        if lead or helper:
            head = (lead or helper).end()
            named = [m for m in find_bodies(item) if m.start >= head]
            owners = _block_items(self.items, sec) if self.last_item_section == id(sec) else [ctx]
            if lead and owners is not None and owners != [ctx] and self._details_of_heading(sec, owners):
                owners = [self._heading_as_item(sec, owners)]
            chu_tri = "chủ trì" in item[:head].lower()
            for owner in owners:
                owner.attrs.attach(named, lead is not None, chu_tri)
            self.attribute_line = (owners, lead is not None, chu_tri)
            return True
        if self.attribute_line and marker is None and _body_only(item, find_bodies(item)):
            owners, is_lead, chu_tri = self.attribute_line
            for owner in owners:
                owner.attrs.attach(find_bodies(item), is_lead, chu_tri, more=True)
            return True
        self.attribute_line = None
        return bool(rule("attribute").match(item) and len(item) < 200)

    def _details_of_heading(self, sec: Section, items: list[_Item]) -> bool:
        """ "1.1. Xây dựng và ban hành Hướng dẫn …" then "- Bảo đảm …", "- Đơn vị chủ trì: …": the
        heading names the work the attribute lines are of; the lines between only describe it."""
        heading = self.text[sec.heading_start : sec.heading_end].strip()
        return (
            len(heading.split()) >= 4
            and not heading.endswith(":")
            and not is_upper_line(heading)
            and rule("work_verb").match(heading) is not None
            and not any(it.roles.responsible for it in items)
        )

    def _heading_as_item(self, sec: Section, details: list[_Item]) -> _Item:
        """Replace the items of `sec` by its heading, the task they describe."""
        self.items = [it for it in self.items if not any(it is d for d in details)]
        heading = self._heading_item(sec, _Attributes())
        self.items.append(heading)
        return heading

    def _heading_item(self, sec: Section, attrs: _Attributes) -> _Item:
        """The heading of `sec` read as an item, with its roles and times."""
        s, e = _clean_item(self.text, sec.heading_start, sec.heading_end)
        excluded = self.cited_spans.relative(s, e)
        found = _time_expressions(self.text[s:e], self.meta.issued_date, excluded)
        return _Item(sec, s, e, find_roles(self.text[s:e], excluded), found, [], attrs)

    def _responsibility_line(self, sec: Section, ctx: _Context, item: str, roles: Roles) -> bool:
        """ "Đảng ủy UBND xã chủ trì, phối hợp các cơ quan liên quan tham mưu, trình trong tháng
        01/2026" under an item, or under a heading that names the work: who does it and by when."""
        under_items = self.last_item_section == id(sec)
        if len(item) > 240 or not (under_items or sec.heading):
            return False
        if not roles.responsible or not _says_only_who_and_when(item, roles, self.meta.issued_date):
            return False
        owners: list = [it for it in _block_items(self.items, sec) if not it.attrs.led_by][:1] if under_items else [ctx]
        dated = _dated(_time_expressions(item, self.meta.issued_date, []))
        for owner in owners:
            owner.attrs.attach(list(roles.responsible), True, True)
            owner.attrs.attach(list(roles.coordinating), False, False)
            if dated and isinstance(owner, _Item):
                owner.due = dated
        if dated and not under_items:
            self.schedule[id(sec)] = dated
        return True

    def _item(
        self, sec: Section, ctx: _Context, ls: int, s: int, e: int, marker: Marker | None,
        roles: Roles, excluded: list[tuple[int, int]],
    ) -> None:
        """A candidate item (its roles found with cited documents' spans `excluded`): an intro line
        sets its block's implementer; an item that reads as work (a subject, or a task-bearing
        section) is kept."""
        item = self.text[s:e]
        if ctx.bullet and marker and marker.style == "bullet" and marker.printed == ctx.bullet:
            ctx.implementers, ctx.bullet = [], None  # the intro bullet's block has ended
        if not _opens_with_subject(item, roles):
            roles = _trailing_responsibility(item, self.meta.issued_date) or roles
        # "Ngoài ..., Ban Thường vụ xem xét, thông qua các văn bản, cụ thể như sau:" however long,
        # unless sentences of work come before it
        introduces = rule("intro").search(item) is not None and not has_sentence_break(item)
        if item.endswith(":") or introduces:
            mentions = find_bodies(item)
            lead = list(roles.responsible) or (mentions if _body_only(item, mentions) else [])
            if lead:
                ctx.implementers = lead
                ctx.bullet = marker.printed if marker and marker.style == "bullet" else None
            if len(item) < 120 or is_upper_line(item) or introduces:
                return
        if sec.kind not in self.task_kinds and not roles.responsible and not self._introduced(sec):
            return
        if _acknowledged(item) and not (roles.responsible and _HANDED_OVER.search(item)):
            # "Cơ bản thống nhất với báo cáo ...": an assessment or a decision, not work; the due
            # date a decision sets ("…, bảo đảm hoàn thành trước ngày 30/6/2025") is its block's
            due = _due(item, _time_expressions(item, self.meta.issued_date, excluded))
            if due and ctx.deadline is None:
                ctx.deadline = due
            return
        if ctx.decided and not roles.responsible:
            return  # an item of "1. Thông qua các dự thảo văn kiện sau đây:": what was decided
        if rule("appeal").match(item):
            return  # "Ban Chấp hành Trung ương kêu gọi toàn Đảng, toàn dân ...": a call, not work
        if _reviews_the_past(item):
            return  # "1. Thời gian qua, ... đã ...; tuy nhiên ... còn chậm": an assessment (marked or not)
        found = _item_times(item, s, self.meta.issued_date, excluded, self.years)
        self.items.append(_Item(sec, s, e, roles, found, list(ctx.implementers), asks_others=_asks_others(item, roles)))
        self.last_item_section = id(sec)
        handed_out = ctx.implementers == self.introduced.get(id(sec))
        if ls == sec.start and (not ctx.implementers or handed_out) and _led_from_the_start(item, roles):
            # "2. Đảng ủy Ủy ban nhân dân xã chỉ đạo ..." then unmarked paragraphs: its subject
            # goes on leading them ("Tiếp tục rà soát ...", "Thường xuyên đánh giá ...").
            ctx.implementers = list(roles.responsible)

    # ---------------------------------------------------------------- after reading

    def add_bare_headings(self) -> None:
        """A heading with nothing under it (its block held only a closing line) is itself the item."""
        with_items = {id(it.section) for it in self.items} | {id(p) for p in self.parent_of.values()}
        for sec in self.sections:
            if sec.heading and id(sec) not in with_items and (
                (
                    sec.kind in self.task_kinds
                    and not is_upper_line(sec.heading)
                    and not re.match(r"(?:Phần|[IVXL]+(?!\w))", sec.marker)
                    and not _names_a_part(sec.heading)
                )
                or _part_hands_work(sec)
            ):
                own = self.contexts.get(id(sec))  # the heading's own attribute or responsibility lines
                self.items.append(self._heading_item(sec, own.attrs if own else _Attributes()))
        self.items.sort(key=lambda it: it.start)

    def _chain(self, sec: Section) -> list[Section]:
        out = [sec]
        while (p := self.parent_of.get(id(out[-1]))) is not None:
            out.append(p)
        return out

    def tasks(self) -> list[Task]:
        """Each item as a task, with what its own lines, its block and the blocks above it say."""
        return [self._task(it) for it in self.items]

    def _task(self, it: _Item) -> Task:
        nodes = self._chain(it.section)
        blocks = [self.contexts[id(n)] for n in nodes if id(n) in self.contexts]
        implementers = it.implementers or next((c.implementers for c in blocks if c.implementers), [])
        implementers = [] if it.asks_others else implementers
        inherited = it.due or next((self.schedule[id(n)] for n in nodes if id(n) in self.schedule), None) or next(
            (c.deadline for c in blocks if c.deadline), None
        )
        helpers = next((c.attrs.helped_by for c in blocks if c.attrs.helped_by), [])
        implementers = implementers or next((c.attrs.led_by for c in blocks if c.attrs.led_by and not it.asks_others), [])
        roles = it.roles if it.roles.coordinating or not helpers else Roles(it.roles.responsible, tuple(helpers))
        if it.attrs.led_by or it.attrs.helped_by:  # the item's own attribute lines say it outright
            roles = Roles(tuple(it.attrs.led_by) or roles.responsible, tuple(it.attrs.helped_by) or roles.coordinating)
            implementers = it.attrs.led_by or implementers
        return _make_task(self.text, it.start, it.end, it.section.path, roles, it.found, implementers, inherited, self.meta)


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
    responsible = _named_before(text, s, list(roles.responsible))
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


# "các đơn vị trên", "hai đảng bộ này" (not "trên địa bàn", "trên cơ sở …")
_ANAPHOR = re.compile(
    r"\s+(?:nói\s+trên|trên(?!\s+(?:địa\s+bàn|cơ\s+sở|toàn|mọi|các|những|tinh\s+thần|lĩnh\s+vực))|này)(?!\w)", re.IGNORECASE
)
_COUNTED_BEFORE = re.compile(r"(?<!\w)(?:các|những|hai|ba|\d+)\s+$", re.IGNORECASE)
_LOOK_BACK = 800  # characters before an item searched for the bodies "các đơn vị trên" points back to


def _named_before(text: str, s: int, responsible: list[BodyMention]) -> list[BodyMention]:
    """ "Huyện ủy chỉ đạo các đơn vị trên …": a body that only points back stands for the bodies
    named last before the item (not a leading committee, not another pointer back)."""
    pointers = [
        b for b in responsible
        if _ANAPHOR.match(text, s + b.end) and _COUNTED_BEFORE.search(text, max(0, s + b.start - 12), s + b.start)
    ]
    if not pointers:
        return responsible
    lo = max(0, s - _LOOK_BACK)
    window = text[lo:s]
    named = [
        b for b in find_bodies(window)
        if not (_LEADING_BODY.match(b.name) or _ANAPHOR.match(window, b.end))
        and b.printed[:1].isupper() and len(b.name.split()) > 2  # a named body, not a bare kind ("Đảng bộ")
    ]
    groups = _groups(window, named)
    if not groups:
        return responsible
    return _dedupe([b for b in responsible if b not in pointers] + groups[-1])


def _introduced_sections(
    text: str, sections: list[Section], parent_of: dict[int, Section]
) -> dict[int, list[BodyMention]]:
    """Sections that a paragraph right before them introduces as tasks ("… yêu cầu các cấp ủy …
    tập trung thực hiện tốt một số nhiệm vụ trọng tâm sau:"), with the bodies it hands them to.
    The run of siblings goes on until a section whose heading says what it is."""
    out: dict[int, list[BodyMention]] = {}
    previous_end: dict[int | None, int] = {}  # per parent: where the text before the next child starts
    run: dict[int | None, list[BodyMention] | None] = {}
    for sec in sections:
        parent = parent_of.get(id(sec))
        key = id(parent) if parent else None
        before_start = previous_end.get(key, parent.heading_end if parent else 0)
        lines = [ln.strip() for ln in text[before_start : sec.start].split("\n") if ln.strip()]
        if lines and rule("assigning_intro").search(lines[-1]):
            run[key] = _intro_addressees(lines[-1]) or list(find_roles(lines[-1]).responsible)
        elif sec.kind != "neutral":
            run[key] = None
        if run.get(key) is not None and sec.kind == "neutral":
            out[id(sec)] = run[key]
        previous_end[key] = sec.end
    return out


def _parents(sections: list[Section]) -> dict[int, Section]:
    """Each section's parent object (paths repeat across parts, so look back by position)."""
    latest: dict[str, Section] = {}
    out: dict[int, Section] = {}
    for sec in sections:
        if sec.parent and sec.parent in latest:
            out[id(sec)] = latest[sec.parent]
        latest[sec.path] = sec
    return out


def _runs_of_orders(text: str, lines: list[tuple[int, int]]) -> set[int]:
    """Starts of the paragraphs that, two or more in a row, each open with the work itself and end
    a sentence ("Chỉ đạo … ." / "Đẩy mạnh … ."): a list of orders whose lead-in is not in the text."""
    opens = [
        bool(rule("work_verb").match(text, ls)) and text[ls:le].rstrip().endswith(".") and not _FOLLOWS_ORDERS.match(text, ls, le)
        for ls, le in lines
    ]
    return {
        ls for i, (ls, _) in enumerate(lines)
        if opens[i] and ((i > 0 and opens[i - 1]) or (i + 1 < len(lines) and opens[i + 1]))
    }


# "Thực hiện chỉ đạo của …", "Thực hiện kế hoạch …, bám sát …": what the orders follow, no order
_FOLLOWS_ORDERS = re.compile(
    r"thực\s+hiện\s+(?:sự\s+)?(?:chỉ\s+đạo|chủ\s+trương|kế\s+hoạch|chương\s+trình|ý\s+kiến|nghị\s+quyết|kết\s+luận|chỉ\s+thị|công\s+văn|hướng\s+dẫn|quyết\s+định)",
    re.IGNORECASE,
)


def _roles_or_recipients(item: str, excluded: list[tuple[int, int]]) -> Roles:
    """The item's roles; with no subject, the recipients a letter asks for work ("… vừa có văn bản
    gửi X, yêu cầu rà soát …")."""
    roles = find_roles(item, excluded)
    recipients = [] if roles.responsible else _recipients(item)
    if recipients and _asks_for_work(item):
        return Roles(tuple(recipients), roles.coordinating)
    return roles


# a decision's line that seats a person on a committee ("Đồng chí …, Phó Trưởng Ban …, làm Phó
# Trưởng Ban Chỉ đạo thay đồng chí …"), unless it also names the duty ("…, phụ trách …")
_APPOINTMENT = re.compile(
    r"(?:đồng\s+chí|ông|bà)\s[^;]{0,200}?\s(?:làm|giữ\s+chức)\s+(?:Phó\s+)?"
    r"(?:Trưởng\s+[Bb]an|Tổ\s+trưởng|Tổ\s+phó|Thành\s+viên|Ủy\s+viên|Thư\s+ký|Chủ\s+nhiệm)(?!\w)",
    re.IGNORECASE,
)
# … or keeps, relieves or removes its members ("Lưu nhiệm các ủy viên …", "…, thì miễn nhiệm …")
_MEMBERSHIP = re.compile(
    r"(?:[^.;]{0,200}?,\s*thì\s+)?(?:tiếp\s+tục\s+)?(?:lưu\s+nhiệm|miễn\s+nhiệm|bãi\s+nhiệm|cho\s+thôi)(?!\w)",
    re.IGNORECASE,
)
_DUTY_NAMED = re.compile(r"(?<!\w)(?:phụ\s+trách|chịu\s+trách\s+nhiệm|có\s+nhiệm\s+vụ|chủ\s+trì|giúp)(?!\w)", re.IGNORECASE)


def _seats_members(item: str) -> bool:
    """ "- Đồng chí X, Phó Trưởng Ban …, làm Phó Trưởng Ban Chỉ đạo;", "Lưu nhiệm …": who sits
    where, no work (unless the line also names the duty)."""
    return bool(_APPOINTMENT.match(item) or _MEMBERSHIP.match(item)) and not _DUTY_NAMED.search(item)


_LONGEST_TITLE = 40  # words
_SENTENCE_CLOSE = re.compile(r"[.;:!?…]\W*$")


def _block_titles(text: str, lines: list[tuple[int, int]]) -> dict[int, str]:
    """Numbered lines that title the paragraphs below them: no end mark of their own, and the next
    paragraph, unnumbered, a sentence ("(1) Đổi mới tư duy …" then "Các cấp ủy quán triệt … ."),
    each mapped to its number."""
    printed = [text[a:b].strip() for a, b in lines]
    markers = [split_marker(line) for line in printed]  # each line's marker, read once
    titles = {}
    for i in range(len(lines) - 1):
        line, following, below = printed[i], printed[i + 1], markers[i + 1]
        number = _printed_number(markers[i])
        if number is None or _SENTENCE_CLOSE.search(line) or len(line.split()) > _LONGEST_TITLE:
            continue
        # over paragraphs (a longer sentence, unnumbered) or over bullets
        over_paragraph = below is None and len(following) > len(line)
        over_bullets = below is not None and below.style == "bullet"
        if _SENTENCE_CLOSE.search(following) and (over_paragraph or over_bullets):
            titles[lines[i][0]] = number
    return titles


_TRAILING_ASIDE = re.compile(r"\s*\([^()]*\)\s*$")
_NOTE_LABEL = re.compile(r"[^\W\d_][^:.;,]{0,30}:")
_ABOUT_THE_TEXT = re.compile(r"(?:trên\s+đây|đây\s+là|như\s+vậy)(?!\w)", re.IGNORECASE)  # "Trên đây là …", "Đây là nội dung …"


def _a_question(item: str) -> bool:
    """ "… được quy định ra sao? (Hình từ Internet)": a page's question or caption, never an order."""
    return _TRAILING_ASIDE.sub("", item).endswith("?")


# a title over how an event is held or what it covers ("(1) Thời gian và địa điểm",
# "(2) Thành phần", "(3) Nội dung tập huấn"): its lines arrange the event, they are no work
_ARRANGEMENT_TITLE = re.compile(
    r"(?:thời\s+gian|địa\s+điểm|thành\s+phần|hình\s+thức|đối\s+tượng|thời\s+lượng|kinh\s+phí|chương\s+trình"
    r"|nội\s+dung\s+(?:tập\s+huấn|hội\s+nghị|bồi\s+dưỡng|sinh\s+hoạt|buổi|lớp|chương\s+trình))(?!\w)",
    re.IGNORECASE,
)


def _tasks_without_sections(text: str, meta: DocumentMeta, cited: list[tuple[int, int]]) -> list[Task]:
    from .structure import find_regions

    regions = find_regions(text)
    lines = list(_logical_lines(text, regions.body_start, regions.body_end))
    titles = _block_titles(text, lines)
    while len(lines) > 1 and _no_end_mark(text[lines[0][0] : lines[0][1]]) and lines[0][0] not in titles:
        lines = lines[1:]  # a report's headline (not a numbered title over the paragraphs below it)
    reading = _ParagraphReading(text, meta, cited, _runs_of_orders(text, lines), titles)
    last = len(lines) - 1
    for i, (ls, le) in enumerate(lines):
        if i < last and _caption(text[ls:le]):
            continue
        if _printed_again(text, lines, i):
            continue
        reading.line(ls, le)
        if text[ls:le].rstrip().endswith("./."):
            break  # the closing mark: what follows is the page's (a paper's name, the next story)
    reading.close_title()
    tasks = reading.tasks if regions.header_end else _led_by_the_whole_request(reading.tasks)
    return _named_in_full(text, _hosted(tasks))


_HOST = re.compile(r"Tại\s+(?P<host>[^,.;:]{3,80}),\s")
_MEETING_WORD = re.compile(r"(?:hội\s+nghị|cuộc\s+họp|buổi|phiên|kết\s+luận|chuyến|đây|đó)(?!\w)", re.IGNORECASE)


def _hosted(tasks: list[Task]) -> list[Task]:
    """A leader's directions given at a unit visited, named by no one ("Tại phường Gia Định, đồng
    chí … nhấn mạnh yêu cầu chuẩn bị …"): the unit visited carries them."""
    out = []
    for t in tasks:
        m = _HOST.match(t.text) if not t.responsible else None
        host = _host_of(m.group("host"), m.start("host")) if m and not _MEETING_WORD.match(m.group("host")) else None
        out.append(replace(t, responsible=(host,)) if host else t)
    return out


def _host_of(phrase: str, offset: int) -> BodyMention | None:
    """The body or the ward / commune `phrase` (after "Tại") names whole, spans relative to the task."""
    bodies = find_bodies(phrase)
    if len(bodies) == 1 and bodies[0].start == 0 and bodies[0].end >= len(phrase.rstrip()) - 1:
        return replace(bodies[0], start=offset, end=offset + bodies[0].end)
    place = _NAMED_PLACE.fullmatch(phrase.strip())
    if place:
        name = f"{place.group('kind').capitalize()} {place.group('name')}"
        return BodyMention(printed=phrase.strip(), name=name, start=offset, end=offset + len(phrase.strip()))
    return None


def _led_by_the_whole_request(tasks: list[Task]) -> list[Task]:
    """A report (no header of its own) whose addressees are named once for all its contents ("Văn
    phòng Huyện ủy đề nghị các chi bộ nghiêm túc triển khai.", before or after them): the orders
    that name no one are theirs."""
    whole = next((t for t in tasks if t.responsible and rule("whole_request").search(t.text)), None)
    if whole is None:
        return tasks
    return [
        replace(t, responsible=whole.responsible) if not t.responsible and t.text.rstrip().endswith((".", ";", "!")) else t
        for t in tasks
    ]


# bodies a report names again by their head alone ("Đảng bộ cần …" after "Đảng bộ UBND tỉnh")
_SHORT_NAMES = frozenset({"Đảng bộ", "Đảng ủy", "Ban Thường vụ", "Thường trực", "Ban Chỉ đạo", "Tổ công tác", "Phường", "Xã", "Cơ quan"})


_NAMED_PLACE = re.compile(rf"(?<!\w)(?P<kind>(?-i:phường|xã|Phường|Xã))\s+(?P<name>(?-i:[{UPPER_LETTERS}])\w*(?:[ \t]+(?-i:[{UPPER_LETTERS}])\w*){{0,5}})")


def _named_in_full(text: str, tasks: list[Task]) -> list[Task]:
    """A responsible body printed by its head alone takes the one full name the text gives that
    head ("Đảng bộ" → "Đảng bộ Ủy ban nhân dân tỉnh"); with none, or several, it stays."""
    if not any(b.name in _SHORT_NAMES for t in tasks for b in t.responsible):
        return tasks
    full: dict[str, dict[str, None]] = {}  # head → its full names, in the order printed
    for b in find_bodies(text):
        head = next((h for h in _SHORT_NAMES if b.name.startswith(h + " ")), None)
        if head:
            full.setdefault(head, {})[b.name] = None
    for m in _NAMED_PLACE.finditer(text):  # "Đảng bộ phường Phú Mỹ": the ward is "Phường Phú Mỹ"
        name = name_before_person(m.group("name"))  # "phường Phú Thạnh Võ Công Thành": its secretary's name follows
        full.setdefault(m.group("kind").capitalize(), {})[f"{m.group('kind').capitalize()} {name}"] = None
    return [replace(t, responsible=tuple(_dedupe(_in_full(t.text, t.responsible, full)))) for t in tasks]


_A_CLASS = re.compile(r"\strực\s+thuộc(?!\w)")
_COUNTED = re.compile(r"(?<!\w)(?P<n>hai|ba|bốn|[2-9])\s+$", re.IGNORECASE)
_COUNT_WORDS = {"hai": 2, "ba": 3, "bốn": 4}


def _in_full(text: str, bodies: tuple[BodyMention, ...], full: dict[str, dict[str, None]]) -> list[BodyMention]:
    """Each head alone as its one full name; "hai Đảng bộ" as the two the text names, when it names two."""
    out: list[BodyMention] = []
    for b in bodies:
        names = list(full.get(b.name, ()))
        counted = _COUNTED.search(text, max(0, b.start - 6), b.start) if b.start else None
        n = (_COUNT_WORDS.get(counted.group("n").lower()) or int(counted.group("n"))) if counted else 1
        if n > 1:  # "hai Đảng bộ": units, not a kind of unit ("Đảng bộ trực thuộc Tỉnh ủy")
            names = [name for name in names if not _A_CLASS.search(name)]
        out.extend([replace(b, name=name) for name in names] if len(names) == n else [b])
    return out


# "… mục đích, yêu cầu của văn bản:" before its items (not "Mục tiêu, nhiệm vụ:", which lists work)
# the lessons or causes a list gives ("… một số bài học kinh nghiệm …", "… ba nguyên nhân …"): no work
_LESSONS_OR_CRITERIA = re.compile(  # (and the criteria, factors or principles a list gives: "… xét theo các tiêu chí dưới đây:")
    r"(?<!\w)(?:một\s+số|những|các|\d+|hai|ba|bốn|năm|sáu)\s+(?:bài\s+học|nguyên\s+nhân|tiêu\s+chí|yếu\s+tố|nguyên\s+tắc)(?!\w)",
    re.IGNORECASE,
)
# a bullet that only names what the items below are ("- Nguyên tắc", "- Tiêu chí"): no work follows
_NOT_WORK_LABEL = re.compile(r"(?:nguyên\s+tắc|tiêu\s+chí|yêu\s+cầu|mục\s+đích|phương\s+châm|căn\s+cứ)(?:\s+chung)?\s*:?", re.IGNORECASE)
_RESULTS_INTRO = re.compile(
    r"(?<!\w)(?:chuyển\s+biến\s+tích\s+cực|thành\s+tựu|dấu\s+ấn|nổi\s+bật\s+là"
    r"|(?:đạt\s+được|có|ghi\s+nhận)\s+(?:nhiều|những|một\s+số)\s+kết\s+quả)[^:.;]{0,60}:\s*$",
    re.IGNORECASE,
)
_LONGEST_LESSONS_INTRO = 300  # characters: a longer paragraph says more than that a list of lessons follows
_GOALS_INTRO = re.compile(r"(?<!\w)mục\s+(?:đích|tiêu)(?!\w)(?![^:;.]*(?:nhiệm\s+vụ|giải\s+pháp))[^:;.]{0,80}:$", re.IGNORECASE)


# "Đại hội (đại biểu) <body>": the body whose congress it is
_CONGRESS_OF = re.compile(
    r"(?<!\w)đại\s+hội(?:\s+đảng\s+viên\s+hoặc\s+đại\s+hội)?(?:\s+đại\s+biểu)?(?:\s+(?:các|những))?\s+$", re.IGNORECASE
)


_PARTY_UNIT = re.compile(  # "Đảng bộ huyện", "đảng bộ xã Tân Phú": the gazetteer reads them only as actors
    r"(?-i:[Đđ])ảng\s+bộ\s+(?:huyện|quận|thị\s+xã|thị\s+trấn|thành\s+phố|tỉnh|xã|phường|đặc\s+khu|cơ\s+sở)"
    r"(?:[ \t]+(?-i:[A-ZĐ])\w*)*(?!\w)",
    re.IGNORECASE,
)


def _after_congress(clause: str, start: int) -> bool:
    return _CONGRESS_OF.search(clause, max(0, start - 60), start) is not None


def _bodies_with_party_units(clause: str) -> list[BodyMention]:
    """The gazetteer's bodies, with each "Đảng bộ <locality>" whose congress is named in their place."""
    bodies = find_bodies(clause)
    for m in _PARTY_UNIT.finditer(clause):
        if _after_congress(clause, m.start()):
            unit = BodyMention(m.group(0), "Đ" + m.group(0)[1:], m.start(), m.end())
            bodies = [b for b in bodies if b.end <= m.start() or b.start >= m.end()] + [unit]
    return sorted(bodies, key=lambda b: b.start)


def _congress_holders(clause: str, limit: int) -> tuple[BodyMention, ...]:
    """The bodies named right after "Đại hội" in a timetable's phase, before its time (`limit`):
    each holds its congress ("Đợt 4, vào tháng 11, chào mừng Đại hội …" celebrates one)."""
    bodies = _bodies_with_party_units(clause)
    first = next((i for i, m in enumerate(bodies) if m.start < limit and _after_congress(clause, m.start)), None)
    if first is None:
        return ()
    held = [bodies[first]]
    for m in bodies[first + 1 :]:
        if not _LIST_GAP.fullmatch(clause, held[-1].end, m.start):
            break
        held.append(m)
    return tuple(held)


class _ParagraphReading:
    """One pass over a document without numbered sections (a web republication, a news report):
    which paragraphs give orders, and who leads those that name no one."""

    def __init__(
        self, text: str, meta: DocumentMeta, cited: list[tuple[int, int]], run_of_orders: set[int],
        titles: dict[int, str] | None = None,
    ):
        self.text, self.meta = text, meta
        self.titles = titles or {}  # numbered lines that title the paragraphs below them (start → number)
        self.block: str | None = None  # the number of the title the paragraphs read now stand under
        self.arranging = False  # that title says how an event is held ("Thời gian và địa điểm")
        self.pending_title: tuple[int, int, str, int] | None = None  # the title read last, until its block has work
        self.years, self.cited_spans = _DocumentYears(text, cited, meta), SpanSet(cited)
        self.tasks: list[Task] = []
        self.after_intro = self.decided = False  # decided: the items list what a decision ("… đồng ý …, gồm:") covers
        self.handed: list[BodyMention] = []  # who the last task named: subjectless work after it is theirs
        self.announced = False  # the report has named its document: "Cụ thể, …" after it gives its contents
        self.asked = False  # work was asked for with no addressee: paragraphs opening with work go on with it
        self.intro: tuple[int, int, str | None] | None = None  # "- Giao X … sửa đổi các quy định về:" before its topics
        self.intro_added = False
        self.intro_read = False  # a paragraph has been read under the intro (the first is always its item)
        self.intro_due: Deadline | None = None  # "… cần làm trong tháng 10 năm 2026, cụ thể như sau:"
        self.intro_handed: list[BodyMention] = []  # whom the intro handed its listed items ("… giao X … các nội dung sau:")
        self.run_of_orders = run_of_orders  # paragraph starts in a run of bare orders (see _runs_of_orders)
        self.open_list = False  # the last task's paragraph ended with ";": the page broke its list of orders
        self.goals = False  # "Mục đích, yêu cầu của văn bản:": the items below say what it is for
        self.results = False  # "… có nhiều chuyển biến tích cực:": the paragraphs below report results
        self.planner: tuple[BodyMention, ...] = ()  # who set out the phases that follow ("… theo 4 đợt")
        self.planner_start = -1  # where that paragraph starts (its rounds must come right after it)
        self.previous_start = self.current_start = -2

    def line(self, ls: int, le: int) -> None:
        was_open, self.open_list = self.open_list, False
        self.previous_start, self.current_start = self.current_start, ls
        marker = split_marker(self.text[ls:le])
        if self._under_title(ls, le, marker):
            return
        s, e = _clean_item(self.text, ls + (marker.length if marker else 0), le)
        if self.goals and marker:
            return
        self.goals = False
        if not marker:
            s = self._past_the_lead(s, e)
            if s is None:
                return
        item = self.text[s:e]
        if self._among_results(item):
            return
        if self._introduces(ls, s, e, item, marker):
            return
        excluded = self.cited_spans.relative(s, e)
        if not marker and self._phases(s, item, excluded):
            return
        team = _numbered_team(item, self.text)
        if team:  # "Tổ 2 do ông …, Trưởng ban …, làm tổ trưởng, phụ trách …": the team's duty
            found = _item_times(item, s, self.meta.issued_date, excluded, self.years)
            self.tasks.append(_make_task(self.text, s, e, None, Roles((team,), ()), found, [], None, self.meta))
            return
        if not (marker or self.after_intro or self.decided) and len(item) > _MAX_PARAGRAPH:
            return  # a page-long "paragraph" is not one directive (and would cost quadratic time)
        roles = _roles_or_recipients(item, excluded)
        if self._no_order(item, marker, roles):
            return
        if not marker and self.after_intro and not self.decided and self.intro_read and not self._listed_under_intro(item, roles, excluded):
            self._list_over()  # "Hội nghị diễn ra …" after the list of an intro: the list is over
        self.intro_read = self.after_intro
        self.decided, self.after_intro = False, self.after_intro or self.decided
        continues = self._continues(item, marker, ls, was_open)
        # "Cụ thể là: 1- … 2- …" after the lead; "… nêu ba việc cần làm ngay: Thứ nhất, … Thứ hai, …"
        listed = bool(_inline_numbered(item)) and (bool(self.handed) or _duties_numbered(item))
        titled = self._titled(item, marker)
        if not (marker or self.after_intro or continues or listed or titled or self._gives_work(item, roles, excluded)):
            return
        if self._reports_not_work(item, marker, roles):
            return
        lead = self._lead(item, marker, roles, continues or listed)
        if lead is None:
            return
        self._add(s, e, _printed_number(marker) or self.block, roles, excluded, lead)
        self.open_list = not marker and item.rstrip().endswith(";")

    def _among_results(self, item: str) -> bool:
        """The results an intro announced, up to the first paragraph that asks for work."""
        if self.results and not (_HANDED_OVER.search(item) or _MUST.search(item)):
            return True
        self.results = False
        return False

    def _introduces(self, ls: int, s: int, e: int, item: str, marker: Marker | None) -> bool:
        """Lines that set what follows rather than give work of their own: phases announced, an
        intro's topic or time, an intro line, a numbered line asking for work by the criteria it
        lists, and the lines `_skipped` names."""
        if not marker and _ANNOUNCES_PHASES.search(item):
            self.planner = _shifted(find_roles(item).responsible, s) or self.planner  # (kept at document offsets)
            self.planner_start = ls
        if self._topic_of_intro(item) or (not marker and self._due_for_the_above(item)):
            return True
        if marker and item.endswith(":") and _HANDED_OVER.match(item) and find_bodies(item):
            self.intro, self.intro_added, self.after_intro = (s, e, _printed_number(marker)), False, True
            return True
        if _printed_number(marker) and item.endswith(":") and _LESSONS_OR_CRITERIA.search(item) and rule("work_verb").match(item):
            # "(1) Rà soát … theo các tiêu chí và nguyên tắc dưới đây:": the numbered line is the work, its list the criteria
            excluded = self.cited_spans.relative(s, e)
            self._add(s, e, _printed_number(marker), find_roles(item, excluded), excluded, [])
            self.goals = True
            return True
        return self._skipped(item, marker)

    def _no_order(self, item: str, marker: Marker | None, roles: Roles) -> bool:
        """A group a decision covers, the event a report opens with, or what the orders follow."""
        if self.decided and not roles.responsible:
            return True  # "Cán bộ không đủ tuổi tái cử …", not work
        if marker:
            return False
        if _EVENT_LEAD.match(item) and not _HANDED_OVER.search(item) and not _asks_for_work(item):
            self._list_over()  # "Sáng 11/7, Ủy ban MTTQ xã tổ chức Hội nghị lần thứ nhất …": the event reported
            return True
        return _preamble(item, roles)  # "Thực hiện chỉ đạo của … tại Công văn số …." with no clause of its own

    def _lead(self, item: str, marker: Marker | None, roles: Roles, goes_on_work: bool) -> list[BodyMention] | None:
        """The bodies handed the work before, when they lead this item (not an impersonal duty:
        "Công tác … phải được …" names no one); None when the item only says that orders follow
        ("… yêu cầu X thực hiện tốt một số nhiệm vụ trọng tâm.": X leads what follows)."""
        under_intro = self.after_intro and bool(self.intro_handed)
        goes_on = goes_on_work and not roles.responsible and not _work_named_must(item)
        goes_on = goes_on and (under_intro or not _asked_by_its_own(item))
        self.asked = self.asked or (not roles.responsible and _asks_for_work(item))
        refers_back = bool(self.handed) and _refers_back(roles.responsible, self.handed)
        if not refers_back:
            self.handed = list(roles.responsible) or self.handed
        if not marker and rule("orders_follow").search(item):
            return None
        lead = self.handed if goes_on or refers_back else []
        if lead:  # ("Bộ Chính trị … lưu ý …": a committee speaking is not its own addressee)
            speaking = _committees_before(item, _STRESSES.search(item, 0, 200) or _ASKS.search(item, 0, 200))
            lead = [b for b in lead if fold_diacritics(b.name) not in speaking]
        if (goes_on or _NOMINAL_WORK.match(item)) and marker and self.after_intro and self.intro_handed and not roles.responsible:
            lead = self.intro_handed  # a listed item with no subject is the intro's addressees', not the item's before
        return lead

    def _under_title(self, ls: int, le: int, marker: Marker | None) -> bool:
        """A numbered title ("(2) Hoàn thiện mạng lưới trường lớp") opens its block and is no task;
        a numbered item of its own ends the block; the lines under a title of an event's
        arrangements are read no further."""
        if ls in self.titles:
            self.close_title()
            self.block, self.handed, self.asked, self.goals = self.titles[ls], [], False, False
            title = self.text[ls + (marker.length if marker else 0) : le]
            self.arranging = _ARRANGEMENT_TITLE.match(title.strip(" *")) is not None
            self.pending_title = None if self.arranging else (ls, le, self.titles[ls], len(self.tasks))
            self._list_over()
            return True
        if _printed_number(marker):
            self.close_title()
            self.block, self.arranging = None, False
        return self.arranging

    def _continues(self, item: str, marker: Marker | None, ls: int, was_open: bool) -> bool:
        """Does an item with no subject of its own go on with the work handed out before it?"""
        handed = bool(self.handed)
        return (
            ((handed or self.announced or self.asked) and (_continues_work(item) or _work_follows(item)))
            or (self.after_intro and bool(self.intro_handed) and _asks_for_work(item))
            or (not marker and ls in self.run_of_orders)
            or (handed and _subject_acts_later(item))
            or (was_open and not marker and handed)
            or (handed and _work_named_must(item))
        )

    def _titled(self, item: str, marker: Marker | None) -> bool:
        """A paragraph under a numbered title is one of its items — not a question or a labelled
        note ("Thông tin liên hệ: …", a caption "… ra sao? (Hình từ Internet)") or a closing."""
        if self.block is None or marker:
            return False
        return not (_a_question(item) or _NOTE_LABEL.match(item) or _ABOUT_THE_TEXT.match(item))

    def _reports_not_work(self, item: str, marker: Marker | None, roles: Roles) -> bool:
        """An assessment, a decision taken, targets, a purpose or work already done: no task (the
        first, second and last also end an intro's list)."""
        if _acknowledges(item, roles):
            self._list_over()  # "Tại buổi làm việc, Ban Thường vụ ghi nhận …"
            return True
        if marker:
            return False
        if _DECIDED.search(item) and not _HANDED_OVER.search(item) and not _MUST.search(item):
            self._list_over()  # "… Ban Thường vụ đã thống nhất chủ trương luân chuyển 12 cán bộ …"
            return True
        if _numbers_targets(item) or _only_purpose(item):
            return True  # "… đặt ra các chỉ tiêu, gồm: (1) … (2) …", "Việc giám sát … nhằm …"
        if _done_already(item, roles):
            self._list_over()  # "Năm 2024, Hội Nông dân xã đã vận động …"
            return True
        return False

    def close_title(self) -> None:
        """A title whose block held no work ("(1) Hoàn thiện … theo các tiêu chí sau" over the
        criteria) is the work itself."""
        pending, self.pending_title = self.pending_title, None
        if pending is None or len(self.tasks) > pending[3]:
            return
        ls, le, number, _ = pending
        marker = split_marker(self.text[ls:le])
        s, e = _clean_item(self.text, ls + (marker.length if marker else 0), le)
        item = self.text[s:e]
        if _names_a_part(item) or _TOPIC_LINE.match(item):
            return  # "(2) Về triển khai thực hiện": a part's name, no work
        excluded = self.cited_spans.relative(s, e)
        self._add(s, e, number, find_roles(item, excluded), excluded, [])

    def _past_the_lead(self, s: int, e: int) -> int | None:
        """Where an unnumbered paragraph's work starts, past what announces or commends it; None
        when the paragraph only names the report's document ("Thường trực Tỉnh ủy ban hành kế hoạch về …")."""
        cut = _after_announcement(self.text[s:e]) or _after_caption(self.text[s:e])
        if cut:
            self.handed = _commended(self.text[s : s + cut]) or self.handed
        s, self.announced = s + cut, self.announced or cut > 0
        item = self.text[s:e]
        if rule("announcement").match(item) and not _HANDED_OVER.search(item):
            self.announced = True
            self.handed = _recipients(item) or self.handed
            if item.endswith(":"):  # "… ban hành Công văn số 12-CV/HU …; chỉ đạo Đảng ủy các xã … các việc:"
                self._begin_intro(item)
            contents = _contents_start(item)  # "… ban hành Kế hoạch số 5-KH/HU, với các nội dung chính: Rà soát …"
            return s + contents if contents else None
        contents = _plan_contents(item)
        if contents:  # "X đã xây dựng kế hoạch …, gồm những nội dung: …": the contents are X's work
            self.handed = list(find_roles(item[:contents]).responsible) or self.handed
            s, self.announced = s + contents, True
        return s

    def _phases(self, s: int, item: str, excluded: list[tuple[int, int]]) -> bool:
        """A timetable ("… Đại hội chi bộ xong trước ngày 31/5; Đại hội đảng bộ xã xong trước ngày
        15/8 …"): each dated phase is a task of its own, due when it says."""
        phases = []
        for a, b in _phase_clauses(item):
            shifted = [(x - a, y - a) for x, y in excluded if x >= a and y <= b]
            found = _item_times(item[a:b], s + a, self.meta.issued_date, shifted, self.years)
            if _dated(found) is None:
                continue
            phases.append((a, b, shifted, found))
        # the body that set the roadmap ("Huyện ủy X đề ra lộ trình: …", or the paragraph before: "… theo 4 đợt")
        if not phases:
            return False
        opening = item[: phases[0][0]]
        planner = _shifted(find_roles(opening).responsible, s) if opening else ()
        if not planner and self.planner_start == self.previous_start:
            planner = self.planner
            if self.tasks and self.planner_start <= self.tasks[-1].start < self.current_start:
                self.tasks.pop()  # "… theo 3 đợt" then the rounds: the announcement is their sum, not a task of its own
        for a, b, shifted, found in phases:
            clause, roles = item[a:b], find_roles(item[a:b], shifted)
            # one held "do X" is X's; a congress is its body's to hold ("Đại hội Đảng bộ cơ sở … xong trước …")
            held_by = tuple(m for m in roles.responsible if rule("done_by").search(clause, max(0, m.start - 30), m.start))
            timed = _dated(found)
            when = timed.span_start if timed and timed.span_start is not None else len(clause)
            held_by = held_by or _congress_holders(clause, when)
            if not held_by and not _CONGRESS_NAMED.search(clause, 0, when):  # (a congress's own timetable: no one else holds it)
                held_by = roles.responsible or _shifted(planner, -(s + a))
            self.tasks.append(_make_task(self.text, s + a, s + b, None, Roles(held_by, roles.coordinating), found, [], None, self.meta))
        return True

    def _due_for_the_above(self, item: str) -> bool:
        """ "Các nội dung trên hoàn thành xong trước ngày 25/4/2026.": the time of
        the orders just read (those of the same bodies that have none of their own)."""
        if not (self.tasks and _THE_ABOVE.match(item)):
            return False
        due = _due(item, _time_expressions(item, self.meta.issued_date, []))
        if due is None:
            return False
        bodies = self.tasks[-1].responsible
        for i in range(len(self.tasks) - 1, -1, -1):
            task = self.tasks[i]
            if task.responsible != bodies:
                break
            if task.deadline is None:
                self.tasks[i] = replace(task, deadline=due)
        return True

    def _topic_of_intro(self, item: str) -> bool:
        """An item under "- Giao X … các quy định về:" that only names a topic ("Về đại hội đảng bộ
        các cấp"): the intro is the task, once; an item with work of its own ends the topics."""
        if self.intro is None:
            return False
        if (
            len(item.split()) > _LONGEST_TOPIC or rule("work_verb").match(item) or _HANDED_OVER.search(item)
            or _opens_with_subject(item, find_roles(item))
        ):
            self.intro = None
            return False
        if not self.intro_added:
            s, e, section = self.intro
            self._add(s, e, section, find_roles(self.text[s:e]), [], [])
            self.intro_added = True
        return True

    def _skipped(self, item: str, marker: Marker | None) -> bool:
        """Lines that are no item, intro lines (which set what follows) and background."""
        if not marker and (_fragment(item) or _a_question(item)):
            return True  # "Lãnh đạo phường Diên Hồng t": a caption, a heading or a page cut short; a site's question
        if _not_an_item(item) or (not marker and (_reports_an_event(item) or rule("appeal").match(item))):
            return True  # a closing line, a caption, "… phát biểu chỉ đạo hội nghị"
        if item.endswith(":"):
            self._begin_intro(item)
            return True
        if not marker and len(item) <= _LONGEST_LESSONS_INTRO and _LESSONS_OR_CRITERIA.search(item) and not _HANDED_OVER.search(item):
            self.goals = True  # "… lưu ý một số bài học rút ra …." then "Thứ nhất, …": lessons drawn, not work
            return True
        if marker and _NOT_WORK_LABEL.fullmatch(item.strip()):
            self.goals = True  # "- Nguyên tắc" then "+ Đối với …": the principles, not work
            return True
        if _seats_members(item):
            return True
        if marker and _REFERENCE_ITEM.match(item) and not _HANDED_OVER.search(item):
            return True  # "• Hướng dẫn 12-HD/HU ngày 02/3/2026 … do Ban Tổ chức Huyện ủy ban hành": a document listed
        if not marker and rule("background").match(item) and not (_asks_recipients(item) or _hands_over(item)):
            self.handed, self.asked = [], False
            self._list_over()
            return True  # "Trong những năm qua, ...": what was done, not what is to be done
        return False

    def _listed_under_intro(self, item: str, roles: Roles, excluded: list[tuple[int, int]]) -> bool:
        """An unnumbered paragraph reads as an item of the list an intro opened: it opens with
        work ("Tập trung …", "Việc …"), goes on with a ";", or gives work of its own."""
        return (
            _continues_work(item) or bool(_NOMINAL_WORK.match(item)) or item.rstrip().endswith(";")
            or self._gives_work(item, roles, excluded)
        )

    def _list_over(self) -> None:
        """A paragraph that reports (an event, a result, an assessment) ends the list an intro
        line opened: the paragraphs after it are read on their own again."""
        if not self.decided:
            self.after_intro, self.intro_handed, self.intro_due = False, [], None

    def _begin_intro(self, item: str) -> None:
        """A line ending in ":" sets what follows: the items a decision covers, or work handed out
        ("… giao Đảng ủy UBND tỉnh … các nội dung sau:") with its time and its addressees."""
        if _RESULTS_INTRO.search(item):  # "… công tác dân vận có chuyển biến tích cực:": results follow
            self.decided, self.after_intro, self.results = False, False, True
            return
        self.decided = rule("acknowledgement").match(item) is not None
        self.goals = _GOALS_INTRO.search(item) is not None or _LESSONS_OR_CRITERIA.search(item) is not None
        self.after_intro, self.intro_read = not self.decided, False
        self.intro_due = _due(item, _time_expressions(item, self.meta.issued_date, []))
        if self.after_intro:
            self.intro_handed = _intro_addressees(item) or self.intro_handed
            self.handed = self.intro_handed or self.handed

    def _gives_work(self, item: str, roles: Roles, excluded: list[tuple[int, int]]) -> bool:
        return (
            _opens_with_subject(item, roles) or _assigns_work(item, self.meta, excluded)
            or _asks_for_work(item) or _told_to(item, roles) or _told_later(item)
        )

    def _add(
        self, s: int, e: int, section: str | None, roles: Roles, excluded: list[tuple[int, int]],
        implementers: list[BodyMention],
    ) -> None:
        """The paragraph as one task, or one task per order it holds, under the number it is printed with."""
        item = self.text[s:e]
        orders, handed_on = _inline_numbered(item), True
        listed = bool(orders)
        if not orders:
            orders, handed_on = _stacked_orders(item), False
        if not orders:
            orders, handed_on = _handover_clauses(item) or _addressed_sentences(item), True
        asked = list(find_roles(item[: orders[0][0]]).responsible) if listed else []
        for a, b in orders:  # one task per order, each led by the paragraph's bodies
            one = self.text[s + a : s + b]
            shifted = [(x - a, y - a) for x, y in excluded if x >= a and y <= b]
            found = _item_times(one, s + a, self.meta.issued_date, shifted, self.years)
            # ("… yêu cầu các sở, ngành: (1) … (2) …": the bodies asked before the numbers lead each)
            lead = (implementers or asked) if handed_on else implementers or list(roles.responsible)
            self.tasks.append(_make_task(self.text, s + a, s + b, section, find_roles(one, shifted), found, lead, None, self.meta))
        if not orders:
            found = _item_times(item, s, self.meta.issued_date, excluded, self.years)
            # the intro's time holds for its items, not for an order of its own ("Bộ Chính trị yêu cầu X …")
            own_order = bool(roles.responsible) and _ordered_by_its_own(item)
            due = self.intro_due if self.after_intro and not own_order else None
            self.tasks.append(_make_task(self.text, s, e, section, roles, found, implementers, due, self.meta))


_SENT_TO = re.compile(
    r"(?<!\w)gửi\s+(?:(?:văn\s+bản|công\s+văn|công\s+điện|thông\s+báo)\s+)?(?:đến\s+|tới\s+|cho\s+)?(?:các\s+)?", re.IGNORECASE
)
_BETWEEN_RECIPIENTS = re.compile(r"\s*(?:,|và|,\s*và)?\s*(?:các\s+)?", re.IGNORECASE)


def _recipients(item: str) -> list[BodyMention]:
    """ "… đã gửi công văn tới các chi bộ trực thuộc, yêu cầu …": whom the letter
    reported is sent to (the work it asks for that names no one is theirs)."""
    sent = _SENT_TO.search(item)
    if sent is None:
        return []
    out, pos = [], sent.end()
    for body in find_bodies(item):
        if out and body.start == out[-1].start:
            out.append(body)  # one printing, two bodies ("các đảng ủy xã, phường")
            continue
        if body.start < pos:
            continue
        if not (body.start == pos or _BETWEEN_RECIPIENTS.fullmatch(item, pos, body.start)):
            break
        out.append(body)
        pos = body.end
    return out


def _asks_recipients(item: str) -> bool:
    return bool(_recipients(item)) and _asks_for_work(item)


def _acknowledged(item: str) -> bool:
    """ "Cơ bản thống nhất với …", also after the body that agrees ("Ban Chỉ đạo nhất trí với
    phương án …"): an assessment or a decision, not work."""
    if rule("acknowledgement").match(item):
        return True
    first = next(iter(find_bodies(item)), None)
    return first is not None and first.start == 0 and rule("acknowledgement").match(item[first.end :].lstrip()) is not None


def _printed_number(marker: Marker | None) -> str | None:
    """The number a paragraph's item is printed with: "2." → "2", "(1)" → "1"; none for a bullet."""
    if marker is None:
        return None
    if marker.style != "bullet":
        return marker.component
    paren = re.fullmatch(r"\((\d{1,2})\)", marker.printed)
    return paren.group(1) if paren else None


_DONE = re.compile(  # (past the body's term: "Ban Chấp hành khóa mới đã bầu …")
    r"\s*(?:\([^)]*\)\s*)?(?:khóa\s+(?:mới|[IVXL]+|\d+)\s+)?(?:cũng\s+|vẫn\s+)?đã\s+(?!(?:giao|yêu\s+cầu|đề\s+nghị|phân\s+công|thống\s+nhất\s+giao)(?!\w))",
    re.IGNORECASE,
)


def _numbers_targets(item: str) -> bool:
    """The paragraph numbers the targets it sets ("… các chỉ tiêu, gồm: (1) … (2) …"), or each of its
    sentences is a figure to reach ("Phấn đấu đến năm 2030, tỉnh đạt 25% …. Mục tiêu … có 95% …"), not orders."""
    orders = _inline_numbered(item)
    if orders:
        return rule("targets_listed").search(item[: orders[0][0]]) is not None
    starts = _sentence_starts(item)
    sentences = [item[a:b] for a, b in zip(starts, [*starts[1:], len(item)], strict=True) if item[a:b].strip()]
    return bool(sentences) and all(_TARGET_FIGURE.match(one) for one in sentences)


# a sentence that sets a figure to reach: "Phấn đấu đến năm 2030, … đạt 25% …", "Mục tiêu … có 95% …"
_TARGET_FIGURE = re.compile(r"(?:phấn\s+đấu|mục\s+tiêu)(?!\w)[^.;]{0,160}?\d+(?:[.,]\d+)?\s*%", re.IGNORECASE)


def _only_purpose(item: str) -> bool:
    """The paragraph says what work is for ("Việc … nhằm …", "Thực hiện … góp phần …"), and no one
    is told before that they must do it."""
    m = rule("purpose").match(item)
    return m is not None and not _MUST.search(item, 0, m.end()) and not _MUST_SOON.search(item, 0, m.end())


def _done_already(item: str, roles: Roles) -> bool:
    """The paragraph's acting body is said to have done its work ("… đã vận động …") and
    nothing is handed over or required: a report of results."""
    if not roles.responsible or _HANDED_OVER.search(item) or _MUST.search(item):
        return False
    return any(_DONE.match(item, b.end) for b in roles.responsible)  # "Thị ủy A, Huyện ủy B đã ban hành …"


_NOMINAL_WORK = re.compile(r"(?:việc|công\s+tác)\s", re.IGNORECASE)  # "Việc học tập, quán triệt … phải …": work named as a noun


def _work_named_must(item: str) -> bool:
    """ "Công tác bồi thường … phải được tiến hành chặt chẽ …": the work, named as a noun, must be done
    (in the first sentence)."""
    if not _NOMINAL_WORK.match(item):
        return False
    first = _ORDER_END.search(item)
    return _MUST_IN_CLAUSE.search(item, 0, first.end() if first else len(item)) is not None


def _reports_an_event(item: str) -> bool:
    """A caption or a sentence about the event itself ("Các đại biểu dự hội nghị. Ảnh: …"); not a
    story of several sentences that ends with its credit ("… sát thực tiễn. Tin, ảnh: X")."""
    m = rule("event_report").search(item)
    if m is None:
        return False
    credit = _CREDIT.search(item, m.start(), m.end())
    return credit is None or not has_sentence_break(item[: credit.start()])


_CREDIT = re.compile(r"(?<!\w)ảnh\s*:", re.IGNORECASE)


# a report's dated lead on the event it covers ("Chiều ngày 4/3/2026, Đảng ủy xã tổ chức Hội nghị …")
_EVENT_LEAD = re.compile(  # (after the source's tag: "(Chinhphu.vn) - Ngày 28/6, …", "QK2 – Sáng 22/6, …")
    r"(?:\([^()\s]{2,30}\)\s*[-–]\s*|(?-i:[A-ZĐ][A-ZĐ0-9]{1,9})\s*[-–]\s*)?"
    r"(?:(?:sáng|chiều|tối|trưa)\s+(?:ngày\s+)?|ngày\s+)\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?\s*,\s*[^.;:]{3,160}?"
    r"\s(?:đã\s+)?(?:long\s+trọng\s+)?(?:tổ\s+chức|khai\s+mạc|diễn\s+ra)\s+(?:hội\s+nghị|lễ|đại\s+hội|buổi|chương\s+trình|"
    r"hội\s+thảo|tọa\s+đàm|kỳ\s+họp|phiên\s+họp|cuộc\s+họp|lớp)(?!\w)",
    re.IGNORECASE,
)
_DECIDED = re.compile(
    r"(?:Ban\s+Thường\s+vụ|Thường\s+trực|Ban\s+Chấp\s+hành|Đại\s+hội|Hội\s+nghị)[^,.;:]{0,40}?\s(?:(?:đã|cũng)\s+(?:thống\s+nhất|quyết\s+định|đồng\s+ý)(?!\w)(?!\s+(?:giao|phân\s+công)(?!\w))"
    # "… quyết định thành lập Đảng bộ …", "… chỉ định ông …", "… công bố quyết định …": an act of organisation done
    r"|(?:(?:đã|cũng|vừa)\s+)?(?:quyết\s+định\s+(?:thành\s+lập|giải\s+thể|kết\s+thúc|hợp\s+nhất|sáp\s+nhập|chuẩn\s+y|bổ\s+nhiệm|điều\s+động)"
    r"|chỉ\s+định\s+(?:ông|bà|đồng\s+chí)|chuẩn\s+y|(?:công\s+bố|trao|trao\s+các)\s+(?:các\s+)?quyết\s+định)(?!\w))"
    r"|(?<!\w)được\s+(?:chỉ\s+định|bầu|bổ\s+nhiệm)\s+(?:giữ|làm|vào|là)(?!\w)"  # "bà X được chỉ định giữ chức vụ …"
    # a report's list of the decisions announced ("Quyết định bổ nhiệm hai phó trưởng ban …")
    r"|^Quyết\s+định\s+(?:số\s+\S+\s+)?(?:về\s+việc\s+)?(?:thành\s+lập|chỉ\s+định|giải\s+thể|tiếp\s+nhận|chuẩn\s+y|bổ\s+nhiệm|điều\s+động|công\s+nhận|kết\s+nạp|hợp\s+nhất|sáp\s+nhập)(?!\w)"
)


# a line that dates the orders above it ("Việc triển khai thực hiện các nhiệm vụ trên …")
_THE_ABOVE = re.compile(
    r"(?:việc\s+)?(?:(?:triển\s+khai|tổ\s+chức)\s+)?(?:thực\s+hiện\s+)?(?:các|những)\s+(?:nhiệm\s+vụ|nội\s+dung|công\s+việc|việc)"
    r"\s+(?:trên|nêu\s+trên)(?!\w)",
    re.IGNORECASE,
)
_TEAM_WHAT = r"(?P<what>công\s+tác|kiểm\s+tra|giám\s+sát|chỉ\s+đạo)"  # what kind of team
_TEAM = re.compile(
    rf"(?:(?:cụ\s+thể|theo\s+đó)\s*,\s*)?(?P<kind>tổ|đoàn)\s+(?:{_TEAM_WHAT}\s+)?(?:số\s+)?(?P<n>\d{{1,2}})\s+do\s",
    re.IGNORECASE,
)
_TEAM_KIND = re.compile(rf"(?<!\w)(?P<kind>tổ|đoàn)\s+{_TEAM_WHAT}(?!\w)", re.IGNORECASE)


def _numbered_team(item: str, text: str) -> BodyMention | None:
    """A numbered working team and who heads it ("Tổ 2 do ông … làm tổ trưởng, phụ trách …"): the
    team leads its duty, named by the kind of team the text sets up ("10 tổ công tác" → "Tổ công
    tác số 2")."""
    m = _TEAM.match(item)
    if m is None:
        return None
    kind = m.group("kind").lower()
    what = m.group("what") or next((k.group("what") for k in _TEAM_KIND.finditer(text) if k.group("kind").lower() == kind), "công tác")
    name = f"{kind.capitalize()} {' '.join(what.lower().split())} số {int(m.group('n'))}"
    start = m.start("kind")
    return BodyMention(item[start : m.end("n")], name, start, m.end("n"))


def _commended(sentence: str) -> list[BodyMention]:
    """The bodies a speaker commends ("… ghi nhận những đóng góp của Ủy ban MTTQ xã và đoàn thể
    xã."): a request right after it with no addressee of its own is made to them."""
    praise = rule("commendation").match(sentence)
    return [b for b in find_bodies(sentence) if b.start >= praise.end()] if praise else []


def _after_announcement(item: str) -> int:
    """Where the work starts in a paragraph that opens by announcing its document ("Thường trực
    Thành ủy thông báo kết luận về …. Thường trực Thành ủy yêu cầu …") or by commending ("…
    biểu dương thành tích …. Yêu cầu cấp ủy …"); 0 when it does not."""
    end = _SENTENCE_END.search(item)
    clause = _THEREBY.search(item, 0, end.start() if end else len(item))
    end = clause or end  # "… ban hành Chỉ thị số 9-CT/TU về …; theo đó, Thường trực đề nghị …"
    if not end or not item[end.end() :].strip():
        return 0
    first = item[: end.start()]
    if _EVENT_LEAD.match(first) and not _hands_over(first):
        # "Sáng 9/4, Đảng ủy phường tổ chức hội nghị …. Tham dự có …. Kết luận buổi họp, đồng chí …
        # nêu …": a page without line breaks runs the event into the directions given at it
        return _first_request(item, end.end()) or _speech_start(item, end.end())
    if rule("background").match(first) and not _hands_over(first):
        return _first_request(item, end.end())  # "Thời gian qua, … chưa đạt. Vì vậy, … đề nghị …"
    if not rule("announcement").match(first) and not rule("commendation").match(first):
        return 0
    if _hands_over(first):
        return 0  # the first sentence already hands work over
    return _word_after(item, end.end())


# a photo's caption and credit run into the text of a page saved without its line breaks
_INLINE_CREDIT = re.compile(rf"(?:^|(?<=[.!?])\s+)(?:Ảnh|ẢNH)\s*:\s*(?:[{UPPER_LETTERS}]{{2,}}\s+(?=[{UPPER_LETTERS}]))?")
_MIN_TEXT_AFTER_CAPTION = 200  # characters: a caption at the end of a paragraph is the paragraph's caption


def _after_caption(item: str) -> int:
    """Where the text goes on after a caption printed inside the paragraph ("… phát biểu tại buổi
    làm việc. Ảnh: BTG Sau buổi làm việc, …"); 0 when there is none or nothing much follows it."""
    credit = _INLINE_CREDIT.search(item)
    if not credit or len(item) - credit.end() < _MIN_TEXT_AFTER_CAPTION:
        return 0
    return credit.end()


_SPEECH_OPENING = re.compile(
    r"(?:phát\s+biểu|kết\s+luận)(?:\s+(?:chỉ\s+đạo|kết\s+luận))?(?:\s+tại)?\s+(?:hội\s+nghị|buổi|cuộc|phiên)[^.;:]{0,40},",
    re.IGNORECASE,
)


def _speech_start(item: str, pos: int) -> int:
    """Where the first sentence at or after `pos` that opens a speech at the event ("Phát biểu tại
    hội nghị, đồng chí …") starts; 0 if none."""
    starts = _sentence_starts(item, pos)
    return next((a for a in starts if _SPEECH_OPENING.match(item, a)), 0)


def _first_request(item: str, pos: int) -> int:
    """Where the first sentence at or after `pos` that hands work to bodies of its own, or tells
    them what to do from now on, starts; 0 if none."""
    starts = _sentence_starts(item, pos)
    return next((a for a in starts if a < len(item) and _requests(_first_sentence(item[a:]))), 0)


def _requests(sentence: str) -> bool:
    """The sentence hands work to bodies of its own, or opens with a time ahead and its subject."""
    if _addresses_its_own(sentence) and _hands_over(sentence):
        return True
    ahead = rule("time_ahead").match(sentence)  # "Từ nay đến hết năm, các huyện ủy tiếp tục chỉ đạo …"
    rest = sentence[ahead.end() :] if ahead else ""
    return bool(rest) and _opens_with_subject(rest, find_roles(rest))


_THEREBY = re.compile(r"[;,]\s+(?=theo\s+đó\s*,)", re.IGNORECASE)
_ASKS = re.compile(r"(?<!\w)(?:yêu\s+cầu|đề\s+nghị)\s*[,:]?\s+", re.IGNORECASE)
_STRESSES = re.compile(r"(?<!\w)(?:nêu\s+rõ|nhấn\s+mạnh|chỉ\s+rõ|lưu\s+ý)\s*[,:]?\s+", re.IGNORECASE)
_MUST_WORD = r"(?:cần\s+phải|cần|phải)"
_MUST_IN_CLAUSE = re.compile(rf"(?<!\w){_MUST_WORD}(?:\s+được)?\s", re.IGNORECASE)  # "Công tác … phải được tiến hành …"
_MUST_FIRST = re.compile(rf"{_MUST_WORD}\s+\w", re.IGNORECASE)


def _ordered_by_its_own(item: str) -> bool:
    """The first sentence is a committee's order ("Thường trực Huyện ủy yêu cầu Văn phòng Huyện ủy
    …"), not an item of a list ("Giao Ủy ban nhân dân xã …")."""
    first = _first_sentence(item)
    return bool(_committees_before(first, _HANDED_OVER.search(first)))


def _asked_by_its_own(item: str) -> bool:
    """ "Bên cạnh đó, tại Kết luận 22, Thường trực yêu cầu sớm rà soát …": a body of its own asks
    for work naming no one; outside an intro's list, the bodies handed work before do not lead it."""
    return _asks_for_work(item) and bool(_committees_before(item, _ASKS.search(item, 0, 200)))


def _committees_before(text: str, request: re.Match | None) -> set[str]:
    """The leading committees ("Ban Thường vụ", "Thường trực", "Bộ Chính trị" …) that make the
    request, not their office-holders ("Bí thư Tỉnh ủy lưu ý …": the speaker asked before)."""
    if request is None:
        return set()
    before = text[: request.start()]
    return {
        fold_diacritics(b.name) for b in find_bodies(before)
        if _LEADING_BODY.match(b.name) and not _HELD_OFFICE.search(before, 0, b.start)
    }


_HELD_OFFICE = re.compile(rf"(?<!\w)(?:phó\s+)?(?:{_SPEAKER_TITLE}|ủy\s+viên)\s+$", re.IGNORECASE)


def _asks_for_work(item: str) -> bool:
    """ "Thường trực Tỉnh ủy còn yêu cầu khẩn trương hoàn thiện …", "… yêu cầu: Triển khai …":
    work asked for with no addressee named (the verb of the request is followed at once by the work)."""
    starts = _sentence_starts(item)
    for start in starts:  # the opening of each sentence ("… là nội dung đánh giá. Với …, Bộ Chính trị yêu cầu phân tích …")
        for m in _ASKS.finditer(item, start, start + 200):
            rest = item[_TIME_ASIDE.match(item, m.end()).end() :]  # "… yêu cầu, trong những tháng cuối năm, …"
            if _continues_work(rest) or _told_what_they_must(rest):
                return True
            if _addressees_then_work(rest):  # "… yêu cầu các tổ đội, các ban ngành, đoàn thể phối hợp …"
                return True
            if _body_asks_a_verb(item, m, rest):  # "Ban Bí thư yêu cầu số hóa …": a verb the rules do not list
                return True
        if any(_told_what_they_must(item[m.end() :]) for m in _STRESSES.finditer(item, start, start + 200)):
            return True  # "… nêu rõ mỗi địa phương cần triển khai …"
    listed = _TASKS_LISTED.search(item)  # "… nhấn mạnh một số nhiệm vụ trọng tâm …, đó là: Tập trung …"
    if listed is not None and _continues_work(item[listed.end() :]):
        return True
    return any(_continues_work(item[m.end() :]) for m in _REQUIREMENT_IS.finditer(item))


_ASKER_END = re.compile(  # (past the topic of a committee's name: "Ban Chỉ đạo tỉnh về chuyển đổi số đề nghị")
    r"(?:\s+về\s[^.;:]{0,60}?)?(?:\s+(?:cũng|còn|tiếp\s+tục|đã))*\s*\Z", re.IGNORECASE
)


def _body_asks_a_verb(item: str, ask: re.Match, rest: str) -> bool:
    """A body asks ("Ban Bí thư yêu cầu …") and a verb follows at once (underthesea's POS tag): the
    request names work, not a requirement ("đáp ứng yêu cầu đặt ra")."""
    before = item[max(0, ask.start() - 80) : ask.start()]
    bodies = find_bodies(before)
    if not bodies or not bodies[-1].printed[:1].isupper():  # a named body asks ("14/15 đảng bộ đề nghị trao …" proposes)
        return False
    if not _ASKER_END.fullmatch(before, bodies[-1].end):
        return False
    window = rest[:24].rsplit(" ", 1)[0] if len(rest) > 24 else rest
    if not window:
        return False
    # tagged after the request's own verb: alone, a clause-initial verb is often read as a noun ("thúc đẩy")
    asked = [tag for word, tag in _pos_tag(f"{ask.group(0).strip()} {window}")]
    return asked[1:2] == ["V"]


# "… yêu cầu đầu tiên là rà soát danh sách hộ nghèo …", "Nhiệm vụ chính trong quý này là hoàn
# thành …": the requirement is the work
_REQUIREMENT_IS = re.compile(  # (also "… nhiệm vụ then chốt được xác định là …")
    r"(?<!\w)(?:yêu\s+cầu|nhiệm\s+vụ)(?:\s+[^\W_]+){0,4}(?:\s+(?:được\s+)?xác\s+định)?\s+là\s+(?:phải\s+)?", re.IGNORECASE
)


_TASKS_LISTED = re.compile(
    r"(?<!\w)(?:nhiệm\s+vụ|giải\s+pháp|việc\s+cần\s+làm)(?!\w)[^.:;]{0,150}?(?:đó\s+là|gồm(?:\s+có)?|như\s+sau|sau\s+đây)\s*:\s*",
    re.IGNORECASE,
)


_TIME_ASIDE = re.compile(  # and "toàn tỉnh" asked as a whole ("… yêu cầu toàn tỉnh tạm dừng …")
    r"(?:từ\s+nay\s+(?:đến|tới)\s[^,.;:]{0,40}?\s(?=(?:các|những|mọi)\s)"  # "… yêu cầu từ nay đến Tết các chi bộ …"
    r"|(?:trong|từ|thời\s+gian|năm|những|ngay)\s[^,.;:]{0,40},\s*"
    r"|(?:đến|trước|chậm\s+nhất)\s[^,.;:]{0,60},\s*"  # "… đề nghị trước tháng 6, hoàn tất …"
    r"|(?:sau\s+khi|trước\s+khi|khi)\s[^,.;:]{0,40}?\s(?=(?:các|những|mọi)\s)|trước\s+mắt\s+)?"  # "… yêu cầu khi hết mùa mưa các xã …"
    r"(?:toàn\s+(?:tỉnh|thành\s+phố|huyện|xã|phường|ngành)\s+)?"
    r"(?:(?:sớm|nhanh\s+chóng)\s+(?=\w))?",  # "… yêu cầu sớm kiện toàn …": how soon, then the work
    re.IGNORECASE,
)
# a short subject then "cần / phải": "… yêu cầu, trong năm tới, phường cần ưu tiên …"
_SUBJECT_MUST = re.compile(rf"[^\W\d_]+(?:\s+[^\W\d_]+){{0,2}}\s+{_MUST_WORD}\s", re.IGNORECASE)


# "… yêu cầu các đồng chí phụ trách thôn tuyệt đối không được để sót hộ …": plural addressees, then what they must do
_ADDRESSEES_MUST = re.compile(
    rf"(?:các|những|mọi|toàn\s+thể)\s[^.;:]{{3,60}}?\s(?:tuyệt\s+đối\s+)?(?:không\s+được|{_MUST_WORD})\s", re.IGNORECASE
)
_MUST = re.compile(rf"\s*(?:cũng\s+|vẫn\s+)?{_MUST_WORD}(?!\w)", re.IGNORECASE)


def _told_what_they_must(rest: str) -> bool:
    """What follows a request or a stress is what someone must do ("cần …", "các chi bộ phải …",
    "việc lấy phiếu … tiến hành …")."""
    return bool(
        _MUST_FIRST.match(rest) or _SUBJECT_MUST.match(rest) or _ADDRESSEES_MUST.match(rest)
        or _WORK_AS_SUBJECT.match(rest)
    )


# the work itself as the subject: "việc lấy phiếu tín nhiệm … tiến hành ngay sau khi …"
_WORK_AS_SUBJECT = re.compile(
    rf"việc\s[^.;:]{{3,160}}?\s(?:{_MUST_WORD}\s+|được\s+|sẽ\s+)?"
    r"(?:tiến\s+hành|thực\s+hiện|hoàn\s+thành|triển\s+khai|tổ\s+chức|bảo\s+đảm|đảm\s+bảo)(?!\w)",
    re.IGNORECASE,
)


# plural addressees, or the one locality or unit the report is about ("… đề nghị xã trong quý tới rà soát …")
_PLURAL_OPENING = re.compile(r"(?:các|những|mọi|mỗi|từng)\s|(?:địa\s+phương|xã|phường|đơn\s+vị)\s", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s+(?=\w)")


def _addressees_then_work(rest: str) -> bool:
    """Plural addressees the text names without a body's name, then the work itself, within a few words."""
    if not _PLURAL_OPENING.match(rest):
        return False
    head = rest[: rest.find(".") if "." in rest[:70] else 70]
    return any(_continues_work(rest[m.end() :]) for m in _NEXT_WORD.finditer(head) if m.end() > 4)


def _told_to(item: str, roles: Roles) -> bool:
    """A responsible body is told what it must do ("Ông nhấn mạnh, trong nhiệm kỳ tới, Đảng bộ
    phường cần đổi mới …")."""
    return any(_MUST.match(item, b.end) for b in roles.responsible)


def _continues_work(item: str) -> bool:
    """Opens by going on with work handed out before ("Đồng thời, …", "Tập trung …", "Đồng thời chỉ đạo …"),
    not with the leaders of a body ("Lãnh đạo Trường … đã thông báo …": a noun, not the verb)."""
    if rule("continued_work").match(item) is not None:
        return True
    if rule("work_verb").match(item) is not None:
        return not _leaders_named(item)
    link = _LINK_WITHOUT_COMMA.match(item)
    return link is not None and rule("work_verb").match(item[link.end() :]) is not None


_LINK_WITHOUT_COMMA = re.compile(rf"(?:{_LINK})\s+", re.IGNORECASE)


_SO_THEN = re.compile(r"(?:do\s+(?:đó|vậy)|vì\s+(?:vậy|thế)|bởi\s+vậy|từ\s+đó)\s*,\s*", re.IGNORECASE)


def _work_follows(item: str) -> bool:
    """A later sentence draws the work from what the first one says ("… là phải thực sự tinh gọn.
    Do đó, tiếp tục rà soát …"): the paragraph goes on with work handed out before."""
    for end in _ORDER_END.finditer(item):
        then = _SO_THEN.match(item, _word_after(item, end.end()))
        if then and _continues_work(item[then.end() :]):
            return True
    return False


# "(1) …", or "1- …" / "1. …" before a capital, or "Thứ nhất, …", after a colon or a sentence end
_ORDINALS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
_INLINE_NUMBER = re.compile(
    rf"(?:(?<=^)|(?<=[:.;]\s))(?:\((?P<n>\d{{1,2}})\)\s+|(?P<m>\d{{1,2}})\s?[-–.)]\s*(?=[{UPPER_LETTERS}])"
    rf"|(?-i:Thứ)\s+(?P<o>{'|'.join(_ORDINALS)})\s*(?:[,:]|\s+là(?=\s))\s*)"
)


def _inline_ordinal(m: re.Match) -> int:
    return int(m.group("n") or m.group("m")) if m.group("o") is None else _ORDINALS[m.group("o")]


_DUTIES_BEFORE_COLON = re.compile(r"(?<!\w)(?:nhiệm\s+vụ|giải\s+pháp|việc|nội\s+dung|yêu\s+cầu)(?!\w)[^.;:]{0,80}:\s*$", re.IGNORECASE)


def _duties_numbered(item: str) -> bool:
    """The numbered run is announced as duties ("… nêu ba nhiệm vụ chính của quý tới: Thứ nhất, …"),
    or each of its items is work ("Thứ nhất là lãnh đạo … Thứ hai là nâng cao …")."""
    marks = _inline_marks(item)
    if not marks:
        return False
    if _DUTIES_BEFORE_COLON.search(item, max(0, marks[0].start() - 120), marks[0].start()) is not None:
        return True
    return marks[0].start() == 0 and all(rule("work_verb").match(item[m.end() :]) for m in marks)


def _inline_marks(item: str) -> list[re.Match]:
    """The marks of items numbered 1, 2, … in turn inside one paragraph ([] for fewer than two)."""
    marks: list[re.Match] = []
    for m in _INLINE_NUMBER.finditer(item):
        if _inline_ordinal(m) == len(marks) + 1:
            marks.append(m)
    return marks if len(marks) >= 2 else []


def _inline_numbered(item: str) -> list[tuple[int, int]]:
    """ "… nêu các việc sau: (1) Văn phòng … (2) Đảng ủy UBND tỉnh …", "Thứ nhất, … Thứ hai, …": the
    numbered items run together in one paragraph, one order each (numbered 1, 2, … in turn, at least two)."""
    marks = _inline_marks(item)
    if not marks:
        return []
    ends = [m.start() for m in marks[1:]] + [len(item)]
    return [(m.end(), m.end() + len(item[m.end() : end].rstrip())) for m, end in zip(marks, ends, strict=True)]


def _stacked_orders(item: str) -> list[tuple[int, int]]:
    """The sentences of a paragraph that lists several orders, each opening with the work itself
    ("Tăng cường đoàn kết …. Tập trung khắc phục …. Đẩy nhanh …."), after an intro that ends in a
    colon if there is one, as spans; [] for one order. Sentences that open with their own subject
    are kept together: "Các cấp ủy …. Bí thư cấp ủy trực tiếp …" most often says one order twice."""
    intro = _INLINE_INTRO.search(item, 0, _LONGEST_INTRO)
    start = intro.end() if intro and _HANDED_OVER.search(item, 0, intro.start()) else 0
    spans: list[tuple[int, int]] = []
    for end in _ORDER_END.finditer(item, start):
        spans.append((start, end.end()))
        start = _word_after(item, end.end())
    if item[start:].strip():
        spans.append((start, len(item)))
    spans = _joined_connected(item, spans)
    if len(spans) < 2 or any(b - a < _SHORTEST_ORDER for a, b in spans):
        return []
    return spans if all(rule("work_verb").match(item[a:b]) and not _leaders_speak(item[a:b]) for a, b in spans) else []


_LEADERS = re.compile(r"lãnh\s+đạo\s+", re.IGNORECASE)


def _leaders_named(sentence: str) -> BodyMention | None:
    """The body whose leaders open the sentence ("Lãnh đạo Sở Y tế …": a noun, not the verb "lãnh đạo")."""
    leaders = _LEADERS.match(sentence)
    body = find_bodies(sentence[:120])[:1] if leaders else []
    return body[0] if body and body[0].start == leaders.end() else None


def _leaders_speak(sentence: str) -> bool:
    """ "Lãnh đạo Sở Y tế yêu cầu …": the leaders of a body ask; the sentence has a speaker, it is no bare order."""
    body = _leaders_named(sentence)
    return body is not None and rule("delegation").match(sentence, body.end) is not None


_NEW_ADDRESSEE = re.compile(r";\s+(?=(?:giao(?:\s+cho)?|đề\s+nghị|yêu\s+cầu)\s)", re.IGNORECASE)


def _handover_clauses(item: str) -> list[tuple[int, int]]:
    """A paragraph whose clause after a semicolon hands work to other bodies ("Rà soát quy hoạch
    cán bộ …; giao Ban Tổ chức Tỉnh ủy hướng dẫn …"): one order per part."""
    cuts = [m for m in _NEW_ADDRESSEE.finditer(item) if _hands_to_a_body(item, m.end())]
    if cuts and not _opens_with_work(item[: cuts[0].start()]):
        cuts = cuts[1:]  # "…, đoàn đã nêu các hạn chế; đề nghị chi bộ …": what leads up to one request
    if not cuts:
        return []
    starts = [0, *(m.end() for m in cuts)]
    ends = [*(m.start() for m in cuts), len(item)]
    return list(zip(starts, ends, strict=True))


_TIME_OF_THE_ABOVE = re.compile(r"(?:thời\s+gian|thời\s+hạn)(?:\s+(?:thực\s+hiện|hoàn\s+thành))?\s*:?\s", re.IGNORECASE)


_PHASE = re.compile(
    r"(?:[^.;:()]{0,60}?\s)?(?:việc\s+)?(?:đại\s+hội|hội\s+nghị|lễ|đợt|cuộc|lớp|hội\s+thi)(?!\w)[^.;:()]{0,160}?\s"
    r"(?:(?:phải|cần|sẽ)\s+)?(?:hoàn\s+thành|tổ\s+chức|tiến\s+hành|kết\s+thúc|xong|diễn\s+ra|bắt\s+đầu|thực\s+hiện)(?!\w)"
    # a step of a roadmap opens with its time and goes on with the work: "Sang quý II/2026 tổ chức sơ kết …"
    r"|(?:(?:trong|sang|đến|tới|từ|vào|đầu|giữa|cuối)\s+)?(?:quý\s+(?:[IV]{1,3}|\d)|tháng\s+\d{1,2})(?:\s*[/-]\s*\d{4}|\s+năm\s+\d{4})?"
    r"\s*,?\s+(?-i:[a-zđ])",
    re.IGNORECASE,
)
_PHASE_CUT = re.compile(r";\s*|\s*[()]\s*|\s+và\s+(?=(?-i:Đại\s+hội|Hội\s+nghị)\s)|(?<=[.!?:])\s+", re.IGNORECASE)


def _phase_clauses(item: str) -> list[tuple[int, int]]:
    """The clauses of a timetable paragraph (one that opens with a phase or with what announces
    one — "Thời gian …", "… đề ra lộ trình:" — and has two phases or more), cut at semicolons,
    parentheses, sentences and "và Đại hội …", that each name an event early and the verb that
    times it, or open with their time; a clause after a semicolon that is no phase goes on with
    the phase before it ("Đợt 1 làm trong tháng 4, gắn với …; … ; đợt 2 …"). [] for any other
    paragraph."""
    cuts = list(_PHASE_CUT.finditer(item))
    starts, ends = [0, *(m.end() for m in cuts)], [*(m.start() for m in cuts), len(item)]
    phases: list[tuple[int, int]] = []
    for a, b in zip(starts, ends, strict=True):
        if b <= a:
            continue
        if _PHASE.match(item, a, b):
            phases.append((a, b))
        elif phases and item[phases[-1][1] : a].strip() == ";":
            phases[-1] = (phases[-1][0], b)
    if len(phases) < 2 or (phases[0][0] > 0 and not _TIMETABLE_OPENING.match(item)):
        return []  # the paragraph is a timetable only when it opens with one and has two phases or more
    return phases


_ANNOUNCES_PHASES = re.compile(r"(?<!\w)(?:theo|gồm|chia\s+(?:làm|thành))\s+(?:\d+|hai|ba|bốn|năm)\s+đợt(?!\w)|(?<!\w)lộ\s+trình(?!\w)", re.IGNORECASE)
_CONGRESS_NAMED = re.compile(r"(?<!\w)đại\s+hội(?!\w)", re.IGNORECASE)
_TIMETABLE_OPENING = re.compile(
    r"(?:[^.;:]{0,60}?\s(?:yêu\s+cầu|đề\s+nghị)\s+)?thời\s+gian(?!\w)|[^.;:]{0,80}?(?:lộ\s+trình|tiến\s+độ|các\s+bước|\d+\s+đợt)[^.;:]{0,40}:",
    re.IGNORECASE,
)


def _addressed_sentences(item: str) -> list[tuple[int, int]]:
    """A press paragraph whose later sentence addresses other bodies of its own ("Bộ Chính trị
    yêu cầu các cấp ủy …. Các tỉnh ủy cần …", "… Ông Hùng đề nghị Ban Tổ chức …"): one task from
    each such sentence on; a sentence without its own addressee stays with the one before."""
    starts, actors = [0], [[b.name for b in find_roles(_first_sentence(item)).responsible]]
    work_before = _opens_with_work(item)
    for end in _ORDER_END.finditer(item):
        start = _word_after(item, end.end())
        if start >= len(item):
            continue
        sentence = _first_sentence(item[start:])
        if _TIME_OF_THE_ABOVE.match(sentence):
            continue  # "Thời gian các đơn vị … báo cáo kết quả trước ngày 31/12.": when the order before is due
        roles = find_roles(sentence)
        first_work = not work_before and len(starts) == 1
        if _addresses(sentence, roles) or ((first_work or _ASKS_SOMEONE.search(sentence)) and _asks_for_work(sentence)):
            # (a request with no addressee after work asked for already goes on with it: "Đồng chí cũng yêu cầu cần …")
            names = [b.name for b in roles.responsible]
            if names and all(_same_actor(n, actors[-1]) for n in names):
                continue  # "… đề nghị xã An Phú …. Xã cần …": the same body, one task
            starts.append(start)
            actors.append(names)
    if work_before and not actors[0] and len(starts) > 1 and _bare_note(_first_sentence(item)):
        del starts[1], actors[1]  # "… lưu ý, mùa mưa sắp tới. Do đó, các xã …": the note leads into the first order
    if len(starts) < 2:
        return []
    if not work_before or (_ACCORDINGLY.match(item, starts[1]) and _HANDS_OUT_ONLY.search(item, 0, starts[1])):
        # "Bão số 10 có phạm vi ảnh hưởng rộng. … Ban Thường vụ yêu cầu …": background first;
        # "X phân công các sở tổ chức thực hiện kế hoạch này. Theo đó, …": what the orders are
        starts = starts[1:]
    ends = [*starts[1:], len(item)]
    return [(a, a + len(item[a:b].rstrip())) for a, b in zip(starts, ends, strict=True)]


def _told_later(item: str) -> bool:
    """A later sentence of a report's paragraph tells bodies what they must do ("Việc chuẩn bị …
    được thực hiện khẩn trương. … Các chi, đảng bộ cơ sở phải hoàn thành đại hội trước …")."""
    for end in _ORDER_END.finditer(item):
        sentence = _first_sentence(item[_word_after(item, end.end()) :])
        roles = find_roles(sentence)
        if roles.responsible and (_MUST_SOON.match(sentence, roles.responsible[-1].end) or _hands_over(sentence)):
            return True
    return False


def _subject_acts_later(item: str) -> bool:
    """A later sentence opens with bodies and their work ("Nơi có điều kiện …. Ban Tổ chức các
    huyện ủy hướng dẫn …"): after work handed out, the paragraph goes on with it."""
    for end in _ORDER_END.finditer(item):
        sentence = _first_sentence(item[_word_after(item, end.end()) :])
        roles = find_roles(sentence)
        if not _opens_with_subject(sentence, roles):
            continue
        groups = _groups(sentence, list(roles.responsible))
        k = 0  # (a subject listed over semicolons: "Ban Tổ chức các huyện ủy; Ban Tuyên huấn … chỉ đạo")
        while k + 1 < len(groups) and _SEMICOLON_GAP.fullmatch(sentence, groups[k][-1].end, groups[k + 1][0].start):
            k += 1
        subject_end = groups[k][-1].end
        if rule("work_verb").match(sentence[subject_end:].lstrip()):
            return True
    return False


_MUST_SOON = re.compile(rf"[^,.;:]{{0,30}}?(?<!\w){_MUST_WORD}\s", re.IGNORECASE)  # "… trong Khối phải …"


def _bare_note(sentence: str) -> bool:
    """A speaker's note with no work in it ("… lưu ý, mùa mưa bão năm nay đến sớm.")."""
    stress = _STRESSES.search(sentence)
    if stress is None:
        return False
    rest = sentence[stress.end() :]
    return not (_continues_work(rest) or _told_what_they_must(rest) or _MUST.search(rest))


_ASKS_SOMEONE = re.compile(r"(?<!\w)(?:yêu\s+cầu|đề\s+nghị)\s+(?:các|những|mọi|toàn)\s", re.IGNORECASE)


_PLACE_NAME = re.compile(rf"(?:\s+{CAPITALISED_WORD})+")
_BARE_LOCALITY = re.compile(r"(?:\S+\s+)*(?:xã|phường|tỉnh|huyện|thành\s+phố|đặc\s+khu)", re.IGNORECASE)


def _same_actor(name: str, earlier: list[str]) -> bool:
    """`name` is one of `earlier`, or its short form ("Xã" for "Xã An Phú")."""
    for other in earlier:
        if name.casefold() == other.casefold():
            return True
        rest = other[len(name) :]
        if other.casefold().startswith(name.casefold()) and _BARE_LOCALITY.fullmatch(name) and _PLACE_NAME.fullmatch(rest):
            return True
    return False


def _opens_with_work(item: str) -> bool:
    """The paragraph's first sentence is an order: its work first, or a body told or handed it."""
    sentence = _first_sentence(item)
    roles = find_roles(sentence)
    if _continues_work(sentence) or _addresses(sentence, roles) or _asks_for_work(sentence):
        return True
    if _THEREFORE_MUST.search(sentence):  # "… là sự kiện quan trọng, vì vậy các bộ phận cần rà soát …"
        return True
    label = _LABEL.match(sentence)  # "Cấp trên trực tiếp cơ sở (…): Hoàn thành trước ngày 20/12; …"
    if label and _continues_work(sentence[label.end() :]):
        return True
    return _opens_with_subject(sentence, roles) or _hands_over(sentence)


_LABEL = re.compile(r"[^.;:]{3,120}:\s*")


_THEREFORE_MUST = re.compile(
    rf"(?<!\w)(?:vì\s+vậy|vì\s+thế|do\s+đó|do\s+vậy|(?:do|vì)\s[^.;:]{{2,60}}?\snên)\s*,?\s+[^.;:]{{2,80}}?\s{_MUST_WORD}\s",
    re.IGNORECASE,  # "Do công việc nhiều nên các Ban Thường vụ … cần …"
)


def _first_sentence(text: str) -> str:
    end = _ORDER_END.search(text)
    return text[: end.start() if end else len(text)]


def _word_after(text: str, pos: int) -> int:
    """Where the next word starts at or after `pos` (past the spaces)."""
    return _SPACES.match(text, pos).end()


def _sentence_starts(item: str, pos: int = 0) -> list[int]:
    """Where each sentence at or after `pos` starts (its first word)."""
    return [_word_after(item, pos), *(_word_after(item, m.end()) for m in _ORDER_END.finditer(item, pos))]


_SPACES = re.compile(r"\s*")


def _hands_over(text: str) -> bool:
    """Some body in `text` is handed work ("… yêu cầu / đề nghị / giao <body> …"; not "buổi
    giao ban của bí thư các chi bộ", a meeting, nor "việc được giao, các tổ …")."""
    for b in find_bodies(text):
        handed = rule("assignment").search(text, 0, b.start)
        if handed and not _NOT_HANDED.search(text, max(0, handed.start() - 6), b.start + 4):
            return True
    return False


_NOT_HANDED = re.compile(r"(?-i:giao\s+ban\s)|(?<!\w)được\s+giao(?!\w)", re.IGNORECASE)


def _addresses_its_own(text: str) -> bool:
    """The sentence `text` opens with hands work to bodies of its own, or tells its own subject
    what it must do."""
    sentence = _first_sentence(text)
    return _addresses(sentence, find_roles(sentence))


def _addresses(sentence: str, roles: Roles) -> bool:
    if not roles.responsible:
        return False
    first = roles.responsible[0]
    topic = _TOPIC_OPENING.match(sentence)
    if topic and first.start == topic.end():
        return True  # "Đối với các chi bộ, rà soát …": the bodies it is about act
    handed = rule("assignment").search(sentence, 0, first.start) is not None
    if rule("continued_work").match(sentence) and not _ACCORDINGLY.match(sentence):
        return handed  # "Ngoài ra, Thường trực đề nghị các ngành …": only a request of its own
    if handed or _MUST.match(sentence, first.end) or _FORBIDDEN.match(sentence, roles.responsible[-1].end):
        return True
    # a body of its own opens the sentence and acts ("UBND tỉnh và các cơ quan chuyên môn rà
    # soát …"), not an office-holder saying how the same order is carried ("Bí thư cấp ủy … trực
    # tiếp truyền đạt …") nor the issuer promising ("Tỉnh ủy sẽ …")
    return (
        _opens_with_subject(sentence, roles)
        and not _OFFICE_HOLDER.match(first.name)
        and not _WILL.match(sentence, roles.responsible[-1].end)
    )


_HANDS_OUT_ONLY = re.compile(
    r"(?:triển\s+khai|tổ\s+chức)(?:\s+thực\s+hiện)?\s+(?:các\s+)?(?:nội\s+dung|kế\s+hoạch|nhiệm\s+vụ|văn\s+bản)"
    r"(?:\s+(?:trên|này|nêu\s+trên))?\s*[.;]?\s*$",
    re.IGNORECASE,
)
_ACCORDINGLY = re.compile(r"theo\s+đó\s*,", re.IGNORECASE)  # "… phân công các cấp …. Theo đó, các quận ủy …": the orders themselves
_FORBIDDEN = re.compile(r"\s*(?:tuyệt\s+đối\s+)?không\s+(?:được|để)(?!\w)", re.IGNORECASE)  # "… các xã tuyệt đối không để hồ sơ tồn đọng"
_OFFICE_HOLDER = re.compile(r"(?:Phó\s+)?(?:Bí\s+thư|Chủ\s+tịch|Người\s+đứng\s+đầu|Thủ\s+trưởng|Lãnh\s+đạo|Ủy\s+viên|Cán\s+bộ|Đảng\s+viên)(?!\w)")
_WILL = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:cũng\s+)?sẽ(?!\w)", re.IGNORECASE)


def _hands_to_a_body(item: str, pos: int) -> bool:
    clause = item[pos : pos + 200]
    bodies = find_bodies(clause)
    return bool(bodies) and rule("assignment").search(clause, 0, bodies[0].start) is not None


def _joined_connected(item: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A sentence that opens with a connective ("Đồng thời, …", "Qua đó, …") stays with the order before it."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and rule("continued_work").match(item[a:b]):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


# "… giao Ban Dân vận các việc sau: Tổng kết …. Hướng dẫn …": the orders follow a colon
_INLINE_INTRO = re.compile(r"(?<!\w)(?:là|sau(?:\s+đây)?|như\s+sau|gồm)\s*:\s*", re.IGNORECASE)
_LONGEST_INTRO = 600  # characters: a colon further on is inside an order
_ORDER_END = re.compile(NO_ABBREVIATION_BEFORE + r"(?<!\.)[.!?](?!\.)(?=\s|$)")  # not an ellipsis ("hải đảo,... bảo đảm")
_SHORTEST_ORDER = 40  # characters: a shorter sentence explains the one before, it is no order


def _acknowledges(item: str, roles: Roles) -> bool:
    """The subject's own verb records an assessment ("Ban Thường vụ khen ngợi …", "ghi nhận …")
    and nothing is handed over."""
    if not roles.responsible or _HANDED_OVER.search(item):
        return False
    after = item[roles.responsible[-1].end :].lstrip(" ,")
    return rule("acknowledgement").match(after) is not None


# what the subject did or was told, not what it is to do ("… các báo cáo viên được thông tin về …")
_NARRATIVE = re.compile(
    r"\s*(?:đã|vừa|từng|đang|được\s+(?:thông\s+tin|nghe|phổ\s+biến|giới\s+thiệu|cung\s+cấp\s+thông\s+tin))(?!\w)", re.IGNORECASE
)


def _says_only_who_and_when(item: str, roles: Roles, ref: date | None) -> bool:
    """Opens with its responsible bodies and, besides bodies, time and the words of staff work
    ("chủ trì", "phối hợp", "tham mưu, trình"), says nothing: a responsibility line, not a task."""
    first = min(m.start for m in roles.responsible)
    if _prefix_only().fullmatch(item[:first].strip(" -+*•(")) is None:
        return False
    spans = [(m.start, m.end) for m in find_bodies(item)]
    spans += [(d.span_start or 0, d.span_end or 0) for d in find_time_expressions(item, ref)]
    residue, last = [], 0
    for a, b in sorted(spans):
        residue.append(item[last:a])
        last = max(last, b)
    residue.append(item[last:])
    rest = rule("staff_work").sub(" ", re.sub(r"\([^)]*\)", " ", " ".join(residue)))
    return not _ALPHA_WORD.findall(rest)  # "X chủ trì giám sát." is a task of its own


_OBJECT_BEFORE = re.compile(
    r"(?:[^\w\s]|\b(?:của|với|cho|thuộc|mưu|giúp|và|hợp|trì|nghị|giao|cáo|trình|đạo|ủy|uỷ))\s*\Z", re.IGNORECASE
)
_LEADS = re.compile(r"\b(?:chủ\s+trì|tham\s+mưu|thực\s+hiện|trình|chuẩn\s+bị)\b", re.IGNORECASE)


def _shifted(mentions: tuple[BodyMention, ...], offset: int) -> tuple[BodyMention, ...]:
    """Mentions moved to another origin (a clause's offsets → its item's, a paragraph's → the document's)."""
    return tuple(replace(b, start=b.start + offset, end=b.end + offset) for b in mentions)


def _trailing_responsibility(item: str, ref: date | None) -> Roles | None:
    """ "Nghị quyết về ... giai đoạn 2026 - 2030 Ban Xây dựng Đảng chủ trì, phối hợp tham mưu, trình
    trong tháng 11/2025": a responsibility line that the layout joined to the item above it."""
    for m in find_bodies(item):
        if m.start == 0 or not item[m.start].isupper() or _OBJECT_BEFORE.search(item, 0, m.start):
            continue  # "... tham mưu Thường trực Đảng ủy": an object, not a new line's subject
        tail = item[m.start :]
        roles = find_roles(tail)
        if roles.responsible and _LEADS.search(tail) and _says_only_who_and_when(tail, roles, ref):
            return Roles(_shifted(roles.responsible, m.start), _shifted(roles.coordinating, m.start))
    return None


def _opens_with_subject(item: str, roles: Roles) -> bool:
    """A paragraph whose first clause has a responsible subject that is told to act
    ("Các cấp ủy, tổ chức đảng ... tổ chức học tập ..."), not one that reports ("... đã ...")."""
    if not roles.responsible:
        return False
    first = roles.responsible[0]
    end = _place_named(item, first.end) or first.end  # "Huyện ủy Hàm Tân vừa triển khai …"
    return _sentence_start(item, first.start) == 0 and not _NARRATIVE.match(item, end)


def _led_from_the_start(item: str, roles: Roles) -> bool:
    """The item opens with its subject ("Đảng ủy Ủy ban nhân dân xã chỉ đạo ...", "Giao Ban ...")."""
    if not _opens_with_subject(item, roles):
        return False
    return _prefix_only().fullmatch(item[: roles.responsible[0].start].strip()) is not None


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


_LONGEST_TOPIC = 20  # words: a longer item under an intro says what to do, not what about
_MAX_PARAGRAPH = 4000  # characters: longer unmarked paragraphs are never read as one task


def _assigns_work(item: str, meta: DocumentMeta, excluded: list[tuple[int, int]]) -> bool:
    """A paragraph (no marker, no intro line) that hands out work: "X yêu cầu / đề nghị / giao
    (nhiệm vụ cho) <body> ...", or a due line "Thời gian hoàn thành ..., chậm nhất ngày ..."."""
    assignment = rule("assignment")
    if assignment.match(item):
        return _dated(_time_expressions(item, meta.issued_date, excluded)) is not None
    if not re.search(r"yêu\s+cầu|đề\s+nghị|giao", item, re.IGNORECASE):
        return False  # cheap gate: most paragraphs never reach find_bodies here
    return _hands_over(item)


def table_row_tasks(tables: list[Table], meta: DocumentMeta) -> list[Task]:
    """Task tables' rows (pipeline.tables) as tasks: roles from the body cells, the deadline from
    the time cell."""
    return [_row_task(row, meta) for table in tables for row in table.rows]


def _row_task(row: TableRow, meta: DocumentMeta) -> Task:
    roles = find_roles(row.lead) if row.lead else Roles((), ())
    if row.lead and not roles.responsible:
        roles = Roles(tuple(_dedupe(find_bodies(row.lead))), roles.coordinating)
    if row.helpers:
        roles = Roles(roles.responsible, tuple(_dedupe(find_bodies(row.helpers))))
    cell = row.times[0] if row.times else ""
    deadline = choose_deadline(cell, _time_expressions(cell, meta.issued_date, []), None)
    if deadline and deadline.start is not None and deadline.start == deadline.end:
        deadline = replace(deadline, start=None)  # a day in the "Thời hạn" column: due by that day
    return replace(
        row.task,
        responsible=tuple(_qualified(b, meta) for b in roles.responsible),
        coordinating=tuple(_qualified(b, meta) for b in roles.coordinating),
        deadline=replace(deadline, span_start=None, span_end=None) if deadline else None,
        key=_task_key(row.task.section, row.task.text),
    )


def _qualified(b: BodyMention, meta: DocumentMeta) -> BodyMention:
    return replace(b, qualified=qualify(b.name, meta))
