"""The project holds only text it wrote itself: no file outside corpus/ repeats a long run of words
from the third-party directives kept beside the repository (../shared/eval).

A cited document's number, date and title are facts and may be repeated (they run to about 20
words); a run of 25 words or more is a copied sentence.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"
RUN = 25  # words
_WORD = re.compile(r"[^\W_]+")
_CHECKED = (".py", ".md", ".yaml", ".yml", ".json", ".ipynb", ".txt", ".toml", ".sql")


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def _project_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False).stdout
    names = listed.split() if listed else [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file()]
    return [ROOT / n for n in names if n.endswith(_CHECKED) and not n.startswith(("corpus/", ".venv/"))]


@pytest.mark.skipif(not SHARED_EVAL.is_dir(), reason="../shared/eval is absent (a user's clone): nothing to compare with")
def test_no_project_file_repeats_a_sentence_of_the_evaluation_texts():
    third_party: set[tuple[str, ...]] = set()
    for path in SHARED_EVAL.rglob("*.txt"):
        third_party |= _shingles(_words(path.read_text(encoding="utf-8", errors="ignore")))
    copied = []
    for path in _project_files():
        words = _words(path.read_text(encoding="utf-8", errors="ignore"))
        hits = _shingles(words) & third_party
        if hits:
            copied.append(f"{path.relative_to(ROOT)}: {' '.join(next(iter(hits)))}")
    assert copied == [], "reword these in the project's own words:\n" + "\n".join(copied)
