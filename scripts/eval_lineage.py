"""Recompute the precision/recall curve of task lineage on the annotated pairs (eval/lineage/).

    python scripts/eval_lineage.py              # gold task lists and end to end, markdown
    python scripts/eval_lineage.py --json       # the same as JSON
    python scripts/eval_lineage.py --shared DIR # the shared evaluation set elsewhere than ../shared

"gold" links the annotated task lists (link quality alone); "extracted" extracts both texts with
the current pipeline first, so its figures move with task extraction.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's pipeline, not an installed one

from pipeline import lineage_eval as le  # noqa: E402
from pipeline.errors import DocumentError  # noqa: E402


def measure(gold_path: Path, shared: Path) -> dict:
    """Both curves of one annotated pair, with the default and the best point of each."""
    gold = le.load_link_gold(gold_path)
    on_gold = le.evaluate_gold_lists(gold, shared)
    extracted, stats = le.evaluate_extracted(gold, shared)
    return {
        "pair": gold_path.name,
        "gold": {"curve": on_gold, "default": le.at_default(on_gold), "best": le.best_threshold(on_gold)},
        "extracted": {"curve": extracted, "default": le.at_default(extracted), "best": le.best_threshold(extracted),
                      "tasks": stats},
    }


def _as_json(result: dict) -> dict:
    out = {"pair": result["pair"]}
    for kind in ("gold", "extracted"):
        part = result[kind]
        out[kind] = {k: ([p.to_dict() for p in v] if k == "curve" else v if k == "tasks" else v.to_dict())
                     for k, v in part.items()}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=le.LINEAGE_GOLD, help="folder of link gold files")
    parser.add_argument("--shared", type=Path, default=None, help="the shared evaluation folder (default ../shared/eval)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    shared = args.shared or le.shared_eval_dir()
    try:
        results = [measure(p, shared) for p in sorted(args.gold.glob("*.json"))]
    except DocumentError as err:
        print(f"lỗi: {err.message}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps([_as_json(r) for r in results], ensure_ascii=False, indent=1))
        return 0
    for r in results:
        print(f"## {r['pair']}\n\n### on the gold task lists\n\n{le.render_curve(r['gold']['curve'])}\n")
        tasks = ", ".join(f"{k} {v}" for k, v in r["extracted"]["tasks"].items())
        print(f"### end to end on extracted tasks ({tasks})\n\n{le.render_curve(r['extracted']['curve'])}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
