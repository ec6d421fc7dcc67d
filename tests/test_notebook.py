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
