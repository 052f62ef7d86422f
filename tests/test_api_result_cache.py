"""The /sparql result cache: repeated answers from memory, never stale, ETag and 304, bounded."""
from __future__ import annotations

import pytest

from api.result_cache import ResultCache, cacheable
from api_fixtures import *  # noqa: F401,F403 (fixtures)
from api_fixtures import TOKEN, _app

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
JSON = "application/sparql-results+json"


def _stats(client) -> dict:
    return client.get("/health").get_json()["cache"]


def _count(client, **headers):
    return client.get("/sparql", query_string={"query": COUNT}, headers={"Accept": JSON, **headers})


def test_result_cache_evicts_least_recently_used_by_bytes():
    cache = ResultCache(40_000)  # about nine answers of 4,000 bytes
    cache.put(("a", 1), "t", b"x" * 4000)
    cache.put(("b", 1), "t", b"x" * 4000)
    assert cache.get(("a", 1))[1] == b"x" * 4000  # a is now the most recent
    for i in range(8):
        cache.put((f"c{i}", 1), "t", b"y" * 4000)
    assert cache.get(("b", 1)) is None and cache.get(("a", 1)) is not None
    assert cache.status()["bytes"] <= 40_000 and cache.status()["entries"] == 9


def test_result_cache_keeps_no_answer_larger_than_an_eighth():
    cache = ResultCache(8000)
    media, body, etag = cache.put(("big", 1), "t", b"z" * 1000)
    assert body == b"z" * 1000 and etag.startswith('"')
    assert cache.get(("big", 1)) is None and cache.status()["entries"] == 0
    assert not ResultCache(0).enabled


@pytest.mark.parametrize("query, expected", [
    ("SELECT * WHERE { ?s ?p ?o }", True),
    ("SELECT (NOW() AS ?t) {}", False),
    ("SELECT (rand () AS ?r) {}", False),
    ("SELECT (STRUUID() AS ?u) {}", False),
    ("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }", False),
    ("SELECT ?now WHERE { ?s <http://x/now> ?now }", True),
])
def test_result_cache_leaves_out_answers_that_change_without_a_write(query, expected):
    assert cacheable(query) is expected


@pytest.mark.embedded_only
def test_result_cache_repeated_query_is_a_hit_with_the_same_etag(writable_app):
    client = writable_app.test_client()
    first = _count(client)
    before = _stats(client)
    second = _count(client)
    after = _stats(client)
    assert first.status_code == second.status_code == 200
    assert second.data == first.data and second.headers["ETag"] == first.headers["ETag"]
    assert second.headers["Cache-Control"] == "no-cache"
    assert after["hits"] == before["hits"] + 1 and after["misses"] == before["misses"]


@pytest.mark.embedded_only
def test_result_cache_if_none_match_gives_304_without_a_body(writable_app):
    client = writable_app.test_client()
    etag = _count(client).headers["ETag"]
    again = _count(client, **{"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == etag
    other = _count(client, **{"If-None-Match": '"not-this-one"'})
    assert other.status_code == 200 and other.data


@pytest.mark.embedded_only
def test_result_cache_is_never_stale_after_a_write(writable_app):
    client = writable_app.test_client()
    before = _count(client)
    n = before.get_json()["results"]["bindings"][0]["n"]["value"]
    update = client.post("/sparql", data={"update": "INSERT DATA { GRAPH <http://example.org/g> "
                                                     "{ <http://example.org/s> <http://example.org/p> 1 } }"},
                         headers={"Authorization": f"Bearer {TOKEN}"})
    assert update.status_code == 204
    after = _count(client, **{"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and after.headers["ETag"] != before.headers["ETag"]
    assert int(after.get_json()["results"]["bindings"][0]["n"]["value"]) == int(n) + 1


@pytest.mark.embedded_only
def test_result_cache_keys_on_the_result_format(writable_app):
    client = writable_app.test_client()
    as_json = _count(client)
    as_xml = client.get("/sparql", query_string={"query": COUNT},
                        headers={"Accept": "application/sparql-results+xml"})
    assert as_json.mimetype == JSON and as_xml.mimetype == "application/sparql-results+xml"
    assert as_json.headers["ETag"] != as_xml.headers["ETag"]
    assert _count(client).data == as_json.data


@pytest.mark.embedded_only
def test_result_cache_request_no_cache_asks_the_store_again(writable_app):
    client = writable_app.test_client()
    _count(client)
    before = _stats(client)
    assert _count(client, **{"Cache-Control": "no-cache"}).status_code == 200
    after = _stats(client)
    assert after["hits"] == before["hits"] and after["misses"] == before["misses"]


def test_result_cache_off_with_zero_megabytes(writable_store):
    app = _app(writable_store, CACHE_MB=0)
    try:
        client = app.test_client()
        first, second = _count(client), _count(client)
        assert second.data == first.data and "ETag" not in second.headers
        assert _stats(client)["entries"] == 0 and _stats(client)["hits"] == 0
    finally:
        app.extensions["standpunkt"].close()


def test_result_cache_negative_size_is_refused(capsys):
    from kg.cli import main

    assert main(["serve", "--cache-mb", "-1", "--store", "/nonexistent"]) == 2
    assert "--cache-mb" in capsys.readouterr().err
