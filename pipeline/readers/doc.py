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


def read_doc(data: bytes, path: str) -> LoadedText:
    """Reader for .doc files."""
    if have("antiword"):
        # -w 0: one paragraph per line; -m UTF-8.txt: UTF-8 output.
        command = ["antiword", "-w", "0", "-m", "UTF-8.txt"]
        tool = "antiword"
    elif have("catdoc"):
        command = ["catdoc", "-d", "utf-8", "-w"]
        tool = "catdoc"
    else:
        raise DocumentError(
            path,
            "cannot read .doc files: neither antiword nor catdoc is installed",
            "run: sudo apt-get install antiword (or catdoc), or save the file as .docx",
        )
    with tempfile.TemporaryDirectory(prefix="directives-doc-") as tmp:
        source = Path(tmp) / "input.doc"
        source.write_bytes(data)
        output = run_tool([*command, str(source)], path, f"{tool} (.doc conversion)")
    text = output.decode("utf-8", errors="replace")
    fixed, legacy, _score = best_legacy_reading(text)
    warnings: tuple[str, ...] = ()
    if legacy:
        warnings = (f"text was typed in a {legacy.upper()} font and was converted to Unicode",)
    return LoadedText(text=fixed, source_format="doc", encoding=legacy, warnings=warnings)
