"""One registry of the RDF and SPARQL result formats Standpunkt reads and writes.

Every other table derives from it: the store's dump formats, the choices of `kg export`,
`kg extract` and `kg query`, the HTTP content negotiation tables, file extensions for
downloads and the rdflib serializer names. Adding a format is one `register()` call, in
the manner of rdflib's `plugin.register`; nothing else has to list it again.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class Format:
    """A serialisation: its short name, media type, file extension and libraries' names for it.

    `kind` is "rdf" (graphs and datasets) or "results" (SPARQL SELECT/ASK results).
    `aliases` are other names and media types clients send for it (`ttl`, `text/xml`, …).
    `quads` says the format keeps named graphs; `prefixes` that its serializer writes
    prefix declarations worth giving it; `dump` that the store can stream the dataset in it
    (`kg export`, `/export`); `rdflib` the rdflib plugin name.
    """

    name: str
    media_type: str
    extension: str
    kind: str
    aliases: tuple[str, ...] = ()
    quads: bool = False
    prefixes: bool = False
    dump: bool = True
    rdflib: str | None = None

    @property
    def oxigraph(self):
        """The pyoxigraph RdfFormat or QueryResultsFormat of this format."""
        if self.kind == "rdf":
            return ox.RdfFormat.from_media_type(self.media_type)
        return ox.QueryResultsFormat.from_media_type(self.media_type)


_REGISTRY: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Add a format; a name, alias or media type may belong to one format only."""
    keys = [fmt.name, fmt.media_type, *fmt.aliases]
    taken = [k for k in keys if any(k == o.name or k == o.media_type or k in o.aliases
                                    for o in _REGISTRY.values() if o.kind == fmt.kind)]
    if taken:
        raise ValueError(f"format {fmt.name}: {', '.join(taken)} already registered")
    _REGISTRY[f"{fmt.kind}:{fmt.name}"] = fmt
    return fmt


for _fmt in (
    Format("nquads", "application/n-quads", "nq", "rdf", ("nq",), quads=True, rdflib="nquads"),
    Format("trig", "application/trig", "trig", "rdf", quads=True, prefixes=True, rdflib="trig"),
    Format("turtle", "text/turtle", "ttl", "rdf", ("ttl", "application/x-turtle", "application/turtle"),
           prefixes=True, rdflib="turtle"),
    Format("nt", "application/n-triples", "nt", "rdf", ("ntriples", "text/plain"), rdflib="nt"),
    Format("jsonld", "application/ld+json", "jsonld", "rdf",
           ("json-ld", "json", "application/json", "application/x-json+ld"), quads=True, rdflib="json-ld"),
    Format("rdfxml", "application/rdf+xml", "rdf", "rdf", ("xml", "rdf", "application/xml", "text/xml"),
           prefixes=True, rdflib="xml"),
    Format("n3", "text/n3", "n3", "rdf", ("text/rdf+n3", "application/rdf+n3"), prefixes=True, dump=False,
           rdflib="n3"),
    Format("json", "application/sparql-results+json", "srj", "results", ("application/json",)),
    Format("xml", "application/sparql-results+xml", "srx", "results", ("application/xml", "text/xml")),
    Format("csv", "text/csv", "csv", "results"),
    Format("tsv", "text/tab-separated-values", "tsv", "results"),
):
    register(_fmt)


def all_formats(kind: str | None = None) -> list[Format]:
    """The registered formats of a kind (or all), in registration order."""
    return [f for f in _REGISTRY.values() if kind is None or f.kind == kind]


def names(kind: str) -> list[str]:
    """Short names of a kind, for CLI choices."""
    return [f.name for f in all_formats(kind)]


def get(name_or_media_type: str, kind: str = "rdf") -> Format:
    """The format a short name, alias or media type stands for; KeyError when none does."""
    key = name_or_media_type.strip().lower()
    for f in all_formats(kind):
        if key == f.name or key == f.media_type or key in f.aliases:
            return f
    raise KeyError(name_or_media_type)


def by_media_type(media_type: str, kind: str = "rdf") -> Format:
    """The format whose canonical media type this is."""
    for f in all_formats(kind):
        if f.media_type == media_type:
            return f
    raise KeyError(media_type)


def negotiation_table(kind: str, only=None, default: str | None = None) -> dict[str, str]:
    """{name or alias or media type: canonical media type} for the content negotiation tables.

    `only` limits the table to the formats for which it returns True. The first entry is
    the default answer: the format named `default`, else the first registered.
    """
    table: dict[str, str] = {}
    chosen = [f for f in all_formats(kind) if only is None or only(f)]
    chosen.sort(key=lambda f: f.name != default)
    for f in chosen:
        table.setdefault(f.name, f.media_type)
    for f in chosen:
        for alias in f.aliases:
            table.setdefault(alias, f.media_type)
    return table
