"""A `Store` on a remote SPARQL 1.1 server: Protocol query/update endpoints and Graph Store HTTP.

Nothing above `kg.store.Store` knows whether the graph is embedded or remote,
so this class answers exactly like `OxigraphStore`: rdflib terms from `query`,
the requested media type from `query_raw` (re-serialised here from the
server's JSON / N-Triples, so that server quirks in other formats never reach a
client), named graphs, streaming `dump`.

What a remote server guarantees differs from the embedded store:
- atomicity: `replace_graphs` sends one SPARQL Update request holding every
  DROP and INSERT DATA when it fits `batch_size` triples; Oxigraph and Virtuoso
  run one request in one transaction. Larger writes, and writes through the
  Graph Store Protocol alone (one PUT per graph), are atomic per request only.
- completeness: Virtuoso cuts results at `ResultSetMaxRows` and answers 200
  with a partial result after a timeout. Results are checked (headers, triple
  counts), listings are paged with ORDER BY/LIMIT/OFFSET, and a cut answer
  raises instead of passing as whole.
- the default graph must be the union of the named graphs, as in the embedded
  store: Virtuoso and GraphDB do this by default, the Oxigraph server needs
  `--union-default-graph`, Fuseki `tdb2:unionDefaultGraph true`.
"""
from __future__ import annotations

import json
import os
import re
from typing import BinaryIO, Iterable, Iterator

import pyoxigraph as ox
import rdflib

from kg import iris
from kg.errors import QueryError, StoreError
from kg.remote_http import (HttpClient, check_complete, make_auth, raise_if_cut,
                            result_cut_at)
from kg.remote_updates import Operation, update_requests
from kg.sparql_text import dataset_clause, declares_dataset
from kg.store import DATASET_FORMATS, RDF_FORMATS, Store, rdflib_result, to_rdflib
from kg.update_dataset import check_no_conflict

RESULTS_JSON = "application/sparql-results+json"
NTRIPLES = "application/n-triples"
ENV = {"query_endpoint": "KG_QUERY_ENDPOINT", "update_endpoint": "KG_UPDATE_ENDPOINT",
       "gsp_endpoint": "KG_GSP_ENDPOINT", "user": "KG_STORE_USER",
       "password": "KG_STORE_PASSWORD", "token": "KG_STORE_TOKEN", "auth": "KG_STORE_AUTH"}

_IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")
_COMMENT = re.compile(r"#[^\n\r]*")
_FORM = re.compile(r"(?<![\w:?$])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:])", re.IGNORECASE)
_BNODE_UNSAFE = re.compile(r"[^A-Za-z0-9_]")
_TOO_LONG = re.compile(r"SP031|memory exhausted|too large|too long", re.IGNORECASE)
_SORT_LIMIT = "SR353"  # Virtuoso: ORDER BY with LIMIT+OFFSET past MaxSortedTopRows


def _split_prologue(sparql: str) -> tuple[str, str]:
    """(PREFIX/BASE declarations, the rest): a subquery cannot hold a prologue."""
    match = _FORM.search(_COMMENT.sub(lambda m: " " * len(m.group()),
                                      _IRI.sub(lambda m: " " * len(m.group()), sparql)))
    if match is None:
        raise QueryError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")
    return sparql[:match.start()], sparql[match.start():]


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first form keyword after the prologue."""
    match = _FORM.search(_COMMENT.sub(" ", _IRI.sub(" ", sparql)))
    if match is None:
        raise QueryError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")
    return match.group(1).upper()


class RemoteStore(Store):
    """A SPARQL 1.1 server reached over HTTP.

    `batch_size`: most triples per update request (Virtuoso's SPARQL compiler
    fails on very long INSERT DATA); `page_size`: rows per page when listing
    (keep it at or below the server's result cap).
    """

    def __init__(self, query_endpoint: str | None, update_endpoint: str | None = None,
                 gsp_endpoint: str | None = None, *, auth=None, timeout: float = 60.0,
                 retries: int = 3, backoff: float = 0.5, batch_size: int = 1000,
                 page_size: int = 10000, graph_prefix: str | None = ""):
        if not (query_endpoint or update_endpoint or gsp_endpoint):
            raise StoreError("a remote store needs at least one endpoint URL")
        self.query_endpoint, self.update_endpoint = query_endpoint, update_endpoint
        self.gsp_endpoint = gsp_endpoint
        self.http = HttpClient(auth=auth, timeout=timeout, retries=retries, backoff=backoff)
        self.batch_size, self.page_size = batch_size, page_size
        self.graph_prefix = iris.BASE if graph_prefix == "" else graph_prefix
        self._subquery_pages = False

    def __repr__(self):
        return f"RemoteStore({self.query_endpoint!r}, {self.update_endpoint!r}, {self.gsp_endpoint!r})"

    # -- reading -----------------------------------------------------------------------------

    def _post_query(self, sparql, accept, default_graphs=None, named_graphs=None, timeout=None):
        """Form-encoded POST: Virtuoso hangs on `Content-Type: application/sparql-query`.

        A `timeout` also goes to the server as Virtuoso's `timeout` parameter (ms), so
        the server stops too; others ignore the parameter.
        """
        if not self.query_endpoint:
            raise StoreError("no query endpoint configured (--query-endpoint or $KG_QUERY_ENDPOINT)")
        if default_graphs is None and named_graphs is None and declares_dataset(sparql):
            default_graphs, named_graphs = dataset_clause(sparql)  # so that a union default cannot override FROM
        data = [("query", sparql)]
        data += [("default-graph-uri", g) for g in default_graphs or ()]
        data += [("named-graph-uri", g) for g in named_graphs or ()]
        options = {}
        if timeout is not None:
            data.append(("timeout", str(int(timeout * 1000))))
            options["timeout"] = 2 * timeout + 2
        response = self.http.request("POST", self.query_endpoint, what="query", data=data,
                                     headers={"Accept": accept}, retry_timeouts=False, **options)
        return check_complete(response, "query")

    def _native_query(self, sparql, default_graphs=None, named_graphs=None, allow_cut=False, timeout=None):
        """The result as pyoxigraph objects, whatever the server's own serialisation quirks."""
        if query_form(sparql) in ("SELECT", "ASK"):
            response = self._post_query(sparql, RESULTS_JSON, default_graphs, named_graphs, timeout)
            if not allow_cut:
                raise_if_cut(response, "query")
            return parse_results_json(response.content), result_cut_at(response)
        response = self._post_query(sparql, NTRIPLES, default_graphs, named_graphs, timeout)
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in parse_ntriples(response.content)]
        return triples, None

    def query(self, sparql, *, default_graphs=None, named_graphs=None, timeout=None):
        """As Store.query; `timeout` (seconds) overrides the store's for this query."""
        result, _ = self._native_query(sparql, default_graphs, named_graphs, timeout=timeout)
        return rdflib_result(result)

    def query_raw(self, sparql, media_type, *, default_graphs=None, named_graphs=None, timeout=None):
        """As Store.query_raw; `timeout` (seconds) overrides the store's for this query."""
        result, _ = self._native_query(sparql, default_graphs, named_graphs, timeout=timeout)
        if isinstance(result, list):
            fmt = ox.RdfFormat.from_media_type(media_type)
            if fmt is None:
                raise QueryError(f"no serialisation of this result as {media_type}")
            return ox.serialize(result, format=fmt)
        fmt = ox.QueryResultsFormat.from_media_type(media_type)
        if fmt is None:
            raise QueryError(f"no serialisation of this result as {media_type}")
        return result.serialize(format=fmt)

    def select_pages(self, sparql: str) -> Iterator[ox.QuerySolution]:
        """Every row of an ordered SELECT, page by page, so no server cap cuts the listing.

        Virtuoso refuses to sort past MaxSortedTopRows (10,000) for LIMIT+OFFSET; its
        documented way round is the ordered query as a subquery, used once it refuses.
        """
        offset = 0
        while True:
            page, cut = self._page(sparql, offset)
            rows = 0
            for row in page:
                rows += 1
                yield row
            offset += rows
            if rows == 0 or (rows < self.page_size and cut is None):
                return

    def _page(self, sparql: str, offset: int):
        window = f"LIMIT {self.page_size} OFFSET {offset}"
        if not self._subquery_pages:
            try:
                return self._native_query(f"{sparql}\n{window}", allow_cut=True)
            except StoreError as e:
                if _SORT_LIMIT not in str(e):
                    raise
                self._subquery_pages = True
        prologue, body = _split_prologue(sparql)
        return self._native_query(f"{prologue}SELECT * WHERE {{ {{ {body} }} }}\n{window}", allow_cut=True)

    def _graph_filter(self) -> str:
        if not self.graph_prefix:
            return ""
        return f'FILTER(STRSTARTS(STR(?g), "{self.graph_prefix}"))'

    def graph_names(self):
        rows = self.select_pages(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                                 f"{self._graph_filter()} }} ORDER BY ?g")
        return sorted(row["g"].value for row in rows)

    def graph_counts(self) -> dict[str, int]:
        """Triples per named graph, in one paged GROUP BY (a push checks its work with it)."""
        rows = self.select_pages(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                                 f"{self._graph_filter()} }} GROUP BY ?g ORDER BY ?g")
        return {row["g"].value: int(row["n"].value) for row in rows}

    def default_graph_is_union(self) -> bool:
        """Whether queries without GRAPH see the named graphs, as the API needs (the Oxigraph
        server only does with --union-default-graph; Fuseki with unionDefaultGraph)."""
        probe = self.graph_names()[:1]
        if not probe:
            return True
        return self.query(f"ASK {{ GRAPH <{probe[0]}> {{ ?s ?p ?o }} FILTER EXISTS {{ ?s ?p ?o }} }}")

    def graph_count(self, iri: str) -> int:
        rows, _ = self._native_query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}")
        return int(next(iter(rows))["n"].value)

    def quad_count(self):
        return sum(self.graph_counts().values())

    def graph_triples(self, iri: str) -> Iterator[ox.Triple]:
        """One graph, checked against its triple count: a single CONSTRUCT when it fits a
        page, else (or when the server cut the CONSTRUCT, as Virtuoso does silently at
        ResultSetMaxRows) ordered SELECT pages."""
        expected = self.graph_count(iri)
        if expected <= self.page_size:
            response = self._post_query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}",
                                        NTRIPLES)
            quads = parse_ntriples(response.content)
            if len(quads) == expected:
                yield from (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
                return
        seen = 0
        for row in self.select_pages(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }} "
                                     "ORDER BY ?s ?p ?o"):
            seen += 1
            yield ox.Triple(row["s"], row["p"], row["o"])
        if seen != expected:
            raise StoreError(f"graph <{iri}>: the server sent {seen} of its {expected} triples "
                             "(a result cap such as Virtuoso's ResultSetMaxRows, or a timeout)")

    def graph(self, iri):
        g = rdflib.Graph()
        for t in self.graph_triples(iri):
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return g

    def dump(self, out: BinaryIO, fmt: str = "nquads", graph: str | None = None) -> None:
        """Stream graph by graph; pyoxigraph writes as the generator yields (constant memory)."""
        if fmt not in RDF_FORMATS:
            raise StoreError(f"unknown export format {fmt!r}")
        graphs = [graph] if graph else self.graph_names()
        quads = (ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(g))
                 for g in graphs for t in self.graph_triples(g))
        if fmt in DATASET_FORMATS:
            ox.serialize(quads, out, RDF_FORMATS[fmt])
        else:
            ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads), out, RDF_FORMATS[fmt])

    # -- writing -----------------------------------------------------------------------------

    def update(self, sparql_update, *, using_graphs=None, using_named_graphs=None):
        """The server's own union default graph applies; protocol graphs are passed on as they are."""
        if not self.update_endpoint:
            raise StoreError("this remote store is read-only: no update endpoint configured "
                             "(--update-endpoint or $KG_UPDATE_ENDPOINT)")
        check_no_conflict(sparql_update, using_graphs, using_named_graphs)
        data = [("update", sparql_update)] + [("using-graph-uri", g) for g in using_graphs or ()]
        data += [("using-named-graph-uri", g) for g in using_named_graphs or ()]
        self.http.request("POST", self.update_endpoint, what="update", data=data,
                          headers={"Accept": f"{RESULTS_JSON}, */*;q=0.1"})

    def replace_graphs(self, replace, merge=None):
        replace, merge = dict(replace), dict(merge or {})
        if self.update_endpoint:
            self.apply_updates([(iri, _ox_triples(g), True) for iri, g in replace.items()]
                               + [(iri, _ox_triples(g), False) for iri, g in merge.items()])
        elif self.gsp_endpoint:
            for iri, g in replace.items():
                self.put_graph(iri, _ox_triples(g))
            for iri, g in merge.items():
                self.post_graph(iri, _ox_triples(g))
        else:
            raise StoreError("this remote store is read-only: configure an update endpoint "
                             "(--update-endpoint) or a Graph Store endpoint (--gsp)")

    def apply_updates(self, operations: Iterable[Operation]) -> int:
        """Send (graph, triples, replace?) operations in update requests; return how many."""
        return sum(self._send_chunk(text, chunk) for text, chunk in update_requests(operations, self.batch_size))

    def _send_chunk(self, text: str, chunk: list[Operation]) -> int:
        """One request; when the server finds it too long (Virtuoso's SPARQL compiler gives
        up somewhere past 1,000 triples), halve the batch size and send the halves."""
        try:
            self.update(text)
            return 1
        except QueryError as e:
            size = sum(len(batch) for _, batch, _ in chunk)
            if size <= 1 or not _TOO_LONG.search(str(e)):
                raise
        self.batch_size = max(1, min(self.batch_size, size // 2))
        return sum(self._send_chunk(t, c) for t, c in update_requests(chunk, self.batch_size))

    def drop_graph(self, iri):
        if self.update_endpoint:
            self.update(f"DROP SILENT GRAPH <{iri}>")
        elif self.gsp_endpoint:
            self.http.request("DELETE", self.gsp_endpoint, what=f"DELETE <{iri}>",
                              params={"graph": iri}, ok_statuses=(404,))
        else:
            raise StoreError("this remote store is read-only: no update or Graph Store endpoint")

    def put_graph(self, iri: str, triples: Iterable[ox.Triple]) -> None:
        """Graph Store Protocol PUT: the graph becomes exactly these triples."""
        self._send_graph("PUT", iri, triples)

    def post_graph(self, iri: str, triples: Iterable[ox.Triple]) -> None:
        """Graph Store Protocol POST: the graph gains these triples."""
        self._send_graph("POST", iri, triples)

    def gsp_count(self, iri: str) -> int:
        """Triples of a graph read back through the Graph Store Protocol (0 when absent)."""
        if not self.gsp_endpoint:
            raise StoreError("no Graph Store endpoint configured (--gsp or $KG_GSP_ENDPOINT)")
        response = self.http.request("GET", self.gsp_endpoint, what=f"GET <{iri}>", params={"graph": iri},
                                     headers={"Accept": NTRIPLES}, ok_statuses=(404,))
        return 0 if response.status_code == 404 else len(parse_ntriples(response.content))

    def _send_graph(self, method, iri, triples):
        if not self.gsp_endpoint:
            raise StoreError("no Graph Store endpoint configured (--gsp or $KG_GSP_ENDPOINT)")
        body = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES)
        self.http.request(method, self.gsp_endpoint, what=f"{method} <{iri}>", params={"graph": iri},
                          data=body, headers={"Content-Type": NTRIPLES})

    def close(self):
        self.http.close()


def _ox_triples(graph: rdflib.Graph) -> list[ox.Triple]:
    """rdflib -> pyoxigraph through N-Triples, which both read and write exactly."""
    data = graph.serialize(format="nt", encoding="utf-8")
    return [ox.Triple(q.subject, q.predicate, q.object) for q in parse_ntriples(data)]


def parse_ntriples(data: bytes) -> list[ox.Quad]:
    try:
        return list(ox.parse(data, ox.RdfFormat.N_TRIPLES))
    except SyntaxError as e:
        raise StoreError(f"the server sent N-Triples that do not parse ({e}): a cut answer?") from e


def parse_results_json(data: bytes):
    """SPARQL JSON results -> pyoxigraph, after fixing what Virtuoso writes its own way
    (`nodeID://b1` blank node ids, the pre-standard `typed-literal` type)."""
    try:
        payload = json.loads(data)
    except ValueError as e:
        raise StoreError(f"the server sent a result that is not JSON ({e}): a cut answer?") from e
    for binding in payload.get("results", {}).get("bindings", []):
        for term in binding.values():
            if term.get("type") == "bnode":
                term["value"] = _BNODE_UNSAFE.sub("_", term["value"])
            elif term.get("type") == "typed-literal":
                term["type"] = "literal"
    try:
        return ox.parse_query_results(json.dumps(payload).encode(), ox.QueryResultsFormat.JSON)
    except SyntaxError as e:
        raise StoreError(f"the server sent a SPARQL result that does not parse: {e}") from e


def remote_settings(**explicit) -> dict | None:
    """Endpoints and credentials from explicit values, else the environment; None when no
    endpoint is configured (the embedded store is used then)."""
    settings = {key: explicit.get(key) or os.environ.get(var) or None for key, var in ENV.items()}
    if not any(settings[k] for k in ("query_endpoint", "update_endpoint", "gsp_endpoint")):
        return None
    return settings


def open_remote(settings: dict, **options) -> RemoteStore:
    auth = make_auth(settings.get("user"), settings.get("password"), settings.get("token"),
                     settings.get("auth"))
    return RemoteStore(settings.get("query_endpoint"), settings.get("update_endpoint"),
                       settings.get("gsp_endpoint"), auth=auth, **options)


def add_remote_options(parser) -> None:
    """--query-endpoint etc. for commands that can work on a remote store (ingest, serve, export)."""
    group = parser.add_argument_group("remote store (instead of the embedded one)")
    group.add_argument("--query-endpoint", metavar="URL",
                       help="SPARQL 1.1 query endpoint ($KG_QUERY_ENDPOINT)")
    group.add_argument("--update-endpoint", metavar="URL",
                       help="SPARQL 1.1 update endpoint ($KG_UPDATE_ENDPOINT)")
    group.add_argument("--gsp", dest="gsp_endpoint", metavar="URL",
                       help="Graph Store HTTP Protocol endpoint ($KG_GSP_ENDPOINT)")
    group.add_argument("--store-user", dest="user", metavar="NAME", help="($KG_STORE_USER)")
    group.add_argument("--store-password", dest="password", metavar="SECRET",
                       help="($KG_STORE_PASSWORD)")
    group.add_argument("--store-token", dest="token", metavar="TOKEN", help="bearer token ($KG_STORE_TOKEN)")
    group.add_argument("--store-auth", dest="auth", choices=("basic", "digest", "bearer"),
                       help="auth scheme ($KG_STORE_AUTH; default basic for a user, bearer for a token)")


def remote_options(args) -> dict:
    """The open_store() keywords from parsed add_remote_options() arguments."""
    return {key: getattr(args, key, None) for key in ENV}
