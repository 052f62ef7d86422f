"""Choosing a response format: an explicit `?format=` first, then `Accept`, else 406.

Formats are plain tables (short name or alias -> canonical media type), one per kind
of answer. Werkzeug's `best_match()` returns None when the request has no Accept header
(the Flask test client sends none), so a missing or empty header means "the default".
"""
from __future__ import annotations

from werkzeug.datastructures import MIMEAccept

from api.errors import NotAcceptable
from kg import formats

RESULTS_JSON = "application/sparql-results+json"
RESULTS_XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
JSONLD = "application/ld+json"
RDFXML = "application/rdf+xml"
NQUADS = "application/n-quads"
TRIG = "application/trig"
N3 = "text/n3"
HTML = "text/html"

# kind -> {name or alias: canonical media type}; the first entry is the default.
# RDF and result formats come from the one registry, kg.formats.
TABLES: dict[str, dict[str, str]] = {
    "solutions": formats.negotiation_table("results"),
    "boolean": formats.negotiation_table("results", only=lambda f: f.name in ("json", "xml")),
    "graph": formats.negotiation_table("rdf", default="turtle"),
    # REST resources: one dict, rendered as JSON-LD, Turtle, N-Triples or HTML
    "resource": {"jsonld": JSONLD, "json": JSONLD, "turtle": TURTLE, "ttl": TURTLE, "nt": NTRIPLES,
                 "ntriples": NTRIPLES, "html": HTML, "application/json": JSONLD, "text/plain": NTRIPLES,
                 "application/xhtml+xml": HTML},
    "dataset": formats.negotiation_table("rdf", only=lambda f: f.dump),
}


def media_types(kind: str) -> list[str]:
    """The canonical media types of a kind, default first."""
    return list(dict.fromkeys(TABLES[kind].values()))


def names(kind: str) -> list[str]:
    """What a client may write: short names and media types, for error messages and docs."""
    return [k for k in TABLES[kind] if "/" not in k] + media_types(kind)


def choose(kind: str, accept: MIMEAccept, fmt: list[str] | str | None = None, *,
           default: str | None = None) -> str:
    """The media type to answer with; raises NotAcceptable listing the valid choices."""
    table = TABLES[kind]
    canonical = media_types(kind)
    values = [fmt] if isinstance(fmt, str) else list(fmt or [])
    if values:
        for value in values:
            key = value.strip().lower()
            if key in table or key in canonical:
                return table.get(key, key)
        raise NotAcceptable(f"format {values[0]!r} is not available here", names(kind))
    if not accept or not accept.values():
        return default or canonical[0]
    offers = canonical + [k for k in table if "/" in k and k not in canonical]
    ordered = ([default] if default else []) + [o for o in offers if o != default]
    best = accept.best_match(ordered)
    if best is None:
        raise NotAcceptable(f"none of the accepted media types ({accept}) is available here",
                            names(kind))
    return table.get(best, best)


def try_choose(kind: str, accept: MIMEAccept, fmt=None) -> str | None:
    """Like choose(), None instead of 406 (the SPARQL endpoint negotiates every kind up front)."""
    try:
        return choose(kind, accept, fmt)
    except NotAcceptable:
        return None
