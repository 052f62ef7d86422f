"""The compactor: whatever triples go in, JSON-LD parsing gives the same triples back."""
import json

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, XSD

from api.jsonld import Compactor
from api.render import project_context

pytestmark = pytest.mark.filterwarnings("ignore")

SP = rdflib.Namespace("https://w3id.org/standpunkt/ontology#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
EX = rdflib.Namespace("https://w3id.org/standpunkt/position/")


def context():
    return project_context()


def round_trip(graph: rdflib.Graph, roots, embed=()):
    nodes = Compactor(context()).nodes(graph, roots, embed=set(embed))
    doc = {"@context": project_context(), "@graph": nodes}
    return doc, rdflib.Graph().parse(data=json.dumps(doc), format="json-ld")


def test_jsonld_uses_terms_and_coercions_of_the_context():
    g = rdflib.Graph()
    p, e = EX.p1, EX["p1-evidence"]
    g.add((p, RDF.type, SP.Position))
    g.add((p, SP.stance, SP.Oppose))
    g.add((p, DCT.date, Literal("2024-01-02", datatype=XSD.date)))
    g.add((p, SP.claim, Literal("weniger Schulden", lang="de")))
    g.add((p, SP.confidence, Literal("0.8", datatype=XSD.decimal)))
    g.add((p, SP.evidence, e))
    g.add((e, RDF.value, Literal("Satz.", lang="de")))
    g.add((e, SP.startOffset, Literal(3)))
    doc, back = round_trip(g, [p], embed=[e])
    node = doc["@graph"][0]
    assert node["@type"] == "Position" and node["stance"] == "Oppose" and node["date"] == "2024-01-02"
    assert node["claim"] == "weniger Schulden" and node["confidence"] == "0.8"
    assert node["evidence"]["startOffset"] == 3 and node["evidence"]["value"] == "Satz."
    assert isomorphic(back, g)


def test_jsonld_month_dates_and_values_that_fit_no_coercion():
    g = rdflib.Graph()
    p = EX.p2
    g.add((p, DCT.date, Literal("2024-01", datatype=XSD.gYearMonth)))
    g.add((p, SP.claim, Literal("english claim", lang="en")))
    g.add((p, SP.claim, Literal("plain")))
    g.add((p, RDFS.label, Literal("Label", lang="de")))
    g.add((p, URIRef("http://example.org/other"), Literal("007", datatype=XSD.integer)))
    doc, back = round_trip(g, [p])
    assert doc["@graph"][0]["month"] == "2024-01"
    assert isomorphic(back, g)


iris = st.sampled_from([EX.a, EX.b, SP.Support, SP.Oppose, SKOS.Concept, URIRef("http://example.org/x")])
predicates = st.sampled_from([SP.holder, SP.stance, SP.act, SP.topic, SP.claim, DCT.date, SP.confidence,
                              RDF.value, SP.startOffset, RDFS.label, SKOS.altLabel, SKOS.prefLabel, RDF.type,
                              URIRef("http://example.org/p"), SP.evidence])
literals = st.one_of(
    st.builds(lambda t, lang: Literal(t, lang=lang), st.text(max_size=8), st.sampled_from(["de", "en"])),
    st.builds(Literal, st.text(max_size=8)),
    st.builds(lambda n: Literal(n), st.integers(-5, 5)),
    st.builds(lambda t, dt: Literal(t, datatype=dt), st.sampled_from(["2024-01-02", "2024-01", "0.5", "x"]),
              st.sampled_from([XSD.date, XSD.gYearMonth, XSD.decimal, XSD.string, XSD.boolean])),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from([EX.a, EX.b]), predicates, st.one_of(iris, literals)), min_size=1,
                max_size=12))
def test_jsonld_any_triples_round_trip(triples):
    g = rdflib.Graph()
    for s, p, o in triples:
        if p == RDF.type and isinstance(o, Literal):
            continue
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))  # the same RDF 1.1 literal; rdflib keeps two spellings apart
        g.add((s, p, o))
    if len(g) == 0:
        return
    roots = sorted({s for s, _, _ in g})
    _, back = round_trip(g, roots, embed=[EX.b] if EX.a in roots else [])
    assert isomorphic(back, g)


def test_jsonld_blank_nodes_are_nested():
    g = rdflib.Graph()
    b = BNode()
    g.add((EX.a, URIRef("http://example.org/p"), b))
    g.add((b, RDFS.label, Literal("inner")))
    doc, back = round_trip(g, [EX.a])
    assert doc["@graph"][0]["http://example.org/p"]["label"] == "inner"
    assert isomorphic(back, g)
