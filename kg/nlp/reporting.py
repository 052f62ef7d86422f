"""Clues that a sentence reports someone's speech, and whose.

Small tests on one sentence view that attribution combines: is a clause indirect
speech (Konjunktiv I), does a sentence point back to the one before (`Das sagte …`,
`So warnte …`), does a new subject that is no known actor take the floor, is the
speaker introduced without a side (`reagierte zurückhaltend`, speaker_verbs.tsv).
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from kg.nlp import resources
from kg.nlp.german import (AGENT_PREPOSITIONS, CONTENT_CLAUSES, DEMONSTRATIVES, FINITE, GENITIVE_ARTICLES,
                           NOMINATIVE_ARTICLES, NUMBER_WORDS)
from kg.nlp.clauses import is_konjunktiv1
from kg.nlp.doc import text_of
from kg.nlp.article_actors import Mention
from kg.nlp.sentence_view import Hit, SentenceView

NEED = resources.word_class("need")
POINTERS = DEMONSTRATIVES | {"es"}  # `So sehen es auch …`: what was said before


def in_konjunktiv(v: SentenceView, hit: Hit) -> bool:
    """Is the trigger's clause a main clause of indirect speech (Konjunktiv I)? Subordinate
    clauses (`wie es der Parteitag beschlossen habe`) report their own actor's act."""
    seg = v.segs[hit.i]
    return not v.subordinate(seg) and v.konjunktiv1(seg)


def other_subject(v: SentenceView, hits) -> bool:
    """`Auch der Landesverband der Kleingärtner warnte, …`: a stance verb in a main clause
    of its own whose subject is a noun phrase no actor was found for. The sentence is
    someone else's statement, not the last speaker's: no holder beats a wrong one."""
    for hit, found in hits:
        seg = v.segs[hit.i]
        if found or hit.evidence not in ("verb", "phrase") or v.subordinate(seg):
            continue
        toks = [i for i in v.seg_tokens(seg) if not v.mask[i] and not v.toks[i].is_punct]
        if v.toks[hit.i].tag_ == "VVPP" and any(v.toks[i].lemma_ == "werden" for i in toks):
            continue  # `dürften nicht abgewiesen werden`: a passive's subject undergoes the act
        fin = next((n for n, i in enumerate(toks) if v.toks[i].tag_ in FINITE), None)
        if fin is None or is_konjunktiv1(v.toks[toks[fin]]):
            continue
        lead = toks[:fin]
        while lead and v.toks[lead[0]].tag_ in ("ADV", "KON"):
            lead = lead[1:]
        if __subject_np(v, lead) or __subject_np(v, toks[fin + 1:]):
            return True
    return False


def __subject_np(v: SentenceView, idx: list[int]) -> bool:
    """Do the tokens open with a nominative-looking noun phrase (`der Verband`, `ein Sprecher`)?"""
    if not idx or v.toks[idx[0]].text.lower() not in NOMINATIVE_ARTICLES:
        return False
    rest = idx[1:]
    while rest and v.toks[rest[0]].tag_ == "ADJA":
        rest = rest[1:]
    if not rest or v.toks[rest[0]].tag_ not in ("NN", "NE"):
        return False
    noun = v.toks[rest[0]].text.lower()
    bare = len(rest) == 1 or v.toks[rest[1]].text.lower() not in GENITIVE_ARTICLES and v.toks[rest[1]].tag_ != "NE"
    # `sagte ein Sprecher`, `teilte der Verein mit`: a bare noun refers back to the body last quoted
    return not (bare and ("sprecher" in noun or noun in resources.org_heads()))


@lru_cache(maxsize=1)
def speaker_verbs() -> dict[str, tuple[str, ...]]:
    return {r[0]: tuple(c for c in (r[1] if len(r) > 1 else "").split(",") if c)
            for r in resources._rows("speaker_verbs.tsv")}


def clear_for(v: SentenceView, i: int, j: int) -> bool:
    """`Für die SPD ist klar: …`, `Für den Verband steht fest, dass …`: the actor's view."""
    if j + 1 >= len(v.toks) or v.toks[j].lemma_ not in ("sein", "stehen") or \
            v.toks[j + 1].tag_ not in ("ADJD", "PTKVZ", "ADV"):
        return False  # (asked of every mention: the words before it are read only after a verb that fits)
    lead = [t for t in v.toks[:i] if t.tag_ not in ("ART", "ADJA", "PPOSAT")]
    return len(lead) == 1 and lead[0].text == "Für"


def points_back(v: SentenceView) -> bool:
    """`Das sagte …`, `So äußerte sich …`, `Mit diesen Worten reagierte …`: the sentence
    reports the one before it."""
    words = [t.text.lower() for t in v.toks[:3]]
    if words[0] in DEMONSTRATIVES and v.toks[0].tag_ == "PDS":
        return True
    if words[0] == "so" and len(v.toks) > 1 and v.toks[1].tag_ in ("VVFIN", "VAFIN"):
        return _so_reports_before(v)
    return words[:1] == ["mit"] and len(words) > 2 and words[2] == "worten"


def _so_reports_before(v: SentenceView) -> bool:
    """`„…“ So warnte X.`, `So äußerte sich X.`, `So sehen es auch die Grünen.`: `so` points
    back with a verb of saying (or `es`/`das` standing for what was said) and nothing said
    in the sentence itself. `So sagte X, dass …`, `So riet X zu Gelassenheit`, `So
    trat sie für … ein` give an example, with content of their own."""
    rest = range(1, len(v.toks))
    if any(v.mask[i] or v.toks[i].text == ":" or v.toks[i].lower_ in CONTENT_CLAUSES for i in rest):
        return False
    finite = [v.toks[i] for i in rest if v.toks[i].tag_ in FINITE]
    if any(is_konjunktiv1(t) for t in finite[1:]):
        return False  # `So betonte X, man sei …`
    verbs = [v.toks[1]] + [v.toks[i] for i in rest if v.toks[i].tag_ in ("VVPP", "VVINF")]
    return any(t.lemma_ in resources.saying_verbs() or t.lemma_ in speaker_verbs() for t in verbs) \
        or any(v.toks[i].lower_ in POINTERS and v.toks[i].tag_ in ("PPER", "PDS") for i in rest)


def from_their_side(v: SentenceView) -> bool:
    """`hieß es aus seinem Ministerium`: an unnamed source on the last speaker's side."""
    words = [t.text.lower() for t in v.toks]
    return any(words[i] in ("aus", "im", "in") and v.toks[i + 1].tag_ == "PPOSAT" for i in range(len(words) - 1))


def passive_agent(v: SentenceView, m: Mention) -> bool:
    """`Von den Richtern seien … gefordert worden`: the agent of a reported passive."""
    i = v.local(m) - 1
    while i >= 0 and v.toks[i].tag_ in ("ART", "ADJA"):
        i -= 1
    return i >= 0 and v.toks[i].lower_ in AGENT_PREPOSITIONS


def reporting(tok) -> bool:
    trig = resources.verbs().get(tok.lemma_)
    return bool(trig and trig.report)


def is_heading(doc: Doc, sent) -> bool:
    from kg.nlp.doc import is_heading as heading_text

    text = text_of(doc)[sent.start_char:sent.end_char].strip()  # Span.text joins its tokens anew
    return "\n" not in text and heading_text(text) and len(text.split()) <= 14


def bare_fact(v: SentenceView, hit: Hit) -> bool:
    """`Die Ministerin sagte, auf jede freie Stelle kämen drei Bewerber`: a reported
    figure with no modal, negation, evaluative or stance word is a fact, not a position."""
    if not (hit.trigger.report and hit.evidence == "verb"):
        return False
    content = [t for i, t in enumerate(v.toks) if v.segs[i] != v.segs[hit.i] and not t.is_punct]
    if not any(quantity(content, n) for n in range(len(content))):
        return False
    stance = resources.verbs()
    for n, t in enumerate(content):
        low, lemma = t.text.lower(), t.lemma_.lower()
        if t.tag_.startswith("VM") or lemma in NEED or low in resources.negations() or _evaluative(content, n):
            return False
        trig = stance.get(t.lemma_)
        if trig and not trig.report:
            return False
    return True


def _evaluative(toks, n: int) -> bool:
    """Does an evaluative entry (`gescheitert`, `im Stich lassen`) start at toks[n]?"""
    for first in {toks[n].lower_, toks[n].lemma_.lower()}:
        for key, _ in resources.evaluations_by_first().get(first, ()):
            if all(n + k < len(toks) and word in (toks[n + k].lower_, toks[n + k].lemma_.lower())
                   for k, word in enumerate(key)):
                return True
    return False


def quantity(toks, n: int) -> bool:
    """`zehn Bewerber`, `30.000 Wohnungen`, `22 Prozent`; not `Tempo 30`, `im Jahr 2024`."""
    t = toks[n]
    if not (t.tag_ == "CARD" or t.lemma_.lower() in NUMBER_WORDS):
        return False
    if n and toks[n - 1].tag_ in ("NN", "NE"):
        return False
    return n + 1 < len(toks) and toks[n + 1].tag_ in ("NN", "ADJA")
