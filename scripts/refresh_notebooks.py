"""Execute every notebook in notebooks/ on the corpus and save it with its outputs.

Why: a researcher browsing the repository sees the results (tables, figures) without running
anything, and saved outputs must not drift from the code: `--check` re-executes and reports the
notebooks whose saved outputs differ (tests/test_notebook.py does the same).

    python scripts/refresh_notebooks.py                 # every notebooks/*.ipynb
    python scripts/refresh_notebooks.py notebooks/x.ipynb
    python scripts/refresh_notebooks.py --check         # exit 1 when a saved notebook is stale

Outputs are made as deterministic as the libraries allow: no timing metadata, a fixed hash
seed in the kernel, no Python version in the notebook metadata; figures are PNGs whose size the
notebooks keep small (about 72 dpi).
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
TIMEOUT = 600  # seconds per cell


def notebook_paths(paths: list[str] | None = None) -> list[Path]:
    """The notebooks to run: the given files, else every notebooks/*.ipynb."""
    if paths:
        return [Path(p).resolve() for p in paths]
    return sorted(NOTEBOOKS.glob("*.ipynb"))


@contextlib.contextmanager
def _fixed_hash_seed() -> Iterator[None]:
    """The kernel inherits the environment: a fixed PYTHONHASHSEED keeps set orders stable."""
    old = os.environ.get("PYTHONHASHSEED")
    os.environ["PYTHONHASHSEED"] = "0"
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("PYTHONHASHSEED", None)
        else:
            os.environ["PYTHONHASHSEED"] = old


def execute(path: Path, timeout: int = TIMEOUT) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in its own folder; raises CellExecutionError on a failing cell."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    with _fixed_hash_seed():
        client.execute()
    return clean(nb)


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what changes from run to run or machine to machine but says nothing about results."""
    for cell in nb.cells:
        for key in ("execution", "ExecuteTime"):
            cell.metadata.pop(key, None)
    nb.metadata.pop("widgets", None)
    nb.metadata.get("language_info", {}).pop("version", None)
    return nb


def text_outputs(nb: nbformat.NotebookNode) -> list[str]:
    """The printed and plain-text results of each code cell: what --check compares."""
    texts = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        parts = []
        for out in cell.get("outputs", []):
            text = out.get("text", "")
            parts.append("".join(text) if isinstance(text, list) else text)
            parts.append(str(out.get("data", {}).get("text/plain", "")))
        texts.append("".join(parts))
    return texts


def png_sizes(nb: nbformat.NotebookNode) -> list[int]:
    """Byte size of every PNG figure saved in the notebook."""
    return [
        len(base64.b64decode(out["data"]["image/png"]))
        for cell in nb.cells if cell.cell_type == "code"
        for out in cell.get("outputs", []) if "image/png" in out.get("data", {})
    ]


def differences(saved: nbformat.NotebookNode, fresh: nbformat.NotebookNode) -> list[str]:
    """Code cells whose saved text output differs from a fresh run (1-based code-cell numbers)."""
    old, new = text_outputs(saved), text_outputs(fresh)
    if len(old) != len(new):
        return [f"{len(old)} code cells saved, {len(new)} now"]
    return [f"code cell {i}" for i, (a, b) in enumerate(zip(old, new, strict=True), 1) if a != b]


def _refresh_one(path: Path, check: bool) -> bool:
    name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    try:
        fresh = execute(path)
    except CellExecutionError as err:
        first = str(err).strip().splitlines()[-1] if str(err).strip() else type(err).__name__
        print(f"error: {name}: a cell failed ({first}); fix the notebook and run this script again", file=sys.stderr)
        return False
    if check:
        stale = differences(nbformat.read(path, as_version=4), fresh)
        if stale:
            print(f"error: {name}: saved outputs are stale ({', '.join(stale)}); "
                  "run `python scripts/refresh_notebooks.py` and commit the notebook", file=sys.stderr)
            return False
        print(f"{name}: up to date")
        return True
    nbformat.write(fresh, path)
    sizes = png_sizes(fresh)
    print(f"wrote {name}: {len(fresh.cells)} cells, {len(sizes)} figures ({sum(sizes) // 1024} KB)")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", metavar="NOTEBOOK", help="notebooks to run (default: notebooks/*.ipynb)")
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 when saved outputs are stale")
    args = parser.parse_args(argv)
    paths = notebook_paths(args.paths)
    missing = [p for p in paths if not p.is_file()]
    if missing:
        print(f"error: {missing[0]}: no such notebook (give a path to an .ipynb file)", file=sys.stderr)
        return 2
    results = [_refresh_one(p, args.check) for p in paths]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
