"""Rule sieves: ordered named steps whose hits are counted and which switch off one at a time."""
from kg.nlp import analyse
from kg.nlp.cues import triggers
from kg.nlp.doc import sentences_of
from kg.nlp.sentence_view import SentenceView
from kg.nlp.sieve import OFF_ENV, Sieve
from kg.nlp.triggers import HOLDERS, holders
from kg.nlp.unheld import CLAUSE, UNHELD


def test_nlp_sieve_first_answer_decides_and_is_counted():
    sieve = Sieve("test_first", (("never", lambda x: None), ("even", lambda x: "even" if x % 2 == 0 else None),
                                 ("any", lambda x: "any")))
    assert [sieve.first(n) for n in (1, 2, 4)] == ["any", "even", "even"]
    assert sieve.hits == {"even": 2, "any": 1}


def test_nlp_sieve_step_switched_off_passes_on():
    sieve = Sieve("test_off", (("even", lambda x: x % 2 == 0), ("big", lambda x: x > 10)))
    assert sieve.which(12) == "even"
    sieve.off.add("even")
    assert sieve.which(12) == "big" and sieve.which(2) is None


def test_nlp_sieve_steps_switched_off_from_the_environment(monkeypatch):
    monkeypatch.setenv(OFF_ENV, "test_env.b, other.a")
    sieve = Sieve("test_env", (("a", bool), ("b", bool)))
    assert sieve.off == {"b"}


def _holders(sentence: str) -> list[str]:
    doc = analyse(sentence, "2025-11-28")
    v = SentenceView(sentences_of(doc)[0], doc._.mentions)
    return [m.actor for hit in triggers(v) for m in holders(v, hit, lambda m: m.actor)]


def test_nlp_sieve_holder_steps_each_switch_off():
    """An invented conditional clause: `unheld_clause.unsettled` keeps its cue unheld; off, the
    clause's subject is found by the `subject` step."""
    sentence = "Wenn die Grünen das Tempolimit fordern, wird gestritten."
    assert _holders(sentence) == []
    CLAUSE.off.add("unsettled")
    try:
        before = HOLDERS.hits["subject"]
        assert _holders(sentence)
        assert HOLDERS.hits["subject"] > before
    finally:
        CLAUSE.off.discard("unsettled")


def test_nlp_sieve_holder_steps_are_named_in_order():
    assert [s for s, _ in CLAUSE.steps] == ["hypothetical", "unsettled", "zu_infinitive"]
    assert [s for s, _ in UNHELD.steps][-1] == "obliged"
    assert [s for s, _ in HOLDERS.steps][-1] == "subject"
