"""Verdicts: which way the evaluative words of a reported clause point.

A reported statement takes the side of its evaluation (`ein Schlag ins Gesicht`,
`sei daher unrealistisch`, `überfällig`). The words are data (`data/evaluation.tsv`:
nouns, adjectives, idioms; compounds are judged by their head); the scope rules are
here: a negation just before a word turns it round (`nicht länger hinnehmbar`, `kein
Fehler`), so does a verb that removes what it judges (`die Gefahr abwenden`), a
negative verdict on the present state is for a change (`die Lage sei unerträglich`),
`zu` + adjective is a complaint, and a word inside a phrase about something else
(`eine Antwort auf unfaire Praktiken`) judges nothing reported on.
"""
from __future__ import annotations

from functools import lru_cache

from kg.caches import memo
from kg.nlp import resources
from kg.nlp.german import ASIDE_PREPOSITIONS, CONDITION_OPENERS
from kg.nlp.resources import Trigger
from kg.nlp.sentence_view import SentenceView



def flip(trig: Trigger, negated: bool, noun: bool = False) -> tuple[str, int]:
    """Negation turns support into rejection and back; a denied promise is a refusal."""
    if not negated:
        return trig.act, trig.polarity
    if trig.act == "support" or (noun and trig.act == "commitment"):
        return "rejection", -1
    if trig.act == "rejection":
        return "support", 1
    return trig.act, -trig.polarity


def conditional(v: SentenceView, seg: int) -> bool:
    first = next((v.toks[i] for i in v.seg_tokens(seg) if not v.toks[i].is_punct), None)
    return first is not None and first.text.lower() in CONDITION_OPENERS


def verdict_of(v: SentenceView, idx: list[int]) -> Trigger | None:
    """The strongest evaluative word sequence in these tokens (negative wins; of two on the
    same side, one that states an act -- `Nein zu`, `nicht nachvollziehbar` -- wins)."""
    found = None
    for _, trig in verdicts(v, idx):
        if found is None or trig.polarity < found.polarity or \
                (trig.polarity == found.polarity and found.act == "assertion" and trig.act != "assertion"):
            found = trig
    return found


def verdicts(v: SentenceView, idx: list[int]) -> list[tuple[int, Trigger]]:
    """Evaluative word sequences in these tokens (outside conditions), each with its polarity
    as meant: flipped by a negation just before it (`nicht länger hinnehmbar`, `kein Fehler`)
    and by a verb in its clause that removes it (`die Gefahr abwenden`)."""
    conditions = {seg for seg in {v.segs[i] for i in idx} if conditional(v, seg)}  # asked once per clause
    idx = [i for i in idx if v.segs[i] not in conditions]
    lemmas = [v.toks[i].lemma_.lower() for i in idx]
    words = [v.toks[i].lower_ for i in idx]
    table = resources.evaluations_by_first()
    out = []
    for n in range(len(lemmas)):
        exact = table.get(lemmas[n], []) + table.get(words[n], [])
        heads = [] if any(len(k) == 1 for k, _ in exact) else _compound_head(v.toks[idx[n]])  # `Durchbruch`
        for key, trig in exact + heads:
            if trig.act in ("remove", "state") or _aside(v, idx[n]):
                continue
            if all(n + j < len(lemmas) and key[j] in (lemmas[n + j], words[n + j]) for j in range(len(key))):
                flipped = negation_before(v, idx[n]) != _removed(v, idx[n], len(key))
                act, pol = flip(trig, flipped)  # `nicht nachvollziehbar`, `kommt nicht infrage`: a refusal
                if pol < 0 and _status_quo(v, idx[n]):
                    pol = 1
                out.append((idx[n], Trigger(act, pol)))
        if _too(v, idx[n]):
            out.append((idx[n], Trigger("assertion", 1 if negation_before(v, idx[n]) else -1)))
    return out


def _too(v: SentenceView, i: int) -> bool:
    """`zu niedrig`, `zu spät`, `zu wenig`: the degree particle makes any adjective a complaint."""
    tok = v.toks[i]
    return tok.tag_ == "PTKA" and tok.text.lower() == "zu" and i + 1 < len(v.toks) \
        and v.toks[i + 1].tag_ in ("ADJD", "ADV", "PIS", "PIAT")


def _compound_head(tok) -> list[tuple[tuple[str, ...], Trigger]]:
    """A compound noun judged by its head (`Investitionskiller`, `Haushaltsdesaster`)."""
    lemma = tok.lemma_.lower()
    return _heads(lemma) if tok.tag_ in ("NN", "ADJD", "ADJA") and len(lemma) >= 8 else []


@memo("verdicts.heads")
def _heads(lemma: str) -> list[tuple[tuple[str, ...], Trigger]]:
    """Nouns and adjectives by their head; `un-` turns it round (`unwichtig`, `ungefährlich`)."""
    out = []
    index = _noun_verdicts()
    for _, head in sorted((index[lemma[k:]][0], lemma[k:]) for k in range(1, len(lemma)) if lemma[k:] in index):
        trig, prefix = index[head][1], lemma[:-len(head)]
        if trig.act in ("remove", "state"):
            continue
        if prefix == "un":
            out.append(((lemma,), Trigger(trig.act, -trig.polarity)))
        elif len(prefix) >= 3:
            out.append(((lemma,), trig))
    return out


@lru_cache(maxsize=1)
def _noun_verdicts() -> dict[str, tuple[int, Trigger]]:
    """Single-word evaluative entries long enough to be a compound's head, each with its
    place in the list (the order _heads gives them in): looked up by the endings of a word."""
    heads = [(k[0], t) for k, t in resources.evaluations().items() if len(k) == 1 and len(k[0]) >= 5]
    return {head: (n, t) for n, (head, t) in enumerate(heads)}


def negation_before(v: SentenceView, i: int) -> bool:
    """A negation up to three words before, in the same clause (`nicht mehr zeitgemäß`)."""
    neg = resources.negations()
    if [t.text.lower() for t in v.toks[max(i - 3, 0):i]] == ["alles", "andere", "als"]:
        return True
    for j in range(i - 1, max(i - 4, -1), -1):
        if v.segs[j] != v.segs[i] or v.toks[j].is_punct:
            return False
        word = v.toks[j].lower_
        if word in neg:  # `ohne ein einziges Problem zu lösen`: not solving one
            return True
    return False


def _aside(v: SentenceView, i: int) -> bool:
    """Is the evaluative word inside a phrase about something else (`eine Antwort auf unfaire
    Praktiken`, `trotz Bedenken`)? Then it does not judge what is reported on."""
    j = i - 1
    while j >= 0 and v.toks[j].tag_ in ("ART", "ADJA", "ADJD", "PIAT", "PPOSAT", "ADV", "CARD"):
        j -= 1
    return j >= 0 and v.toks[j].tag_ in ("APPR", "APPRART") and v.toks[j].lower_ in ASIDE_PREPOSITIONS


def _removed(v: SentenceView, i: int, n: int) -> bool:
    """Is the evaluated thing the object of a verb that ends it (`verhindern`, `abwenden`)?"""
    removers = resources.evaluations_by_first()
    for j in v.seg_tokens(v.segs[i]):
        if i <= j < i + n:
            continue
        between = v.toks[min(i + n, j + 1):max(i, j)]
        if any(t.tag_.startswith("V") or t.tag_ == "KON" for t in between):
            continue  # `verhindere den Neubau und sei der falsche Weg`: another predicate
        for key, trig in removers.get(v.toks[j].lemma_.lower(), []):
            if trig.act == "remove" and len(key) == 1:
                return True
    return False


def _status_quo(v: SentenceView, i: int) -> bool:
    """Is a negative verdict about the present state (`die Lage sei unerträglich`)? Then
    the speaker is for changing it, which is what such statements are reported on."""
    return any(v.toks[j].lemma_.lower() in _states() for j in v.seg_tokens(v.segs[i]) if j < i)


@lru_cache(maxsize=1)
def _states() -> frozenset[str]:
    return frozenset(k[0] for k, t in resources.evaluations().items() if t.act == "state")


def predicative_verdict(v: SentenceView, idx: list[int]) -> int:
    """`muss tabu sein`, `darf kein Thema bleiben`: the polarity of a verdict that a duty predicates."""
    for i, trig in verdicts(v, idx):
        nxt = next((j for j in idx if j > i), None)
        if nxt is not None and v.toks[nxt].lemma_ in ("sein", "bleiben"):
            return trig.polarity
    return 0
