"""SPARQL Update requests that replace named graphs in batches, for remote stores and kg push.

Kept apart from the HTTP side so the batching rules can be tested without a server:
a replaced graph's DROP rides with its first INSERT (re-running never duplicates),
blank-node groups never straddle two requests (labels are scoped to one request),
and blank nodes go through INSERT {..} WHERE {} because Virtuoso refuses them in
INSERT DATA.
"""
from __future__ import annotations

from typing import Iterable, Iterator

import pyoxigraph as ox

Operation = tuple  # (graph IRI, list[ox.Triple], replace: bool)


def update_requests(operations: Iterable[Operation], batch_size: int) -> Iterator[tuple[str, list[Operation]]]:
    """SPARQL Update requests (text, and the operations it holds) for (graph, triples,
    replace?) operations.

    A replaced graph's DROP travels with its first INSERT, so re-running an
    interrupted sequence never duplicates; small operations share a request, and
    a graph larger than `batch_size` is split, keeping blank-node groups whole.
    """
    chunk, size = [], 0
    for iri, triples, replace in operations:
        for index, batch in enumerate(batches(triples, batch_size) or [[]]):
            if chunk and size + len(batch) > batch_size:
                yield update_text(chunk), chunk
                chunk, size = [], 0
            chunk.append((iri, batch, replace and index == 0))
            size += len(batch)
    if chunk:
        yield update_text(chunk), chunk


def update_text(chunk: list[Operation]) -> str:
    """DROPs, then INSERT DATA, or INSERT {..} WHERE {} when blank nodes occur: Virtuoso
    refuses blank nodes in INSERT DATA, and a template over one empty solution inserts
    the same triples."""
    operations = [f"DROP SILENT GRAPH <{iri}>" for iri, _, drop in chunk if drop]
    inserts = [f"GRAPH <{iri}> {{\n{ntriples(batch)}}}" for iri, batch, _ in chunk if batch]
    if inserts:
        body = "{\n" + "\n".join(inserts) + "\n}"
        blank = any(_has_blank_node(t) for _, batch, _ in chunk for t in batch)
        operations.append(f"INSERT {body} WHERE {{}}" if blank else f"INSERT DATA {body}")
    return " ;\n".join(operations)


def _has_blank_node(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def batches(triples: list[ox.Triple], size: int) -> list[list[ox.Triple]]:
    """Split into batches of at most `size` triples (a blank-node group may exceed it):
    blank-node labels are scoped to one request, so a group split across two would
    arrive as two different nodes."""
    groups = _blank_node_groups(triples)
    result, current = [], []
    for group in groups:
        if current and len(current) + len(group) > size:
            result.append(current)
            current = []
        current.extend(group)
    if current:
        result.append(current)
    return result


def _blank_node_groups(triples: list[ox.Triple]) -> list[list[ox.Triple]]:
    """Triples connected through blank nodes stay together (union-find on blank nodes)."""
    parent: dict[ox.BlankNode, ox.BlankNode] = {}

    def find(node):
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for t in triples:
        nodes = [n for n in (t.subject, t.object) if isinstance(n, ox.BlankNode)]
        for other in nodes[1:]:
            parent[find(other)] = find(nodes[0])
    groups: dict[object, list[ox.Triple]] = {}
    plain = []
    for t in triples:
        node = t.subject if isinstance(t.subject, ox.BlankNode) else t.object
        if isinstance(node, ox.BlankNode):
            groups.setdefault(find(node), []).append(t)
        else:
            plain.append([t])
    return plain + list(groups.values())


def ntriples(triples: Iterable[ox.Triple]) -> str:
    return ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES).decode()
