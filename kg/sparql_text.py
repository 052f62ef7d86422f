"""Reading SPARQL text without a full parser: a lexer that skips strings, IRIs and comments.

Some decisions must be taken before the store parses a request: whether a query names
its own dataset (FROM / FROM NAMED, which the union default graph must not override),
and where an update's operations take their dataset (USING / WITH). Keywords are
words outside strings, IRIs and comments; `from:x` is a prefixed name, `?from` a variable.
"""
from __future__ import annotations

import re
from typing import Iterator
from urllib.parse import urljoin

LEXEME = re.compile(r'''
    (?P<skip> """(?:[^"\\]|\\.|"(?!""))*""" | \'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
            | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*'
            | <[^<>"{}|^`\\\x00-\x20]*> | \#[^\n]* )
  | (?P<word> [?$]?[\w\-.]*:[\w\-.:%]* | [?$]?[A-Za-z_][\w\-.]* )
  | (?P<other> . )''', re.S | re.X)


def tokens(text: str) -> Iterator[re.Match]:
    """Every lexeme but whitespace and comments, in order."""
    for m in LEXEME.finditer(text):
        if m.group("word") or m.group("other") and not m.group("other").isspace():
            yield m
        elif m.group("skip") and m.group("skip").startswith("<"):
            yield m


def keywords(text: str) -> Iterator[str]:
    """The bare words of `text`, upper-cased (keywords, and names without a prefix)."""
    for m in tokens(text):
        word = m.group("word")
        if word and ":" not in word and word[0] not in "?$":
            yield word.upper()


def declares_dataset(query: str) -> bool:
    """Whether a query names its own dataset with FROM or FROM NAMED (SPARQL 1.1 §13.2).
    Most queries do not contain the letters at all, and then need no lexing (which costs
    milliseconds on a query with a long VALUES list)."""
    return _FROM.search(query) is not None and "FROM" in keywords(query)


_FROM = re.compile("from", re.IGNORECASE)


def dataset_clause(query: str) -> tuple[list[str], list[str]]:
    """The IRIs of a query's FROM and FROM NAMED clauses, prefixed names and relative IRIs
    resolved through its PREFIX and BASE declarations: (default graphs, named graphs).

    A remote server whose default graph is the union of all graphs may let that override
    FROM (Oxigraph's server does); sent as the protocol's default-graph-uri and
    named-graph-uri, the same dataset wins on every server.
    """
    found = list(tokens(query))
    prefixes: dict[str, str] = {}
    base, defaults, named = "", [], []

    def iri(lexeme: str) -> str:
        if lexeme.startswith("<"):
            return urljoin(base, lexeme[1:-1]) if base else lexeme[1:-1]
        prefix, _, local = lexeme.partition(":")
        return prefixes.get(prefix, prefix + ":") + local

    i = 0
    while i < len(found):
        word = (found[i].group("word") or "").upper()
        if word == "PREFIX" and i + 2 < len(found):
            prefixes[found[i + 1].group(0)[:-1]] = iri(found[i + 2].group(0))
            i += 3
        elif word == "BASE" and i + 1 < len(found):
            base = iri(found[i + 1].group(0))
            i += 2
        elif word == "FROM" and i + 1 < len(found):
            is_named = (found[i + 1].group("word") or "").upper() == "NAMED"
            at = i + 2 if is_named else i + 1
            if at < len(found):
                (named if is_named else defaults).append(iri(found[at].group(0)))
            i = at + 1
        else:
            i += 1
    return defaults, named


def oxigraph_dataset(query: str, default_graphs: list[str] | None, named_graphs: list[str] | None) -> dict:
    """Keyword arguments of pyoxigraph's Store.query for the dataset the SPARQL 1.1 Protocol orders:
    the request's default-graph-uri / named-graph-uri (the other part empty when only one is
    given), else the query's own FROM / FROM NAMED, else the union of all graphs as default graph."""
    import pyoxigraph as ox

    if default_graphs is None and named_graphs is None:
        return {} if declares_dataset(query) else {"use_default_graph_as_union": True}
    return {"default_graph": [ox.NamedNode(g) for g in default_graphs or []],
            "named_graphs": [ox.NamedNode(g) for g in named_graphs or []]}
