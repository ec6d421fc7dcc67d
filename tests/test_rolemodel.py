"""The role model: its features, its use in extraction, and the shipped artifact vs. its script."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.bodies import find_bodies
from pipeline.extract import extract_text
from pipeline.rolemodel import MODEL_FILE, RoleModel, item_mentions, mention_features, role_model

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval" / "real"


def test_features_read_where_a_body_stands():
    item = "Giao Ban Tổ chức Huyện ủy chủ trì, phối hợp với Văn phòng Huyện ủy rà soát quy hoạch."
    lead, helper = find_bodies(item)
    feats = mention_features(item, lead, "resp", 0)
    assert feats["handed_over"] == 1.0 and feats["rules=resp"] == 1.0 and feats["a1=chu"] == 1.0
    feats = mention_features(item, helper, "coord", 1)
    assert feats["helps"] == 1.0 and "handed_over" not in feats and feats["index=1"] == 1.0


def test_a_model_in_use_chooses_the_responsible_and_one_not_in_use_changes_nothing():
    text = "II. NHIỆM VỤ\n1. Ban Tổ chức Huyện ủy chủ trì, phối hợp với Văn phòng Huyện ủy rà soát quy hoạch cán bộ."
    (task,) = extract_text(text).tasks
    assert [b.name for b in task.responsible] == ["Ban Tổ chức Huyện ủy"]
    assert [rules for _, rules in item_mentions(task)] == ["resp", "coord"]
    helper_leads = RoleModel({"bias": -2.0, "helps": 5.0}, 0.5, use=True)
    (changed,) = helper_leads.apply([task], lambda m: replace(m, qualified=m.name))
    assert [b.name for b in changed.responsible] == ["Văn phòng Huyện ủy"]
    assert RoleModel({"helps": 5.0}, 0.5, use=False).apply([task], lambda m: m) == [task]
    nobody = RoleModel({"bias": -5.0}, 0.5, use=True)
    assert nobody.responsible(task) == task.responsible  # none accepted: the rules' choice stands


def test_the_shipped_model_loads_and_records_its_decision():
    model = role_model()
    assert model is not None and 0 < model.threshold < 1
    data = json.loads((ROOT / "models" / MODEL_FILE).read_text(encoding="utf-8"))
    loo = data["leave_one_document_out_real"]
    assert data["use"] == (loo[str(data["threshold"])]["f1"] > loo["rules"]["f1"])
    assert (ROOT / "models" / "role_filter.md").read_text(encoding="utf-8").startswith("# Role model")


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/eval/real (training data kept outside the repository) is absent")
def test_the_shipped_model_is_what_the_script_builds():
    done = subprocess.run(
        [sys.executable, "scripts/train_role_model.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
