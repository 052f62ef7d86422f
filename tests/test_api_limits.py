"""Client faults answer 4xx, never 5xx: oversized bodies, bad UTF-8, failing LOADs and graph
operations, articles the pipeline fails on; the store is unchanged each time."""
from __future__ import annotations

import http.server
import threading

import pytest

from api_fixtures import *  # noqa: F401,F403 (fixtures)
from api_fixtures import TOKEN, _app, dataset

AUTH = {"Authorization": f"Bearer {TOKEN}"}
BIG = 6_000_000  # over MAX_UPLOAD_BYTES (5,000,000)


@pytest.mark.parametrize("path, content_type, token", [
    ("/sparql", "application/x-www-form-urlencoded", False),
    ("/sparql", "application/sparql-query", False),
    ("/sparql/update", "application/sparql-update", True),
    ("/articles", "application/json", True),
])
def test_api_limits_oversized_body_is_413(writable_app, writable_store, path, content_type, token):
    before = dataset(writable_store)
    body = b"query=" + b"x" * BIG if content_type.endswith("urlencoded") else b"x" * BIG
    response = writable_app.test_client().post(path, data=body, content_type=content_type,
                                               headers=AUTH if token else {})
    assert response.status_code == 413 and response.get_json()["status"] == 413
    assert set(dataset(writable_store)) == set(before)


@pytest.mark.parametrize("how", ["body", "form", "url"])
def test_api_limits_invalid_utf8_is_400(client, how):
    raw = b"SELECT * WHERE { ?s ?p \"\xff\xfe\" }"
    if how == "body":
        response = client.post("/sparql", data=raw, content_type="application/sparql-query")
    elif how == "form":
        response = client.post("/sparql", data=b"query=SELECT%20*%20WHERE%20%7B%7D%20%23%FF",
                               content_type="application/x-www-form-urlencoded")
    else:
        response = client.get("/sparql?query=ASK%7B%7D%23%FF%FE")
    assert response.status_code == 400 and "not UTF-8" in response.get_json()["error"]


def test_api_limits_utf8_text_passes(client):
    query = 'ASK { FILTER("Schuldenbremse für Länder" != "") }'
    for response in (client.post("/sparql", data=query.encode(), content_type="application/sparql-query"),
                     client.post("/sparql", data={"query": query}),
                     client.get("/sparql", query_string={"query": query})):
        assert response.status_code == 200 and response.get_json()["boolean"] is True


@pytest.fixture()
def html_server():
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body>no RDF</body></html>")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/page"
    server.shutdown()
    server.server_close()


@pytest.mark.embedded_only  # a remote server runs LOAD itself and decides what a failed one is
@pytest.mark.parametrize("target", ["html", "file:///etc/passwd", "ftp://127.0.0.1/x"])
def test_api_limits_failing_load_is_400_even_when_allowed(writable_store, html_server, target):
    app = _app(writable_store, ALLOW_SERVICE=True)
    try:
        before = dataset(writable_store)
        iri = html_server if target == "html" else target
        response = app.test_client().post("/sparql/update", data={"update": f"LOAD <{iri}>"}, headers=AUTH)
        assert response.status_code == 400, response.data[:300]
        assert set(dataset(writable_store)) == set(before)
    finally:
        app.extensions["standpunkt"].close()


def test_api_limits_article_the_pipeline_fails_on_is_400(writable_app, writable_store, monkeypatch):
    import kg.extract

    def overflow(article):
        raise OverflowError("date value out of range")

    monkeypatch.setattr(kg.extract, "extract", overflow)
    before = dataset(writable_store)
    body = '{"id": "o1", "date": "0001-01-01", "text": "Vor zwei Jahren forderte die SPD mehr Geld."}'
    response = writable_app.test_client().post("/articles", data=body, headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 400
    assert "extracting article 'o1' failed: OverflowError" in response.get_json()["error"]
    assert set(dataset(writable_store)) == set(before)


@pytest.mark.parametrize("body", [
    '[{"id": "s1", "date": "2024-01-01", "text": "Die SPD fordert mehr Geld.", "title": "T \\udc00"}]',
    '{"id": "s2", "date": "2024-01-01\\n", "text": "Die SPD fordert mehr Geld."}',
    '{"id": "s3", "date": "２０２４-01-01", "text": "Die SPD fordert mehr Geld."}',
    "[" * 100_000,
])
def test_api_limits_malformed_json_articles_are_400(writable_app, writable_store, body):
    before = dataset(writable_store)
    response = writable_app.test_client().post("/articles", data=body.encode(),
                                               headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 400, response.data[:300]
    assert set(dataset(writable_store)) == set(before)


def test_api_limits_extraction_runs_outside_the_write_lock(writable_app, writable_store, monkeypatch):
    """While one upload is still being extracted, another write goes through."""
    import kg.extract

    started, release, answers = threading.Event(), threading.Event(), {}
    real = kg.extract.extract

    def slow(article):
        started.set()
        release.wait(60)
        return real(article)

    monkeypatch.setattr(kg.extract, "extract", slow)
    body = '{"id": "w1", "date": "2024-01-02", "text": "Die SPD fordert mehr Geld."}'
    upload = threading.Thread(target=lambda: answers.update(post=writable_app.test_client().post(
        "/articles", data=body, headers={**AUTH, "Content-Type": "application/json"})))
    upload.start()
    try:
        assert started.wait(60)
        update = writable_app.test_client().post(
            "/sparql/update", data={"update": "INSERT DATA { GRAPH <http://x/g> { <http://x/a> <http://x/b> 1 } }"},
            headers=AUTH)
        assert update.status_code == 204 and "post" not in answers
    finally:
        release.set()
        upload.join(120)
    assert answers["post"].status_code == 201
