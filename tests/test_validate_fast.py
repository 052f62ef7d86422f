"""kg.validate's fast path: pyshacl-turbo may only say "conforms" where pySHACL would too.

Every report comes from pySHACL; these tests pin that a graph the fast path lets through
is one pySHACL lets through, on hand-broken and randomly broken article graphs.
"""
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef

from kg import build, iris, validate
from kg import namespaces as ns
from kg.namespaces import PROV, RDF, SP
from rdf_samples import sample

ARTICLE = URIRef(iris.article_iri("t01"))


def _valid() -> rdflib.Graph:
    article, positions = sample()
    return validate.union(build.article_graph(article, positions), build.actors_graph(positions))


def _reference(graph: rdflib.Graph, monkeypatch) -> list[str]:
    """The report of pySHACL's full run alone (the path every graph took before the fast one)."""
    with monkeypatch.context() as m:
        m.setattr(validate, "_known_to_conform", lambda _graph: False)
        return validate.validate_graph(graph, "t01")


def test_validate_fast_conforming_graph_skips_pyshacls_full_run(monkeypatch):
    calls = []
    run = validate._run
    monkeypatch.setattr(validate, "_run", lambda graph, use_shapes=(): calls.append(use_shapes) or run(graph, use_shapes))
    assert validate.validate_graph(_valid(), "t01") == []
    assert len(calls) == 1 and str(validate.SPSH.ArticleShape) in calls[0]
    assert str(validate.SPSH.PositionShape) not in calls[0]  # the SPARQL-based shapes only


def test_validate_fast_broken_graph_gets_pyshacls_report(monkeypatch):
    graph = _valid()
    position = next(graph.subjects(RDF.type, SP.Position))
    graph.remove((position, SP.stance, None))
    report = validate.validate_graph(graph, "t01")
    assert report == _reference(graph, monkeypatch)
    assert any("spsh:Position-stance (sh:MinCountConstraintComponent)" in line for line in report)


def test_validate_fast_sparql_constraint_is_pyshacls_alone(monkeypatch):
    """An untyped position and evidence escape every core shape; only the SPARQL-based
    constraint on the article sees them, and Oxigraph and rdflib differ on STR() of a blank node."""
    graph = _valid()
    position, evidence = URIRef(iris.article_iri("t01") + "#stray"), URIRef(iris.article_iri("t01") + "#stray-evidence")
    graph.add((position, PROV.wasDerivedFrom, ARTICLE))
    graph.add((position, SP.evidence, evidence))
    graph.add((evidence, RDF.value, BNode()))
    graph.add((evidence, SP.startOffset, Literal(0, datatype=ns.XSD.integer)))
    graph.add((evidence, SP.endOffset, Literal(5, datatype=ns.XSD.integer)))
    report = validate.validate_graph(graph, "t01")
    assert report == _reference(graph, monkeypatch)
    assert len(report) == 1 and "spsh:Article-evidenceMatchesText (sh:SPARQLConstraintComponent)" in report[0]


def test_validate_fast_leaves_datasets_to_pyshacl(monkeypatch):
    """A dataset whose named graph breaks the shapes: judged as it always was (its default graph)."""
    dataset = rdflib.Dataset()
    named = dataset.graph(URIRef("urn:x-test:named"))
    for triple in _valid():
        dataset.add(triple)
        named.add(triple)
    named.remove((next(named.subjects(RDF.type, SP.Position)), SP.stance, None))
    calls = []
    run = validate._run
    monkeypatch.setattr(validate, "_run", lambda graph, use_shapes=(): calls.append(use_shapes) or run(graph, use_shapes))
    assert validate.validate_graph(dataset, "t01") == []
    assert calls == [()]  # pySHACL's full run only


_LITERALS = [Literal(""), Literal("x", lang="en"), Literal("-1", datatype=ns.XSD.integer),
             Literal("1.5", datatype=ns.XSD.decimal), Literal("3", datatype=ns.XSD.string), Literal("7x", datatype=ns.XSD.integer)]


@settings(max_examples=40, deadline=None)
@given(edits=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 10_000), st.integers(0, 10_000)),
                      min_size=1, max_size=3))
def test_validate_fast_agrees_with_pyshacl_on_broken_graphs(edits):
    """Drop a triple, repeat a property with another value, point it elsewhere, put in an
    ill-typed literal, or untype a node: the report is pySHACL's, conforming or not."""
    graph = _valid()
    for kind, i, j in edits:
        triples = sorted(graph)
        s, p, o = triples[i % len(triples)]
        other = triples[j % len(triples)]
        if kind == 0:
            graph.remove((s, p, o))
        elif kind == 1:
            graph.add((s, p, other[2]))
        elif kind == 2:
            graph.remove((s, p, o))
            graph.add((s, p, other[0]))
        elif kind == 3:
            graph.remove((s, p, o))
            graph.add((s, p, _LITERALS[j % len(_LITERALS)]))
        else:
            graph.remove((s, RDF.type, None))
    assert _outcome(lambda: validate.validate_graph(graph, "t01")) == _outcome(lambda: _full_run(graph))


def _full_run(graph: rdflib.Graph) -> list[str]:
    conforms, report = validate._run(graph)
    return [] if conforms else sorted(
        "t01: " + validate._describe(report, r) for r in report.subjects(RDF.type, validate.SH.ValidationResult))


def _outcome(run):
    """The report, or the kind of error: rdflib's SPARQL raises on some ill-typed offsets, and
    it must raise the same way with the fast path."""
    try:
        return run()
    except Exception as e:  # noqa: BLE001
        return type(e).__name__
