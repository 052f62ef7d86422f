"""Holder constructions beyond `subject of the cue`, read from ``data/patterns/holders.jsonl``.

German names the holder of a stance in more places than the subject: in a
prepositional phrase (`Beim Koalitionspartner stieß der Plan auf Widerstand`), as the
maker of the subject (`Der Entwurf von Ministerin X sieht vor`), as the agent of an
attributive participle (`die von X geforderte Reform`); and a subject can be the target
rather than the holder (`X sah sich heftiger Kritik ausgesetzt`). Each construction is a
data row; this module matches the rows against one clause of a sentence view (kg.nlp.sentence_view).
"""
from __future__ import annotations

from functools import lru_cache

from kg.nlp import patterns, resources
from kg.nlp.german import LIST_JOINERS
from kg.nlp.resources import Trigger

FILE = "holders.jsonl"
ARTICLE_NOMINATIVE = {"der", "die", "das", "ein", "eine", "kein", "keine"}
INFLECTION = ("en", "em", "er", "es", "e")
NP_LEAD = frozenset({"ART", "ADJA", "PPOSAT", "CARD", "PIAT", "NN"})  # what stands between a preposition and a name


def _lemmas_words(v, idx) -> tuple[set[str], set[str]]:
    """Lemmas and lower-cased words of a clause, computed once per clause of a sentence view."""
    cache = v.__dict__.setdefault("_construction_words", {})
    key = (idx[0], idx[-1], len(idx)) if idx else ()
    if key not in cache:
        cache[key] = ({v.toks[i].lemma_ for i in idx}, {v.toks[i].lower_ for i in idx})
    return cache[key]


def is_target(v, idx: list[int]) -> bool:
    """Does the clause make its subject the target of a stance (`sah sich Kritik ausgesetzt`)?
    Asked of every held cue's clause: one without any lemma that a row needs is not read further."""
    needed = _target_lemmas()
    if needed is not None and not any(v.toks[i].lemma_ in needed for i in idx):
        return False
    lemmas, words = _lemmas_words(v, idx)
    return any(patterns.clause_has(r, lemmas, words) for r in patterns.labelled(FILE, "target"))


def pp_trigger(v, i: int, idx: list[int]) -> tuple[Trigger, frozenset[str]] | None:
    """`stieß auf Widerstand`: the trigger of a pp_holder row for the verb at i, with the
    prepositions that introduce its holder."""
    rows = _pp_holder_rows().get(v.toks[i].lemma_)
    if not rows:  # most verbs head no row: the clause's words are not read for them
        return None
    lemmas, words = _lemmas_words(v, idx)
    for r in rows:
        if patterns.clause_has(r, lemmas, words):
            return Trigger(r["act"], r["polarity"]), frozenset(r["preps"])
    return None


@lru_cache(maxsize=1)
def _target_lemmas() -> frozenset[str] | None:
    """A lemma of each target row, one a clause must hold for the row to match (None where a
    row needs no lemma)."""
    rows = patterns.labelled(FILE, "target")
    if not all(r.get("lemmas") for r in rows):
        return None
    return frozenset(r["lemmas"][0] for r in rows)


@lru_cache(maxsize=1)
def _pp_holder_rows() -> dict[str, list[dict]]:
    """The pp_holder rows by their verb's lemma, in file order."""
    out: dict[str, list[dict]] = {}
    for r in patterns.labelled(FILE, "pp_holder"):
        out.setdefault(r["lemma"], []).append(r)
    return out


def pp_holders(v, idx: list[int], preps: frozenset[str], mentions) -> list:
    """`Unterstützung erhielt X von der SPD und den Grünen`: the mentions of the clause whose
    phrase opens with one of the row's prepositions, and those coordinated with them; the
    subject of such a clause receives the stance or caused it, it does not hold it."""
    inside = set(idx)
    out, last = [], None
    for m in sorted(mentions, key=lambda x: x.start):
        k = v.local(m)
        if k not in inside or v.mask[k]:
            continue
        j = k - 1
        if j >= 0 and v.toks[j].tag_ == "NN" and j in inside:
            j -= 1  # `beim Koalitionspartner SPD`, not `vom Nachwuchs der Union`
        while j >= 0 and v.toks[j].tag_ in NP_LEAD and v.toks[j].tag_ != "NN" and j in inside:
            j -= 1
        if j >= 0 and v.toks[j].lower_ in preps:
            out.append(m)
        elif last is not None and j >= 0 and v.toks[j].lower_ in LIST_JOINERS and \
                all(v.toks[x].tag_ in NP_LEAD or v.toks[x].lower_ in LIST_JOINERS for x in range(last + 1, k)):
            out.append(m)  # `von der SPD und den Grünen`
        else:
            continue
        last = v.pos[m.end - 1]
    return out


def pp_holder_preps(v, i: int, idx: list[int]) -> frozenset[str]:
    found = pp_trigger(v, i, idx)
    return found[1] if found else frozenset()


@lru_cache(maxsize=1)
def _made_by_nouns() -> tuple[str, ...]:
    return tuple(n for r in patterns.labelled(FILE, "made_by") for n in r["nouns"])


def made_by(v, j: int) -> bool:
    """Is token j a thing an actor made (`Entwurf`, `Gesetzentwurf`), heading a subject
    (a nominative article or none, no preposition before it)?"""
    tok = v.toks[j]
    if tok.tag_ != "NN":
        return False
    low = tok.text.lower()
    if not any(low == n or (len(n) >= 4 and low.endswith(n)) for n in _made_by_nouns()):
        return False
    k = j - 1
    while k >= 0 and v.toks[k].tag_ == "ADJA":
        k -= 1
    if k >= 0 and v.toks[k].tag_ in ("ART", "PIAT", "PDAT"):
        if v.toks[k].lower_ not in ARTICLE_NOMINATIVE:
            return False
        k -= 1
    return not (k >= 0 and v.toks[k].tag_ in ("APPR", "APPRART"))


def participle_verb(word: str) -> str | None:
    """The verb of an attributive participle: `geforderte` -> `fordern`, `vorgelegten` ->
    `vorlegen`, `angekündigte` -> `ankündigen` (if the lexicon knows it)."""
    low = word.lower()
    for ending in INFLECTION:
        if low.endswith(ending):
            low = low[:-len(ending)]
            break
    verbs = resources.verbs()
    stems = [low[:-1] if low.endswith("t") else low[:-2] if low.endswith("en") else low]
    for stem in list(stems):
        pos = stem.find("ge")
        if pos >= 0:
            stems.append(stem[:pos] + stem[pos + 2:])
    for stem in stems:
        for cand in (stem + "en", stem + "n"):
            if cand in verbs and not verbs[cand].report:
                return cand
    return None


def participle_agent(v, i: int) -> int | None:
    """`die von der FDP geforderte Reform`: for an attributive participle at i, the
    position of the `von` that introduces its agent (None if there is none)."""
    preps = {p for r in patterns.labelled(FILE, "agent_participle") for p in r["preps"]}
    if v.toks[i].tag_ != "ADJA" or i + 1 >= len(v.toks) or v.toks[i + 1].tag_ not in ("NN", "ADJA"):
        return None
    for k in range(i - 1, max(-1, i - 7), -1):
        tok = v.toks[k]
        if tok.text.lower() in preps:
            return k if k > 0 and v.toks[k - 1].tag_ in ("ART", "PDAT", "PIAT", "PPOSAT") else None
        if tok.is_punct or tok.tag_ in ("VVFIN", "VAFIN", "VMFIN"):
            return None
    return None
