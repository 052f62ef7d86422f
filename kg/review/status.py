"""The review status graph of an article: what its decisions make of its positions, as data.

The effective view (docs/review.md) follows from the machine positions and every decision,
re-attached; computing it inside every query that counts positions would cost a heavy
FILTER NOT EXISTS over decisions per position. Instead, whenever an article's decisions or
its machine positions change (a decision, an undo, `kg ingest`, `kg load`, `kg delete`),
its status graph `{base}graph/review-status/{id}` is written again:

- `?position sp:supersededBy ?decision` for each position the effective view leaves out: a
  machine position a reject, correct or add wins over, a reviewer's position whose decision
  lost to a later one; `sp:supersededBy <article>` for a reviewer's position once its
  article is deleted (`kg delete --keep-review`);
- `<article> sp:reviewStatus "partly" ; sp:decidedCount 3 ; sp:conflictCount 1`: the
  article's review status, for the review queue.

A query then keeps the effective positions with `kg.effective.effective("position")`, one
MINUS the store answers as a hash anti-join over the few superseded positions. An article without decisions
has no status graph.
"""
from __future__ import annotations

from urllib.parse import unquote

import rdflib
from rdflib import Literal, URIRef

from kg import iris
from kg.namespaces import SP, XSD
from kg.review import read
from kg.review.model import ArticleReview, Decision, decision_iri, quoted_id
from kg.review.view import resolve
from kg.store import Store


def status_graph_prefix() -> str:
    return f"{iris.BASE}graph/review-status/"


def status_graph_iri(article_id: str) -> str:
    """`{base}graph/review-status/{article-id}`: derived from the article's review graphs."""
    return status_graph_prefix() + quoted_id(article_id)


def status_graph(article_iri: str, review: ArticleReview | None, decisions: list[Decision]) -> rdflib.Graph:
    """The status graph of one article (empty: no decisions). `review` is the resolved review,
    None when the article is no longer in the store."""
    graph = rdflib.Graph()
    if not decisions:
        return graph
    article = URIRef(article_iri)
    if review is None:  # the article is gone, its review graphs kept: nothing they state counts
        for d in decisions:
            if d.result is not None:
                graph.add((URIRef(d.result.iri), SP.supersededBy, article))
        return graph
    by_iri = {p.iri: p for p in review.positions}
    for p in review.positions:
        if p.status in ("rejected", "corrected", "added"):  # p.decisions: oldest first, the last wins
            graph.add((URIRef(p.iri), SP.supersededBy, URIRef(decision_iri(p.decisions[-1]))))
    effective_iris = {p.iri for p in review.effective}
    for d in review.decisions:
        if d.result is not None and d.result.iri not in effective_iris:
            winner = by_iri[d.targets[0]].decisions[-1]
            graph.add((URIRef(d.result.iri), SP.supersededBy, URIRef(decision_iri(winner))))
    decided = sum(1 for p in review.positions if p.status != "unreviewed")
    graph.add((article, SP.reviewStatus, Literal(review.status)))
    graph.add((article, SP.decidedCount, Literal(decided, datatype=XSD.integer)))
    graph.add((article, SP.conflictCount, Literal(len(review.conflicts), datatype=XSD.integer)))
    return graph


def article_status_graph(store: Store, article_id: str, extra: list[Decision] | None = None,
                         without: str | None = None) -> rdflib.Graph:
    """The status graph as the store holds the article now, with decision `extra` added or the
    decision IRI `without` left out (so a decision and its status go in one transaction)."""
    decisions = [d for d in read.decisions(store, article_id) if d.iri != without] + (extra or [])
    article = read.article_info(store, article_id)
    review = resolve(article, read.machine_positions(store, article_id), decisions) if article else None
    return status_graph(iris.article_iri(article_id), review, decisions)


def refresh(store: Store, article_ids) -> int:
    """Write the status graphs of these articles again (one transaction); returns how many."""
    graphs = {status_graph_iri(a): article_status_graph(store, a) for a in dict.fromkeys(article_ids)}
    if graphs:
        store.replace_graphs(graphs)
    return len(graphs)


def decided_ids(store: Store) -> set[str]:
    """Ids of the articles with decisions (stored or deleted with their review kept)."""
    prefix = iris.BASE + "article/"
    return {unquote(a[len(prefix):]) for a in read.decided_articles(store) if a.startswith(prefix)}


def refresh_reviewed(store: Store, article_ids) -> int:
    """`refresh` for those of these articles that have decisions (one query to find them)."""
    decided = decided_ids(store)
    return refresh(store, [a for a in article_ids if a in decided])


def refresh_all(store: Store) -> int:
    """Every status graph again (after `kg load`, or for a store made before they existed),
    and none left for an article without decisions."""
    ids = decided_ids(store)
    stale = [g for g in store.graph_names() if g.startswith(status_graph_prefix())
             and unquote(g[len(status_graph_prefix()):]) not in ids]
    for g in stale:
        store.drop_graph(g)
    return refresh(store, sorted(ids))


def summaries(store: Store) -> dict[str, dict]:
    """article IRI -> {"status", "decided", "conflicts"} from every status graph, one query."""
    rows = store.query(read.PREFIXES + """SELECT ?a ?status ?decided ?conflicts WHERE { GRAPH ?g {
        ?a sp:reviewStatus ?status ; sp:decidedCount ?decided ; sp:conflictCount ?conflicts } }""")
    return {str(r["a"]): {"status": str(r["status"]), "decided": int(r["decided"].toPython()),
                          "conflicts": int(r["conflicts"].toPython())} for r in rows}
