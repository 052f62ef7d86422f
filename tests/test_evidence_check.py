"""kg.evidence_check: the evidence constraint answered in Python only where rdflib would
select no row; every other graph gets rdflib's answer and pySHACL's report as before."""
import pytest
import rdflib
from rdflib import BNode, Literal, URIRef

from kg import build, evidence_check, ontology, validate
from kg.namespaces import RDF, SH, SP, SPSH, XSD
from rdf_samples import sample


def _valid() -> rdflib.Graph:
    article, positions = sample()
    return validate.union(build.article_graph(article, positions), build.actors_graph(positions))


def _without_native(graph: rdflib.Graph, monkeypatch) -> list[str]:
    """The report with every query answered by rdflib (the path before kg.evidence_check)."""
    with monkeypatch.context() as m:
        m.setattr(evidence_check, "no_rows", lambda *_args, **_kwargs: False)
        return validate.validate_graph(graph, "t01")


def _asked(graph: rdflib.Graph) -> list[bool]:
    """What no_rows answered for each query pySHACL sent while validating `graph`."""
    answers, ask = [], evidence_check.no_rows

    def record(*args, **kwargs):
        answers.append(ask(*args, **kwargs))
        return answers[-1]

    evidence_check.no_rows = record
    try:
        validate.validate_graph(graph, "t01")
    finally:
        evidence_check.no_rows = ask
    return answers


def test_evidence_check_query_is_the_shapes_own():
    """The fast answer is only used for this text: a changed shape goes to rdflib (and here)."""
    select = ontology.shapes_graph().value(SPSH["Article-evidenceMatchesText"], SH.select)
    assert str(select) == evidence_check.EVIDENCE_SELECT


def test_evidence_check_answers_a_conforming_graph(monkeypatch):
    graph = _valid()
    assert True in _asked(graph)
    assert validate.validate_graph(graph, "t01") == [] == _without_native(graph, monkeypatch)


def _first_evidence(graph):
    return next(graph.objects(next(graph.subjects(RDF.type, SP.Position)), SP.evidence))


@pytest.mark.parametrize("edit", ["sentence", "bnode", "int", "long"])
def test_evidence_check_leaves_odd_or_wrong_evidence_to_rdflib(edit, monkeypatch):
    graph = _valid()
    evidence = _first_evidence(graph)
    start = next(graph.objects(evidence, SP.startOffset))
    if edit == "sentence":
        graph.set((evidence, RDF.value, Literal("Nicht dieser Satz.", lang="de")))
    elif edit == "bnode":
        graph.set((evidence, RDF.value, BNode()))
    elif edit == "int":
        graph.set((evidence, SP.startOffset, Literal(str(start), datatype=XSD.int)))
    else:
        graph.set((evidence, SP.endOffset, Literal("1234567890", datatype=XSD.integer)))
    assert True not in _asked(graph)
    assert validate.validate_graph(graph, "t01") == _without_native(graph, monkeypatch)


def test_evidence_check_a_mismatch_is_reported_by_pyshacl():
    graph = _valid()
    graph.set((_first_evidence(graph), RDF.value, Literal("Nicht dieser Satz.", lang="de")))
    assert any("Article-evidenceMatchesText" in line for line in validate.validate_graph(graph, "t01"))


def test_evidence_check_other_queries_and_bindings_go_to_rdflib():
    graph = _valid()
    article = next(graph.subjects(RDF.type, URIRef("https://schema.org/NewsArticle")), None)
    text = "PREFIX schema: <https://schema.org/>\nSELECT ?s WHERE { ?s schema:text ?t }"
    assert not evidence_check.no_rows(graph, text)
    query = "".join(f"PREFIX {p}: <{i}>\n" for p, i in evidence_check.NEEDED.items()) + evidence_check.EVIDENCE_SELECT
    assert evidence_check.no_rows(graph, query)
    assert not evidence_check.no_rows(graph, query, initBindings={"value": article or URIRef("urn:x")})
    assert not evidence_check.no_rows(graph, query.replace("<https://schema.org/>", "<http://schema.org/>"))
