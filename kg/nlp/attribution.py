"""Who takes which side in each sentence: holders, acts and polarity.

A sentence is attributed to an actor by (in this order of evidence): a stance or
reporting verb whose subject is an actor mention (`Kiew lehnt dies ab`,
`„…“, sagte er`), a stance noun (`ihre Forderung`, `kein Verständnis`), a source
marker (`laut X`, `X zufolge`, `nach Angaben von X`), a headline form
(`Costa: …`), and finally reported speech continuing the last speaker
(Konjunktiv I, a quotation standing alone). The act comes from the trigger; a
reporting verb takes it from what is reported (a stance verb in the quote, a
modal, negation, evaluative words). Negation flips polarity.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc

from kg.nlp import resources
from kg.nlp.claim_shape import text_of, tidy
from kg.nlp.doc import TokSpan, sentences_of
from kg.nlp.german import ESTIMATE
from kg.nlp.headlines import headline_holders
from kg.nlp.clause_model import clause_at, coordinated_objects
from kg.nlp.clauses import is_konjunktiv1, is_konjunktiv2
from kg.nlp.article_actors import Mention
from kg.nlp.media import is_outlet
from kg.nlp.resources import Trigger
from kg.nlp.claims import claim_of, claim_text, resolve_anaphors
from kg.nlp.stance import act_of
from kg.nlp.reporting import (bare_fact, clear_for, from_their_side, in_konjunktiv, is_heading, other_subject,
                              passive_agent, points_back, reporting, speaker_verbs)
from kg.nlp.cues import triggers
from kg.nlp.sentence_view import Hit, SentenceView, clause_of
from kg.nlp.phrase_roles import governed
from kg.nlp.triggers import holders

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


class Attributor:
    """Walks an article's sentences in order, remembering the last speakers."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.mentions: list[Mention] = doc._.mentions or []
        self.actors = doc._.actors or {}
        self.recent: list[tuple[int, str]] = []  # (sentence index, actor) of statements
        self.sources: set[tuple[int, str]] = set()  # named only as a source (`laut X`): no antecedent of `er`
        self.sents = sentences_of(doc)
        self.sent_of = {}
        for k, s in enumerate(self.sents):
            self.sent_of.update(dict.fromkeys(range(s.start, s.end), k))
        self.headings = {k for k, s in enumerate(self.sents) if is_heading(doc, s)}
        self.views: dict[int, SentenceView] = {}
        self.last_speaker_sent = -10

    def run(self) -> list[Statement]:
        out = []
        for k, sent in enumerate(self.sents):
            v = SentenceView(TokSpan(self.doc, sent), self.mentions)
            if not v.toks:
                continue
            found = self._sentence(k, v) or self._pointing_speaker(k, v)
            found = [part for st in found for part in self._each_claim(v, st)]
            out += self._backward(k, v, found, out)
            out += found
            if any(st.speaker or st.evidence in ("verb", "phrase") for st in found):
                self.last_speaker_sent = k  # `kritisierte …` speaks too: `Die Länder hätten …` goes on
            if found:
                speakers = [st for st in found if st.speaker] or found
                self.recent.append((k, speakers[0].actor))
                if all(st.evidence == "marker" for st in found if st.actor == speakers[0].actor):
                    self.sources.add((k, speakers[0].actor))
            elif (silent := self._silent_speaker(k, v)):
                self.recent.append((k, silent))
                self.last_speaker_sent = k
        resolve_anaphors(out, self.views)
        return out

    def _each_claim(self, v: SentenceView, st: Statement) -> list[Statement]:
        """`Die Grünen fordern ein Tempolimit und einen schnelleren Ausbau der Bahn`: one
        actor demanding (rejecting, proposing) several things in coordinated noun phrases
        of the clause's Mittelfeld takes a position on each (kg.nlp.fields)."""
        if st.anchor is None or st.act == "assertion" or st.evidence not in ("verb", "phrase", "modal") \
                or v.mask[v.pos[st.anchor]]:
            return [st]
        clause = clause_at(self.doc, st.anchor)
        spans = coordinated_objects(self.doc, clause) if clause else []
        if any(a <= m.start < b and all(t.tag_ in ("ART", "ADJA", "PIAT") for t in self.doc[a:m.start])
               for a, b in spans for m in v.mentions):
            return [st]  # the subject and its apposition, or actors as objects: not several matters
        claims = [text_of(v, tidy(v, [v.pos[i] for i in range(a, b) if i in v.pos])) for a, b in spans]
        if len(claims) < 2 or not all(claims):
            return [st]
        return [replace(st, claim=claim) for claim in claims]

    def _silent_speaker(self, k: int, v: SentenceView) -> str | None:
        """`Auf die Kritik reagierte die Ministerin zurückhaltend.`: a speaker introduced
        without a side; the Konjunktiv sentences after it are theirs."""
        found = self._speaker_hit(k, v)
        return self._actor_of(found[0], k) if found else None

    def _speaker_hit(self, k: int, v: SentenceView) -> tuple[Mention, Hit] | None:
        table = speaker_verbs()
        for i, t in enumerate(v.toks):
            companions = table.get(t.lemma_)
            if v.mask[i] or companions is None or not t.tag_.startswith("V"):
                continue
            lemmas = {v.toks[j].lemma_ for j in v.seg_tokens(v.segs[i])}
            hit = Hit(i, Trigger("assertion", 1, report=True), "verb")
            found = holders(v, hit, lambda m: self._actor_of(m, k)) if all(c in lemmas for c in companions) else []
            if found:
                return found[0], hit
        return None

    def _pointing_speaker(self, k: int, v: SentenceView) -> list[Statement]:
        """`„…“ So reagierte die Präsidentin des Roten Kreuzes, Gerda Hasselfeldt.`: a speaker
        verb pointing back reports the sentence before."""
        found = self._speaker_hit(k, v) if points_back(v) else None
        if not found:
            return []
        m, hit = found
        st = self._statement(k, v, m, hit, self._actor_of(m, k))
        return [st] if st else []

    def _sentence(self, k: int, v: SentenceView) -> list[Statement]:
        best: dict[str, Statement] = {}
        self.views[k] = v
        if v.toks[-1].text == "?":
            return []
        resolve = lambda m: self._actor_of(m, k)  # noqa: E731
        headline = headline_holders(v, k in self.headings, resolve)
        for m, hit in headline:
            self._keep(best, self._statement(k, v, m, hit, resolve(m)))
        plain = False  # a holder found outside reported (Konjunktiv I) speech
        speaker = self._reporting_speaker(k, v)
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
                self._keep(best, self._statement(k, v, m, hit, resolve(m)), clause_of(v, hit.i))
            if found and not any(is_konjunktiv1(v.toks[i]) for i in v.seg_tokens(v.segs[hit.i])):
                plain = True
        for m, hit in self._markers(v, resolve):
            self._keep(best, self._statement(k, v, m, hit, resolve(m)))
            plain = True
        if not (plain or headline or other_subject(v, hits)):
            cont = self._continuation(k, v, reported_only=bool(best))
            if cont and cont.actor not in best:
                self._keep(best, cont)
        outlets = {resolve(m) for m in v.mentions if is_outlet(m)}
        if any(st.evidence in ("verb", "phrase") and st.actor not in outlets for st, _ in best.values()):
            best = {key: val for key, val in best.items() if val[0].actor not in outlets}  # `Wie die „Rundschau“
            # berichtet, lehnt der Rat ab`: the outlet passes the council's side on, it takes none
        out, seen = [], set()
        for st, _ in best.values():  # two clauses saying the same thing are one statement
            if (st.actor, st.act, st.polarity, st.claim) not in seen:
                seen.add((st.actor, st.act, st.polarity, st.claim))
                out.append(st)
        return out

    @staticmethod
    def _keep(best: dict, st: Statement | None, clause: int | None = None) -> None:
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

    def _actor_of(self, m: Mention, k: int) -> str | None:
        """The actor of a mention; for `er`/`sie` an earlier subject in the same sentence,
        then the subject of the previous sentence, then the last speaker (not one only
        cited as a source, `laut X`), then the last actor named -- each only if it agrees
        in gender (persons by sex; organisations by their article: `die Linke … sie`,
        `der Städtetag … er`)."""
        if m.kind == "role" and not m.actor:
            return self._role_speaker(m, k)
        if m.kind != "pronoun" or m.actor:
            return m.actor
        v = self.views.get(k)
        same = [x for x in (v.mentions if v else []) if x.start < m.start and v.segs[v.local(x)] < v.segs[v.local(m)]]
        prev = self.views.get(k - 1)
        for n, (view, cands) in enumerate(((v, same), (prev, prev.mentions if prev else []))):
            held = n == 1 and self.recent and self.recent[-1][0] == k - 1 and self.recent[-1] not in self.sources
            if held and self._person_agrees(self.recent[-1][1], m.gender):
                m.actor = self.recent[-1][1]
                return m.actor
            subjects = [x for x in cands if x.kind != "pronoun" and not x.genitive and not view.mask[view.local(x)]
                        and not governed(view, x) and self._agrees(x, m.gender, view)
                        and not (held and x.actor != self.recent[-1][1])]  # `Die SPD kritisierte Wüst`: an object
            if subjects:
                m.actor = subjects[0].actor
                return m.actor
        for sk, actor in reversed(self.recent[-4:]):
            info = self.actors.get(actor)
            if (sk, actor) not in self.sources and k - sk <= 4 and info and info.type == "person" and info.gender == m.gender:
                m.actor = actor
                return actor
        before = [x for x in self.mentions if x.start < m.start and x.kind != "pronoun" and x.actor
                  and self.actors.get(x.actor) and self.actors[x.actor].type == "person"
                  and self.actors[x.actor].gender == m.gender]
        if before and self.sent_of[before[-1].start] >= k - 3:
            m.actor = before[-1].actor
        return m.actor

    def _role_speaker(self, m: Mention, k: int) -> str | None:
        """`Das System stehe vor dem Kollaps, sagte der frühere Staatssekretär`: a described
        role noun no one was named with, reporting speech that goes on, is the person
        speaking (if the gender agrees)."""
        v = self.views.get(k)
        if v is None or not self.recent or k - self.recent[-1][0] > 2 or not m.gender:
            return None
        if v.local(m) == 0 or v.toks[v.local(m) - 1].tag_ != "ADJA":
            return None  # only the journalist's variation (`der frühere …`), not `der Verbandschef`
        if not any(is_konjunktiv1(t) or v.mask[i] for i, t in enumerate(v.toks) if i < v.local(m)):
            return None
        actor = self.recent[-1][1]
        return actor if self._person_agrees(actor, m.gender) else None

    def _person_agrees(self, actor: str, gender: str | None) -> bool:
        info = self.actors.get(actor)
        return bool(info) and info.type == "person" and info.gender == gender

    def _agrees(self, x: Mention, gender: str | None, view: SentenceView) -> bool:
        info = self.actors.get(x.actor) if x.actor else None
        if info is None:
            return False
        if info.type == "person":
            return info.gender == gender
        i = view.local(x) - 1
        while i >= 0 and view.toks[i].tag_ == "ADJA":
            i -= 1
        article = view.toks[i].text.lower() if i >= 0 else ""
        if gender == "f":
            return article == "die" or (info.kind == "party" and article not in ("der", "dem", "den", "des"))
        return article in ("der", "dem", "den", "des") and info.kind != "party"

    def _statement(self, k, v: SentenceView, m: Mention, hit: Hit, actor: str | None) -> Statement | None:
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
        return Statement(k, *v.span(), actor, act, pol, claim.text, round(conf, 2),
                         hit.evidence, speaker, anchor, claim.anaphoric)

    def _markers(self, v: SentenceView, resolve) -> list[tuple[Mention, Hit]]:
        """`laut X`, `X zufolge`, `nach Angaben von X`, `nach den Plänen der CDU`."""
        out = []
        says = any(t.lower_ in ("heißt", "hieß") and {v.toks[n].lower_ for n in (i - 1, i + 1) if 0 <= n < len(v.toks)}
                   & {"es"} for i, t in enumerate(v.toks))  # `heißt es in einem Brief der X`, not `X heißt Y`
        for m in v.mentions:
            if v.mask[v.local(m)]:
                continue
            i, j = v.local(m), v.pos[m.end - 1] + 1
            before = [t.text.lower() for t in v.toks[:i] if t.tag_ not in ("ART", "ADJA", "PPOSAT")]
            if before[-1:] in (["von"], ["vom"]) and len(before) > 2 and before[-3] == "nach":
                before = before[:-1]  # `nach Meinung von X` as `nach Meinung X`
            after = [t.text.lower() for t in v.toks[j:j + 2]]
            for form, where, act, cue in resources.source_markers():
                n = len(form)
                if (where == "before" and tuple(before[-n:]) == form) or \
                        (where == "after" and tuple(after[:n]) == form):
                    hit = Hit(i, Trigger(act, 1, report=act == "assertion"), "marker")
                    if not cue or says or act_of(v, hit, m) != ("assertion", 1):
                        out.append((m, hit))
                    break
            if clear_for(v, i, j) or (says and before[-1:] == ["aus"]):  # `hieß es aus dem Kanzleramt`
                out.append((m, Hit(i, Trigger("assertion", 1, report=True), "marker")))
        return [(m, h) for m, h in out if resolve(m)]

    def _backward(self, k: int, v: SentenceView, found: list[Statement], out: list[Statement]) -> list[Statement]:
        """`… ist verfassungswidrig. Das hat das Bundesverfassungsgericht entschieden.`:
        a reporting sentence opening with `Das`/`Dies` attributes the sentence before it."""
        prev = self.views.get(k - 1)
        para = self.doc._.para_of_sent or []
        if prev is None or not points_back(v) or any(st.sent == k - 1 for st in out) \
                or (para and para[k - 1] != para[k]):
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

    def _reporting_speaker(self, k: int, v: SentenceView) -> str | None:
        """The speaker whose indirect speech this sentence continues (Konjunktiv I main
        verb, same paragraph, no reporting verb of its own): actors named inside it are
        what the speaker talks about, not holders in their own right."""
        if not self.recent or k - self.recent[-1][0] > 2:
            return None
        para = self.doc._.para_of_sent or []
        if para and para[self.recent[-1][0]] != para[k]:
            return None
        finite = [t for i, t in enumerate(v.toks) if not v.mask[i] and t.tag_ in ("VVFIN", "VAFIN", "VMFIN")]
        if not finite or not is_konjunktiv1(finite[0]) or any(reporting(t) for t in finite):
            return None
        return self.recent[-1][1]

    def _continuation(self, k: int, v: SentenceView, reported_only: bool = False) -> Statement | None:
        """Reported speech without a speaker continues the last one (Konjunktiv I, a bare quote).

        With `reported_only` the sentence already has a holder, and the last speaker is
        added only when the whole sentence is in Konjunktiv I (`Von den Richtern seien …
        gefordert worden`: the court's demand, as the minister reported it)."""
        if not self.recent or k - self.recent[-1][0] > 2 or k in self.headings:
            return None
        para = self.doc._.para_of_sent or []
        last = self.recent[-1][0]
        if para and para[last] != para[k] and not (last == k - 1 and last in self.headings):
            return None
        words = [t.text.lower() for t in v.toks]
        if ("hieß" in words or "heißt" in words) and not from_their_side(v):
            return None
        quoted = all(v.mask[i] or v.toks[i].is_punct for i in range(len(v.toks)))
        finite = [t for i, t in enumerate(v.toks) if not v.mask[i] and t.tag_ in ("VVFIN", "VAFIN", "VMFIN")]
        konj = bool(finite) and is_konjunktiv1(finite[0]) if reported_only else any(is_konjunktiv1(t) for t in finite)
        if not konj and not reported_only and self.last_speaker_sent == k - 1:
            main = [t for t in finite if not v.subordinate(v.segs[v.pos[t.i]])]  # `Ein Antrag, der … sollte, wurde …`
            konj = bool(main) and is_konjunktiv2(main[0]) and main[0].lower_ not in ESTIMATE  # `dürften`: a guess
        if reported_only and (quoted or not konj or any(reporting(t) for t in finite)):
            return None
        if not (quoted or konj):
            return None
        actor = self.recent[-1][1]
        hit = Hit(0, Trigger("assertion", 1, report=True), "continuation")
        act, pol = act_of(v, hit)
        return Statement(k, *v.span(), actor, act, pol, claim_text(v, hit, None),
                         CONFIDENCE["continuation"], "continuation", True)


def _reported_segments(v: SentenceView, hits) -> set[int]:
    """The clause a verb of saying reports (`Der Kanzler sagte, die Grünen wollten …`, `Die
    Grünen wollten …, sagte der Kanzler`): an actor named there is what the speaker talks
    about, not a holder of its own. The clause after the saying one, or before it when
    the verb opens its clause."""
    out = set()
    worded = sorted({v.segs[i] for i, t in enumerate(v.toks) if not t.is_punct})
    for hit, found in hits:
        if not (found and hit.trigger.report and hit.trigger.act == "assertion") or _as_source(v, hit):
            continue
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
    return first is not None and v.toks[first].text.lower() == "wie" and v.toks[first].tag_ in ("KOUS", "PWAV", "KOKOM")


def attribute(doc: Doc) -> list[Statement]:
    return Attributor(doc).run()
