"""Fixtures that run store tests on both backends: SQLite (in memory) and PostgreSQL.

PostgreSQL comes from $DIRECTIVES_TEST_PG (a server URL whose user may create databases; .ci/run
starts a throwaway cluster with scripts/pg_test_cluster.sh), else from a throwaway cluster this
session starts itself when the server binaries are installed. Without either, the PostgreSQL
cases skip, except in CI (CI=true), where they fail: CI must test both backends.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import urllib.parse
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PG_ENV = "DIRECTIVES_TEST_PG"
TEMPLATE = "directives_test_template"
CLUSTER_SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "pg_test_cluster.sh"


def with_database(url: str, name: str) -> str:
    """The same server URL naming another database."""
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path="/" + name))


def _no_server(reason: str) -> None:
    message = f"no PostgreSQL server for the postgresql store tests: {reason}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + " (CI must run them: .ci/run starts one with scripts/pg_test_cluster.sh)")
    pytest.skip(message + f"; set {PG_ENV}=postgresql://… or install Debian's postgresql package")


def _own_cluster() -> tuple[str, str] | None:
    """(URL, folder) of a throwaway cluster started for this session, or None when it cannot be."""
    if not shutil.which("bash") or not any(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl")):
        return None
    folder = tempfile.mkdtemp(prefix="directives-pg-")
    done = subprocess.run(["bash", str(CLUSTER_SCRIPT), "start", folder], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"scripts/pg_test_cluster.sh could not start a cluster: {done.stderr.strip()}")
    return done.stdout.strip(), folder


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The admin URL of a PostgreSQL server holding a migrated template database."""
    psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e '.[dev]')")
    url, folder = os.environ.get(PG_ENV), None
    if not url:
        started = _own_cluster()
        if started is None:
            _no_server(f"${PG_ENV} is not set and no PostgreSQL server binaries are installed")
        url, folder = started
    try:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {TEMPLATE}")
            admin.execute(f"CREATE DATABASE {TEMPLATE}")
    except psycopg.OperationalError as exc:
        _no_server(f"cannot connect to {url}: {exc}")
    from pipeline.store import Store

    Store(with_database(url, TEMPLATE)).close()  # migrated once; each test copies it
    yield url
    if folder:
        subprocess.run(["bash", str(CLUSTER_SCRIPT), "stop", folder], check=False)
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _fresh_database(server: str) -> Iterator[str]:
    """A new database copied from the migrated template, dropped afterwards."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    try:
        yield with_database(server, name)
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for one test."""
    with _fresh_database(pg_server) as url:
        yield url


def _backend_url(request: pytest.FixtureRequest) -> Iterator[str]:
    if request.param == "sqlite":
        yield ":memory:"
        return
    with _fresh_database(request.getfixturevalue("pg_server")) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """Where a two-backend store test opens its Store: SQLite in memory, or a fresh PostgreSQL database."""
    yield from _backend_url(request)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_store_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """store_url for a module's shared store (built once per backend)."""
    yield from _backend_url(request)
