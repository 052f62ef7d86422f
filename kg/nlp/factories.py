"""All spaCy registrations of the German pipeline, in one place.

Each component declares what it reads and writes on the Doc (extensions declared
in kg.nlp.doc). Article-level inputs (the publication date) travel on
`doc._.article_date`, set before the components run. Only this module imports the
component modules; they never import each other's registrations.
"""
from __future__ import annotations

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp import attribution, coreference, fields, gazetteer, mentions, patterns, sentences, tagger
from kg.nlp.doc import sentences_of, text_of


@Language.component("news_sentences", assigns=["token.is_sent_start", "doc._.para_of_sent"])
def news_sentences(doc: Doc) -> Doc:
    text = text_of(doc)
    spans = sentences.split(text)
    starts = {s: p for s, _, p in spans}
    if len(doc):  # in one array: Token.is_sent_start= scans the whole Doc for a parse each time
        flags = [1 if idx in starts else -1 for idx in doc.to_array(IDX).tolist()]
        flags[0] = 1
        doc.from_array([SENT_START], numpy.array(flags, dtype=numpy.int64).astype(numpy.uint64))
    para_of_sent = []
    doc.user_data["sents"] = list(doc.sents)
    for sent in doc.user_data["sents"]:
        first = next((t for t in sent if not t.is_space), sent[0])
        para_of_sent.append(starts.get(first.idx, para_of_sent[-1] if para_of_sent else 0))
    doc._.para_of_sent = para_of_sent
    doc._.paragraphs = sentences.paragraphs(text)
    return doc


class HantaTagger:
    """The HanTa tagger (kg.nlp.tagger); its model is loaded in `initialize`, with the
    pipeline, not by the first text."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def initialize(self, get_examples=None, nlp=None) -> None:
        tagger.load()

    def __call__(self, doc: Doc) -> Doc:
        return tagger.tag_doc(doc)


@Language.factory("hanta_tagger", requires=["token.is_sent_start"], assigns=["token.tag", "token.pos", "token.lemma"])
def hanta_tagger(nlp: Language, name: str) -> HantaTagger:
    return HantaTagger(nlp, name)


class ClauseFields:
    """The clause model (kg.nlp.fields); its declarative patterns (clause openers, holder
    constructions) are read in `initialize`, before the first text."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def initialize(self, get_examples=None, nlp=None) -> None:
        fields.openers()
        patterns.rows("holders.jsonl")

    def __call__(self, doc: Doc) -> Doc:
        doc._.clauses = fields.annotate(doc, sentences_of(doc))
        return doc


@Language.factory("clause_fields", requires=["token.is_sent_start", "token.tag"], assigns=["doc._.clauses"])
def clause_fields(nlp: Language, name: str) -> ClauseFields:
    return ClauseFields(nlp, name)


@Language.component("actor_mentions", requires=["token.tag", "token.lemma"],
                    assigns=["doc._.article_actors", "doc._.mentions", "doc._.actors"])
def actor_mentions(doc: Doc) -> Doc:
    state = mentions.find(doc, gazetteer.load(), doc._.article_date)
    doc._.article_actors, doc._.mentions, doc._.actors = state, state.mentions, state.actors
    return doc


@Language.component("coreference", requires=["doc._.article_actors"],
                    assigns=["doc._.mentions", "doc._.actors"])
def coreference_component(doc: Doc) -> Doc:
    state = coreference.resolve(doc._.article_actors)
    doc._.mentions, doc._.actors = state.mentions, state.actors
    return doc


@Language.component("attribution", requires=["doc._.mentions", "token.lemma"],
                    assigns=["doc._.statements"])
def attribution_component(doc: Doc) -> Doc:
    doc._.statements = attribution.attribute(doc)
    return doc
