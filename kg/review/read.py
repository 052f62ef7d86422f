"""Reading an article's machine positions and its reviewers' decisions from any Store.

Every pattern names its graph (GRAPH ?g), as api.queries does, so the same text answers on
the embedded store and on a remote server whose default graph is not the union. Values
reach the query text only as IRIs minted by kg.iris (percent-encoded ids) or checked by
`safe_iri`.
"""
from __future__ import annotations

import re

from kg import iris
from kg.build import ACTS, DIRECTIONS, STANCES
from kg.review.model import Decision, ReviewedPosition, now_literal, parse_time, review_graph_prefix
from kg.store import Store

PREFIXES = """PREFIX sp: <https://w3id.org/standpunkt/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
_UNSAFE = re.compile(r'[\x00-\x20<>"{}|\\^`]')
_KEYS = {str(iri): key for table in (STANCES, ACTS, DIRECTIONS) for key, iri in table.items()}
# sp:Support is both a stance key and a side key ("support"); acts are keyed apart
_ACT_KEYS = {str(iri): key for key, iri in ACTS.items()}


def safe_iri(iri: str | None) -> str | None:
    return None if not iri or _UNSAFE.search(iri) else iri


def _s(row: dict, name: str) -> str | None:
    value = row.get(name)
    return None if value is None else str(value)


def article_info(store: Store, article_id: str) -> dict | None:
    """{"id", "iri", "date", "title", "text"} of a stored article, or None."""
    article = iris.article_iri(article_id)
    rows = store.query(PREFIXES + f"""SELECT ?text ?date ?title WHERE {{ GRAPH <{article}> {{
        <{article}> a schema:NewsArticle ; schema:text ?text .
        OPTIONAL {{ <{article}> dcterms:date ?date }} OPTIONAL {{ <{article}> schema:headline ?title }} }} }}""")
    if not rows:
        return None
    row = rows[0]
    return {"id": article_id, "iri": article, "date": _s(row, "date"), "title": _s(row, "title"),
            "text": str(row["text"])}


def positions(store: Store, article_id: str, review: bool = False) -> list[ReviewedPosition]:
    """The machine positions of an article (its own graph), or with `review` the positions its
    reviewers stated (its review graphs), in text order.

    The graph is a constant or found through the article (prov:wasDerivedFrom), never a VALUES
    list of graph names: Virtuoso's planner estimates years for GRAPH ?g over VALUES ?g with
    OPTIONALs and refuses to start."""
    article = iris.article_iri(article_id)
    graph = "?g" if review else f"<{article}>"
    rows = store.query(PREFIXES + f"""
SELECT ?p ?holder ?holderLabel ?stance ?act ?claim ?topic ?topicLabel ?prop ?propLabel ?issue
       ?side ?direction ?date ?confidence ?gen ?rev ?start ?end ?sentence WHERE {{
  GRAPH {graph} {{
    ?p a sp:Position ; sp:holder ?holder ; sp:stance ?stance ; sp:act ?act ; sp:claim ?claim ;
       sp:evidence ?e ; prov:wasDerivedFrom <{article}> .
    ?e rdf:value ?sentence ; sp:startOffset ?start ; sp:endOffset ?end .
    OPTIONAL {{ ?p sp:topic ?topic }}
    OPTIONAL {{ ?p sp:proposition ?prop OPTIONAL {{ ?prop rdfs:label ?propLabel }} OPTIONAL {{ ?prop sp:issue ?issue }} }}
    OPTIONAL {{ ?p sp:side ?side }} OPTIONAL {{ ?p sp:direction ?direction }} OPTIONAL {{ ?p dcterms:date ?date }}
    OPTIONAL {{ ?p sp:confidence ?confidence }} OPTIONAL {{ ?p prov:wasGeneratedBy ?gen }}
    OPTIONAL {{ ?p prov:wasRevisionOf ?rev }}
  }}
  OPTIONAL {{ GRAPH <{iris.ACTORS_GRAPH}> {{ ?holder rdfs:label ?holderLabel }} }}
  OPTIONAL {{ GRAPH <{iris.TOPICS_GRAPH}> {{ ?topic skos:prefLabel ?topicLabel FILTER(lang(?topicLabel) = "de") }} }}
  {f'FILTER(STRSTARTS(STR(?g), "{review_graph_prefix(article_id)}"))' if review else ""}
}}""")
    seen: dict[str, ReviewedPosition] = {}
    for row in rows:
        iri = str(row["p"])
        if iri in seen:
            continue
        seen[iri] = ReviewedPosition(
            iri=iri, article=article_id,
            start=int(row["start"].toPython()), end=int(row["end"].toPython()), sentence=str(row["sentence"]),
            actor_iri=str(row["holder"]), actor_label=_s(row, "holderLabel"),
            stance=_KEYS.get(str(row["stance"]), str(row["stance"])),
            act=_ACT_KEYS.get(str(row["act"]), str(row["act"])), claim=str(row["claim"]),
            topic=_s(row, "topic"), topic_label=_s(row, "topicLabel"), proposition=_s(row, "prop"),
            proposition_label=_s(row, "propLabel"), issue=_s(row, "issue"),
            side=_KEYS.get(_s(row, "side")) if row.get("side") is not None else None,
            direction=_KEYS.get(_s(row, "direction")) if row.get("direction") is not None else None,
            date=_s(row, "date"), confidence=float(row["confidence"].toPython()) if row.get("confidence") is not None else None,
            generated_by=_s(row, "gen"), revision_of=_s(row, "rev"),
            origin="review" if review else "machine")
    return sorted(seen.values(), key=lambda p: (p.start, p.end, p.actor_label or "", p.claim, p.iri))


def machine_positions(store: Store, article_id: str) -> list[ReviewedPosition]:
    return positions(store, article_id)


def review_graphs(store: Store, article_id: str) -> list[str]:
    """The names of the review graphs of an article (one per reviewer who decided on it)."""
    prefix = review_graph_prefix(article_id)
    rows = store.query(PREFIXES + f"""SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?d a sp:Decision ;
        sp:onArticle <{iris.article_iri(article_id)}> }} }}""")
    return sorted(str(r["g"]) for r in rows if str(r["g"]).startswith(prefix))


def decisions(store: Store, article_id: str) -> list[Decision]:
    """Every reviewer's decisions on an article, with their resulting positions, oldest first.

    One row per changed field, gathered here rather than by GROUP_CONCAT (see `positions`
    on what Virtuoso cannot plan)."""
    prefix = review_graph_prefix(article_id)
    rows = store.query(PREFIXES + f"""
SELECT ?g ?d ?kind ?on ?start ?end ?actor ?digest ?result ?reviewer ?time ?field WHERE {{
  GRAPH ?g {{
    ?d a sp:Decision ; sp:onArticle <{iris.article_iri(article_id)}> ; sp:decisionKind ?kind ;
       sp:sentenceStart ?start ; sp:sentenceEnd ?end ;
       sp:decidedActor ?actor ; prov:wasAttributedTo ?reviewer ; prov:generatedAtTime ?time .
    OPTIONAL {{ ?d sp:onPosition ?on }} OPTIONAL {{ ?d sp:positionDigest ?digest }}
    OPTIONAL {{ ?d sp:resultingPosition ?result }} OPTIONAL {{ ?d sp:changedField ?field }}
  }}
}}""")
    rows = [r for r in rows if str(r["g"]).startswith(prefix)]
    if not rows:
        return []
    results = {p.iri: p for p in positions(store, article_id, review=True)}
    found: dict[str, Decision] = {}
    for row in rows:
        iri = str(row["d"])
        if iri not in found:
            result = _s(row, "result")
            found[iri] = Decision(
                iri=iri, kind=str(row["kind"]), article=article_id,
                reviewer=str(row["reviewer"]).rsplit("/", 1)[-1], time=now_literal(parse_time(str(row["time"]))),
                start=int(row["start"].toPython()), end=int(row["end"].toPython()), actor=str(row["actor"]),
                position=_s(row, "on"), digest=_s(row, "digest"), result=results.get(result) if result else None)
        if row.get("field") is not None and str(row["field"]) not in found[iri].changed:
            found[iri].changed = sorted(found[iri].changed + [str(row["field"])])
    return sorted(found.values(), key=lambda d: d.order)


def decided_articles(store: Store) -> dict[str, set[str]]:
    """article IRI -> the reviewers who decided on it, for every article with a decision."""
    rows = store.query(PREFIXES + """SELECT DISTINCT ?a ?reviewer WHERE { GRAPH ?g {
        ?d a sp:Decision ; sp:onArticle ?a ; prov:wasAttributedTo ?reviewer } }""")
    out: dict[str, set[str]] = {}
    for row in rows:
        out.setdefault(str(row["a"]), set()).add(str(row["reviewer"]).rsplit("/", 1)[-1])
    return out
