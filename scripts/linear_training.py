"""What the two training scripts (train_task_model.py, train_role_model.py) share: the annotated
sets they learn from, the thresholds they try, how they fit and how they write or check their
artifact."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
SETS = [
    ("corpus", ROOT / "eval" / "gold", ROOT / "corpus"),
    ("team", ROOT / "eval" / "heldout", ROOT / "eval" / "heldout"),
    ("team", ROOT / "eval" / "heldout_final", ROOT / "eval" / "heldout_final"),
    ("team", ROOT / "eval" / "heldout_final2", ROOT / "eval" / "heldout_final2"),
    ("real", SHARED / "real", SHARED / "real"),
    ("web", SHARED / "web-excerpts", SHARED / "web-excerpts"),
]
THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5)
DIGITS = 6


def fit_weights(rows: list[dict[str, float]], labels: list[int]) -> dict[str, float]:
    """A scikit-learn LogisticRegression over named features, as {feature: weight}."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sort=True)
    clf = LogisticRegression(C=1.0, max_iter=2000, fit_intercept=False)
    clf.fit(vec.fit_transform(rows), labels)
    return {name: round(float(w), DIGITS) for name, w in zip(vec.feature_names_, clf.coef_[0], strict=True)}


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def choose(loo: dict) -> tuple[float, bool]:
    """The best threshold by leave-one-document-out F1, and whether it beats the rules."""
    best = max(THRESHOLDS, key=lambda t: loo.get(str(t), {}).get("f1", 0.0)) if loo else 0.5
    return best, bool(loo) and loo[str(best)]["f1"] > loo["rules"]["f1"]


def save_or_check(model: dict, card: str, path: Path, script: str, check: bool) -> int:
    """Write the model and its card next to it, or (check) exit 1 when the committed one differs."""
    text = json.dumps(model, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if check:
        committed = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
        if committed != json.loads(text):
            print(f"{path}: stale — run python scripts/{script}", file=sys.stderr)
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    path.with_suffix(".md").write_text(card, encoding="utf-8")
    print(card)
    return 0


def record(description: str, docs: list, loo: dict, weights: dict[str, float]) -> dict:
    """The artifact: what the model is, what it learned from, the leave-one-document-out figures,
    the decision and the weights (`docs` have `kind`, `name` and `labels`)."""
    best, use = choose(loo)
    return {
        "model": description,
        "trained_on": sorted({f"{d.kind}:{d.name}" for d in docs}),
        "examples": sum(len(d.labels) for d in docs),
        "leave_one_document_out_real": loo,
        "threshold": best,
        "use": use,
        "weights": weights,
    }


def decision_lines(model: dict, variant: str, noun: str) -> list[str]:
    """The card's table of leave-one-document-out figures and its verdict."""
    lines = ["| variant | tp | fp | fn | F1 |", "|---|---|---|---|---|"]
    for name, c in model["leave_one_document_out_real"].items():
        label = "rules alone" if name == "rules" else f"{variant}, threshold {name}"
        lines.append(f"| {label} | {c['tp']} | {c['fp']} | {c['fn']} | {c['f1']:.3f} |")
    verdict = (
        f"applied at threshold {model['threshold']}" if model["use"] else "not applied: the rules alone score as well or better"
    )
    return [*lines, "", f"Result: the {noun} is **{verdict}** (`use` in the JSON).", ""]


def main_for(doc: str, build_model, card, file_name: str, script: str, argv: list[str] | None) -> int:
    """The scripts' command line: build, then write (or --check) models/<file_name>."""
    import argparse

    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "models")
    parser.add_argument("--check", action="store_true", help="compare with the committed model, write nothing")
    args = parser.parse_args(argv)
    model = build_model()
    return save_or_check(model, card(model), args.out / file_name, script, args.check)
