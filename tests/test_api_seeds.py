"""The whole API over the seed articles as `kg ingest` stores them: walk every link from
/actors, /topics and /articles and check each JSON-LD answer against the store."""
from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

from api_fixtures import *  # noqa: F401,F403 (fixtures)
from api_fixtures import (SP, assert_dereferences, assert_same, dataset, parse, position_description, store_part,
                          union)
from api_fixtures import walk as walk_iris

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def seed_client(seed_app):
    return seed_app.test_client()


@pytest.fixture(scope="module")
def everything(seed_store):
    return union(dataset(seed_store))


def walk(client, url: str) -> list[dict]:
    """Every member of a collection, following `next` links."""
    members = []
    while url:
        page = client.get(url.replace("http://localhost", "")).get_json(force=True)
        members += page["member"]
        url = page["view"].get("next")
    return members


def test_api_seeds_every_actor_positions_answer_is_the_store(seed_client, everything):
    actors = walk(seed_client, "/actors?limit=7")
    assert len(actors) == len(set(everything.subjects(RDF.type, SP.Actor))) > 5
    putin = [a for a in actors if a["label"] == "Wladimir Putin"]
    assert putin, "the seed article's Putin positions are served"
    for actor in actors:
        members = walk(seed_client, actor["positions"] + "?limit=5")
        expected = {p for p in everything.subjects(SP.holder, URIRef(actor["@id"]))}
        assert {m["@id"] for m in members} == {str(p) for p in expected}
        document = seed_client.get(actor["positions"].replace("http://localhost", "") + "?limit=1000").get_json(force=True)
        assert_same(store_part(parse(document)), position_description(everything, expected))


def test_api_seeds_every_article_is_its_named_graph(seed_client, seed_store):
    ds = dataset(seed_store)
    articles = walk(seed_client, "/articles")
    assert len(articles) == 6
    for article in articles:
        document = seed_client.get(article["href"].replace("http://localhost", "")).get_json(force=True)
        assert_same(store_part(parse(document)), ds.graph(URIRef(article["@id"])))


def test_api_seeds_topics_with_positions_add_up(seed_client, everything):
    positions = set(everything.subjects(RDF.type, SP.Position))
    with_topic = {p for p in positions if everything.value(p, SP.topic) is not None}
    topics = walk(seed_client, "/topics?limit=200")
    seen = set()
    for topic in topics:
        if not topic.get("broader"):  # CAP major topics: their positions include the narrower ones
            seen |= {m["@id"] for m in walk(seed_client, topic["positions"] + "?limit=1000")}
    assert seen == {str(p) for p in with_topic}


def test_api_seeds_every_actor_and_topic_page_renders(seed_client):
    for url in [a["href"] for a in walk(seed_client, "/actors?limit=100")] + \
               [t["href"] for t in walk(seed_client, "/topics?limit=200")]:
        response = seed_client.get(url.replace("http://localhost", ""), headers={"Accept": "text/html"})
        assert response.status_code == 200, (url, response.data[:300])
        page = response.get_data(as_text=True)
        assert 'id="propositions"' in page and ('class="propositions"' in page or "Keine Positionen" in page
                                                or "Noch keine Positionen" in page)


def test_api_seeds_every_minted_iri_dereferences_in_three_formats(seed_client, seed_store, everything):
    """The seeded store: every IRI reachable from /actors (and every named graph) answers at its path."""
    from kg import iris

    reached = walk_iris(seed_client)
    minted_subjects = {str(s) for s in everything.subjects() if str(s).startswith(iris.BASE)}
    positions = {str(p) for p in everything.subjects(RDF.type, SP.Position)}
    assert positions and positions <= reached
    assert len(reached & minted_subjects) > len(positions)
    assert_dereferences(seed_client, reached | set(seed_store.graph_names()))
