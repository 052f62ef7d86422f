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


def _trusted(origin: str | None) -> bool:
    return bool(origin) and origin in (current_app.config.get("CORS_ORIGINS") or ())


def register(app: Flask) -> None:
    @app.after_request
    def _cors(response):
        origin = request.headers.get("Origin")
        if _trusted(origin):
            response.headers["Access-Control-Allow-Origin"] = origin
            response.vary.add("Origin")
            write = request.path in WRITE_PATHS
            methods = "GET, HEAD, POST, OPTIONS" if write else "GET, HEAD, OPTIONS"
            headers = "Accept, Content-Type, Authorization"
        elif _is_read(request):
            response.headers["Access-Control-Allow-Origin"] = "*"
            methods = "GET, HEAD, POST, OPTIONS" if request.path in READ_POST_PATHS else "GET, HEAD, OPTIONS"
            headers = "Accept, Content-Type"
        else:
            return response
        response.headers["Access-Control-Expose-Headers"] = EXPOSED
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = methods
            response.headers["Access-Control-Allow-Headers"] = headers
            response.headers["Access-Control-Max-Age"] = "600"
        return response
