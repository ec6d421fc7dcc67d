"""Helpers for the documentation tests: which fields a doc page documents, which the code emits.

A field counts as documented when it is the first cell of a table row in the page, in backticks
(`| \\`tasks[].deadline.end\\` | … |`): the convention every page under docs/ follows.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
_FIELD_ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|", re.MULTILINE)


def documented_fields(page: str) -> set[str]:
    """Field names in the first column of the tables of docs/<page>."""
    return set(_FIELD_ROW.findall((DOCS / page).read_text(encoding="utf-8")))


def field_paths(value: object, prefix: str = "") -> set[str]:
    """Every key path in a JSON value: `document.number`, `tasks[].deadline.end` …"""
    out: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            out.add(path)
            out |= field_paths(item, path)
    elif isinstance(value, list):
        for item in value:
            out |= field_paths(item, prefix + "[]")
    return out


def schema_paths(schema: dict, node: dict | None = None, prefix: str = "") -> set[str]:
    """Every property path a JSON Schema names, following local `$ref`s and combinators."""
    node = schema if node is None else node
    if "$ref" in node:
        name = node["$ref"].removeprefix("#/$defs/")
        return schema_paths(schema, schema["$defs"][name], prefix)
    out: set[str] = set()
    for key in ("then", "else"):
        if key in node:
            out |= schema_paths(schema, node[key], prefix)
    for key in ("oneOf", "anyOf", "allOf"):
        for branch in node.get(key, []):
            out |= schema_paths(schema, branch, prefix)
    if "items" in node:
        out |= schema_paths(schema, node["items"], prefix + "[]")
    for key, sub in node.get("properties", {}).items():
        path = f"{prefix}.{key}" if prefix else key
        out.add(path)
        out |= schema_paths(schema, sub, path)
    return out
