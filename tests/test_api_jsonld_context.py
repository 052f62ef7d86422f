"""JSON-LD answers (issue 11): the context by reference (Link header, JSON-LD 1.1), inline on
request, language maps for labels, the api: terms served as a vocabulary; the answers read
the same in rdflib, pyld and jsonld.js."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest
import rdflib
from pyld import jsonld
from rdflib.compare import isomorphic

from api_fixtures import *  # noqa: F401,F403 (fixtures)
from api_fixtures import CONTEXT_URL, parse, pyld_loader, store_part
from kg import ontology

PATHS = ["/actors", "/actors/friedrich-merz", "/actors/friedrich-merz/positions", "/topics/haushalt",
         "/articles/a1", "/topics", "/ontology"]
CONTEXT_REL = 'rel="http://www.w3.org/ns/json-ld#context"'


def get(client, path: str, **params) -> tuple[dict, dict]:
    response = client.get(path, query_string=params, headers={"Accept": "application/ld+json"})
    assert response.status_code == 200, path
    return response.get_json(force=True), response.headers


@pytest.mark.parametrize("path", PATHS)
def test_jsonld_context_by_reference_with_link_header(client, path):
    data, headers = get(client, path)
    assert data["@context"] == CONTEXT_URL
    assert f"<{CONTEXT_URL}>" in headers["Link"] and CONTEXT_REL in headers["Link"]
    assert 'type="application/ld+json"' in headers["Link"]


def test_jsonld_context_document_is_jsonld_1_1_and_small_answers_stay_small(client):
    served = client.get("/context.jsonld")
    assert served.mimetype == "application/ld+json"
    assert served.get_json(force=True)["@context"]["@version"] == 1.1
    by_reference = client.get("/actors/friedrich-merz", headers={"Accept": "application/ld+json"}).data
    inline = client.get("/actors/friedrich-merz?context=inline", headers={"Accept": "application/ld+json"}).data
    assert len(inline) - len(by_reference) > 2000  # what every answer no longer carries


@pytest.mark.parametrize("path", PATHS)
def test_jsonld_inline_context_says_the_same(client, path):
    inline, _ = get(client, path, context="inline")
    assert inline["@context"] == ontology.context()["@context"]
    by_reference, _ = get(client, path)
    got = rdflib.Graph().parse(data=json.dumps(inline), format="json-ld")
    assert len(got) > 0 and isomorphic(store_part(got), store_part(parse(by_reference)))  # links keep ?context=


def test_jsonld_labels_are_language_maps(client):
    topic, _ = get(client, "/topics/haushalt")
    assert topic["prefLabel"] == {"de": "Haushalt"}
    position = get(client, "/actors/friedrich-merz/positions")[0]["member"][0]
    assert set(position["topic"]["prefLabel"]) == {"de"}
    terms = {node["@id"].rsplit("#", 1)[-1]: node for node in get(client, "/ontology")[0]["@graph"]}
    assert set(terms["Position"]["labels"]) == {"de", "en"} and set(terms["Position"]["comment"]) == {"de", "en"}
    actor, _ = get(client, "/actors/friedrich-merz")
    assert actor["label"] == "Friedrich Merz"  # a name has no language: a plain string


def test_jsonld_api_terms_are_defined_in_the_served_vocabulary(client):
    context = ontology.context()["@context"]
    api = context["api"]
    terms = {t: d["@id"] if isinstance(d, dict) else d for t, d in context.items() if not t.startswith("@")}
    api_terms = {t: iri.replace("api:", api) for t, iri in terms.items() if str(iri).startswith("api:")}
    assert set(api_terms) == {"href", "positions", "members", "supporters", "opponents", "actor", "positionCount",
                              "firstDate", "lastDate", "supportCount", "opposeCount", "articleCount",
                              "actorCount"}
    vocabulary = rdflib.Graph().parse(data=client.get("/api", headers={"Accept": "text/turtle"}).data,
                                      format="turtle")
    for term, iri in api_terms.items():
        assert (rdflib.URIRef(iri), rdflib.RDFS.label, None) in vocabulary, term


@pytest.mark.parametrize("path", PATHS)
def test_jsonld_pyld_reads_the_answers_as_rdflib_does(client, path):
    data, _ = get(client, path)
    nquads = jsonld.to_rdf(data, {"format": "application/n-quads", "documentLoader": pyld_loader(client)})
    assert isomorphic(rdflib.Graph().parse(data=nquads, format="nt"), parse(data))


@pytest.fixture(scope="session")
def jsonld_js(tmp_path_factory):
    """jsonld.js from npm in a temporary folder (never vendored); skipped only without npm."""
    if not shutil.which("npm") or not shutil.which("node"):
        pytest.skip("npm/node not available")
    folder = tmp_path_factory.mktemp("jsonld-js")
    install = subprocess.run(["npm", "install", "--prefix", str(folder), "--no-audit", "--no-fund",
                              "--loglevel=error", "jsonld@9"], capture_output=True, text=True, timeout=300)
    if install.returncode != 0:
        pytest.skip(f"npm could not install jsonld: {install.stderr[-300:]}")
    return folder


NODE_SCRIPT = """
const jsonld = require('jsonld');
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const documentLoader = async (url) => {
  if (!(url in input.documents)) throw new Error('unexpected fetch ' + url);
  return {contextUrl: null, documentUrl: url, document: input.documents[url]};
};
(async () => {
  const out = [];
  for (const doc of input.answers) {
    out.push(await jsonld.toRDF(doc, {format: 'application/n-quads', documentLoader, safe: true}));
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
"""


def test_jsonld_jsonld_js_reads_the_answers_as_rdflib_does(client, jsonld_js):
    answers = [get(client, path)[0] for path in PATHS]
    documents = {CONTEXT_URL: client.get("/context.jsonld").get_json(force=True)}
    run = subprocess.run(["node", "-e", NODE_SCRIPT], input=json.dumps({"answers": answers, "documents": documents}),
                         capture_output=True, text=True, timeout=120, cwd=jsonld_js,
                         env={"NODE_PATH": str(jsonld_js / "node_modules"), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr[-2000:]
    for path, data, nquads in zip(PATHS, answers, json.loads(run.stdout)):
        assert isomorphic(rdflib.Graph().parse(data=nquads, format="nt"), parse(data)), path
