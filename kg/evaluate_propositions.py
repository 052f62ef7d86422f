"""How well positions are grouped into propositions, and their sides, against gold.

The gold of eval/ANNOTATION.md may give each position a `proposition` (a short key,
the same across articles for the same question) and a `side` (support | oppose toward
that proposition). Over the matched positions whose gold has a proposition:

- grouping: every unordered pair of them is "same proposition" in the gold or not, and
  in the system output or not; precision, recall and F1 of the system's same-proposition
  pairs (the keys themselves need not agree, only who is grouped with whom);
- side_acc: the share of them whose system side equals the gold side.

These numbers come on top of the reference scorer's, which they leave untouched.
"""
from __future__ import annotations

from itertools import combinations


def proposition_numbers(pairs: list[tuple[int, int]], gold: list[dict], system: list[dict]) -> dict | None:
    """Grouping precision/recall/F1 and side accuracy over matched pairs (None without gold keys)."""
    rows = [(gold[gi], system[si]) for gi, si in pairs if gold[gi].get("proposition")]
    if not rows:
        return None
    same_gold = same_system = both = 0
    for (g1, s1), (g2, s2) in combinations(rows, 2):
        in_gold = g1["proposition"] == g2["proposition"]
        in_system = s1.get("proposition") is not None and s1.get("proposition") == s2.get("proposition")
        same_gold += in_gold
        same_system += in_system
        both += in_gold and in_system
    precision = both / same_system if same_system else 0.0
    recall = both / same_gold if same_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    sided = [(g, s) for g, s in rows if g.get("side")]
    side_acc = sum(s.get("side") == g["side"] for g, s in sided) / len(sided) if sided else 0.0
    return {"positions": len(rows), "gold_pairs": same_gold, "system_pairs": same_system,
            "grouping_precision": round(precision, 3), "grouping_recall": round(recall, 3),
            "grouping_f1": round(f1, 3), "side_acc": round(side_acc, 3)}


def render(numbers: dict | None) -> str:
    """One line for the text report."""
    if numbers is None:
        return "Propositions: the gold gives none"
    return ("Propositions over {positions} matched positions: grouping precision {grouping_precision}, "
            "recall {grouping_recall}, F1 {grouping_f1} ({system_pairs} system / {gold_pairs} gold "
            "same-proposition pairs); side accuracy {side_acc}").format(**numbers)
