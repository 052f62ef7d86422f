"""The SPARQL 1.1 Service Description of the endpoint, as an RDF graph."""
from __future__ import annotations

from urllib.parse import urlencode

from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

RESULT_FORMATS = ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                  "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML", "N-Quads", "TriG", "N3"]
MAX_LISTED_GRAPHS = 1000  # one sd:NamedGraph per article graph; past this, a query that lists them
GRAPHS_QUERY = "SELECT DISTINCT ?graph WHERE { GRAPH ?graph { } } ORDER BY ?graph"


def service_description(endpoint: str, *, writable: bool, federated: bool = False,
                        graphs: list[str] = ()) -> Graph:
    """What a client may rely on: languages, features, formats, and the dataset: the default
    graph is the union of the named graphs, which are listed (or, past MAX_LISTED_GRAPHS, linked)."""
    g = Graph()
    g.bind("sd", SD)
    g.bind("format", FORMATS)
    service, dataset, default = URIRef(endpoint + "#service"), BNode("dataset"), BNode("defaultGraph")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(endpoint)))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if writable:
        g.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    if federated:
        g.add((service, SD.feature, SD.BasicFederatedQuery))
    for name in RESULT_FORMATS:
        g.add((service, SD.resultFormat, FORMATS[name]))
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    for name in list(graphs)[:MAX_LISTED_GRAPHS]:
        node = BNode()
        g.add((dataset, SD.namedGraph, node))
        g.add((node, RDF.type, SD.NamedGraph))
        g.add((node, SD.name, URIRef(name)))
    if len(graphs) > MAX_LISTED_GRAPHS:
        g.add((dataset, RDFS.seeAlso, URIRef(f"{endpoint}?{urlencode({'query': GRAPHS_QUERY})}")))
    return g
