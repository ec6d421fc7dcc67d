"""`pipeline/` is the library alone: no module of it imports Streamlit (the app's helpers live in app_lib/)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECK = """
import importlib, pkgutil, sys
import pipeline
for info in pkgutil.walk_packages(pipeline.__path__, "pipeline."):
    if not info.name.endswith("__main__"):  # running it would start the command line
        importlib.import_module(info.name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] == "streamlit")
print(loaded[:5])
sys.exit(1 if loaded else 0)
"""


def test_no_pipeline_module_imports_streamlit():
    done = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
