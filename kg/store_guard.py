"""Reopening the embedded store between calls, to give back the memory RocksDB keeps.

An open RocksDB instance grows with every flush of its memtables: a pyoxigraph loop of update,
flush and read grows 2.4 MB per 100 writes, with MALLOC_ARENA_MAX=1 and malloc_trim too, and
stays flat when the store is reopened every 500 writes. The server flushes after every write
(its query snapshot is a RocksDB checkpoint), so `kg serve` grew by 13.6 MB per 100 ingests.
`UseGuard` lets OxigraphStore close and reopen its instance at a moment no call is using it:
every call that touches the instance enters `use()`; `swap()` waits (briefly) until none is
inside, holds new ones back, and swaps. A call that stays longer (a slow export) makes the swap
give up until the next try, so no reader waits for more than `timeout`.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Callable


class UseGuard:
    """Counts the calls inside the store instance; reentrant per thread."""

    def __init__(self):
        self._cv = threading.Condition()
        self._users = 0
        self._swapping = False
        self._depth = threading.local()

    @contextmanager
    def use(self):
        depth = getattr(self._depth, "n", 0)
        with self._cv:
            if depth == 0:  # a call nested in one already inside never waits for a swap
                self._cv.wait_for(lambda: not self._swapping)
            self._users += 1
        self._depth.n = depth + 1
        try:
            yield
        finally:
            self._depth.n = depth
            with self._cv:
                self._users -= 1
                if not self._users:
                    self._cv.notify_all()

    def swap(self, action: Callable[[], None], timeout: float = 2.0) -> bool:
        """Run `action` while no call is inside; False (action not run) when calls stay
        longer than `timeout` seconds, or when this thread is itself inside a call."""
        if getattr(self._depth, "n", 0):
            return False
        with self._cv:
            if self._swapping:
                return False
            self._swapping = True
            try:
                if not self._cv.wait_for(lambda: not self._users, timeout):
                    return False
                action()
                return True
            finally:
                self._swapping = False
                self._cv.notify_all()
