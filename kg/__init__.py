"""Standpunkt: German political news -> positions -> RDF knowledge graph.

The public API, each stage importable on its own:

- `kg.articles.read_paths(paths)`: articles from the seed format, JSON, JSONL, folders
- `kg.extract.extract(article)`: the positions of one article
- `kg.build.article_graph(article, positions)`: positions as RDF
- `kg.validate.check(graph, subject)`: SHACL validation, raising with a report in words
- `kg.stores.open_store(path)`: the embedded (or remote) SPARQL store
- `kg.ingest.ingest_articles(store, items)`: all of the above, one atomic write per article
"""

__version__ = "0.1.0"
