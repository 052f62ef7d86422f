"""The W3C SPARQL 1.1 Protocol test manifest (w3c/rdf-tests, sparql/sparql11/protocol), run as is.

The manifest and its data are copied unchanged into tests/data/w3c-sparql-protocol
(see its README.md for source and licence). Each test is one or more HTTP requests
with the expected status class, result format and ASK answer; the runner sends them
to the endpoint (paths starting with /sparql/ go to /sparql) on a fresh store holding
the test's ut:graphData, and checks every answer.

Two endpoints run the suite:
- with a token (every request carries `Authorization: Bearer …`): all 34 tests apply;
- read-only (no token configured): the 7 tests whose updates must succeed
  (update_dataset_default_graph, update_dataset_default_graphs, update_dataset_named_graphs,
  update_dataset_full, update_post_form, update_post_direct, update_base_uri; each needs a
  store that accepts updates) are skipped: a read-only endpoint answers every update 403,
  which test_w3c_protocol_read_only_refuses_the_updates checks instead. The bad_update_*
  tests apply to both (they expect a 4xx), but only the run with a token shows that the
  refusal is for the protocol error itself and not for the missing token.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import rdflib
from rdflib import Namespace
from rdflib.collection import Collection
from rdflib.namespace import RDF

from api_fixtures import TOKEN, _app
from kg.store import OxigraphStore

SUITE = Path(__file__).parent / "data" / "w3c-sparql-protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")

FORMATS = {  # mf:expectedFormat -> media types that satisfy it
    "boolean": {"application/sparql-results+json", "application/sparql-results+xml"},
    "tabular": {"application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values"},
    "RDF": {"application/rdf+xml", "text/turtle", "application/n-triples", "application/xhtml+xml"},
}
UPDATE_MEDIA = "application/sparql-update"


@dataclass
class Request:
    method: str
    path: str
    headers: dict
    body: bytes | None
    statuses: set[int]  # allowed hundreds: {2, 3}, {4}
    boolean: bool | None = None
    format: str | None = None

    @property
    def is_update(self) -> bool:
        text = (self.body or b"").decode("utf-8", "replace")
        return (self.headers.get("content-type", "").startswith(UPDATE_MEDIA)
                or text.startswith("update=") or "?update=" in self.path)


@dataclass
class ProtocolTest:
    name: str
    graphs: dict[str, Path] = field(default_factory=dict)  # graph IRI -> N-Triples file
    requests: list[Request] = field(default_factory=list)

    @property
    def needs_writes(self) -> bool:
        """Some update of the test must succeed (a read-only endpoint cannot pass it)."""
        return any(r.is_update and 2 in r.statuses for r in self.requests)


def _request(g: rdflib.Graph, node) -> Request:
    headers = {}
    for h in Collection(g, g.value(node, HT.headers)) if g.value(node, HT.headers) else []:
        headers[str(g.value(h, HT.fieldName)).lower()] = str(g.value(h, HT.fieldValue))
    body_node, body = g.value(node, HT.body), None
    if body_node is not None:
        encoding = str(g.value(body_node, CNT.characterEncoding) or "UTF-8")
        body = str(g.value(body_node, CNT.chars)).encode(encoding)
    response = g.value(node, HT.resp)
    statuses = {int(str(s).rsplit("StatusCode", 1)[1][0]) for s in g.objects(response, MF.expectedStatus)}
    boolean = g.value(response, MF.expectedBoolean)
    fmt = g.value(response, MF.expectedFormat)
    path = str(g.value(node, HT.absolutePath))
    assert path.startswith("/sparql/"), path
    return Request(str(g.value(node, HT.methodName)), "/sparql" + path[len("/sparql/"):], headers, body,
                   statuses, None if boolean is None else boolean.toPython(), None if fmt is None else str(fmt))


def load_manifest() -> list[ProtocolTest]:
    g = rdflib.Graph().parse(SUITE / "manifest.ttl", format="turtle", publicID=(SUITE / "manifest.ttl").as_uri())
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    tests = []
    for entry in Collection(g, g.value(manifest, MF.entries)):
        test = ProtocolTest(str(entry).rsplit("#", 1)[1])
        for data in g.objects(entry, UT.graphData):
            test.graphs[str(g.value(data, rdflib.RDFS.label))] = SUITE / str(g.value(data, UT.graph)).rsplit("/", 1)[1]
        action = g.value(entry, MF.action)
        test.requests = [_request(g, r) for r in Collection(g, g.value(action, HT.requests))]
        tests.append(test)
    return tests


TESTS = load_manifest()


def test_w3c_protocol_manifest_is_read_whole():
    """A data-driven suite must find its cases: 34 entries, each with its requests."""
    assert len(TESTS) == 34
    assert all(t.requests and all(r.statuses for r in t.requests) for t in TESTS)
    assert sum(t.needs_writes for t in TESTS) == 7
    assert all(path.is_file() for t in TESTS for path in t.graphs.values())


@pytest.fixture(scope="module")
def endpoints(tmp_path_factory):
    """One store and two apps over it: with a token and read-only."""
    store = OxigraphStore(tmp_path_factory.mktemp("w3c-protocol") / "store")
    apps = {"token": _app(store, WORKERS=1), "read-only": _app(store, WORKERS=1, WRITE_TOKEN=None)}
    yield store, apps
    for app in apps.values():
        app.extensions["standpunkt"].close()
    store.close()


def _prepare(store, apps, test: ProtocolTest) -> None:
    store.update("DROP ALL")
    for name, path in test.graphs.items():
        graph = rdflib.Graph().parse(path, format="nt")
        store.replace_graphs({name: graph})
    for app in apps.values():
        app.extensions["standpunkt"].written()


def _check(response, request: Request, where: str) -> None:
    assert response.status_code // 100 in request.statuses, \
        f"{where}: status {response.status_code}, expected {sorted(request.statuses)}xx: {response.data[:300]!r}"
    if request.format is not None:
        assert response.mimetype in FORMATS[request.format], f"{where}: {response.mimetype} is not {request.format}"
    if request.boolean is not None:
        if response.mimetype.endswith("+json"):
            answer = json.loads(response.data)["boolean"]
        else:
            answer = b"<boolean>true</boolean>" in response.data
        assert answer is request.boolean, f"{where}: ASK answered {answer}"


@pytest.mark.parametrize("mode", ["token", "read-only"])
@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_w3c_protocol(endpoints, test, mode):
    if mode == "read-only" and test.needs_writes:
        pytest.skip("needs a store that accepts updates; a read-only endpoint answers 403 (checked below)")
    store, apps = endpoints
    _prepare(store, apps, test)
    client = apps[mode].test_client()
    for i, request in enumerate(test.requests):
        headers = dict(request.headers)
        if mode == "token":
            headers["Authorization"] = f"Bearer {TOKEN}"
        response = client.open(request.path, method=request.method, data=request.body, headers=headers)
        _check(response, request, f"{test.name} request {i + 1} ({mode})")


def test_w3c_protocol_read_only_refuses_the_updates(endpoints):
    store, apps = endpoints
    client = apps["read-only"].test_client()
    for test in (t for t in TESTS if t.needs_writes):
        _prepare(store, apps, test)
        before = store.quad_count()
        request = next(r for r in test.requests if r.is_update)
        response = client.open(request.path, method=request.method, data=request.body, headers=request.headers)
        assert response.status_code == 403, test.name
        assert store.quad_count() == before
