"""Frames that decide a statement's side whatever its words say.

A feared consequence of something missing -- `ohne X drohe …`, `sonst verliere …`,
`andernfalls …`, `wenn X nicht kommt, (dann) …` -- is said for X: the grim words of
the consequence (`Eskalation`, `Mietsprung`, `verlieren`) describe what the speaker
wants to avoid, not what they oppose.
"""
from __future__ import annotations

from kg.nlp import resources
from kg.nlp.german import COMPLEMENTIZERS, CONDITIONS, DEONTIC, FINITE, OTHERWISE
from kg.nlp.clauses import is_konjunktiv2
from kg.nlp.sentence_view import SentenceView



def consequence_frame(v: SentenceView, idx: list[int]) -> bool:
    """Is what is reported a feared consequence of something missing -- `ohne X drohe …`,
    `sonst verliere …`, `wenn X nicht kommt, (dann) …`? Then the speaker is for X, whatever
    negative words the consequence holds. `ohne … zu` (manner) and `ohne X dürfe nicht …`
    (a prohibition) are no such frame."""
    idx = sorted(idx)
    words = [v.toks[i].lower_ for i in idx]
    if OTHERWISE & set(words):
        return True
    segs = sorted({v.segs[i] for i in idx})
    for seg in segs:
        toks = [i for i in v.seg_tokens(seg) if not v.toks[i].is_punct and i in idx]
        if not toks:
            continue
        first = v.toks[toks[0]].text.lower()
        if first in COMPLEMENTIZERS and len(toks) > 1:
            toks = toks[1:]
            first = v.toks[toks[0]].text.lower()
        if first == "ohne" and _ohne_consequence(v, toks):
            return True
        if first in CONDITIONS and _negated_plain(v, toks) and any(v.segs[i] > seg for i in idx):
            return True
    return False


def _ohne_consequence(v: SentenceView, toks: list[int]) -> bool:
    """`ohne X drohe …`/`müssten …`/`werde … nicht zu lösen sein` states a consequence;
    `ohne … zu tun` (no finite verb) is manner, `ohne X dürfe nicht …` a rule."""
    if any(v.toks[i].lower_ == "dass" for i in toks):
        return False
    finite = [v.toks[i] for i in toks if v.toks[i].tag_ in FINITE]
    if not finite:  # a verb-final clause HanTa tags as infinitive, unless it is `ohne … zu`
        finite = [v.toks[i] for i in toks if v.toks[i].tag_ == "VVINF"]
        if any(v.toks[i].tag_ in ("PTKZU", "VVIZU") for i in toks):
            return False
    rules = [t for t in finite if t.lemma_ in DEONTIC and (t.lemma_ != "müssen" or not is_konjunktiv2(t))]
    return bool(finite) and not rules


def _negated_plain(v: SentenceView, toks: list[int]) -> bool:
    neg = resources.negations() - {"ohne"}
    return any(v.toks[i].lower_ in neg for i in toks)
