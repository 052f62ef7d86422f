"""Stance triggers in a sentence and the actor mentions that are their subjects.

Triggers are stance and reporting verbs (lexicon lemmas, separable verbs
rejoined), multi-word predicates (`stellt sich quer`, `erteilte eine Absage`),
reactions (`zeigte sich überrascht`), the modal `wollen`, and stance nouns
(`Forderung`). German puts the subject either before the finite verb (Vorfeld)
or right after it; mentions inside prepositional or genitive phrases and inside
quotations are never subjects.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.nlp import constructions, resources
from kg.nlp.german import (AGENT_PREPOSITIONS, COORDINATORS, FINITE, GENITIVE_ARTICLES, GOING_ON, HYPOTHETICAL,
                           LIST_JOINERS, OBLIQUE_ARTICLES, PAST_AUX, PERFECT_AUX, RELATIVE, RELATIVE_GENITIVE,
                           SOURCE_PREPOSITIONS, TENSE_AUXILIARIES, TOGETHER, UNSETTLED)
from kg.nlp.clauses import quote_mask, segments
from kg.nlp.fields import clause_at
from kg.nlp.mentions import Mention
from kg.nlp.resources import Trigger

DETERMINERS = {"ART", "ADJA", "PPOSAT", "CARD", "PIAT", "PDAT", "ADV", "PIDAT", "TRUNC"}
PREPOSITIONS = {"APPR", "APPRART", "APPO"}
EXPERIENCER = resources.word_class("experiencer")
PENDING = resources.word_class("pending")


@dataclass
class Hit:
    """A stance trigger found in a sentence: token position, what it says, how it was found."""

    i: int
    trigger: Trigger
    evidence: str


class SentenceView:
    """Tokens of one sentence with the clause structure attribution needs."""

    def __init__(self, sent, mentions: list[Mention]):
        self.sent = sent
        self.toks = [t for t in sent if not t.is_space]
        self.pos = {t.i: n for n, t in enumerate(self.toks)}
        self.mask = quote_mask(self.toks)
        self.segs = segments(self.toks, self.mask)
        self.mentions = [m for m in mentions if m.start in self.pos]

    def span(self) -> tuple[int, int]:
        """Character offsets of the sentence without surrounding whitespace."""
        return self.toks[0].idx, self.toks[-1].idx + len(self.toks[-1].text)

    def local(self, m: Mention) -> int:
        return self.pos[m.start]

    def seg_tokens(self, seg: int) -> list[int]:
        return [i for i, s in enumerate(self.segs) if s == seg]

    def subordinate(self, seg: int) -> bool:
        """Does the clause open with a subordinator (`dass`, `wer`, `die` after a comma)?"""
        words = [self.toks[i] for i in self.seg_tokens(seg) if not self.toks[i].is_punct]
        if not words:
            return False
        if words[0].tag_ in ("KOUS", "KOUI", "PRELS", "PWS", "PWAV", "PRELAT"):
            return True
        return words[0].text.lower() in RELATIVE and words[-1].tag_ in FINITE and len(words) > 2

    def negated(self, seg: int, quoted: bool = False) -> bool:
        neg = resources.negations()
        return any(self.toks[i].text.lower() in neg for i in self.seg_tokens(seg) if self.mask[i] == quoted)


def triggers(v: SentenceView) -> list[Hit]:
    """Every stance/report trigger outside quotations."""
    hits = []
    for i, t in enumerate(v.toks):
        if v.mask[i]:
            continue
        hit = _construction_trigger(v, i, t) or _verb_trigger(v, i, t) or \
            (_noun_trigger(t, i) if not _in_pp(v, i) else None)
        if hit:
            hits.append(hit)
    return hits


def _construction_trigger(v: SentenceView, i: int, t) -> Hit | None:
    """`stieß auf Widerstand` (holder in a PP), `die von X geforderte Reform` (the agent
    of an attributive participle): triggers of kg.nlp.constructions."""
    if t.tag_.startswith("VV"):
        found = constructions.pp_trigger(v, i, v.seg_tokens(v.segs[i]))
        return Hit(i, found[0], "phrase") if found else None
    if t.tag_ == "ADJA" and constructions.participle_agent(v, i) is not None:
        verb = constructions.participle_verb(t.text)
        return Hit(i, resources.verbs()[verb], "verb") if verb else None
    return None


def _verb_trigger(v: SentenceView, i: int, t) -> Hit | None:
    if not t.tag_.startswith(("VV", "VA", "VM")) or (t.tag_ in ("VVPP", "VVINF") and _mistagged_verb(v, i, t)):
        return _mistagged_verb(v, i, t)
    lemma = t.lemma_
    phrase = _phrase_trigger(v, i, lemma)
    if phrase:
        return Hit(i, phrase, "phrase")
    if lemma in resources.reaction_verbs():
        for j in v.seg_tokens(v.segs[i]):
            tok = v.toks[j]
            adj = resources.reaction_adjectives().get(tok.lemma_.lower()) or \
                resources.reaction_adjectives().get(tok.text.lower())
            if adj and j != i:
                return Hit(i, adj, "phrase")
    if t.tag_.startswith("VV") and lemma not in resources.verbs() and lemma.startswith(GOING_ON):
        lemma = lemma[len(GOING_ON):]  # `sagte weiter`, `erklärte weiter`: a verb going on, no `weitersagen`
    if t.tag_.startswith("VV") and lemma in resources.verbs() and _licensed(v, i, lemma):
        return Hit(i, resources.verbs()[lemma], "verb")
    joined = _particle_after_commas(v, i) or _bracket_word(v, i) if t.tag_ == "VVFIN" else None
    if joined in resources.verbs() and _licensed(v, i, joined):
        return Hit(i, resources.verbs()[joined], "verb")
    if t.tag_ == "VMFIN" and lemma == "wollen":
        has_inf = any(v.toks[j].tag_ in ("VVINF", "VAINF") for j in v.seg_tokens(v.segs[i]) if j > i)
        return Hit(i, Trigger("proposal" if has_inf else "demand", 1), "modal")
    return None


def _phrase_trigger(v: SentenceView, i: int, lemma: str) -> Trigger | None:
    """The multi-word predicate (phrases.tsv) the verb heads, the one with most companions
    in its clause; a companion may be the particle the verb's lemma has taken up
    (`macht den Weg frei` -> `freimachen`)."""
    candidates = resources.phrases_by_lemma().get(lemma)
    if not candidates:
        return None
    seg = [v.toks[j] for j in v.seg_tokens(v.segs[i])]
    clause = clause_at(v.toks[i].doc, v.toks[i].i)  # `Von einer „Provokation“ sprach X`: a quoted word splits no clause
    if clause is not None and not clause.quoted:
        seg += [v.toks[v.pos[j]] for j in clause.tokens if j in v.pos and not v.mask[v.pos[j]]]
    seg_lemmas = {x.lemma_ for x in seg} | {x.text for x in seg} | {
        x.text.rpartition("-")[2] for x in seg if "-" in x.text[1:]}  # `Snapback-Mechanismus`
    participles = _participles_after(v, i)
    best = None
    for companions, trig, joined in candidates:
        if participles and not participles & set(companions):
            continue
        if not all(c[1:] not in seg_lemmas if c.startswith("-") else c in seg_lemmas  # `-sich`: must be absent
                   for k, c in enumerate(companions) if k != joined):
            continue
        score = len(companions) + 0.5 if joined is None else len(companions) - 1  # a direct reading first
        if best is None or score > best[0]:
            best = (score, trig)
    return best[1] if best else None


def _participles_after(v: SentenceView, i: int) -> set[str]:
    """`ist gegen X vorgegangen`, `hat Verständnis gezeigt`: a finite `sein`/`haben` with a
    participle in its clause is an auxiliary, the predicate of a phrase only with the
    participle among its words (`ist überzeugt`); the participles (text, lemma) if so."""
    if v.toks[i].tag_ != "VAFIN" or v.toks[i].lemma_ not in TENSE_AUXILIARIES:
        return set()
    return {w for j in v.seg_tokens(v.segs[i]) if j > i and v.toks[j].tag_ == "VVPP"
            for w in (v.toks[j].text, v.toks[j].lemma_)}


def _mistagged_verb(v: SentenceView, i: int, t) -> Hit | None:
    """A lexicon verb form the tagger read as adjective, particle or another verb: a participle after
    `hat` (`hat dargelegt`, `hat sich bekannt`) or a finite form that stands before no
    noun (`unterbreitete die Reform`, not `die unterbreitete Reform`)."""
    if t.tag_ not in ("ADJA", "ADJD", "PTKVZ", "VVPP", "VVINF") or v.mask[i] or t.lemma_ in resources.verbs():
        return None
    word = t.text.lower()
    if t.tag_ == "VVINF":  # `rückabzuwickeln`, read as a plain infinitive
        lemma = resources.zu_infinitives().get(word)
        return Hit(i, resources.verbs()[lemma], "verb") if lemma else None
    lemma = resources.participles().get(word)
    if lemma and any(v.toks[j].lemma_ == "haben" and v.toks[j].tag_ == "VAFIN" for j in v.seg_tokens(v.segs[i])
                     if j < i):
        return Hit(i, resources.verbs()[lemma], "verb")
    lemma = resources.finite_forms().get(word) if t.tag_ != "VVPP" else None
    nxt = v.toks[i + 1] if i + 1 < len(v.toks) else None
    if lemma and i and nxt is not None and nxt.tag_ not in ("NN", "NE", "ADJA") and _licensed(v, i, lemma):
        return Hit(i, resources.verbs()[lemma], "verb")
    return None


def _bracket_word(v: SentenceView, i: int) -> str | None:
    """`heißt den Plan gut`, `stellt die Zahl richtig`: an adjective closing the clause that
    forms one lexicon verb with the finite verb (`gutheißen`, `richtigstellen`)."""
    words = [j for j in v.seg_tokens(v.segs[i]) if j > i and not v.toks[j].is_punct]
    if not words or v.toks[words[-1]].tag_ not in ("ADJD", "ADV"):
        return None
    joined = v.toks[words[-1]].text.lower() + v.toks[i].lemma_
    return joined if joined in resources.verbs() else None


def _licensed(v: SentenceView, i: int, lemma: str) -> bool:
    """Is a verb that is a cue only in some constructions (verbs.tsv, column `only`) in one of
    them? `zu`: a zu-infinitive follows (`drohte, die Koalition zu verlassen`); `quote`: it is
    the speaker verb right after a quotation (`„…“, drohte er`); `dass`: a dass-clause or a
    colon follows; `evaluative`: an evaluative word or stance noun stands in its clause (`sieht
    die Regierung gescheitert`); any other word must stand in its clause or end one of its
    compounds (`sieht X als Y`, `legte einen Gesetzentwurf vor`); `-w`: the word must not
    (`verurteilte den Angriff`, not `verurteilte X zu einer Strafe`). Verbs without
    conditions are always cues."""
    only = resources.verb_conditions().get(lemma)
    if not only:
        return True
    seg = v.seg_tokens(v.segs[i])
    words = {v.toks[j].text.lower() for j in seg}
    if any(w[1:] in words for w in only if w.startswith("-")):
        return False
    wanted = {w for w in only if not w.startswith("-")}
    if not wanted:
        return True
    after = [j for j in range(i + 1, len(v.toks)) if not v.mask[j]]
    if "zu" in wanted and _zu_complement(v, after):
        return True
    if "quote" in wanted and _after_quote(v, i):
        return True
    if "dass" in wanted and any(v.toks[j].text.lower() in ("dass", ":") for j in after[:8]):
        return True
    if "evaluative" in wanted and any(_evaluative(v.toks[j]) for j in seg if j != i):
        return True
    heads = tuple(w for w in wanted if len(w) >= 4)
    return any(w in wanted or (len(w) > 6 and w.endswith(heads)) for w in words)


def _evaluative(tok) -> bool:
    """An evaluative word or stance noun (`sieht die Regierung gescheitert`, `äußerte Zweifel`)."""
    evals = resources.evaluations()
    low, lemma = tok.text.lower(), tok.lemma_.lower()
    return (low,) in evals or (lemma,) in evals or (tok.tag_ == "NN" and lemma in resources.nouns()) \
        or lemma in resources.reaction_adjectives()


def _zu_complement(v: SentenceView, after: list[int]) -> bool:
    for j in after:
        tok = v.toks[j]
        if tok.tag_ in FINITE:
            return False
        if tok.tag_ == "VVIZU" or (tok.tag_ == "PTKZU" and j + 1 < len(v.toks) and v.toks[j + 1].tag_.endswith("INF")):
            return True
    return False


def _after_quote(v: SentenceView, i: int) -> bool:
    """Does the verb's clause follow a quotation (`„…“, drohte er`, `„…“, hat er gedroht`)?"""
    j = min(i, v.seg_tokens(v.segs[i])[0]) - 1
    while j >= 0 and v.toks[j].is_punct and not v.mask[j]:
        j -= 1
    return j >= 0 and v.mask[j]


def _particle_after_commas(v: SentenceView, i: int) -> str | None:
    """`kündigte der Vorsitzende …, Reiner Holznagel, an`: a separable verb whose particle
    an apposition has pushed past commas (no other finite verb in between)."""
    for j in range(i + 1, len(v.toks)):
        tok = v.toks[j]
        if tok.tag_ in FINITE and not v.mask[j]:
            return None
        if tok.tag_ == "PTKVZ" and not v.mask[j]:
            return tok.text.lower() + v.toks[i].lemma_
    return None


def _in_pp(v: SentenceView, i: int) -> bool:
    """`mit ihren Plänen`: a noun inside a prepositional phrase states no act."""
    j = i - 1
    while j >= 0 and v.toks[j].tag_ in DETERMINERS:
        j -= 1
    return j >= 0 and v.toks[j].tag_ in PREPOSITIONS and v.toks[j].text.lower() not in SOURCE_PREPOSITIONS | {"als"}


def _noun_trigger(t, i: int) -> Hit | None:
    if t.tag_ != "NN":
        return None
    lemma = t.lemma_.lower()
    for noun, trig in resources.nouns().items():
        if lemma == noun or (len(noun) > 5 and lemma.endswith(noun)):
            return Hit(i, trig, "noun")
    return None


def governed(v: SentenceView, m: Mention, allow: frozenset[str] = frozenset()) -> bool:
    """Is the mention inside a prepositional or genitive phrase (so not a subject)?

    `der österreichische Bundeskanzler` after a noun is nominative (a genitive
    would read `des`/`der österreichischen`); an appositive noun before a name
    (`vom Koalitionspartner SPD`) belongs to the phrase it stands in.
    """
    start = v.local(m)
    seg = v.segs[start]
    if start > 0 and v.toks[start - 1].text == "(":
        return True
    i = start - 1
    if i >= 0 and v.toks[i].tag_ == "NN" and v.toks[start].tag_ == "NE" and m.kind == "name":
        i -= 1
    weak_adjective = False
    while i >= 0 and (v.toks[i].tag_ in DETERMINERS or v.toks[i].text.lower() in RELATIVE_GENITIVE) \
            and v.segs[i] == seg:
        tok = v.toks[i]
        if tok.tag_ == "ADJA" and tok.text.endswith("e"):
            weak_adjective = True
        if tok.tag_ == "ART" and tok.text.lower() in GENITIVE_ARTICLES and i > 0 \
                and v.toks[i - 1].tag_ in ("NN", "NE") and v.segs[i - 1] == seg:
            if tok.text.lower() == "der" and (weak_adjective or m.gender == "m"):
                return False
            return _body_of(v, i - 1) is None and not constructions.made_by(v, i - 1) \
                and v.toks[i - 1].text.lower() not in allow
        i -= 1
    if i >= 0 and v.toks[i].tag_ in PREPOSITIONS and v.segs[i] == seg:
        if v.toks[i].text.lower() in AGENT_PREPOSITIONS and i > 0 and (
                _body_of(v, i - 1) is not None or constructions.made_by(v, i - 1)):
            return False
        return v.toks[i].text.lower() not in allow
    return False


def _oblique(v: SentenceView, m: Mention) -> bool:
    """`dem Bund`, `den Grünen`, `einem Verband`: dative/accusative, never the subject."""
    return _oblique_at(v, v.local(m))


def _oblique_at(v: SentenceView, start: int) -> bool:
    i = start - 1
    while i >= 0 and v.toks[i].tag_ == "ADJA":
        i -= 1
    if i < 0 or v.toks[i].text.lower() not in OBLIQUE_ARTICLES:
        return False
    return not (i > 0 and v.toks[i - 1].tag_ in PREPOSITIONS)  # in a PP, governed() decides


def _body_of(v: SentenceView, i: int) -> int | None:
    """`die Spitzen [der Ampel-Fraktionen]`: token i is a body noun standing for its owner."""
    low = v.toks[i].text.lower()
    if v.toks[i].tag_ != "NN":
        return None
    return i if low in resources.bodies() or any(low.endswith(b) for b in resources.bodies() if len(b) >= 8) else None


def _free(v: SentenceView, ms: list[Mention], allow: frozenset[str]) -> list[Mention]:
    """Mentions not governed by a preposition, also through coordination (`von CDU und SPD`)."""
    out, prev_governed, prev_end = [], False, -10
    for m in sorted(ms, key=lambda x: x.start):
        g = governed(v, m, allow)
        between = v.toks[prev_end + 1:v.local(m)] if prev_end >= 0 else None
        if not g and prev_governed and between is not None and all(
                t.text.lower() in LIST_JOINERS or t.text in "()" or t.tag_ in ("ART", "PPOSAT", "PRELAT")
                or t.text.lower() in RELATIVE_GENITIVE for t in between):
            g = True
        if not g:
            out.append(m)
        prev_governed, prev_end = g, v.pos[m.end - 1]
    return out


def holders(v: SentenceView, hit: Hit, resolve) -> list[Mention]:
    """The subject mentions of a trigger: the Vorfeld if it holds actors, else the first after the verb."""
    seg = v.segs[hit.i]
    seg_toks = v.seg_tokens(seg)
    if any(v.toks[i].text.lower() in HYPOTHETICAL for i in seg_toks) or v.toks[seg_toks[0]].text.lower() == "ob":
        return []
    first_word = next((v.toks[i].text.lower() for i in seg_toks if not v.toks[i].is_punct), "")
    if first_word in UNSETTLED:
        return []
    if v.toks[hit.i].tag_ == "VVIZU" or (hit.i and v.toks[hit.i - 1].tag_ == "PTKZU") or \
            (hit.i + 1 < len(v.toks) and v.toks[hit.i + 1].tag_ == "PTKZU" and v.toks[hit.i].tag_ not in FINITE):
        return []
    if _narrated_relative(v, seg, seg_toks) or _pending_decision(v, hit, seg_toks) or _statal(v, hit, seg_toks) \
            or constructions.is_target(v, seg_toks):
        return []
    if v.toks[hit.i].tag_ == "ADJA" and constructions.participle_agent(v, hit.i) is not None:
        return _participle_agent(v, hit, resolve)
    allow = _allowed_preps(v, hit, seg_toks) | constructions.pp_holder_preps(v, hit.i, seg_toks)
    if _passive(v, hit, seg_toks):
        return _passive_agents(v, seg, allow, resolve)
    vorfeld = _vorfeld_before_commas(v, seg, seg_toks, resolve) or _field_vorfeld(v, hit, resolve)
    if vorfeld:
        return vorfeld
    in_seg = [m for m in v.mentions if v.segs[v.local(m)] == seg and not v.mask[v.local(m)] and resolve(m)]
    if hit.evidence == "noun" and not _oblique_at(v, hit.i):
        owner = next((m for m in in_seg if m.kind == "prefix" and v.local(m) == hit.i), None) \
            or _possessor(v, hit, in_seg)
        if owner:
            return [owner]
    cands = [m for m in _free(v, in_seg, allow) if (not m.genitive or _owner_of_body(v, m))
             and (v.toks[hit.i].lemma_ in EXPERIENCER or not _oblique(v, m))]
    if not cands:
        return _relative_antecedent(v, hit, resolve) or _apposition_subject(v, hit, resolve) or \
            _shared_subject(v, hit, resolve) or [m for m in in_seg if _by_votes_of(v, v.local(m), in_seg)]
    pivot = next((i for i in seg_toks if v.toks[i].tag_ in FINITE), hit.i)
    before = [m for m in cands if v.local(m) < pivot]
    after = [m for m in cands if v.local(m) >= pivot]
    if not before and not after:
        return []
    group = _coordinated(v, before[::-1]) if before else _coordinated(v, after)
    return group + _enumerated(v, group, resolve) + _partners(v, in_seg, group)


def _participle_agent(v: SentenceView, hit: Hit, resolve) -> list[Mention]:
    """`die von der FDP geforderte Steuersenkung`: the agent between `von` and the participle."""
    k = constructions.participle_agent(v, hit.i)
    return [m for m in v.mentions if k < v.local(m) < hit.i and not m.genitive and resolve(m)][:1]


def _passive(v: SentenceView, hit: Hit, seg_toks: list[int]) -> bool:
    """`wurde zu zehn Jahren Haft verurteilt`, `wird für sein Vorgehen kritisiert`: a stance
    verb in the passive, whose subject undergoes the act."""
    return v.toks[hit.i].tag_ == "VVPP" and hit.evidence == "verb" and any(
        v.toks[i].lemma_ == "werden" and v.toks[i].tag_.startswith("VA") for i in seg_toks)


def _passive_agents(v: SentenceView, seg: int, allow: frozenset[str], resolve) -> list[Mention]:
    """The holders of a passive: only its agent (`von der SPD kritisiert`), never the subject."""
    in_seg = [m for m in v.mentions if v.segs[v.local(m)] == seg and not v.mask[v.local(m)] and resolve(m)]
    return [m for m in _free(v, in_seg, allow) if governed(v, m) and not m.genitive and not _attribute(v, m)][:1]


def _attribute(v: SentenceView, m: Mention) -> bool:
    """`die Gesten von Franziskus`: a `von` phrase after a noun belongs to it, no agent."""
    j = v.local(m) - 1
    while j >= 0 and v.toks[j].tag_ in ("ART", "ADJA"):
        j -= 1
    return j > 0 and v.toks[j].tag_ in ("APPR", "APPRART") and v.toks[j - 1].tag_ in ("NN", "NE")


def _owner_of_body(v: SentenceView, m: Mention) -> bool:
    """`Die Regierung Guatemalas hat angekündigt`: a genitive name right after a body noun
    is the body's owner, the one who speaks."""
    i = v.local(m)
    return i > 0 and _body_of(v, i - 1) is not None


def _field_vorfeld(v: SentenceView, hit: Hit, resolve) -> list[Mention]:
    """`X wies die Kritik zurück, die Sprecherin der SPD, Y, erklärte dagegen …`: the
    Vorfeld of the trigger's clause (kg.nlp.fields) reaches back over commas, past
    another clause; its first free mention is the subject."""
    tok = v.toks[hit.i]
    clause = clause_at(tok.doc, tok.i)
    if clause is None or clause.kind != "main" or not clause.vorfeld or tok.i not in (clause.left, *clause.right):
        return []
    if all(v.segs[v.pos[i]] == v.segs[hit.i] for i in clause.vorfeld if i in v.pos):
        return []  # within the segment the subject search before the verb decides
    inside = [m for m in v.mentions if m.start in clause.vorfeld and not v.mask[v.local(m)] and resolve(m)]
    free = [m for m in _free(v, inside, frozenset()) if not m.genitive]
    return _coordinated(v, free) if free else []


def _vorfeld_before_commas(v: SentenceView, seg: int, seg_toks: list[int], resolve) -> list[Mention]:
    """`Der Vorsitzende der Bischofskonferenz, Georg Bätzing, kritisierte die AfD`: when the
    clause opens with its verb after commas, the subject stands before them (the name of
    an apposition first); what follows the verb is its object."""
    words = [i for i in seg_toks if not v.toks[i].is_punct]
    if seg == 0 or not words or v.toks[words[0]].tag_ not in FINITE:
        return []
    before = range(seg_toks[0])
    if any(v.mask[i] or v.toks[i].tag_ in FINITE for i in before):
        return []
    free = [m for m in _free(v, [m for m in v.mentions if v.local(m) < seg_toks[0] and resolve(m)], frozenset())
            if not m.genitive]
    if not free:
        return []
    alone = [m for m in free if all(v.segs[i] != v.segs[v.local(m)] or v.local(m) <= i <= v.pos[m.end - 1]
                                    or v.toks[i].is_punct or v.toks[i].text == "(" for i in before)]
    return alone[:1] or free[:1]


def _narrated_relative(v: SentenceView, seg: int, seg_toks: list[int]) -> bool:
    """`das Gesetz, das der Bundestag beschlossen hatte`: a relative clause in the
    pluperfect describes its noun; it reports no one's position."""
    words = [i for i in seg_toks if not v.toks[i].is_punct]
    if not words or v.toks[words[0]].text.lower() not in RELATIVE or not v.subordinate(seg):
        return False
    return any(v.toks[i].text.lower() in PAST_AUX for i in words[1:])


def _statal(v: SentenceView, hit: Hit, seg_toks: list[int]) -> bool:
    """`Gemeint ist der Bund der Vertriebenen`, `Geplant ist ein Verbot`: a participle with
    `sein` in front of the clause names no one taking a side."""
    return v.toks[hit.i].tag_ == "VVPP" and hit.i == seg_toks[0] and hit.i + 1 < len(v.toks) \
        and v.toks[hit.i + 1].lemma_ == "sein"


def _pending_decision(v: SentenceView, hit: Hit, seg_toks: list[int]) -> bool:
    """`Der Stadtrat soll im Mai über die Vorlage entscheiden`: a decision still to come is
    scheduling, not a position (`entschied über` or `hat entschieden` report one)."""
    tok = v.toks[hit.i]
    if tok.lemma_ not in PENDING or not any(v.toks[i].text.lower() == "über" for i in seg_toks):
        return False
    words = {v.toks[i].text.lower() for i in seg_toks}
    past = words & PERFECT_AUX or tok.text.lower().startswith(("entschied", "beriet"))
    return not past


def _enumerated(v: SentenceView, group: list[Mention], resolve) -> list[Mention]:
    """`stimmten Grüne, Linke und SPD`: a comma list of actors continues the subject
    into neighbouring comma segments that hold nothing else."""
    out = []
    segs = sorted({v.segs[v.local(m)] for m in group})
    for step, start in ((1, segs[-1] + 1), (-1, segs[0] - 1)):
        seg, added, opened = start, [], False
        while 0 <= seg <= v.segs[-1]:
            if step == -1 and v.toks[v.seg_tokens(seg + 1)[0]].text in ("-", "–", "—"):
                opened = True  # `Hamburg - Die Bürgerschaft …`: a dateline opens the sentence
                break
            toks = [i for i in v.seg_tokens(seg) if not v.toks[i].is_punct]
            found = [m for m in v.mentions if v.segs[v.local(m)] == seg and resolve(m)]
            covered = {i for m in found for i in range(v.local(m), v.pos[m.end - 1] + 1)}
            if not found or any(i not in covered and v.toks[i].text.lower() not in LIST_JOINERS
                                and v.toks[i].tag_ != "ART" for i in toks):
                break
            added += found
            seg += step
        if step == 1 or seg < 0 or opened:  # a list before the verb must open the sentence
            out += added
    return out


def _partners(v: SentenceView, ms: list[Mention], group: list[Mention]) -> list[Mention]:
    """`Die CSU hatte gemeinsam mit der bayerischen Staatsregierung geklagt`: co-holders."""
    out = []
    for m in ms:
        i = v.local(m) - 1
        while i >= 0 and v.toks[i].tag_ in ("ART", "ADJA"):
            i -= 1
        if i >= 1 and v.toks[i].text.lower() == "mit" and v.toks[i - 1].text.lower() in TOGETHER \
                and m not in group:
            out.append(m)
        elif i == 0 and v.toks[0].text.lower() == "neben" and m not in group and _also(v, group):
            out.append(m)  # `Neben Polen lehnt auch Ungarn den Pakt ab`
        elif m not in group and _by_votes_of(v, v.local(m), ms):
            out.append(m)
    return out


def _by_votes_of(v: SentenceView, start: int, ms: list[Mention]) -> bool:
    """`mit den Stimmen von SPD und Grünen beschlossen`: the parties that voted for it."""
    covered = {i for m in ms for i in range(v.local(m), v.pos[m.end - 1] + 1)}
    i = start - 1
    while i >= 0 and (i in covered or v.toks[i].tag_ in ("ART", "ADJA") or v.toks[i].text.lower() in LIST_JOINERS):
        i -= 1
    if i >= 0 and v.toks[i].text.lower() in ("von", "der", "des"):
        i -= 1
    return i > 0 and v.toks[i].text in ("Stimmen", "Unterstützung") and v.toks[i - 1].text.lower() in ("den", "der")


def _also(v: SentenceView, group: list[Mention]) -> bool:
    """Is `auch` right before the holder group (`… auch Ungarn`)?"""
    i = v.local(group[0]) - 1
    while i >= 0 and v.toks[i].tag_ in ("ART", "ADJA"):
        i -= 1
    return i >= 0 and v.toks[i].text.lower() == "auch"


def clause_of(v: SentenceView, i: int) -> tuple[int, int]:
    """The clause of token i: its segment and, within it, which of several coordinated
    predicates (`lehnt die Maut ab und wirbt für ein Tempolimit`) it belongs to."""
    seg = v.segs[i]
    words = [j for j in v.seg_tokens(seg) if not v.toks[j].is_punct]
    if _coordinate(v, seg):  # `… „Provokation“ und kündigte … an`: a part of the clause before
        for back in range(seg - 1, -1, -1):
            finite = [j for j in v.seg_tokens(back) if v.toks[j].tag_ in FINITE and not v.mask[j]]
            if finite:
                return back, clause_of(v, finite[0])[1] + 1 + words[0]
    part, finite_seen = 0, False
    for j in v.seg_tokens(seg):
        if j >= i:
            break
        if v.mask[j]:
            continue
        if v.toks[j].tag_ in FINITE:
            finite_seen = True
        elif finite_seen and v.toks[j].text.lower() in COORDINATORS and j + 1 <= i and \
                v.toks[j + 1].tag_ in FINITE:  # `… aus und setzt auf …`, not `… machen und dringen`
            part, finite_seen = part + 1, False
    return seg, part


def _allowed_preps(v: SentenceView, hit: Hit, seg_toks: list[int]) -> frozenset[str]:
    """Prepositions that introduce the holder: `aus der SPD kommt die Mahnung`, passive `von den Richtern`."""
    if hit.evidence == "noun":
        return SOURCE_PREPOSITIONS | {v.toks[hit.i].text.lower()}
    if v.toks[hit.i].tag_ == "VVPP" and any(v.toks[i].lemma_ == "werden" for i in seg_toks):
        return AGENT_PREPOSITIONS
    return frozenset()


def _possessor(v: SentenceView, hit: Hit, ms: list[Mention]) -> Mention | None:
    """`Trumps erster Plan`, `die Forderung der FDP`: the genitive owner of a stance noun."""
    for m in ms:
        end = v.pos[m.end - 1]
        if m.genitive and all(v.toks[j].tag_ in ("ADJA", "ART") for j in range(end + 1, hit.i)) and end < hit.i:
            return m
        start = v.local(m)
        if start > hit.i and all(v.toks[j].tag_ in ("ART", "ADJA") for j in range(hit.i + 1, start)) \
                and start - hit.i <= 3 and v.toks[hit.i + 1].text.lower() in GENITIVE_ARTICLES:
            return m
    return None


def _shared_subject(v: SentenceView, hit: Hit, resolve) -> list[Mention]:
    """`sprach von einer „Provokation“ und kündigte eine „Antwort“ an`, `halte an der
    Reform fest, wolle aber …`: a predicate joined by `und` after a quotation, or after a
    comma with no subject of its own, shares the subject of the clause before it."""
    seg = v.segs[hit.i]
    if not _coordinate(v, seg):
        return []
    for prev in range(seg - 1, -1, -1):
        finite = [i for i in v.seg_tokens(prev) if v.toks[i].tag_ in FINITE and not v.mask[i]]
        if finite:
            return holders(v, Hit(finite[0], hit.trigger, hit.evidence), resolve)
    return []


def _coordinate(v: SentenceView, seg: int) -> bool:
    """Does the segment continue the predicate before it without a subject of its own:
    `und kündigte … an` after a quotation, `, wolle aber …` after a comma?"""
    words = [i for i in v.seg_tokens(seg) if not v.toks[i].is_punct]
    if seg == 0 or len(words) < 2:
        return False
    if v.toks[words[0]].text.lower() in COORDINATORS:
        return v.toks[words[1]].tag_ in FINITE
    return v.toks[words[0]].tag_ in FINITE and v.toks[words[1]].tag_ in ("ADV", "PTKNEG", "ADJD") \
        and not _has_noun_subject(v, seg)


def _has_noun_subject(v: SentenceView, seg: int) -> bool:
    """Does the clause name anyone (a mention, a pronoun) who could be its own subject?"""
    return any(v.segs[v.local(m)] == seg for m in v.mentions) or any(
        v.toks[i].tag_ in ("PPER", "PIS") for i in v.seg_tokens(seg))


def _relative_antecedent(v: SentenceView, hit: Hit, resolve) -> list[Mention]:
    """`CSU-Chef Markus Söder, der eine Rückkehr zur Wehrpflicht fordert`: the subject of a
    relative clause is the actor named right before it."""
    seg = v.segs[hit.i]
    words = [i for i in v.seg_tokens(seg) if not v.toks[i].is_punct]
    if not words or v.toks[words[0]].text.lower() not in RELATIVE or not v.subordinate(seg):
        return []
    comma = v.seg_tokens(seg)[0] - 1 if v.toks[v.seg_tokens(seg)[0]].text != "," else v.seg_tokens(seg)[0]
    before = [m for m in v.mentions if v.pos[m.end - 1] == comma - 1 and resolve(m) and not m.genitive]
    return before[:1]


def _apposition_subject(v: SentenceView, hit: Hit, resolve) -> list[Mention]:
    """`Irene Mihalic, Parlamentarische Geschäftsführerin der Grünen, wertete …`:
    the subject stands before an apposition, in a segment of its own."""
    seg = v.segs[hit.i]
    first = v.seg_tokens(seg)[0]
    if seg < 2 or v.toks[first].text != "," or any(
            v.toks[i].tag_ in FINITE for i in range(first) if not v.mask[i] and not v.subordinate(v.segs[i])):
        return []
    lead = [m for m in v.mentions if v.segs[v.local(m)] == 0 and not v.mask[v.local(m)] and resolve(m)]
    if not lead or any(t.tag_ not in ("ART", "ADJA", "NN") for t in v.toks[:v.local(lead[0])]):
        return []
    return lead[:1]


def _coordinated(v: SentenceView, ordered: list[Mention]) -> list[Mention]:
    """The first mention and those joined to it by `und`, `sowie`, commas."""
    group = [ordered[0]]
    for m in ordered[1:]:
        if m.start == group[-1].start:  # `beider Parteien`: one phrase, several actors
            group.append(m)
            continue
        a, b = sorted((v.local(group[-1]), v.local(m)))
        lo = v.pos[group[-1].end - 1] if v.local(group[-1]) < v.local(m) else v.pos[m.end - 1]
        between = v.toks[lo + 1:max(a, b)]
        if all(t.text.lower() in LIST_JOINERS or t.tag_ == "ART" for t in between) and \
                any(t.text.lower() in LIST_JOINERS for t in between):  # `sie der Ukraine` is no pair
            group.append(m)
        else:
            break
    return group
