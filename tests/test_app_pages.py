"""AppTest per page of the Streamlit app, against a temporary database filled from corpus/.

The database holds the corpus documents as the pipeline reads them (metadata, sections,
normalized text), with the gold tasks and citations placed at their spans: the app is
tested on known content, independent of how far extraction quality has got.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("streamlit")

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from app_lib import appdata  # noqa: E402
from pipeline.extract import extract_file, extract_text  # noqa: E402
from pipeline.model import BodyMention, Citation, Deadline, DocumentMeta, Extraction, Task  # noqa: E402
from pipeline.store import Store, document_target  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
TUYEN_GIAO = "Ban Tuyên giáo Tỉnh ủy"
XSS_TEXT = (
    "TỈNH ỦY THỬ NGHIỆM\n\nKẾ HOẠCH\n\nvề kiểm tra hiển thị\n\n"
    "I- NHIỆM VỤ\n\n1. Ban Tổ chức Tỉnh ủy kiểm tra chuỗi <script>alert('x')</script> và <b>đậm</b>.\n\n"
    "2. Tiếp tục thực hiện Chương trình hành động số 15-NQ/TU của Tỉnh ủy.\n"
)
LINK_MENTION = "Chương trình hành động số 15-NQ/TU"


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    """Where a gold string sits in the normalized text (first 40 chars suffice to place it)."""
    for probe in (needle, needle[:40], needle[:20]):
        pos = text.find(probe, after)
        if pos < 0:
            pos = text.find(probe)
        if pos >= 0:
            return pos, pos + len(needle) if probe == needle else min(len(text), pos + len(needle))
    return 0, 0


def gold_extraction(path: Path) -> Extraction:
    """The pipeline's reading of a corpus file with the gold tasks and citations put in."""
    extraction = extract_file(path)
    text = extraction.normalized.text
    gold = json.loads((ROOT / "eval" / "gold" / (path.stem + ".json")).read_text(encoding="utf-8"))
    citations = []
    for cit in gold["citations"]:
        cited_meta = DocumentMeta(number=cit.get("number"), issued_date=_date(cit.get("issued_date")))
        target = document_target(cited_meta) or cit.get("title")
        cursor = 0
        for mention in cit.get("mentions", []):
            start, end = _span(text, mention, cursor)
            cursor = end
            citations.append(
                Citation(
                    mention=mention,
                    start=start,
                    end=end,
                    doc_type=cit.get("doc_type"),
                    number=cit.get("number"),
                    issued_date=_date(cit.get("issued_date")),
                    issuer=cit.get("issuer"),
                    term=cit.get("term"),
                    title=cit.get("title"),
                    target=target,
                    relation=cit.get("relation", "cites"),
                )
            )
    tasks = []
    for task in gold["tasks"]:
        start, end = _span(text, task["text"])
        deadline = task.get("deadline")
        tasks.append(
            Task(
                text=task["text"],
                start=start,
                end=end,
                section=task.get("section"),
                responsible=tuple(BodyMention(printed=n, name=n) for n in task.get("responsible", [])),
                coordinating=tuple(BodyMention(printed=n, name=n) for n in task.get("coordinating", [])),
                deadline=Deadline(
                    deadline["text"],
                    _date(deadline.get("start")),
                    _date(deadline.get("end")),
                    deadline.get("recurrence"),
                )
                if deadline
                else None,
            )
        )
    return dataclasses.replace(extraction, citations=tuple(citations), tasks=tuple(tasks))


def fill_database(db: Path) -> Store:
    """A database with every corpus document that has gold annotations, plus one document full of markup."""
    store = Store(db)
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        if (ROOT / "eval" / "gold" / (path.stem + ".json")).exists():
            store.ingest(gold_extraction(path))
    store.ingest(markup_extraction(store))
    return store


def markup_extraction(store: Store) -> Extraction:
    """A document whose text is full of markup and which cites a stored document (15-NQ/TU)."""
    extraction = extract_text(XSS_TEXT, "xss.txt")
    text = extraction.normalized.text
    start = text.index(LINK_MENTION)
    cited = next(d for d in store.documents() if d["number"] == "15-NQ/TU")
    link = Citation(
        mention=LINK_MENTION,
        start=start,
        end=start + len(LINK_MENTION),
        doc_type="Chương trình hành động",
        number="15-NQ/TU",
        target=cited["target"],
        relation="implements",
    )
    return dataclasses.replace(extraction, citations=(link,))


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("appdb") / "directives.db"
    fill_database(path).close()
    return path


@pytest.fixture
def app_env(db, monkeypatch, tmp_path):
    """Point the app at the test database and forget results cached for another database."""
    monkeypatch.setenv("DIRECTIVES_DB", str(db))
    monkeypatch.setenv("DIRECTIVES_UPLOADS", str(tmp_path / "uploads"))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield db
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def private_db(app_env, tmp_path, monkeypatch):
    """A database of its own, for tests that write (re-ingest) and must not disturb the others."""
    path = tmp_path / "private.db"
    fill_database(path).close()
    monkeypatch.setenv("DIRECTIVES_DB", str(path))
    st.cache_data.clear()
    st.cache_resource.clear()
    return path


def open_page(page: str, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    """Every visible string of the page (titles, markdown, captions, metrics, alerts)."""
    parts = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "success",
        "error",
        "warning",
    ):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join(parts)


# ----------------------------------------------------------------------------- overview


def test_overview_counts_match_the_store(app_env):
    at = open_page("overview")
    store = Store(app_env)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Văn bản"] == str(len(store.documents()))
    assert metrics["Nhiệm vụ"] == f"{store.count_tasks():,}".replace(",", ".")
    assert int(metrics["Cơ quan chủ trì"]) == len(store.body_counts())
    assert "Văn bản được trích dẫn nhiều nhất" in texts(at)
    cited = at.dataframe[-1].value if at.dataframe else None
    assert cited is not None and "22-NQ/TW" in " ".join(map(str, cited.iloc[:, 0]))


# ----------------------------------------------------------------------------- tasks


def _total(at: AppTest) -> int:
    line = next(m.value for m in at.markdown if "nhiệm vụ phù hợp" in m.value)
    return int(line.split("**")[1].replace(".", ""))


@pytest.mark.parametrize(
    ("widget", "value", "store_filter"),
    [
        ("tasks_body", [TUYEN_GIAO], {"body": TUYEN_GIAO}),
        ("tasks_search", "tuyen giao", {"search": "tuyen giao"}),
        ("tasks_status", [appdata.OVERDUE_LABEL], {"overdue": True}),
    ],
)
def test_task_filter_changes_rows(app_env, widget, value, store_filter):
    at = open_page("tasks")
    store = Store(app_env)
    assert _total(at) == store.count_tasks()
    element = next(w for w in at.sidebar.get(_kind(widget)) if w.key == widget)
    element.set_value(value).run()
    assert not at.exception
    expected = store.count_tasks(**store_filter)
    assert 0 < expected < store.count_tasks()
    assert _total(at) == expected
    table = at.dataframe[0].value
    assert len(table) == min(expected, 50)
    if widget == "tasks_body":
        assert all(TUYEN_GIAO in row for row in table["Chủ trì"])


def _kind(widget_key: str) -> str:
    return {"tasks_body": "multiselect", "tasks_search": "text_input", "tasks_status": "multiselect"}[
        widget_key
    ]


def test_task_filters_by_document_section_and_deadline_range(app_env):
    store = Store(app_env)
    doc = next(d for d in store.documents() if d["number"] == "15-NQ/TU")
    at = open_page("tasks")
    at.selectbox(key="tasks_doc").set_value(doc["id"]).run()
    assert _total(at) == store.count_tasks(document=doc["id"]) == doc["n_tasks"]
    sections = at.selectbox(key="tasks_section").options
    assert len(sections) > 2
    at.selectbox(key="tasks_section").set_value("III.1").run()
    assert 0 < _total(at) == store.count_tasks(document=doc["id"], section="III.1") < doc["n_tasks"]
    at.selectbox(key="tasks_section").set_value(None).run()
    at.selectbox(key="tasks_doc").set_value(None).run()
    at.date_input(key="tasks_from").set_value(date(2008, 12, 1))
    at.date_input(key="tasks_to").set_value(date(2008, 12, 31)).run()
    assert not at.exception
    in_range = store.count_tasks(due_from="2008-12-01", due_to="2008-12-31")
    assert 0 < _total(at) == in_range < store.count_tasks()
    assert set(at.dataframe[0].value["Hạn cuối"]) == {"31/12/2008"}


def test_accent_insensitive_search_equals_accented(app_env):
    store = Store(app_env)
    assert store.count_tasks(search="tuyen giao") == store.count_tasks(search="tuyên giáo") > 0


def test_status_edit_persists_across_rerun_and_reingest(private_db):
    at = open_page("tasks")
    key = at.selectbox(key="tasks_pick").value
    at.radio(key=f"tasks_new_status_{key}").set_value("hoàn thành")
    at.text_area(key=f"tasks_new_note_{key}").input("Đã xong trong quý")
    at.button[-1].click().run()  # the form's "Lưu"
    assert not at.exception
    assert any("Đã lưu" in s.value for s in at.success)

    store = Store(private_db)
    row = next(r for r in store.query_tasks() if r["task_key"] == key)
    assert (row["status"], row["note"]) == ("hoàn thành", "Đã xong trong quý")
    assert [h["new"] for h in store.history(key) if h["what"] == "status"] == ["hoàn thành"]

    at.run()  # a plain rerun shows the stored state
    assert at.radio(key=f"tasks_new_status_{key}").value == "hoàn thành"
    picker = at.selectbox(key="tasks_pick")
    assert picker.options[picker.index].startswith("[hoàn thành]")

    # Re-ingest the same document with its text edited elsewhere: the edit survives.
    doc = store.document(row["document_id"])
    path = ROOT / doc["source"]
    changed = gold_extraction(path)
    changed = dataclasses.replace(changed, content_hash=changed.content_hash + "-v2")
    assert store.ingest(changed).status in {"replaced", "unchanged"}
    again = next(r for r in store.query_tasks() if r["task_key"] == key)
    assert again["status"] == "hoàn thành"

    st.cache_data.clear()
    at2 = open_page("tasks")
    at2.selectbox(key="tasks_pick").set_value(key).run()
    assert at2.radio(key=f"tasks_new_status_{key}").value == "hoàn thành"
    history = at2.dataframe[-1].value
    assert "hoàn thành" in set(history["Mới"])


def test_exports_are_valid_files(app_env):
    at = open_page("tasks")
    assert {b.key for b in at.get("download_button")} == {"dl_csv", "dl_xlsx", "dl_ics"}
    store = Store(app_env)
    flt = appdata.TaskFilter(bodies=(TUYEN_GIAO,))
    rows = appdata.fetch_all(store, flt)
    assert rows and len(rows) == store.count_tasks(body=TUYEN_GIAO)

    parsed = list(csv.reader(io.StringIO(appdata.rows_to_csv(rows).decode("utf-8-sig"))))
    assert len(parsed) == len(rows) + 1 and "Nhiệm vụ" in parsed[0]

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(appdata.rows_to_xlsx(rows))).active
    assert sheet.max_row == len(rows) + 1

    from icalendar import Calendar

    dated = [r for r in store.query_tasks() if r["due_end"] or r["recurrence"]]
    calendar = Calendar.from_ical(appdata.rows_to_ics(dated))
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) >= 1


# ----------------------------------------------------------------------------- calendar


def test_calendar_month_shows_deadline_and_recurring(app_env):
    store = Store(app_env)
    dated = next(r for r in store.query_tasks() if r["due_end"] and not r["recurrence"])
    due = date.fromisoformat(dated["due_end"])
    at = open_page("calendar_view")
    at.number_input(key="cal_year").set_value(due.year)
    at.selectbox(key="cal_month").set_value(due.month).run()
    assert not at.exception
    grid = "".join(h.proto.body for h in at.get("html"))
    assert appdata.short(dated["text"], 40)[:20].replace("<", "&lt;") in grid.replace("&#x27;", "'")
    assert 'class="chip rec' in grid  # monthly duties fall in every month
    at.radio(key="cal_view").set_value("Danh sách").run()
    agenda = at.dataframe[0].value
    assert due.strftime("%d/%m/%Y") in set(agenda["Ngày"])


# ----------------------------------------------------------------------------- graph


def test_graph_page_lists_relations_and_exports(app_env):
    at = open_page("graph_view")
    text = texts(at)
    assert "Được trích dẫn bởi" in text and "Chuỗi thực hiện" in text
    graph = appdata.citation_graph()
    import networkx as nx

    gexf = appdata.graph_bytes(graph, "gexf")
    assert nx.read_gexf(io.BytesIO(gexf)).number_of_nodes() == graph.number_of_nodes()
    graphml = appdata.graph_bytes(graph, "graphml")
    assert nx.read_graphml(io.BytesIO(graphml)).number_of_edges() == graph.number_of_edges()


def test_graph_page_shows_who_implements_22_nq_tw(app_env):
    at = open_page("graph_view")
    picker = at.selectbox(key="graph_pick")
    node = next(o for o in picker.options if o.startswith("22-NQ/TW"))
    picker.set_value(node).run()
    assert not at.exception
    text = texts(at)
    assert "Chuỗi thực hiện xuống dưới (0)" not in text and "Chuỗi thực hiện xuống dưới (" in text, text
    implementers = at.dataframe[-1].value
    assert "15-NQ/TU" in set(implementers["Văn bản"])


def test_graph_finds_documents_implementing_22_nq_tw(app_env):
    graph = appdata.citation_graph()
    focus = next(n for n in graph.nodes if str(n).startswith("22-NQ/TW"))
    down = [n for _, n in appdata.implementation_chain(graph, focus, "down")]
    assert down, "the corpus programme implementing 22-NQ/TW must be found"


# ----------------------------------------------------------------------------- document


def test_document_page_highlights_and_escapes(app_env):
    store = Store(app_env)
    first = store.documents()[0]
    at = open_page("document_view", doc=str(first["id"]))
    body = "".join(h.proto.body for h in at.get("html"))
    assert 'class="hl-task' in body and "hl-citation" in body

    xss = next(d for d in store.documents() if d["source"] == "xss.txt")
    at = open_page("document_view", doc=str(xss["id"]))
    body = "".join(h.proto.body for h in at.get("html"))
    assert "&lt;script&gt;" in body and "<script>" not in body and "<b>đậm" not in body
    cited = next(d for d in store.documents() if d["number"] == "15-NQ/TU")
    assert f'href="./van-ban?doc={cited["id"]}"' in body


def test_document_citation_links_point_at_cited_documents(app_env):
    marks = [
        appdata.Highlight(0, 4, "citation", href="./van-ban?doc=7"),
        appdata.Highlight(2, 8, "task"),
    ]
    out = appdata.highlight_html("a<b>c d&e f", marks)
    assert out.count('href="./van-ban?doc=7"') == 2  # the citation is cut in two by the task boundary
    assert "&lt;" in out and "&gt;" in out and "&amp;" in out and "<b>" not in out


# ----------------------------------------------------------------------------- upload


@pytest.mark.parametrize(
    ("name", "data", "ok"),
    [
        ("thong-bao.txt", XSS_TEXT.replace("THỬ NGHIỆM", "TẢI LÊN").encode("utf-8"), True),
        ("rong.pdf", b"this is not a pdf", False),
    ],
)
def test_upload_reports_each_file(app_env, name, data, ok):
    at = open_page("upload")
    at.file_uploader[0].upload(name, data, "text/plain" if ok else "application/pdf").run()
    at.button(key="upload_go").click().run()
    assert not at.exception
    if ok:
        assert any(name in s.value for s in at.success), texts(at)
    else:
        assert any(name in e.value for e in at.error), texts(at)


# ----------------------------------------------------------------------------- pickers


@pytest.mark.parametrize(
    ("query", "keep", "limit", "expected"),
    [
        (None, (), 3, ["15-NQ/TU", "Đề án 21", "509-TB/TU"]),
        ("de an", (), 10, ["Đề án 21"]),  # accent-insensitive, đ folded
        ("TB/TU", ("15-NQ/TU",), 10, ["15-NQ/TU", "509-TB/TU"]),  # the current choice stays listed
        ("khong co", (), 10, []),
    ],
)
def test_narrow_bounds_and_filters_picker_lists(query, keep, limit, expected):
    items = ["15-NQ/TU", "Đề án 21", "509-TB/TU", "Kế hoạch 05"]
    assert appdata.narrow(items, str, query, keep=keep, limit=limit) == expected


def test_document_picker_filters_by_number(app_env):
    at = open_page("document_view")
    at.text_input(key="doc_find").input("509-tb").run()
    picker = at.selectbox(key="doc_pick")
    # The document already shown stays listed; the only match is added after it.
    assert [o.split(" — ")[0] for o in picker.options] == ["15-NQ/TU", "509-TB/TU"]
