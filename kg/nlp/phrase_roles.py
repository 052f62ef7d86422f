"""Which role a mention's noun phrase plays: governed, oblique, owner, coordinated.

A cue is held by its subject, and German marks who is not the subject by the words
before a noun phrase: a preposition (`vom Koalitionspartner SPD`), a genitive article
after a noun (`die Forderung der FDP`), a dative or accusative article (`dem Bund`).
These checks are shared by the holder search (kg.nlp.triggers) and its co-holders
(kg.nlp.co_holders); they read a sentence view and decide nothing about cues.
"""
from __future__ import annotations

from kg.nlp import constructions, resources
from kg.nlp.article_actors import Mention
from kg.nlp.german import (AGENT_PREPOSITIONS, FEMININE_OBLIQUE_ARTICLES, FEMININE_SUFFIXES, GENITIVE_ARTICLES,
                           LIST_JOINERS, OBLIQUE_ARTICLES, RELATIVE_GENITIVE)
from kg.nlp.sentence_view import DETERMINERS, PREPOSITIONS, Hit, SentenceView

AGENT_NOUNS = resources.word_class("agent_noun")
ROLE_HEADS = tuple(resources.role_heads())  # `Außenminister`, `Sprecherin`: a person in a role


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
    while i >= 0 and (v.toks[i].tag_ in DETERMINERS or v.toks[i].lower_ in RELATIVE_GENITIVE) \
            and v.segs[i] == seg:
        tok = v.toks[i]
        if tok.tag_ == "ADJA" and tok.text.endswith("e"):
            weak_adjective = True
        if tok.tag_ == "ART" and tok.text.lower() in GENITIVE_ARTICLES and i > 0 \
                and v.toks[i - 1].tag_ in ("NN", "NE") and v.segs[i - 1] == seg:
            if tok.text.lower() == "der" and (weak_adjective or m.gender == "m"):
                return False
            return body_of(v, i - 1) is None and not constructions.made_by(v, i - 1) \
                and v.toks[i - 1].lower_ not in allow
        i -= 1
    if i >= 0 and v.toks[i].tag_ in PREPOSITIONS and v.segs[i] == seg:
        if v.toks[i].lower_ in AGENT_PREPOSITIONS and i > 0 and (
                body_of(v, i - 1) is not None or constructions.made_by(v, i - 1)):
            return False
        return v.toks[i].lower_ not in allow
    return False


def oblique(v: SentenceView, m: Mention) -> bool:
    """`dem Bund`, `den Grünen`, `einem Verband`: dative/accusative, never the subject; so too
    `der Zeitung „X“`, `einer Stiftung`: `der`/`einer` before a feminine noun (known by its
    ending) and after no noun is a dative (the reader told) or a genitive, not the subject."""
    start = v.local(m)
    i = _before_adjectives(v, start)
    feminine = v.toks[start].tag_ == "NN" and v.toks[start].lower_.endswith(FEMININE_SUFFIXES)
    if i >= 0 and feminine and v.toks[i].lower_ in FEMININE_OBLIQUE_ARTICLES:
        return not (i > 0 and v.toks[i - 1].tag_ in (*PREPOSITIONS, "NN", "NE"))  # after a noun: governed()
    return oblique_at(v, start)


def oblique_at(v: SentenceView, start: int) -> bool:
    i = _before_adjectives(v, start)
    if i < 0 or v.toks[i].lower_ not in OBLIQUE_ARTICLES:
        return False
    return not (i > 0 and v.toks[i - 1].tag_ in PREPOSITIONS)  # in a PP, governed() decides


def _before_adjectives(v: SentenceView, start: int) -> int:
    """The token before the attributive adjectives in front of `start` (-1 at the start)."""
    i = start - 1
    while i >= 0 and v.toks[i].tag_ == "ADJA":
        i -= 1
    return i


def body_of(v: SentenceView, i: int) -> int | None:
    """`die Spitzen [der Ampel-Fraktionen]`: token i is a body noun standing for its owner."""
    low = v.toks[i].lower_
    if v.toks[i].tag_ != "NN":
        return None
    return i if low in resources.bodies() or any(low.endswith(b) for b in resources.bodies() if len(b) >= 8) else None


def free_mentions(v: SentenceView, ms: list[Mention], allow: frozenset[str]) -> list[Mention]:
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


def noun_attribute(v: SentenceView, m: Mention) -> bool:
    """`die Gesten von Franziskus`: a `von` phrase after a noun belongs to it, no agent."""
    return attribute_head(v, m) is not None


def attribute_head(v: SentenceView, m: Mention) -> int | None:
    """The noun a prepositional phrase holding the mention follows (`Umfeld` in `das Umfeld von
    X`), or None."""
    j = v.local(m) - 1
    while j >= 0 and v.toks[j].tag_ in ("ART", "ADJA"):
        j -= 1
    return j - 1 if j > 0 and v.toks[j].tag_ in ("APPR", "APPRART") and v.toks[j - 1].tag_ in ("NN", "NE") else None


def owner_of_body(v: SentenceView, m: Mention) -> bool:
    """`Die Regierung Polens hat angekündigt`, `Merz' Entwurf sieht vor`: a genitive name
    right after a body noun, or before one or before a thing it made, is its owner, the one
    who speaks."""
    i, j = v.local(m), v.pos[m.end - 1] + 1
    if i > 0 and body_of(v, i - 1) is not None:
        return True
    return j < len(v.toks) and (body_of(v, j) is not None or constructions.made_by(v, j))  # `McCains Kampagne`


def possessor(v: SentenceView, hit: Hit, ms: list[Mention]) -> Mention | None:
    """`Trumps erster Plan`, `die Forderung der FDP`: the genitive owner of a stance noun."""
    for m in ms:
        end = v.pos[m.end - 1]
        if m.genitive and all(v.toks[j].tag_ in ("ADJA", "ART") for j in range(end + 1, hit.i)) and end < hit.i:
            return m
        start = v.local(m)
        if start > hit.i and all(v.toks[j].tag_ in ("ART", "ADJA") for j in range(hit.i + 1, start)) \
                and start - hit.i <= 3 and v.toks[hit.i + 1].lower_ in GENITIVE_ARTICLES:
            return m
    return None


def agentive(word: str) -> bool:
    """A noun for a body or a person in a role (`Regierung`, `Staatsanwaltschaft`,
    `Bezirksgericht`, `Kampagne`, `Sprecherin`)."""
    low = word.lower()
    return low in resources.state_organs() or low in resources.bodies() or low in AGENT_NOUNS \
        or low.endswith(resources.org_heads()) or low.endswith(tuple(AGENT_NOUNS)) or low in resources.collectives()


def role_noun(word: str) -> bool:
    """A noun for persons in a role (`EU-Außenminister`, `Sprecherin`: role_heads.tsv)."""
    return word.lower().endswith(ROLE_HEADS)


def coordinated(v: SentenceView, ordered: list[Mention]) -> list[Mention]:
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
