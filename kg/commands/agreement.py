"""`kg agreement A B`: inter-coder agreement of two reviewers, per article and overall."""
from __future__ import annotations

import json
import sys

from kg.commands import add_store_option


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "agreement", help="inter-coder agreement of two reviewers: attribution F1, Krippendorff's alpha of side and act",
        description="Compare two coders on the articles both have reviewed: their positions are paired as "
                    "`kg evaluate` pairs them (same article, overlapping sentence, same actor); attribution "
                    "precision/recall/F1 of B against A, and over the paired positions Krippendorff's alpha "
                    "(nominal) and the share coded alike for side and act, per article and overall. "
                    "A and B are reviewer names of the store, or with --jsonl two files of positions "
                    "(eval/ANNOTATION.md format). "
                    "From the store, an article counts when both reviewers decided on every machine position; "
                    "each reviewer's view is the machine's positions with their own decisions applied.")
    p.add_argument("coder_a", metavar="A", help="the first reviewer's name (with --jsonl: a file), in the place of the gold")
    p.add_argument("coder_b", metavar="B", help="the second reviewer's name (with --jsonl: a file)")
    p.add_argument("--jsonl", action="store_true", help="A and B are JSONL files of positions, not reviewers")
    add_store_option(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=run)


def run(args) -> int:
    from kg.agreement import agreement, per_article, render_json, render_text
    from kg.errors import KGError

    a_name, b_name = args.coder_a, args.coder_b
    if a_name == b_name:
        raise KGError(f"agreement needs two different coders, not {a_name!r} twice")
    if args.jsonl:
        coder_a, coder_b, articles = _from_files(a_name, b_name)
    else:
        coder_a, coder_b, articles = _from_store(args, a_name, b_name)
    overall = agreement(coder_a, coder_b)
    by_article = per_article(coder_a, coder_b, articles)
    if args.format == "json":
        sys.stdout.write(json.dumps(render_json((a_name, b_name), overall, by_article), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_text((a_name, b_name), overall, by_article) + "\n")
    return 0


def _from_files(path_a: str, path_b: str):
    """Two files of positions; the articles are those either file names (a coder who found
    nothing in an article has no line for it)."""
    from kg.evaluate import load_jsonl

    coder_a, coder_b = load_jsonl(path_a), load_jsonl(path_b)
    return coder_a, coder_b, sorted({p["article"] for p in coder_a + coder_b})


def _from_store(args, name_a: str, name_b: str):
    """Each reviewer's own view (their decisions alone) of the articles both have reviewed completely."""
    from kg.commands import open_from_args
    from kg.errors import KGError
    from kg.reviewed import coder_rows

    with open_from_args(args, read_only=True) as store:
        coder_a, coder_b, articles, incomplete = coder_rows(store, name_a, name_b)
    for article in incomplete:
        print(f"kg agreement: left out {article}: not every machine position has a decision of both coders",
              file=sys.stderr)
    if not articles:
        raise KGError(f"no article reviewed completely by both {name_a!r} and {name_b!r}")
    return coder_a, coder_b, articles
