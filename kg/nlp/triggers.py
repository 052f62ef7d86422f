"""The view of a sentence attribution works on, and the actor mentions that hold a cue.

A cue (kg.nlp.cues) is held by its subject. German puts the subject either before
the finite verb (Vorfeld) or right after it; mentions inside prepositional or
genitive phrases and inside quotations are never subjects.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.nlp import constructions, resources
from kg.nlp.german import (NOMINATIVE_ARTICLES, AGENT_PREPOSITIONS, CONTINUING, COORDINATORS, DEONTIC, FINITE, GENITIVE_ARTICLES, HYPOTHETICAL,
                           LIST_JOINERS, OBLIQUE_ARTICLES, PAST_AUX, PERFECT_AUX, RELATIVE, RELATIVE_GENITIVE,
                           SOURCE_PREPOSITIONS, TOGETHER, UNSETTLED)
from kg.nlp.clauses import quote_mask, segments
from kg.nlp.clause_model import clause_at
from kg.nlp.article_actors import Mention
from kg.nlp.resources import Trigger

DETERMINERS = {"ART", "ADJA", "PPOSAT", "CARD", "PIAT", "PDAT", "ADV", "PIDAT", "TRUNC"}
PREPOSITIONS = {"APPR", "APPRART", "APPO"}
EXPERIENCER = resources.word_class("experiencer")
PENDING = resources.word_class("pending")
AGENT_NOUNS = resources.word_class("agent_noun")
QUOTED = resources.word_class("quoted")  # `„…“, wird die Ministerin zitiert`: the passive's subject speaks


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
        # indexed once, not rescanned for every verb: a long clause made extraction quadratic
        self._seg_tokens: dict[int, list[int]] = {}
        for i, seg in enumerate(self.segs):
            self._seg_tokens.setdefault(seg, []).append(i)
        self._seg_words = {seg: [i for i in toks if not self.toks[i].is_punct] for seg, toks in self._seg_tokens.items()}
        self.clause_parts: dict[int, dict[int, int]] = {}  # kept for clause_of, per segment
        self.coordinates: dict[int, bool] = {}  # kept for _coordinate, per segment
        self._subordinate: dict[int, bool] = {}
        self.mentions = [m for m in mentions if m.start in self.pos]

    def span(self) -> tuple[int, int]:
        """Character offsets of the sentence without surrounding whitespace."""
        return self.toks[0].idx, self.toks[-1].idx + len(self.toks[-1].text)

    def local(self, m: Mention) -> int:
        return self.pos[m.start]

    def seg_tokens(self, seg: int) -> list[int]:
        return self._seg_tokens.get(seg, [])

    def seg_words(self, seg: int) -> list[int]:
        """The segment's tokens without punctuation."""
        return self._seg_words.get(seg, [])

    def subordinate(self, seg: int) -> bool:
        """Does the clause open with a subordinator (`dass`, `wer`, `die` after a comma)?"""
        if seg not in self._subordinate:
            words = [self.toks[i] for i in self.seg_words(seg)]
            self._subordinate[seg] = bool(words) and (
                words[0].tag_ in ("KOUS", "KOUI", "PRELS", "PWS", "PWAV", "PRELAT")
                or words[0].text.lower() in RELATIVE and words[-1].tag_ in FINITE and len(words) > 2)
        return self._subordinate[seg]

    def negated(self, seg: int, quoted: bool = False) -> bool:
        neg = resources.negations()
        return any(self.toks[i].text.lower() in neg for i in self.seg_tokens(seg) if self.mask[i] == quoted)


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
    pp = constructions.pp_trigger(v, hit.i, seg_toks) if hit.evidence == "phrase" else None
    if pp:  # `Beim Koalitionspartner stieß der Plan auf Widerstand`, `Lob bekam X von Y`: never the subject
        return constructions.pp_holders(v, seg_toks, pp[1], [m for m in v.mentions if resolve(m)])
    if _narrated_relative(v, seg, seg_toks) or _pending_decision(v, hit, seg_toks) or _statal(v, hit, seg_toks) \
            or constructions.is_target(v, seg_toks):
        return []
    if v.toks[hit.i].tag_ == "ADJA" and constructions.participle_agent(v, hit.i) is not None:
        return _participle_agent(v, hit, resolve)
    if _obliged(v, hit):
        return []
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
            _shared_subject(v, hit, resolve) or _voters(v, in_seg)
    pivot = next((i for i in seg_toks if v.toks[i].tag_ in FINITE), hit.i)
    before = [m for m in cands if v.local(m) < pivot]
    after = [m for m in cands if v.local(m) >= pivot]
    if not before and not after or not before and (_agent_in_vorfeld(v, seg_toks, pivot)
                                                   or _agent_after_verb(v, pivot, v.local(after[0]))):
        return []  # `Die Staatsanwaltschaft warf Ertel vor`: the one after the verb is its object
    group = _coordinated(v, before[::-1]) if before else _coordinated(v, after)
    return group + _enumerated(v, group, resolve) + _partners(v, in_seg, group)


def _agent_in_vorfeld(v: SentenceView, seg_toks: list[int], pivot: int) -> bool:
    """Does the Vorfeld hold a noun phrase for someone who acts (`Die Regierung`, `Ein
    Bezirksgericht`, `Die Staatsanwaltschaft`, `McCains Kampagne`) that no actor was found for?
    Then it is the subject, and actors after the finite verb are its objects."""
    lead = [i for i in seg_toks if i < pivot and not v.toks[i].is_punct]
    while lead and v.toks[lead[0]].tag_ in ("ADV", "KON", "PAV"):
        lead = lead[1:]
    if len(lead) < 2 or lead[0] != seg_toks[0] and v.toks[seg_toks[0]].text not in (",", "und"):
        return False
    first = v.toks[lead[0]]
    if not (first.text.lower() in NOMINATIVE_ARTICLES or first.tag_ == "NE" and first.text.endswith("s")):
        return False
    nouns = [i for i in lead[1:] if v.toks[i].tag_ != "ADJA"]
    return len(nouns) == 1 and v.toks[nouns[0]].tag_ == "NN" and _agentive(v.toks[nouns[0]].text)


def _agent_after_verb(v: SentenceView, pivot: int, end: int) -> bool:
    """`Außerdem warf die Staatsanwaltschaft Ertel vor`: a subject of that kind right after the
    finite verb, before the actor."""
    words = [i for i in range(pivot + 1, end) if not v.toks[i].is_punct]
    if len(words) < 2 or v.toks[words[0]].text.lower() not in NOMINATIVE_ARTICLES:
        return False
    nouns = [i for i in words[1:] if v.toks[i].tag_ != "ADJA"]
    if len(nouns) != 1 or v.toks[nouns[0]].tag_ != "NN" or not _agentive(v.toks[nouns[0]].text):
        return False
    low = v.toks[nouns[0]].text.lower()  # `die Regierung Bush`, `die Staaten Kuwait …`: the actor names the noun
    return nouns[0] < end - 1 or low not in resources.state_organs() and low not in resources.collectives()


def _agentive(word: str) -> bool:
    """A noun for a body or a person in a role (`Regierung`, `Staatsanwaltschaft`,
    `Bezirksgericht`, `Kampagne`, `Sprecherin`)."""
    low = word.lower()
    return low in resources.state_organs() or low in resources.bodies() or low in AGENT_NOUNS \
        or low.endswith(resources.org_heads()) or low.endswith(tuple(AGENT_NOUNS)) or low in resources.collectives()


def _participle_agent(v: SentenceView, hit: Hit, resolve) -> list[Mention]:
    """`die von der FDP geforderte Steuersenkung`: the agent between `von` and the participle."""
    k = constructions.participle_agent(v, hit.i)
    return [m for m in v.mentions if k < v.local(m) < hit.i and not m.genitive and resolve(m)][:1]


def _passive(v: SentenceView, hit: Hit, seg_toks: list[int]) -> bool:
    """`wurde zu zehn Jahren Haft verurteilt`, `wird für sein Vorgehen kritisiert`: a stance
    verb in the passive, whose subject undergoes the act."""
    return v.toks[hit.i].tag_ == "VVPP" and hit.evidence == "verb" and v.toks[hit.i].lemma_ not in QUOTED and any(
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


def _obliged(v: SentenceView, hit: Hit) -> bool:
    """`Der Bundesrat soll dem Gesetz zustimmen`: a stance verb under `sollen`/`dürfen` says
    what its subject is to do or may do, not a side it took (`muss … zurückweisen` in news
    often reports that it did)."""
    tok = v.toks[hit.i]
    if hit.evidence != "verb" or tok.tag_ != "VVINF":
        return False
    clause = clause_at(tok.doc, tok.i)
    left = tok.doc[clause.left] if clause is not None and clause.left is not None else None
    return left is not None and left.tag_ == "VMFIN" and left.lemma_ in DEONTIC - {"müssen"}


def _owner_of_body(v: SentenceView, m: Mention) -> bool:
    """`Die Regierung Polens hat angekündigt`, `Merz' Entwurf sieht vor`: a genitive name
    right after a body noun, or before one or before a thing it made, is its owner, the one
    who speaks."""
    i, j = v.local(m), v.pos[m.end - 1] + 1
    if i > 0 and _body_of(v, i - 1) is not None:
        return True
    return j < len(v.toks) and (_body_of(v, j) is not None or constructions.made_by(v, j))  # `McCains Kampagne`


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
    listed = _listed_apposition(v, seg, resolve)
    if listed:
        return listed
    free = [m for m in _free(v, [m for m in v.mentions if v.local(m) < seg_toks[0] and resolve(m)], frozenset())
            if not m.genitive]
    if not free:
        return []
    alone = [m for m in free if all(v.segs[i] != v.segs[v.local(m)] or v.local(m) <= i <= v.pos[m.end - 1]
                                    or v.toks[i].is_punct or v.toks[i].text == "(" for i in before)]
    return alone[:1] or free[:1]


def _listed_apposition(v: SentenceView, seg: int, resolve) -> list[Mention]:
    """`Die Ministerpräsidenten von Bayern und Hessen, Markus Söder und Boris Rhein, verlangten`:
    a comma segment before the verb that holds nothing but two or more names joined by `und`
    is the apposition of a plural head; each name holds the statement."""
    for s in range(seg - 1, 0, -1):
        words = [i for i in v.seg_tokens(s) if not v.toks[i].is_punct]
        names = [m for m in v.mentions if v.segs[v.local(m)] == s and resolve(m) and not m.genitive
                 and v.local(m) in words and v.toks[v.local(m) - 1].text != "("]  # not `(SPD)`
        covered = {i for m in names for i in range(v.local(m), v.pos[m.end - 1] + 1)}
        if len(names) >= 2 and any(v.toks[i].text.lower() in ("und", "sowie") for i in words) and \
                all(i in covered or v.toks[i].text.lower() in LIST_JOINERS for i in words):
            return names
    return []


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
    covered = _covered(v, ms)
    for m in ms:
        i = v.local(m) - 1
        while i >= 0 and v.toks[i].tag_ in ("ART", "ADJA"):
            i -= 1
        if i >= 1 and v.toks[i].text.lower() == "mit" and v.toks[i - 1].text.lower() in TOGETHER \
                and m not in group:
            out.append(m)
        elif i == 0 and v.toks[0].text.lower() == "neben" and m not in group and _also(v, group):
            out.append(m)  # `Neben Polen lehnt auch Ungarn den Pakt ab`
        elif m not in group and _by_votes_of(v, v.local(m), covered):
            out.append(m)
    return out


def _voters(v: SentenceView, ms: list[Mention]) -> list[Mention]:
    covered = _covered(v, ms)
    return [m for m in ms if _by_votes_of(v, v.local(m), covered)]


def _covered(v: SentenceView, ms: list[Mention]) -> set[int]:
    """The tokens the mentions span."""
    return {i for m in ms for i in range(v.local(m), v.pos[m.end - 1] + 1)}


def _by_votes_of(v: SentenceView, start: int, covered: set[int]) -> bool:
    """`mit den Stimmen von SPD und Grünen beschlossen`: the parties that voted for it
    (`covered`: the tokens of the sentence's mentions)."""
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
    if _coordinate(v, seg):  # `… „Provokation“ und kündigte … an`: a part of the clause before
        for back in range(seg - 1, -1, -1):
            if v.subordinate(back):
                continue  # `räumte ein, dass …, und sagte zu`: `und` joins the main clause
            finite = [j for j in v.seg_tokens(back) if v.toks[j].tag_ in FINITE and not v.mask[j]]
            if finite:
                return back, clause_of(v, finite[0])[1] + 1 + v.seg_words(seg)[0]
    if seg not in v.clause_parts:
        v.clause_parts[seg] = _clause_parts(v, seg)
    return seg, v.clause_parts[seg][i]


def _clause_parts(v: SentenceView, seg: int) -> dict[int, int]:
    """For each token of the segment, how many coordinated predicates begin before it (one
    pass per segment: clause_of is asked for every verb and mention)."""
    parts, part, finite_seen = {}, 0, False
    for j in v.seg_tokens(seg):
        parts[j] = part
        if v.mask[j]:
            continue
        if v.toks[j].tag_ in FINITE:
            finite_seen = True
        elif finite_seen and v.toks[j].text.lower() in COORDINATORS and j + 1 < len(v.toks) and \
                v.toks[j + 1].tag_ in FINITE:  # `… aus und setzt auf …`, not `… machen und dringen`
            part, finite_seen = part + 1, False
        elif finite_seen and v.toks[j].text.lower() in COORDINATORS and v.toks[j - 1].tag_ == "VVPP" and any(
                v.toks[k].tag_ == "VVPP" for k in v.seg_tokens(seg) if k > j + 1):
            part += 1  # `hat an X festgehalten und Y vorgeworfen`: two participles, one auxiliary
    return parts


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
        if v.subordinate(prev):
            continue  # a `dass` or relative clause between them has a subject of its own
        finite = [i for i in v.seg_tokens(prev) if v.toks[i].tag_ in FINITE and not v.mask[i]]
        if finite:
            return holders(v, Hit(finite[0], hit.trigger, hit.evidence), resolve)
    return []


def _coordinate(v: SentenceView, seg: int) -> bool:
    """Does the segment continue the predicate before it without a subject of its own:
    `und kündigte … an` after a quotation, `, wolle aber …` after a comma?"""
    if seg not in v.coordinates:
        words = v.seg_words(seg)
        if seg == 0 or len(words) < 2:
            v.coordinates[seg] = False
        elif v.toks[words[0]].text.lower() in COORDINATORS:
            v.coordinates[seg] = v.toks[words[1]].tag_ in FINITE
        else:
            v.coordinates[seg] = v.toks[words[0]].tag_ in FINITE and not _has_noun_subject(v, seg) \
                and (v.toks[words[1]].tag_ in ("ADV", "PTKNEG", "ADJD")
                     or any(v.toks[i].text.lower() in CONTINUING for i in words))
    return v.coordinates[seg]


def _has_noun_subject(v: SentenceView, seg: int) -> bool:
    """Does the clause name anyone (a mention, a pronoun) who could be its own subject?"""
    return any(v.segs[v.local(m)] == seg for m in v.mentions) or any(
        v.toks[i].tag_ in ("PPER", "PIS") for i in v.seg_tokens(seg))


def _relative_antecedent(v: SentenceView, hit: Hit, resolve) -> list[Mention]:
    """`CSU-Chef Markus Söder, der eine Rückkehr zur Wehrpflicht fordert`: the subject of a
    relative clause is the actor named right before it."""
    seg = v.segs[hit.i]
    words = v.seg_words(seg)
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
