"""The extraction as a spaCy pipeline, for researchers who work in spaCy and Jupyter.

`load_nlp()` returns a `spacy.Language` whose tokenizer normalizes the text exactly as
`extract` does (so `doc.text` is the text the offsets of `extract --json` point into) and cuts
it into syllables and punctuation, and whose components wrap the existing stages:

- `directive_metadata` — `doc._.meta` (the record's `document` block), `doc._.extraction`
  (the whole `extract --json` record);
- `directive_citations` — `doc.spans["citations"]` labelled `implements`/`cites`, with
  `span._.target`, `span._.relation`, `span._.record`;
- `directive_tasks` — `doc.spans["tasks"]` (`span._.key/section/responsible/coordinating/
  interval/rrule/record`), `doc.spans["bodies"]` labelled `responsible`/`coordinating`
  (`span._.name`, `span._.canonical`, `span._.qualified`, `span._.tasks`) and
  `doc.spans["deadlines"]` (`span._.interval` as an ISO 8601 interval, `span._.rrule`).

`span.kb_id_` is the citation's canonical target or the body's canonical name; the span
values are read-only (they are stored once per span id in `doc.user_data`).

The components never re-implement extraction: each one reads the result of
`pipeline.extract.extract_text` for the document's text (computed once per text and shared).
In a pipeline with another tokenizer (`spacy.blank("vi")` + `add_pipe("directive_tasks")`)
the spans are mapped back from the normalized text into `doc.text`.
This module imports spaCy; `import pipeline` does not (see `pipeline.load_nlp`).
"""

from __future__ import annotations

import re
import uuid
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import get_words_and_spaces

from .extract import extract_text
from .model import Extraction
from .normalize import normalize
from .spans import SPAN_KEYS, DocSpans, SpanSpec, extraction_spans, record_spans, shift

TOKENIZER = "directive_tokenizer.v1"
COMPONENTS = ("directive_metadata", "directive_citations", "directive_tasks")
MAX_LENGTH = 25_000_000  # characters: the readers' own size limit governs, not spaCy's parser-oriented 1 M

_TOKEN = re.compile(r"\w+|[^\w\s]")
_SPAN_ATTRS = ("record", "target", "relation", "key", "section", "responsible", "coordinating",
               "interval", "rrule", "name", "canonical", "qualified", "tasks")
_DOC_ATTRS = ("meta", "extraction", "unlocated")


def _register_extensions() -> None:
    for name in _DOC_ATTRS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in _SPAN_ATTRS:
        if not Span.has_extension(name):
            Span.set_extension(name, getter=_span_getter(name))


def _span_getter(name: str):
    """Span values live in `doc.user_data` under the span's id: spaCy keys plain span
    extensions by offsets alone, and one printed name can be several bodies, or a
    responsible body of one task and a coordinating body of another."""

    def get(span: Span):
        return span.doc.user_data.get((_VALUES, span.id_), {}).get(name)

    return get


_VALUES = "directive_values"


_register_extensions()


# ------------------------------------------------------------------ tokenizer


def syllable_doc(vocab, text: str) -> Doc:
    """A Doc over `text` as given: one token per syllable or punctuation mark, whitespace kept."""
    words, spaces = get_words_and_spaces(_TOKEN.findall(text), text)
    return Doc(vocab, words=words, spaces=spaces)


# Recent docs of our tokenizer: their id → (raw text, normalized text). Reading `doc.text` back
# joins every token, which costs more than the extraction itself.
_TEXTS: OrderedDict[str, tuple[str, str]] = OrderedDict()
_TEXTS_SIZE = 64
_TEXT_ID = ("directive", "text_id")


class DirectiveTokenizer:
    """Normalizes the raw text as `extract` does, then cuts it into syllables and punctuation."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        normalized = normalize(text).text
        doc = syllable_doc(self.vocab, normalized)
        text_id = uuid.uuid4().hex  # unique across the processes of nlp.pipe(n_process=...)
        doc.user_data[_TEXT_ID] = text_id
        _TEXTS[text_id] = (text, normalized)
        while len(_TEXTS) > _TEXTS_SIZE:
            _TEXTS.popitem(last=False)
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterable[Doc]:
        for text in texts:
            yield self(text)

    # No state: these keep `nlp.to_disk` / `spacy.load` working.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> DirectiveTokenizer:
        return self

    def to_disk(self, path: str | Path, **kwargs) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, **kwargs) -> DirectiveTokenizer:
        return self


@spacy.registry.tokenizers(TOKENIZER)
def create_tokenizer():
    """Registry entry, so a saved pipeline's config names this tokenizer."""

    def make(nlp: Language) -> DirectiveTokenizer:
        return DirectiveTokenizer(nlp.vocab)

    return make


# ------------------------------------------------------------------ shared extraction


@lru_cache(maxsize=16)
def _extract(raw: str) -> tuple[Extraction, DocSpans]:
    extraction = extract_text(raw)
    return extraction, extraction_spans(extraction)


def _analysis(doc: Doc) -> tuple[dict, DocSpans]:
    """The extraction record and span groups of `doc`, in `doc.text` coordinates."""
    raw, text = _TEXTS.get(doc.user_data.get(_TEXT_ID), (None, None))
    if raw is None:
        raw = text = doc.text
    extraction, spans = _extract(raw)
    record = extraction.to_dict()
    if extraction.normalized.text == text:
        return record, spans
    # Another tokenizer kept the raw text: move the spans back into it.
    offsets = extraction.normalized.offsets
    moved = DocSpans({k: shift(v, offsets, raw) for k, v in spans.groups.items()}, spans.unlocated)
    return record, moved


def _set_group(doc: Doc, key: str, specs: list[SpanSpec], unlocated: list) -> None:
    group = []
    for n, spec in enumerate(specs):
        canonical = spec.attrs.get("canonical") or spec.attrs.get("target") or ""
        span = doc.char_span(spec.start, spec.end, label=spec.label, kb_id=canonical, span_id=f"{key}/{n}")
        if span is None:
            unlocated.append({"kind": key, "text": doc.text[spec.start : spec.end], "why": "not on token boundaries"})
            continue
        doc.user_data[(_VALUES, span.id_)] = spec.attrs
        group.append(span)
    doc.spans[key] = group


def split_at(doc: Doc, positions: set[int]) -> None:
    """Cut tokens so that every position is a token boundary (a span may start inside a token
    of another tokenizer, or where a syllable touches a digit)."""
    starts = doc.to_array(IDX).tolist() if len(doc) else []
    cuts: dict[int, list[int]] = {}
    for pos in positions:
        i = bisect_right(starts, pos) - 1
        if i >= 0 and starts[i] < pos < starts[i] + len(doc[i]):
            cuts.setdefault(i, []).append(pos - starts[i])
    if not cuts:
        return
    with doc.retokenize() as retokenizer:
        for i, rel in cuts.items():
            token = doc[i]
            bounds = [0, *sorted(set(rel)), len(token)]
            pieces = [token.text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
            retokenizer.split(token, pieces, heads=[(token, 0)] * len(pieces))


def _prepared(doc: Doc, spans: DocSpans) -> list:
    """The doc's list of what could not be placed; the first call also cuts the tokens for
    every group at once (a later split would shift spans that are already set)."""
    if doc._.unlocated is None:
        split_at(doc, {p for group in spans.groups.values() for s in group for p in (s.start, s.end)})
        doc._.unlocated = list(spans.unlocated)
    return doc._.unlocated


# ------------------------------------------------------------------ components


def directive_metadata(doc: Doc) -> Doc:
    """Document metadata on `doc._.meta`, the whole record on `doc._.extraction`."""
    record, _ = _analysis(doc)
    doc._.meta = record["document"]
    doc._.extraction = record
    return doc


def directive_citations(doc: Doc) -> Doc:
    """`doc.spans["citations"]`: every mention of another document, resolved."""
    record, spans = _analysis(doc)
    doc._.extraction = doc._.extraction or record
    _set_group(doc, "citations", spans.groups["citations"], _prepared(doc, spans))
    return doc


def directive_tasks(doc: Doc) -> Doc:
    """`doc.spans["tasks"]`, `["bodies"]` and `["deadlines"]`: the tasks with who and by when."""
    record, spans = _analysis(doc)
    doc._.extraction = doc._.extraction or record
    for key in ("tasks", "bodies", "deadlines"):
        _set_group(doc, key, spans.groups[key], _prepared(doc, spans))
    return doc


# Factories (not bare components) so the entry points in pyproject.toml name the very functions
# spaCy registers here, whichever is loaded first.
@Language.factory("directive_metadata")
def make_metadata(nlp: Language, name: str):
    """Factory of `directive_metadata`."""
    return directive_metadata


@Language.factory("directive_citations")
def make_citations(nlp: Language, name: str):
    """Factory of `directive_citations`."""
    return directive_citations


@Language.factory("directive_tasks")
def make_tasks(nlp: Language, name: str):
    """Factory of `directive_tasks`."""
    return directive_tasks


def load_nlp() -> Language:
    """A blank Vietnamese pipeline with our tokenizer and the three directive components."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    nlp.max_length = MAX_LENGTH
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


# ------------------------------------------------------------------ stored records → Doc


@lru_cache(maxsize=1)
def _blank_vocab():
    return spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}}).vocab


def doc_from_record(text: str, record: dict, vocab=None) -> Doc:
    """A Doc with the span groups of a stored record over its stored normalized `text`,
    without running the extraction again (the app's displaCy view, silver training data)."""
    doc = syllable_doc(vocab or _blank_vocab(), text)
    spans = record_spans(text, record)
    doc._.meta = record.get("document")
    doc._.extraction = record
    unlocated = _prepared(doc, spans)
    for key in SPAN_KEYS:
        _set_group(doc, key, spans.groups[key], unlocated)
    return doc


def doc_from_file(path: str | Path, nlp: Language | None = None) -> Doc:
    """Run the pipeline on a file of any supported format (the readers decode it first)."""
    from .readers import load_document

    loaded = load_document(path)
    doc = (nlp or load_nlp())(loaded.text)
    if doc._.extraction is not None:  # what the reader knew, as `extract_file` records it
        record = doc._.extraction
        doc._.extraction = {**record, "source": str(path), "source_format": loaded.source_format,
                            "encoding": loaded.encoding, "warnings": [*loaded.warnings, *record["warnings"]]}
    return doc


# ------------------------------------------------------------------ displaCy


DISPLAY_GROUPS = {"citations": "trích dẫn", "bodies": "cơ quan", "deadlines": "thời hạn", "tasks": "nhiệm vụ"}
DISPLAY_LABELS = {"implements": "thực hiện", "cites": "trích dẫn", "task": "nhiệm vụ",
                  "responsible": "chủ trì", "coordinating": "phối hợp", "deadline": "thời hạn"}
DISPLAY_COLORS = {"thực hiện": "#93c5fd", "trích dẫn": "#dbeafe", "nhiệm vụ": "#fde68a",
                  "chủ trì": "#86efac", "phối hợp": "#bbf7d0", "thời hạn": "#fca5a5"}


def render_spans(
    doc: Doc, keys: Iterable[str] = ("citations", "bodies", "deadlines"), chars: tuple[int, int] | None = None
) -> str:
    """displaCy's span view of the chosen groups, one block per line of the text (displaCy alone
    would run the lines together); `chars` keeps the lines overlapping that character range.
    Offline: inline styles only; text and labels are escaped."""
    from spacy import displacy

    spans = [s for key in keys if key in doc.spans for s in doc.spans[key]]
    lines = _lines(doc)
    if chars is not None:
        lines = [(a, b) for a, b in lines if doc[a].idx < chars[1] and doc[b - 1].idx + len(doc[b - 1]) > chars[0]]
    blocks = [_line_block(doc, a, b, spans) for a, b in lines]
    if not blocks:
        return ""
    return displacy.render(blocks, style="span", manual=True, page=False, jupyter=False,
                           options={"colors": DISPLAY_COLORS})


def _lines(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the non-empty lines (whitespace tokens holding a newline end a line)."""
    out, start = [], 0
    for token in doc:
        if token.is_space and "\n" in token.text:
            if token.i > start:
                out.append((start, token.i))
            start = token.i + 1
    if len(doc) > start:
        out.append((start, len(doc)))
    return out


def _line_block(doc: Doc, a: int, b: int, spans: list[Span]) -> dict:
    import html

    tokens = [t.text for t in doc[a:b]]  # displaCy escapes tokens itself, not labels
    inside = [
        {"start_token": max(s.start, a) - a, "end_token": min(s.end, b) - a,
         "label": html.escape(DISPLAY_LABELS.get(s.label_, s.label_))}
        for s in spans if s.start < b and s.end > a
    ]
    return {"text": doc[a:b].text, "tokens": tokens, "spans": inside}
