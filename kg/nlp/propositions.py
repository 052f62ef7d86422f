"""The proposition of a claim: which question of the codebook it is about, and which side.

A claim names an issue, often turned by a direction word: "Wiedereinführung der
Wehrpflicht" and "Aussetzung der Wehrpflicht" are one issue, two directions. The
proposition is the issue named positively ("Wehrpflicht"), so the actor's side on it is
the stance toward the claim, reversed when the claim's direction is against the issue
(against words count by parity: "Klage gegen das Aussetzen der Schuldenbremse" is for it).
Claims no issue fits keep a free proposition keyed by their head words' lemmas, so the
same free claim in two articles still meets, under one label. A noun that asks a question
of its own about an issue ("Begründung der Zurückweisungen") keys a proposition of its own
about that issue (no side on the issue itself).

The claim is read first (kg.nlp.issue_index); only a claim that names no issue falls back
on its sentence, and there only the words near the issue's name can turn its direction.
An article's positions are read together: a weak cue, a claim that only points back
("die Entscheidung") or a direction noun with no object ("die Verlängerung") refers to an
issue the article's other positions name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Sequence

from rdflib import Graph

from kg import iris
from kg.caches import memo
from kg.codebook import default_codebook
from kg.nlp import gazetteer
from kg.nlp.german import ASPECT_LINKS, OBJECT_LINKS
from kg.nlp.issue_names import (INFLECTED, article_names, fuller_name, named_issues, names_issue, noun_phrase,
                                 only_names, shortens)
from kg.nlp.issue_index import (FUNCTION, IssueIndex, Word, against_parity, against_words, content_units,
                                 direction_of, noun_units, units)
from kg.nlp.tagger import noun_lemma
from kg.nlp.resources import bodies, evaluations, role_heads, state_organs, word_class
from kg.nlp.topics import stem

SENTENCE_WINDOW = 5  # words around the issue's name in the sentence that may turn its direction
HEAD_WORDS = 2  # head words that key a free proposition
MAIN_ISSUE = 1  # positions naming an issue that make it the article's question
DEFINITE = frozenset("der die das den dem des dieser diese dieses diesen diesem".split())
_ENDINGS = ("e", "en", "er", "es", "em", "s")
SHORT_CLAIM = 4  # content words of a claim whose head points back, for it to read as the issue
FREE = "free-"
_ADJECTIVE = re.compile(r"(isch|lich|ig|al|ell|iv|är|bar|los|sam|haft|ische|ale)(e|en|er|es|em)?$")
ACTING = frozenset({"government", "party", "person"})  # gazetteer kinds that act when a claim names them
SIDES = {("support", "for"): "support", ("oppose", "for"): "oppose",
         ("support", "against"): "oppose", ("oppose", "against"): "support"}

__all__ = ["Proposal", "IssueIndex", "propose", "with_propositions", "use_codebook", "active_index", "units"]


@dataclass(frozen=True)
class Proposal:
    """A claim's proposition: key (codebook issue key or FREE + head words), its German
    label, the issue IRI (None when free), the claim's direction and the actor's side."""

    key: str
    label: str
    issue: str | None
    direction: str
    side: str
    aspect: bool = False  # a question of its own about `issue`: a side on it is none on the issue


def propose(claim: str, stance: str, index: IssueIndex, sentence: str = "",
            named: dict[int, int] | None = None) -> Proposal:
    """The proposition of one claim (and, where the claim names no issue, its sentence);
    `named`: how often the article's positions name each issue, to choose between two."""
    words = units(claim)
    hit = _find(index, words, named) if len(index) else None
    window = words
    if hit is None and sentence and len(index):
        sentence_words = units(sentence)
        hit = _find(index, sentence_words, named)
        if hit is not None:
            lo, hi = min(hit.units) - SENTENCE_WINDOW, max(hit.units) + SENTENCE_WINDOW
            window = [u for u in sentence_words if lo <= u.index <= hi]
    if hit is None:
        return _free(claim, words, stance)
    outside = against_words([u for u in window if u.index not in hit.units])
    direction = "against" if (outside % 2 == 1) != hit.against else "for"
    aspect = _aspect(words, hit, index) if window is words else None
    if aspect is not None:
        lemma = noun_lemma(aspect.surface)
        return Proposal(f"{index.keys[hit.issue]}--{iris.slug(lemma.lower())}", f"{lemma} ({index.names[hit.issue]})",
                        index.iris[hit.issue], direction, SIDES[stance, direction], aspect=True)
    return Proposal(index.keys[hit.issue], index.names[hit.issue], index.iris[hit.issue],
                    direction, SIDES[stance, direction])


def _find(index: IssueIndex, words: list[Word], named: dict[int, int] | None):
    """The issue the words name, unless they only name an actor ("habe die Ampel-Koalition
    zum Umsteuern gebracht": the coalition acts; its issue is "Bruch der Ampel" and the like):
    then the issue the other words name, if any."""
    hit = index.find(words, named)
    if hit is not None and _named_actor_span([u for u in words if u.index in hit.units]):
        hit = index.find([u for u in words if u.index not in hit.units], named)
    return hit


def _named_actor_span(span: list[Word]) -> bool:
    """Whether the words are, whole, the name of a government, party or person in the actor
    gazetteer ("Ampel-Koalition", "Orbán"): they act; an agency or body a label names
    ("Verfassungsschutz", "UNRWA") stays a matter."""
    tokens: list[str] = []
    for u in span:
        if u.joined and tokens:
            tokens[-1] += "-" + u.surface
        else:
            tokens.append(u.surface)
    found = gazetteer.load().match(tokens, 0) if tokens else None
    return found is not None and found[0] == len(tokens) and gazetteer.load().actors[found[1]].kind in ACTING


def _aspect(words: list[Word], hit, index: IssueIndex) -> Word | None:
    """The noun a claim heads its issue with, when it asks a question of its own about it
    ("Begründung der Zurückweisungen", "Vereinbarkeit der Maut mit dem Europarecht"): the
    claim's first noun, joined to the issue's name only by articles, prepositions and
    adjectives, that is no direction word, no actor and no noun every debate has."""
    first = min(hit.units)
    nouns = [u for u in words if u.index < first and u.surface[:1].isupper() and u.text not in FUNCTION]
    if not nouns or any(u.surface[:1].isupper() for u in words if nouns[0].index < u.index < first):
        return None
    head = nouns[0]
    between = [u for u in words if head.index < u.index < first]
    if not between or between[0].text not in ASPECT_LINKS or not all(
            u.text in FUNCTION or INFLECTED.search(u.text) for u in between):
        return None
    if direction_of(head) or _actor_noun(head.text) or _named_actor(head) or _neutral(head) or head.index != _first_content(words):
        return None
    return head


def _named_actor(word: Word) -> bool:
    """A name of the actor gazetteer (`Bundestag`, `Kommission`, a surname): who, not what."""
    return gazetteer.load().match([word.surface], 0) is not None


def _first_content(words: list[Word]) -> int:
    return next((u.index for u in words if u.text not in FUNCTION and not _ADJECTIVE.search(u.text)
                 and u.surface[:1].isupper()), -1)


def _neutral(word: Word) -> bool:
    neutral = _spelled(word_class("empty_claim_noun") | word_class("vague_claim_head") | word_class("generic_issue_noun"))
    return word.text in neutral or word.stem in neutral or _verdict(word)


def _free(claim: str, words: list[Word], stance: str) -> Proposal:
    """A proposition of the claim's own: keyed by its first head words, so that the same
    claim, inflected or reworded around its nouns, meets itself in another article.

    Key and label are both the head words' lemmas ("Radwege in Kleinstädten" and "Radwegen
    in Kleinstädten": "Radweg, Kleinstadt"), so the node is labelled the same by every
    article that names it (build.py writes the label into each article's graph)."""
    against = against_parity(words)
    direction = "against" if against else "for"
    heads = [u for u in words if u.text not in FUNCTION and direction_of(u) is None
             and u.surface[:1].isupper() and not (u.index == 0 and _ADJECTIVE.search(u.text))]
    heads = heads or [u for u in words if u.text not in FUNCTION and direction_of(u) is None]
    lemmas = [noun_lemma(u.surface) for u in heads[:HEAD_WORDS]]
    key = "-".join(iris.slug(lemma.lower()) for lemma in lemmas)
    if not key:  # function and direction words only ("es zu stoppen"): they are the label
        text = " ".join(u.text for u in words) or claim
        return Proposal(FREE + iris.slug(text), text, None, direction, SIDES[stance, direction])
    return Proposal(FREE + key, ", ".join(lemmas), None, direction, SIDES[stance, direction])


def with_propositions(positions: Sequence, index: IssueIndex, sentences: Sequence[str] | None = None) -> list:
    """One article's positions with proposition, label, issue, side and direction filled in.

    The article is read together: between two issues a claim names, the one the article
    names more often wins; a free claim holding a weak cue of an issue the article names
    ("Sondierungen" beside "Schwarz-rote Koalition") takes that issue; and a claim that
    names nothing of its own -- its head only points back ("die Entscheidung nicht
    nachvollziehen", "das Abkommen"), or its nouns name no matter ("Die Entwicklung geht
    weiter") -- is about the issue most of the other positions name. Such a claim, and one
    taken over from the statement before (`lehnt dies ab`), then reads as the issue it is
    about (a short one, or a verdict of several words however long: `mit dem Kopf durch die
    Wand …`), in the article's own name for it where it has one (kg.nlp.issue_names), unless
    a direction word turns it (`Verschärfung`, `Abschaffung`: the stance keeps its meaning
    toward the claim). A clause that says nothing but one of its issue's names (`mit der SPD
    regieren`) reads as the issue's label, a bare noun naming it as the article's fuller mention
    (`Zurückweisungen`); kg.nlp.claims keeps the article's words otherwise.
    """
    sentences = sentences or [p.sentence for p in positions]  # whole sentences where the evidence is a part
    alone = [propose(p.claim, p.stance, index, s) for p, s in zip(positions, sentences)]
    named = named_issues(index, alone)
    empty = [_names_no_matter(p.claim) for p in positions]
    vague = [e or _points_back(p.claim) for p, e in zip(positions, empty)]
    found = [_with_cue(index, p, first if _one_issue_each(index, p.claim, s)
                       else propose(p.claim, p.stance, index, s, named), named, v)
             for p, s, v, first in zip(positions, sentences, vague, alone)]
    main = _article_issue(found)  # weak cues count: "Friedensprozess" beside its issue
    names = article_names(index, positions, found, vague)
    out = []
    for p, proposal, e, v in zip(positions, found, empty, vague):
        if proposal.issue is None and main is not None and (v or _bare_direction(p.claim)):
            proposal = replace(main, direction=proposal.direction, side=SIDES[p.stance, proposal.direction])
        claim = p.claim  # (the position is copied once, below: dataclasses.replace is slow)
        if proposal.issue is not None and _undirected(p.claim) and (p.claim_points_back or (
                (e or (v and (_says_little(p.claim) or _verdict_phrase(p.claim))))
                and not names_issue(index, p.claim, proposal.issue))):
            claim, proposal = _as_named(index, p, proposal, names.get(proposal.key), _judges(p.claim))
        elif proposal.issue is not None and proposal.direction == "for" and not noun_phrase(p.claim) \
                and only_names(index, p.claim):
            claim = proposal.label  # `mit der SPD regieren`: a name of the issue said as a clause
        elif proposal.issue is not None and not p.claim_points_back and not v:
            claim = fuller_name(index, p.claim, proposal.issue, positions) or p.claim
        out.append(replace(p, claim=claim, proposition=proposal.key, proposition_label=proposal.label,
                           issue=None if proposal.aspect else proposal.issue,  # no sp:issue for an aspect
                           side=proposal.side, direction=proposal.direction))
    return out


def _one_issue_each(index: IssueIndex, claim: str, sentence: str) -> bool:
    """Whether the claim, and the sentence propose falls back on, name at most one issue
    each: then what the article names cannot change the claim's proposal, and the one
    proposed before the article was counted stands."""
    return len(index.issues_in(units(claim))) <= 1 and len(index.issues_in(units(sentence))) <= 1


def _as_named(index: IssueIndex, p, proposal: Proposal, name: str | None, judged: bool = False
              ) -> tuple[str, Proposal]:
    """A claim that names nothing of its own, read as its issue: the article's own name for
    it where it has one that says the label shorter and does not turn it, else that label.
    A verdict (`judged`: `ein schwarzer Tag`) judges what the article reports, so it also
    takes a one-word name that turns the issue (`Atomausstieg`), and its side follows.
    The position's new claim, and the proposal."""
    if name is None:
        return proposal.label, proposal
    named = propose(name, p.stance, index)
    if named.key == proposal.key and named.direction == "for" and shortens(name, proposal.label):
        return name, proposal  # not `Mindestlohn von 17 Euro` (says more)
    if judged and named.key == proposal.key and named.direction == "against" and len(name.split()) == 1:
        return name, replace(proposal, direction=named.direction, side=named.side)
    return proposal.label, proposal  # the stance toward it is the stance toward the claim


def _judges(claim: str) -> bool:
    """A verdict: headed by one (`ein Irrweg`) or holding one of several words (`ein schwarzer Tag für …`)."""
    nouns = noun_units(claim)
    return bool(nouns) and _verdict(nouns[0]) or _verdict_phrase(claim)


def _with_cue(index: IssueIndex, p, proposal: Proposal, named: dict[int, int], vague: bool) -> Proposal:
    """A free claim holding a weak cue of an issue the article names takes that issue."""
    if proposal.issue is not None or vague:
        return proposal
    cue = index.find_weak(units(p.claim), named)
    return proposal if cue is None else _as_issue(index, cue, proposal, p.stance)




def _as_issue(index: IssueIndex, idx: int, free: Proposal, stance: str) -> Proposal:
    """A free claim's proposal moved to issue `idx`, keeping the direction its words give."""
    return Proposal(index.keys[idx], index.names[idx], index.iris[idx], free.direction,
                    SIDES[stance, free.direction])


def _article_issue(found: Sequence[Proposal]) -> Proposal | None:
    """The issue most positions of an article name (the first named among equals)."""
    counts: dict[str, int] = {}
    first: dict[str, Proposal] = {}
    for proposal in found:
        if proposal.issue is not None:
            counts[proposal.key] = counts.get(proposal.key, 0) + 1
            first.setdefault(proposal.key, proposal)
    if not counts:
        return None
    best = max(counts, key=lambda key: (counts[key], -list(first).index(key)))
    return first[best] if counts[best] >= MAIN_ISSUE else None


@memo("issues.points_back")
def _points_back(claim: str) -> bool:
    """Whether the claim's head noun (its first) only points back to a question named
    before ("Beschluss der hessischen Christdemokraten") or is a verdict on it ("ein
    Fehler mit Folgen"), or the claim has no noun ("einseitig und unfreundlich")."""
    vague = _spelled(word_class("vague_claim_head"))
    nouns = noun_units(claim)
    return not nouns or nouns[0].text in vague or nouns[0].stem in vague or _verdict(nouns[0]) \
        or _verdict_phrase(claim) or _definite_vague(units(claim), vague)


def _definite_vague(words: list[Word], vague: frozenset[str]) -> bool:
    """`…, das Abkommen mit den vier Ländern zu unterzeichnen`: a head that points back,
    with a definite or demonstrative article, anywhere in the claim."""
    return any(a.text in DEFINITE and (b.text in vague or b.stem in vague) for a, b in zip(words, words[1:]))


def _verdict(word: Word) -> bool:
    """A one-word verdict of data/evaluation.tsv (`Fehler`, `Skandal`, `Irrweg`)."""
    verdicts = _verdicts()
    return word.text in verdicts or word.stem in verdicts


@memo("issues.verdict_phrase")
def _verdict_phrase(claim: str) -> bool:
    """A verdict of several words anywhere in the claim (`ein schwarzer Tag für …`, `mit dem
    Kopf durch die Wand`): the claim judges a matter rather than names one."""
    words = [u.text for u in units(claim)]
    by_first = _verdict_phrases_by_first()  # only phrases whose first word this word can inflect
    return any(len(words) >= k + len(key) and all(_inflects(w, x) for w, x in zip(words[k + 1:], key[1:]))
               for k, word in enumerate(words) for lemma in _lemmas_of(word) for key in by_first.get(lemma, ()))


def _lemmas_of(word: str) -> set[str]:
    """Every lemma `word` inflects (`_inflects`): itself, its stem, itself less an ending."""
    return {word, stem(word)} | {word[:-len(e)] for e in _ENDINGS if word.endswith(e)}


def _inflects(word: str, lemma: str) -> bool:
    """`schwarzer` of `schwarz`, `Tages` of `Tag`: the lemma with an inflection ending."""
    return word == lemma or stem(word) == lemma or (word.startswith(lemma) and word[len(lemma):] in _ENDINGS)


@lru_cache(maxsize=None)
def _verdict_phrases() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(stem(w.replace("ß", "ss")) for w in key) for key in evaluations() if len(key) > 1)


@lru_cache(maxsize=None)
def _verdict_phrases_by_first() -> dict[str, list[tuple[str, ...]]]:
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key in _verdict_phrases():
        by_first.setdefault(key[0], []).append(key)
    return by_first


@lru_cache(maxsize=None)
def _verdicts() -> frozenset[str]:
    return frozenset(key[0].replace("ß", "ss") for key in evaluations() if len(key) == 1)


def _bare_direction(claim: str) -> bool:
    """A direction noun with no object of its own ("eine Mehrheit für den Weiterbetrieb habe
    …", "die Abschaffung sei überfällig"): it turns the question the article argues about."""
    words = units(claim)
    return any(u.surface[:1].isupper() and direction_of(u) and not u.joined
               and (k + 1 == len(words) or words[k + 1].text not in OBJECT_LINKS and not words[k + 1].surface[:1].isupper())
               for k, u in enumerate(words))


def _undirected(claim: str) -> bool:
    """No direction word turns the claim ("Verschärfung des Bürgergelds", "Abschaffung der
    Wehrpflicht"): read as its issue, it keeps its meaning and its stance."""
    return not any(direction_of(u) for u in units(claim))


def _says_little(claim: str) -> bool:
    """A claim of at most SHORT_CLAIM content words ("die Entscheidung nicht nachvollziehen"):
    its head pointing back is all it says, unlike "unsere Entscheidungen international
    anerkannt sind von den zentralen Akteuren"."""
    return len(content_units(claim)) <= SHORT_CLAIM


def _names_no_matter(claim: str) -> bool:
    """Whether every noun of the claim is one that names no matter of its own ("Die Entwicklung
    geht weiter", "ein Jahr Aufschub", "die Worte des Kanzlers")."""
    empty = _spelled(word_class("empty_claim_noun"))
    nouns = noun_units(claim)
    return bool(nouns) and all(u.text in empty or u.stem in empty or _actor_noun(u.text) or _actor_noun(u.stem)
                               for u in nouns)




@lru_cache(maxsize=None)
def _spelled(words: frozenset[str]) -> frozenset[str]:
    """Words spelled as Word.text spells them (ß as ss)."""
    return frozenset(w.replace("ß", "ss") for w in words)


@lru_cache(maxsize=None)
def _actor_heads() -> tuple[str, ...]:
    return tuple(sorted({w.replace("ß", "ss") for w in set(role_heads()) | bodies() | state_organs()
                         | _spelled(word_class("org_member_head"))}))


def _actor_noun(word: str) -> bool:
    """A role or body noun (`Kanzler`, `Innenminister`, `Landesverband`): who, not what."""
    return word.endswith(_actor_heads())


_ACTIVE: IssueIndex | None = None
_ACTIVE_KEY: frozenset | None = None
_ACTIVE_GRAPH: Graph | None = None  # the graph object last given (the cached default codebook)


def use_codebook(graph: Graph | None) -> IssueIndex:
    """Make `graph` the codebook extraction matches against (None: ontology/issues.ttl).

    Set before extraction starts: worker processes forked later inherit it. The same
    codebook again (every POST /articles asks) reuses the index built for it.
    """
    global _ACTIVE, _ACTIVE_KEY, _ACTIVE_GRAPH
    if graph is None:
        graph = default_codebook()
    if _ACTIVE is not None and graph is _ACTIVE_GRAPH:  # no set of 3,500 triples per upload
        return _ACTIVE
    key = frozenset(graph)
    if _ACTIVE is None or key != _ACTIVE_KEY:
        _ACTIVE, _ACTIVE_KEY = IssueIndex(graph), key
    _ACTIVE_GRAPH = graph
    return _ACTIVE


def active_index() -> IssueIndex:
    """The codebook in use (ontology/issues.ttl unless use_codebook chose another)."""
    return _ACTIVE if _ACTIVE is not None else use_codebook(None)
