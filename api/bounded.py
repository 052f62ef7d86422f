"""Queries whose work is bounded by their answer: one triple pattern, read straight off an index.

A query runs in a killable worker process because its cost is unknown before it runs.
For one shape it is known: a single triple pattern (optionally in one GRAPH) with no
modifier but LIMIT. Oxigraph answers it from an index range, one match per row (SELECT,
or a CONSTRUCT whose template is the pattern itself) or stopping at the first (ASK), and
the answer is read lazily, so the row limit (api.results) stops the work as well as the
answer. Such a query may run in the server's own process (api.executor), saving the
round trip to a worker, which costs more than the query on the smallest requests (a
dashboard reading one article's graph).

The check reads the query's tokens and says no to anything else: literals, blank
nodes, paths, a variable used twice (a filter over a whole scan), FILTER, OPTIONAL,
ORDER BY, DISTINCT, OFFSET, FROM, sub-queries.
"""
from __future__ import annotations

from kg.sparql_text import lexemes

MAX_CHARS = 4096  # a longer text is not one triple pattern worth the lexing
_NEVER = "(\"';,[|^"  # a function, a literal, a second triple, a blank node, a path: no need to lex
_TERMS = {"var", "iri", "pname"}  # a string, a number or a blank node is no term here


class _Tokens:
    """The query's lexemes (kg.sparql_text) without whitespace and comments, read one at a time."""

    def __init__(self, text: str):
        self._tokens = lexemes(text)
        self._at = 0

    @property
    def kind(self) -> str:
        return self._tokens[self._at][0] if self._at < len(self._tokens) else ""

    @property
    def text(self) -> str:
        return self._tokens[self._at][1] if self._at < len(self._tokens) else ""

    def next(self) -> str:
        self._at += 1
        return self._tokens[self._at - 1][1] if self._at <= len(self._tokens) else ""

    def take(self, *texts: str) -> bool:
        if self.text.upper() in texts:
            self.next()
            return True
        return False


def _term(t: _Tokens, predicate: bool = False) -> str | None:
    """A variable, an IRI or a prefixed name (or `a` as predicate); None for anything else."""
    text = t.text
    if t.kind in _TERMS or (predicate and t.kind == "name" and text == "a"):
        t.next()
        return text
    return None


def _triple(t: _Tokens) -> tuple | None:
    triple = (_term(t), _term(t, predicate=True), _term(t))
    if None in triple:
        return None
    t.take(".")
    return triple


def _pattern(t: _Tokens) -> tuple | None:
    """`{ s p o }` or `{ GRAPH g { s p o } }`: (graph or None, triple)."""
    if not t.take("{"):
        return None
    graph = _term(t) if t.take("GRAPH") else None
    if graph is not None and not t.take("{"):
        return None
    triple = _triple(t)
    if triple is None or not t.take("}") or (graph is not None and not t.take("}")):
        return None
    return graph, triple


def _limit_then_end(t: _Tokens) -> bool:
    """Nothing more, or LIMIT and a number."""
    if t.take("LIMIT") and not (t.kind == "number" and t.next().isdigit()):
        return False
    return t.text == ""


def _prologue(t: _Tokens) -> bool:
    """Skip BASE <iri> and PREFIX name: <iri> declarations; False if one is malformed."""
    while t.text.upper() in ("PREFIX", "BASE"):
        if t.next().upper() == "PREFIX" and not (t.kind == "pname" and t.text.count(":") == 1 and t.next().endswith(":")):
            return False
        if t.kind != "iri":
            return False
        t.next()
    return True


def bounded(query: str) -> bool:
    """Whether `query` (after its BASE and PREFIX declarations) is one triple pattern whose
    answer has a row per index match, so that the row limit bounds its work."""
    if len(query) > MAX_CHARS or any(c in query for c in _NEVER) or query.count("{") > 3:
        return False
    t = _Tokens(query)
    if not _prologue(t):
        return False
    form, projected, template = t.text.upper(), [], None
    t.next()
    if form == "SELECT":
        if not t.take("*"):
            while t.kind == "var":
                projected.append(t.next())
            if not projected:
                return False
    elif form == "CONSTRUCT":
        if t.text == "{":
            t.next()
            template = _triple(t)
            if template is None or not t.take("}"):
                return False
        elif t.text.upper() != "WHERE":
            return False
    elif form != "ASK":
        return False
    t.take("WHERE")
    found = _pattern(t)
    if found is None or not _limit_then_end(t):
        return False
    graph, triple = found
    variables = [term for term in (graph, *triple) if term and term[0] in "?$"]
    names = [v[1:] for v in variables]
    if len(set(names)) != len(names):
        return False
    if any(v[1:] not in names for v in projected):
        return False
    return template is None or template == triple
