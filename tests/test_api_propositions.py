"""/propositions, /propositions/{id}, the proposition= filter, and the pages that show sides.

The sample store (api_fixtures) has Merz and Lindner both for the Schuldenbremse (Merz by
rejecting its suspension), Merz against an Obergrenze, and two free propositions.
"""
import re

import pytest
import rdflib
from rdflib import URIRef

from api_fixtures import *  # noqa: F401,F403 (fixtures)
from api_fixtures import PROPOSITIONS, SP, assert_same, dataset, parse, store_part, subject_triples, union
from kg import iris

SCHULDENBREMSE = iris.proposition_iri("schuldenbremse")


@pytest.fixture(scope="module")
def everything(api_store):
    return union(dataset(api_store))


def test_api_propositions_list_counts_sides_per_proposition(client):
    data = client.get("/propositions").get_json(force=True)
    assert data["@type"] == "Collection" and data["totalItems"] == len(set(v[0] for v in PROPOSITIONS.values()))
    first = data["member"][0]
    assert first["@id"] == SCHULDENBREMSE and first["href"] == "http://localhost/propositions/schuldenbremse"
    assert (first["supportCount"], first["opposeCount"]) == (2, 0)
    assert first["positions"] == "http://localhost/propositions/schuldenbremse/positions"
    by_id = {m["@id"]: m for m in data["member"]}
    assert (by_id[iris.proposition_iri("obergrenze")]["supportCount"],
            by_id[iris.proposition_iri("obergrenze")]["opposeCount"]) == (0, 1)


def test_api_propositions_list_under_a_topic(client):
    data = client.get("/propositions?topic=einwanderung").get_json(force=True)
    assert {m["@id"] for m in data["member"]} == {iris.proposition_iri("obergrenze"),
                                                  iris.proposition_iri("free-geld-kommunen")}


def test_api_propositions_one_says_who_is_for_and_who_against(client, everything):
    data = client.get("/propositions/schuldenbremse").get_json(force=True)
    assert data["@id"] == SCHULDENBREMSE and data["issue"]["@id"] == iris.issue_iri("schuldenbremse")
    assert "Schuldenbremse" in str(data["issue"]["prefLabel"])
    supporters = {e["actor"]["label"]: e for e in data["supporters"]}
    assert set(supporters) == {"Friedrich Merz", "Christian Lindner"} and data["opponents"] == []
    assert supporters["Friedrich Merz"]["positionCount"] == 1
    assert supporters["Friedrich Merz"]["firstDate"] == supporters["Friedrich Merz"]["lastDate"] == "2023-12-12"
    assert "firstDate" not in supporters["Christian Lindner"]  # undated
    assert supporters["Friedrich Merz"]["actor"]["href"] == "http://localhost/actors/friedrich-merz"
    # the store's triples about the proposition are all there, and nothing else claims to be
    store = subject_triples(everything, [URIRef(SCHULDENBREMSE)])
    answer = store_part(parse(data))
    assert all(t in answer for t in store)
    assert not any(p == SP.side for _, p, _ in answer)


def test_api_propositions_positions_over_time_and_filters(client):
    data = client.get("/propositions/schuldenbremse/positions").get_json(force=True)
    assert data["totalItems"] == 2
    assert [m["holder"]["label"] for m in data["member"]] == ["Friedrich Merz", "Christian Lindner"]  # dated first
    merz = client.get("/actors/friedrich-merz/positions?proposition=schuldenbremse").get_json(force=True)
    assert merz["totalItems"] == 1 and merz["member"][0]["side"] == "Support" and merz["member"][0]["stance"] == "Oppose"
    against = client.get("/actors/friedrich-merz/positions?side=oppose").get_json(force=True)
    assert [m["proposition"]["@id"] for m in against["member"]] == [iris.proposition_iri("obergrenze")]
    by_iri = client.get(f"/topics/makrooekonomie/positions?proposition={SCHULDENBREMSE}").get_json(force=True)
    assert by_iri["totalItems"] == 2


@pytest.mark.parametrize("url, status", [("/propositions/nichts-davon", 404), ("/propositions/schuldenbremse/positions?side=neutral", 400),
                                         ("/actors/friedrich-merz/positions?proposition=https://example.org/x", 400),
                                         ("/propositions?limit=0", 400)])
def test_api_propositions_bad_requests_are_4xx_in_one_shape(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    body = response.get_json(force=True)
    assert body["ok"] is False and body["status"] == status


def test_api_propositions_turtle_says_what_json_ld_says(client):
    as_json = parse(client.get("/propositions/schuldenbremse").get_json(force=True))
    turtle = client.get("/propositions/schuldenbremse?format=turtle")
    assert turtle.mimetype == "text/turtle"
    assert_same(rdflib.Graph().parse(data=turtle.data, format="turtle"), as_json)


def _html(client, url) -> str:
    response = client.get(url, headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.mimetype == "text/html"
    return response.get_data(as_text=True)


def test_api_propositions_page_lists_sides_and_positions(client):
    page = _html(client, "/propositions/schuldenbremse")
    supporters = page.split('id="supporters"')[1].split('id="opponents"')[0]
    assert "Friedrich Merz" in supporters and "Christian Lindner" in supporters
    assert "niemand" in page.split('id="opponents"')[1].split("</div>")[0]
    assert "Aussetzung der Schuldenbremse" in page  # Merz's claim, in the timeline
    listing = _html(client, "/propositions")
    assert re.search(r'Schuldenbremse</a></td><td class="support">2</td><td class="oppose">0</td>', listing)


def test_api_propositions_topic_page_shows_its_propositions_with_both_sides(client):
    page = _html(client, "/topics/einwanderung")
    section = page.split('id="propositions"')[1]
    row = next(r for r in section.split("<tr>") if "Obergrenze für Flüchtlinge" in r)
    assert 'class="oppose"><a href="http://localhost/actors/friedrich-merz">Friedrich Merz</a>' in row
    assert "who-stands-where" not in page


def test_api_propositions_actor_page_lists_propositions_with_side_and_date(client):
    page = _html(client, "/actors/friedrich-merz")
    section = page.split('id="propositions"')[1].split("</section>")[0]
    rows = [r for r in section.split("<tr") if "/propositions/" in r]
    assert len(rows) == 2
    assert "Schuldenbremse" in rows[1] and "dafür" in rows[1] and "2023-12-12" in rows[1]
    assert "Obergrenze" in rows[0] and "dagegen" in rows[0] and "2024-01" in rows[0]
    assert "stance-by-topic" not in page


def test_api_propositions_no_page_adds_up_stances_of_different_claims(client):
    overview = _html(client, "/")
    assert "top-topics" not in overview
    bars = overview.split('id="top-propositions"')[1].split("</section>")[0]
    assert "Schuldenbremse" in bars and 'data-count="2"' in bars
    actors = overview.split('id="top-actors"')[1].split("</section>")[0]
    assert "Friedrich Merz" in actors and "2 Positionen" in actors and "rect" not in actors
