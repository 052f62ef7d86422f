"""Positions and articles -> RDF graphs in the shape of ontology/standpunkt.ttl.

This stage only maps; it does not judge. A value that does not fit the model (a
date in another format, a confidence of 1.7, an unknown act) is written as given
so that kg.validate can name the node and the constraint it breaks. Every IRI
comes from kg.iris, so building the same input twice gives the same graph.
"""
from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from typing import Iterable
from urllib.parse import quote

import rdflib
from pyld import jsonld
from rdflib import Literal, URIRef

from kg import iris, ontology
from kg.model import Article, Position
from kg.namespaces import DCTERMS, PROV, RDF, RDFS, SCHEMA, SKOS, SP, XSD, bind_prefixes

STANCES = {"support": SP.Support, "oppose": SP.Oppose}
ACTS = {
    "demand": SP.DemandAct,
    "proposal": SP.ProposalAct,
    "rejection": SP.RejectionAct,
    "support": SP.SupportAct,
    "commitment": SP.CommitmentAct,
    "assertion": SP.AssertionAct,
}
DIRECTIONS = {"for": SP.For, "against": SP.Against}
ACTOR_CLASSES = {"person": SCHEMA.Person, "organization": SCHEMA.Organization}
LANG = "de"

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"\d{4}-\d{2}")
# characters an IRI may not hold literally; everything else in a URL is kept as written
_URL_SAFE = "".join(chr(c) for c in range(33, 127) if chr(c) not in '<>"{}|\\^`')


def date_literal(value: str | None) -> Literal | None:
    """'YYYY-MM-DD' -> xsd:date, 'YYYY-MM' -> xsd:gYearMonth, None -> None.

    Anything else becomes a plain string, which the shapes reject with the node named.
    """
    if value is None:
        return None
    if _DAY.fullmatch(value):
        return Literal(value, datatype=XSD.date)
    if _MONTH.fullmatch(value):
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value)


def confidence_literal(value: float) -> Literal:
    """A confidence as xsd:decimal in canonical form ("1", "0.8"), rounded to three places.

    Canonical, because triple stores (Oxigraph) canonicalise on write: "1.0" would
    come back as "1" and the graph read back would differ from the one built.
    """
    try:
        number = Decimal(str(round(float(value), 3))).normalize() + 0  # + 0 turns -0 into 0
    except (TypeError, ValueError, InvalidOperation):
        return Literal(str(value))
    if not number.is_finite():
        return Literal(str(value))
    return Literal(format(number, "f"), datatype=XSD.decimal)


def _term(table: dict, key: str, namespace_hint: str) -> URIRef:
    """The ontology individual for a key; an unknown key becomes an undeclared IRI the shapes reject."""
    if key in table:
        return table[key]
    return URIRef(f"{iris.ONTOLOGY}unknown-{namespace_hint}-{iris.slug(str(key))}")


def article_node(graph: rdflib.Graph, article: Article) -> URIRef:
    """Add the schema:NewsArticle node of `article` to `graph` and return its IRI."""
    node = URIRef(iris.article_iri(article.id))
    graph.add((node, RDF.type, SCHEMA.NewsArticle))
    graph.add((node, DCTERMS.identifier, Literal(article.id)))
    date = date_literal(article.date)
    if date is not None:
        graph.add((node, DCTERMS.date, date))
    graph.add((node, SCHEMA.text, Literal(article.text, lang=LANG)))
    if article.title:
        graph.add((node, SCHEMA.headline, Literal(article.title, lang=LANG)))
    if article.url:
        graph.add((node, SCHEMA.url, URIRef(quote(article.url, safe=_URL_SAFE))))
    return node


def position_iri(position: Position) -> URIRef:
    """The position's IRI: one article, sentence start, actor and claim name one position."""
    return URIRef(iris.position_iri(position.article, position.start, position.actor, position.claim))


def position_node(graph: rdflib.Graph, position: Position, article: URIRef,
                  activity: URIRef | None = None, node: URIRef | None = None) -> URIRef:
    """Add one position and its evidence node to `graph` and return the position IRI.

    `activity` is what generated it (default: this extractor version, kg.provenance; a
    reviewer's position names the review activity and its own `node` IRI instead).
    """
    from kg.provenance import extract_activity

    node = node if node is not None else position_iri(position)
    evidence = URIRef(iris.evidence_iri(str(node)))
    graph.add((node, RDF.type, SP.Position))
    graph.add((node, SP.holder, URIRef(position.actor_iri or iris.actor_iri(position.actor))))
    graph.add((node, SP.stance, _term(STANCES, position.stance, "stance")))
    graph.add((node, SP.act, _term(ACTS, position.act, "act")))
    if position.topic:
        graph.add((node, SP.topic, URIRef(position.topic)))
    graph.add((node, SP.claim, Literal(position.claim, lang=LANG)))
    date = date_literal(position.date)
    if date is not None:
        graph.add((node, DCTERMS.date, date))
    graph.add((node, PROV.wasDerivedFrom, article))
    graph.add((node, SP.evidence, evidence))
    graph.add((node, SP.confidence, confidence_literal(position.confidence)))
    graph.add((node, PROV.wasGeneratedBy, activity if activity is not None else extract_activity(graph)))
    if position.proposition:
        graph.add((node, SP.proposition, proposition_node(graph, position)))
        if position.side is not None:
            graph.add((node, SP.side, _term(STANCES, position.side, "side")))
        if position.direction is not None:
            graph.add((node, SP.direction, _term(DIRECTIONS, position.direction, "direction")))
    graph.add((evidence, RDF.type, SP.Evidence))
    graph.add((evidence, RDF.value, Literal(position.sentence, lang=LANG)))
    graph.add((evidence, SP.startOffset, Literal(position.start, datatype=XSD.integer)))
    graph.add((evidence, SP.endOffset, Literal(position.end, datatype=XSD.integer)))
    return node


def proposition_node(graph: rdflib.Graph, position: Position) -> URIRef:
    """Add the position's proposition to `graph` (once) and return its IRI.

    Each article graph that refers to a proposition carries its node, so an article can
    be replaced or dropped alone; the IRI is the same in every article, and so is the label
    (a free proposition's is its key's head lemmas, kg.nlp.propositions).
    """
    node = URIRef(iris.proposition_iri(position.proposition))
    if (node, RDF.type, SP.Proposition) not in graph:
        graph.add((node, RDF.type, SP.Proposition))
        graph.add((node, RDFS.label, Literal(position.proposition_label or position.claim, lang=LANG)))
        if position.issue:
            graph.add((node, SP.issue, URIRef(position.issue)))
    return node


def article_graph(article: Article, positions: Iterable[Position]) -> rdflib.Graph:
    """The triples of one article's named graph: the article node, its positions and the
    extraction activity (extractor version) that generated them.

    Positions name their holders by IRI only; the actor nodes go to the actors graph
    (see actors_graph), so validate the union of both. Positions that mint the same
    IRI are the same position by definition: the first one is kept, so one duplicate
    from extraction cannot give a node two acts and sink the whole article.
    """
    graph = bind_prefixes(rdflib.Graph(identifier=URIRef(iris.article_iri(article.id))))
    node = article_node(graph, article)
    activity = None
    seen: set[URIRef] = set()
    for position in positions:
        if position.article != article.id:
            raise ValueError(f"position of article {position.article!r} given for article {article.id!r}")
        if activity is None:
            from kg.provenance import extract_activity

            activity = extract_activity(graph)
        if position_iri(position) not in seen:
            seen.add(position_node(graph, position, node, activity))
    return graph


def actors_graph(positions: Iterable[Position]) -> rdflib.Graph:
    """The actor nodes the positions refer to, for the shared actors graph.

    An actor seen in several positions gets the union of its surface forms; its
    type and kind come from its first position that states them, so the result
    depends only on the order of the positions, which extraction keeps stable.
    """
    graph = bind_prefixes(rdflib.Graph(identifier=URIRef(iris.ACTORS_GRAPH)))
    typed: set[URIRef] = set()
    kinded: set[URIRef] = set()
    for position in positions:
        node = URIRef(position.actor_iri or iris.actor_iri(position.actor))
        graph.add((node, RDF.type, SP.Actor))
        if node not in typed and position.actor_type in ACTOR_CLASSES:
            graph.add((node, RDF.type, ACTOR_CLASSES[position.actor_type]))
            typed.add(node)
        if graph.value(node, RDFS.label) is None:
            graph.add((node, RDFS.label, Literal(position.actor)))
        label = str(graph.value(node, RDFS.label))
        for alias in position.aliases:
            if alias and alias != label:
                graph.add((node, SKOS.altLabel, Literal(alias)))
        if node not in kinded and position.actor_kind:
            graph.add((node, SP.actorKind, Literal(position.actor_kind)))
            kinded.add(node)
        if position.party and position.actor_type == "person":
            party = URIRef(iris.actor_iri(position.party))
            graph.add((node, SCHEMA.memberOf, party))
            graph.add((party, RDF.type, SP.Actor))
            graph.add((party, RDF.type, SCHEMA.Organization))
            if graph.value(party, RDFS.label) is None:
                graph.add((party, RDFS.label, Literal(position.party)))
            if party not in kinded:
                graph.add((party, SP.actorKind, Literal("party")))
                kinded.add(party)
    return graph


def to_jsonld(graph: rdflib.Graph, *, context_url: str | None = None) -> dict:
    """The graph (or a Dataset, keeping its named graphs) as compacted JSON-LD.

    Compacted with ontology/context.jsonld; xsd:integer values stay JSON numbers;
    nodes are sorted by @id so the same graph always gives the same document, and
    the result parses back to an isomorphic graph. With `context_url`, the output
    refers to the context by URL (as the API serves it) instead of inlining it.
    """
    fmt = "nquads" if graph.context_aware else "nt"
    lines = graph.serialize(format=fmt, encoding="utf-8").decode("utf-8").splitlines()
    nquads = "\n".join(sorted(line for line in lines if line.strip())) + "\n"
    expanded = jsonld.from_rdf(nquads, {"format": "application/n-quads", "useNativeTypes": True})
    compacted = jsonld.compact(expanded, ontology.context(), {"graph": True})
    _sort_nodes(compacted)
    if context_url:
        compacted["@context"] = context_url
    return compacted


def _sort_nodes(document: dict) -> None:
    """Order each @graph list by @id (pyld keeps input order, which is not canonical)."""
    nodes = document.setdefault("@graph", [])
    nodes.sort(key=lambda node: node.get("@id", ""))
    for node in nodes:
        if isinstance(node.get("@graph"), list):
            _sort_nodes(node)


def from_jsonld(document: dict | str, *, dataset: bool = False) -> rdflib.Graph:
    """Parse a JSON-LD document written by to_jsonld (context inline) back into RDF.

    With `dataset`, named graphs stay separate (an rdflib.Dataset); else one graph.
    """
    text = document if isinstance(document, str) else json.dumps(document)
    graph = rdflib.Dataset() if dataset else rdflib.Graph()
    graph.parse(data=text, format="json-ld")
    return bind_prefixes(graph)
