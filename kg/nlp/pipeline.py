"""The component order of the German news pipeline, in one place.

sentences -> tags -> clause fields -> actor mentions -> coreference -> attribution. Each component
reads what the ones before it wrote on the Doc (kg.nlp.doc) and imports none of
them; kg.nlp.factories registers them with spaCy.
"""
from __future__ import annotations

from functools import lru_cache

COMPONENTS = ("news_sentences", "hanta_tagger", "clause_fields", "actor_mentions", "coreference", "attribution")


@lru_cache(maxsize=1)
def load_pipeline():
    """spacy.blank('de') with the news components; cached, since HanTa loads a model."""
    import spacy

    from kg.nlp import factories  # noqa: F401  (registers the components)

    nlp = spacy.blank("de")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    nlp.initialize()  # components read their declarative patterns here
    return nlp


def analyse(text: str, article_date: str | None = None):
    """Run the pipeline on one article body with its date known to every component."""
    nlp = load_pipeline()
    doc = nlp.make_doc(text)
    doc._.article_date = article_date
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc
