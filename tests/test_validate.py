"""kg.validate: built graphs conform; hand-broken graphs fail with node, constraint and message."""
from dataclasses import replace

import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from kg import build, iris, validate
from kg import namespaces as ns
from kg.errors import ValidationError
from kg.model import Article, Position
from kg.namespaces import DCTERMS, RDF, RDFS, SP
from rdf_samples import sample

ARTICLE = URIRef(iris.article_iri("t01"))
PUTIN = URIRef(iris.actor_iri("Wladimir Putin"))


def _graphs(**position_changes):
    article, positions = sample()
    if position_changes:
        positions = [replace(positions[0], **position_changes)] + positions[1:]
    return build.article_graph(article, positions), build.actors_graph(positions)


def _valid() -> rdflib.Graph:
    return validate.union(*_graphs())


def _putin_position(graph: rdflib.Graph) -> URIRef:
    return graph.value(None, SP.holder, PUTIN) or next(
        p for p in graph.subjects(RDF.type, SP.Position)
        if str(graph.value(graph.value(p, SP.evidence), SP.startOffset)) == "0")


def _lines_about(report: list[str], node, shape: str, component: str) -> list[str]:
    return [line for line in report if f"node <{node}>" in line and f"spsh:{shape} " in line
            and f"(sh:{component})" in line]


def test_validate_built_graph_conforms():
    graph = _valid()
    assert validate.validate_graph(graph, "t01") == []
    validate.check(graph, "t01")


def test_validate_leaves_the_graph_unchanged():
    graph = _valid()
    before = set(graph)
    validate.validate_graph(graph)
    broken = _valid()
    broken.remove((_putin_position(broken), SP.holder, None))
    kept = set(broken)
    assert validate.validate_graph(broken)
    assert set(graph) == before and set(broken) == kept


def test_validate_gyearmonth_and_missing_dates_conform():
    article, positions = sample(date="2025-11")
    positions = [replace(positions[0], date=None)] + positions[1:]
    graph = validate.union(build.article_graph(article, positions), build.actors_graph(positions))
    assert validate.validate_graph(graph) == []


def test_validate_position_without_topic_conforms():
    assert validate.validate_graph(validate.union(*_graphs(topic=None, topic_label=None))) == []


def test_validate_article_graph_alone_fails_on_untyped_holders():
    article_graph, _actors = _graphs()
    report = validate.validate_graph(article_graph, "t01")
    holders = [line for line in report if "spsh:Position-holder " in line]
    assert len(holders) == 3 and all("(sh:ClassConstraintComponent)" in line for line in holders)


def _drop_holder(g, p):
    g.remove((p, SP.holder, None))


def _second_stance(g, p):
    g.add((p, SP.stance, SP.Oppose))


def _datetime_date(g, p):
    g.set((p, DCTERMS.date, Literal("2025-11-28T10:00:00", datatype=ns.XSD.dateTime)))


def _two_dates(g, p):
    g.add((p, DCTERMS.date, Literal("2025-11-27", datatype=ns.XSD.date)))


def _confidence_too_high(g, p):
    g.set((p, SP.confidence, Literal("1.7", datatype=ns.XSD.decimal)))


def _confidence_double(g, p):
    g.set((p, SP.confidence, Literal(0.5)))


def _bad_act(g, p):
    g.set((p, SP.act, SP.Support))


def _holder_not_actor(g, p):
    g.set((p, SP.holder, ARTICLE))


def _claim_without_language(g, p):
    g.set((p, SP.claim, Literal("Rückzug")))


def _unknown_property(g, p):
    g.add((p, URIRef("https://w3id.org/standpunkt/ontology#stence"), SP.Support))


def _negative_offset(g, p):
    g.set((g.value(p, SP.evidence), SP.startOffset, Literal(-1)))


def _string_offset(g, p):
    g.set((g.value(p, SP.evidence), SP.endOffset, Literal("73")))


def _offsets_off_the_sentence(g, p):
    evidence = g.value(p, SP.evidence)
    g.set((evidence, SP.startOffset, Literal(1)))
    g.set((evidence, SP.endOffset, Literal(74)))


def _double_offset(g, p):
    g.set((g.value(p, SP.evidence), SP.startOffset, Literal(1.5e300)))


def _decimal_offset(g, p):
    g.set((g.value(p, SP.evidence), SP.startOffset, Literal("2", datatype=ns.XSD.decimal)))


def _ill_typed_offset(g, p):
    g.set((g.value(p, SP.evidence), SP.endOffset, Literal("x", datatype=ns.XSD.integer)))


BROKEN = [
    # (mutation, focus: "position" | "evidence" | "article" | IRI, shape, component)
    (_drop_holder, "position", "Position-holder", "MinCountConstraintComponent"),
    (_second_stance, "position", "Position-stance", "MaxCountConstraintComponent"),
    (_datetime_date, "position", "Position-date", "OrConstraintComponent"),
    (_two_dates, "position", "Position-date", "MaxCountConstraintComponent"),
    (_confidence_too_high, "position", "Position-confidence", "MaxInclusiveConstraintComponent"),
    (_confidence_double, "position", "Position-confidence", "DatatypeConstraintComponent"),
    (_bad_act, "position", "Position-act", "InConstraintComponent"),
    (_holder_not_actor, "position", "Position-holder", "ClassConstraintComponent"),
    (_claim_without_language, "position", "Position-claim", "DatatypeConstraintComponent"),
    (_unknown_property, "position", "PositionShape", "ClosedConstraintComponent"),
    (_negative_offset, "evidence", "Evidence-start", "MinInclusiveConstraintComponent"),
    (_string_offset, "evidence", "Evidence-end", "DatatypeConstraintComponent"),
    (_offsets_off_the_sentence, "article", "Article-evidenceMatchesText", "SPARQLConstraintComponent"),
    # offsets the evidence SPARQL check cannot compute with: a report, not an error from the engine
    (_double_offset, "evidence", "Evidence-start", "DatatypeConstraintComponent"),
    (_decimal_offset, "evidence", "Evidence-start", "DatatypeConstraintComponent"),
    (_ill_typed_offset, "evidence", "Evidence-end", "DatatypeConstraintComponent"),
]


@pytest.mark.parametrize("mutate, focus, shape, component", BROKEN, ids=[b[0].__name__ for b in BROKEN])
def test_validate_hand_broken_position_fails_naming_node_and_constraint(mutate, focus, shape, component):
    graph = _valid()
    position = _putin_position(graph)
    node = {"position": position, "evidence": graph.value(position, SP.evidence), "article": ARTICLE}[focus]
    mutate(graph, position)
    report = validate.validate_graph(graph, "t01.txt")
    matching = _lines_about(report, node, shape, component)
    assert matching, "\n".join(report)
    assert all(line.startswith("t01.txt: ") for line in report)
    assert matching[0].split(": ", 2)[2][0].isupper()  # an English sentence follows


def test_validate_report_gives_the_english_message_and_the_value():
    graph = _valid()
    _confidence_too_high(graph, _putin_position(graph))
    [line] = validate.validate_graph(graph, "t01")
    assert 'value "1.7"^^xsd:decimal' in line and "path sp:confidence" in line
    assert line.endswith("an xsd:decimal between 0 and 1.")


def test_validate_evidence_mismatch_names_the_evidence_node():
    graph = _valid()
    position = _putin_position(graph)
    _offsets_off_the_sentence(graph, position)
    report = validate.validate_graph(graph)
    assert any(f"value <{graph.value(position, SP.evidence)}>" in line and "is not the article text" in line
               for line in report), report


def test_validate_actor_with_two_types_fails():
    graph = _valid()
    graph.add((PUTIN, RDF.type, ns.SCHEMA.Organization))
    report = validate.validate_graph(graph)
    assert _lines_about(report, PUTIN, "ActorShape", "XoneConstraintComponent"), report


def test_validate_actor_kind_must_fit_the_type():
    graph = _valid()
    graph.set((PUTIN, SP.actorKind, Literal("party")))
    report = validate.validate_graph(graph)
    assert _lines_about(report, PUTIN, "ActorShape", "OrConstraintComponent"), report


def test_validate_article_without_date_fails():
    graph = _valid()
    graph.remove((ARTICLE, DCTERMS.date, None))
    report = validate.validate_graph(graph)
    assert _lines_about(report, ARTICLE, "Article-date", "MinCountConstraintComponent"), report


def test_validate_orphan_evidence_fails():
    graph = _valid()
    position = _putin_position(graph)
    evidence = graph.value(position, SP.evidence)
    graph.remove((position, SP.evidence, evidence))
    report = validate.validate_graph(graph)
    assert _lines_about(report, evidence, "Evidence-position", "MinCountConstraintComponent"), report
    assert any("path ^sp:evidence" in line for line in report)


@pytest.mark.parametrize("changes, shape, component", [
    ({"confidence": 1.7}, "Position-confidence", "MaxInclusiveConstraintComponent"),
    ({"date": "gestern"}, "Position-date", "OrConstraintComponent"),
    ({"date": "2025-13-45"}, "Position-date", "OrConstraintComponent"),
    ({"act": "threat"}, "Position-act", "InConstraintComponent"),
    ({"stance": "neutral"}, "Position-stance", "InConstraintComponent"),
    ({"start": -3}, "Evidence-start", "MinInclusiveConstraintComponent"),
    ({"actor_type": "robot"}, "ActorShape", "XoneConstraintComponent"),
])
def test_validate_check_rejects_bad_positions_from_the_build(changes, shape, component):
    article_graph, actors = _graphs(**changes)
    with pytest.raises(ValidationError) as raised:
        validate.check_article(article_graph, actors, "seeds/t01.txt")
    assert raised.value.subject == "seeds/t01.txt"
    assert any(f"spsh:{shape} " in line and f"(sh:{component})" in line for line in raised.value.report), \
        raised.value.report
    assert str(raised.value).startswith("seeds/t01.txt: does not conform")


def test_validate_topics_shape_checks_cap_codes():
    graph = rdflib.Graph()
    topic = URIRef(iris.topic_iri("kultur"))
    graph.add((topic, RDF.type, ns.SKOS.Concept))
    graph.add((topic, ns.SKOS.prefLabel, Literal("Kultur", lang="de")))
    graph.add((topic, SP.capCode, Literal(23)))
    assert validate.validate_graph(graph) == []
    graph.set((topic, SP.capCode, Literal(11)))
    report = validate.validate_graph(graph)
    assert _lines_about(report, topic, "Concept-capCode", "InConstraintComponent"), report


def test_validate_explicit_xsd_string_literals_conform():
    """A store may hand back "party"^^xsd:string for "party": the same RDF term, still valid."""
    graph = rdflib.Graph()
    for s, p, o in _valid():
        if isinstance(o, Literal) and o.datatype is None and o.language is None:
            o = Literal(str(o), datatype=ns.XSD.string)
        graph.add((s, p, o))
    assert any(o.datatype == ns.XSD.string for o in graph.objects(None, SP.actorKind))
    assert validate.validate_graph(graph) == []


def test_validate_the_vocabulary_itself_conforms():
    """Acts and stances of standpunkt.ttl meet their shapes (keys, CAMEO codes)."""
    from kg import ontology

    assert validate.validate_graph(ontology.vocabulary_graph(), "standpunkt.ttl") == []
    broken = rdflib.Graph() + ontology.vocabulary_graph()
    broken.set((SP.DemandAct, SP.cameoRootCode, Literal("100")))
    report = validate.validate_graph(broken)
    assert len(report) == 1 and report[0].startswith("graph: node sp:DemandAct, path sp:cameoRootCode")
    assert "spsh:Act-cameo (sh:PatternConstraintComponent)" in report[0]


_WORDS = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzäöüßÄÖÜ ,;-–„“😀"), min_size=1, max_size=30)


@settings(max_examples=30, deadline=None)
@given(
    sentences=st.lists(_WORDS.map(lambda w: w.strip(" ") or "x"), min_size=1, max_size=4),
    confidence=st.decimals(min_value=0, max_value=1, places=3),
    stance=st.sampled_from(sorted(build.STANCES)),
    act=st.sampled_from(sorted(build.ACTS)),
    date=st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()), st.dates().map(lambda d: d.isoformat()[:7])),
    actor_type=st.sampled_from(["person", "organization"]),
)
def test_validate_any_well_formed_position_conforms(sentences, confidence, stance, act, date, actor_type):
    """Whatever the text (umlauts, emoji, quotes), a well-formed position maps to a valid graph."""
    text = " ".join(s + "." for s in sentences)
    article = Article(id="h01", date="2025-11-28", text=text)
    positions, offset = [], 0
    for i, sentence in enumerate(s + "." for s in sentences):
        start = text.index(sentence, offset)
        offset = start + len(sentence)
        positions.append(Position(
            article="h01", sentence=sentence, start=start, end=offset, actor=f"Akteur {i}",
            actor_type=actor_type, actor_iri=iris.actor_iri(f"Akteur {i}"), stance=stance, act=act,
            claim=sentence, topic=None, topic_label=None, cap_major=None, date=date,
            article_date="2025-11-28", confidence=float(confidence)))
    graph = validate.union(build.article_graph(article, positions), build.actors_graph(positions))
    assert validate.validate_graph(graph) == []


def test_validate_position_with_a_proposition_but_no_side_fails():
    graph = _valid()
    position = _putin_position(graph)
    graph.remove((position, SP.side, None))
    report = validate.validate_graph(graph)
    assert _lines_about(report, position, "PositionWithProposition-side", "MinCountConstraintComponent"), report


def test_validate_side_without_a_proposition_fails_and_neither_conforms():
    graph = _valid()
    position = _putin_position(graph)
    graph.remove((position, SP.proposition, None))
    report = validate.validate_graph(graph)
    assert _lines_about(report, position, "PositionWithProposition-proposition", "MinCountConstraintComponent")
    for p in (SP.side, SP.direction):
        graph.remove((position, p, None))
    assert validate.validate_graph(graph) == []


def test_validate_proposition_needs_a_german_label():
    graph = _valid()
    proposition = URIRef(iris.proposition_iri("schuldenbremse"))
    graph.remove((proposition, RDFS.label, None))
    report = validate.validate_graph(graph)
    assert _lines_about(report, proposition, "Proposition-label", "MinCountConstraintComponent"), report


def _closed_violations_with_rdfs(graph: rdflib.Graph) -> list[str]:
    """Focus node and path of every sh:closed violation after RDFS inference with the ontology."""
    import pyshacl

    from kg import ontology

    shapes = rdflib.Graph() + ontology.shapes_graph()
    data = validate.union(graph, ontology.topics_graph())
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology.vocabulary_graph(),
                                    inference="rdfs")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    return [f"{report.value(r, sh.focusNode)} {report.value(r, sh.resultPath)}"
            for r in report.subjects(sh.sourceConstraintComponent, sh.ClosedConstraintComponent)]


def test_validate_closed_shapes_hold_under_the_ontologys_own_rdfs_entailments():
    """A store that reasons adds prov:wasAttributedTo (from sp:holder) and dcterms:subject
    (from sp:topic): the closed shapes must accept what the ontology itself entails."""
    assert _closed_violations_with_rdfs(_valid()) == []
    broken = _valid()
    position = _putin_position(broken)
    broken.add((position, URIRef("http://example.org/typo"), Literal("x")))
    assert _closed_violations_with_rdfs(broken) == [f"{position} http://example.org/typo"]


def test_validate_keeps_pyshacls_constraint_parameters():
    """kg.validate gives pyshacl its parameter list with a hash lookup: same items, same answers."""
    import pyshacl.shape
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS

    params = pyshacl.shape.module.CONSTRAINT_PARAMS[0]
    assert list(params) == ALL_CONSTRAINT_PARAMETERS and params is not ALL_CONSTRAINT_PARAMETERS
    assert all(p in params for p in ALL_CONSTRAINT_PARAMETERS)
    assert RDF.type not in params and ns.SH.message not in params
