"""Who holds a cue: the actor mentions that are its subject.

A cue (kg.nlp.cues) is held by its subject. German puts the subject either before
the finite verb (Vorfeld) or right after it; mentions inside prepositional or
genitive phrases and inside quotations are never subjects (kg.nlp.phrase_roles).
Cues nobody holds are sorted out first (kg.nlp.unheld); then the holder is sought in
the places German puts it, one named step of the sieve ``HOLDERS`` after another.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kg.nlp import constructions, resources
from kg.nlp.article_actors import Mention
from kg.nlp.clause_model import clause_at
from kg.nlp.co_holders import enumerated, partners, voters
from kg.nlp.german import (AGENT_PREPOSITIONS, COORDINATORS, FINITE, INDEFINITE_SUBJECTS, LIST_JOINERS, NOMINAL_TAGS,
                           NOMINATIVE_ARTICLES, OBLIQUE_ARTICLES, PARTITIVE_LINKS, RELATIVE,
                           SOURCE_PREPOSITIONS)
from kg.nlp.phrase_roles import (agentive, attribute_head, body_of, coordinated, free_mentions, governed, noun_attribute,
                                 oblique, oblique_at, owner_of_body, possessor, role_noun)
from kg.nlp.sentence_view import Hit, SentenceView, continues_predicate
from kg.nlp.sieve import Sieve
from kg.nlp.unheld import unheld, unheld_clause

EXPERIENCER = resources.word_class("experiencer")
# `Klage beim Landgericht`: `bei` names where it lies, not who files it; a tuple, so that one
# str.endswith asks for them all (every stance noun asks)
FILED = tuple(sorted(resources.word_class("filed")))
QUOTED = resources.word_class("quoted")  # `„…“, wird die Ministerin zitiert`: the passive's subject speaks


@dataclass
class Question:
    """One holder search: the cue, its clause segment and how mentions resolve to actors."""

    v: SentenceView
    hit: Hit
    resolve: Callable[[Mention], object]
    seg: int = 0
    seg_toks: list[int] = field(default_factory=list)
    _allow: frozenset[str] | None = field(default=None, repr=False)

    def allow(self) -> frozenset[str]:
        """Prepositions that may introduce the holder of this cue."""
        if self._allow is None:
            self._allow = _allowed_preps(self.v, self.hit, self.seg_toks) | \
                constructions.pp_holder_preps(self.v, self.hit.i, self.seg_toks)
        return self._allow

    def in_segment(self) -> list[Mention]:
        """The resolvable, unquoted mentions of the cue's segment."""
        v = self.v
        return [m for m in v.mentions if v.segs[v.local(m)] == self.seg and not v.mask[v.local(m)] and self.resolve(m)]


def holders(v: SentenceView, hit: Hit, resolve) -> list[Mention]:
    """The subject mentions of a trigger: the Vorfeld if it holds actors, else the first after the verb."""
    seg = v.segs[hit.i]
    q = Question(v, hit, resolve, seg, v.seg_tokens(seg))
    if unheld_clause(v, hit, q.seg_toks):
        return []
    pp = constructions.pp_trigger(v, hit.i, q.seg_toks) if hit.evidence == "phrase" else None
    if pp:  # `Beim Koalitionspartner stieß der Plan auf Widerstand`, `Lob bekam X von Y`: never the subject
        return constructions.pp_holders(v, q.seg_toks, pp[1], [m for m in v.mentions if resolve(m)])
    if unheld(v, hit, q.seg_toks):
        return []
    return HOLDERS.first(q) or []


def _participle_agent(q: Question) -> list[Mention] | None:
    """`die von der FDP geforderte Steuersenkung`: the agent between `von` and the participle."""
    v, hit = q.v, q.hit
    if v.toks[hit.i].tag_ != "ADJA":
        return None
    k = constructions.participle_agent(v, hit.i)
    if k is None:
        return None
    return [m for m in v.mentions if k < v.local(m) < hit.i and not m.genitive and q.resolve(m)][:1]


def _passive_agents(q: Question) -> list[Mention] | None:
    """`wurde zu zehn Jahren Haft verurteilt`, `wird von der SPD kritisiert`, `wurde vor den
    Folgen gewarnt`: a stance verb or phrase in the passive, whose subject undergoes the act;
    its holder is only its agent."""
    v, hit = q.v, q.hit
    if not (v.toks[hit.i].tag_ == "VVPP" and hit.evidence in ("verb", "phrase") and v.toks[hit.i].lemma_ not in QUOTED
            and (_passive(v, q.seg_toks) or _statal_passive(v, hit, q.seg_toks))):
        return None
    return _agent(q)


def _passive_noun(q: Question) -> list[Mention] | None:
    """`X wurde vom Vorwurf der Bestechung freigesprochen`: a stance noun without an owner in
    a passive clause; the clause's subject undergoes the verb and holds no side of the noun,
    only an agent may (`Von der SPD wurde ein Antrag auf Prüfung eingebracht`)."""
    v, hit = q.v, q.hit
    if hit.evidence != "noun" or not _passive(v, q.seg_toks) or any(
            v.toks[i].lemma_ in QUOTED for i in q.seg_toks if v.toks[i].tag_ == "VVPP"):
        return None
    return _agent(q)


def _passive(v: SentenceView, seg_toks: list[int]) -> bool:
    """A participle with a form of `werden` in the clause segment."""
    return any(v.toks[i].tag_ == "VVPP" for i in seg_toks) and any(
        v.toks[i].lemma_ == "werden" and v.toks[i].tag_.startswith("VA") for i in seg_toks)


def _statal_passive(v: SentenceView, hit: Hit, seg_toks: list[int]) -> bool:
    """`Die Ministerin war gewarnt`, `hätte gewarnt sein können`: the participle of a verb
    whose perfect takes `haben`, with `sein` (and no `haben` but for a bound `sein`) in the
    clause, states what the subject underwent: a statal passive, not a perfect."""
    auxes = {v.toks[i].lemma_ for i in seg_toks if v.toks[i].tag_.startswith("VA")}
    bound = hit.i + 1 < len(v.toks) and v.toks[hit.i + 1].lower_ == "sein"  # `hätten gewarnt sein können`
    return v.toks[hit.i].lemma_ in resources.haben_perfect() and "sein" in auxes and ("haben" not in auxes or bound)


def _agent(q: Question) -> list[Mention]:
    """The first actor governed by a preposition, the agent of a passive (`von der SPD`)."""
    v = q.v
    return [m for m in free_mentions(v, q.in_segment(), q.allow())
            if governed(v, m) and not m.genitive and not noun_attribute(v, m)][:1]


def _vorfeld_before_commas(q: Question) -> list[Mention] | None:
    """`Der Vorsitzende der Bischofskonferenz, Georg Bätzing, kritisierte die AfD`: when the
    clause opens with its verb after commas, the subject stands before them (the name of
    an apposition first); what follows the verb is its object."""
    v, seg, seg_toks = q.v, q.seg, q.seg_toks
    words = [i for i in seg_toks if not v.toks[i].is_punct]
    if seg == 0 or not words or v.toks[words[0]].tag_ not in FINITE:
        return None
    if q.hit.evidence == "noun" and _passive(v, seg_toks):
        return None  # `Im Senat, der zweiten Kammer, wurde ein Antrag eingebracht`: only an agent (_passive_noun)
    before = range(seg_toks[0])
    if any(v.mask[i] or v.toks[i].tag_ in FINITE for i in before):
        return None
    listed = _listed_apposition(v, seg, q.resolve)
    if listed:
        return listed
    free = [m for m in free_mentions(v, [m for m in v.mentions if v.local(m) < seg_toks[0] and q.resolve(m)],
                                     frozenset()) if not m.genitive]
    if not free:
        return None
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
        if len(names) >= 2 and any(v.toks[i].lower_ in ("und", "sowie") for i in words) and \
                all(i in covered or v.toks[i].lower_ in LIST_JOINERS for i in words):
            return names
    return []


def _field_vorfeld(q: Question) -> list[Mention] | None:
    """`X wies die Kritik zurück, die Sprecherin der SPD, Y, erklärte dagegen …`: the
    Vorfeld of the trigger's clause (kg.nlp.fields) reaches back over commas, past
    another clause; its first free mention is the subject."""
    v, hit = q.v, q.hit
    tok = v.toks[hit.i]
    clause = clause_at(tok.doc, tok.i)
    if clause is None or clause.kind != "main" or not clause.vorfeld or tok.i not in (clause.left, *clause.right):
        return None
    if all(v.segs[v.pos[i]] == v.segs[hit.i] for i in clause.vorfeld if i in v.pos):
        return None  # within the segment the subject search before the verb decides
    if clause.left in v.pos and _indefinite_after_verb(v, v.pos[clause.left]):
        return []  # `Die Wahl von X und „…“ Y halten viele für klug`: the Vorfeld is the object
    inside = [m for m in v.mentions if m.start in clause.vorfeld and not v.mask[v.local(m)] and q.resolve(m)]
    free = [m for m in free_mentions(v, inside, frozenset()) if not m.genitive]
    return coordinated(v, free) if free else None


def _noun_owner(q: Question) -> list[Mention] | None:
    """`SPD-Forderung`, `Trumps erster Plan`, `die Forderung der FDP`: a stance noun is held
    by its prefix or its genitive owner."""
    v, hit = q.v, q.hit
    if hit.evidence != "noun" or oblique_at(v, hit.i):
        return None
    in_seg = q.in_segment()
    owner = next((m for m in in_seg if m.kind == "prefix" and v.local(m) == hit.i), None) \
        or possessor(v, hit, in_seg)
    return [owner] if owner else None


def _subject(q: Question) -> list[Mention]:
    """The free mentions before the finite verb, else those after it, with the actors
    coordinated, enumerated and partnered with them; with none, a subject the clause
    shares with another (a relative clause's antecedent, an apposition's head, the
    predicate before)."""
    v, hit = q.v, q.hit
    in_seg = q.in_segment()
    cands = [m for m in free_mentions(v, in_seg, q.allow()) if (not m.genitive or owner_of_body(v, m))
             and (v.toks[hit.i].lemma_ in EXPERIENCER or not oblique(v, m))]
    if not cands:
        return _relative_antecedent(v, hit, q.resolve) or _apposition_subject(v, hit, q.resolve) or \
            _shared_subject(v, hit, q.resolve) or voters(v, in_seg)
    if hit.evidence == "noun":  # `Kritik am Umfeld von X`: X belongs to `Umfeld`, not to the cue
        cands = [m for m in cands if _belongs_to_cue(v, hit, m)]
    pivot = next((i for i in q.seg_toks if v.toks[i].tag_ in FINITE), hit.i)
    before = [m for m in cands if v.local(m) < pivot]
    after = [m for m in cands if v.local(m) >= pivot]
    if _second_predicate(v, hit):  # `X hält die Mehrheit und lobt den Plan`: after it, its object
        after = [m for m in after if v.local(m) < hit.i]
    if before and _indefinite_after_verb(v, pivot):
        return []  # `Den Plan von X halten viele für falsch`: X is in the object
    if not before and not after or not before and (_agent_in_vorfeld(v, q.seg_toks, pivot)
                                                   or _agent_after_verb(v, pivot, v.local(after[0]))):
        return []  # `Die Staatsanwaltschaft warf Berger vor`: the one after the verb is its object
    group = coordinated(v, before[::-1]) if before else coordinated(v, after)
    return group + enumerated(v, group, q.resolve) + partners(v, in_seg, group)


HOLDERS = Sieve("holders", (
    ("participle_agent", _participle_agent),
    ("passive_agent", _passive_agents),
    ("vorfeld_before_commas", _vorfeld_before_commas),
    ("field_vorfeld", _field_vorfeld),
    ("noun_owner", _noun_owner),
    ("passive_noun", _passive_noun),
    ("subject", _subject),
))


def _belongs_to_cue(v: SentenceView, hit: Hit, m: Mention) -> bool:
    """`Kritik am Umfeld von X`: a `von` phrase after another noun than the stance noun
    belongs to that noun, unless it is a body, a role or a group standing for the actor (`die
    Abgeordneten von SPD und Grünen`, `der Bürgermeister von X`, `den Fraktionen von X`)."""
    head = attribute_head(v, m)
    return head is None or head == hit.i or agentive(v.toks[head].text) or body_of(v, head) is not None \
        or any(v.local(n) <= head <= v.pos[n.end - 1] for n in v.mentions)


def _second_predicate(v: SentenceView, hit: Hit) -> bool:
    """Is the cue a finite verb right after `und`/`oder`/`sowie`? A German main clause puts
    something before its finite verb, so this one shares the subject of the clause before."""
    return v.toks[hit.i].tag_ in FINITE and hit.i > 0 and v.toks[hit.i - 1].lower_ in COORDINATORS


def _agent_in_vorfeld(v: SentenceView, seg_toks: list[int], pivot: int) -> bool:
    """Does the Vorfeld hold a noun phrase for someone who acts (`Die Regierung`, `Ein
    Bezirksgericht`, `Die Staatsanwaltschaft`, `McCains Kampagne`, `Die EU-Außenminister`)
    that no actor was found for? Then it is the subject, and actors after the finite verb are
    its objects. (After the verb a role noun is the apposition of the name that follows it:
    `bestätigte der Minister X`.)"""
    lead = [i for i in seg_toks if i < pivot and not v.toks[i].is_punct]
    while lead and v.toks[lead[0]].tag_ in ("ADV", "KON", "PAV"):
        lead = lead[1:]
    if len(lead) == 1 and v.toks[lead[0]].lower_ in INDEFINITE_SUBJECTS:
        return True  # `Viele kritisierten X`: unnamed people, X is the object
    if len(lead) < 2:  # a focus adverb may open the Vorfeld: `Auch die Polizei nimmt … in Schutz`
        return False
    first = v.toks[lead[0]]
    if not (first.text.lower() in NOMINATIVE_ARTICLES or first.tag_ == "NE" and first.text.endswith("s")):
        return False
    nouns = [i for i in lead[1:] if v.toks[i].tag_ != "ADJA"]
    return len(nouns) == 1 and v.toks[nouns[0]].tag_ == "NN" and (
        agentive(v.toks[nouns[0]].text) or role_noun(v.toks[nouns[0]].text))


def _indefinite_after_verb(v: SentenceView, pivot: int) -> bool:
    """`Den Vorschlag von X halten viele für falsch`, `X kritisierten einige scharf`: an
    indefinite pronoun standing alone right after the finite verb is its subject (unnamed
    people); the actor before the verb is in its object. `lehnte einige Punkte ab`,
    `einige der Vorschläge`: a determiner of a noun after it, no subject."""
    nxt = pivot + 1
    if nxt >= len(v.toks) or v.toks[pivot].tag_ not in FINITE or v.toks[nxt].lower_ not in INDEFINITE_SUBJECTS:
        return False
    after = v.toks[nxt + 1] if nxt + 1 < len(v.toks) else None
    return after is None or after.tag_ not in NOMINAL_TAGS and after.lower_ not in PARTITIVE_LINKS


def _agent_after_verb(v: SentenceView, pivot: int, end: int) -> bool:
    """`Zudem warf die Staatsanwaltschaft Berger vor`: a subject of that kind right after the
    finite verb, before the actor."""
    words = [i for i in range(pivot + 1, end) if not v.toks[i].is_punct]
    if len(words) < 2 or v.toks[words[0]].text.lower() not in NOMINATIVE_ARTICLES:
        return False
    nouns = [i for i in words[1:] if v.toks[i].tag_ != "ADJA"]
    if len(nouns) != 1 or v.toks[nouns[0]].tag_ != "NN" or not agentive(v.toks[nouns[0]].text):
        return False
    low = v.toks[nouns[0]].text.lower()  # `die Regierung Bush`, `die Staaten Kuwait …`: the actor names the noun
    return nouns[0] < end - 1 or low not in resources.state_organs() and low not in resources.collectives()


def _allowed_preps(v: SentenceView, hit: Hit, seg_toks: list[int]) -> frozenset[str]:
    """Prepositions that introduce the holder: `aus der SPD kommt die Mahnung`, passive `von den Richtern`;
    not `bei` for a filing (`die Klage beim Landgericht`, `Beschwerde beim Verfassungsgericht`)."""
    if hit.evidence == "noun":
        low = v.toks[hit.i].lower_
        filed = low.endswith(FILED)  # the word itself, or a compound ending in it
        return (SOURCE_PREPOSITIONS - {"bei", "beim"} if filed else SOURCE_PREPOSITIONS) | {low}
    if v.toks[hit.i].tag_ == "VVPP" and any(v.toks[i].lemma_ == "werden" for i in seg_toks):
        return AGENT_PREPOSITIONS
    return frozenset()


def _shared_subject(v: SentenceView, hit: Hit, resolve) -> list[Mention]:
    """`sprach von einer „Provokation“ und kündigte eine „Antwort“ an`, `halte an der
    Reform fest, wolle aber …`: a predicate joined by `und` after a quotation, or after a
    comma with no subject of its own, shares the subject of the clause before it."""
    seg = v.segs[hit.i]
    if not continues_predicate(v, seg):
        return []
    for prev in range(seg - 1, -1, -1):
        if v.subordinate(prev):
            continue  # a `dass` or relative clause between them has a subject of its own
        finite = [i for i in v.seg_tokens(prev) if v.toks[i].tag_ in FINITE and not v.mask[i]]
        if finite:
            return holders(v, Hit(finite[0], hit.trigger, hit.evidence), resolve)
    return []


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
    the subject stands before an apposition, in a segment of its own; so too after the
    subordinator of a verb-final clause (`Wie X, Sprecher der Y, mitteilte`, `Wie X, der
    …, feststellte`)."""
    seg = v.segs[hit.i]
    first = v.seg_tokens(seg)[0]
    if seg < 2 or v.toks[first].text != "," or any(
            v.toks[i].tag_ in FINITE for i in range(first) if not v.mask[i] and not v.subordinate(v.segs[i])):
        return _mittelfeld_apposition(v, hit, resolve)
    lead = [m for m in v.mentions if v.segs[v.local(m)] == 0 and not v.mask[v.local(m)] and resolve(m)]
    opener = v.seg_words(0)[0] + 1 if v.subordinate(0) and v.toks[hit.i].tag_ in FINITE else 0
    if not lead or any(t.tag_ not in ("ART", "ADJA", "NN") for t in v.toks[opener:v.local(lead[0])]):
        return []
    return lead[:1]


def _mittelfeld_apposition(v: SentenceView, hit: Hit, resolve) -> list[Mention]:
    """`Zuvor hatte ein Sprecher der Gegenseite, X, erklärt, …`, `… hatte eine Sprecherin,
    X, den Plan kritisiert`: the subject after the finite verb is a noun phrase no actor
    was found for, and the name in its apposition (a segment of nothing but the name,
    before the participle's) is who it is."""
    seg = v.segs[hit.i]
    if seg < 2 or v.toks[hit.i].tag_ not in ("VVPP", "VVINF") or v.subordinate(seg):
        return []
    named = [m for m in v.mentions if v.segs[v.local(m)] == seg - 1 and not v.mask[v.local(m)] and resolve(m)]
    if not named or not _alone_in_segment(v, named[0]):
        return []
    head = [i for i in v.seg_words(seg - 2) if not v.mask[i]]
    finite = [n for n, i in enumerate(head) if v.toks[i].tag_ in ("VAFIN", "VMFIN")]
    if v.subordinate(seg - 2) or len(finite) != 1 or finite[0] + 2 >= len(head):
        return []
    np = head[finite[0] + 1:]
    if v.toks[np[0]].text.lower() not in NOMINATIVE_ARTICLES or v.toks[np[-1]].tag_ not in ("NN", "NE") or any(
            v.toks[i].lower_ in OBLIQUE_ARTICLES for i in np) or any(
            v.segs[v.local(m)] == seg - 2 for m in v.mentions if not m.genitive and resolve(m)):
        return []  # `hatte die Stadt den Vertreter, X, kritisiert`: X is the object's apposition
    return named[:1]


def _alone_in_segment(v: SentenceView, m: Mention) -> bool:
    """Is the mention all its comma segment says (but a party in brackets: `X (SPD)`)?"""
    words = [i for i in v.seg_words(v.segs[v.local(m)]) if not v.toks[i].is_punct]
    inside = range(v.local(m), v.pos[m.end - 1] + 1)
    rest = [i for i in words if i not in inside]
    return bool(words) and all(i > inside[-1] for i in rest) and len(rest) <= 1
