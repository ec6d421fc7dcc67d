"""Exports of hostile text: no live formula, no control character, parsed back before the old file goes.

The text comes from a generated directive and a user's note through the real CLI, and
from task rows handed straight to the writers.
"""

from __future__ import annotations

import csv
import errno
import json
import os

import networkx as nx
import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from pipeline import exports
from pipeline.cli import main
from pipeline.errors import DocumentError
from pipeline.graph import export_graph
from pipeline.ics import build_calendar
from pipeline.safe_export import FORMULA_START, check_ics, clean_text, neutral_cell, one_line, write_validated

FORMULAS = ['=HYPERLINK("http://example.invalid/x","bấm")', "+1+2", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1"]
CONTROLS = "Tiêu đề\x00có\x07ký tự\x1b[31m điều khiển\x0c\ud800"


def _row(text: str, note: str = "", title: str = CONTROLS) -> dict:
    return {
        "task_key": "k1",
        "doc_number": "01-KH/TU",
        "doc_title": title,
        "text": text,
        "responsible": ["Ban Tuyên giáo Tỉnh ủy", "=cmd|' /C calc'!A0"],
        "note": note,
        "due_start": "2026-01-01",
        "due_end": "2026-03-31",
        "deadline_text": "quý I/2026",
    }


ROWS = [_row(f, note=f) for f in FORMULAS] + [_row("Tuyên truyền\x07 nghị quyết", note="ghi chú\x1b")]


def test_neutral_cell_follows_the_owasp_rule():
    for value in FORMULAS:
        assert neutral_cell(value).startswith("'")
    assert neutral_cell("Ban Tuyên giáo") == "Ban Tuyên giáo"
    assert neutral_cell(12) == 12
    assert clean_text("a\x07b\ud800") == "a\\x07b\\ud800"
    assert one_line("Lịch\r\nnhiệm vụ\x00") == "Lịch nhiệm vụ\\x00"


def test_csv_has_no_live_formula_and_parses_back(tmp_path):
    out = tmp_path / "t.csv"
    exports.write_csv(ROWS, out)
    rows = list(csv.reader(out.open(encoding="utf-8-sig", newline="")))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c.startswith(FORMULA_START)]
    notes = [row[[label for _, label in exports.COLUMNS].index("Ghi chú")] for row in rows[1:]]
    assert notes[0] == "'" + FORMULAS[0]  # the text is kept, only made inert


def test_xlsx_with_control_characters_opens_and_holds_no_formula(tmp_path):
    out = tmp_path / "t.xlsx"
    assert exports.write_xlsx(ROWS, out) == len(ROWS)
    sheet = load_workbook(out).active
    values = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert all(cell.data_type != "f" for cell in values)
    titles = {cell.value for cell in values if isinstance(cell.value, str) and cell.value.startswith("Tiêu đề")}
    assert titles == {clean_text(CONTROLS)}


@pytest.mark.parametrize(("fmt", "read"), [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)])
def test_graph_with_control_characters_parses_back(tmp_path, fmt, read):
    g = nx.DiGraph()
    g.add_node("01-KH/TU\x07", title=CONTROLS, in_corpus=True)
    g.add_node("22-NQ/TW", title="=HYPERLINK(1)")
    g.add_edge("01-KH/TU\x07", "22-NQ/TW", relation="cites", mentions=1, contexts=["ngữ cảnh\x1b"])
    out = tmp_path / f"g.{fmt}"
    export_graph(g, fmt, out)
    back = read(out)
    assert back.number_of_edges() == 1
    assert back.nodes["01-KH/TU\\x07"]["title"] == clean_text(CONTROLS)


def test_graph_csv_is_neutralised(tmp_path):
    g = nx.DiGraph()
    g.add_node("a", title="=1+1")
    g.add_node("b", title="@x")
    g.add_edge("a", "b", relation="cites", mentions=1, contexts=["-ngữ cảnh"])
    written = export_graph(g, "csv", tmp_path / "g.csv")
    for path in written:
        cells = [c for row in csv.reader(path.open(encoding="utf-8", newline="")) for c in row]
        assert not [c for c in cells if c.startswith(FORMULA_START)]


def test_calendar_name_with_line_breaks_and_controls_in_texts():
    data = build_calendar(ROWS, calendar_name="Lịch\r\nBEGIN:VEVENT\x07")
    check_ics(data)
    calendar = Calendar.from_ical(data)
    assert str(calendar["x-wr-calname"]) == "Lịch BEGIN:VEVENT\\x07"
    assert len(calendar.walk("VEVENT")) == 1  # one task key and deadline: one event, nothing injected


def test_a_failed_check_keeps_the_previous_file(tmp_path):
    out = tmp_path / "old.ics"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        write_validated(out, b"not a calendar \x07", check_ics, "calendar")
    assert out.read_text(encoding="utf-8") == "old"
    assert "did not read back" in caught.value.message and "\n" not in caught.value.message
    assert list(tmp_path.iterdir()) == [out]


def test_disk_full_says_so_and_keeps_the_previous_file(tmp_path, monkeypatch):
    out = tmp_path / "t.json"
    out.write_text("{}", encoding="utf-8")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(DocumentError) as caught:
        write_validated(out, b'{"a": 1}', lambda data: json.loads(data), "JSON")
    assert "disk is full" in caught.value.message
    assert out.read_text(encoding="utf-8") == "{}" and list(tmp_path.iterdir()) == [out]


def test_cli_exports_of_a_hostile_directive_and_note(tmp_path, capsys):
    source = tmp_path / "kh.txt"
    source.write_text(
        "KẾ HOẠCH\n\n1. Ban Tuyên giáo Tỉnh ủy chủ trì =HYPERLINK(\"http://example.invalid\") tuyên truyền"
        " nghị quyết\x07, hoàn thành trước ngày 30/6/2026.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "x.db")
    assert main(["ingest", str(source), "--db", db]) == 0
    capsys.readouterr()
    main(["tasks", "--json", "--db", db])
    key = json.loads(capsys.readouterr().out.splitlines()[0])["task_key"]
    assert main(["status", key, "đang thực hiện", "--note", "=1+1\x1b", "--db", db]) == 0
    xlsx, ics, gexf = tmp_path / "t.xlsx", tmp_path / "t.ics", tmp_path / "g.gexf"
    assert main(["tasks", "--xlsx", str(xlsx), "--db", db]) == 0
    assert main(["export", "calendar", "--out", str(ics), "--name", "A\r\nB", "--db", db]) == 0
    assert main(["export", "graph", "--format", "gexf", "--out", str(gexf), "--db", db]) == 0
    capsys.readouterr()
    assert main(["tasks", "--csv", "--db", db]) == 0
    cells = [c for row in csv.reader(capsys.readouterr().out.splitlines()) for c in row]
    assert "'=1+1\\x1b" in cells and not [c for c in cells if c.startswith(FORMULA_START)]
    assert all(cell.data_type != "f" for row in load_workbook(xlsx).active.iter_rows() for cell in row)
    check_ics(ics.read_bytes())
    nx.read_gexf(gexf)
