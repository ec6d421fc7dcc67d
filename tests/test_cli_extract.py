"""`python -m pipeline extract FILE... --json` follows docs/extraction.md (the extraction record)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main

ROOT = Path(__file__).parent.parent
CORPUS = sorted((ROOT / "corpus").glob("*.txt"))

DOCUMENT_FIELDS = {"doc_type", "number", "issuer", "issued_date", "place", "title", "signer", "recipients"}
CITATION_FIELDS = {"mention", "start", "end", "doc_type", "number", "issued_date", "issuer", "term", "target", "relation"}
TASK_FIELDS = {"text", "start", "end", "section", "responsible", "coordinating", "deadline"}


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    bad = tmp_path_factory.mktemp("bad") / "empty.txt"
    bad.write_bytes(b"")
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", *map(str, CORPUS), str(bad), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert proc.returncode == 1, proc.stderr  # one file failed
    assert "Traceback" not in proc.stderr
    lines = proc.stdout.strip().splitlines()
    return [json.loads(line) for line in lines]


def test_one_record_per_file_in_order(records):
    assert [r["source"] for r in records[:-1]] == [str(p) for p in CORPUS]
    assert records[-1]["error"].startswith(records[-1]["source"])


def test_records_follow_the_contract(records):
    for record in records[:-1]:
        assert record["schema"] == "directive-extraction/1"
        assert record["document"].keys() >= DOCUMENT_FIELDS
        for citation in record["citations"]:
            assert citation.keys() >= CITATION_FIELDS
            assert citation["relation"] in {"implements", "cites"}
            assert citation["end"] > citation["start"]
        for task in record["tasks"]:
            assert task.keys() >= TASK_FIELDS
            assert isinstance(task["responsible"], list) and isinstance(task["coordinating"], list)
            if task["deadline"] is not None:
                assert {"text", "start", "end", "recurrence"} <= task["deadline"].keys()


def test_output_is_utf8_not_ascii_escaped(records):
    assert "\\u" not in json.dumps(records[0], ensure_ascii=False)


def test_missing_file_is_reported_not_raised(tmp_path, capsys):
    status = main(["extract", str(tmp_path / "nope.txt"), "--json"])
    out, err = capsys.readouterr()
    assert status == 1
    record = json.loads(out)
    assert "nope.txt" in record["error"]
    assert "Traceback" not in err


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_spans_point_into_the_normalized_text(path):
    from pipeline.extract import extract_file

    extraction = extract_file(path)
    text = extraction.normalized.text
    for citation in extraction.citations:
        assert text[citation.start : citation.end] == citation.mention
    for task in extraction.tasks:
        assert " ".join(text[task.start : task.end].split()) == " ".join(task.text.split())


@pytest.mark.parametrize("encoding", ["cp1258", "tcvn3", "vni", "utf-16"])
def test_legacy_encoded_copy_gives_the_same_extraction(tmp_path, encoding):
    """Issue #2: a Windows-1258 / TCVN3 / VNI / UTF-16 copy of a corpus file extracts like the original."""
    from readers_fixtures import encode_cp1258, encode_legacy

    from pipeline.extract import extract_file

    original = CORPUS[0]
    text = original.read_text(encoding="utf-8")
    if encoding == "cp1258":
        data = encode_cp1258(text)
    elif encoding == "utf-16":
        data = text.encode("utf-16")
    else:
        data = encode_legacy(text, encoding)
    copy = tmp_path / f"copy-{encoding}.txt"
    copy.write_bytes(data)
    expected = extract_file(original).to_dict()
    actual = extract_file(copy).to_dict()
    for record in (expected, actual):
        for volatile in ("source", "encoding", "warnings"):
            record.pop(volatile)
    assert actual == expected
