"""The effective view everywhere positions are counted or listed (docs/review.md, issue 15).

One article with four sentences: a reviewer confirms the first machine position, corrects
the second, rejects the third and adds one for the fourth. Every page and count then sees
exactly the effective positions (the confirmed machine one, the corrected and the added
review ones): actor and topic position lists, an actor's and a topic's counts, proposition
counts and sides, the overview, the article page, discourse network statements and a dump
loaded elsewhere. The expected positions come from kg.review (resolved in Python), the
counts from the sample store without the article plus what the review makes of it.

Runs on remote stores too (tests/test_remote_api.py).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pyoxigraph as ox
import pytest

from api import list_stats
from api import proposition_queries as pq
from api import queries as q
from api_fixtures import TOKEN, _app, api_store, make_store  # noqa: F401 (api_store: a fixture)
from api_fixtures import fill as fill_sample
from kg import iris, review
from kg.build import actors_graph, article_graph
from kg.commands.stats import EFFECTIVE_QUERY, STATS_QUERY
from kg.ingest import delete_article, write_article
from kg.model import Article, Position
from kg.networks.options import Slice
from kg.networks.query import statement_counts
from kg.review.status import refresh, refresh_all, status_graph_iri
from kg.store import OxigraphStore

TEXT = ("Friedrich Merz fordert eine Senkung der Stromsteuer. Olaf Scholz lehnt neue Schulden ab. "
        "Die SPD verlangt mehr Lehrer an Schulen. Christian Lindner will die Schuldenbremse halten.")
ARTICLE = Article("rv1", "2024-02-03", TEXT, title="Vier Stimmen")
# (sentence, actor, type, stance, act, topic, proposition key, label, side): the machine's
MACHINE = [
    (0, "Friedrich Merz", "person", "support", "demand", "haushalt", "free-stromsteuer", "Senkung der Stromsteuer", "support"),
    (1, "Olaf Scholz", "person", "oppose", "rejection", "haushalt", "schuldenbremse", "Schuldenbremse", "support"),
    (2, "SPD", "organization", "support", "demand", "migration", "free-lehrer", "mehr Lehrer an Schulen", "support"),
]
T0 = dt.datetime(2026, 2, 1, 9, 0, tzinfo=dt.timezone.utc)
LINDNER, SCHOLZ, SPD, MERZ = (iris.actor_iri(n) for n in ("Christian Lindner", "Olaf Scholz", "SPD", "Friedrich Merz"))


def sentences() -> list[tuple[int, int]]:
    spans, start = [], 0
    for part in TEXT.split(". "):
        end = start + len(part) + (0 if part.endswith(".") else 1)
        spans.append((start, end))
        start = end + 1
    return spans


def machine_positions() -> list[Position]:
    spans, out = sentences(), []
    for i, actor, kind, stance, act, topic, key, label, side in MACHINE:
        start, end = spans[i]
        out.append(Position(
            article=ARTICLE.id, sentence=TEXT[start:end], start=start, end=end, actor=actor, actor_type=kind,
            actor_iri=iris.actor_iri(actor), stance=stance, act=act, claim=label, topic=iris.topic_iri(topic),
            topic_label=None, cap_major=None, date=ARTICLE.date, article_date=ARTICLE.date, confidence=0.7,
            proposition=key, proposition_label=label, issue=iris.issue_iri(key) if key == "schuldenbremse" else None,
            side=side, direction="for"))
    return out


def write(store) -> None:
    positions = machine_positions()
    store.replace_graphs({iris.article_iri(ARTICLE.id): article_graph(ARTICLE, positions)},
                         merge={iris.ACTORS_GRAPH: actors_graph(positions)})


def review_it(store) -> dict:
    """confirm Merz, correct Scholz's side, reject the SPD, add Lindner; the decisions by kind."""
    machine = {p.actor_label: p for p in review.article_review(store, ARTICLE.id).positions}
    start, end = sentences()[3]
    bodies = [{"kind": "confirm", "position": machine["Friedrich Merz"].iri},
              {"kind": "correct", "position": machine["Olaf Scholz"].iri, "fields": {"side": "oppose"}},
              {"kind": "reject", "position": machine["SPD"].iri},
              {"kind": "add", "sentence": {"start": start, "end": end},
               "fields": {"actor": LINDNER, "stance": "support", "act": "commitment",
                          "claim": "die Schuldenbremse halten", "topic": "haushalt", "issue": "schuldenbremse"}}]
    return {b["kind"]: review.decide(store, ARTICLE.id, "anna", b, now=T0 + dt.timedelta(minutes=i))
            for i, b in enumerate(bodies)}


@pytest.fixture()
def stores(tmp_path, api_store):
    """(the sample store with the reviewed article, the sample store alone) and the decisions."""
    reviewed = make_store(tmp_path / "reviewed")
    fill_sample(reviewed)
    write(reviewed)
    decisions = review_it(reviewed)
    yield reviewed, api_store, decisions
    reviewed.close()


def effective(store) -> list[review.ReviewedPosition]:
    return review.article_review(store, ARTICLE.id).effective


def page(client, path: str) -> dict:
    answer = client.get(path, headers={"Accept": "application/ld+json"})
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return answer.get_json()


def test_review_effective_positions_are_the_confirmed_corrected_and_added(stores):
    reviewed, _, decisions = stores
    found = {(p.actor_iri, p.origin, p.status) for p in effective(reviewed)}
    assert found == {(MERZ, "machine", "confirmed"), (SCHOLZ, "review", "corrected"), (LINDNER, "review", "added")}
    assert decisions["correct"].result.side == "oppose"


def test_api_effective_position_lists_and_article_page(stores):
    reviewed, plain, decisions = stores
    app, base = _app(reviewed), _app(plain)
    try:
        client, before = app.test_client(), base.test_client()
        iris_of = {p.actor_iri: p.iri for p in effective(reviewed)}
        for actor, added in ((SCHOLZ, 1), (SPD, 0), (LINDNER, 1), (MERZ, 1)):
            path = f"/actors/{actor.rsplit('/', 1)[-1]}/positions"
            got, had = page(client, path), page(before, path)
            assert got["totalItems"] == had["totalItems"] + added, (actor, got["totalItems"])
            ids = {m["@id"] for m in got["member"]}
            assert len(ids) == len(got["member"]) == got["totalItems"]
            if added:
                assert iris_of[actor] in ids
        machine = {p.iri for p in review.article_review(reviewed, ARTICLE.id).positions}
        scholz = {m["@id"] for m in page(client, "/actors/olaf-scholz/positions")["member"]}
        assert not scholz & machine, "the corrected machine position is listed besides its correction"
        for topic, added in (("haushalt", 3), ("migration", 0)):  # Merz, Scholz corrected, Lindner; SPD rejected
            path = f"/topics/{topic}/positions"
            assert page(client, path)["totalItems"] == page(before, path)["totalItems"] + added, topic
        article = page(client, f"/articles/{ARTICLE.id}")["@graph"]
        listed = [n["@id"] for n in article[1:]]
        assert sorted(listed) == sorted(p.iri for p in effective(reviewed))
        corrected = next(n for n in article if n["@id"] == decisions["correct"].result.iri)
        assert corrected["side"].endswith("Oppose") and corrected["evidence"]
    finally:
        for a in (app, base):
            a.extensions["standpunkt"].close()


def test_api_effective_counts(stores):
    reviewed, plain, decisions = stores
    by_holder = lambda s: {str(r["item"]): int(r["n"].toPython()) for r in q.position_counts(s, "holder")}  # noqa: E731
    before, after = by_holder(plain), by_holder(reviewed)
    assert after[SCHOLZ] == before[SCHOLZ] + 1 and after[LINDNER] == before[LINDNER] + 1
    assert after[MERZ] == before[MERZ] + 1 and after.get(SPD) == before[SPD]
    assert q.overview(reviewed)["positions"] == q.overview(plain)["positions"] + 3
    stats = list_stats._stats(reviewed, "actor", [SCHOLZ, SPD, LINDNER])
    old = list_stats._stats(plain, "actor", [SCHOLZ, SPD, LINDNER])
    assert [stats[a]["positions"] - old[a]["positions"] for a in (SCHOLZ, SPD, LINDNER)] == [1, 0, 1]
    topic = iris.topic_iri("makrooekonomie")  # counts the narrower haushalt: Merz, Scholz corrected, Lindner
    assert list_stats._stats(reviewed, "topic", [topic])[topic]["positions"] == \
        list_stats._stats(plain, "topic", [topic])[topic]["positions"] + 3
    article = iris.article_iri(ARTICLE.id)
    assert list_stats._stats(reviewed, "article", [article])[article]["positions"] == 3
    # propositions: the corrected side, the added position, nothing of the rejected one
    brake = iris.proposition_iri("schuldenbremse")
    assert pq.side_counts(reviewed, [brake])[brake] == tuple(
        a + b for a, b in zip(pq.side_counts(plain, [brake])[brake], (1, 1)))  # Lindner for, Scholz (corrected) against
    sides = {(r["item"], r["side"]): r["n"] for r in pq.sides_by_actor(reviewed, [brake])}
    assert sides[SCHOLZ, "oppose"] == 1 and (SCHOLZ, "support") not in sides and sides[LINDNER, "support"] == 2
    assert {(r["proposition"], r["side"]) for r in pq.actor_propositions(reviewed, SCHOLZ)} >= {(brake, "oppose")}
    assert (brake, "support") not in {(r["proposition"], r["side"]) for r in pq.actor_propositions(reviewed, SCHOLZ)}
    lehrer = iris.proposition_iri("free-lehrer")
    assert lehrer not in {str(p) for p in pq.proposition_page(reviewed, 50, 0)[0]}
    assert pq.proposition_page(reviewed, 50, 0)[1] == pq.proposition_page(plain, 50, 0)[1] + 1  # Stromsteuer


def test_api_article_list_topic_filter_takes_the_effective_positions(stores):
    """The article's one migration position was rejected: ?topic=migration no longer lists it,
    ?topic=haushalt (its confirmed, corrected and added positions) still does."""
    reviewed, _, _ = stores
    app = _app(reviewed)
    try:
        client, article = app.test_client(), iris.article_iri(ARTICLE.id)
        listed = lambda topic: {m["@id"] for m in page(client, f"/articles?topic={topic}&limit=100")["member"]}  # noqa: E731
        assert article in listed("haushalt")
        assert article not in listed("migration")
    finally:
        app.extensions["standpunkt"].close()


def test_stats_count_the_machine_and_the_effective_positions(stores):
    reviewed, plain, _ = stores
    count = lambda s, q, key: int(s.query(q)[0][key].toPython())  # noqa: E731
    machine, eff = count(reviewed, STATS_QUERY, "positions"), count(reviewed, EFFECTIVE_QUERY, "effective_positions")
    assert eff == count(plain, EFFECTIVE_QUERY, "effective_positions") + 3  # Merz, Scholz corrected, Lindner
    merz = next(p for p in review.article_review(reviewed, ARTICLE.id).positions if p.actor_iri == MERZ)
    review.decide(reviewed, ARTICLE.id, "ben", {"kind": "reject", "position": merz.iri}, now=T0 + dt.timedelta(hours=1))
    assert count(reviewed, EFFECTIVE_QUERY, "effective_positions") == eff - 1
    assert count(reviewed, STATS_QUERY, "positions") == machine


def test_network_statements_count_the_effective_positions(stores):
    reviewed, plain, _ = stores
    counts = lambda s: {(c.actor, c.proposition, c.support): c.n for c in statement_counts(s, Slice())}  # noqa: E731
    before, after = counts(plain), counts(reviewed)
    brake = iris.proposition_iri("schuldenbremse")
    added = {k: v - before.get(k, 0) for k, v in after.items() if v != before.get(k, 0)}
    assert added == {(MERZ, iris.proposition_iri("free-stromsteuer"), True): 1, (SCHOLZ, brake, False): 1,
                     (LINDNER, brake, True): 1}
    assert not any(k[0] == SPD and k[1].endswith("free-lehrer") for k in after)


def test_review_status_follows_undo_and_a_dump_carries_it(stores):
    reviewed, plain, decisions = stores
    spd = lambda s: page_total(s, SPD)  # noqa: E731
    assert spd(reviewed) == spd(plain)
    review.undo(reviewed, ARTICLE.id, "anna", decisions["reject"].id)
    assert spd(reviewed) == spd(plain) + 1, "an undone rejection counts the machine position again"
    out = io.BytesIO()
    reviewed.dump(out, "nquads")
    copy = OxigraphStore(in_memory=True)
    copy.native.load(out.getvalue(), ox.RdfFormat.N_QUADS)
    try:
        status = {p.iri: p.status for p in review.article_review(copy, ARTICLE.id).positions}
        assert sorted(status.values()) == ["confirmed", "corrected", "unreviewed"]
        assert q.overview(copy)["positions"] == q.overview(reviewed)["positions"]
        assert status_graph_iri(ARTICLE.id) in copy.graph_names()
    finally:
        copy.close()


def page_total(store, actor: str) -> int:
    return q.position_page(store, {"holder": actor}, 1, 0)[1]


def test_review_status_graph_is_written_again_on_demand(stores):
    reviewed, plain, _ = stores
    reviewed.drop_graph(status_graph_iri(ARTICLE.id))  # a store from before status graphs
    assert page_total(reviewed, SCHOLZ) == page_total(plain, SCHOLZ) + 2
    assert refresh_all(reviewed) == 1
    assert page_total(reviewed, SCHOLZ) == page_total(plain, SCHOLZ) + 1
    assert refresh(reviewed, []) == 0


def test_review_two_reviewers_the_latest_decision_wins(stores):
    reviewed, plain, decisions = stores
    scholz = decisions["correct"].position
    review.decide(reviewed, ARTICLE.id, "ben", {"kind": "confirm", "position": scholz}, now=T0 + dt.timedelta(hours=1))
    listed = q.position_page(reviewed, {"holder": SCHOLZ}, 50, 0)[0]
    assert page_total(reviewed, SCHOLZ) == page_total(plain, SCHOLZ) + 1
    assert scholz in {str(p) for p in listed} and decisions["correct"].result.iri not in {str(p) for p in listed}
    agreement = {d.reviewer: d.kind for d in review.article_review(reviewed, ARTICLE.id).decisions
                 if d.position == scholz}
    assert agreement == {"anna": "correct", "ben": "confirm"}, "both decisions stay, for kg agreement"


def graphs_of(store, article_id: str) -> set[str]:
    prefixes = (f"{iris.BASE}graph/review/{article_id}/", status_graph_iri(article_id))
    return {g for g in store.graph_names() if g.startswith(prefixes)}


def test_delete_article_takes_its_review_along_unless_kept(stores):
    reviewed, plain, _ = stores
    assert graphs_of(reviewed, ARTICLE.id) == {f"{iris.BASE}graph/review/{ARTICLE.id}/anna", status_graph_iri(ARTICLE.id)}
    assert delete_article(reviewed, ARTICLE.id, keep_review=True) == 1
    assert review.reviewers(reviewed, ARTICLE.id) == ["anna"], "kept: the decisions wait for the article"
    assert page_total(reviewed, LINDNER) == page_total(plain, LINDNER), "a deleted article's review counts for nothing"
    assert page_total(reviewed, SCHOLZ) == page_total(plain, SCHOLZ)
    write_article(reviewed, ARTICLE, machine_positions())  # ingested again
    assert page_total(reviewed, LINDNER) == page_total(plain, LINDNER) + 1
    assert delete_article(reviewed, ARTICLE.id) == 1
    assert graphs_of(reviewed, ARTICLE.id) == set() and review.reviewers(reviewed, ARTICLE.id) == []
    assert page_total(reviewed, LINDNER) == page_total(plain, LINDNER)
    assert delete_article(reviewed, ARTICLE.id) is None


def test_api_delete_article_with_and_without_review(stores):
    reviewed, _, _ = stores
    app = _app(reviewed)
    try:
        client, auth = app.test_client(), {"Authorization": f"Bearer {TOKEN}"}
        assert client.delete(f"/articles/{ARTICLE.id}?keep_review=maybe", headers=auth).status_code == 400
        assert iris.article_iri(ARTICLE.id) in reviewed.graph_names()
        assert client.delete(f"/articles/{ARTICLE.id}?keep_review=true", headers=auth).status_code == 204
        assert review.reviewers(reviewed, ARTICLE.id) == ["anna"]
        write_article(reviewed, ARTICLE, machine_positions())
        assert client.delete(f"/articles/{ARTICLE.id}", headers=auth).status_code == 204
        assert graphs_of(reviewed, ARTICLE.id) == set()
    finally:
        app.extensions["standpunkt"].close()


class Counting:
    """A store that counts the queries sent through it."""

    def __init__(self, store):
        self.store, self.queries = store, 0

    def query(self, *args, **kw):
        self.queries += 1
        return self.store.query(*args, **kw)

    def __getattr__(self, name):
        return getattr(self.store, name)


@pytest.mark.embedded_only  # counts queries, the same on any store; 300 articles take minutes on a remote one
def test_review_queue_takes_a_fixed_number_of_queries(tmp_path):
    """Hundreds of articles, more and more of them reviewed: the queue costs the same queries."""
    store = make_store(tmp_path)
    try:
        fill_sample(store)
        articles = [Article(f"q{i:03d}", f"2024-03-{1 + i % 28:02d}", TEXT) for i in range(300)]
        graphs = {}
        for a in articles:
            positions = [dataclasses.replace(p, article=a.id) for p in machine_positions()]
            graphs[iris.article_iri(a.id)] = article_graph(a, positions)
        store.replace_graphs(graphs, merge={iris.ACTORS_GRAPH: actors_graph(machine_positions())})
        counts, done = [], 0
        for upto in (0, 3, 12):
            for a in articles[done:upto]:
                target = review.article_review(store, a.id).positions[0]
                review.decide(store, a.id, "anna", {"kind": "reject", "position": target.iri}, now=T0)
            counting = Counting(store)
            entries = review.queue(counting)
            counts.append(counting.queries)
            done = upto
            assert len(entries) == 303 and sum(e.status == "partly" for e in entries) == upto
        assert counts[1] == counts[2] <= 3, counts
        partly = [e for e in review.queue(store, status="partly") if e.id == "q000"]
        assert partly[0].decided == 1 and partly[0].reviewers == ["anna"] and partly[0].conflicts == 0
    finally:
        store.close()


def test_reingest_keeps_the_effective_view(stores):
    """A changed extractor: Scholz's and the SPD's machine positions come back with other claims
    (new IRIs); the correction and the rejection re-attach, and the counts stay effective."""
    reviewed, plain, _ = stores
    changed = [dataclasses.replace(p, claim=p.claim + " (neu)") if p.actor in ("Olaf Scholz", "SPD") else p
               for p in machine_positions()]
    write_article(reviewed, ARTICLE, changed)  # what kg ingest writes
    statuses = {p.actor_iri: p.status for p in review.article_review(reviewed, ARTICLE.id).positions}
    assert statuses == {MERZ: "confirmed", SCHOLZ: "corrected", SPD: "rejected"}
    assert page_total(reviewed, SCHOLZ) == page_total(plain, SCHOLZ) + 1
    assert page_total(reviewed, SPD) == page_total(plain, SPD)
    assert q.overview(reviewed)["positions"] == q.overview(plain)["positions"] + 3
