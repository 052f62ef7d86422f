"""Dereferenceable IRIs (issue 11): every IRI the store mints answers at its own path in
JSON-LD, Turtle and N-Triples (and HTML), found by walking from /actors; --base-iri; page links."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib
from rdflib import URIRef

from api_fixtures import *  # noqa: F401,F403 (fixtures)
from api_fixtures import _app, assert_dereferences, fetch, fill, make_store, minted, walk
from kg import iris

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def walked(app):
    return walk(app.test_client())


def test_api_deref_walk_reaches_every_minted_resource(walked, api_store):
    subjects = {str(s) for s, _, _ in api_store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")}
    for kind in ("actor", "position", "article", "topic"):
        in_store = {s for s in subjects if s.startswith(f"{iris.namespace(kind)}{kind}/")}
        assert in_store and in_store <= walked, kind
    evidence = {s for s in subjects if s.endswith("-evidence")}
    assert evidence and evidence <= walked
    assert iris.ONTOLOGY + "Position" in walked


def test_api_deref_every_minted_iri_in_three_formats(app, walked, api_store):
    assert_dereferences(app.test_client(), walked | set(api_store.graph_names()))


def test_api_deref_html_and_plural_paths_agree(client):
    page = client.get("/actor/friedrich-merz", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "Friedrich Merz" in page.get_data(as_text=True)
    singular = client.get("/actor/friedrich-merz", headers={"Accept": "application/ld+json"}).get_json()
    plural = client.get("/actors/friedrich-merz", headers={"Accept": "application/ld+json"}).get_json()
    assert singular == plural


def test_api_deref_unknown_iri_is_404(client):
    for path in ("/actor/nobody-at-all", "/position/nothing-evidence", "/graph/none", "/proposition/x"):
        response = client.get(path)
        assert response.status_code == 404 and response.get_json()["status"] == 404, path


def test_api_deref_pages_link_locally(client):
    """A page never links to a Standpunkt IRI, only to the path here that answers it."""
    for path in ("/position/" + client.get("/actors/friedrich-merz/positions").get_json()["member"][0]["@id"]
                 .rsplit("/", 1)[1], "/ontology", "/article/a1", "/actor/friedrich-merz", "/topic/haushalt",
                 "/actors", "/topics", "/articles", "/graph/actors", "/"):
        html = client.get(path, headers={"Accept": "text/html"}).get_data(as_text=True)
        links = re.findall(r'href="([^"]+)"', html)
        assert links and not [link for link in links if minted(link)], (path, links)


@pytest.fixture()
def own_domain(tmp_path):
    """A store minted under a deployment's own base IRI, served with the same --base-iri."""
    before = iris.BASE
    iris.set_base("http://localhost/")
    try:
        store = make_store(tmp_path)
        fill(store)
        app = _app(store)
        yield app
        app.extensions["standpunkt"].close()
        store.close()
    finally:
        iris.set_base(before)


def test_api_deref_base_iri_mints_and_serves_there(own_domain):
    client = own_domain.test_client()
    actor = iris.actor_iri("Friedrich Merz")
    assert actor == "http://localhost/actor/friedrich-merz"
    graph = fetch(client, actor, "text/turtle")  # the IRI itself is the URL
    assert (URIRef(actor), rdflib.RDFS.label, None) in graph
    members = client.get("/actors/friedrich-merz/positions").get_json()["member"]
    assert members and all(m["@id"].startswith("http://localhost/position/") for m in members)
    assert fetch(client, members[0]["@id"], "application/n-triples")


def test_w3id_htaccess_redirects_every_kind():
    from api.deref import DOCUMENTS, RESOURCES

    rules = (ROOT / "docs" / "w3id" / ".htaccess").read_text(encoding="utf-8")
    for name in [*RESOURCES, *DOCUMENTS]:
        assert re.search(rf"^RewriteRule \^.*\b{name}\b", rules, re.M), f"{name} is not redirected"


def test_cli_base_iri_ingest_and_serve_answer_the_minted_iris(tmp_path):
    """kg ingest and kg serve with the same --base-iri: the IRIs in the store are URLs of the server."""
    import socket
    import subprocess
    import sys
    import time

    import requests

    def kg(*args, **kw):
        return subprocess.Popen([sys.executable, "-m", "kg.cli", *map(str, args)], cwd=ROOT, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)

    bad = kg("serve", "--base-iri", "ftp://nowhere", "--store", tmp_path / "none")
    assert bad.wait(60) != 0 and "--base-iri" in bad.stderr.read()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    store = tmp_path / "store"
    ingest = kg("ingest", ROOT / "seeds" / "000_8eac7816d47259b9.txt", "--store", store, "--base-iri", base)
    assert ingest.wait(300) == 0, ingest.stderr.read()
    server = kg("serve", "--store", store, "--port", port, "--workers", 1, "--base-iri", base)
    try:
        for _ in range(150):
            try:
                actors = requests.get(base + "actors", timeout=5).json()
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        actor = actors["member"][0]["@id"]
        assert actor.startswith(base + "actor/")
        answer = requests.get(actor, headers={"Accept": "text/turtle"}, timeout=10)
        assert answer.status_code == 200
        assert (URIRef(actor), None, None) in rdflib.Graph().parse(data=answer.text, format="turtle")
    finally:
        server.terminate()
        server.wait(30)
