"""CORS for reads only: any origin may GET, and POST queries to /sparql; writes stay same-origin.

A browser preflight for a write (SPARQL Update, POST /articles) gets no
Access-Control-Allow-* headers, so cross-site pages cannot use a token a user typed in.
"""
from __future__ import annotations

from flask import Flask, request

READ_POST_PATHS = {"/sparql"}


def _is_read(req) -> bool:
    method = req.headers.get("Access-Control-Request-Method", req.method) if req.method == "OPTIONS" else req.method
    if method in ("GET", "HEAD"):
        return req.path != "/sparql/update"
    if method == "POST" and req.path in READ_POST_PATHS:
        return "update" not in req.form and not req.mimetype == "application/sparql-update"
    return False


def register(app: Flask) -> None:
    @app.after_request
    def _cors(response):
        if not _is_read(request):
            return response
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Expose-Headers"] = "Link, Content-Type, Content-Disposition"
        if request.method == "OPTIONS":
            methods = "GET, HEAD, POST, OPTIONS" if request.path in READ_POST_PATHS else "GET, HEAD, OPTIONS"
            response.headers["Access-Control-Allow-Methods"] = methods
            response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
            response.headers["Access-Control-Max-Age"] = "600"
        return response
