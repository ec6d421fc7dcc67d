"""A learned second opinion on the rules' task list: is this item a task, or a fragment, a goal,
a note that the rules let through?

The model is a logistic regression over a few readable features of each item the rules
propose (its first words, its shape, its heading's words, whether it names a body or a date),
trained by ``scripts/train_task_model.py`` on gold annotations and stored as plain JSON in
``models/task_filter.json`` (weights by feature name; no pickle, no scikit-learn at run time).
The training script decides by leave-one-document-out on the real directives whether the
filter improves the rules; the artifact records that decision in ``use`` and the extraction
applies the filter only when it does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .linear import LinearModel, load_weights
from .model import Section, Task
from .normalize import fold_diacritics

MODEL_FILE = "task_filter.json"
_WORD = re.compile(r"[^\W\d_]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(fold_diacritics(text))


def task_features(task: Task, heading: str = "") -> dict[str, float]:
    """Readable features of one proposed task (names are stable: they key the weights)."""
    words = _words(task.text)
    feats: dict[str, float] = {"bias": 1.0}
    for i, w in enumerate(words[:3]):
        feats[f"w{i}={w}"] = 1.0
    if len(words) >= 2:
        feats[f"first2={words[0]} {words[1]}"] = 1.0
    n = len(words)
    feats[f"len<={next(b for b in (4, 8, 15, 30, 60, 10**9) if n <= b)}"] = 1.0
    stripped = task.text.rstrip()
    feats[f"ends={stripped[-1:] if stripped[-1:] in '.;:,)' else 'word'}"] = 1.0
    if task.text[:1].islower():
        feats["starts_lower"] = 1.0
    if task.responsible:
        feats["has_responsible"] = 1.0
    if task.deadline is not None:
        feats["has_deadline"] = 1.0
    feats[f"depth={min((task.section or '').count('.') + bool(task.section), 4)}"] = 1.0
    for w in set(_words(heading)[:6]):
        feats[f"h={w}"] = 1.0
    return feats


class TaskFilter(LinearModel):
    """The trained weights; `use` says whether leave-one-document-out found them worth applying."""

    def keep(self, tasks: Iterable[Task], sections: Iterable[Section]) -> list[Task]:
        """The tasks the model does not reject (all of them when the model is not in use)."""
        tasks = list(tasks)
        if not self.use:
            return tasks
        headings = section_headings(sections)
        return [t for t in tasks if self.probability(task_features(t, headings.get(t.section, ""))) >= self.threshold]


def section_headings(sections: Iterable[Section]) -> dict[str | None, str]:
    """Each section path's nearest heading text (its own, else its parent's)."""
    out: dict[str | None, str] = {}
    for s in sections:
        out[s.path] = s.heading or out.get(s.parent, "")
    return out


@lru_cache(maxsize=1)
def task_filter() -> TaskFilter | None:
    """The shipped model, or None when models/ has none (the rules stand alone)."""
    loaded = load_weights(MODEL_FILE)
    return TaskFilter(*loaded) if loaded else None
