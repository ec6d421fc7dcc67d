"""The one error type users see: it names the file, the reason and what to do."""

from __future__ import annotations

from pathlib import Path


class DocumentError(Exception):
    """A file could not be read or processed.

    `str(err)` is a single line meant for a person: "<file>: <reason> (<hint>)".
    """

    def __init__(self, path: str | Path | None, reason: str, hint: str | None = None):
        self.path = str(path) if path is not None else None
        self.reason = reason
        self.hint = hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = f"{self.path}: " if self.path else ""
        tail = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.reason}{tail}"

    def __str__(self) -> str:
        return self.message
