"""The one error type users see: it names the file, the reason and what to do."""

from __future__ import annotations

import unicodedata
from pathlib import Path


def display_name(path: str | Path) -> str:
    """A file name for one line of output: bytes that are not UTF-8 as `\\xNN`, control, format
    and bidi characters (a newline, an ANSI colour, U+202E) escaped, so a name cannot split
    a line, colour the terminal or reorder what is shown."""
    out = []
    for char in str(path):
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp"):
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


class DocumentError(Exception):
    """A file could not be read or processed.

    `str(err)` is a single line meant for a person: "<file>: <reason> (<hint>)".
    """

    def __init__(self, path: str | Path | None, reason: str, hint: str | None = None, vi: str | None = None):
        self.path = display_name(path) if path is not None else None
        self.reason = reason
        self.hint = hint
        self.vi = vi  # the reason and hint in Vietnamese, for the app, when the error has one
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = f"{self.path}: " if self.path else ""
        tail = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.reason}{tail}"

    def __str__(self) -> str:
        return self.message

    @property
    def shown(self) -> str:
        """Reason and hint for the app (no file name: the page shows it): Vietnamese when known."""
        return self.vi or self.reason + (f" ({self.hint})" if self.hint else "")


def cause_of(err: BaseException | None, kind: type[BaseException]) -> BaseException | None:
    """The first exception of `kind` in err's chain: libraries wrap ours (and MemoryError) in their own."""
    for _depth in range(20):
        if err is None or isinstance(err, kind):
            return err
        err = err.__cause__ or err.__context__
    return None
