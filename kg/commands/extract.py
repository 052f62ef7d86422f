"""`kg extract PATH... --format jsonl|turtle|jsonld|nquads|…`: positions to stdout, no store."""
from __future__ import annotations

import json
import sys

from kg import formats
from kg.commands import add_codebook_options, read_codebook_option

FORMATS = ("jsonl", *formats.names("rdf"))


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "extract", help="print the positions found in articles (no store)",
        description="Extract positions and print them: jsonl is the system output format of "
                    "eval/ANNOTATION.md (one position per line); the RDF formats print the graphs "
                    "that `kg ingest` would store (nquads, trig and jsonld with the named graphs, "
                    "the others their union). Exit code 1 when an article was rejected.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    p.add_argument("--format", choices=FORMATS, default="jsonl")
    p.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    add_codebook_options(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from kg.articles import read_paths
    from kg.errors import ArticleError
    from kg.extract import extract_many

    user = read_codebook_option(args)
    if user is not None:
        from kg.codebook import combine
        from kg.nlp.propositions import use_codebook

        use_codebook(combine(user, args.codebook_mode, args.codebook))
    rejected = 0

    def articles():
        nonlocal rejected
        for item in read_paths(args.paths):
            if isinstance(item, ArticleError):
                rejected += 1
                print(f"rejected: {item}", file=sys.stderr)
            else:
                yield item

    results = extract_many(articles(), workers=args.workers)
    if args.format == "jsonl":
        for _, positions in results:
            for p in positions:
                sys.stdout.write(json.dumps(p.to_json(), ensure_ascii=False) + "\n")
    else:
        rejected += _print_rdf(results, args.format)
    return 1 if rejected else 0


def _print_rdf(results, fmt: str) -> int:
    """All articles as one dataset: each article's named graph plus the actors graph."""
    import rdflib

    from kg import iris
    from kg.errors import ValidationError
    from kg.ingest import article_graphs

    dataset, failed = rdflib.Dataset(), 0
    actors = dataset.graph(rdflib.URIRef(iris.ACTORS_GRAPH))
    for article, positions in results:
        try:
            graph, actor_nodes = article_graphs(article, positions)
        except ValidationError as e:
            failed += 1
            print(f"rejected: {e}", file=sys.stderr)
            continue
        named = dataset.graph(rdflib.URIRef(iris.article_iri(article.id)))
        for t in graph:
            named.add(t)
        for t in actor_nodes:
            actors.add(t)
    sys.stdout.write(_serialize(dataset, fmt))
    return failed


def _serialize(dataset, fmt: str) -> str:
    import rdflib

    from kg import iris

    rdf_format = formats.get(fmt)
    if fmt == "jsonld":
        import json

        from kg.build import to_jsonld

        return json.dumps(to_jsonld(dataset), ensure_ascii=False, indent=2) + "\n"
    if rdf_format.quads:
        return dataset.serialize(format=rdf_format.rdflib)
    union = rdflib.Graph()
    for s, p, o, _ in dataset.quads():
        union.add((s, p, o))
    union.bind("sp", iris.ONTOLOGY)
    union.bind("schema", "https://schema.org/")
    union.bind("prov", "http://www.w3.org/ns/prov#")
    return union.serialize(format=rdf_format.rdflib)
