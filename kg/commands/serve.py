"""`kg serve`: the SPARQL endpoint, JSON-LD API and web pages on waitress (a production WSGI server)."""
from __future__ import annotations

import os
import re
import signal
import sys

from kg.commands import add_base_option, add_store_option, apply_base_option


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "serve", help="serve the graph over HTTP (SPARQL endpoint, JSON-LD API, web pages)",
        description="Serve the store at http://HOST:PORT/: /sparql (SPARQL 1.1 Protocol), "
                    "/actors, /topics, /articles, /positions (JSON-LD), /export, web pages, and every IRI the store "
                    "mints at its own path (/actor/{id}, /ontology, ...). "
                    "Read-only unless --token is given (or $KG_WRITE_TOKEN is set); reviewers added with "
                    "`kg user add` may record review decisions (/review, /articles/{id}/decisions).")
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=5000, help="port (default 5000)")
    p.add_argument("--workers", type=int, default=4,
                   help="SPARQL query worker processes: this many slow queries can run at once (default 4)")
    p.add_argument("--threads", type=int, default=None,
                   help="HTTP threads (default: workers + 8)")
    p.add_argument("--query-timeout", type=float, default=30.0, metavar="SECONDS",
                   help="stop a SPARQL query after this many seconds (default 30)")
    p.add_argument("--max-results", type=int, default=100_000, metavar="N",
                   help="refuse SPARQL results with more rows/triples than this (default 100000)")
    p.add_argument("--cache-mb", type=float, default=64, metavar="MB",
                   help="memory for repeated /sparql answers (ETag, never stale: every write clears it); "
                        "0 turns it off; embedded store only (default 64)")
    p.add_argument("--token", default=os.environ.get("KG_WRITE_TOKEN"),
                   help="Bearer token that allows SPARQL Update and POST /articles")
    p.add_argument("--allow-service", action="store_true",
                   help="allow federated SPARQL (SERVICE), which makes the server fetch other endpoints")
    p.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                   help="let pages from this origin (e.g. https://app.example.org) send the token "
                        "from a browser; repeatable. Anonymous reads are open to every origin")
    add_store_option(p)
    from kg.commands.user import add_users_option

    add_users_option(p)
    add_base_option(p)
    p.set_defaults(func=run)


def _writes_hint(args) -> str:
    """One line on how to write to this server, so a user never has to guess where the token goes."""
    base = f"http://{args.host}:{args.port}"
    if not args.token:
        return ("kg serve: writes are off; set KG_WRITE_TOKEN (or --token) to allow "
                "POST /articles and SPARQL Update")
    return (f"kg serve: writes need the header 'Authorization: Bearer <token>' on POST {base}/articles "
            f"and POST {base}/sparql/update")


def _review_hint(path: str) -> str:
    """Who may record review decisions, so a coder knows why a token is refused."""
    from pathlib import Path

    from kg.review.users import UserError, list_users

    try:
        names = [u["name"] for u in list_users(Path(path))]
    except UserError as e:
        return f"kg serve: review is read-only: {e}"
    if not names:
        return f"kg serve: review is read-only: no reviewers in {path} (add one with kg user add NAME)"
    return f"kg serve: review decisions by {', '.join(names)} (their tokens; reviewers in {path})"


def run(args) -> int:
    from waitress import serve

    from api import create_app
    from kg import native_memory
    from kg.commands.serve_threads import LastIdleFirst
    from kg.errors import KGError
    from kg.remote import remote_options
    from kg.review.users import users_path

    apply_base_option(args)
    if args.workers < 1 or args.query_timeout <= 0 or args.max_results < 1:
        raise KGError("--workers, --query-timeout and --max-results must be positive")
    if args.cache_mb < 0:
        raise KGError("--cache-mb must be 0 (off) or more")
    for origin in args.cors_origin:
        if not re.fullmatch(r"https?://[^/\s?#]+", origin):
            raise KGError(f"--cors-origin takes an origin such as https://app.example.org, not {origin!r}")
    native_memory.limit_arenas()  # before the store's and the server's threads start
    app = create_app({"STORE_PATH": args.store, "STORE_OPTIONS": remote_options(args), "WORKERS": args.workers,
                      "QUERY_TIMEOUT": args.query_timeout, "MAX_RESULTS": args.max_results,
                      "WRITE_TOKEN": args.token or None, "ALLOW_SERVICE": args.allow_service,
                      "CORS_ORIGINS": tuple(args.cors_origin), "CACHE_MB": args.cache_mb,
                      "USERS_PATH": str(users_path(args.store, args.users))})
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so that workers and snapshots are cleaned up
    mode = "read-write (token)" if args.token else "read-only"
    from kg import iris

    print(f"kg serve: http://{args.host}:{args.port}/ ({mode}; SPARQL at /sparql; "
          f"answers the IRIs under {iris.BASE})", file=sys.stderr)
    print(_writes_hint(args), file=sys.stderr)
    print(_review_hint(app.config["USERS_PATH"]), file=sys.stderr)
    threads = args.threads or args.workers + 8
    dispatcher = LastIdleFirst()
    dispatcher.set_thread_count(threads)
    try:
        serve(app, host=args.host, port=args.port, threads=threads, _dispatcher=dispatcher,
              ident="standpunkt", channel_timeout=max(120, int(args.query_timeout) + 30))
    finally:
        app.extensions["standpunkt"].close()
    return 0
