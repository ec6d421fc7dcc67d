"""Legacy Word .doc (OLE2): converted by Debian `antiword`, else `catdoc`.

Both need a file on disk, so in-memory data is written to a private temporary
file. Text from legacy .VnTime/VNI fonts is converted like plain text.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..errors import DocumentError
from ..model import LoadedText
from .legacy import best_legacy_reading
from .tools import have, run_tool

_CONVERTERS = (
    # -w 0: one paragraph per line; -m UTF-8.txt: UTF-8 output.
    ("antiword", ["antiword", "-w", "0", "-m", "UTF-8.txt"]),
    ("catdoc", ["catdoc", "-d", "utf-8", "-w"]),
)


def read_doc(data: bytes, path: str) -> LoadedText:
    """Reader for .doc files: antiword first; catdoc when antiword is missing or fails."""
    available = [(tool, command) for tool, command in _CONVERTERS if have(tool)]
    if not available:
        raise DocumentError(
            path,
            "cannot read .doc files: neither antiword nor catdoc is installed",
            "run: sudo apt-get install antiword (or catdoc), or save the file as .docx",
        )
    first_error: DocumentError | None = None
    output = None
    with tempfile.TemporaryDirectory(prefix="directives-doc-") as tmp:
        source = Path(tmp) / "input.doc"
        source.write_bytes(data)
        for tool, command in available:
            try:
                output = run_tool(
                    [*command, str(source)], path, f"{tool} (.doc conversion)", temp_name=str(source)
                )
                break
            except DocumentError as err:
                first_error = first_error or err
    if output is None:
        assert first_error is not None
        raise first_error
    text = output.decode("utf-8", errors="replace")
    reading = best_legacy_reading(text)
    return LoadedText(
        text=reading.text, source_format="doc", encoding=reading.encoding, warnings=reading.warnings()
    )
