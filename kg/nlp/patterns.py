"""Declarative structural patterns, JSONL files under ``data/patterns/``, read once.

Adding a construction is a data row (and a test row), not code: each line is one JSON
object with a ``label`` saying what the construction does; ``#`` lines are comments.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

PATTERNS = Path(__file__).parent / "data" / "patterns"


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[dict, ...]:
    """The rows of ``data/patterns/<name>`` in file order."""
    out = []
    for line in (PATTERNS / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(json.loads(line))
    return tuple(out)


@lru_cache(maxsize=None)
def labelled(name: str, label: str) -> tuple[dict, ...]:
    return tuple(r for r in rows(name) if r["label"] == label)


def clause_has(row: dict, lemmas: set[str], words: set[str]) -> bool:
    """Does a clause with these lemmas and lower-cased words hold all of the row's
    ``lemmas`` and ``words`` (and, if given, one of its ``any``)?"""
    _, need_lemmas, need_words, any_of = _row_sets(row)
    return need_lemmas <= lemmas and need_words <= words and (not any_of or bool(any_of & words))


_ROW_SETS: dict[int, tuple[dict, frozenset[str], frozenset[str], frozenset[str]]] = {}


def _row_sets(row: dict) -> tuple[dict, frozenset[str], frozenset[str], frozenset[str]]:
    """The row with its ``lemmas``, ``words`` and ``any`` as sets, made once per row: every
    verb of every clause asks. Keyed by the row's id (rows() keeps the rows, a few dozen,
    for the process); the row kept beside its sets makes a reused id miss, never mismatch."""
    found = _ROW_SETS.get(id(row))
    if found is None or found[0] is not row:
        found = _ROW_SETS[id(row)] = (row, frozenset(row.get("lemmas", ())), frozenset(row.get("words", ())),
                                      frozenset(row.get("any") or ()))
    return found
