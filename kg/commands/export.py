"""`kg export`: the stored dataset (or one graph), streamed, for bulk loaders."""
from __future__ import annotations

import gzip
import sys

from kg.commands import add_store_option, open_from_args
from kg.store import RDF_FORMATS


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "export", help="write the stored dataset to stdout or a file",
        description="Stream the dataset in constant memory. nquads and trig keep the named graphs "
                    "(one per article, plus actors, topics and ontology); turtle, nt and rdfxml "
                    "write the union of all graphs, or the one named by --graph.")
    p.add_argument("--format", choices=list(RDF_FORMATS), default="nquads")
    p.add_argument("--graph", metavar="IRI", help="export this named graph only")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--gzip", action="store_true", help="gzip the output")
    add_store_option(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from kg.errors import KGError

    with open_from_args(args, read_only=True) as store:
        if args.graph and args.graph not in store.graph_names():
            raise KGError(f"no graph <{args.graph}> in the store (see `kg stats`)")
        out = open(args.output, "wb") if args.output else sys.stdout.buffer
        try:
            if args.gzip:
                with gzip.GzipFile(fileobj=out, mode="wb") as zipped:
                    store.dump(zipped, args.format, args.graph)
            else:
                store.dump(out, args.format, args.graph)
        finally:
            if args.output:
                out.close()
            else:
                out.flush()
    return 0
