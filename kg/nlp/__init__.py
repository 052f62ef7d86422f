"""The German news pipeline: spaCy's blank German tokenizer plus rule components.

Components (registered in kg.nlp.factories, run in the order of kg.nlp.pipeline;
the Doc extensions they share, `sentences_of` and `is_heading` live in kg.nlp.doc, what a
clause is and how to ask about one in kg.nlp.clause_model):

- ``news_sentences`` (kg.nlp.sentences): sentence spans that suit news -- headings
  are sentences, quotations are never split, no break before a lower-case word.
- ``hanta_tagger`` (kg.nlp.tagger): STTS tags, UD pos and lemmas from HanTa, cached
  per word and per sentence; separable verbs rejoined (`lehnt … ab` -> `ablehnen`).
- ``clause_fields`` (kg.nlp.fields, ``data/patterns/clause_openers.jsonl``): every
  clause in topological fields (Vorfeld, brackets, Mittelfeld, Nachfeld), its kind
  (main, subordinate, relative, infinitive), parent and coordination, on ``doc._.clauses``.
- ``actor_mentions`` (kg.nlp.mentions, kg.nlp.gazetteer, kg.nlp.surnames): actor
  mentions from the gazetteer (`data/actors/*.jsonl`), role + name patterns (role nouns:
  kg.nlp.role_nouns), persons no list knows (kg.nlp.persons), organisations
  (kg.nlp.organisations, kg.nlp.org_mentions, ``data/generic_actors.tsv``), bare family
  names; left on ``doc._.article_actors`` (kg.nlp.article_actors).
- ``coreference`` (kg.nlp.coreference, kg.nlp.collectives, kg.nlp.categories): what
  refers back -- role nouns (time-scoped: `der Kanzler`), descriptions, collectives
  and category nouns -- resolved within the article.
- ``attribution`` (kg.nlp.attribution, kg.nlp.sentence_view, kg.nlp.clauses, kg.nlp.cues, kg.nlp.triggers
  (kg.nlp.unheld, kg.nlp.phrase_roles, kg.nlp.co_holders; ordered rule steps: kg.nlp.sieve),
  kg.nlp.statements, kg.nlp.discourse (pronouns, the last speakers), kg.nlp.speech_chain (speech
  over several sentences), kg.nlp.source_markers, kg.nlp.claim_split, kg.nlp.reporting,
  kg.nlp.stance, kg.nlp.scope, kg.nlp.verdicts, kg.nlp.frames): who takes which side in
  which sentence, with act, polarity, claim and confidence; the claim -- the
  cue's object or complement without the reporting frame -- from kg.nlp.claims,
  kg.nlp.claim_frame and kg.nlp.claim_shape (``data/claim_words.tsv``).

After the pipeline, kg.extract adds per position the topic (kg.nlp.topics, keywords
in ontology/topics.ttl) and the statement date (kg.nlp.dates, kg.nlp.time_expressions,
``data/dates.tsv``).

Rules and word lists are data in ``kg/nlp/data/``: ``verbs.tsv`` (lemma -> act,
polarity, stance or reporting verb), ``phrases.tsv`` (multi-word predicates),
``nouns.tsv`` (stance nouns), ``adjectives_reaction.tsv`` and ``reaction_verbs.tsv``
(`zeigte sich enttäuscht`), ``evaluation.tsv`` (evaluative words), ``negation.tsv``,
``source_markers.tsv`` (`laut`, `zufolge`), ``role_heads.tsv``, ``role_compatible.tsv``
(`der Regierungschef` after `Ministerpräsident X`), ``categories.tsv`` and ``body_heads.tsv``
(`die Gewerkschaft`, `der Gewerkschaftschef`), ``first_names.tsv``, ``collectives.tsv``,
``bodies.tsv``, ``state_organs.tsv``, ``org_heads.tsv``, ``word_classes.tsv`` (small lists by
name), ``abbreviations.txt`` and ``stts_upos.tsv``; closed-class German words (articles,
pronouns, conjunctions, auxiliaries) are defined once in kg.nlp.german.

`load_pipeline()` builds the pipeline once per process; `analyse(text, date)` runs
it with the article date that role resolution and statement dates need.
"""
from __future__ import annotations

from kg.nlp.pipeline import COMPONENTS, analyse, load_pipeline

__all__ = ["COMPONENTS", "analyse", "load_pipeline"]
