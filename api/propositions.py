"""Propositions as resources: /propositions, /propositions/{id}, /propositions/{id}/positions.

A proposition is the question positions take sides on ("Wehrpflicht"), one node across
articles. Its resource says who is for it and who against (one entry per actor and side,
with how often and from when to when); its positions, newest first, give the course over
time. The topic and actor pages read their propositions from here too.
"""
from __future__ import annotations

from flask import Blueprint, request
from rdflib import URIRef

from api import proposition_queries as pq
from api import queries as q
from api.errors import NotFound
from api.i18n import t
from api.render import context, negotiate_resource, respond
from api.resources import _add_links, _members, collection, href, iri_for, paging, position_filters, \
    positions_collection
from api.position_cache import position_cache
from api.shared import services

bp = Blueprint("propositions", __name__)
SIDES = {"support": "supporters", "oppose": "opponents"}


@bp.before_request
def _negotiate_first():
    negotiate_resource()


@bp.get("/propositions")
def propositions():
    """Every proposition, most argued first; `topic=` keeps those taken on under a topic."""
    store, (limit, offset) = services().store, paging()
    topics = None
    if request.args.get("topic"):
        topics = q.topic_and_narrower(store, iri_for("topic", request.args["topic"].rsplit("/", 1)[-1]))
    page, total = pq.proposition_page(store, limit, offset, topics)
    counts = pq.side_counts(store, [str(p) for p in page])
    members = _members(pq.proposition_nodes(store, page), page)
    for member in members:
        member["supportCount"], member["opposeCount"] = counts.get(member["@id"], (0, 0))
    return respond(collection(members, total, limit, offset), "propositions.html", title=lambda: t("propositions"))


@bp.get("/propositions/<path:id>/positions")
def proposition_positions(id):
    proposition = _existing(id)[0]
    return respond(positions_collection(position_filters(proposition=proposition)), "collection.html",
                   title=lambda: f"{t('positions_on')} {id}")


@bp.get("/propositions/<path:id>")
def proposition(id):
    proposition, node = _existing(id)
    store = services().store
    for side, key in SIDES.items():
        node[key] = [_entry(row) for row in pq.sides_by_actor(store, [proposition]) if row["side"] == side]
    return respond({"@context": context(), **_add_links(node)}, "proposition.html",
                   timeline=lambda: _timeline(proposition))


def _existing(id: str) -> tuple[str, dict]:
    """The proposition's IRI and compact node. :raise 404: no position names it."""
    proposition = iri_for("proposition", id)
    graph = pq.proposition_nodes(services().store, [proposition])
    if not any(str(s) == proposition for s, _, _ in graph):
        raise NotFound(f"no proposition {proposition}")
    return proposition, _members(graph, [URIRef(proposition)])[0]


def _entry(row: dict) -> dict:
    actor = {"@id": row["item"], "label": row["label"]}
    link = href("actor", row["item"])
    if link:
        actor["href"] = link
    entry = {"actor": actor, "positionCount": row["n"]}
    if row["first"]:
        entry.update(firstDate=row["first"], lastDate=row["last"])
    return entry


def _timeline(proposition: str) -> list[dict]:
    from flask import current_app

    store = services().store
    page, _ = q.position_page(store, {"proposition": proposition}, current_app.config["MAX_PAGE_LIMIT"], 0)
    graph = q.position_nodes(store, page, position_cache(services()))
    return [_add_links(n) for n in _members(graph, page, embed={o for _, p, o in graph
                                                                 if str(p).endswith("#evidence")})]


@bp.app_template_global()
def topic_propositions(topic: str, limit: int = 30) -> list[dict]:
    """For the topic page: the propositions taken on under the topic (and its narrower
    topics), most argued first, each with the actors for and against."""
    store = services().store
    page, _ = pq.proposition_page(store, limit, 0, q.topic_and_narrower(store, topic))
    return _with_sides(store, [str(p) for p in page])


@bp.app_template_global()
def actor_propositions(actor: str) -> list[dict]:
    """For the actor page: each proposition the actor took a side on, with side and dates."""
    rows = pq.actor_propositions(services().store, actor)
    for row in rows:
        row["href"] = href("proposition", row["proposition"])
    return rows


@bp.app_template_global()
def top_propositions(limit: int = 10) -> list[dict]:
    """For the overview: the most argued propositions with their positions for and against."""
    store = services().store
    page, _ = pq.proposition_page(store, limit, 0)
    counts = pq.side_counts(store, [str(p) for p in page])
    rows = _with_sides(store, [str(p) for p in page])
    for row in rows:
        row["support_n"], row["oppose_n"] = counts.get(row["iri"], (0, 0))
    return rows


def _with_sides(store, propositions: list[str]) -> list[dict]:
    labels = {str(r["p"]): str(r["label"]) for r in store.query(pq.PREFIXES + f"""
SELECT ?p (MIN(STR(?l)) AS ?label) WHERE {{ {q.values('p', propositions)} GRAPH ?g {{ ?p rdfs:label ?l }} }} GROUP BY ?p""")} \
        if propositions else {}
    out = {p: {"iri": p, "href": href("proposition", p), "label": labels.get(p, p.rsplit("/", 1)[-1]),
               "support": [], "oppose": []} for p in propositions}
    for row in pq.sides_by_actor(store, propositions):
        row["href"] = href("actor", row["item"])
        out[row["proposition"]][row["side"]].append(row)
    return list(out.values())
