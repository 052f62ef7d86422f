"""Reading an article's review: the functions kg.review exports (see its docstring).

Apart from kg.review itself so that kg.review.queue can use them without an import cycle.
"""
from __future__ import annotations

from urllib.parse import unquote

from kg import iris
from kg.review.model import ArticleReview, ReviewedPosition
from kg.store import Store


def article_review(store: Store, article_id: str, users: list[str] | None = None) -> ArticleReview | None:
    """The review of one article (None: no such article); `users` limits it to their decisions."""
    from kg.review import read
    from kg.review.view import resolve

    article = read.article_info(store, article_id)
    if article is None:
        return None
    decisions = read.decisions(store, article_id)
    if users is not None:
        decisions = [d for d in decisions if d.reviewer in set(users)]
    return resolve(article, read.machine_positions(store, article_id), decisions)


def effective_positions(store: Store, article_id: str, users: list[str] | None = None) -> list[ReviewedPosition]:
    review = article_review(store, article_id, users)
    return review.effective if review else []


def reviewed_articles(store: Store) -> list[str]:
    """Ids of the articles (still in the store) with at least one decision, sorted."""
    from kg.review import read

    decided = read.decided_articles(store)
    prefix = iris.BASE + "article/"
    stored = set(store.graph_names())
    return sorted(unquote(a[len(prefix):]) for a in decided if a.startswith(prefix) and a in stored)


def reviewers(store: Store, article_id: str | None = None) -> list[str]:
    from kg.review import read

    decided = read.decided_articles(store)
    if article_id is not None:
        return sorted(decided.get(iris.article_iri(article_id), set()))
    return sorted(set().union(*decided.values())) if decided else []


def reviewer_positions(store: Store, article_id: str, user: str) -> list[ReviewedPosition]:
    """What one reviewer coded in an article: the positions their own decisions confirm,
    correct or add (their rejections and the positions they left alone are not in it).
    This is a coder's annotation for `kg agreement` and the gold of `kg evaluate --reviewed`."""
    review = article_review(store, article_id, users=[user])
    return [p for p in review.effective if p.status in ("confirmed", "corrected", "added")] if review else []
