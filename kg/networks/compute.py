"""Discourse networks from statement counts: the arithmetic, with no store and no formats.

Notation after Leifeld's Discourse Network Analyzer (DNA; P. Leifeld, "Discourse Network
Analysis", in The Oxford Handbook of Political Networks, 2017, and the DNA manual): x[i,j,k]
is the number of statements of actor i on proposition j with side k (k = support or oppose),
n_i = Σ_j Σ_k x[i,j,k] the actor's activity.

One-mode actor × actor networks (no loops; pairs counted per proposition, as DNA does):
    congruence  C(i,i') = Σ_j Σ_k x[i,j,k] · x[i',j,k]          (same side of the same proposition)
    conflict    F(i,i') = Σ_j Σ_k x[i,j,k] · x[i',j,¬k]         (opposite sides)
    subtract    S(i,i') = C(i,i') − F(i,i')
Normalisations divide a dyad's value by d(i,i') (a zero denominator gives 0; subtract divides
congruence and conflict by the same d, so it stays their difference):
    none        d = 1
    average     d = (n_i + n_i') / 2                            (average activity)
    jaccard     d = Σ x[i,j,k]·[x[i',j,k]=0] + Σ x[i',j,k]·[x[i,j,k]=0] + Σ x[i,j,k]·x[i',j,k]
    cosine      d = ‖x_i‖ · ‖x_i'‖, ‖x_i‖ = √(Σ_j Σ_k x[i,j,k]²)
Cosine: DNA divides by n_i · n_i' (√(n_i²)·√(n_i'²)), which equals the vector norms only when
every count is 0 or 1 and otherwise pushes two identical profiles far below 1. Standpunkt uses
the Euclidean norms of the actors' (proposition, side) count vectors — Salton's cosine, the
measure the name promises: two actors with proportional profiles score exactly 1, and with
qualifier "each" (all counts 0/1) the two definitions differ only in the square root.

Two-mode networks: actor × proposition ("affiliation") and actor × issue, weight
w(i,j) = Σ_k x[i,j,k], with the side as DNA's "combine": for, against or both.
Normalisations: none; activity w(i,j)/n_i (row share); prominence w(i,j)/Σ_i w(i,j) (column share).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from kg.networks.query import Count


@dataclass
class Network:
    """Nodes (dicts with at least id, label, mode) and edges (source, target, weight, …)."""
    type: str
    normalization: str
    nodes: list[dict]
    edges: list[dict]
    start: str | None = None  # the window's first and last day, for a sequence
    end: str | None = None
    meta: dict = field(default_factory=dict)


def matrix(counts: list[Count]) -> dict[str, dict[tuple[str, bool], int]]:
    """x as {actor: {(proposition, support): count}}, summing rows of different days."""
    x: dict[str, dict[tuple[str, bool], int]] = defaultdict(lambda: defaultdict(int))
    for c in counts:
        x[c.actor][(c.proposition, c.support)] += c.n
    return x


def one_mode(x, type_: str, normalization: str, min_weight: float = 0.0) -> list[dict]:
    """Edges of the congruence, conflict or subtract network (see the module docstring).

    Weights are computed and filtered on the matrices, so only kept edges become dicts."""
    actors, congruence, conflict, shared = _pair_sums(x)
    raw = {"congruence": congruence, "conflict": conflict, "subtract": congruence - conflict}[type_]
    rows, cols = np.nonzero(np.triu(raw, 1))
    activity = np.array([sum(x[a].values()) for a in actors], dtype=float)
    norm = np.sqrt(np.array([sum(v * v for v in x[a].values()) for a in actors], dtype=float))
    c, f = congruence[rows, cols], conflict[rows, cols]
    if normalization == "average":
        d = (activity[rows] + activity[cols]) / 2
    elif normalization == "cosine":
        d = norm[rows] * norm[cols]
    elif normalization == "jaccard":
        # Σ x_i·[x_i'=0] = n_i − (x_i summed over the cells i' also has), and the same for i'
        d = (activity[rows] - shared[rows, cols]) + (activity[cols] - shared[cols, rows]) + c
    else:
        d = np.ones(len(rows))
    values = raw[rows, cols]
    weight = np.divide(values, d, out=np.zeros(len(rows)), where=d > 0)
    keep = (weight != 0) & (np.abs(weight) >= min_weight)
    if type_ == "subtract":
        kinds = np.where(weight > 0, "congruence", "conflict")
    else:
        kinds = np.full(len(rows), type_)
    return [{"source": actors[a], "target": actors[b], "weight": w, "type": t, "congruence": ci, "conflict": fi}
            for a, b, w, t, ci, fi in zip(rows[keep].tolist(), cols[keep].tolist(), weight[keep].tolist(),
                                           kinds[keep].tolist(), c[keep].tolist(), f[keep].tolist())]


def _pair_sums(x):
    """C, F and the overlaps for Jaccard as matrix products over the actors' support (S) and
    oppose (O) count matrices: C = S·Sᵀ + O·Oᵀ, F = S·Oᵀ + O·Sᵀ, and shared[i,i'] =
    Σ x[i,j,k]·[x[i',j,k] > 0] = (S·[S>0]ᵀ + O·[O>0]ᵀ)[i,i']. Products run in floating point (BLAS) and are rounded back: counts stay exact below 2**53."""
    actors = sorted(x)
    propositions = sorted({p for row in x.values() for p, _ in row})
    column = {p: j for j, p in enumerate(propositions)}
    support = np.zeros((len(actors), len(propositions)))  # float: BLAS; exact below 2**53
    oppose = np.zeros_like(support)
    for a, actor in enumerate(actors):
        for (proposition, is_support), n in x[actor].items():
            (support if is_support else oppose)[a, column[proposition]] += n
    exact = lambda m: np.rint(m).astype(np.int64)  # noqa: E731
    congruence = exact(support @ support.T + oppose @ oppose.T)
    conflict = exact(support @ oppose.T + oppose @ support.T)
    shared = exact(support @ (support > 0).T + oppose @ (oppose > 0).T)
    return actors, congruence, conflict, shared


def two_mode(x, normalization: str, min_weight: float = 0.0, column_of=None) -> list[dict]:
    """Edges actor → proposition (or → issue, when `column_of` maps a proposition to its issue;
    propositions without one drop out), weight Σ_k x and side for / against / both."""
    cells: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for actor, row in x.items():
        for (proposition, support), n in row.items():
            column = column_of(proposition) if column_of else proposition
            if column:
                cells[(actor, column)][0 if support else 1] += n
    rows, columns = defaultdict(int), defaultdict(int)
    for (actor, column), (pro, contra) in cells.items():
        rows[actor] += pro + contra
        columns[column] += pro + contra
    edges = []
    for (actor, column), (pro, contra) in sorted(cells.items()):
        weight = float(pro + contra)
        if normalization == "activity":
            weight /= rows[actor]
        elif normalization == "prominence":
            weight /= columns[column]
        if weight < min_weight or not weight:
            continue
        side = "both" if pro and contra else ("for" if pro else "against")
        edges.append({"source": actor, "target": column, "weight": weight, "side": side,
                      "support": pro, "oppose": contra})
    return edges
