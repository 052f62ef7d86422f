"""What the views of every blueprint share, reached through the running app.

The blueprints import this module, never the `api` package that registers them,
so the package and its blueprints do not import each other.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager

from api.position_cache import PositionCache, Touched, touched
from kg import native_memory

# writes between two native_memory.trim() calls: a trim costs a few ms of CPU
TRIM_EVERY = 100


class Services:
    """What the views share: the store, the query executor, caches cleared on writes."""

    def __init__(self, store, executor, owns_store: bool, results=None):
        from api.result_cache import ResultCache

        self.store, self.executor, self.owns_store = store, executor, owns_store
        self.write_lock = threading.Lock()
        self.cache: dict = {}
        self.positions = PositionCache()  # kept across writes, dropped where they touch it
        self.results = results if results is not None else ResultCache(0)  # /sparql answers
        self.generation = 0  # bumped by every write; part of every result-cache key
        self.writes = 0
        self.closed = False

    @contextmanager
    def writing(self, articles: list[str] | None = None):
        """The write lock around a write that changes the graphs of `articles` (IRIs; None: it may
        change anything); afterwards queries see the write, and the kept positions, pages and labels that
        the write touched, before or after it, are dropped (api.position_cache)."""
        with self.write_lock:
            before = touched(self.store, articles if self.results.enabled else None)
            try:
                yield
            finally:
                changed = None  # None: drop everything, as after a failed look
                try:
                    if before is not None:
                        changed = before | touched(self.store, articles)
                finally:
                    self.written(changed)

    def written(self, changed: Touched | None = None) -> None:
        """Call after every write (`writing` does) so that queries and caches see it. The
        generation moves only once the executor sees the new data, so an answer cached under
        it is never stale. `changed`: all the write may have changed (None: anything)."""
        self.cache.clear()
        self.executor.refresh()
        self.generation += 1
        self.results.clear()
        self.positions.forget(changed)
        self.writes += 1
        if self.writes % TRIM_EVERY == 0:  # what the write and its extraction freed goes back to the system
            native_memory.trim()

    def close(self) -> None:
        """Stop the query workers (and close the store if the app opened it); idempotent."""
        if self.closed:
            return
        self.closed = True
        self.executor.close()
        if self.owns_store:
            self.store.close()


def services(app=None) -> Services:
    """The Services of the app handling the current request (or of `app`)."""
    from flask import current_app

    return (app or current_app).extensions["standpunkt"]
