"""Command line: `python -m pipeline COMMAND ...`, a thin layer over the library.

Each module in `pipeline/commands/` adds its commands in a `register(cli)`
function; a handler takes the parsed arguments and returns an exit status.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from . import commands as _commands_pkg
from .errors import DocumentError


class CommandRegistry:
    """Hands out sub-parsers: top-level commands and `export <what>` targets."""

    def __init__(self, parser: argparse.ArgumentParser):
        self._sub = parser.add_subparsers(dest="command", metavar="COMMAND")
        self._export_sub = None

    def command(self, name: str, help: str) -> argparse.ArgumentParser:
        return self._sub.add_parser(name, help=help, description=help)

    def export(self, name: str, help: str) -> argparse.ArgumentParser:
        if self._export_sub is None:
            export = self._sub.add_parser("export", help="export data (graph, calendar, tasks)")
            self._export_sub = export.add_subparsers(dest="export_target", metavar="WHAT")
            export.set_defaults(func=lambda args: _missing_target(export))
        return self._export_sub.add_parser(name, help=help, description=help)

    def has(self, name: str) -> bool:
        return name in self._sub.choices


def _missing_target(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _command_modules() -> list[str]:
    return sorted(info.name for info in pkgutil.iter_modules(_commands_pkg.__path__))


def _build(modules: Sequence[str]) -> tuple[argparse.ArgumentParser, CommandRegistry]:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Analyse Vietnamese Party directives: metadata, citations, tasks, deadlines.",
    )
    registry = CommandRegistry(parser)
    for name in modules:
        module = importlib.import_module(f"{_commands_pkg.__name__}.{name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(registry)
    return parser, registry


def build_parser() -> argparse.ArgumentParser:
    """The whole CLI: every command module registers its commands."""
    return _build(_command_modules())[0]


def _parser_for(argv: Sequence[str]) -> argparse.ArgumentParser:
    """A command named like its module (`extract` in commands/extract.py) needs only that module:
    start-up then skips the store, graph and calendar libraries the others import. Any other
    first word (help, `export`, a typo) gets the whole CLI."""
    first = argv[0] if argv else ""
    if first in _command_modules():
        parser, registry = _build([first])
        if registry.has(first):
            return parser
    return build_parser()


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = _parser_for(argv)
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except DocumentError as err:  # a command that did not catch its own: still one line, no traceback
        print(f"error: {err.message}", file=sys.stderr)
        return 1
