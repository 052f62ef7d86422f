"""Holder constructions of the German clause (kg.nlp.constructions, data/patterns/holders.jsonl).

Each row of tests/fixtures/clause_holders.tsv is one construction and the positions the
pipeline must find as `sentence:actor:act`: a subject shared by a coordinated clause, a
thing made by the actor as subject, the agent of an attributive participle, a holder in a
prepositional phrase, two joined subjects, a subject that is the target, a quoted title,
and several claims of one actor in one sentence (coordinated objects or predicates).
"""
from pathlib import Path

import pytest

from kg.nlp import analyse
from kg.nlp.doc import sentences_of
from kg.nlp.patterns import rows

ROWS = [line.split("\t") for line in
        (Path(__file__).parent / "fixtures" / "clause_holders.tsv").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")]


def _positions(text: str) -> list[str]:
    doc = analyse(text, "2025-11-28")
    starts = [s.start_char for s in sentences_of(doc)]
    return sorted(f"{max(n for n, c in enumerate(starts) if c <= st.start)}:{st.actor}:{st.act}"
                  for st in doc._.statements)


@pytest.mark.parametrize("kind,text,want", ROWS, ids=[r[0] for r in ROWS])
def test_nlp_constructions_positions_of_each_construction(kind, text, want):
    assert _positions(text) == (sorted(want.split(";")) if want != "-" else [])


def test_nlp_constructions_every_label_has_a_fixture_row():
    labels = {r["label"] for r in rows("holders.jsonl")}
    assert {"target", "pp_holder", "made_by", "agent_participle"} == labels
    assert all(any(r[0].startswith(label) for r in ROWS) for label in labels)


def test_nlp_constructions_each_coordinated_object_is_its_own_claim():
    doc = analyse("Die Grünen fordern ein Tempolimit und einen schnelleren Ausbau der Bahn.", "2025-11-28")
    assert sorted(st.claim for st in doc._.statements) == ["Tempolimit", "schnelleren Ausbau der Bahn"]
