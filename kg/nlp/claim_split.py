"""One actor, several claims in one clause: a position on each.

`Die Grünen fordern ein Tempolimit und einen schnelleren Ausbau der Bahn`: demanding
(rejecting, proposing) coordinated noun phrases of the clause's Mittelfeld
(kg.nlp.clause_model) is a side on each of them, not one side on their sum.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from kg.nlp.claim_shape import text_of, tidy
from kg.nlp.clause_model import clause_at, coordinated_objects
from kg.nlp.sentence_view import SentenceView
from kg.nlp.statements import Statement


def each_claim(doc: Doc, v: SentenceView, st: Statement) -> list[Statement]:
    """The statement once per coordinated object of its trigger's clause (or as it is)."""
    if st.anchor is None or st.act == "assertion" or st.evidence not in ("verb", "phrase", "modal") \
            or v.mask[v.pos[st.anchor]]:
        return [st]
    clause = clause_at(doc, st.anchor)
    spans = coordinated_objects(doc, clause) if clause else []
    if any(a <= m.start < b and all(t.tag_ in ("ART", "ADJA", "PIAT") for t in doc[a:m.start])
           for a, b in spans for m in v.mentions):
        return [st]  # the subject and its apposition, or actors as objects: not several matters
    claims = [text_of(v, tidy(v, [v.pos[i] for i in range(a, b) if i in v.pos])) for a, b in spans]
    if len(claims) < 2 or not all(claims):
        return [st]
    return [replace(st, claim=claim) for claim in claims]
