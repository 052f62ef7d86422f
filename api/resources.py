"""The JSON-LD REST API: actors, topics, positions, articles, each a resource with links.

Each view builds one compact JSON-LD dict (api.render turns it into JSON-LD, Turtle,
N-Triples or HTML). The triples of a resource are those the store holds for it (see
api.queries); the only additions are navigation links in the Hydra and `api:`
vocabularies, so a client can walk the API from /actors.
"""
from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote, urlencode

from flask import Blueprint, current_app, redirect, request
from rdflib import URIRef

from api import list_stats, lists
from api import queries as q
from api.position_cache import kept_page, position_cache
from api.shared import services
from api.errors import BadRequest, NotFound
from api.i18n import t
from api.render import compactor, context, negotiate_resource, respond
from kg import iris
from kg.model import ACTS, STANCES

bp = Blueprint("resources", __name__)


@bp.before_request
def _negotiate_first():
    negotiate_resource()

KINDS = ("actor", "topic", "article", "position", "proposition")


def iri_for(kind: str, local: str) -> str:
    """The store IRI of an API path id. :raise 404: an id no IRI can have."""
    iri = q.safe_iri(f"{iris.namespace(kind)}{kind}/{quote(local, safe='')}")
    if iri is None or not local:
        raise NotFound(f"no {kind} {local!r}")
    return iri


def href(kind: str, iri: str, sub: str = "", root: str | None = None) -> str | None:
    """The API URL of a store IRI (plus a sub-resource such as "/positions"), or None for
    IRIs the API does not serve. Built as a string: url_for() per node was a tenth of an answer's
    time; `root` (request.url_root, computed anew on every access) is passed down by loops."""
    prefix = f"{iris.namespace(kind)}{kind}/"  # as iris.local_id, without raising: asked of every node
    iri = str(iri)
    if not iri.startswith(prefix):
        return None
    return f"{root or request.url_root}{kind}s/{iri[len(prefix):]}{sub}"


def _add_links(node: dict, root: str | None = None) -> dict:
    """href (and positions) links for every node the API serves, recursively."""
    root = root or request.url_root
    types = node.get("@type", [])
    types = [types] if isinstance(types, str) else types
    kinds = [] if "Evidence" in types else KINDS
    for kind in kinds:
        link = href(kind, node["@id"], root=root)
        if link:
            node["href"] = link
            if kind in ("actor", "topic", "proposition"):
                node["positions"] = href(kind, node["@id"], "/positions", root)
            break
    for value in node.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and "@id" in item and len(item) > 1:
                _add_links(item, root)
    return node


def paging() -> tuple[int, int]:
    """:raise 400: limit/offset not integers in range."""
    cfg = current_app.config
    try:
        limit = int(request.args.get("limit", cfg["PAGE_LIMIT"]))
        offset = int(request.args.get("offset", 0))
    except ValueError:
        raise BadRequest("limit and offset must be whole numbers") from None
    if not 1 <= limit <= cfg["MAX_PAGE_LIMIT"] or offset < 0:
        raise BadRequest(f"limit must be 1..{cfg['MAX_PAGE_LIMIT']} and offset >= 0")
    return limit, offset


def collection(members: list[dict], total: int, limit: int, offset: int) -> dict:
    """A Hydra collection page with first/previous/next links that keep the filters."""
    def page(at: int) -> str:
        args = request.args.to_dict(flat=True)
        args.update(limit=str(limit), offset=str(at))
        args.pop("format", None)
        return f"{request.base_url}?{urlencode(args)}"

    view = {"@id": page(offset), "@type": "PartialCollectionView", "first": page(0)}
    if offset > 0:
        view["previous"] = page(max(0, offset - limit))
    if offset + limit < total:
        view["next"] = page(offset + limit)
    return {"@context": context(), "@id": request.base_url, "@type": "Collection",
            "totalItems": total, "view": view, "member": [_add_links(m, request.url_root) for m in members]}


def _members(graph, roots, embed=None) -> list[dict]:
    """Compact nodes for `roots`; every other node the graph describes is nested where it is used."""
    described = {s for s, _, _ in graph}
    return compactor().nodes(graph, roots, embed=described - set(roots))


def position_filters(**fixed) -> dict:
    """topic, stance, act, proposition, side, from, to from the query string. :raise 400: unknown values."""
    args, filters = request.args, dict(fixed)
    if args.get("stance"):
        if args["stance"] not in STANCES:
            raise BadRequest(f"stance must be one of {', '.join(STANCES)}")
        filters["stance"] = f"{iris.ONTOLOGY}{args['stance'].capitalize()}"
    if args.get("act"):
        if args["act"] not in ACTS:
            raise BadRequest(f"act must be one of {', '.join(ACTS)}")
        filters["act"] = f"{iris.ONTOLOGY}{args['act'].capitalize()}Act"
    if args.get("side"):
        if args["side"] not in STANCES:
            raise BadRequest(f"side must be one of {', '.join(STANCES)}")
        filters["side"] = f"{iris.ONTOLOGY}{args['side'].capitalize()}"
    if args.get("proposition") and "proposition" not in filters:
        proposition = args["proposition"]
        if ":" not in proposition:
            proposition = iri_for("proposition", proposition)
        if q.safe_iri(proposition) is None or not proposition.startswith(iris.namespace("proposition") + "proposition/"):
            raise BadRequest("proposition must be a proposition id or IRI")
        filters["proposition"] = proposition
    if args.get("topic") and "topics" not in filters:
        topic = args["topic"] if args["topic"].startswith(iris.namespace("topic")) else iri_for("topic", args["topic"])
        if q.safe_iri(topic) is None:
            raise BadRequest("topic must be a topic id or IRI")
        filters["topics"] = q.topic_and_narrower(services().store, topic)
    filters["from"] = lists.date_bound(args.get("from"), "from", end=False)
    filters["to"] = lists.date_bound(args.get("to"), "to", end=True)
    return filters


def positions_collection(filters: dict) -> dict:
    store, cache = services().store, position_cache(services())
    limit, offset = paging()
    page, total = kept_page(store, filters, limit, offset, cache)
    graph = q.position_nodes(store, page, cache)
    return collection(_members(graph, page, embed=_evidence(graph)), total, limit, offset)


def _evidence(graph) -> set:
    return {o for _, p, o in graph if str(p) == iris.ONTOLOGY + "evidence"}


def _single(kind: str, graph, iri: str) -> dict:
    if not graph or len(graph) == 0:
        raise NotFound(f"no {kind} {iri}")
    return {"@context": context(), **_add_links(_members(graph, [URIRef(iri)])[0])}


# ---- routes ---------------------------------------------------------------------------------

def _list(kind: str, nodes) -> "Response":
    """/actors, /topics, /articles: one page of the sorted, filtered list (api.lists), each entry
    with its counts (positionCount, articleCount or actorCount, firstDate, lastDate)."""
    from api.i18n import language

    store, (limit, offset) = services().store, paging()
    query = lists.parse(kind, request.args, store)
    page, total = lists.page(store, kind, query, limit, offset, language(), services().cache)
    members = _members(nodes(store, page), page)
    stats = list_stats.entry_stats(store, kind, members, services().cache)
    for member in members:
        s = stats.get(member["@id"], {"positions": 0, "articles": 0, "actors": 0, "first": "", "last": ""})
        member["positionCount"] = s["positions"]
        member["actorCount" if kind == "article" else "articleCount"] = s["actors" if kind == "article" else "articles"]
        if s["first"] and kind != "article":
            member.update(firstDate=s["first"], lastDate=s["last"])
    return respond(collection(members, total, limit, offset), "collection.html", title=t(kind + "s"), list_kind=kind,
                   list_query=query, sorts=lists.SORTS[kind], actor_kinds=lists.ACTOR_KINDS)


@bp.get("/actors")
def actors():
    return _list("actor", q.actor_nodes)


@bp.get("/actors/<path:id>/positions")
def actor_positions(id):
    actor = iri_for("actor", id)
    if not q.actor_exists(services().store, actor):
        raise NotFound(f"no actor {actor}")
    return respond(positions_collection(position_filters(holder=actor)), "collection.html",
                   title=lambda: f"{t('positions_of')} {id}")


@lru_cache(maxsize=1)
def _renamed_actor_ids() -> dict[str, str]:
    """Gazetteer actor ids minted before umlauts were spelled out (`hendrik-wust`) -> the
    ids of today (`hendrik-wuest`), so that old links still arrive."""
    from kg.nlp.resources import actor_records

    out: dict[str, str] = {}
    for rec in actor_records():
        if "name" in rec and iris.legacy_slug(rec["name"]) != iris.slug(rec["name"]):
            out.setdefault(iris.legacy_slug(rec["name"]), iris.slug(rec["name"]))
    return out


@bp.get("/actors/<path:id>")
def actor(id):
    store, actor_iri = services().store, iri_for("actor", id)
    nodes = q.actor_nodes(store, [actor_iri])
    if (not nodes or len(nodes) == 0) and id in _renamed_actor_ids():
        return redirect(f"{request.url_root}actors/{_renamed_actor_ids()[id]}", code=301)
    data = _single("actor", nodes, actor_iri)
    return respond(data, "actor.html", timeline=lambda: _timeline(store, {"holder": actor_iri}))


@bp.get("/topics")
def topics():
    return _list("topic", q.topic_list_nodes)


@bp.get("/topics/<path:id>/positions")
def topic_positions(id):
    store, topic_iri = services().store, iri_for("topic", id)
    _single("topic", q.topic_node(store, topic_iri), topic_iri)
    filters = position_filters(topics=q.topic_and_narrower(store, topic_iri))
    return respond(positions_collection(filters), "collection.html", title=lambda: f"{t('positions_on')} {id}")


@bp.get("/topics/<path:id>")
def topic(id):
    store, topic_iri = services().store, iri_for("topic", id)
    data = _single("topic", q.topic_node(store, topic_iri), topic_iri)
    return respond(data, "topic.html", major=lambda: _linked(list_stats.major_topic(store, topic_iri), "topic"),
                   subtopics=lambda: [dict(s, href=href("topic", s["iri"])) for s in list_stats.subtopics(store, topic_iri)])


def _linked(entry: dict | None, kind: str) -> dict | None:
    return dict(entry, href=href(kind, entry["iri"])) if entry else None


@bp.get("/positions/<path:id>")
def position(id):
    store, position_iri = services().store, iri_for("position", id)
    graph = q.position_nodes(store, [position_iri], position_cache(services()))
    if not any(str(s) == position_iri for s, _, _ in graph):
        raise NotFound(f"no position {position_iri}")
    node = _members(graph, [URIRef(position_iri)], embed=_evidence(graph))[0]
    return respond({"@context": context(), **_add_links(node)}, "position.html",
                   context=lambda: _evidence_context(store, node))


def _evidence_context(store, node: dict) -> dict:
    """The sentences around the position's evidence in its article (api.article_view)."""
    from api.article_view import evidence_context, span

    article, where = node.get("derivedFrom"), span(node)
    article = article.get("@id") if isinstance(article, dict) else article
    if not where or not article or q.safe_iri(str(article)) is None:
        return {}
    return evidence_context(q.article_text(store, str(article)), *where)


@bp.get("/articles")
def articles():
    return _list("article", q.article_list_nodes)


@bp.get("/articles/<path:id>")
def article(id):
    """The article's named graph: the article node first, then its effective positions in text
    order (the positions reviewers corrected or added come from their review graphs)."""
    store, article_iri = services().store, iri_for("article", id)
    graph = q.article_graph(store, article_iri)
    if len(graph) == 0:
        raise NotFound(f"no article {article_iri}")
    positions = q.article_positions(store, article_iri)
    subjects = {t[0] for t in graph}
    reviewed = [p for p in positions if p not in subjects]
    if reviewed:
        graph = graph + q.position_nodes(store, reviewed)
    roots = [URIRef(article_iri)] + positions
    nodes = [_add_links(n) for n in _members(graph, roots, embed=_evidence(graph))]
    return respond({"@context": context(), "@graph": nodes}, "article.html", title=id,
                   labels=lambda: q.article_labels(store, article_iri))


def _timeline(store, filters) -> list[dict]:
    page, _ = q.position_page(store, filters, current_app.config["MAX_PAGE_LIMIT"], 0)
    graph = q.position_nodes(store, page, position_cache(services()))
    return [_add_links(n) for n in _members(graph, page, embed=_evidence(graph))]


def created_response(written) -> "Response":
    """201 with the new positions as a JSON-LD collection; Location names the (first) article."""
    store = services().store
    positions = [iris.position_iri(p.article, p.start, p.actor, p.claim) for _, ps in written for p in ps]
    graph = q.position_nodes(store, positions, position_cache(services()))
    members = _members(graph, [URIRef(p) for p in positions], embed=_evidence(graph))
    data = {"@context": context(), "@id": request.base_url, "@type": "Collection",
            "totalItems": len(members), "member": [_add_links(m) for m in members]}
    location = href("article", iris.article_iri(written[0][0].id)) if written else None
    return respond(data, "collection.html", status=201, headers={"Location": location} if location else None,
                   title=lambda: t("new_positions"))
