"""Reading SPARQL text without a full parser: a lexer that skips strings, IRIs and comments.

Some decisions must be taken before the store parses a request: whether a query names
its own dataset (FROM / FROM NAMED, which the union default graph must not override),
and where an update's operations take their dataset (USING / WITH). Keywords are
words outside strings, IRIs and comments; `from:x` is a prefixed name, `?from` a variable.
"""
from __future__ import annotations

import re
from typing import Iterator

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
    """Whether a query names its own dataset with FROM or FROM NAMED (SPARQL 1.1 §13.2)."""
    return "FROM" in keywords(query)


def oxigraph_dataset(query: str, default_graphs: list[str] | None, named_graphs: list[str] | None) -> dict:
    """Keyword arguments of pyoxigraph's Store.query for the dataset the SPARQL 1.1 Protocol orders:
    the request's default-graph-uri / named-graph-uri (the other part empty when only one is
    given), else the query's own FROM / FROM NAMED, else the union of all graphs as default graph."""
    import pyoxigraph as ox

    if default_graphs is None and named_graphs is None:
        return {} if declares_dataset(query) else {"use_default_graph_as_union": True}
    return {"default_graph": [ox.NamedNode(g) for g in default_graphs or []],
            "named_graphs": [ox.NamedNode(g) for g in named_graphs or []]}
