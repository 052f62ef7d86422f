"""/networks over the tiny store of tests/network_fixtures.py: formats, slices, 400s, and the
page in Chromium (the picture renders; the time slider changes it)."""
import csv
import io
import os
import shutil

import networkx as nx
import pytest

from api_fixtures import _app, serve_in_thread
from network_fixtures import A, B, C, P, network_store


@pytest.fixture(scope="module")
def app():
    store = network_store()
    app = _app(store)
    yield app
    app.extensions["standpunkt"].close()
    store.close()


@pytest.fixture()
def client(app):
    return app.test_client()


def test_api_networks_json_by_default(client):
    data = client.get("/networks?type=conflict&normalization=jaccard").get_json()
    edges = {frozenset((e["source"], e["target"])): e["weight"] for e in data["networks"][0]["edges"]}
    assert edges == {frozenset((A, B)): 0.25, frozenset((A, C)): 0.5, frozenset((B, C)): pytest.approx(1 / 3)}


def test_api_networks_graphml_and_csv(client):
    r = client.get("/networks?type=congruence&from=2025-01-01&to=2025-01-31&format=graphml")
    assert r.status_code == 200 and r.mimetype == "application/graphml+xml"
    assert 'filename="congruence-none.graphml"' in r.headers["Content-Disposition"]
    graph = nx.read_graphml(io.BytesIO(r.data))
    graph = nx.relabel_nodes(graph, {n: d["iri"] for n, d in graph.nodes(data=True)})
    assert set(graph.edges) in ({(A, B)}, {(B, A)}) and graph.nodes[A]["label"] == "Anna A"
    rows = list(csv.DictReader(io.StringIO(client.get("/networks?type=affiliation&format=csv").get_data(as_text=True))))
    assert len(rows) == 5 and {"source", "target", "weight", "side"} <= set(rows[0])


def test_api_networks_windows_in_json(client):
    data = client.get("/networks?window=10&step=10").get_json()
    assert [n["start"] for n in data["networks"]] == ["2025-01-01", "2025-01-11", "2025-01-21", "2025-01-31"]


@pytest.mark.parametrize("query, message", [
    ("type=star", "type must be one of"),
    ("type=affiliation&normalization=cosine", "normalization must be one of"),
    ("from=yesterday", "from must be a date"),
    ("format=gexf", "format must be one of"),
    ("window=0", "window must be a whole number"),
])
def test_api_networks_bad_parameters_are_400(client, query, message):
    r = client.get("/networks?" + query)
    assert r.status_code == 400
    body = r.get_json()
    assert body["ok"] is False and message in body["error"]


def test_api_networks_page_for_browsers(client):
    r = client.get("/networks", headers={"Accept": "text/html"})
    assert r.status_code == 200 and b'id="network"' in r.data and b"networks.js" in r.data
    assert b">Netzwerke</a>" in client.get("/", headers={"Accept": "text/html"}).data
    older = client.get("/networks?aggregate=true&format=html").get_data(as_text=True)  # the old checkbox's value
    assert '<option value="party" selected>' in older and '<option value="government">' in older


@pytest.mark.browser
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_web_chromium_network_page_draws_and_slider_moves(app, tmp_path):
    chromium = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
    if not shutil.which(chromium):
        pytest.fail(f"Chromium not found at {chromium}")
    from playwright.sync_api import expect, sync_playwright

    base, server = serve_in_thread(app)
    errors = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(base + "/networks?type=congruence&window=10&step=10")
            page.wait_for_selector("#network g.node")
            assert page.locator("#network g.node").count() == 2  # window 1: A and B
            assert page.locator("#network line.edge.congruence").count() == 1
            assert page.locator("#ties tbody tr").count() == 1
            assert "2025-01-01" in page.locator("#window-label").inner_text()
            page.locator("#window-slider").fill("1")
            expect(page.locator("#network g.node")).to_have_count(1)
            assert page.locator("#network line.edge").count() == 0
            assert "2025-01-11" in page.locator("#window-label").inner_text()
            page.select_option("select[name=type]", "conflict")
            page.fill("input[name=window]", "")
            page.fill("input[name=step]", "")
            page.click("#network-form button")
            expect(page.locator("#network line.edge.conflict")).to_have_count(3)
            page.select_option("select[name=aggregate]", "party")  # Anna A counts as Partei P
            page.click("#network-form button")
            expect(page.locator("#network g.node[data-id='%s']" % P)).to_have_count(1)
            assert page.locator("#network g.node[data-id='%s']" % A).count() == 0
            with page.expect_request(lambda r: "aggregate=government" in r.url and "format=json" in r.url):
                page.select_option("select[name=aggregate]", "government")
                page.click("#network-form button")
            expect(page.locator("#network g.node[data-id='%s']" % A)).to_have_count(1)  # no office: herself
            assert "aggregate=government" in page.url
            page.screenshot(path=str(tmp_path / "network.png"))
            browser.close()
    finally:
        server.close()
    assert not errors, errors
