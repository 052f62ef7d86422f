"""POST /articles: parse an upload, extract and validate every article, then write all at once.

`kg.ingest.ingest_article` writes one article per transaction. An upload may hold
several articles (JSON array, JSONL), and the API promises that nothing partial is
stored, so every article is extracted and validated first and the graphs are written
in one `replace_graphs` transaction. Extraction runs before the server takes its write
lock, so a slow article delays only its own upload.
"""
from __future__ import annotations

from dataclasses import dataclass

import rdflib

from kg import iris
from kg.model import Article, Position
from kg.store import Store


@dataclass
class Upload:
    """An upload made ready to write: each article with its positions, and its validated graphs."""

    done: list[tuple[Article, list[Position]]]
    graphs: dict[str, rdflib.Graph]
    actors: rdflib.Graph
    issues: rdflib.Graph  # the codebook, for write_reference_graphs


def prepare_upload(store: Store, data: bytes, filename: str | None, content_type: str | None) -> Upload:
    """Parse, extract and validate, outside the write lock: the slow part blocks no other write.

    :raise ArticleError: a malformed upload, or an article the pipeline fails on.
    :raise ValidationError: an invalid article graph."""
    from kg.articles import parse_upload
    from kg.extract import extract_checked
    from kg.ingest import article_graphs, codebook_for

    articles = parse_upload(data, filename, content_type)
    issues = codebook_for(store)  # the store's codebook, a user's one included
    done, graphs, actors = [], {}, rdflib.Graph()
    for article in articles:
        positions = extract_checked(article)
        graph, article_actors = article_graphs(article, positions)
        graphs[iris.article_iri(article.id)] = graph
        actors += article_actors
        done.append((article, positions))
    return Upload(done, graphs, actors, issues)


def write_upload(store: Store, upload: Upload) -> list[tuple[Article, list[Position]]]:
    """All articles of the upload in one transaction (under the caller's write lock)."""
    from kg.ingest import write_reference_graphs
    from kg.review import status

    if iris.TOPICS_GRAPH not in store.graph_names():
        write_reference_graphs(store, upload.issues)
    store.replace_graphs(upload.graphs, merge={iris.ACTORS_GRAPH: upload.actors})
    status.refresh_reviewed(store, [article.id for article, _ in upload.done])  # new machine positions
    return upload.done

