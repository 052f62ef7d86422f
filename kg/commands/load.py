"""`kg load DIR`: bulk-load the shards of `kg extract --engine ... --out DIR` into the embedded store."""
from __future__ import annotations

import sys

from kg.commands import add_store_option


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "load", help="bulk-load extracted shards (*.nq.gz) into the embedded store",
        description="Load every *.nq.gz shard that `kg extract --engine dask|local --out DIR` wrote "
                    "into the embedded store with Oxigraph's bulk loader (no per-article "
                    "transactions: the shards stream through two calls that parse and sort on every core and commit together), plus the "
                    "ontology and topic graphs as `kg ingest` writes them. A bad shard stops the load with its name and "
                    "line and leaves the store as it was; the load is idempotent: after an interruption, run it again.")
    p.add_argument("folder", metavar="DIR", help="the folder of shards")
    add_store_option(p, remote=False)
    p.add_argument("--threads", type=int, default=None, metavar="N",
                   help="bulk_load calls at once, each streaming a run of the shards (default 2: each call "
                        "commits on one thread, two keep both cores busy; 1 needs half the memory). The calls "
                        "commit together: a bad shard still leaves the store as it was")
    p.add_argument("--lenient", action="store_true",
                   help="skip the check of every IRI and language tag, for shards written by `kg extract` "
                        "from SHACL-validated graphs: about 6 %% less CPU (see README, Scaling out); a syntax "
                        "error still stops the load, but an invalid IRI would be stored as it stands")
    p.add_argument("--progress", action="store_true", default=None,
                   help="show a progress bar (default: when stderr is a terminal)")
    p.set_defaults(func=run)


def run(args) -> int:
    from kg.errors import KGError
    from kg.load import THREADS, find_shards, load_shards
    from kg.review.status import refresh_all
    from kg.store import OxigraphStore

    if args.threads is not None and args.threads < 1:
        raise KGError("--threads must be at least 1")
    shards = find_shards(args.folder)
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    with OxigraphStore(args.store) as store:
        summary = load_shards(store, shards, progress=progress, threads=args.threads or THREADS,
                               lenient=args.lenient)
        refresh_all(store)  # reviewed articles among the shards: their review status follows
    print(summary.line(), file=sys.stderr)
    return 0
