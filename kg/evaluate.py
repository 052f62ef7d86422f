"""Score extracted positions against gold positions (the format of eval/ANNOTATION.md).

The matching rules are those of the reference scorer (eval/score_reference.py),
so numbers agree to the last digit: a system position matches a gold position
when both come from the same article, their sentences overlap (containment, or
token Jaccard >= 0.5 after lower-casing and stripping accents and punctuation)
and the system actor names the gold actor (same normalised name, an
`actor_alt`, or for persons the same surname of more than two letters).
Matching is one-to-one, best overlap first. On top of the numbers, the report
lists misses and false alarms, so annotators can read what went wrong.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KGError
from kg.evaluate_propositions import proposition_numbers
from kg.evaluate_propositions import render as render_propositions

FIELDS = ("stance", "act", "cap_major", "date")


class GoldError(KGError):
    """A gold or system file that is not JSONL positions; names file and line."""


def norm_tokens(text: str | None) -> list[str]:
    t = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9 ]+", " ", t).split()


def sentence_overlap(a: str, b: str) -> float:
    """1.0 when one sentence contains the other, else token Jaccard."""
    na, nb = " ".join(norm_tokens(a)), " ".join(norm_tokens(b))
    if not na or not nb:
        return 0.0
    if na in nb or nb in na:
        return 1.0
    ta, tb = set(na.split()), set(nb.split())
    return len(ta & tb) / len(ta | tb)


def actor_matches(system_actor: str, gold: dict) -> bool:
    s = " ".join(norm_tokens(system_actor))
    if not s:
        return False
    for name in [gold["actor"], *(gold.get("actor_alt") or [])]:
        g = " ".join(norm_tokens(name))
        if s == g:
            return True
        gt, st = g.split(), s.split()
        if gold.get("actor_type") == "person" and gt and st and gt[-1] == st[-1] and len(gt[-1]) > 2:
            return True
    return False


def load_jsonl(path: str | Path, required=("article", "sentence", "actor")) -> list[dict]:
    rows = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise GoldError(f"{path}: cannot read ({e})") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise GoldError(f"{path}:{n}: not JSON ({e.msg})") from None
        missing = [k for k in required if not isinstance(row, dict) or k not in row]
        if missing:
            raise GoldError(f"{path}:{n}: missing field(s) {', '.join(missing)}")
        rows.append(row)
    return rows


def match(system: list[dict], gold: list[dict]) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs, greedy by sentence overlap."""
    by_article = defaultdict(list)
    for si, s in enumerate(system):
        by_article[s.get("article")].append(si)
    candidates = []
    for gi, g in enumerate(gold):
        for si in by_article.get(g["article"], []):
            ov = sentence_overlap(system[si].get("sentence", ""), g["sentence"])
            if ov >= 0.5 and actor_matches(system[si].get("actor", ""), g):
                candidates.append((ov, gi, si))
    candidates.sort(reverse=True)
    used_g, used_s, pairs = set(), set(), []
    for _, gi, si in candidates:
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            pairs.append((gi, si))
    return pairs


def _f1(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


ALTERNATIVES = {"cap_major": "cap_alt", "act": "act_alt"}

# Function words left out of the claim comparison: the reference scorer's list, verbatim.
CLAIM_STOP = frozenset("""der die das den dem des ein eine einer eines einem einen und oder sowie aber
auch noch nur schon sehr mehr als wie so zu zum zur im in am an auf aus bei mit nach von vom
vor fur uber unter um durch gegen ohne bis seit fuer ueber sich sie er es ihr ihre ihren ihrem
seine seinen seinem sein wir man nicht kein keine keinen dass ob wenn weil damit dies diese
dieser dieses diesen hat haben habe hatte wird werden wurde wurden ist sind sei seien war
waren soll sollen solle sollte muss mussen musse kann konne konnen will wolle wollen
""".split())


def claim_words(text: str | None) -> set[str]:
    """Content words of a claim, compared by their first five letters (Rente ~ Renten)."""
    return {w[:5] for w in norm_tokens(text) if w not in CLAIM_STOP and len(w) > 1}


def claim_f1(system_claim: str | None, gold_claim: str | None) -> float:
    """Token F1 of the content words of two claims; 0 when either has none."""
    s, g = claim_words(system_claim), claim_words(gold_claim)
    if not s or not g:
        return 0.0
    return 2 * len(s & g) / (len(s) + len(g))


def _accepted(gold: dict, field_name: str) -> list:
    """The gold value and, for CAP and act, the alternatives a genuinely ambiguous case lists."""
    alt = ALTERNATIVES.get(field_name)
    return [gold.get(field_name), *(gold.get(alt) or [])] if alt else [gold.get(field_name)]


def _field_ok(field_name: str, sys_value, gold: dict) -> bool:
    gold_value = gold.get(field_name)
    if field_name == "date" and isinstance(sys_value, str) and isinstance(gold_value, str):
        return sys_value[:len(gold_value)] == gold_value
    return sys_value in _accepted(gold, field_name)


def _accuracy(pairs, gold, system, field_name: str, only=None) -> float:
    checked = [(gold[gi], system[si]) for gi, si in pairs
               if (only is None or gold[gi].get(field_name) == only)
               and not (field_name == "date" and gold[gi].get("date") is None)]
    if not checked:
        return 0.0
    return sum(_field_ok(field_name, s.get(field_name), g) for g, s in checked) / len(checked)


@dataclass
class Score:
    """The numbers of one comparison, plus what did not match."""

    numbers: dict
    misses: list[dict] = field(default_factory=list)
    false_alarms: list[dict] = field(default_factory=list)
    wrong: list[dict] = field(default_factory=list)
    propositions: dict | None = None  # kg.evaluate_propositions: grouping F1 and side accuracy


def score(system: list[dict], gold: list[dict], articles: set[str] | None = None) -> Score:
    if articles is not None:
        gold = [g for g in gold if g["article"] in articles]
        system = [s for s in system if s.get("article") in articles]
    pairs = match(system, gold)
    p, r, f = _f1(len(pairs), len(system), len(gold))
    strict = sum(1 for gi, si in pairs if system[si].get("stance") == gold[gi].get("stance")
                 and system[si].get("cap_major") in _accepted(gold[gi], "cap_major"))
    claims = [claim_f1(system[si].get("claim"), gold[gi].get("claim")) for gi, si in pairs]
    numbers = {
        "gold": len(gold), "system": len(system), "matched": len(pairs),
        "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
        "stance_acc": round(_accuracy(pairs, gold, system, "stance"), 3),
        "oppose_acc": round(_accuracy(pairs, gold, system, "stance", only="oppose"), 3),
        "cap_acc": round(_accuracy(pairs, gold, system, "cap_major"), 3),
        "act_acc": round(_accuracy(pairs, gold, system, "act"), 3),
        "date_acc": round(_accuracy(pairs, gold, system, "date"), 3),
        "claim_f1": round(sum(claims) / len(claims), 3) if claims else 0.0,
        "claim_ok": round(sum(1 for c in claims if c >= 0.5) / len(claims), 3) if claims else 0.0,
        "strict_f1": round(_f1(strict, len(system), len(gold))[2], 3),
    }
    matched_g, matched_s = {gi for gi, _ in pairs}, {si for _, si in pairs}
    wrong = [{"gold": gold[gi], "system": system[si],
              "fields": [k for k in FIELDS if not _field_ok(k, system[si].get(k), gold[gi])
                         and not (k == "date" and gold[gi].get("date") is None)]}
             for gi, si in pairs]
    return Score(numbers, [g for i, g in enumerate(gold) if i not in matched_g],
                 [s for i, s in enumerate(system) if i not in matched_s], [w for w in wrong if w["fields"]],
                 proposition_numbers(pairs, gold, system))


def per_article(system: list[dict], gold: list[dict]) -> dict[str, Score]:
    return {a: score(system, gold, {a}) for a in sorted({g["article"] for g in gold})}


def render_text(overall: Score, by_article: dict[str, Score] | None = None, details: bool = True) -> str:
    """A plain report: numbers per article and overall, then the lines to read."""
    cols = ("matched", "gold", "system", "precision", "recall", "f1", "strict_f1",
            "stance_acc", "oppose_acc", "act_acc", "cap_acc", "date_acc", "claim_f1", "claim_ok")
    lines = ["article".ljust(24) + " ".join(c.rjust(10) for c in cols)]
    for name, sc in (by_article or {}).items():
        lines.append(name[:24].ljust(24) + " ".join(str(sc.numbers[c]).rjust(10) for c in cols))
    lines.append("OVERALL".ljust(24) + " ".join(str(overall.numbers[c]).rjust(10) for c in cols))
    lines.append(render_propositions(overall.propositions))
    if details:
        lines.append(f"\nMisses ({len(overall.misses)}): gold positions no system position matched")
        lines += [f"  [{g['article']}] {g['actor']} {g.get('stance')}/{g.get('act')}: {g['sentence'][:110]}"
                  for g in overall.misses]
        lines.append(f"\nFalse alarms ({len(overall.false_alarms)}): system positions matching no gold position")
        lines += [f"  [{s.get('article')}] {s.get('actor')} {s.get('stance')}/{s.get('act')}: {s.get('sentence', '')[:110]}"
                  for s in overall.false_alarms]
        lines.append(f"\nMatched with wrong fields ({len(overall.wrong)})")
        lines += [f"  [{w['gold']['article']}] {w['gold']['actor']}: "
                  + ", ".join(f"{k} {w['system'].get(k)!r} (gold {w['gold'].get(k)!r})" for k in w["fields"])
                  + f" -- {w['gold']['sentence'][:80]}" for w in overall.wrong]
    return "\n".join(lines)


def render_json(overall: Score, by_article: dict[str, Score] | None = None) -> dict:
    out = {"overall": overall.numbers, "propositions": overall.propositions, "misses": overall.misses,
           "false_alarms": overall.false_alarms, "wrong_fields": overall.wrong}
    if by_article is not None:
        out["articles"] = {a: sc.numbers for a, sc in by_article.items()}
    return out
