"""`kg agreement A B`: inter-coder agreement of two reviewers, per article and overall."""
from __future__ import annotations

import json
import sys


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "agreement", help="inter-coder agreement of two reviewers: attribution F1, Krippendorff's alpha of side and act",
        description="Compare two coders on the articles both have reviewed: their positions are paired as "
                    "`kg evaluate` pairs them (same article, overlapping sentence, same actor); attribution "
                    "precision/recall/F1 of B against A, and over the paired positions Krippendorff's alpha "
                    "(nominal) and the share coded alike for side and act, per article and overall. "
                    "A and B are reviewer names of the store, or with --jsonl two files of positions "
                    "(eval/ANNOTATION.md format).")
    p.add_argument("coders", nargs=2, metavar=("A", "B"), help="two reviewer names (or, with --jsonl, two files)")
    p.add_argument("--jsonl", action="store_true", help="A and B are JSONL files of positions, not reviewers")
    p.add_argument("--store", help="store folder (default $KG_STORE or ./data/store)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=run)


def run(args) -> int:
    from kg.agreement import agreement, per_article, render_json, render_text
    from kg.errors import KGError

    a_name, b_name = args.coders
    if a_name == b_name:
        raise KGError(f"agreement needs two different coders, not {a_name!r} twice")
    if args.jsonl:
        coder_a, coder_b, articles = _from_files(a_name, b_name)
    else:
        coder_a, coder_b, articles = _from_store(args.store, a_name, b_name)
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


def _from_store(store_path, name_a: str, name_b: str):
    """Each reviewer's reviewed positions on the articles both have reviewed."""
    from kg.errors import KGError

    raise KGError("reading reviewers from the store is not there yet; use --jsonl A.jsonl B.jsonl")
