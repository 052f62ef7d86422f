"""A position's evidence is the part of its sentence that states it.

Each row of tests/fixtures/evidence_parts.tsv is a short text, an actor and the evidence
its position must carry: a clause joined by `;` or `:` that holds the holder, the cue and
the claim; the whole sentence where they span the joiner, where a colon announces what
is said, where the joiner stands inside a quotation, and for a headline's `X: „…“`;
speech carried on without a speaker of its own stops before the writer's indicative
part after a colon. One of the actor's positions must carry the evidence.
"""
from pathlib import Path

import pytest

from kg.nlp import analyse
from kg.nlp.doc import text_of

ROWS = [line.split("\t") for line in
        (Path(__file__).parent / "fixtures" / "evidence_parts.tsv").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("kind,text,actor,want", ROWS, ids=[r[0] for r in ROWS])
def test_nlp_evidence_is_the_part_that_states_the_position(kind, text, actor, want):
    doc = analyse(text.replace("\\n", "\n"), "2025-11-28")
    found = [text_of(doc)[st.start:st.end] for st in doc._.statements if st.actor == actor]
    assert want in found


def test_nlp_evidence_fixture_rows_are_complete():
    assert all(len(r) == 4 for r in ROWS)
    assert len({r[0] for r in ROWS}) == len(ROWS)
