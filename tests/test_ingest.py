"""Ingest end to end: seeds into the embedded store, idempotent, atomic, validated."""
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import rdflib

from kg import iris
from kg.articles import read_paths
from kg.errors import ArticleError, ValidationError
from kg.ingest import ingest_articles, write_article
from kg.store import OxigraphStore
from kg.validate import validate_graph
from tests.rdf_samples import sample

ROOT = Path(__file__).resolve().parent.parent
SEED = "000_8eac7816d47259b9"


def _nquads(store) -> set[bytes]:
    out = io.BytesIO()
    store.dump(out, "nquads")
    return set(out.getvalue().splitlines())


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    path = tmp_path_factory.mktemp("seeded") / "store"
    with OxigraphStore(path) as store:
        summary = ingest_articles(store, read_paths([ROOT / "seeds"]), report=lambda _: None)
        first = _nquads(store)
        again = ingest_articles(store, read_paths([ROOT / "seeds"]), report=lambda _: None)
        yield store, summary, first, again, _nquads(store)


def test_ingest_seeds_summary(seeded):
    _, summary, _, _, _ = seeded
    assert summary.articles == len(list(read_paths([ROOT / "seeds"])))
    assert summary.rejected == []
    assert summary.positions >= 60
    assert "rejected" in summary.line()


def test_ingest_twice_gives_the_same_dataset(seeded):
    _, summary, first, again, second = seeded
    assert again.positions == summary.positions
    assert first == second


def test_ingest_export_conforms_and_holds_putin(seeded):
    store, *_ = seeded
    dataset = rdflib.Dataset()
    dataset.parse(data=b"\n".join(seeded[2]), format="nquads")
    union = rdflib.Graph()
    for s, p, o, _ in dataset.quads():
        union.add((s, p, o))
    assert validate_graph(union, subject="export") == []
    rows = store.query(f"""
        PREFIX sp: <https://w3id.org/standpunkt/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?p ?stance WHERE {{
          ?p sp:holder/rdfs:label "Wladimir Putin" ; sp:stance ?stance ;
             prov:wasDerivedFrom <{iris.article_iri(SEED)}> }}""")
    assert len(rows) >= 3
    assert {str(r["stance"]) for r in rows} <= {iris.ONTOLOGY + "Support", iris.ONTOLOGY + "Oppose"}


def test_ingest_each_article_in_its_named_graph(seeded):
    store, *_ = seeded
    names = store.graph_names()
    for article in read_paths([ROOT / "seeds"]):
        assert iris.article_iri(article.id) in names
    assert iris.ACTORS_GRAPH in names and iris.TOPICS_GRAPH in names


def test_ingest_malformed_article_leaves_store_unchanged(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("Kein Datum in der ersten Zeile.\n\nDie SPD fordert etwas.", encoding="utf-8")
    with OxigraphStore(tmp_path / "store") as store:
        ingest_articles(store, read_paths([ROOT / "seeds" / f"{SEED}.txt"]), report=lambda _: None)
        before = _nquads(store)
        lines = []
        summary = ingest_articles(store, read_paths([bad]), report=lines.append)
        assert _nquads(store) == before
    assert summary.articles == 0 and len(summary.rejected) == 1
    assert lines == [f"rejected: {bad}:1: first line must start with ' date YYYY-MM-DD' (or ' date YYYY-MM')"]


def test_ingest_invalid_graph_is_not_written(tmp_path):
    article, positions = sample()
    positions[0].confidence = 1.7
    with OxigraphStore(tmp_path / "store") as store:
        good_article, good_positions = sample(article_id="t02")
        write_article(store, good_article, good_positions)
        before = _nquads(store)
        with pytest.raises(ValidationError) as e:
            write_article(store, article, positions)
        assert _nquads(store) == before
    assert "confidence" in str(e.value) and "1.7" in str(e.value)


def test_ingest_killed_midway_leaves_only_whole_articles(tmp_path):
    """SIGKILL during a long run: every article graph in the store still conforms."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for i in range(60):
        shutil.copy(seeds[i % len(seeds)], corpus / f"copy{i:03d}.txt")
    store_dir = tmp_path / "store"
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "ingest", str(corpus), "--store", str(store_dir),
                             "--verbose"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    for _ in range(3):
        assert proc.stderr.readline().startswith("ingested ")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with OxigraphStore(store_dir) as store:
        written = [g for g in store.graph_names() if g.startswith(iris.BASE + "article/")]
        assert 0 < len(written) < 60, "the run should have been stopped midway"
        actors = store.graph(iris.ACTORS_GRAPH)
        for name in written:
            assert validate_graph(store.graph(name) + actors, subject=name) == []



def _good(article_id: str) -> dict:
    return {"id": article_id, "date": "2024-03-01", "text": "Die SPD fordert mehr Geld für Kommunen."}


def test_ingest_every_bad_article_is_one_rejection_and_the_rest_goes_in(tmp_path):
    """Faults the reader, the pipeline and the store meet, each costing one article only."""
    import json

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a_deep.json").write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    (corpus / "b_list.json").write_text(json.dumps([
        _good("b1"), dict(_good("b2"), title="Titel \udc00"), _good("b3")]), encoding="utf-8")
    (corpus / "c_lines.jsonl").write_text("\n".join(json.dumps(o) for o in [
        _good("c1"),
        dict(_good("c2"), date="0001-01-01", text="Die SPD fordert im nächsten Jahr mehr Geld für Kommunen. "
             "Gestern sagte Merz, er lehne das ab. Vor zwei Jahren hatte die CDU im Vormonat mehr Geld gefordert."),
        dict(_good("c3"), url=" "),
        dict(_good("c4"), date="2024-03-01\n"),
        _good("c5")]), encoding="utf-8")
    lines = []
    with OxigraphStore(tmp_path / "store") as store:
        summary = ingest_articles(store, read_paths([corpus]), report=lines.append)
        stored = {g.rsplit("/", 1)[-1] for g in store.graph_names() if g.startswith(iris.BASE + "article/")}
    text = "\n".join(lines)
    # c2's dates before year 1 overflow the calendar today: a rejection; should the pipeline
    # learn to stop at year 1, c2 goes in instead. Either way the run goes on.
    c2_rejected = f"{corpus / 'c_lines.jsonl'}: extracting article 'c2' failed: OverflowError" in text
    assert stored == {"b1", "b3", "c1", "c5"} | (set() if c2_rejected else {"c2"})
    assert summary.articles == len(stored) and len(summary.rejected) == 4 + c2_rejected == len(lines)
    assert f"{corpus / 'a_deep.json'}: JSON nested too deeply" in text
    assert f"{corpus / 'b_list.json'}[1]: JSON field 'title' holds an unpaired surrogate" in text
    assert f"{corpus / 'c_lines.jsonl'}:3: url ' ' is not an absolute http(s) URL" in text
    assert f"{corpus / 'c_lines.jsonl'}:4: date" in text


@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_a_pipeline_failure_rejects_that_article_only(tmp_path, monkeypatch, workers):
    """Any exception of the pipeline (here injected) is a rejection line; with a pool too."""
    import kg.extract

    real = kg.extract.extract

    def flaky(article):
        if article.id == "p2":
            raise RecursionError("maximum recursion depth exceeded")
        return real(article)

    monkeypatch.setattr(kg.extract, "extract", flaky)
    from kg.model import Article

    items = [Article(f"p{i}", "2024-03-01", "Die SPD fordert mehr Geld.", source=f"p{i}.txt") for i in range(1, 4)]
    lines = []
    with OxigraphStore(tmp_path / "store") as store:
        summary = ingest_articles(store, iter(items), workers=workers, report=lines.append)
        stored = {g.rsplit("/", 1)[-1] for g in store.graph_names() if g.startswith(iris.BASE + "article/")}
    assert stored == {"p1", "p3"} and summary.articles == 2
    assert lines == ["rejected: p2.txt: extracting article 'p2' failed: RecursionError: maximum recursion depth exceeded"]
