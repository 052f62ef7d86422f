"""The Standpunkt web application: SPARQL endpoint, JSON-LD REST API and web pages.

`create_app()` layers its configuration (defaults ->
the `config` mapping), opens the store unless one is given, and registers one
blueprint per concern. The app talks to the abstract `kg.store.Store` only, so the
embedded store and a remote SPARQL server are served the same way.
"""
from __future__ import annotations

import atexit

from flask import Flask

from api.shared import Services

DEFAULTS = {
    "STORE": None,          # a kg.store.Store; opened from STORE_PATH when None
    "STORE_PATH": None,     # --store / $KG_STORE / ./data/store
    "STORE_OPTIONS": {},    # open_store() keywords naming a remote store (kg.remote)
    "QUERY_TIMEOUT": 30.0,  # seconds before a SPARQL query is stopped
    "MAX_RESULTS": 100_000,  # rows or triples a SPARQL answer may hold
    "WORKERS": 4,           # query worker processes
    "WRITE_TOKEN": None,    # Bearer token for SPARQL Update and POST /articles; None = read-only
    "ALLOW_SERVICE": False,  # SPARQL SERVICE makes the server fetch URLs: off for public endpoints
    "CORS_ORIGINS": (),     # origins whose pages may send a token (--cors-origin); reads are open to all
    "PAGE_LIMIT": 50,       # default page size of REST collections
    "MAX_PAGE_LIMIT": 1000,
    "MAX_UPLOAD_BYTES": 5_000_000,
    "CACHE_MB": 64,
    "USERS_PATH": None,     # reviewers' users file (kg.review.users); None = no reviewers, review read-only         # /sparql answers kept in memory (api.result_cache); 0 = off; embedded store only
}


def create_app(config: dict | None = None) -> Flask:
    from api import cors, dataset, lean, deref, errors, headers, i18n, networks, propositions, resources, review, review_pages, sparql, ui, vocabulary
    from api.executor import make_executor
    from kg.stores import open_store

    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.update(config or {})
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_UPLOAD_BYTES"]
    store = app.config["STORE"]
    owns_store = store is None
    if owns_store:
        store = open_store(app.config["STORE_PATH"], **(app.config["STORE_OPTIONS"] or {}))
    executor = make_executor(store, workers=int(app.config["WORKERS"]),
                             timeout=float(app.config["QUERY_TIMEOUT"]),
                             max_results=int(app.config["MAX_RESULTS"]))
    services = Services(store, executor, owns_store, _result_cache(app.config, store))
    app.extensions["standpunkt"] = services
    atexit.register(services.close)
    errors.register(app)
    i18n.register(app)
    vocabulary.register(app)
    cors.register(app)
    headers.register(app)
    for module in (sparql, review, review_pages, resources, propositions, networks, dataset, ui, deref):
        app.register_blueprint(module.bp)
    lean.install(app)  # plain /sparql queries skip Flask's per-request work
    return app


def _result_cache(config, store):
    """The /sparql result cache: only for the embedded store, whose every write goes through
    this app (a remote store may change behind its back, and the cache would go stale)."""
    from api.result_cache import ResultCache
    from kg.store import OxigraphStore

    megabytes = float(config["CACHE_MB"]) if isinstance(store, OxigraphStore) else 0
    return ResultCache(int(megabytes * (1 << 20)))
