"""Sorting and filtering the lists /actors, /topics and /articles, server-side, for pages and API alike.

A researcher picks from a list by how often and when an entry was argued, and narrows it to
a name, a kind of actor, a period or a topic. The query string says it (`sort`, `order`, `q`,
`kind`, `from`, `to`, `topic`); the Hydra paging links copy the query string, so every page
of a sorted, filtered list stays sorted and filtered. Each list is one SELECT with its
filters and, only when the sort needs them, the counts of api.list_stats joined in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from api import list_stats
from api.errors import BadRequest
from api.queries import DATE_KEY, PREFIXES, safe_iri, topic_and_narrower, values
from kg import iris
from kg.effective import effective

SORTS = {"actor": ("name", "positions", "articles", "date"),
         "topic": ("cap", "name", "positions", "articles", "date"),
         "article": ("date", "name", "positions")}
DEFAULT_SORT = {"actor": "name", "topic": "cap", "article": "date"}
NEWEST_FIRST = {"positions", "articles", "date"}  # sorts whose natural order is descending
ACTOR_KINDS = ("person", "party", "government", "state", "institution", "organisation")
MAX_TEXT = 200
_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


@dataclass(frozen=True)
class ListQuery:
    sort: str
    descending: bool
    text: str = ""
    kind: str = ""
    start: str | None = None  # YYYY-MM-DD bounds, articles only
    end: str | None = None
    topics: tuple[str, ...] = ()  # a topic and its narrower ones, articles only


def date_bound(value: str | None, name: str, end: bool) -> str | None:
    """A from/to bound as YYYY-MM-DD (a month is its first or last day). :raise 400:"""
    if not value:
        return None
    m = _DATE.fullmatch(value)
    if not m:
        raise BadRequest(f"{name} must be a date YYYY-MM-DD or a month YYYY-MM, not {value!r}")
    year, month, day = m.groups()
    if not 1 <= int(month) <= 12 or (day and not 1 <= int(day) <= 31):
        raise BadRequest(f"{name} is not a real date: {value!r}")
    return f"{year}-{month}-{day or ('31' if end else '01')}"


def _choice(args, name: str, allowed: tuple[str, ...], default: str) -> str:
    value = args.get(name) or default
    if value not in allowed:
        raise BadRequest(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
    return value


def parse(kind: str, args, store) -> ListQuery:
    """The list parameters of a request. :raise 400: a value outside its choices, a bad date,
    a text filter with control characters or over MAX_TEXT characters, a parameter of another list."""
    sort = _choice(args, "sort", SORTS[kind], DEFAULT_SORT[kind])
    order = _choice(args, "order", ("asc", "desc"), "desc" if sort in NEWEST_FIRST else "asc")
    text = args.get("q", "").strip()
    if len(text) > MAX_TEXT or any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise BadRequest(f"q must be at most {MAX_TEXT} characters of text, without control characters")
    foreign = [name for name in ("kind", "from", "to", "topic") if args.get(name) and name not in _OWN[kind]]
    if foreign:
        raise BadRequest(f"/{kind}s has no filter {', '.join(foreign)} (it has: q{''.join(', ' + n for n in _OWN[kind])})")
    kind_value = _choice(args, "kind", ("",) + ACTOR_KINDS, "") if kind == "actor" else ""
    topics: tuple[str, ...] = ()
    if args.get("topic"):
        topic = args["topic"]
        if not topic.startswith(iris.namespace("topic")):
            topic = f"{iris.namespace('topic')}topic/{quote(topic, safe='')}"
        if safe_iri(topic) is None:
            raise BadRequest("topic must be a topic id or IRI")
        topics = tuple(topic_and_narrower(store, topic))
    return ListQuery(sort, order == "desc", text, kind_value, date_bound(args.get("from"), "from", end=False),
                     date_bound(args.get("to"), "to", end=True), topics)


_OWN = {"actor": ("kind",), "topic": (), "article": ("from", "to", "topic")}


def _literal(text: str) -> str:
    """A SPARQL string literal of checked text (no control characters: parse() refused them)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _contains(var: str, text: str) -> str:
    return f"CONTAINS(LCASE(STR({var})), LCASE({_literal(text)}))"


def _actor_core(lq: ListQuery) -> str:
    """Actors with ?name and ?kind: sp:actorKind, else person for a schema:Person, else organisation."""
    parts = [f"""{{ SELECT ?item (MIN(STR(?l)) AS ?name) (SAMPLE(?k0) AS ?kind) WHERE {{
      GRAPH <{iris.ACTORS_GRAPH}> {{ ?item a sp:Actor . OPTIONAL {{ ?item rdfs:label ?l }} OPTIONAL {{ ?item sp:actorKind ?k }}
        OPTIONAL {{ ?item a ?person FILTER(?person = schema:Person) }} }}
      BIND(COALESCE(?k, IF(BOUND(?person), "person", "organisation")) AS ?k0) }} GROUP BY ?item }}"""]
    if lq.kind:
        parts.append(f'FILTER(STR(?kind) = "{lq.kind}")')  # STR: Virtuoso compares a SAMPLE to a literal only so
    if lq.text:
        parts.append(f"FILTER EXISTS {{ GRAPH <{iris.ACTORS_GRAPH}> {{ ?item rdfs:label|skos:altLabel ?x }} "
                     f"FILTER({_contains('?x', lq.text)}) }}")
    return "\n  ".join(parts)


def _topic_core(lq: ListQuery, lang: str) -> str:
    """Topics with ?name (in `lang`, else German), ?cap of their major topic and ?parent."""
    # the name is bound outside the grouping: Virtuoso fails to compile COALESCE over aggregates there
    parts = [f"""{{ SELECT ?item (MIN(?c) AS ?cap) (MIN(STR(?own)) AS ?own1) (MIN(STR(?de)) AS ?de1)
        (SAMPLE(?b) AS ?parent) WHERE {{ GRAPH <{iris.TOPICS_GRAPH}> {{ ?item a skos:Concept .
        OPTIONAL {{ ?item skos:prefLabel ?own FILTER(LANG(?own) = "{lang}") }}
        OPTIONAL {{ ?item skos:prefLabel ?de FILTER(LANG(?de) IN ("de", "")) }}
        OPTIONAL {{ ?item skos:broader ?b }} OPTIONAL {{ ?item skos:broader* ?top . ?top sp:capCode ?c }} }} }} GROUP BY ?item }}
  BIND(COALESCE(?own1, ?de1, STR(?item)) AS ?name)"""]
    if lq.text:
        parts.append(f"FILTER EXISTS {{ GRAPH <{iris.TOPICS_GRAPH}> {{ ?item skos:prefLabel|skos:altLabel ?x }} "
                     f"FILTER({_contains('?x', lq.text)}) }}")
    return "\n  ".join(parts)


def _article_core(lq: ListQuery) -> str:
    """Articles with ?date, and ?name (headline, else identifier) when sorted by it."""
    parts = ["GRAPH ?item { ?item a schema:NewsArticle . OPTIONAL { ?item dcterms:date ?date } }"]
    if lq.sort == "name":  # only then: the lookups cost more than the rest of the list
        parts.append("OPTIONAL { GRAPH ?item { ?item schema:headline ?h } } OPTIONAL { GRAPH ?item { ?item dcterms:identifier ?id } } "
                     "BIND(COALESCE(STR(?h), STR(?id), STR(?item)) AS ?name)")
    if lq.text:
        parts.append(f"FILTER EXISTS {{ GRAPH ?item {{ ?item schema:headline|dcterms:identifier|schema:text ?x }} "
                     f"FILTER({_contains('?x', lq.text)}) }}")
    if lq.start or lq.end:
        parts.append(f"BIND({DATE_KEY} AS ?key)")
    if lq.start:
        parts.append(f'FILTER(?key != "" && ?key >= "{lq.start}")')
    if lq.end:
        parts.append(f'FILTER(?key != "" && ?key <= "{lq.end}")')
    if lq.topics:
        # the effective positions (docs/review.md): a review's added or corrected position on the
        # topic lists the article, a rejected one no longer does; a subquery, not FILTER EXISTS
        # around the MINUS, which not every store evaluates alike
        parts.append(f"{{ SELECT DISTINCT ?item WHERE {{ {values('t', lq.topics)} "
                     f"GRAPH ?in {{ ?p sp:topic ?t ; prov:wasDerivedFrom ?item }} {effective('p')} }} }}")
    return "\n  ".join(parts)


def _order(lq: ListQuery) -> str:
    """ORDER BY of a list sorted in SPARQL: undated articles last in either direction; ties by name, then IRI."""
    flip = (lambda e: f"DESC({e})") if lq.descending else (lambda e: e)
    if lq.sort == "name":
        return f"{flip('LCASE(?name)')} ?item"
    if lq.sort == "cap":
        return f"{flip('?cap')} BOUND(?parent) LCASE(?name) ?item"
    if lq.sort == "positions":  # articles
        return f"{flip('?n_positions')} ?item"
    return f"(COALESCE(STR(?date), '') = '') {flip('STR(?date)')} ?item"


def _by_counts(rows, stats: dict, lq: ListQuery) -> list:
    """Actors or topics sorted in Python by their kept counts (api.list_stats.all_stats): a count,
    or the last date (descending) or first date (ascending), undated last; ties by name, then IRI."""
    rows = sorted(rows, key=lambda r: (str(r["name"]).lower() if "name" in r else "", str(r["item"])))
    none = {"positions": 0, "articles": 0, "first": "", "last": ""}
    if lq.sort != "date":
        return sorted(rows, key=lambda r: (stats.get(str(r["item"])) or none)[lq.sort], reverse=lq.descending)
    field = "last" if lq.descending else "first"
    dated = [r for r in rows if (stats.get(str(r["item"])) or none)[field]]
    undated = [r for r in rows if not (stats.get(str(r["item"])) or none)[field]]
    return sorted(dated, key=lambda r: stats[str(r["item"])][field], reverse=lq.descending) + undated


def page(store, kind: str, lq: ListQuery, limit: int, offset: int, lang: str = "de",
         cache: dict | None = None) -> tuple[list, int]:
    """The IRIs of one page of the list, in order, and how many entries pass the filters.
    Actors and topics sorted by a count or date are sorted here over the counts kept in `cache`
    (the app's, cleared on writes): counting every entry in the query each time cost 0.5-1.2 s."""
    core = {"actor": lambda: _actor_core(lq), "topic": lambda: _topic_core(lq, lang),
            "article": lambda: _article_core(lq)}[kind]()
    if kind != "article" and lq.sort in ("positions", "articles", "date"):
        rows = store.query(PREFIXES + f"SELECT ?item ?name WHERE {{\n  {core}\n}}")
        ordered = _by_counts(rows, list_stats.all_stats(store, kind, {} if cache is None else cache), lq)
        return [r["item"] for r in ordered[offset:offset + limit]], len(ordered)
    counted = ""
    if lq.sort == "positions":
        counted = """OPTIONAL { SELECT ?item (COUNT(?p) AS ?np) WHERE { GRAPH ?g { ?p prov:wasDerivedFrom ?item } } GROUP BY ?item }
  BIND(COALESCE(?np, 0) AS ?n_positions)"""
    rows = store.query(PREFIXES + f"SELECT ?item WHERE {{\n  {core}\n  {counted}\n}} ORDER BY {_order(lq)} "
                                  f"LIMIT {limit} OFFSET {offset}")
    total = store.query(PREFIXES + f"SELECT (COUNT(*) AS ?n) WHERE {{\n  {core}\n}}")
    return [r["item"] for r in rows], int(total[0]["n"].toPython()) if total else 0
