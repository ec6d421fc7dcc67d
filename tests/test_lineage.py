"""Task lineage: linking the tasks of an implementing document to the upper tasks they carry out."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest

from pipeline.lineage import (
    DEFAULT_THRESHOLD,
    coverage,
    link_tasks,
    quoted_phrases,
    score_matrix,
    shared_terms,
)
from pipeline.lineage_eval import (
    at_default,
    best_threshold,
    evaluate_extracted,
    evaluate_gold_lists,
    load_link_gold,
    shared_eval_dir,
)

ROOT = Path(__file__).resolve().parent.parent

UPPER = [
    {"text": "Đẩy mạnh tuyên truyền, giáo dục nâng cao nhận thức về phòng, chống tác hại của thuốc lá trong thanh niên.",
     "section": "II.1", "responsible": [], "coordinating": []},
    {"text": "Rà soát, hoàn thiện quy hoạch mạng lưới trường học; bảo đảm đủ phòng học cho học sinh mầm non.",
     "section": "II.2", "responsible": [], "coordinating": []},
    {"text": "Ban Tổ chức Tỉnh ủy chủ trì tham mưu sắp xếp bộ máy các cơ quan đảng.",
     "section": "III.1", "responsible": ["Ban Tổ chức Tỉnh ủy"], "coordinating": []},
    {"text": "Xây dựng cơ sở dữ liệu đất đai thống nhất toàn tỉnh.",
     "section": "II.3", "responsible": [], "coordinating": [], "deadline": {"end": "2026-06-30"}},
]
LOWER = [
    {"text": "Tổ chức tuyên truyền, giáo dục về tác hại của thuốc lá cho đoàn viên thanh niên.",
     "section": "1.a", "responsible": []},
    {"text": "Rà soát quy hoạch mạng lưới trường học, xây thêm phòng học mầm non.", "section": "1.b", "responsible": []},
    {"text": "Tham mưu phương án sắp xếp bộ máy các cơ quan đảng của huyện.", "section": "2.a",
     "responsible": ["Ban Tổ chức Tỉnh ủy"]},
    {"text": "Mua sắm xe chuyên dùng cho đội thu gom rác.", "section": "2.b", "responsible": []},
    {"text": "Xây dựng cơ sở dữ liệu đất đai của huyện.", "section": "1.c", "responsible": [],
     "deadline": {"end": "2027-12-31"}},
]


def _pairs(links):
    return {(link.lower, link.upper) for link in links}


def test_each_lower_task_finds_the_upper_task_it_carries_out():
    links = link_tasks(UPPER, LOWER)
    assert {(0, 0), (1, 1), (2, 2)} <= _pairs(links)
    assert not any(link.lower == 3 for link in links), "an unrelated task is linked to nothing"


def test_scores_are_bounded_and_evidence_names_shared_words():
    links = link_tasks(UPPER, LOWER, threshold=0.0)
    assert all(0.0 <= link.score <= 1.0 for link in links)
    first = next(link for link in links if (link.lower, link.upper) == (0, 0))
    assert "tác hại của thuốc lá" in first.evidence["quoted"]
    assert "thanh niên" in first.evidence["shared_terms"]
    assert first.evidence["section"] == "1.a ↔ II.1"


def test_same_responsible_body_raises_the_score():
    with_body = score_matrix(UPPER, LOWER)
    lower = [dict(t, responsible=[]) for t in LOWER]
    without = score_matrix(UPPER, lower)
    assert with_body["body"][2, 2] == 1.0
    assert with_body["score"][2, 2] > without["score"][2, 2]


def test_a_lower_deadline_after_the_upper_one_lowers_the_score():
    parts = score_matrix(UPPER, LOWER)
    assert parts["deadline"][4, 3] < 1.0
    links = link_tasks(UPPER, LOWER, threshold=0.0)
    link = next(x for x in links if (x.lower, x.upper) == (4, 3))
    assert "2027-12-31" in link.evidence["deadline"]


def test_tone_mark_and_ocr_accent_noise_does_not_break_links():
    noisy = [dict(LOWER[0], text="Tổ chức tuyên truyền, giáo dục về tác hai của thuốc lá cho đoàn viên thanh nien.")]
    assert (0, 0) in _pairs(link_tasks(UPPER, noisy))


def test_quoted_phrases_are_the_long_runs_the_lower_text_repeats():
    runs = quoted_phrases("Đẩy mạnh phân loại chất thải rắn sinh hoạt tại nguồn trong toàn tỉnh.",
                          "Thực hiện phân loại chất thải rắn sinh hoạt tại nguồn ở các xã.")
    assert runs == ["phân loại chất thải rắn sinh hoạt tại nguồn"]
    assert shared_terms("hoàn thiện pháp luật", "không liên quan") == []


def test_empty_lists_give_no_links():
    assert link_tasks([], LOWER) == []
    assert link_tasks(UPPER, []) == []


# --- the annotated real pair (Kết luận 75-KL/TW ← Chương trình 31-CTr/TW) ------------------------

GOLD = ROOT / "eval" / "lineage" / "kl75_ctr31.json"
SHARED = shared_eval_dir()
needs_shared = pytest.mark.skipif(not (SHARED / "real").is_dir(),
                                  reason=f"the shared evaluation texts are not at {SHARED} (../shared or $DIRECTIVES_SHARED)")


def test_link_gold_holds_indexes_and_short_notes_only():
    gold = load_link_gold(GOLD)
    for link in gold["links"]:
        assert set(link) == {"lower", "lower_section", "upper", "upper_sections", "note"}
        assert all(isinstance(i, int) for i in link["upper"])
        assert len(link["note"]) <= 100, "a note is a short summary in the annotator's words"
    assert len({link["lower"] for link in gold["links"]}) == gold["lower"]["tasks"]


@needs_shared
def test_real_pair_on_gold_task_lists_reaches_the_target():
    points = evaluate_gold_lists(load_link_gold(GOLD), SHARED)
    default = at_default(points)
    assert default.threshold == pytest.approx(DEFAULT_THRESHOLD)
    assert default.precision >= 0.8 and default.recall >= 0.6
    assert best_threshold(points).threshold == pytest.approx(DEFAULT_THRESHOLD, abs=0.051)


@needs_shared
@pytest.mark.skipif(os.environ.get("LINEAGE_END_TO_END") != "1",
                    reason="end to end depends on task extraction; run scripts/eval_lineage.py or set LINEAGE_END_TO_END=1")
def test_real_pair_end_to_end_runs():
    points, stats = evaluate_extracted(load_link_gold(GOLD), SHARED)
    assert stats["upper_gold"] == 29 and len(points) > 5


def test_eval_script_says_what_to_do_when_the_shared_texts_are_missing(tmp_path, capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location("eval_lineage", ROOT / "scripts" / "eval_lineage.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--shared", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "000_tw_kl75_bchtw_bvmt_ocr.json" in err and "--shared" in err


def test_link_gold_file_is_valid_json_with_every_index_in_range():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    assert all(0 <= u < gold["upper"]["tasks"] for link in gold["links"] for u in link["upper"])
    assert gold["not_taken_up"] == sorted(set(range(gold["upper"]["tasks"]))
                                          - {u for link in gold["links"] for u in link["upper"]})


@pytest.mark.parametrize(("issuer", "taken"), [
    ("Huyện ủy Hàm Tân", True), ("Ban Thường vụ Huyện ủy", True), ("Huyện ủy", True),
    ("Đảng ủy xã Tân Nghĩa", False), (None, False),
])
def test_a_task_assigned_to_the_issuer_is_taken_up_by_its_document(issuer, taken):
    upper = {"document": {"issued_date": "2020-03-10"},
             "tasks": [{"text": "Các huyện ủy xây dựng kế hoạch thực hiện Nghị quyết.", "section": "III.1",
                        "responsible": ["Huyện ủy"], "key": "k1"}]}
    lower = {"document": {"issuer": issuer, "issued_date": "2020-04-09"}, "tasks": []}
    rows = coverage(upper, [("30-KH/HU", lower)])
    assert rows[0]["taken_up"] is taken
    if taken:
        entry = rows[0]["implemented_by"][0]
        assert entry["task_key"] == "" and entry["evidence"]["issued_by"] == issuer and entry["delay_days"] == 30


def test_tasks_without_words_link_to_nothing():
    blank = [{"text": " ... ", "section": None}]
    assert link_tasks(blank, blank) == []
    assert link_tasks(UPPER, blank) == []


def test_many_tasks_link_in_reasonable_time_and_memory():
    import time

    upper = [dict(UPPER[k % 4], text=f"{UPPER[k % 4]['text']} đợt {k}", section=f"II.{k % 40}") for k in range(600)]
    lower = [dict(LOWER[k % 5], text=f"{LOWER[k % 5]['text']} lần {k}", section=f"{k % 30}.a") for k in range(600)]
    started = time.perf_counter()
    links = link_tasks(upper, lower)
    assert max(Counter(link.lower for link in links).values()) <= 3, "repetitive texts do not explode the links"
    assert time.perf_counter() - started < 20
