"""Registry of well-known documents (pipeline/data/registry.yaml) and citation vocabulary.

Directives cite central documents by alias ("Nghị quyết Trung ương 4 khóa XII") or without a
date; the registry supplies the facts the text leaves out, so every mention of the same document
gets the same canonical target.  It is data, not code: each entry carries a source and examples
that tests/test_registry.py runs through the citation finder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .errors import DocumentError
from .lexicon import data_yaml, doc_type_entries
from .normalize import fold_diacritics

ORDINAL_WORDS = {
    "nhất": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
    "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "mười ba": 13,
    "mười bốn": 14, "mười lăm": 15, "mười sáu": 16, "mười bảy": 17, "mười tám": 18,
}


@dataclass(frozen=True)
class RegistryEntry:
    """One numbered document the registry knows."""

    number: str
    doc_type: str
    date: date
    issuer: str
    title: str
    source: str
    term: str | None = None
    plenum: int | None = None
    aliases: tuple[str, ...] = ()
    examples: tuple[dict, ...] = ()


@dataclass(frozen=True)
class Plenum:
    """A Central Committee plenum and the resolutions it adopted."""

    term: str
    session: int
    resolutions: tuple[str, ...]
    source: str
    examples: tuple[dict, ...] = ()


@dataclass(frozen=True)
class NamedDocument:
    """An unnumbered document cited by name (Điều lệ Đảng, Hiến pháp ...)."""

    key: str
    doc_type: str
    title: str
    patterns: tuple[str, ...]
    source: str
    examples: tuple[dict, ...] = ()


@dataclass(frozen=True)
class Issuer:
    """A body that issues documents: its level and the symbol suffix of its documents."""

    name: str
    pattern: str
    level: str
    suffix: str | None
    examples: tuple[dict, ...] = ()


@dataclass(frozen=True)
class DocType:
    """A document type name and its symbol codes."""

    name: str
    codes: tuple[str, ...]
    party: bool
    examples: tuple[dict, ...] = ()


@dataclass(frozen=True)
class TriggerPhrase:
    """One phrase of the `implements` trigger: a verb of carrying out, a modifier, or a background marker."""

    kind: str  # verb | modifier | background | before_verb | new_clause | own_lead
    pattern: str
    examples: tuple[dict, ...] = ()


TRIGGER_KINDS = ("verb", "modifier", "background", "before_verb", "new_clause")


@dataclass
class Registry:
    """Lookups over the registry data; build it with `load_registry()`."""

    documents: list[RegistryEntry]
    plenums: list[Plenum]
    named: list[NamedDocument]
    issuers: list[Issuer]
    doc_types: list[DocType]
    terms: list[dict] = field(default_factory=list)
    implement_phrases: list[TriggerPhrase] = field(default_factory=list)
    _aliases: dict[str, RegistryEntry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for entry in self.documents:
            for alias in entry.aliases:
                self._aliases[alias_key(alias)] = entry

    def by_number(self, number: str) -> list[RegistryEntry]:
        """Every entry printed with this symbol (central numbers restart each term)."""
        return [e for e in self.documents if e.number == number]

    def lookup(
        self,
        number: str,
        *,
        year: int | None = None,
        term: str | None = None,
        issuer: str | None = None,
    ) -> RegistryEntry | None:
        """The one entry with this number that agrees with what the mention says, else None."""
        candidates = self.by_number(number)
        if year is not None:
            candidates = [e for e in candidates if e.date.year == year]
        if term is not None:
            candidates = [e for e in candidates if e.term in (None, term)]
        if issuer is not None and len(candidates) > 1:
            same = [e for e in candidates if e.issuer == issuer]
            candidates = same or candidates
        return candidates[0] if len(candidates) == 1 else None

    def by_alias(self, text: str) -> RegistryEntry | None:
        """The entry an alias such as "Nghị quyết Trung ương 4 khóa XII" denotes."""
        return self._aliases.get(alias_key(text))

    def plenum_resolutions(self, term: str, session: int) -> list[str]:
        """Numbers of the resolutions a plenum adopted; several means a bare mention is ambiguous."""
        for plenum in self.plenums:
            if plenum.term == term and plenum.session == session:
                return list(plenum.resolutions)
        return [e.number for e in self.documents if e.term == term and e.plenum == session and e.doc_type == "Nghị quyết"]

    def term_at(self, day: date) -> str | None:
        """The Party term (khóa) in office on a day, from the congress dates in the registry."""
        for term in self.terms:
            if term["start"] <= day and (term.get("end") is None or day < term["end"]):
                return term["term"]
        return None

    def doc_type_for_code(self, code: str) -> str | None:
        """"NQ" → "Nghị quyết": the type a symbol's code denotes."""
        for dt in self.doc_types:
            if code in dt.codes:
                return dt.name
        return None

    def code_for_doc_type(self, name: str) -> str | None:
        """"Kế hoạch" → "KH": the first symbol code of a type."""
        for dt in self.doc_types:
            if dt.name == name and dt.codes:
                return dt.codes[0]
        return None

    def issuer_by_name(self, name: str) -> Issuer | None:
        for issuer in self.issuers:
            if issuer.name == name:
                return issuer
        return None

    def issuer_for_suffix(self, suffix: str) -> Issuer | None:
        """The most general issuer whose documents carry this suffix ("TU" → Tỉnh ủy)."""
        matches = [i for i in self.issuers if i.suffix == suffix]
        return min(matches, key=lambda i: len(i.name)) if matches else None


def alias_key(text: str) -> str:
    """Accent-, case- and punctuation-insensitive key for aliases."""
    folded = fold_diacritics(text)
    return " ".join(re.findall(r"[a-z0-9]+", folded))


def _as_date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise DocumentError(where, f"bad date {value!r}", "write dates as YYYY-MM-DD") from exc


def _require(item: dict, keys: tuple[str, ...], where: str) -> None:
    missing = [k for k in keys if item.get(k) in (None, "")]
    if missing:
        raise DocumentError(where, f"entry {item!r:.80} lacks {', '.join(missing)}", "see the schema at the top of the file")


def parse_registry(data: dict, vocab: dict, where: str = "registry.yaml") -> Registry:
    """Validate and build a Registry from the two YAML documents."""
    documents = []
    for item in data.get("documents", []):
        _require(item, ("number", "doc_type", "date", "issuer", "title", "source"), where)
        documents.append(
            RegistryEntry(
                number=str(item["number"]),
                doc_type=item["doc_type"],
                date=_as_date(item["date"], where),
                issuer=item["issuer"],
                title=item["title"],
                source=item["source"],
                term=str(item["term"]) if item.get("term") else None,
                plenum=int(item["plenum"]) if item.get("plenum") else None,
                aliases=tuple(item.get("aliases") or ()),
                examples=tuple(item.get("examples") or ()),
            )
        )
    plenums = []
    for item in data.get("plenums", []):
        _require(item, ("term", "session", "resolutions", "source"), where)
        plenums.append(
            Plenum(str(item["term"]), int(item["session"]), tuple(item["resolutions"]), item["source"], tuple(item.get("examples") or ()))
        )
    named = []
    for item in data.get("named_documents", []):
        _require(item, ("key", "doc_type", "title", "patterns", "source"), where)
        named.append(
            NamedDocument(item["key"], item["doc_type"], item["title"], tuple(item["patterns"]), item["source"], tuple(item.get("examples") or ()))
        )
    issuers = []
    for item in vocab.get("issuers", []):
        _require(item, ("name", "pattern", "level"), "citation_vocab.yaml")
        issuers.append(Issuer(item["name"], item["pattern"], item["level"], item.get("suffix"), tuple(item.get("examples") or ())))
    doc_types = [
        DocType(item["name"], tuple(item["codes"]), bool(item["party"]), tuple(item["examples"]["cited"]))
        for item in doc_type_entries()
        if item.get("cited", True)
    ]
    terms = []
    for item in data.get("terms", []):
        _require(item, ("term", "start", "source"), where)
        end = _as_date(item["end"], where) if item.get("end") else None
        terms.append({"term": str(item["term"]), "start": _as_date(item["start"], where), "end": end})
    phrases = []
    for kind, items in (vocab.get("implements") or {}).items():
        if kind not in TRIGGER_KINDS:
            raise DocumentError("citation_vocab.yaml", f"unknown implements list {kind!r}", f"use one of {', '.join(TRIGGER_KINDS)}")
        for item in items or []:
            _require(item, ("pattern",), "citation_vocab.yaml")
            try:
                re.compile(item["pattern"])
            except re.error as exc:
                raise DocumentError("citation_vocab.yaml", f"bad pattern {item['pattern']!r}: {exc}", "fix the regex") from exc
            phrases.append(TriggerPhrase(kind, item["pattern"], tuple(item.get("examples") or ())))
    for item in vocab.get("own_document_lead") or []:
        _require(item, ("pattern",), "citation_vocab.yaml")
        try:
            re.compile(item["pattern"])
        except re.error as exc:
            raise DocumentError("citation_vocab.yaml", f"bad pattern {item['pattern']!r}: {exc}", "fix the regex") from exc
        phrases.append(TriggerPhrase("own_lead", item["pattern"], tuple(item.get("examples") or ())))
    return Registry(documents, plenums, named, issuers, doc_types, terms, phrases)


def _read_yaml(name: str) -> dict:
    try:
        return data_yaml(name) or {}
    except (OSError, yaml.YAMLError) as exc:
        path = str(resources.files("pipeline") / "data" / name)
        raise DocumentError(path, f"cannot read registry data: {exc}", "reinstall the package or fix the YAML") from exc


@lru_cache(maxsize=1)
def load_registry() -> Registry:
    """The packaged registry, loaded once."""
    return parse_registry(_read_yaml("registry.yaml"), _read_yaml("citation_vocab.yaml"))
