"""Orchestration: read → clean → header/footer → sections → citations → tasks.

`extract_file` is the one verb the CLI, the store and the app call; it returns
an `Extraction` whose `to_dict()` is the record of the extraction contract.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from .bodies import one_document, qualify
from .citations import find_citations
from .model import Extraction, LoadedText, Section
from .normalize import normalize
from .readers import load_document
from .rolemodel import role_model
from .sections import innermost_section, parse_sections
from .structure import find_regions, parse_metadata
from .tables import find_tables
from .taskmodel import task_filter
from .tasks import extract_tasks, table_row_tasks


def content_hash(text: str) -> str:
    """Identity of a document's content, independent of its file encoding."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _section_path(sections: list[Section]):
    """pos -> the path of the innermost section there ("" outside every section)."""

    def path(pos: int) -> str:
        sec = innermost_section(sections, pos)
        return sec.path if sec else ""

    return path


def extract_loaded(loaded: LoadedText, source: str, apply_model: bool = True) -> Extraction:
    """Run every stage on text a reader has decoded (`apply_model`: let the trained task
    filter, where it is shipped and in use, second-guess the rules)."""
    with one_document():  # the stages share what they found in this document's lines
        return _extract(loaded, source, apply_model)


def _extract(loaded: LoadedText, source: str, apply_model: bool) -> Extraction:
    normalized = normalize(loaded.text)
    text = normalized.text
    regions = find_regions(text)
    meta = parse_metadata(text, regions)
    sections = tuple(parse_sections(text, regions))
    citations = tuple(find_citations(text, meta, regions))
    tables = find_tables(text, regions.body_start, meta, _section_path(list(sections)))
    prose = [
        t for t in extract_tasks(text, list(sections), meta, list(citations))
        if not any(tb.start <= t.start < tb.end for tb in tables)  # a table's rows are read as rows
    ]
    tasks = tuple(sorted(prose + table_row_tasks(tables, meta), key=lambda t: t.start))  # in document order
    if apply_model and (model := task_filter()) is not None:
        tasks = tuple(model.keep(tasks, sections))
    if apply_model and (roles := role_model()) is not None:
        tasks = tuple(roles.apply(tasks, lambda m: replace(m, qualified=qualify(m.name, meta))))
    warnings = list(loaded.warnings)
    if regions.body_start == 0 and meta.doc_type is None:
        warnings.append("no header found: document type, number and date could not be read")
    if not sections:
        warnings.append("no numbered sections found: tasks were looked for in plain paragraphs")
    return Extraction(
        source=source,
        content_hash=content_hash(text),
        normalized=normalized,
        loaded=loaded,
        document=meta,
        regions=regions,
        sections=sections,
        citations=citations,
        tasks=tasks,
        warnings=tuple(warnings),
    )


def extract_text(text: str, source: str = "<text>") -> Extraction:
    """Extract from a string (tests, notebooks, pasted text)."""
    return extract_loaded(LoadedText(text=text, source_format="txt", encoding="utf-8"), source)


def extract_file(path: str | Path, apply_model: bool = True) -> Extraction:
    """Extract from a file of any supported format; raises DocumentError."""
    loaded = load_document(path)
    return extract_loaded(loaded, str(path), apply_model)
