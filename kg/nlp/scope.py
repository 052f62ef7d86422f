"""Negation scope in what an actor demands or forbids.

`Es dürfe keine Steuererhöhungen geben` and `forderte, keine neuen Schulden zu machen`
oppose what the negation takes (tax rises, debt); `dürfe nicht scheitern` and
`forderte, das Gesetz nicht zu kippen` are for the thing a negative verb would hit. The
verb's own valence decides: a lexicon verb of rejecting or undoing (verbs.tsv), a negative
evaluative verb (`scheitern`, evaluation.tsv) or a verb of removing.
A `nicht` inside an attribute (`die nicht zur Wahl zugelassenen Parteien`) negates only that
attribute (attributive).
"""
from __future__ import annotations

from kg.nlp import resources
from kg.nlp.german import AUXILIARIES
from kg.nlp.sentence_view import SentenceView


def undone(v: SentenceView, idx: list[int]) -> bool:
    """Does a verb in these tokens hit its object (`scheitern`, `abweisen`, `kippen`)?"""
    verbs, evals = resources.verbs(), resources.evaluations()
    for i in idx:
        tok = v.toks[i]
        lemma = tok.lemma_.lower()
        if not tok.tag_.startswith("VV") or lemma in AUXILIARIES:
            continue
        trig = verbs.get(lemma)
        if trig is not None and trig.polarity < 0 and not trig.report:
            return True
        found = evals.get((lemma,)) or evals.get((tok.text.lower(),))
        if found is not None and found.polarity < 0:
            return True
    return False


def prohibition_polarity(v: SentenceView, idx: list[int]) -> int:
    """The side a negated demand takes on the thing it names: against it (`keine X geben`,
    `nicht erhöht werden`), or for it when the negated verb would harm it."""
    return 1 if undone(v, idx) else -1


ATTRIBUTE_DETERMINERS = ("ART", "PPOSAT", "PDAT", "PIAT", "PIDAT")  # before the `nicht` of an attribute
ATTRIBUTE_INSIDE = ("APPR", "APPRART", "ART", "ADV", "ADJD", "NN", "NE", "CARD")  # `nicht zur Wahl zugelassenen`


def attributive(v: SentenceView, i: int) -> bool:
    """Is the negation at token i part of an attribute before a noun (`die nicht zur Wahl
    zugelassenen Parteien`, `den nicht finanzierbaren Plan`)? It denies the attribute, not the
    clause's verb: `hatten die Pläne kritisiert` stays a rejection. The attribute is an
    attributive adjective or participle (ADJA) reached over a phrase of its own (prepositions,
    articles, adverbs, nouns), not over a verb, and the `nicht` follows the noun's determiner
    (`unterstützt nicht den neuen Plan` negates the clause)."""
    if v.toks[i].tag_ != "PTKNEG" or not i or v.toks[i - 1].tag_ not in ATTRIBUTE_DETERMINERS:
        return False
    for j in range(i + 1, min(i + 8, len(v.toks))):
        tag = v.toks[j].tag_
        if tag == "ADJA":
            return True
        if tag not in ATTRIBUTE_INSIDE:
            return False
    return False
