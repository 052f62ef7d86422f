"""`kg delete ID...`: remove articles (their graphs, and actors no other article cites)."""
from __future__ import annotations

import sys

from kg.commands import add_store_option, open_from_args


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "delete", help="remove articles and their positions from the store",
        description="Remove each article's named graph (its positions and evidence) in one "
                    "transaction per article. Actors stay while another article's position "
                    "still names them. Exit code 1 when an ID is not in the store.")
    p.add_argument("ids", nargs="+", metavar="ID", help="article ids (the file name without extension)")
    add_store_option(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from kg.ingest import delete_article

    missing = 0
    with open_from_args(args) as store:
        for article_id in args.ids:
            if delete_article(store, article_id):
                print(f"deleted {article_id}", file=sys.stderr)
            else:
                missing += 1
                print(f"kg delete: no article {article_id!r} in the store", file=sys.stderr)
    return 1 if missing else 0
