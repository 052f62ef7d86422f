"""A parser error a reader can act on: the line and column of their own text, the place marked.

The store reports `error at L:C: expected one of A, B, ...` for the text it ran, which has
the endpoint's BASE prepended on line 1; this maps the column back to the client's text and
shows the line with a marker, instead of a list of every token the grammar would accept.
"""
from __future__ import annotations

import re

from api.errors import BadRequest

POSITION = re.compile(r"^error at (\d+):(\d+): (.*)$", re.S)
EXPECTED_SHOWN = 6
MARK = "▶"
_UPDATE = re.compile(r"^\s*(?:(?:#[^\n]*\n|PREFIX\s+\S*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
                     r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)


def refuse_update(text: str) -> None:
    """:raise 400: the text is a SPARQL update, which this read-only endpoint does not run."""
    if _UPDATE.match(text):
        raise BadRequest("this is a SPARQL update, not a query: send it by POST to /sparql/update "
                         "(with the write token)")


def readable(message: str, text: str, prefix_chars: int) -> tuple[str, list[str]]:
    """(one-line message, [the offending line with the position marked]) for a parser message."""
    m = POSITION.match(message.strip())
    if not m:
        return message.splitlines()[0] if message else "syntax error", []
    line, column, rest = int(m.group(1)), int(m.group(2)), " ".join(m.group(3).split())
    if line == 1:
        column -= prefix_chars
    expected = rest.split(", ")
    if rest.startswith("expected one of ") and len(expected) > EXPECTED_SHOWN:
        rest = ", ".join(expected[:EXPECTED_SHOWN]) + ", …"
    lines = text.splitlines() or [""]
    source = lines[min(line, len(lines)) - 1]
    at = max(0, min(column - 1, len(source)))
    return f"syntax error at line {line}, column {at + 1}: {rest}", [source[:at] + MARK + source[at:]]
