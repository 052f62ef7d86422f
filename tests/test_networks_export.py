"""Network exports: GraphML validated against the GraphML XML schema (tests/schemas/graphml,
see its README) and read back by networkx and python-igraph with every attribute and its
declared type, CSV edge/node lists with every attribute, JSON, the matrix, and `kg network`.
"""
import csv
import io
import json
from pathlib import Path

import igraph
import networkx as nx
import pytest
from lxml import etree

from kg import cli
from kg.networks import build, parse, sequence
from kg.networks.export import GRAPHML_NS, render
from network_fixtures import A, B, C, P1, network_store

G = "{%s}" % GRAPHML_NS
SCHEMA = Path(__file__).resolve().parent / "schemas" / "graphml" / "graphml.xsd"


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


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def check_graphml(schema, text: str):
    """The document is valid GraphML (the schema: NMTOKEN ids, declared and unique keys,
    edges between nodes of their graph, ...) and every <data> uses a key of its element's kind."""
    root = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(root), schema.error_log
    domains = {k.get("id"): k.get("for") for k in root.iter(G + "key")}
    assert all(domains[d.get("key")] == etree.QName(d.getparent()).localname for d in root.iter(G + "data"))
    return root


def read_networkx(text: str) -> nx.Graph:
    """networkx's reading, with nodes named by their `iri` attribute again."""
    graph = nx.read_graphml(io.BytesIO(text.encode("utf-8")))
    return nx.relabel_nodes(graph, {n: d["iri"] for n, d in graph.nodes(data=True)})


def test_networks_export_graphml_schema_catches_iris_as_ids(schema):
    """The check has teeth: IRIs as node ids (what the export wrote before) are no NMTOKENs."""
    bad = f'<graphml xmlns="{GRAPHML_NS}"><graph edgedefault="undirected"><node id="{A}"/></graph></graphml>'
    assert not schema.validate(etree.fromstring(bad.encode()))
    assert "NMTOKEN" in str(schema.error_log)


def test_networks_export_graphml_opens_in_networkx_with_typed_attributes(schema, conflict):
    text = render(conflict, "graphml")
    check_graphml(schema, text)
    graph = read_networkx(text)
    assert not graph.is_directed() and set(graph.nodes) == {A, B, C}
    assert graph.nodes[A]["label"] == "Anna A" and graph.nodes[A]["party"] == "Partei P"
    assert graph.nodes[A]["statements"] == 3 and graph.nodes[A]["kind"] == "person"
    assert graph.edges[A, C]["weight"] == pytest.approx(0.5) and graph.edges[A, C]["type"] == "conflict"
    assert graph.edges[A, C]["conflict"] == 2


def test_networks_export_graphml_opens_in_igraph(schema, affiliation, tmp_path):
    text = render(affiliation, "graphml")
    check_graphml(schema, text)
    (tmp_path / "a.graphml").write_text(text, encoding="utf-8")
    graph = igraph.Graph.Read_GraphML(str(tmp_path / "a.graphml"))
    assert graph.is_directed() and graph.vcount() == 5 and graph.ecount() == 5
    by_id = {v["iri"]: v for v in graph.vs}
    assert by_id[P1]["mode"] == "proposition" and by_id[A]["label"] == "Anna A"
    edge = graph.es[graph.get_eid(by_id[A].index, by_id[P1].index)]
    assert edge["weight"] == 2.0 and edge["side"] == "for"


def test_networks_export_graphml_sequence_one_graph_per_window(schema, store):
    text = render(sequence(store, parse({"window": "10"})), "graphml")
    graphs = check_graphml(schema, text).findall(G + "graph")
    assert len(graphs) == 4
    # an actor keeps its node id in every window it appears in
    ids = [{d.text: n.get("id") for n in g.findall(G + "node") for d in n if d.get("key") == "node_iri"}
           for g in graphs]
    assert ids[0][B] == ids[1][B] and len({i for window in ids for i in window.values()}) == 3


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
    graph = read_networkx(out.read_text(encoding="utf-8"))
    assert set(graph.edges) in ({(A, C)}, {(C, A)})
    assert cli.main(["network", "--normalization", "bogus"]) == 2
    assert "normalization must be one of" in capsys.readouterr().err
