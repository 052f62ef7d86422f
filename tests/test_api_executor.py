"""Query execution: snapshots follow writes, killed workers are replaced, other stores get the timeout."""
import gc
import json
import sys
import time
from pathlib import Path

import pytest

from api_fixtures import SLOW_QUERY

from api.executor import ProcessExecutor, ThreadExecutor
from kg import native_memory
from kg.errors import QueryError, QueryTimeout, ResultTooLarge, StoreError
from kg.store import OxigraphStore, Store

MEDIA = {"solutions": "application/sparql-results+json", "boolean": "application/sparql-results+json",
         "graph": "application/n-triples"}
INSERT = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> %d } }"


@pytest.fixture()
def store(tmp_path):
    s = OxigraphStore(tmp_path / "store")
    for i in range(3):
        s.update(INSERT % i)
    yield s
    s.close()


def count(executor) -> int:
    import json

    _, body = executor.run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", MEDIA)
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_executor_snapshot_follows_writes_after_refresh(store):
    executor = ProcessExecutor(store, workers=2, timeout=5, max_results=100)
    try:
        assert count(executor) == 3
        store.update(INSERT % 7)
        assert count(executor) == 3  # still the snapshot: writes are announced by refresh()
        executor.refresh()
        assert count(executor) == count(executor) == 4
        snapshots = list(executor._root.iterdir())
        assert len(snapshots) <= 2  # old snapshots go once no worker uses them
    finally:
        executor.close()
    assert not executor._root.exists()


def test_executor_in_memory_store_is_served_too():
    store = OxigraphStore(in_memory=True)
    store.update(INSERT % 1)
    executor = ProcessExecutor(store, workers=1, timeout=5, max_results=100)
    try:
        assert count(executor) == 1
    finally:
        executor.close()


def test_executor_timeout_kills_and_replaces_the_worker(store):
    executor = ProcessExecutor(store, workers=1, timeout=1, max_results=100)
    try:
        pid = next(iter(executor._all)).process.pid
        started = time.monotonic()
        with pytest.raises(QueryTimeout):
            executor.run(SLOW_QUERY, MEDIA)
        assert time.monotonic() - started < 3
        assert next(iter(executor._all)).process.pid != pid
        assert count(executor) == 3
    finally:
        executor.close()


def test_executor_errors_come_back_as_domain_errors(store):
    executor = ProcessExecutor(store, workers=1, timeout=5, max_results=2)
    try:
        with pytest.raises(QueryError):
            executor.run("SELECT WHERE", MEDIA)
        with pytest.raises(ResultTooLarge):
            executor.run("SELECT * WHERE { ?s ?p ?o }", MEDIA)
    finally:
        executor.close()


def test_executor_bounded_queries_skip_the_busy_workers(store):
    """One triple pattern with a small answer is answered in the server's own process, with
    the worker's error mapping; a larger answer, and any other query, wait for a worker."""
    executor = ProcessExecutor(store, workers=1, timeout=1, max_results=2)
    worker = executor._claim()  # the only worker is busy
    try:
        _, body = executor.run("SELECT * WHERE { ?s ?p ?o } LIMIT 2", MEDIA)
        assert len(json.loads(body)["results"]["bindings"]) == 2
        with pytest.raises(QueryError):
            executor.run("SELECT * WHERE { ?s <relative> ?o }", MEDIA)
        for waits in ("CONSTRUCT WHERE { ?s ?p ?o }", "SELECT * WHERE { ?s ?p ?o } ORDER BY ?o"):
            with pytest.raises(QueryTimeout, match="stayed busy"):
                executor.run(waits, MEDIA)
    finally:
        executor._idle.put(worker)
    try:
        with pytest.raises(ResultTooLarge):  # the worker's answer, over the limit
            executor.run("CONSTRUCT WHERE { ?s ?p ?o }", MEDIA)
    finally:
        executor.close()


def test_executor_bounded_queries_beside_others_take_an_idle_worker(store, monkeypatch):
    """While another query runs, a bounded query goes to an idle worker that has the snapshot open
    (a query here costs more CPU beside other requests' threads); with every worker busy or cold
    it is still answered here."""
    executor = ProcessExecutor(store, workers=1, timeout=20, max_results=100)  # a worker's start under load
    inline = []
    run_inline = executor._run_inline
    monkeypatch.setattr(executor, "_run_inline", lambda *a: inline.append(a) or run_inline(*a))
    try:
        _, body = executor.run("SELECT * WHERE { ?s ?p ?o }", MEDIA)  # alone: here
        assert len(inline) == 1 and executor._running == 0
        executor._running = 1  # another request's query is running
        _, body = executor.run("SELECT * WHERE { ?s ?p ?o }", MEDIA)  # the worker is cold: here
        assert len(inline) == 2
        assert count(executor) == 3  # now it has the snapshot open
        _, body = executor.run("SELECT * WHERE { ?s ?p ?o }", MEDIA)
        assert len(json.loads(body)["results"]["bindings"]) == 3 and len(inline) == 2
        worker = executor._claim()  # and now every worker is busy
        try:
            _, body = executor.run("SELECT * WHERE { ?s ?p ?o }", MEDIA)
            assert len(json.loads(body)["results"]["bindings"]) == 3 and len(inline) == 3
        finally:
            executor._idle.put(worker)
        executor._running = 0
    finally:
        executor.close()


def test_executor_large_bounded_answers_go_to_a_worker(store, monkeypatch):
    """An answer past what this process gives itself is abandoned and asked of a worker."""
    import api.executor

    monkeypatch.setattr(api.executor, "INLINE_ROWS", 1)
    executor = ProcessExecutor(store, workers=1, timeout=1, max_results=100)
    worker = executor._claim()
    try:
        with pytest.raises(QueryTimeout, match="stayed busy"):  # it waited for the worker
            executor.run("SELECT * WHERE { ?s ?p ?o }", MEDIA)
        executor._idle.put(worker)
        _, body = executor.run("SELECT * WHERE { ?s ?p ?o }", MEDIA)
        assert len(json.loads(body)["results"]["bindings"]) == 3
    finally:
        executor.close()


class Delegating(Store):
    """Another Store implementation (as a remote store is): only the abstract interface."""

    def __init__(self, inner, delay=0.0):
        self.inner, self.delay, self.timeouts = inner, delay, []

    def query_raw(self, sparql, media_type, *, default_graphs=None, named_graphs=None, timeout=None):
        self.timeouts.append(timeout)
        time.sleep(self.delay)
        return self.inner.query_raw(sparql, media_type, default_graphs=default_graphs, named_graphs=named_graphs)

    def query(self, *a, **k):
        return self.inner.query(*a, **k)

    def replace_graphs(self, *a, **k):
        return self.inner.replace_graphs(*a, **k)

    def drop_graph(self, iri):
        return self.inner.drop_graph(iri)

    def update(self, text, **dataset):
        return self.inner.update(text, **dataset)

    def graph_names(self):
        return self.inner.graph_names()

    def dump(self, *a, **k):
        return self.inner.dump(*a, **k)


@pytest.mark.skipif(not sys.platform.startswith("linux") or not native_memory.tuned_environment({}),
                    reason="glibc and /proc only")
def test_executor_workers_start_with_glibcs_larger_malloc_cache(store, monkeypatch):
    """Query workers get kg.native_memory's tcache setting; a GLIBC_TUNABLES of the caller's own wins."""
    def tunables() -> list[bytes]:
        executor = ProcessExecutor(store, workers=1, timeout=30, max_results=10)
        try:
            assert count(executor) == 3  # the worker has started (before its exec, /proc shows our environment)
            pid = next(iter(executor._all)).process.pid
            return [v for v in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0") if v.startswith(b"GLIBC_")]
        finally:
            executor.close()

    monkeypatch.delenv("GLIBC_TUNABLES", raising=False)
    assert tunables() == [f"GLIBC_TUNABLES=glibc.malloc.tcache_count={native_memory.TCACHE_COUNT}".encode()]
    monkeypatch.setenv("GLIBC_TUNABLES", "glibc.malloc.tcache_count=7")
    assert tunables() == [b"GLIBC_TUNABLES=glibc.malloc.tcache_count=7"]


def test_executor_other_stores_get_the_timeout_and_the_row_limit(store):
    remote = Delegating(store)
    executor = ThreadExecutor(remote, workers=2, timeout=4, max_results=2)
    try:
        media, body = executor.run("ASK { ?s ?p 1 }", MEDIA)
        assert b"true" in body and remote.timeouts == [4]
        _, graph = executor.run("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 2", MEDIA)
        assert graph.count(b"\n") == 2
        with pytest.raises(ResultTooLarge):
            executor.run("SELECT * WHERE { ?s ?p ?o }", MEDIA)
    finally:
        executor.close()
    slow = ThreadExecutor(Delegating(store, delay=2), workers=1, timeout=0.5, max_results=10)
    try:
        with pytest.raises(QueryTimeout):
            slow.run("ASK {}", MEDIA)
    finally:
        slow.close()


def test_executor_pool_results_die_on_their_thread(store, monkeypatch):
    """pyoxigraph's results may be dropped only on the thread that made them: an error out of a
    pool thread (here a result past the row limit) must carry no frame that still holds one,
    or the main thread's garbage collector drops it there (an unraisable RuntimeError)."""
    dropped = []
    monkeypatch.setattr(sys, "unraisablehook", dropped.append)
    executor = ThreadExecutor(Delegating(store), workers=1, timeout=4, max_results=1)
    try:
        with pytest.raises(ResultTooLarge):
            executor.run("SELECT * WHERE { ?s ?p ?o }", MEDIA)
    finally:
        executor.close()
    gc.collect()
    assert [str(d.exc_value) for d in dropped] == []


def test_executor_queries_during_writes_never_lose_their_snapshot(store):
    """Refreshes (writes) racing with queries: every query answers, from one snapshot or the next."""
    import threading

    executor = ProcessExecutor(store, workers=3, timeout=10, max_results=1000)
    failures, done = [], threading.Event()

    def query_loop():
        while not done.is_set():
            try:
                count(executor)
            except Exception as e:  # collected and reported by the assertion below
                failures.append(e)

    threads = [threading.Thread(target=query_loop) for _ in range(3)]
    try:
        for t in threads:
            t.start()
        for i in range(30):
            store.update(INSERT % (100 + i))
            executor.refresh()
        done.set()
        for t in threads:
            t.join(10)
        assert not failures, failures[:3]
        assert count(executor) == 33
    finally:
        done.set()
        executor.close()


def test_executor_a_crashed_worker_is_an_error_and_is_replaced(store):
    import os
    import signal
    import threading

    executor = ProcessExecutor(store, workers=1, timeout=20, max_results=100)
    try:
        worker = next(iter(executor._all))
        threading.Timer(0.5, lambda: os.kill(worker.process.pid, signal.SIGKILL)).start()
        started = time.monotonic()
        with pytest.raises(StoreError, match="query worker failed"):
            executor.run(SLOW_QUERY, MEDIA)
        assert time.monotonic() - started < 5
        assert executor.status()["alive"] == 1 and count(executor) == 3
    finally:
        executor.close()
