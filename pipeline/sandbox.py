"""Untrusted files are extracted in a worker process under a memory limit and a time limit.

A crafted file (a list numbered from 2³¹, a zip member that lies about its size, a PDF
page of 400,000 text operators) must cost one clear line naming the file and the limit,
never the server. The robust guard is the operating system's: a forked worker with
RLIMIT_AS, killed when its time is up. The worker is long-lived (one fork per run, not
one per file), so an ordinary file pays only for sending its result back.

Limits: `DIRECTIVES_MAX_MEMORY_MB` beyond what the worker holds (default 1024) and `DIRECTIVES_DOC_TIMEOUT` seconds
per document (default 630: a little over the PDF budget, whose message says where it
stopped, so that one comes first).
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import resource
import threading
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DocumentError, cause_of, display_name

if TYPE_CHECKING:
    from .model import Extraction

DEFAULT_MEMORY_MB = 1024
DEFAULT_TIMEOUT = 630.0


def _env_number(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, "") or default)
    except ValueError:
        raise DocumentError(None, f"{name} must be a number, not {os.environ[name]!r}", "unset it for the default") from None
    return value if value > 0 else default


def memory_limit_mb() -> int:
    """Memory one document may use while it is read, beyond the worker's own: env
    DIRECTIVES_MAX_MEMORY_MB, else 1024 (the CLI's worker holds ~250 MB before it reads)."""
    return int(_env_number("DIRECTIVES_MAX_MEMORY_MB", DEFAULT_MEMORY_MB))


def document_timeout() -> float:
    """Seconds one document may take: env DIRECTIVES_DOC_TIMEOUT, else 630."""
    return _env_number("DIRECTIVES_DOC_TIMEOUT", DEFAULT_TIMEOUT)


def _limit_error(path: str, limit: str, limit_vi: str, variable: str) -> DocumentError:
    return DocumentError(
        path,
        f"reading the file went over the {limit} and was stopped",
        f"the file may be damaged or crafted; if it is a genuine document, split it or raise {variable}",
        vi=f"đọc tệp vượt quá {limit_vi} nên đã dừng (tệp có thể bị hỏng hoặc được tạo để gây hại; "
        f"nếu là văn bản thật, hãy tách nhỏ tệp hoặc tăng {variable})",
    )


def memory_error(path: str, limit_mb: int) -> DocumentError:
    """The one line for a file that needs more memory than it may have."""
    return _limit_error(
        path, f"memory limit ({limit_mb} MB)", f"giới hạn bộ nhớ ({limit_mb} MB)", "DIRECTIVES_MAX_MEMORY_MB"
    )


def timeout_error(path: str, seconds: float) -> DocumentError:
    """The one line for a file that takes longer than it may."""
    return _limit_error(
        path, f"time limit ({seconds:.0f} s)", f"giới hạn thời gian ({seconds:.0f} giây)", "DIRECTIVES_DOC_TIMEOUT"
    )


def _address_space() -> int:
    """Bytes of address space this process holds now (a forked worker starts with its parent's)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def _serve(conn: Connection, memory_bytes: int) -> None:
    """The worker: extract each path it is sent, answer (kind, payload); exit after a memory failure."""
    from .extract import extract_file

    # The limit is on top of what the worker holds before it reads anything: forked from a
    # large process (the app, a test run), it starts with that process's address space.
    limit = _address_space() + memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    while True:
        try:
            path, environment = conn.recv()
        except (EOFError, OSError):
            return
        if environment != os.environ:
            os.environ.clear()
            os.environ.update(environment)
        try:
            conn.send(("ok", extract_file(path)))
            continue
        except MemoryError:
            answer = ("memory", None)
        except DocumentError as err:
            answer = ("memory", None) if cause_of(err, MemoryError) else ("error", (err.path, err.reason, err.hint, err.vi))
        except RecursionError:
            answer = ("error", (path, "the file is nested too deeply to read", "save it again from the original", None))
        except Exception as err:  # noqa: BLE001 - reported by the parent as one line
            answer = ("crash", f"{type(err).__name__}: {err}"[:300])
        try:
            conn.send(answer)
        except MemoryError:
            return
        if answer[0] == "memory":
            return  # the heap may be fragmented or half-freed: start afresh


class Sandbox:
    """A long-lived worker that extracts files under limits; use as a context manager.

    `extract(path)` returns the Extraction or raises DocumentError (the file's own error,
    or the limit it went over); a worker that died or was stopped is replaced for the
    next file, so one hostile file never stops the others.
    """

    def __init__(self, memory_mb: int | None = None, timeout: float | None = None, start_method: str | None = None):
        self.start_method = start_method  # None: fork, or a fork server when other threads run
        self.memory_mb = memory_mb or memory_limit_mb()
        self.timeout = timeout or document_timeout()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None

    def start(self) -> None:
        """Fork the worker now (before a database is opened, so it inherits no connection)."""
        if self._process is not None and self._process.is_alive():
            return
        from . import extract  # noqa: F401 - imported once here, so a replaced worker starts warm

        # Forking a process that runs other threads (the Streamlit server) can copy a lock some
        # thread held, and break native code in the child: there a clean fork server is used.
        if self.start_method == "fork" or (self.start_method is None and threading.active_count() == 1):
            context = multiprocessing.get_context("fork")
        else:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["pipeline.extract"])
        parent, child = context.Pipe()
        self._process = context.Process(
            target=_serve, args=(child, self.memory_mb * 1024 * 1024), daemon=True, name="directives-extract"
        )
        self._process.start()
        child.close()
        self._conn = parent

    def extract(self, path: str | Path) -> Extraction:
        """Extract one file in the worker; raises DocumentError on the file's error or a limit."""
        name = str(path)
        self._send(name)
        assert self._conn is not None
        if not self._conn.poll(self.timeout):
            self.close()
            raise timeout_error(name, self.timeout)
        try:
            kind, payload = self._conn.recv()
        except (EOFError, OSError):
            code = self.close()  # the worker died: killed for memory, or a crash in native code
            if code is not None and code > 0:  # it exited by itself: it could not even start
                raise DocumentError(
                    name, f"the extraction worker stopped (exit status {code})", "run the command again; if it goes on, report it",
                    vi=f"tiến trình trích xuất dừng bất thường (mã {code}); hãy thử lại, nếu vẫn lỗi hãy báo lại",
                ) from None
            raise memory_error(name, self.memory_mb) from None
        if kind == "ok":
            # A name that is not UTF-8 or holds a control character is kept in its shown form:
            # the database and JSON output need valid, one-line text.
            shown = display_name(payload.source)
            return payload if shown == payload.source else dataclasses.replace(payload, source=shown)
        if kind == "error":
            path_, reason, hint, vi = payload
            raise DocumentError(path_, reason, hint, vi=vi)
        self.close()
        if kind == "memory":
            raise memory_error(name, self.memory_mb)
        raise DocumentError(
            name,
            f"unexpected error while extracting ({payload})",
            "the other files were processed; please report it with the file",
            vi=f"lỗi không lường trước khi trích xuất ({payload}); các tệp khác vẫn được xử lý, hãy báo lại kèm tệp",
        )

    def _send(self, name: str) -> None:
        for _attempt in range(2):  # a worker that ended since the last file is replaced once
            self.start()
            assert self._conn is not None
            try:
                self._conn.send((name, dict(os.environ)))  # the worker reads with the caller's settings
                return
            except (BrokenPipeError, OSError):
                self.close()
        raise DocumentError(name, "the extraction worker could not be started", "check free memory and try again")

    def close(self) -> int | None:
        """Stop the worker (at once: it may be stuck in a hostile file); its exit code, if it had one."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        code = None
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join(5)
            code, self._process = self._process.exitcode, None
        return code

    def __enter__(self) -> Sandbox:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def extract_isolated(path: str | Path) -> Extraction:
    """Extract one untrusted file (an upload) under the limits, in a worker of its own."""
    with Sandbox() as sandbox:
        return sandbox.extract(path)
