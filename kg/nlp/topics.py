"""Topic of a sentence: SKOS concepts of ontology/topics.ttl matched by lemma keywords.

Every keyword lives in topics.ttl (prefLabel/altLabel = strong, hiddenLabel = weak
cue); this module only indexes them. Classification runs once per sentence, so the
index is built once per process and each word's matches are cached: a sentence costs
a few dictionary lookups per token.

How words match keywords: kg.nlp.topic_index (the index and its decision).

The decision is made per CAP major topic: "Schuldenbremse" and "Bundeshaushalt" make one
macroeconomic sentence, not a tie. The context (paragraph, headline, article) adds to the
sentence's evidence with lower weights, so it breaks ties and speaks when the sentence is
silent -- but a sentence whose strong keywords clearly name one major keeps it. Weak cues
(actors, role nouns, places: "Koalition", "Gericht", "Finanzminister", "Syrien") only add
up; a repeated word counts once; between equal cues the longer word wins.

Money words follow the policy field, as the CAP codebook codes spending on a field under
that field. The concepts in the collection t:finanzierungsmittel ("Haushalt",
"Sondervermögen", "Schulden", "Milliarden", "Subventionen", "Steuern") are weak cues whose
weight goes to the major that the strong keywords of sentence, paragraph or headline name
("Sondervermögen" beside "Bundeswehr" is defence); they count for Macroeconomics only when
no field is named or the field is the budget itself. A compound headed by a money word or
another generic word is read by its first part: "Verteidigungsetat", "Flüchtlingsgipfel".

The words of the procedure and its bodies (collection t:verfahren-und-institutionen:
"Bundesrat", "Zweidrittelmehrheit", "Grundgesetzänderung", "Koalition", "Gericht", "Klage",
"EU-Kommission") follow the field the same way, as CAP codes a vote, a ruling or an EU
decision by the policy it is about; with no field named they follow the money words
("Der Bundestag hat den Haushalt beschlossen"), else they count for their own major.

`with_article_prior` decides between a sentence's topic and its article's: the prior fills
in for silent or vague sentences; one whose own strong keywords name another field keeps it.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from kg.nlp.topic_index import (CONTEXT_WEIGHTS, LINKING, MACROECONOMICS, OTHER_CONTEXT_WEIGHT, OWN_LEAD,
                                OWN_TOPIC_EVIDENCE, PRIOR_SUPPORT, STRONG, WEAK, TopicIndex, TopicMatch, normalise,
                                phrase_stem, stem)

__all__ = ["LINKING", "MACROECONOMICS", "OWN_LEAD", "OWN_TOPIC_EVIDENCE", "STRONG", "WEAK", "TopicIndex", "TopicMatch",
           "article_topic", "classify", "concept_cap", "default_index", "major_evidence", "normalise",
           "phrase_stem", "stem", "with_article_prior"]


@lru_cache(maxsize=1)
def default_index() -> TopicIndex:
    """The index over ontology/topics.ttl, built once per process."""
    from kg import ontology

    return TopicIndex(ontology.topics_graph())


def classify(lemmas: Sequence[str], context: Sequence[Sequence[str]] = (),
             index: TopicIndex | None = None) -> TopicMatch | None:
    """Topic of one sentence or claim from its lowercased lemmas (in sentence order).

    `context` holds lemma lists of the surrounding text, nearest first (the paragraph,
    then the headline/lead); they count with weights 0.5, 0.3, then 0.2 each, and at
    most 3 keyword weights per concept, so a long paragraph cannot drown the sentence.
    Returns None when neither sentence nor context names any topic.
    """
    index = index or default_index()
    weighted = [(1.0, *index.tally(lemmas))]
    for n, lemma_list in enumerate(context):
        factor = CONTEXT_WEIGHTS[n] if n < len(CONTEXT_WEIGHTS) else OTHER_CONTEXT_WEIGHT
        weighted.append((factor, *index.tally(lemma_list)))
    return index.decide(weighted)


def article_topic(doc_lemmas: Sequence[str], headline: Sequence[str] = (),
                  index: TopicIndex | None = None) -> TopicMatch | None:
    """The article's dominant topic: all its lemmas, the headline counted twice.

    News articles are mostly about one CAP topic, so this is a prior the extractor can
    fall back on when a sentence names none, or use to break a sentence's tie.
    """
    index = index or default_index()
    return index.decide([(1.0, *index.tally(doc_lemmas, distinct=False)), (2.0, *index.tally(headline))],
                        decisive=False)


def with_article_prior(own: TopicMatch | None, prior: TopicMatch | None,
                       local: Sequence[str] = (), index: TopicIndex | None = None) -> TopicMatch | None:
    """A sentence's topic, or the article's dominant topic where the sentence is silent or vague.

    News articles mostly stay on one CAP topic, so the prior fills in for a sentence without
    keywords, one that rests on weak cues and context, or one whose keywords name several
    fields alike. A sentence whose own strong keywords name one field (a lead of OWN_LEAD:
    one keyword, or a compound headed by one) keeps it -- "den Krieg einfrieren" in an
    article on arms deliveries is international affairs -- as does one with OWN_TOPIC_EVIDENCE
    of sentence and context together. Where the surrounding lemmas `local` (the paragraph)
    name the article's field as strongly (PRIOR_SUPPORT times the sentence's lead), the
    sentence's keyword is an aside within the article's topic ("Sanktionen" in a paragraph
    on Bürgergeld) and the prior stands.
    """
    if own is None or prior is None or own.cap_major == prior.cap_major:
        return own or prior
    if own.score >= OWN_TOPIC_EVIDENCE:
        return own
    if own.lead >= OWN_LEAD and own.lead > PRIOR_SUPPORT * major_evidence(local, prior.cap_major, index):
        return own
    return prior


def major_evidence(lemmas: Sequence[str], major: int, index: TopicIndex | None = None) -> float:
    """Strong keyword weight the lemmas give one CAP major (money and procedure words excluded)."""
    index = index or default_index()
    _, strong = index.tally(lemmas)
    return sum(s for i, s in strong.items() if index.caps[i] == major and i not in index.yielding)


def concept_cap(iri: str, index: TopicIndex | None = None) -> int | None:
    """The CAP major code of a topic IRI (None for an unknown IRI)."""
    index = index or default_index()
    try:
        return index.caps[index.iris.index(iri)]
    except ValueError:
        return None
