"""Stance and act of attributed statements, on sentences written for these tests.

The table (tests/fixtures/stance_sentences.tsv) covers evaluative verdicts carried
by nouns, adjectives and idioms, warnings of consequences without the thing the
actor wants (`ohne X drohe …`, `sonst …`), warnings against something, and the acts
of criticism, regret, announced actions, conditions, demands and plans -- across
policy fields the development set does not cover.
"""
from pathlib import Path

import pytest

from kg.nlp import analyse
from kg.nlp.resources import evaluations

TABLE = Path(__file__).parent / "fixtures" / "stance_sentences.tsv"
ROWS = [line.split("\t") for line in TABLE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")]


def _statements(text):
    doc = analyse(text, "2025-11-28")
    return doc, [(s.actor, "support" if s.polarity > 0 else "oppose", s.act) for s in doc._.statements]


@pytest.mark.parametrize("sentence,actor,stance,act", ROWS, ids=[r[0][:40] for r in ROWS])
def test_stance_sentence_table(sentence, actor, stance, act):
    _, found = _statements(sentence)
    assert (actor, stance, act) in found, found


def test_stance_table_is_varied_enough():
    assert len(ROWS) >= 40
    assert {r[2] for r in ROWS} == {"support", "oppose"}
    assert {r[3] for r in ROWS} >= {"assertion", "rejection", "commitment", "demand", "proposal", "support"}


def test_stance_negation_of_a_negative_verdict_is_support():
    _, found = _statements("Die Reform sei kein Rückschritt, sagte Heil.")
    assert ("Hubertus Heil", "support", "assertion") in found


def test_stance_evaluation_lexicon_is_lower_case_and_signed():
    for key, trig in evaluations().items():
        assert all(w == w.lower() for w in key)
        assert trig.polarity in (1, -1)


def test_stance_second_predicate_reads_its_own_clause():
    """`wies die Forderung zurück und sprach von …`: the stance noun of the first predicate
    is not what the second one reports."""
    _, found = _statements("Die FDP wies die Forderung umgehend zurück und sprach dabei von einem „Angriff auf den Mittelstand“.")
    assert found and all(stance == "oppose" for actor, stance, _ in found if actor == "FDP"), found
