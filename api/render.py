"""One dict, several renderings: JSON-LD as built, Turtle/N-Triples parsed from it, HTML from a template.

Views build a compact JSON-LD dict once; deriving Turtle and N-Triples from that same
dict (instead of from a second query) keeps every format saying exactly the same.
HTML pages carry `Link: rel="alternate"` to their JSON-LD twin.
"""
from __future__ import annotations

import json
from functools import lru_cache
from urllib.parse import urlencode

import rdflib
from flask import Response, g, render_template, request

from api import negotiate
from api.jsonld import Compactor

HYDRA = "http://www.w3.org/ns/hydra/core#"
API = "https://w3id.org/standpunkt/api#"

# navigation terms added to the project's context: paging (Hydra) and API links
API_CONTEXT = {
    "hydra": HYDRA,
    "api": API,
    "Collection": "hydra:Collection",
    "PartialCollectionView": "hydra:PartialCollectionView",
    "member": {"@id": "hydra:member", "@type": "@id", "@container": "@set"},
    "totalItems": {"@id": "hydra:totalItems"},
    "view": {"@id": "hydra:view", "@type": "@id"},
    "first": {"@id": "hydra:first", "@type": "@id"},
    "previous": {"@id": "hydra:previous", "@type": "@id"},
    "next": {"@id": "hydra:next", "@type": "@id"},
    "href": {"@id": "api:href", "@type": "@id"},
    "positions": {"@id": "api:positions", "@type": "@id"},
    "members": {"@id": "api:members", "@type": "@id"},
}


@lru_cache(maxsize=1)
def project_context() -> dict:
    from kg import ontology

    ctx = ontology.context()
    return ctx.get("@context", ctx)


def context() -> list:
    return [project_context(), API_CONTEXT]


@lru_cache(maxsize=1)
def compactor() -> Compactor:
    return Compactor({**project_context(), **API_CONTEXT})


def to_graph(data: dict) -> rdflib.Graph:
    return rdflib.Graph().parse(data=json.dumps(data), format="json-ld")


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
