"""Exports that are safe to open and never leave a broken file behind.

Task text, titles and notes come from documents and users: a note "=HYPERLINK(...)" must
not become a live formula in Excel (OWASP CSV injection: a cell starting with = + - @
TAB or CR gets a leading apostrophe), and one control character must not make the XLSX,
GEXF, GraphML or .ics invalid (they are escaped as visible text, `\\x07`). Every writer
builds its bytes in memory, parses them back, and only then replaces the previous file
(a temporary file in the same folder, renamed over it), so a failure keeps the old file.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import DocumentError

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP: what a spreadsheet may read as a formula
# Characters XML 1.0 (hence XLSX, GEXF, GraphML) cannot hold, plus C1 controls and the
# other C0 controls iCalendar forbids; tab, line feed and carriage return stay.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile(r"[\r\n\t\u2028\u2029\x85]+")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean_text(value: str) -> str:
    """The text with every character XML and iCalendar refuse shown as an escape (`\\x07`)."""
    return _ILLEGAL.sub(_escape, value)


def one_line(value: str) -> str:
    """A name for one line (a calendar name, a sheet title): breaks become spaces, controls escapes."""
    return " ".join(_LINE_BREAKS.sub(" ", clean_text(value)).split())


def neutral_cell(value: object) -> object:
    """A spreadsheet cell that cannot run as a formula: text starting with = + - @ TAB CR gets a leading '."""
    if isinstance(value, str):
        value = clean_text(value)
        if value.startswith(FORMULA_START):
            return "'" + value
    return value


def write_validated(path: str | Path, data: bytes, check: Callable[[bytes], None], what: str) -> None:
    """Parse `data` back with `check`, then put it at `path` atomically (the old file stays on failure)."""
    target = Path(path)
    try:
        check(data)
    except Exception as err:  # noqa: BLE001 - any parse failure means the file would be broken
        raise DocumentError(
            str(target),
            f"the {what} did not read back correctly ({type(err).__name__}: {str(err)[:160]}); nothing was written",
            "please report it with the filter you used",
        ) from None
    try:
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as err:
        raise _write_error(target, err) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except OSError as err:
        Path(temp).unlink(missing_ok=True)
        raise _write_error(target, err) from None


def _write_error(target: Path, err: OSError) -> DocumentError:
    if err.errno == errno.ENOSPC:
        return DocumentError(str(target), "the disk is full; nothing was written", "free some space and export again")
    return DocumentError(
        str(target), f"cannot write the file ({err.strerror or err})", "check that the folder exists and is writable"
    )


def check_csv(data: bytes) -> None:
    """Reads as CSV, and no cell would start a formula."""
    for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")):
        for cell in row:
            if cell.startswith(FORMULA_START):
                raise ValueError(f"a cell starts like a formula: {cell[:40]!r}")


def check_xlsx(data: bytes) -> None:
    """Opens as a workbook, and no cell holds a formula."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if getattr(cell, "data_type", None) == "f":
                    raise ValueError(f"cell {cell.coordinate} holds a formula")
    workbook.close()


def check_xml(data: bytes) -> None:
    """Well-formed XML 1.0 (what Gephi and networkx read GEXF and GraphML with)."""
    from lxml import etree

    etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))


def check_ics(data: bytes) -> None:
    """Parses as iCalendar, with no control character left in it."""
    from icalendar import Calendar

    text = data.decode("utf-8")
    if _ILLEGAL.search(text):
        raise ValueError("a control character is left in the calendar")
    Calendar.from_ical(text)


def check_json(data: bytes) -> None:
    """Parses as JSON."""
    json.loads(data.decode("utf-8"))
