"""Store a user's upload safely before it is read.

The bytes decide the type (txt/docx/doc/pdf/html), not the name; the name is
reduced to a harmless basename (no folders, no leading dot, no control
characters, Vietnamese letters kept) and prefixed with a random id, so two
uploads never collide and nothing can be written outside `upload_dir`. Keep
`upload_dir` outside any directory a web server publishes.
"""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
from pathlib import Path

from .errors import DocumentError
from .readers import detect_format, max_bytes

_EXTENSION = {"txt": ".txt", "docx": ".docx", "doc": ".doc", "pdf": ".pdf", "html": ".html"}
# Anything but letters, digits, marks and a few safe punctuation characters becomes "_".
_UNSAFE = re.compile(r"[^\w\-.() ]+")
_MAX_STEM = 80


def safe_filename(name: str) -> str:
    """A storable version of a user-supplied file name, without its extension."""
    base = unicodedata.normalize("NFC", name).replace("\\", "/").split("/")[-1]
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C")  # control, format, private use
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    stem = _UNSAFE.sub("_", stem).strip(" ._")
    stem = re.sub(r"_{2,}", "_", stem)[:_MAX_STEM].strip(" ._")
    return stem or "upload"


def save_upload(name: str, data: bytes, upload_dir: Path) -> Path:
    """Check an upload's size and content type and store it under `upload_dir` with a unique name."""
    shown = safe_filename(name or "upload") if name else "upload"
    limit = max_bytes()
    if len(data) > limit:
        raise DocumentError(
            shown,
            f"upload is too large ({len(data) / 1_048_576:.1f} MB; the limit is {limit / 1_048_576:.1f} MB)",
            "split the document, or raise the limit with DIRECTIVES_MAX_BYTES",
        )
    if not data.strip():
        raise DocumentError(shown, "the uploaded file is empty", "choose the file again")
    fmt = detect_format(data, name or "")
    if fmt == "docx":
        from .readers.docx import check_zip_safety

        check_zip_safety(data, shown)
    elif fmt == "txt":
        from .readers.txt import decode_text

        decode_text(data, shown)  # refuses binary junk that merely lacks a magic number
    root = Path(upload_dir)
    try:
        root.mkdir(parents=True, exist_ok=True)
        root = root.resolve(strict=True)
    except OSError as err:
        raise DocumentError(
            str(upload_dir), f"cannot create the upload folder ({err.strerror or err})"
        ) from None
    for _attempt in range(5):
        target = root / f"{secrets.token_hex(8)}_{safe_filename(name or 'upload')}{_EXTENSION[fmt]}"
        if target.resolve().parent != root:  # cannot happen with a sanitized name; refuse if it does
            raise DocumentError(shown, "refused: the file name points outside the upload folder")
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        except OSError as err:
            raise DocumentError(shown, f"cannot store the upload ({err.strerror or err})") from None
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        return target
    raise DocumentError(shown, "cannot store the upload: could not find a free file name", "try again")


def discard_upload(path: Path | None) -> None:
    """Remove a stored upload that failed or duplicated a stored document (it would only pile up)."""
    if path is not None:
        Path(path).unlink(missing_ok=True)
