"""Directive analyser: extraction of metadata, citations, tasks, bodies and deadlines."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


def load_nlp() -> Language:
    """The extraction as a spaCy pipeline (see `pipeline.nlp`); spaCy is imported only here,
    so `import pipeline` and the command line stay fast."""
    from .nlp import load_nlp as _load

    return _load()
