"""Typed relations: what a document says it does to a document it cites.

`relation` (implements / cites) stays as the contract defines it; `relation_type` refines it where
the text says so: `legal_basis` (căn cứ), `replaces` (thay thế, bãi bỏ), `amends` (sửa đổi, bổ
sung), `guides` (hướng dẫn thực hiện), `reviews` (sơ kết, tổng kết). The cue phrases live in
pipeline/data/relations.yaml; a cue counts when it ends the clause right before the mention (only
"fillers" like "một số điều của", "5 năm thực hiện" in between) or starts right after it
("… hết hiệu lực"). The graph names each edge by its highest-ranked type and marks documents that
another one replaces as superseded.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DocumentError
from .lexicon import data_yaml
from .model import Citation

if TYPE_CHECKING:
    import networkx as nx

DATA = Path(__file__).resolve().parent / "data" / "relations.yaml"
_CLAUSE_START = re.compile(r"(?:\n|[.;:!?](?=\s)|^)", re.M)
_LOOKBACK = 160
_LOOKAHEAD = 80
_CHAIN_GAP = re.compile(r"^[\s,]*(?:và|cùng|hoặc)?[\s,]*$")


@dataclass(frozen=True)
class RelationType:
    """One relation type of the table: its cues before and after a mention."""

    name: str
    label: str
    rank: int
    before: re.Pattern | None
    after: re.Pattern | None
    citing_types: frozenset[str]


def _compile(patterns: list[str], fillers: str, where: str, path: Path) -> re.Pattern | None:
    if not patterns:
        return None
    alternatives = "|".join(f"(?:{p})" for p in patterns)
    source = (rf"(?<!\w)(?:{alternatives})(?:\s+(?:{fillers}))*\s*$" if where == "before"
              else rf"^(?:{alternatives})")
    try:
        return re.compile(source, re.IGNORECASE)
    except re.error as exc:
        raise DocumentError(str(path), f"mẫu cụm từ không hợp lệ ({where}): {exc}",
                            "sửa biểu thức chính quy trong pipeline/data/relations.yaml") from exc


def parse_relation_table(data: dict, path: Path = DATA) -> tuple[RelationType, ...]:
    """The relation types of a loaded YAML table, checked, highest rank first."""
    if not isinstance(data, dict) or not isinstance(data.get("types"), list):
        raise DocumentError(str(path), "thiếu danh sách `types`", "xem chú thích đầu tệp relations.yaml")
    fillers = "|".join(f"(?:{f})" for f in data.get("fillers") or []) or "(?!)"
    out = []
    for entry in data["types"]:
        missing = [k for k in ("name", "label", "rank", "examples") if k not in entry]
        if missing:
            raise DocumentError(str(path), f"mục {entry.get('name', '?')!r} thiếu {', '.join(missing)}",
                                "mỗi loại quan hệ cần name, label, rank và examples")
        out.append(RelationType(
            name=entry["name"], label=entry["label"], rank=int(entry["rank"]),
            before=_compile(entry.get("before") or [], fillers, "before", path),
            after=_compile(entry.get("after") or [], fillers, "after", path),
            citing_types=frozenset(entry.get("citing_types") or []),
        ))
    return tuple(sorted(out, key=lambda t: -t.rank))


@lru_cache(maxsize=1)
def relation_table() -> tuple[RelationType, ...]:
    """The shipped table (pipeline/data/relations.yaml), loaded once."""
    return parse_relation_table(data_yaml(DATA.name))


@lru_cache(maxsize=1)
def relation_examples() -> list[dict]:
    """Every example of the table, with its type name (for the tests)."""
    data = data_yaml(DATA.name)
    return [dict(ex, type=t["name"]) for t in data["types"] for ex in t["examples"]]


def relation_rank(name: str | None) -> int:
    """How strongly a type names an edge (unknown types rank lowest)."""
    return next((t.rank for t in relation_table() if t.name == name), 0)


def relation_label(name: str | None) -> str:
    """The Vietnamese label of a type, for the app and reports."""
    return next((t.label for t in relation_table() if t.name == name), name or "")


def _lead_in(text: str, start: int) -> str:
    """The clause before a mention: from the last sentence or line break, at most _LOOKBACK characters."""
    window = text[max(0, start - _LOOKBACK):start]
    cut = max((m.end() for m in _CLAUSE_START.finditer(window)), default=0)
    return window[cut:]


def cue_type(text: str, start: int, end: int, clause_start: int = 0) -> str | None:
    """The relation type a cue phrase around the mention text[start:end] gives, else None.

    `clause_start`: where the text this document speaks in begins (after an earlier citation in
    the same clause, a cue describes that document's act, not this one's).
    """
    lead, tail = _lead_in(text, start), text[end:end + _LOOKAHEAD]
    if start - len(lead) < clause_start:
        return None
    for rel in relation_table():
        found = rel.before.search(lead) if rel.before is not None else None
        if found and not _past_marker().search(lead[:found.start()]):
            return rel.name
        if rel.after is not None and rel.after.search(tail):
            return rel.name
    return None


@lru_cache(maxsize=1)
def _past_marker() -> re.Pattern:
    data = data_yaml(DATA.name)
    markers = "|".join(f"(?:{p})" for p in data.get("past") or []) or "(?!)"
    return re.compile(rf"(?<!\w)(?:{markers})\s*$", re.IGNORECASE)


def _by_citing_type(citation: Citation, doc_type: str | None) -> str | None:
    if citation.relation != "implements" or not doc_type:
        return None
    return next((t.name for t in relation_table() if doc_type in t.citing_types), None)


def assign_relation_types(text: str, citations: list[Citation], doc_type: str | None = None) -> list[Citation]:
    """The citations with `relation_type` set: a cue, else the citing document's type, else `relation`."""
    out: list[Citation] = []
    for c in citations:
        previous = out[-1] if out else None
        typed = cue_type(text, c.start, c.end, previous.end if previous else 0)
        if typed is None and previous is not None and previous.relation_type not in (None, "cites", "implements") \
                and _CHAIN_GAP.match(text[previous.end:c.start]):
            typed = previous.relation_type
        typed = typed or _by_citing_type(c, doc_type) or c.relation
        out.append(dataclasses.replace(c, relation_type=typed))
    return out


def edge_type(types: list[str]) -> str:
    """The type naming an edge that several mentions support: the highest-ranked one."""
    return max(types, key=relation_rank) if types else "cites"


def mark_superseded(g: nx.DiGraph) -> None:
    """Set `superseded_by` on every node: the documents that replace it (", "-joined), else ""."""
    for node in g.nodes:
        g.nodes[node]["superseded_by"] = ", ".join(sorted(
            u for u, _, d in g.in_edges(node, data=True) if d.get("relation_type") == "replaces"))
