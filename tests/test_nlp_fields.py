"""The clause model: topological fields, clause kinds, parents and coordination.

Each row of tests/fixtures/clause_fields.tsv is one construction and the clauses
the pipeline must find, rendered as `kind[>conj|^parent]: Vorfeld | left bracket |
Mittelfeld | right bracket | Nachfeld`.
"""
from pathlib import Path

import pytest

from kg.nlp import analyse
from kg.nlp.doc import sentences_of
from kg.nlp.clause_model import clause_at, field_of

ROWS = [line.split("\t") for line in
        (Path(__file__).parent / "fixtures" / "clause_fields.tsv").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")]


def _render(doc, c) -> str:
    words = lambda ids: " ".join(doc[i].text for i in ids)  # noqa: E731
    rel = f">{c.conj}" if c.conj is not None else f"^{c.parent}" if c.parent is not None else ""
    left = doc[c.left].text if c.left is not None else ""
    return f"{c.kind}{rel}: " + " | ".join((words(c.vorfeld), left, words(c.middle), words(c.right), words(c.nachfeld)))


@pytest.mark.parametrize("kind,text,want", ROWS, ids=[r[0] for r in ROWS])
def test_nlp_fields_clauses_of_each_construction(kind, text, want):
    doc = analyse(text, "2025-11-28")
    got = " ; ".join(_render(doc, c) for c in doc._.clauses)
    norm = lambda s: " ".join(s.split())  # noqa: E731
    assert norm(got) == norm(want)


def test_nlp_fields_fixture_read_all_rows():
    assert len(ROWS) >= 15 and all(len(r) == 3 for r in ROWS)


def test_nlp_fields_clause_at_finds_the_innermost_clause():
    doc = analyse("Die Partei, die seit Mai regiert, will sparen.", "2025-11-28")
    regiert = next(t.i for t in doc if t.text == "regiert")
    will = next(t.i for t in doc if t.text == "will")
    assert clause_at(doc, regiert).kind == "relative"
    assert field_of(clause_at(doc, will), will) == "left"
    assert clause_at(doc, regiert).antecedent == next(t.i for t in doc if t.text == "Partei")


def test_nlp_fields_cover_every_sentence_of_a_text():
    doc = analyse("Der Rat tagt. Er beschloss, dass die Gebühren sinken.\n\nQuelle: Agenturen", "2025-11-28")
    covered = {i for c in doc._.clauses for i in c.tokens}
    assert covered == {t.i for t in doc if not t.is_space}
    assert len(sentences_of(doc)) == 3


def test_nlp_fields_a_sentence_seen_before_gets_the_clauses_found_anew():
    """kg.nlp.fields remembers the clauses of a sentence seen twice: each later sighting, at
    any place in a text, gets what sentence_clauses finds there, in Clause objects of its own."""
    from kg.nlp import fields
    from kg.nlp.doc import sentence_toks, toks_of

    texts = [row[1] for row in ROWS]
    doc = analyse("\n\n".join(texts + ["Vorweg ein Satz."] + texts + texts[::-1]), "2025-11-28")
    fresh = []
    for sent in sentences_of(doc):
        fresh += fields.sentence_clauses(sentence_toks(doc, sent), len(fresh))
    assert doc._.clauses == fresh
    assert any(fields._SENTENCE_CLAUSES.get(key) for key in fields._SENTENCE_CLAUSES)  # the memo was read
    sent = sentences_of(doc)[-1]
    again = fields.remembered_clauses(toks_of(doc)[sent.start:sent.end], 3)
    again[0].tokens.append(-1)
    assert fields.remembered_clauses(toks_of(doc)[sent.start:sent.end], 3) == \
        fields.sentence_clauses(sentence_toks(doc, sent), 3)
