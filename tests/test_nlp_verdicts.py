"""Verdicts: the polarity evaluative words give a reported clause, on sentences written for these tests."""
import pytest

from kg.nlp import analyse
from kg.nlp.sentence_view import SentenceView
from kg.nlp.verdicts import verdict_of


def _verdict(text):
    doc = analyse(text, "2025-11-28")
    v = SentenceView(next(iter(doc.sents)), [])
    found = verdict_of(v, list(range(len(v.toks))))
    return (found.act, found.polarity) if found else None


@pytest.mark.parametrize("text,expected", [
    ("Die Reform ist ein Rückschritt.", ("assertion", -1)),
    ("Die Reform ist kein Rückschritt.", ("assertion", 1)),
    ("Das ist nicht länger hinnehmbar.", ("assertion", -1)),
    ("Das wäre ein Schlag ins Gesicht aller Beitragszahler.", ("rejection", -1)),
])
def test_verdicts_words_idioms_and_negation(text, expected):
    assert _verdict(text) == expected


def test_verdicts_negated_approval_is_a_refusal():
    assert _verdict("Die Entscheidung ist nicht nachvollziehbar.") == ("rejection", -1)
    assert _verdict("Ein Verbot kommt nicht infrage.") == ("rejection", -1)


def test_verdicts_removing_verb_turns_the_judged_thing_round():
    assert _verdict("Das Gesetz soll die Gefahr von Altersarmut abwenden.") == ("assertion", 1)
    assert _verdict("Das Gesetz verhindert den Neubau und ist der falsche Weg.") == ("assertion", -1)


def test_verdicts_present_state_and_too():
    assert _verdict("Die Lage in den Kliniken ist unerträglich.") == ("assertion", 1)
    assert _verdict("Der Mindestlohn ist zu niedrig.") == ("assertion", -1)
    assert _verdict("Es ist noch nicht zu spät.") == ("assertion", 1)


def test_verdicts_compounds_by_their_head_and_asides_ignored():
    assert _verdict("Das Gesetz ist ein Investitionskiller.") == ("assertion", -1)
    assert _verdict("Das Thema ist unwichtig.") == ("assertion", -1)
    assert _verdict("Die Zölle sind eine Antwort auf unfaire Praktiken.") is None
    assert _verdict("Der Bürokratieabbau kommt voran.") is None
