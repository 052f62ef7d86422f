"""The issue codebook: ontology/issues.ttl, or a user's own SKOS scheme.

A codebook is any SKOS concept scheme whose concepts are the questions positions are
coded on (MARDY-style claim categories are the typical case). Each concept needs an
IRI and a German skos:prefLabel; its German altLabels are further keywords, its
hiddenLabels weak cues (kg.nlp.issue_index), and skos:broader may tie it to a topic of
ontology/topics.ttl. The last
segment of a concept's IRI is its key, so keys must be distinct within a codebook.

A user's codebook replaces the project's (`replace`) or is added to it (`extend`). It
is checked as a whole before anything is written, and the first fault found is one
error naming file, node and what is wrong: a half-usable codebook is never stored.
"""
from __future__ import annotations

import re
from pathlib import Path

import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from kg import iris, ontology
from kg.errors import KGError

ISSUES = "issues.ttl"
MODES = ("replace", "extend")


class CodebookError(KGError):
    """A codebook that cannot be used: names the file and, where known, line or node."""


def default_codebook() -> rdflib.Graph:
    """ontology/issues.ttl (cached by kg.ontology; do not modify)."""
    return ontology.load(ISSUES)


def read_codebook(path: str | Path) -> rdflib.Graph:
    """Parse and check a user's codebook file; raises CodebookError on the first fault."""
    path = Path(path)
    if not path.is_file():
        raise CodebookError(f"{path}: no such codebook file")
    graph = rdflib.Graph()
    try:
        graph.parse(str(path), format=rdflib.util.guess_format(str(path)) or "turtle")
    except Exception as e:  # rdflib raises several unrelated types for bad syntax
        raise CodebookError(f"{path}: cannot parse: {_one_line(e)}") from None
    check_codebook(graph, str(path))
    return graph


def check_codebook(graph: rdflib.Graph, source: str) -> None:
    """SKOS integrity as far as matching depends on it (see the module docstring)."""
    concepts = sorted(set(graph.subjects(RDF.type, SKOS.Concept)), key=str)
    if not concepts:
        raise CodebookError(f"{source}: no skos:Concept in the file (a codebook is a SKOS concept scheme)")
    keys: dict[str, URIRef] = {}
    for concept in concepts:
        if not isinstance(concept, URIRef):
            raise CodebookError(f"{source}: a skos:Concept is a blank node; every concept needs an IRI")
        _check_labels(graph, concept, source)
        key = _key(concept)
        if key in keys:
            raise CodebookError(f"{source}: <{concept}> and <{keys[key]}> have the same key {key!r} "
                                "(the last segment of the IRI)")
        keys[key] = concept


def _check_labels(graph: rdflib.Graph, concept: URIRef, source: str) -> None:
    where = f"{source}: <{concept}>"
    preferred = [l for l in graph.objects(concept, SKOS.prefLabel) if isinstance(l, Literal)]
    german = [l for l in preferred if (l.language or "").startswith("de")]
    if not german:
        raise CodebookError(f"{where}: no German skos:prefLabel (\"…\"@de)")
    languages = [l.language for l in preferred]
    for language in set(languages):
        if languages.count(language) > 1:
            raise CodebookError(f"{where}: more than one skos:prefLabel in @{language}")
    taken = {(str(l), l.language) for l in preferred}
    for prop, name in ((SKOS.altLabel, "altLabel"), (SKOS.hiddenLabel, "hiddenLabel")):
        for label in graph.objects(concept, prop):
            if (str(label), getattr(label, "language", None)) in taken:
                raise CodebookError(f"{where}: {label!s}@{label.language} is both a skos:prefLabel and a "
                                    f"skos:{name} (SKOS labels of one concept are disjoint)")
    if any(not str(l).strip() for l in graph.objects(concept, SKOS.prefLabel)):
        raise CodebookError(f"{where}: an empty skos:prefLabel")


def issue_key(iri: str) -> str:
    """A concept's key: the last segment of its IRI, as a slug ("…/issue/wehrpflicht" -> "wehrpflicht")."""
    return iris.slug(re.split(r"[/#]", iri.rstrip("/#"))[-1])


def _key(concept: URIRef) -> str:
    return issue_key(str(concept))


def combine(user: rdflib.Graph | None, mode: str, source: str = "codebook") -> rdflib.Graph:
    """The codebook to store and match against: the project's, the user's, or both.

    With `extend`, a user's concept whose key is also one of the project's is an error:
    two issues with one key would share one proposition IRI.
    """
    if mode not in MODES:
        raise CodebookError(f"codebook mode {mode!r}: choose one of {', '.join(MODES)}")
    graph = rdflib.Graph()
    if user is None or mode == "extend":
        graph += default_codebook()
    if user is not None:
        if mode == "extend":
            ours = {_key(c): c for c in default_codebook().subjects(RDF.type, SKOS.Concept)}
            for concept in sorted(set(user.subjects(RDF.type, SKOS.Concept)), key=str):
                if _key(concept) in ours and ours[_key(concept)] != concept:
                    raise CodebookError(f"{source}: <{concept}> has the key {_key(concept)!r} of the "
                                        f"project's issue <{ours[_key(concept)]}>; rename it or use "
                                        "--codebook-mode replace")
        graph += user
        graph.add((URIRef(iris.ISSUES_GRAPH), DCTERMS.source, Literal(f"{source} ({mode})")))
    return graph


def is_users(graph: rdflib.Graph) -> bool:
    """Whether a stored codebook came from `kg ingest --codebook` (else it is the project's)."""
    return (URIRef(iris.ISSUES_GRAPH), DCTERMS.source, None) in graph


def store_has_users(store) -> bool:
    """is_users for the codebook a store holds, asked instead of read: reading the stored
    3,500 triples into rdflib for every POST /articles was most of its time and memory churn."""
    return bool(store.query(f"ASK {{ GRAPH <{iris.ISSUES_GRAPH}> {{ <{iris.ISSUES_GRAPH}> <{DCTERMS.source}> ?s }} }}"))


def _one_line(error: Exception) -> str:
    """The parser's message on one line, without rdflib's echo of the raw bytes."""
    return " ".join(str(error).split(" at ^ in:")[0].split())[:300]
