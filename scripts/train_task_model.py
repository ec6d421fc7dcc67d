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

import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipeline.evaluate import load_gold, match_tasks
from pipeline.extract import extract_file
from pipeline.taskmodel import MODEL_FILE, TaskFilter, section_headings, task_features

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from linear_training import SETS, THRESHOLDS, decision_lines, f1, fit_weights, main_for, record  # noqa: E402


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
    return fit_weights([f for d in docs for f in d.features], [y for d in docs for y in d.labels])


def _probability(weights: dict[str, float], feats: dict[str, float]) -> float:
    return TaskFilter(weights, 0.5, use=True).probability(feats)


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
    return {name: {"tp": c[0], "fp": c[1], "fn": c[2], "f1": round(f1(*c), 4)} for name, c in counts.items()}


def build(docs: list[Document]) -> dict:
    loo = leave_one_out(docs) if any(d.kind == "real" for d in docs) else {}
    return record("logistic regression over task_features (pipeline/taskmodel.py)", docs, loo, fit(docs))


def card(model: dict) -> str:
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
    ]
    return "\n".join(lines + decision_lines(model, "rules + filter", "filter"))


def main(argv: list[str] | None = None) -> int:
    return main_for(__doc__, lambda: build(load_documents()), card, MODEL_FILE, "train_task_model.py", argv)


if __name__ == "__main__":
    sys.exit(main())
