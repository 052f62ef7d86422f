"""The JSON-LD REST API: every answer parses to exactly the store's triples for the resource
(plus navigation links), filters, paging, formats, POST /articles, /export, errors."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyld import jsonld
from rdflib import URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS

from api_fixtures import *  # noqa: F401,F403 (fixtures)
from api_fixtures import (ARTICLES, POSITIONS, SP, TOKEN, _app, assert_same, dataset, make_store, parse, pyld_loader,
                          position_description, store_part, subject_triples, union)
from kg import iris, ontology
from kg.model import Position

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

AUTH = {"Authorization": f"Bearer {TOKEN}"}
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def reference(api_store):
    ds = dataset(api_store)
    return ds, union(ds)


def positions_of(all_triples, **where):
    found = set(all_triples.subjects(RDF.type, SP.Position))
    for prop, value in where.items():
        found &= set(all_triples.subjects(SP[prop], URIRef(value)))
    return found


# ---- JSON-LD round trips ---------------------------------------------------------------------

def test_api_resources_actor_is_exactly_the_store_triples(client, reference):
    ds, _ = reference
    actor = URIRef(iris.actor_iri("Friedrich Merz"))
    data = client.get("/actors/friedrich-merz").get_json(force=True)
    assert data["@id"] == str(actor) and data["label"] == "Friedrich Merz"
    assert data["positions"] == "http://localhost/actors/friedrich-merz/positions"
    expected = subject_triples(ds.graph(URIRef(iris.ACTORS_GRAPH)), [actor])
    assert_same(store_part(parse(data)), expected)


def test_api_resources_actor_positions_round_trip_with_rdflib_and_pyld(client, reference):
    _, everything = reference
    actor = iris.actor_iri("Friedrich Merz")
    data = client.get("/actors/friedrich-merz/positions").get_json(force=True)
    positions = positions_of(everything, holder=actor)
    assert data["totalItems"] == len(positions) == 2
    expected = position_description(everything, positions)
    assert_same(store_part(parse(data)), expected)
    nquads = jsonld.to_rdf(data, {"format": "application/n-quads", "documentLoader": pyld_loader(client)})
    assert_same(store_part(rdflib.Graph().parse(data=nquads, format="nt")), expected)


@pytest.mark.parametrize("path, kind", [("/actors", "actor"), ("/topics", "topic"), ("/articles", "article")])
def test_api_resources_lists_are_exactly_the_store_triples(client, reference, path, kind):
    ds, everything = reference
    data = client.get(path).get_json(force=True)
    members = [URIRef(m["@id"]) for m in data["member"]]
    if kind == "actor":
        expected = subject_triples(ds.graph(URIRef(iris.ACTORS_GRAPH)), members)
    elif kind == "topic":
        expected = subject_triples(ds.graph(URIRef(iris.TOPICS_GRAPH)), members,
                                   {RDF.type, SKOS.prefLabel, SP.capCode, SKOS.broader})
    else:
        keep = {RDF.type, URIRef("http://purl.org/dc/terms/identifier"), URIRef("http://purl.org/dc/terms/date"),
                URIRef("https://schema.org/headline"), URIRef("https://schema.org/url")}
        expected = subject_triples(everything, members, keep)
    assert len(members) == data["totalItems"] > 0
    assert all(m["href"].startswith(f"http://localhost/{kind}s/") for m in data["member"])
    assert_same(store_part(parse(data)), expected)


def test_api_resources_topic_and_its_positions_include_narrower_topics(client, reference):
    ds, everything = reference
    topic = URIRef(iris.topic_iri("makrooekonomie"))
    data = client.get("/topics/makrooekonomie").get_json(force=True)
    assert_same(store_part(parse(data)), subject_triples(ds.graph(URIRef(iris.TOPICS_GRAPH)), [topic]))
    positions = client.get("/topics/makrooekonomie/positions").get_json(force=True)
    expected = positions_of(everything, topic=iris.topic_iri("haushalt"))
    assert {m["@id"] for m in positions["member"]} == {str(p) for p in expected} and len(expected) == 3


def test_api_resources_position_and_article(client, reference):
    ds, everything = reference
    position = sorted(positions_of(everything))[0]
    local = iris.local_id(str(position), "position")
    data = client.get(f"/positions/{local}").get_json(force=True)
    assert data["evidence"]["@type"] == "Evidence"
    assert_same(store_part(parse(data)), position_description(everything, [position]))
    article = client.get("/articles/a1").get_json(force=True)
    assert article["@graph"][0]["@id"] == iris.article_iri("a1")
    assert_same(store_part(parse(article)), ds.graph(URIRef(iris.article_iri("a1"))))


@pytest.mark.parametrize("fmt, media_type, parser", [("turtle", "text/turtle", "turtle"),
                                                     ("nt", "application/n-triples", "nt")])
def test_api_resources_turtle_and_ntriples_say_the_same_as_json_ld(client, fmt, media_type, parser):
    as_json = parse(client.get("/actors/friedrich-merz/positions").get_json(force=True))
    by_accept = client.get("/actors/friedrich-merz/positions", headers={"Accept": media_type})
    by_param = client.get(f"/actors/friedrich-merz/positions?format={fmt}")
    for response in (by_accept, by_param):
        assert response.mimetype == media_type
        assert_same(rdflib.Graph().parse(data=response.data, format=parser), as_json)


def test_api_resources_html_links_its_json_twin(client):
    response = client.get("/actors/friedrich-merz", headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.mimetype == "text/html"
    assert 'rel="alternate"; type="application/ld+json"' in response.headers["Link"]
    assert "Friedrich Merz" in response.get_data(as_text=True)
    assert client.get("/actors/friedrich-merz").mimetype == "application/ld+json"


# ---- filters and paging ----------------------------------------------------------------------

@pytest.mark.parametrize("query, expected", [
    ("stance=oppose", {p for p in POSITIONS if p[4] == "oppose"}),
    ("act=commitment", {p for p in POSITIONS if p[5] == "commitment"}),
    ("topic=migration", {p for p in POSITIONS if p[6] == "migration"}),
    ("from=2024-01-01", {p for p in POSITIONS if p[7] and p[7] >= "2024-01"}),
    ("to=2023-12", {p for p in POSITIONS if p[7] and p[7] <= "2023-12-31"}),
    ("from=2023-12-12&to=2023-12-12&stance=support", {p for p in POSITIONS if p[7] == "2023-12-12" and p[4] == "support"}),
])
def test_api_resources_position_filters(client, query, expected):
    for actor in {p[2] for p in POSITIONS}:
        data = client.get(f"/actors/{iris.slug(actor)}/positions?{query}").get_json(force=True)
        claims = {m["claim"] for m in data["member"]}
        assert claims == {p[8] for p in expected if p[2] == actor}, (actor, query)


def test_api_resources_paging_walks_every_item_once_in_a_stable_order(client):
    url, seen = "/topics?limit=1", []
    while url:
        data = client.get(url.replace("http://localhost", "")).get_json(force=True)
        seen += [m["@id"] for m in data["member"]]
        url = data["view"].get("next")
    everything = [m["@id"] for m in client.get("/topics?limit=100").get_json(force=True)["member"]]
    assert seen == everything and len(seen) == 4
    second = client.get("/topics?limit=1&offset=1").get_json(force=True)
    assert second["view"]["previous"].endswith("limit=1&offset=0")


def test_api_resources_positions_newest_first_undated_last(client):
    data = client.get("/topics/makrooekonomie/positions").get_json(force=True)
    dates = [m.get("date") or m.get("month") for m in data["member"]]
    assert dates == ["2023-12-12", "2023-12-12", None]


@pytest.mark.parametrize("url", ["/actors?limit=0", "/actors?limit=abc", "/actors?offset=-1",
                                 "/actors/friedrich-merz/positions?stance=maybe",
                                 "/actors/friedrich-merz/positions?act=shout",
                                 "/actors/friedrich-merz/positions?from=2024-13-01",
                                 "/actors/friedrich-merz/positions?to=yesterday"])
def test_api_resources_bad_parameters_are_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert set(response.get_json()) == {"ok", "error", "errors", "status"}


@pytest.mark.parametrize("url", ["/actors/nobody", "/actors/nobody/positions", "/topics/nothing",
                                 "/positions/a1-000000000000", "/articles/zzz", "/nowhere"])
def test_api_resources_unknown_is_404_json(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.get_json()["ok"] is False and response.get_json()["status"] == 404


def test_api_resources_unacceptable_format_is_406(client):
    response = client.get("/actors", headers={"Accept": "image/png"})
    assert response.status_code == 406 and "text/turtle" in response.get_json()["errors"]


# ---- POST /articles --------------------------------------------------------------------------

SEED = ARTICLES[0]


def post_article(client, body: bytes, headers=None, **params):
    return client.post("/articles", data=body, query_string=params,
                       headers={"Content-Type": "text/plain", **(headers or {})})


def test_api_resources_post_article_ingests_and_answers_201(writable_app, writable_store):
    client = writable_app.test_client()
    with open(SEEDS / "d01.txt", "rb") as f:
        body = f.read()
    response = post_article(client, body, AUTH, id="d01")
    assert response.status_code == 201, response.data
    assert response.headers["Location"] == "http://localhost/articles/d01"
    data = response.get_json(force=True)
    assert data["totalItems"] == len(data["member"]) > 0
    stored = {str(p) for p in writable_store.graph(iris.article_iri("d01")).subjects(RDF.type, SP.Position)}
    assert {m["@id"] for m in data["member"]} == stored
    listed = client.get("/sparql", query_string={"query": f"ASK {{ GRAPH <{iris.article_iri('d01')}> {{ ?s ?p ?o }} }}"})
    assert listed.get_json()["boolean"] is True


def test_api_resources_post_article_without_token_is_refused(writable_app, writable_store):
    client = writable_app.test_client()
    before = writable_store.quad_count()
    assert post_article(client, b" date 2024-01-01 Text.", id="x").status_code == 401
    assert post_article(client, b" date 2024-01-01 Text.", {"Authorization": "Bearer nope"}, id="x").status_code == 403
    assert writable_store.quad_count() == before


@pytest.mark.parametrize("body, params", [(b"no date line", {"id": "x"}), (b" date 2024-02-30 Text.", {"id": "x"}),
                                          (b"\x00\x01binary", {"id": "x"}), (b"", {"id": "x"}),
                                          (b'{"id": "x", "date": "2024-01-01"}', {"filename": "x.json"})])
def test_api_resources_post_malformed_article_is_400_and_stores_nothing(writable_app, writable_store, body, params):
    before = writable_store.quad_count()
    response = post_article(writable_app.test_client(), body, AUTH, **params)
    assert response.status_code == 400, response.data
    assert response.get_json()["error"]
    assert writable_store.quad_count() == before


def test_api_resources_post_invalid_graph_is_422_with_report_and_nothing_stored(writable_app, writable_store,
                                                                                monkeypatch):
    """Two articles in one JSONL upload; the second's graph breaks the shapes: neither is stored."""
    import kg.extract
    real = kg.extract.extract

    def extract(article):
        positions = real(article)
        if article.id == "broken":
            positions = positions or [Position(article.id, article.text, 0, len(article.text), "SPD", "organization",
                                               iris.actor_iri("SPD"), "support", "demand", "x", None, None, None,
                                               None, article.date, 0.5)]
            positions[0].confidence = 1.7
        return positions

    monkeypatch.setattr(kg.extract, "extract", extract)
    lines = [json.dumps({"id": "good", "date": "2024-03-01", "text": "Die SPD fordert höhere Löhne."}),
             json.dumps({"id": "broken", "date": "2024-03-02", "text": "Die SPD fordert höhere Renten."})]
    before = writable_store.quad_count()
    response = post_article(writable_app.test_client(), "\n".join(lines).encode(), AUTH, filename="two.jsonl")
    assert response.status_code == 422, response.data
    body = response.get_json()
    assert body["errors"] and any("1.7" in line or "confidence" in line.lower() for line in body["errors"])
    assert writable_store.quad_count() == before
    assert iris.article_iri("good") not in writable_store.graph_names()


# ---- whole dataset ---------------------------------------------------------------------------

@pytest.mark.parametrize("fmt, parser", [("nquads", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")])
def test_api_resources_export_streams_the_dataset(client, api_store, fmt, parser):
    response = client.get(f"/export?format={fmt}")
    assert response.status_code == 200
    got = rdflib.Dataset()
    got.parse(data=response.get_data(), format=parser)
    assert sum(1 for _ in got.quads((None, None, None, None))) == api_store.quad_count()


def test_api_resources_export_offers_every_format_of_kg_export(client, api_store):
    """/export and `kg export` read their formats from the one registry (kg.formats)."""
    from kg import formats
    from kg.store import RDF_FORMATS

    triples = {(s, p, o) for s, p, o, _ in rdflib.Dataset().parse(
        data=client.get("/export?format=nquads").get_data(), format="nquads").quads()}
    for name in RDF_FORMATS:
        fmt = formats.get(name)
        response = client.get(f"/export?format={name}")
        body = response.get_data()
        response.close()
        assert response.status_code == 200, (name, body[:200])
        assert response.mimetype == fmt.media_type
        assert response.headers["Content-Disposition"].endswith(f'.{fmt.extension}"')
        if not fmt.quads:
            got = rdflib.Graph().parse(data=body, format=fmt.rdflib)
            assert len(got) == len(triples), name


def test_api_resources_export_one_graph_and_unknown_graph(client, api_store):
    a1 = iris.article_iri("a1")
    response = client.get("/export", query_string={"format": "nt", "graph": a1})
    assert isomorphic(rdflib.Graph().parse(data=response.get_data(), format="nt"), api_store.graph(a1))
    assert client.get("/export", query_string={"graph": "http://example.org/none"}).status_code == 404


def test_api_resources_context_is_the_project_context(client):
    served = client.get("/context.jsonld")
    assert served.mimetype == "application/ld+json"
    assert served.get_json(force=True)["@context"] == ontology.context().get("@context", ontology.context())


def test_api_resources_health(client):
    body = client.get("/health").get_json()
    assert body["ok"] is True and body["query"]["alive"] == body["query"]["workers"]


def test_api_resources_openapi_documents_every_route_and_nothing_else(app, client):
    doc = client.get("/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    documented = {(path, method.upper()) for path, ops in doc["paths"].items() for method in ops}
    served = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = re.sub(r"<(?:[^<>]*:)?(\w+)>", r"{\1}", rule.rule)
        served |= {(path, m) for m in rule.methods - {"HEAD", "OPTIONS"}}
    assert documented == served
    for path, ops in doc["paths"].items():
        for op in ops.values():
            assert op["summary"] and op["responses"]


@pytest.mark.parametrize("url, text", [("/actors", "Friedrich Merz"), ("/topics", "Makroökonomie"),
                                       ("/articles", "Ringen um den Haushalt"), ("/articles/a1", "Schuldenbremse"),
                                       ("/topics/haushalt", "Haushalt"), ("/actors/spd/positions", "Kommunen"),
                                       ("/", "Positionen"), ("/query", "SPARQL")])
def test_api_resources_every_page_renders_html(client, url, text):
    response = client.get(url, headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert text in response.get_data(as_text=True)
    if url == "/articles/a1":  # names, not IRIs, for the actors of the article's positions
        assert '<a href="http://localhost/actors/friedrich-merz">Friedrich Merz</a>' in response.get_data(as_text=True)


def test_api_resources_position_page_renders_html_with_evidence(client, reference):
    _, everything = reference
    position = sorted(positions_of(everything, holder=iris.actor_iri("SPD")))[0]
    page = client.get(f"/positions/{iris.local_id(str(position), 'position')}?format=html").get_data(as_text=True)
    assert '<mark id="position-evidence">Die SPD fordert mehr Geld für Kommunen bei der Migration.</mark>' in page


@pytest.mark.parametrize("method, url, status", [("DELETE", "/actors", 405), ("PUT", "/sparql", 405),
                                                 ("GET", "/sparql/update", 405), ("POST", "/topics", 405)])
def test_api_resources_every_error_has_one_shape(client, method, url, status):
    response = client.open(url, method=method)
    assert response.status_code == status
    assert response.get_json() == {"ok": False, "error": response.get_json()["error"], "errors": [], "status": status}


def test_api_resources_post_multipart_upload(writable_app, writable_store):
    with open(SEEDS / "d02.txt", "rb") as f:
        data = {"file": (f, "d02.txt", "text/plain")}
        response = writable_app.test_client().post("/articles", data=data, headers=AUTH,
                                                   content_type="multipart/form-data")
    assert response.status_code == 201, response.data
    assert iris.article_iri("d02") in writable_store.graph_names()


def test_api_resources_export_turtle_is_the_union_of_the_graphs(client, reference):
    _, everything = reference
    response = client.get("/export", headers={"Accept": "text/turtle"})
    assert response.headers["Content-Disposition"].endswith('standpunkt.ttl"')
    assert_same(rdflib.Graph().parse(data=response.get_data(), format="turtle"), everything)


def test_api_resources_empty_store_pages(tmp_path):
    store = make_store(tmp_path)
    app = _app(store)
    try:
        client = app.test_client()
        assert client.get("/").status_code == 200
        assert client.get("/actors").get_json(force=True)["totalItems"] == 0
        assert client.get("/actors", headers={"Accept": "text/html"}).status_code == 200
        assert client.get("/health").get_json()["ok"] is True
    finally:
        app.extensions["standpunkt"].close()
        store.close()


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(["/actors/{}", "/actors/{}/positions", "/topics/{}", "/topics/{}/positions",
                             "/positions/{}", "/articles/{}"]),
       ident=_text, params=st.dictionaries(st.sampled_from(["limit", "offset", "stance", "act", "topic", "from",
                                                            "to", "format"]), _text, max_size=4))
def test_api_resources_any_input_gets_a_clean_answer(client, path, ident, params):
    """Whatever a client sends: a 2xx, or an error of the one JSON shape; never a 500."""
    response = client.get(path.format(quote(ident, safe="")), query_string=params)
    assert response.status_code < 500, (path, ident, params, response.data[:300])
    if response.status_code >= 400:
        assert set(response.get_json()) == {"ok", "error", "errors", "status"}


# ---- DELETE /articles/{id} ----------------------------------------------------------------------

def _holders(store) -> set[str]:
    rows = store.query(f"SELECT DISTINCT ?a WHERE {{ GRAPH <{iris.ACTORS_GRAPH}> {{ ?a a <{SP.Actor}> }} }}")
    return {str(r["a"]) for r in rows}


def test_api_resources_delete_article_removes_graph_and_unshared_actors(writable_app, writable_store):
    client = writable_app.test_client()
    before = _holders(writable_store)
    body = (" date 2025-06-03 Die SPD fordert einen höheren Mindestlohn. "
            "Die Bundesärztekammer lehnt die Reform der Notaufnahmen ab.").encode()
    assert post_article(client, body, AUTH, id="tmp1").status_code == 201
    added = _holders(writable_store) - before
    assert added, "the article brings an actor no other article cites"
    assert client.delete("/articles/tmp1").status_code == 401
    assert client.delete("/articles/tmp1", headers={"Authorization": "Bearer nope"}).status_code == 403
    assert iris.article_iri("tmp1") in writable_store.graph_names()
    response = client.delete("/articles/tmp1", headers=AUTH)
    assert response.status_code == 204
    assert iris.article_iri("tmp1") not in writable_store.graph_names()
    assert _holders(writable_store) == before  # its own actors went, the shared ones (SPD) stayed
    assert client.delete("/articles/tmp1", headers=AUTH).status_code == 404
    assert client.get("/articles/tmp1", headers={"Accept": "application/ld+json"}).status_code == 404


def test_api_resources_old_actor_id_redirects_to_the_umlaut_spelling(client):
    """Actor ids once dropped umlauts (`markus-soder`); the old id of a gazetteer actor
    the store does not hold answers 301 with the id of today (`markus-soeder`)."""
    from kg.iris import legacy_slug

    assert legacy_slug("Markus Söder") == "markus-soder"
    answer = client.get("/actors/markus-soder")
    assert answer.status_code == 301
    assert answer.headers["Location"].endswith("/actors/markus-soeder")
    assert client.get("/actors/friedrich-merz").status_code == 200  # unchanged ids stay
    assert client.get("/actors/no-such-actor").status_code == 404


def test_api_resources_positions_follow_a_write(writable_app):
    """Position descriptions are kept between requests (api.position_cache) and dropped by every write:
    a page read before a delete never answers from what the delete removed."""
    from api_fixtures import TOKEN

    client = writable_app.test_client()
    page = lambda: client.get("/actors/friedrich-merz/positions").get_json(force=True)  # noqa: E731
    first = page()
    assert page() == first and first["totalItems"] == 2  # the second answer from the kept descriptions
    assert {m["derivedFrom"] for m in first["member"]} == {iris.article_iri("a1"), iris.article_iri("a2")}
    assert client.delete("/articles/a2", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 204
    after = page()
    assert after["totalItems"] == 1 and [m["derivedFrom"] for m in after["member"]] == [iris.article_iri("a1")]
    assert after["member"][0] == next(m for m in first["member"] if m["derivedFrom"] == iris.article_iri("a1"))


def test_api_resources_position_cache_only_with_the_result_cache(writable_store):
    """Off with --cache-mb 0, as the /sparql result cache (and so on remote stores)."""
    from api.position_cache import position_cache

    app = _app(writable_store, CACHE_MB=0)
    try:
        app.test_client().get("/actors/friedrich-merz/positions")
        assert position_cache(app.extensions["standpunkt"]) is None
    finally:
        app.extensions["standpunkt"].close()


def test_api_resources_labels_kept_between_pages(api_store, monkeypatch):
    """Holder and topic labels are asked of the store once until a write drops them, not
    once per page; the descriptions are the same either way."""
    from api import queries as q
    from api.position_cache import PositionCache

    page, _ = q.position_page(api_store, {"holder": iris.actor_iri("friedrich-merz")}, 50, 0)
    asked, real = [], q.select_rows
    monkeypatch.setattr(q, "select_rows", lambda store, text: asked.append(text) or real(store, text))
    cache = PositionCache()
    first = q.position_descriptions(api_store, page, cache.labels)
    labels_asked = sum("skos:prefLabel ?o" in text for text in asked)
    again = q.position_descriptions(api_store, page, cache.labels)
    assert labels_asked == 1 and sum("skos:prefLabel ?o" in text for text in asked) == 1
    assert again == first == q.position_descriptions(api_store, page)
    assert any(p == URIRef(str(SKOS.prefLabel)) for triples in first.values() for _, p, _ in triples)


def test_api_resources_position_cache_keeps_the_most_recently_used():
    """Bounded by entries: the least recently read or written goes first."""
    from api.position_cache import Lru

    kept = Lru(2)
    kept.put_many({"a": 1, "b": 2})
    assert kept.get_many(["a", "x"]) == {"a": 1}  # a read makes "a" recent
    kept.put_many({"c": 3})
    assert kept.get_many(["a", "b", "c"]) == {"a": 1, "c": 3}


@pytest.mark.embedded_only  # pages are kept only where the result cache is on
def test_api_resources_a_write_keeps_the_pages_it_does_not_touch(writable_app, monkeypatch):
    """Deleting a2 (SPD, Merz) leaves Scholz's page (a1) and Lindner's (a3) as they were kept:
    their next visit asks the store neither for the page nor for the descriptions nor for the
    labels (the delete drops only those of the SPD and Merz); a SPARQL Update may change
    anything, so after it both ask again."""
    from api import queries as q
    from api_fixtures import TOKEN

    client, auth = writable_app.test_client(), {"Authorization": f"Bearer {TOKEN}"}
    page = lambda actor: client.get(f"/actors/{actor}/positions").get_json(force=True)  # noqa: E731
    before = {actor: page(actor) for actor in ("olaf-scholz", "christian-lindner")}
    asked, real_rows, real_query = [], q.select_rows, writable_app.extensions["standpunkt"].store.query
    monkeypatch.setattr(q, "select_rows", lambda store, text: asked.append(text) or real_rows(store, text))
    monkeypatch.setattr(writable_app.extensions["standpunkt"].store, "query",
                        lambda text, *a, **k: asked.append(text) or real_query(text, *a, **k))
    assert client.delete("/articles/a2", headers=auth).status_code == 204
    asked.clear()
    assert {actor: page(actor) for actor in before} == before
    assert not any("ORDER BY DESC(STR(?date))" in text or "VALUES (?p ?i)" in text for text in asked)
    assert not any("skos:prefLabel ?o" in text for text in asked)
    update = "INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> <urn:x:c> } }"
    assert client.post("/sparql/update", data={"update": update}, headers=auth).status_code == 204
    asked.clear()
    assert {actor: page(actor) for actor in before} == before
    assert sum("ORDER BY DESC(STR(?date))" in text for text in asked) == 2
    assert sum("VALUES (?p ?i)" in text for text in asked) == 2


def test_api_resources_what_was_read_before_a_write_is_not_kept_after_it():
    """A page that began reading before a write stores under the count it read first: once a
    write has dropped entries since, its store is ignored."""
    from api.position_cache import Lru

    kept = Lru(8)
    began = kept.generation
    kept.drop(lambda key: key == "b")  # a write touched b while the page was reading
    kept.put_many({"a": 1}, began)
    assert kept.get_many(["a"]) == {}
    kept.put_many({"a": 1}, kept.generation)
    assert kept.get_many(["a"]) == {"a": 1}
