"""Every command the README's "How to" section and the docs/ pages show runs and succeeds.

The commands are read from the text itself, in order, and run in a scratch folder holding the
corpus, a user folder with a .docx, and a fresh database — as a new user would type them.
"""

from __future__ import annotations

import contextlib
import glob
import io
import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from docx import Document

from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[1]
PREFIX = ".venv/bin/python -m pipeline "
README = (ROOT / "README.md").read_text(encoding="utf-8")


def howto_commands() -> list[str]:
    """`.venv/bin/python -m pipeline …` commands of the README's How-to section, in order."""
    section = README.split("## How to", 1)[1].split("\n## ", 1)[0]
    return [c for c in re.findall(r"`(\.venv/bin/python -m pipeline [^`]+)`", section)]


def page_commands(page: str) -> list[str]:
    """Commands in the bash blocks of docs/<page>, comments dropped."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    lines = [line.split("  #")[0].strip() for block in re.findall(r"```bash\n(.*?)```", text, re.S)
             for line in block.splitlines()]
    return [line for line in lines if line.startswith(PREFIX)]


@pytest.fixture
def workspace(tmp_path, monkeypatch) -> Path:
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    (tmp_path / "docs").mkdir()
    mine = tmp_path / "my-directives"
    mine.mkdir()
    doc = Document()
    for line in (ROOT / "corpus" / "001_64c2e156f5a86ec1.txt").read_text(encoding="utf-8").splitlines():
        doc.add_paragraph(line)
    doc.save(mine / "chuong-trinh.docx")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DIRECTIVES_DB", str(tmp_path / "directives.db"))
    return tmp_path


def _task_key() -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["tasks", "--body", "Ban Tổ chức Tỉnh ủy", "--json", "--limit", "1"])
    return json.loads(out.getvalue())["task_key"]


def run_documented(command: str) -> tuple[int, str]:
    """Run one documented command in-process: placeholders filled, globs and `> FILE` applied."""
    words = shlex.split(command.removeprefix(PREFIX).replace("TASK_KEY", _task_key() if "TASK_KEY" in command else ""))
    target = None
    if ">" in words:
        at = words.index(">")
        words, target = words[:at], words[at + 1]
    argv = [match for w in words for match in (sorted(glob.glob(w)) if "*" in w else [w])]
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(argv)
    if target:
        Path(target).write_text(out.getvalue(), encoding="utf-8")
    return code, out.getvalue()


def test_the_howto_section_covers_the_three_users():
    section = README.split("## How to", 1)[1].split("\n## ", 1)[0]
    for user in ("### Researcher", "### Staff", "### Analyst"):
        assert user in section
    assert len(howto_commands()) >= 9


def test_every_howto_command_runs(workspace):
    for command in howto_commands():
        code, _ = run_documented(command)
        assert code == 0, command
    assert (workspace / "citations.gexf").stat().st_size > 0
    assert (workspace / "con-lai.xlsx").stat().st_size > 0
    assert b"BEGIN:VEVENT" in (workspace / "thoi-han.ics").read_bytes()
    records = (workspace / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(records[0])["source"].endswith("chuong-trinh.docx")


@pytest.mark.parametrize("page", ["extraction.md", "tasks.md", "graph.md", "calendar.md"])
def test_every_command_in_the_docs_runs(workspace, page):
    commands = page_commands(page)
    assert commands, f"docs/{page} shows no command"
    if not any(c.startswith(PREFIX + "ingest") for c in commands):
        assert run_documented(PREFIX + "ingest corpus/")[0] == 0
    for command in commands:
        code, _ = run_documented(command)
        assert code == 0, command
