"""Task tables: the rows of an appendix that lists tasks with their time and responsible body.

Plans and programmes often end with "PHỤ LỤC — DANH MỤC CÁC NHIỆM VỤ ...", a table whose columns
are the task (Nội dung / Nhiệm vụ), its time (Thời gian ...), who leads it (Cơ quan chủ trì) and
who helps (Cơ quan phối hợp). A PDF text layer prints such a table one cell per line, cells
wrapped over several lines, so a row is read by the kind of its cells rather than by position:
a run of content lines, then attribute cells — time cells (a time expression or a standing
phrase: "Hàng quý", "Thường xuyên", "Theo chỉ đạo của Tỉnh ủy") and body cells (names the
gazetteer covers, "chủ trì", "phối hợp") — until the next content line. A bare Roman numeral
line with a title after it ("II / Lĩnh vực Văn hóa - Xã hội") opens a group: the rows under
it get the section "Phụ lục.II".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .bodies import find_bodies
from .lexicon import is_task_table_header, roman_value, split_marker, task_table_columns
from .model import DocumentMeta, Task
from .temporal import find_time_expressions

# "PHỤ LỤC", "Phụ lục II:", "PHỤ LỤC: DANH MỤC NHIỆM VỤ …" alone on a line
_APPENDIX = re.compile(
    r"^[ \t]*(?:PHỤ\s+LỤC(?:\s+[IVX\d]+)?(?:\s*[:.\-–][^\n]*)?|Phụ\s+lục(?:\s+[IVX\d]+)?\s*:?)[ \t]*$", re.MULTILINE
)
_HEADER_WORDS = re.compile(r"(?i)^(?:stt|tt|nội\s+dung|nhiệm\s+vụ|thời\s+gian|cơ\s+quan|đơn\s+vị|chủ\s+trì|"
                           r"phối\s+hợp|nguồn\s+lực|sản\s+phẩm|kết\s+quả|ghi\s+chú|thực\s+hiện|btv|bch)")
_GROUP = re.compile(r"^\s*(?P<roman>[IVX]{1,5})\s*\.?\s*$")
_NUMBER_CELL = re.compile(r"^\s*\d{1,3}\s*\.?\s*$")
_STANDING_TIME = re.compile(
    r"(?i)^\s*(?:thường\s+xuyên|hằng\s+năm|hàng\s+năm|hằng\s+quý|hàng\s+quý|hằng\s+tháng|hàng\s+tháng|định\s+kỳ|"
    r"(?:thực\s+hiện\s+)?theo\s+(?:chỉ\s+đạo|kế\s+hoạch|hướng\s+dẫn|yêu\s+cầu)|cả\s+nhiệm\s+kỳ|"
    r"\d{4}\s*[-–]\s*\d{4})"
)
_ROLE_WORDS = re.compile(r"(?i)\b(?:chủ\s+trì|phối\s+hợp(?:\s+với)?|thực\s+hiện|và|các|cùng)\b|[,;.]")
_END = re.compile(r"^\s*(?:Nơi\s+nhận|T/M|TM\.|K/T|KT\.)", re.IGNORECASE)


@dataclass
class _Row:
    section: str
    content: list[tuple[int, int]]
    times: list[str]
    bodies: list[str]
    helpers: str = ""


@dataclass(frozen=True)
class TableRow:
    """One task row: its content span and section, and its cells as printed."""

    task: Task
    times: tuple[str, ...]
    lead: str  # the body cell ("Đảng ủy UBND xã chủ trì, phối hợp Công an xã")
    helpers: str  # a separate "phối hợp" cell, where the table has one


@dataclass(frozen=True)
class Table:
    """A task table: the span it covers (header included) and its rows."""

    start: int
    end: int
    rows: tuple[TableRow, ...]


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    for line in text[start:end].split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _is_time_cell(cell: str, ref: date | None) -> bool:
    if _STANDING_TIME.match(cell):
        return True
    found = find_time_expressions(cell, ref)
    covered = sum((d.span_end or 0) - (d.span_start or 0) for d in found)
    letters = len(re.sub(r"[\W_]", "", cell))
    return bool(found) and covered >= 0.6 * len(cell.strip(" .,;"))  and letters < 40


def _body_share(cell: str) -> float:
    """How much of a cell names bodies (role words aside)."""
    rest = _ROLE_WORDS.sub(" ", cell)
    for m in find_bodies(cell):
        rest = rest.replace(cell[m.start : m.end], " ")
    rest_letters = len(re.sub(r"[\W\d_]", "", rest))
    all_letters = len(re.sub(r"[\W\d_]", "", _ROLE_WORDS.sub(" ", cell)))
    return 1 - rest_letters / all_letters if all_letters else 0.0


def _table_start(text: str, start: int, end: int) -> int | None:
    """Where the rows begin: after an appendix title and a header naming task-table columns."""
    m = _APPENDIX.search(text, start, end)
    if not m:
        return None
    header_hits = 0
    for ls, le in _lines(text, m.end(), end)[:40]:
        cell = text[ls:le]
        if _HEADER_WORDS.match(cell):
            header_hits += 1
            continue
        if header_hits >= 3 and (_GROUP.match(cell) or len(cell) > 12):
            return ls
    return None


def _rows(text: str, start: int, end: int, ref: date | None, base: str = "Phụ lục", in_body: bool = False) -> list[_Row]:
    """The rows from `start`: to the signature, or in the body (`in_body`) to its next heading."""
    rows: list[_Row] = []
    section = base
    lines = _lines(text, start, end)
    i = 0
    while i < len(lines):
        ls, le = lines[i]
        cell = text[ls:le].strip()
        if _END.match(cell) or (in_body and _body_heading(cell)):
            break
        group = _GROUP.match(cell)
        if group and roman_value(group.group("roman")) and i + 1 < len(lines):
            section = f"{base}.{group.group('roman')}" if base else group.group("roman")
            i += 2  # the group's title line
            continue
        if _NUMBER_CELL.match(cell):
            i += 1
            continue
        row = _Row(section, [], [], [])
        while i < len(lines) and not row.times:  # content lines up to the first time cell
            ls, le = lines[i]
            cell = text[ls:le].strip()
            if _is_time_cell(cell, ref) or (row.content and _body_share(cell) >= 0.99):
                break
            row.content.append((ls, le))
            i += 1
        body_text = ""
        while i < len(lines):  # attribute cells: times, then bodies
            ls, le = lines[i]
            cell = text[ls:le].strip()
            if _is_time_cell(cell, ref) and not body_text:
                row.times.append(cell)
            elif _GROUP.match(cell):
                break
            elif _body_share(f"{body_text} {cell}".strip()) >= 0.6:
                body_text = f"{body_text} {cell}".strip()
            elif i + 1 < len(lines) and _body_share(f"{body_text} {cell} {text[slice(*lines[i + 1])]}") >= 0.6:
                # a name cut after its first word ("Ủy ban" / "MTTQVN xã", "TT." / "HĐND xã")
                body_text = f"{body_text} {cell} {text[slice(*lines[i + 1])].strip()}".strip()
                i += 1
            else:
                break
            i += 1
        if body_text:
            row.bodies.append(body_text)
        if row.content and (row.times or row.bodies):
            rows.append(row)
        elif not row.content:
            i += 1
    return rows


def _body_heading(cell: str) -> bool:
    """ "IV. TỔ CHỨC THỰC HIỆN", "2. Ban Xây dựng Đảng …": the body's text goes on after a table."""
    marker = split_marker(cell)
    return marker is not None and marker.style != "bullet" and bool(cell[marker.length :].strip())


_LONGEST_HEADER_CELL = 40  # characters


def _header_run(text: str, lines: list[tuple[int, int]], i: int) -> int:
    """How many lines from `i` are a task table's header printed one cell per line ("TT",
    "Nội dung", "Cơ quan chủ trì", "Thời gian"), 0 if they are none."""
    cells = []
    for ls, le in lines[i:]:
        cell = text[ls:le].strip()
        if len(cell) > _LONGEST_HEADER_CELL or not _HEADER_WORDS.match(cell):
            break
        cells.append(cell)
    return len(cells) if is_task_table_header(cells) else 0


def _column_roles(text: str, header: list[tuple[int, int]]) -> list[str]:
    """The role of each header cell in order: "number", "content", "lead", "help", "time", or "other"."""
    cells = [text[ls:le].strip() for ls, le in header]
    by_index = {i: role for role, i in task_table_columns(cells).items()}
    return [by_index.get(i, "number" if _NUMBER_HEADER.match(c) else "other") for i, c in enumerate(cells)]


_NUMBER_HEADER = re.compile(r"(?i)^s?tt\.?$")


def _fits(role: str, cell: str, ref: date | None) -> bool:
    """Could this line be a cell of that column (a body for "lead"/"help", a time for "time")?"""
    if role in ("lead", "help"):
        return _body_share(cell) >= 0.6
    return role == "time" and _is_time_cell(cell, ref)


def _stops(cell: str) -> bool:
    """A row's number, the body's next heading or the signature: no content of the row before it."""
    return bool(_NUMBER_CELL.match(cell) or _body_heading(cell) or _END.match(cell))


def _fits_any(cell: str, roles: list[str], ref: date | None) -> bool:
    return any(_fits(role, cell, ref) for role in roles)


def _rows_by_columns(
    text: str, lines: list[tuple[int, int]], roles: list[str], ref: date | None, base: str
) -> tuple[list[_Row], int]:
    """Rows of a table whose header gave its columns, each opened by its number cell (or, where
    a page-number filter took that cell, by plain text after a row's cells): the content lines,
    then each later column's cell where the next line fits it (an empty cell prints no line).
    Returns the rows and the end of the last line read."""
    after = roles[roles.index("content") + 1 :]
    rows: list[_Row] = []
    i, end = 0, lines[0][0] if lines else 0
    while i < len(lines):
        cell = text[slice(*lines[i])].strip()
        numbered = _NUMBER_CELL.match(cell) is not None
        if not numbered and not (rows and not _stops(cell) and not _fits_any(cell, after, ref)):
            break  # neither a row's number nor, after a row, plain text that opens the next
        row, i = _Row(base, [], [], []), i + 1 if numbered else i
        while i < len(lines):  # content lines, up to what stops the row or fits a later column
            line = text[slice(*lines[i])].strip()
            if _stops(line) or (row.content and _fits_any(line, after, ref)):
                break
            row.content.append(lines[i])
            i += 1
        for role in after:
            cell = text[slice(*lines[i])].strip() if i < len(lines) else ""
            if not cell or _stops(cell) or not _fits(role, cell, ref):
                continue
            {"lead": row.bodies, "time": row.times}.get(role, []).append(cell)
            row.helpers = cell if role == "help" else row.helpers
            i += 1
        if not row.content or not (row.bodies or row.times or row.helpers):
            break  # no cells of its own: the table is over
        rows.append(row)
        end = lines[i - 1][1]
    return rows, end


def _cell_tables(
    text: str, start: int, ref: date | None, section_of: Callable[[int], str], appendix_at: int | None = None
) -> list[Table]:
    """Tables printed one cell per line under a header of their own, in the body or in an appendix
    other than the one already read from `appendix_at` (its header is not read again)."""
    tables: list[Table] = []
    lines = _lines(text, start, len(text))
    i = 0
    while i < len(lines):
        k = _header_run(text, lines, i)
        if not k or i + k >= len(lines):
            i += 1
            continue
        header = lines[i][0]
        base = _table_section(text, start, header, section_of)
        if base == "Phụ lục" and appendix_at is not None and header < appendix_at:
            i += k  # the header of the appendix table read already
            continue
        roles = _column_roles(text, lines[i : i + k])
        if "number" in roles and base != "Phụ lục":
            found, end = _rows_by_columns(text, lines[i + k :], roles, ref, base)
        else:
            found = _rows(text, lines[i + k][0], len(text), ref, base, in_body=base != "Phụ lục")
            end = found[-1].content[-1][1] if found else 0
        rows = tuple(_as_row(text, row) for row in found)
        if not rows:
            i += k
            continue
        tables.append(Table(header, end, rows))
        i = next((j for j in range(i + k, len(lines)) if lines[j][0] >= end), len(lines))
    return tables


def _as_row(text: str, row: _Row) -> TableRow:
    s, e = row.content[0][0], row.content[-1][1]
    task = Task(text=text[s:e].replace("\n", " "), start=s, end=e, section=row.section)
    return TableRow(task, tuple(row.times), " ".join(row.bodies), row.helpers)


def _cell_spans(text: str, ls: int, le: int) -> list[tuple[int, int]]:
    spans, pos = [], ls
    for cell in text[ls:le].split("\t"):
        lead = len(cell) - len(cell.lstrip())
        spans.append((pos + lead, pos + len(cell.rstrip())))
        pos += len(cell) + 1
    return spans


def _cells_by_role(text: str, spans: list[tuple[int, int]], columns: dict[str, int]) -> dict[str, str]:
    return {role: text[slice(*spans[i])] for role, i in columns.items() if i < len(spans)}


def _tab_table(text: str, lines: list[tuple[int, int]], i: int, base: str) -> tuple[Table, int]:
    """The table whose header is lines[i]; returns it and the index of the line after it."""
    columns = task_table_columns(text[slice(*lines[i])].split("\t"))
    section, rows, j = base, [], i + 1
    while j < len(lines) and "\t" in text[slice(*lines[j])]:
        spans = _cell_spans(text, *lines[j])
        cells = _cells_by_role(text, spans, columns)
        first = text[slice(*spans[0])].strip(" .")
        if _GROUP.match(first) and not cells.get("lead") and not cells.get("time"):
            section = f"{base}.{first}" if base else first  # "II | Lĩnh vực văn hóa" opens a group
        elif re.search(r"[^\W\d_]", cells.get("content", "")):
            times = [cells["time"]] if cells.get("time") else []
            row = _Row(section, [spans[columns["content"]]], times, [cells.get("lead", "")], cells.get("help", ""))
            rows.append(_as_row(text, row))
        j += 1
    return Table(lines[i][0], lines[j - 1][1], tuple(rows)), j


def _table_section(text: str, start: int, header: int, section_of: Callable[[int], str]) -> str:
    """A table under an appendix title ("PHỤ LỤC: DANH MỤC NHIỆM VỤ") is the appendix's, whatever
    section the title stands in; otherwise the table belongs where it stands."""
    titles = list(_APPENDIX.finditer(text, start, header))
    if titles and section_of(titles[-1].start()) == section_of(header):
        return "Phụ lục"
    return section_of(header)


def _tab_tables(text: str, start: int, end: int, section_of: Callable[[int], str]) -> list[Table]:
    """Tables a Word reader wrote one row per line, cells joined by tabs, under a header row."""
    tables: list[Table] = []
    lines = _lines(text, start, end)
    i = 0
    while i < len(lines):
        ls, le = lines[i]
        if is_task_table_header(text[ls:le].split("\t")):
            table, i = _tab_table(text, lines, i, _table_section(text, start, ls, section_of))
            tables.append(table)
        else:
            i += 1
    return tables


def find_tables(
    text: str, start: int, meta: DocumentMeta | None = None, section_of: Callable[[int], str] = lambda pos: ""
) -> list[Table]:
    """Task tables after `start`: rows a Word table wrote with tabs, and an appendix printed one
    cell per line. `section_of(pos)` names the section a table in the body stands in."""
    tables = _tab_tables(text, start, len(text), section_of)
    table = _table_start(text, start, len(text))
    ref = meta.issued_date if meta else None
    appendix_at = None
    if table is not None and not any(t.start <= table < t.end for t in tables):
        rows = tuple(_as_row(text, row) for row in _rows(text, table, len(text), ref))
        if rows:
            tables.append(Table(table, rows[-1].task.end, rows))
            appendix_at = table
    for cells in _cell_tables(text, start, ref, section_of, appendix_at):
        if not any(t.start <= cells.start < t.end or cells.start <= t.start < cells.end for t in tables):
            tables.append(cells)
    return sorted(tables, key=lambda t: t.start)
