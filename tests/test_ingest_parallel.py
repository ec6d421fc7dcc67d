"""`ingest --workers N` and `--engine dask`: the same database, row for row and id for id, as one worker."""

from __future__ import annotations

import dataclasses
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from test_store import META, make_doc

from pipeline.cli import main
from pipeline.store import STATUS_DONE, Store

CORPUS = Path(__file__).parent.parent / "corpus"
_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00")


def content(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table, with the times of writing (ingested_at, applied_at) blanked."""
    with Store(db) as store:
        return {
            table: [tuple(_TIME.sub("<time>", v) if isinstance(v, str) else v for v in row) for row in rows]
            for table, rows in store.dump().items()
        }


def ingest(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["ingest", *argv])
    out, err = capsys.readouterr()
    return code, out.strip(), err


@pytest.fixture(scope="module")
def one_worker_db(tmp_path_factory) -> Path:
    """The corpus ingested the sequential way, to compare with."""
    db = tmp_path_factory.mktemp("one") / "one.db"
    assert main(["ingest", str(CORPUS), "--db", str(db), "--workers", "1"]) == 0
    return db


@pytest.mark.parametrize("engine", ["plain", "dask"])
def test_two_workers_give_the_same_database_as_one(tmp_path, capsys, one_worker_db, engine):
    db = tmp_path / f"{engine}.db"
    code, out, err = ingest(capsys, str(CORPUS), "--db", str(db), "--workers", "2", "--engine", engine)
    assert (code, out) == (0, f"{len(list(CORPUS.glob('*.txt')))} added, 0 unchanged, 0 replaced, 0 failed"), err
    assert content(db) == content(one_worker_db)


def test_status_is_kept_when_a_corrected_file_is_reingested_with_two_workers(tmp_path, capsys):
    folder = tmp_path / "docs"
    shutil.copytree(CORPUS, folder)
    db = str(tmp_path / "s.db")
    assert ingest(capsys, str(folder), "--db", db, "--workers", "2")[0] == 0
    edited = sorted(folder.glob("*.txt"))[0]
    text = edited.read_text(encoding="utf-8")
    with Store(db) as store:
        rows = store.query_tasks()
        target = next(r for r in reversed(rows) if len(r["text"]) > 60 and r["text"][:40] in text)
        store.set_status(target["task_key"], STATUS_DONE, "đã xong")
    at = text.index(target["text"][:40]) + len(target["text"].split()[0])
    edited.write_text(text[:at] + " nhanh chóng" + text[at:], encoding="utf-8")
    code, out, _ = ingest(capsys, str(folder), "--db", db, "--workers", "2")
    assert (code, out) == (0, "0 added, 3 unchanged, 1 replaced, 0 failed")
    with Store(db) as store:
        done = store.query_tasks(status=STATUS_DONE)
        assert len(done) == 1 and done[0]["note"] == "đã xong" and "nhanh chóng" in done[0]["text"]
        assert store.orphans() == []


def test_a_broken_file_among_good_ones_is_named_and_the_others_stored(tmp_path, capsys):
    good = sorted(CORPUS.glob("*.txt"))[:3]
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"\x00\x01 not a pdf at all")
    db = tmp_path / "f.db"
    code, out, err = ingest(capsys, str(good[0]), str(broken), *map(str, good[1:]), "--db", str(db), "--workers", "2")
    assert (code, out) == (1, "3 added, 0 unchanged, 0 replaced, 1 failed")
    assert any(line.startswith(f"{broken}:") for line in err.splitlines()), err
    with Store(db) as store:
        assert [d["source"] for d in sorted(store.documents(), key=lambda d: d["id"])] == list(map(str, good))


def test_a_document_failing_inside_a_batch_rolls_back_alone(tmp_path, monkeypatch):
    first = make_doc(source="a.txt")
    second = make_doc(meta=dataclasses.replace(META, number="06-KH/TU"), source="b.txt")
    with Store(tmp_path / "b.db") as store:
        real = store._insert_document

        def fail_for_b(extraction, *args):
            if extraction.source == "b.txt":
                raise OSError("injected")
            return real(extraction, *args)

        monkeypatch.setattr(store, "_insert_document", fail_for_b)
        with store.batch():
            assert store.ingest(first).status == "added"
            with pytest.raises(OSError):
                store.ingest(second)
        assert [d["source"] for d in store.documents()] == ["a.txt"]


def test_scheduler_needs_the_dask_engine(capsys):
    code, _, err = ingest(capsys, str(CORPUS), "--scheduler", "tcp://127.0.0.1:8786")
    assert code == 2 and "--engine dask" in err


def test_dask_is_not_imported_by_a_plain_ingest(tmp_path):
    probe = (
        "import sys; from pipeline.cli import main;"
        f" main(['ingest', {str(sorted(CORPUS.glob('*.txt'))[0])!r}, '--db', {str(tmp_path / 'p.db')!r}]);"
        " print('dask' in sys.modules, 'distributed' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).parent.parent)
    assert done.stdout.splitlines()[-1] == "False False", done.stderr


def test_a_full_disk_with_two_workers_stops_after_storing_the_files_before_it(tmp_path, capsys, monkeypatch):
    files = sorted(CORPUS.glob("*.txt"))[:3]
    real = Store.ingest

    def full_at_second(self, extraction):
        if extraction.source == str(files[1]):
            raise sqlite3.OperationalError("database or disk is full")
        return real(self, extraction)

    monkeypatch.setattr(Store, "ingest", full_at_second)
    db = tmp_path / "full.db"
    code, out, err = ingest(capsys, *map(str, files), "--db", str(db), "--workers", "2")
    assert (code, out) == (1, "1 added, 0 unchanged, 0 replaced, 1 failed")
    assert f"{files[1]}: not stored, the disk is full" in err
    with Store(db) as store:
        assert [d["source"] for d in store.documents()] == [str(files[0])]


def test_an_existing_dask_cluster_by_its_scheduler_address(tmp_path, capsys, one_worker_db):
    """A cluster started elsewhere (`dask scheduler` + `dask worker`): here one of daemonic workers,
    as `dask worker` starts them by default, so each extracts in its own process."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        db = tmp_path / "remote.db"
        code, out, err = ingest(capsys, str(CORPUS), "--db", str(db), "--engine", "dask",
                                "--scheduler", cluster.scheduler_address)
    assert code == 0, err
    assert content(db) == content(one_worker_db)
