"""The memory budget of extraction: every memo kept from one article to the next, with its bound.

Extraction asks the same questions of the same words again and again (is `Zeitung` a media
head, what are HanTa's tags for `Mindestlohn`, which issue labels does `Rentenreform` stem to),
so the pipeline memoises them. Each memo keys a pure function of its key and the data loaded
once (word lists, HanTa's model, the codebook, the topic index), so a bound trades memory for
speed and never changes an output. A process that reads a long corpus meets new names and
words until the end, so every memo is bounded, and the bounds are here together: their sum
is what a worker's memory grows by until it is warm (bench/memory_curve.py prints each fill),
about 120 MB when all are full plus spaCy's vocabulary (at most 9 MB). Each bound was sized
by how much of an unbounded memo's hits it keeps (bench/cache_sizes.py, bench/results.md);
the bounds set one by one where each memo was defined, before, came to about 1.1 GB, which a
worker of the 100,000-article run was still filling at 50,000 articles.

Two kinds: `memo(name)` decorates a function with functools.lru_cache(maxsize=BOUNDS[name]);
`Memo(name)` is a dict for a memo kept on an object (HanTa's tagger, an index), which stops
taking entries at its bound (the frequent keys come early and stay) or starts again empty.
`report()` lists every
memo's fill and bound, `clear()` empties them all; `kept_on(owner, name)` is the Memo an
object keeps under that name.
"""
from __future__ import annotations

import weakref
from functools import lru_cache
from typing import Callable, TypeVar

F = TypeVar("F", bound=Callable)

# name: entries. Each bound is the smallest of 500, 1,000, 2,000, 5,000, 10,000, 20,000, 50,000
# that keeps >= 90 % of the hits an unbounded memo gets, on real news (eval/dev, tests/data and
# 700 wikinews articles) and on 3,000 articles of the scale corpus alike (bench/cache_sizes.py,
# 2026-12-07), and no less than 5,000 where an entry is small (5,000 of 100-600 bytes are 0.5-3
# MB, and a miss may cost more than its share of hits says: `dates.absolute` asks dateparser).
# `real / scale` in a comment is the share a bound keeps where it is lower than 90 %; bytes an
# entry as measured on the scale corpus where they are large. Keyed by a word unless said
# otherwise.
BOUNDS: dict[str, int] = {
    # HanTa (kg.nlp.tagger, kg.nlp.hanta_dp, kg.nlp.hanta_viterbi)
    "tagger.sentence_tags": 5_000,  # a sentence's words -> lemmas and tags; 1.8 KB
    "tagger.noun_lemma": 5_000,
    "tagger.not_a_noun": 5_000,
    "tagger.fallback_lemma": 5_000,  # (asked too rarely to measure)
    "hanta.analyze_forward": 10_000,  # a lower-case word -> tag scores; 0.6 KB
    "hanta.analyze_viterbi": 20_000,  # 0.4 KB
    "hanta.analyze": 10_000,
    "hanta.candidates": 10_000,  # (word, case counts) -> candidate tags
    # (last four letters, length) of a morpheme HanTa does not know -> a guess per tag: 1 KB an
    # entry, so 50,000 (real 0.76 / scale 1.0; 90 % on real text takes 100,000, 50 MB more).
    # These two serve the Python tables only: the compiled ones (kg.nlp._hanta_table) keep a
    # guess's suffix terms per suffix HanTa knows (860), a table that does not grow
    "hanta.guesses": 50_000,
    "hanta.suffixes": 50_000,  # real 0.89
    # a paragraph's text -> its sentences' (start, end) (kg.nlp.sentences); this and the next
    # set as tagger.sentence_tags, not yet sized by bench/cache_sizes.py
    "sentences.paragraph": 5_000,
    # a sentence's words, tags and places -> its clauses (kg.nlp.fields); starts again when full
    "fields.sentence_clauses": 5_000,
    # topics (kg.nlp.topic_index)
    "topics.stem": 5_000,
    "topics.phrase_stem": 20_000,
    "topics.normalise": 5_000,
    "topics.word_hits": 10_000,
    "topics.stem_of": 10_000,
    # a paragraph's or claim's lemmas -> keyword weights per concept; 8.5 KB; starts again when
    # full (an article asks again soon: 500 keep 99.6 % of the hits on real news, 2,000 keep
    # 96.7 % on the scale corpus, whose articles share paragraphs)
    "topics.tallies": 2_000,
    # issues (kg.nlp.issue_index)
    "issues.units": 5_000,  # a claim or sentence text -> its words
    "issues.direction": 5_000,  # (word, joined)
    "issues.without_zu": 5_000,
    "issues.stems": 5_000,  # (word, adjective)
    "issues.points_back": 5_000,  # a claim -> whether its head only points back (kg.nlp.propositions)
    "issues.verdict_phrase": 5_000,  # a claim -> whether it holds a verdict of several words
    "issues.labels": 1_000,  # a claim's words -> the issue labels in them; starts again when full
    # mentions, cues, dates
    "mentions.is_media_head": 5_000,
    "mentions.state_organ_word": 5_000,
    "mentions.role_key": 5_000,
    "mentions.is_org_head": 5_000,
    "mentions.role_gender": 5_000,
    "mentions.descriptor": 5_000,
    "mentions.unlisted": 5_000,  # a lower-case word -> in none of the lists the mention checks read
    "cues.stance_noun": 5_000,  # a lemma
    "verdicts.heads": 5_000,  # a lemma of eight letters or more
    "dates.event_word": 5_000,
    "dates.mood": 5_000,  # (a finite verb form, its lemma)
    "dates.absolute": 5_000,  # (day, month, year)
    "iris.slug": 5_000,  # a name or key -> its IRI slug (kg.iris)
    # validation (kg.validate)
    "validate.queries": 512,  # pySHACL's SPARQL texts: the shapes' own, a fixed few
    # spaCy's vocabulary: every word form read, string and lexeme, about 450 bytes each;
    # kg.nlp.pipeline renews the pipeline past the bound (40-60 ms CPU, 1,229 strings again).
    # Real news brings about 90 new strings an article (16,290 after 150 wikinews articles), so
    # 20,000 (9 MB) renew every 200 articles or so, 0.3 ms an article; 100,000 kept 45 MB
    "spacy.strings": 20_000,
}

_FUNCTIONS: dict[str, list] = {}
_MEMOS: dict[str, weakref.WeakSet] = {}
_SIZES: dict[str, Callable[[], int]] = {}


def memo(name: str) -> Callable[[F], F]:
    """functools.lru_cache with the bound BOUNDS[name], registered under `name`."""
    def wrap(function: F) -> F:
        cached = lru_cache(maxsize=BOUNDS[name])(function)
        _FUNCTIONS.setdefault(name, []).append(cached)
        return cached
    return wrap


class Memo(dict):
    """A dict memo kept on an object, holding no more than BOUNDS[name] entries: when full it
    takes no more (`renew` False: the frequent keys come early and stay) or starts again
    empty (`renew` True: for keys that recur close together, as an article's paragraphs do)."""

    def __init__(self, name: str, renew: bool = False):
        super().__init__()
        self.name, self.bound, self.renew = name, BOUNDS[name], renew
        _MEMOS.setdefault(name, weakref.WeakSet()).add(self)

    def keep(self, key, value):
        """`value`, kept under `key` if there is room."""
        if len(self) >= self.bound and self.renew:
            self.clear()
        if len(self) < self.bound:
            self[key] = value
        return value

    __hash__ = object.__hash__  # a WeakSet member; two memos are never the same one


def kept_on(owner, name: str) -> Memo:
    """The Memo `name` an object keeps (HanTa's tagger), made on first use."""
    found = owner.__dict__.get(name)
    if found is None:
        found = owner.__dict__[name] = Memo(name)
    return found


def measured(name: str, size: Callable[[], int]) -> None:
    """Report `size()` as the fill of `name`, a bounded store that is no memo of this module."""
    _SIZES[name] = size


def registered() -> list[str]:
    """The names under which a memo (or a measured store) has been made so far."""
    return [name for name in BOUNDS if name in _FUNCTIONS or name in _MEMOS or name in _SIZES]


def report() -> list[tuple[str, int, int]]:
    """(name, entries now, bound) of every memo registered so far, in BOUNDS order."""
    out = []
    for name, bound in BOUNDS.items():
        size = sum(f.cache_info().currsize for f in _FUNCTIONS.get(name, ()))
        size += sum(len(m) for m in _MEMOS.get(name, ()))
        size += _SIZES[name]() if name in _SIZES else 0
        out.append((name, size, bound))
    return out


def clear() -> None:
    """Empty every memo (the next articles fill them again)."""
    for functions in _FUNCTIONS.values():
        for f in functions:
            f.cache_clear()
    for memos in _MEMOS.values():
        for m in memos:
            m.clear()
