"""Task rows (from `Store.query_tasks`) as CSV, Excel and JSON for staff and analysts.

One column set for all formats so a CSV opened in Excel and the .xlsx agree.
Lists of bodies are joined with "; ". Text cells are always written as text:
a task starting with "=" must never become a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import IO

from .safe_export import check_csv, check_xlsx, clean_text, neutral_cell, write_validated

COLUMNS: tuple[tuple[str, str], ...] = (
    ("task_key", "Mã nhiệm vụ"),
    ("document_id", "Mã văn bản"),
    ("doc_number", "Số văn bản"),
    ("doc_title", "Trích yếu"),
    ("source", "Tệp nguồn"),
    ("section", "Mục"),
    ("text", "Nhiệm vụ"),
    ("responsible", "Chủ trì"),
    ("coordinating", "Phối hợp"),
    ("deadline_text", "Thời hạn (nguyên văn)"),
    ("due_start", "Từ ngày"),
    ("due_end", "Đến ngày"),
    ("recurrence", "Lặp lại"),
    ("status", "Trạng thái"),
    ("note", "Ghi chú"),
    ("overdue", "Quá hạn"),
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _flat(value: object) -> object:
    if isinstance(value, bool):  # "Quá hạn": words in Vietnamese, not True/False
        return "có" if value else "không"
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if value is None:
        return ""
    return value


def to_csv(rows: Iterable[dict], out: IO[str] | None = None, columns: tuple[tuple[str, str], ...] = COLUMNS) -> str:
    """Write rows as CSV (header in Vietnamese); returns the text when `out` is None."""
    buffer = out or io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([label for _, label in columns])
    for row in rows:
        writer.writerow([neutral_cell(_flat(row.get(key))) for key, _ in columns])  # OWASP: no live formula
    return buffer.getvalue() if out is None else ""


def write_csv(rows: Iterable[dict], path: str | Path, columns: tuple[tuple[str, str], ...] = COLUMNS) -> None:
    """CSV file with a UTF-8 BOM so Excel shows Vietnamese correctly."""
    data = ("\ufeff" + to_csv(rows, columns=columns)).encode("utf-8")
    write_validated(path, data, check_csv, "CSV")


def write_xlsx(rows: Iterable[dict], path: str | Path, *, sheet_title: str = "Nhiệm vụ",
               columns: tuple[tuple[str, str], ...] = COLUMNS) -> int:
    """Excel workbook: one row per task, dates as real dates, filters on the header; returns the row count."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_title)
    widths = {"text": 80, "doc_title": 40, "responsible": 30, "coordinating": 30, "note": 30}
    for i, (key, _) in enumerate(columns):
        letter = _column_letter(i + 1)
        ws.column_dimensions[letter].width = widths.get(key, 16)
    ws.freeze_panes = "A2"
    header = []
    for _, label in columns:
        cell = WriteOnlyCell(ws, value=label)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    n = 0
    for row in rows:
        cells = []
        for key, _ in columns:
            value = _flat(row.get(key))
            if isinstance(value, str):
                value = clean_text(value)  # one control character would make the workbook unreadable
            if key in ("due_start", "due_end") and value:
                value = date.fromisoformat(str(value))
            cell = WriteOnlyCell(ws, value=value)
            if isinstance(value, str) and value.startswith(_FORMULA_START):
                cell.data_type = "s"  # text, never a formula
            if isinstance(value, date):
                cell.number_format = "dd/mm/yyyy"  # how Vietnamese offices write dates
            cells.append(cell)
        ws.append(cells)
        n += 1
    ws.auto_filter.ref = f"A1:{_column_letter(len(columns))}{n + 1}"
    buffer = io.BytesIO()
    wb.save(buffer)  # build in memory: a bad output path then fails cleanly in one place
    write_validated(path, buffer.getvalue(), check_xlsx, "Excel file")
    return n


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def to_json_lines(rows: Iterable[dict], out: IO[str]) -> int:
    """One JSON object per task row (UTF-8, not ASCII-escaped); returns the row count."""
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n
