"""POST /articles: parse an upload, extract and validate every article, then write all at once.

`kg.ingest.ingest_article` writes one article per transaction. An upload may hold
several articles (JSON array, JSONL), and the API promises that nothing partial is
stored, so every article is extracted and validated first and the graphs are written
in one `replace_graphs` transaction.
"""
from __future__ import annotations

import rdflib

from kg import iris
from kg.model import Article, Position
from kg.store import Store


def ingest_upload(store: Store, data: bytes, filename: str | None,
                  content_type: str | None) -> list[tuple[Article, list[Position]]]:
    """:raise ArticleError: malformed upload.  :raise ValidationError: an invalid article graph."""
    from kg.articles import parse_upload
    from kg.extract import extract
    from kg.ingest import article_graphs, codebook_for, write_reference_graphs

    articles = parse_upload(data, filename, content_type)
    issues = codebook_for(store)  # the store's codebook, a user's one included
    done, graphs, actors = [], {}, rdflib.Graph()
    for article in articles:
        positions = extract(article)
        graph, article_actors = article_graphs(article, positions)
        graphs[iris.article_iri(article.id)] = graph
        actors += article_actors
        done.append((article, positions))
    if iris.TOPICS_GRAPH not in store.graph_names():
        write_reference_graphs(store, issues)
    store.replace_graphs(graphs, merge={iris.ACTORS_GRAPH: actors})
    return done
