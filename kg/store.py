"""Where the graph lives: one interface, an embedded and (kg.remote) a remote implementation.

Everything above this module (ingest, CLI, API) talks to `Store` only, so the
embedded Oxigraph store and a remote SPARQL 1.1 server are interchangeable.
Each article's triples sit in the named graph of the article's IRI; the default
graph seen by queries is the union of all named graphs.
"""
from __future__ import annotations

import os
import sys
import time
from abc import ABC, abstractmethod
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterable

import pyoxigraph as ox
import rdflib

from kg import formats
from kg.errors import QueryError, StoreError
from kg.sparql_text import oxigraph_dataset
from kg.store_guard import UseGuard
from kg.update_dataset import with_dataset

DEFAULT_STORE = "data/store"
# RocksDB keeps unflushed writes in memory: re-ingesting 4 articles 2,000 times each grew a
# process by 550 MB without a flush, by 10 MB with one every 100 writes (bench/soak.py)
FLUSH_EVERY = 100
# and an open instance grows with every flush (kg.store_guard): reopened every this many writes
REOPEN_EVERY = 200

# kg export / /export names -> pyoxigraph formats (derived from kg.formats)
RDF_FORMATS = {f.name: f.oxigraph for f in formats.all_formats("rdf") if f.dump}
DATASET_FORMATS = tuple(f.name for f in formats.all_formats("rdf") if f.dump and f.quads)
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def store_path(path: str | os.PathLike | None = None) -> Path:
    """--store, else $KG_STORE, else ./data/store."""
    return Path(path or os.environ.get("KG_STORE") or DEFAULT_STORE)


class Store(ABC):
    """The operations the project needs from a SPARQL 1.1 dataset."""

    @abstractmethod
    def replace_graphs(self, replace: dict[str, rdflib.Graph], merge: dict[str, rdflib.Graph] | None = None) -> None:
        """In one transaction: each graph in `replace` takes exactly the given triples,
        each graph in `merge` gains the given triples. All or nothing."""

    @abstractmethod
    def drop_graph(self, iri: str) -> None: ...

    @abstractmethod
    def query(self, sparql: str, *, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None):
        """SELECT -> list[dict[var, rdflib term]], ASK -> bool, CONSTRUCT/DESCRIBE -> rdflib.Graph."""

    @abstractmethod
    def query_raw(self, sparql: str, media_type: str, *, default_graphs: list[str] | None = None,
                  named_graphs: list[str] | None = None) -> bytes:
        """The result serialised in `media_type`, for the SPARQL endpoint."""

    @abstractmethod
    def update(self, sparql_update: str, *, using_graphs: list[str] | None = None,
               using_named_graphs: list[str] | None = None) -> None:
        """Run a SPARQL update. Its WHERE clauses read the union of the named graphs (as queries
        do), the protocol's `using_graphs` / `using_named_graphs`, or the update's own USING/WITH.
        :raise QueryError: a malformed update, or protocol graphs for an update with USING/WITH."""

    @abstractmethod
    def graph_names(self) -> list[str]: ...

    @abstractmethod
    def dump(self, out: BinaryIO, fmt: str = "nquads", graph: str | None = None) -> None:
        """Stream the dataset (or one graph) to `out` in a RDF_FORMATS name."""

    def graph(self, iri: str) -> rdflib.Graph:
        """One named graph as an rdflib Graph (small graphs: an article, the actors)."""
        return self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}")

    def quad_count(self) -> int:
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"].toPython())

    def close(self) -> None:
        """Release the store; the default has nothing to release."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class OxigraphStore(Store):
    """The embedded on-disk store (pyoxigraph / RocksDB) at a folder, or in memory."""

    def __init__(self, path: str | os.PathLike | None = None, *, in_memory: bool = False,
                 read_only: bool = False):
        self.path = None if in_memory else store_path(path)
        self.read_only = read_only
        self._unflushed = 0  # writes since the last flush; see FLUSH_EVERY
        self._writes = 0  # see REOPEN_EVERY
        self._guard = UseGuard()  # every use of self._store is inside self._guard.use()
        try:
            if in_memory:
                self._store = ox.Store()
            elif read_only:
                if not self.path.is_dir():
                    raise StoreError(f"no store at {self.path} (run `kg ingest` first, or give --store)")
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as e:
            raise StoreError(f"cannot open the store at {self.path}: {e} "
                             "(is another kg process, e.g. `kg serve`, using it? "
                             "`kg ingest --to http://HOST:PORT` sends articles to a running server)") from e

    @property
    def native(self) -> ox.Store:
        """The pyoxigraph store, for callers that stream (export, endpoint)."""
        return self._store

    @contextmanager
    def reading(self):
        """The pyoxigraph store, held open while the caller reads it (a reopen waits)."""
        with self._guard.use():
            yield self._store

    def replace_graphs(self, replace, merge=None):
        parts = [f"DROP SILENT GRAPH <{iri}>" for iri in replace]
        blocks = [_graph_block(iri, g) for iri, g in list(replace.items()) + list((merge or {}).items())]
        if any(blocks):
            parts.append("INSERT DATA { " + "\n".join(b for b in blocks if b) + " }")
        if parts:
            self._run_update(" ;\n".join(parts))

    def drop_graph(self, iri):
        self._run_update(f"DROP SILENT GRAPH <{iri}>")

    def update(self, sparql_update, *, using_graphs=None, using_named_graphs=None):
        self._run_update(with_dataset(sparql_update, using_graphs, using_named_graphs,
                                      union_graphs=self.graph_names()))

    def _run_update(self, text):
        try:
            with self._guard.use():
                self._store.update(text)
                self._unflushed += 1
                if self._unflushed >= FLUSH_EVERY and self.path is not None:
                    self._store.flush()
                    self._unflushed = 0
        except SyntaxError as e:
            raise QueryError(str(e)) from e
        except (RuntimeError, ValueError) as e:  # e.g. CLEAR GRAPH of a missing graph, LOAD of HTML
            raise QueryError(f"update failed: {e}") from e
        except OSError as e:
            raise StoreError(f"store write failed: {e}") from e
        self._writes += 1
        if self.path is not None and self._writes % REOPEN_EVERY == 0:
            self._guard.swap(self._reopen)

    def _reopen(self):
        """Close the RocksDB instance and open the folder again (see kg.store_guard); only
        when nothing but this object holds the instance, else at a later write."""
        if sys.getrefcount(self._store) > 2:  # the attribute and this call's argument
            return
        self._store.flush()
        self._store = None  # the last reference: RocksDB closes and gives its memory back
        for _ in range(50):
            try:
                self._store = ox.Store(str(self.path))
                return
            except OSError as e:  # the lock of the old instance, released as it is freed
                failure = e
                time.sleep(0.1)
        raise StoreError(f"could not reopen the store at {self.path}: {failure}")

    def _native_query(self, sparql, default_graphs, named_graphs):
        kwargs = oxigraph_dataset(sparql, default_graphs, named_graphs)
        try:
            return self._store.query(sparql, **kwargs)
        except SyntaxError as e:
            raise QueryError(str(e)) from e
        except (OSError, ValueError) as e:
            raise QueryError(f"query failed: {e}") from e

    def query(self, sparql, *, default_graphs=None, named_graphs=None):
        with self._guard.use():  # results are read lazily: converted inside
            return rdflib_result(self._native_query(sparql, default_graphs, named_graphs))

    def query_raw(self, sparql, media_type, *, default_graphs=None, named_graphs=None):
        with self._guard.use():
            result = self._native_query(sparql, default_graphs, named_graphs)
            if isinstance(result, ox.QueryTriples):
                fmt = ox.RdfFormat.from_media_type(media_type)
            else:
                fmt = ox.QueryResultsFormat.from_media_type(media_type)
            if fmt is None:
                raise QueryError(f"no serialisation of this result as {media_type}")
            return result.serialize(format=fmt)

    def construct_triples(self, sparql: str):
        """A CONSTRUCT answer as pyoxigraph triples, straight from the store: no N-Triples
        serialised and parsed again (that round trip was half of a JSON-LD actor page)."""
        with self._guard.use():
            result = self._native_query(sparql, None, None)
            if not isinstance(result, ox.QueryTriples):
                raise QueryError("not a CONSTRUCT or DESCRIBE query")
            return list(result)

    def solution_rows(self, sparql: str) -> list[tuple]:
        """A SELECT answer as tuples of pyoxigraph terms (None where unbound), in the order of
        its variables: no rdflib terms built (as construct_triples, for the JSON-LD pages)."""
        with self._guard.use():
            result = self._native_query(sparql, None, None)
            if not isinstance(result, ox.QuerySolutions):
                raise QueryError("not a SELECT query")
            return [tuple(s) for s in result]

    def graph_names(self):
        with self._guard.use():
            return sorted(g.value for g in self._store.named_graphs())

    def dump(self, out, fmt="nquads", graph=None):
        rdf_format = RDF_FORMATS[fmt]
        prefixes = _prefixes() if formats.get(fmt).prefixes else None
        with self._guard.use():
            if graph is None and fmt in DATASET_FORMATS:
                self._store.dump(out, rdf_format, prefixes=prefixes)
            elif graph is None:
                _dump_union(self._store, out, rdf_format, prefixes)
            else:
                self._store.dump(out, rdf_format, from_graph=ox.NamedNode(graph), prefixes=prefixes)

    def quad_count(self):
        with self._guard.use():
            return len(self._store)

    def close(self):
        if self._store is not None and self.path is not None and not self.read_only:
            self._store.flush()
        self._store = None


def _dump_union(store: ox.Store, out: BinaryIO, rdf_format, prefixes=None) -> None:
    """A triple format cannot name graphs: write the union of all named graphs."""
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in store)
    ox.serialize(triples, out, rdf_format, prefixes=prefixes)


def _prefixes() -> dict[str, str]:
    from kg.namespaces import PREFIXES

    return {name: str(ns) for name, ns in PREFIXES.items()}


def _graph_block(iri: str, graph: rdflib.Graph) -> str:
    if len(graph) == 0:
        return ""
    body = graph.serialize(format="nt")
    return f"GRAPH <{iri}> {{\n{body}\n}}"


def rdflib_result(result):
    """A pyoxigraph result as Store.query returns it: rows of rdflib terms, a bool, or a Graph."""
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        return [{n: to_rdflib(s[n]) for n in names if s[n] is not None} for s in result]
    g = rdflib.Graph()
    for t in result:
        g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g


def to_rdflib(term) -> rdflib.term.Node:
    """pyoxigraph term -> rdflib term."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return rdflib.Literal(term.value)  # plain and xsd:string are one term in RDF 1.1
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise StoreError(f"unsupported term {term!r}")


def iter_graphs(store: Store, prefix: str) -> Iterable[str]:
    return (g for g in store.graph_names() if g.startswith(prefix))
