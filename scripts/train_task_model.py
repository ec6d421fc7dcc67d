"""Train the task filter (models/task_filter.json) and decide by leave-one-document-out whether it
improves the rules.

    python scripts/train_task_model.py            # train, run leave-one-document-out, write the model
    python scripts/train_task_model.py --check    # exit 1 if the committed model differs

Training data: every gold annotation the project can see — the corpus gold (eval/gold), the
team-written sets (eval/heldout*) and, when the folder beside the repository is present, the real
directives in ../shared/eval/real and ../shared/eval/web-excerpts. Each item the rules propose is
labelled by whether it matches a gold task (token Jaccard >= 0.5, as `evaluate` counts). The
model is a scikit-learn LogisticRegression, saved as plain JSON weights.

Leave-one-document-out on the real directives: for each one, train on every other document,
filter its rule output, and score tasks against its gold. The filter is used (``use: true``)
only when that micro F1 beats the rules alone; the card models/task_filter.md records both.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipeline.evaluate import load_gold, match_tasks
from pipeline.extract import extract_file
from pipeline.taskmodel import MODEL_FILE, section_headings, task_features

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


@dataclass
class Document:
    name: str
    kind: str
    features: list[dict[str, float]]
    labels: list[int]
    gold_tasks: int


def load_documents() -> list[Document]:
    docs = []
    for kind, gold_dir, corpus_dir in SETS:
        if not gold_dir.is_dir():
            continue
        for gold in load_gold(gold_dir):
            extraction = extract_file(corpus_dir / gold["source"], apply_model=False)
            headings = section_headings(extraction.sections)
            preds = [t.to_dict() for t in extraction.tasks]
            matched = {p for _, p, _ in match_tasks(gold["tasks"], preds)}
            docs.append(
                Document(
                    name=gold["source"],
                    kind=kind,
                    features=[task_features(t, headings.get(t.section, "")) for t in extraction.tasks],
                    labels=[int(i in matched) for i in range(len(preds))],
                    gold_tasks=len(gold["tasks"]),
                )
            )
    return docs


def fit(docs: list[Document]) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [f for d in docs for f in d.features]
    labels = [y for d in docs for y in d.labels]
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(rows)
    clf = LogisticRegression(C=1.0, max_iter=2000, fit_intercept=False)
    clf.fit(x, labels)
    return {name: round(float(w), DIGITS) for name, w in zip(vec.feature_names_, clf.coef_[0], strict=True)}


def _probability(weights: dict[str, float], feats: dict[str, float]) -> float:
    import math

    z = sum(weights.get(k, 0.0) * v for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def leave_one_out(docs: list[Document]) -> dict:
    """Micro tasks F1 on the real directives: rules alone, and rules + filter per threshold."""
    held = [d for d in docs if d.kind == "real"]
    counts = {"rules": [0, 0, 0], **{str(t): [0, 0, 0] for t in THRESHOLDS}}
    for doc in held:
        weights = fit([d for d in docs if d is not doc])
        tp = sum(doc.labels)
        counts["rules"] = [a + b for a, b in zip(counts["rules"], (tp, len(doc.labels) - tp, doc.gold_tasks - tp), strict=True)]
        probs = [_probability(weights, f) for f in doc.features]
        for t in THRESHOLDS:
            kept = [y for y, p in zip(doc.labels, probs, strict=True) if p >= t]
            ktp = sum(kept)
            c = counts[str(t)]
            counts[str(t)] = [c[0] + ktp, c[1] + len(kept) - ktp, c[2] + doc.gold_tasks - ktp]
    return {name: {"tp": c[0], "fp": c[1], "fn": c[2], "f1": round(_f1(*c), 4)} for name, c in counts.items()}


def build(docs: list[Document]) -> dict:
    loo = leave_one_out(docs) if any(d.kind == "real" for d in docs) else {}
    best = max(THRESHOLDS, key=lambda t: loo.get(str(t), {}).get("f1", 0.0)) if loo else 0.5
    use = bool(loo) and loo[str(best)]["f1"] > loo["rules"]["f1"]
    return {
        "model": "logistic regression over task_features (pipeline/taskmodel.py)",
        "trained_on": sorted({f"{d.kind}:{d.name}" for d in docs}),
        "examples": sum(len(d.labels) for d in docs),
        "leave_one_document_out_real": loo,
        "threshold": best,
        "use": use,
        "weights": fit(docs),
    }


def card(model: dict) -> str:
    loo = model["leave_one_document_out_real"]
    lines = [
        "# Task filter (models/task_filter.json)",
        "",
        f"Built by `python scripts/train_task_model.py` on {date.today().isoformat()}.",
        "",
        "- What: a logistic regression that scores each item the rules propose as a task",
        "  (features: first words, length, final punctuation, case, body/date present, heading words).",
        f"- Data: {len(model['trained_on'])} annotated documents, {model['examples']} proposed items"
        " (corpus gold, team-written sets, and the real directives of ../shared/eval when present).",
        "- Decision: leave-one-document-out on the real directives, micro tasks F1.",
        "",
        "| variant | tp | fp | fn | F1 |",
        "|---|---|---|---|---|",
    ]
    for name, c in loo.items():
        label = "rules alone" if name == "rules" else f"rules + filter, threshold {name}"
        lines.append(f"| {label} | {c['tp']} | {c['fp']} | {c['fn']} | {c['f1']:.3f} |")
    verdict = (
        f"applied at threshold {model['threshold']}" if model["use"] else "not applied: the rules alone score as well or better"
    )
    lines += ["", f"Result: the filter is **{verdict}** (`use` in the JSON).", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "models")
    parser.add_argument("--check", action="store_true", help="compare with the committed model, write nothing")
    args = parser.parse_args(argv)
    model = build(load_documents())
    text = json.dumps(model, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    path = args.out / MODEL_FILE
    if args.check:
        committed = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
        if committed != json.loads(text):
            print(f"{path}: stale — run python scripts/train_task_model.py", file=sys.stderr)
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    path.with_suffix(".md").write_text(card(model), encoding="utf-8")
    print(card(model))
    return 0


if __name__ == "__main__":
    sys.exit(main())
