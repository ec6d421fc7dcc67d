"""Synthetic directives for scale tests and the benchmark (`python -m pipeline make-db`).

Each corpus file is extracted once; its tasks (text, section, bodies, deadline)
become a pool.  Synthetic documents are then assembled from that pool with
varied numbers, dates, issuing localities and bodies, so 10,000 documents and
100,000 tasks build in a minute or two without running the extractor 10,000 times.
Each copy cites some of the corpus's resolved citations (same targets) and, often,
an earlier synthetic resolution or directive by its own node id, so the citation
graph and the most-cited views have real structure at scale.
The document text is rebuilt from its parts, so every span points at the right
characters, exactly as for a real extraction.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from .model import (
    BodyMention,
    Citation,
    Deadline,
    DocumentMeta,
    Extraction,
    LoadedText,
    NormalizedText,
    Regions,
    Section,
    Task,
)
from .normalize import normalize

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"

# Varying material for the copies: localities and the generic bodies a provincial directive assigns.
PROVINCES = (
    "Bình Thuận", "Ninh Thuận", "Khánh Hòa", "Lâm Đồng", "Đồng Nai", "Bình Phước", "Tây Ninh", "Long An",
    "Tiền Giang", "Bến Tre", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên", "Đắk Lắk", "Gia Lai",
    "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Thái Bình", "Nam Định", "Hòa Bình", "Sơn La",
)
PROVINCE_BODIES = (
    "Ban Tổ chức Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy", "Ban Dân vận Tỉnh ủy", "Ban Nội chính Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy", "Văn phòng Tỉnh ủy", "Đảng đoàn Hội đồng nhân dân tỉnh",
    "Ban cán sự đảng Ủy ban nhân dân tỉnh", "Đảng ủy Khối các cơ quan tỉnh", "Huyện ủy", "Thị ủy", "Thành ủy",
    "Chi bộ", "Cấp ủy", "Đảng ủy cơ sở",
)
DOC_TYPES = (("Kế hoạch", "KH"), ("Chỉ thị", "CT"), ("Nghị quyết", "NQ"), ("Chương trình hành động", "CTr"))
FALLBACK_TASKS = (
    "Tổ chức quán triệt, triển khai thực hiện nghiêm túc nghị quyết đến toàn thể cán bộ, đảng viên.",
    "Rà soát, bổ sung quy hoạch cán bộ; kiện toàn tổ chức bộ máy theo hướng tinh gọn, hiệu quả.",
    "Thường xuyên kiểm tra, giám sát việc thực hiện; định kỳ sơ kết, báo cáo kết quả về Ban Thường vụ.",
    "Nâng cao chất lượng sinh hoạt chi bộ, nhất là sinh hoạt chuyên đề theo hướng dẫn của cấp trên.",
    "Đẩy mạnh công tác tuyên truyền, vận động nhân dân tham gia xây dựng Đảng, chính quyền trong sạch, vững mạnh.",
)


@dataclass(frozen=True)
class PoolTask:
    """A task taken from a real extraction, detached from its document's offsets."""

    text: str
    section: str
    responsible: tuple[str, ...]
    coordinating: tuple[str, ...]
    deadline: Deadline | None


@dataclass(frozen=True)
class Material:
    """What synthetic documents are assembled from."""

    tasks: tuple[PoolTask, ...]
    titles: tuple[str, ...]
    citations: tuple[str, ...]
    # Resolved citations of the corpus (with targets): copies cite the same documents, so the graph links up.
    cited: tuple[Citation, ...] = ()


def load_material(
    corpus_dir: Path = CORPUS_DIR, extract: Callable[[Path], Extraction] | None = None
) -> Material:
    """Extract each corpus file once and pool its tasks; falls back to built-in tasks when extraction fails."""
    if extract is None:
        from .extract import extract_file as extract  # lazy: loads every stage
    tasks: list[PoolTask] = []
    titles: list[str] = []
    mentions: list[str] = []
    cited: dict[str, Citation] = {}
    for path in sorted(Path(corpus_dir).glob("*.txt")):
        try:
            ex = extract(path)
        except Exception:  # a half-finished extractor must not stop the generator
            continue
        if ex.document.title:
            titles.append(ex.document.title)
        mentions += [c.mention for c in ex.citations if c.mention]
        for c in ex.citations:
            if c.target and c.mention and c.target not in cited and "\n" not in c.mention:
                cited[c.target] = c
        for t in ex.tasks:
            dl = t.deadline
            if dl is not None:
                dl = Deadline(dl.text, dl.start, dl.end, dl.recurrence)
            tasks.append(
                PoolTask(
                    " ".join(t.text.split()),
                    t.section or "I",
                    tuple(b.name for b in t.responsible),
                    tuple(b.name for b in t.coordinating),
                    dl,
                )
            )
    if not tasks:
        tasks = [PoolTask(text, "II.1", (), (), None) for text in FALLBACK_TASKS]
    if not titles:
        titles = ["thực hiện Nghị quyết về công tác xây dựng Đảng"]
    return Material(tuple(tasks), tuple(titles), tuple(mentions), tuple(cited.values()))


def build_extraction(
    *,
    source: str,
    meta: DocumentMeta,
    sections: Sequence[tuple[str, str, Sequence[PoolTask]]],
    citation_mentions: Sequence[str | Citation] = (),
) -> Extraction:
    """Assemble an Extraction whose spans point into the text built here.

    `sections` is a list of (path, heading, tasks); every task becomes a "- " bullet.
    Public so tests can build realistic extractions without the extractor.
    """
    parts: list[str] = []
    pos = 0

    def add(piece: str) -> tuple[int, int]:
        nonlocal pos
        start = pos
        parts.append(piece)
        pos += len(piece)
        return start, pos

    issuer = meta.issuer or ""
    add(f"{issuer.upper()}\tĐẢNG CỘNG SẢN VIỆT NAM\n")
    day = meta.issued_date
    date_text = f"ngày {day.day} tháng {day.month} năm {day.year}" if day else ""
    add(f"Số {meta.number or ''}\t{meta.place or ''}, {date_text}\n\n")
    add(f"{(meta.doc_type or '').upper()}\n{meta.title or ''}\n\n")
    header_end = pos
    citations = []
    for cited in citation_mentions:
        mention = cited if isinstance(cited, str) else cited.mention
        add("Căn cứ ")
        s, e = add(mention)
        add(";\n")
        if isinstance(cited, str):
            citations.append(Citation(mention=mention, start=s, end=e, doc_type=None, number=None))
        else:  # a resolved citation keeps its fields (target, relation...) at its new place
            citations.append(replace(cited, start=s, end=e, context=f"Căn cứ {mention};"))
    secs: list[Section] = []
    tasks: list[Task] = []
    for path, heading, items in sections:
        marker = path.split(".")[-1] + "."
        sec_start = pos
        add("\n")
        hs, he = add(f"{marker} {heading}")
        add("\n")
        for item in items:
            add("- ")
            ts, te = add(item.text)
            add("\n")
            tasks.append(
                Task(
                    text=item.text,
                    start=ts,
                    end=te,
                    section=path,
                    responsible=tuple(BodyMention(n, n, qualified=_qualify(n, meta.locality)) for n in item.responsible),
                    coordinating=tuple(
                        BodyMention(n, n, qualified=_qualify(n, meta.locality)) for n in item.coordinating
                    ),
                    deadline=item.deadline,
                )
            )
        secs.append(
            Section(path, marker, heading, path.count(".") + 1, sec_start, pos, hs + len(marker) + 1, he, "task")
        )
    body_end = pos
    add(f"\nT/M {issuer.upper()}\n{meta.signer or ''}")
    text = "".join(parts)
    content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Extraction(
        source=source,
        content_hash=content_hash,
        normalized=NormalizedText(text, text, tuple(range(len(text) + 1))),
        loaded=LoadedText(text, "txt", "utf-8"),
        document=meta,
        regions=Regions(header_end, header_end, body_end),
        sections=tuple(secs),
        citations=tuple(citations),
        tasks=tuple(tasks),
    )


def _qualify(name: str, locality: str | None) -> str | None:
    if not locality or not name.endswith(("Tỉnh ủy", "tỉnh")):
        return None
    return f"{name} {locality}"


def generate_extractions(
    n_documents: int, *, material: Material, tasks_per_document: int = 10, seed: int = 0
) -> Iterator[Extraction]:
    """Yield `n_documents` varied synthetic extractions (deterministic for a seed)."""
    rng = random.Random(seed)
    citable: list[DocumentMeta] = []  # earlier copies that later ones implement (a resolution, a directive)
    for i in range(n_documents):
        province = rng.choice(PROVINCES)
        doc_type, code = rng.choice(DOC_TYPES)
        issued = date(2005, 1, 1) + timedelta(days=rng.randrange(0, 20 * 365))
        meta = DocumentMeta(
            doc_type=doc_type,
            number=f"{i + 1}-{code}/TU",
            issuer=f"Tỉnh ủy {province}",
            issued_date=issued,
            place=province,
            title=f"{rng.choice(material.titles)} (bản {i + 1})",
            signer="Nguyễn Văn A",
            locality=province,
            level="province",
        )
        picked = [_vary_task(rng.choice(material.tasks), rng, issued) for _ in range(tasks_per_document)]
        groups: dict[str, list[PoolTask]] = {}
        for t in picked:
            groups.setdefault(t.section.split(".")[0], []).append(t)
        sections = [
            (f"{j}", f"NHIỆM VỤ {j}", items) for j, (_, items) in enumerate(sorted(groups.items()), start=1)
        ]
        mentions: list[str | Citation] = list(_pick_citations(material, rng))
        if citable and rng.random() < 0.7:
            mentions.append(_cite_earlier(rng.choice(citable[-2000:]), doc_type))
        if code in ("NQ", "CT"):
            citable.append(meta)
        yield build_extraction(
            source=f"synthetic/{i + 1:06d}.txt", meta=meta, sections=sections, citation_mentions=mentions
        )


def _pick_citations(material: Material, rng: random.Random) -> list[str | Citation]:
    """One to three of the corpus's resolved citations (same targets: the central documents get cited a lot)."""
    if material.cited:
        return rng.sample(material.cited, k=min(rng.randint(1, 3), len(material.cited)))
    return list(rng.sample(material.citations, k=min(2, len(material.citations))))


def _cite_earlier(meta: DocumentMeta, citing_type: str) -> Citation:
    """A citation of an earlier synthetic document whose target is that document's own node id."""
    from .store import document_target

    day = meta.issued_date
    mention = f"{meta.doc_type} số {meta.number} ngày {day.day}/{day.month}/{day.year} của {meta.issuer}"
    return Citation(
        mention=mention, start=0, end=len(mention), doc_type=meta.doc_type, number=meta.number,
        issued_date=day, issuer=meta.issuer, target=document_target(meta),
        relation="implements" if citing_type in ("Kế hoạch", "Chương trình hành động") else "cites",
        resolved_by="mention",
    )


def _vary_task(task: PoolTask, rng: random.Random, issued: date) -> PoolTask:
    responsible = task.responsible or (rng.choice(PROVINCE_BODIES),)
    if rng.random() < 0.5:
        responsible = (rng.choice(PROVINCE_BODIES),)
    coordinating = task.coordinating
    if not coordinating and rng.random() < 0.3:
        coordinating = (rng.choice(PROVINCE_BODIES),)
    deadline = task.deadline
    roll = rng.random()
    if roll < 0.4:
        start = issued + timedelta(days=rng.randrange(15, 900))
        end = start + timedelta(days=rng.choice((0, 29, 90)))
        deadline = Deadline(f"trước ngày {end.day}/{end.month}/{end.year}", None if end == start else start, end)
    elif roll < 0.5:
        deadline = Deadline("hằng năm", None, None, "FREQ=YEARLY")
    return replace(task, responsible=responsible, coordinating=coordinating, deadline=deadline)


def make_db(
    path: str | Path,
    n_documents: int,
    *,
    tasks_per_document: int = 10,
    seed: int = 0,
    corpus_dir: Path = CORPUS_DIR,
    progress: Callable[[int], None] | None = None,
    status_fraction: float = 0.1,
) -> dict[str, int]:
    """Build a database of synthetic documents; returns counts."""
    from .store import Store

    material = load_material(corpus_dir)
    added = 0
    with Store(path, fast_unsafe=True) as store:
        for extraction in generate_extractions(
            n_documents, material=material, tasks_per_document=tasks_per_document, seed=seed
        ):
            if store.ingest(extraction).status == "added":
                added += 1
            if progress:
                progress(1)
        n_tasks = store.count_tasks()
        n_statuses = _seed_user_data(store, status_fraction, random.Random(seed))
    return {"documents": added, "tasks": n_tasks, "statuses": n_statuses, "pool_tasks": len(material.tasks)}


def _seed_user_data(store, fraction: float, rng: random.Random) -> int:
    """Give a share of the tasks a status, as staff would, so status and overdue filters are exercised."""
    from .store import STATUS_DOING, STATUS_DONE

    keys = [r[0] for r in store.conn.execute("SELECT task_key FROM tasks ORDER BY id")]
    chosen = [k for k in keys if rng.random() < fraction]
    changes = [(k, rng.choice((STATUS_DOING, STATUS_DONE)), None) for k in chosen]
    return store.set_statuses(changes) if changes else 0


# Filters staff use, from cheap to expensive; `today` is fixed so runs are comparable.
BENCH_QUERIES: tuple[tuple[str, dict], ...] = (
    ("all, first page", {"limit": 50}),
    ("--body", {"body": "Ban Tổ chức Tỉnh ủy", "limit": 50}),
    ("--body qualified", {"body": "Ban Tổ chức Tỉnh ủy Bình Thuận", "limit": 50}),
    ("--body unaccented", {"body": "ban tuyen giao tinh uy", "limit": 50}),
    ("--coordinating", {"coordinating": "Ủy ban Kiểm tra Tỉnh ủy", "limit": 50}),
    ("--overdue", {"overdue": True, "today": "2020-01-01", "limit": 50}),
    ("--due-from/--due-to", {"due_from": "2015-01-01", "due_to": "2015-03-31", "limit": 50}),
    ("--status done", {"status": "hoàn thành", "limit": 50}),
    ("--status not started", {"status": "chưa thực hiện", "limit": 50}),
    ("--open (not done)", {"not_done": True, "limit": 50}),
    ("--body + --open", {"body": "Ban Tuyên giáo Tỉnh ủy", "not_done": True, "limit": 50}),
    ("--search", {"search": "sinh hoat chi bo", "limit": 50}),
    ("--body + --overdue", {"body": "Ban Tổ chức Tỉnh ủy", "overdue": True, "today": "2020-01-01", "limit": 50}),
    ("--document", {"document": 5000}),
)


def benchmark_queries(store, repeats: int = 20) -> list[dict]:
    """p50/p95 latency (ms) of query_tasks + count_tasks for the typical filters."""
    import statistics
    import time

    results = []
    for name, filters in BENCH_QUERIES:
        store.query_tasks(**filters)  # warm caches (and the bodies module)
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            rows = store.query_tasks(**filters)
            total = store.count_tasks(**filters)
            times.append((time.perf_counter() - started) * 1000)
        q = statistics.quantiles(times, n=20)
        results.append(
            {"query": name, "rows": len(rows), "matches": total, "p50_ms": statistics.median(times), "p95_ms": q[18]}
        )
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        hits = store.search("dang uy khoi", limit=20)
        times.append((time.perf_counter() - started) * 1000)
    results.append(
        {"query": "search()", "rows": len(hits), "matches": None, "p50_ms": statistics.median(times),
         "p95_ms": statistics.quantiles(times, n=20)[18]}
    )
    return results


def corpus_extraction_for_tests(path: Path) -> Extraction:
    """A minimal extraction of a real file (normalized text only) when the extractor is unavailable."""
    text = Path(path).read_text(encoding="utf-8")
    norm = normalize(text)
    return Extraction(
        source=str(path),
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        normalized=norm,
        loaded=LoadedText(text, "txt", "utf-8"),
        document=DocumentMeta(),
        regions=Regions(0, 0, len(norm.text)),
    )
