"""The task filter: its features, its use in extraction, and the shipped artifact vs. its script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.extract import extract_text
from pipeline.model import Task
from pipeline.taskmodel import MODEL_FILE, TaskFilter, task_features, task_filter

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval" / "real"


def test_features_read_the_item_shape():
    feats = task_features(Task(text="liệu thường xuyên về kho dữ liệu", start=0, end=10, section="II.1"), "Về dữ liệu")
    assert feats["starts_lower"] == 1.0 and feats["w0=lieu"] == 1.0 and feats["h=du"] == 1.0
    assert "has_responsible" not in feats and feats["depth=2"] == 1.0


def test_a_filter_in_use_drops_what_it_scores_low_and_one_not_in_use_drops_nothing():
    text = "II. NHIỆM VỤ\n1. Ban Tổ chức Huyện ủy rà soát quy hoạch cán bộ.\n2. liệu còn lại của trang trước"
    extraction = extract_text(text)
    tasks, sections = extraction.tasks, extraction.sections
    assert len(tasks) == 2
    weights = {"bias": 2.0, "starts_lower": -5.0}
    assert TaskFilter(weights, 0.5, use=True).keep(tasks, sections) == [tasks[0]]
    assert TaskFilter(weights, 0.5, use=False).keep(tasks, sections) == list(tasks)


def test_the_shipped_model_loads_and_records_its_decision():
    model = task_filter()
    assert model is not None and 0 < model.threshold < 1
    data = json.loads((ROOT / "models" / MODEL_FILE).read_text(encoding="utf-8"))
    loo = data["leave_one_document_out_real"]
    best = loo[str(data["threshold"])]["f1"]
    assert data["use"] == (best > loo["rules"]["f1"])
    assert (ROOT / "models" / "task_filter.md").read_text(encoding="utf-8").startswith("# Task filter")


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/eval/real (training data kept outside the repository) is absent")
def test_the_shipped_model_is_what_the_script_builds():
    done = subprocess.run(
        [sys.executable, "scripts/train_task_model.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
