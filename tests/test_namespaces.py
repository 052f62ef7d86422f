"""kg.namespaces: SP mirrors ontology/standpunkt.ttl exactly and fails on typos."""
import pytest
import rdflib

from kg import ontology
from kg import namespaces as ns
from kg.namespaces import PREFIXES, SP, bind_prefixes


def _declared_terms() -> set[str]:
    vocabulary = ontology.vocabulary_graph()
    ns = str(SP._NS)
    return {str(s)[len(ns):] for s in vocabulary.subjects() if str(s).startswith(ns)}


def _sp_terms() -> set[str]:
    return set(SP.__annotations__)


def test_namespaces_sp_lists_every_term_of_the_vocabulary():
    declared, listed = _declared_terms(), _sp_terms()
    assert declared == listed, (f"only in standpunkt.ttl: {sorted(declared - listed)}; "
                                f"only in SP: {sorted(listed - declared)}")
    assert len(listed) >= 25


def test_namespaces_sp_fails_on_an_undeclared_term():
    with pytest.raises(AttributeError):
        SP.stence  # noqa: B018
    assert SP.holder == rdflib.URIRef("https://w3id.org/standpunkt/ontology#holder")


def test_namespaces_schema_is_the_https_namespace():
    assert str(ns.SCHEMA.NewsArticle) == "https://schema.org/NewsArticle"


def test_namespaces_bind_prefixes_gives_readable_turtle():
    graph = bind_prefixes(rdflib.Graph())
    graph.add((rdflib.URIRef("https://w3id.org/standpunkt/position/x"), SP.stance, SP.Support))
    turtle = graph.serialize(format="turtle")
    assert "sp:stance sp:Support" in turtle
    assert dict(graph.namespaces())["sp"] == rdflib.URIRef(PREFIXES["sp"])
