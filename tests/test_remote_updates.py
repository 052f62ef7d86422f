"""Batching of graph replacements into SPARQL Update requests (no server needed)."""
from __future__ import annotations

import pyoxigraph as ox

from kg.remote_updates import batches, update_requests


def _triples(text: str) -> list[ox.Triple]:
    return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(text.encode(), ox.RdfFormat.TURTLE)]


def test_remote_batches_keep_blank_node_groups_whole():
    triples = _triples("""@prefix : <http://ex/> .
        :a :p 1, 2, 3 . :a :list ( 1 2 3 ) . :b :q [ :r [ :s 4 ] ] .""")
    parts = batches(triples, 2)
    assert sum(len(b) for b in parts) == len(triples)
    for node in {t.object for t in triples if isinstance(t.object, ox.BlankNode)}:
        holding = [i for i, b in enumerate(parts) if any(node in (t.subject, t.object) for t in b)]
        assert len(holding) == 1, f"blank node {node} split over batches {holding}"


def test_remote_update_requests_drop_each_graph_with_its_first_batch():
    big, small = _triples("@prefix : <http://ex/> . :a :p 1, 2, 3, 4, 5 ."), _triples("<http://ex/b> <http://ex/p> 1 .")
    requests = [text for text, _ in update_requests([("http://ex/g1", big, True), ("http://ex/g2", small, True),
                                     ("http://ex/g3", small, False)], 2)]
    assert requests[0].startswith("DROP SILENT GRAPH <http://ex/g1> ;\nINSERT DATA {")
    assert sum(r.count("DROP SILENT GRAPH <http://ex/g1>") for r in requests) == 1
    assert sum(r.count("DROP SILENT GRAPH <http://ex/g2>") for r in requests) == 1
    assert not any("DROP SILENT GRAPH <http://ex/g3>" in r for r in requests)
    assert sum(r.count(" .\n") for r in requests) == 7
    blank = _triples("<http://ex/a> <http://ex/p> [] .")
    assert "INSERT {" in next(iter(update_requests([("http://ex/g", blank, True)], 5)))[0]
