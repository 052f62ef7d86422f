"""Persons counted as their party or government on the statement date (kg.networks.membership),
checked against numbers computed by hand.

The gazetteer (kg/nlp/data/actors) knows: Sahra Wagenknecht in the Linke until 2023-10-23 and in
the BSW from 2024-01-08; Olaf Scholz (SPD) federal finance minister 2018-03-14 – 2021-12-08 and
chancellor until 2025-05-06, then in no office. "Uwe U" is unknown to it; the store says Linke.

    statement                      party on the day    government on the day
    Wagenknecht 2022-05-01 p1 +    Linke               (none: herself)
    Wagenknecht 2025-02-01 p1 +    BSW                 (herself)
    Linke       2022-06-01 p1 +    Linke               Linke
    BSW         2025-03-01 p1 −    BSW                 BSW
    Uwe U       2024-01-01 p1 −    Linke (store)       (himself)
    Scholz      2019-06-01 p1 −    SPD                 Deutschland
    Scholz      2025-08-01 p1 +    SPD                 (himself)
    Deutschland 2023-01-01 p1 +    Deutschland         Deutschland

By party: Linke +2 −1, BSW +1 −1, SPD +1 −1, Deutschland +1. Congruence Σ x·x' (same side):
Linke–BSW 2·1 + 1·1 = 3, Linke–SPD 3, Linke–Deutschland 2, BSW–SPD 2, BSW–Deutschland 1,
SPD–Deutschland 1. Counting Wagenknecht as today's BSW throughout would give Linke–SPD 2 and
Linke–Deutschland 1 instead.
By government: Wagenknecht +2, Linke +1, BSW −1, Uwe −1, Deutschland +1 −1, Scholz +1.
"""
import pytest

from kg import cli, iris
from kg.networks import NetworkOptionError, build, parse
from kg.store import OxigraphStore
from network_fixtures import P1, PREFIXES, _statement

WAGENKNECHT, SCHOLZ, UWE = (iris.actor_iri(n) for n in ("Sahra Wagenknecht", "Olaf Scholz", "Uwe U"))
LINKE, BSW, SPD, DEUTSCHLAND = (iris.actor_iri(n) for n in ("Linke", "BSW", "SPD", "Deutschland"))
STATEMENTS = [(WAGENKNECHT, "Support", "2022-05-01"), (WAGENKNECHT, "Support", "2025-02-01"),
              (LINKE, "Support", "2022-06-01"), (BSW, "Oppose", "2025-03-01"), (UWE, "Oppose", "2024-01-01"),
              (SCHOLZ, "Oppose", "2019-06-01"), (SCHOLZ, "Support", "2025-08-01"),
              (DEUTSCHLAND, "Support", "2023-01-01")]


@pytest.fixture(scope="module")
def store():
    s = OxigraphStore(in_memory=True)
    actors = f"""GRAPH <{iris.ACTORS_GRAPH}> {{
  <{WAGENKNECHT}> a sp:Actor ; rdfs:label "Sahra Wagenknecht" ; sp:actorKind "person" ;
      schema:memberOf <{BSW}>, <{LINKE}> .
  <{SCHOLZ}> a sp:Actor ; rdfs:label "Olaf Scholz" ; sp:actorKind "person" ; schema:memberOf <{SPD}> .
  <{UWE}> a sp:Actor ; rdfs:label "Uwe U" ; sp:actorKind "person" ; schema:memberOf <{LINKE}> .
  <{LINKE}> a sp:Actor ; rdfs:label "Linke" ; sp:actorKind "party" .
  <{BSW}> a sp:Actor ; rdfs:label "BSW" ; sp:actorKind "party" .
  <{DEUTSCHLAND}> a sp:Actor ; rdfs:label "Deutschland" ; sp:actorKind "state" . }}"""
    s.update(PREFIXES + "INSERT DATA {" + actors
             + "".join(_statement(n, actor, P1, side, day) for n, (actor, side, day) in enumerate(STATEMENTS)) + "}")
    yield s
    s.close()


def edges(net) -> dict:
    return {frozenset((e["source"], e["target"])): e["weight"] for e in net.edges}


def pair(x, y):
    return frozenset((x, y))


def test_networks_persons_count_as_their_party_on_the_statement_date(store):
    net = build(store, parse({"type": "congruence", "aggregate": "party"}))
    assert {n["id"]: n["statements"] for n in net.nodes} == {LINKE: 3, BSW: 2, SPD: 2, DEUTSCHLAND: 1}
    assert edges(net) == {pair(LINKE, BSW): 3, pair(LINKE, SPD): 3, pair(LINKE, DEUTSCHLAND): 2,
                          pair(BSW, SPD): 2, pair(BSW, DEUTSCHLAND): 1, pair(SPD, DEUTSCHLAND): 1}
    assert {n["id"]: n["label"] for n in net.nodes}[SPD] == "SPD"  # from the gazetteer: no SPD node stored
    assert build(store, parse({"type": "congruence", "aggregate": "true"})).nodes == net.nodes


def test_networks_persons_count_as_their_government_on_the_statement_date(store):
    net = build(store, parse({"type": "congruence", "aggregate": "government"}))
    assert {n["id"]: n["statements"] for n in net.nodes} == {WAGENKNECHT: 2, LINKE: 1, BSW: 1, UWE: 1,
                                                             DEUTSCHLAND: 2, SCHOLZ: 1}
    assert edges(net) == {pair(WAGENKNECHT, LINKE): 2, pair(WAGENKNECHT, DEUTSCHLAND): 2,
                          pair(WAGENKNECHT, SCHOLZ): 2, pair(LINKE, DEUTSCHLAND): 1, pair(LINKE, SCHOLZ): 1,
                          pair(DEUTSCHLAND, SCHOLZ): 1, pair(BSW, UWE): 1, pair(BSW, DEUTSCHLAND): 1,
                          pair(UWE, DEUTSCHLAND): 1}


def test_networks_aggregate_with_qualifier_each_counts_a_party_once(store):
    # Wagenknecht (2022) and the Linke itself both said p1 +: the Linke counts once
    net = build(store, parse({"type": "congruence", "aggregate": "party", "qualifier": "each"}))
    assert {n["id"]: n["statements"] for n in net.nodes}[LINKE] == 2  # + once, − once
    assert edges(net)[pair(LINKE, SPD)] == 2


def test_networks_party_slice_takes_members_on_the_statement_date(store):
    def affiliation(party):
        net = build(store, parse({"type": "affiliation", "party": party}))
        return {e["source"]: e["weight"] for e in net.edges}

    # the Linke itself, Wagenknecht in 2022 (not in 2025), Uwe U by the store's memberOf
    assert affiliation(LINKE) == {LINKE: 1, WAGENKNECHT: 1, UWE: 1}
    assert affiliation(BSW) == {BSW: 1, WAGENKNECHT: 1}  # her 2025 statement only
    assert affiliation("SPD") == {SCHOLZ: 2}  # a party by name; no statement of its own


def test_networks_aggregate_option(capsys, monkeypatch, store):
    with pytest.raises(NetworkOptionError, match="aggregate must be one of party, government"):
        parse({"aggregate": "state"})
    import kg.commands.network as command

    monkeypatch.setattr(command, "open_from_args", lambda args, read_only: _Borrowed(store))
    assert cli.main(["network", "--aggregate", "government", "--format", "nodes"]) == 0
    assert SCHOLZ in capsys.readouterr().out
    assert cli.main(["network", "--aggregate", "--format", "nodes"]) == 0  # bare flag: party
    assert SCHOLZ not in capsys.readouterr().out


class _Borrowed:
    """The module's store for a command, which closes what it opens."""

    def __init__(self, store):
        self.store = store

    def __enter__(self):
        return self.store

    def __exit__(self, *exc):
        return False
