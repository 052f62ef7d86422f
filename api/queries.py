"""The SPARQL behind the REST resources: one function per question, strings in, rows out.

Every pattern names its graphs (GRAPH ?g) instead of relying on a union default
graph, so the same text answers on the embedded store and on remote servers whose
default graph means something else. Values reach the query text only as IRIs that
passed `safe_iri`, or as literals from a fixed vocabulary.
"""
from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib.namespace import RDFS, SKOS

from api.jsonld import Lit

from kg import iris
from kg.effective import effective
from kg.store import Store

PREFIXES = """PREFIX sp: <https://w3id.org/standpunkt/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
_UNSAFE = re.compile(r'[\x00-\x20<>"{}|\\^`]')

# the key of the from/to filters: month precision counts as the first of its month, undated as ""
DATE_KEY = ('IF(BOUND(?date), IF(STRLEN(STR(?date)) = 7, CONCAT(STR(?date), "-01"), STR(?date)), "")')


def safe_iri(iri: str) -> str | None:
    return None if not iri or _UNSAFE.search(iri) else iri


def values(var: str, iri_list) -> str:
    return f"VALUES ?{var} {{ {' '.join(f'<{i}>' for i in iri_list)} }}"


def construct(store: Store, text: str) -> list[tuple]:
    """A CONSTRUCT answer as (s, p, o) terms for api.jsonld: the embedded store's triples as
    they are, any other Store's through N-Triples."""
    if hasattr(store, "construct_triples"):
        triples = store.construct_triples(text)
    else:
        triples = ox.parse(store.query_raw(text, "application/n-triples"), ox.RdfFormat.N_TRIPLES)
    term = _Terms()
    return [(term(t.subject), term(t.predicate), term(t.object)) for t in triples]


class _Terms(dict):
    """pyoxigraph terms as rdflib ones for one answer, each IRI and blank node built once:
    predicates and classes repeat on every node, and URIRef checks its text each time."""

    def __call__(self, term):
        if isinstance(term, ox.Literal):
            return Lit(term.value, term.datatype.value if term.datatype else None, term.language)
        found = self.get(term)
        if found is None:
            found = self[term] = URIRef(term.value) if isinstance(term, ox.NamedNode) else BNode(term.value)
        return found


def select_rows(store: Store, text: str) -> list[tuple]:
    """A SELECT answer as tuples of pyoxigraph terms (None where unbound), in the order of its
    variables: the embedded store's as they are, any other Store's through SPARQL JSON results."""
    if hasattr(store, "solution_rows"):
        return store.solution_rows(text)
    result = ox.parse_query_results(store.query_raw(text, "application/sparql-results+json"),
                                    ox.QueryResultsFormat.JSON)
    return [tuple(s) for s in result]


def _ints(rows, name="n") -> int:
    return int(rows[0][name].toPython()) if rows and name in rows[0] else 0


# ---- actors ---------------------------------------------------------------------------------

def actor_nodes(store: Store, actors: list[str]):
    """Everything the actors graph says about these actors."""
    if not actors:
        return []
    return construct(store, PREFIXES + f"""
CONSTRUCT {{ ?a ?p ?o }} WHERE {{ {values('a', actors)} GRAPH <{iris.ACTORS_GRAPH}> {{ ?a ?p ?o }} }}""")


def actor_exists(store: Store, actor: str) -> bool:
    """Whether the actors graph says anything about `actor` (as actor_nodes would find)."""
    return bool(store.query(f"ASK {{ GRAPH <{iris.ACTORS_GRAPH}> {{ <{actor}> ?p ?o }} }}"))


# ---- topics ---------------------------------------------------------------------------------

TOPIC_LIST_PROPERTIES = ("rdf:type", "skos:prefLabel", "sp:capCode", "skos:broader")


def topic_list_nodes(store: Store, topics: list[str]):
    if not topics:
        return []
    return construct(store, PREFIXES + f"""
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
CONSTRUCT {{ ?t ?p ?o }} WHERE {{ {values('t', topics)} GRAPH <{iris.TOPICS_GRAPH}> {{ ?t ?p ?o }}
  FILTER(?p IN ({', '.join(TOPIC_LIST_PROPERTIES)})) }}""")


def topic_node(store: Store, topic: str):
    return construct(store, f"CONSTRUCT {{ <{topic}> ?p ?o }} WHERE {{ GRAPH <{iris.TOPICS_GRAPH}> {{ <{topic}> ?p ?o }} }}")


def topic_and_narrower(store: Store, topic: str) -> list[str]:
    rows = store.query(PREFIXES + f"""
SELECT DISTINCT ?t WHERE {{ GRAPH <{iris.TOPICS_GRAPH}> {{ ?t skos:broader+ <{topic}> }} }}""")
    return [topic] + sorted(str(r["t"]) for r in rows)


# ---- positions ------------------------------------------------------------------------------

def position_pattern(filters: dict, *, dated: bool = True) -> str:
    """The WHERE body selecting the effective positions (machine and reviewers', without those
    the review supersedes) that pass `filters` (holder, topics, stance, act, proposition,
    side, from, to).

    `dated=False` leaves out the date (for counting) unless a date filter needs it:
    the OPTIONAL date lookup costs more than the rest of the pattern.
    """
    dated = dated or bool(filters.get("from") or filters.get("to"))
    # only positions have holders: the type test is needed only without one
    parts = [f"GRAPH ?g {{ ?position sp:holder <{filters['holder']}>" if filters.get("holder")
             else "GRAPH ?g { ?position a sp:Position"]
    if filters.get("stance"):
        parts[0] += f" ; sp:stance <{filters['stance']}>"
    if filters.get("act"):
        parts[0] += f" ; sp:act <{filters['act']}>"
    if filters.get("proposition"):
        parts[0] += f" ; sp:proposition <{filters['proposition']}>"
    if filters.get("side"):
        parts[0] += f" ; sp:side <{filters['side']}>"
    if filters.get("topics"):
        parts[0] += " ; sp:topic ?topic"
    parts[0] += " . OPTIONAL { ?position dcterms:date ?date } }" if dated else " }"
    if filters.get("topics"):
        parts.append(values("topic", filters["topics"]))
    if filters.get("from") or filters.get("to"):
        parts.append(f"BIND({DATE_KEY} AS ?key)")
    if filters.get("from"):
        parts.append(f'FILTER(?key != "" && ?key >= "{filters["from"]}")')
    if filters.get("to"):
        parts.append(f'FILTER(?key != "" && ?key <= "{filters["to"]}")')
    parts.append(effective("position"))  # the review's effective view (docs/review.md)
    return "\n  ".join(parts)


def position_page(store: Store, filters: dict, limit: int, offset: int) -> tuple[list[URIRef], int]:
    """Newest first, then by IRI: a stable order for paging. Undated positions come last,
    a month-only date after the days of its month (ISO strings sort as dates)."""
    rows = store.query(PREFIXES + f"""
SELECT ?position WHERE {{
  {position_pattern(filters)}
}} ORDER BY DESC(STR(?date)) ?position LIMIT {limit} OFFSET {offset}""")
    total = store.query(PREFIXES + f"SELECT (COUNT(?position) AS ?n) WHERE {{ {position_pattern(filters, dated=False)} }}")
    return [r["position"] for r in rows], _ints(total)


def position_nodes(store: Store, positions: list[str], cache=None):
    """The positions' own triples, their evidence nodes, and the labels of holder, topic and
    proposition (the proposition's label as the position's own article gives it): the union
    of their descriptions, read from `cache` (kept between writes, see api.position_cache)
    where it has them and from the store for the others."""
    wanted = [URIRef(str(p)) for p in positions]
    generation = cache.generation if cache is not None else None
    known = cache.get_many(wanted) if cache is not None else {}
    term = _Terms()
    fresh = _own_descriptions(store, [p for p in wanted if p not in known], term)
    if cache is not None:
        cache.put_many(fresh, generation)
    described = {p: known.get(p) or fresh.get(p, []) for p in wanted}
    labelled = _with_labels(store, term, described, cache.labels if cache is not None else None)
    return list(dict.fromkeys(t for p in wanted for t in labelled[p]))


def position_descriptions(store: Store, positions: list[URIRef], labels=None) -> dict[URIRef, list[tuple]]:
    """Each position's triples as position_nodes gives them, by position (`labels`: where
    holder and topic labels are kept between writes, see api.position_cache)."""
    term = _Terms()
    return _with_labels(store, term, _own_descriptions(store, positions, term), labels)


def _own_descriptions(store: Store, positions: list[URIRef], term: "_Terms") -> dict[URIRef, list[tuple]]:
    """Each position's own triples, its evidence node's and its proposition's label: what the
    graphs of its own article say (api.position_cache keeps them until a write touches it).

    Every term the store spells out costs it a lookup, so the answers name each position by
    its number in VALUES, not its IRI.
    """
    if not positions:
        return {}
    numbered = "VALUES (?p ?i) { " + " ".join(f"(<{p}> {i})" for i, p in enumerate(positions)) + " }"
    described = {p: {} for p in positions}
    for i, s, pp, po in select_rows(store, PREFIXES + f"""SELECT ?i ?s ?pp ?po WHERE {{
  {{ {numbered} GRAPH ?g {{ ?p ?pp ?po }} }}
  UNION {{ {numbered} GRAPH ?g {{ ?p sp:evidence ?s . ?s ?pp ?po }} }}
  UNION {{ {numbered} GRAPH ?g {{ ?p sp:proposition ?s . ?s rdfs:label ?po }} }}
}}"""):
        position = positions[int(i.value)]
        if s is None:  # the position's own triple
            triple = (position, term(pp), term(po))
        else:  # its evidence node's triple, or its proposition's label
            triple = (term(s), term(pp) if pp is not None else _LABEL, term(po))
        described[position][triple] = None
    return {p: list(triples) for p, triples in described.items()}


def _with_labels(store: Store, term: "_Terms", described: dict, labels=None) -> dict[URIRef, list[tuple]]:
    """Each description with the labels of the position's holder and topics appended, asked
    once each for all positions (a second query over the IRIs the descriptions name), not
    once per position."""
    named: dict = {_HOLDER: {}, _TOPIC: {}}  # holder/topic IRI -> the positions naming it
    for position, triples in described.items():
        for s, p, o in triples:
            if s == position and p in named and isinstance(o, URIRef):
                named[p].setdefault(str(o), []).append(position)
    out = {p: dict.fromkeys(triples) for p, triples in described.items()}
    for triple in _labels(store, term, named[_HOLDER], named[_TOPIC], labels):
        for position in named[_TOPIC if triple[1] == _PREF_LABEL else _HOLDER][str(triple[0])]:
            out[position][triple] = None
    return {p: list(triples) for p, triples in out.items()}


def touched_positions(store: Store, articles: list[str]) -> tuple[set[URIRef], set[str], set[str]]:
    """(positions, holders, actors) a write to these articles' graphs may change: the positions
    in an article's own graph and those derived from it in any graph (reviewers' positions,
    review status), their holders, and those holders with their parties: the actor nodes whose
    labels the write may bring or take (kg.build.actors_graph, a review's new actor)."""
    if not articles:
        return set(), set(), set()
    rows = select_rows(store, PREFIXES + f"""SELECT DISTINCT ?p ?h ?party WHERE {{ {values('a', articles)}
  {{ GRAPH ?a {{ ?p sp:holder ?h }} }} UNION {{ GRAPH ?g {{ ?p prov:wasDerivedFrom ?a ; sp:holder ?h }} }}
  OPTIONAL {{ GRAPH <{iris.ACTORS_GRAPH}> {{ ?h schema:memberOf ?party }} }} }}""")
    holders = {h.value for _, h, _ in rows}
    return {URIRef(p.value) for p, _, _ in rows}, holders, holders | {party.value for _, _, party in rows if party}


_HOLDER, _TOPIC = URIRef(iris.ONTOLOGY + "holder"), URIRef(iris.ONTOLOGY + "topic")
_LABEL, _PREF_LABEL = URIRef(str(RDFS.label)), URIRef(str(SKOS.prefLabel))


def _labels(store: Store, term: "_Terms", holders, topics, kept=None) -> list[tuple]:
    """The labels of holders (rdfs:label) and topics (skos:prefLabel) in any graph, from
    `kept` (a mapping of (kind, IRI) -> label triples) where it has them."""
    wanted = [(_HOLDER, h) for h in holders] + [(_TOPIC, t) for t in topics]
    generation = kept.generation if kept is not None else None
    known = kept.get_many(wanted) if kept is not None else {}
    ask = {kind: [iri for k, iri in wanted if k == kind and (k, iri) not in known] for kind in (_HOLDER, _TOPIC)}
    found = {key: [] for key in wanted if key not in known}
    if found:
        answer = select_rows(store, PREFIXES + f"""SELECT DISTINCT ?s ?k ?o WHERE {{
  {{ {values('s', ask[_HOLDER]) if ask[_HOLDER] else 'FILTER(false)'} GRAPH ?g {{ ?s rdfs:label ?o }} BIND(0 AS ?k) }}
  UNION {{ {values('s', ask[_TOPIC]) if ask[_TOPIC] else 'FILTER(false)'} GRAPH ?g {{ ?s skos:prefLabel ?o }} BIND(1 AS ?k) }}
}}""")
        for s, k, o in answer:
            topic = k.value == "1"
            found[(_TOPIC if topic else _HOLDER, s.value)].append((term(s), _PREF_LABEL if topic else _LABEL, term(o)))
        if kept is not None:
            kept.put_many(found, generation)
    return [triple for key in wanted for triple in known.get(key) or found.get(key, ())]


def position_counts(store: Store, group: str) -> list[dict]:
    """Positions per holder (group='holder') or per topic (group='topic'), most first.

    Counts only: adding up the polarities of different claims says nothing, so sides are
    counted per proposition (api.proposition_queries) and nowhere else.
    """
    label = "skos:prefLabel" if group == "topic" else "rdfs:label"
    return store.query(PREFIXES + f"""
SELECT ?item ?label ?n WHERE {{
  {{ SELECT ?item (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?position) AS ?n) WHERE {{
      GRAPH ?g {{ ?position a sp:Position ; sp:{group} ?item }} {effective("position")}
      OPTIONAL {{ GRAPH ?gl {{ ?item {label} ?l FILTER(LANG(?l) IN ("de", "")) }} }}
    }} GROUP BY ?item }}
}} ORDER BY DESC(?n) ?item""")


# ---- articles -------------------------------------------------------------------------------

ARTICLE_LIST_PROPERTIES = ("rdf:type", "dcterms:identifier", "dcterms:date", "schema:headline", "schema:url")


def article_list_nodes(store: Store, articles: list[str]):
    if not articles:
        return []
    return construct(store, PREFIXES + f"""
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
CONSTRUCT {{ ?a ?p ?o }} WHERE {{ {values('a', articles)} GRAPH ?a {{ ?a ?p ?o }}
  FILTER(?p IN ({', '.join(ARTICLE_LIST_PROPERTIES)})) }}""")


def article_graph(store: Store, article: str) -> list[tuple]:
    return construct(store, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{article}> {{ ?s ?p ?o }} }}")


def article_text(store: Store, article: str) -> str:
    rows = store.query(PREFIXES + f"SELECT ?t WHERE {{ GRAPH <{article}> {{ <{article}> schema:text ?t }} }} LIMIT 1")
    return str(rows[0]["t"]) if rows else ""


def article_labels(store: Store, article: str) -> dict[str, str]:
    """German (or plain) labels of the actors and topics an article's positions name, for its page."""
    rows = store.query(PREFIXES + f"""
SELECT ?x (SAMPLE(?l) AS ?label) WHERE {{
  GRAPH ?in {{ ?p prov:wasDerivedFrom <{article}> ; sp:holder|sp:topic ?x }}
  GRAPH ?g {{ ?x rdfs:label|skos:prefLabel ?l FILTER(LANG(?l) IN ("de", "")) }}
}} GROUP BY ?x""")
    return {str(r["x"]): str(r["label"]) for r in rows if "label" in r}


def article_positions(store: Store, article: str) -> list[URIRef]:
    """The article's effective positions in text order: its machine positions the review left
    standing and the positions its reviewers corrected or added (docs/review.md)."""
    rows = store.query(PREFIXES + f"""
SELECT ?p WHERE {{ GRAPH ?g {{ ?p prov:wasDerivedFrom <{article}> ; sp:evidence/sp:startOffset ?start }}
  {effective("p")} }}
ORDER BY ?start ?p""")
    return [r["p"] for r in rows]


# ---- overview -------------------------------------------------------------------------------

def overview(store: Store) -> dict:
    rows = store.query(PREFIXES + f"""
SELECT ?articles ?positions ?actors ?topics ?first ?last WHERE {{
  {{ SELECT (COUNT(DISTINCT ?a) AS ?articles) WHERE {{ GRAPH ?a {{ ?a a schema:NewsArticle }} }} }}
  {{ SELECT (MIN(STR(?ad)) AS ?first) (MAX(STR(?ad)) AS ?last)
     WHERE {{ GRAPH ?a {{ ?a a schema:NewsArticle ; dcterms:date ?ad }} }} }}
  {{ SELECT (COUNT(?p) AS ?positions) WHERE {{ GRAPH ?g {{ ?p a sp:Position }} {effective("p")} }} }}
  {{ SELECT (COUNT(DISTINCT ?h) AS ?actors) WHERE {{ GRAPH <{iris.ACTORS_GRAPH}> {{ ?h a sp:Actor }} }} }}
  {{ SELECT (COUNT(DISTINCT ?t) AS ?topics) WHERE {{ GRAPH <{iris.TOPICS_GRAPH}> {{ ?t a skos:Concept }} }} }}
}}""")
    row = rows[0] if rows else {}
    return {k: (row[k].toPython() if k in row else None)
            for k in ("articles", "positions", "actors", "topics", "first", "last")}
