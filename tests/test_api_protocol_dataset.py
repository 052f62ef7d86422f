"""The dataset a request reads (FROM, the protocol's graph parameters, the union default),
relative IRIs, CORS for token holders and the Service Description's features (issue 11, defects 1-3, 6, 7)."""
from __future__ import annotations

import pytest
import rdflib

from kg.update_dataset import DatasetConflict, with_dataset
from api_fixtures import *  # noqa: F401,F403 (fixtures)
from api_fixtures import TOKEN, _app
from kg import iris
from kg.sparql_text import declares_dataset

AUTH = {"Authorization": f"Bearer {TOKEN}"}
COUNT = "SELECT (COUNT(*) AS ?n) {from} WHERE {{ ?s ?p ?o }}"
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")


def count(client, query: str, **params) -> int:
    answer = client.get("/sparql", query_string={"query": query, **params},
                        headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200, answer.data
    return int(answer.get_json()["results"]["bindings"][0]["n"]["value"])


# ---- defect 1: FROM / FROM NAMED ------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("SELECT * FROM <g> WHERE {}", True),
    ("select * from named <g> {}", True),
    ("SELECT ?from WHERE { ?s from:p 'FROM' } # FROM", False),
    ("PREFIX from: <x:> SELECT * { ?s from:p <FROM> }", False),
])
def test_sparql_text_declares_dataset(text, expected):
    assert declares_dataset(text) is expected


def test_api_query_from_reads_only_that_graph(client, api_store):
    union = count(client, COUNT.format(**{"from": ""}))
    actors = count(client, COUNT.format(**{"from": f"FROM <{iris.ACTORS_GRAPH}>"}))
    in_graph = len(api_store.graph(iris.ACTORS_GRAPH))
    assert 0 < actors == in_graph < union
    assert count(client, COUNT.format(**{"from": "FROM <http://nope/>"})) == 0


def test_api_query_protocol_graphs_override_from(client, api_store):
    query = COUNT.format(**{"from": "FROM <http://nope/>"})
    assert count(client, query, **{"default-graph-uri": iris.TOPICS_GRAPH}) == len(api_store.graph(iris.TOPICS_GRAPH))
    named_only = "ASK { ?s ?p ?o }"
    answer = client.get("/sparql", query_string={"query": named_only, "named-graph-uri": iris.ACTORS_GRAPH},
                        headers={"Accept": "application/sparql-results+json"})
    assert answer.get_json()["boolean"] is False  # named graphs given, no default graph: it is empty


def test_api_query_graph_parameter_must_be_an_iri(client):
    answer = client.get("/sparql", query_string={"query": "ASK {}", "default-graph-uri": "x> } <y"})
    assert answer.status_code == 400


# ---- defect 2: an update's dataset ----------------------------------------------------------

def test_update_dataset_union_goes_before_each_where():
    text = "INSERT { GRAPH <x:o> { ?s a <x:C> } } WHERE { ?s ?p ?o } ; DELETE WHERE { ?s <x:q> ?o }"
    out = with_dataset(text, union_graphs=["x:g1"])
    assert "USING <x:g1> USING NAMED <x:g1> USING <x:o> USING NAMED <x:o> WHERE { ?s ?p ?o }" in out
    assert out.endswith("DELETE WHERE { ?s <x:q> ?o }")
    own = "WITH <x:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert with_dataset(own, union_graphs=["x:g1"]) == own
    with pytest.raises(DatasetConflict):
        with_dataset(own, using=["x:g1"])
    quoted = 'INSERT { <x:s> <x:p> "WHERE { }" } WHERE { SELECT * WHERE { ?a ?b ?c } }'
    assert with_dataset(quoted, using=["x:g"]).count("USING <x:g>") == 1


def test_api_update_where_sees_the_union_like_queries(writable_app, writable_store):
    client = writable_app.test_client()
    update = f"""PREFIX sp: <{iris.ONTOLOGY}>
        INSERT {{ GRAPH <x:seen> {{ ?p a <x:Seen> }} }} WHERE {{ ?p a sp:Position }}"""
    assert client.post("/sparql/update", data={"update": update}, headers=AUTH).status_code == 204
    seen = count(client, "SELECT (COUNT(*) AS ?n) WHERE { ?p a <x:Seen> }")
    positions = count(client, f"SELECT (COUNT(*) AS ?n) WHERE {{ ?p a <{iris.ONTOLOGY}Position> }}")
    assert seen == positions > 0


def test_api_update_using_graph_parameters(writable_app):
    client = writable_app.test_client()
    update = "INSERT { GRAPH <x:out> { ?s a <x:Seen> } } WHERE { ?s a ?type }"
    response = client.post("/sparql/update", data={"update": update, "using-graph-uri": iris.TOPICS_GRAPH},
                           headers=AUTH)
    assert response.status_code == 204
    assert count(client, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?t }",
                 **{"default-graph-uri": iris.TOPICS_GRAPH}) == count(
        client, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <x:out> { ?s a <x:Seen> } }")


def test_api_update_dataset_conflict_is_400_and_changes_nothing(writable_app, writable_store):
    before = writable_store.quad_count()
    update = "WITH <x:g> INSERT { ?s a <x:Seen> } WHERE { ?s ?p ?o }"
    response = writable_app.test_client().post(
        "/sparql", data=update.encode(), query_string={"using-named-graph-uri": "x:people"},
        headers={**AUTH, "Content-Type": "application/sparql-update"})
    assert response.status_code == 400 and "USING" in response.get_json()["error"]
    assert writable_store.quad_count() == before


# ---- defect 3: relative IRIs ----------------------------------------------------------------

def test_api_relative_iris_resolve_against_the_endpoint(client, writable_app):
    response = client.post("/sparql", data=b"CONSTRUCT { <s> <p> 1 } WHERE {}",
                           headers={"Content-Type": "application/sparql-query", "Accept": "application/n-triples"})
    assert response.status_code == 200
    assert response.data.decode().startswith("<http://localhost/s> <http://localhost/p> ")
    writer = writable_app.test_client()
    assert writer.post("/sparql/update", data={"update": "INSERT DATA { GRAPH <g> { <s> <p> <o> } }"},
                       headers=AUTH).status_code == 204
    assert count(writer, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://localhost/g> { <s> <p> <o> } }") == 1


# ---- defect 6: CORS for token holders -------------------------------------------------------

def _preflight(client, path, origin, method="POST"):
    return client.options(path, headers={"Origin": origin, "Access-Control-Request-Method": method,
                                         "Access-Control-Request-Headers": "authorization, content-type"})


def test_api_cors_lets_a_configured_origin_send_the_token(api_store):
    app = _app(api_store, CORS_ORIGINS=("https://app.example.org",))
    try:
        client = app.test_client()
        trusted = _preflight(client, "/sparql/update", "https://app.example.org")
        assert trusted.headers["Access-Control-Allow-Origin"] == "https://app.example.org"
        assert "Authorization" in trusted.headers["Access-Control-Allow-Headers"]
        assert "POST" in trusted.headers["Access-Control-Allow-Methods"] and "Origin" in trusted.headers["Vary"]
        stranger = _preflight(client, "/sparql/update", "https://evil.example")
        assert "Access-Control-Allow-Origin" not in stranger.headers
        read = _preflight(client, "/sparql", "https://evil.example")
        assert read.headers["Access-Control-Allow-Origin"] == "*"
        assert "Authorization" not in read.headers["Access-Control-Allow-Headers"]
        anonymous = client.get("/actors", headers={"Origin": "https://anyone.example"})
        assert anonymous.headers["Access-Control-Allow-Origin"] == "*"
    finally:
        app.extensions["standpunkt"].close()


# ---- defect 7: the Service Description ------------------------------------------------------

def _description(client) -> rdflib.Graph:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    return rdflib.Graph().parse(data=response.data, format="turtle")


def test_api_service_description_features_and_graphs(client, api_store):
    g = _description(client)
    service = g.value(predicate=rdflib.RDF.type, object=SD.Service)
    assert (service, SD.feature, SD.BasicFederatedQuery) not in g
    names = {str(g.value(n, SD.name)) for n in g.objects(g.value(service, SD.defaultDataset), SD.namedGraph)}
    assert names == set(api_store.graph_names()) and iris.ACTORS_GRAPH in names
    app = _app(api_store, ALLOW_SERVICE=True)
    try:
        federated = _description(app.test_client())
        assert (None, SD.feature, SD.BasicFederatedQuery) in federated
    finally:
        app.extensions["standpunkt"].close()


def test_sparql_text_dataset_clause_resolves_prefixes_and_base():
    from kg.sparql_text import dataset_clause

    query = """BASE <http://localhost/sparql> PREFIX g: <https://example.org/graph/>
        SELECT * FROM g:a FROM <b> FROM NAMED <https://example.org/n> WHERE { ?s ?p 'FROM <x>' }"""
    assert dataset_clause(query) == (["https://example.org/graph/a", "http://localhost/b"],
                                     ["https://example.org/n"])
