"""The Doc extensions of the German pipeline and the helpers every component reads.

Components never import one another: what one writes and another reads travels
on the Doc, declared here once. Article-level inputs (the publication date) are
set on `doc._.article_date` before the components run.

Extensions: ``article_date``, ``paragraphs`` ((start, end) characters),
``para_of_sent`` (paragraph index per sentence), ``clauses`` (kg.nlp.fields),
``article_actors`` (kg.nlp.article_actors: what the mention finder hands to coreference),
``mentions`` and ``actors`` (actor mentions after coreference), ``statements`` (attribution).
"""
from __future__ import annotations

from spacy.tokens import Doc

EXTENSIONS = ("article_date", "paragraphs", "para_of_sent", "clauses", "article_actors", "mentions", "actors",
              "statements")

for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def sentences_of(doc: Doc) -> list:
    """The sentence spans, computed once (Doc.sents rebuilds them on every call)."""
    if "sents" not in doc.user_data:
        doc.user_data["sents"] = list(doc.sents)
    return doc.user_data["sents"]


def is_heading(text: str) -> bool:
    """A short paragraph that does not end like a sentence is a (sub)heading."""
    t = text.rstrip()
    return bool(t) and t[-1] not in ".!?“”\"»«)" and "\n" not in t.strip()
