"""Review: coders confirm, reject, correct and add positions; their decisions are data.

The stable Python API (docs/review.md), for the web view, `kg evaluate --reviewed` and
`kg agreement`:

- `article_review(store, article_id)`: machine positions with their status, every decision
  (re-attached, conflicts flagged), the effective positions, the article's review status
- `effective_positions(store, article_id, users=None)`: the effective view, from all or
  only some reviewers' decisions (one reviewer at a time for agreement)
- `reviewer_positions(store, article_id, user)`: what one reviewer coded (confirmed,
  corrected, added), for agreement and evaluation
- `reviewed_articles(store)`, `reviewers(store, article_id=None)`
- `queue(store, ...)`: articles with their review status, for the review queue
- `decide(store, article_id, user, body)`, `undo(store, article_id, user, decision_id)`
- `kg.review.users`: reviewers and their hashed tokens (`kg user add|list|remove`)
"""
from __future__ import annotations

from kg.review.decide import decide, undo
from kg.review.model import ArticleReview, Decision, ReviewError, ReviewedPosition, review_graph_iri
from kg.review.queue import QueueEntry, queue
from kg.review.service import article_review, effective_positions, reviewed_articles, reviewer_positions, reviewers

__all__ = ["article_review", "effective_positions", "reviewer_positions", "reviewed_articles", "reviewers", "queue", "decide",
           "undo", "ArticleReview", "Decision", "ReviewedPosition", "ReviewError", "QueueEntry",
           "review_graph_iri"]
