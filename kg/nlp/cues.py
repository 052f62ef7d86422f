"""Cues in a sentence: the words that say an actor takes a side or speaks.

Stance and reporting verbs (verbs.tsv; separable verbs rejoined, forms the tagger
misreads recovered from the lexicon's forms, some verbs only in their constructions),
multi-word predicates and idioms (phrases.tsv: `stellt sich quer`, `macht sich stark
für`), reactions (`zeigte sich überrascht`), the modal `wollen`, stance nouns
(nouns.tsv: `Forderung`) and the holder constructions of kg.nlp.constructions.
Who holds a cue is kg.nlp.triggers' question.
"""
from __future__ import annotations

from functools import lru_cache

from kg.caches import memo
from kg.nlp import career, constructions, reporting, resources
from kg.nlp.german import (AGENT_PREPOSITIONS, ARTICLE_TAGS, FINITE, GENITIVE_ARTICLES, GOING_ON,
                           NOUN_ATTRIBUTE_PREPOSITIONS, SOURCE_PREPOSITIONS, TENSE_AUXILIARIES)
from kg.nlp.clause_model import clause_at
from kg.nlp.resources import Trigger
from kg.nlp.sentence_view import DETERMINERS, PREPOSITIONS, Hit, SentenceView

CAREER = resources.word_class("career")  # `will Kanzlerin bleiben`: what `wollen` plans for the actor's own office
CAREER_TAKING = resources.word_class("career_taking")  # `will den Vorsitz übernehmen`: with an office as object
NONCOMMITTAL = resources.word_class("noncommittal")  # `wollte sich nicht festlegen`: declining to take a side
OFFICES = tuple(resources.word_class("office"))  # `Vorsitz`, `Amt`, and compounds ending in them (`Fraktionsvorsitz`)
KEYWORD_CONDITIONS = ("-career", "-figure")  # verbs.tsv `only` conditions that are no word
# the tags of the words _construction_trigger, verb_trigger (with _mistagged_verb) and noun_trigger read
CUE_TAGS = ("VV", "VA", "VM", "ADJA", "ADJD", "PTKVZ", "NN")


def triggers(v: SentenceView) -> list[Hit]:
    """Every stance/report trigger outside quotations. Only verbs, adjectives, separated
    particles and nouns can be one (CUE_TAGS): the other tokens, half of a sentence, are
    not asked."""
    hits = []
    for i, t in enumerate(v.toks):
        if v.mask[i] or not t.tag_.startswith(CUE_TAGS):
            continue
        hit = _construction_trigger(v, i, t) or verb_trigger(v, i, t) or noun_trigger(t, i)
        if hit and (hit.evidence != "noun" or not in_pp(v, i)):
            hits.append(hit)
    return hits


def _capitalised_inside(v: SentenceView, i: int) -> bool:
    """`… sowie Jonas Vorsah.`: a capitalised word after a word of the sentence is a noun or
    a name the tagger took for a verb (German writes verbs in lower case)."""
    return i > 0 and v.toks[i].text[:1].isupper() and not v.toks[i - 1].is_punct


def _in_free_relative(v: SentenceView, i: int) -> bool:
    """`Was die Kommission schildert, hängt vom Haushalt ab`: a verb in a `was` clause
    opening the sentence names a thing the main clause talks about; the actor says nothing
    here. A pseudo-cleft states it (`Was die SPD fordert, ist ein Mietendeckel`)."""
    if v.toks[0].lower_ != "was" or v.toks[0].tag_ not in ("PWS", "PRELS"):
        return False
    finite = [j for j in range(1, len(v.toks)) if v.toks[j].tag_ in FINITE and not v.mask[j]]
    if not finite or i > finite[0]:
        return False
    main = finite[1] if len(finite) > 1 else None
    return main is None or v.toks[main].lemma_ != "sein"


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


def verb_trigger(v: SentenceView, i: int, t) -> Hit | None:
    """The cue the verb (or a lexicon verb form the tagger misread) at i makes, if any; `t`
    is v.toks[i]. Kept on the view: triggers() asks for every verb, kg.nlp.stance again for
    the verbs of what a reporting verb reports."""
    found = v.verb_hits.get(i, v)
    if found is v:
        found = v.verb_hits[i] = _verb_trigger(v, i, t)
    return found


def _verb_trigger(v: SentenceView, i: int, t) -> Hit | None:
    if not t.tag_.startswith(("VV", "VA", "VM")) or (t.tag_ in ("VVPP", "VVINF") and _mistagged_verb(v, i, t)):
        return _mistagged_verb(v, i, t)
    if _capitalised_inside(v, i) or _in_free_relative(v, i):
        return None
    lemma = t.lemma_
    phrase = _phrase_trigger(v, i, lemma)
    if phrase:
        return Hit(i, phrase, "phrase")
    if lemma in resources.reaction_verbs() and not _participles_after(v, i):  # `ist auf Zustimmung gestoßen`
        for j in v.seg_tokens(v.segs[i]):
            tok = v.toks[j]
            adj = resources.reaction_adjectives().get(tok.lemma_.lower()) or \
                resources.reaction_adjectives().get(tok.text.lower())
            if adj and j != i and tok.tag_ != "ADJA" and not _compared(v, j):  # `eine begeisterte Anhängerin`
                return Hit(i, adj, "phrase")
    if t.tag_.startswith("VV") and lemma not in resources.verbs() and lemma.startswith(GOING_ON):
        lemma = lemma[len(GOING_ON):]  # `sagte weiter`, `erklärte weiter`: a verb going on, no `weitersagen`
    if t.tag_.startswith("VV") and lemma in resources.verbs() and _licensed(v, i, lemma):
        return Hit(i, resources.verbs()[lemma], "verb")
    joined = _particle_after_commas(v, i) or _bracket_word(v, i) if t.tag_ == "VVFIN" else None
    if joined in resources.verbs() and _licensed(v, i, joined):
        return Hit(i, resources.verbs()[joined], "verb")
    if t.tag_ == "VMFIN" and lemma == "wollen" and not v.subordinate(v.segs[i]):  # `Was X machen will, …`,
        # `das Ziel, das die EU erreichen will`: an intention the sentence only mentions
        infinitives = [v.toks[j].lemma_ for j in v.seg_tokens(v.segs[i]) if j > i and v.toks[j].tag_ in ("VVINF", "VAINF")]
        last = _last_verb(v, i)
        if _career(v, i, last):
            return None  # `will Kanzlerin bleiben`, `will ihr Amt niederlegen`: a career, no political matter
        if last in NONCOMMITTAL:
            return None  # `wollte sich nicht festlegen`, `will sich nicht äußern`: no side taken
        return Hit(i, Trigger("proposal" if infinitives else "demand", 1), "modal")
    return None


def _career(v: SentenceView, i: int, last: str | None) -> bool:
    """Does `wollen` at i plan the actor's own office (`will Kanzlerin bleiben`, `will den
    Vorsitz übernehmen`)? The clause's last verb after the modal is its infinitive, even
    where the tagger read it as finite (`will Kanzlerin bleiben bis 2029`); a verb of taking
    up or keeping (`übernehmen`) is a career move with an office as its object. `last` is
    _last_verb's answer, which the caller also needs."""
    if last in CAREER:
        return True
    return last in CAREER_TAKING and any(
        v.toks[j].tag_ == "NN" and v.toks[j].lower_.endswith(OFFICES) for j in v.seg_tokens(v.segs[i]) if j > i)


def _last_verb(v: SentenceView, i: int) -> str | None:
    """The lemma of the last verb after the modal at i in its clause: its infinitive, even
    where the tagger read it as finite (`will Kanzlerin bleiben bis 2029`)."""
    verbs = [v.toks[j].lemma_ for j in v.seg_tokens(v.segs[i]) if j > i and v.toks[j].tag_ in ("VVINF", "VAINF", "VVFIN")]
    return verbs[-1] if verbs else None


def _amount_von(tok) -> bool:
    """`Überweisungen in Höhe von 72 Milliarden`: the `von` of `in Höhe von` gives an amount,
    not whom something is expected from, so it is no companion of a phrase (`von der
    Regierung … erwarten`); a `von` before a number still is one (`sprach von 50.000`)."""
    return tok.lower_ in AGENT_PREPOSITIONS and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "höhe"


def _compared(v: SentenceView, j: int) -> bool:
    """`ist kritischer als der Bericht`: a comparative before `als` weighs one thing against
    another, the writer's comparison, not a reaction the subject shows."""
    tok = v.toks[j]
    return j + 1 < len(v.toks) and v.toks[j + 1].lower_ == "als" and tok.lower_ != tok.lemma_.lower() \
        and tok.lower_.endswith(("er", "ere"))


def _noun_attribute(tok) -> bool:
    """`ist im Kampf gegen den Terror wichtig`: a `gegen`/`für` right after a noun with its
    article belongs to that noun, it is no companion of a copula's phrase (`gegen die Reform
    sein`); `hält die Reform für falsch` keeps its `für`."""
    doc = tok.doc
    return tok.lower_ in NOUN_ATTRIBUTE_PREPOSITIONS and tok.i >= 2 and doc[tok.i - 1].tag_ == "NN" \
        and doc[tok.i - 2].tag_ in ARTICLE_TAGS


def _phrase_trigger(v: SentenceView, i: int, lemma: str) -> Trigger | None:
    """The multi-word predicate (phrases.tsv) the verb heads, the one with most companions
    in its clause; a companion may be the particle the verb's lemma has taken up
    (`macht den Weg frei` -> `freimachen`)."""
    candidates = _phrase_candidates().get(lemma)
    if not candidates:
        return None
    seg = [v.toks[j] for j in v.seg_tokens(v.segs[i])]
    clause = clause_at(v.toks[i].doc, v.toks[i].i)  # `Von einer „Provokation“ sprach X`: no split
    if clause is not None and not clause.quoted:
        seg += [v.toks[v.pos[j]] for j in clause.tokens if j in v.pos and not v.mask[v.pos[j]]]
    seg = [x for x in seg if not _amount_von(x) and not (lemma in TENSE_AUXILIARIES and _noun_attribute(x))]
    seg_lemmas = {x.lemma_ for x in seg} | {x.text for x in seg} | {
        x.text.rpartition("-")[2] for x in seg if "-" in x.text[1:]}  # `Snapback-Mechanismus`
    particles = None
    participles = _participles_after(v, i)
    best = None
    for companions, needed, as_particles, absent, score, trig in candidates:
        if participles and not participles & companions:
            continue
        if not needed <= seg_lemmas or absent & seg_lemmas:
            continue
        if as_particles:
            if particles is None:
                particles = {x.text.lower() for x in seg if _particle(x)}
            if not as_particles <= particles:
                continue
        if best is None or score > best[0]:
            best = (score, trig)
    return best[1] if best else None


@lru_cache(maxsize=1)
def _phrase_candidates() -> dict[str, tuple[tuple, ...]]:
    """resources.phrases_by_lemma as sets, made once, not per verb of every sentence: per
    phrase under a lemma its companions; those its clause must hold, leaving out the one the
    lemma has taken up (`freimachen`); of those, the separable particles of the phrase's verb
    (resources.phrase_particles), which must stand as particles, not as prepositions (`setzte
    durch einen Erlass … in Gang` is no `durchsetzen`, `zog vor das Gericht` no
    `vorziehen`); those that must be absent (`-sich`); its score (a direct reading first)."""
    out = {}
    for lemma, entries in resources.phrases_by_lemma().items():
        split_off = resources.phrase_particles().get(lemma, frozenset())
        rows = []
        for companions, trig, joined in entries:
            own = [c for k, c in enumerate(companions) if k != joined]
            rows.append((frozenset(companions),
                         frozenset(c for c in own if not c.startswith("-") and c not in split_off),
                         frozenset(c for c in own if not c.startswith("-") and c in split_off),
                         frozenset(c[1:] for c in own if c.startswith("-")),
                         len(companions) + 0.5 if joined is None else len(companions) - 1, trig))
        out[lemma] = tuple(rows)
    return out


def _particle(tok) -> bool:
    """A separable particle: tagged so, or a word closing its clause, where the tagger may
    read it as a preposition (`setzte … die Senkung der Stromsteuer durch.`); a
    preposition has its noun after it."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok.tag_ == "PTKVZ" or nxt is None or nxt.is_punct


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
                     if j < i) and _licensed(v, i, lemma):  # `hat seinen Rücktritt bekannt gegeben`: no `sich`
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
    compounds (`sieht X als Y`, `legte einen Gesetzentwurf vor`); `-w`: the word must not,
    nor a compound it ends (`verurteilte den Angriff`, not `verurteilte X zu einer Strafe`;
    `bestritt die Vorwürfe`, not `bestritt das Auftaktspiel`): the object picks another sense
    of the verb; `-career`: never with the actor's own career move as object (kg.nlp.career,
    `erklärte seinen Rücktritt`); `-figure`: never when a figure in its clause is what it reports
    (`meldete 300 Verletzte`: a count, no side taken; _figure). The `als` of `sowohl … als auch` joins, it
    compares nothing. Verbs without conditions are always cues."""
    only = resources.verb_conditions().get(lemma)
    if not only:
        return True
    seg = v.seg_tokens(v.segs[i])
    words = {v.toks[j].lower_ for j in seg
             if not (v.toks[j].lower_ == "als" and j + 1 < len(v.toks) and v.toks[j + 1].lower_ == "auch")}
    reach = [j for j in _clause_reach(v, i) if not v.mask[j]]  # a quotation's words are no object
    own = {v.toks[j].lower_ for j in reach}
    if "-career" in only and career.own_career(v, reach):
        return False  # `erklärte seinen Rücktritt`: the actor's own office, no political matter
    if "-figure" in only and _figure(v, i, reach):
        return False  # `meldete 300 Verletzte`: a count, not a side
    if any(_names(w[1:], own) for w in only if w.startswith("-") and w not in KEYWORD_CONDITIONS):
        return False
    wanted = {w for w in only if not w.startswith("-")}
    if not wanted:
        return True
    after = [j for j in range(i + 1, len(v.toks)) if not v.mask[j]]
    if "zu" in wanted and _zu_complement(v, after):
        return True
    if "quote" in wanted and _after_quote(v, i):
        return True
    if "dass" in wanted and any(v.toks[j].lower_ in ("dass", ":") for j in after[:8]):
        return True
    if "evaluative" in wanted and any(_evaluative(v.toks[j]) for j in seg if j != i):
        return True
    heads = tuple(w for w in wanted if len(w) >= 4)
    return any(w in wanted or (len(w) > 6 and w.endswith(heads)) for w in words)


def _clause_reach(v: SentenceView, i: int) -> list[int]:
    """The tokens of the verb's clause: its comma segment, and for a participle or infinitive
    whose finite verb stands earlier, the comma segments back to that one (`wurden wegen
    Anstiftung zu Betrug, Erpressung und Nötigung verurteilt`: an enumeration's commas split it)."""
    seg = v.segs[i]
    out = list(v.seg_tokens(seg))
    if v.toks[i].tag_ in FINITE or any(v.toks[j].tag_ in FINITE for j in out):
        return out
    while seg > 0:
        seg -= 1
        prev = v.seg_tokens(seg)
        out = list(prev) + out
        if any(v.toks[j].tag_ in FINITE for j in prev):
            break
    return out


def _figure(v: SentenceView, i: int, reach: list[int]) -> bool:
    """Is a figure what the verb at i reports (`meldete 300 Verletzte`, `einen Gewinn von
    drei Milliarden Euro`)? A number before a noun in its clause (kg.nlp.reporting.quantity,
    not `im Jahr 2024`) and no clause after it that holds what is reported (`meldete unter
    Berufung auf zwei Diplomaten, die Gespräche seien gescheitert`)."""
    toks = [v.toks[j] for j in reach if not v.toks[j].is_punct]
    if not any(reporting.quantity(toks, n) for n in range(len(toks))):
        return False
    return not any(v.toks[j].tag_ in FINITE for j in range(i + 1, len(v.toks))
                   if v.segs[j] != v.segs[i] and not v.mask[j])


def _names(word: str, words: set[str]) -> bool:
    """Is `word` one of `words`, or the head of a compound among them (`spiel` in
    `auftaktspiel`; the rest at least four letters, so `beispiel` is no `spiel`)?"""
    return word in words or any(len(w) - len(word) >= 4 and w.endswith(word) for w in words)


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


def in_pp(v: SentenceView, i: int) -> bool:
    """`mit ihren Plänen`: a noun inside a prepositional phrase states no act, nor does its
    genitive attribute (`für die Prüfung des Antrags`)."""
    j = i - 1
    while j >= 0 and v.toks[j].tag_ in DETERMINERS:
        j -= 1
    if j >= 0 and v.toks[j].tag_ == "NN" and v.toks[j + 1].lower_ in GENITIVE_ARTICLES:
        return in_pp(v, j)
    return j >= 0 and v.toks[j].tag_ in PREPOSITIONS and v.toks[j].lower_ not in SOURCE_PREPOSITIONS | {"als"}


def noun_trigger(t, i: int) -> Hit | None:
    if t.tag_ != "NN":
        return None
    trig = _stance_noun(t.lemma_.lower())
    return Hit(i, trig, "noun") if trig is not None else None


@memo("cues.stance_noun")
def _stance_noun(lemma: str) -> Trigger | None:
    """The first stance noun (nouns.tsv, in its order) a noun's lemma is or, for one longer
    than five letters, ends in (`Rentenforderung`). Cached by lemma: every noun of every
    sentence is asked."""
    found = resources.first_ending(lemma, _noun_ranks(), 6)  # the whole lemma, or a noun of six letters
    return resources.nouns()[found] if found is not None else None


@lru_cache(maxsize=1)
def _noun_ranks() -> dict[str, int]:
    return resources.ranked(resources.nouns())
