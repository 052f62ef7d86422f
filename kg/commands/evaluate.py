"""`kg evaluate --gold GOLD.jsonl ARTICLES...`: score the extractor against gold positions."""
from __future__ import annotations

import json
import sys

from kg.commands import add_store_option


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "evaluate", help="score extraction against gold positions or the store's reviewed articles (precision, recall, F1, accuracies)",
        description="Extract positions from ARTICLES (files or folders) -- or read them from "
                    "--system OUT.jsonl -- and compare them with the gold positions of "
                    "eval/ANNOTATION.md format: attribution precision/recall/F1 of (actor, sentence), "
                    "stance, oppose, act, CAP and date accuracy and claim overlap (claim_f1, claim_ok) on matched pairs, and strict F1; "
                    "then the misses and false alarms to read. With --reviewed the gold is the store's completely "
                    "reviewed articles (their positions after the coders' decisions) and the system is the current "
                    "extractor run on their stored text.")
    p.add_argument("paths", nargs="*", metavar="ARTICLES", help="article files or folders to extract")
    p.add_argument("--gold", metavar="GOLD.jsonl", help="gold positions, one JSON per line")
    p.add_argument("--reviewed", action="store_true",
                   help="score against the store's reviewed articles: their reviewed positions are the gold, "
                        "the current extractor's output on their stored text the system (no --gold, no ARTICLES)")
    add_store_option(p)
    p.add_argument("--system", metavar="OUT.jsonl", help="score these positions instead of extracting")
    p.add_argument("--per-article", action="store_true", help="also report each article")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    p.set_defaults(func=run)


def run(args) -> int:
    from kg.errors import KGError
    from kg.evaluate import load_jsonl, per_article, render_json, render_text, score

    if args.reviewed:
        gold, system = _reviewed(args)
    elif not args.gold:
        raise KGError("give --gold GOLD.jsonl, or --reviewed to score against the store's reviews")
    else:
        gold = load_jsonl(args.gold, required=("article", "sentence", "actor"))
        if args.system:
            system = load_jsonl(args.system, required=("article", "sentence", "actor"))
        elif args.paths:
            system = _extract(args.paths, args.workers)
        else:
            raise KGError("give ARTICLES to extract or --system OUT.jsonl")
    overall = score(system, gold)
    by_article = per_article(system, gold) if args.per_article else None
    if args.format == "json":
        sys.stdout.write(json.dumps(render_json(overall, by_article), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_text(overall, by_article) + "\n")
    return 0


def _reviewed(args) -> tuple[list[dict], list[dict]]:
    """Gold: the effective positions of every completely reviewed article of the store.
    System: what the extractor now makes of the same stored texts, with the store's codebook."""
    from kg.commands import open_from_args
    from kg.errors import KGError
    from kg.extract import extract_many
    from kg.ingest import codebook_for
    from kg.reviewed import reviewed_gold

    if args.gold or args.paths or args.system:
        raise KGError("--reviewed takes gold and articles from the store; give no --gold, --system or ARTICLES")
    with open_from_args(args, read_only=True) as store:
        gold, articles, partly = reviewed_gold(store)
        codebook_for(store)
    for article in partly:
        print(f"kg evaluate: left out {article}: partly reviewed (a machine position has no decision)", file=sys.stderr)
    if not articles:
        raise KGError("no completely reviewed article in the store "
                      "(an article is reviewed when every machine position has a decision)")
    system = [p.to_json() for _, positions in extract_many(articles, workers=args.workers) for p in positions]
    return gold, system


def _extract(paths: list[str], workers: int) -> list[dict]:
    from kg.articles import read_paths
    from kg.errors import ArticleError
    from kg.extract import extract_many

    def articles():
        for item in read_paths(paths):
            if isinstance(item, ArticleError):
                print(f"rejected: {item}", file=sys.stderr)
            else:
                yield item

    return [p.to_json() for _, positions in extract_many(articles(), workers=workers) for p in positions]
