"""The keyword index over ontology/topics.ttl and the decision per CAP major.

Every keyword lives in topics.ttl (prefLabel/altLabel = strong, hiddenLabel = weak
cue); this module only indexes them and weighs what a list of lemmas says
(kg.nlp.topics is the API that classifies sentences, claims and articles).

How a word matches a keyword, first rule that applies wins:
1. the word, or its light stem ("Zurückweisungen" ~ "Zurückweisung"), is a keyword;
2. hyphenated words match part by part, the last part as head ("E-Auto-Zölle": tariffs);
3. a compound matches by its head ("Landtagswahl" -> Wahl) or, with less weight,
   by its first part ("Asylbewerber" -> Asyl); both parts must be real words
   (4+ letters, no derivation such as "Solidarität"), so "Steuerung" is not about taxes.
Multiword keywords ("erneuerbare Energien") match as sequences of stems.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kg.caches import Memo, memo
from kg.iris import ONTOLOGY, topic_iri
from kg.nlp.german import DEFINITE

CAP_CODE = URIRef(ONTOLOGY + "capCode")
YIELDING = topic_iri("finanzierungsmittel")  # skos:Collection of money-word concepts
PROCEDURE = topic_iri("verfahren-und-institutionen")  # skos:Collection of procedure/institution concepts

STRONG, WEAK = 1.0, 0.35
HEAD_FACTOR, MODIFIER_FACTOR = 0.8, 0.55
MACROECONOMICS = 1  # CAP major of the budget: spending on a field is coded under that field
PHRASE_BONUS = 0.2
CONTEXT_WEIGHTS = (0.5, 0.3)
OTHER_CONTEXT_WEIGHT = 0.2
CONTEXT_CAP = 3.0
DECISIVE_LEAD = 0.6
OWN_LEAD = 0.75  # a sentence's own strong-keyword lead that keeps its field against the article's topic
OWN_TOPIC_EVIDENCE = 2.0  # sentence and context evidence that keeps it all the same
PRIOR_SUPPORT = 1.0  # ... unless the paragraph names the article's field this many times as strongly
ATTRACT = 0.25  # strong evidence a policy field needs (after context weights) to take the money words
SPECIFICITY = 0.002  # per letter: between equal cues the longer, more specific word wins
MIN_PART = 4
MIN_STEM = 5  # a keyword's stem shorter than this is no key: "dürr" (Dürre) is also a name
LINKING = ("", "s", "n", "en", "es", "e", "ns")
_SUFFIXES = ("en", "es", "em", "e", "n", "s")  # not "er": Richter is no form of richten
_DERIVED = ("isch", "lich", "ig", "ieren", "ität", "ation", "ell")  # derivational endings: no compound head
_TRIM = re.compile(r"^[#\W_]+|[\W_]+$")


@dataclass(frozen=True)
class TopicMatch:
    """A topic decision: the SKOS concept, its label, its CAP major code, the evidence weight,
    and `lead`: how far the sentence's own strong keywords put this major ahead of any
    other (0 when the decision rests on weak cues or context)."""

    iri: str
    label: str
    cap_major: int
    score: float
    lead: float = 0.0


@memo("topics.stem")
def stem(word: str) -> str:
    """A light German stem, enough to equate inflected forms of one lemma."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@memo("topics.phrase_stem")
def phrase_stem(word: str) -> str:
    """A stem for words inside multiword keywords, where adjective endings vary freely
    ("sozialer Wohnungsbau", "sozialen Wohnungsbau"); safe there as the whole sequence must match.
    Articles are one word, as the lemmatiser makes them: "Anpassung an den Klimawandel"."""
    if word in DEFINITE:
        return "der"
    for suffix in ("er",) + _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@memo("topics.normalise")
def normalise(word: str) -> str:
    """Lower case, 'ß' as 'ss' (HanTa lemmas use the old spelling), no '#'/quotes/punctuation around."""
    return _TRIM.sub("", word.lower().replace("ß", "ss"))


class TopicIndex:
    """Keyword index over a SKOS graph with sp:capCode top concepts."""

    def __init__(self, graph: Graph, yielding: str | Sequence[str] = (YIELDING, PROCEDURE)):
        self.iris: list[str] = []
        self.labels: list[str] = []
        self.caps: list[int] = []
        self.exact: dict[str, dict[int, float]] = defaultdict(dict)
        self.heads: dict[str, dict[int, float]] = defaultdict(dict)
        self.parts: dict[str, dict[int, float]] = defaultdict(dict)
        self.phrases: dict[str, list[tuple[tuple[str, ...], int, float]]] = defaultdict(list)
        self._cache = Memo("topics.word_hits")  # word -> (concept index, weight) pairs
        self._stems = Memo("topics.stem_of")
        self._tallies = Memo("topics.tallies", renew=True)
        self._load(graph)
        collections = (yielding,) if isinstance(yielding, str) else tuple(yielding)
        members = {str(m) for c in collections for m in graph.objects(URIRef(c), SKOS.member)}
        self.yielding = frozenset(i for i, iri in enumerate(self.iris) if iri in members)
        procedure = {str(m) for m in graph.objects(URIRef(PROCEDURE), SKOS.member)}
        self.procedure = frozenset(i for i in self.yielding if self.iris[i] in procedure)
        self.part_lengths = sorted({len(k) for k in self.heads}, reverse=True)

    # ------------------------------------------------------------------ building
    def _load(self, graph: Graph) -> None:
        concepts = sorted(set(graph.subjects(SKOS.prefLabel, None)), key=str)
        caps = _cap_codes(graph, concepts)
        for concept in concepts:
            if concept not in caps:
                continue
            idx = len(self.iris)
            self.iris.append(str(concept))
            self.labels.append(_label(graph, concept))
            self.caps.append(caps[concept])
            for prop, weight in ((SKOS.prefLabel, STRONG), (SKOS.altLabel, STRONG), (SKOS.hiddenLabel, WEAK)):
                for label in graph.objects(concept, prop):
                    if isinstance(label, Literal) and label.language == "de":
                        self._add_keyword(str(label), idx, weight)

    def _add_keyword(self, keyword: str, idx: int, weight: float) -> None:
        words = [normalise(w) for w in keyword.split()]
        words = [w for w in words if w]
        if not words:
            return
        if len(words) > 1:
            self.phrases[phrase_stem(words[0])].append((tuple(phrase_stem(w) for w in words), idx, weight))
            return
        word = words[0]
        short = stem(word)
        for key in {word, short} if len(short) >= MIN_STEM else {word}:  # "Dürre" must not match "Dürr"
            _keep_max(self.exact[key], idx, weight)
        if len(word) >= MIN_PART and "-" not in word:
            _keep_max(self.heads[word], idx, weight)
            if weight > WEAK:  # an ambiguous word starting a compound says too little
                _keep_max(self.parts[word], idx, weight)

    # ------------------------------------------------------------------ matching
    def word_hits(self, word: str) -> tuple[tuple[int, float], ...]:
        """(concept index, weight) pairs a single word contributes; cached per word."""
        hits = self._cache.get(word)
        if hits is None:
            hits = self._cache.keep(word, tuple(self._match(normalise(word)).items()))
        return hits

    def _stem_of(self, word: str) -> str:
        key = self._stems.get(word)
        if key is None:
            key = self._stems.keep(word, phrase_stem(normalise(word)))
        return key

    def _match(self, w: str) -> dict[int, float]:
        if not w:
            return {}
        found = self.exact.get(w) or self.exact.get(stem(w))
        if found:
            return found
        if "-" in w:
            return self._hyphenated([p for p in w.split("-") if p])
        return self._compound(w)

    def _hyphenated(self, parts: list[str]) -> dict[int, float]:
        """The last part is the head; earlier parts count with HEAD_FACTOR once the head names a topic."""
        merged: dict[int, float] = {}
        head = self._match(parts[-1]) if parts else {}
        factor = HEAD_FACTOR if head and not self._only_yielding(head) else 1.0
        for part in parts[:-1]:
            for idx, weight in self._match(part).items():
                _keep_max(merged, idx, weight * factor)
        for idx, weight in head.items():
            _keep_max(merged, idx, weight)
        return merged

    def _compound(self, w: str) -> dict[int, float]:
        parts = not w.endswith(_DERIVED)  # "Solidarität", "automatisch", "Operation": no compounds of Soli, Auto, Oper
        found = self._compound_of(w, parts)
        short = stem(w)
        return found or (self._compound_of(short, parts) if short != w else {})

    def _compound_of(self, w: str, parts: bool) -> dict[int, float]:
        for size in self.part_lengths:
            if len(w) - size >= MIN_PART:
                head = self.heads.get(w[-size:])
                if head:
                    found = {i: x * HEAD_FACTOR for i, x in head.items()}
                    if parts and all(x <= WEAK or i in self.yielding for i, x in head.items()):
                        # a generic head leaves the field to the first part: "Verteidigungsetat", "Flüchtlingsgipfel"
                        factor = HEAD_FACTOR if self._only_yielding(head) else MODIFIER_FACTOR
                        for i, x in self._first_part(w).items():
                            _keep_max(found, i, x * factor)
                    return found
        return {i: x * MODIFIER_FACTOR for i, x in self._first_part(w).items()} if parts else {}

    def _first_part(self, w: str) -> dict[int, float]:
        for size in self.part_lengths:
            if size < len(w) and w[:size] in self.parts and _real_rest(w[size:]):
                return self.parts[w[:size]]
        return {}

    def _only_yielding(self, hits: dict[int, float]) -> bool:
        return bool(hits) and all(i in self.yielding for i in hits)

    def scores(self, words: Sequence[str], strong_only: bool = False, distinct: bool = True) -> dict[int, float]:
        """Summed keyword weight per concept index for one word sequence (only strong keywords with `strong_only`)."""
        total, strong = self.tally(words, distinct)
        return strong if strong_only else total

    def tally(self, words: Sequence[str], distinct: bool = True) -> tuple[dict[int, float], dict[int, float]]:
        """(all keyword weight, strong keyword weight) per concept index, in one pass.

        With `distinct`, a repeated word counts once ("Zug um Zug" is one cue, not two);
        without it (a whole article) a repeated strong keyword counts each time, but a weak
        cue still once: actors, places and money words recur in any article.

        Cached per word list: every position tallies its paragraph and the headline again.
        The dicts returned are shared, so callers only read them.
        """
        key = (tuple(words), distinct)
        found = self._tallies.get(key)
        if found is None:
            found = self._tallies.keep(key, self._tally(words, distinct))
        return found

    def _tally(self, words: Sequence[str], distinct: bool) -> tuple[dict[int, float], dict[int, float]]:
        total: dict[int, float] = defaultdict(float)
        strong: dict[int, float] = defaultdict(float)
        stems = [self._stem_of(w) for w in words] if self.phrases else []
        seen: set[str] = set()
        for i, word in enumerate(words):
            floor = -1.0
            if word in seen:
                if distinct:
                    continue
                floor = WEAK
            seen.add(word)
            specific = 1.0 + SPECIFICITY * len(word)
            for idx, weight in self.word_hits(word):
                if weight > WEAK:
                    strong[idx] += weight * specific
                elif weight <= floor:
                    continue
                total[idx] += weight * specific
            for phrase, idx, weight in self.phrases.get(stems[i], ()) if stems else ():
                if weight > floor and tuple(stems[i:i + len(phrase)]) == phrase:
                    value = (weight + PHRASE_BONUS) * (1.0 + SPECIFICITY * sum(map(len, phrase)))
                    total[idx] += value
                    if weight > WEAK:
                        strong[idx] += value
        return total, strong

    # ------------------------------------------------------------------ deciding
    def decide(self, weighted: Sequence[tuple[float, dict[int, float], dict[int, float]]],
               decisive: bool = True) -> TopicMatch | None:
        """The concept of the CAP major with most weight; ties go to the first list's evidence.

        `weighted` holds (factor, all weight, strong weight) per word list, the sentence first.
        When the strong keywords of the sentence clearly favour one major -- it leads by at
        least DECISIVE_LEAD -- the context lists are not consulted: a sentence on military
        means inside an article on diplomacy stays a defence sentence (unless not `decisive`).
        Weak cues never decide alone; they add up with the context. Money words count for
        the field the strong keywords name (see `_field`).
        """
        if not weighted:
            return None
        first = weighted[0][1]
        if decisive and self._lead(weighted[0][2]) >= DECISIVE_LEAD:
            weighted = weighted[:1]
        combined: dict[int, float] = defaultdict(float)
        for n, (factor, scores, _) in enumerate(weighted):
            for idx, s in scores.items():
                combined[idx] += factor * (s if n == 0 else min(s, CONTEXT_CAP))
        if not combined:
            return None
        field = self._field(weighted) if any(i in self.yielding for i in combined) else None
        following = self.yielding
        if field is None and any(i in self.yielding and i not in self.procedure for i in combined):
            # "Der Bundestag hat den Haushalt beschlossen": without a field the budget is the field
            field, following = self._money_field(combined), self.procedure
        by_major: dict[int, float] = defaultdict(float)
        own: dict[int, float] = defaultdict(float)
        for idx, s in combined.items():
            cap = field if field is not None and idx in following else self.caps[idx]
            by_major[cap] += s
            own[cap] += first.get(idx, 0.0)
        major = max(by_major, key=lambda m: (round(by_major[m], 6), own[m], -m))
        members = [i for i in combined if self.caps[i] == major and (field is None or i not in following)]
        best = max(members, key=lambda i: (round(combined[i], 6), first.get(i, 0.0), -i))
        return TopicMatch(self.iris[best], self.labels[best], major, round(by_major[major], 3),
                          round(self._lead(weighted[0][2], major), 3))

    def _money_field(self, combined: dict[int, float]) -> int | None:
        """The CAP major of the money words present, which procedure words then follow."""
        money = [i for i in combined if i in self.yielding and i not in self.procedure]
        return self.caps[max(money, key=lambda i: (combined[i], -i))] if money else None

    def _field(self, weighted: Sequence[tuple[float, dict[int, float], dict[int, float]]]) -> int | None:
        """The CAP major that money words belong to: the one whose strong keywords (other
        than money words) weigh most across sentence and context, if they reach ATTRACT."""
        field: dict[int, float] = defaultdict(float)
        for n, (factor, _, strong) in enumerate(weighted):
            for idx, s in strong.items():
                if idx not in self.yielding:
                    field[self.caps[idx]] += factor * (s if n == 0 else min(s, CONTEXT_CAP))
        if not field:
            return None
        major = max(field, key=lambda m: (round(field[m], 6), -m))
        return major if field[major] >= ATTRACT else None

    def _lead(self, scores: dict[int, float], major: int | None = None) -> float:
        """How far the best CAP major of `scores` (or `major`) is ahead of the strongest other one."""
        by_major: dict[int, float] = defaultdict(float)
        for idx, s in scores.items():
            by_major[self.caps[idx]] += s
        if major is not None:
            return max(0.0, by_major.get(major, 0.0) - max((s for m, s in by_major.items() if m != major), default=0.0))
        ranked = sorted(by_major.values(), reverse=True) + [0.0, 0.0]
        return ranked[0] - ranked[1]


def _keep_max(target: dict[int, float], idx: int, weight: float) -> None:
    if weight > target.get(idx, 0.0):
        target[idx] = weight


def _real_rest(rest: str) -> bool:
    """After a compound's first part: a linking element, then a word of 4+ letters."""
    for link in LINKING:
        if rest.startswith(link) and len(rest) - len(link) >= MIN_PART:
            return True
    return False


def _label(graph: Graph, concept: URIRef) -> str:
    labels = {l.language: str(l) for l in graph.objects(concept, SKOS.prefLabel) if isinstance(l, Literal)}
    return labels.get("de") or labels.get("en") or next(iter(labels.values()), str(concept))


def _cap_codes(graph: Graph, concepts: Iterable[URIRef]) -> dict[URIRef, int]:
    """Each concept's CAP major code, inherited along skos:broader (cycles are ignored)."""
    out: dict[URIRef, int] = {}
    for concept in concepts:
        seen, frontier = set(), [concept]
        while frontier:
            node = frontier.pop(0)
            if node in seen:
                continue
            seen.add(node)
            code = graph.value(node, CAP_CODE)
            if code is not None:
                out[concept] = int(code)
                break
            frontier.extend(graph.objects(node, SKOS.broader))
    return out
