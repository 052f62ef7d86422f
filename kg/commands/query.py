"""`kg query`: run SPARQL against the store and print the result."""
from __future__ import annotations

import sys
from pathlib import Path

from kg.commands import add_store_option, open_from_args

from kg import formats

MEDIA = {f.name: f.media_type for f in formats.all_formats("results")}


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "query", help="run a SPARQL query against the store",
        description="Run a SPARQL 1.1 query. The default graph is the union of all named "
                    "graphs. SELECT/ASK print as a table (default), json, csv, tsv or xml; "
                    "CONSTRUCT/DESCRIBE print Turtle.")
    p.add_argument("sparql", nargs="?", help="the query text")
    p.add_argument("--file", "-f", metavar="F", help="read the query from a file")
    p.add_argument("--format", choices=["table", *MEDIA], default="table")
    add_store_option(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from kg.errors import KGError

    if bool(args.sparql) == bool(args.file):
        raise KGError("give the query as an argument or with --file, not both or neither")
    text = Path(args.file).read_text(encoding="utf-8") if args.file else args.sparql
    with open_from_args(args, read_only=True) as store:
        result = store.query(text)
        if args.format != "table" and isinstance(result, (list, bool)):
            sys.stdout.buffer.write(store.query_raw(text, MEDIA[args.format]))
            sys.stdout.write("\n")
            return 0
    if isinstance(result, bool):
        print("true" if result else "false")
    elif isinstance(result, list):
        print(format_table(result))
    else:
        sys.stdout.write(result.serialize(format="turtle"))
    return 0


def format_table(rows: list[dict]) -> str:
    """An aligned text table of SELECT rows, columns in first-seen order."""
    columns: list[str] = []
    for row in rows:
        columns += [k for k in row if k not in columns]
    cells = [[str(row.get(c, "")) for c in columns] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(columns, widths)),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(v.ljust(w) for v, w in zip(r, widths)) for r in cells]
    lines.append(f"({len(rows)} rows)")
    return "\n".join(lines)
