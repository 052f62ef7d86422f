"""kg.build: hand-made positions -> the RDF shape of the brief, deterministic, JSON-LD round trip."""
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg import build, iris
from kg import namespaces as ns
from kg.model import Article
from kg.namespaces import DCTERMS, PROV, RDF, RDFS, SKOS, SP
from rdf_samples import TEXT, position, sample


def assert_isomorphic(expected: rdflib.Graph, actual: rdflib.Graph) -> None:
    """Isomorphism with the differing triples printed, not just False."""
    if isomorphic(expected, actual):
        return
    _both, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    pytest.fail("graphs differ\n--- only in expected:\n" + only_expected.serialize(format="nt")
                + "\n--- only in actual:\n" + only_actual.serialize(format="nt"))


def _position_node(graph: rdflib.Graph, actor: str) -> URIRef:
    return next(p for p in graph.subjects(SP.holder, URIRef(iris.actor_iri(actor))))


def test_build_article_node_has_identifier_date_text_headline_url():
    article, positions = sample()
    graph = build.article_graph(article, positions)
    node = URIRef(iris.article_iri("t01"))
    assert graph.identifier == node
    assert (node, RDF.type, ns.SCHEMA.NewsArticle) in graph
    assert graph.value(node, DCTERMS.identifier) == Literal("t01")
    assert graph.value(node, DCTERMS.date) == Literal("2025-11-28", datatype=ns.XSD.date)
    assert graph.value(node, ns.SCHEMA.text) == Literal(TEXT, lang="de")
    assert graph.value(node, ns.SCHEMA.headline) == Literal("Putin bleibt hart", lang="de")
    assert graph.value(node, ns.SCHEMA.url) == URIRef("https://example.org/news/putin?id=1")


def test_build_position_has_the_shape_of_the_brief():
    article, positions = sample()
    graph = build.article_graph(article, positions)
    p = _position_node(graph, "Deutschland")
    source = positions[1]
    assert p == URIRef(iris.position_iri("t01", source.start, "Deutschland", source.claim))
    assert (p, RDF.type, SP.Position) in graph
    assert graph.value(p, SP.stance) == SP.Oppose
    assert graph.value(p, SP.act) == SP.RejectionAct
    assert graph.value(p, SP.topic) == URIRef(iris.topic_iri("internationale-beziehungen"))
    assert graph.value(p, SP.claim) == Literal(source.claim, lang="de")
    assert graph.value(p, DCTERMS.date) == Literal("2025-11-28", datatype=ns.XSD.date)
    assert graph.value(p, PROV.wasDerivedFrom) == URIRef(iris.article_iri("t01"))
    assert graph.value(p, SP.confidence) == Literal(Decimal("0.65"), datatype=ns.XSD.decimal)
    evidence = graph.value(p, SP.evidence)
    assert evidence == URIRef(iris.evidence_iri(str(p)))
    assert (evidence, RDF.type, SP.Evidence) in graph
    assert graph.value(evidence, RDF.value) == Literal(source.sentence, lang="de")
    assert graph.value(evidence, SP.startOffset).toPython() == source.start
    assert graph.value(evidence, SP.endOffset).toPython() == source.end
    assert TEXT[source.start:source.end] == source.sentence
    assert graph.value(p, SP.side) == SP.Oppose and graph.value(p, SP.direction) == SP.For
    assert len(list(graph.predicate_objects(p))) == 14  # with sp:proposition, sp:side, sp:direction


def test_build_position_names_the_extractor_version_that_made_it():
    from kg import __version__
    from kg.provenance import extract_activity_iri, extractor_version

    article, positions = sample()
    graph = build.article_graph(article, positions)
    activity = URIRef(extract_activity_iri())
    assert {graph.value(p, PROV.wasGeneratedBy) for p in graph.subjects(RDF.type, SP.Position)} == {activity}
    assert (activity, RDF.type, PROV.Activity) in graph
    version = str(graph.value(activity, ns.SCHEMA.softwareVersion))
    assert version == extractor_version() and version.startswith(__version__ + "+")
    assert str(activity).endswith("/activity/extract/" + version.replace("+", "-"))


def test_build_month_dates_are_gyearmonth():
    article, positions = sample(date="2025-11")
    graph = build.article_graph(article, positions)
    assert graph.value(URIRef(iris.article_iri("t01")), DCTERMS.date) == Literal("2025-11", datatype=ns.XSD.gYearMonth)
    spd = _position_node(graph, "SPD")
    assert graph.value(spd, DCTERMS.date) == Literal("2023-12", datatype=ns.XSD.gYearMonth)


@pytest.mark.parametrize("value, datatype", [
    ("2025-11-28", ns.XSD.date), ("2025-11", ns.XSD.gYearMonth), ("gestern", ns.XSD.string), ("2025", ns.XSD.string),
])
def test_build_date_literal_types_by_precision(value, datatype):
    literal = build.date_literal(value)
    assert str(literal) == value and (literal.datatype or ns.XSD.string) == datatype


def test_build_unknown_date_gives_no_date_triple():
    article, positions = sample()
    undated = [replace(p, date=None) for p in positions]
    graph = build.article_graph(article, undated)
    assert all(graph.value(p, DCTERMS.date) is None for p in graph.subjects(RDF.type, SP.Position))
    assert build.date_literal(None) is None


@pytest.mark.parametrize("value, lexical", [
    (0.8, "0.8"), (2 / 3, "0.667"), (1, "1"), (1.0, "1"), (0.0, "0"), (-0.0, "0"), (0.05, "0.05"), (1.7, "1.7"),
])
def test_build_confidence_is_a_canonical_rounded_decimal(value, lexical):
    literal = build.confidence_literal(value)
    assert str(literal) == lexical and literal.datatype == ns.XSD.decimal


def test_build_graph_survives_a_triple_store_unchanged():
    """Oxigraph canonicalises literals on write; the built graph must already be canonical."""
    article, positions = sample(date="2025-11")
    graph = build.article_graph(article, positions) + build.actors_graph(positions)
    store = pyoxigraph.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), pyoxigraph.RdfFormat.N_TRIPLES)
    back = rdflib.Graph().parse(data=store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES,
                                                from_graph=pyoxigraph.DefaultGraph()).decode(),
                                format="nt")
    assert_isomorphic(graph, back)


def test_build_position_without_topic_has_no_topic_triple():
    article, positions = sample()
    graph = build.article_graph(article, [replace(positions[0], topic=None, topic_label=None)])
    assert list(graph.objects(None, SP.topic)) == []


def test_build_unknown_act_or_stance_is_not_an_ontology_individual():
    article, positions = sample()
    graph = build.article_graph(article, [replace(positions[0], act="threat", stance="neutral")])
    p = next(graph.subjects(RDF.type, SP.Position))
    assert graph.value(p, SP.act) not in build.ACTS.values()
    assert graph.value(p, SP.stance) not in build.STANCES.values()


def test_build_url_with_spaces_becomes_a_valid_iri():
    article = Article(id="t02", date="2025-11-28", text=TEXT, url="https://example.org/a b?q=ä")
    graph = build.article_graph(article, [])
    url = graph.value(URIRef(iris.article_iri("t02")), ns.SCHEMA.url)
    assert url == URIRef("https://example.org/a%20b?q=%C3%A4")
    assert len(graph) == 5  # no headline, no positions


def test_build_actors_graph_types_labels_and_aliases():
    article, positions = sample()
    extra = position(article, positions[0].sentence, "Wladimir Putin", "person",
                     claim="Anerkennung der Eroberungen", aliases=["Wladimir Putin", "Moskau"])
    graph = build.actors_graph(positions + [extra])
    putin = URIRef(iris.actor_iri("Wladimir Putin"))
    assert graph.identifier == URIRef(iris.ACTORS_GRAPH)
    assert set(graph.objects(putin, RDF.type)) == {SP.Actor, ns.SCHEMA.Person}
    assert graph.value(putin, RDFS.label) == Literal("Wladimir Putin")
    assert {str(a) for a in graph.objects(putin, SKOS.altLabel)} == {"Putin", "Kremlchef", "Moskau"}
    assert graph.value(putin, SP.actorKind) == Literal("person")
    spd = URIRef(iris.actor_iri("SPD"))
    assert set(graph.objects(spd, RDF.type)) == {SP.Actor, ns.SCHEMA.Organization}
    assert graph.value(spd, SP.actorKind) == Literal("party")
    assert len(set(graph.subjects(RDF.type, SP.Actor))) == 3


def test_build_actor_type_comes_from_the_first_position():
    article, positions = sample()
    clash = replace(positions[0], actor_type="organization", actor_kind="state")
    graph = build.actors_graph([positions[0], clash])
    putin = URIRef(iris.actor_iri("Wladimir Putin"))
    assert set(graph.objects(putin, RDF.type)) == {SP.Actor, ns.SCHEMA.Person}
    assert list(graph.objects(putin, SP.actorKind)) == [Literal("person")]


def test_build_same_input_gives_isomorphic_graphs():
    first = build.article_graph(*sample())
    second = build.article_graph(*sample())
    assert_isomorphic(first, second)
    assert set(first) == set(second)  # no blank nodes: the very same triples
    assert_isomorphic(build.actors_graph(sample()[1]), build.actors_graph(sample()[1]))


def test_build_changed_input_changes_the_graph():
    article, positions = sample()
    changed = [replace(positions[0], stance="oppose")] + positions[1:]
    assert not isomorphic(build.article_graph(article, positions), build.article_graph(article, changed))


def test_build_jsonld_round_trips_to_an_isomorphic_graph():
    article, positions = sample()
    graph = build.article_graph(article, positions) + build.actors_graph(positions)
    document = build.to_jsonld(graph)
    assert_isomorphic(graph, build.from_jsonld(document))
    nodes = {node["@id"]: node for node in document["@graph"]}
    p = nodes[str(_position_node(graph, "Deutschland"))]
    assert p["@type"] == "Position" and p["stance"] == "Oppose" and p["act"] == "RejectionAct"
    assert p["holder"] == iris.actor_iri("Deutschland") and p["date"] == "2025-11-28"
    assert p["claim"] == positions[1].claim and p["confidence"] == "0.65"
    assert nodes[str(_position_node(graph, "SPD"))]["confidence"] == "1"
    assert nodes[str(_position_node(graph, "SPD"))]["month"] == "2023-12"
    assert isinstance(nodes[p["evidence"]]["startOffset"], int)


def test_build_jsonld_round_trips_a_dataset_with_named_graphs():
    article, positions = sample()
    dataset = rdflib.Dataset()
    parts = {iris.article_iri("t01"): build.article_graph(article, positions),
             iris.ACTORS_GRAPH: build.actors_graph(positions)}
    for name, graph in parts.items():
        named = dataset.graph(URIRef(name))
        for triple in graph:
            named.add(triple)
    back = build.from_jsonld(build.to_jsonld(dataset), dataset=True)
    for name, graph in parts.items():
        assert_isomorphic(graph, back.graph(URIRef(name)))


def test_build_jsonld_is_deterministic_and_can_refer_to_the_context():
    article, positions = sample()
    graph = build.article_graph(article, positions) + build.actors_graph(positions)
    assert build.to_jsonld(graph) == build.to_jsonld(build.article_graph(*sample()) + build.actors_graph(positions))
    linked = build.to_jsonld(graph, context_url="https://w3id.org/standpunkt/context.jsonld")
    assert linked["@context"] == "https://w3id.org/standpunkt/context.jsonld"


def test_build_duplicate_positions_keep_the_first():
    article, positions = sample()
    duplicate = replace(positions[0], act="assertion", confidence=0.3)
    graph = build.article_graph(article, positions + [duplicate])
    assert len(set(graph.subjects(RDF.type, SP.Position))) == 3
    p = build.position_iri(positions[0])
    assert list(graph.objects(p, SP.act)) == [SP.DemandAct]


def test_build_position_of_another_article_is_a_programming_error():
    article, positions = sample()
    with pytest.raises(ValueError, match="'t09' given for article 't01'"):
        build.article_graph(article, [replace(positions[0], article="t09")])


def test_build_proposition_iri_is_the_same_in_two_articles():
    first, first_positions = sample(article_id="t01")
    second, second_positions = sample(article_id="t02")
    one, two = build.article_graph(first, first_positions), build.article_graph(second, second_positions)
    wanted = URIRef(iris.proposition_iri("schuldenbremse"))
    assert wanted == URIRef("https://w3id.org/standpunkt/proposition/schuldenbremse")
    for graph in (one, two):
        assert (wanted, RDF.type, SP.Proposition) in graph
        assert graph.value(wanted, RDFS.label) == Literal("Schuldenbremse", lang="de")
        assert graph.value(wanted, SP.issue) == URIRef(iris.issue_iri("schuldenbremse"))
    shared = set(one.subjects(RDF.type, SP.Proposition)) & set(two.subjects(RDF.type, SP.Proposition))
    assert shared == set(one.subjects(RDF.type, SP.Proposition)) and len(shared) == 2


def test_build_side_and_direction_of_a_position_toward_its_proposition():
    article, positions = sample()
    graph = build.article_graph(article, positions)
    spd = _position_node(graph, "SPD")
    assert graph.value(spd, SP.stance) == SP.Support  # toward "Aussetzen der Schuldenbremse"
    assert graph.value(spd, SP.direction) == SP.Against
    assert graph.value(spd, SP.side) == SP.Oppose  # toward the Schuldenbremse
    assert graph.value(spd, SP.proposition) == URIRef(iris.proposition_iri("schuldenbremse"))
    free = graph.value(_position_node(graph, "Wladimir Putin"), SP.proposition)
    assert free == URIRef(iris.proposition_iri("free-rueckzug-donbass"))
    assert graph.value(free, SP.issue) is None


def test_build_actors_graph_party_membership():
    """schema:memberOf names the person's party on the statement date, itself an sp:Actor."""
    article, positions = sample()
    merz = position(article, positions[2].sentence, "Friedrich Merz", "person", actor_kind="person", party="CDU")
    graph = build.actors_graph(positions + [merz])
    cdu = URIRef(iris.actor_iri("CDU"))
    assert graph.value(URIRef(iris.actor_iri("Friedrich Merz")), ns.SCHEMA.memberOf) == cdu
    assert graph.value(cdu, RDFS.label) == Literal("CDU")
    assert set(graph.objects(cdu, RDF.type)) == {SP.Actor, ns.SCHEMA.Organization}
    assert graph.value(URIRef(iris.actor_iri("SPD")), ns.SCHEMA.memberOf) is None


def test_the_extractor_version_leaves_build_products_out():
    """A compiled module, and the C Cython writes, compute what their sources say: they are
    no part of the extractor's version, which is then the same with or without them."""
    from kg.provenance import _built

    nlp = Path(build.__file__).parent / "nlp"
    assert _built(nlp / "_hanta_table.cpython-311-x86_64-linux-gnu.so") and _built(nlp / "_hanta_table.c")
    assert _built(nlp / "__pycache__" / "hanta_dp.cpython-311.pyc")
    assert not _built(nlp / "_hanta_table.pyx") and not _built(nlp / "hanta_dp.py")
