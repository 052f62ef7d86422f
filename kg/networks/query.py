"""The statement counts a discourse network is made of, as SPARQL aggregates in the store.

One row per (actor, proposition, side[, day]) with the number of positions: the x[i,j,k]
of Leifeld's notation, counted by the store (GROUP BY ... COUNT), so a network over a million
triples never loads its positions into Python. Topic slices are resolved first to the set of
concepts under the topic (skos:broader across the topics and issues graphs), then matched on
the position's topic or its proposition's issue.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from kg import iris
from kg.closure import reachable
from kg.effective import effective
from kg.networks.options import Slice
from kg.store import Store

PREFIXES = """PREFIX sp: <https://w3id.org/standpunkt/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
# month precision counts as the first of its month, undated as ""
DAY = 'IF(BOUND(?date), IF(STRLEN(STR(?date)) = 7, CONCAT(STR(?date), "-01"), SUBSTR(STR(?date), 1, 10)), "")'
SUPPORT = iris.ONTOLOGY + "Support"


@dataclass(frozen=True)
class Count:
    """x[i,j,k]: statements of `actor` on `proposition` with `side` (True = support) on `day`."""
    actor: str
    proposition: str
    support: bool
    n: int
    day: str = ""


def statement_counts(store: Store, where: Slice, *, by_day: bool = False) -> list[Count]:
    """The slice's statement counts (all but its party, which kg.networks applies with the
    membership on the statement date), per day when `by_day` (for moving windows and for
    persons counted as their party or government on the statement date).

    With `where.qualifier == "each"` every count is 1: an actor is counted once per
    proposition and side (per day, when by day), however often it repeated itself.
    """
    dated = by_day or where.date_from or where.date_to
    group = "?actor ?p ?side" + (" ?day" if by_day else "")
    header, rows = select(store, PREFIXES + f"""
SELECT {group} (COUNT(DISTINCT ?pos) AS ?n) WHERE {{
  GRAPH ?g {{ ?pos sp:proposition ?p ; sp:side ?side ; sp:holder ?actor .
             {"OPTIONAL { ?pos dcterms:date ?date }" if dated else ""} }}
  {effective("pos")}
  {_filters(store, where, dated)}
}} GROUP BY {group}""")
    each = where.qualifier == "each"
    day = header.index("day") if by_day else None
    a, p, s, n = (header.index(v) for v in ("actor", "p", "side", "n"))
    return [Count(r[a], r[p], r[s] == SUPPORT, 1 if each else int(r[n]), r[day] if by_day else "")
            for r in rows]


def select(store: Store, sparql: str) -> tuple[list[str], list[list[str]]]:
    """A SELECT's variable names and rows of plain strings, read from SPARQL CSV results
    (IRIs and lexical forms, "" when unbound): tens of thousands of count rows without an
    rdflib term per value, which took as long as the store's aggregate itself."""
    reader = csv.reader(io.StringIO(store.query_raw(sparql, "text/csv").decode("utf-8")))
    return next(reader, []), list(reader)


def _filters(store: Store, where: Slice, dated: bool) -> str:
    parts = [f"BIND({DAY} AS ?day)"] if dated else []
    if where.date_from:
        parts.append(f'FILTER(?day != "" && ?day >= "{where.date_from}")')
    if where.date_to:
        parts.append(f'FILTER(?day != "" && ?day <= "{where.date_to}")')
    if where.topic:
        concepts = " ".join(f"<{c}>" for c in concepts_under(store, where.topic))
        parts.append(f"FILTER EXISTS {{ VALUES ?c {{ {concepts} }} "
                     "{ GRAPH ?gt { ?pos sp:topic ?c } } UNION { GRAPH ?gi { ?p sp:issue ?c } } }")
    actors = f"<{iris.ACTORS_GRAPH}>"
    if where.kinds:
        kinds = " ".join(f'"{k}"' for k in where.kinds)
        parts.append(f"VALUES ?kind {{ {kinds} }} GRAPH {actors} {{ ?actor sp:actorKind ?kind }}")
    return "\n  ".join(parts)


def concepts_under(store: Store, concept: str) -> list[str]:
    """The concept and every concept under it by skos:broader, across graphs (issues hang under
    topics of another graph, so one property path inside one GRAPH would stop at the border)."""
    rows = store.query(PREFIXES + "SELECT DISTINCT ?c ?b WHERE { GRAPH ?g { ?c skos:broader ?b } }")
    narrower: dict[str, set[str]] = {}
    for r in rows:
        narrower.setdefault(str(r["b"]), set()).add(str(r["c"]))
    return sorted(reachable(narrower, concept))


def actor_attributes(store: Store, actors: list[str]) -> dict[str, dict]:
    """label, kind and party (IRI and label) of each actor, from the actors graph: three
    plain lookups (one grouped query with OPTIONALs took 0.6 s for 2,000 actors, these 0.05 s);
    where an actor has several values, the smallest."""
    if not actors:
        return {}
    graph, values = f"<{iris.ACTORS_GRAPH}>", " ".join(f"<{a}>" for a in actors)

    def lookup(pattern: str) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for row in select(store, PREFIXES + f"SELECT * WHERE {{ VALUES ?a {{ {values} }} GRAPH {graph} {{ {pattern} }} }}")[1]:
            found[row[0]] = min(found.get(row[0], row[1:]), row[1:])
        return found

    labels, kinds = lookup("?a rdfs:label ?l"), lookup("?a sp:actorKind ?k")
    parties = lookup("?a schema:memberOf ?party OPTIONAL { ?party rdfs:label ?pl }")
    out = {}
    for a in actors:
        if a not in labels and a not in kinds and a not in parties:
            continue  # not in the actors graph (a party or government node of kg.networks.membership)
        label, kind = labels.get(a, [a.rsplit("/", 1)[-1]])[0], kinds.get(a, [""])[0]
        party_iri, party_label = parties.get(a, ["", ""])
        out[a] = {"label": label, "kind": kind, "party": party_label or (label if kind == "party" else ""),
                  "partyIri": party_iri}
    return out


def stored_parties(store: Store) -> dict[str, str]:
    """Each person's party as the store records it (schema:memberOf, undated; the smallest
    IRI when it records several), for persons the gazetteer does not know."""
    parties: dict[str, str] = {}
    for person, party in select(store, PREFIXES + f"""SELECT DISTINCT ?a ?party WHERE {{
  GRAPH <{iris.ACTORS_GRAPH}> {{ ?a schema:memberOf ?party }} }}""")[1]:
        parties[person] = min(parties.get(person, party), party)
    return parties


def proposition_attributes(store: Store, propositions: list[str]) -> dict[str, dict]:
    """label, issue IRI and issue label of each proposition.

    Every article graph repeats its propositions' nodes, so label and issue are read in
    separate DISTINCT queries: joining them across graphs multiplied the rows by the
    number of articles per proposition (minutes on the benchmark graph)."""
    if not propositions:
        return {}
    values = " ".join(f"<{p}>" for p in propositions)
    labels, issues = {}, {}
    for p, label in select(store, PREFIXES + f"""SELECT DISTINCT ?p ?l WHERE {{ VALUES ?p {{ {values} }}
  GRAPH ?g {{ ?p a sp:Proposition ; rdfs:label ?l }} }}""")[1]:
        labels[p] = min(labels.get(p, label), label)
    for p, issue in select(store, PREFIXES + f"""SELECT DISTINCT ?p ?i WHERE {{ VALUES ?p {{ {values} }}
  GRAPH ?g {{ ?p sp:issue ?i }} }}""")[1]:
        issues[p] = min(issues.get(p, issue), issue)
    issue_labels = {}
    if issues:
        for i, label in select(store, PREFIXES + f"""SELECT DISTINCT ?i ?l WHERE {{
  VALUES ?i {{ {" ".join(f"<{i}>" for i in set(issues.values()))} }}
  GRAPH ?g {{ ?i skos:prefLabel ?l FILTER(LANGMATCHES(LANG(?l), "de")) }} }}""")[1]:
            issue_labels[i] = min(issue_labels.get(i, label), label)
    return {p: {"label": labels.get(p) or p.rsplit("/", 1)[-1], "issue": issues.get(p, ""),
                "issueLabel": issue_labels.get(issues.get(p, ""), "")}
            for p in propositions if p in labels or p in issues}
