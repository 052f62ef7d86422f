"""SHACL validation against ontology/shapes.ttl, reported in words.

Nothing is written to the store unless it passes here. The report names, for each
violation, the node, the property path, the shape and constraint that failed and
the shape's English message, so a user can find the fault without reading SHACL.
An article graph refers to actors typed in the actors graph: validate the union of
both (what gets written), not the article graph alone.

pySHACL is the reference: every verdict of "does not conform" and every report line
comes from it. A graph first goes through pyshacl-turbo (a Rust SHACL engine) and
through pySHACL on the shapes with SPARQL-based constraints only; when both find
nothing, the graph conforms without pySHACL's full run, which is five times slower. Of
pySHACL's SPARQL queries, the evidence constraint's is answered by kg.evidence_check where
the answer is surely "no row" (rdflib's engine took about as long as all the rest).
"""
from __future__ import annotations

import threading
from functools import lru_cache

import pyshacl
import pyshacl.shape
import pyshacl_turbo
import rdflib
from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP
from pyshacl.errors import ReportableRuntimeError, ValidationFailure
from rdflib import BNode, Literal, URIRef

from kg import evidence_check, ontology
from kg.caches import memo
from kg.errors import KGError, ValidationError
from kg.namespaces import PREFIXES, SH, SPSH

REPORT_LANG = "en"
_MAX_VALUE = 60


_LOCK = threading.Lock()  # pyshacl adds its system triples to the shared shapes graph


@lru_cache(maxsize=4)
def _shapes_copy(shapes: rdflib.Graph) -> rdflib.Graph:
    """A private copy of the parsed shapes: pyshacl writes into the graph it is given.

    The copy lives in rdflib's context-free store: pyshacl reads the shapes graph a few
    hundred times per article (each property shape, for each of its value nodes), and the
    default store's bookkeeping of named graphs was about a sixth of validating one.
    """
    copy = rdflib.Graph(store="SimpleMemory")
    for prefix, namespace in shapes.namespaces():
        copy.bind(prefix, namespace, override=True)
    for triple in shapes:
        copy.add(triple)
    return copy


class _Parameters(list):
    """pyshacl's list of constraint parameters (sh:minCount, sh:class, …) with a set's lookup.

    For every shape it evaluates, once per value node, pyshacl asks of each predicate of the
    shape whether it is in this list of about forty IRIs: a linear scan of Python-level term
    comparisons, the largest single cost of validating an article. The items, their order and
    every answer stay the same; only `in` is a hash lookup.
    """

    def __init__(self, items):
        super().__init__(items)
        self._members = frozenset(items)

    def __contains__(self, item) -> bool:
        return item in self._members


# shape.py reads its module attribute CONSTRAINT_PARAMS and fills it with the list above when unset
pyshacl.shape.module.CONSTRAINT_PARAMS = (_Parameters(ALL_CONSTRAINT_PARAMETERS), CONSTRAINT_PARAMETERS_MAP)


def _run(graph: rdflib.Graph, use_shapes: tuple[str, ...] = ()) -> tuple[bool, rdflib.Graph]:
    """pyshacl on `graph` in place: no inference and no ontology mixed in, hence no copy.

    Nothing here needs RDFS inference (every node carries its own class), and
    skipping it keeps a 300-triple article at about 30 ms. `use_shapes` limits the
    run to those shapes (all when empty).
    """
    shapes = _shapes_copy(ontology.shapes_graph())
    graph = _PreparedQueries(store=graph.store, identifier=graph.identifier,
                             namespace_manager=graph.namespace_manager)  # the same triples, not a copy
    with _LOCK:
        try:
            conforms, report, _text = pyshacl.validate(graph, shacl_graph=shapes, inference="none",
                                                       inplace=True, advanced=False,
                                                       use_shapes=list(use_shapes) or None)
        except (ValidationFailure, ReportableRuntimeError) as e:
            raise KGError(f"SHACL validation could not run: {e}") from e
    return conforms, report


def _known_to_conform(graph: rdflib.Graph) -> bool:
    """True when `graph` surely conforms: pyshacl-turbo finds no violation of any shape, and
    pySHACL none of the shapes with SPARQL-based constraints. False means "ask pySHACL".

    The engines agree on the core constraints (the tests here and a differential run of
    thousands of broken article graphs), but not on SPARQL over ill-typed terms: rdflib
    takes STR() of a blank node, Oxigraph drops the row as an error. So SPARQL-based
    constraints are pySHACL's alone. Any trouble in the fast path leaves the verdict to
    pySHACL's full run, which then fails or raises exactly as it always did. Datasets go
    there too: pySHACL judges their default graph (see _run), pyshacl-turbo their union.
    """
    if graph.context_aware:
        return False
    shapes = ontology.shapes_graph()
    try:
        conforms, _report, _text = _compiled(shapes).validate(graph, inference="none", inplace=True)
        return conforms and _run(graph, _sparql_shapes(shapes))[0]
    except Exception:  # noqa: BLE001 - only an optimisation: pySHACL decides
        return False


@lru_cache(maxsize=4)
def _compiled(shapes: rdflib.Graph) -> pyshacl_turbo.CompiledShapes:
    """The shapes compiled once for pyshacl-turbo (it copies them, `shapes` stays as it is)."""
    return pyshacl_turbo.compile_shapes(shapes)


@lru_cache(maxsize=4)
def _sparql_shapes(shapes: rdflib.Graph) -> tuple[str, ...]:
    """The shapes that carry SPARQL-based constraints (sh:sparql)."""
    return tuple(sorted(str(shape) for shape in set(shapes.subjects(SH.sparql, None))))


class _PreparedQueries(rdflib.Graph):
    """A view of a graph whose SPARQL queries are parsed once per process, not once per call.

    pyshacl sends the same query texts (SPARQL-based constraints, sh:class checks) for every
    article, and rdflib parses a text query each time: a fifth to a third of validating an
    article went to the parser. The namespaces rdflib would resolve the text with are part of
    the key, so the prepared query means exactly what the text meant.
    """

    def query(self, query_object, *args, **kwargs):
        if isinstance(query_object, str):
            if evidence_check.no_rows(self, query_object, *args, **kwargs):
                return evidence_check.empty_result()  # kg.evidence_check: rdflib would select no row
            namespaces = kwargs.pop("initNs", None) or dict(self.namespaces())
            query_object = _prepared(query_object, tuple(sorted(namespaces.items())))
        return super().query(query_object, *args, **kwargs)


@memo("validate.queries")
def _prepared(text: str, namespaces: tuple):
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text, initNs=dict(namespaces))


def validate_graph(graph: rdflib.Graph, subject: str = "graph") -> list[str]:
    """The violations of `graph` against the shapes, one line each; [] when it conforms.

    `subject` (e.g. the article file) only prefixes the lines so a batch report says
    which input each violation belongs to.
    """
    if _known_to_conform(graph):
        return []
    conforms, report = _run(graph)
    if conforms:
        return []
    lines = sorted(_describe(report, result) for result in report.subjects(rdflib.RDF.type,
                                                                             SH.ValidationResult))
    return [f"{subject}: {line}" for line in lines]


def check(graph: rdflib.Graph, subject: str = "graph") -> None:
    """Raise kg.errors.ValidationError (report in words) unless `graph` conforms."""
    report = validate_graph(graph, subject)
    if report:
        raise ValidationError(subject, report)


def check_article(article_graph: rdflib.Graph, actors_graph: rdflib.Graph, subject: str) -> None:
    """Validate what an ingest writes for one article: its graph together with its actors."""
    check(union(article_graph, actors_graph), subject)


def union(*graphs: rdflib.Graph) -> rdflib.Graph:
    """One graph holding the triples of all `graphs` (the inputs are left as they are)."""
    merged = rdflib.Graph()
    for graph in graphs:
        for triple in graph:
            merged.add(triple)
    return merged


def _describe(report: rdflib.Graph, result) -> str:
    """One violation in words: node, path, value, shape and constraint, message."""
    focus = report.value(result, SH.focusNode)
    path = report.value(result, SH.resultPath)
    value = report.value(result, SH.value)
    shape = report.value(result, SH.sourceShape)
    constraint = report.value(result, SH.sourceConstraint)
    component = report.value(result, SH.sourceConstraintComponent)
    parts = [f"node {_name(focus, report)}"]
    if path is not None:
        parts.append(f"path {_name(path, report)}")
    if value is not None and value != focus:
        parts.append(f"value {_name(value, report)}")
    failed = _name(constraint if isinstance(constraint, URIRef) else shape, report)
    parts.append(f"failed {failed} ({_name(component, report)})")
    return ", ".join(parts) + f": {_message(report, result)}"


def _message(report: rdflib.Graph, result) -> str:
    """The English sh:message of the failed constraint or shape, read from the shapes file.

    pyshacl drops the language tags of messages on SPARQL-based results, so the
    report alone cannot say which message is English.
    """
    shapes = ontology.shapes_graph()
    for source in (report.value(result, SH.sourceConstraint), report.value(result, SH.sourceShape)):
        if isinstance(source, URIRef):
            for message in shapes.objects(source, SH.message):
                if isinstance(message, Literal) and message.language == REPORT_LANG:
                    return str(message)
    messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
    return messages[0] if messages else "constraint violated"


def _name(term, report: rdflib.Graph) -> str:
    """A term as a reader wants it: prefixed name for vocabulary, <IRI> for data, quoted literal."""
    if term is None:
        return "?"
    if isinstance(term, Literal):
        text = str(term)
        text = text if len(text) <= _MAX_VALUE else text[:_MAX_VALUE] + "…"
        suffix = f"@{term.language}" if term.language else (
            f"^^{_name(term.datatype, report)}" if term.datatype else "")
        return f'"{text}"{suffix}'
    if isinstance(term, BNode):
        inverse = report.value(term, SH.inversePath)
        return f"^{_name(inverse, report)}" if inverse is not None else "[]"
    for prefix, namespace in (("spsh", str(SPSH)), ("sh", str(SH)), *PREFIXES.items()):
        if str(term).startswith(str(namespace)):
            return f"{prefix}:{str(term)[len(str(namespace)):]}"
    return f"<{term}>"
