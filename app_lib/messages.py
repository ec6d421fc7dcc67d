"""Vietnamese for the messages the library writes in English (file errors), translated where the app shows them."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from pipeline.errors import DocumentError

DATA = Path(__file__).resolve().parent.parent / "pipeline" / "data" / "messages_vi.yaml"


@lru_cache(maxsize=1)
def _entries() -> list[tuple[re.Pattern[str], str]]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return [(re.compile(e["en"], re.IGNORECASE | re.DOTALL), e["vi"]) for e in data["messages"]]


def translate(text: str) -> str:
    """One English reason or hint in Vietnamese; unknown text is kept (in brackets) rather than lost."""
    text = (text or "").strip()
    for pattern, vietnamese in _entries():
        match = pattern.fullmatch(text)
        if match:
            return vietnamese.format(**match.groupdict())
    return f"không xử lý được tệp ({text})" if text else "không xử lý được tệp"


def file_error(err: DocumentError) -> str:
    """The user-facing line of a refused file: reason, then what to do (without any server path)."""
    reason = translate(err.reason)
    return f"{reason} — {translate(err.hint)}" if err.hint else reason
