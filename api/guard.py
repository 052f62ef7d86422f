"""What the endpoint checks before a SPARQL query or update reaches the store.

Two checks, both before the store parses anything:

* **Nesting.** Oxigraph parses and evaluates recursively: about 2,500 nested groups,
  or a few thousand terms chained in one group or expression, overflow its stack and
  kill the process (a query worker; for an update, formerly the server). Deeper than
  `MAX_NESTING` brackets, or deeper than `MAX_TERMS` counting the terms chained at
  every open level, is refused with 400.
* **Calling out.** `SERVICE` (in queries and updates) and `LOAD` make the server
  fetch URLs, so anyone could make it send requests into its own network. They are
  refused unless the server was started with --allow-service.

Both checks decide on SPARQL tokens, not on text: kg.sparql_text's lexer follows the
grammar's terminals (IRIs, strings, comments, prefixed names with `\\#` escapes,
variables, language tags) finds the keywords and brackets, on the text as sent and
after codepoint escapes (`\\u0053`) are expanded. When the text is small, rdflib's SPARQL parser gives a second
opinion from the parse tree; either one finding SERVICE or LOAD refuses the request.
"""
from __future__ import annotations

import re
from typing import Iterator
from urllib.parse import unquote_to_bytes

from api.errors import BadRequest, Forbidden
from kg.sparql_text import lexemes, mentions

MAX_NESTING = 64    # brackets { ( [ << open at once
MAX_TERMS = 1000    # open brackets plus the terms chained at each open level
PARSE_LIMIT = 20_000  # characters up to which rdflib's parser gives its second opinion
CALL_OUT_KEYWORDS = {"SERVICE", "LOAD"}
_CALL_OUT = tuple(CALL_OUT_KEYWORDS)

_OPEN = {"{", "(", "[", "<<"}
_CLOSE = {"}", ")", "]", ">>"}
_OPERATORS = {"||", "&&", "!=", "<=", ">=", "^^", *"=<>+-*/|^!.;,"}
_CHAIN_WORDS = {"UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "SERVICE", "GRAPH", "VALUES"}
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def check_utf8(request) -> None:
    """:raise 400: the query string or a SPARQL body is not UTF-8 (Werkzeug would quietly put
    U+FFFD in place of the bad bytes, and the store would run a query nobody sent)."""
    parts = [("the URL's query string", unquote_to_bytes(request.query_string.replace(b"+", b" ")))]
    if request.method == "POST":
        body = request.get_data(cache=True)  # kept: request.form is parsed from it afterwards
        form = request.mimetype == "application/x-www-form-urlencoded"
        parts.append(("the request body", unquote_to_bytes(body.replace(b"+", b" ")) if form else body))
    for what, data in parts:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise BadRequest(f"{what} is not UTF-8 (byte {e.start} of it, decoded)") from None


def check(text: str, *, allow_service: bool) -> None:
    """:raise 400: nested too deep.  :raise 403: SERVICE or LOAD without --allow-service."""
    check_nesting(text)
    if not allow_service and calls_out(text):
        raise Forbidden("SERVICE and LOAD (fetching other endpoints or documents) are disabled on this "
                        "endpoint; start the server with --allow-service to permit them")


def check_nesting(text: str) -> None:
    """:raise 400: more than MAX_NESTING open brackets, or more than MAX_TERMS chained terms."""
    if _surely_shallow(text):
        return
    levels: list[list] = []  # per open bracket: [opener, chained terms, inside a DATA block]
    terms = previous = 0
    for kind, value in _tokens(text):
        if kind == "open":
            data = bool(levels and levels[-1][2]) or (value == "{" and previous == "DATA")
            levels.append([value, 0, data])
            terms += 1
            if len(levels) > MAX_NESTING:
                raise BadRequest(f"the request nests brackets deeper than {MAX_NESTING} levels")
        elif kind == "close" and levels:
            terms -= 1 + levels.pop()[1]
        elif levels and not levels[-1][2] and _chains(kind, value, levels[-1][0]):
            levels[-1][1] += 1
            terms += 1
            if terms > MAX_TERMS:
                raise BadRequest(f"the request chains more than {MAX_TERMS} terms in nested groups or "
                                 "expressions; split it into smaller requests")
        previous = value.upper() if kind == "word" else None


def _surely_shallow(text: str) -> bool:
    """A bound from character counts (C speed) that most queries meet: fewer bracket characters
    than MAX_NESTING, and fewer brackets, operator characters and chaining words in all than
    MAX_TERMS, can nest or chain no deeper than that (strings and IRIs only add to the counts)."""
    opens = text.count("{") + text.count("(") + text.count("[") + text.count("<")
    if opens > MAX_NESTING:
        return False
    ops = sum(text.count(c) for c in "=<>+-*/|^!.;,&")
    if opens + ops + len(text) // _SHORTEST_CHAIN_WORD <= MAX_TERMS:  # no room for enough chaining words
        return True
    return opens + ops + len(_CHAIN_RE.findall(text)) <= MAX_TERMS


_CHAIN_RE = re.compile("|".join(sorted(_CHAIN_WORDS)), re.IGNORECASE)  # tens of µs: counted only when it matters
_SHORTEST_CHAIN_WORD = min(map(len, _CHAIN_WORDS))


def _chains(kind: str, value: str, opener: str) -> bool:
    """Whether a token joins one more term to its group (a deeper tree for the store)."""
    if kind == "word":
        return value.upper() in _CHAIN_WORDS
    return kind == "op" and not (opener == "(" and value == ",")


def calls_out(text: str) -> bool:
    """Whether the request uses SERVICE or LOAD, by tokens and (small texts) by the parse tree."""
    expanded = expand_escapes(text)
    if not (mentions(text, _CALL_OUT) or mentions(expanded, _CALL_OUT)):
        return False
    if keyword_tokens(text) & CALL_OUT_KEYWORDS or keyword_tokens(expanded) & CALL_OUT_KEYWORDS:
        return True
    return len(text) <= PARSE_LIMIT and parse_tree_calls_out(text)


def expand_escapes(text: str) -> str:
    """Codepoint escapes (\\uXXXX, \\UXXXXXXXX) replaced, as SPARQL allows them before parsing."""
    def char(m):
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group()
    return _ESCAPE.sub(char, text)


def keyword_tokens(text: str) -> set[str]:
    """The bare words of a SPARQL text (keywords), upper-cased; names, strings and IRIs excluded."""
    return {value.upper() for kind, value in _tokens(text) if kind == "word"}


def _tokens(text: str) -> Iterator[tuple[str, str]]:
    """kg.sparql_text's lexemes as the checks read them, (kind, text) with kind word, open,
    close, op or other. Terms (variables, names, strings, IRIs, numbers) and language tags
    neither nest nor call out, and are left out."""
    for kind, value in lexemes(text):
        if kind == "name":
            if "-" not in value:
                yield "word", value
            else:  # `a-b` lexes as one name; the parser reads a, -, b
                for i, part in enumerate(value.split("-")):
                    if i:
                        yield "op", "-"
                    yield from _tokens(part)
        elif kind == "other":
            yield ("open" if value in _OPEN else "close" if value in _CLOSE
                   else "op" if value in _OPERATORS else "other"), value


def parse_tree_calls_out(text: str) -> bool:
    """rdflib's parse tree holds a SERVICE pattern or a LOAD; False if rdflib cannot parse it
    (Oxigraph accepts some syntax rdflib does not; the tokens have decided by then)."""
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    for parse in (parseQuery, parseUpdate):
        try:
            tree = parse(text)
        except Exception:  # pyparsing's errors, RecursionError: no second opinion
            continue
        return _has_call_out(tree)
    return False


def _has_call_out(node) -> bool:
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name in ("ServiceGraphPattern", "Load"):
                return True
            stack.extend(node.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
            stack.extend(node)
    return False
