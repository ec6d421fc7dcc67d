"""TaskQuery: one value for "which tasks, in which order, which page", built by the CLI and the app
alike and handed to `Store.query_tasks` / `Store.count_tasks` (which also still take the same
fields as keyword arguments)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any


def _names(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """One name or several as a tuple, blanks dropped (a list from a multi-select, a str from --body)."""
    if value is None:
        return ()
    values = [value] if isinstance(value, str) else list(value)
    return tuple(v for v in values if v)


def iso_day(value: date | str | None) -> str | None:
    """A date as YYYY-MM-DD; ValueError for text that is not one."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    return date.fromisoformat(str(value)).isoformat()


@dataclass(frozen=True)
class TaskQuery:
    """Filters (all must hold), order and page of a task listing; frozen and hashable, so it can key a cache.

    `body`/`coordinating` match any of their names in any spelling; `status` any of its statuses
    (any accepted spelling); `not_done` keeps chưa thực hiện + đang thực hiện; `due_from`/`due_to`
    keep tasks whose deadline window overlaps the range; `today` (default: the real today) decides
    what is overdue. `limit=None` means every row.
    """

    body: tuple[str, ...] = ()
    coordinating: tuple[str, ...] = ()
    document: int | str | None = None
    section: str | None = None
    due_from: str | None = None
    due_to: str | None = None
    overdue: bool = False
    status: tuple[str, ...] = ()
    not_done: bool = False
    search: str | None = None
    today: str | None = None
    recurring: bool = False
    task_key: str | None = None
    order: str = "document"
    limit: int | None = None
    offset: int = 0

    @classmethod
    def of(cls, **fields: Any) -> TaskQuery:
        """A query from loose values: one name or a list, dates or ISO strings, "" for nothing."""
        for name in ("body", "coordinating", "status"):
            fields[name] = _names(fields.get(name))
        for name in ("due_from", "due_to", "today"):
            fields[name] = iso_day(fields.get(name))
        for name in ("section", "search", "task_key"):
            fields[name] = fields.get(name) or None
        if fields.get("document") == "":
            fields["document"] = None
        fields["overdue"] = bool(fields.get("overdue"))
        fields["not_done"] = bool(fields.get("not_done"))
        fields["recurring"] = bool(fields.get("recurring"))
        fields["offset"] = int(fields.get("offset") or 0)
        if fields.get("order") is None:
            fields.pop("order", None)
        return cls(**fields)

    def page(self, limit: int | None, offset: int = 0) -> TaskQuery:
        """The same filters and order, another page."""
        return dataclasses.replace(self, limit=limit, offset=offset)

    def unpaged(self) -> TaskQuery:
        """The same filters without limit and offset (what a count counts)."""
        return self.page(None, 0)
