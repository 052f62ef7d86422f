"""The embedded Oxigraph store: atomic graph replacement, queries, dumps."""
import io
from pathlib import Path

import pytest
import rdflib

from kg.errors import QueryError, StoreError
from kg.store import OxigraphStore

EX = rdflib.Namespace("http://example.org/")


def _graph(*objects):
    g = rdflib.Graph()
    for i, o in enumerate(objects):
        g.add((EX[f"s{i}"], EX.p, rdflib.Literal(o, lang="de")))
    return g


@pytest.fixture
def store(tmp_path):
    with OxigraphStore(tmp_path / "store") as s:
        yield s


def test_store_replace_is_idempotent(store):
    store.replace_graphs({str(EX.g1): _graph("a", "b")}, merge={str(EX.shared): _graph("x")})
    store.replace_graphs({str(EX.g1): _graph("a", "b")}, merge={str(EX.shared): _graph("x")})
    assert store.quad_count() == 3
    assert store.graph_names() == [str(EX.g1), str(EX.shared)]


def test_store_replace_drops_old_triples(store):
    store.replace_graphs({str(EX.g1): _graph("alt", "alt2")})
    store.replace_graphs({str(EX.g1): _graph("neu")})
    rows = store.query("SELECT ?o WHERE { GRAPH <http://example.org/g1> { ?s ?p ?o } }")
    assert [str(r["o"]) for r in rows] == ["neu"]


def test_store_default_graph_is_union(store):
    store.replace_graphs({str(EX.g1): _graph("a"), str(EX.g2): _graph("b")})
    rows = store.query("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o")
    assert [str(r["o"]) for r in rows] == ["a", "b"]
    only = store.query("SELECT ?o WHERE { ?s ?p ?o }", default_graphs=[str(EX.g2)])
    assert [str(r["o"]) for r in only] == ["b"]


def test_store_query_kinds(store):
    store.replace_graphs({str(EX.g1): _graph("a")})
    assert store.query("ASK { ?s ?p 'a'@de }") is True
    g = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert isinstance(g, rdflib.Graph) and len(g) == 1
    assert b'"a"' in store.query_raw("SELECT * WHERE { ?s ?p ?o }", "application/sparql-results+json")


def test_store_bad_query_and_update_change_nothing(store):
    store.replace_graphs({str(EX.g1): _graph("a")})
    with pytest.raises(QueryError):
        store.query("SELEKT * WHERE { ?s ?p ?o }")
    with pytest.raises(QueryError):
        store.update("INSERT DATA { <http://example.org/x> <http://example.org/p> 'b' } ; BROKEN")
    assert store.quad_count() == 1


def test_store_dump_formats(store):
    store.replace_graphs({str(EX.g1): _graph("a")})
    for fmt, needle in [("nquads", b"<http://example.org/g1>"), ("turtle", b'"a"@de'), ("trig", b"example.org/g1")]:
        out = io.BytesIO()
        store.dump(out, fmt)
        assert needle in out.getvalue(), fmt
    out = io.BytesIO()
    store.dump(out, "nt", graph=str(EX.g1))
    assert rdflib.Graph().parse(data=out.getvalue(), format="nt").isomorphic(_graph("a"))


def test_store_persists_and_reports_lock(tmp_path):
    path = tmp_path / "s"
    with OxigraphStore(path) as s:
        s.replace_graphs({str(EX.g1): _graph("a")})
        with pytest.raises(StoreError, match="cannot open the store"):
            OxigraphStore(path)
    with OxigraphStore(path) as again:
        assert again.quad_count() == 1


_WRITER = """
import sys, rdflib
from kg import store as kg_store
kg_store.FLUSH_EVERY = int(sys.argv[2])
kg_store.REOPEN_EVERY = 10**9  # the flush alone (reopening flushes too)
s = kg_store.OxigraphStore(sys.argv[1])
g = rdflib.Graph()
for i in range(40):
    g.add((rdflib.URIRef(f"http://x/s{i}"), rdflib.URIRef("http://x/p"), rdflib.Literal("Wert " * 20 + str(i))))
rss = lambda: int(open("/proc/self/statm").read().split()[1]) * 4096
for i in range(100):
    s.replace_graphs({"http://x/g": g})
before = rss()
for i in range(1500):
    s.replace_graphs({f"http://x/g{i % 4}": g})
print(rss() - before)
"""


def test_store_reopens_its_instance_between_calls(tmp_path, monkeypatch):
    """Every REOPEN_EVERY writes the RocksDB instance is closed and opened again (its memory
    grows with every flush, kg.store_guard): the data stay, readers on other threads keep
    getting whole answers, and no reopen happens while a call is inside the instance."""
    import threading

    from kg import store as kg_store

    monkeypatch.setattr(kg_store, "REOPEN_EVERY", 10)
    opened, real = [], kg_store.ox.Store
    monkeypatch.setattr(kg_store.ox, "Store", lambda *args: opened.append(args) or real(*args))
    s = OxigraphStore(tmp_path / "s")
    answers, stop = [], threading.Event()

    def reader():
        while not stop.is_set():
            answers.append(int(s.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"]))

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    for i in range(45):
        s.replace_graphs({f"http://x/g{i % 3}": _graph("a", "b")})
    stop.set()
    for t in threads:
        t.join()
    assert len(opened) == 1 + 4 and s.quad_count() == 6  # opened, then reopened every 10 writes
    assert answers and set(answers) <= {0, 2, 4, 6}  # whole graphs only
    with s._guard.use():  # a call inside: another thread's swap gives up, the store stays
        held, result = s.native, []
        other = threading.Thread(target=lambda: result.append(s._guard.swap(s._reopen, timeout=0.2)))
        other.start()
        other.join()
        assert result == [False] and s.native is held
    s.close()
    monkeypatch.undo()
    with OxigraphStore(tmp_path / "s", read_only=True) as again:
        assert again.quad_count() == 6


def test_store_memory_stays_bounded_under_rewrites(tmp_path):
    """Rewriting the same graphs again and again: with a flush every FLUSH_EVERY writes the
    process stays near flat; without, RocksDB's unflushed writes pile up in memory."""
    import subprocess
    import sys

    from kg.store import FLUSH_EVERY

    grown = {}
    for every in (FLUSH_EVERY, 10**9):
        done = subprocess.run([sys.executable, "-c", _WRITER, str(tmp_path / f"s{every}"), str(every)],
                              capture_output=True, text=True, timeout=600, cwd=Path(__file__).resolve().parent.parent)
        assert done.returncode == 0, done.stderr[-500:]
        grown[every] = int(done.stdout.strip())
    assert grown[10**9] > 20_000_000, grown  # the effect is real
    assert grown[FLUSH_EVERY] < grown[10**9] / 3, grown
