"""Training data for spaCy: gold annotations and stored extractions as DocBin files.

Gold files (`eval/gold/*.json`) carry strings, not offsets: each mention, task text, body
name and deadline is located in the normalized text of the source file the gold names, as
`extract` would normalize it; what cannot be found is reported, never guessed. Stored
extractions (silver data) already carry offsets for citations and tasks. Both become Docs
with the span groups of `pipeline.nlp` (`citations`, `tasks`, `bodies`, `deadlines`) and
`doc.ents` (the non-overlapping ones) for NER. Imports spaCy: load it lazily.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.util import filter_spans

from .errors import DocumentError
from .evaluate import load_gold
from .lexicon import longest_first
from .nlp import TOKENIZER, _blank_vocab, doc_from_record
from .normalize import normalize
from .readers import load_document
from .spans import SPAN_KEYS, word_hits

ENTITY_KEYS = ("citations", "bodies", "deadlines")
__all__ = ["SPAN_KEYS", "gold_docs", "stored_docs", "training_config", "write_docbin", "read_docbin"]
SUGGESTER_SIZES = {"bodies": 12, "citations": 30, "deadlines": 12}  # longest span in tokens


@dataclass
class GoldReport:
    """What one gold file gave: how many spans of each group, and what could not be placed."""

    source: str
    counts: dict[str, int] = field(default_factory=dict)
    unlocated: list[dict] = field(default_factory=list)
    error: str | None = None  # the gold could not be used at all (its source file is missing or unreadable)


def with_entities(doc: Doc) -> Doc:
    """`doc.ents` from the citation, body and deadline spans (longest wins where they overlap)."""
    doc.ents = filter_spans([s for key in ENTITY_KEYS if key in doc.spans for s in doc.spans[key]])
    return doc


# ------------------------------------------------------------------ gold


def find_source(gold: dict, gold_dir: Path, corpus_dirs: Sequence[Path]) -> Path:
    """The file a gold annotation describes: by name, else by stem with any extension, in the
    --corpus folders, the gold folder, then corpus/."""
    name = Path(str(gold["source"])).name
    for folder in [*corpus_dirs, gold_dir, Path("corpus")]:
        if (folder / name).is_file():
            return folder / name
        same = sorted(p for p in folder.glob(Path(name).stem + ".*") if p.suffix != ".json")
        if same:
            return same[0]
    folders = ", ".join(str(f) for f in [*corpus_dirs, gold_dir, Path("corpus")])
    raise DocumentError(gold_dir / name, f"source file of the gold annotation not found in {folders}",
                        "pass the folder that holds it with --corpus DIR")


def _needle(text: str) -> str:
    return normalize(text).text.replace("\n", " ")


def gold_record(text: str, gold: dict) -> tuple[dict, list[dict]]:
    """The gold annotation as an extraction-like record with offsets in `text`, and the
    mentions and tasks that could not be found."""
    missing: list[dict] = []
    citations = _gold_citations(text, gold.get("citations") or [], missing)
    tasks = _gold_tasks(text, gold.get("tasks") or [], missing)
    return {"document": gold.get("document") or {}, "citations": citations, "tasks": tasks}, missing


def _gold_citations(text: str, cited: list[dict], missing: list[dict]) -> list[dict]:
    """Every occurrence of every mention (longest first; one inside a longer mention is dropped)."""
    citations: list[dict] = []
    for cit in cited:
        for mention in sorted(set(cit.get("mentions") or []), key=longest_first):
            hits = word_hits(text, [_needle(mention)], 0, len(text))
            if not hits:
                missing.append({"kind": "citation", "text": mention, "why": "mention not found in the text"})
            taken = [(c["start"], c["end"]) for c in citations]
            citations.extend({**cit, "mention": text[s:e], "start": s, "end": e} for s, e in hits
                             if not any(a <= s and e <= b for a, b in taken))
    return sorted(citations, key=lambda c: c["start"])


def _gold_tasks(text: str, gold_tasks: list[dict], missing: list[dict]) -> list[dict]:
    """Each task at its text, looked for after the previous task first (gold tasks are in order)."""
    tasks, pos = [], 0
    for i, task in enumerate(gold_tasks):
        needle = [_needle(task.get("text") or "")]
        found = word_hits(text, needle, pos, len(text)) or word_hits(text, needle, 0, len(text))
        if not found:
            missing.append({"kind": "task", "text": task.get("text"), "why": "task text not found in the text"})
            continue
        (start, pos), *_ = found
        tasks.append({**task, "start": start, "end": pos, "key": f"gold-{i}"})
    return tasks


def gold_docs(
    gold_dir: str | Path, corpus_dirs: Sequence[str | Path] = ()
) -> Iterator[tuple[Doc | None, GoldReport]]:
    """One Doc per gold file with its report (no Doc when its source cannot be read);
    raises DocumentError for an unusable gold folder."""
    gold_dir = Path(gold_dir)
    folders = [Path(c) for c in corpus_dirs]
    for gold in load_gold(gold_dir):
        try:
            path = find_source(gold, gold_dir, folders)
            text = normalize(load_document(path).text).text
        except DocumentError as err:
            yield None, GoldReport(str(gold["source"]), error=err.message)
            continue
        record, missing = gold_record(text, gold)
        doc = with_entities(doc_from_record(text, record))
        doc._.unlocated = missing + list(doc._.unlocated or [])
        counts = {key: len(doc.spans[key]) for key in doc.spans}
        yield doc, GoldReport(str(path), counts, doc._.unlocated)


# ------------------------------------------------------------------ silver (stored extractions)


def stored_docs(store) -> Iterator[Doc]:
    """One Doc per stored document, from its stored normalized text and extraction record."""
    for row in store.documents():
        stored = store.document(int(row["id"]))
        if stored:
            yield with_entities(doc_from_record(stored.get("text") or "", stored.get("record") or {}))


# ------------------------------------------------------------------ files


def write_docbin(docs: Iterable[Doc], out: str | Path) -> int:
    """Write Docs (span groups, entities and extension values) to a .spacy file; returns the count."""
    docbin = DocBin(store_user_data=True)
    n = 0
    for doc in docs:
        docbin.add(doc)
        n += 1
    docbin.to_disk(out)
    return n


def read_docbin(path: str | Path) -> list[Doc]:
    """The Docs of a .spacy file written by `write_docbin`."""
    return list(DocBin().from_disk(path).get_docs(_blank_vocab()))


def training_config(spans_key: str = "bodies", component: str = "spancat") -> str:
    """A `spacy train` config with our tokenizer (a trained model reads raw directives cut as the
    annotations were): a span categorizer on one of our span groups, or NER on `doc.ents`."""
    import spacy

    nlp: Language = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    if component == "ner":
        nlp.add_pipe("ner")
        weights = {"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0}
    else:
        nlp.add_pipe("spancat", config={
            "spans_key": spans_key,
            "suggester": {"@misc": "spacy.ngram_range_suggester.v1", "min_size": 1,
                          "max_size": SUGGESTER_SIZES.get(spans_key, 12)},
        })
        weights = {f"spans_{spans_key}_f": 1.0, f"spans_{spans_key}_p": 0.0, f"spans_{spans_key}_r": 0.0}
    config = nlp.config.copy()
    config["training"]["score_weights"] = weights
    config["training"]["eval_frequency"] = 50
    return config.to_str()
