"""The statement counts a discourse network is made of, as SPARQL aggregates in the store.

One row per (actor, proposition, side[, day]) with the number of positions: the x[i,j,k]
of Leifeld's notation, counted by the store (GROUP BY ... COUNT), so a network over a million
triples never loads its positions into Python. Topic slices are resolved first to the set of
concepts under the topic (skos:broader across the topics and issues graphs), then matched on
the position's topic or its proposition's issue.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg import iris
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
    """The slice's statement counts, per day when `by_day` (for moving windows).

    With `where.qualifier == "each"` every count is 1: an actor is counted once per
    proposition and side (per day, when by day), however often it repeated itself.
    """
    node = "?node" if where.aggregate else "?actor"
    group = f"{node} ?p ?side" + (" ?day" if by_day else "")
    rows = store.query(PREFIXES + f"""
SELECT {group} (COUNT(DISTINCT ?pos) AS ?n) WHERE {{
  GRAPH ?g {{ ?pos sp:proposition ?p ; sp:side ?side ; sp:holder ?actor .
             {"OPTIONAL { ?pos dcterms:date ?date }" if by_day or where.date_from or where.date_to else ""} }}
  {_filters(store, where)}
}} GROUP BY {group}""")
    each = where.qualifier == "each"
    return [Count(str(r[node[1:]]), str(r["p"]), str(r["side"]) == SUPPORT,
                  1 if each else int(r["n"].toPython()), str(r["day"]) if by_day else "")
            for r in rows]


def _filters(store: Store, where: Slice) -> str:
    parts = [f"BIND({DAY} AS ?day)"]
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
    if where.party:
        parts.append(f"FILTER(?actor = <{where.party}> || EXISTS {{ GRAPH {actors} "
                     f"{{ ?actor schema:memberOf <{where.party}> }} }})")
    if where.aggregate:
        parts.append(f"OPTIONAL {{ GRAPH {actors} {{ ?actor schema:memberOf ?party }} }} "
                     "BIND(COALESCE(?party, ?actor) AS ?node)")
    return "\n  ".join(parts)


def concepts_under(store: Store, concept: str) -> list[str]:
    """The concept and every concept under it by skos:broader, across graphs (issues hang under
    topics of another graph, so one property path inside one GRAPH would stop at the border)."""
    rows = store.query(PREFIXES + "SELECT DISTINCT ?c ?b WHERE { GRAPH ?g { ?c skos:broader ?b } }")
    narrower: dict[str, set[str]] = {}
    for r in rows:
        narrower.setdefault(str(r["b"]), set()).add(str(r["c"]))
    found, todo = {concept}, [concept]
    while todo:
        for child in narrower.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return sorted(found)


def actor_attributes(store: Store, actors: list[str]) -> dict[str, dict]:
    """label, kind and party (IRI and label) of each actor, from the actors graph."""
    if not actors:
        return {}
    rows = store.query(PREFIXES + f"""
SELECT ?a (MIN(STR(?l)) AS ?label) (MIN(?k) AS ?kind) (MIN(STR(?party)) AS ?partyIri) (MIN(STR(?pl)) AS ?partyLabel)
WHERE {{ VALUES ?a {{ {" ".join(f"<{a}>" for a in actors)} }}
  GRAPH <{iris.ACTORS_GRAPH}> {{ OPTIONAL {{ ?a rdfs:label ?l }} OPTIONAL {{ ?a sp:actorKind ?k }}
    OPTIONAL {{ ?a schema:memberOf ?party OPTIONAL {{ ?party rdfs:label ?pl }} }} }}
}} GROUP BY ?a""")
    out = {}
    for r in rows:
        kind = str(r["kind"]) if "kind" in r else ""
        party_label = str(r["partyLabel"]) if "partyLabel" in r else ""
        label = str(r["label"]) if "label" in r else str(r["a"]).rsplit("/", 1)[-1]
        out[str(r["a"])] = {"label": label, "kind": kind,
                            "party": party_label or (label if kind == "party" else ""),
                            "partyIri": str(r["partyIri"]) if "partyIri" in r else ""}
    return out


def proposition_attributes(store: Store, propositions: list[str]) -> dict[str, dict]:
    """label, issue IRI and issue label of each proposition."""
    if not propositions:
        return {}
    rows = store.query(PREFIXES + f"""
SELECT ?p (MIN(STR(?l)) AS ?label) (MIN(STR(?i)) AS ?issue) (MIN(STR(?il)) AS ?issueLabel)
WHERE {{ VALUES ?p {{ {" ".join(f"<{p}>" for p in propositions)} }}
  GRAPH ?g {{ ?p a sp:Proposition OPTIONAL {{ ?p rdfs:label ?l }} }}
  OPTIONAL {{ GRAPH ?gp {{ ?p sp:issue ?i }}
             OPTIONAL {{ GRAPH ?gi {{ ?i skos:prefLabel ?il FILTER(LANGMATCHES(LANG(?il), "de")) }} }} }}
}} GROUP BY ?p""")
    return {str(r["p"]): {"label": str(r["label"]) if "label" in r else str(r["p"]).rsplit("/", 1)[-1],
                          "issue": str(r["issue"]) if "issue" in r else "",
                          "issueLabel": str(r["issueLabel"]) if "issueLabel" in r else ""}
            for r in rows}
