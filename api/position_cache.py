"""Position descriptions kept between writes: every visitor of a page reads its positions again.

A position answer (api.queries.position_nodes) is the union of each position's own
description: its triples, its evidence node, the labels of its holder, topic and
proposition. Kept per position, a page asks the store only for the positions it has not
seen since the last write; the labels of holders and topics are kept apart as well (most
pages name the same few dozen topics), so a page of positions not yet seen asks only for the
labels no page has needed since the last write. The cache lives in Services.cache, which every write through
the app clears; it is bounded (the least recently used go first) and on only where the
/sparql result cache is (the embedded store, whose every write goes through the app;
`--cache-mb 0` turns both off).
"""
from __future__ import annotations

import threading

from cachetools import LRUCache

from api.shared import Services

MAX_POSITIONS = 4096  # about 20 triples, 3.6 kB each: some 15 MB at most
MAX_LABELS = 4096  # holders and topics: a label or two each


class Lru:
    """cachetools' LRU cache, at most `size` entries, read and written a page at a time under
    one lock (request threads share it)."""

    def __init__(self, size: int):
        self.size = size
        self._entries: LRUCache = LRUCache(maxsize=size)
        self._lock = threading.Lock()

    def get_many(self, keys) -> dict:
        with self._lock:
            return {k: self._entries[k] for k in keys if k in self._entries}  # a read makes it recent

    def put_many(self, entries: dict) -> None:
        with self._lock:
            self._entries.update(entries)


class PositionCache(Lru):
    """Position IRI -> its description (a list of triples); `labels`: (kind, IRI) -> the
    label triples of a holder or topic."""

    def __init__(self, size: int = MAX_POSITIONS):
        super().__init__(size)
        self.labels = Lru(MAX_LABELS)


def position_cache(svc: Services) -> PositionCache | None:
    """The cache of the app's current generation, or None where answers must not be kept."""
    if not svc.results.enabled:
        return None
    return svc.cache.setdefault("position descriptions", PositionCache())
