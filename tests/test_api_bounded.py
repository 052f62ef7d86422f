"""api.bounded: which queries may skip the worker because their answer bounds their work."""
import pytest

from api.bounded import bounded

BOUNDED = [
    "CONSTRUCT { ?s ?p ?o } WHERE {\n  GRAPH <https://w3id.org/standpunkt/article/a1> { ?s ?p ?o } }\n# a comment",
    "BASE <http://localhost/sparql> PREFIX sp: <https://w3id.org/standpunkt/ontology#>\n"
    "SELECT ?p WHERE { ?p sp:holder <https://w3id.org/standpunkt/actor/x> } LIMIT 10",
    "PREFIX : <http://example.org/> SELECT * { ?s a :Thing . }",
    "ASK { GRAPH ?g { <http://example.org/a> ?p ?o } }",
    "CONSTRUCT WHERE { ?s <http://example.org/p> ?o }",
]
UNBOUNDED = [
    "SELECT ?x WHERE { ?s ?p ?o }",                      # projects what the pattern does not bind
    "SELECT DISTINCT ?s WHERE { ?s ?p ?o }",             # DISTINCT reads every match first
    "SELECT * WHERE { ?s ?p ?s }",                       # a variable twice: a filter over a scan
    "SELECT * WHERE { GRAPH ?s { ?s ?p ?o } }",
    "CONSTRUCT { ?o ?p ?s } WHERE { ?s ?p ?o }",         # a template that may drop matches
    "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s",
    "SELECT * WHERE { ?s ?p ?o } OFFSET 5",
    "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s <http://example.org/p>/<http://example.org/q> ?o }",
    "SELECT * WHERE { ?s <http://example.org/p>* ?o }",
    'SELECT * WHERE { ?s ?p "text" }',                   # literals are left to the workers
    "SELECT * WHERE { ?s ?p 42 }",
    "SELECT * WHERE { ?s ?p ?o . ?o ?q ?r }",
    "SELECT * WHERE { ?s ?p ?o ; ?q ?r }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o) }",
    "SELECT * WHERE { ?s ?p _:b }",
    "SELECT * WHERE { ?s ?p [] }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT * WHERE { { SELECT * { ?s ?p ?o } } }",
    "SELECT * WHERE { ?s ?p ?o } VALUES ?s { <http://example.org/a> }",
    "SELECT * WHERE { ?s ?p ?o } LIMIT",
    "PREFIX sp: SELECT * { ?s ?p ?o }",
    "DESCRIBE <http://example.org/a>",
    "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
    "",
]


@pytest.mark.parametrize("query", BOUNDED)
def test_api_bounded_one_triple_pattern(query):
    assert bounded(query)


@pytest.mark.parametrize("query", UNBOUNDED)
def test_api_bounded_refuses_everything_else(query):
    assert not bounded(query)
