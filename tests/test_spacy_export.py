"""`export spacy`: gold and stored extractions become DocBin files spaCy loads and trains on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy", reason="spaCy is a dependency: pip install -e . installs it")

from spacy.tokens import DocBin  # noqa: E402

from pipeline.nlp import _blank_vocab  # noqa: E402
from pipeline.normalize import normalize  # noqa: E402
from pipeline.spacy_data import gold_docs  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED_GOLD = ROOT.parent / "shared" / "eval" / "gold"

SOURCE = """TỈNH UỶ BÌNH ĐỊNH\tĐẢNG CỘNG SẢN VIỆT NAM
Số 07-CT/TU\tQuy Nhơn, ngày 10 tháng 3 năm 2015

CHỈ THỊ
về tăng cường công tác kiểm tra

Thực hiện Chỉ thị số 12-CT/TW ngày 05/01/2012 của Bộ Chính trị, Ban Thường vụ Tỉnh uỷ yêu cầu:

I. NHIỆM VỤ
1. Ban Tổ chức Tỉnh uỷ chủ trì, phối hợp với Uỷ ban Kiểm tra Tỉnh uỷ rà soát đội ngũ cán bộ, hoàn thành trong tháng 10/2015.
2. Các huyện uỷ, thành uỷ định kỳ 6 tháng một lần báo cáo Ban Thường vụ Tỉnh uỷ.
"""

GOLD = {
    "source": "07_chithi.txt",
    "document": {"doc_type": "Chỉ thị", "number": "07-CT/TU"},
    "citations": [{"number": "12-CT/TW", "relation": "implements", "mentions": [
        "Chỉ thị số 12-CT/TW ngày 05/01/2012 của Bộ Chính trị"]}],
    "tasks": [
        {"text": "Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Ủy ban Kiểm tra Tỉnh ủy rà soát đội ngũ cán bộ, "
                 "hoàn thành trong tháng 10/2015.", "section": "I.1",
         "responsible": ["Ban Tổ chức Tỉnh ủy"], "coordinating": ["Ủy ban Kiểm tra Tỉnh ủy"],
         "deadline": {"text": "trong tháng 10/2015", "start": "2015-10-01", "end": "2015-10-31", "recurrence": None}},
        {"text": "Các huyện ủy, thành ủy định kỳ 6 tháng một lần báo cáo Ban Thường vụ Tỉnh ủy.", "section": "I.2",
         "responsible": ["Huyện ủy", "Thành ủy"], "coordinating": [],
         "deadline": {"text": "định kỳ 6 tháng một lần", "start": None, "end": None,
                      "recurrence": "FREQ=MONTHLY;INTERVAL=6"}},
        {"text": "Một nhiệm vụ không có trong văn bản.", "section": "I.3", "responsible": [], "coordinating": []},
    ],
}


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True)


def _load(path: Path) -> list:
    return list(DocBin().from_disk(path).get_docs(_blank_vocab()))


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    folder = tmp_path_factory.mktemp("gold")
    (folder / "07_chithi.txt").write_text(SOURCE, encoding="utf-8")
    (folder / "07_chithi.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    out = folder / "gold.spacy"
    result = _cli("export", "spacy", "--gold", str(folder), "--out", str(out))
    return out, result


def test_gold_round_trips_through_docbin(exported):
    out, result = exported
    assert result.returncode == 0, result.stderr
    (doc,) = _load(out)
    assert doc._.meta == GOLD["document"]
    (cit,) = doc.spans["citations"]
    assert cit.text == GOLD["citations"][0]["mentions"][0] and cit.label_ == "implements"
    tasks = list(doc.spans["tasks"])
    assert [t.text for t in tasks] == [g["text"] for g in GOLD["tasks"][:2]]
    assert [t._.section for t in tasks] == ["I.1", "I.2"]
    bodies = {(b.text, b.label_, b._.name) for b in doc.spans["bodies"]}
    assert ("Ban Tổ chức Tỉnh ủy", "responsible", "Ban Tổ chức Tỉnh ủy") in bodies
    assert ("Ủy ban Kiểm tra Tỉnh ủy", "coordinating", "Ủy ban Kiểm tra Tỉnh ủy") in bodies
    # "huyện ủy, thành ủy" after a list word: each gold body at its own printing.
    assert {("huyện ủy", "Huyện ủy"), ("thành ủy", "Thành ủy")} <= {(b.text, b._.name) for b in doc.spans["bodies"]}
    deadlines = {d.text: (d._.interval, d._.rrule) for d in doc.spans["deadlines"]}
    assert deadlines == {"trong tháng 10/2015": ("2015-10-01/2015-10-31", None),
                         "định kỳ 6 tháng một lần": (None, "FREQ=MONTHLY;INTERVAL=6")}
    assert {e.label_ for e in doc.ents} == {"implements", "responsible", "coordinating", "deadline"}


def test_gold_that_cannot_be_located_is_reported(exported):
    _, result = exported
    assert "07_chithi.txt: gold task not located" in result.stderr
    assert "Một nhiệm vụ không có trong văn bản." in result.stderr
    assert "1 gold spans could not be located" in result.stderr
    assert "1 documents written" in result.stdout


@pytest.mark.parametrize("component", ["spancat", "ner"])
def test_config_trains(exported, tmp_path, component):
    """The generated config runs under `spacy train` (two steps on the exported gold)."""
    from spacy.cli.train import train

    out, _ = exported
    config = tmp_path / f"{component}.cfg"
    made = _cli("export", "spacy", "--gold", str(out.parent), "--out", str(tmp_path / "g.spacy"),
                "--config", str(config), "--component", component)
    assert made.returncode == 0 and "training config written" in made.stdout
    train(config, tmp_path / "model", overrides={
        "paths.train": str(out), "paths.dev": str(out), "training.max_steps": 2, "training.eval_frequency": 1})
    nlp = spacy.load(tmp_path / "model" / "model-last")
    assert nlp.pipe_names == [component]
    if component == "spancat":
        assert nlp.get_pipe("spancat").key == "bodies"
    else:
        assert set(nlp.get_pipe("ner").labels) == {"implements", "responsible", "coordinating", "deadline"}
    doc = nlp("Ban Tổ chức Tỉnh uỷ chủ trì.")
    assert doc.text == "Ban Tổ chức Tỉnh ủy chủ trì."  # our tokenizer: normalized as the annotations were


def _check_gold_round_trip(gold_dir: Path, corpus: Path) -> None:
    for doc, report in gold_docs(gold_dir, [corpus]):
        gold = json.loads((gold_dir / (Path(report.source).stem + ".json")).read_text(encoding="utf-8"))
        assert doc is not None, report.error
        assert [u for u in report.unlocated if u["kind"] in ("task", "citation")] == []
        mentions = {_flat(m) for c in gold["citations"] for m in c.get("mentions") or []}
        assert {_flat(c.text) for c in doc.spans["citations"]} <= mentions
        assert len({_flat(c.text) for c in doc.spans["citations"]}) == len(mentions)
        tasks = list(doc.spans["tasks"])
        assert len(tasks) == len(gold["tasks"])
        for span, task in zip(tasks, gold["tasks"], strict=True):
            assert _flat(span.text) == _flat(task["text"])
            for role in ("responsible", "coordinating"):
                placed = [b._.name for b in doc.spans["bodies"] if b.label_ == role and span._.key in b._.tasks]
                lost = [u["text"] for u in report.unlocated if u["kind"] == role and u["task"] == span._.key]
                assert sorted(placed + lost) == sorted(task.get(role) or [])
            deadline = task.get("deadline") or {}
            found = [d for d in doc.spans["deadlines"] if span._.key in d._.tasks]
            if deadline.get("text") and found:
                assert [_flat(d.text) for d in found] == [_flat(deadline["text"])]
                assert found[0]._.rrule == deadline.get("recurrence")
            else:
                lost = [u for u in report.unlocated if u["kind"] == "deadline" and u["task"] == span._.key]
                assert len(lost) == (1 if deadline.get("text") else 0) and not found


def _flat(text: str) -> str:
    """Compare gold strings with the text as normalized, any case, any spacing."""
    return " ".join(normalize(text).text.split()).lower()


def test_corpus_gold_round_trips():
    _check_gold_round_trip(ROOT / "eval" / "gold", ROOT / "corpus")


@pytest.mark.skipif(not SHARED_GOLD.is_dir(), reason="../shared/eval/gold (the shared gold set) is not present")
def test_shared_gold_round_trips():
    _check_gold_round_trip(SHARED_GOLD, ROOT / "corpus")


def test_stored_extractions_become_silver_docs(tmp_path):
    db = tmp_path / "d.db"
    corpus = sorted((ROOT / "corpus").glob("*.txt"))[:2]
    assert _cli("ingest", *map(str, corpus), "--db", str(db)).returncode == 0
    result = _cli("export", "spacy", "--db", str(db), "--out", str(tmp_path / "silver.spacy"))
    assert result.returncode == 0, result.stderr
    docs = _load(tmp_path / "silver.spacy")
    records = [json.loads(line) for line in _cli("extract", *map(str, corpus), "--json").stdout.splitlines()]
    assert len(docs) == len(records) == 2
    for doc, record in zip(docs, records, strict=True):
        assert [(s.start_char, s.end_char) for s in doc.spans["tasks"]] == [(t["start"], t["end"]) for t in record["tasks"]]
        assert [s._.target for s in doc.spans["citations"]] == [c["target"] for c in record["citations"]]
        assert json.loads(json.dumps(doc._.meta)) == record["document"]  # DocBin gives lists back as tuples


def test_empty_database_says_what_to_do(tmp_path):
    result = _cli("export", "spacy", "--db", str(tmp_path / "empty.db"), "--out", str(tmp_path / "x.spacy"))
    assert result.returncode == 1
    assert "empty.db: no documents stored" in result.stderr and "ingest" in result.stderr


def test_gold_without_its_source_file_says_where_it_looked(tmp_path):
    (tmp_path / "07_chithi.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "07_chithi.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "08_lost.json").write_text(json.dumps({**GOLD, "source": "08_lost.txt"}), encoding="utf-8")
    result = _cli("export", "spacy", "--gold", str(tmp_path), "--out", str(tmp_path / "g.spacy"))
    assert result.returncode == 1
    assert "08_lost.txt: source file of the gold annotation not found" in result.stderr
    assert "--corpus DIR" in result.stderr
    assert len(_load(tmp_path / "g.spacy")) == 1  # the other gold file is still written
