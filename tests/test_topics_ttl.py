"""ontology/topics.ttl: the 21 CAP major topics on top, every finer topic under one of them."""
from collections import defaultdict

import pyshacl
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS

from kg import ontology
from kg.iris import BASE, ONTOLOGY, slug, topic_iri

CAP_CODE = URIRef(ONTOLOGY + "capCode")
CAP_MAJORS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23}


@pytest.fixture(scope="module")
def graph():
    g = ontology.topics_graph()
    assert len(g) > 0, "ontology/topics.ttl is missing or empty"
    return g


@pytest.fixture(scope="module")
def concepts(graph):
    return set(graph.subjects(RDF.type, SKOS.Concept))


def _cap_of(graph, concept, seen=()):
    code = graph.value(concept, CAP_CODE)
    if code is not None:
        return int(code)
    for broader in graph.objects(concept, SKOS.broader):
        if broader not in seen:
            found = _cap_of(graph, broader, (*seen, concept))
            if found is not None:
                return found
    return None


def test_topics_ttl_has_exactly_the_21_cap_top_concepts(graph):
    schemes = list(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(schemes) == 1
    tops = set(graph.objects(schemes[0], SKOS.hasTopConcept))
    codes = {int(graph.value(t, CAP_CODE)) for t in tops}
    assert len(tops) == 21
    assert codes == CAP_MAJORS
    assert set(graph.subjects(CAP_CODE, None)) == tops
    for top in tops:
        assert (top, SKOS.topConceptOf, schemes[0]) in graph
        assert graph.value(top, SKOS.broader) is None


def test_topics_ttl_cap_codes_are_integers(graph):
    for _, _, code in graph.triples((None, CAP_CODE, None)):
        assert isinstance(code, Literal) and isinstance(code.toPython(), int)


def test_topics_ttl_every_concept_has_a_german_and_english_preflabel(graph, concepts):
    for concept in concepts:
        langs = [l.language for l in graph.objects(concept, SKOS.prefLabel)]
        assert "de" in langs and "en" in langs, concept
        assert len(langs) == len(set(langs)), f"{concept}: two prefLabels in one language"


def test_topics_ttl_every_concept_reaches_a_cap_top_concept(graph, concepts):
    unreached = [c for c in concepts if _cap_of(graph, c) is None]
    assert unreached == []


def test_topics_ttl_covers_german_news_broadly(graph, concepts):
    finer = [c for c in concepts if graph.value(c, CAP_CODE) is None]
    assert len(finer) >= 80
    per_major = defaultdict(int)
    for c in finer:
        per_major[_cap_of(graph, c)] += 1
    assert set(per_major) == CAP_MAJORS, "every CAP major has at least one finer topic"
    for c in finer:
        keywords = list(graph.objects(c, SKOS.altLabel)) + list(graph.objects(c, SKOS.hiddenLabel))
        german_name = [l for l in graph.objects(c, SKOS.prefLabel) if l.language == "de"]
        assert len(german_name + keywords) >= 5, f"{c} has only {len(keywords)} keywords"
        assert all(k.language == "de" for k in keywords), c


def test_topics_ttl_iris_are_minted_by_topic_iri(concepts):
    prefix = BASE + "topic/"
    for concept in concepts:
        key = str(concept)[len(prefix):]
        assert str(concept).startswith(prefix)
        assert slug(key) == key and topic_iri(key) == str(concept)


def test_topics_ttl_expected_finer_topics_sit_under_their_cap_major(graph):
    expected = {"schuldenbremse": 1, "haushalt": 1, "asyl": 9, "grenzkontrollen": 9, "ukraine-krieg": 19,
                "friedensverhandlungen": 19, "atomkraft": 8, "koalitionsbildung": 20, "wahlen": 20,
                "freihandelsabkommen": 18, "bundeswehr": 16, "ruestung": 16, "rente": 13, "buergergeld": 13,
                "mindestlohn": 5, "klimaschutz": 7, "digitalisierung": 17, "kuenstliche-intelligenz": 17,
                "datenschutz": 17, "krankenhausreform": 3, "pflege": 3, "mietrecht": 14, "schule": 6,
                "hochschule": 6, "justiz": 12, "innere-sicherheit": 12, "agrarpolitik": 4, "bahn": 10,
                "drogenpolitik": 12, "sucht": 3, "familienrecht": 12, "staatsausgaben": 1, "tarif-und-streik": 5}
    for key, cap in expected.items():
        assert _cap_of(graph, URIRef(topic_iri(key))) == cap, key


def test_topics_ttl_conforms_to_the_shapes(graph):
    conforms, _, text = pyshacl.validate(graph, shacl_graph=ontology.shapes_graph(),
                                         ont_graph=ontology.vocabulary_graph(), inference="none")
    assert conforms, text


def test_topics_ttl_money_words_are_a_collection_of_weak_cues(graph, concepts):
    """The concepts whose words follow the policy field (kg.nlp.topics.YIELDING) carry only
    hiddenLabels: a money word never outweighs a strong keyword of a field."""
    collection = URIRef(topic_iri("finanzierungsmittel"))
    assert (collection, RDF.type, SKOS.Collection) in graph
    members = set(graph.objects(collection, SKOS.member))
    assert members and members <= concepts
    for member in members:
        assert list(graph.objects(member, SKOS.altLabel)) == []
    words = {str(k) for m in members for k in graph.objects(m, SKOS.hiddenLabel)}
    assert {"Haushalt", "Sondervermögen", "Schulden", "Subventionen"} <= words


def test_topics_ttl_procedure_words_are_a_collection_of_weak_cues(graph, concepts):
    """Parliament, vote, court and EU-body words follow the policy field like money words:
    weak cues only, while the procedure as a subject keeps strong keywords of its own."""
    collection = URIRef(topic_iri("verfahren-und-institutionen"))
    assert (collection, RDF.type, SKOS.Collection) in graph
    members = set(graph.objects(collection, SKOS.member))
    assert members and members <= concepts
    for member in members:
        assert list(graph.objects(member, SKOS.altLabel)) == []
    words = {str(k) for m in members for k in graph.objects(m, SKOS.hiddenLabel)}
    assert {"Bundesrat", "Zweidrittelmehrheit", "Grundgesetzänderung", "Koalition", "Bundesverfassungsgericht",
            "EU-Kommission"} <= words
    strong = {str(k) for c in concepts for k in graph.objects(c, SKOS.altLabel)}
    assert {"Wahlrecht", "Koalitionsverhandlungen", "Misstrauensvotum", "Parteienfinanzierung",
            "Verwaltungsreform"} <= strong


# The SKOS integrity conditions (SKOS Reference, W3C 2009) that a concept scheme can break,
# as queries for violations: (condition, query returning the offending nodes).
SKOS_INTEGRITY = {
    "S9 ConceptScheme disjoint with Concept": "SELECT ?x WHERE { ?x a skos:ConceptScheme, skos:Concept }",
    "S13 prefLabel, altLabel, hiddenLabel pairwise disjoint": """SELECT ?x ?l WHERE {
        { ?x skos:prefLabel ?l ; skos:altLabel ?l } UNION { ?x skos:prefLabel ?l ; skos:hiddenLabel ?l }
        UNION { ?x skos:altLabel ?l ; skos:hiddenLabel ?l } }""",
    "S14 at most one prefLabel per language": """SELECT ?x WHERE { ?x skos:prefLabel ?a, ?b .
        FILTER (?a != ?b && lang(?a) = lang(?b)) }""",
    "S27 related disjoint with broaderTransitive": """SELECT ?x ?y WHERE { ?x skos:related ?y .
        ?x (skos:broader|^skos:narrower)+ ?y }""",
    "S37 Collection disjoint with Concept": "SELECT ?x WHERE { ?x a skos:Collection, skos:Concept }",
    "S46 exactMatch disjoint with broadMatch and relatedMatch": """SELECT ?x ?y WHERE { ?x skos:exactMatch ?y .
        { ?x skos:broadMatch ?y } UNION { ?x skos:relatedMatch ?y } }""",
}


@pytest.mark.parametrize("condition", SKOS_INTEGRITY)
def test_topics_ttl_skos_integrity(graph, condition):
    violations = list(graph.query(SKOS_INTEGRITY[condition], initNs={"skos": SKOS}))
    assert not violations, f"{condition}: {[tuple(str(v) for v in row) for row in violations[:10]]}"


def test_topics_ttl_skos_integrity_check_finds_a_repeated_label():
    """The S13 query is not vacuous: an invented concept repeating its prefLabel fails it."""
    from rdflib import Graph

    g = Graph()
    g.add((URIRef("x:c"), SKOS.prefLabel, Literal("Wahlrecht", lang="de")))
    g.add((URIRef("x:c"), SKOS.hiddenLabel, Literal("Wahlrecht", lang="de")))
    query = SKOS_INTEGRITY["S13 prefLabel, altLabel, hiddenLabel pairwise disjoint"]
    assert len(list(g.query(query, initNs={"skos": SKOS}))) == 1
