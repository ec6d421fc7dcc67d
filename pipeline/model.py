"""Frozen value objects passed between the pipeline stages.

Every span (`start`/`end`) is a character offset into the *normalized* text of
the document (see `pipeline.normalize`), so the app can highlight it and the
store can keep it stable.  `to_dict()` methods emit the field names of the
extraction contract (`directive-extraction/1`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

SCHEMA = "directive-extraction/1"


@dataclass(frozen=True)
class LoadedText:
    """What a reader returns: the decoded text of one file, before normalization."""

    text: str
    source_format: str  # "txt", "docx", "doc", "pdf", "html"
    encoding: str | None = None  # detected text encoding (txt/html), e.g. "utf-8", "cp1258", "tcvn3", "vni"
    warnings: tuple[str, ...] = ()  # human-readable notes, e.g. "page 3 read by OCR"


@dataclass(frozen=True)
class NormalizedText:
    """Normalized text plus a map back to the source text.

    `offsets[i]` is the source offset of normalized character `i`;
    `offsets[len(text)]` is the source length, so a normalized span
    `[s, e)` maps to `source[offsets[s]:offsets[e]]`.
    """

    text: str
    source: str
    offsets: tuple[int, ...]

    def to_source_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets[start], self.offsets[end]


@dataclass(frozen=True)
class Regions:
    """Where the header, body and footer of a directive lie in the normalized text."""

    header_end: int  # header is text[0:header_end]
    body_start: int
    body_end: int  # footer (Nơi nhận, signature) is text[body_end:]


@dataclass(frozen=True)
class DocumentMeta:
    """The document's own metadata (the `document` block of the record)."""

    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    issued_date: date | None = None
    place: str | None = None
    title: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    signing_formula: str | None = None  # "T/M", "T/L", "K/T", "TM", ...
    on_behalf_of: str | None = None  # "TỈNH ỦY" in "T/M TỈNH ỦY"
    recipients: tuple[str, ...] = ()
    is_draft: bool = False
    locality: str | None = None  # "Bình Thuận": used to qualify local body names
    level: str | None = None  # "central", "province", "district", "grassroots", "bloc"

    def to_dict(self) -> dict:
        return {
            "doc_type": self.doc_type,
            "number": self.number,
            "issuer": self.issuer,
            "issued_date": self.issued_date.isoformat() if self.issued_date else None,
            "place": self.place,
            "title": self.title,
            "signer": self.signer,
            "recipients": list(self.recipients),
            "signer_title": self.signer_title,
            "signing_formula": self.signing_formula,
            "on_behalf_of": self.on_behalf_of,
            "is_draft": self.is_draft,
            "locality": self.locality,
            "level": self.level,
        }


@dataclass(frozen=True)
class Section:
    """A node of the body's section tree, built from the document's own numbering."""

    path: str  # "III.2.b": the `section` value of tasks inside it
    marker: str  # as printed: "III-", "2.", "b)", "1.1.", "Phần thứ hai"
    heading: str  # heading text without its marker ("" if the line is not a heading)
    level: int  # depth, 1 = top
    start: int  # span of the whole section (heading + content)
    end: int
    heading_start: int
    heading_end: int
    kind: str  # "task" (assigns work), "non_task" (background, goals...), "neutral"
    parent: str | None = None  # path of the parent section

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "marker": self.marker,
            "heading": self.heading,
            "level": self.level,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "parent": self.parent,
        }


@dataclass(frozen=True)
class Deadline:
    """A resolved time expression: an interval and/or a recurrence (RFC 5545 RRULE)."""

    text: str
    start: date | None
    end: date | None
    recurrence: str | None = None
    span_start: int | None = None  # offsets of `text` in the string it was found in
    span_end: int | None = None

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "recurrence": self.recurrence,
        }


@dataclass(frozen=True)
class Citation:
    """One mention of another document."""

    mention: str
    start: int
    end: int
    doc_type: str | None
    number: str | None
    issued_date: date | None = None
    issuer: str | None = None
    term: str | None = None
    subject: str | None = None  # the "về ..." part, when printed
    title: str | None = None  # for named unnumbered documents ("Điều lệ Đảng")
    target: str | None = None
    relation: str = "cites"  # "implements" | "cites"
    resolved_by: str | None = None  # "mention", "inferred", "earlier_mention", "later_mention", "registry", None
    context: str = ""  # the sentence around the mention
    relation_type: str | None = None  # legal_basis, replaces, amends, guides, reviews, else = relation

    def to_dict(self) -> dict:
        return {
            "mention": self.mention,
            "start": self.start,
            "end": self.end,
            "doc_type": self.doc_type,
            "number": self.number,
            "issued_date": self.issued_date.isoformat() if self.issued_date else None,
            "issuer": self.issuer,
            "term": self.term,
            "target": self.target,
            "relation": self.relation,
            "subject": self.subject,
            "title": self.title,
            "resolved_by": self.resolved_by,
            "context": self.context,
            "relation_type": self.relation_type or self.relation,
        }


@dataclass(frozen=True)
class BodyMention:
    """A body (organ, committee, organisation) named in the text."""

    printed: str  # as written, e.g. "Ban Tổ chức Tỉnh uỷ"
    name: str  # normalized full name, e.g. "Ban Tổ chức Tỉnh ủy"
    start: int = -1
    end: int = -1
    qualified: str | None = None  # with locality, e.g. "Ban Tổ chức Tỉnh ủy Bình Thuận"


@dataclass(frozen=True)
class Task:
    """One directive item assigned to someone."""

    text: str
    start: int
    end: int
    section: str | None
    responsible: tuple[BodyMention, ...] = ()
    coordinating: tuple[BodyMention, ...] = ()
    deadline: Deadline | None = None
    key: str = ""  # stable id used to attach user data (status, notes) across re-ingests

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "section": self.section,
            "responsible": [b.name for b in self.responsible],
            "coordinating": [b.name for b in self.coordinating],
            "deadline": self.deadline.to_dict() if self.deadline else None,
            "responsible_qualified": [b.qualified or b.name for b in self.responsible],
            "coordinating_qualified": [b.qualified or b.name for b in self.coordinating],
            "key": self.key,
        }


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document: what `extract --json` prints."""

    source: str
    content_hash: str
    normalized: NormalizedText
    loaded: LoadedText
    document: DocumentMeta
    regions: Regions
    sections: tuple[Section, ...] = ()
    citations: tuple[Citation, ...] = ()
    tasks: tuple[Task, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict:
        return {
            "schema": SCHEMA,
            "source": self.source,
            "content_hash": self.content_hash,
            "document": self.document.to_dict(),
            "citations": [c.to_dict() for c in self.citations],
            "tasks": [t.to_dict() for t in self.tasks],
            "sections": [s.to_dict() for s in self.sections],
            "source_format": self.loaded.source_format,
            "encoding": self.loaded.encoding,
            "warnings": list(self.warnings),
        }
