"""The web pages: overview at /, the SPARQL query page; actor/topic pages render from api.resources."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, render_template, request, url_for

from api import article_view, charts
from api.shared import services
from api import queries as q

bp = Blueprint("ui", __name__)


def example_queries(lang: str = "de") -> list[dict]:
    """ontology/queries/*.rq; the first comment line of each file is its German title, a
    comment line `# en: …` its English one."""
    from kg import ontology

    folder = ontology.ontology_dir() / "queries"
    examples = []
    for path in sorted(Path(folder).glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        titles = {"en": line[len("# en:"):].strip() for line in lines if line.startswith("# en:")}
        first = lines[0] if lines else ""
        titles["de"] = first.lstrip("# ").strip() if first.startswith("#") else path.stem
        examples.append({"name": path.stem, "title": titles.get(lang) or titles["de"], "query": text})
    return examples


@bp.get("/")
def overview():
    """Counts, the ten most quoted actors and the most argued propositions (sides are
    counted per proposition only); cached until the next write."""
    svc = services()
    if "overview" not in svc.cache:
        svc.cache["overview"] = {"stats": q.overview(svc.store), "actors": q.position_counts(svc.store, "holder")[:10]}
    return render_template("overview.html", **svc.cache["overview"])


@bp.get("/query")
def query_page():
    from api.i18n import language

    return render_template("sparql.html", examples=example_queries(language()), terms=result_terms(language()))


def result_terms(lang: str) -> dict:
    """What the query page's table needs to show IRIs as a reader would: the vocabulary's labels
    (sp:Oppose as "dagegen", api.vocabulary) and, per kind of resource, the IRI prefix and its path here."""
    from api.deref import RESOURCES
    from api.vocabulary import term_labels
    from kg import iris

    links = [[f"{iris.namespace(kind)}{kind}/", f"/{kind}/"] for kind in RESOURCES]
    return {"labels": term_labels(lang), "links": links}


@bp.app_template_global()
def side_picture(propositions: list[dict]) -> dict:
    """Propositions (api.propositions.top_propositions) -> diverging bars of the positions
    for and against each one, linking to the proposition's page."""
    items = [{"item": p["href"], "label": p["label"], "support": p["support_n"], "oppose": p["oppose_n"]}
             for p in propositions]
    return charts.diverging_bars(items, lambda link: link)


bp.add_app_template_filter(article_view.first_sentence, "first_sentence")
bp.add_app_template_global(article_view.marked_text, "marked_text")
bp.add_app_template_global(article_view.evidence_anchor, "evidence_anchor")


@bp.app_template_global()
def timeline_picture(positions):
    from api.i18n import t

    return charts.timeline(positions, no_topic=t("no_topic"))


@bp.app_template_filter()
def text(value):
    """A JSON-LD value (string, value object, list) as display text."""
    if isinstance(value, list):
        return ", ".join(text(v) for v in value)
    if isinstance(value, dict) and not {"@value", "@id"} & value.keys():  # a language map
        return charts.literal_text(value)
    if isinstance(value, dict):
        return str(value.get("@value", value.get("label") or value.get("prefLabel") and text(value["prefLabel"])
                                 or value.get("@id", "")))
    return "" if value is None else str(value)


@bp.app_template_filter("label")
def label(value):
    """A label (prefLabel, rdfs:label) for display: the one in the page's language, else the German one."""
    from api.i18n import language

    return charts.literal_text(value, language())


@bp.app_template_global()
def api_href(kind, iri):
    from api.resources import href

    return href(kind, iri) or local(iri)


@bp.app_template_filter()
def local(iri):
    """A Standpunkt IRI as the path on this server that answers it (pages never link away to it)."""
    from api.deref import local_url

    return local_url(iri)


@bp.app_template_global()
def nav():
    """The menu, in the page's language; links keep an explicit ?lang= so a reader stays in it."""
    from api.i18n import t

    keep = {"lang": request.args["lang"]} if request.args.get("lang") in ("de", "en") else {}
    return [(t(key), url_for(endpoint, **keep)) for key, endpoint in (
        ("overview", "ui.overview"), ("actors", "resources.actors"), ("topics", "resources.topics"),
        ("propositions", "propositions.propositions"), ("networks", "networks.networks"),
        ("articles", "resources.articles"), ("review", "review.review_queue"), ("sparql", "ui.query_page"))]
