"""Actors who hold a cue together with its subject, or in place of a missing one.

Once the subject of a cue is found (kg.nlp.triggers), German adds holders around it:
a comma list continuing the subject (`stimmten Grüne, Linke und SPD`), partners
(`gemeinsam mit der Landesregierung`, `Neben Polen lehnt auch Ungarn … ab`) and the
parties whose votes carried a decision (`mit den Stimmen von SPD und Grünen`).
"""
from __future__ import annotations

from kg.nlp.article_actors import Mention
from kg.nlp.german import LIST_JOINERS, TOGETHER
from kg.nlp.sentence_view import SentenceView


def enumerated(v: SentenceView, group: list[Mention], resolve) -> list[Mention]:
    """`stimmten Grüne, Linke und SPD`: a comma list of actors continues the subject
    into neighbouring comma segments that hold nothing else."""
    out = []
    segs = sorted({v.segs[v.local(m)] for m in group})
    for step, start in ((1, segs[-1] + 1), (-1, segs[0] - 1)):
        if step == 1 and _followed_in_segment(v, group, resolve):
            continue  # `schlug X den Obmann, Y, vor`: Y names the object after X, not a second subject
        seg, added, opened = start, [], False
        while 0 <= seg <= v.segs[-1]:
            if step == -1 and v.toks[v.seg_tokens(seg + 1)[0]].text in ("-", "–", "—"):
                opened = True  # `Hamburg - Die Bürgerschaft …`: a dateline opens the sentence
                break
            toks = [i for i in v.seg_tokens(seg) if not v.toks[i].is_punct]
            found = [m for m in v.mentions if v.segs[v.local(m)] == seg and resolve(m)]
            covered = {i for m in found for i in range(v.local(m), v.pos[m.end - 1] + 1)}
            if not found or any(i not in covered and v.toks[i].lower_ not in LIST_JOINERS
                                and v.toks[i].tag_ != "ART" for i in toks):
                break
            added += found
            seg += step
        if step == 1 or seg < 0 or opened:  # a list before the verb must open the sentence
            out += added
    return out


def _followed_in_segment(v: SentenceView, group: list[Mention], resolve) -> bool:
    """Do words other than names follow the group's last mention in its comma segment? Then
    a name in the next segment is the apposition of what stands between, not a list member."""
    last = max(group, key=v.local)
    seg = v.segs[v.local(last)]
    names = {i for m in v.mentions if v.segs[v.local(m)] == seg and resolve(m)
             for i in range(v.local(m), v.pos[m.end - 1] + 1)}
    return any(i > v.pos[last.end - 1] and i not in names and not v.toks[i].is_punct
               and v.toks[i].lower_ not in LIST_JOINERS for i in v.seg_tokens(seg))


def partners(v: SentenceView, ms: list[Mention], group: list[Mention]) -> list[Mention]:
    """`Die CSU hatte gemeinsam mit der bayerischen Staatsregierung geklagt`: co-holders."""
    out = []
    covered = _covered(v, ms)
    for m in ms:
        i = v.local(m) - 1
        while i >= 0 and v.toks[i].tag_ in ("ART", "ADJA"):
            i -= 1
        if i >= 1 and v.toks[i].lower_ == "mit" and v.toks[i - 1].lower_ in TOGETHER \
                and m not in group:
            out.append(m)
        elif i == 0 and v.toks[0].lower_ == "neben" and m not in group and _also(v, group):
            out.append(m)  # `Neben Polen lehnt auch Ungarn den Pakt ab`
        elif m not in group and _by_votes_of(v, v.local(m), covered):
            out.append(m)
    return out


def voters(v: SentenceView, ms: list[Mention]) -> list[Mention]:
    """With no subject found, the parties whose votes carried the decision hold it."""
    covered = _covered(v, ms)
    return [m for m in ms if _by_votes_of(v, v.local(m), covered)]


def _covered(v: SentenceView, ms: list[Mention]) -> set[int]:
    """The tokens the mentions span."""
    return {i for m in ms for i in range(v.local(m), v.pos[m.end - 1] + 1)}


def _by_votes_of(v: SentenceView, start: int, covered: set[int]) -> bool:
    """`mit den Stimmen von SPD und Grünen beschlossen`: the parties that voted for it
    (`covered`: the tokens of the sentence's mentions)."""
    i = start - 1
    while i >= 0 and (i in covered or v.toks[i].tag_ in ("ART", "ADJA") or v.toks[i].lower_ in LIST_JOINERS):
        i -= 1
    if i >= 0 and v.toks[i].lower_ in ("von", "der", "des"):
        i -= 1
    return i > 0 and v.toks[i].text in ("Stimmen", "Unterstützung") and v.toks[i - 1].lower_ in ("den", "der")


def _also(v: SentenceView, group: list[Mention]) -> bool:
    """Is `auch` right before the holder group (`… auch Ungarn`)?"""
    i = v.local(group[0]) - 1
    while i >= 0 and v.toks[i].tag_ in ("ART", "ADJA"):
        i -= 1
    return i >= 0 and v.toks[i].lower_ == "auch"
