"""docs/tasks.md, docs/graph.md and docs/calendar.md document every field the exports emit.

The corpus is ingested into a temporary database once; each export is produced the way the CLI
produces it and every field, column or property found must be named in its doc page.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from docs_fields import ROOT, documented_fields
from icalendar import Calendar

from pipeline.cli import main
from pipeline.exports import COLUMNS
from pipeline.extract import extract_file, extract_text
from pipeline.store import Store


def _cli(*argv: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(list(argv)) == 0, argv
    return out.getvalue()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("docs") / "docs.db"
    with Store(path) as store:
        for file in sorted((ROOT / "corpus").glob("*.txt")):
            store.ingest(extract_file(file))
    return path


def _missing(found: set[str], page: str) -> list[str]:
    return sorted(found - documented_fields(page))


def test_every_tasks_json_field_is_documented(db):
    _cli("status", _first_key(db), "đang thực hiện", "--note", "ghi chú", "--db", str(db))
    rows = [json.loads(line) for line in _cli("tasks", "--json", "--db", str(db)).splitlines()]
    assert len(rows) > 10
    fields = set().union(*(row.keys() for row in rows))
    assert not _missing(fields, "tasks.md"), "tasks --json fields missing from docs/tasks.md"


def test_every_csv_and_xlsx_column_is_documented(db):
    header = next(csv.reader(io.StringIO(_cli("tasks", "--csv", "--db", str(db)))))
    assert header == [label for _, label in COLUMNS]
    assert not _missing(set(header), "tasks.md"), "CSV/XLSX columns missing from docs/tasks.md"


def _first_key(db: Path) -> str:
    with Store(db) as store:
        return store.query_tasks(limit=1)[0]["task_key"]


def test_every_orphans_field_is_documented(tmp_path):
    text = "TỈNH ỦY X\n\nKẾ HOẠCH\n\nI. NHIỆM VỤ\n1. Ban Tổ chức Tỉnh ủy rà soát quy hoạch cán bộ.\n"
    path = tmp_path / "orphans.db"
    with Store(path) as store:
        store.ingest(extract_text(text, "ke-hoach.txt"))
        store.set_status(store.query_tasks(limit=1)[0]["task_key"], "hoàn thành", "xong")
        corrected = text.replace("I. NHIỆM VỤ\n1. Ban Tổ chức Tỉnh ủy rà soát", "I. TÌNH HÌNH\nĐã rà soát")
        store.ingest(extract_text(corrected, "ke-hoach.txt"))  # the task is gone: its status must be kept
    rows = [json.loads(line) for line in _cli("tasks", "--orphans", "--json", "--db", str(path)).splitlines()]
    assert rows, "re-ingesting a changed task should leave its status as an orphan"
    fields = {f"orphans.{key}" for row in rows for key in row}
    assert not _missing(fields, "tasks.md"), "tasks --orphans --json fields missing from docs/tasks.md"


def test_every_graph_attribute_is_documented(db, tmp_path):
    out = tmp_path / "g.json"
    _cli("export", "graph", "--format", "json", "--out", str(out), "--db", str(db))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {"directed", "multigraph", "graph", "nodes", "links"}
    fields = {f"node.{k}" for n in data["nodes"] for k in n} | {f"edge.{k}" for e in data["links"] for k in e}
    _cli("export", "graph", "--format", "csv", "--out", str(tmp_path / "g.csv"), "--db", str(db))
    for name, prefix in (("g.csv", "edge"), ("g.nodes.csv", "node")):
        with (tmp_path / name).open(encoding="utf-8") as fh:
            fields |= {f"{prefix}.{column}" for column in next(csv.reader(fh))}
    assert not _missing(fields, "graph.md"), "graph attributes missing from docs/graph.md"
    back = nx.node_link_graph(data, edges="links")  # the reading recipe the page gives
    assert back.number_of_edges() == len(data["links"]) > 0


def test_every_calendar_property_is_documented(db, tmp_path):
    out = tmp_path / "c.ics"
    _cli("export", "calendar", "--out", str(out), "--db", str(db))
    cal = Calendar.from_ical(out.read_bytes())
    found = {f"VCALENDAR.{name}" for name in cal}
    for component in cal.walk():
        if component.name in ("VEVENT", "VALARM"):
            found |= {f"{component.name}.{name}" for name in component}
    assert {"VEVENT.RRULE", "VEVENT.UID", "VALARM.TRIGGER"} <= found  # the corpus has recurring duties
    assert not _missing(found, "calendar.md"), "calendar properties missing from docs/calendar.md"


@pytest.mark.parametrize("page", ["extraction.md", "tasks.md", "graph.md", "calendar.md"])
def test_the_doc_pages_need_nothing_outside_the_repository(page):
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    assert "../shared" not in text and "/work/" not in text
