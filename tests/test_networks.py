"""Discourse networks (kg.networks): every type and normalisation checked against numbers
computed by hand from the tiny store of tests/network_fixtures.py.

x (statements): A: p1+ 2, p2− 1 (n=3, ‖x‖=√5); B: p1+ 1, p2+ 1 (n=2, ‖x‖=√2); C: p1− 1 (n=1).
Congruence A–B = 2·1 = 2; conflict A–B = 1·1 = 1 (p2), A–C = 2·1 = 2, B–C = 1·1 = 1 (p1).
"""
import math

import pytest

from kg.networks import NetworkOptionError, build, parse, sequence
from kg.networks.compute import matrix, two_mode
from kg.networks.query import Count
from network_fixtures import A, B, C, I1, P, P1, P2, network_store


@pytest.fixture(scope="module")
def store():
    s = network_store()
    yield s
    s.close()


def weights(store, **params):
    net = build(store, parse({k.replace("from_", "from"): str(v) for k, v in params.items()}))
    return {frozenset((e["source"], e["target"])) if net.type in ("congruence", "conflict", "subtract")
            else (e["source"], e["target"]): round(e["weight"], 4) for e in net.edges}


def pair(x, y):
    return frozenset((x, y))


@pytest.mark.parametrize("normalization, congruence, conflict", [
    ("none", {pair(A, B): 2}, {pair(A, B): 1, pair(A, C): 2, pair(B, C): 1}),
    # (n_i + n_i') / 2: A–B 2.5, A–C 2, B–C 1.5
    ("average", {pair(A, B): 0.8}, {pair(A, B): 0.4, pair(A, C): 1.0, pair(B, C): round(1 / 1.5, 4)}),
    # A–B share the cell (p1,+): (3 − 2) + (2 − 1) + 2 = 4; A–C: 3 + 1 + 0; B–C: 2 + 1 + 0
    ("jaccard", {pair(A, B): 0.5}, {pair(A, B): 0.25, pair(A, C): 0.5, pair(B, C): round(1 / 3, 4)}),
    # ‖A‖·‖B‖ = √10, ‖A‖·‖C‖ = √5, ‖B‖·‖C‖ = √2
    ("cosine", {pair(A, B): round(2 / math.sqrt(10), 4)},
     {pair(A, B): round(1 / math.sqrt(10), 4), pair(A, C): round(2 / math.sqrt(5), 4),
      pair(B, C): round(1 / math.sqrt(2), 4)}),
])
def test_networks_one_mode_by_hand(store, normalization, congruence, conflict):
    assert weights(store, type="congruence", normalization=normalization) == congruence
    assert weights(store, type="conflict", normalization=normalization) == conflict
    subtract = {k: round(congruence.get(k, 0) - conflict.get(k, 0), 4) for k in set(congruence) | set(conflict)}
    assert weights(store, type="subtract", normalization=normalization) == pytest.approx(subtract, abs=2e-4)


def test_networks_subtract_edges_say_which_side_wins(store):
    net = build(store, parse({"type": "subtract"}))
    kinds = {frozenset((e["source"], e["target"])): e["type"] for e in net.edges}
    assert kinds == {pair(A, B): "congruence", pair(A, C): "conflict", pair(B, C): "conflict"}


def test_networks_two_mode_by_hand(store):
    assert weights(store, type="affiliation") == {(A, P1): 2, (A, P2): 1, (B, P1): 1, (B, P2): 1, (C, P1): 1}
    assert weights(store, type="affiliation", normalization="activity")[(A, P1)] == round(2 / 3, 4)
    assert weights(store, type="affiliation", normalization="prominence")[(A, P1)] == 0.5  # 2 of 4 on p1
    assert weights(store, type="actor-issue") == {(A, I1): 2, (B, I1): 1, (C, I1): 1}  # p2 has no issue
    net = build(store, parse({"type": "affiliation"}))
    sides = {(e["source"], e["target"]): e["side"] for e in net.edges}
    assert sides[(A, P2)] == "against" and sides[(B, P2)] == "for"
    assert {n["id"]: n["mode"] for n in net.nodes}[P1] == "proposition"


def test_networks_two_mode_side_both():
    x = matrix([Count("a", "p", True, 2), Count("a", "p", False, 1)])
    assert two_mode(x, "none") == [{"source": "a", "target": "p", "weight": 3.0, "side": "both",
                                    "support": 2, "oppose": 1}]


def test_networks_slices(store):
    # from/to keep A p1+ (01-05), A p2− (01-10), B p2+ (01-20): only the p2 conflict is left
    assert weights(store, type="conflict", from_="2025-01-03", to="2025-01-31") == {pair(A, B): 1}
    assert weights(store, type="congruence", from_="2025-01-03", to="2025-01-31") == {}
    # topic t1 holds issue i1, so only p1 statements count
    assert weights(store, type="conflict", topic="t1") == {pair(A, C): 2, pair(B, C): 1}
    assert weights(store, type="conflict", kind="person") == {pair(A, B): 1}
    assert weights(store, type="affiliation", party="Partei P") == {(A, P1): 2, (A, P2): 1}
    assert weights(store, type="conflict", min_weight=2) == {pair(A, C): 2}
    # each actor once per proposition and side: A's two p1+ statements count 1
    assert weights(store, type="congruence", qualifier="each") == {pair(A, B): 1}


def test_networks_persons_aggregate_into_their_party(store):
    net = build(store, parse({"type": "conflict", "aggregate": "true"}))
    assert {n["id"] for n in net.nodes} == {P, B, C}
    assert {frozenset((e["source"], e["target"])): e["weight"] for e in net.edges}[pair(P, C)] == 2


def test_networks_node_attributes(store):
    nodes = {n["id"]: n for n in build(store, parse({})).nodes}
    assert nodes[A] == {"id": A, "mode": "actor", "label": "Anna A", "kind": "person", "party": "Partei P",
                        "statements": 3}
    assert nodes[C]["kind"] == "organisation" and nodes[C]["party"] == ""


def test_networks_moving_windows(store):
    windows = sequence(store, parse({"type": "congruence", "window": "10", "step": "10"}))
    assert [(w.start, w.end) for w in windows] == [("2025-01-01", "2025-01-10"), ("2025-01-11", "2025-01-20"),
                                                   ("2025-01-21", "2025-01-30"), ("2025-01-31", "2025-02-09")]
    assert [{frozenset((e["source"], e["target"])): e["weight"] for e in w.edges} for w in windows] == \
        [{pair(A, B): 2}, {}, {}, {}]
    assert [len(w.nodes) for w in windows] == [2, 1, 0, 1]


@pytest.mark.parametrize("params, message", [
    ({"type": "triangle"}, "type must be one of"),
    ({"type": "affiliation", "normalization": "jaccard"}, "for type=affiliation"),
    ({"from": "2025-13-01"}, "from must be a date"),
    ({"from": "2025-02-01", "to": "2025-01-01"}, "is after"),
    ({"window": "-3"}, "window must be a whole number"),
    ({"min_weight": "x"}, "min_weight must be a number"),
    ({"kind": "alien"}, "kind must be one of"),
    ({"topic": "http://x/a b"}, "topic must be"),
])
def test_networks_bad_options_say_which(params, message):
    with pytest.raises(NetworkOptionError, match=message):
        parse(params)


def test_networks_over_the_synthetic_benchmark_graph(tmp_path):
    """bench/synth_graph.py gives positions propositions, sides, actor kinds and parties, so
    bench/network_bench.py measures networks with structure (a small graph here)."""
    import sys
    from pathlib import Path

    import pyoxigraph as ox

    from kg.store import OxigraphStore

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from network_bench import CASES
    from synth_graph import generate

    meta = generate(tmp_path / "s.nq", 30000)
    store = OxigraphStore(in_memory=True)
    store.native.bulk_load(path=str(tmp_path / "s.nq"), format=ox.RdfFormat.N_QUADS)
    congruence = build(store, parse({"type": "congruence"}))
    assert sum(n["statements"] for n in congruence.nodes) == meta["positions"]
    assert congruence.edges and any(n["party"] for n in congruence.nodes if n["kind"] == "person")
    for _, params in CASES:
        assert sequence(store, parse(params))
    store.close()
