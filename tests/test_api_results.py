"""Serialising results under limits: a result past a limit is refused, never cut."""
import pyoxigraph as ox
import pytest

from api.results import NoAcceptableFormat, encode
from kg.errors import ResultTooLarge

MEDIA = {"solutions": "application/sparql-results+json", "boolean": "application/sparql-results+xml",
         "graph": "text/turtle"}


@pytest.fixture()
def store():
    s = ox.Store()
    for i in range(10):
        s.add(ox.Quad(ox.NamedNode(f"http://e/s{i}"), ox.NamedNode("http://e/p"), ox.Literal("x" * 100)))
    return s


def test_results_rows_and_bytes_limits(store):
    media, body = encode(store.query("SELECT * { ?s ?p ?o }"), MEDIA, 10)
    assert media == MEDIA["solutions"] and body.count(b'"s":{') == 10
    with pytest.raises(ResultTooLarge, match="more than 9 rows"):
        encode(store.query("SELECT * { ?s ?p ?o }"), MEDIA, 9)
    with pytest.raises(ResultTooLarge, match="more than 9 triples"):
        encode(store.query("CONSTRUCT WHERE { ?s ?p ?o }"), MEDIA, 9)
    with pytest.raises(ResultTooLarge, match="more than 500 bytes"):
        encode(store.query('SELECT (GROUP_CONCAT(?o) AS ?all) { ?s ?p ?o }'), MEDIA, 10, max_bytes=500)


def test_results_every_kind_in_its_format(store):
    assert encode(store.query("ASK { ?s ?p ?o }"), MEDIA, 1)[1].startswith(b"<?xml")
    media, body = encode(store.query("CONSTRUCT WHERE { ?s ?p ?o }"), MEDIA, 10)
    assert media == "text/turtle" and len(list(ox.parse(body, ox.RdfFormat.TURTLE))) == 10
    with pytest.raises(NoAcceptableFormat):
        encode(store.query("ASK {}"), {"boolean": None}, 1)


def test_results_store_triples_and_parsed_triples_encode_alike(store):
    """A store's CONSTRUCT is written by its own serializer (no Python object per triple), a
    remote store's parsed answer by ox.serialize: the same bytes, the same limits."""
    from api.results import NTRIPLES, parse_wire

    media = {"graph": NTRIPLES}
    _, body = encode(store.query("CONSTRUCT WHERE { ?s ?p ?o }"), media, 10)
    assert body.count(b"\n") == 10
    assert encode(parse_wire("graph", body), media, 10)[1] == body
    for triples in (lambda: store.query("CONSTRUCT WHERE { ?s ?p ?o }"), lambda: parse_wire("graph", body)):
        with pytest.raises(ResultTooLarge, match="the result has more than"):
            encode(triples(), media, 10, max_bytes=500)
        with pytest.raises(ResultTooLarge, match="more than 9 triples"):
            encode(triples(), media, 9)
