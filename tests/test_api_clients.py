"""Real clients against a real waitress server: SPARQLWrapper, rdflib's SPARQLStore, plain HTTP."""
from __future__ import annotations

import io
import threading
import time

import pytest
import rdflib
import requests
from rdflib.compare import isomorphic
from rdflib.query import Result
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from api_fixtures import *  # noqa: F401,F403 (fixtures)
from api_fixtures import SLOW_QUERY, TOKEN, _app, serve_in_thread

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

SELECT = """PREFIX sp: <https://w3id.org/standpunkt/ontology#>
SELECT ?p ?claim WHERE { ?p sp:claim ?claim } ORDER BY ?p"""
CONSTRUCT = """PREFIX sp: <https://w3id.org/standpunkt/ontology#>
CONSTRUCT { ?p sp:claim ?c ; sp:stance ?s } WHERE { ?p sp:claim ?c ; sp:stance ?s }"""


def expected_rows(store):
    return [(str(r["p"]), str(r["claim"])) for r in store.query(SELECT)]


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_api_clients_sparqlwrapper_select(live_server, api_store, method, fmt):
    client = SPARQLWrapper(live_server + "/sparql")
    client.setQuery(SELECT)
    client.setMethod(method)
    client.setReturnFormat(fmt)
    result = client.query()
    if fmt == JSON:
        bindings = result.convert()["results"]["bindings"]
        rows = [(b["p"]["value"], b["claim"]["value"]) for b in bindings]
    else:
        parsed = Result.parse(io.BytesIO(result.response.read()), format=fmt)
        rows = [(str(r.p), str(r.claim)) for r in parsed]
    assert sorted(rows) == sorted(expected_rows(api_store)) and len(rows) == 5


@pytest.mark.parametrize("fmt, parser", [(TURTLE, "turtle"), (RDFXML, "xml"), (JSONLD, "json-ld"), (N3, "n3")])
def test_api_clients_sparqlwrapper_construct(live_server, api_store, fmt, parser):
    client = SPARQLWrapper(live_server + "/sparql")
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(fmt)
    response = client.query().response.read()
    got = rdflib.Graph().parse(data=response, format=parser)
    assert len(got) == 10 and isomorphic(got, api_store.query(CONSTRUCT))


def test_api_clients_sparqlwrapper_ask_and_update_with_token(live_server):
    client = SPARQLWrapper(live_server + "/sparql")
    client.setQuery("ASK { ?s ?p ?o }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True


def test_api_clients_rdflib_sparqlstore(live_server, api_store):
    graph = rdflib.Graph(store=SPARQLStore(live_server + "/sparql"))
    rows = [(str(r.p), str(r.claim)) for r in graph.query(SELECT)]
    assert rows == expected_rows(api_store)
    constructed = graph.query(CONSTRUCT).graph
    assert isomorphic(constructed, api_store.query(CONSTRUCT))
    assert graph.query("ASK { ?s ?p ?o }").askAnswer is True


def test_api_clients_plain_http_rest_walk(live_server):
    actors = requests.get(live_server + "/actors", timeout=10).json()
    first = actors["member"][0]
    positions = requests.get(first["positions"], timeout=10)
    assert positions.status_code == 200 and positions.headers["Content-Type"].startswith("application/ld+json")
    for member in positions.json()["member"]:
        single = requests.get(member["href"], timeout=10).json()
        assert single["@id"] == member["@id"] and single["holder"]["@id"] == first["@id"]


def test_api_clients_concurrent_fast_queries_pass_a_slow_one(api_store):
    """Over real HTTP: while a query that will time out occupies one worker, an ASK answers at once."""
    app = _app(api_store, QUERY_TIMEOUT=2, WORKERS=2)
    base, server = serve_in_thread(app)
    try:
        answers = {}
        thread = threading.Thread(target=lambda: answers.update(
            slow=requests.get(base + "/sparql", params={"query": SLOW_QUERY}, timeout=30)))
        thread.start()
        time.sleep(0.3)
        started = time.monotonic()
        fast = requests.get(base + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
        fast_seconds = time.monotonic() - started
        thread.join(30)
        assert fast.status_code == 200 and fast_seconds < 1
        assert answers["slow"].status_code == 503
        assert "limit" in answers["slow"].json()["error"]  # ours, or a remote server's own refusal
    finally:
        server.close()
        app.extensions["standpunkt"].close()


def test_api_clients_update_over_http(writable_app):
    base, server = serve_in_thread(writable_app)
    try:
        update = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/b> 1 } }"
        assert requests.post(base + "/sparql/update", data={"update": update}, timeout=10).status_code == 401
        done = requests.post(base + "/sparql/update", data={"update": update},
                             headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10)
        assert done.status_code == 204
        check = requests.get(base + "/sparql", params={"query": "ASK { <http://example.org/a> ?p 1 }"}, timeout=10)
        assert check.json()["boolean"] is True
    finally:
        server.close()
