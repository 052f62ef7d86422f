"""The SPARQL 1.1 Protocol endpoint: every method × result format, parsed back and compared
with the store's own answer; errors, limits, the token rule and CORS."""
from __future__ import annotations

import io
import threading
import time

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic
from rdflib.query import Result

from api.executor import ProcessExecutor
from api_fixtures import *  # noqa: F401,F403 (fixtures)
from api_fixtures import SLOW_QUERY, TOKEN, _app
from kg import iris

SELECT = """PREFIX sp: <https://w3id.org/standpunkt/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?position ?name ?claim ?date WHERE {
  ?position sp:holder ?actor ; sp:claim ?claim . ?actor rdfs:label ?name .
  OPTIONAL { ?position <http://purl.org/dc/terms/date> ?date } } ORDER BY ?position"""
ASK = "PREFIX sp: <https://w3id.org/standpunkt/ontology#> ASK { ?p sp:stance sp:Oppose }"
CONSTRUCT = """PREFIX sp: <https://w3id.org/standpunkt/ontology#>
CONSTRUCT { ?p ?x ?y } WHERE { ?p a sp:Position ; ?x ?y }"""

SELECT_FORMATS = {"application/sparql-results+json": "json", "application/sparql-results+xml": "xml",
                  "text/csv": "csv", "text/tab-separated-values": "tsv"}
GRAPH_FORMATS = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
                 "application/rdf+xml": "xml", "application/n-quads": "nquads", "application/trig": "trig"}


def ask_endpoint(client, method: str, query: str, accept: str | None = None, **extra):
    """One request in each of the Protocol's three query forms."""
    headers = {"Accept": accept} if accept else {}
    if method == "GET":
        return client.get("/sparql", query_string={"query": query, **extra}, headers=headers)
    if method == "POST-form":
        return client.post("/sparql", data={"query": query, **extra}, headers=headers)
    return client.post("/sparql", data=query.encode(), query_string=extra,
                       headers={**headers, "Content-Type": "application/sparql-query"})


def rows_of(result) -> set[tuple]:
    return {tuple(sorted((str(k), str(v)) for k, v in row.asdict().items())) for row in result}


def store_rows(store, query) -> set[tuple]:
    return {tuple(sorted((k, str(v)) for k, v in row.items())) for row in store.query(query)}


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

METHODS = ["GET", "POST-form", "POST-direct"]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("media_type", list(SELECT_FORMATS))
def test_api_sparql_select_every_method_and_format(client, api_store, method, media_type):
    response = ask_endpoint(client, method, SELECT, media_type)
    assert response.status_code == 200, response.data
    assert response.mimetype == media_type
    parsed = Result.parse(io.BytesIO(response.data), format=SELECT_FORMATS[media_type])
    expected = store_rows(api_store, SELECT)
    assert len(expected) == 5
    assert rows_of(parsed) == expected


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("media_type", ["application/sparql-results+json", "application/sparql-results+xml"])
def test_api_sparql_ask_every_method_and_format(client, api_store, method, media_type):
    response = ask_endpoint(client, method, ASK, media_type)
    assert response.status_code == 200
    parsed = Result.parse(io.BytesIO(response.data), format=SELECT_FORMATS[media_type])
    assert parsed.askAnswer is api_store.query(ASK) is True


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("media_type", list(GRAPH_FORMATS))
def test_api_sparql_construct_every_method_and_format(client, api_store, method, media_type):
    response = ask_endpoint(client, method, CONSTRUCT, media_type)
    assert response.status_code == 200, response.data
    assert response.mimetype == media_type
    fmt = GRAPH_FORMATS[media_type]
    if fmt in ("nquads", "trig"):
        parsed = rdflib.Dataset()
        parsed.parse(data=response.data, format=fmt)
        parsed = rdflib.Graph() + parsed.graph(rdflib.graph.DATASET_DEFAULT_GRAPH_ID)
    else:
        parsed = rdflib.Graph().parse(data=response.data, format=fmt)
    expected = api_store.query(CONSTRUCT)
    assert len(expected) > 40
    assert isomorphic(parsed, expected)


@pytest.mark.parametrize("fmt, media_type", [("json", "application/sparql-results+json"), ("csv", "text/csv"),
                                             ("tsv", "text/tab-separated-values"),
                                             ("xml", "application/sparql-results+xml")])
def test_api_sparql_format_parameter_overrides_accept(client, fmt, media_type):
    response = client.get("/sparql", query_string={"query": SELECT, "format": fmt}, headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.mimetype == media_type


def test_api_sparql_download_links_answer_as_files(client):
    response = client.get("/sparql", query_string={"query": SELECT, "format": "csv", "download": "1"})
    assert response.headers["Content-Disposition"] == 'attachment; filename="standpunkt-result.csv"'
    assert "Content-Disposition" not in client.get("/sparql", query_string={"query": SELECT}).headers


def test_api_sparql_defaults_without_accept_header(client):
    assert ask_endpoint(client, "GET", SELECT).mimetype == "application/sparql-results+json"
    assert ask_endpoint(client, "GET", CONSTRUCT).mimetype == "text/turtle"
    assert ask_endpoint(client, "GET", SELECT, "*/*").mimetype == "application/sparql-results+json"


def test_api_sparql_default_graph_uri_and_named_graph_uri(client, api_store):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    a1 = iris.article_iri("a1")
    answer = ask_endpoint(client, "GET", query, "application/sparql-results+json",
                          **{"default-graph-uri": a1}).get_json()
    assert int(answer["results"]["bindings"][0]["n"]["value"]) == len(api_store.graph(a1))
    named = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    for method in METHODS:
        answer = ask_endpoint(client, method, named, "application/sparql-results+json",
                              **{"named-graph-uri": a1}).get_json()
        assert [b["g"]["value"] for b in answer["results"]["bindings"]] == [a1]


def test_api_sparql_service_description(client):
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.mimetype == "text/turtle"
    g = rdflib.Graph().parse(data=response.data, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = g.value(predicate=rdflib.RDF.type, object=sd.Service)
    assert g.value(service, sd.endpoint) == rdflib.URIRef("http://localhost/sparql")
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in g
    assert (service, sd.feature, sd.UnionDefaultGraph) in g


def test_api_sparql_browser_without_query_gets_the_query_page(client):
    response = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 302 and response.location.endswith("/query")


@pytest.mark.parametrize("method", METHODS)
def test_api_sparql_malformed_query_is_400_with_parser_message(client, method):
    response = ask_endpoint(client, method, "SELECT ?x WHERE { ?x ?y }")
    body = response.get_json()
    assert response.status_code == 400
    assert body["ok"] is False and body["status"] == 400
    assert "error at 1:" in body["error"] or "syntax error" in body["error"]  # the store's own parser message
    assert "Traceback" not in body["error"]


def test_api_sparql_unacceptable_accept_is_406_listing_formats(client):
    response = ask_endpoint(client, "GET", SELECT, "image/png")
    body = response.get_json()
    assert response.status_code == 406
    assert "application/sparql-results+json" in body["errors"] and "csv" in body["errors"]
    assert ask_endpoint(client, "GET", CONSTRUCT, "text/csv").status_code == 406
    assert client.get("/sparql", query_string={"query": SELECT, "format": "png"}).status_code == 406


@pytest.mark.parametrize("request_kwargs, status", [
    ({"data": b"SELECT * {}", "headers": {"Content-Type": "text/plain"}}, 415),
    ({"data": {"query": "ASK {}", "update": "CLEAR ALL"}}, 400),
    ({"data": {}}, 400),
    ({"data": {"query": " "}}, 400),
])
def test_api_sparql_bad_requests(client, request_kwargs, status):
    response = client.post("/sparql", **request_kwargs)
    assert response.status_code == status
    assert response.get_json()["status"] == status


def test_api_sparql_repeated_query_parameter_is_400(client):
    response = client.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D")
    assert response.status_code == 400 and "2 times" in response.get_json()["error"]


def test_api_sparql_update_is_not_a_query(client):
    response = ask_endpoint(client, "POST-direct", "INSERT DATA { <x:a> <x:b> <x:c> }")
    assert response.status_code == 400


def test_api_sparql_result_limit_is_an_error_not_a_cut_body(api_store):
    app = _app(api_store, MAX_RESULTS=3)
    try:
        client = app.test_client()
        response = client.get("/sparql", query_string={"query": SELECT})
        assert response.status_code == 422
        assert "more than 3 rows" in response.get_json()["error"]
        ok = client.get("/sparql", query_string={"query": SELECT + " LIMIT 3"})
        assert ok.status_code == 200 and len(ok.get_json()["results"]["bindings"]) == 3
        graph = client.get("/sparql", query_string={"query": CONSTRUCT})
        assert graph.status_code == 422 and "triples" in graph.get_json()["error"]
    finally:
        app.extensions["standpunkt"].close()




def test_api_sparql_timeout_stops_the_query_and_others_do_not_wait(api_store):
    app = _app(api_store, QUERY_TIMEOUT=1.5, WORKERS=2)
    executor = app.extensions["standpunkt"].executor
    try:
        client = app.test_client()
        slow_result = {}

        def slow():
            started = time.monotonic()
            response = app.test_client().get("/sparql", query_string={"query": SLOW_QUERY})
            slow_result.update(status=response.status_code, body=response.get_json(),
                               seconds=time.monotonic() - started)

        thread = threading.Thread(target=slow)
        thread.start()
        time.sleep(0.3)
        started = time.monotonic()
        fast = client.get("/sparql", query_string={"query": ASK})
        fast_seconds = time.monotonic() - started
        busy_pids = {w.process.pid for w in getattr(executor, "_all", ())}
        thread.join(10)
        assert fast.status_code == 200 and fast_seconds < 1.0
        assert slow_result["status"] == 503
        if isinstance(executor, ProcessExecutor):
            assert "time limit of 1.5 s" in slow_result["body"]["error"]
            assert 1.4 < slow_result["seconds"] < 4
        else:  # a remote server stops it itself, or refuses it up front from its estimate
            assert "limit" in slow_result["body"]["error"] and slow_result["seconds"] < 4
        status = client.get("/health").get_json()["query"]
        assert status["alive"] == status["workers"]
        if isinstance(executor, ProcessExecutor):
            assert {w.process.pid for w in executor._all} != busy_pids  # the slow worker was killed
        assert client.get("/sparql", query_string={"query": ASK}).status_code == 200
    finally:
        app.extensions["standpunkt"].close()


# ---- the token rule -------------------------------------------------------------------------

INSERT = 'INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> "neu" } }'
PROBE = 'ASK { <http://example.org/s> <http://example.org/p> "neu" }'


@pytest.mark.parametrize("path", ["/sparql", "/sparql/update"])
def test_api_sparql_update_needs_the_bearer_token(writable_app, path):
    client = writable_app.test_client()
    assert client.post(path, data={"update": INSERT}).status_code == 401
    assert client.post(path, data={"update": INSERT}).headers["WWW-Authenticate"].startswith("Bearer")
    assert client.post(path, data={"update": INSERT},
                       headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert client.get("/sparql", query_string={"query": PROBE}).get_json()["boolean"] is False
    done = client.post(path, data=INSERT.encode(), headers={"Authorization": f"Bearer {TOKEN}",
                                                            "Content-Type": "application/sparql-update"})
    assert done.status_code == 204
    assert client.get("/sparql", query_string={"query": PROBE}).get_json()["boolean"] is True


def test_api_sparql_read_only_server_refuses_updates_with_403(api_store):
    app = _app(api_store, WRITE_TOKEN=None)
    try:
        response = app.test_client().post("/sparql/update", data={"update": INSERT},
                                          headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 403 and "read-only" in response.get_json()["error"]
    finally:
        app.extensions["standpunkt"].close()


def test_api_sparql_malformed_update_is_400_and_changes_nothing(writable_app, writable_store):
    before = writable_store.quad_count()
    response = writable_app.test_client().post(
        "/sparql/update", data={"update": "INSERT DATA { <x:a> <x:b> }"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 400
    assert writable_store.quad_count() == before


def test_api_sparql_cors_on_reads_only(client):
    read = client.get("/sparql", query_string={"query": ASK}, headers={"Origin": "https://example.org"})
    assert read.headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/sparql", headers={"Origin": "https://example.org",
                                                   "Access-Control-Request-Method": "POST"})
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    write = client.options("/sparql/update", headers={"Origin": "https://example.org",
                                                      "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in write.headers


def test_api_sparql_describe_is_a_graph_not_a_table(client, api_store):
    query = f"DESCRIBE <{iris.actor_iri('Friedrich Merz')}>"
    response = ask_endpoint(client, "GET", query, "text/turtle, application/sparql-results+json;q=0.5")
    assert response.mimetype == "text/turtle"
    got = rdflib.Graph().parse(data=response.data, format="turtle")
    assert len(got) > 0 and isomorphic(got, api_store.query(query))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.one_of(st.text(max_size=60), st.sampled_from(["SELECT", "ASK {", "CONSTRUCT WHERE { ?s ?p ?o } LIMIT",
                                                              "PREFIX x: <y> SELECT * {}", "DESCRIBE <", "# only"])),
       accept=st.sampled_from(["", "*/*", "text/csv", "text/turtle", "image/png", "application/sparql-results+xml"]))
def test_api_sparql_any_query_text_gets_a_clean_answer(client, query, accept):
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept} if accept else {})
    assert response.status_code in (200, 302, 400, 403, 406), (query, response.data[:300])
    if response.status_code >= 400:
        assert response.get_json()["status"] == response.status_code


def test_api_sparql_federated_service_is_refused_by_default(client, api_store):
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:8765/sparql> { ?s ?p ?o } }"
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 403 and "SERVICE" in response.get_json()["error"]
    app = _app(api_store, ALLOW_SERVICE=True)
    try:
        allowed = app.test_client().get("/sparql", query_string={
            "query": "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"})
        assert allowed.status_code in (200, 400)  # passed to the engine, which may fail to reach it
    finally:
        app.extensions["standpunkt"].close()
