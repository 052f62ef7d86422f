"""An actor's own career move as the object of a report verb (`erklärte seinen Rücktritt`,
`gab ihren Rückzug aus der Politik bekannt`). The annotation guide records sides on political
matters; a resignation, a candidacy or a return to politics announced is a fact about the
actor's office, no side taken, so the report verb is no cue then (verbs.tsv `only` marker
`-career`). Someone else's resignation stays a matter one takes a side on (`forderte den
Rücktritt des Ministers`, `erklärte den Rücktritt der Ministerin für überfällig`): the noun
must be the actor's own, with a third-person possessive or no owner after it."""

from __future__ import annotations

from kg.nlp import resources
from kg.nlp.german import GENITIVE_ARTICLES, PREMODIFIER_TAGS, PREPOSITION_TAGS, THIRD_POSSESSIVES
from kg.nlp.sentence_view import SentenceView

NOUNS = tuple(resources.word_class("career_noun"))  # `Rücktritt`, `Kandidatur` (and compounds ending in them)
LEAVING = tuple(resources.word_class("career_leaving"))  # `Rückzug`, `Abschied`: own with a possessive
DEPARTURES = tuple(resources.word_class("career_departure"))  # `Rückkehr`, `Ausstieg`: only with a field
FIELDS = resources.word_class("career_field")  # `Politik`, `Amt`: what the move leaves or enters
FIELD_REACH = 4  # `Abschied aus der aktiven Politik`: the field within four words after the noun


def own_career(v: SentenceView, reach: list[int]) -> bool:
    """Does one of the clause's nouns (token indices `reach`) name the actor's own career move?"""
    return any(_career_move(v, j) for j in reach if v.toks[j].tag_ == "NN")


def _career_move(v: SentenceView, j: int) -> bool:
    """A career noun as the verb's object: in a prepositional phrase it is when or what
    about (`nach seinem Rücktritt erklärte er, …`), and the statement keeps its side."""
    low = v.toks[j].lower_
    if _in_phrase(v, j):
        return False
    if low.endswith(NOUNS):
        return _possessed(v, j) or not _owned(v, j)
    if low.endswith(LEAVING):
        return _possessed(v, j) or _field_after(v, j)
    return low.endswith(DEPARTURES) and _field_after(v, j)


def _in_phrase(v: SentenceView, j: int) -> bool:
    """Is the noun at j inside a prepositional phrase (`nach seinem Rücktritt`), its article,
    possessive and adjectives skipped?"""
    k = j - 1
    while k >= 0 and v.toks[k].tag_ in PREMODIFIER_TAGS:
        k -= 1
    return k >= 0 and v.toks[k].tag_ in PREPOSITION_TAGS


def _possessed(v: SentenceView, j: int) -> bool:
    """`seinen (sofortigen) Rücktritt`: a third-person possessive before the noun."""
    k = j - 1
    while k >= 0 and v.toks[k].tag_ == "ADJA":
        k -= 1
    return k >= 0 and v.toks[k].lower_ in THIRD_POSSESSIVES


def _owned(v: SentenceView, j: int) -> bool:
    """Is the move someone else's: a genitive before (`Kellers Rücktritt`) or after it
    (`den Rücktritt des Ministers`), or `von` with a name (`Rücktritt von Anna Keller`;
    `Rücktritt von seinem Amt` is the actor's own)?"""
    if j > 0 and v.toks[j - 1].tag_ == "NE":
        return True
    if j + 1 >= len(v.toks):
        return False
    nxt = v.toks[j + 1]
    if nxt.lower_ in GENITIVE_ARTICLES or nxt.tag_ == "NE":
        return True
    return nxt.lower_ == "von" and any(t.tag_ == "NE" for t in v.toks[j + 2:j + 5])


def _field_after(v: SentenceView, j: int) -> bool:
    return any(t.lower_ in FIELDS for t in v.toks[j + 1:j + 1 + FIELD_REACH])
