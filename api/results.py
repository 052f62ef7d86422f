"""Serialising SPARQL results under a row limit, shared by query workers and the thread executor.

The limit is counted while the result is written in a line-per-row format (TSV for
solutions, N-Triples for triples), so an oversized result is abandoned as soon as it
passes the limit instead of being built in full and cut: the endpoint must answer
"too large", never a silently truncated 200.
"""
from __future__ import annotations

import io

import pyoxigraph as ox

from kg.errors import QueryError, ResultTooLarge

TSV = "text/tab-separated-values"
NTRIPLES = "application/n-triples"
RESULTS_JSON = "application/sparql-results+json"

# result kind -> the media type a remote store is asked for before re-encoding
WIRE_MEDIA = {"solutions": TSV, "boolean": RESULTS_JSON, "graph": NTRIPLES}

class NoAcceptableFormat(QueryError):
    """The client accepts no format that can hold this kind of result (HTTP 406)."""


PREFIXES = {
    "sp": "https://w3id.org/standpunkt/ontology#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


MAX_RESULT_BYTES = 256 * 2**20  # also bounds a result of few but huge rows (GROUP_CONCAT)


class _RowCap(io.RawIOBase):
    """A write-only buffer that stops the serialiser once it has seen too many lines or bytes."""

    def __init__(self, max_lines: int, max_bytes: int):
        super().__init__()
        self.max_lines, self.max_bytes, self.lines, self.size, self.parts = max_lines, max_bytes, 0, 0, []
        self.tripped = False

    def writable(self):
        return True

    def write(self, data):
        self.lines += data.count(b"\n")
        self.size += len(data)
        if self.lines > self.max_lines or self.size > self.max_bytes:
            self.tripped = True  # remembered even if a serialiser swallowed the exception
            raise ResultTooLarge("over the limit")
        self.parts.append(bytes(data))
        return len(data)

    def value(self) -> bytes:
        return b"".join(self.parts)


def result_kind(result) -> str:
    if isinstance(result, ox.QueryBoolean):
        return "boolean"
    if isinstance(result, ox.QuerySolutions):
        return "solutions"
    return "graph"


def encode(result, media: dict[str, str | None], max_results: int,
           max_bytes: int = MAX_RESULT_BYTES) -> tuple[str, bytes]:
    """(media type, body) of a pyoxigraph result in the media type negotiated for its kind.

    Raises ResultTooLarge past `max_results` rows/triples, QueryError when the client
    accepts no format for this kind of result.
    """
    kind = result_kind(result)
    media_type = media.get(kind)
    if media_type is None:
        raise NoAcceptableFormat(f"no requested format can hold a {kind} result")
    if kind == "boolean":
        return media_type, result.serialize(format=ox.QueryResultsFormat.from_media_type(media_type))
    cap = _RowCap(max_results + (kind == "solutions"), max_bytes)  # TSV has a header line, N-Triples none
    try:
        if kind == "solutions":
            result.serialize(cap, ox.QueryResultsFormat.TSV)
        elif isinstance(result, ox.QueryTriples):  # its own loop, in Rust and without the GIL
            result.serialize(cap, ox.RdfFormat.N_TRIPLES)
        else:  # triples parsed from a remote store's answer
            ox.serialize(result, cap, ox.RdfFormat.N_TRIPLES)
        if cap.tripped:
            raise ResultTooLarge("over the limit")
    except ResultTooLarge:
        what = (f"more than {max_results:,} {'rows' if kind == 'solutions' else 'triples'}"
                if cap.lines > cap.max_lines else f"more than {max_bytes:,} bytes")
        raise ResultTooLarge(f"the result has {what} (the server's limit); "
                             "add a LIMIT or narrow the query") from None
    return media_type, _recode(kind, cap.value(), media_type)


def _recode(kind: str, body: bytes, media_type: str) -> bytes:
    if kind == "solutions":
        if media_type == TSV:
            return body
        fmt = ox.QueryResultsFormat.from_media_type(media_type)
        return ox.parse_query_results(body, ox.QueryResultsFormat.TSV).serialize(format=fmt)
    if media_type == NTRIPLES:
        return body
    fmt = ox.RdfFormat.from_media_type(media_type)
    triples = (q.triple for q in ox.parse(body, ox.RdfFormat.N_TRIPLES))
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML) else None
    if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        triples = (ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    return ox.serialize(triples, format=fmt, prefixes=prefixes)


def parse_wire(kind: str, body: bytes):
    """A remote store's answer in WIRE_MEDIA back into a pyoxigraph result, to re-encode."""
    if kind == "graph":
        return (q.triple for q in ox.parse(body, ox.RdfFormat.N_TRIPLES))
    fmt = ox.QueryResultsFormat.from_media_type(WIRE_MEDIA[kind])
    return ox.parse_query_results(body, fmt)
