"""Discourse networks (issue 14): who sides with whom, for any slice of the graph, over time.

    spec = parse({"type": "congruence", "normalization": "jaccard", "from": "2025-01-01"})
    network = build(store, spec)            # one Network
    windows = sequence(store, spec)         # one Network per moving window (spec.window days)

query.py asks the store for statement counts (SPARQL aggregates), compute.py turns them into
networks with DNA's definitions, export.py writes GraphML, CSV and JSON.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from kg.networks.compute import Network, matrix, one_mode, two_mode
from kg.networks.membership import Membership
from kg.networks.options import NetworkOptionError, Slice, Spec, parse
from kg.networks.query import Count, actor_attributes, proposition_attributes, statement_counts, stored_parties
from kg.store import Store

__all__ = ["Network", "NetworkOptionError", "Slice", "Spec", "build", "parse", "sequence"]
MAX_WINDOWS = 400


def build(store: Store, spec: Spec) -> Network:
    """The network of the whole slice."""
    return _network(spec, _counts(store, spec, by_day=False), _Attributes(store, spec))


def sequence(store: Store, spec: Spec) -> list[Network]:
    """One network per moving window of `spec.window` days, `spec.step` days apart, from the
    slice's first dated statement to its last (undated statements belong to no window).

    :raise NetworkOptionError: the windows would number more than MAX_WINDOWS.
    """
    if not spec.window:
        return [build(store, spec)]
    counts = [c for c in _counts(store, spec, by_day=True) if c.day]
    if not counts:
        return []
    first = date.fromisoformat(spec.slice.date_from or min(c.day for c in counts))
    last = date.fromisoformat(spec.slice.date_to or max(c.day for c in counts))
    starts = []
    start = first
    while True:
        starts.append(start)
        if start + timedelta(days=spec.window - 1) >= last:
            break
        start += timedelta(days=spec.step)
        if len(starts) >= MAX_WINDOWS:
            raise NetworkOptionError(f"window and step give more than {MAX_WINDOWS} windows; "
                                     "choose a larger step or a shorter date range")
    attributes = _Attributes(store, spec)
    out = []
    for start in starts:
        end = start + timedelta(days=spec.window - 1)
        inside = [c for c in counts if start.isoformat() <= c.day <= end.isoformat()]
        network = _network(spec, inside, attributes)
        network.start, network.end = start.isoformat(), end.isoformat()
        out.append(network)
    return out


def _counts(store: Store, spec: Spec, by_day: bool) -> list[Count]:
    """The statement counts. A party slice keeps the party's own statements and those of persons
    who were its members on the statement date; an aggregating slice counts persons as their
    party or government on that date (kg.networks.membership). Both count per day, then map or
    filter, and for qualifier "each" count once per node, proposition and side."""
    where = spec.slice
    if not where.aggregate and not where.party:
        return statement_counts(store, where, by_day=by_day)
    stored = stored_parties(store)
    members = Membership("party", stored)
    nodes = Membership(where.aggregate, stored) if where.aggregate else None
    cells: dict[tuple[str, str, bool, str], int] = {}
    for c in statement_counts(store, replace(where, party=None), by_day=True):
        if where.party and where.party not in (c.actor, members.node(c.actor, c.day)):
            continue
        key = (nodes.node(c.actor, c.day) if nodes else c.actor, c.proposition, c.support, c.day if by_day else "")
        cells[key] = 1 if where.qualifier == "each" else cells.get(key, 0) + c.n
    return [Count(a, p, s, n, day) for (a, p, s, day), n in cells.items()]


class _Attributes:
    """Node attributes read once per request and reused by every window."""

    def __init__(self, store: Store, spec: Spec):
        self.store, self.actors, self.propositions = store, {}, {}
        self.membership = Membership(spec.slice.aggregate, {}) if spec.slice.aggregate else None

    def of_actors(self, iris: list[str]) -> dict:
        missing = [i for i in iris if i not in self.actors]
        self.actors.update(actor_attributes(self.store, missing))
        if self.membership:  # a party or government node the store has no actor for
            self.actors.update({i: self.membership.describe(i) for i in missing if i not in self.actors})
        return self.actors

    def of_propositions(self, iris: list[str]) -> dict:
        missing = [i for i in iris if i not in self.propositions]
        self.propositions.update(proposition_attributes(self.store, missing))
        return self.propositions


def _network(spec: Spec, counts: list[Count], attributes: _Attributes) -> Network:
    if spec.one_mode:
        edges = one_mode(counts, spec.type, spec.normalization, spec.min_weight)
        activity = dict(zip(edges.actors, edges.activity))
    else:
        x = matrix(counts)
        propositions = sorted({p for row in x.values() for p, _ in row})
        about = attributes.of_propositions(propositions)
        column_of = (lambda p: about.get(p, {}).get("issue")) if spec.type == "actor-issue" else None
        edges = two_mode(x, spec.normalization, spec.min_weight, column_of)
        activity = {a: sum(row.values()) for a, row in x.items()}
    actors = sorted(activity)
    known = attributes.of_actors(actors)
    nodes = [{"id": a, "mode": "actor", "label": known.get(a, {}).get("label", a.rsplit("/", 1)[-1]),
              "kind": known.get(a, {}).get("kind", ""), "party": known.get(a, {}).get("party", ""),
              "statements": activity[a]} for a in actors]
    if not spec.one_mode:
        nodes += _column_nodes(edges, about, spec.type)
    return Network(spec.type, spec.normalization, nodes, edges,
                   meta={"qualifier": spec.slice.qualifier, "aggregate": spec.slice.aggregate,
                         "minWeight": spec.min_weight})


def _column_nodes(edges: list[dict], about: dict, type_: str) -> list[dict]:
    """The second mode's nodes: propositions (label, issue) or issues (label)."""
    totals: dict[str, int] = {}
    for e in edges:
        totals[e["target"]] = totals.get(e["target"], 0) + e["support"] + e["oppose"]
    if type_ == "actor-issue":
        labels = {a["issue"]: a["issueLabel"] for a in about.values() if a.get("issue")}
        return [{"id": i, "mode": "issue", "label": labels.get(i) or i.rsplit("/", 1)[-1], "kind": "issue",
                 "party": "", "statements": n} for i, n in sorted(totals.items())]
    return [{"id": p, "mode": "proposition", "label": about.get(p, {}).get("label", p.rsplit("/", 1)[-1]),
             "kind": "proposition", "party": "", "issue": about.get(p, {}).get("issue", ""),
             "statements": n} for p, n in sorted(totals.items())]
