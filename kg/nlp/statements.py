"""One attributed stance in one sentence, and which of a sentence's candidates are kept.

A sentence can offer the same actor several times (a verb, a stance noun, a marker);
the best evidenced one is kept, ranked by kind of evidence, and a second one only where
another clause gives the actor another act or claim. Confidence follows the evidence:
a verb whose subject is the actor is surer than reported speech carried on.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.nlp import resources
from kg.nlp.article_actors import Mention
from kg.nlp.claims import Claim, claim_of
from kg.nlp.reporting import bare_fact
from kg.nlp.sentence_view import Hit, SentenceView
from kg.nlp.stance import act_of

CONFIDENCE = {"verb": 0.85, "phrase": 0.8, "noun": 0.7, "modal": 0.75, "marker": 0.75,
              "headline": 0.7, "continuation": 0.6}
NAMING = resources.word_class("naming")
RANK = {"verb": 3, "phrase": 4, "modal": 3, "noun": 2, "marker": 2, "headline": 1, "continuation": 0}


@dataclass
class Statement:
    """One attributed stance in one sentence (before topic and date are added)."""

    sent: int
    start: int
    end: int
    actor: str
    act: str
    polarity: int
    claim: str
    confidence: float
    evidence: str
    speaker: bool = False  # reported as speaking (reporting verb, quote, marker): the next `er` may be them
    anchor: int | None = None  # doc index of the trigger token: its clause dates the statement
    claim_points_back: bool = False  # `lehnt dies ab`: kg.nlp.claims.resolve_anaphors gives it the claim before


def statement(k: int, v: SentenceView, m: Mention, hit: Hit, actor: str | None) -> Statement | None:
    """The statement of actor `actor` (mention `m`) by trigger `hit` in sentence `k`, or
    None when the trigger only states a fact (`Die Zahl stieg um 3 Prozent, sagte X`)."""
    if not actor:
        return None
    act, pol = act_of(v, hit, m)
    if (act, pol) == ("assertion", 1) and bare_fact(v, hit):
        return None
    if act == "assertion" and pol < 0 and (hit.evidence == "headline" or v.toks[hit.i].lemma_ in NAMING):
        act = "rejection"  # `Söder: „Klatsche für die Ampel“`, `nannte das Verfahren „Chaos“`
    conf = CONFIDENCE[hit.evidence] - (0.1 if m.kind in ("pronoun", "collective") else 0)
    speaker = hit.trigger.report or hit.evidence in ("headline", "marker")
    anchor = v.toks[hit.i].i if hit.evidence in ("verb", "phrase", "noun", "modal") else None
    claim = claim_of(v, hit, m)
    return Statement(k, *_evidence(v, m, hit, claim), actor, act, pol, claim.text, round(conf, 2),
                     hit.evidence, speaker, anchor, claim.anaphoric)


def _evidence(v: SentenceView, m: Mention, hit: Hit, claim: Claim) -> tuple[int, int]:
    """The part of the sentence that states the position: the clauses around `;` and `:`
    holding its holder, cue and claim (SentenceView.evidence). A headline's `Söder: „…“`
    is one statement, the whole line."""
    if hit.evidence in ("headline", "marker"):
        return v.span()
    return v.evidence([hit.i, *(claim.tokens or ()), *([v.local(m)] if m.start in v.pos else [])])


def keep(best: dict, st: Statement | None, clause: tuple[int, int] | None = None) -> None:
    """One statement per actor, the best evidenced; a second one only when another
    clause of the sentence gives the same actor a different act (`… gebeten, damit …,
    stellte er klar`), or a coordinated predicate makes a second claim (`wies die
    Forderung zurück und warf Washington Einmischung vor`). A clause is (segment, part)."""
    if st is None:
        return
    old = best.get(st.actor)
    if old is None or (RANK[st.evidence] > RANK[old[0].evidence] and old[1] == clause):
        best[st.actor] = (st, clause)
    elif clause is not None and old[1] is not None and clause != old[1]:
        kinds = {st.evidence, old[0].evidence}
        if old[1][0] == clause[0] and kinds <= {"verb", "phrase", "modal"} or \
                st.act != old[0].act and kinds <= {"verb", "phrase"}:
            best[(st.actor, clause)] = (st, clause)


def distinct(best: dict) -> list[Statement]:
    """The kept statements, two clauses saying the same thing counted once."""
    out, seen = [], set()
    for st, _ in best.values():
        if (st.actor, st.act, st.polarity, st.claim) not in seen:
            seen.add((st.actor, st.act, st.polarity, st.claim))
            out.append(st)
    return out
