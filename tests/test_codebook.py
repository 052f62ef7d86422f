"""kg.codebook and `kg ingest --codebook`: good codebooks load, bad ones fail in one line, store unchanged."""
import io
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF, SKOS

from kg import iris
from kg.cli import main
from kg.codebook import CodebookError, combine, default_codebook, is_users, read_codebook
from kg.store import OxigraphStore

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "codebook-example.ttl"
ARTICLE = ROOT / "tests" / "fixtures" / "codebook_article.txt"
HEAD = "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"


@pytest.fixture(autouse=True)
def _project_codebook_afterwards():
    """`kg ingest/extract --codebook` make that codebook the process's; later tests expect the project's."""
    from kg.nlp.propositions import use_codebook

    yield
    use_codebook(None)


def _file(tmp_path, body: str) -> Path:
    path = tmp_path / "codebook.ttl"
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def test_codebook_project_issues_are_valid_skos_under_the_topics():
    graph = default_codebook()
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) >= 300
    topics = rdflib.Graph().parse(ROOT / "ontology" / "topics.ttl")
    topic_concepts = set(topics.subjects(RDF.type, SKOS.Concept))
    for concept in concepts:
        assert str(concept).startswith(iris.BASE + "issue/")
        broader = set(graph.objects(concept, SKOS.broader))
        assert broader and broader <= topic_concepts, concept
    read_codebook(ROOT / "ontology" / "issues.ttl")  # passes its own checks (SKOS label integrity)


def test_codebook_example_file_loads_and_extends():
    user = read_codebook(EXAMPLE)
    assert len(set(user.subjects(RDF.type, SKOS.Concept))) == 9
    extended, replaced = combine(user, "extend", "ex.ttl"), combine(user, "replace", "ex.ttl")
    assert len(set(extended.subjects(RDF.type, SKOS.Concept))) == 9 + len(set(default_codebook().subjects(RDF.type, SKOS.Concept)))
    assert len(set(replaced.subjects(RDF.type, SKOS.Concept))) == 9
    assert is_users(replaced) and not is_users(combine(None, "replace"))


@pytest.mark.parametrize("body, message", [
    ("<https://x.org/a> a skos:Concept ; skos:prefLabel \"A\"@de ;", r"cannot parse: .*line"),
    ("<https://x.org/a> skos:prefLabel \"A\"@de .", r"no skos:Concept"),
    ("[] a skos:Concept ; skos:prefLabel \"A\"@de .", r"blank node"),
    ("<https://x.org/a> a skos:Concept ; skos:prefLabel \"A\"@en .", r"<https://x.org/a>: no German skos:prefLabel"),
    ("<https://x.org/a> a skos:Concept ; skos:prefLabel \"A\"@de , \"B\"@de .", r"more than one skos:prefLabel in @de"),
    ("<https://x.org/a> a skos:Concept ; skos:prefLabel \"A\"@de ; skos:hiddenLabel \"A\"@de .",
     r"both a skos:prefLabel and a skos:hiddenLabel"),
    ("<https://x.org/a/k> a skos:Concept ; skos:prefLabel \"A\"@de .\n"
     "<https://y.org/k> a skos:Concept ; skos:prefLabel \"B\"@de .", r"same key 'k'"),
])
def test_codebook_bad_file_is_one_clear_error(tmp_path, body, message):
    path = _file(tmp_path, body)
    with pytest.raises(CodebookError, match=message) as raised:
        read_codebook(path)
    assert str(raised.value).startswith(str(path)) and "\n" not in str(raised.value)


def test_codebook_extend_refuses_a_key_of_the_project(tmp_path):
    user = read_codebook(_file(tmp_path, "<https://x.org/wehrpflicht> a skos:Concept ; skos:prefLabel \"W\"@de ."))
    with pytest.raises(CodebookError, match="key 'wehrpflicht' of the project's issue"):
        combine(user, "extend", "mine.ttl")
    assert set(combine(user, "replace", "mine.ttl").subjects(RDF.type, SKOS.Concept)) == {
        rdflib.URIRef("https://x.org/wehrpflicht")}


def _dump(path) -> bytes:
    out = io.BytesIO()
    with OxigraphStore(path) as store:
        store.dump(out, "nquads")
    return out.getvalue()


def test_codebook_cli_bad_codebook_exits_2_and_leaves_the_store(tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["ingest", "--store", str(store), str(ARTICLE)]) == 0
    before = _dump(store)
    bad = _file(tmp_path, "<https://x.org/a> a skos:Concept .")
    assert main(["ingest", "--store", str(store), "--codebook", str(bad), str(ARTICLE)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("kg ingest: ") and "no German skos:prefLabel" in err[-1] and str(bad) in err[-1]
    assert _dump(store) == before


def test_codebook_cli_user_codebook_is_stored_used_and_kept(tmp_path):
    store = tmp_path / "store"
    assert main(["ingest", "--store", str(store), "--codebook", str(EXAMPLE), str(ARTICLE)]) == 0
    assert main(["ingest", "--store", str(store), str(ARTICLE)]) == 0  # later ingests keep the codebook
    with OxigraphStore(store) as opened:
        issues = opened.graph(iris.ISSUES_GRAPH)
        used = {str(row["p"]) for row in opened.query(
            "SELECT DISTINCT ?p WHERE { GRAPH ?g { ?pos <https://w3id.org/standpunkt/ontology#proposition> ?p } }")}
    assert len(set(issues.subjects(RDF.type, SKOS.Concept))) == 9 and is_users(issues)
    assert iris.proposition_iri("c130") in used  # "Abschiebungen" of the example codebook


def test_codebook_cli_codebook_alone_only_stores_it(tmp_path):
    store = tmp_path / "store"
    assert main(["ingest", "--store", str(store), "--codebook", str(EXAMPLE), "--codebook-mode", "extend"]) == 0
    with OxigraphStore(store) as opened:
        assert len(set(opened.graph(iris.ISSUES_GRAPH).subjects(RDF.type, SKOS.Concept))) > 300


def test_codebook_cli_extract_matches_claims_to_the_given_codebook(tmp_path, capsys):
    import json

    assert main(["extract", "--codebook", str(EXAMPLE), str(ARTICLE)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(r["proposition"] and r["side"] in ("support", "oppose") for r in rows)
    assert any(r["proposition"] == "c130" and r["issue"] == "https://example.org/mardy-codebook/c130" for r in rows)
    assert main(["extract", "--codebook", str(_file(tmp_path, "nonsense")), str(ARTICLE)]) == 2
