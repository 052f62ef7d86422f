"""`kg network`: a discourse network of the store (issue 14), as GraphML, CSV or JSON."""
from __future__ import annotations

import sys

from kg.commands import add_store_option, open_from_args
from kg.networks.options import AGGREGATES, KINDS, ONE_MODE_NORMALIZATIONS, TWO_MODE_NORMALIZATIONS, TYPES

OPTIONS = ("type", "normalization", "from", "to", "topic", "kind", "party", "qualifier",
           "min_weight", "window", "step", "aggregate")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "network", help="export a discourse network (congruence, conflict, affiliation, ...)",
        description="Build a discourse network from the store's positions with propositions and "
                    "sides (DNA's definitions) and write it as GraphML, CSV or JSON.")
    p.add_argument("--type", default="congruence", help=f"one of {', '.join(TYPES)} (default congruence)")
    p.add_argument("--normalization", default="none",
                   help=f"one-mode: {', '.join(ONE_MODE_NORMALIZATIONS)}; "
                        f"two-mode: {', '.join(TWO_MODE_NORMALIZATIONS)} (default none)")
    p.add_argument("--from", dest="from_", metavar="YYYY-MM-DD", help="first day counted")
    p.add_argument("--to", metavar="YYYY-MM-DD", help="last day counted")
    p.add_argument("--topic", help="topic or issue key or IRI; everything under it counts")
    p.add_argument("--kind", help=f"comma-separated actor kinds: {', '.join(KINDS)}")
    p.add_argument("--party", help="party name or IRI: the party and its members on the statement date")
    p.add_argument("--qualifier", default="every", choices=("every", "each"),
                   help="count every statement, or each actor once per proposition and side")
    p.add_argument("--min-weight", dest="min_weight", help="drop edges whose |weight| is smaller")
    p.add_argument("--window", metavar="DAYS", help="moving window width: one network per window")
    p.add_argument("--step", metavar="DAYS", help="days between window starts (default: the width)")
    p.add_argument("--aggregate", nargs="?", const="party", choices=AGGREGATES,
                   help="count persons as their party (the default) or their government on the statement date "
                        "(the gazetteer's dated party spells and government roles)")
    p.add_argument("--format", default="graphml", choices=("graphml", "csv", "nodes", "json", "matrix"),
                   help="graphml, csv (edges), nodes (CSV), json, matrix (CSV) (default graphml)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    add_store_option(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from kg.networks import parse, sequence
    from kg.networks.export import render

    values = {k: getattr(args, "from_" if k == "from" else k) for k in OPTIONS}
    values = {k: ("true" if v is True else None if v is False else v) for k, v in values.items()}
    spec = parse(values)
    with open_from_args(args, read_only=True) as store:
        text = render(sequence(store, spec), args.format)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(text)
    else:
        sys.stdout.write(text)
    return 0
