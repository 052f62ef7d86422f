"""The evidence constraint of the shapes answered in Python where its answer is plain.

pySHACL runs the SPARQL-based constraint spsh:Article-evidenceMatchesText (an evidence
sentence is the article text between its offsets) through rdflib's SPARQL engine, whose
FILTER is evaluated term by term in Python: about as much CPU as the rest of validating
an article that conforms. Where every term the query reads is well formed (a literal text
and sentence, xsd:integer offsets written with one to nine ASCII digits), what the FILTER
computes is a string slice, so the query's answer is computed here, and where every
evidence sentence matches its slice the answer is: no row. Anything else (a sentence that
does not match, a term of another kind, bindings given, a query text other than the one
below, as when the shapes file changes it) is left to rdflib as before, so every verdict
and every report line stays rdflib's.
"""
from __future__ import annotations

import inspect
import re

import rdflib
from rdflib import Literal, Variable

from kg.namespaces import PROV, RDF, SCHEMA, SP, XSD

# the sh:select of spsh:Article-evidenceMatchesText in ontology/shapes.ttl, as pySHACL sends it
EVIDENCE_SELECT = """
        SELECT $this ?value WHERE {
            $this schema:text ?text .
            ?position prov:wasDerivedFrom $this ;
                      sp:evidence ?value .
            ?value rdf:value ?sentence ;
                   sp:startOffset ?start ;
                   sp:endOffset ?end .
            FILTER (IF(DATATYPE(?start) = xsd:integer && DATATYPE(?end) = xsd:integer
                       && REGEX(STR(?start), "^[0-9]{1,9}$") && REGEX(STR(?end), "^[0-9]{1,9}$"),
                       STR(?sentence) != SUBSTR(STR(?text), ?start + 1, ?end - ?start), false))
        }
    """
NEEDED = {"schema": str(SCHEMA), "prov": str(PROV), "sp": str(SP), "rdf": str(RDF), "xsd": str(XSD)}
_PREFIX = re.compile(r"PREFIX (\w+): <([^<>\s]*)>")
_QUERY = inspect.signature(rdflib.Graph.query)  # how graph.query's arguments are named
_OFFSET = re.compile("^[0-9]{1,9}$")  # the FILTER's REGEX, searched as rdflib searches it


def no_rows(graph: rdflib.Graph, text: str, *args, **kwargs) -> bool:
    """True when graph.query(text, *args, **kwargs) asks the evidence constraint's query (its
    prefixes declared as the shapes declare them, SPARQL, no bindings but perhaps `this`)
    and it surely selects no row of `graph`; False when rdflib must say."""
    call = _QUERY.bind(graph, text, *args, **kwargs).arguments
    if call.get("processor", "sparql") != "sparql" or call.get("result", "sparql") != "sparql" \
            or call.get("initNs") or call.get("kwargs"):
        return False
    bindings = dict(call.get("initBindings") or {})
    focus = bindings.pop("this", None)
    if bindings or not text.endswith(EVIDENCE_SELECT) or not _declares(text[:-len(EVIDENCE_SELECT)]):
        return False
    pairs = graph.subject_objects(SCHEMA.text) if focus is None else \
        ((focus, article_text) for article_text in graph.objects(focus, SCHEMA.text))
    for this, article_text in pairs:
        if not isinstance(article_text, Literal):
            return False
        whole = str(article_text)
        for position in graph.subjects(PROV.wasDerivedFrom, this):
            for value in graph.objects(position, SP.evidence):
                for sentence in graph.objects(value, RDF.value):
                    for start in graph.objects(value, SP.startOffset):
                        for end in graph.objects(value, SP.endOffset):
                            first, last = _offset(start), _offset(end)
                            if first is None or last is None or not isinstance(sentence, Literal) \
                                    or str(sentence) != whole[first:last]:
                                return False  # a row, or a term rdflib judges its own way
    return True


def empty_result() -> rdflib.query.Result:
    """The answer of a SELECT $this ?value that selects no row."""
    result = rdflib.query.Result("SELECT")
    result.vars = [Variable("this"), Variable("value")]
    result.bindings = []
    return result


def _declares(header: str) -> bool:
    """Is `header` nothing but PREFIX lines, declaring each prefix once and those the query
    reads as the shapes do?"""
    declared: dict[str, str] = {}
    for line in header.splitlines():
        if not line.strip():
            continue
        m = _PREFIX.fullmatch(line.strip())
        if m is None or m.group(1) in declared:
            return False
        declared[m.group(1)] = m.group(2)
    return all(declared.get(prefix) == iri for prefix, iri in NEEDED.items())


def _offset(term) -> int | None:
    """An offset the FILTER reads as a number: an xsd:integer literal of one to nine ASCII
    digits (its value then that of the digits); None for any other term."""
    if not isinstance(term, Literal) or term.datatype != XSD.integer:
        return None
    lexical = str(term)
    if not _OFFSET.search(lexical) or not lexical.isascii() or not lexical.isdigit():
        return None
    value = term.toPython()
    return value if type(value) is int and value == int(lexical) else None


__all__ = ["EVIDENCE_SELECT", "empty_result", "no_rows"]
