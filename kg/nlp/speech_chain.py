"""Speech that runs over several sentences: whose it is when the sentence names no one.

German news reports one speaker over several sentences: Konjunktiv I or a bare quote
goes on with the last speaker, and so do the details of a plan just reported (`So sollen …`); a sentence opening with `Das`/`So` and a verb of saying
attributes the sentence before it; a speaker can be introduced without taking a side
(`reagierte zurückhaltend`, ``data/speaker_verbs.tsv``) and speak in the sentences after.
A Konjunktiv II goes on with the speaker only as a stand-in for Konjunktiv I, as a reproach or
where speech runs up to it (konjunktiv2_speech); otherwise it is the writer's hypothetical.
Each function reads and the attribution updates the memory of kg.nlp.discourse.
"""
from __future__ import annotations

from kg.nlp.article_actors import Mention
from kg.nlp.claims import claim_text
from kg.nlp.clauses import is_counterfactual, is_konjunktiv1, is_konjunktiv2
from kg.nlp.discourse import Discourse
from kg.nlp.german import (ESTIMATE, FINITE, KONJ1_STAND_INS, PLAN_LINKS, PLANNED, PRETERITE_LIKE,
                            TENSE_AUXILIARIES)
from kg.nlp.reporting import from_their_side, points_back, reporting, speaker_verbs
from kg.nlp.resources import Trigger
from kg.nlp.sentence_view import Hit, SentenceView
from kg.nlp.stance import act_of
from kg.nlp.statements import CONFIDENCE, Statement, statement
from kg.nlp.time_expressions import calendar_words
from kg.nlp.triggers import holders


def speaker_hit(d: Discourse, k: int, v: SentenceView) -> tuple[Mention, Hit] | None:
    """The subject of a speaker verb (`reagierte`, `äußerte sich`) with its companions."""
    table = speaker_verbs()
    for i, t in enumerate(v.toks):
        companions = table.get(t.lemma_)
        if v.mask[i] or companions is None or not t.tag_.startswith("V"):
            continue
        lemmas = {v.toks[j].lemma_ for j in v.seg_tokens(v.segs[i])}
        hit = Hit(i, Trigger("assertion", 1, report=True), "verb")
        found = holders(v, hit, lambda m: d.actor_of(m, k)) if all(c in lemmas for c in companions) else []
        if found:
            return found[0], hit
    return None


def silent_speaker(d: Discourse, k: int, v: SentenceView) -> str | None:
    """`Auf die Kritik reagierte die Ministerin zurückhaltend.`: a speaker introduced
    without a side; the Konjunktiv sentences after it are theirs."""
    found = speaker_hit(d, k, v)
    return d.actor_of(found[0], k) if found else None


def pointing_speaker(d: Discourse, k: int, v: SentenceView) -> list[Statement]:
    """`„…“ So reagierte die Präsidentin des Roten Kreuzes, Gerda Hasselfeldt.`: a speaker
    verb pointing back reports the sentence before."""
    found = speaker_hit(d, k, v) if points_back(v) else None
    if not found:
        return []
    m, hit = found
    st = statement(k, v, m, hit, d.actor_of(m, k))
    return [st] if st else []


def backward(d: Discourse, k: int, v: SentenceView, found: list[Statement], out: list[Statement]) -> list[Statement]:
    """`… ist verfassungswidrig. Das hat das Bundesverfassungsgericht entschieden.`:
    a reporting sentence opening with `Das`/`Dies` attributes the sentence before it."""
    prev = d.views.get(k - 1)
    if prev is None or not points_back(v) or any(st.sent == k - 1 for st in out) or not d.same_paragraph(k - 1, k):
        return []
    reporters = [st for st in found if st.evidence in ("verb", "phrase")]
    if not reporters:
        return []
    hit = Hit(0, Trigger("assertion", 1, report=True), "continuation")
    act, pol = act_of(prev, hit)
    claim = claim_text(prev, hit, None)
    for st in reporters:
        if st.act == "assertion":  # `Das` reports the sentence before: its content decides
            st.act, st.polarity, st.claim = act, pol, claim
        st.speaker = True
    if reporters[0].act != "assertion":
        act, pol = reporters[0].act, reporters[0].polarity  # `So warnte …`, `Das versicherte …`
    return [Statement(k - 1, *prev.span(), reporters[0].actor, act, pol, claim,
                      CONFIDENCE["continuation"], "continuation", True)]


def reporting_speaker(d: Discourse, k: int, v: SentenceView) -> str | None:
    """The speaker whose indirect speech this sentence continues (Konjunktiv I main
    verb, same paragraph, no reporting verb of its own): actors named inside it are
    what the speaker talks about, not holders in their own right."""
    if not d.recent or k - d.recent[-1][0] > 2 or not d.same_paragraph(d.recent[-1][0], k):
        return None
    finite = [t for i, t in enumerate(v.toks) if not v.mask[i] and t.tag_ in ("VVFIN", "VAFIN", "VMFIN")]
    if not finite or not is_konjunktiv1(finite[0]) or any(reporting(t) for t in finite):
        return None
    return d.recent[-1][1]


def konjunktiv2_speech(d: Discourse, k: int, v: SentenceView, finite) -> bool:
    """Right after a speaker, is a main clause in the Konjunktiv II their speech? A stand-in for
    a Konjunktiv I spelled like the indicative (`Die Länder hätten …`) is; so is a reproach
    (`Der Bund hätte … zahlen müssen`). A form with a Konjunktiv I of its own (`wäre`, `hätte`,
    `müsste`) is speech only where speech runs up to it; after a plan or advice in the
    indicative (`Die Ministerin schlug eine Abgabe vor. Das wäre ein erster Schritt …`) it
    spells out what would follow, in the writer's words."""
    main = [t for t in finite if not v.subordinate(v.segs[v.pos[t.i]])]  # `Ein Antrag, der … sollte, wurde …`
    if not main or not is_konjunktiv2(main[0]) or main[0].lower_ in ESTIMATE | PRETERITE_LIKE:
        return False
    unquoted = [t for i, t in enumerate(v.toks) if not v.mask[i]]
    return main[0].lower_ in KONJ1_STAND_INS or is_counterfactual(unquoted) or reported_before(d, k)


def reported_before(d: Discourse, k: int) -> bool:
    """Does reported speech run up to sentence k: a Konjunktiv (I or II) or a quoted clause in
    the sentence before, or in the one before that when it points back (`„…“ So warnte X.`)?"""
    prev = d.views.get(k - 1)
    return prev is not None and (_reported(prev) or points_back(prev) and _reported(d.views.get(k - 2)))


def _reported(v: SentenceView | None) -> bool:
    """A finite verb quoted or in the Konjunktiv, or a main clause's verb of saying (`X berichtet
    von …`); a quoted phrase (`riet zu „Gelassenheit“`) or a plan (`schlug vor`) is none."""
    finite = [(i, t) for i, t in enumerate(v.toks) if t.tag_ in FINITE] if v else []
    return any(v.mask[i] or is_konjunktiv1(t) or is_konjunktiv2(t)
               or reporting(t) and not v.subordinate(v.segs[i]) for i, t in finite)


def plan_detail(d: Discourse, k: int, v: SentenceView, finite) -> bool:
    """`Die Ministerin kündigte eine Reform an. Danach sollen Mieten gedeckelt werden.`: right
    after a plan, a main clause led by `soll`/`sollen` tells its details -- in the passive (what
    is to be done) or opened by a linking word (`So sollen …`, `Auch soll …`). Not `soll …
    gewesen sein`, `soll … haben` (what is only rumoured) or `soll … sein` (what something is
    said to be), nor a clause with a day or month (`Am Sonntag soll beraten werden`: a date set)."""
    if not (k - 1 in d.plans and d.recent[-1][0] == k - 1 and finite and finite[0].lower_ in PLANNED) \
            or v.subordinate(v.segs[v.pos[finite[0].i]]):
        return False
    words = [t for i, t in enumerate(v.toks) if not v.mask[i]]
    infinitives = {t.lemma_ for t in words if t.tag_ == "VAINF"}
    if infinitives & TENSE_AUXILIARIES or any(t.lower_ in calendar_words() for t in words):
        return False
    return "werden" in infinitives or (words[0].lower_ in PLAN_LINKS)


def continuation(d: Discourse, k: int, v: SentenceView, reported_only: bool = False) -> Statement | None:
    """Reported speech without a speaker continues the last one (Konjunktiv I, a bare quote).

    With `reported_only` the sentence already has a holder, and the last speaker is
    added only when the whole sentence is in Konjunktiv I (`Von den Richtern seien …
    gefordert worden`: the court's demand, as the minister reported it)."""
    if not d.recent or k - d.recent[-1][0] > 2 or k in d.headings:
        return None
    last = d.recent[-1][0]
    if not d.same_paragraph(last, k) and not (last == k - 1 and last in d.headings):
        return None
    words = [t.text.lower() for t in v.toks]
    if ("hieß" in words or "heißt" in words) and not from_their_side(v):
        return None
    quoted = any(v.mask) and all(v.mask[i] or v.toks[i].is_punct for i in range(len(v.toks)))  # not a lone `.`
    finite = [t for i, t in enumerate(v.toks) if not v.mask[i] and t.tag_ in ("VVFIN", "VAFIN", "VMFIN")]
    konj = bool(finite) and is_konjunktiv1(finite[0]) if reported_only else any(is_konjunktiv1(t) for t in finite)
    if not konj and not reported_only and d.last_speaker_sent == k - 1:
        konj = konjunktiv2_speech(d, k, v, finite)
    konj = konj or (not reported_only and plan_detail(d, k, v, finite))
    if reported_only and (quoted or not konj or any(reporting(t) for t in finite)):
        return None
    if not (quoted or konj):
        return None
    hit = Hit(0, Trigger("assertion", 1, report=True), "continuation")
    act, pol = act_of(v, hit)
    first, last = v.reported_part()  # an indicative part after `:` is the writer's
    return Statement(k, v.toks[first].idx, v.toks[last].idx + len(v.toks[last].text), d.recent[-1][1], act, pol,
                     claim_text(v, hit, None), CONFIDENCE["continuation"], "continuation", True)
