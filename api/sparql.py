"""The SPARQL 1.1 Protocol endpoint: /sparql (query, and update with a token) and /sparql/update.

Queries run through the app's executor (time limit, row limit, killable workers);
the response format is negotiated before the query runs. GET /sparql without a
query answers the Service Description (or, for a browser, the query page).
"""
from __future__ import annotations

from functools import lru_cache

from flask import Blueprint, Response, current_app, redirect, request, url_for
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header
from werkzeug.wsgi import get_host

from api import guard, negotiate, query_errors, sparql_form
from api import queries as q
from api.shared import services
from api.auth import require_write_token
from api.errors import BadRequest, HTTPProblem, UnsupportedMediaType
from api.result_cache import cacheable
from api.service import service_description
from kg import formats
from kg.errors import QueryError, StoreError

bp = Blueprint("sparql", __name__)


class MethodNotAllowed(HTTPProblem):
    status = 405


EXTENSIONS = {f.media_type: f.extension for f in formats.all_formats()}
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
FORM_TYPE = "application/x-www-form-urlencoded"


def _single(values: list[str], name: str) -> str | None:
    if len(values) > 1:
        raise BadRequest(f"the parameter {name!r} was given {len(values)} times; give it once")
    return values[0] if values else None


def protocol_request() -> dict:
    """The operation of this request per the SPARQL 1.1 Protocol.

    :raise 400: both or repeated operations.  :raise 415: a POST body of another type.
    """
    args, body = request.args, None
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if request.method == "POST" and charset not in ("utf-8", "utf8"):
        raise UnsupportedMediaType(f"a SPARQL request is UTF-8, not {charset}")
    guard.check_utf8(request)
    if request.method == "POST":
        if request.mimetype == FORM_TYPE:
            args = request.form
        elif request.mimetype in (QUERY_TYPE, UPDATE_TYPE):
            body = request.get_data(as_text=True)
        elif request.mimetype or request.get_data():
            raise UnsupportedMediaType(f"a SPARQL POST body is {FORM_TYPE}, {QUERY_TYPE} or {UPDATE_TYPE}, "
                                       f"not {request.mimetype or 'untyped'}")
    query = _single(args.getlist("query"), "query")
    update = _single(args.getlist("update"), "update")
    if body is not None:
        query, update = (body, update) if request.mimetype == QUERY_TYPE else (query, body)
    if query is not None and update is not None:
        raise BadRequest("a request carries either a query or an update, not both")
    params = request.args if body is not None or request.method == "GET" else request.form

    def graphs(name: str) -> list[str] | None:
        values = params.getlist(name) or request.args.getlist(name)
        for value in values:
            if q.safe_iri(value) is None or ":" not in value:
                raise BadRequest(f"{name} must be an absolute IRI, not {value!r}")
        return values or None

    return {"query": query, "update": update,
            "default_graphs": graphs("default-graph-uri"), "named_graphs": graphs("named-graph-uri"),
            "using_graphs": graphs("using-graph-uri"), "using_named_graphs": graphs("using-named-graph-uri"),
            "format": request.values.getlist("format")}


def negotiated_media(query: str, fmt: list[str]) -> dict[str, str | None]:
    """A media type per result kind; 406 now if the query's own kind has none."""
    header = request.headers.get("Accept", "")
    media = media_per_kind(header, tuple(fmt))
    kind = sparql_form.result_kind(query)
    if kind is not None and media[kind] is None:
        negotiate.choose(kind, request.accept_mimetypes, fmt)  # raises NotAcceptable with the valid names
    return dict(media)


@lru_cache(maxsize=512)
def media_per_kind(accept_header: str, fmt: tuple) -> dict[str, str | None]:
    """Clients repeat the same few Accept headers: negotiate each one once."""
    accept = parse_accept_header(accept_header, MIMEAccept)
    return {kind: negotiate.try_choose(kind, accept, list(fmt)) for kind in ("solutions", "boolean", "graph")}


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint():
    op = protocol_request()
    if op["update"] is not None:
        if request.method == "GET":
            raise MethodNotAllowed("an update is sent by POST, never by GET", headers={"Allow": "POST"})
        return _update(op)
    if op["query"] is None:
        if request.method == "POST":
            raise BadRequest("no query: send query= (URL or form) or an application/sparql-query body")
        return _describe_service()
    checked_query(op["query"], bool(current_app.config.get("ALLOW_SERVICE")))
    media = negotiated_media(op["query"], op["format"])
    no_cache = "no-cache" in request.headers.get("Cache-Control", "") + request.headers.get("Pragma", "")
    media_type, body, etag = answer(services(), op, media, with_base(""), no_cache)
    headers = answer_headers(etag)
    if etag is not None and request.if_none_match.contains_weak(etag.strip('"')):
        return Response(status=304, headers=headers)
    if request.args.get("download"):
        headers["Content-Disposition"] = f'attachment; filename="standpunkt-result.{EXTENSIONS[media_type]}"'
    return Response(body, content_type=with_charset(media_type), headers=headers)


def checked_query(text: str, allow_service: bool) -> None:
    """:raise 400: an empty text or an update.  :raise 400/403: see api.guard."""
    if not text.strip():
        raise BadRequest("the query is empty")
    query_errors.refuse_update(text)
    _checked(text, allow_service)


def answer_headers(etag: str | None) -> dict[str, str]:
    """The headers of a query's answer (and of its 304): it varies with Accept; a cached one
    carries its ETag and must be revalidated."""
    headers = {"Vary": "Accept"}
    if etag is not None:
        headers.update({"ETag": etag, "Cache-Control": "no-cache"})
    return headers


def _checked(text: str, allow_service: bool) -> None:
    """guard.check, remembered for texts that passed: dashboards repeat their queries."""
    if len(text) <= _CHECKED_MAX_CHARS:
        _checked_short(text, allow_service)
    else:
        guard.check(text, allow_service=allow_service)


_CHECKED_MAX_CHARS = 8192


@lru_cache(maxsize=1024)
def _checked_short(text: str, allow_service: bool) -> bool:
    guard.check(text, allow_service=allow_service)  # raises, and nothing is remembered, when it fails
    return True


def answer(svc, op: dict, media: dict, base: str, no_cache: bool = False) -> tuple[str, bytes, str | None]:
    """(media type, body, ETag) of the query `op` with the `base` prologue (with_base("")): from the
    result cache when it holds the answer (the key carries the store generation, read before the
    query runs; `no_cache`, the client's Cache-Control, skips the lookup), else from the executor.

    :raise 400: a syntax error, its place marked in the client's own text.
    """
    text = base + op["query"]
    try:
        return _answer(svc, text, media, op, no_cache)
    except QueryError as e:
        message, details = query_errors.readable(str(e), op["query"], len(base))
        raise BadRequest(message, details) from None


def _answer(svc, text: str, media: dict, op: dict, no_cache: bool) -> tuple[str, bytes, str | None]:
    cache = svc.results
    if not cache.enabled or not cacheable(text):
        return (*svc.executor.run(text, media, op["default_graphs"], op["named_graphs"]), None)
    key = (text, tuple(op["default_graphs"] or ()), tuple(op["named_graphs"] or ()),
           tuple(sorted(media.items())), svc.generation)
    if not no_cache:
        entry = cache.get(key)
        if entry is not None:
            return entry
    return cache.put(key, *svc.executor.run(text, media, op["default_graphs"], op["named_graphs"]))


@bp.route("/sparql/update", methods=["POST"])
def update_endpoint():
    op = protocol_request()
    if op["update"] is None:
        raise BadRequest(f"no update: send update= (form) or an {UPDATE_TYPE} body")
    return _update(op)


def with_base(text: str) -> str:
    """Relative IRIs in a request resolve against the endpoint URL /sparql (SPARQL 1.1 Protocol
    §2.2.3), for updates sent to /sparql/update too. Prepended on the same line, so that the
    store's error positions stay on the client's lines."""
    return base_prologue(current_app.url_map, request.environ) + text


def base_prologue(url_map, environ: dict) -> str:
    """`BASE <the endpoint's external URL> ` for the scheme, host and mount point of a request (its
    WSGI environ): what url_for() gives, without a request context (api.lean has none).
    :raise werkzeug.exceptions.SecurityError: a malformed Host header."""
    return _base(url_map, environ["wsgi.url_scheme"], get_host(environ).lower(), environ.get("SCRIPT_NAME", ""))


@lru_cache(maxsize=64)
def _base(url_map, scheme: str, host: str, script_root: str) -> str:
    """Kept per scheme, host and mount point: building the URL (as url_for, and even
    request.url_root, do) costs more than the rest of a small query's request."""
    adapter = url_map.bind(host, script_root, subdomain="", url_scheme=scheme)
    return f"BASE <{adapter.build('sparql.endpoint', force_external=True)}> "


def _update(op: dict):
    """Check, try in a worker, then apply: a crashing update costs a worker, not the server.

    :raise 401/403: see api.auth and api.guard.  :raise 400: a malformed or too deeply nested update,
    or a dataset given twice.
    """
    require_write_token()
    if not op["update"].strip():
        raise BadRequest("the update is empty")
    guard.check(op["update"], allow_service=bool(current_app.config.get("ALLOW_SERVICE")))
    svc = services()
    with svc.writing():  # an update may change anything
        try:
            text = with_base(op["update"])
            svc.executor.dry_run(text)
            svc.store.update(text, using_graphs=op["using_graphs"], using_named_graphs=op["using_named_graphs"])
        except StoreError as e:
            if guard.calls_out(op["update"]):  # LOAD <file:…>, an unreachable host: the request's fault
                raise BadRequest(f"the update could not fetch what it names: {e}") from None
            raise
    return Response(status=204)


def _describe_service():
    accept = request.accept_mimetypes
    if accept and accept.best == "text/html" and not request.args.get("format"):
        return redirect(url_for("ui.query_page"))
    media_type = negotiate.choose("graph", accept, request.args.getlist("format"))
    graph = service_description(request.base_url, writable=bool(current_app.config.get("WRITE_TOKEN")),
                                federated=bool(current_app.config.get("ALLOW_SERVICE")),
                                graphs=services().store.graph_names())
    fmt = formats.by_media_type(media_type).rdflib
    return Response(graph.serialize(format=fmt), content_type=with_charset(media_type))


def with_charset(media_type: str) -> str:
    return media_type if media_type.endswith("+xml") or "charset" in media_type else f"{media_type}; charset=utf-8"
