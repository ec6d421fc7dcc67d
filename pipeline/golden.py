"""Golden records: the reviewed extraction of each corpus document, kept under tests/golden/.

`python scripts/update_golden.py` rewrites them from the current pipeline; review the diff
(`git diff tests/golden`) before committing — the test suite fails on any unreviewed change.
"""

from __future__ import annotations

import json
from pathlib import Path

from .extract import extract_file

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLDEN = ROOT / "tests" / "golden"


def golden_view(record: dict) -> dict:
    """The parts of a record a reviewer checks: stable, path-independent, compact."""
    return {
        "source": Path(record["source"]).name,
        "document": {k: v for k, v in record["document"].items()},
        "citations": [
            {k: c.get(k) for k in ("mention", "start", "end", "doc_type", "number", "issued_date", "issuer",
                                   "term", "target", "relation")}
            for c in record["citations"]
        ],
        "tasks": [
            {k: t.get(k) for k in ("section", "responsible", "coordinating", "deadline", "start", "end", "text")}
            for t in record["tasks"]
        ],
        "sections": [f"{s['path']} [{s['kind']}] {s['heading'][:60]}" for s in record["sections"]],
    }


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.is_file() and not p.name.startswith("."))


def golden_path(source: Path) -> Path:
    return GOLDEN / f"{source.stem}.json"


def render(view: dict) -> str:
    return json.dumps(view, ensure_ascii=False, indent=1) + "\n"


def current_view(source: Path) -> dict:
    return golden_view(extract_file(source).to_dict())


def update_all() -> list[Path]:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    written = []
    for source in corpus_files():
        target = golden_path(source)
        target.write_text(render(current_view(source)), encoding="utf-8")
        written.append(target)
    return written
