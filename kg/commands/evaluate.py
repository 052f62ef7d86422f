"""`kg evaluate --gold GOLD.jsonl ARTICLES...`: score the extractor against gold positions."""
from __future__ import annotations

import json
import sys


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "evaluate", help="score extraction against gold positions (precision, recall, F1, accuracies)",
        description="Extract positions from ARTICLES (files or folders) -- or read them from "
                    "--system OUT.jsonl -- and compare them with the gold positions of "
                    "eval/ANNOTATION.md format: attribution precision/recall/F1 of (actor, sentence), "
                    "stance, oppose, act, CAP and date accuracy and claim overlap (claim_f1, claim_ok) on matched pairs, and strict F1; "
                    "then the misses and false alarms to read.")
    p.add_argument("paths", nargs="*", metavar="ARTICLES", help="article files or folders to extract")
    p.add_argument("--gold", required=True, metavar="GOLD.jsonl", help="gold positions, one JSON per line")
    p.add_argument("--system", metavar="OUT.jsonl", help="score these positions instead of extracting")
    p.add_argument("--per-article", action="store_true", help="also report each article")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    p.set_defaults(func=run)


def run(args) -> int:
    from kg.errors import KGError
    from kg.evaluate import load_jsonl, per_article, render_json, render_text, score

    gold = load_jsonl(args.gold, required=("article", "sentence", "actor"))
    if args.system:
        system = load_jsonl(args.system, required=("article", "sentence", "actor"))
    elif args.paths:
        system = _extract(args.paths, args.workers)
    else:
        raise KGError("evaluate: give ARTICLES to extract or --system OUT.jsonl")
    overall = score(system, gold)
    by_article = per_article(system, gold) if args.per_article else None
    if args.format == "json":
        sys.stdout.write(json.dumps(render_json(overall, by_article), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_text(overall, by_article) + "\n")
    return 0


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
