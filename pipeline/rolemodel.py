"""A learned second opinion on who leads a task: of the bodies named in an item, which are its
responsible bodies?

A logistic regression over readable features of each body mention (the words around it, where
it stands, what the rules made of it), trained by ``scripts/train_role_model.py`` on gold
annotations and stored as plain JSON in ``models/role_filter.json`` (weights by feature name; no
pickle, no scikit-learn at run time). The training script decides by leave-one-document-out on
the real directives whether the model's choice beats the rules' (responsible bodies F1); the
artifact records that in ``use`` and extraction applies the model only when it does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from .bodies import find_bodies
from .linear import LinearModel, load_weights
from .model import BodyMention, Task
from .normalize import fold_diacritics

MODEL_FILE = "role_filter.json"
_WORD = re.compile(r"[^\W\d_]+")
_HANDED = re.compile(r"(?:giao|de nghi|yeu cau)(?: cho)?(?: cac)?\s*$")
_HELPS = re.compile(r"phoi hop(?: chat che)?(?: voi)?(?: cac)?\s*$")


def _folded_words(text: str) -> list[str]:
    return _WORD.findall(fold_diacritics(text).lower())


def mention_features(item: str, mention: BodyMention, rules: str, index: int) -> dict[str, float]:
    """Readable features of one body mention in an item; `rules`: "resp", "coord" or "none"
    (what the rules made of it); `index`: its place among the item's mentions."""
    before = _folded_words(item[max(0, mention.start - 40) : mention.start])
    after = _folded_words(item[mention.end : mention.end + 40])
    near = " ".join(before[-3:])
    feats: dict[str, float] = {"bias": 1.0, f"rules={rules}": 1.0}
    for i, w in enumerate(reversed(before[-2:])):
        feats[f"b{i + 1}={w}"] = 1.0
    for i, w in enumerate(after[:2]):
        feats[f"a{i + 1}={w}"] = 1.0
    if not before or mention.start <= 4:
        feats["at_start"] = 1.0
    if _HANDED.search(near):
        feats["handed_over"] = 1.0
    if _HELPS.search(near):
        feats["helps"] = 1.0
    if item.rfind("(", 0, mention.start) > item.rfind(")", 0, mention.start):
        feats["in_parens"] = 1.0
    feats[f"index={min(index, 3)}"] = 1.0
    head = _folded_words(mention.name)[:1]
    if head:
        feats[f"head={head[0]}"] = 1.0
    return feats


def item_mentions(task: Task) -> list[tuple[BodyMention, str]]:
    """The bodies named in a task's text, each with what the rules made of it."""
    resp = {b.name for b in task.responsible}
    coord = {b.name for b in task.coordinating}
    return [
        (m, "resp" if m.name in resp else "coord" if m.name in coord else "none") for m in find_bodies(task.text)
    ]


class RoleModel(LinearModel):
    """The trained weights; `use` says whether leave-one-document-out found them worth applying."""

    def responsible(self, task: Task) -> tuple[BodyMention, ...]:
        """The item's bodies the model accepts as responsible; the rules' choice when it accepts
        none (the responsible may come from the block's heading, outside the item)."""
        chosen: list[BodyMention] = []
        for i, (m, rules) in enumerate(item_mentions(task)):
            accepted = self.probability(mention_features(task.text, m, rules, i)) >= self.threshold
            if accepted and all(c.name != m.name for c in chosen):
                chosen.append(m)
        return tuple(chosen) or task.responsible

    def apply(self, tasks: Iterable[Task], qualify) -> list[Task]:
        """Tasks with the model's responsible bodies (unchanged when the model is not in use);
        `qualify` adds the issuer's locality to a mention, as the rules do."""
        tasks = list(tasks)
        if not self.use:
            return tasks
        out = []
        for t in tasks:
            chosen = self.responsible(t)
            if chosen is not t.responsible:
                chosen = tuple(qualify(m) for m in chosen)
            out.append(replace(t, responsible=chosen))
        return out


@lru_cache(maxsize=1)
def role_model() -> RoleModel | None:
    """The shipped model, or None when models/ has none (the rules stand alone)."""
    loaded = load_weights(MODEL_FILE)
    return RoleModel(*loaded) if loaded else None
