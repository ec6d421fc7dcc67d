"""The README is the manual: every command the CLI has must be documented there."""

import re
from pathlib import Path

from pipeline.cli import build_parser

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    parser = build_parser()
    names: list[str] = []
    for action in parser._subparsers._group_actions:  # argparse keeps sub-parsers here
        for name, sub in action.choices.items():
            if name == "export":
                for sub_action in sub._subparsers._group_actions:
                    names.extend(f"export {target}" for target in sub_action.choices)
            else:
                names.append(name)
    return names


def test_every_cli_command_is_in_the_readme():
    commands = _commands()
    assert "extract" in commands
    missing = [c for c in commands if f"python -m pipeline {c}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_readme_gives_the_two_fresh_machine_commands():
    blocks = re.findall(r"```bash\n(.*?)```", README, re.S)
    assert blocks[0].strip() == "./run.sh"
    assert blocks[1].strip() == ".venv/bin/python -m pytest"
    assert (ROOT / "run.sh").exists()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.strip().splitlines()[-1] == blocks[1].strip()
