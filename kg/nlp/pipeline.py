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
    started, wall = time.thread_time(), time.perf_counter()
    doc = nlp.make_doc(text)
    doc.user_data["text"] = text  # kg.nlp.doc.text_of: the tokenizer keeps every character
    doc._.article_date = article_date
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if budget is not None and time.perf_counter() - wall > budget:
            _check_budget(time.thread_time() - started, budget, name)
    return doc


def _check_budget(spent: float, budget: float, name: str) -> None:
    """Raise TimeoutError if `spent` CPU seconds are over `budget`. analyse asks only once the
    wall clock is past the budget (one thread cannot spend more CPU than time passes): reading
    the thread's CPU clock is a kernel call (the monotonic clock is read in user space) and
    costs 1-2 us on an idle machine but some 35 us after a stretch of work on a loaded one
    (load 7-13 here), where 6 readings an article were 2 % of the bench."""
    if spent > budget:
        raise TimeoutError(f"{spent:.0f} s of CPU by the end of {name}, over the budget of {budget:.0f} s")
