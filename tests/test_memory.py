"""Memory under repeated writes: what a long-running `kg serve` must not accumulate.

bench/soak.py measures the server's RSS over 10,000 ingests; RSS on a shared machine is too
noisy for a test, so these tests bound what can be counted exactly: the Python memory one more
ingest keeps (tracemalloc), the words spaCy's vocabulary keeps, and the malloc arenas threads
get once kg.native_memory has capped them.
"""
import gc
import json
import platform
import subprocess
import sys
import textwrap
import tracemalloc
import weakref
from pathlib import Path

import pytest

from api.ingest import prepare_upload, write_upload
from kg.articles import parse_upload
from kg.extract import extract
from kg.nlp import pipeline
from kg.nlp.pipeline import analyse, load_pipeline
from kg.store import OxigraphStore

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = json.dumps({"id": "memory-1", "date": "2024-03-01", "url": "https://example.org/memory-1",
                      "text": "Die Partei der Gärtner fordert mehr Geld für Stadtparks."}).encode()


def _ingest(store):
    """The server's write path for POST /articles (api.ingest), without HTTP."""
    write_upload(store, prepare_upload(store, ARTICLE, "memory-1.json", "application/json"))


def test_reingesting_an_article_keeps_no_python_memory():
    """Re-ingesting one article 40 times after a warm-up keeps < 100 KB of Python memory.

    Guards against state that grows with every upload rather than with new text: a cache
    keyed by an object made per upload (pyshacl keys its validator and blank-node caches by
    `id()` of a graph, so a fresh shapes graph per validation would keep every validator), an
    article graph or Doc kept by a module, a list of results never cleared. One such article
    graph or Doc kept per ingest is tens of KB, 40 of them several MB; the measured growth is
    about 0.15 KB an ingest (caches of the pipeline still filling up).
    """
    with OxigraphStore(in_memory=True) as store:
        for _ in range(5):  # the pipeline loaded, every cache holding this article's entries
            _ingest(store)
        strings = len(load_pipeline().vocab.strings)
        already = tracemalloc.is_tracing()
        tracemalloc.start()
        try:
            _ingest(store)
            gc.collect()  # rdflib and spaCy objects live in cycles: count what stays, not what waits
            before = tracemalloc.get_traced_memory()[0]
            for _ in range(40):
                _ingest(store)
            gc.collect()
            grown = tracemalloc.get_traced_memory()[0] - before
        finally:
            if not already:
                tracemalloc.stop()
    assert grown < 100_000, f"40 re-ingests kept {grown:,} bytes of Python memory"
    assert len(load_pipeline().vocab.strings) == strings, "spaCy's StringStore grew without new words"


def test_vocabulary_is_renewed_past_its_bound(monkeypatch):
    """New words make a new pipeline once the vocabulary holds MAX_STRINGS, and nothing changes.

    Guards against spaCy's StringStore growing with every word form a long-running server has
    read (about 450 bytes each; re-ingesting the same articles, as the soak does, never shows
    it). The old pipeline must be freed, and an article must give the same positions after.
    """
    [article] = parse_upload(ARTICLE, "memory-1.json", "application/json")
    expected = extract(article)
    first = load_pipeline()
    bound = len(first.vocab.strings) + 200
    monkeypatch.setattr(pipeline, "MAX_STRINGS", bound)
    for i in range(20):  # 20 invented words an article, never seen before
        analyse(" ".join(f"Wortform{i}x{k}" for k in range(20)) + ".")
    assert load_pipeline() is not first
    assert len(load_pipeline().vocab.strings) <= bound + 60  # one article's words past the check
    gone = weakref.ref(first)
    del first
    gc.collect()
    assert gone() is None, "the old pipeline and its vocabulary are still referenced"
    assert extract(article) == expected


ARENAS = textwrap.dedent("""
    import ctypes, os, sys, tempfile, threading
    from kg import native_memory

    if sys.argv[1] == "limit":
        assert native_memory.limit_arenas(2)
    libc = ctypes.CDLL("libc.so.6")
    libc.fopen.restype = ctypes.c_void_p
    libc.fclose.argtypes = [ctypes.c_void_p]
    libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
    start = threading.Barrier(8)

    def work():
        start.wait()  # all eight threads alive at once, each wanting an arena
        kept = [bytearray(4096) for _ in range(200)]  # malloc, not Python's small-object pools
        start.wait()

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with tempfile.NamedTemporaryFile(delete=False) as out:
        path = out.name
    f = libc.fopen(path.encode(), b"w")
    libc.malloc_info(0, f)
    libc.fclose(f)
    print(open(path).read().count("<heap nr="))
    os.remove(path)
""")


def _arenas(mode: str) -> int:
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", ARENAS, mode], capture_output=True, text=True, env=env,
                         cwd=ROOT, check=True)
    return int(out.stdout)


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc arenas are glibc's")
def test_arena_limit_holds_for_threads_started_after_it():
    """Eight threads allocating at once share two malloc arenas once `limit_arenas` ran.

    Guards the cause of kg serve's growth under writes: without the limit every HTTP thread that
    extracts an upload gets an arena of its own and keeps that arena's high-water mark (one
    process, 8 threads, the soak's mix: 250 -> 362 MB in 500 ingests; with two arenas 297 MB,
    flat from 500 to 3,000). The unlimited run shows that the count sees the threads' arenas.
    """
    assert _arenas("none") >= 8
    assert _arenas("limit") <= 2
