"""The German news pipeline: spaCy's blank German tokenizer plus rule components.

`load_pipeline()` builds it once per process; `analyse(text, date)` runs it with
the article date the components need (role holders, statement dates).
"""
from __future__ import annotations

from functools import lru_cache

COMPONENTS = ("news_sentences", "hanta_tagger", "actor_mentions", "attribution")


@lru_cache(maxsize=1)
def load_pipeline():
    """spacy.blank('de') with the news components; cached, since HanTa loads a model."""
    import spacy

    from kg.nlp import factories  # noqa: F401  (registers the components)

    nlp = spacy.blank("de")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def analyse(text: str, article_date: str | None = None):
    """Run the pipeline on one article body with its date known to every component."""
    nlp = load_pipeline()
    doc = nlp.make_doc(text)
    doc._.article_date = article_date
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc
