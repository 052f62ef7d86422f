"""`kg push`: copy the embedded dataset into a remote triple store, graph by graph."""
from __future__ import annotations

import os
import sys

from kg.commands import add_store_option


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "push", help="send the dataset to a remote triple store (Graph Store Protocol or SPARQL Update)",
        description="Replace each named graph of the embedded store in a remote store: one Graph Store "
                    "Protocol PUT per graph (--gsp), or DROP SILENT GRAPH + INSERT DATA through a "
                    "SPARQL 1.1 Update endpoint (--update). Re-running replaces, never duplicates, so "
                    "an interrupted push is finished by running it again. Afterwards the triple count "
                    "of every pushed graph is read back and compared.")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--gsp", metavar="URL", help="Graph Store HTTP Protocol endpoint, e.g. "
                        "http://localhost:7878/store (Oxigraph), .../sparql-graph-crud-auth (Virtuoso)")
    target.add_argument("--update", metavar="URL", help="SPARQL 1.1 Update endpoint, e.g. "
                        "http://localhost:7878/update (Oxigraph), .../sparql-auth (Virtuoso)")
    p.add_argument("--query-endpoint", metavar="URL",
                   help="query endpoint used to check the counts afterwards ($KG_QUERY_ENDPOINT; else with --update: the "
                        "update URL when it also answers queries; with --gsp: GET each graph back)")
    p.add_argument("--graph", action="append", metavar="IRI", help="push only this graph (repeatable)")
    p.add_argument("--user", default=os.environ.get("KG_STORE_USER"), help="($KG_STORE_USER)")
    p.add_argument("--password", default=os.environ.get("KG_STORE_PASSWORD"),
                   help="($KG_STORE_PASSWORD; prefer the variable: arguments show in `ps`)")
    p.add_argument("--token", default=os.environ.get("KG_STORE_TOKEN"), help="bearer token ($KG_STORE_TOKEN)")
    p.add_argument("--auth", choices=("basic", "digest", "bearer"), default=os.environ.get("KG_STORE_AUTH"),
                   help="auth scheme (default: basic with --user, bearer with --token; Virtuoso: digest)")
    p.add_argument("--batch-size", type=int, metavar="N",
                   help="most triples per request (default 50000 with --gsp, 1000 with --update; "
                        "halved automatically when the server says an update is too long)")
    p.add_argument("--timeout", type=float, default=120.0, metavar="SECONDS",
                   help="per request (default 120)")
    p.add_argument("--retries", type=int, default=3, metavar="N",
                   help="retries on connection errors, timeouts and 5xx, with exponential back-off (default 3)")
    p.add_argument("--dry-run", action="store_true", help="read and count, send nothing")
    p.add_argument("--no-verify", dest="verify", action="store_false",
                   help="skip reading the counts back")
    p.add_argument("--progress", action="store_true", default=None,
                   help="show a progress bar (default: when stderr is a terminal)")
    add_store_option(p, remote=False)
    p.set_defaults(func=run)


def run(args) -> int:
    from kg.push import push
    from kg.remote import RemoteStore, make_auth
    from kg.store import OxigraphStore, store_path

    path = store_path(args.store)
    if not path.exists():
        from kg.errors import StoreError

        raise StoreError(f"no store at {path}: run `kg ingest` first (or give --store DIR)")
    auth = make_auth(args.user, args.password, args.token, args.auth)
    mode = "gsp" if args.gsp else "update"
    query = args.query_endpoint or os.environ.get("KG_QUERY_ENDPOINT") or (None if args.gsp else args.update)
    target = RemoteStore(query, args.update, args.gsp, auth=auth, timeout=args.timeout,
                         retries=args.retries)
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    # read-only, so a running `kg serve` keeps its store; nothing to flush, so no close()
    source = OxigraphStore(path, read_only=True)
    with target:
        summary = push(source, target, mode=mode, graphs=args.graph, batch_size=args.batch_size,
                       dry_run=args.dry_run, progress=progress, verify=args.verify)
        union = (summary.dry_run or not args.verify or not target.query_endpoint
                 or target.default_graph_is_union())
    print(summary.line(), file=sys.stderr)
    if not union:
        print("note: this store's default graph does not show the named graphs, so `kg serve` on it "
              "would find nothing; start Oxigraph with --union-default-graph (Fuseki: "
              "tdb2:unionDefaultGraph true)", file=sys.stderr)
    return 0
