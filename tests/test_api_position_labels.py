"""api.position_cache: holder labels are kept across a write to articles, except those of the
actors the articles name (the only label triples such a write brings or takes)."""
import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from api_fixtures import *  # noqa: F401,F403 (fixtures)
from api_fixtures import TOKEN
from kg import iris

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _labels_asked(asked: list[str]) -> list[str]:
    """The label queries among the queries asked (api.queries._labels), each as its text."""
    return [text for text in asked if "skos:prefLabel ?o" in text]


def _holder_labels(page: dict) -> set:
    return {str(m["holder"]["label"]) for m in page["member"]}


@pytest.mark.embedded_only  # labels are kept only where the result cache is on
def test_api_labels_a_write_drops_only_the_labels_of_the_actors_it_names(writable_app, monkeypatch):
    from api import queries as q

    client, svc = writable_app.test_client(), writable_app.extensions["standpunkt"]
    page = lambda actor: client.get(f"/actors/{actor}/positions").get_json(force=True)  # noqa: E731
    before = {actor: page(actor) for actor in ("spd", "olaf-scholz")}
    asked, real_rows = [], q.select_rows
    monkeypatch.setattr(q, "select_rows", lambda store, text: asked.append(text) or real_rows(store, text))

    body = " date 2025-06-03 Die SPD fordert einen höheren Mindestlohn.".encode()
    response = client.post("/articles", data=body, query_string={"id": "tmp1"},
                           headers={"Content-Type": "text/plain", **AUTH})
    assert response.status_code == 201
    asked.clear()
    assert page("olaf-scholz") == before["olaf-scholz"]  # not named by the article: kept
    assert not _labels_asked(asked)
    spd = page("spd")  # (its label asked again already by the upload's own answer)
    assert spd["totalItems"] == 2 and _holder_labels(spd) == {"SPD"}

    # what an upload naming the SPD under another spelling merges into the actors graph
    renamed = rdflib.Graph()
    renamed.add((URIRef(iris.actor_iri("spd")), RDFS.label, Literal("Sozialdemokraten")))
    with svc.writing([iris.article_iri("tmp1")]):
        svc.store.replace_graphs({}, merge={iris.ACTORS_GRAPH: renamed})
    asked.clear()
    assert page("olaf-scholz") == before["olaf-scholz"] and not _labels_asked(asked)
    assert "Sozialdemokraten" in str(page("spd")["member"][0]["holder"]["label"])  # seen at once
    assert [iris.actor_iri("spd") in text for text in _labels_asked(asked)] == [True]


@pytest.mark.embedded_only
def test_api_labels_all_dropped_by_an_update_and_by_a_first_upload(writable_app, monkeypatch):
    """A SPARQL Update may change any label; an upload into a store without the reference
    graphs writes them (topic labels and all)."""
    from api import queries as q
    from api.position_cache import Touched

    client, svc = writable_app.test_client(), writable_app.extensions["standpunkt"]
    page = lambda: client.get("/actors/olaf-scholz/positions").get_json(force=True)  # noqa: E731
    first = page()
    asked, real_rows = [], q.select_rows
    monkeypatch.setattr(q, "select_rows", lambda store, text: asked.append(text) or real_rows(store, text))
    update = "INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> <urn:x:c> } }"
    assert client.post("/sparql/update", data={"update": update}, headers=AUTH).status_code == 204
    assert page() == first and len(_labels_asked(asked)) == 1
    asked.clear()
    svc.written(Touched(set(), set(), set(), reference=False))
    assert page() == first and len(_labels_asked(asked)) == 1
