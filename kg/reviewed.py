"""Reviewed positions as evaluation rows: the gold of `kg evaluate --reviewed`, the coders of
`kg agreement`.

The review store (kg.review, docs/review.md) keeps every coder's decisions; the scorers
(kg.evaluate, kg.agreement) compare lines of the eval/ANNOTATION.md format. This module is
the bridge, so both commands read reviewed data the same way:

- a position becomes the line `kg extract --format jsonl` would print for it, with the
  actor's type from the actors graph (the scorer accepts a person's surname only when the
  gold says person) and the CAP major topic of its topic (kg.nlp.topics.concept_cap);
- only articles whose review is complete count (every machine position has a decision):
  in a partly reviewed article the undecided machine positions are the machine's word,
  not a coder's, and as gold they would score the extractor against itself.
"""
from __future__ import annotations

from kg import iris
from kg.model import Article
from kg.store import Store

CODED = ("confirmed", "corrected", "added")  # a position a coder's own decision stands behind


def eval_rows(store: Store, positions) -> list[dict]:
    """kg.review.ReviewedPosition objects -> lines of the eval/ANNOTATION.md format."""
    from kg.nlp.topics import concept_cap

    persons = _persons(store, {p.actor_iri for p in positions})
    rows = []
    for p in positions:
        row = p.to_position().to_json()
        row["actor_type"] = "person" if p.actor_iri in persons else "organization"
        row["cap_major"] = concept_cap(p.topic) if p.topic else None
        row["review_status"] = p.status
        rows.append(row)
    return rows


def _persons(store: Store, actors: set[str]) -> set[str]:
    safe = sorted(a for a in actors if a and not any(c in a for c in '<>"{}|\\^` '))
    if not safe:
        return set()
    rows = store.query(f"""SELECT ?a WHERE {{ VALUES ?a {{ {' '.join(f'<{a}>' for a in safe)} }}
  GRAPH <{iris.ACTORS_GRAPH}> {{ ?a a <https://schema.org/Person> }} }}""")
    return {str(r["a"]) for r in rows}


def _article(info: dict) -> Article:
    return Article(info["id"], info.get("date"), info["text"], title=info.get("title"))


def reviewed_gold(store: Store) -> tuple[list[dict], list[Article], list[str]]:
    """(gold rows, the articles they are from, ids of articles skipped as partly reviewed):
    the effective positions of every completely reviewed article."""
    from kg import review

    gold, articles, partly = [], [], []
    for article_id in review.reviewed_articles(store):
        state = review.article_review(store, article_id)
        if state.status != "reviewed":
            partly.append(article_id)
            continue
        gold += eval_rows(store, state.effective)
        articles.append(_article(state.article))
    return gold, articles, partly


def coder_rows(store: Store, coder_a: str, coder_b: str) -> tuple[list[dict], list[dict], list[str], list[str]]:
    """(A's rows, B's rows, the articles both reviewed completely, the articles both touched
    but one left incomplete): what each coder coded (the positions their own decisions confirm,
    correct or add, as kg.review.reviewer_positions gives them), on articles where each decided on every
    machine position, so that a position neither touched is not taken for agreement."""
    from kg import review

    rows_a, rows_b, both, incomplete = [], [], [], []
    for article_id in review.reviewed_articles(store):
        if not {coder_a, coder_b} <= set(review.reviewers(store, article_id)):
            continue
        views = [review.article_review(store, article_id, users=[coder]) for coder in (coder_a, coder_b)]
        if any(view.status != "reviewed" for view in views):
            incomplete.append(article_id)
            continue
        both.append(article_id)
        coded = [[p for p in view.effective if p.status in CODED] for view in views]
        rows_a += eval_rows(store, coded[0])
        rows_b += eval_rows(store, coded[1])
    return rows_a, rows_b, both, incomplete
