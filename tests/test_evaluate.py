"""The scorer itself: perfect predictions score 1.0, known mistakes cost exactly what they should."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.evaluate import (
    _kinds,
    evaluate,
    load_gold,
    match_tasks,
    name_key,
    names_match,
    number_key,
    render_errors,
    render_markdown,
    rrule_key,
)

GOLD_DIR = Path(__file__).resolve().parent.parent / "eval" / "gold"


def gold_to_record(gold: dict) -> dict:
    """The record a perfect extractor would print for this gold annotation."""
    doc = dict(gold["document"])
    if isinstance(doc.get("issuer"), list):
        doc["issuer"] = doc["issuer"][0]
    citations = []
    for entry in gold["citations"]:
        for mention in entry["mentions"]:
            citations.append(
                {
                    "mention": mention,
                    "number": entry.get("number"),
                    "doc_type": entry.get("doc_type"),
                    "issued_date": entry.get("issued_date"),
                    "issuer": entry.get("issuer"),
                    "relation": entry.get("relation", "cites"),
                    "relation_type": entry.get("relation_type", entry.get("relation", "cites")),
                    "title": entry.get("title"),
                }
            )
    tasks = [
        {k: t[k] for k in ("text", "section", "responsible", "coordinating", "deadline")}
        for t in gold["tasks"]
    ]
    return {"source": "corpus/" + gold["source"], "document": doc, "citations": citations, "tasks": tasks}


SMALL_GOLD = {
    "source": "x.txt",
    "document": {
        "doc_type": "Kế hoạch",
        "number": "12-KH/HU",
        "issuer": ["Huyện ủy Hàm Tân", "Huyện ủy"],
        "issued_date": "2013-05-02",
        "place": "Tân Nghĩa",
        "signer": "Nguyễn Văn A",
        "title": "thực hiện Nghị quyết số 22-NQ/TW",
    },
    "citations": [
        {
            "number": "22-NQ/TW",
            "doc_type": "Nghị quyết",
            "issued_date": "2008-02-02",
            "relation": "implements",
            "mentions": ["Nghị quyết số 22-NQ/TW", "Nghị quyết Trung ương 6 (khóa X)"],
            "resolvable": "explicit",
        },
        {
            "number": "10-CT/TW",
            "doc_type": "Chỉ thị",
            "relation": "cites",
            "mentions": ["Chỉ thị số 10-CT/TW"],
            "resolvable": "explicit",
        },
        {
            "number": None,
            "doc_type": "Điều lệ",
            "title": "Điều lệ Đảng",
            "relation": "cites",
            "relation_type": "legal_basis",
            "mentions": ["Điều lệ Đảng"],
            "resolvable": "none",
        },
    ],
    "tasks": [
        {
            "text": "Ban Tổ chức Huyện ủy rà soát, bổ sung quy hoạch cán bộ các xã trong toàn huyện",
            "section": "III.1",
            "responsible": ["Ban Tổ chức Huyện ủy"],
            "coordinating": [],
            "deadline": {
                "text": "trong tháng 10/2013",
                "start": "2013-10-01",
                "end": "2013-10-31",
                "recurrence": None,
            },
        },
        {
            "text": "Ban Tuyên giáo Huyện ủy hướng dẫn việc học tập nghị quyết cho cán bộ đảng viên",
            "section": "III.2",
            "responsible": ["Ban Tuyên giáo Huyện ủy"],
            "coordinating": ["Ủy ban nhân dân huyện"],
            "deadline": {
                "text": "Quý II/2013",
                "start": "2013-04-01",
                "end": "2013-06-30",
                "recurrence": None,
            },
        },
        {
            "text": "Các chi bộ tổ chức sinh hoạt chuyên đề mỗi quý một lần về công tác xây dựng Đảng",
            "section": "III.3",
            "responsible": ["Chi bộ"],
            "coordinating": [],
            "deadline": {
                "text": "mỗi quý một lần",
                "start": None,
                "end": None,
                "recurrence": "FREQ=MONTHLY;INTERVAL=3",
            },
        },
    ],
}


def _values(ev) -> dict[str, float | None]:
    return {name: score.value for name, score in ev.micro().items()}


@pytest.mark.parametrize("gold", load_gold(GOLD_DIR), ids=lambda g: g["source"])
def test_perfect_prediction_scores_one_everywhere(gold):
    ev = evaluate([gold], [gold_to_record(gold)])
    values = _values(ev)
    defined = {k: v for k, v in values.items() if v is not None}
    assert defined, "nothing was scored"
    assert all(v == 1.0 for v in defined.values()), {k: v for k, v in defined.items() if v != 1.0}
    assert values["tasks.tasks"] == 1.0 and values["citations.documents"] == 1.0
    assert ev.documents[0].errors == []


def test_perfect_prediction_on_small_fixture_defines_every_metric():
    values = _values(evaluate([SMALL_GOLD], [gold_to_record(SMALL_GOLD)]))
    assert values == {name: 1.0 for name in values}


def _small_with_mistakes() -> dict:
    pred = gold_to_record(SMALL_GOLD)
    del pred["tasks"][2]  # a missing task
    pred["tasks"][0]["responsible"] = ["Ban Dân vận Huyện ủy"]  # a wrong body
    pred["tasks"][1]["deadline"] = dict(pred["tasks"][1]["deadline"], end="2013-06-29")  # a wrong date
    pred["citations"].append({"mention": "Quyết định số 99-QĐ/TW", "number": "99-QĐ/TW", "relation": "cites"})
    pred["document"]["issued_date"] = "2013-05-03"
    return pred


@pytest.mark.parametrize(
    "metric, expected",
    [
        ("tasks.tasks", {"precision": 1.0, "recall": 2 / 3, "f1": 0.8, "tp": 2, "fp": 0, "fn": 1}),
        ("tasks.section", {"value": 1.0, "correct": 2, "total": 2}),
        ("tasks.responsible_any", {"value": 0.5, "correct": 1, "total": 2}),
        ("tasks.responsible_exact", {"value": 0.5, "correct": 1, "total": 2}),
        ("tasks.bodies", {"precision": 0.5, "recall": 0.5, "f1": 0.5, "tp": 1, "fp": 1, "fn": 1}),
        ("tasks.coordinating_exact", {"value": 1.0, "correct": 2, "total": 2}),
        ("tasks.deadline_end", {"value": 0.5, "correct": 1, "total": 2}),
        ("tasks.deadline_interval", {"value": 0.5, "correct": 1, "total": 2}),
        (
            "tasks.recurrence",
            {"value": None, "correct": 0, "total": 0},
        ),  # the recurring task was the missed one
        ("citations.documents", {"precision": 2 / 3, "recall": 1.0, "f1": 0.8, "tp": 2, "fp": 1, "fn": 0}),
        ("citations.implements", {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 1, "fp": 0, "fn": 0}),
        ("citations.alias_recall", {"value": 1.0, "correct": 1, "total": 1}),
        ("citations.unnumbered_recall", {"value": 1.0, "correct": 1, "total": 1}),
        ("meta.issued_date", {"value": 0.0, "correct": 0, "total": 1}),
        ("meta.issuer", {"value": 1.0, "correct": 1, "total": 1}),
    ],
)
def test_known_mistakes_cost_exactly_what_they_should(metric, expected):
    ev = evaluate([SMALL_GOLD], [_small_with_mistakes()])
    got = ev.micro()[metric].to_dict()
    assert got == pytest.approx(expected)


def test_error_listing_names_each_mistake():
    ev = evaluate([SMALL_GOLD], [_small_with_mistakes()])
    whats = sorted(e["what"] for e in ev.documents[0].errors)
    assert whats == [
        "missed task",
        "spurious document",
        "wrong deadline",
        "wrong issued_date",
        "wrong responsible",
    ]
    listing = render_errors(ev)
    assert "- tasks: missed task ×1" in listing
    assert "99-QĐ/TW" in listing and "Ban Dân vận Huyện ủy" in listing and "2013-06-29" in listing


def test_citation_mistakes_alias_unnumbered_implements():
    pred = gold_to_record(SMALL_GOLD)
    for c in pred["citations"]:
        if c["mention"] == "Nghị quyết Trung ương 6 (khóa X)":
            c["number"] = None  # alias left unresolved
        if c["mention"] == "Điều lệ Đảng":
            c["mention"] = "Hiến pháp"  # the named document is not found
        c["relation"] = "cites"  # implements missed
    values = _values(evaluate([SMALL_GOLD], [pred]))
    assert values["citations.alias_recall"] == 0.0
    assert values["citations.unnumbered_recall"] == 0.0
    assert values["citations.implements"] == 0.0
    assert values["citations.documents"] == 1.0  # the resolution is still found by its full mention


def test_missing_or_failed_prediction_scores_as_empty():
    ev = evaluate(
        [SMALL_GOLD, dict(SMALL_GOLD, source="y.txt")], [{"source": "y.txt", "error": "cannot read"}]
    )
    assert [d.prediction_error for d in ev.documents] == ["no prediction for this document", "cannot read"]
    assert ev.micro()["tasks.tasks"].recall == 0.0


def test_micro_pools_counts_and_macro_averages_documents():
    small = copy.deepcopy(SMALL_GOLD)
    other = dict(copy.deepcopy(SMALL_GOLD), source="y.txt")
    other["tasks"] = other["tasks"][:1]
    pred_x = gold_to_record(small)
    pred_x["tasks"] = []  # recall 0 on 3 tasks
    pred_y = gold_to_record(other)  # recall 1 on 1 task
    ev = evaluate([small, other], [pred_x, pred_y])
    assert ev.micro()["tasks.tasks"].recall == pytest.approx(1 / 4)
    assert ev.macro()["tasks.tasks"] == pytest.approx(0.5)  # mean of F1 0 and 1


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Tỉnh uỷ Bình Thuận", "tỉnh ủy bình thuận", True),
        ("Các Ban Đảng của Tỉnh ủy", "Ban Đảng của Tỉnh ủy", True),
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh", True),
        ("Thường trực HĐND", "Thường trực Hội đồng nhân dân", True),
        ("Ban Tổ chức TW", "Ban Tổ chức Trung ương", True),
        ("ĐUK", "Đảng ủy Khối", True),
        ("Ban Tổ chức Tỉnh ủy", "Ban Tổ chức Tỉnh ủy Bình Thuận", True),
        ("Đảng ủy khối", "Đảng ủy khối cơ quan Dân Chính Đảng", True),
        ("Cấp ủy các cơ quan, đơn vị", "Cấp ủy cơ quan, đơn vị", True),
        ("Cấp ủy", "Cấp ủy các cơ quan, đơn vị", False),
        ("Đảng ủy", "Đảng ủy cơ sở", False),
        ("Chi bộ", "Chi ủy", False),
        ("Ban Tổ chức Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy", False),
        # one front, however much of its name is printed
        ("Mặt trận huyện", "Mặt trận Tổ quốc huyện", True),
        ("Mặt trận Tổ quốc Việt Nam tỉnh", "Mặt trận Tổ quốc tỉnh", True),
        ("Mặt trận huyện", "Mặt trận Tổ quốc tỉnh", False),
        ("Cấp ủy các cấp", "Cấp ủy", True),  # every level: the scope of a generic body
        ("Cấp ủy cấp trên", "Cấp ủy", False),
    ],
)
def test_body_names_fuzzy_where_humans_are(a, b, same):
    assert names_match(a, b) is same
    assert names_match(b, a) is same


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("22-NQ/TW", "Số 22-NQ/TW", True),
        ("22-NQ/TW", "22 - NQ/TW", True),
        ("05-CT/TW", "5-CT/TW", True),
        ("08-QĐi/TW", "08-QĐI/TW", True),
        ("14/2008-NĐ/CP", "14/2008/NĐ-CP", True),
        ("22-NQ/TW", "23-NQ/TW", False),
        ("21-NQ/TW", "21-KL/TW", False),
        ("15-NQ/TU", "15-NQ/TW", False),
        ("594/KH-UBND", "549/KH-UBND", False),
    ],
)
def test_numbers_strict_on_digits_fuzzy_on_separators(a, b, same):
    assert (number_key(a) == number_key(b)) is same


@pytest.mark.parametrize(
    "pred_section, ok", [("III.1", True), ("iii.1.", True), ("III.2", False), (None, False)]
)
def test_section_path_compared_leniently_on_format_only(pred_section, ok):
    pred = gold_to_record(SMALL_GOLD)
    pred["tasks"][0]["section"] = pred_section
    assert evaluate([SMALL_GOLD], [pred]).micro()["tasks.section"].correct == (3 if ok else 2)


def test_name_key_drops_list_word_and_expands_abbreviation():
    assert name_key("các UBND huyện") == "uy ban nhan dan huyen"
    assert rrule_key("INTERVAL=3;FREQ=MONTHLY") == rrule_key("FREQ=MONTHLY;INTERVAL=3")


@pytest.mark.parametrize(
    "pred_text, matches",
    [
        ("Ban Tổ chức Huyện ủy rà soát, bổ sung quy hoạch cán bộ các xã trong toàn huyện", True),
        ("Ban Tổ chức Huyện uỷ rà soát bổ sung quy hoạch cán bộ", True),  # shorter, other tone placement
        ("Ban Tổ chức Huyện ủy rà soát", False),  # a fragment is not the task
        ("Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị", False),
    ],
)
def test_task_matching_by_token_overlap(pred_text, matches):
    pairs = match_tasks(SMALL_GOLD["tasks"][:1], [{"text": pred_text}])
    assert bool(pairs) is matches


def test_task_matching_is_one_to_one_best_first():
    gold = [{"text": "a b c d"}, {"text": "a b c e"}]
    pred = [{"text": "a b c e"}, {"text": "a b c d"}]
    assert [(g, p) for g, p, _ in match_tasks(gold, pred)] == [(0, 1), (1, 0)]


def test_markdown_has_a_row_per_metric_and_document():
    ev = evaluate([SMALL_GOLD], [gold_to_record(SMALL_GOLD)])
    md = render_markdown(ev)
    assert "| tasks.tasks | 1.000 | 1.000 |" in md
    assert "| x.txt | 7/7 |" in md


def test_cli_scores_a_prediction_file(tmp_path, capsys):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "x.json").write_text(json.dumps(SMALL_GOLD, ensure_ascii=False), encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(_small_with_mistakes(), ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["evaluate", "--gold", str(gold_dir), "--pred", str(pred), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["overall"]["micro"]["tasks.tasks"]["recall"] == pytest.approx(2 / 3)
    assert main(["evaluate", "--gold", str(gold_dir), "--pred", str(pred), "--errors"]) == 0
    assert "missed task" in capsys.readouterr().out


@pytest.mark.parametrize(
    "setup, message",
    [
        ("no_dir", "gold directory not found"),
        ("bad_json", "not valid JSON"),
        ("bad_pred", "line 1 is not JSON"),
    ],
)
def test_cli_user_errors_are_one_line(tmp_path, capsys, setup, message):
    gold_dir = tmp_path / "gold"
    pred = tmp_path / "pred.jsonl"
    pred.write_text("", encoding="utf-8")
    if setup != "no_dir":
        gold_dir.mkdir()
        content = "{oops" if setup == "bad_json" else json.dumps(SMALL_GOLD)
        (gold_dir / "x.json").write_text(content, encoding="utf-8")
    if setup == "bad_pred":
        pred.write_text("not json\n", encoding="utf-8")
    assert main(["evaluate", "--gold", str(gold_dir), "--pred", str(pred)]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err and "Traceback" not in err


@pytest.mark.parametrize(
    "pred_mention, found",
    [
        ("Điều lệ Đảng", True),
        ("điều lệ đảng", True),
        ("Quy chế dân chủ ở cơ sở", False),  # another named document
    ],
)
def test_unnumbered_document_found_by_mention(pred_mention, found):
    pred = gold_to_record(SMALL_GOLD)
    pred["citations"] = [c for c in pred["citations"] if c["number"]] + [
        {"mention": pred_mention, "number": None, "doc_type": "Điều lệ"}
    ]
    assert _values(evaluate([SMALL_GOLD], [pred]))["citations.unnumbered_recall"] == (1.0 if found else 0.0)


def test_truncated_unnumbered_mention_still_aligns():
    gold = copy.deepcopy(SMALL_GOLD)
    gold["citations"].append(
        {
            "number": None,
            "doc_type": "Chương trình hành động",
            "relation": "cites",
            "resolvable": "none",
            "mentions": [
                "các Chương trình hành động của Tỉnh ủy thực hiện các Nghị quyết Hội nghị lần thứ 6"
            ],
        }
    )
    pred = gold_to_record(SMALL_GOLD)
    pred["citations"].append({"mention": "Chương trình hành động của Tỉnh ủy", "number": None})
    ev = evaluate([gold], [pred])
    assert ev.micro()["citations.unnumbered_recall"].to_dict() == {"value": 1.0, "correct": 2, "total": 2}


def test_perturb_changes_text_and_gold_consistently():
    from pipeline.evaluate import perturb

    text = (
        "TỈNH ỦY BÌNH THUẬN\nPhan Thiết, ngày 2/5/2013\nBan Tổ chức Tỉnh ủy Bình Thuận chủ trì.\nNguyễn Văn A"
    )
    gold = {
        "source": "x.txt",
        "document": {"issuer": ["Tỉnh ủy Bình Thuận"], "place": "Phan Thiết", "signer": "Nguyễn Văn A"},
        "tasks": [{"text": "Ban Tổ chức Tỉnh ủy Bình Thuận chủ trì.", "note": "Bình Thuận stays in notes"}],
    }
    new_text, new_gold = perturb(text, gold, seed=5)
    assert "Bình Thuận" not in new_text and "BÌNH THUẬN" not in new_text and "Phan Thiết" not in new_text
    assert "Tỉnh uỷ" in new_text and "ủy" not in new_text  # old tone placement in the text only
    from pipeline.evaluate import fold

    province = new_gold["document"]["issuer"][0].removeprefix("Tỉnh ủy ")
    assert province != "Bình Thuận" and fold(province) in fold(new_text)
    assert fold(province.upper()) in fold(new_text.split("\n")[0])
    assert fold(new_gold["document"]["place"]) in fold(new_text)
    assert new_gold["document"]["signer"] in new_text
    assert new_gold["tasks"][0]["text"] == f"Ban Tổ chức Tỉnh ủy {province} chủ trì."
    assert new_gold["tasks"][0]["note"] == "Bình Thuận stays in notes"
    assert perturb(text, gold, seed=5) == (new_text, new_gold)  # deterministic per seed


def test_cli_refuses_perturb_with_pred(tmp_path, capsys):
    pred = tmp_path / "p.jsonl"
    pred.write_text("", encoding="utf-8")
    assert main(["evaluate", "--gold", str(GOLD_DIR), "--pred", str(pred), "--perturb", "1"]) == 2
    assert "--perturb" in capsys.readouterr().err


def test_relation_type_is_counted_where_gold_gives_one():
    pred = gold_to_record(SMALL_GOLD)
    for c in pred["citations"]:
        if c["title"] == "Điều lệ Đảng":
            c["relation_type"] = "cites"
    ev = evaluate([SMALL_GOLD], [pred])
    assert ev.micro()["citations.relation_type"].to_dict() == {"value": 0.0, "correct": 0, "total": 1}
    assert any(e["what"] == "wrong relation type" and e["gold"] == "legal_basis" for e in ev.documents[0].errors)


def test_a_leading_issuer_clause_is_optional_in_a_title():
    from pipeline.evaluate import title_tokens

    with_issuer = title_tokens("của Ban Chấp hành Đảng bộ xã thực hiện Nghị quyết Đại hội")
    assert with_issuer == title_tokens("THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI")
    assert "tinh" in title_tokens("thực hiện Nghị quyết của Tỉnh ủy")  # only a leading one goes


def test_a_gold_copied_with_lost_letters_compares_as_the_extractor_reads_it():
    from pipeline.evaluate import tokens

    assert tokens("Chi bộ ho\ufffdn th\ufffdnh trước ng\ufffdy 5 th\ufffdng 3") == tokens("Chi bộ hoàn thành trước ngày 5 tháng 3")


def test_task_matching_pairs_a_repeated_text_with_its_own_section():
    """An appendix row printed with a body item's words pairs with the row, not the item."""
    words = "Nghị quyết về tăng cường công tác dân vận"
    gold = [{"text": words, "section": "II.2"}, {"text": words, "section": "Phụ lục.II"}]
    pred = [{"text": words, "section": "Phụ lục.II"}, {"text": words, "section": "II.2"}]
    assert sorted((g, p) for g, p, _ in match_tasks(gold, pred)) == [(0, 1), (1, 0)]


@pytest.mark.parametrize(
    ("gold", "pred", "any_right", "bodies_f1"),
    [
        (["Ngành", "Địa phương"], ["Ngành, địa phương"], 1.0, 1.0),  # one list of kinds, two groupings
        (["Cơ quan, đơn vị"], ["Cơ quan", "Đơn vị"], 1.0, 1.0),
        (["Cán bộ, đảng viên phường Tân An"], ["Cán bộ, đảng viên phường"], 1.0, 1.0),  # whole names match whole
        (["Huyện ủy"], ["Ngành, địa phương"], 0.0, 0.0),
    ],
)
def test_a_list_of_kinds_counts_however_it_is_grouped(gold, pred, any_right, bodies_f1):
    small = copy.deepcopy(SMALL_GOLD)
    small["tasks"] = small["tasks"][:1]
    small["tasks"][0]["responsible"] = gold
    record = gold_to_record(small)
    record["tasks"][0]["responsible"] = pred
    values = _values(evaluate([small], [record]))
    assert values["tasks.responsible_any"] == any_right
    assert values["tasks.bodies"] == bodies_f1


def test_a_proper_name_with_commas_is_never_cut_into_kinds():
    assert _kinds("Sở Lao động, Thương binh và Xã hội") == ["Sở Lao động, Thương binh và Xã hội"]
    assert _kinds("Ban Chỉ đạo phòng, chống tham nhũng tỉnh") == ["Ban Chỉ đạo phòng, chống tham nhũng tỉnh"]
    assert _kinds("Các cấp, các ngành") == ["Các cấp", "Các ngành"]
