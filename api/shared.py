"""What the views of every blueprint share, reached through the running app.

The blueprints import this module, never the `api` package that registers them,
so the package and its blueprints do not import each other.
"""
from __future__ import annotations

import threading

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
        self.results = results if results is not None else ResultCache(0)  # /sparql answers
        self.generation = 0  # bumped by every write; part of every result-cache key
        self.writes = 0
        self.closed = False

    def written(self) -> None:
        """Call after every write so that queries and caches see it. The generation moves only
        once the executor sees the new data, so an answer cached under it is never stale."""
        self.cache.clear()
        self.executor.refresh()
        self.generation += 1
        self.results.clear()
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
