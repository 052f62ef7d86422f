"""The HTTP API on fuzzed requests: every answer is a documented status with the JSON error
shape, never a 5xx other than 503 (time limits), and a refused write leaves the store as it was."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import article_objects

from api_fixtures import TOKEN, dataset

AUTH = {"Authorization": f"Bearer {TOKEN}"}
FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
PIECES = ["SELECT", "*", "WHERE", "{", "}", "(", ")", "?s", "?p", "?o", "SERVICE", "service", "<http://127.0.0.1:9/>",
          "ex:a\\#", "#", "\n", '"SERVICE"', "LOAD", "UNION", "FILTER", "1", "+", ".", ";", "\\u0053", "PREFIX ex: <x:>",
          "ASK", "CONSTRUCT", "GRAPH", "OPTIONAL", "[", "]", "<<", ">>", "'''", "BIND", "AS", "VALUES"]
queries = st.one_of(st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join), st.text(max_size=80))


def _clean_error(response, allowed):
    assert response.status_code in allowed, (response.status_code, response.data[:300])
    if response.status_code >= 400:
        assert response.get_json()["status"] == response.status_code


@FUZZ
@given(query=queries, how=st.sampled_from(["GET", "form", "body"]))
def test_fuzz_api_sparql_query(client, query, how):
    if how == "GET":
        response = client.get("/sparql", query_string={"query": query})
    elif how == "form":
        response = client.post("/sparql", data={"query": query})
    else:
        response = client.post("/sparql", data=query.encode("utf-8", "surrogatepass"),
                               content_type="application/sparql-query")
    _clean_error(response, {200, 302, 400, 403, 406, 503})


@FUZZ
@given(update=queries)
def test_fuzz_api_sparql_update_without_calling_out(writable_app, writable_store, update):
    before = len(dataset(writable_store))
    response = writable_app.test_client().post("/sparql/update", data={"update": update}, headers=AUTH)
    _clean_error(response, {204, 400, 403, 503})
    if response.status_code != 204:
        assert len(dataset(writable_store)) == before


@FUZZ
@given(objs=st.lists(article_objects(), min_size=1, max_size=2))
def test_fuzz_api_post_articles(writable_app, writable_store, objs):
    before = set(dataset(writable_store))
    body = json.dumps(objs if len(objs) > 1 else objs[0])
    response = writable_app.test_client().post("/articles", data=body,
                                               headers={**AUTH, "Content-Type": "application/json"})
    _clean_error(response, {201, 400, 422})
    if response.status_code != 201:
        assert set(dataset(writable_store)) == before
