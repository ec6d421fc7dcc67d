"""Start-up: `extract` of one .txt pays only for what it uses, and the knowledge cache is never stale."""

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline import knowledge_cache, layout, lexicon
from pipeline.knowledge_cache import CACHE_ENV, cached, digest

ROOT = Path(__file__).parent.parent
TEXT = sorted((ROOT / "corpus").glob("*.txt"))[0]
HEAVY = ("pandas", "networkx", "pdfplumber", "docx", "bs4", "sqlite3", "icalendar", "sklearn", "spacy", "openpyxl", "viparse")


def _modules_after(code: str) -> set[str]:
    """The heavy modules a fresh interpreter holds after running `code` (printed last, on stderr)."""
    watched = [*HEAVY, "numpy", "tqdm", "underthesea"]
    probe = f"{code}\nimport json, sys\nprint(json.dumps([m for m in {watched!r} if m in sys.modules]), file=sys.stderr)"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(json.loads(out.stderr.strip().splitlines()[-1]))


def test_extracting_a_text_file_imports_no_heavy_library():
    code = f"from pipeline.extract import extract_file\nextract_file({str(TEXT)!r})"
    assert _modules_after(code) <= {"numpy", "tqdm", "underthesea"}  # underthesea's own imports, when POS is needed


def test_the_extract_command_process_imports_only_the_extractor():
    """The CLI process forks the worker that reads the file: it needs neither the store nor the models."""
    code = f"from pipeline.cli import main\nmain(['extract', {str(TEXT)!r}, '--json'])"
    assert _modules_after(code) == set()


def _data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setattr(lexicon, "resources", SimpleNamespace(files=lambda _package: data))
    return data


def test_a_changed_knowledge_file_is_parsed_again(tmp_path, monkeypatch):
    data = _data_folder(tmp_path, monkeypatch)
    (data / "rules.yaml").write_text("limit: 1\n", encoding="utf-8")
    assert lexicon.data_yaml("rules.yaml") == {"limit": 1}
    assert lexicon.data_yaml("rules.yaml") == {"limit": 1}
    assert len(list((tmp_path / "cache").glob("yaml-rules.yaml-*.json"))) == 1
    (data / "rules.yaml").write_text("limit: 2\n", encoding="utf-8")
    assert lexicon.data_yaml("rules.yaml") == {"limit": 2}


def test_an_entry_is_read_back_not_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    builds = []
    key = digest("source text")
    for _ in range(2):
        assert cached("thing", key, lambda: builds.append(1) or {"when": [1, 2]}) == {"when": [1, 2]}
    assert builds == [1]


def test_dates_survive_the_cache(tmp_path, monkeypatch):
    """registry.yaml holds dates: JSON keeps them, tagged."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    fresh = lexicon.data_yaml("registry.yaml")
    assert fresh == lexicon.data_yaml("registry.yaml")
    assert type(fresh["documents"][0]["date"]).__name__ == "date"


def test_an_unwritable_or_damaged_cache_only_costs_a_rebuild(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))  # a folder that can never be made
    assert cached("thing", digest("x"), lambda: [1]) == [1]
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    cached("thing", digest("x"), lambda: [1])
    (entry,) = (tmp_path / "cache").glob("thing-*.json")
    entry.write_text("{not json", encoding="utf-8")
    assert cached("thing", digest("x"), lambda: [2]) == [2]
    assert json.loads(entry.read_text(encoding="utf-8")) == [2]


def test_values_json_cannot_give_back_are_not_kept(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    assert cached("thing", digest("x"), lambda: {1: "one"}) == {1: "one"}  # int keys would come back as str
    assert not list(tmp_path.glob("thing-*.json"))


def test_old_entries_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    for n in range(knowledge_cache.KEEP + 3):
        cached("thing", digest(str(n)), lambda n=n: n)
    assert len(list(tmp_path.glob("thing-*.json"))) == knowledge_cache.KEEP


def test_the_cached_lexicon_is_the_built_one(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    layout.lexicon.cache_clear()
    try:
        built = layout.lexicon()
        layout.lexicon.cache_clear()
        assert layout.lexicon() == built
        assert len(list(tmp_path.glob("lexicon-*.json"))) == 1
    finally:
        layout.lexicon.cache_clear()




def test_generated_patterns_are_the_same_in_every_process():
    """Alternations built from sets sort their ties too: a set's order changes with the hash seed."""
    code = (
        "from pipeline.citations import _grammar; from pipeline.bodies import _alternation;"
        "print([p.pattern for p in _grammar().values()]);"
        "print(_alternation(['Ban Tổ chức', 'Ban Dân vận', 'Ban Nội chính', 'Văn phòng']))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True, text=True, check=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
