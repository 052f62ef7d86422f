"""Reading a SPARQL request's kind and its use of SERVICE without parsing it."""
import pytest

from api.sparql_form import is_update, result_kind


@pytest.mark.parametrize("text, kind", [
    ("SELECT * {}", "solutions"), ("  ask {}", "boolean"), ("CONSTRUCT WHERE {}", "graph"),
    ("DESCRIBE <x:y>", "graph"), ("# a comment\nPREFIX sp: <https://w3id.org/x#>\nBASE <http://b/>\nselect ?s {}", "solutions"),
    ("PREFIX : <http://e/#> ASK {}", "boolean"), ("INSERT DATA {}", None), ("garbage", None), ("", None),
])
def test_sparql_form_result_kind(text, kind):
    assert result_kind(text) == kind


def test_sparql_form_is_update():
    assert is_update("PREFIX a: <x:> DELETE WHERE { ?s ?p ?o }") and not is_update("SELECT * {}")
