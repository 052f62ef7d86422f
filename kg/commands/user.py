"""`kg user add|list|remove NAME`: the reviewers who may record decisions through `kg serve`.

Tokens are printed once by `add` and kept only as salted scrypt hashes in the users file
(docs/review.md), so a lost token is replaced by removing and adding the reviewer again.
"""
from __future__ import annotations

import sys


def add_users_option(parser) -> None:
    parser.add_argument("--users", metavar="FILE", default=None,
                        help="the reviewers' file (default: $KG_USERS, else users.json in the store folder)")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "user", help="add, list or remove reviewers (named users with their own tokens)",
        description="Reviewers record decisions on positions through `kg serve` "
                    "(POST /articles/{id}/decisions with 'Authorization: Bearer <token>'). "
                    "`add` prints the new reviewer's token once; only a salted hash is stored, "
                    "beside the store, never in the graph. Their decisions stay when a reviewer is removed.")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, text in (("add", "create a reviewer and print the token"), ("list", "list reviewers"),
                       ("remove", "remove a reviewer (the token stops working)")):
        q = actions.add_parser(name, help=text, description=text)
        if name != "list":
            q.add_argument("name", metavar="NAME", help="1-32 characters a-z, 0-9 and '-'")
        q.add_argument("--store", metavar="DIR", help="embedded store folder (default: $KG_STORE or ./data/store)")
        add_users_option(q)
        q.set_defaults(func=run)
    p.set_defaults(func=lambda args: p.print_help() or 2)


def run(args) -> int:
    from kg.review import users

    path = users.users_path(args.store, args.users)
    if args.action == "add":
        token = users.add_user(path, args.name)
        print(token)
        print(f"kg user: added {args.name} to {path}; the token above is shown only now", file=sys.stderr)
    elif args.action == "remove":
        users.remove_user(path, args.name)
        print(f"kg user: removed {args.name}", file=sys.stderr)
    else:
        for user in users.list_users(path):
            print(f"{user['name']}\t{user['created'] or ''}")
    return 0
