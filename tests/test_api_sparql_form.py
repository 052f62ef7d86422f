"""Reading a SPARQL request's kind and its use of SERVICE without parsing it."""
import pytest

from api.sparql_form import is_update, result_kind, uses_service


@pytest.mark.parametrize("text, kind", [
    ("SELECT * {}", "solutions"), ("  ask {}", "boolean"), ("CONSTRUCT WHERE {}", "graph"),
    ("DESCRIBE <x:y>", "graph"), ("# a comment\nPREFIX sp: <https://w3id.org/x#>\nBASE <http://b/>\nselect ?s {}", "solutions"),
    ("PREFIX : <http://e/#> ASK {}", "boolean"), ("INSERT DATA {}", None), ("garbage", None), ("", None),
])
def test_sparql_form_result_kind(text, kind):
    assert result_kind(text) == kind


def test_sparql_form_is_update():
    assert is_update("PREFIX a: <x:> DELETE WHERE { ?s ?p ?o }") and not is_update("SELECT * {}")


@pytest.mark.parametrize("text, expected", [
    ("SELECT * WHERE { SERVICE <http://x/sparql> { ?s ?p ?o } }", True),
    ("select * { service silent ?endpoint { ?s ?p ?o } }", True),
    ("SELECT ?service WHERE { ?service ?p ?o }", False),
    ("SELECT * WHERE { ?s ex:SERVICE ?o . ?s :service ?x }", False),
    ('SELECT * WHERE { ?s ?p "SERVICE <http://x/>" }', False),
    ("SELECT * WHERE { ?s ?p '''a\nSERVICE''' }", False),
    ("# SERVICE <http://x/>\nSELECT * WHERE { ?s <http://x/SERVICE> ?o }", False),
])
def test_sparql_form_uses_service(text, expected):
    assert uses_service(text) is expected
