"""What an article's attribution remembers from sentence to sentence, and whom `er`,
`sie` and an unnamed role noun refer to.

Attribution walks the sentences in order. A pronoun or a described role noun (`der
frühere Staatssekretär`) is resolved against what came before: an earlier subject of
the same sentence, the subject of the previous sentence, the last speakers, the last
person named -- each only if it agrees in gender. Reported speech without a speaker of
its own (kg.nlp.speech_chain) goes on with the last speaker remembered here.
"""
from __future__ import annotations

from spacy.tokens import Doc

from kg.nlp.article_actors import Mention
from kg.nlp.clause_model import clause_at
from kg.nlp.clauses import is_konjunktiv1
from kg.nlp.doc import sentences_of
from kg.nlp.phrase_roles import governed
from kg.nlp.reporting import is_heading
from kg.nlp.sentence_view import SentenceView


class Discourse:
    """An article's sentences, their views once built, and the speakers met so far."""

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
        # each sentence's mentions, in their order: a sentence view reads its own, not the article's all
        self.mentions_in: list[list[Mention]] = [[] for _ in self.sents]
        for m in self.mentions:
            if m.start in self.sent_of:
                self.mentions_in[self.sent_of[m.start]].append(m)
        self.headings = {k for k, s in enumerate(self.sents) if is_heading(doc, s)}
        self.views: dict[int, SentenceView] = {}
        self.last_speaker_sent = -10
        self.plans: set[int] = set()  # sentences whose first speaker proposes, demands or commits to something
        self.para_of_sent: list[int] = doc._.para_of_sent or []  # read once: spaCy's `doc._` is slow to ask

    def same_paragraph(self, a: int, b: int) -> bool:
        """Are sentences a and b in one paragraph (true when the article has no paragraphs)?"""
        para = self.para_of_sent
        return not para or para[a] == para[b]

    def actor_of(self, m: Mention, k: int) -> str | None:
        """The actor of a mention; for `er`/`sie` an earlier subject in the same sentence,
        then the subject of the previous sentence, then the last speaker (not one only
        cited as a source, `laut X`), then the last actor named -- each only if it agrees
        in gender (persons by sex; organisations by their article: `die Linke … sie`,
        `der Städtetag … er`)."""
        if m.kind == "role" and not m.actor:
            return self.role_speaker(m, k)
        if m.kind != "pronoun" or m.actor:
            return m.actor
        v = self.views.get(k)
        if v is not None and (own := antecedent_in_sentence(v, m)):
            m.actor = own[0]
            return m.actor
        same = [x for x in (v.mentions if v else []) if x.start < m.start and v.segs[v.local(x)] < v.segs[v.local(m)]]
        prev = self.views.get(k - 1)
        for n, (view, cands) in enumerate(((v, same), (prev, prev.mentions if prev else []))):
            held = n == 1 and self.recent and self.recent[-1][0] == k - 1 and self.recent[-1] not in self.sources
            if held and self.person_agrees(self.recent[-1][1], m.gender):
                m.actor = self.recent[-1][1]
                return m.actor
            subjects = [x for x in cands if x.kind != "pronoun" and not x.genitive and not view.mask[view.local(x)]
                        and not governed(view, x) and self.agrees(x, m.gender, view)
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

    def role_speaker(self, m: Mention, k: int) -> str | None:
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
        return actor if self.person_agrees(actor, m.gender) else None

    def person_agrees(self, actor: str, gender: str | None) -> bool:
        info = self.actors.get(actor)
        return bool(info) and info.type == "person" and info.gender == gender

    def agrees(self, x: Mention, gender: str | None, view: SentenceView) -> bool:
        """Can mention x be referred to by a pronoun of this gender?"""
        info = self.actors.get(x.actor) if x.actor else None
        if info is None:
            return False
        if info.type == "person":
            return info.gender == gender
        i = view.local(x) - 1
        while i >= 0 and view.toks[i].tag_ == "ADJA":
            i -= 1
        article = view.toks[i].lower_ if i >= 0 else ""
        if gender == "f":
            return article == "die" or (info.kind == "party" and article not in ("der", "dem", "den", "des"))
        return article in ("der", "dem", "den", "des") and info.kind != "party"


def antecedent_in_sentence(v: SentenceView, m: Mention) -> tuple[str | None] | None:
    """Whom `er`/`sie` in a subordinate clause means when its own sentence names a person
    before it: the name a relative clause opened by `der`/`die` hangs on (`Der Vorsitz fällt
    an Lukas Brandt, der … zurückgetreten war, weil er …`), or the subject of the main clause,
    a name after `der`/`die` (`Der Verteidiger Elvin Quandt schämt sich für die Worte, die er
    …`). As a 1-tuple of its actor, (None,) for a name no actor was found for: the pronoun then
    never reaches back to a person of an earlier sentence. None when the sentence names no
    one so."""
    at = v.local(m)
    doc, i = v.toks[at].doc, v.toks[at].i
    clause = clause_at(doc, i)
    article = {"m": "der", "f": "die"}.get(m.gender or "")
    if clause is None or clause.kind not in ("sub", "relative") or article is None:
        return None
    found, owner, clauses = None, doc.user_data["clause_of"], doc.user_data["clauses"]
    for c in (clauses[n] for n in sorted({owner[t.i] for t in v.toks[:at]} - {None})):
        if not v.toks[0].i <= c.start < i or c.left is None or c.left >= i:
            continue
        if c.kind == "relative" and doc[c.left].lower_ == article and c.antecedent in v.pos:
            found = _named(v, v.pos[c.antecedent], v.pos[c.antecedent]) or found
        elif c.kind == "main" and c.vorfeld and c.vorfeld[0] in v.pos and c.vorfeld[-1] in v.pos \
                and doc[c.vorfeld[0]].lower_ == article:
            found = _named(v, v.pos[c.vorfeld[0]], v.pos[c.vorfeld[-1]]) or found
    return found


def _named(v: SentenceView, first: int, head: int) -> tuple[str | None] | None:
    """The phrase from `first` to its head `head`, when the head is a name: (its actor,) --
    (None,) for a name no actor was found for; None when the head is no name."""
    if v.toks[head].tag_ != "NE" or any(t.tag_ in ("KON", "$,") for t in v.toks[first:head]):
        return None  # `Die Minister Frankreichs und Italiens`: a list, its last name no head
    held = [x for x in v.mentions if x.actor and v.local(x) <= head <= v.pos[x.end - 1]]
    if any(x.actor and first <= v.local(x) < head and x not in held for x in v.mentions):
        return None  # `Die Regierung von Kanada`: an actor inside, the name only its attribute
    return (held[0].actor,) if held else (None,)
