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

from dataclasses import dataclass

from spacy.tokens import Doc

from kg.nlp import resources
from kg.nlp.clauses import is_konjunktiv1
from kg.nlp.mentions import Mention
from kg.nlp.resources import Trigger
from kg.nlp.triggers import Hit, SentenceView, governed, holders, triggers

CONFIDENCE = {"verb": 0.85, "phrase": 0.8, "noun": 0.7, "modal": 0.75, "marker": 0.75,
              "headline": 0.7, "continuation": 0.6}
RANK = {"verb": 3, "phrase": 4, "modal": 3, "noun": 2, "marker": 2, "headline": 1, "continuation": 0}
CLAIM_WORDS = 14


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


class Attributor:
    """Walks an article's sentences in order, remembering the last speakers."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.mentions: list[Mention] = doc._.mentions or []
        self.actors = doc._.actors or {}
        self.recent: list[tuple[int, str]] = []  # (sentence index, actor) of statements
        self.headings = {k for k, s in enumerate(doc.sents) if _is_heading(doc, s)}

    def run(self) -> list[Statement]:
        out = []
        for k, sent in enumerate(self.doc.sents):
            v = SentenceView(sent, self.mentions)
            if not v.toks:
                continue
            found = self._sentence(k, v)
            out += found
            if found:
                self.recent.append((k, found[0].actor))
        return out

    def _sentence(self, k: int, v: SentenceView) -> list[Statement]:
        best: dict[str, Statement] = {}
        resolve = lambda m: self._actor_of(m, k)  # noqa: E731
        for hit in triggers(v):
            for m in holders(v, hit, resolve):
                self._keep(best, self._statement(k, v, m, hit, resolve(m)))
        for m, hit in self._markers(v, resolve) + self._headline(k, v, resolve):
            self._keep(best, self._statement(k, v, m, hit, resolve(m)))
        if not best:
            cont = self._continuation(k, v)
            if cont:
                self._keep(best, cont)
        return list(best.values())

    @staticmethod
    def _keep(best: dict[str, Statement], st: Statement | None) -> None:
        if st is None:
            return
        old = best.get(st.actor)
        if old is None or RANK[st.evidence] > RANK[old.evidence]:
            best[st.actor] = st

    def _actor_of(self, m: Mention, k: int) -> str | None:
        if m.kind != "pronoun":
            return m.actor
        if m.actor:
            return m.actor
        for sk, actor in reversed(self.recent[-4:]):
            info = self.actors.get(actor)
            if k - sk <= 4 and info and info.type == "person" and info.gender == m.gender:
                m.actor = actor
                return actor
        before = [x for x in self.mentions if x.start < m.start and x.actor and x.kind != "pronoun"
                  and self.actors.get(x.actor) and self.actors[x.actor].type == "person"
                  and self.actors[x.actor].gender == m.gender]
        if before and self.doc[before[-1].start].sent.start >= self._sent_start(k, back=3):
            m.actor = before[-1].actor
        return m.actor

    def _sent_start(self, k: int, back: int) -> int:
        sents = list(self.doc.sents)
        return sents[max(0, k - back)].start

    def _statement(self, k, v: SentenceView, m: Mention, hit: Hit, actor: str | None) -> Statement | None:
        if not actor:
            return None
        act, pol = _act(v, hit)
        conf = CONFIDENCE[hit.evidence] - (0.1 if m.kind in ("pronoun", "collective") else 0)
        return Statement(k, *v.span(), actor, act, pol, claim_text(v, hit, m), round(conf, 2), hit.evidence)

    def _markers(self, v: SentenceView, resolve) -> list[tuple[Mention, Hit]]:
        """`laut X`, `X zufolge`, `nach Angaben (von) X`."""
        out = []
        words = [t.text.lower() for t in v.toks]
        for m in v.mentions:
            i = v.local(m)
            j = v.pos[m.end - 1] + 1
            k = i - 1
            while k >= 0 and v.toks[k].tag_ in ("ART", "ADJA") or (k >= 0 and words[k] in ("von", "vom")):
                k -= 1
            for form, where in resources.source_markers():
                n = len(form)
                if where == "before" and k - n + 1 >= 0 and tuple(words[k - n + 1:k + 1]) == tuple(f.lower() for f in form):
                    out.append((m, Hit(i, Trigger("assertion", 1, report=True), "marker")))
                elif where == "after" and tuple(words[j:j + n]) == tuple(f.lower() for f in form):
                    out.append((m, Hit(i, Trigger("assertion", 1, report=True), "marker")))
        return [(m, h) for m, h in out if resolve(m)]

    def _headline(self, k: int, v: SentenceView, resolve) -> list[tuple[Mention, Hit]]:
        """`Costa: USA werden nicht für EU und Nato sprechen` -- a speaker before a colon."""
        if not v.mentions or k not in self.headings and k != 0:
            return []
        m = v.mentions[0]
        end = v.pos[m.end - 1] + 1
        if v.local(m) > 1 or end >= len(v.toks) or v.toks[end].text != ":":
            return []
        return [(m, Hit(end, Trigger("assertion", 1, report=True), "headline"))]

    def _continuation(self, k: int, v: SentenceView) -> Statement | None:
        """Reported speech without a speaker continues the last one (Konjunktiv I, a bare quote)."""
        if not self.recent or k - self.recent[-1][0] > 2 or k in self.headings:
            return None
        lemmas = [t.lemma_ for t in v.toks]
        if "heißen" in lemmas and "es" in [t.text for t in v.toks]:
            return None
        quoted = all(v.mask[i] or v.toks[i].is_punct for i in range(len(v.toks)))
        konj = any(is_konjunktiv1(t) for i, t in enumerate(v.toks) if not v.mask[i])
        if not (quoted or konj):
            return None
        actor = self.recent[-1][1]
        hit = Hit(0, Trigger("assertion", 1, report=True), "continuation")
        act, pol = _act(v, hit)
        return Statement(k, *v.span(), actor, act, pol, claim_text(v, hit, None),
                         CONFIDENCE["continuation"], "continuation")


def _is_heading(doc: Doc, sent) -> bool:
    from kg.nlp.sentences import is_heading

    text = sent.text.strip()
    return "\n" not in text and is_heading(text) and len(text.split()) <= 14


def _act(v: SentenceView, hit: Hit) -> tuple[str, int]:
    """Act and polarity: the trigger's own, or for reporting verbs what is reported."""
    trig = hit.trigger
    if not trig.report:
        pol = trig.polarity
        if v.negated(v.segs[hit.i]):
            pol = -pol
            if trig.act == "support":
                return "rejection", -1
            if trig.act == "rejection":
                return "support", 1
        return trig.act, pol
    return _reported(v, hit)


def _reported(v: SentenceView, hit: Hit) -> tuple[str, int]:
    """What a reporting verb reports: a stance verb, a modal, negation, evaluation."""
    content = _content_indices(v, hit)
    for i in content:
        t = v.toks[i]
        trig = resources.verbs().get(t.lemma_) if t.tag_.startswith("VV") else None
        if trig and not trig.report:
            pol = -trig.polarity if _neg_near(v, i, content) else trig.polarity
            return trig.act, pol
    lemmas = [v.toks[i].lemma_.lower() for i in content]
    words = [v.toks[i].text.lower() for i in content]
    if "müssen" in lemmas or "sollen" in lemmas and not {"wir", "ich"} & set(words):
        return "demand", -1 if _neg_any(v, content) and "müssen" not in lemmas else 1
    if "werden" in lemmas and {"wir", "ich"} & set(words):
        return "commitment", 1
    polarity = -1 if _neg_any(v, content) or _evaluation(lemmas) < 0 else 1
    return "assertion", polarity


def _content_indices(v: SentenceView, hit: Hit) -> list[int]:
    quoted = [i for i, q in enumerate(v.mask) if q and not v.toks[i].is_punct]
    if quoted:
        return quoted
    seg = v.segs[hit.i] if hit.evidence != "continuation" else -1
    return [i for i, s in enumerate(v.segs) if s != seg and not v.toks[i].is_punct]


def _neg_any(v: SentenceView, idx: list[int]) -> bool:
    neg = resources.negations()
    return any(v.toks[i].text.lower() in neg for i in idx)


def _neg_near(v: SentenceView, i: int, idx: list[int]) -> bool:
    neg = resources.negations()
    return any(v.toks[j].text.lower() in neg for j in idx if v.segs[j] == v.segs[i])


def _evaluation(lemmas: list[str]) -> int:
    score = 0
    table = resources.evaluations()
    for n, _ in enumerate(lemmas):
        for key, sign in table.items():
            if tuple(lemmas[n:n + len(key)]) == key:
                score += sign
    return score


def claim_text(v: SentenceView, hit: Hit, m: Mention | None) -> str:
    """The proposition as a short phrase: the quote, the reported clause, or the trigger's object."""
    idx = _content_indices(v, hit)
    if not idx and m is not None:
        taken = set(range(v.local(m), v.pos[m.end - 1] + 1)) | {hit.i}
        idx = [i for i in v.seg_tokens(v.segs[hit.i]) if i not in taken and not v.toks[i].is_punct]
    words = [v.toks[i].text for i in idx if v.toks[i].text not in ('"', "„", "“", "«", "»")]
    if len(words) > CLAIM_WORDS:
        words = words[:CLAIM_WORDS] + ["…"]
    text = " ".join(words).strip(" ,.:;-–")
    return text or v.sent.text.strip()[:120]


def attribute(doc: Doc) -> list[Statement]:
    return Attributor(doc).run()
