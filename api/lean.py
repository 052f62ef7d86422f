"""A short way through for plain SPARQL queries: `GET /sparql?query=…` (or a POST) answered without Flask.

pyoxigraph answers a small query (one article's graph) in about a millisecond; Flask's
request and response objects, URL routing, context and after-request hooks cost a third
of that again, for steps a plain query does not need. This WSGI layer sits in front of
the Flask app (`app.wsgi_app`, so the test client passes through it too) and answers the
plain case itself with api.sparql's own steps (guards, negotiation, result cache, ETag)
and the headers the after-request hooks add (api.headers, api.cors): a GET whose query
string holds `query` once (and `format` at most), or a POST of such a form or of a query
itself (a small body, UTF-8, nothing in the URL), without If-None-Match, from no
configured CORS origin. Everything else goes to Flask unchanged; so does a query a
guard refuses or no format fits, before it runs. Once a query has run, an error it
raised is answered by Flask's own error handlers (running it again could take the whole
time limit).
"""
from __future__ import annotations

import io
from urllib.parse import parse_qsl

from werkzeug.exceptions import SecurityError
from werkzeug.http import parse_options_header

from api import sparql, sparql_form
from api.cors import cors_headers, trusted_origin
from api.errors import HTTPProblem
from api.headers import security_headers
from api.shared import services

PLAIN_PARAMETERS = {"query", "format"}
MAX_BODY = 65_536  # a POST body read here; a larger one is Flask's (its form and upload limits)


class LeanSparql:
    """WSGI middleware over a Flask app's `wsgi_app`: plain queries here, the rest to Flask."""

    def __init__(self, app):
        self.app, self.flask = app, app.wsgi_app

    def __call__(self, environ, start_response):
        plain = self._plain(environ)
        if plain is None:
            return self.flask(environ, start_response)
        op, media, base = plain
        headers = environ.get("HTTP_CACHE_CONTROL", "") + environ.get("HTTP_PRAGMA", "")
        try:
            media_type, body, etag = sparql.answer(services(self.app), op, media, base, "no-cache" in headers)
        except Exception as e:  # noqa: BLE001 -- what Flask does with an error its view raises
            return self._error(environ, start_response, e)
        content_type = sparql.with_charset(media_type)
        out = {**sparql.answer_headers(etag), **security_headers(media_type),
               **cors_headers(None, "/sparql", environ["REQUEST_METHOD"], True)}
        start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body))), *out.items()])
        return [body]

    def _plain(self, environ) -> tuple[dict, dict, str] | None:
        """(the protocol operation, media per result kind, BASE prologue) of a plain query that
        passed the guards, or None: Flask answers the request."""
        if (environ.get("PATH_INFO") != "/sparql" or "HTTP_IF_NONE_MATCH" in environ
                or trusted_origin(environ.get("HTTP_ORIGIN"), self.app.config)):
            return None
        pairs = _parameters(environ)
        if not pairs or any(name not in PLAIN_PARAMETERS for name, _ in pairs):
            return None
        queries = [value for name, value in pairs if name == "query"]
        formats = [value for name, value in pairs if name == "format"]
        if len(queries) != 1 or len(formats) > 1:
            return None
        try:
            sparql.checked_query(queries[0], bool(self.app.config.get("ALLOW_SERVICE")))
            base = sparql.base_prologue(self.app.url_map, environ)
        except (HTTPProblem, SecurityError):
            return None
        media = sparql.media_per_kind(environ.get("HTTP_ACCEPT", ""), tuple(formats))
        kind = sparql_form.result_kind(queries[0])
        if kind is not None and media[kind] is None:
            return None  # 406, with the valid names
        op = {"query": queries[0], "default_graphs": None, "named_graphs": None, "format": formats}
        return op, dict(media), base

    def _error(self, environ, start_response, error: Exception):
        """Flask's answer to a view that raised `error`: its error handlers and after-request hooks."""
        with self.app.request_context(environ):
            response = self.app.finalize_request(self.app.handle_user_exception(error))
            return response(environ, start_response)


def install(app) -> None:
    """Put the lean layer in front of `app` (the Flask docs' way to add WSGI middleware)."""
    app.wsgi_app = LeanSparql(app)


def _parameters(environ) -> list[tuple[str, str]] | None:
    """The protocol parameters of a GET (its query string) or of a POST with an empty query
    string and a small body, URL-encoded or a query itself; None for anything else. Strict
    UTF-8: a bad byte is Flask's 400 (api.guard.check_utf8). A body read here is put back for
    Flask, in case it answers after all."""
    method, text = environ.get("REQUEST_METHOD"), environ.get("QUERY_STRING", "")
    if method == "POST" and not text:
        mimetype, options = parse_options_header(environ.get("CONTENT_TYPE", ""))
        length = environ.get("CONTENT_LENGTH", "")
        if (mimetype not in (sparql.FORM_TYPE, sparql.QUERY_TYPE) or set(options) - {"charset"}
                or options.get("charset", "utf-8").lower() not in ("utf-8", "utf8")
                or not length.isdigit() or int(length) > MAX_BODY):
            return None
        body = environ["wsgi.input"].read(int(length))
        environ["wsgi.input"] = io.BytesIO(body)
        try:
            if mimetype == sparql.QUERY_TYPE:
                return [("query", body.decode("utf-8"))]
            text = body.decode("ascii")
        except UnicodeDecodeError:
            return None
    elif method != "GET" or not text.isascii():
        return None
    try:
        return parse_qsl(text, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        return None
