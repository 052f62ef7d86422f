"""Who takes which side in each sentence: holders, acts and polarity.

A sentence is attributed to an actor by (in this order of evidence): a stance or
reporting verb whose subject is an actor mention (`Kiew lehnt dies ab`,
`„…“, sagte er`), a stance noun (`ihre Forderung`, `kein Verständnis`), a source
marker (`laut X`, `X zufolge`, `nach Angaben von X`; kg.nlp.source_markers), a
headline form (`Costa: …`), and finally reported speech continuing the last speaker
(Konjunktiv I, a quotation standing alone; kg.nlp.speech_chain). The act comes from
the trigger; a reporting verb takes it from what is reported (a stance verb in the
quote, a modal, negation, evaluative words). Negation flips polarity. What is
remembered between sentences and whom a pronoun means: kg.nlp.discourse; which of a
sentence's candidates are kept: kg.nlp.statements.
"""
from __future__ import annotations

from spacy.tokens import Doc

from kg.nlp.claim_split import each_claim
from kg.nlp.claims import resolve_anaphors
from kg.nlp.cues import triggers
from kg.nlp.discourse import Discourse
from kg.nlp.doc import TokSpan
from kg.nlp.german import PLAN_ACTS
from kg.nlp.headlines import headline_holders
from kg.nlp.media import is_outlet
from kg.nlp.reporting import in_konjunktiv, other_subject, passive_agent
from kg.nlp.sentence_view import Hit, SentenceView, clause_of
from kg.nlp.source_markers import markers
from kg.nlp.speech_chain import backward, continuation, pointing_speaker, reporting_speaker, silent_speaker
from kg.nlp.statements import Statement, distinct, keep, statement
from kg.nlp.triggers import holders


class Attributor:
    """Walks an article's sentences in order, remembering the last speakers."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.d = Discourse(doc)

    def run(self) -> list[Statement]:
        d, out = self.d, []
        for k, sent in enumerate(d.sents):
            v = SentenceView(TokSpan(self.doc, sent), d.mentions_in[k])
            if not v.toks:
                continue
            found = self._sentence(k, v) or pointing_speaker(d, k, v)
            found = [part for st in found for part in each_claim(self.doc, v, st)]
            out += backward(d, k, v, found, out)
            out += found
            if any(st.speaker or st.evidence in ("verb", "phrase") for st in found):
                d.last_speaker_sent = k  # `kritisierte …` speaks too: `Die Länder hätten …` goes on
            if found:
                speakers = [st for st in found if st.speaker] or found
                d.recent.append((k, speakers[0].actor))
                if any(st.actor == speakers[0].actor and st.act in PLAN_ACTS for st in found):
                    d.plans.add(k)
                if all(st.evidence == "marker" for st in found if st.actor == speakers[0].actor):
                    d.sources.add((k, speakers[0].actor))
            elif (silent := silent_speaker(d, k, v)):
                d.recent.append((k, silent))
                d.last_speaker_sent = k
        resolve_anaphors(out, d.views)
        return out

    def _sentence(self, k: int, v: SentenceView) -> list[Statement]:
        d, best = self.d, {}
        d.views[k] = v
        if v.toks[-1].text == "?":
            return []
        resolve = lambda m: d.actor_of(m, k)  # noqa: E731
        headline = headline_holders(v, k in d.headings, resolve)
        for m, hit in headline:
            keep(best, statement(k, v, m, hit, resolve(m)))
        plain = False  # a holder found outside reported (Konjunktiv I) speech
        speaker = reporting_speaker(d, k, v)
        hits = [(hit, holders(v, hit, resolve)) for hit in (triggers(v) if not headline else ())]
        reporters = {resolve(m) for hit, found in hits for m in found
                     if hit.trigger.report and not in_konjunktiv(v, hit) and not _as_source(v, hit)}
        reported = _reported_segments(v, hits)
        for hit, found in hits:
            if speaker:
                found = [m for m in found if resolve(m) == speaker or passive_agent(v, m)]
            elif reporters and (in_konjunktiv(v, hit) or v.segs[hit.i] in reported):
                found = [m for m in found if resolve(m) in reporters or passive_agent(v, m)]
            for m in found:
                keep(best, statement(k, v, m, hit, resolve(m)), clause_of(v, hit.i))
            if found and not v.konjunktiv1(v.segs[hit.i]):
                plain = True
        for m, hit in markers(v, resolve):
            keep(best, statement(k, v, m, hit, resolve(m)))
            plain = True
        if not (plain or headline or other_subject(v, hits)) and not (d.recent and d.recent[-1][1] in best):
            cont = continuation(d, k, v, reported_only=bool(best))  # (the last speaker, if not held here already)
            if cont and cont.actor not in best:
                keep(best, cont)
        outlets = {resolve(m) for m in v.mentions if is_outlet(m)}
        if any(st.evidence in ("verb", "phrase") and st.actor not in outlets for st, _ in best.values()):
            best = {key: val for key, val in best.items() if val[0].actor not in outlets}  # `Wie die „Rundschau“
            # berichtet, lehnt der Rat ab`: the outlet passes the council's side on, it takes none
        return distinct(best)


def _reported_segments(v: SentenceView, hits) -> set[int]:
    """The clause a verb of saying reports (`Der Kanzler sagte, die Grünen wollten …`, `Die
    Grünen wollten …, sagte der Kanzler`): an actor named there is what the speaker talks
    about, not a holder of its own. The clause after the saying one, or before it when
    the verb opens its clause."""
    out, worded = set(), None
    for hit, found in hits:
        if not (found and hit.trigger.report and hit.trigger.act == "assertion") or _as_source(v, hit):
            continue
        if worded is None:  # the segments with words, read once a verb of saying asks
            worded = sorted({v.segs[i] for i, t in enumerate(v.toks) if not t.is_punct})
        seg = v.segs[hit.i]
        opens = next(i for i in v.seg_tokens(seg) if not v.toks[i].is_punct) == hit.i
        near = [s for s in worded if (s < seg if opens else s > seg)]
        if near:
            out.add(near[-1] if opens else near[0])
    return out - {v.segs[hit.i] for hit, found in hits if found and hit.trigger.report}


def _as_source(v: SentenceView, hit: Hit) -> bool:
    """`Wie die „Rundschau“ berichtet, lehnt die SPD … ab`: a `wie` clause names the source of
    the main clause, whose subject still holds its own side."""
    first = next((i for i in v.seg_tokens(v.segs[hit.i]) if not v.toks[i].is_punct), None)
    return first is not None and v.toks[first].lower_ == "wie" and v.toks[first].tag_ in ("KOUS", "PWAV", "KOKOM")


def attribute(doc: Doc) -> list[Statement]:
    return Attributor(doc).run()
