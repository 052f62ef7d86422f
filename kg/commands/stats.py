"""`kg stats`: what the store holds."""
from __future__ import annotations

import json

from kg.commands import add_store_option

STATS_QUERY = """
PREFIX sp: <https://w3id.org/standpunkt/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT
  (COUNT(DISTINCT ?position) AS ?positions)
  (COUNT(DISTINCT ?actor) AS ?actors) (COUNT(DISTINCT ?topic) AS ?topics)
  (MIN(STR(?date)) AS ?first) (MAX(STR(?date)) AS ?last)
WHERE {
  ?position a sp:Position ; sp:holder ?actor .
  OPTIONAL { ?position sp:topic ?topic }
  OPTIONAL { ?position dcterms:date ?date }
}"""
ARTICLES_QUERY = "SELECT (COUNT(DISTINCT ?a) AS ?articles) WHERE { ?a a <https://schema.org/NewsArticle> }"


def register(subparsers) -> None:
    p = subparsers.add_parser("stats", help="count articles, positions, actors, topics, triples",
                              description="Summarise the store: counts, date range and graphs.")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_store_option(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from kg.store import open_store

    with open_store(args.store) as store:
        row = {**store.query(ARTICLES_QUERY)[0], **store.query(STATS_QUERY)[0]}
        stats = {k: (v.toPython() if hasattr(v, "toPython") else v) for k, v in row.items()}
        stats["graphs"] = len(store.graph_names())
        stats["quads"] = store.quad_count()
    stats = {k: (int(v) if isinstance(v, int) else v) for k, v in stats.items()}
    if args.json:
        print(json.dumps(stats, ensure_ascii=False))
    else:
        for key in ("articles", "positions", "actors", "topics", "first", "last", "graphs", "quads"):
            print(f"{key:>10}: {stats.get(key, '-')}")
    return 0
