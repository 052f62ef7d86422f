"""Answers of /sparql kept in memory, never stale: the key holds the store's generation.

A dashboard sends the same few queries again and again. The key is the query as
run (with its BASE), its dataset (default and named graphs), the negotiated media
types and the generation counter that every write through the app bumps
(api.shared.Services.written), so an answer computed before a write can never be
served after it. The cache is bounded in bytes (least recently used goes first)
and off at 0. Each answer carries a strong ETag (a digest of its bytes) and
`Cache-Control: no-cache`: clients may keep it but must revalidate, and a matching
If-None-Match gets 304 without the body. A request with `Cache-Control: no-cache`
bypasses the lookup (and refreshes the entry).

Queries whose answer changes without a write are never cached: NOW(), RAND(),
UUID(), STRUUID(), BNODE() and SERVICE.
"""
from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict

from kg.sparql_text import mentions

_VOLATILE = re.compile(r"\b(?:NOW|RAND|UUID|STRUUID|BNODE)\s*\(|\bSERVICE\b", re.IGNORECASE)
_VOLATILE_WORDS = ("NOW", "RAND", "UUID", "BNODE", "SERVICE")  # STRUUID holds UUID
_OVERHEAD = 200  # bytes an entry costs beyond its body and query (key tuple, dict slot)


def cacheable(query: str) -> bool:
    """Whether the answer changes only with a write. Most queries hold none of the words, and
    then need no case-insensitive search (which costs more than the rest of the check)."""
    return not (mentions(query, _VOLATILE_WORDS) and _VOLATILE.search(query))


def etag_of(body: bytes) -> str:
    """96 bits of SHA-256, which OpenSSL computes with the CPU's SHA instructions (x86 SHA-NI,
    ARMv8): every cold answer is hashed, and one article's graph (25 kB) took 40 µs here
    where BLAKE2b took 106 µs."""
    return '"' + hashlib.sha256(body).hexdigest()[:24] + '"'


class ResultCache:
    """A thread-safe LRU of (media type, body, ETag) by key, at most `max_bytes` in all."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max(0, int(max_bytes))
        self._entries: OrderedDict = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.max_bytes > 0

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key, media_type: str, body: bytes) -> tuple[str, bytes, str]:
        """Store and return the entry; an answer larger than an eighth of the cache is not kept."""
        entry = (media_type, body, etag_of(body))
        cost = len(body) + len(key[0]) + _OVERHEAD
        if not self.enabled or cost > self.max_bytes // 8:
            return entry
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._size -= self._cost(key, old)
            self._entries[key] = entry
            self._size += cost
            while self._size > self.max_bytes and self._entries:
                k, e = self._entries.popitem(last=False)
                self._size -= self._cost(k, e)
        return entry

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._size = 0

    def status(self) -> dict:
        with self._lock:
            return {"max_bytes": self.max_bytes, "bytes": self._size, "entries": len(self._entries),
                    "hits": self.hits, "misses": self.misses}

    @staticmethod
    def _cost(key, entry) -> int:
        return len(entry[1]) + len(key[0]) + _OVERHEAD
