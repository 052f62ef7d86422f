"""What kind of result a SPARQL request will produce, read from its first keyword.

Content negotiation has to pick a media type (or answer 406) before the query runs,
and a remote store must be asked for the right kind of serialisation. Only the
prologue (BASE/PREFIX declarations and comments) is skipped; the parser proper stays
the store's job, which also reports any syntax error.
"""
from __future__ import annotations

import re


_PROLOGUE = re.compile(
    r"""\s+                                   # whitespace
      | \#[^\n]*                              # a comment
      | PREFIX\s+[^\s:]*:\s*<[^>]*>           # PREFIX p: <iri>
      | BASE\s*<[^>]*>                        # BASE <iri>
    """, re.IGNORECASE | re.VERBOSE)
_KEYWORD = re.compile(r"[A-Za-z]+")

QUERY_KINDS = {"SELECT": "solutions", "ASK": "boolean", "CONSTRUCT": "graph", "DESCRIBE": "graph"}
UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


def first_keyword(text: str) -> str | None:
    """The first keyword after the prologue, upper-cased, or None."""
    pos = 0
    while True:
        m = _PROLOGUE.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    m = _KEYWORD.match(text, pos)
    return m.group(0).upper() if m else None


def result_kind(query: str) -> str | None:
    """'solutions' (SELECT), 'boolean' (ASK), 'graph' (CONSTRUCT/DESCRIBE) or None."""
    return QUERY_KINDS.get(first_keyword(query) or "")


def is_update(text: str) -> bool:
    return (first_keyword(text) or "") in UPDATE_KEYWORDS
