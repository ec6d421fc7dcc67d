"""Speed and scale benchmark: `python -m pipeline bench [--copies 1000] [--quick]`.

Why: the project's speed target is relative — full `extract` must cost at most
1.5× underthesea's `word_tokenize` over the same text — so both are timed in
one run on the same machine and the ratio is what we report. Copies of the
corpus are varied (document numbers, years, provinces, bullet order) so no
cache sees the same document twice. Ingest cost is measured at 1×, 10× and
100× the corpus; `ingest` throughput with 1 and 2 workers and with Dask on the
same copies (files on disk, sandboxed workers, as the command runs); task-query
latency on a synthetic database of 100,000 tasks.

Public verbs: `run_bench(...) -> dict`, `vary_text(text, rng)`,
`machine_description() -> dict`, `render_markdown(result) -> str`.
"""

from __future__ import annotations

import datetime as _dt
import os
import platform
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from pathlib import Path

from .errors import DocumentError
from .store import Store, default_db_path
from .synthetic import PROVINCE_BODIES, PROVINCES, make_db

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"
TARGET_RATIO = 1.5
INGEST_SCALES = (1, 10, 100)
QUERY_TASKS = 100_000
QUERY_PAGE = 100  # the app shows a page of tasks, not all of them
PARALLEL_RUNS = (("plain", 1), ("plain", 2), ("dask", 2))  # (engine, workers) of `ingest`
PROJECTION_DOCS = 100_000

_DOC_NUMBER = re.compile(r"(?<![\d/])(\d{1,4})(?=\s*-\s*[A-ZĐ])")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_BULLET_LINE = re.compile(r"^[ \t]*[-+*][ \t]")


def vary_text(text: str, rng: random.Random) -> str:
    """A plausible sibling document: other symbol numbers, years shifted, another province, two bullets swapped."""
    shift = rng.choice([y for y in range(-6, 7) if y])
    text = _DOC_NUMBER.sub(lambda m: str(rng.randrange(1, 999)).zfill(len(m.group(1))), text)
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
    province = rng.choice([p for p in PROVINCES if p != "Bình Thuận"])
    text = text.replace("Bình Thuận", province).replace("BÌNH THUẬN", province.upper())
    lines = text.split("\n")
    swappable = [i for i in range(len(lines) - 1) if _BULLET_LINE.match(lines[i]) and _BULLET_LINE.match(lines[i + 1])]
    if swappable:
        i = rng.choice(swappable)
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    return "\n".join(lines)


def make_copies(texts: Sequence[str], n_documents: int, seed: int = 0) -> list[str]:
    """`n_documents` varied copies cycling over the corpus (deterministic for a seed)."""
    rng = random.Random(seed)
    return [vary_text(texts[i % len(texts)], rng) for i in range(n_documents)]


def load_corpus(corpus_dir: str | Path = CORPUS_DIR) -> list[str]:
    """The texts of the corpus's .txt files (the benchmark's raw material)."""
    corpus_dir = Path(corpus_dir)
    files = sorted(corpus_dir.glob("*.txt"))
    if not files:
        raise DocumentError(corpus_dir, "no .txt directives to benchmark on", "pass --corpus DIR")
    return [f.read_text(encoding="utf-8") for f in files]


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _time_interleaved(funcs: Sequence[Callable[[str], object]], texts: Sequence[str],
                      progress: bool) -> list[float]:
    """Seconds spent in each function over all texts, calling them in turn on each text.

    Interleaving makes both timings see the same machine load (other processes on
    a shared machine), so their ratio stays meaningful even when absolute times drift.
    """
    for func in funcs:
        func(texts[0])  # warm-up: model loading and imports are not per-document cost
    totals = [0.0] * len(funcs)
    bar = _progress_bar(len(texts), "bench") if progress else None
    for text in texts:
        for i, func in enumerate(funcs):
            start = time.perf_counter()
            func(text)
            totals[i] += time.perf_counter() - start
        if bar:
            bar.update(1)
    if bar:
        bar.close()
    return totals


def _extract_memory_mb(extract_text: Callable, text: str) -> float:
    """Peak Python allocation while extracting one document (tracemalloc; slow, so one document)."""
    import tracemalloc

    tracemalloc.start()
    try:
        extract_text(text, "bench/memory.txt")
        return tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    finally:
        tracemalloc.stop()


def _progress_bar(total: int, label: str):
    from tqdm import tqdm

    return tqdm(total=total, desc=label, unit="doc", file=sys.stderr, leave=False)


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[int(q) - 1]


def machine_description() -> dict:
    """CPU model, cores, RAM, Python and OS: what a reader needs to compare figures."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "ram_gb": ram_gb,
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
    }


def _bench_ingest(texts: Sequence[str], scales: Sequence[int], corpus_size: int, workdir: Path,
                  extract_text: Callable) -> dict:
    out: dict = {"available": True, "scales": []}
    rng_seed = 10_000
    for scale in scales:
        n = scale * corpus_size
        copies = make_copies(texts, n, seed=rng_seed + scale)
        extractions = [extract_text(t, f"bench/ingest-{scale}x/{i:06d}.txt") for i, t in enumerate(copies)]
        db = workdir / f"ingest_{scale}x.db"
        start = time.perf_counter()
        with Store(db) as store:
            for extraction in extractions:
                store.ingest(extraction)
        elapsed = time.perf_counter() - start
        out["scales"].append({"scale": scale, "documents": n, "seconds": elapsed,
                              "ms_per_document": 1000 * elapsed / n})
        del extractions
    return out


def _write_copies(docs: Sequence[str], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = [folder / f"{i:06d}.txt" for i in range(len(docs))]
    for path, text in zip(files, docs, strict=True):
        path.write_text(text, encoding="utf-8")
    return files


def _start_engine(stack: ExitStack, engine: str, workers: int, warm: Sequence[Path]) -> tuple[object, float]:
    """Start an ingest engine and let every worker load its lexicons and models once: start-up, timed apart."""
    from .parallel import open_engine

    start = time.perf_counter()
    extractors = stack.enter_context(open_engine(workers, engine))
    for _outcome in extractors.outcomes(warm):
        pass
    return extractors, time.perf_counter() - start


def _ingest_once(extractors, files: Sequence[Path], label: str, batch: int, db: Path, progress: bool) -> dict:
    """One `ingest` of the files into a new database, as the command does it (extract, then one writer)."""
    from collections import Counter

    from .parallel import write_outcomes

    counts: Counter[str] = Counter()
    bar = _progress_bar(len(files), label) if progress else None
    with Store(db) as store:
        start = time.perf_counter()
        write_outcomes(store, extractors.outcomes(files), counts, lambda line: None, batch=batch,
                       advance=bar.update if bar else lambda n: None)
        seconds = time.perf_counter() - start
    if bar:
        bar.close()
    db.unlink()
    return {"seconds": seconds, "stored": counts["added"], "failed": counts["failed"]}


def _bench_parallel(docs: Sequence[str], workdir: Path, progress: bool, rounds: int) -> dict:
    """Ingest throughput by workers and engine on the same files; the configurations take turns, `rounds`
    times, so each sees the same load from other processes, and the median round is reported."""
    from .parallel import BATCH

    files = _write_copies(docs, workdir / "parallel")
    warm = _write_copies(docs[:4], workdir / "parallel-warm")
    runs: dict[tuple[str, int], dict] = {}
    with ExitStack() as stack:
        started = {}
        for engine, workers in PARALLEL_RUNS:
            runs[engine, workers] = {"engine": engine, "workers": workers, "documents": len(files),
                                     "at": _dt.datetime.now(_dt.UTC).strftime("%H:%M UTC"), "rounds": []}
            try:
                started[engine, workers] = _start_engine(stack, engine, workers, warm)
            except Exception as err:  # noqa: BLE001 - reported, the other configurations still run
                runs[engine, workers].update(available=False, reason=f"{type(err).__name__}: {err}")
        for round_ in range(rounds):
            for (engine, workers), (extractors, startup) in started.items():
                batch = 1 if (engine, workers) == ("plain", 1) else BATCH
                once = _ingest_once(extractors, files, f"ingest {engine}×{workers}", batch,
                                    workdir / f"parallel-{engine}-{workers}-{round_}.db", progress)
                runs[engine, workers]["rounds"].append(once)
                runs[engine, workers]["startup_seconds"] = startup
    for run in runs.values():
        if run["rounds"]:
            seconds = statistics.median(r["seconds"] for r in run["rounds"])
            run.update(available=True, seconds=seconds, docs_per_s=len(files) / seconds,
                       stored=min(r["stored"] for r in run["rounds"]), failed=sum(r["failed"] for r in run["rounds"]))
    rate = {key: run["docs_per_s"] for key, run in runs.items() if run.get("available")}
    one, two = rate.get(("plain", 1)), rate.get(("plain", 2))
    best = max(rate.values(), default=None)
    return {"available": bool(rate), "runs": list(runs.values()), "rounds": rounds,
            "speedup_1_to_2": two / one if one and two else None,
            "projection": {"documents": PROJECTION_DOCS, "hours": PROJECTION_DOCS / best / 3600 if best else None,
                           "docs_per_s": best}}


def _bench_queries(n_tasks: int, n_queries: int, workdir: Path, query_db: str | None) -> dict:
    rng = random.Random(7)
    target = default_db_path(query_db) if query_db else None  # a file or a postgresql:// URL
    if target is not None and target.exists():
        db, build_seconds = target, None
    else:
        db = target or workdir / "query.db"
        start = time.perf_counter()
        make_db(db, max(1, n_tasks // 10), tasks_per_document=10)
        build_seconds = time.perf_counter() - start
    searches = ("sinh hoạt chi bộ", "quy hoạch cán bộ", "kiểm tra giám sát", "kết nạp đảng viên",
                "tuyen truyen", "dang vien", "hoc tap nghi quyet", "cải cách hành chính")
    results: dict = {"available": True, "build_seconds": build_seconds, "page": QUERY_PAGE}
    with Store(db) as store:
        results["tasks"] = store.count_tasks()

        def by_body() -> list:
            return store.query_tasks(body=rng.choice(PROVINCE_BODIES), limit=QUERY_PAGE)

        def by_search() -> list:
            return store.query_tasks(search=rng.choice(searches), limit=QUERY_PAGE)

        def by_due() -> list:
            start = _dt.date(2005, 1, 1) + _dt.timedelta(days=rng.randrange(0, 20 * 365))
            return store.query_tasks(due_from=start, due_to=start + _dt.timedelta(days=rng.choice((30, 90, 365))),
                                     limit=QUERY_PAGE)

        for name, query in (("body", by_body), ("search", by_search), ("due_range", by_due)):
            query()  # warm the page cache once
            latencies = []
            for _ in range(n_queries):
                start = time.perf_counter()
                query()
                latencies.append(1000 * (time.perf_counter() - start))
            results[name] = {"p50_ms": _percentile(latencies, 50), "p95_ms": _percentile(latencies, 95),
                             "queries": n_queries}
    return results


def _guarded(phase: Callable[[], dict]) -> dict:
    """A failing store phase is reported as unavailable instead of losing the extract figures."""
    try:
        return phase()
    except DocumentError as err:
        return {"available": False, "reason": err.message}
    except Exception as err:  # noqa: BLE001 - the benchmark reports what failed and carries on
        return {"available": False, "reason": f"{type(err).__name__}: {err}"}


def run_bench(copies: int = 1000, *, quick: bool = False, corpus_dir: str | Path = CORPUS_DIR,
              query_tasks: int | None = None, query_db: str | None = None,
              progress: bool = False) -> dict:
    """Time extract vs word segmentation (interleaved) on varied copies; ingest 1×/10×/100×; query latency."""
    from underthesea import word_tokenize

    from .extract import extract_text

    started = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    texts = load_corpus(corpus_dir)
    if quick:
        copies = min(copies, 2 * len(texts))
    copies = max(copies, 1)
    docs = make_copies(texts, copies)
    chars = sum(len(t) for t in docs)
    counter = iter(range(10**9))

    def run_extract(text: str) -> object:
        return extract_text(text, f"bench/{next(counter):06d}.txt")

    rss_before = _peak_rss_mb()
    seg_seconds, ext_seconds = _time_interleaved([word_tokenize, run_extract], docs, progress)
    rss_after = _peak_rss_mb()
    largest = max(docs, key=len)
    ratio = ext_seconds / seg_seconds if seg_seconds else None
    result: dict = {
        "date": started,
        "machine": machine_description(),
        "quick": quick,
        "documents": copies,
        "corpus_files": len(texts),
        "characters": chars,
        "extract": {"seconds": ext_seconds, "chars_per_s": chars / ext_seconds, "docs_per_s": copies / ext_seconds},
        "word_tokenize": {"seconds": seg_seconds, "chars_per_s": chars / seg_seconds,
                          "docs_per_s": copies / seg_seconds},
        "ratio": ratio,
        "target_ratio": TARGET_RATIO,
        "meets_target": ratio is not None and ratio <= TARGET_RATIO,
        "peak_rss_mb": {"start": rss_before, "after_timing": rss_after},
        "extract_peak_alloc_mb": {"characters": len(largest), "mb": _extract_memory_mb(extract_text, largest)},
    }
    scales = (1, 2) if quick else INGEST_SCALES
    n_tasks = query_tasks if query_tasks is not None else (500 if quick else QUERY_TASKS)
    with tempfile.TemporaryDirectory(prefix="directives-bench-") as tmp:
        workdir = Path(tmp)
        result["ingest"] = _guarded(lambda: _bench_ingest(texts, scales, len(texts), workdir, extract_text))
        result["parallel_ingest"] = _guarded(lambda: _bench_parallel(docs, workdir, progress, 1 if quick else 3))
        result["queries"] = _guarded(lambda: _bench_queries(n_tasks, 5 if quick else 50, workdir, query_db))
    result["peak_rss_mb"]["end"] = _peak_rss_mb()
    return result


def profile_extract(copies: int = 40, corpus_dir: str | Path = CORPUS_DIR) -> str:
    """A pyinstrument call tree of `extract` over varied copies: where the time goes, to pick the hotspot."""
    try:
        from pyinstrument import Profiler
    except ImportError:  # kept: pyinstrument is an optional dev dependency, not part of this package
        raise DocumentError(None, "pyinstrument is not installed",
                            "pip install -e '.[dev]' to get the profiler") from None
    from .extract import extract_text

    docs = make_copies(load_corpus(corpus_dir), max(copies, 1), seed=3)
    extract_text(docs[0], "bench/warmup.txt")
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for i, text in enumerate(docs):
        extract_text(text, f"bench/{i:06d}.txt")
    profiler.stop()
    return profiler.output_text(unicode=True, color=False)


# ---------------------------------------------------------------- rendering


def _n(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    return f"{value:,.{digits}f}"


def render_markdown(result: dict) -> str:
    """README-ready table of the figures, with date and machine."""
    m = result["machine"]
    lines = [
        f"Benchmark of {result['date']} on {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, "
        f"Python {m['python']}, {m['os']}{' (quick mode)' if result['quick'] else ''}.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| documents (varied copies of {result['corpus_files']} corpus files) | {result['documents']:,} |",
        f"| characters | {result['characters']:,} |",
        f"| extract: total time | {_n(result['extract']['seconds'], 2)} s |",
        f"| extract: throughput | {_n(result['extract']['chars_per_s'], 0)} chars/s · "
        f"{_n(result['extract']['docs_per_s'], 2)} docs/s |",
        f"| underthesea word_tokenize: total time | {_n(result['word_tokenize']['seconds'], 2)} s |",
        f"| word_tokenize: throughput | {_n(result['word_tokenize']['chars_per_s'], 0)} chars/s · "
        f"{_n(result['word_tokenize']['docs_per_s'], 2)} docs/s |",
        f"| **ratio extract / word_tokenize** (target ≤ {result['target_ratio']}) | "
        f"**{_n(result['ratio'], 2)}×** {'✅' if result['meets_target'] else '❌'} |",
        f"| peak memory (max RSS) after extract + word_tokenize | {_n(result['peak_rss_mb']['after_timing'])} MB |",
        f"| extract peak allocation, largest document ({result['extract_peak_alloc_mb']['characters']:,} chars) | "
        f"{_n(result['extract_peak_alloc_mb']['mb'])} MB |",
        f"| peak memory (max RSS) whole run | {_n(result['peak_rss_mb']['end'])} MB |",
    ]
    ingest = result.get("ingest", {})
    if ingest.get("available"):
        for row in ingest["scales"]:
            lines.append(f"| ingest {row['scale']}× corpus ({row['documents']:,} docs, SQLite) | "
                         f"{_n(row['seconds'], 2)} s ({_n(row['ms_per_document'])} ms/doc) |")
    else:
        lines.append(f"| ingest | unavailable: {ingest.get('reason', 'not run')} |")
    lines += _parallel_rows(result.get("parallel_ingest", {}))
    queries = result.get("queries", {})
    if queries.get("available"):
        built = queries.get("build_seconds")
        lines.append(f"| query database | {queries['tasks']:,} tasks"
                     f"{f' (built in {_n(built)} s)' if built is not None else ''} |")
        for name, label in (("body", "filter by body"), ("search", "full-text search"), ("due_range", "due range")):
            q = queries[name]
            lines.append(f"| task query: {label} (page of {queries['page']}) | p50 {_n(q['p50_ms'], 2)} ms · "
                         f"p95 {_n(q['p95_ms'], 2)} ms ({q['queries']} queries) |")
    else:
        lines.append(f"| task queries | unavailable: {queries.get('reason', 'not run')} |")
    return "\n".join(lines)


def _parallel_rows(parallel: dict) -> list[str]:
    """Ingest throughput by workers and engine, the 1 → 2 speed-up and the 100,000-document projection."""
    if not parallel.get("available"):
        return [f"| parallel ingest | unavailable: {parallel.get('reason', 'not run')} |"]
    lines = []
    for run in parallel["runs"]:
        if not run["available"]:
            lines.append(f"| parallel ingest | unavailable: {run['reason']} |")
            continue
        lines.append(f"| ingest `--engine {run['engine']} --workers {run['workers']}` ({run['documents']:,} files, "
                     f"from {run['at']}, median of {len(run['rounds'])}) | {_n(run['docs_per_s'], 1)} docs/s"
                     f" ({_n(run['seconds'], 1)} s; start-up {_n(run['startup_seconds'], 1)} s) |")
    lines.append(f"| ingest speed-up 1 → 2 workers | {_n(parallel['speedup_1_to_2'], 2)}× |")
    projection = parallel["projection"]
    lines.append(f"| projection: {projection['documents']:,} documents at the best rate here | "
                 f"{_n(projection['hours'], 1)} h ({_n(projection['docs_per_s'], 1)} docs/s) |")
    return lines
