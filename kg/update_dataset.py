"""The dataset an update's WHERE clause reads in the embedded store: the protocol's, the
update's own, or the union.

Queries see the union of all graphs as their default graph (the Service Description
says sd:UnionDefaultGraph), and updates must too; and the SPARQL 1.1 Protocol's
`using-graph-uri` / `using-named-graph-uri` parameters act as USING / USING NAMED
clauses on every DELETE/INSERT … WHERE operation. pyoxigraph's update API offers
neither, so both are written into the update text as USING clauses, before each
operation's WHERE. (A remote store gets the protocol parameters as they are, and its
server's own union default graph: Oxigraph's refuses USING in union mode.) An operation with its own WITH or USING keeps it. An update that
names a graph (GRAPH, INTO, TO) makes that graph part of the union even if an earlier
operation of the same request creates it; a graph created through a variable is not
known in advance and stays outside the WHERE of later operations of that request.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kg.errors import QueryError
from kg.sparql_text import tokens

GRAPH_NAMING = {"GRAPH", "INTO", "TO"}


class DatasetConflict(QueryError):
    """using-graph-uri / using-named-graph-uri given for an update that has USING or WITH."""


@dataclass
class _Operation:
    own_dataset: bool = False
    where_at: list[int] = field(default_factory=list)  # offsets of its top-level WHERE


def _scan(text: str) -> tuple[list[_Operation], list[str]]:
    """The operations of an update request, and the graph names it writes as IRIs or prefixed names."""
    operations, named = [_Operation()], []
    depth, previous = 0, None
    for m in tokens(text):
        word, other, lexeme = m.group("word"), m.group("other"), m.group(0)
        if previous in GRAPH_NAMING and (lexeme.startswith("<") or (word and ":" in word and word[0] not in "?$")):
            named.append(lexeme)
        if other == "{":
            depth += 1
        elif other == "}":
            depth -= 1
        elif other == ";" and depth == 0:
            operations.append(_Operation())
        elif word and depth == 0:
            keyword = word.upper()
            if keyword in ("WITH", "USING"):
                operations[-1].own_dataset = True
            elif keyword == "WHERE" and previous != "DELETE":
                operations[-1].where_at.append(m.start())
        previous = word.upper() if word else None
    return operations, named


def check_no_conflict(text: str, using: list[str] | None, using_named: list[str] | None) -> None:
    """:raise DatasetConflict: protocol graphs for an update with its own USING or WITH (Protocol §2.2.3)."""
    if (using or using_named) and any(op.own_dataset for op in _scan(text)[0]):
        raise DatasetConflict("using-graph-uri / using-named-graph-uri cannot be combined with an "
                              "update that has its own USING or WITH clause")


def with_dataset(text: str, using: list[str] | None = None, using_named: list[str] | None = None,
                 union_graphs: list[str] | None = None) -> str:
    """`text` with the USING clauses that give each DELETE/INSERT … WHERE its dataset.

    With protocol graphs (`using`, `using_named`): those, and DatasetConflict if the update
    has its own USING or WITH. Without: every graph of `union_graphs` and every graph the
    update names, as default and as named graphs (the union default graph).
    """
    operations, named = _scan(text)
    if using or using_named:
        check_no_conflict(text, using, using_named)
        clauses = [f"USING <{g}>" for g in using or []] + [f"USING NAMED <{g}>" for g in using_named or []]
        targets = operations
    else:
        graphs = list(dict.fromkeys([f"<{g}>" for g in union_graphs or []] + named))
        clauses = [f"USING {g} USING NAMED {g}" for g in graphs]
        targets = [op for op in operations if not op.own_dataset]
    if not clauses:
        return text
    insert = " ".join(clauses) + " "
    points = sorted((at for op in targets for at in op.where_at), reverse=True)
    for at in points:
        text = text[:at] + insert + text[at:]
    return text
