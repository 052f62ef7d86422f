"""Reading SPARQL text without a full parser: one lexer that tells strings, IRIs and comments from keywords.

Some decisions must be taken before the store parses a request: whether a query names
its own dataset (FROM / FROM NAMED, which the union default graph must not override),
and where an update's operations take their dataset (USING / WITH). Keywords are
words outside strings, IRIs and comments; `from:x` is a prefixed name, `?from` a variable.
api.bounded reads a query's one triple pattern off the same lexemes.
"""
from __future__ import annotations

import re
from typing import Iterator
from urllib.parse import urljoin

_PLX = r"""%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"""  # a local name's escape (SPARQL 1.1 §19.8)
_LOCAL = rf"(?:[\w:]|{_PLX})(?:[\w\-:]|{_PLX}|\.+(?=[\w\-:]|{_PLX}))*"  # no '.' first or last
# `word` holds what the keyword tests look at: variables, blank nodes, prefixed names, bare
# words; `skip` what they pass over. lexemes() tells their parts apart by the first
# characters, for readers that must refuse a literal or a blank node (api.bounded). A name
# never ends in '.': `?o.` is `?o` and the triple's full stop, as the grammar says. A line
# ends at CR or LF (EOL in SPARQL 1.1 §19.8), and a short string holds neither. `other` is an
# operator or a bracket, one token as the parser reads it (`<=`, `<<`), for api.guard's counts.
LEXEME = re.compile(rf'''
    (?P<skip> """(?:[^"\\]|\\.|"(?!""))*""" | \'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
            | "(?:[^"\\\r\n]|\\[^\r\n])*" | '(?:[^'\\\r\n]|\\[^\r\n])*'  # strings
            | <[^<>"{{}}|^`\\\x00-\x20]*> | \#[^\r\n]* | \s+    # an IRI, a comment (to CR or LF), white space
            | @[A-Za-z]+(?:-[A-Za-z0-9]+)* )                  # a language tag
  | (?P<word> [?$]\w+ | _:\w(?:[\w\-]|\.+(?=[\w\-]))*        # a variable, a blank node (no escapes)
            | (?:[^\W\d_](?:[\w\-]|\.+(?=[\w\-]))*)?:(?:{_LOCAL})?  # a prefixed name
            | [^\W\d][\w\-]* )                             # a keyword, a function, `a`
  | (?P<number> \d+\.\d*[eE][+-]?\d+ | \.?\d+[eE][+-]?\d+ | \d*\.\d+ | \d+ )  # `1.` is 1 and a stop
  | (?P<other> << | >> | \|\| | && | != | <= | >= | \^\^ | . )''', re.S | re.X)  # `<<` opens a quoted triple


def tokens(text: str) -> Iterator[re.Match]:
    """Every lexeme but whitespace, comments and strings, in order."""
    for m in LEXEME.finditer(text):
        if m.lastgroup != "skip" or m.group(0)[0] == "<":
            yield m


def lexemes(text: str) -> list[tuple[str, str]]:
    """Every lexeme but white space and comments, as (kind, text), the kind one of string,
    langtag, iri, var, bnode, pname, name, number, other: a reader that knows a few kinds can refuse
    the rest (a literal, a blank node)."""
    found = []
    for skip, word, number, other in LEXEME.findall(text):  # faster than a Match per lexeme
        if word:
            first = word[0]
            kind = "var" if first in "?$" else "bnode" if word[:2] == "_:" else "pname" if ":" in word else "name"
            found.append((kind, word))
        elif skip[:1] == "<":
            found.append(("iri", skip))
        elif skip[:1] in ("'", '"'):
            found.append(("string", skip))
        elif skip[:1] == "@":
            found.append(("langtag", skip))
        elif number or other:
            found.append(("number", number) if number else ("other", other))
    return found


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


def mentions(text: str, words: tuple[str, ...]) -> bool:
    """Whether one of `words` (upper-case ASCII) occurs in `text` in any case: a test with no false
    negative against `re.IGNORECASE`, which also folds U+0130 (İ) to i and the Kelvin sign to k,
    at str speed. A case-insensitive regular expression costs tens of µs on a query of 500
    characters, and the endpoint runs a few such tests on every query it is sent."""
    folded = text.upper()
    if not text.isascii():
        folded = folded.translate(_FOLD_TO_ASCII)
    return any(word in folded for word in words)


_FOLD_TO_ASCII = str.maketrans({"\u0130": "I", "\u212a": "K"})


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
