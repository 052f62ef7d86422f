"""RemoteStore against real servers (Oxigraph, Virtuoso): same answers as the embedded store."""
from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import XSD

from kg import iris
from kg.errors import QueryError, QueryTimeout, ResultTooLarge, StoreError
from kg.remote import RemoteStore, query_form
from kg.remote_http import BearerAuth, make_auth
from servers import (QUERIES, comparable_rows, assert_same_graph, clear, dataset, oxigraph_server,  # noqa: F401
                     remote_server, virtuoso_numbers, virtuoso_server)

TEST_GRAPHS = iris.BASE + "test/"


@pytest.fixture
def remote(remote_server):
    """The server's store with no test graphs (the loaded dataset, if any, stays)."""
    store = remote_server.store()
    for iri in store.graph_names():
        if iri.startswith(TEST_GRAPHS):
            store.drop_graph(iri)
    yield store
    store.close()


@pytest.fixture
def loaded(remote, dataset):
    """The remote store holding exactly the dataset, written with replace_graphs()
    (once per server: tests that use it leave it as they found it)."""
    return ensure_loaded(remote, dataset)


def ensure_loaded(store, dataset):
    expected = {g: len(dataset.graph(g)) for g in dataset.graph_names()}
    if store.graph_counts() != expected:
        clear(store)
        store.replace_graphs({g: dataset.graph(g) for g in dataset.graph_names()})
    return store


@pytest.mark.parametrize("query, form", [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
    ("PREFIX ask: <http://ex/construct#>\n# DESCRIBE in a comment\nask {}", "ASK"),
    ("BASE <http://ex/select>\nPREFIX : <http://ex/#>\nCONSTRUCT WHERE { ?s :p ?o }", "CONSTRUCT"),
    ("describe <http://ex/a>", "DESCRIBE"),
    ("PREFIX select: <http://ex/>\nASK { ?select select:p 1 }", "ASK"),
])
def test_remote_query_form_reads_past_the_prologue(query, form):
    assert query_form(query) == form


def test_remote_query_form_rejects_an_update():
    with pytest.raises(QueryError, match="not a SPARQL query"):
        query_form("INSERT DATA { <http://ex/a> <http://ex/b> 1 }")


@pytest.mark.parametrize("kwargs, scheme", [
    ({}, "NoneType"),
    ({"user": "u", "password": "p"}, "HTTPBasicAuth"),
    ({"user": "u", "password": "p", "kind": "digest"}, "HTTPDigestAuth"),
    ({"token": "t"}, "BearerAuth"),
    ({"token": "t", "kind": "bearer"}, "BearerAuth"),
])
def test_remote_make_auth_picks_the_scheme(kwargs, scheme):
    assert type(make_auth(**kwargs)).__name__ == scheme


def test_remote_bearer_auth_sets_the_header():
    request = BearerAuth("s3cret")(type("Request", (), {"headers": {}})())
    assert request.headers["Authorization"] == "Bearer s3cret"


@pytest.mark.parametrize("kwargs, message", [
    ({"user": "u"}, "no password"),
    ({"kind": "bearer"}, "needs a token"),
    ({"user": "u", "password": "p", "token": "t"}, "not both"),
    ({"user": "u", "password": "p", "kind": "ntlm"}, "unknown auth scheme"),
])
def test_remote_make_auth_rejects_incomplete_credentials(kwargs, message):
    with pytest.raises(StoreError, match=message):
        make_auth(**kwargs)


def test_remote_same_answers_as_embedded(loaded, dataset):
    for query in QUERIES:
        assert comparable_rows(loaded.query(query)) == comparable_rows(dataset.query(query)), query
    assert loaded.graph_names() == dataset.graph_names()
    assert loaded.quad_count() == dataset.quad_count()


def test_remote_graphs_isomorphic_on_the_way_back(remote_server, loaded, dataset):
    for iri in dataset.graph_names():
        assert_same_graph(dataset.graph(iri), loaded.graph(iri), remote_server.name)
        construct = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
        assert_same_graph(dataset.query(construct), loaded.query(construct), remote_server.name)


def test_remote_virtuoso_turns_integral_decimals_into_integers(virtuoso_server):
    """The one known difference the isomorphism tests allow for: if Virtuoso ever fixes
    it, this test fails and virtuoso_numbers() can go."""
    store = virtuoso_server.store()
    iri = iris.BASE + "test/numbers"
    g = rdflib.Graph()
    g.add((rdflib.URIRef("http://ex/a"), rdflib.URIRef("http://ex/p"), rdflib.Literal("1", datatype=XSD.decimal)))
    g.add((rdflib.URIRef("http://ex/a"), rdflib.URIRef("http://ex/p"), rdflib.Literal("0.8", datatype=XSD.decimal)))
    store.replace_graphs({iri: g})
    try:
        assert set(store.graph(iri)) == set(virtuoso_numbers(g)) != set(g)
    finally:
        store.drop_graph(iri)


def test_remote_replace_graphs_twice_changes_nothing(loaded, dataset):
    counts = loaded.graph_counts()
    loaded.replace_graphs({g: dataset.graph(g) for g in dataset.graph_names()})
    assert loaded.graph_counts() == counts


@pytest.mark.parametrize("write_through", ["update", "gsp"])
def test_remote_merge_adds_and_replace_replaces(remote, write_through):
    if write_through == "gsp":
        remote.update_endpoint = None
    g1 = iris.BASE + "test/g1"
    one, two = rdflib.Graph(), rdflib.Graph()
    one.add((rdflib.URIRef("http://ex/a"), rdflib.URIRef("http://ex/p"), rdflib.Literal("eins", lang="de")))
    two.add((rdflib.URIRef("http://ex/b"), rdflib.URIRef("http://ex/p"), rdflib.Literal(2)))
    remote.replace_graphs({}, merge={g1: one})
    remote.replace_graphs({}, merge={g1: two})
    assert remote.graph_count(g1) == 2
    remote.replace_graphs({g1: two})
    assert remote.graph_count(g1) == 1
    remote.drop_graph(g1)
    assert g1 not in remote.graph_names()


def _csv_rows(raw: bytes, delimiter: str) -> list[tuple[str, ...]]:
    import csv

    lines = list(csv.reader(io.StringIO(raw.decode()), delimiter=delimiter))
    return [tuple(cell.strip("<>") for cell in line) for line in lines[1:]]


@pytest.mark.parametrize("media_type, parse", [
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/csv", ","),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
])
def test_remote_query_raw_select_in_each_format(loaded, dataset, media_type, parse):
    query = QUERIES[1]
    raw = loaded.query_raw(query, media_type)
    if isinstance(parse, str):
        rows = _csv_rows(raw, parse)
    else:
        rows = [tuple(s[v].value for v in ("position", "holder", "stance"))
                for s in ox.parse_query_results(raw, parse)]
    expected = [tuple(str(row[v]) for v in ("position", "holder", "stance")) for row in dataset.query(query)]
    assert sorted(rows) == sorted(expected) and rows


@pytest.mark.parametrize("media_type, fmt", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml"), ("application/n-quads", "nquads"),
])
def test_remote_query_raw_construct_in_each_format(loaded, dataset, media_type, fmt):
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{dataset.graph_names()[0]}> {{ ?s ?p ?o }} }}"
    parsed = rdflib.Dataset() if fmt == "nquads" else rdflib.Graph()
    parsed.parse(data=loaded.query_raw(query, media_type), format=fmt)
    graph = rdflib.Graph()
    for triple in (parsed.triples((None, None, None)) if fmt != "nquads" else
                   ((s, p, o) for s, p, o, _ in parsed.quads((None, None, None, None)))):
        graph.add(triple)
    assert len(graph) == len(dataset.query(query)) > 0


def test_remote_dump_streams_every_graph(remote_server, loaded, dataset):
    out, expected = io.BytesIO(), io.BytesIO()
    loaded.dump(out, "nquads")
    dataset.dump(expected, "nquads")
    remote, local = rdflib.Dataset(), rdflib.Dataset()
    remote.parse(data=out.getvalue(), format="nquads")
    local.parse(data=expected.getvalue(), format="nquads")
    for iri in dataset.graph_names():
        assert_same_graph(local.graph(rdflib.URIRef(iri)), remote.graph(rdflib.URIRef(iri)), remote_server.name)
    trig = io.BytesIO()
    loaded.dump(trig, "trig", dataset.graph_names()[0])
    assert len(rdflib.Dataset().parse(data=trig.getvalue(), format="trig")) == \
        len(dataset.graph(dataset.graph_names()[0]))


def test_remote_pages_past_the_page_size(remote_server, loaded, dataset):
    sizes = {g: len(dataset.graph(g)) for g in dataset.graph_names()}
    article = min((g for g in sizes if "/article/" in g), key=sizes.get)
    small = remote_server.store(page_size=max(2, sizes[article] // 3))
    try:
        assert small.graph_names() == dataset.graph_names()
        assert small.graph_counts() == sizes
        assert_same_graph(dataset.graph(article), small.graph(article), remote_server.name)
    finally:
        small.close()


def test_remote_malformed_query_is_a_query_error(remote):
    with pytest.raises(QueryError, match="rejected"):
        remote.query("SELECT ?x WHERE { ?x ?y }")


def test_remote_unreachable_server_is_a_store_error():
    store = RemoteStore("http://127.0.0.1:9/sparql", retries=1, backoff=0.01, timeout=2)
    with pytest.raises(StoreError, match="cannot reach .* after 2 attempt"):
        store.query("ASK {}")


def test_remote_read_only_without_update_endpoint(remote_server):
    store = RemoteStore(remote_server.query)
    with pytest.raises(StoreError, match="read-only"):
        store.replace_graphs({iris.BASE + "test/g": rdflib.Graph()})


def test_remote_virtuoso_wrong_password_is_a_clear_error(virtuoso_server):
    store = RemoteStore(virtuoso_server.query, virtuoso_server.update, virtuoso_server.gsp,
                        auth=make_auth("dba", "wrong", kind="digest"), retries=0)
    with pytest.raises(StoreError, match=r"refused the credentials \(401\)"):
        store.update(f"DROP SILENT GRAPH <{iris.BASE}test/g>")
    with pytest.raises(StoreError, match=r"refused the credentials \(401\)"):
        store.put_graph(iris.BASE + "test/g", [])


def test_remote_virtuoso_anonymous_update_names_the_fix(virtuoso_server):
    store = RemoteStore(virtuoso_server.query, virtuoso_server.query, retries=3, backoff=5)
    with pytest.raises(StoreError, match="/sparql-auth with Digest"):
        store.update(f"INSERT DATA {{ GRAPH <{iris.BASE}test/g> {{ <http://ex/a> <http://ex/b> 1 }} }}")


def test_remote_select_cut_by_the_server_raises(capped_virtuoso):
    store = capped_virtuoso.store()
    g = rdflib.Graph()
    for i in range(120):
        g.add((rdflib.URIRef(f"http://ex/s{i}"), rdflib.URIRef("http://ex/p"), rdflib.Literal(i)))
    iri = iris.BASE + "test/big"
    store.replace_graphs({iri: g})
    with pytest.raises(ResultTooLarge, match="cut the result at 50 rows"):
        store.query(f"SELECT * WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}")
    assert len(store.graph(iri)) == 120
    assert store.graph_counts() == {iri: 120}
    out = io.BytesIO()
    store.dump(out, "nt", iri)
    assert out.getvalue().count(b"\n") == 120


@pytest.fixture(scope="module")
def capped_virtuoso(tmp_path_factory):
    """A Virtuoso that cuts results at 50 rows, like Debian's ini does at 10,000."""
    from servers import start_virtuoso

    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso-capped"), max_rows=50)
    yield server
    server.stop()


def test_remote_virtuoso_partial_result_after_timeout_raises(virtuoso_server, dataset):
    """Virtuoso answers 200 with what it has when its time is up; that is not a result."""
    store = ensure_loaded(virtuoso_server.store(retries=0), dataset)
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STR(?c) < STR(?f)) }"
    with pytest.raises(QueryTimeout, match="incomplete result"):
        store.query(slow, timeout=1)


def test_remote_virtuoso_refusing_a_costly_query_is_a_timeout(virtuoso_server, dataset):
    store = ensure_loaded(virtuoso_server.store(retries=0), dataset)
    with pytest.raises(QueryTimeout, match=r"refuses to start it: it estimates \d+ s, past its limit of 400 s"):
        store.query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")


def test_remote_query_timeout_is_a_query_timeout(oxigraph_server, dataset):
    store = ensure_loaded(oxigraph_server.store(retries=0, timeout=0.3), dataset)
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STR(?c) < STR(?f)) }"
    with pytest.raises(QueryTimeout, match="did not answer within"):
        store.query(slow)


def test_remote_open_store_picks_the_remote_store(monkeypatch, tmp_path):
    from kg.store import OxigraphStore
    from kg.stores import open_store

    for name in ("KG_QUERY_ENDPOINT", "KG_UPDATE_ENDPOINT", "KG_GSP_ENDPOINT", "KG_STORE_USER",
                 "KG_STORE_PASSWORD", "KG_STORE_TOKEN", "KG_STORE_AUTH"):
        monkeypatch.delenv(name, raising=False)
    explicit = open_store(tmp_path / "unused", query_endpoint="http://127.0.0.1:9/q", user="u",
                          password="p", auth="digest")
    assert isinstance(explicit, RemoteStore) and explicit.query_endpoint == "http://127.0.0.1:9/q"
    assert type(explicit.http.auth).__name__ == "HTTPDigestAuth"
    monkeypatch.setenv("KG_QUERY_ENDPOINT", "http://127.0.0.1:9/sparql")
    monkeypatch.setenv("KG_STORE_TOKEN", "t")
    from_env = open_store()
    assert isinstance(from_env, RemoteStore) and isinstance(from_env.http.auth, BearerAuth)
    assert not (tmp_path / "unused").exists()
    embedded = open_store(in_memory=True)
    assert isinstance(embedded, OxigraphStore)


def test_remote_virtuoso_refused_service_is_a_query_error(virtuoso_server):
    store = virtuoso_server.store(retries=0)
    with pytest.raises(QueryError, match="refuses this query"):
        store.query("SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
