"""api.lean: a plain GET or POST /sparql query answered without Flask gets Flask's very answer.

Each request is sent twice, through the app (the lean layer in front) and straight to
Flask's own WSGI app behind it; status, headers and body must be the same. The result
cache is cleared between the two, so both evaluate the query (the ETag is a digest of
the body, so it must match too). The other tests of /sparql (tests/test_api_sparql*.py,
tests/test_w3c_protocol.py) pass through the lean layer as well."""
from __future__ import annotations

import pytest
from werkzeug.test import Client, EnvironBuilder, run_wsgi_app

from api.lean import LeanSparql
from api_fixtures import *  # noqa: F401,F403 (fixtures)
from api_fixtures import _app

SELECT = "PREFIX sp: <https://w3id.org/standpunkt/ontology#> SELECT ?p WHERE { ?p sp:stance ?s } ORDER BY ?p"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 5"
RELATIVE = "SELECT ?x WHERE { BIND(<relative> AS ?x) }"

# (method, query string parameters or form or query body, headers): one construction per row
REQUESTS = [
    ("GET", {"query": SELECT}, {}),
    ("GET", {"query": SELECT}, {"Accept": "text/csv"}),
    ("GET", {"query": SELECT}, {"Accept": "application/sparql-results+xml, */*;q=0.1"}),
    ("GET", {"query": SELECT, "format": "tsv"}, {}),
    ("GET", {"query": CONSTRUCT}, {"Accept": "application/n-triples"}),
    ("GET", {"query": CONSTRUCT}, {"Accept": "text/turtle"}),
    ("GET", {"query": "ASK { ?s ?p ?o }"}, {"Accept": "application/sparql-results+json"}),
    ("GET", {"query": RELATIVE}, {"Host": "example.org:8080"}),  # BASE from the Host the client used
    ("GET", {"query": RELATIVE}, {"Origin": "https://elsewhere.example"}),
    ("GET", {"query": SELECT}, {"Cache-Control": "no-cache"}),
    ("GET", {"query": "SELECT ?x WHERE { ?x"}, {}),  # a syntax error, found when the query runs
    ("GET", {"query": SELECT + "  # rand()"}, {}),  # a volatile function named: never cached, no ETag
    ("POST", {"query": SELECT}, {}),  # a form
    ("POST", {"query": SELECT, "format": "csv"}, {}),
    ("POST", SELECT, {"Content-Type": "application/sparql-query"}),  # the query itself
    ("POST", CONSTRUCT, {"Content-Type": "application/sparql-query; charset=UTF-8", "Accept": "text/turtle"}),
    ("POST", "SELECT ?x WHERE { ?x", {"Content-Type": "application/sparql-query"}),
]


def _answer(wsgi_app, app, method, params, headers):
    app.extensions["standpunkt"].results.clear()
    if method == "GET":
        environ = EnvironBuilder(path="/sparql", query_string=params, headers=headers).get_environ()
    elif isinstance(params, dict):
        environ = EnvironBuilder(path="/sparql", method="POST", data=params, headers=headers).get_environ()
    else:
        headers = dict(headers)
        environ = EnvironBuilder(path="/sparql", method="POST", data=params.encode(),
                                 content_type=headers.pop("Content-Type"), headers=headers).get_environ()
    body, status, response_headers = run_wsgi_app(wsgi_app, environ, buffered=True)
    return status, sorted(response_headers.items()), b"".join(body)


@pytest.mark.parametrize("method, params, headers", REQUESTS)
def test_lean_answers_as_flask_does(app, method, params, headers):
    assert isinstance(app.wsgi_app, LeanSparql)
    lean = _answer(app.wsgi_app, app, method, params, headers)
    flask = _answer(app.wsgi_app.flask, app, method, params, headers)
    assert lean == flask
    assert lean[0].startswith(("200", "400"))


def test_lean_answers_plain_queries_itself(app, monkeypatch):
    """The rows above that a plain query makes never reach Flask; the others do."""
    reached = []
    flask = app.wsgi_app.flask
    monkeypatch.setattr(app.wsgi_app, "flask", lambda environ, start: reached.append(environ) or flask(environ, start))
    client = Client(app)
    assert client.get("/sparql", query_string={"query": SELECT}).status_code == 200
    assert client.get("/sparql", query_string={"query": SELECT, "format": "csv"}).status_code == 200
    assert client.post("/sparql", data={"query": SELECT}).status_code == 200
    assert client.post("/sparql", data=SELECT, content_type="application/sparql-query").status_code == 200
    assert reached == []
    client.get("/sparql", query_string={"query": SELECT, "download": "1"})  # a file: Flask
    client.get("/sparql", query_string={"query": SELECT}, headers={"If-None-Match": '"x"'})  # a revalidation
    client.get("/sparql", query_string={"query": "INSERT DATA { <a:a> <a:b> <a:c> }"})  # refused: Flask's 405
    answer = client.post("/sparql?format=csv", data={"query": SELECT})  # parameters in the URL too: Flask
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    assert client.post("/sparql", data=SELECT.encode("latin-1"), content_type="text/plain").status_code == 415
    assert len(reached) == 5


def test_lean_leaves_configured_origins_to_flask(api_store):
    """A page from a --cors-origin origin gets its origin named back (api.cors), so Flask answers."""
    app = _app(api_store, CORS_ORIGINS=("https://app.example.org",))
    try:
        reached = []
        flask = app.wsgi_app.flask
        app.wsgi_app.flask = lambda environ, start: reached.append(environ) or flask(environ, start)
        response = Client(app).get("/sparql", query_string={"query": SELECT},
                                   headers={"Origin": "https://app.example.org"})
        assert response.headers["Access-Control-Allow-Origin"] == "https://app.example.org"
        assert len(reached) == 1
    finally:
        app.extensions["standpunkt"].close()
