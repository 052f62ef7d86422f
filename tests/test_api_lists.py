"""/actors, /topics, /articles: counts per entry, server-side sort and filter, for the page and the API
(the page's form in Chromium: test_web_lists.py).

The sample store (api_fixtures): Merz 2 positions in a1 (2023-12-12) and a2 (2024-01); Scholz
one in a1; the SPD one in a2; Lindner one in a3 (undated). Topics: Haushalt (a1 twice, a3)
under Makroökonomie, Migration (a2 twice) under Einwanderung.
"""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from api_fixtures import *  # noqa: F401,F403 (fixtures)

JSONLD = {"Accept": "application/ld+json"}


def ids(client, url) -> list[str]:
    data = client.get(url, headers=JSONLD).get_json(force=True)
    return [m["@id"].rsplit("/", 1)[-1] for m in data["member"]]


def test_api_lists_sort_by_name_count_and_date_both_ways(client):
    assert ids(client, "/actors") == ["christian-lindner", "friedrich-merz", "olaf-scholz", "spd"]
    assert ids(client, "/actors?order=desc") == ["spd", "olaf-scholz", "friedrich-merz", "christian-lindner"]
    assert ids(client, "/actors?sort=positions")[0] == "friedrich-merz"
    assert ids(client, "/actors?sort=positions&order=asc")[-1] == "friedrich-merz"
    assert ids(client, "/actors?sort=date") == ["friedrich-merz", "spd", "olaf-scholz", "christian-lindner"]  # newest last date first, undated last
    assert ids(client, "/actors?sort=date&order=asc") == ["friedrich-merz", "olaf-scholz", "spd", "christian-lindner"]
    assert ids(client, "/topics?sort=positions")[:2] == ["haushalt", "makrooekonomie"]  # 3 each (a major counts its subtopics), then by name
    assert ids(client, "/topics") == ["makrooekonomie", "haushalt", "einwanderung", "migration"]  # CAP order, subtopics under their major
    assert ids(client, "/articles") == ["a2", "a1", "a3"]
    assert ids(client, "/articles?sort=date&order=asc") == ["a1", "a2", "a3"]  # undated last either way
    assert ids(client, "/articles?sort=positions&order=asc")[0] == "a3"
    assert ids(client, "/articles?sort=name") == ["a3", "a1", "a2"]  # a3 has no headline: its identifier


def test_api_lists_filter_by_text_kind_period_and_topic(client):
    assert ids(client, "/actors?q=MERZ") == ["friedrich-merz"]  # case does not matter
    assert ids(client, "/actors?q=Scholz") == ["olaf-scholz"]  # a part of the name
    assert ids(client, "/actors?kind=person") == ["christian-lindner", "friedrich-merz", "olaf-scholz"]
    assert ids(client, "/actors?kind=organisation") == ["spd"]
    assert ids(client, "/actors?kind=government") == []
    assert ids(client, "/topics?q=migr") == ["migration"]
    assert ids(client, "/articles?q=schuldenbremse") == ["a1", "a3"]  # in the text
    assert ids(client, "/articles?from=2024-01-01") == ["a2"] and ids(client, "/articles?to=2023-12") == ["a1"]
    assert ids(client, "/articles?topic=einwanderung") == ["a2"]  # a topic with its subtopics
    assert ids(client, '/articles?q=a"b\\c') == []  # quotes and backslashes are text, not SPARQL
    data = client.get("/actors?kind=person&limit=2", headers=JSONLD).get_json(force=True)
    assert data["totalItems"] == 3


def test_api_lists_carry_counts_in_the_api(client):
    actors = {m["@id"].rsplit("/", 1)[-1]: m for m in client.get("/actors", headers=JSONLD).get_json(force=True)["member"]}
    merz = actors["friedrich-merz"]
    assert (merz["positionCount"], merz["articleCount"], merz["firstDate"], merz["lastDate"]) == (2, 2, "2023-12-12", "2024-01")
    assert "firstDate" not in actors["christian-lindner"]  # undated only
    articles = {m["@id"].rsplit("/", 1)[-1]: m for m in client.get("/articles", headers=JSONLD).get_json(force=True)["member"]}
    assert (articles["a1"]["positionCount"], articles["a1"]["actorCount"]) == (2, 2)


def test_api_lists_paging_keeps_sort_and_filter(client):
    seen, url = [], "/actors?sort=positions&kind=person&limit=1"
    while url:
        data = client.get(url, headers=JSONLD).get_json(force=True)
        seen += [m["@id"].rsplit("/", 1)[-1] for m in data["member"]]
        url = data["view"].get("next")
        if url:
            args = parse_qs(urlsplit(url).query)
            assert args["sort"] == ["positions"] and args["kind"] == ["person"]
            url = url.replace("http://localhost", "")
    assert seen == ids(client, "/actors?sort=positions&kind=person") and len(seen) == 3


@pytest.mark.parametrize("url, words", [
    ("/actors?sort=size", "sort must be one of name, positions, articles, date"),
    ("/actors?order=up", "order must be one of asc, desc"),
    ("/actors?kind=alien", "kind must be one of"),
    ("/topics?from=2024-01", "/topics has no filter from"),
    ("/articles?from=2024-13", "from is not a real date"),
    ("/articles?q=" + "x" * 201, "q must be at most 200 characters"),
    ("/actors?q=a%0Ab", "without control characters"),
])
def test_api_lists_refuse_bad_parameters_with_one_message(client, url, words):
    response = client.get(url, headers=JSONLD)
    assert response.status_code == 400 and words in response.get_json(force=True)["error"]


def test_api_lists_show_counts_on_the_articles_page(client):
    html = client.get("/articles", headers={"Accept": "text/html"}).get_data(as_text=True)
    a3 = html[html.index(">a3<"):]
    assert "1 Position · 1 Akteur" in a3[:a3.index("</li>")]
    assert "2 Positionen · 2 Akteure" in html


def test_api_lists_counts_follow_a_write(writable_app):
    """The counts are kept between requests (api.list_stats) and dropped by every write."""
    from api_fixtures import TOKEN

    client = writable_app.test_client()
    counts = lambda: {m["@id"].rsplit("/", 1)[-1]: m["positionCount"]  # noqa: E731
                      for m in client.get("/topics", headers=JSONLD).get_json(force=True)["member"]}
    assert counts()["einwanderung"] == 2 and counts()["migration"] == 2  # asked twice: the second from the cache
    deleted = client.delete("/articles/a2", headers={"Authorization": f"Bearer {TOKEN}"})
    assert deleted.status_code == 204
    assert counts()["einwanderung"] == 0 and counts()["makrooekonomie"] == 3
