"""`graph lineage 75-KL/TW` on the real pair, with the gold task lists in the store (extraction-independent).

The texts come from ../shared/eval/real (skipped when absent). Each document is read by the
pipeline, then given its gold metadata and gold tasks, so this checks the lineage command on real
directives whatever the current state of task extraction; `scripts/eval_lineage.py` measures the
end-to-end path.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.extract import extract_file
from pipeline.lineage_eval import gold_pairs, load_link_gold, shared_eval_dir
from pipeline.model import BodyMention, Task
from pipeline.store import Store

ROOT = Path(__file__).resolve().parent.parent
SHARED = shared_eval_dir()
GOLD = load_link_gold(ROOT / "eval" / "lineage" / "kl75_ctr31.json")
pytestmark = pytest.mark.skipif(not (SHARED / "real").is_dir(),
                                reason=f"the shared evaluation texts are not at {SHARED} (../shared or $DIRECTIVES_SHARED)")


def _gold_reading(stem: str):
    """The pipeline's reading of a shared text with the gold metadata and tasks put in."""
    extraction = extract_file(SHARED / f"{stem}.txt")
    gold = json.loads((SHARED / f"{stem}.json").read_text(encoding="utf-8"))
    doc = gold["document"]
    meta = dataclasses.replace(extraction.document, doc_type=doc["doc_type"], number=doc["number"],
                               issuer=doc["issuer"][0], issued_date=date.fromisoformat(doc["issued_date"]),
                               level="central")
    tasks = tuple(Task(text=t["text"], start=0, end=0, section=t["section"],
                       responsible=tuple(BodyMention(printed=n, name=n) for n in t["responsible"]))
                  for t in gold["tasks"])
    return dataclasses.replace(extraction, document=meta, tasks=tasks), gold["tasks"]


@pytest.fixture(scope="module")
def lineage(tmp_path_factory):
    db = tmp_path_factory.mktemp("real_lineage") / "d.db"
    with Store(db) as store:
        upper, upper_gold = _gold_reading(GOLD["upper"]["file"])
        lower, lower_gold = _gold_reading(GOLD["lower"]["file"])
        store.ingest(upper)
        store.ingest(lower)
    return db, upper_gold, lower_gold


def test_graph_lineage_75_kl_tw_lists_the_tasks_of_31_ctr_tw_that_carry_out_each_task(lineage, capsys):
    db, upper_gold, lower_gold = lineage
    capsys.readouterr()
    assert main(["graph", "lineage", "75-KL/TW", "--json", "--db", str(db)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["text"] for r in rows] == [t["text"] for t in upper_gold]
    lower_index = {t["text"]: i for i, t in enumerate(lower_gold)}
    found = {(lower_index[link["text"]], j) for j, r in enumerate(rows) for link in r["implemented_by"]
             if link["task_key"]}
    assert all(link["document"].startswith("31-CTr/TW") for r in rows for link in r["implemented_by"])
    gold = gold_pairs(GOLD)
    precision, recall = len(found & gold) / len(found), len(found & gold) / len(gold)
    assert precision >= 0.8 and recall >= 0.6, (precision, recall)


def test_the_issuers_own_task_is_taken_up_by_the_programme_itself(lineage, capsys):
    db, upper_gold, _ = lineage
    capsys.readouterr()
    assert main(["graph", "lineage", "75-KL/TW", "--json", "--db", str(db)]) == 0
    rows = json.loads(capsys.readouterr().out)
    whole = [link for link in rows[22]["implemented_by"] if not link["task_key"]]
    assert [link["evidence"]["issued_by"] for link in whole] == ["Bộ Chính trị"]
    assert all(not link["task_key"] for r in rows[:22] for link in r["implemented_by"] if link["score"] == 1.0)
    assert main(["graph", "lineage", "75-KL/TW", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "← 31-CTr/TW" in out and "0 days later" in out and "not taken up (0)" in out
