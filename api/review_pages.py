"""The review web pages: the queue (/review for a browser) and one article (/review/{id}).

The article page is a shell the server fills with what does not change while a coder works:
the text cut into its sentences (kg.nlp.sentences, the extractor's own splitter, so a chosen
sentence has the offsets the extractor would give it) and the choices for the edit form
(actors of the gazetteer and the store, topics, codebook issues, acts). Everything that
changes -- positions, decisions, conflicts -- review.js reads from and writes to the JSON API
(GET /articles/{id}/review, POST and DELETE /articles/{id}/decisions), with the coder's token.
"""
from __future__ import annotations

from flask import Blueprint, render_template, request

from api.errors import NotFound
from api.i18n import language, t
from api.review_words import SCRIPT_KEYS
from api.shared import services
from kg import iris

bp = Blueprint("review_pages", __name__)

ACTS = ("demand", "proposal", "rejection", "support", "commitment", "assertion")
PREFIXES = """PREFIX schema: <http://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX sp: <https://w3id.org/standpunkt/ontology#>
"""


@bp.get("/review/<path:id>")
def article_page(id: str):
    from kg.nlp.sentences import split
    from kg.review.read import article_info

    article = article_info(services().store, id)
    if article is None:
        raise NotFound(f"no article {id!r}")
    text = article["text"]
    segments, at = [], 0
    for start, end, _ in split(text):
        if start > at:
            segments.append({"text": text[at:start]})
        segments.append({"text": text[start:end], "start": start, "end": end})
        at = end
    if at < len(text):
        segments.append({"text": text[at:]})
    lang = language()
    return render_template("review_article.html", id=id, article=article, segments=segments,
                           choices=_choices(lang), terms=_term_labels(lang),
                           script_words={key: t(key) for key in SCRIPT_KEYS})


def wants_html() -> bool:
    """?format=html, or a browser's Accept preferring HTML (no Accept header: JSON)."""
    if request.args.get("format"):
        return request.args["format"] == "html"
    return request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html"


def queue_page(body: dict):
    """The queue as a page: the body of GET /review's JSON, filtered as the query string says."""
    limit, offset = body["limit"], body["offset"]
    pages = {"previous": _page(max(offset - limit, 0)) if offset > 0 else None,
             "next": _page(offset + limit) if offset + limit < body["total"] else None}
    return render_template("review_queue.html", entries=body["articles"], counts=body["counts"], total=body["total"],
                           first=offset + 1, args=request.args, topics=_choices(language())["topics"], pages=pages)


def _page(offset: int) -> str:
    """This queue's URL (same filters, language and page size) from another offset."""
    from urllib.parse import urlencode

    args = {k: v for k, v in request.args.items() if k != "offset"}
    return f"{request.path}?{urlencode({**args, 'offset': offset})}"


def _term_labels(lang: str) -> dict[str, dict[str, str]]:
    """Acts and sides by their ontology labels (api.vocabulary), keyed as the review API keys them."""
    from api.vocabulary import label_of

    return {"acts": {act: label_of(act.capitalize() + "Act", lang) for act in ACTS},
            "sides": {side: label_of(side.capitalize(), lang) for side in ("support", "oppose")}}


def _choices(lang: str) -> dict:
    """Actors (gazetteer and store), topics and issues for the edit form's lists; cached until
    the next write (a write may bring new actors)."""
    cache = services().cache
    key = f"review-choices-{lang}"
    if key not in cache:
        cache[key] = {"actors": _actors(), "topics": _concepts(iris.TOPICS_GRAPH, lang),
                      "issues": _concepts(iris.ISSUES_GRAPH, lang)}
    return cache[key]


def _actors() -> list[dict]:
    """Every actor a coder may pick: the store's (with their IRIs) and the gazetteer's; `row` is
    the compact form the page hands its script ([name, type, IRI or null])."""
    from kg.nlp import resources

    rows = services().store.query(PREFIXES + f"""
SELECT ?a (SAMPLE(?l) AS ?label) (SAMPLE(?person) AS ?isPerson) WHERE {{ GRAPH <{iris.ACTORS_GRAPH}> {{
  ?a a sp:Actor ; rdfs:label ?l . BIND(EXISTS {{ ?a a schema:Person }} AS ?person) }} }} GROUP BY ?a""")
    actors = {str(r["label"]): {"name": str(r["label"]), "iri": str(r["a"]),
                                "type": "person" if r["isPerson"].toPython() else "organization"}
              for r in rows if "label" in r}
    for record in resources.actor_records():
        if record.get("name") and record["name"] not in actors:
            actors[record["name"]] = {"name": record["name"], "iri": None,
                                      "type": record.get("type", "organization")}
    return [{**a, "row": [a["name"], a["type"], a["iri"]]} for a in sorted(actors.values(), key=lambda a: a["name"].casefold())]


def _concepts(graph: str, lang: str) -> list[dict]:
    rows = services().store.query(PREFIXES + f"""
SELECT ?c (SAMPLE(?de) AS ?german) (SAMPLE(?other) AS ?own) WHERE {{ GRAPH <{graph}> {{ ?c a skos:Concept
  OPTIONAL {{ ?c skos:prefLabel ?de FILTER(LANG(?de) = "de") }}
  OPTIONAL {{ ?c skos:prefLabel ?other FILTER(LANG(?other) = "{lang}") }} }} }} GROUP BY ?c""")
    out = [{"iri": str(r["c"]), "key": str(r["c"]).rstrip("/").rsplit("/", 1)[-1],
            "label": str(r.get("own") or r.get("german") or str(r["c"]).rsplit("/", 1)[-1])} for r in rows]
    return sorted(out, key=lambda c: c["label"].casefold())
