"""How an article names an issue in its own words, for a claim that names nothing of its own
(kg.nlp.propositions): the article's shortest noun phrase for the issue, where it is the
codebook's label said shorter (`Zurückweisungen` for `Zurückweisungen an der Grenze`).
Read over kg.nlp.issue_index's units; `positions` and `found` are the article's positions and
their proposals (kg.nlp.propositions).
"""
from __future__ import annotations

import re
from typing import Sequence

from kg.nlp.issue_index import FUNCTION, content_units, units

INFLECTED = re.compile(r"(e|en|er|es|em)$")  # an attribute before a noun ("eingehendere")


def content_size(claim: str) -> int:
    """Content words of a claim."""
    return len(content_units(claim))


def shortens(name: str, label: str) -> bool:
    """Whether the article's name is the label said shorter: fewer content words, each one of
    the label's (`Zurückweisungen` of `Zurückweisungen an der Grenze`; not `Marschflugkörper`,
    a hidden label, for `Taurus-Lieferung an die Ukraine`)."""
    stems = {u.stem for u in content_units(label)}
    words = content_units(name)
    return len(words) < len(stems) and all(u.stem in stems for u in words)


def noun_phrase(claim: str) -> bool:
    """A noun phrase ("Zurückweisungen", "höhere Steuern für Reiche"), not a clause ("mit der SPD
    regieren", "eine Steuer für Reiche dürfe kein Tabu sein"): every word that is no function
    word a noun, a number or an inflected attribute right before a noun."""
    every, words = units(claim), content_units(claim)
    last_noun = max((k for k, u in enumerate(words) if u.surface[:1].isupper()), default=-1)
    return last_noun >= 0 and all(u.surface[:1].isupper() or u.text.isdigit()
                                  or (k < last_noun and INFLECTED.search(u.text) and _before_noun(every, u))
                                  for k, u in enumerate(words))


def _before_noun(every: list, word) -> bool:
    """An attribute stands right before its noun or another attribute (`höhere Steuern`, not
    `… dürfe kein Tabu`)."""
    nxt = every[word.index + 1] if word.index + 1 < len(every) else None  # a unit's index is its place
    return nxt is not None and (nxt.surface[:1].isupper()
                                or (nxt.text not in FUNCTION and bool(INFLECTED.search(nxt.text))))


def article_names(index, positions: Sequence, found: Sequence, vague: Sequence[bool]) -> dict[str, str]:
    """How the article itself names each issue: the shortest noun phrase claim of its own
    (fewest content words, the first among equals) whose words name the issue, by issue key.
    A claim that only points back or judges ("die Entscheidung", "ein Irrweg") is about the
    matter as the article calls it ("die Zurückweisungen"), which the codebook may name at
    more length ("Zurückweisungen an der Grenze"). `vague`: the claims that name nothing."""
    best: dict[str, tuple[int, str]] = {}
    for p, proposal, v in zip(positions, found, vague):
        if proposal.issue is None or proposal.aspect or p.claim_points_back or v or not noun_phrase(p.claim) \
                or not names_issue(index, p.claim, proposal.issue):
            continue
        size = content_size(p.claim)
        if proposal.key not in best or size < best[proposal.key][0]:
            best[proposal.key] = (size, p.claim)
    return {key: claim for key, (size, claim) in best.items()}


def names_issue(index, claim: str, issue: str) -> bool:
    """Whether the claim's own words name the issue (its IRI)."""
    hit = index.find(units(claim))
    return hit is not None and index.iris[hit.issue] == issue


def named_issues(index, found: Sequence) -> dict[int, int]:
    """How often the positions of an article name each issue (by index)."""
    named: dict[int, int] = {}
    for proposal in found:
        if proposal.issue is not None:
            idx = index.position(proposal.issue)
            named[idx] = named.get(idx, 0) + 1
    return named


def only_names(index, claim: str) -> bool:
    """Whether every content word of the claim is one of its issue's names (`mit der SPD
    regieren` for `Schwarz-rote Koalition`): it says nothing but which issue."""
    words = units(claim)
    hit = index.find(words)
    return hit is not None and all(u.index in hit.units for u in words if u.text not in FUNCTION)


def fuller_name(index, claim: str, issue: str, positions: Sequence) -> str | None:
    """`an den Zurückweisungen festhalten` after `Zurückweisung von Asylsuchenden an den
    Grenzen`: a claim of one noun naming its issue is the article's first fuller noun phrase
    for it with that noun (a definite mention of something named before)."""
    words = content_units(claim)
    if len(words) != 1 or not words[0].surface[:1].isupper() or not names_issue(index, claim, issue):
        return None
    for p in positions:
        other = content_units(p.claim)
        if 1 < len(other) <= 6 and other[0].stem == words[0].stem and noun_phrase(p.claim) \
                and names_issue(index, p.claim, issue):
            return p.claim
    return None
