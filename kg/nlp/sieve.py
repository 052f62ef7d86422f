"""Ordered rule sieves: each step named, counted when it answers, switchable one at a time.

Attribution decides by ordered rules (`a trigger under a condition has no holder`, `the
Vorfeld before the commas holds the subject`, …). Kept as an explicit tuple of named
steps, their order is visible in one place, each step's hits can be counted over a corpus
and a step can be switched off to measure what it contributes (``KG_SIEVE_OFF``:
comma-separated ``sieve.step`` names, read when the sieve is built, so that extraction
workers switch the same steps off).
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable

OFF_ENV = "KG_SIEVE_OFF"
SIEVES: dict[str, Sieve] = {}


class Sieve:
    """Named steps tried in order; the first that answers decides."""

    def __init__(self, name: str, steps: tuple[tuple[str, Callable], ...]):
        self.name = name
        self.steps = steps
        self.hits: Counter[str] = Counter()
        switched = {s.strip() for s in os.environ.get(OFF_ENV, "").split(",")}
        self.off = {step for step, _ in steps if f"{name}.{step}" in switched}
        SIEVES[name] = self

    def first(self, *args):
        """The answer of the first step that gives one (a step gives None to pass on)."""
        for step, rule in self.steps:
            if step in self.off:
                continue
            found = rule(*args)
            if found is not None:
                self.hits[step] += 1
                return found
        return None

    def which(self, *args) -> str | None:
        """The name of the first step whose condition holds, if any."""
        for step, rule in self.steps:
            if step not in self.off and rule(*args):
                self.hits[step] += 1
                return step
        return None
