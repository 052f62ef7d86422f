"""The RDF vocabularies the project writes, in one place.

`SP` mirrors ontology/standpunkt.ttl term by term with `_fail = True`, so a typo
(`SP.stence`) raises at once instead of minting a term nobody declared; a test keeps
the two lists equal. The other vocabularies are re-exported so every module spells
them the same way (schema.org as https://schema.org/, like rdflib's SDO).
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SH, SKOS, XSD, DefinedNamespace

from kg.iris import ONTOLOGY

SCHEMA = SDO
SPSH = Namespace("https://w3id.org/standpunkt/shapes#")

__all__ = ["SP", "SPSH", "SCHEMA", "SDO", "PROV", "SKOS", "DCTERMS", "RDF", "RDFS", "OWL", "XSD",
           "SH", "PREFIXES", "bind_prefixes"]


class SP(DefinedNamespace):
    """https://w3id.org/standpunkt/ontology# — see ontology/standpunkt.ttl for each term's meaning."""

    _NS = Namespace(ONTOLOGY)
    _fail = True

    # classes
    Position: URIRef
    Actor: URIRef
    Stance: URIRef
    Act: URIRef
    Evidence: URIRef
    Proposition: URIRef
    Direction: URIRef
    Decision: URIRef
    Reviewer: URIRef
    # stances
    Support: URIRef
    Oppose: URIRef
    # directions of a claim toward its proposition
    For: URIRef
    Against: URIRef
    # acts
    DemandAct: URIRef
    ProposalAct: URIRef
    RejectionAct: URIRef
    SupportAct: URIRef
    CommitmentAct: URIRef
    AssertionAct: URIRef
    # position properties
    holder: URIRef
    stance: URIRef
    act: URIRef
    topic: URIRef
    claim: URIRef
    evidence: URIRef
    confidence: URIRef
    proposition: URIRef
    side: URIRef
    direction: URIRef
    # proposition properties
    issue: URIRef
    # evidence properties
    startOffset: URIRef
    endOffset: URIRef
    # actor properties
    actorKind: URIRef
    # review (docs/review.md)
    decisionKind: URIRef
    onArticle: URIRef
    onPosition: URIRef
    sentenceStart: URIRef
    sentenceEnd: URIRef
    decidedActor: URIRef
    resultingPosition: URIRef
    changedField: URIRef
    positionDigest: URIRef
    # review status graphs (kg.review.status)
    supersededBy: URIRef
    reviewStatus: URIRef
    decidedCount: URIRef
    conflictCount: URIRef
    # keys and codes
    stanceKey: URIRef
    actKey: URIRef
    directionKey: URIRef
    cameoRootCode: URIRef
    capCode: URIRef


PREFIXES = {
    "sp": SP._NS,
    "schema": SCHEMA._NS,
    "prov": PROV._NS,
    "dcterms": DCTERMS._NS,
    "skos": SKOS._NS,
    "rdf": RDF._NS,
    "rdfs": RDFS._NS,
    "owl": OWL._NS,
    "xsd": XSD._NS,
}


def bind_prefixes(graph):
    """Bind the project's prefixes so Turtle output reads `sp:holder`, not ns1:holder."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
