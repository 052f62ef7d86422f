"""`kg ingest PATH...`: extract, validate and store articles."""
from __future__ import annotations

import os
import sys

from kg.commands import (add_base_option, add_codebook_options, add_store_option, apply_base_option,
                         open_from_args, read_codebook_option)


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "ingest", help="extract positions from articles and write them to the store",
        description="Read articles (seed text format, JSON, JSONL, or folders of them), extract "
                    "positions, validate each article's graph against ontology/shapes.ttl and "
                    "replace the article's named graph in the store. Faulty articles are "
                    "reported and skipped; the exit code is 1 when any was rejected. With --to URL "
                    "the articles are posted to a running `kg serve` instead (POST URL/articles, "
                    "token from --token or $KG_WRITE_TOKEN), which is how to add articles while "
                    "the server holds the store. Each position is linked to its proposition: an issue "
                    "of the codebook (ontology/issues.ttl, or --codebook FILE) or, where none fits, a free "
                    "proposition keyed by its claim's head words. `kg ingest --codebook FILE` without "
                    "articles only stores the codebook; a faulty codebook is one error line, exit code 2, "
                    "store unchanged.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders")
    add_store_option(p)
    add_base_option(p)
    p.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    p.add_argument("--progress", action="store_true", default=None,
                   help="show a progress bar (default: when stderr is a terminal)")
    p.add_argument("--to", metavar="URL",
                   help="post the articles to the kg serve at URL (e.g. http://127.0.0.1:5000) instead of "
                        "writing the store")
    p.add_argument("--token", dest="write_token", default=os.environ.get("KG_WRITE_TOKEN"),
                   help="with --to: the server's write token (default $KG_WRITE_TOKEN)")
    p.add_argument("--verbose", "-v", action="store_true",
                   help="print a line for each article written")
    add_codebook_options(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from kg.articles import read_paths
    from kg.errors import KGError
    from kg.ingest import ingest_articles

    apply_base_option(args)
    if args.to:
        from kg.post import post_articles

        if args.codebook:
            raise KGError("ingest: --codebook works on a store; with --to, ingest the codebook into the "
                          "server's store first")

        summary = post_articles(args.to, read_paths(args.paths), token=args.write_token, verbose=args.verbose)
        print(summary.line(), file=sys.stderr)
        return 1 if summary.rejected else 0
    if not args.paths and not args.codebook:
        raise KGError("ingest: give article files or folders (PATH), or --codebook FILE")
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    codebook = read_codebook_option(args)
    with open_from_args(args) as store:
        written = _print_written if args.verbose else None
        summary = ingest_articles(store, read_paths(args.paths), workers=args.workers,
                                  progress=progress, written=written, codebook=codebook,
                                  codebook_mode=args.codebook_mode, codebook_source=args.codebook or "codebook")
    print(summary.line(), file=sys.stderr)
    return 1 if summary.rejected else 0


def _print_written(article, positions) -> None:
    print(f"ingested {article.id}: {len(positions)} positions", file=sys.stderr, flush=True)
