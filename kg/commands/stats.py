"""`kg stats`: what the store holds."""
from __future__ import annotations

import json

from kg.commands import add_store_option, open_from_args
from kg.effective import effective

# positions are the machine's: those in the graph of the article they come from (reviewers'
# positions live in review graphs and are counted apart, see docs/review.md)
STATS_QUERY = """
PREFIX sp: <https://w3id.org/standpunkt/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT
  (COUNT(DISTINCT ?position) AS ?positions)
  (COUNT(DISTINCT ?actor) AS ?actors) (COUNT(DISTINCT ?topic) AS ?topics)
WHERE {
  GRAPH ?article { ?position a sp:Position ; prov:wasDerivedFrom ?article ; sp:holder ?actor .
                   OPTIONAL { ?position sp:topic ?topic } }
}"""
REVIEW_QUERY = """
PREFIX sp: <https://w3id.org/standpunkt/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT (COUNT(DISTINCT ?decision) AS ?decisions) (COUNT(DISTINCT ?reviewer) AS ?reviewers)
       (COUNT(DISTINCT ?article) AS ?reviewed_articles)
WHERE { GRAPH ?review { ?decision a sp:Decision ; sp:onArticle ?article ; prov:wasAttributedTo ?reviewer } }"""
DATES_QUERY = """
PREFIX sp: <https://w3id.org/standpunkt/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT (MIN(STR(?date)) AS ?first) (MAX(STR(?date)) AS ?last)
WHERE { ?position a sp:Position ; dcterms:date ?date }"""
VERSIONS_QUERY = """
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT DISTINCT ?version WHERE { GRAPH ?article { ?position prov:wasGeneratedBy ?activity .
                                                  ?activity schema:softwareVersion ?version } }
ORDER BY ?version"""
# what the site lists and counts: every graph's positions (the article's and the reviewers'),
# less those the review set aside (docs/review.md, kg.effective)
EFFECTIVE_QUERY = f"""
PREFIX sp: <https://w3id.org/standpunkt/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT (COUNT(DISTINCT ?position) AS ?effective_positions)
WHERE {{ GRAPH ?in {{ ?position a sp:Position ; prov:wasDerivedFrom ?article }} {effective("position")} }}"""
ARTICLES_QUERY = "SELECT (COUNT(DISTINCT ?a) AS ?articles) WHERE { ?a a <https://schema.org/NewsArticle> }"


def register(subparsers) -> None:
    p = subparsers.add_parser("stats", help="count articles, positions, actors, topics, decisions, triples",
                              description="Summarise the store: counts (positions: the machine's; effective positions: "
                                          "what the site counts after review), date range, "
                                          "the extractor versions that made the positions, "
                                          "review decisions, reviewers and reviewed articles, graphs.")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_store_option(p)
    p.set_defaults(func=run)


def run(args) -> int:

    with open_from_args(args, read_only=True) as store:
        queries = (ARTICLES_QUERY, STATS_QUERY, EFFECTIVE_QUERY, DATES_QUERY, REVIEW_QUERY)
        row = {k: v for q in queries for k, v in store.query(q)[0].items()}
        stats = {k: (v.toPython() if hasattr(v, "toPython") else v) for k, v in row.items()}
        stats["extractors"] = [str(r["version"]) for r in store.query(VERSIONS_QUERY)]  # kg.provenance
        stats["graphs"] = len(store.graph_names())
        stats["quads"] = store.quad_count()
    stats = {k: (int(v) if isinstance(v, int) else v) for k, v in stats.items()}
    if args.json:
        print(json.dumps(stats, ensure_ascii=False))
    else:
        stats["extractors"] = ", ".join(stats["extractors"]) or "-"
        for key in ("articles", "positions", "effective_positions", "actors", "topics", "first", "last", "extractors", "decisions",
                    "reviewers", "reviewed_articles", "graphs", "quads"):
            print(f"{key.replace('_', ' '):>19}: {stats.get(key, '-')}")
    return 0
