"""kg.review: decisions as data, the effective view, re-attachment after re-extraction, the
SPARQL views of ontology/queries against the Python ones, and reviewers' hashed tokens.

The store is the real embedded one; articles go in through kg.ingest (the real pipeline),
and a "changed extractor" is the same article written by kg.ingest.write_article with
positions the way a different extractor would make them.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kg import iris, review
from kg.ingest import ingest_articles, write_article
from kg.model import Article
from kg.namespaces import PROV, RDF, SCHEMA, SP, XSD
from kg.review import users
from kg.review.model import review_graph_iri
from kg.store import OxigraphStore

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "ontology" / "queries"
TEXT = ("Die SPD fordert einen höheren Mindestlohn. Friedrich Merz lehnt eine Vermögensteuer ab. "
        "Die Grünen wollen ein Tempolimit auf Autobahnen. Olaf Scholz sagte, der Haushalt sei solide.")
ARTICLE = Article("r1", "2025-03-04", TEXT, title="Streit um Steuern")
OTHER = Article("r2", "2025-03-05", "Die FDP lehnt eine Vermögensteuer ab.")
T0 = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.timezone.utc)


def at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


@pytest.fixture()
def store():
    s = OxigraphStore(in_memory=True)
    summary = ingest_articles(s, [ARTICLE, OTHER], report=lambda line: None)
    assert summary.articles == 2 and not summary.rejected
    yield s
    s.close()


def dump(store) -> bytes:
    out = io.BytesIO()
    store.dump(out, "nquads")
    return b"\n".join(sorted(out.getvalue().splitlines()))


def machine(store, article="r1"):
    return {p.actor_label: p for p in review.article_review(store, article).positions}


def decide(store, user, body, minutes=0, article="r1"):
    return review.decide(store, article, user, body, now=at(minutes))


# ---- decisions and the effective view --------------------------------------------------------

def test_review_confirm_reject_correct_add_make_the_effective_view(store):
    m = machine(store)
    article_graph = dump_graph(store, iris.article_iri("r1"))
    decide(store, "anna", {"kind": "confirm", "position": m["SPD"].iri})
    decide(store, "anna", {"kind": "reject", "position": m["Grüne"].iri}, 1)
    corrected = decide(store, "anna", {"kind": "correct", "position": m["Friedrich Merz"].iri,
                                       "fields": {"act": "assertion", "claim": "keine Vermögensteuer"}}, 2)
    start = TEXT.index("Olaf Scholz")
    added = decide(store, "anna", {"kind": "add", "sentence": {"start": start, "end": len(TEXT)},
                                   "fields": {"actor": {"name": "Bund der Steuerzahler", "type": "organization"},
                                              "act": "assertion", "claim": "solider Haushalt",
                                              "stance": "support", "topic": "haushalt"}}, 3)
    r = review.article_review(store, "r1")
    others = {label: "unreviewed" for label in m if label not in ("SPD", "Grüne", "Friedrich Merz")}
    assert {p.actor_label: p.status for p in r.positions} == {
        "SPD": "confirmed", "Grüne": "rejected", "Friedrich Merz": "corrected", **others}
    effective = {(p.actor_label, p.origin, p.status, p.claim) for p in r.effective}
    assert ("SPD", "machine", "confirmed", m["SPD"].claim) in effective
    assert ("Friedrich Merz", "review", "corrected", "keine Vermögensteuer") in effective
    assert ("Bund der Steuerzahler", "review", "added", "solider Haushalt") in effective
    assert not any(label == "Grüne" for label, *_ in effective)
    assert corrected.changed == ["act", "claim"] and corrected.result.revision_of == m["Friedrich Merz"].iri
    assert added.result.start == start and added.result.sentence == TEXT[start:]
    assert r.status == ("partly" if others else "reviewed") and r.reviewers == ["anna"] and not r.conflicts
    # the machine's graph is untouched; the decisions are in anna's review graph
    assert dump_graph(store, iris.article_iri("r1")) == article_graph
    graph = store.graph(review_graph_iri("r1", "anna"))
    assert len(set(graph.subjects(RDF.type, SP.Decision))) == 4
    node = URIRef(corrected.iri)
    assert graph.value(node, PROV.wasAttributedTo) == URIRef(iris.BASE + "reviewer/anna")
    assert graph.value(node, PROV.generatedAtTime) == Literal("2026-01-05T09:02:00Z", datatype=XSD.dateTime)
    assert graph.value(node, SP.onPosition) == URIRef(m["Friedrich Merz"].iri)
    assert graph.value(node, SP.sentenceStart).toPython() == m["Friedrich Merz"].start
    assert graph.value(node, SP.decidedActor) == URIRef(m["Friedrich Merz"].actor_iri)
    result = graph.value(node, SP.resultingPosition)
    assert graph.value(result, PROV.wasRevisionOf) == URIRef(m["Friedrich Merz"].iri)
    assert graph.value(result, PROV.wasGeneratedBy) == URIRef(iris.BASE + "activity/review/anna")


def dump_graph(store, iri) -> bytes:
    out = io.BytesIO()
    store.dump(out, "nquads", graph=iri)
    return b"\n".join(sorted(out.getvalue().splitlines()))


def test_review_added_actor_new_to_the_store_goes_to_the_actors_graph(store):
    decide(store, "anna", {"kind": "add", "sentence": {"start": 0, "end": 42},
                           "fields": {"actor": {"name": "Verband der Köche", "type": "organization",
                                                "kind": "organisation"},
                                      "act": "support", "claim": "höherer Mindestlohn", "side": "support",
                                      "issue": "mindestlohn"}})
    actor = URIRef(iris.actor_iri("Verband der Köche"))
    actors = store.graph(iris.ACTORS_GRAPH)
    assert (actor, RDF.type, SCHEMA.Organization) in actors
    added = [p for p in review.effective_positions(store, "r1") if p.origin == "review"][0]
    assert added.actor_label == "Verband der Köche" and added.stance == "support"
    assert added.proposition == iris.proposition_iri("mindestlohn") and added.issue == iris.issue_iri("mindestlohn")


def test_review_undo_takes_the_decision_back_and_the_graph_goes_with_the_last(store):
    m = machine(store)
    before = dump(store)
    first = decide(store, "anna", {"kind": "correct", "position": m["SPD"].iri, "fields": {"side": "oppose"}})
    second = decide(store, "anna", {"kind": "reject", "position": m["Grüne"].iri}, 1)
    with pytest.raises(review.ReviewError) as e:
        review.undo(store, "r1", "ben", first.id)
    assert e.value.status == 403
    review.undo(store, "r1", "anna", first.id)
    assert {p.actor_label: p.status for p in review.article_review(store, "r1").positions}["SPD"] == "unreviewed"
    review.undo(store, "r1", "anna", second.id)
    assert dump(store) == before
    with pytest.raises(review.ReviewError) as e:
        review.undo(store, "r1", "anna", second.id)
    assert e.value.status == 404


@pytest.mark.parametrize("body, status, words", [
    ({"kind": "correct", "position": "SPD", "fields": {"side": "maybe"}}, 400, "'side'"),
    ({"kind": "correct", "position": "SPD", "fields": {"colour": "red"}}, 400, "unknown field 'colour'"),
    ({"kind": "correct", "position": "SPD", "fields": {"act": "demand"}}, 400, "changes at least one field"),
    ({"kind": "correct", "position": "SPD", "fields": {"date": "2025-02-30"}}, 400, "does not exist"),
    ({"kind": "correct", "position": "SPD", "fields": {"topic": "no-such-topic"}}, 400, "no topic"),
    ({"kind": "correct", "position": "SPD", "fields": {"actor": "nobody-known"}}, 400, "no actor"),
    ({"kind": "confirm", "position": "SPD", "fields": {"act": "demand"}}, 400, "takes no 'fields'"),
    ({"kind": "confirm"}, 400, "names its 'position'"),
    ({"kind": "approve", "position": "SPD"}, 400, "'kind'"),
    ({"kind": "confirm", "position": "r1-000000000000"}, 400, "no machine position"),
    ({"kind": "add", "sentence": {"start": 5, "end": 9999}, "fields": {"actor": "spd", "act": "demand",
                                                                       "claim": "x", "stance": "support"}}, 400, "span"),
    ({"kind": "add", "sentence": {"start": 0, "end": 42}, "fields": {"actor": "spd", "claim": "x"}}, 400, "act"),
    ({"kind": "confirm", "position": "OTHER"}, 409, "another article"),
    ({"kind": "reject", "position": "CONFIRMED"}, 409, "already decided"),
    ("not an object", 400, "JSON object"),
])
def test_review_a_refused_decision_names_the_fault_and_changes_nothing(store, body, status, words):
    m = machine(store)
    decide(store, "anna", {"kind": "confirm", "position": m["Friedrich Merz"].iri})
    if isinstance(body, dict) and body.get("position") in ("SPD", "OTHER", "CONFIRMED"):
        body = dict(body, position={"SPD": m["SPD"].iri, "CONFIRMED": m["Friedrich Merz"].iri,
                                    "OTHER": review.article_review(store, "r2").positions[0].iri}[body["position"]])
    before = dump(store)
    with pytest.raises(review.ReviewError) as e:
        decide(store, "anna", body, 5)
    assert e.value.status == status and words in str(e.value), str(e.value)
    assert dump(store) == before


def test_review_unknown_article_is_404(store):
    with pytest.raises(review.ReviewError) as e:
        decide(store, "anna", {"kind": "confirm", "position": "x"}, article="nope")
    assert e.value.status == 404


# ---- several reviewers -----------------------------------------------------------------------

def test_review_latest_decision_wins_and_each_reviewer_keeps_a_view(store):
    m = machine(store)
    decide(store, "anna", {"kind": "reject", "position": m["SPD"].iri}, 1)
    decide(store, "ben", {"kind": "correct", "position": m["SPD"].iri, "fields": {"act": "proposal"}}, 2)
    decide(store, "carla", {"kind": "confirm", "position": m["Grüne"].iri}, 3)
    decide(store, "anna", {"kind": "reject", "position": m["Grüne"].iri}, 4)
    r = review.article_review(store, "r1")
    status = {p.actor_label: p.status for p in r.positions}
    assert status["SPD"] == "corrected" and status["Grüne"] == "rejected"
    effective = {(p.actor_label, p.origin, p.act) for p in r.effective}
    assert ("SPD", "review", "proposal") in effective and not any(a == "Grüne" for a, *_ in effective)
    assert r.reviewers == ["anna", "ben", "carla"] and r.status == "partly"
    anna = {(p.actor_label, p.status) for p in review.effective_positions(store, "r1", users=["anna"])}
    assert ("SPD", "unreviewed") not in anna and not any(a in ("SPD", "Grüne") for a, _ in anna)
    carla = {(p.actor_label, p.status) for p in review.effective_positions(store, "r1", users=["carla"])}
    assert ("Grüne", "confirmed") in carla and ("SPD", "unreviewed") in carla
    assert review.reviewers(store, "r1") == ["anna", "ben", "carla"] and review.reviewed_articles(store) == ["r1"]


# ---- re-extraction ---------------------------------------------------------------------------

def test_review_reingest_with_the_same_extractor_keeps_every_decision_attached(store):
    m = machine(store)
    decide(store, "anna", {"kind": "confirm", "position": m["SPD"].iri})
    decide(store, "anna", {"kind": "correct", "position": m["Grüne"].iri, "fields": {"side": "oppose"}}, 1)
    reviews = dump_graph(store, review_graph_iri("r1", "anna"))
    before = review.article_review(store, "r1")
    ingest_articles(store, [ARTICLE], report=lambda line: None)
    after = review.article_review(store, "r1")
    assert dump_graph(store, review_graph_iri("r1", "anna")) == reviews
    assert [p.to_json() for p in after.effective] == [p.to_json() for p in before.effective]
    assert not after.conflicts


def test_review_changed_extractor_reattaches_or_flags_every_decision(store):
    """The new extractor phrases the SPD claim differently (a new position IRI, same sentence
    and actor), says the Greens propose instead of demand (same IRI, other act), finds
    nothing for Merz, and now finds Scholz, whom the coder had added."""
    from kg.extract import extract

    m = machine(store)
    confirm = decide(store, "anna", {"kind": "confirm", "position": m["SPD"].iri})
    reject = decide(store, "anna", {"kind": "reject", "position": m["Grüne"].iri}, 1)
    correct = decide(store, "anna", {"kind": "correct", "position": m["Friedrich Merz"].iri,
                                     "fields": {"act": "assertion"}}, 2)
    start = TEXT.index("Olaf Scholz")
    add = decide(store, "anna", {"kind": "add", "sentence": {"start": start, "end": len(TEXT)},
                                 "fields": {"actor": {"name": "Olaf Scholz", "type": "person"}, "act": "assertion",
                                            "claim": "solider Haushalt", "stance": "support"}}, 3)
    reviews = dump_graph(store, review_graph_iri("r1", "anna"))
    positions = {p.actor: p for p in extract(ARTICLE)}
    spd = dataclasses.replace(positions["SPD"], claim="ein höherer Mindestlohn")
    greens = dataclasses.replace(positions["Grüne"], act="proposal")
    scholz = dataclasses.replace(positions["SPD"], sentence=TEXT[start:], start=start, end=len(TEXT),
                                 actor="Olaf Scholz", actor_iri=iris.actor_iri("Olaf Scholz"), actor_type="person", actor_kind="person", party=None, aliases=[],
                                 claim="Haushalt solide", proposition=None, side=None, direction=None)
    write_article(store, ARTICLE, [spd, greens, scholz])  # what kg ingest writes
    assert dump_graph(store, review_graph_iri("r1", "anna")) == reviews  # review graphs untouched
    r = review.article_review(store, "r1")
    new = {p.actor_label: p for p in r.positions}
    by_id = {d.id: d for d in r.decisions}
    assert by_id[confirm.id].targets == [new["SPD"].iri] != [m["SPD"].iri]
    assert by_id[confirm.id].conflict == "changed"   # the claim it confirmed is not the claim now
    assert by_id[reject.id].targets == [new["Grüne"].iri] and by_id[reject.id].conflict == "changed"
    assert by_id[correct.id].targets == [] and by_id[correct.id].conflict == "gone"
    assert by_id[add.id].targets == [new["Olaf Scholz"].iri] and by_id[add.id].conflict is None
    assert {p.actor_label: p.status for p in r.positions} == {
        "SPD": "confirmed", "Grüne": "rejected", "Olaf Scholz": "added"}
    effective = {(p.actor_label, p.origin) for p in r.effective}
    assert effective == {("SPD", "machine"), ("Friedrich Merz", "review"), ("Olaf Scholz", "review")}
    assert {c["decision"] for c in r.to_json()["conflicts"]} == {confirm.id, reject.id, correct.id}


# ---- the SPARQL views ------------------------------------------------------------------------

def sparql_effective(store) -> set[tuple[str, str]]:
    rows = store.query((QUERIES / "12-effective-positions.rq").read_text(encoding="utf-8"))
    return {(str(r["position"]), str(r["status"])) for r in rows}


def python_effective(store) -> set[tuple[str, str]]:
    return {(p.iri, p.status) for a in ("r1", "r2") for p in review.effective_positions(store, a)}


def test_review_sparql_views_agree_with_kg_review(store):
    assert sparql_effective(store) == python_effective(store)  # nothing reviewed: all machine
    m = machine(store)
    decide(store, "anna", {"kind": "confirm", "position": m["SPD"].iri}, 1)
    decide(store, "ben", {"kind": "correct", "position": m["SPD"].iri, "fields": {"side": "oppose"}}, 2)
    decide(store, "ben", {"kind": "reject", "position": m["Grüne"].iri}, 3)
    decide(store, "anna", {"kind": "correct", "position": m["Friedrich Merz"].iri, "fields": {"act": "demand"}}, 4)
    decide(store, "anna", {"kind": "add", "sentence": {"start": 0, "end": 42},
                           "fields": {"actor": "gruene", "act": "support", "claim": "Mindestlohn", "stance": "support"}}, 5)
    merz = m["Friedrich Merz"]  # corrected above; a second claim of his does not take it over
    decide(store, "ben", {"kind": "add", "sentence": {"start": merz.start, "end": merz.end},
                          "fields": {"actor": merz.actor_iri, "act": "demand", "claim": "Rente", "stance": "support"}}, 6)
    scholz = m["Olaf Scholz"]  # confirmed, then a second claim of his: both stay effective
    decide(store, "anna", {"kind": "confirm", "position": scholz.iri}, 7)
    decide(store, "anna", {"kind": "add", "sentence": {"start": scholz.start, "end": scholz.end},
                           "fields": {"actor": scholz.actor_iri, "act": "assertion", "claim": "Schulden", "stance": "support"}}, 8)
    assert [s for _, s in python_effective(store)].count("corrected") == 2  # SPD's and Merz's
    assert (scholz.iri, "confirmed") in python_effective(store)
    assert sparql_effective(store) == python_effective(store)
    positions = {p.actor: p for p in __import__("kg.extract", fromlist=["extract"]).extract(ARTICLE)}
    write_article(store, ARTICLE, [dataclasses.replace(positions["SPD"], claim="anders"), positions["Grüne"]])
    assert sparql_effective(store) == python_effective(store)  # re-attached, one gone
    machine_rows = store.query((QUERIES / "10-machine-positions.rq").read_text(encoding="utf-8"))
    assert {str(r["position"]) for r in machine_rows} == {p.iri for a in ("r1", "r2")
                                                          for p in review.article_review(store, a).positions}
    assert {str(r["version"]) for r in machine_rows} == {__import__("kg.provenance").provenance.extractor_version()}
    reviewed = store.query((QUERIES / "11-reviewed-positions.rq").read_text(encoding="utf-8"))
    assert sorted((str(r["reviewer"]), str(r["kind"])) for r in reviewed) == sorted(
        [("anna", "confirm"), ("ben", "correct"), ("ben", "reject"), ("anna", "correct"), ("anna", "add"), ("ben", "add"), ("anna", "confirm"), ("anna", "add")])


# ---- queue -----------------------------------------------------------------------------------

def test_review_queue_counts_and_filters(store):
    m = machine(store)
    decide(store, "anna", {"kind": "confirm", "position": m["SPD"].iri})
    entries = {e.id: e for e in review.queue(store)}
    assert entries["r1"].status == "partly" and entries["r1"].decided == 1 and entries["r1"].reviewers == ["anna"]
    assert entries["r2"].status == "unreviewed" and entries["r2"].positions == 1
    assert [e.id for e in review.queue(store, status="partly")] == ["r1"]
    assert [e.id for e in review.queue(store, date_from="2025-03-05")] == ["r2"]
    assert [e.id for e in review.queue(store, date_to="2025-03-04")] == ["r1"]
    with pytest.raises(review.ReviewError):
        review.queue(store, date_from="März")


# ---- reviewers -------------------------------------------------------------------------------

def test_review_users_store_only_a_salted_hash(tmp_path):
    path = tmp_path / "users.json"
    token = users.add_user(path, "anna")
    other = users.add_user(path, "ben")
    assert token.startswith("anna.") and token != other
    text = path.read_text(encoding="utf-8")
    assert token.split(".", 1)[1] not in text and "anna" in text
    record = json.loads(text)["users"]["anna"]
    assert set(record) == {"salt", "hash", "created"} and record["salt"] != json.loads(text)["users"]["ben"]["salt"]
    assert users.verify(path, token) == "anna" and users.verify(path, other) == "ben"
    assert users.verify(path, "anna." + other.split(".", 1)[1]) is None
    assert users.verify(path, "nobody.x") is None and users.verify(path, "") is None
    assert [u["name"] for u in users.list_users(path)] == ["anna", "ben"]
    with pytest.raises(users.UserError):
        users.add_user(path, "anna")
    with pytest.raises(users.UserError):
        users.add_user(path, "Anna Maria")
    users.remove_user(path, "anna")
    assert users.verify(path, token) is None and [u["name"] for u in users.list_users(path)] == ["ben"]


def test_review_reviewer_positions_are_what_each_coder_coded(store):
    m = machine(store)
    decide(store, "anna", {"kind": "confirm", "position": m["SPD"].iri})
    decide(store, "anna", {"kind": "reject", "position": m["Grüne"].iri}, 1)
    decide(store, "ben", {"kind": "correct", "position": m["SPD"].iri, "fields": {"side": "oppose"}}, 2)
    anna = review.reviewer_positions(store, "r1", "anna")
    ben = review.reviewer_positions(store, "r1", "ben")
    assert [(p.actor_label, p.status, p.side) for p in anna] == [("SPD", "confirmed", "support")]
    assert [(p.actor_label, p.status, p.side) for p in ben] == [("SPD", "corrected", "oppose")]
    gold = ben[0].to_position()
    assert gold.article == "r1" and gold.actor == "SPD" and gold.side == "oppose" and gold.proposition == "mindestlohn"


def test_review_kg_stats_counts_machine_positions_and_decisions_apart(tmp_path):
    import subprocess
    import sys

    with OxigraphStore(tmp_path / "store") as s:
        ingest_articles(s, [ARTICLE], report=lambda line: None)
        m = machine(s)
        decide(s, "anna", {"kind": "correct", "position": m["SPD"].iri, "fields": {"act": "proposal"}})
        decide(s, "ben", {"kind": "reject", "position": m["SPD"].iri}, 1)
    run = subprocess.run([sys.executable, "-m", "kg.cli", "stats", "--json", "--store", str(tmp_path / "store")],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    stats = json.loads(run.stdout)
    assert stats["positions"] == len(m) and stats["decisions"] == 2
    assert stats["reviewers"] == 2 and stats["reviewed_articles"] == 1
    assert stats["extractors"] == [__import__("kg.provenance").provenance.extractor_version()]


# ---- shapes ----------------------------------------------------------------------------------

def test_review_shapes_judge_decisions_and_generated_by(store):
    """A decision whose kind does not fit its positions, a misspelt decision property, and a
    position that names no generating activity are each named by the shapes."""
    from kg.validate import validate_graph

    m = machine(store)
    made = decide(store, "anna", {"kind": "correct", "position": m["SPD"].iri, "fields": {"act": "proposal"}})
    graph = store.graph(review_graph_iri("r1", "anna"))
    article = iris.article_iri("r1")
    graph += store.query(f"CONSTRUCT {{ <{article}> ?p ?o }} WHERE {{ GRAPH <{article}> {{ <{article}> ?p ?o }} }}")
    graph += store.query(f"""CONSTRUCT {{ ?a ?p ?o }} WHERE {{ GRAPH <{iris.ACTORS_GRAPH}> {{ ?a ?p ?o
        FILTER(?a = <{m["SPD"].actor_iri}> && ?p != <https://schema.org/memberOf>) }} }}""")
    assert validate_graph(graph) == []
    node, result = URIRef(made.iri), URIRef(made.result.iri)

    def changed(add=(), remove=()):
        copy = Graph()
        for triple in graph:
            copy.add(triple)
        for triple in remove:
            copy.remove(triple)
        for triple in add:
            copy.add(triple)
        return validate_graph(copy)

    assert any("kindFitsTargets" in line for line in changed(add=[(node, SP.decisionKind, Literal("confirm"))],
                                                             remove=[(node, SP.decisionKind, None)]))
    assert any("DecisionShape" in line for line in changed(add=[(node, SP.claim, Literal("x", lang="de"))]))
    assert any("Position-generatedBy" in line for line in changed(remove=[(result, PROV.wasGeneratedBy, None)]))


def test_review_status_travels_with_the_export(store):
    """`kg export` (store.dump) carries the review graphs: the effective view and every
    position's status come out of the exported file alone, by 12-effective-positions.rq."""
    m = machine(store)
    decide(store, "anna", {"kind": "confirm", "position": m["SPD"].iri})
    decide(store, "ben", {"kind": "correct", "position": m["Grüne"].iri, "fields": {"side": "oppose"}}, 1)
    out = io.BytesIO()
    store.dump(out, "nquads")
    copy = OxigraphStore(in_memory=True)
    copy.native.load(io.BytesIO(out.getvalue()), format=__import__("pyoxigraph").RdfFormat.N_QUADS)
    statuses = sparql_effective(copy)
    assert statuses == python_effective(store)
    assert (m["SPD"].iri, "confirmed") in statuses and (m["Friedrich Merz"].iri, "unreviewed") in statuses
    assert any(status == "corrected" for _, status in statuses)
