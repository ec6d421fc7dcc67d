"""The trained second opinions (task filter, role model) are logistic regressions stored as plain
JSON weights by feature name: this is how they score and how they are loaded (no pickle, no
scikit-learn at run time)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from .bodies import models_dir


@dataclass(frozen=True)
class LinearModel:
    """Weights by feature name; `use` says whether leave-one-document-out found them worth applying."""

    weights: dict[str, float]
    threshold: float
    use: bool

    def probability(self, feats: dict[str, float]) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def load_weights(file_name: str) -> tuple[dict[str, float], float, bool] | None:
    """(weights, threshold, use) of a shipped model in models/, or None when it is absent."""
    path = models_dir() / file_name
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["weights"], data["threshold"], data["use"]
