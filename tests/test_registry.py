"""Registry data: schema, sources, and every entry's examples resolve through the citation finder."""

from __future__ import annotations

import re
from datetime import date

import pytest

from pipeline.citations import SYMBOL, _doc_type_of_symbol, find_citations
from pipeline.errors import DocumentError
from pipeline.model import DocumentMeta, Regions
from pipeline.registry import alias_key, load_registry, parse_registry

REG = load_registry()
SPEC_TYPES = {"Nghị quyết", "Chỉ thị", "Kết luận", "Quy định", "Quyết định", "Hướng dẫn", "Kế hoạch",
              "Chương trình hành động", "Chương trình", "Thông báo", "Đề án", "Báo cáo", "Công văn", "Quy chế",
              "Nghị định", "Thông tư", "Luật", "Điều lệ", "Hiến pháp", "Cương lĩnh", "Thông tri"}


def _examples():
    for entry in REG.documents:
        for ex in entry.examples:
            yield f"document {entry.number}@{entry.date.year}", ex
    for plenum in REG.plenums:
        for ex in plenum.examples:
            yield f"plenum {plenum.session} khóa {plenum.term}", ex
    for named in REG.named:
        for ex in named.examples:
            yield f"named {named.key}", ex


EXAMPLES = list(_examples())


def test_every_entry_has_examples():
    assert all(e.examples for e in REG.documents)
    assert all(p.examples for p in REG.plenums)
    assert all(n.examples for n in REG.named)
    assert len(EXAMPLES) >= 30


@pytest.mark.parametrize("where,example", EXAMPLES, ids=[f"{w}: {e['mention'][:30]}" for w, e in EXAMPLES])
def test_example_resolves(where, example):
    text = example["mention"]
    found = find_citations(text, DocumentMeta(), Regions(0, 0, len(text)))
    assert found, f"{where}: nothing found in {text!r}"
    assert found[0].number == example["number"], where


@pytest.mark.parametrize("entry", REG.documents, ids=[f"{e.number}@{e.date.year}" for e in REG.documents])
def test_document_entry_is_well_formed(entry):
    assert re.fullmatch(SYMBOL, entry.number), entry.number
    assert entry.doc_type in SPEC_TYPES
    assert _doc_type_of_symbol(entry.number) in (entry.doc_type, None) or entry.doc_type == "Quy định"
    assert date(1930, 1, 1) <= entry.date <= date.today()
    assert entry.source.strip()
    if entry.term:
        assert REG.term_at(entry.date) == entry.term, "date outside the term it names"


def test_numbers_are_unique_within_a_year_and_aliases_unique():
    keys = [(e.number, e.date.year) for e in REG.documents]
    assert len(keys) == len(set(keys))
    aliases = [alias_key(a) for e in REG.documents for a in e.aliases]
    assert len(aliases) == len(set(aliases))


def test_plenums_list_known_resolutions_of_their_term():
    for plenum in REG.plenums:
        assert plenum.resolutions and plenum.source
        for number in plenum.resolutions:
            assert re.fullmatch(r"\d+-NQ/TW", number)
            entry = REG.lookup(number, term=plenum.term)
            if entry is not None:
                assert entry.plenum in (None, plenum.session)


@pytest.mark.parametrize("number,kwargs,expected", [
    ("22-NQ/TW", {}, None),  # two documents carry this symbol: not guessed
    ("22-NQ/TW", {"term": "X"}, date(2008, 2, 2)),
    ("22-NQ/TW", {"year": 2013}, date(2013, 4, 10)),
    ("22-NQ/TW", {"issuer": "Bộ Chính trị"}, date(2013, 4, 10)),
    ("10-CT/TW", {}, date(2007, 3, 30)),
    ("99-NQ/TW", {}, None),
])
def test_lookup_never_guesses(number, kwargs, expected):
    entry = REG.lookup(number, **kwargs)
    assert (entry.date if entry else None) == expected


def test_term_at():
    assert REG.term_at(date(2008, 4, 17)) == "X"
    assert REG.term_at(date(2022, 6, 16)) == "XIII"
    assert REG.term_at(date(1990, 1, 1)) is None


@pytest.mark.parametrize("issuer", REG.issuers, ids=[i.name for i in REG.issuers])
def test_issuer_vocabulary_examples(issuer):
    assert issuer.level in {"central", "province", "district", "bloc", "grassroots", "state"}
    for ex in issuer.examples:
        text = f"Kế hoạch số 7 của {ex['text']}"
        (c,) = find_citations(text, DocumentMeta(), Regions(0, 0, len(text)))
        assert c.issuer == ex["name"]


@pytest.mark.parametrize("dt", REG.doc_types, ids=[d.name for d in REG.doc_types])
def test_doc_type_vocabulary_examples(dt):
    assert dt.name in SPEC_TYPES
    for ex in dt.examples:
        text = f"theo văn bản số {ex['symbol']} đã ban hành"
        (c,) = find_citations(text, DocumentMeta(), Regions(0, 0, len(text)))
        assert c.doc_type == ex["type"]


@pytest.mark.parametrize("data,problem", [
    ({"documents": [{"number": "1-NQ/TW", "doc_type": "Nghị quyết", "date": "2020-13-01", "issuer": "x", "title": "t", "source": "s"}]}, "bad date"),
    ({"documents": [{"number": "1-NQ/TW", "doc_type": "Nghị quyết", "date": "2020-01-01", "issuer": "x", "title": "t"}]}, "lacks source"),
    ({"plenums": [{"term": "X", "session": 6, "source": "s"}]}, "lacks resolutions"),
])
def test_bad_registry_data_is_a_clear_error(data, problem):
    with pytest.raises(DocumentError, match=problem):
        parse_registry(data, {})


IMPLEMENT_EXAMPLES = [(p, ex) for p in REG.implement_phrases for ex in p.examples if p.kind != "own_lead"]
OWN_LEAD_EXAMPLES = [(p, ex) for p in REG.implement_phrases for ex in p.examples if p.kind == "own_lead"]


def test_every_implements_phrase_has_examples():
    assert {p.kind for p in REG.implement_phrases} == {"verb", "modifier", "background", "before_verb", "new_clause", "own_lead"}
    assert all(p.examples for p in REG.implement_phrases)


@pytest.mark.parametrize("phrase,example", IMPLEMENT_EXAMPLES,
                         ids=[f"{p.kind} {p.pattern[:20]}: {e['text'][:30]}" for p, e in IMPLEMENT_EXAMPLES])
def test_implements_vocabulary_examples(phrase, example):
    text = example["text"]
    found = find_citations(text, DocumentMeta(), Regions(0, 0, len(text)))
    assert [c.relation for c in found] == example["relations"], phrase.pattern


@pytest.mark.parametrize("vocab,problem", [
    ({"implements": {"verbs": [{"pattern": "x"}]}}, "unknown implements list"),
    ({"implements": {"verb": [{"pattern": "(x"}]}}, "bad pattern"),
    ({"implements": {"verb": [{"examples": []}]}}, "lacks pattern"),
])
def test_bad_implements_vocabulary_is_a_clear_error(vocab, problem):
    with pytest.raises(DocumentError, match=problem):
        parse_registry({}, vocab)


@pytest.mark.parametrize("phrase,example", OWN_LEAD_EXAMPLES, ids=[e["text"][:40] for _, e in OWN_LEAD_EXAMPLES])
def test_own_document_lead_examples(phrase, example):
    """A headerless republication's lead names the document itself: that mention is not a citation."""
    text = example["text"]
    found = find_citations(text, DocumentMeta(doc_type=example["doc_type"]), Regions(0, 0, len(text)))
    assert [c.relation for c in found] == example["relations"], phrase.pattern


def test_own_document_lead_needs_a_header_without_number():
    text = "Ngày 6/8, Ban Thường vụ Tỉnh ủy đã ban hành Chỉ thị số 17-CT/TU về việc dư luận xã hội."
    meta = DocumentMeta(doc_type="Chỉ thị", number="20-CT/TU")
    assert [c.number for c in find_citations(text, meta, Regions(0, 0, len(text)))] == ["17-CT/TU"]


def test_own_document_lead_is_not_a_document_dated_years_apart():
    text = "Ngày 14-11-2016, Tỉnh ủy đã ban hành Nghị quyết số 10-NQ/TU về huy động nguồn lực."
    meta = DocumentMeta(doc_type="Nghị quyết", issued_date=date(2025, 1, 1))
    assert [c.number for c in find_citations(text, meta, Regions(0, 0, len(text)))] == ["10-NQ/TU"]
    assert find_citations(text, DocumentMeta(doc_type="Nghị quyết"), Regions(0, 0, len(text))) == []
