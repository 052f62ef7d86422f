"""Fixtures for the API tests: a small store of real-shaped positions, the app, a live server.

Import with ``from api_fixtures import *`` in a test module. Another store backend can
run the whole API suite: set KG_API_STORE_FACTORY=module:function, a function taking
a temporary folder and returning an empty kg.store.Store (e.g. a remote store on a
fresh Oxigraph server or Virtuoso); the fixtures fill it through the Store interface.
"""
from __future__ import annotations

import importlib
import json
import os
import socket
import threading
import time

import pytest
import rdflib
import requests
from rdflib import Literal, URIRef
from rdflib.compare import graph_diff, isomorphic
from rdflib.namespace import RDF, RDFS, SKOS

from kg import iris
from kg.model import Article, Position
from kg.store import OxigraphStore

TOKEN = "test-token-1234"
SP = rdflib.Namespace(iris.ONTOLOGY)

ARTICLES = [
    Article("a1", "2023-12-12", "Friedrich Merz lehnt eine Aussetzung der Schuldenbremse ab. "
            "Olaf Scholz will den Haushalt 2024 schnell beschließen.", title="Ringen um den Haushalt"),
    Article("a2", "2024-01", "Die SPD fordert mehr Geld für Kommunen bei der Migration. "
            "Friedrich Merz verlangt eine Begrenzung der Migration.", title="Streit über Migration"),
    Article("a3", None, "Christian Lindner sagt zu, die Schuldenbremse einzuhalten."),
]

# (article, start, actor, type, stance, act, topic key, date, claim)
POSITIONS = [
    ("a1", 0, "Friedrich Merz", "person", "oppose", "rejection", "haushalt", "2023-12-12",
     "Aussetzung der Schuldenbremse"),
    ("a1", 59, "Olaf Scholz", "person", "support", "commitment", "haushalt", "2023-12-12",
     "Haushalt 2024 schnell beschließen"),
    ("a2", 0, "SPD", "organization", "support", "demand", "migration", "2024-01",
     "mehr Geld für Kommunen bei der Migration"),
    ("a2", 57, "Friedrich Merz", "person", "oppose", "demand", "migration", "2024-01",
     "Begrenzung der Migration"),
    ("a3", 0, "Christian Lindner", "person", "support", "commitment", "haushalt", None,
     "die Schuldenbremse einzuhalten"),
]

# (article, start) -> (proposition key, label, codebook issue key or None, side, direction)
PROPOSITIONS = {
    ("a1", 0): ("schuldenbremse", "Schuldenbremse", "schuldenbremse", "support", "against"),
    ("a1", 59): ("free-haushalt", "Haushalt 2024 schnell beschließen", None, "support", "for"),
    ("a2", 0): ("free-geld-kommunen", "mehr Geld für Kommunen bei der Migration", None, "support", "for"),
    ("a2", 57): ("obergrenze", "Obergrenze für Flüchtlinge", "obergrenze", "oppose", "for"),
    ("a3", 0): ("schuldenbremse", "Schuldenbremse", "schuldenbremse", "support", "for"),
}

TOPICS = {  # key -> (label, CAP code of a major topic, broader key)
    "makrooekonomie": ("Makroökonomie", 1, None),
    "haushalt": ("Haushalt", None, "makrooekonomie"),
    "einwanderung": ("Einwanderung", 9, None),
    "migration": ("Migration", None, "einwanderung"),
}


def sample_positions() -> dict[str, list[Position]]:
    by_article: dict[str, list[Position]] = {a.id: [] for a in ARTICLES}
    texts = {a.id: a for a in ARTICLES}
    for art, start, actor, kind, stance, act, topic, date, claim in POSITIONS:
        text = texts[art].text
        end = text.find(".", start) + 1
        key, label, issue, side, direction = PROPOSITIONS[art, start]
        by_article[art].append(Position(
            article=art, sentence=text[start:end], start=start, end=end, actor=actor, actor_type=kind,
            actor_iri=iris.actor_iri(actor), stance=stance, act=act, claim=claim,
            topic=iris.topic_iri(topic), topic_label=TOPICS[topic][0], cap_major=None, date=date,
            article_date=texts[art].date, confidence=0.8, aliases=[actor.split()[-1]], proposition=key,
            proposition_label=label, issue=iris.issue_iri(issue) if issue else None, side=side,
            direction=direction))
    return by_article


def topics_graph() -> rdflib.Graph:
    g = rdflib.Graph()
    for key, (label, cap, broader) in TOPICS.items():
        node = URIRef(iris.topic_iri(key))
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.prefLabel, Literal(label, lang="de")))
        g.add((node, SKOS.altLabel, Literal(label.lower(), lang="de")))
        if cap:
            g.add((node, SP.capCode, Literal(cap)))
        if broader:
            g.add((node, SKOS.broader, URIRef(iris.topic_iri(broader))))
    return g


def issues_graph() -> rdflib.Graph:
    """The codebook concepts the sample propositions name, as ontology/issues.ttl has them
    (without skos:broader: the sample topics are not the project's)."""
    from kg.codebook import default_codebook

    codebook, g = default_codebook(), rdflib.Graph()
    for key in {v[2] for v in PROPOSITIONS.values() if v[2]} | {"scheme"}:
        g += (t for t in codebook.triples((URIRef(iris.issue_iri(key)), None, None)) if t[1] != SKOS.broader)
    return g


def fill(store) -> None:
    """Write the sample articles, actors and topics through the Store interface."""
    from kg.build import actors_graph, article_graph

    positions = sample_positions()
    graphs = {iris.article_iri(a.id): article_graph(a, positions[a.id]) for a in ARTICLES}
    graphs[iris.TOPICS_GRAPH] = topics_graph()
    graphs[iris.ISSUES_GRAPH] = issues_graph()
    actors = rdflib.Graph()
    for ps in positions.values():
        actors += actors_graph(ps)
    graphs[iris.ACTORS_GRAPH] = actors
    store.replace_graphs(graphs)


def make_store(folder):
    factory = os.environ.get("KG_API_STORE_FACTORY")
    if factory:
        module, _, name = factory.partition(":")
        return getattr(importlib.import_module(module), name)(folder)
    return OxigraphStore(folder / "store")


def dataset(store) -> rdflib.Dataset:
    """The store's whole dataset as rdflib, the independent reference for the tests."""
    import io

    out = io.BytesIO()
    store.dump(out, "nquads")
    ds = rdflib.Dataset()
    ds.parse(data=out.getvalue(), format="nquads")
    return ds


@pytest.fixture(scope="session")
def api_store(tmp_path_factory):
    """A filled store shared by read-only tests."""
    store = make_store(tmp_path_factory.mktemp("api-store"))
    fill(store)
    yield store
    store.close()


def _app(store, **config):
    from api import create_app

    app = create_app({"STORE": store, "WORKERS": 2, "QUERY_TIMEOUT": 10, "WRITE_TOKEN": TOKEN,
                      "TESTING": True, **config})
    return app


@pytest.fixture(scope="session")
def app(api_store):
    app = _app(api_store)
    yield app
    app.extensions["standpunkt"].close()


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def writable_store(tmp_path):
    store = make_store(tmp_path)
    fill(store)
    yield store
    store.close()


@pytest.fixture()
def writable_app(writable_store):
    app = _app(writable_store)
    yield app
    app.extensions["standpunkt"].close()


# ---- comparing API answers with the store ------------------------------------------------------

HYDRA = "http://www.w3.org/ns/hydra/core#"
API = "https://w3id.org/standpunkt/api#"


CONTEXT_URL = "http://localhost/context.jsonld"


def parse(data: dict) -> rdflib.Graph:
    """An API answer as RDF. Answers reference the context served at /context.jsonld (which
    test_api_resources checks is ontology/context.jsonld); it is resolved here without HTTP."""
    from kg import ontology

    assert data["@context"] == CONTEXT_URL, data["@context"]
    inlined = {**data, "@context": ontology.context()["@context"]}
    return rdflib.Graph().parse(data=json.dumps(inlined), format="json-ld")


def pyld_loader(client):
    """A pyld document loader that fetches the app's own URLs (the context) through `client`."""
    def load(url, options=None):
        assert url.startswith("http://localhost/"), f"pyld tried to fetch {url}"
        response = client.get(url[len("http://localhost"):], headers={"Accept": "application/ld+json"})
        assert response.status_code == 200, url
        return {"contextUrl": None, "documentUrl": url, "document": response.get_json(force=True)}
    return load


# ---- dereferencing: every minted IRI answers at its path ------------------------------------------

FORMATS = {"application/ld+json": "json-ld", "text/turtle": "turtle", "application/n-triples": "nt"}
LOCAL = "http://localhost/"  # the test client's URLs: API links


def minted(iri: str) -> bool:
    return iri.startswith((iris.BASE, iris.VOCABULARY))


def path_of(iri: str) -> str:
    """Where this server answers an IRI: its path below the namespace, without the fragment."""
    document = iri.partition("#")[0]
    namespace = iris.VOCABULARY if document.startswith(iris.VOCABULARY) else iris.BASE
    return "/" + document[len(namespace):]


def fetch(client, path: str, media_type: str) -> rdflib.Graph:
    response = client.get(path, headers={"Accept": media_type})
    assert response.status_code == 200, (path, media_type, response.data[:200])
    assert response.mimetype == media_type
    if media_type == "application/ld+json":
        return parse(response.get_json())  # the context by reference, resolved as served
    return rdflib.Graph().parse(data=response.data, format=FORMATS[media_type])


def walk(client, start: str = "/actors?limit=1000") -> set[str]:
    """Every minted IRI reachable from /actors through the JSON-LD answers (as RDF): the
    answer of each minted IRI, and of each API link (api:href, api:positions, hydra:next)."""
    seen: set[str] = set()
    pending = [start]
    fetched: set[str] = set()
    while pending:
        path = pending.pop()
        if path in fetched:
            continue
        fetched.add(path)
        graph = fetch(client, path, "application/ld+json")
        for term in {t for triple in graph for t in triple}:
            if isinstance(term, URIRef) and minted(str(term)) and str(term) not in seen:
                seen.add(str(term))
                pending.append(path_of(str(term)))
            elif isinstance(term, URIRef) and str(term).startswith(LOCAL):
                pending.append(str(term)[len(LOCAL) - 1:])
    return seen


def assert_dereferences(client, iris_to_check) -> None:
    """Each IRI answers at its path in JSON-LD, Turtle and N-Triples, describing itself there
    (a named graph `…/graph/…` answers with its content). Each path is fetched once per format."""
    by_path: dict[str, list[str]] = {}
    for iri in sorted(iris_to_check):
        by_path.setdefault(path_of(iri), []).append(iri)
    for path, members in by_path.items():
        graphs = [fetch(client, path, media_type) for media_type in FORMATS]
        for iri in members:
            if "/graph/" in iri:
                assert all(len(g) > 0 for g in graphs), iri
            else:
                assert all((URIRef(iri), None, None) in g for g in graphs), f"{iri} is not described at {path}"


def store_part(graph: rdflib.Graph) -> rdflib.Graph:
    """The triples that claim to come from the store: everything but navigation links."""
    out = rdflib.Graph()
    for s, p, o in graph:
        if str(p).startswith((HYDRA, API)) or str(s).startswith("http://localhost/") or str(o).startswith(HYDRA):
            continue
        out.add((s, p, o))
    return out


def assert_same(got: rdflib.Graph, expected: rdflib.Graph):
    if not isomorphic(got, expected):
        _, only_got, only_expected = graph_diff(got, expected)
        pytest.fail("only in answer:\n" + only_got.serialize(format="nt")
                    + "\nonly in store:\n" + only_expected.serialize(format="nt"))


def union(ds: rdflib.Dataset) -> rdflib.Graph:
    g = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def subject_triples(graph: rdflib.Graph, subjects, predicates=None) -> rdflib.Graph:
    out = rdflib.Graph()
    for s in subjects:
        for _, p, o in graph.triples((s, None, None)):
            if predicates is None or p in predicates:
                out.add((s, p, o))
    return out


def position_description(all_triples: rdflib.Graph, positions) -> rdflib.Graph:
    """Independent statement of what a position answer holds: its triples, its evidence
    node, the holder's rdfs:label, the topic's skos:prefLabel and the proposition's rdfs:label."""
    out = subject_triples(all_triples, positions)
    for p in positions:
        out += subject_triples(all_triples, all_triples.objects(p, SP.evidence))
        out += subject_triples(all_triples, all_triples.objects(p, SP.holder), {RDFS.label})
        out += subject_triples(all_triples, all_triples.objects(p, SP.topic), {SKOS.prefLabel})
        out += subject_triples(all_triples, all_triples.objects(p, SP.proposition), {RDFS.label})
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_in_thread(app, threads: int = 8) -> tuple[str, object]:
    """A real waitress server for `app` on a free 127.0.0.1 port; returns (base URL, server)."""
    from waitress.server import create_server

    server = create_server(app, host="127.0.0.1", port=free_port(), threads=threads)
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{server.effective_port}"
    for _ in range(100):
        try:
            requests.get(base + "/health", timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.05)
    return base, server


@pytest.fixture(scope="session")
def live_server(app):
    base, server = serve_in_thread(app)
    yield base
    server.close()


# a query that runs for minutes whatever the data: a cross product of 10^12 rows
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(
    f"VALUES ?v{i} {{ {' '.join(str(n) for n in range(100))} }}" for i in range(6)) + " }"


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory):
    """The project's seed articles through the real pipeline (kg.ingest)."""
    from kg.articles import read_paths
    from kg.ingest import ingest_articles

    root = os.path.join(os.path.dirname(__file__), "..", "seeds")
    store = make_store(tmp_path_factory.mktemp("seed-store"))
    summary = ingest_articles(store, read_paths([root]), report=lambda line: None)
    assert summary.articles > 0 and not summary.rejected, summary.rejected
    yield store
    store.close()


@pytest.fixture(scope="session")
def seed_app(seed_store):
    app = _app(seed_store)
    yield app
    app.extensions["standpunkt"].close()
