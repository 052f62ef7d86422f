"""Review the development set to its gold through kg.review, then score with both kinds of gold.

A coder who reviews an article until its positions are the gold's should make
`kg evaluate --reviewed` say what `kg evaluate --gold` says about the same extractor. This
script plays that coder on eval/dev (a building set): it ingests the articles into a fresh
embedded store, pairs the machine positions with the gold positions as kg.evaluate pairs them,
then per pair confirms or corrects (stance, act, side, claim, date: where the machine's value is
not one the gold accepts), rejects every unpaired machine position and adds every unpaired gold
position for its sentence (actor, proposition and fields from the gold). It prints the decisions,
their CPU time, and the numbers of kg.evaluate against the file gold and against the reviewed
gold side by side. Fields a decision cannot carry differ by design: `cap_acc` (the reviewed CAP
code comes from the position's topic) and alternatives (`act_alt`, `cap_alt`, `actor_alt`).

    python bench/review_roundtrip.py [--articles N]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIELDS = ("stance", "act", "side", "claim", "date")


def _accepted(gold: dict, key: str) -> list:
    return [gold.get(key), *(gold.get("act_alt") or [] if key == "act" else [])]


def bodies_for(article, machine, gold) -> list[dict]:
    """The decisions that turn an article's machine positions into its gold positions."""
    from kg.evaluate import match

    rows = [p.to_position().to_json() for p in machine]
    pairs = match(rows, gold)
    out = []
    for gi, si in pairs:
        fields = {k: gold[gi].get(k) for k in FIELDS
                  if rows[si].get(k) not in _accepted(gold[gi], k) and (gold[gi].get(k) is not None or k == "date")}
        out.append({"kind": "correct", "position": machine[si].iri, "fields": fields} if fields
                   else {"kind": "confirm", "position": machine[si].iri})
    paired_s, paired_g = {si for _, si in pairs}, {gi for gi, _ in pairs}
    out += [{"kind": "reject", "position": p.iri} for si, p in enumerate(machine) if si not in paired_s]
    for gi, g in enumerate(gold):
        start = article.text.find(g["sentence"])
        if gi in paired_g or start < 0:
            continue
        fields = {k: g[k] for k in FIELDS if g.get(k) is not None}
        fields["actor"] = {"name": g["actor"], "type": g.get("actor_type", "organization")}
        if g.get("proposition"):
            fields["proposition"], fields["proposition_label"] = g["proposition"], g.get("claim")
        else:
            fields.pop("side", None)
        out.append({"kind": "add", "sentence": {"start": start, "end": start + len(g["sentence"])}, "fields": fields})
    return out


def main() -> int:
    from kg import review
    from kg.articles import read_paths
    from kg.evaluate import load_jsonl, score
    from kg.extract import extract
    from kg.ingest import ingest_articles
    from kg.reviewed import reviewed_gold
    from kg.store import OxigraphStore

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=0, help="only the first N articles (default all)")
    args = parser.parse_args()
    articles = list(read_paths([ROOT / "eval" / "dev" / "articles"]))[:args.articles or None]
    ids = {a.id for a in articles}
    gold = [g for g in load_jsonl(ROOT / "eval" / "dev" / "gold.jsonl") if g["article"] in ids]
    with tempfile.TemporaryDirectory() as folder, OxigraphStore(Path(folder) / "store") as store:
        ingest_articles(store, articles, report=lambda line: None)
        kinds: dict[str, int] = {}
        started, refused = time.process_time(), []
        for article in articles:
            machine = review.article_review(store, article.id).positions
            for body in bodies_for(article, machine, [g for g in gold if g["article"] == article.id]):
                try:
                    review.decide(store, article.id, "gold", body)
                    kinds[body["kind"]] = kinds.get(body["kind"], 0) + 1
                except review.ReviewError as e:
                    refused.append(f"{article.id} {body['kind']}: {e}")
        spent = time.process_time() - started
        reviewed, reviewed_articles, partly = reviewed_gold(store)
    system = [p.to_json() for a in reviewed_articles for p in extract(a)]
    done = sum(kinds.values())
    print(f"{len(articles)} articles, {len(gold)} gold positions; decisions {kinds}, "
          f"{spent / max(done, 1) * 1000:.0f} ms CPU each; refused {len(refused)}; partly reviewed {partly}")
    for line in refused[:10]:
        print("  refused", line)
    by_file, by_review = score(system, gold).numbers, score(system, reviewed).numbers
    print(f"{'':12} {'file gold':>10} {'reviewed':>10}")
    for key in by_file:
        mark = "" if by_file[key] == by_review[key] else "  <-"
        print(f"{key:12} {by_file[key]!s:>10} {by_review[key]!s:>10}{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
