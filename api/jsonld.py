"""RDF triples -> compact JSON-LD nodes under the project's context, without a JSON-LD processor.

A general compaction algorithm (pyld) is too slow for the < 50 ms target of the API,
and rdflib's serialiser gives little control over nesting. This module does what
the API needs and no more: choose a term of the context for each property and
value (honouring its @type / @language coercion, falling back to explicit value
objects, which are valid under any term), and embed nodes referenced once (an
evidence node inside its position). The tests parse the output back with rdflib
and compare it with the source triples by isomorphism.
"""
from __future__ import annotations

from collections import defaultdict

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD

__all__ = ["Compactor", "Lit", "Literal"]

# rdflib namespaces resolve attributes through __getattr__ on every use: once here, not per triple
_TYPE = str(RDF.type)
_STRING = str(XSD.string)
_STRING_IRI = URIRef(_STRING)


class Lit(str):
    """A literal as the compactor needs it (lexical form, datatype, language), without
    rdflib's parsing of the value: building rdflib Literals cost most of an API answer's time.
    Terms are URIRef, BNode and Lit or rdflib Literal; anything not an IRI or blank node is a literal.
    """

    __slots__ = ("datatype", "language")

    def __new__(cls, value: str, datatype: str | None = None, language: str | None = None):
        self = super().__new__(cls, value)
        self.datatype = None if language else (URIRef(datatype) if datatype and datatype != _STRING else _STRING_IRI)
        self.language = language
        return self

    def __eq__(self, other):
        return (isinstance(other, Lit) and str.__eq__(self, other) and self.datatype == other.datatype
                and self.language == other.language)

    def __hash__(self):
        return hash((str(self), self.datatype, self.language))

_NATIVE = {str(XSD.integer): int, str(XSD.boolean): bool}


class Compactor:
    """Term selection for one JSON-LD context (a dict, the value of "@context")."""

    def __init__(self, context: dict):
        self.prefixes = {k: v for k, v in context.items()
                         if isinstance(v, str) and not k.startswith("@") and v.endswith(("/", "#"))}
        self.vocab_terms: dict[str, str] = {}  # IRI -> term, for @type and @vocab values
        self.by_iri: dict[str, list[tuple[str, dict]]] = defaultdict(list)
        for term, definition in context.items():
            if term.startswith("@") or term in self.prefixes:
                continue
            definition = {"@id": definition} if isinstance(definition, str) else dict(definition)
            iri = self.expand(definition["@id"])
            if "@type" in definition and definition["@type"] not in ("@id", "@vocab"):
                definition["@type"] = self.expand(definition["@type"])
            if len(definition) == 1:
                self.vocab_terms.setdefault(iri, term)
            self.by_iri[iri].append((term, definition))

    def expand(self, value: str) -> str:
        prefix, sep, local = value.partition(":")
        if sep and prefix in self.prefixes and not local.startswith("//"):
            return self.prefixes[prefix] + local
        return value

    def compact_iri(self, iri: str, *, vocab: bool = False) -> str:
        if vocab and iri in self.vocab_terms:
            return self.vocab_terms[iri]
        best = max((p for p, ns in self.prefixes.items() if iri.startswith(ns) and len(iri) > len(ns)),
                   key=lambda p: len(self.prefixes[p]), default=None)
        return f"{best}:{iri[len(self.prefixes[best]):]}" if best else iri

    def key_and_value(self, predicate: str, obj) -> tuple[str, object, str | None]:
        """(key, JSON value, container: None, "@set" or "@language") for one triple.

        Under a language map the value is (language, text). A term's coercion must fit the
        value; else the first term without a language map takes an explicit value object.
        """
        terms = self.by_iri.get(predicate, [])
        for term, d in terms:
            coerced = self._coerced(obj, d)
            if coerced is not None:
                return term, coerced, d.get("@container")
        for term, d in terms:
            if d.get("@container") != "@language":
                return term, self._explicit(obj), d.get("@container")
        return self.compact_iri(predicate), self._explicit(obj), None

    def _coerced(self, obj, d: dict):
        if d.get("@container") == "@language":  # a language map holds language-tagged strings only
            language = getattr(obj, "language", None)
            return (language, str(obj)) if language and isinstance(obj, (Literal, Lit)) else None
        kind = d.get("@type")
        if isinstance(obj, URIRef):
            if kind == "@id":
                return str(obj)
            if kind == "@vocab":
                return self.compact_iri(str(obj), vocab=True)
            return None
        if isinstance(obj, BNode):
            return None
        if obj.language:
            return str(obj) if d.get("@language") == obj.language and not kind else None
        datatype = str(obj.datatype or _STRING)
        if kind is None and "@language" not in d:
            if datatype == _STRING:
                return str(obj)
            native = _NATIVE.get(datatype)
            if native is int and _canonical_int(str(obj)):
                return int(str(obj))
            if native is bool and str(obj) in ("true", "false"):
                return str(obj) == "true"
            return None
        return str(obj) if kind == datatype else None

    def _explicit(self, obj):
        if isinstance(obj, URIRef):
            return {"@id": str(obj)}
        if isinstance(obj, BNode):
            return {"@id": f"_:{obj}"}
        if obj.language:
            return {"@value": str(obj), "@language": obj.language}
        datatype = str(obj.datatype or _STRING)
        if datatype == _STRING:
            return {"@value": str(obj)}
        return {"@value": str(obj), "@type": self.compact_iri(datatype)}

    def nodes(self, triples, roots: list, *, embed: set | None = None) -> list[dict]:
        """Compact node objects for `roots` (in order) from `triples`.

        Nodes in `embed`, and blank nodes, are nested under the one property that
        refers to them; every other object stays a reference.
        """
        by_subject = defaultdict(list)
        for s, p, o in triples:
            by_subject[s].append((p, o))
        embed = set(embed or ())
        return [self._node(root, by_subject, embed, set()) for root in roots]

    def _node(self, subject, by_subject, embed, seen) -> dict:
        seen = seen | {subject}
        node: dict = {"@id": f"_:{subject}" if isinstance(subject, BNode) else str(subject)}
        pairs = by_subject.get(subject, ())
        types = sorted(str(o) for p, o in pairs if str.__eq__(p, _TYPE))
        if types:
            compacted = [self.compact_iri(t, vocab=True) for t in types]
            node["@type"] = compacted[0] if len(compacted) == 1 else compacted
        props: dict[str, list] = defaultdict(list)
        containers: dict[str, str | None] = {}
        for p, o in sorted(pairs, key=_sort_key):
            if str.__eq__(p, _TYPE):  # predicates are always IRIs
                continue
            if (o in embed or isinstance(o, BNode)) and o in by_subject and o not in seen:
                key, value, container = self.key_and_value(str(p), URIRef("urn:x"))
                value = self._node(o, by_subject, embed, seen)
            else:
                key, value, container = self.key_and_value(str(p), o)
            props[key].append(value)
            containers[key] = container
        for key, values in props.items():
            if containers[key] == "@language":
                node[key] = _language_map(values)
            else:
                node[key] = values if containers[key] == "@set" or len(values) > 1 else values[0]
        return node


def _language_map(pairs: list[tuple[str, str]]) -> dict:
    """{"de": "Haushalt", "en": ["Budget", "Public finance"]}: one string, or a list of several."""
    by_language: dict[str, list[str]] = defaultdict(list)
    for language, text in pairs:
        by_language[language].append(text)
    return {lang: texts[0] if len(texts) == 1 else texts for lang, texts in sorted(by_language.items())}

def _canonical_int(text: str) -> bool:
    try:
        return str(int(text)) == text
    except ValueError:
        return False


def _sort_key(po):
    p, o = po
    return (str(p), str(o), str(getattr(o, "datatype", "") or ""), getattr(o, "language", "") or "")
