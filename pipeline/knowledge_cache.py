"""A disk cache of the knowledge built from data files, so a one-file run starts fast.

Parsing the YAML knowledge and building the syllable lexicon from underthesea's word list
cost a run about 0.1 s before it reads its first line. The results are kept as JSON
(never pickle: loading an entry runs no code) under `$DIRECTIVES_CACHE_DIR`, else
`$XDG_CACHE_HOME/directives`, else `~/.cache/directives`. An entry is named by the SHA-256
of everything it was built from (the data file and the code that reads it), so a changed
file gives a new name and an entry is never stale. A folder that cannot be written
(read-only, full) or an entry that cannot be read only costs the rebuild;
`DIRECTIVES_CACHE_DIR=` (empty) turns the cache off.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

CACHE_ENV = "DIRECTIVES_CACHE_DIR"
FORMAT = "1"  # the layout of an entry; part of every key
KEEP = 4  # entries kept per name: a few checkouts sharing one cache do not evict each other


def cache_dir() -> Path | None:
    """Where entries live; None when the cache is turned off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "directives"


def digest(*parts: bytes | str) -> str:
    """SHA-256 of the parts (each length-prefixed, so no two lists of parts collide)."""
    sha = hashlib.sha256(FORMAT.encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        sha.update(len(data).to_bytes(8, "big"))
        sha.update(data)
    return sha.hexdigest()


def source_of(*files: str) -> bytes:
    """The bytes of the given source files (`__file__` of the modules whose code builds an entry)."""
    return b"".join(Path(f).read_bytes() for f in files)


def _encode(value: object) -> object:
    if isinstance(value, _dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, _dt.date):
        return {"$date": value.isoformat()}
    raise TypeError(f"{type(value).__name__} is not kept in the knowledge cache")


def _decode(obj: dict) -> object:
    if len(obj) == 1:
        if "$date" in obj:
            return _dt.date.fromisoformat(obj["$date"])
        if "$datetime" in obj:
            return _dt.datetime.fromisoformat(obj["$datetime"])
    return obj


def cached(name: str, key: str, build: Callable[[], T], to_json: Callable[[T], Any] = lambda v: v,
           from_json: Callable[[Any], T] = lambda v: v) -> T:
    """`build()`'s value, from the entry `name`-`key` when there is one, else built and stored."""
    folder = cache_dir()
    path = folder / f"{name}-{key[:40]}.json" if folder is not None else None
    if path is not None:
        try:
            return from_json(json.loads(path.read_bytes(), object_hook=_decode))
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            pass  # no entry yet, or a damaged one: build it again
    value = build()
    if path is not None:
        _store(path, to_json(value))
    return value


def _store(path: Path, data: object) -> None:
    """Write an entry atomically; skip one JSON cannot give back as it was (int keys, sets)."""
    try:
        text = json.dumps(data, ensure_ascii=False, default=_encode)
        if json.loads(text, object_hook=_decode) != data:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except (OSError, TypeError, ValueError):
        return  # a read-only or full cache folder: the value was built all the same
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(temporary, path)
        _prune(path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


def _prune(path: Path) -> None:
    name = path.name.rsplit("-", 1)[0]
    siblings = sorted(path.parent.glob(f"{name}-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in siblings[KEEP:]:
        old.unlink(missing_ok=True)
