"""Everything reachable from a node over a table of links (skos:broader walked in Python).

Three places need a topic and all topics under or above it; they read the skos:broader
pairs once and walk them here instead of asking the store for `skos:broader*`, which
Virtuoso answered wrongly inside FILTER EXISTS and beside a MINUS (tests/test_remote_api.py).
"""
from __future__ import annotations


def reachable(links: dict[str, set[str]], start: str) -> set[str]:
    """`start` and every node reachable from it by following `links` (node -> next nodes)."""
    found, todo = {start}, [start]
    while todo:
        for nxt in links.get(todo.pop(), ()):
            if nxt not in found:
                found.add(nxt)
                todo.append(nxt)
    return found
