"""Train the role model (models/role_filter.json) and decide by leave-one-document-out whether it
names responsible bodies better than the rules.

    python scripts/train_role_model.py            # train, run leave-one-document-out, write the model
    python scripts/train_role_model.py --check    # exit 1 if the committed model differs

Training data: every gold annotation the project can see (the corpus gold, the team-written sets
and, when the folder beside the repository is present, ../shared/eval/real and web-excerpts).
For each predicted task matched to a gold task (as `evaluate` matches them), each body named in
the item is labelled by whether the gold names it as responsible. The model is a scikit-learn
LogisticRegression, saved as plain JSON weights.

Leave-one-document-out on the real directives: for each one, train on every other document, let
the model choose its tasks' responsible bodies, and score them against its gold (responsible
bodies F1 over matched tasks, as `evaluate` counts). The model is used (``use: true``) only when
that F1 beats the rules'; the card models/role_filter.md records both.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipeline.evaluate import load_gold, match_tasks, names_match
from pipeline.extract import extract_file
from pipeline.model import Task
from pipeline.rolemodel import MODEL_FILE, RoleModel, item_mentions, mention_features

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from linear_training import SETS, THRESHOLDS, decision_lines, f1, fit_weights, main_for, record  # noqa: E402


@dataclass
class Document:
    name: str
    kind: str
    pairs: list[tuple[Task, list[str]]]  # matched predicted task, the gold's responsible names
    features: list[dict[str, float]]
    labels: list[int]


def load_documents() -> list[Document]:
    docs = []
    for kind, gold_dir, corpus_dir in SETS:
        if not gold_dir.is_dir():
            continue
        for gold in load_gold(gold_dir):
            tasks = extract_file(corpus_dir / gold["source"], apply_model=False).tasks
            preds = [t.to_dict() for t in tasks]
            pairs = [(tasks[p], list(gold["tasks"][g].get("responsible") or [])) for g, p, _ in match_tasks(gold["tasks"], preds)]
            feats, labels = [], []
            for task, names in pairs:
                for i, (m, rules) in enumerate(item_mentions(task)):
                    feats.append(mention_features(task.text, m, rules, i))
                    labels.append(int(any(names_match(m.name, n) for n in names)))
            docs.append(Document(gold["source"], kind, pairs, feats, labels))
    return docs


def fit(docs: list[Document]) -> dict[str, float]:
    return fit_weights([f for d in docs for f in d.features], [y for d in docs for y in d.labels])


def _score(pairs: list[tuple[Task, list[str]]], choose) -> list[int]:
    """[tp, fp, fn] of responsible bodies over matched tasks, as `evaluate` counts them."""
    tp = fp = fn = 0
    for task, gold in pairs:
        predicted = [b.name for b in choose(task)]
        hits = sum(any(names_match(p, g) for p in predicted) for g in gold)
        tp, fp, fn = tp + hits, fp + len(predicted) - hits, fn + len(gold) - hits
    return [tp, fp, fn]


def leave_one_out(docs: list[Document]) -> dict:
    held = [d for d in docs if d.kind == "real"]
    counts = {"rules": [0, 0, 0], **{str(t): [0, 0, 0] for t in THRESHOLDS}}
    for doc in held:
        weights = fit([d for d in docs if d is not doc])
        counts["rules"] = [a + b for a, b in zip(counts["rules"], _score(doc.pairs, lambda t: t.responsible), strict=True)]
        for t in THRESHOLDS:
            model = RoleModel(weights, t, use=True)
            counts[str(t)] = [a + b for a, b in zip(counts[str(t)], _score(doc.pairs, model.responsible), strict=True)]
    return {name: {"tp": c[0], "fp": c[1], "fn": c[2], "f1": round(f1(*c), 4)} for name, c in counts.items()}


def build(docs: list[Document]) -> dict:
    loo = leave_one_out(docs) if any(d.kind == "real" for d in docs) else {}
    return record("logistic regression over mention_features (pipeline/rolemodel.py)", docs, loo, fit(docs))


def card(model: dict) -> str:
    lines = [
        "# Role model (models/role_filter.json)",
        "",
        f"Built by `python scripts/train_role_model.py` on {date.today().isoformat()}.",
        "",
        "- What: a logistic regression that scores each body named in a task's item as its responsible",
        "  body (features: the words around it, its place, \"giao / đề nghị\" or \"phối hợp\" before it,",
        "  parentheses, its head word, what the rules made of it).",
        f"- Data: {len(model['trained_on'])} annotated documents, {model['examples']} body mentions in matched tasks"
        " (corpus gold, team-written sets, and the real directives of ../shared/eval when present).",
        "- Decision: leave-one-document-out on the real directives, responsible bodies F1 over matched tasks.",
        "",
    ]
    return "\n".join(lines + decision_lines(model, "model", "model"))


def main(argv: list[str] | None = None) -> int:
    return main_for(__doc__, lambda: build(load_documents()), card, MODEL_FILE, "train_role_model.py", argv)


if __name__ == "__main__":
    sys.exit(main())
