"""Measure task lineage against annotated links (eval/lineage/*.json).

A gold file names an upper and a lower document of ../shared/eval/ by file stem and lists, for
each task of the lower document's gold task list (by index), the upper tasks it carries out.
Two measurements:

- `gold` — link the two gold task lists: the quality of the linking alone;
- `extracted` — extract both texts with the current pipeline, link the extracted tasks, and map
  them to gold tasks one-to-one (the evaluation's token-Jaccard matching): end to end, so it moves
  whenever task extraction changes.

Precision and recall are over (lower task, upper task) pairs, for every threshold of the curve.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import DocumentError
from .lineage import DEFAULT_THRESHOLD, score_matrix, select_links

ROOT = Path(__file__).resolve().parent.parent
LINEAGE_GOLD = ROOT / "eval" / "lineage"

def shared_eval_dir() -> Path:
    """../shared/eval beside the repository, or $DIRECTIVES_SHARED/eval (a checkout elsewhere)."""
    base = os.environ.get("DIRECTIVES_SHARED")
    return (Path(base) if base else ROOT.parent / "shared") / "eval"


SHARED_EVAL = shared_eval_dir()
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(2, 19))


@dataclass(frozen=True)
class Point:
    """Precision and recall of the links kept at one threshold."""

    threshold: float
    predicted: int
    correct: int
    gold: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        return {"threshold": self.threshold, "precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3), "predicted": self.predicted, "correct": self.correct, "gold": self.gold}


def load_link_gold(path: str | Path) -> dict:
    """A gold link file, with a clear message when it is missing or malformed."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DocumentError(str(path), f"không đọc được tệp nhãn liên kết ({exc})",
                            "kiểm tra đường dẫn và định dạng JSON của tệp trong eval/lineage/") from exc
    for key in ("upper", "lower", "links"):
        if key not in data:
            raise DocumentError(str(path), f"tệp nhãn liên kết thiếu trường {key!r}",
                                "xem eval/lineage/README.md để biết định dạng")
    return data


def gold_pairs(gold: dict) -> set[tuple[int, int]]:
    """(lower index, upper index) of every annotated link."""
    return {(link["lower"], up) for link in gold["links"] for up in link["upper"]}


def shared_file(shared: Path, stem: str, ext: str) -> Path:
    """A file of the shared evaluation set, or a DocumentError saying how to get it."""
    path = shared / f"{stem}.{ext}"
    if not path.exists():
        raise DocumentError(str(path), "không có văn bản đánh giá dùng chung",
                            "đặt thư mục ../shared/eval cạnh thư mục dự án hoặc truyền --shared")
    return path


def curve(scores: np.ndarray, gold: set[tuple[int, int]],
          mapping: tuple[dict[int, int], dict[int, int]] | None = None) -> list[Point]:
    """Precision/recall at each threshold; `mapping` turns predicted indexes into gold indexes."""
    lower_map, upper_map = mapping or ({}, {})
    points = []
    for threshold in THRESHOLDS:
        kept = select_links(scores, threshold)
        if mapping:
            kept = [(lower_map.get(i), upper_map.get(j), s) for i, j, s in kept]
        correct = sum(1 for i, j, _ in kept if (i, j) in gold)
        points.append(Point(threshold, len(kept), correct, len(gold)))
    return points


def evaluate_gold_lists(gold: dict, shared: Path = SHARED_EVAL) -> list[Point]:
    """The curve when linking the two gold task lists (link quality alone)."""
    upper = json.loads(shared_file(shared, gold["upper"]["file"], "json").read_text(encoding="utf-8"))["tasks"]
    lower = json.loads(shared_file(shared, gold["lower"]["file"], "json").read_text(encoding="utf-8"))["tasks"]
    return curve(score_matrix(upper, lower)["score"], gold_pairs(gold))


def evaluate_extracted(gold: dict, shared: Path = SHARED_EVAL) -> tuple[list[Point], dict]:
    """The curve end to end: extracted tasks linked, then matched to the gold tasks."""
    from .evaluate import match_tasks
    from .extract import extract_file

    sides = {}
    for side in ("upper", "lower"):
        gold_tasks = json.loads(shared_file(shared, gold[side]["file"], "json").read_text(encoding="utf-8"))["tasks"]
        extracted = [t.to_dict() for t in extract_file(shared_file(shared, gold[side]["file"], "txt")).tasks]
        matched = {pi: gi for gi, pi, _ in match_tasks(gold_tasks, extracted)}
        sides[side] = (extracted, matched, len(gold_tasks))
    (upper, up_map, n_up), (lower, low_map, n_low) = sides["upper"], sides["lower"]
    stats = {"upper_extracted": len(upper), "upper_matched": len(up_map), "upper_gold": n_up,
             "lower_extracted": len(lower), "lower_matched": len(low_map), "lower_gold": n_low}
    return curve(score_matrix(upper, lower)["score"], gold_pairs(gold), (low_map, up_map)), stats


def best_threshold(points: list[Point], min_precision: float = 0.8) -> Point:
    """The threshold with the best recall among those reaching `min_precision` (else the best F1)."""
    good = [p for p in points if p.precision >= min_precision]
    if good:
        return max(good, key=lambda p: (p.recall, p.f1, -p.threshold))
    return max(points, key=lambda p: (p.f1, -p.threshold))


def at_default(points: list[Point]) -> Point:
    """The point of the curve at the module's default threshold."""
    return min(points, key=lambda p: abs(p.threshold - DEFAULT_THRESHOLD))


def render_curve(points: list[Point]) -> str:
    """A markdown table of the curve."""
    rows = ["| threshold | precision | recall | F1 | kept | correct |", "|---|---|---|---|---|---|"]
    for p in points:
        mark = " **(default)**" if p is at_default(points) else ""
        rows.append(f"| {p.threshold:.2f}{mark} | {p.precision:.3f} | {p.recall:.3f} | {p.f1:.3f} | {p.predicted} | {p.correct} |")
    return "\n".join(rows)
