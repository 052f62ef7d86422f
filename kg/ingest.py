"""Articles -> positions -> validated graphs -> the store, one atomic write per article.

An article's graph is validated on its own (small, in memory, fast) together
with the actor nodes it adds; only a conforming graph is written, and it is
written in one transaction that replaces the article's named graph. A crash or a
rejected article therefore never leaves half an article behind, and ingesting the
same input twice gives the same dataset.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable

import rdflib

from kg import iris
from kg.errors import ArticleError
from kg.model import Article, Position
from kg.store import Store


@dataclass
class Summary:
    """What one ingest run did, for the closing line and the exit code."""

    articles: int = 0
    positions: int = 0
    rejected: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        return (f"{self.articles} articles, {self.positions} positions, "
                f"{len(self.rejected)} rejected, {self.seconds:.1f} s")


def article_graphs(article: Article, positions: list[Position]) -> tuple[rdflib.Graph, rdflib.Graph]:
    """The article's own graph and the actor nodes it contributes, validated together."""
    from kg.build import actors_graph, article_graph
    from kg.validate import check_article

    graph, actors = article_graph(article, positions), actors_graph(positions)
    check_article(graph, actors, subject=article.source or article.id)  # the union, no prefixes copied
    return graph, actors


def write_article(store: Store, article: Article, positions: list[Position], reviewed: set[str] | None = None) -> None:
    """Validate, then replace the article's named graph in one transaction; then, if reviewers
    decided on it (`reviewed`: the ids with decisions, when the caller knows them), write its
    review status graph again for the new machine positions (kg.review.status)."""
    from kg.review import status

    graph, actors = article_graphs(article, positions)
    store.replace_graphs({iris.article_iri(article.id): graph}, merge={iris.ACTORS_GRAPH: actors})
    if reviewed is None:
        status.refresh_reviewed(store, [article.id])
    elif article.id in reviewed:
        status.refresh(store, [article.id])


def ingest_article(store: Store, article: Article) -> list[Position]:
    """Extract and write one article; raises ValidationError with the store unchanged."""
    from kg.extract import extract

    positions = extract(article)
    write_article(store, article, positions)
    return positions


def write_reference_graphs(store: Store, issues: rdflib.Graph | None = None) -> None:
    """The ontology, the topic scheme and the issue codebook, so that queries can use
    labels, CAP codes and issues (`issues`: the codebook chosen by codebook_for).

    They hold blank nodes (OWL lists), so a graph is only rewritten when it changed:
    otherwise every run would mint fresh blank nodes and re-ingesting would not be
    idempotent.
    """
    from rdflib.compare import isomorphic

    from kg import ontology

    wanted = {iris.ONTOLOGY_GRAPH: ontology.vocabulary_graph(), iris.TOPICS_GRAPH: ontology.topics_graph(),
              iris.ISSUES_GRAPH: issues if issues is not None else codebook_for(store)}
    changed = {iri: g for iri, g in wanted.items() if not isomorphic(store.graph(iri), g)}
    if changed:
        store.replace_graphs(changed)


def codebook_for(store: Store, user: rdflib.Graph | None = None, mode: str = "replace",
                 source: str = "codebook") -> rdflib.Graph:
    """The codebook an ingest matches claims against, made the one extraction uses.

    A user's codebook (`kg ingest --codebook`) replaces or extends ontology/issues.ttl and
    stays with the store: later ingests without one keep using it. A store without one
    follows the project's issues.ttl. Nothing is written here; a faulty combination
    raises CodebookError first.
    """
    from kg import codebook
    from kg.nlp.propositions import use_codebook

    if user is not None:
        graph = codebook.combine(user, mode, source)
    elif codebook.store_has_users(store):
        graph = store.graph(iris.ISSUES_GRAPH)
    else:
        graph = codebook.default_codebook()
    use_codebook(graph)
    return graph


def ingest_articles(store: Store, items: Iterable[Article | ArticleError], *, workers: int = 1,
                    progress: bool = False, report: Callable[[str], None] | None = None,
                    written: Callable[[Article, list[Position]], None] | None = None,
                    codebook: rdflib.Graph | None = None, codebook_mode: str = "replace",
                    codebook_source: str = "codebook") -> Summary:
    """Ingest every article of `items`; faulty ones are reported and skipped.

    `report` receives one line per rejected article, `written` each stored article;
    `codebook` is a user's SKOS codebook (kg.codebook.read_codebook) to `replace` or
    `extend` the project's.
    """
    from kg.extract import extract_many, rejection
    from kg.review import status

    report = report or (lambda line: print(line, file=sys.stderr))
    summary, started = Summary(), time.perf_counter()
    write_reference_graphs(store, codebook_for(store, codebook, codebook_mode, codebook_source))
    reviewed = status.decided_ids(store)  # their review status follows the new machine positions

    def articles():
        for item in items:
            if isinstance(item, ArticleError):
                summary.rejected.append(str(item))
                report(f"rejected: {item}")
            else:
                yield item

    def reject(article: Article, error: Exception) -> None:
        line = rejection(article, error)
        summary.rejected.append(line)
        report(f"rejected: {line}")

    results = extract_many(articles(), workers=workers, rejected=reject)
    for article, positions in _progress(results, progress):
        try:
            write_article(store, article, positions, reviewed)
        except Exception as e:  # one article's fault (invalid graph, a term the store refuses, …)
            reject(article, e)
            continue
        summary.articles += 1
        summary.positions += len(positions)
        if written:
            written(article, positions)
    summary.seconds = time.perf_counter() - started
    return summary


def _progress(results, enabled: bool):
    if not enabled:
        return results
    from tqdm import tqdm

    return tqdm(results, unit=" articles", file=sys.stderr, leave=False)


def delete_article(store: Store, article_id: str, keep_review: bool = False) -> int | None:
    """Remove an article's graph, its review graphs (unless `keep_review`), and the actors
    no other graph cites, in one update. Returns the number of review graphs removed (with
    `keep_review`: kept), or None, with the store unchanged, when there is no such article.

    An actor node lives in the shared actors graph, so it may only go when no position
    of another article still names it (and no other actor points at it, as a party does
    for its members). Kept review graphs wait for the article to be ingested again; until
    then its status graph takes what they state out of the effective view.
    """
    from kg.review import read, status

    graph = iris.article_iri(article_id)
    if graph not in store.graph_names():
        return None
    reviews = read.review_graphs(store, article_id)
    drops = [graph] + ([] if keep_review else reviews + [status.status_graph_iri(article_id)])
    update = "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in drops)
    cited = _cited_actors(store, graph)
    if cited:
        update += f"""
DELETE {{ GRAPH <{iris.ACTORS_GRAPH}> {{ ?actor ?p ?o }} }}
WHERE {{
  VALUES ?actor {{ {" ".join(f"<{a}>" for a in cited)} }}
  GRAPH <{iris.ACTORS_GRAPH}> {{ ?actor ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?cites ?q ?actor }} }}
}}"""
    store.update(update)
    if keep_review and reviews:
        status.refresh(store, [article_id])
    return len(reviews)


def _cited_actors(store: Store, graph: str) -> list[str]:
    """The actor nodes the article's graph names: the only ones its removal can orphan.

    Asking this first keeps the orphan test to a few index lookups; testing every actor
    of the store instead took minutes on a store of a million triples. The update still
    tests each candidate when it runs, so a write in between that cites one keeps it."""
    rows = store.query(f"""SELECT DISTINCT ?actor WHERE {{
  GRAPH <{graph}> {{ ?s ?p ?actor }}
  GRAPH <{iris.ACTORS_GRAPH}> {{ ?actor ?q ?o }}
}}""")
    return sorted(str(row["actor"]) for row in rows)
