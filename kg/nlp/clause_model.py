"""The clause model every component reads: a clause in topological fields, and helpers.

kg.nlp.fields (the ``clause_fields`` component) builds the clauses of a text and stores
them on the Doc; this module holds what a clause is and how to ask about one, so that
holder finding, claims and stance read clauses without importing the component.

- ``Clause``: ``kind`` ("main", "sub", "relative", "inf", "fragment"), ``start``/``end``
  (its whole extent, embedded clauses included), ``tokens`` (its own tokens), the fields
  ``vorfeld``, ``left``, ``middle``, ``right``, ``nachfeld`` (Doc token indices; ``left`` is
  one index or None), ``parent``, ``conj``, ``antecedent``, ``quoted``, ``lead``.
- ``clause_at(doc, i)``: the innermost clause holding Doc token i (None for spaces).
- ``field_of(clause, i)``: the field of token i in the clause.
- ``coordinated_objects(doc, clause)``: the conjoined noun phrases of its Mittelfeld.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kg.nlp.doc import toks_of
from kg.nlp.german import GENITIVE_ARTICLES

@dataclass
class Clause:
    """One clause of a sentence with its topological fields (Doc token indices)."""

    kind: str
    start: int
    end: int
    tokens: list[int]
    vorfeld: list[int] = field(default_factory=list)
    left: int | None = None
    middle: list[int] = field(default_factory=list)
    right: list[int] = field(default_factory=list)
    nachfeld: list[int] = field(default_factory=list)
    parent: int | None = None
    conj: int | None = None
    antecedent: int | None = None
    quoted: bool = False
    lead: list[int] = field(default_factory=list)  # before the clause proper: a dateline (`Kiew -`)

    @property
    def verb_first(self) -> bool:
        """A main clause with an empty Vorfeld: `blieb aber bei …`, `sagte X`."""
        return self.kind == "main" and self.left is not None and not self.vorfeld


def field_of(clause: Clause, i: int) -> str | None:
    """The field of token i in the clause, None if it is not one of the clause's own tokens."""
    if i == clause.left:
        return "left"
    for name in ("vorfeld", "middle", "right", "nachfeld"):
        if i in getattr(clause, name):
            return name
    return None


NP_OPEN = {"ART", "PIAT", "PPOSAT", "PDAT", "ADJA", "CARD", "PIDAT"}
NP_HEAD = {"NN", "NE"}
LIST_WORDS = {"und", "sowie"}


def coordinated_objects(doc, clause: Clause) -> list[tuple[int, int]]:
    """`fordert ein Tempolimit und einen schnelleren Ausbau der Bahn`: the conjoined noun
    phrases of the Mittelfeld, each with its own determiner or adjective, as (start, end)
    token spans; [] unless there are two or more. `Bus und Bahn` (no determiner of its
    own) and phrases inside a prepositional phrase are not split; `sowohl A als auch B` is.
    Reads the tagged tokens (kg.nlp.doc.Tok), not spaCy's Token made anew on every doc[i]."""
    toks = toks_of(doc)
    middle = [i for i in clause.middle if not toks[i].is_space]
    start = next((n for n, i in enumerate(middle) if toks[i].tag_ in NP_OPEN | NP_HEAD), None)
    if start is None or (start and toks[middle[start - 1]].tag_ in ("APPR", "APPRART")):
        return []
    spans, first = [], middle[start]
    for n in range(start + 1, len(middle)):
        prev, i = middle[n - 1], middle[n]
        pair = toks[i].text.lower() == "als" and n + 2 < len(middle) and toks[middle[n + 1]].text.lower() == "auch"
        joiner = toks[i].text.lower() in LIST_WORDS or pair  # `sowohl A als auch B`
        comma = i - prev > 1 and any(toks[j].text == "," for j in range(prev + 1, i))
        nxt = middle[n + 2] if pair else middle[n + 1] if joiner and n + 1 < len(middle) else i
        genitive = toks[nxt].text.lower() in GENITIVE_ARTICLES and any(  # `die Erhöhung der Renten sowie der Löhne`
            toks[j].text.lower() in GENITIVE_ARTICLES and toks[j - 1].tag_ in NP_HEAD for j in range(first + 1, prev + 1))
        if (joiner or comma) and toks[prev].tag_ in NP_HEAD and toks[nxt].tag_ in NP_OPEN - {"CARD"} and not genitive:
            spans.append((first, prev + 1))
            first = nxt
    if not spans or any(toks[i].tag_ in ("KON",) and toks[i].text.lower() == "oder" for i in middle):
        return []
    end = middle[-1] + 1
    spans.append((first, end))
    return spans


def clause_at(doc, i: int) -> Clause | None:
    """The innermost clause holding Doc token i."""
    owner = doc.user_data.get("clause_of")
    if owner is None or owner[i] is None:
        return None
    return doc.user_data["clauses"][owner[i]]
