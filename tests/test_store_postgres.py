"""PostgreSQL as the shared store: reached by --db / DIRECTIVES_DB, migrations recorded, several
writers at once without lost updates, clear errors. Store behaviour itself is tested on both
backends through the `store_url` fixture (tests/conftest.py)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
import streamlit as st
from test_store import make_doc

from pipeline.cli import main
from pipeline.errors import DocumentError
from pipeline.store import (
    SCHEMA_VERSION,
    STATUS_DOING,
    STATUS_DONE,
    STATUS_TODO,
    DatabaseUrl,
    Store,
    default_db_path,
)
from pipeline.store.postgres import redact, translate

CORPUS = Path(__file__).parent.parent / "corpus"


def test_a_postgresql_url_selects_the_server_and_hides_its_password(monkeypatch):
    url = "postgresql://tracker:secret@db.example/directives"
    assert isinstance(default_db_path(url), DatabaseUrl)
    monkeypatch.setenv("DIRECTIVES_DB", url)
    path = default_db_path()
    assert str(path) == url  # what connects
    assert f"{path}" == "postgresql://tracker:***@db.example/directives" and "secret" not in repr(path)
    assert path.exists() and path.parent == Path("data")  # uploads and the like stay in data/
    assert default_db_path("x/y.db") == Path("x/y.db")


def test_the_sqlite_spelling_is_translated_for_psycopg():
    assert translate("SELECT 1 FROM t WHERE a = ? AND b IS ? AND c LIKE 'x%'") == (
        "SELECT 1 FROM t WHERE a = %s AND b IS NOT DISTINCT FROM %s AND c LIKE 'x%%'"
    )
    assert translate("SELECT :done, ':kept', \"?\" FROM t") == "SELECT %(done)s, ':kept', \"?\" FROM t"
    assert redact("postgresql://u:pw@h/d") == "postgresql://u:***@h/d"


def test_an_unreachable_server_says_what_to_check(tmp_path):
    with pytest.raises(DocumentError) as err:
        Store(f"postgresql://nobody:pw@/directives?host={tmp_path}&port=9")
    assert "cannot connect to the PostgreSQL server" in err.value.message
    assert "pw@" not in str(err.value)


def test_migrations_are_recorded_once(pg_url):
    with Store(pg_url) as store:
        versions = [r[0] for r in store.conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
        assert versions == list(range(1, SCHEMA_VERSION + 1)) and store.schema_version() == SCHEMA_VERSION
    with Store(pg_url) as store:  # a second server starting: nothing applied again
        assert store.conn.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0] == SCHEMA_VERSION


def test_another_applications_database_is_refused(pg_url):
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP TABLE schema_migrations CASCADE")
    with pytest.raises(DocumentError, match="another application's tables"):
        Store(pg_url)


def test_two_servers_editing_one_task_lose_no_update(pg_url):
    """Each edit reads the old status and appends history; interleaved edits from two connections
    must leave an unbroken chain (every change starts from the previous one's result)."""
    with Store(pg_url) as first:
        first.ingest(make_doc())
        key = first.query_tasks()[0]["task_key"]
    stores = [Store(pg_url), Store(pg_url)]
    cycle = (STATUS_DOING, STATUS_DONE, STATUS_TODO)
    rounds = 15

    def edit(store: Store, offset: int) -> None:
        for i in range(rounds):
            store.set_status(key, cycle[(i + offset) % 3], f"{offset}-{i}", user=f"server{offset}")

    threads = [threading.Thread(target=edit, args=(s, n)) for n, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    history = stores[0].history(key)
    notes = [h for h in history if h["what"] == "note"]
    statuses = [h for h in history if h["what"] == "status"]
    assert len(notes) == 2 * rounds  # every edit changed the note: none was lost
    assert all(a["new"] == b["old"] for a, b in zip(notes, notes[1:], strict=False))
    assert all(a["new"] == b["old"] for a, b in zip(statuses, statuses[1:], strict=False))
    final = stores[1].query_tasks(task_key=key)[0]
    assert final["note"] == notes[-1]["new"] and final["status"] == (statuses[-1]["new"] if statuses else STATUS_TODO)
    for s in stores:
        s.close()


def test_the_cli_ingests_lists_and_edits_through_a_postgresql_url(pg_url, capsys, monkeypatch):
    files = [str(p) for p in sorted(CORPUS.glob("*.txt"))[:2]]
    assert main(["ingest", *files, "--db", pg_url]) == 0
    assert capsys.readouterr().out.strip() == "2 added, 0 unchanged, 0 replaced, 0 failed"
    assert main(["ingest", *files, "--db", pg_url]) == 0
    assert capsys.readouterr().out.strip() == "0 added, 2 unchanged, 0 replaced, 0 failed"
    monkeypatch.setenv("DIRECTIVES_DB", pg_url)  # the environment variable works as --db does
    assert main(["tasks", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(r["status"] == STATUS_TODO for r in rows)
    assert main(["status", rows[0]["task_key"], "hoan thanh", "--note", "xong"]) == 0
    capsys.readouterr()
    assert main(["tasks", "--json", "--status", "hoàn thành"]) == 0
    done = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["task_key"] for r in done] == [rows[0]["task_key"]] and done[0]["note"] == "xong"


def test_the_app_serves_a_postgresql_store(pg_url, monkeypatch, tmp_path):
    from test_app_pages import fill_database, open_page, texts

    fill_database(pg_url).close()
    monkeypatch.setenv("DIRECTIVES_DB", pg_url)
    monkeypatch.setenv("DIRECTIVES_UPLOADS", str(tmp_path / "uploads"))
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        at = open_page("overview")
        with Store(pg_url) as store:
            metrics = {m.label: m.value for m in at.metric}
            assert metrics["Văn bản"] == str(len(store.documents()))
            at = open_page("tasks")
            at.sidebar.text_input(key="tasks_search").set_value("tuyen giao").run()
            assert not at.exception
            assert f"**{store.count_tasks(search='tuyên giáo')}**" in texts(at)
            store.ingest(make_doc(source="another-server.txt"))  # written by another app server
            key = store.query_tasks(document="another-server.txt")[0]["task_key"]
            store.set_status(key, STATUS_DONE, user="server2")
            at = open_page("overview")  # the same process, its caches warm
            assert {m.label: m.value for m in at.metric}["Văn bản"] == str(len(store.documents()))
            at = open_page("tasks")
            at.sidebar.multiselect(key="tasks_status").set_value([STATUS_DONE]).run()
            assert "**1**" in texts(at)
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()


def test_make_db_fills_an_empty_postgresql_database_and_refuses_a_full_one(pg_url, capsys):
    assert main(["make-db", "--documents", "3", "--tasks-per-document", "2", "--out", pg_url]) == 0
    assert "3 documents, 6 tasks" in capsys.readouterr().out
    assert main(["make-db", "--documents", "3", "--out", pg_url]) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and "postgresql://" in err


def test_a_connection_the_server_dropped_is_opened_again(pg_url):
    import psycopg

    with Store(pg_url) as store:
        store.ingest(make_doc())
        pid = store.conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        with psycopg.connect(pg_url, autocommit=True) as admin:  # a server restart, as the store sees it
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with pytest.raises(psycopg.OperationalError):
            store.count_tasks()  # the statement that finds the connection gone fails
        assert store.count_tasks() == 4  # the next one runs on a new connection
        store.set_status(store.query_tasks()[0]["task_key"], STATUS_DONE)


def _what_users_see(db: str) -> dict:
    """Tasks (with status and note), cited documents and user data, as the CLI and app read them."""
    with Store(db) as store:
        tasks = sorted(
            (r["task_key"], r["text"], r["section"], r["status"], r.get("note"), tuple(r.get("responsible") or ()))
            for r in store.query_tasks(limit=None)
        )
        citations = sorted(
            (rec["document"].get("number") or "", c.get("number") or "", c.get("mention") or "")
            for rec in store.records()
            for c in rec.get("citations", [])
        )
        user = store.export_user_data()
    statuses = sorted((s["task_key"], s["status"], s["note"], s["task_text"]) for s in user["task_status"])
    history = sorted((h["task_key"], h["what"], h["old"], h["new"]) for h in user["task_history"])
    return {"tasks": tasks, "citations": citations, "statuses": statuses, "history": history}


@pytest.mark.parametrize("how", [["--workers", "1"], ["--workers", "2"], ["--engine", "dask", "--workers", "2"]])
def test_the_corpus_in_postgresql_reads_as_in_sqlite(pg_url, tmp_path, capsys, how):
    """The done-when of the shared store: same tasks, citations and user data as a plain SQLite ingest,
    whichever way the files were extracted, and user data kept across a re-ingest."""
    sqlite_db = str(tmp_path / "plain.db")
    for db, argv in ((sqlite_db, ["--workers", "1"]), (pg_url, how)):
        assert main(["ingest", str(CORPUS), "--db", db, *argv]) == 0
        with Store(db) as store:
            key = sorted(r["task_key"] for r in store.query_tasks(limit=None))[0]
            store.set_status(key, STATUS_DOING, "đang làm")
        assert main(["ingest", str(CORPUS), "--db", db, *argv]) == 0
    capsys.readouterr()
    sqlite_view, pg_view = _what_users_see(sqlite_db), _what_users_see(pg_url)
    assert pg_view == sqlite_view
    assert [(s, n) for _, s, n, _ in pg_view["statuses"]] == [(STATUS_DOING, "đang làm")]
    assert pg_view["tasks"] and pg_view["citations"]
