"""A tiny store of hand-written positions for the discourse network tests.

    actor  kind          statements (proposition, side, day)
    A      person (∈ P)  p1 + 2025-01-01, p1 + 2025-01-05, p2 − 2025-01-10
    B      person        p1 + 2025-01-02, p2 + 2025-01-20
    C      organisation  p1 − 2025-02-01
    P      party         (none)
p1 names issue i1 (skos:broader topic t1); p2 is a free proposition.
"""
from __future__ import annotations

from kg import iris
from kg.store import OxigraphStore

SP = iris.ONTOLOGY
A, B, C, P = (iris.actor_iri(n) for n in ("Anna A", "Bernd B", "Club C", "Partei P"))
P1, P2 = iris.proposition_iri("p1"), iris.proposition_iri("p2")
I1, T1 = iris.issue_iri("i1"), iris.topic_iri("t1")
STATEMENTS = [(A, P1, "Support", "2025-01-01"), (A, P1, "Support", "2025-01-05"),
              (A, P2, "Oppose", "2025-01-10"), (B, P1, "Support", "2025-01-02"),
              (B, P2, "Support", "2025-01-20"), (C, P1, "Oppose", "2025-02-01")]
PREFIXES = f"""PREFIX sp: <{SP}> PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def network_store() -> OxigraphStore:
    store = OxigraphStore(in_memory=True)
    store.update(PREFIXES + "INSERT DATA {" + _actors() + _concepts()
                 + "".join(_statement(n, *s) for n, s in enumerate(STATEMENTS)) + "}")
    return store


def _actors() -> str:
    return f"""GRAPH <{iris.ACTORS_GRAPH}> {{
  <{A}> a sp:Actor ; rdfs:label "Anna A" ; sp:actorKind "person" ; schema:memberOf <{P}> .
  <{B}> a sp:Actor ; rdfs:label "Bernd B" ; sp:actorKind "person" .
  <{C}> a sp:Actor ; rdfs:label "Club C" ; sp:actorKind "organisation" .
  <{P}> a sp:Actor ; rdfs:label "Partei P" ; sp:actorKind "party" . }}"""


def _concepts() -> str:
    return f"""GRAPH <{iris.TOPICS_GRAPH}> {{ <{T1}> a skos:Concept ; skos:prefLabel "Thema"@de }}
GRAPH <{iris.ISSUES_GRAPH}> {{ <{I1}> a skos:Concept ; skos:prefLabel "Frage eins"@de ; skos:broader <{T1}> }}"""


def _statement(n: int, actor: str, proposition: str, side: str, day: str) -> str:
    graph, pos = iris.article_iri(f"n{n}"), f"{iris.article_iri(f'n{n}')}#pos"
    issue = f"; sp:issue <{I1}>" if proposition == P1 else ""
    return f"""GRAPH <{graph}> {{
  <{pos}> a sp:Position ; sp:holder <{actor}> ; sp:proposition <{proposition}> ; sp:side sp:{side} ;
     dcterms:date "{day}"^^xsd:date .
  <{proposition}> a sp:Proposition ; rdfs:label "{proposition.rsplit('/', 1)[-1].upper()}"@de {issue} . }}"""
