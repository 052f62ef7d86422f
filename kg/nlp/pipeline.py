"""The component order of the German news pipeline, in one place.

sentences -> tags -> clause fields -> actor mentions -> coreference -> attribution. Each component
reads what the ones before it wrote on the Doc (kg.nlp.doc) and imports none of
them; kg.nlp.factories registers them with spaCy.
"""
from __future__ import annotations

import time
from functools import lru_cache

from kg import caches

COMPONENTS = ("news_sentences", "hanta_tagger", "clause_fields", "actor_mentions", "coreference", "attribution")
# spaCy's vocabulary keeps every word form it has seen (about 450 bytes each, string and lexeme),
# so a long-running server that reads new articles grows without end; past this many strings
# (kg.caches) the next article gets a new pipeline (40-60 ms) and the old vocabulary is freed.
# Nothing in the pipeline learns from the vocabulary: the results are the same. (spaCy's
# memory_zone would drop an article's new strings at its end, but it changes the one vocabulary
# that kg serve's threads share, and zones must not overlap.)
MAX_STRINGS = caches.BOUNDS["spacy.strings"]


@lru_cache(maxsize=1)
def load_pipeline():
    """spacy.blank('de') with the news components; cached, since HanTa loads a model."""
    import spacy

    from kg.nlp import factories  # noqa: F401  (registers the components)

    nlp = spacy.blank("de")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    nlp.initialize()  # components read their declarative patterns here
    caches.measured("spacy.strings", lambda: len(load_pipeline().vocab.strings))
    return nlp


def analyse(text: str, article_date: str | None = None, budget: float | None = None):
    """Run the pipeline on one article body with its date known to every component.

    :raise TimeoutError: the thread spent more than `budget` CPU seconds (checked after
        each component), so that one pathological article cannot hold a worker or a
        server thread indefinitely."""
    nlp = load_pipeline()
    if len(nlp.vocab.strings) > MAX_STRINGS:  # Docs still in use keep the old one alive
        load_pipeline.cache_clear()
        nlp = load_pipeline()
    started = time.thread_time()
    doc = nlp.make_doc(text)
    doc.user_data["text"] = text  # kg.nlp.doc.text_of: the tokenizer keeps every character
    doc._.article_date = article_date
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        spent = time.thread_time() - started
        if budget is not None and spent > budget:
            raise TimeoutError(f"{spent:.0f} s of CPU by the end of {name}, over the budget of {budget:.0f} s")
    return doc
