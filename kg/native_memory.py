"""The C heap of a threaded server: few malloc arenas, and free pages given back.

glibc's malloc gives each thread that allocates while another does an arena of its own (up to
eight per core) and keeps what a thread frees in its arena for that arena's next allocation.
`kg serve` extracts an upload (spaCy, HanTa, rdflib, pyshacl: megabytes of short-lived
objects, many outside Python's small-object allocator) on whichever of its HTTP threads took
the request, so every thread's arena grows to the largest working set it has seen and keeps
it. Measured in one process, 8 threads sending the soak's mix (half re-ingests, half reads)
through the Flask app: 250 -> 349 MB in the first 250 ingests and still rising (362 MB at
500), while Python's own allocations stayed level (`sys.getallocatedblocks`); with at most two
arenas 265 -> 297 MB, then flat to 3,000 ingests (299 MB), and 263-282 MB with a trim every 100
writes as well. Single-threaded, the same write path does not grow at all (266 MB from 200 to
1,000 ingests): the growth is the arenas, not a cache or a leak in the pipeline.

`limit_arenas` has to run before the threads start (glibc fixes its limit when it first wants
more arenas than the cores suggest); an explicit MALLOC_ARENA_MAX in the environment wins.
`trim` hands the free pages of every arena back to the system (a few ms of CPU). Both do
nothing where the C library is not glibc.
"""
from __future__ import annotations

import ctypes
import os

ARENAS = 2  # the main arena and one more: measured above; one would make every thread wait for the main one
_M_ARENA_MAX = -8  # mallopt parameter, from glibc's malloc.h


def _glibc():
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


_LIBC = _glibc()


def limit_arenas(arenas: int = ARENAS) -> bool:
    """At most `arenas` malloc arenas from now on; False when not applied (not glibc, or
    MALLOC_ARENA_MAX set by the caller)."""
    if _LIBC is None or "MALLOC_ARENA_MAX" in os.environ:
        return False
    return bool(_LIBC.mallopt(_M_ARENA_MAX, arenas))


def trim() -> bool:
    """Return free heap pages to the system; True when some were returned."""
    return bool(_LIBC is not None and _LIBC.malloc_trim(0))
