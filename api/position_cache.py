"""Position descriptions and actor pages kept across writes, each dropped by the writes that touch it.

Every visitor of an actor's page asks the same two things of the store: which positions are
on the page (ordering all of the actor's positions by date: 14 ms for a popular actor on 1 M
triples) and what each of them says (its triples, its evidence node, the labels of its
holder, topic and proposition: 19 ms for 50). Kept here, a page asks the store only for
what it has not seen since a write changed it, so the first visit after a write costs a
read of what the write touched, not of the whole page.

What a write through the app can change is known: an upload, a deletion or a review
decision changes the graphs of some articles (`Services.writing(articles)`), so the
positions in those graphs or derived from those articles, before or after the write, and
their holders (api.queries.touched_positions) are dropped; any other write (SPARQL Update)
drops everything. The holder and topic labels are kept apart (most pages name the same few
dozen topics), and a write to articles drops the labels of the actors those articles name
and their parties: the actor nodes an article brings to the shared actors graph (or takes
with it), the only label triples such a write changes; topic labels change with the
reference graphs, which an upload writes only into a store without them. A reader that began
before a write never stores what it read after it: every part counts its drops
(`generation`), and a store is refused once the count moved.

Bounded (the least recently used go first) and on only where the /sparql result cache is
(the embedded store, whose every write goes through the app; `--cache-mb 0` turns both off).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass

from cachetools import LRUCache

from api import queries as q
from kg import iris

MAX_POSITIONS = 4096  # about 20 triples, 3.6 kB each: some 15 MB at most
MAX_LABELS = 4096  # holders and topics: a label or two each
MAX_PAGES = 1024  # (holder, limit, offset) -> the page's positions and the total: 50 IRIs each


class Lru:
    """cachetools' LRU cache, at most `size` entries, read and written a page at a time under
    one lock (request threads share it). `generation` counts the drops: put_many() with an
    older count is ignored, so what was read before a write is never kept after it."""

    def __init__(self, size: int):
        self.size = size
        self._entries: LRUCache = LRUCache(maxsize=size)
        self._lock = threading.Lock()
        self.generation = 0

    def get_many(self, keys) -> dict:
        with self._lock:
            return {k: self._entries[k] for k in keys if k in self._entries}  # a read makes it recent

    def put_many(self, entries: dict, generation: int | None = None) -> None:
        with self._lock:
            if generation is None or generation == self.generation:
                self._entries.update(entries)

    def drop(self, matches=None) -> None:
        """Drop the entries whose key `matches` (a test of a key; all when None)."""
        with self._lock:
            self.generation += 1
            if matches is None:
                self._entries.clear()
                return
            for key in [k for k in self._entries if matches(k)]:
                del self._entries[key]


class PositionCache(Lru):
    """Position IRI -> its own description (a list of triples, no holder or topic labels);
    `labels`: (kind, IRI) -> the label triples of a holder or topic; `pages`: (holder IRI,
    limit, offset) -> (positions, total) of the holder's unfiltered page."""

    def __init__(self, size: int = MAX_POSITIONS):
        super().__init__(size)
        self.labels = Lru(MAX_LABELS)
        self.pages = Lru(MAX_PAGES)

    def forget(self, changed: Touched | None = None) -> None:
        """A write changed what `changed` names (None: anything)."""
        if changed is None or not changed.reference:
            self.labels.drop()
        else:
            self.labels.drop(lambda key: key[1] in changed.actors)  # key: (holder or topic, IRI)
        self.drop(None if changed is None else changed.positions.__contains__)
        self.pages.drop(None if changed is None else lambda key: key[0] in changed.holders)


@dataclass(frozen=True)
class Touched:
    """What a write to some articles may change, read before and after it: positions, the
    holders whose pages list them, the actors whose labels it may change; `reference`: the
    store held the reference graphs (an upload writes them, topic labels and all, if not)."""

    positions: set
    holders: set
    actors: set
    reference: bool

    def __or__(self, other: Touched) -> Touched:
        return Touched(self.positions | other.positions, self.holders | other.holders,
                       self.actors | other.actors, self.reference and other.reference)


def position_cache(svc) -> PositionCache | None:
    """The app's cache (api.shared.Services), or None where answers must not be kept."""
    return svc.positions if svc.results.enabled else None


def touched(store, articles: list[str] | None) -> Touched | None:
    """What a write to these articles may change; None for a write that may change anything
    (or when nothing is kept)."""
    if articles is None:
        return None
    reference = bool(store.query(f"ASK {{ GRAPH <{iris.TOPICS_GRAPH}> {{ ?s ?p ?o }} }}"))
    return Touched(*q.touched_positions(store, articles), reference=reference)


def kept_page(store, filters: dict, limit: int, offset: int, cache: PositionCache | None):
    """q.position_page; an actor's unfiltered page from `cache` when it has it."""
    if cache is None or set(filters) - {"holder", "from", "to"} or filters.get("from") or filters.get("to"):
        return q.position_page(store, filters, limit, offset)
    key = (filters["holder"], limit, offset)
    generation = cache.pages.generation
    found = cache.pages.get_many([key]).get(key)
    if found is None:
        found = q.position_page(store, filters, limit, offset)
        cache.pages.put_many({key: found}, generation)
    return found
