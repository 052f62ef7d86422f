"""kg.ontology and the files of ontology/: found wherever kg runs, complete, self-consistent."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from pyshacl.entrypoints import meta_validate
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

from kg import build, ontology, validate
from kg.errors import KGError
from kg.model import ACTS, STANCES
from kg import namespaces as ns
from kg.namespaces import SKOS, SP
from rdf_samples import sample

REPO = Path(__file__).resolve().parent.parent
SOURCE_DIR = REPO / "ontology"
OWL_KINDS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}


@pytest.fixture
def ontology_copy(tmp_path, monkeypatch):
    """A copy of ontology/ that $KG_ONTOLOGY_DIR points at."""
    copy = tmp_path / "onto"
    shutil.copytree(SOURCE_DIR, copy)
    monkeypatch.setenv(ontology.ENV_VAR, str(copy))
    return copy


def _built_graph() -> rdflib.Graph:
    article, positions = sample()
    return validate.union(build.article_graph(article, positions), build.actors_graph(positions))


def test_ontology_dir_is_the_repository_folder_by_default(monkeypatch):
    monkeypatch.delenv(ontology.ENV_VAR, raising=False)
    assert ontology.ontology_dir().resolve() in {SOURCE_DIR.resolve(),
                                                (REPO / "kg" / "_ontology").resolve()}
    assert (ontology.ontology_dir() / "shapes.ttl").is_file()


def test_ontology_found_through_the_environment_variable(ontology_copy):
    (ontology_copy / "standpunkt.ttl").write_text(
        (SOURCE_DIR / "standpunkt.ttl").read_text(encoding="utf-8")
        + "\nsp:Position rdfs:seeAlso <https://example.org/copy> .\n", encoding="utf-8")
    assert ontology.ontology_dir() == ontology_copy
    vocabulary = ontology.vocabulary_graph()
    assert (SP.Position, RDFS.seeAlso, URIRef("https://example.org/copy")) in vocabulary


def test_ontology_wrong_environment_variable_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv(ontology.ENV_VAR, str(tmp_path / "missing"))
    with pytest.raises(KGError, match="KG_ONTOLOGY_DIR=.*missing: no standpunkt.ttl"):
        ontology.ontology_dir()


def test_ontology_found_inside_an_installed_package(tmp_path):
    """The wheel layout: kg/ with kg/_ontology and no ontology/ folder beside it."""
    site = tmp_path / "site-packages"
    shutil.copytree(REPO / "kg", site / "kg", ignore=shutil.ignore_patterns("__pycache__", "_ontology"))
    shutil.copytree(SOURCE_DIR, site / "kg" / "_ontology")
    env = {k: v for k, v in os.environ.items() if k != ontology.ENV_VAR}
    env["PYTHONPATH"] = str(site)
    code = ("from kg import ontology; print(ontology.ontology_dir()); "
            "print(len(ontology.shapes_graph()), len(ontology.context()['@context']))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                         capture_output=True, text=True, check=True).stdout.split()
    assert Path(out[0]) == site / "kg" / "_ontology"
    assert int(out[1]) > 100 and int(out[2]) > 20


def test_ontology_topics_graph_empty_without_topics_file(ontology_copy):
    (ontology_copy / "topics.ttl").unlink(missing_ok=True)
    assert len(ontology.topics_graph()) == 0


def test_ontology_topics_graph_loaded_when_present(ontology_copy):
    (ontology_copy / "topics.ttl").write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix sp: <https://w3id.org/standpunkt/ontology#> .\n"
        "<https://w3id.org/standpunkt/topic/verteidigung> a skos:Concept ;\n"
        '  skos:prefLabel "Verteidigung"@de ; sp:capCode 16 .\n', encoding="utf-8")
    topics = ontology.topics_graph()
    assert topics.value(URIRef("https://w3id.org/standpunkt/topic/verteidigung"), SP.capCode) == Literal(16)


def test_ontology_unparsable_file_names_the_file(ontology_copy):
    (ontology_copy / "shapes.ttl").write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(KGError, match="shapes.ttl: cannot parse"):
        ontology.shapes_graph()


def test_ontology_every_term_has_german_and_english_label_and_comment():
    vocabulary = ontology.vocabulary_graph()
    terms = [s for s in set(vocabulary.subjects()) if isinstance(s, URIRef) and str(s).startswith(str(SP._NS))]
    assert len(terms) >= 25
    for term in terms:
        for prop in (RDFS.label, RDFS.comment):
            languages = {o.language for o in vocabulary.objects(term, prop)}
            assert {"de", "en"} <= languages, f"{term} lacks {prop} in de/en: {languages}"
        kinds = set(vocabulary.objects(term, RDF.type))
        assert kinds & (OWL_KINDS | {SP.Act, SP.Stance}), f"{term} has no OWL kind: {kinds}"


def test_ontology_acts_carry_key_and_cameo_root_code():
    vocabulary = ontology.vocabulary_graph()
    acts = set(vocabulary.subjects(RDF.type, SP.Act))
    keys = {str(vocabulary.value(a, SP.actKey)): str(vocabulary.value(a, SP.cameoRootCode)) for a in acts}
    assert set(keys) == set(ACTS)
    assert keys["demand"] == "10" and keys["rejection"] == "12" and keys["assertion"] == "01"
    assert all(len(code) == 2 and code.isdigit() for code in keys.values())
    for key, iri in build.ACTS.items():
        assert str(vocabulary.value(iri, SP.actKey)) == key


def test_ontology_stances_carry_the_model_keys():
    vocabulary = ontology.vocabulary_graph()
    keys = {str(vocabulary.value(s, SP.stanceKey)) for s in vocabulary.subjects(RDF.type, SP.Stance)}
    assert keys == set(STANCES)
    for key, iri in build.STANCES.items():
        assert str(vocabulary.value(iri, SP.stanceKey)) == key


def test_ontology_declares_every_sp_term_a_built_graph_uses():
    vocabulary, graph = ontology.vocabulary_graph(), _built_graph()
    used = {p for p in graph.predicates()} | set(graph.objects(None, RDF.type))
    used |= set(graph.objects(None, SP.stance)) | set(graph.objects(None, SP.act))
    sp_used = {t for t in used if str(t).startswith(str(SP._NS))}
    assert {SP.holder, SP.stance, SP.act, SP.evidence, SP.Position, SP.Evidence, SP.Actor} <= sp_used
    for term in sp_used:
        assert (term, RDFS.label, None) in vocabulary, f"{term} is used by build.py but not declared"
        assert hasattr(SP, str(term)[len(str(SP._NS)):])


def test_ontology_shapes_target_every_class_a_built_graph_holds():
    shapes, graph = ontology.shapes_graph(), _built_graph()
    targets = set(shapes.objects(None, SH.targetClass))
    held = set(graph.objects(None, RDF.type)) - {ns.SCHEMA.Person, ns.SCHEMA.Organization}
    assert held <= targets, f"classes without a shape: {held - targets}"
    assert {SKOS.Concept, ns.SCHEMA.NewsArticle, SP.Position, SP.Evidence, SP.Actor} <= targets


def test_ontology_shapes_are_named_and_speak_german_and_english():
    shapes = ontology.shapes_graph()
    named = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    anonymous = [s for s in set(shapes.subjects(SH.path, None)) | set(shapes.subjects(SH.targetClass, None))
                 if not isinstance(s, URIRef)]
    assert not anonymous, f"blank-node shapes: {anonymous}"
    assert len(named) > 30
    for shape in named | set(shapes.subjects(RDF.type, SH.SPARQLConstraint)):
        if (shape, SH.targetClass, None) in shapes and (shape, SH.property, None) in shapes \
                and (shape, SH.message, None) not in shapes:
            continue  # a pure container of property shapes reports nothing itself
        languages = {m.language for m in shapes.objects(shape, SH.message)}
        assert {"de", "en"} <= languages, f"{shape} lacks a de/en sh:message"


def test_ontology_shapes_are_valid_shacl():
    conforms, _report, text = meta_validate(ontology.shapes_graph())
    assert conforms, text


def test_ontology_context_covers_the_model():
    ctx = ontology.context()["@context"]
    for prefix in ("sp", "schema", "prov", "dcterms", "skos", "xsd"):
        assert prefix in ctx
    for term in ("Position", "holder", "stance", "act", "topic", "claim", "date", "derivedFrom",
                 "evidence", "confidence", "label", "altLabel"):
        assert term in ctx, term
    assert ctx["claim"]["@language"] == "de"
    assert ctx["holder"]["@type"] == "@id" and ctx["stance"]["@type"] == "@vocab"


def test_ontology_context_names_only_declared_sp_terms():
    vocabulary = ontology.vocabulary_graph()
    ctx = ontology.context()["@context"]
    for name, definition in ctx.items():
        iri = definition["@id"] if isinstance(definition, dict) else definition
        if isinstance(iri, str) and iri.startswith("sp:"):
            term = SP._NS[iri[3:]]
            assert (term, RDFS.label, None) in vocabulary, f"context term {name} -> undeclared {iri}"


def test_ontology_context_file_is_plain_json():
    document = json.loads((SOURCE_DIR / "context.jsonld").read_text(encoding="utf-8"))
    assert document == ontology.context()


def test_ontology_real_topics_file_conforms_when_present():
    if not (ontology.ontology_dir() / ontology.TOPICS).is_file():
        pytest.skip("ontology/topics.ttl not written yet")
    topics = ontology.topics_graph()
    assert len(set(topics.subjects(RDF.type, SKOS.Concept))) >= 21
    assert validate.validate_graph(topics, "topics.ttl") == []
