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
    return set(row.get("lemmas", ())) <= lemmas and set(row.get("words", ())) <= words \
        and (not row.get("any") or bool(set(row["any"]) & words))
