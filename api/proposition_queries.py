"""The SPARQL behind the proposition resources and the pages' "who is for, who against".

A proposition node sits in every article graph that names it, so labels are read with
MIN() and counts with DISTINCT effective positions (the review's view, kg.effective). Sides are only ever counted per proposition:
adding up polarities of different claims says nothing (issue 9), so no query here does.
Values reach the query text only as IRIs that passed `safe_iri`.
"""
from __future__ import annotations

from rdflib import URIRef

from api.queries import PREFIXES, _ints, construct, values
from kg.effective import effective
from kg.store import Store

LABEL = "(MIN(STR(?l)) AS ?label)"


def proposition_page(store: Store, limit: int, offset: int, topics: list[str] | None = None
                     ) -> tuple[list[URIRef], int]:
    """Propositions by the number of positions taken on them, most first (then by label)."""
    # positions are the review's effective ones (docs/review.md); a topic restricts by any position's topic
    within = f"{values('topic', topics)} GRAPH ?g2 {{ ?q sp:proposition ?p ; sp:topic ?topic }} {effective('q')}" \
        if topics else ""
    rows = store.query(PREFIXES + f"""
SELECT ?p ?n ?label WHERE {{
  {{ SELECT ?p (COUNT(DISTINCT ?pos) AS ?n) {LABEL} WHERE {{
      GRAPH ?g {{ ?pos sp:proposition ?p }} {effective("pos")} GRAPH ?gl {{ ?p rdfs:label ?l }} {within}
    }} GROUP BY ?p }}
}} ORDER BY DESC(?n) LCASE(?label) ?p LIMIT {limit} OFFSET {offset}""")
    total = store.query(PREFIXES + f"""
SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ GRAPH ?g {{ ?pos sp:proposition ?p }} {effective("pos")} {within} }}""")
    return [r["p"] for r in rows], _ints(total)


def proposition_nodes(store: Store, propositions: list[str]):
    """The propositions' triples (type, labels, issue) and their issue's labels."""
    if not propositions:
        return []
    v = values("p", propositions)
    return construct(store, PREFIXES + f"""
CONSTRUCT {{ ?p ?pp ?po . ?i skos:prefLabel ?il ; skos:broader ?ib }}
WHERE {{
  {{ {v} GRAPH ?g {{ ?p a sp:Proposition ; ?pp ?po }} }}
  UNION {{ {v} GRAPH ?g {{ ?p sp:issue ?i }} GRAPH ?gi {{ ?i skos:prefLabel ?il OPTIONAL {{ ?i skos:broader ?ib }} }} }}
}}""")


def side_counts(store: Store, propositions: list[str]) -> dict[str, tuple[int, int]]:
    """Positions for and against each proposition: {iri: (support, oppose)}."""
    if not propositions:
        return {}
    rows = store.query(PREFIXES + f"""
SELECT ?p (SUM(IF(?side = sp:Support, 1, 0)) AS ?support) (SUM(IF(?side = sp:Oppose, 1, 0)) AS ?oppose) WHERE {{
  {{ SELECT DISTINCT ?p ?pos ?side WHERE {{ {values('p', propositions)} GRAPH ?g {{ ?pos sp:proposition ?p ; sp:side ?side }}
     {effective("pos")} }} }}
}} GROUP BY ?p""")
    return {str(r["p"]): (_ints([r], "support"), _ints([r], "oppose")) for r in rows}


def sides_by_actor(store: Store, propositions: list[str]) -> list[dict]:
    """Who takes which side on each proposition: one row per (proposition, actor, side) with the
    number of positions and the first and last date (ISO strings; undated positions count, no date)."""
    if not propositions:
        return []
    rows = store.query(PREFIXES + f"""
SELECT ?p ?actor ?side (MIN(?name) AS ?label) (COUNT(DISTINCT ?pos) AS ?n) (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE {{
  {values('p', propositions)}
  GRAPH ?g {{ ?pos sp:proposition ?p ; sp:side ?side ; sp:holder ?actor . OPTIONAL {{ ?pos dcterms:date ?date }} }}
  {effective("pos")}
  OPTIONAL {{ GRAPH ?ga {{ ?actor rdfs:label ?al }} }}
  BIND(STR(COALESCE(?al, ?actor)) AS ?name) BIND(STR(?date) AS ?d)
}} GROUP BY ?p ?actor ?side ORDER BY ?p DESC(?n) ?label""")
    return [_row(r, "actor") for r in rows]


def actor_propositions(store: Store, actor: str) -> list[dict]:
    """The propositions one actor took a side on: one row per (proposition, side), latest first."""
    rows = store.query(PREFIXES + f"""
SELECT ?p ?side {LABEL} (COUNT(DISTINCT ?pos) AS ?n) (MIN(STR(?date)) AS ?first) (MAX(STR(?date)) AS ?last) WHERE {{
  GRAPH ?g {{ ?pos sp:holder <{actor}> ; sp:proposition ?p ; sp:side ?side . OPTIONAL {{ ?pos dcterms:date ?date }} }}
  {effective("pos")}
  GRAPH ?gl {{ ?p rdfs:label ?l }}
}} GROUP BY ?p ?side ORDER BY DESC(?last) DESC(?n) ?label""")
    return [_row(r, "p") for r in rows]


def _row(r, item: str) -> dict:
    side = str(r["side"]).rsplit("#", 1)[-1].lower()
    return {"proposition": str(r["p"]), "item": str(r[item]), "side": side,
            "label": str(r["label"]) if "label" in r else str(r[item]).rsplit("/", 1)[-1],
            "n": _ints([r], "n"), "first": str(r["first"]) if "first" in r else None,
            "last": str(r["last"]) if "last" in r else None}
