"""Ingest at scale: extraction in several sandboxed workers or on a Dask cluster, one writer.

Why: extraction is CPU-bound Python (one core per process), while SQLite has one writer. So
files are extracted in N processes and handed back in the order given, and the main process
writes them in that order, a batch per transaction: the database is the same, row for row and
id for id, as a one-worker ingest. Dask is imported only for `--engine dask`.

Public verbs: `open_engine(workers, engine, scheduler)`, `write_outcomes(store, outcomes, ...)`.
"""

from __future__ import annotations

import dataclasses
import errno
import logging
import math
import multiprocessing
import os
import queue
import sqlite3
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DocumentError, display_name

if TYPE_CHECKING:
    from .model import Extraction
    from .sandbox import Sandbox
    from .store import Store

BATCH = 16  # files per write transaction, and at most per Dask task


@dataclass(frozen=True)
class Outcome:
    """One file's extraction, or the error that stopped it (raised again by the writer)."""

    path: Path
    extraction: Extraction | None = None
    error: Exception | None = None


def default_workers() -> int:
    """One worker per core (extraction is CPU-bound)."""
    return os.cpu_count() or 1


def _extract(path: Path, extract: Callable[[str], Extraction]) -> Outcome:
    try:
        return Outcome(path, extraction=extract(str(path)))
    except Exception as err:  # noqa: BLE001 - reported for this file by the writer, the others go on
        return Outcome(path, error=err)


class SandboxPool:
    """N long-lived sandboxed workers (each keeps its memory and time limits), fed by N threads."""

    def __init__(self, workers: int):
        from .sandbox import Sandbox  # lazy: loads every stage, not needed for --help

        self.sandboxes: list[Sandbox] = [Sandbox() for _ in range(max(1, workers))]

    def __enter__(self) -> SandboxPool:
        for sandbox in self.sandboxes:
            sandbox.start()  # forked before the database is opened and before any thread runs
        return self

    def __exit__(self, *exc: object) -> None:
        for sandbox in self.sandboxes:
            sandbox.close()

    def outcomes(self, files: Sequence[Path]) -> Iterator[Outcome]:
        """Each file's outcome, in the order of `files`."""
        if len(self.sandboxes) == 1:  # one worker: no thread, exactly the sequential ingest
            for path in files:
                yield _extract(path, self.sandboxes[0].extract)
            return
        idle: queue.SimpleQueue[Sandbox] = queue.SimpleQueue()
        for sandbox in self.sandboxes:
            idle.put(sandbox)

        def work(path: Path) -> Outcome:
            sandbox = idle.get()
            try:
                return _extract(path, sandbox.extract)
            finally:
                idle.put(sandbox)

        pool = ThreadPoolExecutor(len(self.sandboxes), thread_name_prefix="ingest")
        try:
            yield from _in_order(pool.submit, work, files, window=4 * len(self.sandboxes) + BATCH)
        finally:  # stopped early (Ctrl-C, a full disk): closing the sandboxes ends the files in flight
            pool.shutdown(wait=False, cancel_futures=True)


def _in_order(submit: Callable, work: Callable[[Path], Outcome], files: Sequence[Path],
              window: int) -> Iterator[Outcome]:
    """Results in input order, at most `window` files in flight: what waits behind a slow file stays bounded."""
    pending: deque[Future] = deque()
    for path in files:
        pending.append(submit(work, path))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


# ---------------------------------------------------------------- Dask


_worker_sandbox: Sandbox | None = None


def _sandbox_here() -> Sandbox | None:
    """This Dask worker's own sandbox, started on first use; None where the worker may not start
    processes (a daemonic worker: `dask worker` without DASK_DISTRIBUTED__WORKER__DAEMON=False)."""
    global _worker_sandbox
    if multiprocessing.current_process().daemon:
        return None
    if _worker_sandbox is None:
        from .sandbox import Sandbox

        _worker_sandbox = Sandbox()
    return _worker_sandbox


def extract_chunk(paths: list[str]) -> list[tuple[str, object]]:
    """Runs on a Dask worker: extract each file; plain picklable answers ("ok", Extraction) or
    ("error", (path, reason, hint, vi)), so nothing but the `pipeline` package is needed to read them."""
    sandbox = _sandbox_here()
    if sandbox is None:
        from .extract import extract_file
    answers: list[tuple[str, object]] = []
    for path in paths:
        try:
            answers.append(("ok", sandbox.extract(path) if sandbox else extract_file(path)))
        except DocumentError as err:
            answers.append(("error", (err.path, err.reason, err.hint, err.vi)))
        except Exception as err:  # noqa: BLE001 - one line for this file, the chunk goes on
            answers.append(("error", (path, f"unexpected error while extracting ({type(err).__name__}: {err})"[:300],
                                      "the other files were processed; please report it with the file", None)))
    return answers


def _from_answer(path: Path, sent: str, answer: tuple[str, object]) -> Outcome:
    """The worker read the file by its absolute path: name it as the user gave it, as a plain ingest does."""
    shown = display_name(path)
    kind, payload = answer
    if kind == "ok":
        return Outcome(path, extraction=dataclasses.replace(payload, source=shown))
    err_path, reason, hint, vi = payload
    return Outcome(path, error=DocumentError(shown if err_path in (sent, display_name(sent)) else err_path,
                                             reason, hint, vi=vi))


def chunk_size(n_files: int, workers: int) -> int:
    """Files per Dask task: coarse (a task costs milliseconds of scheduling), yet every worker gets some."""
    return max(1, min(BATCH, math.ceil(n_files / max(1, workers))))


class DaskEngine:
    """Files extracted on a Dask cluster: a LocalCluster of `workers` processes, or `scheduler`'s."""

    def __init__(self, workers: int, scheduler: str | None = None):
        self.workers, self.scheduler = max(1, workers), scheduler
        self.client = self.cluster = None

    def __enter__(self) -> DaskEngine:
        import dask
        from distributed import Client, LocalCluster

        logging.getLogger("distributed").setLevel(logging.WARNING)  # its start/stop chatter is not for users
        try:
            if self.scheduler:
                self.client = Client(self.scheduler, timeout="20s")
            else:
                # Not daemonic: each worker runs its files in a sandbox process of its own.
                with dask.config.set({"distributed.worker.daemon": False}):
                    self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                                dashboard_address=None,  # no dashboard, and its HTTP port
                                                scheduler_kwargs={"dashboard_address": ":0"})  # not 8787: any free one
                self.client = Client(self.cluster)
        except Exception as err:  # noqa: BLE001 - a timeout, a refused port, a worker that would not start
            self.__exit__()
            if self.scheduler:
                raise DocumentError(self.scheduler, f"cannot reach the Dask scheduler ({err})",
                                    "start `dask scheduler` there, or check the tcp://HOST:PORT address") from None
            raise DocumentError(None, f"the local Dask cluster did not start ({type(err).__name__}: {err})",
                                "ingest without --engine dask, or check free memory") from None
        return self

    def __exit__(self, *exc: object) -> None:
        for part in (self.client, self.cluster):
            if part is not None:
                part.close()

    def outcomes(self, files: Sequence[Path]) -> Iterator[Outcome]:
        """Each file's outcome, in the order of `files` (tasks are chunks of files)."""
        workers = sum(self.client.nthreads().values()) or self.workers  # the cluster's own size
        size = chunk_size(len(files), workers)
        chunks = [list(files[i:i + size]) for i in range(0, len(files), size)]
        sent = [[str(path.absolute()) for path in chunk] for chunk in chunks]
        futures = deque(self.client.map(extract_chunk, sent, pure=False))
        try:
            for chunk, names in zip(chunks, sent, strict=True):
                answers = _answers(futures.popleft(), names)  # the result is dropped on the cluster once read
                for path, name, answer in zip(chunk, names, answers, strict=True):
                    yield _from_answer(path, name, answer)
        finally:
            for future in futures:  # stopped early: the chunks not read yet are not extracted
                future.cancel()


def _answers(future, names: list[str]) -> list[tuple[str, object]]:
    try:
        return future.result()
    except Exception as err:  # noqa: BLE001 - a lost worker fails its chunk, not the run
        reason = f"the Dask worker extracting it failed ({type(err).__name__}: {err})"[:300]
        hint = "check the workers have this project installed and can read the file at that path"
        return [("error", (name, reason, hint, None)) for name in names]


def open_engine(workers: int, engine: str = "plain", scheduler: str | None = None) -> SandboxPool | DaskEngine:
    """The extractors for an ingest; enter it before opening the database."""
    if engine == "dask":
        return DaskEngine(workers, scheduler)
    return SandboxPool(workers)


# ---------------------------------------------------------------- the one writer


def disk_full(err: BaseException) -> bool:
    """SQLite's "database or disk is full", or ENOSPC from a write."""
    return (isinstance(err, sqlite3.OperationalError) and "full" in str(err)) or (
        isinstance(err, OSError) and err.errno == errno.ENOSPC
    )


def notices(shown: str, extraction: Extraction, result) -> list[str]:
    """Stored, but worth a line: parts that could not be read, a duplicate, user data to review."""
    lines = [f"{shown}: warning: {warning}" for warning in extraction.warnings]
    if result.duplicate_of:
        lines.append(
            f"{shown}: same directive as {display_name(result.duplicate_of)} (number, issuer, date); kept the stored one"
        )
    if result.orphaned:
        lines.append(
            f"{shown}: {result.orphaned} task(s) with user data no longer found or not certain;"
            " kept and flagged for review (`tasks --orphans`)"
        )
    return lines


def _store_one(store: Store, outcome: Outcome, counts: Counter[str], say: Callable[[str], None]) -> bool:
    """Write one outcome (or report its error); False when the disk is full and the rest must stop."""
    shown = display_name(outcome.path)
    try:
        if outcome.error is not None:
            raise outcome.error
        result = store.ingest(outcome.extraction)
        counts[result.status] += 1
        for line in notices(shown, outcome.extraction, result):
            say(line)
    except DocumentError as err:
        counts["failed"] += 1
        say(err.message if err.path else f"{shown}: {err.message}")
    except Exception as err:  # noqa: BLE001 - one bad file must not stop the others
        counts["failed"] += 1
        if disk_full(err):
            say(f"{shown}: not stored, the disk is full; free some space and ingest again")
            return False  # every other file would fail the same way
        say(f"{shown}: unexpected error ({type(err).__name__}: {err}); please report it")
    return True


def _batches(items: Iterable[Outcome], size: int) -> Iterator[list[Outcome]]:
    batch: list[Outcome] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_outcomes(store: Store, outcomes: Iterable[Outcome], counts: Counter[str], say: Callable[[str], None],
                   batch: int = 1, advance: Callable[[int], object] = lambda n: None) -> None:
    """Write outcomes in the order given, `batch` per transaction (1: a transaction per file, as ever)."""
    for group in _batches(outcomes, max(1, batch)):
        done: Counter[str] = Counter()
        going = True
        try:
            with store.batch() if batch > 1 else nullcontext():
                for outcome in group:
                    going = _store_one(store, outcome, done, say)
                    advance(1)
                    if not going:
                        break
        except Exception as err:  # noqa: BLE001 - the batch's commit failed: none of it was stored
            lost = done["added"] + done["replaced"]
            done.update(failed=lost, added=-done["added"], replaced=-done["replaced"])
            say(f"{display_name(group[0].path)} … {display_name(group[-1].path)}: {lost} file(s) not stored"
                f" ({type(err).__name__}: {err}); free some space or check the database, and ingest again")
            going = False  # the database cannot take writes now: the next batches would fail the same way
        counts.update(done)
        if not going:
            return
