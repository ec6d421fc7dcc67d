"""docs/extraction.schema.json and docs/extraction.md describe what `extract --json` really emits.

Every corpus extraction (and an error record) must validate; deliberately broken records must
not; every field the code emits must be documented, and the page and the schema must name the
same fields. Real directives under ../shared are checked too when that folder is present.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from docs_fields import DOCS, ROOT, documented_fields, field_paths, schema_paths
from jsonschema import Draft202012Validator

from pipeline.cli import main
from pipeline.errors import DocumentError
from pipeline.extract import extract_file

SCHEMA = json.loads((DOCS / "extraction.schema.json").read_text(encoding="utf-8"))
CORPUS = sorted((ROOT / "corpus").glob("*.txt"))
SHARED = ROOT.parent / "shared" / "eval"


def _validator() -> Draft202012Validator:
    return Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _errors(record: dict) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in _validator().iter_errors(record)]


@pytest.fixture(scope="module")
def corpus_records() -> list[dict]:
    return [extract_file(p).to_dict() for p in CORPUS]


@pytest.fixture(scope="module")
def error_record(tmp_path_factory) -> dict:
    empty = tmp_path_factory.mktemp("bad") / "empty.txt"
    empty.write_text("", encoding="utf-8")
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(["extract", str(empty), "--json"]) == 1
    return json.loads(out.getvalue())


def test_the_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_corpus_extraction_and_an_error_record_validate(corpus_records, error_record):
    assert len(corpus_records) == len(CORPUS) >= 4
    for record in [*corpus_records, error_record]:
        assert _errors(record) == [], record["source"]
    assert "error" in error_record


def test_extra_fields_are_allowed(corpus_records):
    record = copy.deepcopy(corpus_records[0])
    record["new_field"] = 1
    record["document"]["new_field"] = [1]
    record["tasks"][0]["new_field"] = {"x": None}
    assert _errors(record) == []


def _set(record: dict, path: str, value: object) -> None:
    """Set (or with value ... delete) a dotted path; `tasks.0.deadline` indexes lists."""
    *parents, last = path.split(".")
    node: object = record
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]  # type: ignore[index]
    if value is ...:
        del node[last]  # type: ignore[union-attr]
    elif isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value  # type: ignore[index]


BROKEN = [
    ("schema", "directive-extraction/2"),
    ("document", ...),
    ("document.number", ...),
    ("document.number", "15 NQ/TU"),
    ("document.issued_date", "17/04/2008"),
    ("document.issued_date", "2008-02-30"),
    ("document.recipients", "Ban Bí thư"),
    ("document.is_draft", "no"),
    ("document.level", "city"),
    ("citations.0.relation", "quotes"),
    ("citations.0.start", "171"),
    ("citations.0.end", -1),
    ("citations.0.target", ...),
    ("citations.0.resolved_by", "guess"),
    ("tasks", {}),
    ("tasks.0.responsible", "Chi bộ"),
    ("tasks.0.responsible", [""]),
    ("tasks.0.deadline", "2010-12-31"),
    ("tasks.0.deadline", {"text": "hằng năm", "start": None, "end": None, "recurrence": "every year"}),
    ("tasks.0.deadline", {"text": "Quý II/2016", "start": "2016-04-01", "end": None}),
    ("tasks.0.key", "Key-1"),
    ("tasks.0.section", 3),
    ("sections.0.kind", "other"),
    ("sections.0.level", 0),
    ("content_hash", "abc"),
    ("source_format", "rtf"),
]


@pytest.mark.parametrize(("path", "value"), BROKEN, ids=[f"{p}={v!r}"[:60] for p, v in BROKEN])
def test_a_broken_record_is_rejected(corpus_records, path, value):
    record = copy.deepcopy(next(r for r in corpus_records if r["citations"] and r["tasks"]))
    _set(record, path, value)
    assert _errors(record), f"the schema accepted {path} = {value!r}"


@pytest.mark.parametrize(
    "record",
    [
        {"schema": "directive-extraction/1", "source": "a.txt", "error": ""},
        {"schema": "directive-extraction/1", "error": "a.txt: file not found"},
        {"schema": "directive-extraction/1", "source": "a.txt"},
    ],
)
def test_a_broken_error_record_is_rejected(record):
    assert _errors(record)


def test_every_field_the_code_emits_is_documented(corpus_records, error_record):
    emitted = set().union(*(field_paths(r) for r in [*corpus_records, error_record]))
    missing = sorted(emitted - documented_fields("extraction.md"))
    assert not missing, f"fields emitted by `extract --json` but not described in docs/extraction.md: {missing}"


def test_the_page_and_the_schema_name_the_same_fields():
    documented, in_schema = documented_fields("extraction.md"), schema_paths(SCHEMA)
    assert documented - in_schema == set(), "documented but missing from docs/extraction.schema.json"
    assert in_schema - documented == set(), "in the schema but not described in docs/extraction.md"


def test_the_validation_snippet_in_the_docs_works(corpus_records, tmp_path, monkeypatch, capsys):
    page = (DOCS / "extraction.md").read_text(encoding="utf-8")
    snippet = re.findall(r"```python\n(.*?)```", page, re.S)[-1]
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "extraction.schema.json").write_text(json.dumps(SCHEMA), encoding="utf-8")
    broken = copy.deepcopy(corpus_records[0])
    broken["document"]["issued_date"] = "17/04/2008"
    lines = [json.dumps(r, ensure_ascii=False) for r in [*corpus_records, broken]]
    (tmp_path / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    exec(compile(snippet, "docs/extraction.md", "exec"), {})
    out = capsys.readouterr().out
    assert f"records.jsonl line {len(lines)}: $.document.issued_date" in out
    assert all(f"line {n}:" not in out for n in range(1, len(lines)))  # the corpus lines are valid
    assert out.strip().endswith("problems")


def test_extractions_of_the_evaluation_texts_validate():
    texts = sorted((ROOT / "eval").rglob("*.txt"))
    assert texts
    for path in texts:
        assert _errors(extract_file(path).to_dict()) == [], path.name


def _shared_texts() -> list[Path]:
    if not SHARED.is_dir():
        return []
    return sorted(p for p in SHARED.rglob("*") if p.suffix in {".txt", ".docx", ".doc", ".pdf", ".html"})


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/eval (real directives) is not present in this checkout")
def test_extractions_of_real_directives_validate():
    checked = 0
    for path in _shared_texts():
        try:
            record = extract_file(path).to_dict()
        except DocumentError:
            continue
        assert _errors(record) == [], path.name
        checked += 1
    assert checked > 0
