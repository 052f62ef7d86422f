"""One table from error to HTTP status, and one JSON shape for every error answer.

Domain exceptions (kg.errors) know nothing of HTTP; this module maps them. Every
error body is `{"ok": false, "error": message, "errors": [details], "status": code}`
and never a stack trace: unexpected exceptions are logged and answered with a plain
"internal error".
"""
from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from api.results import NoAcceptableFormat
from kg import errors as kg


class HTTPProblem(Exception):
    """An error the API raises on purpose; subclasses carry their status."""

    status = 500

    def __init__(self, message: str, errors: list[str] | None = None, headers: dict | None = None):
        super().__init__(message)
        self.message, self.errors, self.headers = message, list(errors or []), headers or {}


class BadRequest(HTTPProblem):
    status = 400


class Unauthorized(HTTPProblem):
    status = 401

    def __init__(self, message, errors=None):
        super().__init__(message, errors, {"WWW-Authenticate": 'Bearer realm="standpunkt"'})


class Forbidden(HTTPProblem):
    status = 403


class NotFound(HTTPProblem):
    status = 404


class NotAcceptable(HTTPProblem):
    status = 406


class UnsupportedMediaType(HTTPProblem):
    status = 415


# domain exception -> status; the first matching class wins (subclasses before bases)
DOMAIN_STATUS: list[tuple[type[Exception], int]] = [
    (NoAcceptableFormat, 406),
    (kg.ArticleError, 400),
    (kg.QueryError, 400),
    (kg.NotFound, 404),
    (kg.ValidationError, 422),
    (kg.ResultTooLarge, 422),
    (kg.QueryTimeout, 503),
    (kg.StoreError, 503),
]


def status_of(error: Exception) -> int:
    for cls, status in DOMAIN_STATUS:
        if isinstance(error, cls):
            return status
    return 500


def wants_html() -> bool:
    """A browser (text/html preferred to JSON in Accept) gets a page; clients, curl's */* included, JSON."""
    accept = request.accept_mimetypes
    return accept.best_match(["application/json", "text/html"]) == "text/html" and \
        accept["text/html"] > accept["application/json"]


def error_response(status: int, message: str, errors: list[str] | None = None, headers=None):
    """The one error shape as JSON, or the same message and details as an HTML page for a browser."""
    if wants_html():
        try:
            html = render_template("error.html", status=status, message=message, errors=list(errors or []))
        except Exception:  # an error page that fails to render must not hide the error: JSON then
            html = None
        if html is not None:
            response = Response(html, status, headers or {}, content_type="text/html; charset=utf-8")
            return response
    body = {"ok": False, "error": message, "errors": list(errors or []), "status": status}
    response = jsonify(body)
    response.status_code = status
    response.headers.update(headers or {})
    return response


def register(app: Flask) -> None:
    @app.errorhandler(HTTPProblem)
    def _problem(e: HTTPProblem):
        return error_response(e.status, e.message, e.errors, e.headers)

    @app.errorhandler(kg.KGError)
    def _domain(e: kg.KGError):
        details = getattr(e, "report", None) or []
        message = str(e).split("\n", 1)[0] if details else str(e)
        return error_response(status_of(e), message, details)

    @app.errorhandler(HTTPException)
    def _http(e: HTTPException):
        return error_response(e.code or 500, e.description or e.name, headers={k: v for k, v in e.get_headers() if k.lower() != "content-type"})

    @app.errorhandler(Exception)
    def _unexpected(e: Exception):
        app.logger.exception("unexpected error")
        return error_response(500, "internal error (logged on the server)")
