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
from dataclasses import dataclass

import numpy as np

from kg.networks.query import Count


class Network:
    """Nodes (dicts with at least id, label, mode) and edges (source, target, weight, …).

    `edges` may be given as an EdgeColumns: a one-mode network over thousands of actors has
    up to millions of edges, computed as arrays; their dicts are made on first use of `edges`.
    """

    def __init__(self, type: str, normalization: str, nodes: list[dict], edges, *,
                 start: str | None = None, end: str | None = None, meta: dict | None = None):
        self.type, self.normalization, self.nodes = type, normalization, nodes
        self._edges = edges
        self.start, self.end = start, end  # the window's first and last day, for a sequence
        self.meta = meta or {}

    @property
    def edges(self) -> list[dict]:
        if isinstance(self._edges, EdgeColumns):
            self._edges = self._edges.rows()
        return self._edges

    @property
    def edge_count(self) -> int:
        return len(self._edges)


@dataclass
class EdgeColumns:
    """One-mode edges as parallel columns (actor indexes, weights, raw counts), and every
    actor's activity n_i. `type` is the network's; a subtract edge is "congruence" where its
    weight is positive, else "conflict"."""
    type: str
    actors: list[str]
    activity: list[int]
    source: np.ndarray
    target: np.ndarray
    weight: np.ndarray
    congruence: np.ndarray
    conflict: np.ndarray

    def __len__(self) -> int:
        return len(self.source)

    def rows(self) -> list[dict]:
        names, fixed = self.actors, None if self.type == "subtract" else self.type
        return [{"source": names[a], "target": names[b], "weight": w,
                 "type": fixed or ("congruence" if w > 0 else "conflict"), "congruence": c, "conflict": f}
                for a, b, w, c, f in zip(self.source.tolist(), self.target.tolist(), self.weight.tolist(),
                                         self.congruence.tolist(), self.conflict.tolist())]


def matrix(counts: list[Count]) -> dict[str, dict[tuple[str, bool], int]]:
    """x as {actor: {(proposition, support): count}}, summing rows of different days."""
    x: dict[str, dict[tuple[str, bool], int]] = defaultdict(lambda: defaultdict(int))
    for c in counts:
        x[c.actor][(c.proposition, c.support)] += c.n
    return x


def one_mode(statements: list[Count], type_: str, normalization: str, min_weight: float = 0.0) -> EdgeColumns:
    """Edges of the congruence, conflict or subtract network (see the module docstring).

    Weights are computed and filtered on the matrices; only kept edges leave numpy."""
    actors, counts = _count_matrix(statements)
    congruence, conflict = _pair_sums(counts)
    raw = {"congruence": congruence, "conflict": conflict, "subtract": congruence - conflict}[type_]
    rows, cols = np.nonzero(np.triu(raw, 1))
    c, f = np.rint(congruence[rows, cols]).astype(np.int64), np.rint(conflict[rows, cols]).astype(np.int64)
    activity = counts.sum(axis=1, dtype=np.float64)
    if normalization == "average":
        d = (activity[rows] + activity[cols]) / 2
    elif normalization == "cosine":
        norm = np.sqrt(np.einsum("ij,ij->i", counts, counts, dtype=np.float64))
        d = norm[rows] * norm[cols]
    elif normalization == "jaccard":
        # Σ x_i·[x_i'=0] = n_i − (x_i summed over the cells i' also has), and the same for i'
        shared = _shared(counts, rows, cols)
        d = (activity[rows] - shared[0]) + (activity[cols] - shared[1]) + c
    else:
        d = np.ones(len(rows))
    values = (c if type_ == "congruence" else f if type_ == "conflict" else c - f).astype(np.float64)
    weight = np.divide(values, d, out=np.zeros(len(rows)), where=d > 0)
    keep = (weight != 0) & (np.abs(weight) >= min_weight)
    return EdgeColumns(type_, actors, np.rint(activity).astype(np.int64).tolist(),
                       rows[keep], cols[keep], weight[keep], c[keep], f[keep])


def _count_matrix(statements: list[Count]) -> tuple[list[str], np.ndarray]:
    """The actors and X = [S | O]: one row per actor, its support counts per proposition
    then its oppose counts (rows of different days summed). Floating point for BLAS: float32
    when no pair sum can reach 2**24 (n_i · n_i' bounds Σ x_i·x_i'), so every product is
    still an exact integer."""
    actors = sorted({c.actor for c in statements})
    propositions = sorted({c.proposition for c in statements})
    row, column, size = {a: i for i, a in enumerate(actors)}, {p: j for j, p in enumerate(propositions)}, len(statements)
    r = np.fromiter((row[c.actor] for c in statements), np.int64, size)
    k = np.fromiter((column[c.proposition] + (0 if c.support else len(propositions)) for c in statements),
                    np.int64, size)
    n = np.fromiter((c.n for c in statements), np.int64, size)
    top = np.sort(np.bincount(r, weights=n, minlength=2))[-2:]
    dtype = np.float32 if float(top[0]) * float(top[1]) < 2 ** 24 else np.float64
    counts = np.zeros((len(actors), 2 * len(propositions)), dtype=dtype)
    np.add.at(counts, (r, k), n)
    return actors, counts


def _pair_sums(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """C and F as matrix products over the support (S) and oppose (O) halves of X:
    C = S·Sᵀ + O·Oᵀ = X·Xᵀ and F = S·Oᵀ + O·Sᵀ = M + Mᵀ with M = S·Oᵀ (three products, not four)."""
    half = counts.shape[1] // 2
    support, oppose = counts[:, :half], counts[:, half:]
    m = support @ oppose.T
    return counts @ counts.T, m + m.T


def _shared(counts: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For Jaccard: shared[i,i'] = Σ x[i,j,k]·[x[i',j,k] > 0] for the pairs (rows, cols) and
    the reverse pairs, from one product X·[X>0]ᵀ."""
    shared = counts @ (counts > 0).astype(counts.dtype).T
    return np.rint(shared[rows, cols]), np.rint(shared[cols, rows])


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
