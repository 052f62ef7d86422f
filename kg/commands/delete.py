"""`kg delete ID...`: remove articles (their graphs, their review, and actors no other article cites)."""
from __future__ import annotations

import sys

from kg.commands import add_store_option, open_from_args


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "delete", help="remove articles, their positions and their review from the store",
        description="Remove each article's named graph (its positions and evidence) and its review "
                    "(every reviewer's decisions on it, docs/review.md) in one transaction per "
                    "article, and say how many review graphs went. Actors stay while another "
                    "article's position still names them. Exit code 1 when an ID is not in the store.")
    p.add_argument("ids", nargs="+", metavar="ID", help="article ids (the file name without extension)")
    p.add_argument("--keep-review", action="store_true",
                   help="keep the reviewers' decisions: they count for nothing while the article is "
                        "gone and apply again when it is ingested again")
    add_store_option(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from kg.ingest import delete_article

    missing = 0
    with open_from_args(args) as store:
        for article_id in args.ids:
            reviews = delete_article(store, article_id, keep_review=args.keep_review)
            if reviews is None:
                missing += 1
                print(f"kg delete: no article {article_id!r} in the store", file=sys.stderr)
            elif reviews:
                verb = "kept" if args.keep_review else "deleted with it"
                print(f"deleted {article_id} ({reviews} reviewer{'s' if reviews > 1 else ''}' decisions {verb})",
                      file=sys.stderr)
            else:
                print(f"deleted {article_id}", file=sys.stderr)
    return 1 if missing else 0
