"""api.bounded: which queries may skip the worker because their answer bounds their work."""
import pyoxigraph as ox
import pytest

from api.bounded import bounded
from kg.sparql_text import declares_dataset, lexemes

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


# One lexer (kg.sparql_text) serves api.bounded and the FROM test: on input where a hand-made
# lexer slips (a keyword in a comment, a string or an IRI; a name before a full stop; an escape
# in a local name) both read the same lexemes. (query, bounded, declares FROM)
TRICKY = [
    ("SELECT * WHERE { ?s <http://example.org/o#FROM> ?o } # FROM <http://example.org/g>\n", True, False),
    ("PREFIX from: <http://example.org/> SELECT ?from WHERE { ?from from:x ?o.}", True, False),
    ('SELECT * WHERE { ?s ?p "} FROM <http://example.org/g> {" }', False, False),
    ("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", False, True),
    ("PREFIX ex: <http://example.org/> ASK { ?s ex:a.b:c ex:o. }", True, False),
    ("PREFIX ex: <http://example.org/> SELECT * { ?s ?p ex:o\\# } # from <http://example.org/g>", True, False),
    ("SELECT * WHERE { ?s ?p _:b.}", False, False),
    ("SELECT * WHERE { ?s ?p 1. } LIMIT 1", False, False),
]


@pytest.mark.parametrize("query,is_bounded,declares", TRICKY)
def test_api_bounded_and_from_test_read_the_same_lexemes(query, is_bounded, declares):
    ox.Store().query(query)  # valid SPARQL: the store parses it
    assert bounded(query) is is_bounded
    assert declares_dataset(query) is declares


def test_sparql_text_lexemes_end_names_before_a_full_stop_and_report_literals():
    text = '?o. ex:o. ex:a.b 1. 1.5 _:b "x{" <http://e/#a> # c\n.'
    assert lexemes(text) == [
        ("var", "?o"), ("other", "."), ("pname", "ex:o"), ("other", "."), ("pname", "ex:a.b"),
        ("number", "1"), ("other", "."), ("number", "1.5"), ("bnode", "_:b"), ("string", '"x{"'),
        ("iri", "<http://e/#a>"), ("other", ".")]
