"""Every notebook runs top to bottom on the corpus, offline, and its saved outputs are current.

The notebooks are committed with their outputs so the repository page shows results; this test
executes each one (as scripts/refresh_notebooks.py does) and fails when a cell raises, when the
saved text outputs differ from a fresh run, or when saved figures are missing or large.
"""

from __future__ import annotations

import copy
import importlib.util
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
MAX_FIGURE_BYTES = 150_000


def _load_refresh():
    spec = importlib.util.spec_from_file_location("refresh_notebooks", ROOT / "scripts" / "refresh_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


refresh = _load_refresh()
_fresh: dict[Path, nbformat.NotebookNode] = {}


def fresh_run(path: Path) -> nbformat.NotebookNode:
    """Execute a notebook once per test session (each run starts a kernel)."""
    if path not in _fresh:
        _fresh[path] = refresh.execute(path, timeout=300)
    return _fresh[path]


def test_the_refresh_script_finds_every_notebook():
    assert NOTEBOOKS and refresh.notebook_paths() == NOTEBOOKS


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_executes_and_its_saved_outputs_are_current(path):
    fresh = fresh_run(path)
    errors = [out for cell in fresh.cells if cell.cell_type == "code"
              for out in cell.get("outputs", []) if out.get("output_type") == "error"]
    assert not errors
    saved = nbformat.read(path, as_version=4)
    stale = refresh.differences(saved, fresh)
    assert not stale, f"{path.name}: saved outputs are stale ({stale}); run python scripts/refresh_notebooks.py"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_committed_with_its_outputs_and_small_figures(path):
    saved = nbformat.read(path, as_version=4)
    code = [c for c in saved.cells if c.cell_type == "code"]
    assert all(c.get("execution_count") for c in code), f"{path.name} was saved without running every cell"
    assert sum(bool(c.get("outputs")) for c in code) >= len(code) // 2
    sizes = refresh.png_sizes(saved)
    assert all(size <= MAX_FIGURE_BYTES for size in sizes), f"{path.name}: a figure over {MAX_FIGURE_BYTES} bytes"
    assert "version" not in saved.metadata.get("language_info", {})  # no machine-specific metadata


def test_a_changed_output_is_reported_as_stale():
    path = ROOT / "notebooks" / "citation_network.ipynb"
    saved = nbformat.read(path, as_version=4)
    tampered = copy.deepcopy(saved)
    first = next(c for c in tampered.cells if c.cell_type == "code")
    first.outputs[0]["text"] = "5 corpus documents\n"
    assert refresh.differences(saved, saved) == []
    assert refresh.differences(tampered, saved) == ["code cell 1"]


@pytest.mark.slow
def test_citation_notebook_shows_the_corpus_network():
    path = ROOT / "notebooks" / "citation_network.ipynb"
    outputs = "".join(refresh.text_outputs(fresh_run(path)))
    assert "4 corpus documents" in outputs
    assert "22-NQ/TW@2008" in outputs
    assert "15-NQ/TU@Bình Thuận@2008" in outputs  # the implementation chain from corpus 000
    saved = nbformat.read(path, as_version=4)
    assert len(refresh.png_sizes(saved)) >= 2  # the network drawing and the timeline
    headings = [c.source.splitlines()[0] for c in saved.cells if c.cell_type == "markdown"]
    assert all(" · " in h for h in headings if h.startswith("#")), "headings in Vietnamese · English"


SPACY_NOTEBOOK = ROOT / "notebooks" / "spacy_displacy.ipynb"


@pytest.mark.slow
def test_spacy_notebook_executes_and_renders_displacy(monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(ROOT))  # the kernel imports this checkout's pipeline
    nb = nbformat.read(SPACY_NOTEBOOK, as_version=4)
    client = NotebookClient(nb, timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(SPACY_NOTEBOOK.parent)}})
    client.execute()
    outputs = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.get("outputs", [])]
    assert not [out for out in outputs if out.get("output_type") == "error"]
    text = "".join(out.get("text", "") + str(out.get("data", {}).get("text/plain", "")) for out in outputs)
    html = "".join(str(out.get("data", {}).get("text/html", "")) for out in outputs)
    assert "['directive_metadata', 'directive_citations', 'directive_tasks']" in text
    assert "15-NQ/TU" in text and "22-NQ/TW@2008" in text
    assert html.count('class="spans"') >= 2 and "chủ trì" in html  # displaCy and render_spans output
    assert "4 gold documents" in text
