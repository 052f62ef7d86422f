"""Network exports: GraphML read back by networkx and python-igraph with every attribute and
its declared type, CSV edge/node lists with every attribute, JSON, the matrix, and `kg network`.

No copy of the GraphML XML schema could be found to vendor (graphml.xsd redefines
graphml-structure.xsd, which no stored repository holds), so the GraphML structure rules the
schema enforces are checked here instead: the namespace, keys before graphs, each key with
for/attr.name/attr.type, each <data> naming a declared key of its element's domain, edges
between declared nodes.
"""
import csv
import io
import json
import xml.etree.ElementTree as ET

import igraph
import networkx as nx
import pytest

from kg import cli
from kg.networks import build, parse, sequence
from kg.networks.export import GRAPHML_NS, render
from network_fixtures import A, B, C, P1, network_store

G = "{%s}" % GRAPHML_NS


@pytest.fixture(scope="module")
def store():
    s = network_store()
    yield s
    s.close()


@pytest.fixture(scope="module")
def conflict(store):
    return [build(store, parse({"type": "conflict", "normalization": "jaccard"}))]


@pytest.fixture(scope="module")
def affiliation(store):
    return [build(store, parse({"type": "affiliation"}))]


def check_graphml_structure(text: str) -> ET.Element:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == G + "graphml"
    children = [c.tag for c in root]
    assert children.index(G + "graph") > max(i for i, t in enumerate(children) if t == G + "key")
    keys = {}
    for key in root.findall(G + "key"):
        assert key.get("for") in ("node", "edge") and key.get("attr.name")
        assert key.get("attr.type") in ("boolean", "int", "long", "float", "double", "string")
        keys[key.get("id")] = key.get("for")
    for graph in root.findall(G + "graph"):
        assert graph.get("edgedefault") in ("directed", "undirected")
        ids = [n.get("id") for n in graph.findall(G + "node")]
        assert len(ids) == len(set(ids))
        for element in graph:
            assert element.tag in (G + "node", G + "edge")
            for data in element.findall(G + "data"):
                assert keys[data.get("key")] == element.tag[len(G):]
        for edge in graph.findall(G + "edge"):
            assert edge.get("source") in ids and edge.get("target") in ids
    return root


def test_networks_export_graphml_opens_in_networkx_with_typed_attributes(conflict):
    text = render(conflict, "graphml")
    check_graphml_structure(text)
    graph = nx.read_graphml(io.BytesIO(text.encode("utf-8")))
    assert not graph.is_directed() and set(graph.nodes) == {A, B, C}
    assert graph.nodes[A]["label"] == "Anna A" and graph.nodes[A]["party"] == "Partei P"
    assert graph.nodes[A]["statements"] == 3 and graph.nodes[A]["kind"] == "person"
    assert graph.edges[A, C]["weight"] == pytest.approx(0.5) and graph.edges[A, C]["type"] == "conflict"
    assert graph.edges[A, C]["conflict"] == 2


def test_networks_export_graphml_opens_in_igraph(affiliation, tmp_path):
    text = render(affiliation, "graphml")
    check_graphml_structure(text)
    (tmp_path / "a.graphml").write_text(text, encoding="utf-8")
    graph = igraph.Graph.Read_GraphML(str(tmp_path / "a.graphml"))
    assert graph.is_directed() and graph.vcount() == 5 and graph.ecount() == 5
    by_id = {v["id"]: v for v in graph.vs}
    assert by_id[P1]["mode"] == "proposition" and by_id[A]["label"] == "Anna A"
    edge = graph.es[graph.get_eid(by_id[A].index, by_id[P1].index)]
    assert edge["weight"] == 2.0 and edge["side"] == "for"


def test_networks_export_graphml_sequence_one_graph_per_window(store):
    text = render(sequence(store, parse({"window": "10"})), "graphml")
    assert len(check_graphml_structure(text).findall(G + "graph")) == 4


def test_networks_export_csv_keeps_every_attribute(conflict):
    edges = list(csv.DictReader(io.StringIO(render(conflict, "csv"))))
    assert list(edges[0])[:3] == ["source", "target", "weight"]
    assert {"type", "congruence", "conflict"} <= set(edges[0])
    nodes = {r["id"]: r for r in csv.DictReader(io.StringIO(render(conflict, "nodes")))}
    assert nodes[A] == {"id": A, "label": "Anna A", "mode": "actor", "kind": "person", "party": "Partei P",
                        "statements": "3"}


def test_networks_export_matrix_and_json(affiliation, conflict):
    rows = list(csv.reader(io.StringIO(render(affiliation, "matrix"))))
    header = rows[0]
    cells = {r[0]: dict(zip(header[1:], r[1:])) for r in rows[1:]}
    assert cells[A][P1] == "2" and cells[C][P1] == "1" and set(cells) == {A, B, C}
    square = {r[0]: r[1:] for r in list(csv.reader(io.StringIO(render(conflict, "matrix"))))[1:]}
    assert len(square) == 3 and all(len(v) == 3 for v in square.values())
    data = json.loads(render(conflict, "json"))
    assert data["networks"][0]["type"] == "conflict" and len(data["networks"][0]["edges"]) == 3


def test_networks_cli_writes_graphml(tmp_path, monkeypatch, capsys):
    import kg.commands.network as command

    monkeypatch.setattr(command, "open_from_args", lambda args, read_only: network_store())
    out = tmp_path / "n.graphml"
    assert cli.main(["network", "--type", "conflict", "--min-weight", "2", "-o", str(out)]) == 0
    graph = nx.read_graphml(out)
    assert set(graph.edges) in ({(A, C)}, {(C, A)})
    assert cli.main(["network", "--normalization", "bogus"]) == 2
    assert "normalization must be one of" in capsys.readouterr().err
