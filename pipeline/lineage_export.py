"""Lineage as tables (CSV/XLSX, one row per link or untaken task) and as a graph with task nodes (GEXF/GraphML).

Staff open the table in Excel to see, per upper task, which implementing task carries it out and
which body leads it; researchers open the graph in Gephi: document nodes, task nodes, `part_of`
edges from a task to its document and `carries_out` edges from a lower task to an upper one.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

COLUMNS: tuple[tuple[str, str], ...] = (
    ("level", "Cấp"),
    ("upper_document", "Văn bản cấp trên"),
    ("upper_task_key", "Mã nhiệm vụ cấp trên"),
    ("upper_section", "Mục (cấp trên)"),
    ("upper_text", "Nhiệm vụ cấp trên"),
    ("taken_up", "Đã được cụ thể hóa"),
    ("document", "Văn bản thực hiện"),
    ("task_key", "Mã nhiệm vụ thực hiện"),
    ("section", "Mục (thực hiện)"),
    ("text", "Nhiệm vụ thực hiện"),
    ("responsible", "Chủ trì"),
    ("status", "Trạng thái"),
    ("score", "Điểm liên kết"),
    ("delay_days", "Độ trễ (ngày)"),
    ("quoted", "Cụm từ trích lại"),
)


def lineage_rows(result: dict) -> list[dict]:
    """One row per (upper task, implementing task) link, and one per upper task no one took up.

    With a deeper lineage, the links below an implementing task follow it with `level` 2, 3 …
    """
    rows: list[dict] = []
    for task in result["tasks"]:
        upper = {"level": 1, "upper_document": result["target"], "upper_task_key": task["task_key"],
                 "upper_section": task["section"], "upper_text": task["text"],
                 "taken_up": "có" if task["taken_up"] else "chưa"}
        if not task["implemented_by"]:
            rows.append(upper)
        _link_rows(upper, task["implemented_by"], rows)
    return rows


def _link_rows(upper: dict, links: list[dict], rows: list[dict]) -> None:
    for link in links:
        rows.append({**upper, **{k: link.get(k) for k in ("document", "task_key", "section", "text",
                                                         "responsible", "status", "score", "delay_days")},
                     "quoted": link["evidence"].get("quoted", [])})
        if link.get("implemented_by"):
            below = {"level": upper["level"] + 1, "upper_document": link["document"], "upper_task_key": link["task_key"],
                     "upper_section": link["section"], "upper_text": link["text"], "taken_up": "có"}
            _link_rows(below, link["implemented_by"], rows)


def _task_node(document: str, key: str, index: int) -> str:
    return f"task:{key}" if key else f"task:{document}#{index}"


def lineage_graph(result: dict) -> nx.DiGraph:
    """Documents and tasks as nodes; `part_of` (task → document) and `carries_out` (lower → upper task) edges."""
    g = nx.DiGraph()
    target = result["target"]
    g.add_node(target, kind="document", label=result["document"].get("number") or target,
               issued_date=result["document"].get("issued_date") or "")
    for imp in result["implementers"]:
        g.add_node(imp["document"], kind="document", label=imp["document"].split("@")[0],
                   issued_date=imp.get("issued_date") or "")
        g.add_edge(imp["document"], imp.get("implements", target), relation="implements",
                   delay_days=imp.get("delay_days") or 0)
    for i, task in enumerate(result["tasks"]):
        upper = _task_node(target, task["task_key"], i)
        g.add_node(upper, kind="task", label=f"{task['section'] or ''} {task['text'][:60]}".strip(),
                   document=target, section=task["section"] or "", text=task["text"], taken_up=task["taken_up"])
        g.add_edge(upper, target, relation="part_of")
        _add_links(g, upper, task["implemented_by"])
    return g


def _add_links(g: nx.DiGraph, upper: str, links: list[dict]) -> None:
    """Task nodes of the implementing tasks, `carries_out` edges to the upper task; a whole document links itself."""
    for j, link in enumerate(links):
        if not link["task_key"]:
            g.add_edge(link["document"], upper, relation="carries_out", score=link["score"])
            continue
        lower = _task_node(link["document"], link["task_key"], j)
        g.add_node(lower, kind="task", label=f"{link['section'] or ''} {link['text'][:60]}".strip(),
                   document=link["document"], section=link["section"] or "", text=link["text"],
                   responsible=link["responsible"])
        if link["document"] not in g:
            g.add_node(link["document"], kind="document", label=link["document"].split("@")[0], issued_date="")
        g.add_edge(lower, link["document"], relation="part_of")
        g.add_edge(lower, upper, relation="carries_out", score=link["score"])
        _add_links(g, lower, link.get("implemented_by") or [])


def write_lineage(result: dict, path: str | Path) -> int:
    """Write by extension: .csv, .xlsx, .gexf or .graphml; returns rows (tables) or nodes (graphs)."""
    from .errors import DocumentError
    from .exports import write_csv, write_xlsx
    from .graph import export_graph

    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            rows = lineage_rows(result)
            write_csv(rows, path, columns=COLUMNS)
            return len(rows)
        if suffix == ".xlsx":
            return write_xlsx(lineage_rows(result), path, sheet_title="Cụ thể hóa", columns=COLUMNS)
        if suffix in (".gexf", ".graphml"):
            g = lineage_graph(result)
            export_graph(g, suffix[1:], path)
            return g.number_of_nodes()
    except OSError as exc:
        raise DocumentError(str(path), f"không ghi được tệp ({exc.strerror or exc})",
                            "kiểm tra thư mục có tồn tại và được phép ghi") from exc
    raise DocumentError(str(path), f"không hỗ trợ định dạng {suffix or '(không có đuôi)'}",
                        "dùng đuôi .csv, .xlsx, .gexf hoặc .graphml")
