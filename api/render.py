"""One dict, several renderings: JSON-LD as built, Turtle/N-Triples parsed from it, HTML from a template.

JSON-LD answers reference their context (ontology/context.jsonld, JSON-LD 1.1, served at
/context.jsonld) by URL and name it in a `Link: rel="http://www.w3.org/ns/json-ld#context"`
header (JSON-LD 1.1 §6); `?context=inline` puts the context object itself in the answer.

Views build a compact JSON-LD dict once; deriving Turtle and N-Triples from that same
dict (instead of from a second query) keeps every format saying exactly the same.
HTML pages carry `Link: rel="alternate"` to their JSON-LD twin.
"""
from __future__ import annotations

import json
from functools import lru_cache
from urllib.parse import urlencode

import rdflib
from flask import Response, g, render_template, request, url_for

from api import negotiate
from api.jsonld import Compactor

HYDRA = "http://www.w3.org/ns/hydra/core#"
CONTEXT_REL = "http://www.w3.org/ns/json-ld#context"


@lru_cache(maxsize=1)
def project_context() -> dict:
    from kg import ontology

    ctx = ontology.context()
    return ctx.get("@context", ctx)


def context_url() -> str:
    return url_for("dataset.context_document", _external=True)


def context():
    """The "@context" of an answer: the URL of /context.jsonld (JSON-LD 1.1), or with
    ?context=inline the context itself, for clients that cannot fetch it."""
    if request.args.get("context") == "inline":
        return project_context()
    return context_url()


@lru_cache(maxsize=1)
def compactor() -> Compactor:
    return Compactor(project_context())


def inline_context(data: dict) -> dict:
    """`data` with the context inlined, for parsing here without fetching our own URL."""
    return {**data, "@context": project_context()}


def to_graph(data: dict) -> rdflib.Graph:
    return rdflib.Graph().parse(data=json.dumps(inline_context(data)), format="json-ld")


def negotiate_resource() -> str:
    """The resource format (?format=, Accept; JSON-LD by default), chosen once per request and
    before any query runs, so that an unacceptable request costs nothing. :raise 406:"""
    if "media_type" not in g:
        g.media_type = negotiate.choose("resource", request.accept_mimetypes, request.args.getlist("format"))
    return g.media_type


def respond(data: dict, template: str, status: int = 200, headers: dict | None = None, **extras) -> Response:
    """Render `data` in the negotiated format."""
    media_type = negotiate_resource()
    headers = dict(headers or {}, Vary="Accept")
    if media_type == negotiate.HTML:
        html = render_template(template, data=data, **(extras_factory(extras)))
        alternate = _format_url("jsonld")
        headers["Link"] = f'<{alternate}>; rel="alternate"; type="application/ld+json"'
        return Response(html, status, headers, content_type="text/html; charset=utf-8")
    if media_type == negotiate.JSONLD:
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        headers["Link"] = f'<{context_url()}>; rel="{CONTEXT_REL}"; type="application/ld+json"'
        return Response(body, status, headers, content_type="application/ld+json; charset=utf-8")
    fmt = "turtle" if media_type == negotiate.TURTLE else "nt"
    graph = to_graph(data)
    graph.bind("sp", "https://w3id.org/standpunkt/ontology#")
    graph.bind("hydra", HYDRA)
    return Response(graph.serialize(format=fmt), status, headers, content_type=f"{media_type}; charset=utf-8")


def extras_factory(extras: dict) -> dict:
    """Extras may be callables, evaluated only when HTML is rendered (they cost queries)."""
    return {k: (v() if callable(v) else v) for k, v in extras.items()}


def _format_url(fmt: str) -> str:
    args = request.args.to_dict(flat=False)
    args["format"] = [fmt]
    return f"{request.base_url}?{urlencode(args, doseq=True)}"
