"""Inter-coder agreement of two reviewers: attribution F1 and Krippendorff's alpha.

Before a team publishes coded data it shows that two coders, working apart on the same
articles, code alike. Standpunkt's unit is the position, so agreement has two parts:

- attribution: did both coders find the same positions? The two coders' positions are
  paired exactly as `kg evaluate` pairs system and gold positions (kg.evaluate.match: same
  article, overlapping sentence, actor naming the other's actor; one-to-one, best overlap
  first), the first coder standing where the gold stands. Precision, recall and F1 of the
  second coder against the first; F1 = 2·paired / (positions of A + positions of B) is the
  same whichever coder comes first.
- side and act: over the paired positions, Krippendorff's alpha for nominal data
  (the `krippendorff` package, which computes it from the coincidence matrix as
  Krippendorff 2011 describes), beside the plain share of pairs coded alike. A position
  only one coder found has no second value to compare, so alpha leaves it out (it counts
  against attribution F1 instead); so does a pair where one coder left the value empty.
  Alpha is undefined (None) when the paired values hold fewer than two distinct values:
  with no variation there is no chance agreement to correct for.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kg.evaluate import match

VARIABLES = ("side", "act")


def nominal_alpha(pairs: list[tuple[object, object]]) -> float | None:
    """Krippendorff's alpha (nominal) of two coders' values, one (a, b) pair per unit.

    None stands for a missing value; a unit without two values is not pairable. Returns None
    when alpha is undefined (no pairable unit, or a single value throughout)."""
    import krippendorff
    import numpy as np

    pairable = [(a, b) for a, b in pairs if a is not None and b is not None]
    values = sorted({str(v) for pair in pairable for v in pair})
    if not pairable or len(values) < 2:
        return None
    code = {v: float(i) for i, v in enumerate(values)}
    data = np.array([[code[str(a)] for a, _ in pairable], [code[str(b)] for _, b in pairable]])
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal",
                                    value_domain=list(code.values())))


@dataclass
class Agreement:
    """The numbers of two coders on a set of articles, and where they differ."""

    numbers: dict
    only_a: list[dict] = field(default_factory=list)
    only_b: list[dict] = field(default_factory=list)
    differ: list[dict] = field(default_factory=list)  # {"a", "b", "fields"} of paired positions


def agreement(coder_a: list[dict], coder_b: list[dict]) -> Agreement:
    """Compare two coders' positions (dicts of the eval/ANNOTATION.md format)."""
    pairs = sorted(match(coder_b, coder_a))  # (index in a, index in b), A standing where the gold stands
    n_a, n_b, m = len(coder_a), len(coder_b), len(pairs)
    numbers = {
        "articles": len({p.get("article") for p in coder_a + coder_b}),
        "a": n_a, "b": n_b, "paired": m,
        "precision": round(m / n_b, 3) if n_b else 0.0,
        "recall": round(m / n_a, 3) if n_a else 0.0,
        "f1": round(2 * m / (n_a + n_b), 3) if n_a + n_b else 0.0,
    }
    for var in VARIABLES:
        values = [(coder_a[ai].get(var), coder_b[bi].get(var)) for ai, bi in pairs]
        both = [(x, y) for x, y in values if x is not None and y is not None]
        alpha = nominal_alpha(values)
        numbers[f"{var}_units"] = len(both)
        numbers[f"{var}_agreement"] = round(sum(x == y for x, y in both) / len(both), 3) if both else None
        numbers[f"{var}_alpha"] = None if alpha is None else round(alpha, 3)
    paired_a, paired_b = {ai for ai, _ in pairs}, {bi for _, bi in pairs}
    differ = [{"a": coder_a[ai], "b": coder_b[bi],
               "fields": [v for v in VARIABLES if coder_a[ai].get(v) != coder_b[bi].get(v)]} for ai, bi in pairs]
    return Agreement(numbers, [p for i, p in enumerate(coder_a) if i not in paired_a],
                     [p for i, p in enumerate(coder_b) if i not in paired_b], [d for d in differ if d["fields"]])


def per_article(coder_a: list[dict], coder_b: list[dict], articles: list[str]) -> dict[str, Agreement]:
    """Agreement article by article (an article neither coder found a position in is kept: 0 / 0)."""
    by_a, by_b = defaultdict(list), defaultdict(list)
    for p in coder_a:
        by_a[p.get("article")].append(p)
    for p in coder_b:
        by_b[p.get("article")].append(p)
    return {art: agreement(by_a[art], by_b[art]) for art in articles}


COLUMNS = ("a", "b", "paired", "precision", "recall", "f1", "side_units", "side_agreement", "side_alpha",
           "act_units", "act_agreement", "act_alpha")


def render_text(names: tuple[str, str], overall: Agreement, by_article: dict[str, Agreement]) -> str:
    """A table, one row per article and one overall, then the differences to talk over."""
    a, b = names
    lines = [f"coder A: {a}   coder B: {b}   (alpha: Krippendorff, nominal; '-' = undefined)",
             "article".ljust(24) + " ".join(c.rjust(max(len(c), 5)) for c in COLUMNS)]
    cell = lambda v: "-" if v is None else str(v)  # noqa: E731
    for name, ag in [*by_article.items(), ("OVERALL", overall)]:
        lines.append(name[:24].ljust(24) + " ".join(cell(ag.numbers[c]).rjust(max(len(c), 5)) for c in COLUMNS))
    lines.append(f"\nOnly {a} ({len(overall.only_a)})")
    lines += [f"  [{p.get('article')}] {p.get('actor')} {p.get('side')}/{p.get('act')}: {str(p.get('sentence'))[:100]}"
              for p in overall.only_a]
    lines.append(f"\nOnly {b} ({len(overall.only_b)})")
    lines += [f"  [{p.get('article')}] {p.get('actor')} {p.get('side')}/{p.get('act')}: {str(p.get('sentence'))[:100]}"
              for p in overall.only_b]
    lines.append(f"\nPaired, coded differently ({len(overall.differ)})")
    lines += [f"  [{d['a'].get('article')}] {d['a'].get('actor')}: "
              + ", ".join(f"{k} {d['a'].get(k)!r} / {d['b'].get(k)!r}" for k in d["fields"])
              + f" -- {str(d['a'].get('sentence'))[:80]}" for d in overall.differ]
    return "\n".join(lines)


def render_json(names: tuple[str, str], overall: Agreement, by_article: dict[str, Agreement]) -> dict:
    return {"coders": list(names), "overall": overall.numbers,
            "articles": {name: ag.numbers for name, ag in by_article.items()},
            "only_a": overall.only_a, "only_b": overall.only_b, "differ": overall.differ}
