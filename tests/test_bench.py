"""The benchmark runs in quick mode in seconds and reports every figure the README table needs."""

from __future__ import annotations

import json
import random
import re

import pytest

from pipeline.bench import (
    load_corpus,
    machine_description,
    make_copies,
    render_markdown,
    run_bench,
    vary_text,
)
from pipeline.cli import main


@pytest.fixture(scope="module")
def quick_result() -> dict:
    return run_bench(quick=True, query_tasks=200)


@pytest.mark.parametrize(
    "path",
    [
        ("extract", "seconds"),
        ("extract", "chars_per_s"),
        ("extract", "docs_per_s"),
        ("word_tokenize", "seconds"),
        ("word_tokenize", "chars_per_s"),
        ("word_tokenize", "docs_per_s"),
        ("ratio",),
        ("peak_rss_mb", "after_timing"),
        ("extract_peak_alloc_mb", "mb"),
        ("peak_rss_mb", "end"),
        ("characters",),
        ("documents",),
    ],
)
def test_quick_bench_reports_positive_figures(quick_result, path):
    value = quick_result
    for key in path:
        value = value[key]
    assert isinstance(value, int | float) and value > 0


def test_quick_bench_ratio_is_extract_over_segmentation(quick_result):
    r = quick_result
    assert r["ratio"] == pytest.approx(r["extract"]["seconds"] / r["word_tokenize"]["seconds"])
    assert r["meets_target"] == (r["ratio"] <= 1.5)
    assert r["documents"] == 2 * r["corpus_files"] and r["quick"] is True


def test_quick_bench_reports_ingest_and_queries_or_says_why_not(quick_result):
    ingest, queries = quick_result["ingest"], quick_result["queries"]
    if ingest["available"]:
        assert [s["scale"] for s in ingest["scales"]] == [1, 2]
        assert all(
            s["seconds"] > 0 and s["documents"] == s["scale"] * quick_result["corpus_files"]
            for s in ingest["scales"]
        )
    else:
        assert ingest["reason"]
    if queries["available"]:
        assert queries["tasks"] > 0
        for name in ("body", "search", "due_range"):
            assert 0 < queries[name]["p50_ms"] <= queries[name]["p95_ms"]
    else:
        assert queries["reason"]


def test_quick_bench_reports_parallel_ingest_by_workers_and_engine(quick_result):
    parallel = quick_result["parallel_ingest"]
    assert parallel["available"], parallel
    runs = {(r["engine"], r["workers"]): r for r in parallel["runs"]}
    assert set(runs) == {("plain", 1), ("plain", 2), ("dask", 2)}
    for run in runs.values():
        assert run["available"] and run["docs_per_s"] > 0 and run["failed"] == 0
        assert run["stored"] == run["documents"] == quick_result["documents"]  # the same copies for every run
    assert parallel["speedup_1_to_2"] == pytest.approx(runs["plain", 2]["docs_per_s"] / runs["plain", 1]["docs_per_s"])
    best = max(r["docs_per_s"] for r in runs.values())
    assert parallel["projection"]["hours"] == pytest.approx(100_000 / best / 3600)


def test_markdown_table_names_machine_and_every_measure(quick_result):
    md = render_markdown(quick_result)
    for needle in (
        "ratio extract / word_tokenize",
        "chars/s",
        "docs/s",
        "peak memory",
        "ingest",
        "task quer",
        "--engine dask --workers 2",
        "speed-up 1 → 2 workers",
        "100,000 documents",
        quick_result["machine"]["python"],
        "cores",
        "GB RAM",
    ):
        assert needle in md, needle
    assert re.search(r"Benchmark of \d{4}-\d\d-\d\d", md)


def test_machine_description_has_cpu_cores_ram_python():
    m = machine_description()
    assert m["cpu"] and m["cores"] >= 1 and m["python"].count(".") == 2


def test_copies_differ_but_keep_their_structure():
    texts = load_corpus()
    copies = make_copies(texts, 3 * len(texts), seed=1)
    assert len(set(copies)) == len(copies)
    assert not set(copies) & set(texts)
    for i, copy in enumerate(copies):
        original = texts[i % len(texts)]
        assert copy.count("\n") == original.count("\n")
        assert len(re.findall(r"(?m)^\s*[-+*]\s", copy)) == len(re.findall(r"(?m)^\s*[-+*]\s", original))


@pytest.mark.parametrize(
    "text, must_change",
    [
        ("Nghị quyết số 22-NQ/TW ngày 02/2/2008 của Ban Chấp hành Trung ương", ("22-NQ", "2008")),
        ("TỈNH ỦY BÌNH THUẬN\nSố 509-TB/TU", ("BÌNH THUẬN", "509-TB")),
    ],
)
def test_vary_text_changes_numbers_years_and_province(text, must_change):
    varied = vary_text(text, random.Random(3))
    for needle in must_change:
        assert needle not in varied


def test_cli_quick_json(capsys):
    assert main(["bench", "--quick", "--copies", "2", "--query-tasks", "100", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["documents"] == 2 and out["ratio"] > 0


def test_cli_rejects_zero_copies(capsys):
    assert main(["bench", "--copies", "0"]) == 2
    assert "at least 1" in capsys.readouterr().err


def test_cli_profile_prints_a_call_tree(capsys):
    assert main(["bench", "--profile", "--copies", "2"]) == 0
    assert "extract_text" in capsys.readouterr().out
