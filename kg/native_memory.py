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

`tuned_environment` is for the processes that run SPARQL queries (api.executor's workers).
`perf record` of `kg serve` on the opponents-in-a-date-range query (1 M triples) found glibc's
`_int_malloc` at 12 % of the workers' samples against 5 % in the Oxigraph server (the same
engine, the same malloc): Oxigraph's evaluation frees and takes again many small blocks, and
past the 7 of a size that a thread's cache keeps by default they go through the arena's bins.
With 64 a size the query took 4.6 – 5.4 ms of CPU in one process instead of 5.7 – 6.2 (three
alternating runs of 200), one article's CONSTRUCT 0.95 – 1.10 ms instead of 1.07 – 1.17; the
cache holds at most 64 blocks of each of its 64 sizes (up to 1 kB), a few MB a thread.
glibc reads the setting only when a process starts, so it goes into the workers' environment.
The server's own process (which answers the one-article CONSTRUCT itself, api.bounded) is left
as started: restarted with the setting it took 2.62 against 2.63 ms of CPU a request over
HTTP (paired, 8 rounds of 300), within the noise.
"""
from __future__ import annotations

import ctypes
import os

TCACHE_COUNT = 64  # blocks of each size a thread keeps for its next malloc (glibc's default: 7)
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


def tuned_environment(environ: dict) -> dict:
    """`environ` with GLIBC_TUNABLES set for a query process (see above), unless the caller set
    the variable (an explicit setting wins) or the C library is not glibc."""
    if _LIBC is None or "GLIBC_TUNABLES" in environ:
        return environ
    return dict(environ, GLIBC_TUNABLES=f"glibc.malloc.tcache_count={TCACHE_COUNT}")
