"""CORS: any origin may read; origins named with --cors-origin may also write with a token.

Reads (GET, and POST queries to /sparql) answer `Access-Control-Allow-Origin: *`, so
anonymous browser apps anywhere can query. A browser sends a Bearer token only after
a preflight that allows the `Authorization` header; that preflight, and the write
methods, are granted to configured origins only (echoed by name, with `Vary: Origin`).
A page on any other origin cannot make a browser send a token a user typed in.
"""
from __future__ import annotations

from flask import Flask, current_app, request
from werkzeug.exceptions import HTTPException

READ_POST_PATHS = {"/sparql"}
WRITE_PATHS = {"/sparql", "/sparql/update", "/articles"}
EXPOSED = "Link, Content-Type, Content-Disposition, Location"


def _is_read(req) -> bool:
    method = req.headers.get("Access-Control-Request-Method", req.method) if req.method == "OPTIONS" else req.method
    if method in ("GET", "HEAD"):
        return req.path != "/sparql/update"
    if method == "POST" and req.path in READ_POST_PATHS:
        try:
            return "update" not in req.form and not req.mimetype == "application/sparql-update"
        except HTTPException:  # a body over the size limit: answered 413 already, nothing to share
            return False
    return False


def trusted_origin(origin: str | None, config) -> bool:
    """Whether `origin` is one the app's `config` names with --cors-origin."""
    return bool(origin) and origin in (config.get("CORS_ORIGINS") or ())


def cors_headers(origin: str | None, path: str, method: str, read: bool) -> dict[str, str]:
    """The CORS headers of an answer: for `origin` (a configured origin, else None) or, for a
    `read` (see _is_read), for every origin; none for anything else."""
    if origin:
        write = path in WRITE_PATHS
        methods = "GET, HEAD, POST, OPTIONS" if write else "GET, HEAD, OPTIONS"
        allowed, headers = origin, "Accept, Content-Type, Authorization"
    elif read:
        methods = "GET, HEAD, POST, OPTIONS" if path in READ_POST_PATHS else "GET, HEAD, OPTIONS"
        allowed, headers = "*", "Accept, Content-Type"
    else:
        return {}
    out = {"Access-Control-Allow-Origin": allowed, "Access-Control-Expose-Headers": EXPOSED}
    if method == "OPTIONS":
        out.update({"Access-Control-Allow-Methods": methods, "Access-Control-Allow-Headers": headers,
                    "Access-Control-Max-Age": "600"})
    return out


def register(app: Flask) -> None:
    @app.after_request
    def _cors(response):
        origin = request.headers.get("Origin")
        trusted = origin if trusted_origin(origin, current_app.config) else None
        if trusted:
            response.vary.add("Origin")
        response.headers.update(cors_headers(trusted, request.path, request.method,
                                             not trusted and _is_read(request)))
        return response
