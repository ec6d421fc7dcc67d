"""The progress report as the app shows, caches and prints it."""

from __future__ import annotations

import html
from datetime import date

import streamlit as st

from app_lib import appdata
from pipeline.progress import COLUMNS, BodyProgress, progress_by_body, totals


@st.cache_data(show_spinner=False, max_entries=8)
def _report(path: str, today: str, stamp: tuple) -> list[BodyProgress]:
    return progress_by_body(appdata.get_store(), date.fromisoformat(today))


def report(today: date) -> list[BodyProgress]:
    """The report for today, recomputed only when the data changed."""
    return _report(str(appdata.db_path()), today.isoformat(), appdata.data_stamp())


def table_rows(lines: list[BodyProgress]) -> list[dict]:
    """Report lines with Vietnamese headers; overdue also said by a sign, not by colour alone."""
    out = []
    for line in lines:
        values = line.to_dict()
        row = {label: values[key] for key, label in COLUMNS}
        row["Cảnh báo"] = f"⚠ {line.overdue} quá hạn" if line.overdue else ""
        out.append(row)
    return out


def printable_html(lines: list[BodyProgress], today: date) -> str:
    """A standalone page to print or file (A4 landscape); every name is escaped."""
    head = "".join(f"<th>{html.escape(label)}</th>" for _, label in COLUMNS)
    body = []
    for line in lines:
        values = line.to_dict()
        cells = [html.escape(str(values["body"]))] + [str(values[k]) for k, _ in COLUMNS[1:]]
        late = ' class="late"' if line.overdue else ""
        body.append(f"<tr{late}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    sums = totals(lines)
    foot = "<td>Tổng</td>" + "".join(f"<td>{sums.get(k, '')}</td>" for k, _ in COLUMNS[1:])
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>Tiến độ theo cơ quan {today:%d/%m/%Y}</title><style>"
        "@page{size:A4 landscape;margin:12mm}body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:11pt}"
        "table{border-collapse:collapse;width:100%}th,td{border:1px solid #444;padding:3px 6px}"
        "td:not(:first-child){text-align:right}tr.late td:nth-child(7){font-weight:bold}"
        "tr.late td:nth-child(7)::before{content:'⚠ '}tfoot td{font-weight:bold}</style></head><body>"
        f"<h2>Tiến độ thực hiện nhiệm vụ theo cơ quan chủ trì</h2><p>Ngày lập: {today:%d/%m/%Y}. "
        "Một nhiệm vụ có nhiều cơ quan chủ trì được tính ở mỗi cơ quan.</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody>"
        f"<tfoot><tr>{foot}</tr></tfoot></table></body></html>"
    )
