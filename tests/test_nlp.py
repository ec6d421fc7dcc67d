"""The spaCy pipeline carries exactly what `extract --json` prints, at the same offsets."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

spacy = pytest.importorskip("spacy", reason="spaCy is a dependency: pip install -e . installs it")

from pipeline import load_nlp  # noqa: E402
from pipeline.nlp import TOKENIZER, _blank_vocab, _extract, split_at, syllable_doc  # noqa: E402
from pipeline.normalize import normalize  # noqa: E402
from pipeline.spans import iso_interval  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "corpus").glob("*.txt"))


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def records() -> dict[str, dict]:
    """What the command line prints for every corpus document."""
    out = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", *map(str, CORPUS), "--json"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout
    return {Path(r["source"]).name: r for r in map(json.loads, out.splitlines())}


def _same(value):
    return json.loads(json.dumps(value, ensure_ascii=False))


def _group(doc, key):
    return [(s.start_char, s.end_char, s.label_, _same(s._.record)) for s in doc.spans[key]]


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_doc_carries_the_extract_json_record(nlp, records, path):
    record = records[path.name]
    doc = nlp(path.read_text(encoding="utf-8"))
    # doc.text is the normalized text the record's offsets point into.
    assert hashlib.sha256(doc.text.encode("utf-8")).hexdigest() == record["content_hash"]
    assert doc._.meta == record["document"]
    assert _group(doc, "citations") == [(c["start"], c["end"], c["relation"], c) for c in record["citations"]]
    assert [s._.target for s in doc.spans["citations"]] == [c["target"] for c in record["citations"]]
    assert _group(doc, "tasks") == [(t["start"], t["end"], "task", t) for t in record["tasks"]]
    for span, task in zip(doc.spans["tasks"], record["tasks"], strict=True):
        assert span.text.replace("\n", " ") == task["text"]
        assert span._.responsible == task["responsible"] and span._.coordinating == task["coordinating"]
    assert doc._.unlocated == []


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_bodies_and_deadlines_are_the_tasks_values(nlp, records, path):
    record = records[path.name]
    doc = nlp(path.read_text(encoding="utf-8"))
    for task in record["tasks"]:
        for role in ("responsible", "coordinating"):
            spans = [b for b in doc.spans["bodies"] if b.label_ == role and task["key"] in b._.tasks]
            assert sorted(b._.name for b in spans) == sorted(task[role]), (task["key"], role)
            for b in spans:
                assert b._.qualified in task[f"{role}_qualified"]
        deadline = task["deadline"]
        found = [d for d in doc.spans["deadlines"] if task["key"] in d._.tasks]
        if deadline is None:
            assert found == []
            continue
        (span,) = found
        assert " ".join(span.text.split()).lower() == " ".join(deadline["text"].split()).lower()
        assert span._.interval == iso_interval(deadline["start"], deadline["end"])
        assert span._.rrule == deadline["recurrence"]


def test_iso_interval_marks_open_ends():
    assert iso_interval("2013-10-01", "2013-10-31") == "2013-10-01/2013-10-31"
    assert iso_interval(None, "2015-12-31") == "../2015-12-31"
    assert iso_interval(None, None) is None


def test_pipe_in_two_processes_gives_the_same_docs(nlp):
    texts = [p.read_text(encoding="utf-8") for p in CORPUS]
    _extract.cache_clear()  # the worker processes must extract, not inherit results
    parallel = list(nlp.pipe(texts, n_process=2, batch_size=1))
    serial = list(nlp.pipe(texts))
    for a, b in zip(serial, parallel, strict=True):
        assert a.text == b.text and a._.meta == b._.meta
        for key in ("citations", "tasks", "bodies", "deadlines"):
            assert _group(a, key) == _group(b, key)


FIXTURE = """TỈNH UỶ BÌNH ĐỊNH\tĐẢNG CỘNG SẢN VIỆT NAM
Số 07-CT/TU\tQuy Nhơn, ngày 10 tháng 3 năm 2015

CHỈ THỊ
về tăng cường công tác kiểm tra

I. NHIỆM VỤ
1. Ban Tổ chức Tỉnh uỷ chủ trì, phối hợp với Uỷ ban Kiểm tra Tỉnh uỷ rà soát đội ngũ cán bộ, hoàn thành trong tháng 10/2015.
2. Các huyện uỷ, thành uỷ định kỳ 6 tháng một lần báo cáo Ban Thường vụ Tỉnh uỷ.
"""


def test_factories_work_in_a_users_own_pipeline(nlp):
    """A pipeline with spaCy's own tokenizer keeps the raw text: spans are mapped back into it."""
    own = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    own.add_pipe("directive_tasks")
    raw = FIXTURE.replace("\n1. ", "\n1.    ")  # a run of spaces the normalizer folds: offsets differ
    doc = own(raw)
    ours = nlp(raw)
    assert doc.text == raw and ours.text != raw
    assert len(doc.spans["tasks"]) == len(ours.spans["tasks"]) == 2
    for mine, theirs in zip(doc.spans["tasks"], ours.spans["tasks"], strict=True):
        assert mine._.record == theirs._.record
        assert mine.text == raw[mine.start_char : mine.end_char]
        assert normalize(mine.text).text == theirs.text
    names = {b.text: b.label_ for b in doc.spans["bodies"]}
    assert names["Ban Tổ chức Tỉnh uỷ"] == "responsible"  # as printed in the raw text
    assert names["Uỷ ban Kiểm tra Tỉnh uỷ"] == "coordinating"
    rules = {d.text: (d._.interval, d._.rrule) for d in doc.spans["deadlines"]}
    assert rules["trong tháng 10/2015"] == ("2015-10-01/2015-10-31", None)
    assert rules["định kỳ 6 tháng một lần"] == (None, "FREQ=MONTHLY;INTERVAL=6")


def test_split_at_cuts_tokens_for_spans_inside_them(nlp):
    doc = syllable_doc(nlp.vocab, "Số07-CT/TU ngày")
    split_at(doc, {2, 10})
    assert [t.text for t in doc][:2] == ["Số", "07"]
    assert doc.text == "Số07-CT/TU ngày"
    assert doc.char_span(2, 10) is not None


def test_pipeline_saves_and_loads(nlp, tmp_path):
    nlp.to_disk(tmp_path / "model")
    again = spacy.load(tmp_path / "model")
    assert again.pipe_names == nlp.pipe_names
    assert _group(again(FIXTURE), "tasks") == _group(nlp(FIXTURE), "tasks")


def test_import_pipeline_does_not_import_spacy():
    code = "import sys, pipeline, pipeline.cli; pipeline.cli.build_parser(); print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_entry_points_name_the_registered_factories():
    """pyproject's spacy_factories/spacy_tokenizers entry points must point at what spaCy registers."""
    import importlib
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(dep.startswith("spacy>=") and "<" in dep for dep in project["dependencies"])
    groups = project["entry-points"]
    for group, registry in (("spacy_factories", spacy.registry.factories),
                            ("spacy_tokenizers", spacy.registry.tokenizers)):
        assert groups[group]
        for name, target in groups[group].items():
            module, attr = target.split(":")
            assert registry.get(name) is getattr(importlib.import_module(module), attr)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_users_pipeline_places_every_span_of_the_corpus(nlp, path):
    """Mapped back into the raw file text (trailing spaces, old tone marks), nothing is lost."""
    own = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    own.add_pipe("directive_citations")
    own.add_pipe("directive_tasks")
    raw = path.read_text(encoding="utf-8")
    doc, ours = own(raw), nlp(raw)
    assert doc._.unlocated == []
    for key in ("citations", "tasks", "bodies", "deadlines"):
        assert [s._.record for s in doc.spans[key]] == [s._.record for s in ours.spans[key]]
        assert [normalize(s.text).text.strip() for s in doc.spans[key]] == [s.text for s in ours.spans[key]]


def test_readme_documents_the_spacy_pipeline_and_why_spacy_is_there():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## spaCy" in readme and "from pipeline import load_nlp" in readme
    assert "python -m spacy train" in readme and "python -m pipeline export spacy --gold" in readme
    assert "**spaCy** wraps the" in readme  # the libraries paragraph says why it is a dependency


def test_doc_from_file_reads_any_format_like_extract(nlp, tmp_path):
    """A Windows-1258 file: the readers decode it, the spans are those of `extract` on that file."""
    from readers_fixtures import encode_cp1258

    from pipeline.extract import extract_file
    from pipeline.nlp import doc_from_file

    path = tmp_path / "chithi.txt"
    path.write_bytes(encode_cp1258(FIXTURE))
    doc = doc_from_file(path, nlp)
    record = extract_file(path).to_dict()
    assert doc._.extraction["source"] == str(path) and doc._.meta == record["document"]
    assert _group(doc, "tasks") == [(t["start"], t["end"], "task", t) for t in record["tasks"]]
    assert len(record["tasks"]) == 2
    for field in ("source_format", "encoding", "warnings", "content_hash"):
        assert doc._.extraction[field] == record[field]


def test_entry_points_let_spacy_find_our_parts_without_importing_them(tmp_path):
    """As after `pip install -e .`: a distribution declaring pyproject's entry points is enough for
    a fresh process to build our pipeline by name (what `python -m spacy train` does)."""
    import tomllib

    groups = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["entry-points"]
    info = tmp_path / "directive_pipeline_ep-0.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: directive-pipeline-ep\nVersion: 0.0\n")
    (info / "entry_points.txt").write_text("".join(
        f"[{group}]\n" + "".join(f"{name} = {target}\n" for name, target in points.items())
        for group, points in groups.items()))
    code = (
        "import sys, spacy\n"
        f"nlp = spacy.blank('vi', config={{'nlp': {{'tokenizer': {{'@tokenizers': '{TOKENIZER}'}}}}}})\n"
        "assert 'pipeline.nlp' in sys.modules  # loaded through the entry point, not imported here\n"
        "nlp.add_pipe('directive_tasks')\n"
        f"print(len(nlp({FIXTURE!r}).spans['tasks']))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "2"


_TEXTS = st.text(alphabet="aủđ1 .,-/\n\t", min_size=1, max_size=40)


@settings(max_examples=150, deadline=None)
@given(text=_TEXTS, data=st.data())
def test_any_span_lands_on_exact_offsets_after_split_at(text, data):
    """Whatever the tokens, a span that starts and ends on non-space characters gets exactly
    its character offsets (the promise behind "offsets identical to extract --json")."""
    doc = syllable_doc(_blank_vocab(), text)
    solid = [i for i, c in enumerate(text) if not c.isspace()]
    if not solid:
        return
    start = data.draw(st.sampled_from(solid))
    end = data.draw(st.sampled_from([i + 1 for i in solid if i >= start]))
    split_at(doc, {start, end})
    span = doc.char_span(start, end)
    assert doc.text == text
    assert span is not None and (span.start_char, span.end_char) == (start, end)
