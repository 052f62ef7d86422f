"""What the decisions make of an article: targets, conflicts, the winner per position, the
effective positions. Pure functions of the machine positions and the decisions, so the API,
`kg evaluate --reviewed` and `kg agreement` (one reviewer's decisions at a time) agree, and
so the SPARQL of ontology/queries/12-effective-positions.rq can be tested against them.

The rules (docs/review.md): a decision targets the machine position it names if that still
exists, else every machine position with its sentence offsets and actor (re-attachment after
a new extraction; `add` only the latter, and only those no confirm/reject/correct targets,
so an addition never takes over a position another decision covers). Per machine position
the latest decision wins.
"""
from __future__ import annotations

import copy

from kg.review.model import ArticleReview, Decision, ReviewedPosition

_MACHINE_STATUS = {"confirm": "confirmed", "reject": "rejected", "correct": "corrected", "add": "added"}


def targets(decision: Decision, by_iri: dict[str, ReviewedPosition],
            by_key: dict[tuple, list[ReviewedPosition]]) -> list[str]:
    if decision.kind != "add" and decision.position in by_iri:
        return [decision.position]
    return [p.iri for p in by_key.get((decision.start, decision.end, decision.actor), [])]


def conflict(decision: Decision, by_iri: dict[str, ReviewedPosition]) -> str | None:
    """Why a decision no longer fits, or None (see model.CONFLICTS)."""
    if not decision.targets:
        return None if decision.kind == "add" else "gone"
    if len(decision.targets) > 1:
        return "ambiguous"
    if decision.kind in ("confirm", "reject") and decision.digest \
            and by_iri[decision.targets[0]].digest() != decision.digest:
        return "changed"
    return None


def resolve(article: dict, machine: list[ReviewedPosition], decisions: list[Decision]) -> ArticleReview:
    """The article's review. Copies its inputs' positions, so a caller's lists stay as read."""
    machine = [copy.deepcopy(p) for p in machine]
    decisions = sorted((copy.deepcopy(d) for d in decisions), key=lambda d: d.order)
    by_iri = {p.iri: p for p in machine}
    by_key: dict[tuple, list[ReviewedPosition]] = {}
    for p in machine:
        by_key.setdefault(p.key, []).append(p)
    for d in decisions:
        d.targets = targets(d, by_iri, by_key)
    covered = {t for d in decisions if d.kind != "add" for t in d.targets}
    winner: dict[str, Decision] = {}
    for d in decisions:
        if d.kind == "add":
            d.targets = [t for t in d.targets if t not in covered]
        d.conflict = conflict(d, by_iri)
        for t in d.targets:
            winner[t] = d  # sorted oldest first: the latest wins
            by_iri[t].decisions.append(d.id)
    effective = []
    for p in machine:
        if p.iri in winner:
            p.status = _MACHINE_STATUS[winner[p.iri].kind]
        if p.status in ("unreviewed", "confirmed"):
            effective.append(p)
    for d in decisions:
        if d.result is not None and (not d.targets or any(winner[t] is d for t in d.targets)):
            d.result.status = "corrected" if d.kind == "correct" else "added"
            d.result.decisions = [d.id]
            effective.append(d.result)
    effective.sort(key=lambda p: (p.start, p.end, p.actor_label or "", p.claim, p.iri))
    return ArticleReview(article=article, positions=machine, decisions=decisions, effective=effective,
                         status=article_status(machine, decisions, winner))


def article_status(machine: list[ReviewedPosition], decisions: list[Decision], winner: dict) -> str:
    if not decisions:
        return "unreviewed"
    return "reviewed" if all(p.iri in winner for p in machine) else "partly"
