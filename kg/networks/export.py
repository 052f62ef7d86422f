"""Discourse networks as files network analysts open: GraphML (Gephi, visone, igraph,
networkx), CSV edge and node lists, JSON, and the two-mode matrix as CSV.

Every node and edge attribute is written, with its type declared (GraphML <key attr.type>),
because losing attributes on export is a standing complaint about DNA's exports. A sequence of
windows is one GraphML document with one <graph> per window, or CSV rows with the window's
start and end days.
"""
from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

from kg.networks.compute import Network

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
FORMATS = {"graphml": "application/graphml+xml", "csv": "text/csv", "nodes": "text/csv",
           "json": "application/json", "matrix": "text/csv"}


def render(networks: list[Network], fmt: str) -> str:
    """The networks in `fmt` (a key of FORMATS)."""
    return {"graphml": graphml, "csv": edges_csv, "nodes": nodes_csv, "json": to_json,
            "matrix": matrix_csv}[fmt](networks)


def _type_of(values) -> str:
    values = [v for v in values if v is not None]
    if values and all(isinstance(v, bool) for v in values):
        return "boolean"
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "long"
    if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "double"
    return "string"


def _keys(items: list[dict], skip: tuple[str, ...]) -> dict[str, str]:
    names = sorted({k for item in items for k in item if k not in skip})
    return {name: _type_of([item.get(name) for item in items]) for name in names}


def _value(value, type_: str) -> str:
    if type_ == "boolean":
        return "true" if value else "false"
    if type_ == "double":
        return repr(float(value))
    return escape(str(value))


def graphml(networks: list[Network]) -> str:
    """GraphML 1.0 that validates against the GraphML schema (graphml.xsd, tests/schemas/graphml),
    with typed keys (node_*, edge_*), undirected one-mode graphs and two-mode graphs directed
    actor → proposition. Node ids must be XML name tokens, which IRIs are not, so a node is
    `n` and its index among every node IRI of the document (the same id in every window)
    and carries its IRI as the `iri` attribute."""
    nodes = [n for net in networks for n in net.nodes]
    edges = [e for net in networks for e in net.edges]
    number = {iri: f"n{k}" for k, iri in enumerate(sorted({n["id"] for n in nodes}))}
    node_keys, edge_keys = _keys(nodes, ("id",)) | {"iri": "string"}, _keys(edges, ("source", "target"))
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           f'xsi:schemaLocation="{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">']
    for domain, keys in (("node", node_keys), ("edge", edge_keys)):
        for name, type_ in keys.items():
            out.append(f'  <key id="{domain}_{name}" for="{domain}" attr.name="{name}" attr.type="{type_}"/>')
    for index, net in enumerate(networks):
        directed = "undirected" if net.type in ("congruence", "conflict", "subtract") else "directed"
        name = f"{net.type}-{net.normalization}" + (f"-{net.start}-{net.end}" if net.start else "")
        out.append(f'  <graph id={quoteattr(name if len(networks) == 1 else f"w{index}-{name}")} '
                   f'edgedefault="{directed}">')
        for node in net.nodes:
            out.append(f'    <node id="{number[node["id"]]}">')
            out += _data("node", node | {"iri": node["id"]}, node_keys)
            out.append("    </node>")
        for e in net.edges:
            out.append(f'    <edge source="{number[e["source"]]}" target="{number[e["target"]]}">')
            out += _data("edge", e, edge_keys)
            out.append("    </edge>")
        out.append("  </graph>")
    out.append("</graphml>")
    return "\n".join(out) + "\n"


def _data(domain: str, item: dict, keys: dict[str, str]) -> list[str]:
    return [f'      <data key="{domain}_{name}">{_value(item[name], type_)}</data>'
            for name, type_ in keys.items() if item.get(name) is not None]


def _csv(rows: list[dict], first: list[str]) -> str:
    columns = first + sorted({k for r in rows for k in r} - set(first))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _windowed(net: Network, items: list[dict], many: bool) -> list[dict]:
    return [({"start": net.start, "end": net.end} if many else {}) | item for item in items]


def edges_csv(networks: list[Network]) -> str:
    many = len(networks) > 1
    rows = [r for net in networks for r in _windowed(net, net.edges, many)]
    return _csv(rows, (["start", "end"] if many else []) + ["source", "target", "weight"])


def nodes_csv(networks: list[Network]) -> str:
    many = len(networks) > 1
    rows = [r for net in networks for r in _windowed(net, net.nodes, many)]
    return _csv(rows, (["start", "end"] if many else []) + ["id", "label", "mode", "kind", "party"])


def matrix_csv(networks: list[Network]) -> str:
    """The (last) network as a matrix: rows actors, columns the other nodes (two-mode) or the
    actors again (one-mode), cells the edge weight, 0 where there is no edge; IRIs as headers."""
    net = networks[-1]
    rows = [n["id"] for n in net.nodes if n["mode"] == "actor"]
    columns = [n["id"] for n in net.nodes if n["mode"] != "actor"] or rows
    cell = {(e["source"], e["target"]): e["weight"] for e in net.edges}
    if columns is rows:
        cell |= {(t, s): w for (s, t), w in list(cell.items())}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([""] + columns)
    for r in rows:
        writer.writerow([r] + [_number(cell.get((r, c), 0)) for c in columns])
    return buffer.getvalue()


def _number(value) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def as_dict(net: Network) -> dict:
    return {"type": net.type, "normalization": net.normalization, "start": net.start, "end": net.end,
            **net.meta, "nodes": net.nodes, "edges": net.edges}


def to_json(networks: list[Network]) -> str:
    """{"networks": [...]}, one entry per window (one entry when there are no windows)."""
    return json.dumps({"networks": [as_dict(n) for n in networks]}, ensure_ascii=False)
