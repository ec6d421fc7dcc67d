"""The citation-network notebook runs top to bottom on the corpus, offline, so it cannot rot."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "citation_network.ipynb"


@pytest.mark.slow
def test_citation_notebook_executes(tmp_path):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    outputs = "".join(
        out.get("text", "") + str(out.get("data", {}).get("text/plain", ""))
        for cell in nb.cells if cell.cell_type == "code" for out in cell.get("outputs", [])
    )
    errors = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.get("outputs", []) if out.get("output_type") == "error"]
    assert not errors
    assert "4 corpus documents" in outputs
    assert "22-NQ/TW@2008" in outputs
    assert "15-NQ/TU@Bình Thuận@2008" in outputs  # the implementation chain from corpus 000


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
