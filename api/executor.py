"""Running endpoint queries under a time limit and a result-size limit.

`ProcessExecutor` (embedded Oxigraph store) evaluates queries in a pool of worker
processes over an immutable snapshot of the store: a query past its time limit is
stopped by killing its worker, and a slow query occupies one worker while the others
keep answering. After a write, `refresh()` takes a new snapshot (a RocksDB checkpoint,
hard links, milliseconds) and workers switch to it on their next query. A query whose
work its answer bounds (api.bounded: one triple pattern) runs in this process instead
when no other such query does, up to INLINE_ROWS rows: the trip to a worker and back
costs more than the query on the smallest requests. pyoxigraph lets go of the GIL while it
reads but needs it back for every chunk it writes, so a longer read here contends with every
other request's Python (100,000 rows take a second), and two or eight at a time cost more
CPU a request than one (8 clients, one article's graph) where the workers run side by side:
a larger answer is abandoned and asked of a worker. Even one at a time, a query here costs
more CPU while other requests' threads run beside it than the same query in a worker (the
tenth session: 8 clients, every one-article graph answered here 3.2 - 3.6 ms of CPU a request,
none 2.6 - 2.8), so while other queries run a bounded query takes an idle worker if one comes
within BUSY_WAIT with the current snapshot open, and runs here when none does (slow queries
hold them all, or the worker would open the store first).
`ThreadExecutor` (any other Store, e.g. a remote server) hands the time limit to the
store's own HTTP timeout and applies the same row limit to the answer.
"""
from __future__ import annotations

import inspect
import math
import os
import pickle
import queue
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from api import sparql_form
from api.bounded import bounded
from api.results import WIRE_MEDIA, NoAcceptableFormat, encode, parse_wire
from api.worker import evaluate
from kg import native_memory
from kg.errors import KGError, QueryError, QueryTimeout, ResultTooLarge, StoreError
from kg.store import OxigraphStore, Store

_ROOT = str(Path(__file__).resolve().parent.parent)
_REPLY_ERRORS = {"too_large": ResultTooLarge, "query": QueryError, "store": StoreError,
                 "not_acceptable": NoAcceptableFormat}


class Executor:
    """Runs one SPARQL query: (media type, body) or a domain error."""

    def __init__(self, timeout: float, max_results: int):
        self.timeout, self.max_results = timeout, max_results

    def run(self, query: str, media: dict, default_graphs=None, named_graphs=None) -> tuple[str, bytes]:
        raise NotImplementedError

    def dry_run(self, update: str) -> None:
        """Parse and plan `update` where a crash costs no more than a worker.
        :raise QueryError: a syntax error.  :raise QueryTimeout, StoreError: as for queries."""

    def refresh(self) -> None:
        """The store changed: make later queries see it."""

    def close(self) -> None:
        """Stop workers and remove temporary files."""

    def status(self) -> dict:
        return {}

    def _job(self, query, media, default_graphs, named_graphs) -> dict:
        return {"query": query, "media": media, "default_graphs": default_graphs,
                "named_graphs": named_graphs, "max_results": self.max_results}

    def _timeout_error(self) -> QueryTimeout:
        return QueryTimeout(f"the query ran past the time limit of {self.timeout:g} s and was stopped")


SNAPSHOT_PREFIX = ".kg-snapshots-"
INLINE_ROWS, INLINE_BYTES = 1_000, 1 << 19  # an answer this process gives itself: a few ms
BUSY_WAIT = 0.005  # seconds a bounded query waits for an idle worker, while others run, before running here


def _remove_orphaned_snapshots(folder: Path | None) -> None:
    """Snapshot folders left by a server that was killed (its pid is gone)."""
    if folder is None or not folder.is_dir():
        return
    for path in folder.glob(SNAPSHOT_PREFIX + "*"):
        pid = path.name[len(SNAPSHOT_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            shutil.rmtree(path, ignore_errors=True)


class _Worker:
    """A `python -m api.worker` child joined to us by a socket pair.

    A plain subprocess, not multiprocessing: it must not re-import the parent's
    __main__ (a console script, pytest, a benchmark), and killing it is all we need.
    Jobs and replies travel as plain pickles (api.worker.send); the wait for a reply is one
    poll(2) on the worker's own poll object: `Connection.poll` builds, fills and closes a
    selector each time, and `Connection.send` a multiprocessing pickler, about 50 µs of a
    request's Python between them.
    """

    def __init__(self):
        ours, theirs = socket.socketpair()
        env = native_memory.tuned_environment(
            dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [_ROOT, os.environ.get("PYTHONPATH")]))))
        self.process = subprocess.Popen([sys.executable, "-m", "api.worker", str(theirs.fileno())],
                                        pass_fds=[theirs.fileno()], env=env, stdin=subprocess.DEVNULL)
        theirs.close()
        self.conn = Connection(ours.detach())
        self._poller = select.poll()
        self._poller.register(self.conn.fileno(), select.POLLIN)
        self.snapshot, self.retired = None, False

    def ask(self, message, seconds: float):
        """Send `message` and wait up to `seconds` for the reply; None when none came in time.
        :raise EOFError, OSError: the worker is gone."""
        self.conn.send_bytes(pickle.dumps(message, pickle.HIGHEST_PROTOCOL))
        if not self._poller.poll(math.ceil(max(0.0, seconds) * 1000)):
            return None
        return pickle.loads(self.conn.recv_bytes())

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self):
        self.retired = True
        self.process.kill()
        self.process.wait(5)
        self.conn.close()


class ProcessExecutor(Executor):
    def __init__(self, store: OxigraphStore, *, workers: int = 4, timeout: float = 30.0,
                 max_results: int = 100_000):
        super().__init__(timeout, max_results)
        self.store, self.size = store, workers
        parent = store.path.parent if store.path is not None else None
        _remove_orphaned_snapshots(parent)
        self._root = Path(tempfile.mkdtemp(prefix=f"{SNAPSHOT_PREFIX}{os.getpid()}-", dir=parent))
        self._lock = threading.Lock()
        self._generation, self._snapshot = 0, None
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._inline = threading.Lock()  # held by the one bounded query running in this process
        self._count, self._running = threading.Lock(), 0  # queries in run() now
        self.refresh()
        for _ in range(workers):
            self._add_worker()

    def _add_worker(self):
        worker = _Worker()
        with self._lock:
            self._all.add(worker)
        self._idle.put(worker)

    def _retire(self, worker: _Worker):
        worker.stop()
        with self._lock:
            self._all.discard(worker)
        self._add_worker()

    def refresh(self):
        """Snapshot the store as it is now; workers reopen it on their next query."""
        with self._lock:
            self._generation += 1
            target = self._root / f"gen-{self._generation}"
            if self.store.path is not None:
                self.store.native.backup(str(target))
            else:
                copy = ox.Store(str(target))
                copy.bulk_extend(self.store.native)
                copy.flush()
                del copy
            self._snapshot = str(target)
        self._prune()

    def _prune(self):
        with self._lock:
            in_use = {w.snapshot for w in self._all} | {self._snapshot}
            for path in self._root.iterdir():
                if str(path) not in in_use:
                    shutil.rmtree(path, ignore_errors=True)

    def _claim(self) -> _Worker:
        try:
            return self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise QueryTimeout(f"all {self.size} query workers stayed busy for "
                               f"{self.timeout:g} s; try again later") from None

    def run(self, query, media, default_graphs=None, named_graphs=None):
        with self._count:
            self._running += 1
            alone = self._running == 1
        try:
            worker = None
            if default_graphs is None and named_graphs is None and bounded(query):
                if not alone:
                    worker = self._idle_worker(BUSY_WAIT)
                if worker is None and self._inline.acquire(False):
                    try:
                        answer = self._run_inline(query, media)
                    finally:
                        self._inline.release()
                    if answer is not None:
                        return answer
            deadline = time.monotonic() + self.timeout
            worker = worker or self._claim()
            try:
                return self._ask(worker, deadline, self._job(query, media, default_graphs, named_graphs))
            finally:
                if not worker.retired:
                    self._idle.put(worker)
        finally:
            with self._count:
                self._running -= 1

    def _idle_worker(self, seconds: float) -> _Worker | None:
        """An idle worker with the current snapshot open, waiting up to `seconds`; None when none
        came or it is cold (it would open the store first: a new worker, or after a write)."""
        try:
            worker = self._idle.get(timeout=seconds)
        except queue.Empty:
            return None
        if worker.snapshot != self._snapshot:
            self._idle.put(worker)
            return None
        return worker

    def _run_inline(self, query, media):
        """A bounded query on the live store (which every write through the app reaches
        before its snapshot does): the worker's evaluation, without the trip; None for an
        answer past INLINE_ROWS or INLINE_BYTES (a worker answers it, or says it is too large)."""
        job = self._job(query, media, None, None)
        job.update(max_results=min(self.max_results, INLINE_ROWS), max_bytes=INLINE_BYTES)
        try:
            with self.store.reading() as native:
                return evaluate(native, job)
        except ResultTooLarge:
            return None
        except KGError:  # a syntax error, no acceptable format
            raise
        except Exception as e:  # as a worker answers it (api.worker.main)
            raise QueryError(f"query failed: {type(e).__name__}: {e}") from None

    def dry_run(self, update):
        deadline = time.monotonic() + self.timeout
        worker = self._claim()
        try:
            self._ask(worker, deadline, {"update": update})
        finally:
            if not worker.retired:
                self._idle.put(worker)

    def _ask(self, worker: _Worker, deadline: float, job: dict):
        with self._lock:  # claimed under the lock, so that _prune() never removes it under us
            snapshot = worker.snapshot = self._snapshot
        try:
            reply = worker.ask((snapshot, job), deadline - time.monotonic())
        except (EOFError, OSError) as e:
            self._retire(worker)
            raise StoreError(f"a query worker failed: {e}") from None
        if reply is None:
            self._retire(worker)
            raise self._timeout_error()
        status, first, body = reply
        if status == "ok":
            return first, body
        raise _REPLY_ERRORS[status](first)

    def close(self):
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.stop()
        shutil.rmtree(self._root, ignore_errors=True)

    def status(self):
        with self._lock:
            alive = sum(w.alive() for w in self._all)
        return {"workers": self.size, "alive": alive, "idle": self._idle.qsize(),
                "snapshot": self._generation, "kind": "processes"}


class ThreadExecutor(Executor):
    def __init__(self, store: Store, *, workers: int = 4, timeout: float = 30.0,
                 max_results: int = 100_000):
        super().__init__(timeout, max_results)
        self.store = store
        self.size = max(2, workers * 2)
        self._threads = ThreadPoolExecutor(max_workers=self.size, thread_name_prefix="sparql")
        self._passes_timeout = "timeout" in inspect.signature(store.query_raw).parameters

    def run(self, query, media, default_graphs=None, named_graphs=None):
        future = self._threads.submit(self._fetch, query, media, default_graphs, named_graphs)
        try:
            return future.result(timeout=self.timeout)
        except FutureTimeout:
            future.cancel()
            raise self._timeout_error() from None

    def _fetch(self, query, media, default_graphs, named_graphs):
        kind = sparql_form.result_kind(query) or "solutions"
        extra = {"timeout": self.timeout} if self._passes_timeout else {}
        body = self.store.query_raw(query, WIRE_MEDIA[kind], default_graphs=default_graphs,
                                    named_graphs=named_graphs, **extra)
        try:
            return encode(parse_wire(kind, body), media, self.max_results)
        except Exception as e:
            # pyoxigraph's results may be dropped only on the thread that made them, and the
            # error's frames (encode's) would carry this one to the caller's thread
            traceback.clear_frames(e.__traceback__)
            raise

    def close(self):
        self._threads.shutdown(wait=False, cancel_futures=True)

    def status(self):
        return {"workers": self.size, "alive": self.size, "kind": "threads"}


def make_executor(store: Store, *, workers: int, timeout: float, max_results: int) -> Executor:
    if isinstance(store, OxigraphStore):
        return ProcessExecutor(store, workers=workers, timeout=timeout, max_results=max_results)
    return ThreadExecutor(store, workers=workers, timeout=timeout, max_results=max_results)
