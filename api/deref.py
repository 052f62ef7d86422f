"""Dereferenceable IRIs: every IRI Standpunkt mints answers at its own path, in every format.

An IRI `{namespace}{kind}/{id}` (kg.iris) is served at `/{kind}/{id}`, and a document
IRI `{namespace}{name}` (the ontology, the shapes) at `/{name}`; hash IRIs
(`…/ontology#Position`) are answered by their document. With `kg serve --base-iri URL`
the data namespace is that URL, so a deployment on its own domain answers its IRIs
directly; under the default w3id namespace, docs/w3id/.htaccess redirects there.
Content negotiation is the REST API's: JSON-LD, Turtle, N-Triples, HTML.

A new kind of IRI needs one row in RESOURCES: the REST view that already shows it, or
None for the generic description (the IRI's own triples, blank nodes nested). When a
kind's view finds nothing (`…/position/{id}-evidence` is not a position), the generic
description is tried before 404.
"""
from __future__ import annotations

from flask import Blueprint, current_app, url_for
from rdflib import BNode, URIRef

from api import queries as q
from api.shared import services
from api.errors import NotFound
from api.render import compactor, context, negotiate_resource, respond
from kg import iris, ontology

bp = Blueprint("deref", __name__)

# name -> the ontology file that is the document `{namespace}{name}`
DOCUMENTS = {"ontology": "standpunkt.ttl", "shapes": "shapes.ttl", "api": "api.ttl"}


def named_graph(id: str):
    """`…/graph/{name}`: the named graph's triples (the actors, the topics, the ontology)."""
    iri = iri_of("graph", id)
    if iri not in services().store.graph_names():
        raise NotFound(f"no graph {iri}")
    return _document(list(services().store.graph(iri)), iri)


# kind -> the view of `/{kind}/{id}` (an endpoint name or a function), or None for the generic description
RESOURCES: dict[str, object] = {
    "actor": "resources.actor",
    "topic": "resources.topic",
    "position": "resources.position",
    "article": "resources.article",
    "proposition": "propositions.proposition",
    "issue": None,
    "graph": named_graph,
    "activity": None,   # what generated a position: an extractor version or a review (kg.provenance)
    "reviewer": None,
    "decision": None,
}


@bp.before_request
def _negotiate_first():
    negotiate_resource()


def iri_of(kind: str, local: str) -> str:
    """:raise 404: an id no IRI can have."""
    iri = q.safe_iri(f"{iris.namespace(kind)}{kind}/{local}")
    if iri is None or not local:
        raise NotFound(f"no {kind} {local!r}")
    return iri


def local_url(iri: str) -> str:
    """The path on this server that answers a Standpunkt IRI; other IRIs as they are."""
    iri = str(iri)
    document, _, fragment = iri.partition("#")
    for name in DOCUMENTS:
        if document == iris.namespace(name) + name:
            return url_for("deref.document", name=name) + (f"#{fragment}" if fragment else "")
    for kind in RESOURCES:
        prefix = f"{iris.namespace(kind)}{kind}/"
        if iri.startswith(prefix) and len(iri) > len(prefix):
            return url_for("deref.resource", kind=kind, local=iri[len(prefix):])
    return iri


def _nodes(triples, roots) -> list[dict]:
    return compactor().nodes(triples, roots, embed={s for s, _, _ in triples if isinstance(s, BNode)})


def describe(iri: str):
    """The generic answer: the IRI's own triples, in every format. :raise 404: none."""
    triples = q.construct(services().store, f"""CONSTRUCT {{ <{iri}> ?p ?o . ?o ?q ?v }}
        WHERE {{ GRAPH ?g {{ <{iri}> ?p ?o OPTIONAL {{ ?o ?q ?v FILTER(isBlank(?o)) }} }} }}""")
    if not triples:
        raise NotFound(f"no resource {iri}")
    node = _nodes(triples, [URIRef(iri)])[0]
    return respond({"@context": context(), **node}, "resource.html", title=iri.rsplit("/", 1)[-1])


def _document(triples, title: str):
    roots = sorted({s for s, _, _ in triples if isinstance(s, URIRef)}, key=str)
    return respond({"@context": context(), "@graph": _nodes(triples, roots)}, "document.html", title=title)


@bp.get("/<any(" + ", ".join(RESOURCES) + "):kind>/<path:local>")
def resource(kind: str, local: str):
    view = RESOURCES[kind]
    if view is None:
        return describe(iri_of(kind, local))
    try:
        return (current_app.view_functions[view] if isinstance(view, str) else view)(id=local)
    except NotFound:
        return describe(iri_of(kind, local))


@bp.get("/<any(" + ", ".join(DOCUMENTS) + "):name>")
def document(name: str):
    """The ontology or the shapes, one node per term (`…/ontology#Position` is a node here)."""
    return _document(list(ontology.load(DOCUMENTS[name])), iris.namespace(name) + name)
