"""The review API: the queue, an article's review, and reviewers' decisions (docs/review.md).

Answers are plain JSON shaped by kg.review (the web view and scripts read the same), not
JSON-LD: a review is a working document about positions, while the decisions themselves
are RDF in the review graphs, served by /sparql, /export and /graph/review/… like all data.
Writes take the server's write lock and answer a refused decision with the status
kg.review chose (400, 403, 404, 409), having changed nothing.
"""
from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request

from api.auth import require_reviewer
from api.errors import BadRequest, HTTPProblem, NotFound
from api.shared import services
from kg import iris

bp = Blueprint("review", __name__)


def _problem(error) -> HTTPProblem:
    problem = HTTPProblem(str(error))
    problem.status = error.status
    return problem


@bp.get("/review")
def review_queue():
    """The queue: ?status=unreviewed|partly|reviewed&from=&to=&topic=&limit=&offset=."""
    from kg.review import ReviewError, queue
    from kg.review.model import ARTICLE_STATUSES

    args = request.args
    try:
        limit = int(args.get("limit", current_app.config["PAGE_LIMIT"]))
        offset = int(args.get("offset", 0))
    except ValueError:
        raise BadRequest("'limit' and 'offset' are whole numbers") from None
    if not 1 <= limit <= current_app.config["MAX_PAGE_LIMIT"] or offset < 0:
        raise BadRequest(f"'limit' is 1-{current_app.config['MAX_PAGE_LIMIT']} and 'offset' 0 or more")
    status = args.get("status") or None
    try:
        if status is not None and status not in ARTICLE_STATUSES:
            raise ReviewError(400, f"'status' is one of {', '.join(ARTICLE_STATUSES)}, not {status!r}")
        every = queue(services().store, date_from=args.get("from"), date_to=args.get("to"),
                      topic=args.get("topic") or None)  # one queue for the counts and the page
    except ReviewError as e:
        raise _problem(e) from None
    counts = {s: sum(1 for e in every if e.status == s) for s in ARTICLE_STATUSES}
    entries = [e for e in every if status is None or e.status == status]
    body = {"articles": [e.to_json() for e in entries[offset:offset + limit]], "total": len(entries),
            "counts": counts, "limit": limit, "offset": offset}
    from api.review_pages import queue_page, wants_html

    return queue_page(body) if wants_html() else jsonify(body)


@bp.get("/articles/<path:id>/review")
def article_review(id):
    """Machine positions in text order with their decisions, the effective view, conflicts."""
    from kg.review import article_review as review_of

    review = review_of(services().store, id)
    if review is None:
        raise NotFound(f"no article {id!r}")
    return jsonify(review.to_json())


@bp.post("/articles/<path:id>/decisions")
def add_decision(id):
    """:raise 401/403: no or no reviewer's token.  400/404/409: see kg.review.decide."""
    from kg.review import ReviewError, decide

    user = require_reviewer()
    body = request.get_json(silent=True, force=True)
    if body is None:
        raise BadRequest("the body is a JSON object: {\"kind\", \"position\"?, \"fields\"?, \"sentence\"?}")
    svc = services()
    with svc.writing([iris.article_iri(id)]):
        try:
            decision = decide(svc.store, id, user, body)
        except ReviewError as e:
            raise _problem(e) from None
    response = jsonify(decision.to_json())
    response.status_code = 201
    response.headers["Location"] = f"{request.url_root}articles/{id}/review"
    return response


@bp.delete("/articles/<path:id>/decisions/<decision_id>")
def undo_decision(id, decision_id):
    """Undo one of your decisions: 204.  :raise 403: another reviewer's.  404/409: see kg.review.undo."""
    from kg.review import ReviewError, undo

    user = require_reviewer()
    svc = services()
    with svc.writing([iris.article_iri(id)]):
        try:
            undo(svc.store, id, user, decision_id)
        except ReviewError as e:
            raise _problem(e) from None
    return Response(status=204)
