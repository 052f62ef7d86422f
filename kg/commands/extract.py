"""`kg extract PATH... --format jsonl|turtle|jsonld|nquads|…`: positions to stdout, no store.

With `--engine dask|local --out DIR` the corpus is written as shards instead
(kg.distributed): one gzip N-Quads file, positions and rejects per partition.
"""
from __future__ import annotations

import json
import sys

from kg import formats
from kg.commands import add_codebook_options, read_codebook_option
from kg.distributed import ENGINES
from kg.errors import KGError
from kg.partitions import DEFAULT_SIZE
from kg.shards import REJECTS

FORMATS = ("jsonl", *formats.names("rdf"))


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "extract", help="print the positions found in articles (no store)",
        description="Extract positions and print them: jsonl is the system output format of "
                    "eval/ANNOTATION.md (one position per line); the RDF formats print the graphs "
                    "that `kg ingest` would store (nquads, trig and jsonld with the named graphs, "
                    "the others their union). A faulty article, or one the pipeline fails on, is one "
                    "'rejected:' line on stderr and the others go on. Exit code 1 when an article was "
                    "rejected; with --engine, when any partition's rejects file in --out lists one, also "
                    "on a rerun that finds every partition done; 2 when the command could not run.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    p.add_argument("--format", choices=FORMATS, default="jsonl")
    p.add_argument("--workers", type=int, default=None,
                   help="extraction processes (default 1); with --engine dask the worker processes "
                        "of the local cluster (default 2)")
    p.add_argument("--engine", choices=ENGINES,
                   help="write shards to --out instead of printing: dask (a Dask distributed cluster, "
                        "local unless --scheduler) or local (the same partitions in this process)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: a running scheduler, e.g. tcp://HOST:8786 (--out must be "
                        "a folder its workers can write)")
    p.add_argument("--out", metavar="DIR", help="with --engine: the folder for the shards")
    p.add_argument("--partition-size", type=int, default=DEFAULT_SIZE, metavar="N",
                   help=f"with --engine: articles per partition (default {DEFAULT_SIZE})")
    p.add_argument("--progress", action="store_true", default=None,
                   help="with --engine: a progress bar (default: when stderr is a terminal)")
    add_codebook_options(p)
    p.set_defaults(func=run)


def run(args) -> int:
    if args.engine or args.out or args.scheduler:
        return _run_engine(args)
    args.workers = args.workers or 1

    from kg.articles import read_paths
    from kg.errors import ArticleError
    from kg.extract import extract_many, rejection

    user = read_codebook_option(args)
    if user is not None:
        from kg.codebook import combine
        from kg.nlp.propositions import use_codebook

        use_codebook(combine(user, args.codebook_mode, args.codebook))
    rejected = 0

    def reject(item) -> None:
        nonlocal rejected
        rejected += 1
        print(f"rejected: {item}", file=sys.stderr)

    def articles():
        for item in read_paths(args.paths):
            if isinstance(item, ArticleError):
                reject(item)
            else:
                yield item

    # an article the pipeline fails on is rejected (extract_checked names it) and the others go on
    results = extract_many(articles(), workers=args.workers,
                           rejected=lambda article, error: reject(rejection(article, error)))
    if args.format == "jsonl":
        for _, positions in results:
            for p in positions:
                sys.stdout.write(json.dumps(p.to_json(), ensure_ascii=False) + "\n")
    else:
        failed = _print_rdf(results, args.format)  # first: it reads the articles, counting rejections
        rejected += failed
    return 1 if rejected else 0


def _print_rdf(results, fmt: str) -> int:
    """All articles as one dataset: each article's named graph plus the actors graph."""
    import rdflib

    from kg import iris
    from kg.extract import rejection
    from kg.ingest import article_graphs

    dataset, failed = rdflib.Dataset(), 0
    actors = dataset.graph(rdflib.URIRef(iris.ACTORS_GRAPH))
    for article, positions in results:
        try:
            graph, actor_nodes = article_graphs(article, positions)
        except Exception as e:  # one article's fault (a graph that does not conform, …): the rest goes on
            failed += 1
            print(f"rejected: {rejection(article, e)}", file=sys.stderr)
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


def _run_engine(args) -> int:
    """Shards of the corpus in --out; exit code 1 when any partition's rejects file holds an
    article, those of partitions an earlier run finished included."""
    from pathlib import Path

    from kg.distributed import run_dask, run_local
    from kg.partitions import plan

    if not args.engine or not args.out:
        raise KGError("--engine and --out go together (e.g. --engine dask --out shards/)")
    if args.codebook:
        raise KGError("--codebook is not supported with --engine yet (the workers use the project's issues)")
    if args.scheduler and args.engine != "dask":
        raise KGError("--scheduler needs --engine dask")
    if args.workers is not None and args.workers < 1:
        raise KGError("--workers must be at least 1")
    out = Path(args.out)
    partitions = plan(args.paths, args.partition_size)
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    if args.engine == "dask":
        summary = run_dask(partitions, out, scheduler=args.scheduler, workers=args.workers or 2,
                           progress=progress)
    else:
        summary = run_local(partitions, out, progress=progress)
    print(summary.line(), file=sys.stderr)
    if summary.rejected:
        print(f"kg extract: {summary.rejected} rejected, one line each (source, line, id, error) in "
              f"{out / ('*' + REJECTS)}", file=sys.stderr)
    return 1 if summary.rejected else 0
