"""A claim that is a verdict on its subject: `Die Kürzung ist ein Schlag für alle Pendler`,
`Die Streichung der Pauschale wäre ein Fehler`, `dies sei ein fatales Signal`, `die Pauschale
zu streichen, wäre ein Fehler`.

Such a clause says what the actor thinks of something; the something is the claim (the
subject before the copula), and the verdict gives the stance (kg.nlp.verdicts). A
subject that is only a demonstrative (`das`, `dies`) points back: the claim is then what
was said before (kg.nlp.claims.resolve_anaphors).
"""
from __future__ import annotations

from kg.nlp.sentence_view import SentenceView
from kg.nlp.verdicts import verdicts

COPULA = "sein"
POINTERS = frozenset({"das", "dies", "dieses"})


def judged_subject(v: SentenceView, idx: list[int]) -> list[int] | None:
    """The subject of a first clause `SUBJECT ist/sei/wäre VERDICT` (None when the claim is
    not such a clause): [] for a demonstrative (`Das ist ein Fehler`), else its tokens when
    the predicate holds an evaluative word (`Die Kürzung ist ein Fehler` -> `Die Kürzung`)."""
    words = [i for i in idx if not v.toks[i].is_punct]
    if not words:
        return None
    seg = v.segs[words[0]]
    first = [i for i in words if v.segs[i] == seg]
    infinitive = _infinitive_subject(v, words, first)
    if infinitive is not None:
        return infinitive
    copula = next((i for i in first if v.toks[i].tag_ == "VAFIN" and v.toks[i].lemma_ == COPULA), None)
    if copula is None or copula == first[0]:
        return None
    subject = [i for i in first if i < copula]
    predicate = [i for i in first if i > copula]
    if len(subject) == 1 and v.toks[subject[0]].text.lower() in POINTERS and v.toks[subject[0]].tag_ in ("PDS", "ART"):
        return [] if predicate else None
    if any(v.toks[i].tag_.startswith("V") and i != copula for i in first):
        return None  # `Die Reform ist beschlossen worden`: a clause of its own, not a verdict
    if not any(v.toks[i].tag_ in ("NN", "NE") for i in subject) or not verdicts(v, predicate):
        return None
    return subject


def _infinitive_subject(v: SentenceView, words: list[int], first: list[int]) -> list[int] | None:
    """`Die Pauschale zu streichen, wäre ein Fehler`: a `zu`-infinitive clause is the subject
    of the verdict in the clause after it; it is what is judged."""
    if v.toks[first[-1]].tag_ != "VVIZU" and not (len(first) > 1 and v.toks[first[-2]].tag_ == "PTKZU"):
        return None
    rest = [i for i in words if v.segs[i] == v.segs[first[0]] + 1]
    if not rest or v.toks[rest[0]].tag_ != "VAFIN" or v.toks[rest[0]].lemma_ != COPULA or not verdicts(v, rest[1:]):
        return None
    return first
