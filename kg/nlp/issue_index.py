"""Codebook issues found in a text: the words of a claim against the labels of a SKOS codebook.

Matching is by words, deterministic, and needs no model: the codebook's German labels
(prefLabel, altLabel) are reduced to light stems of their content words; a label matches
when each of its stems is a word of the text, the stem of one ("Mindestlohns"), its
infinitive ("zurückzuweisen"), or a part of a compound ("Wehrpflichtdebatte",
"Mindestlohnerhöhung"), unless the word is a first name, a word of a known person's name or a
place's name: "Wolfgang" and "Wolfsburg" begin with the stem of "Wolf" and are neither wolves
nor compounds. The label that covers most words of the text wins, then the issue the article
names most, then the longer label; the codebook order breaks the last tie. hiddenLabels,
and the single nouns of longer labels (not those every debate has), are weak cues: they name
an issue only beside a position of the same article that names it outright
(kg.nlp.propositions). A word written small may carry the strong adjective ending
("erneuerbarer Energien" for the label "erneuerbare Energien").

Direction words are data (data/directions.tsv) and count as whole words. A codebook label
names its issue, never a direction of it: a direction word inside the label that matched
is part of the name ("AfD-Verbot", "Kohleausstieg"), while one that ends a compound begun
by a label is not ("Atomausstieg" against the issue "Atomkraft", labelled "Atom";
"Mindestlohnerhöhung" for "Mindestlohn").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, NamedTuple, Sequence

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from kg.caches import Memo, memo
from kg.codebook import issue_key
from kg.nlp.german import FUNCTION_WORDS, SEPARABLE_PARTICLES
from kg.nlp.resources import actor_records, directions, first_names, word_class
from kg.nlp.topics import LINKING, phrase_stem, stem

MIN_COMPOUND = 4  # a label stem this long also matches as the first part of a compound
MIN_HEAD = 5  # ... and this long as its head
MIN_REST = 4  # the rest of a compound beside a matched stem is a word of its own
MIN_WORD = 4  # shorter direction words ("aus") count only joined to a compound ("Verbrenner-Aus")
MIN_CUE = 5  # a weak cue is a word of at least this many letters
MAX_CUE_ISSUES = 2  # ... in the labels of at most this many issues
GEGEN_REACH = 3  # "gegen" this close after an against word belongs to it
FUNCTION = frozenset(w.replace("ß", "ss") for w in FUNCTION_WORDS)  # as Word.text spells them
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W_]+)*|\d+(?:-[^\W_]+)+|\d+(?:[.,]\d+)*[^\W\d_]*")  # numbers count: "Rente mit 63"


class Word(NamedTuple):
    """One word of a text, lower case, with its stem; `joined` when it follows a hyphen. A
    named tuple, so hashing one is C's work: an article's claims and sentences are looked
    up by their words (IssueIndex._labels_in) several times each."""

    text: str
    surface: str
    index: int
    joined: bool = False

    @property
    def stem(self) -> str:
        return stem(self.text)


@dataclass(frozen=True)
class _Label:
    issue: int
    stems: tuple[str, ...]
    length: int


@dataclass(frozen=True)
class _Hit:
    """An issue named in a text: which words named it and what direction they carry."""

    issue: int
    units: frozenset[int]
    rank: tuple
    against: bool  # an against word ends a compound the label begins ("Atomausstieg")


def units(text: str) -> list[Word]:
    """The words of `text`, hyphenated compounds split into parts ("Verbrenner-Aus"), and
    numbers ("Rente mit 63" is not "Rente mit 70", nor any claim about the Rente)."""
    return list(_units(text or ""))


def content_units(text: str) -> list[Word]:
    """The words of `text` that are no function words: what a claim says."""
    return [u for u in _units(text or "") if u.text not in FUNCTION]


def noun_units(text: str) -> list[Word]:
    """The capitalised content words of `text`: its nouns (a claim's first is its head)."""
    return [u for u in content_units(text) if u.surface[:1].isupper()]


@memo("issues.units")
def _units(text: str) -> tuple[Word, ...]:
    """Cached: an article's claims and sentences are read twice (kg.nlp.propositions)."""
    out: list[Word] = []
    for match in _WORD.finditer(text):
        for k, part in enumerate(match.group().split("-")):
            if part:
                out.append(Word(part.lower().replace("ß", "ss"), part, len(out), joined=k > 0))
    return tuple(out)


def direction_of(unit: Word) -> str | None:
    """The direction a whole word carries ("Abschaffung", "auszusetzen", the "Aus" of
    "Verbrenner-Aus"). A direction word ending a closed compound turns only the compound's
    first part ("Atomausstieg"), so it counts where that part names the issue (IssueIndex)."""
    return _direction(unit.text, unit.joined)


@memo("issues.direction")
def _direction(word: str, joined: bool) -> str | None:
    table = _directions()
    found = table.get(word) or table.get(without_zu(word)) or (word.endswith("ungen") and table.get(word[:-2]))
    if found and (len(word) >= MIN_WORD or joined):
        return found
    return None


@memo("issues.without_zu")
def without_zu(word: str) -> str:
    """A zu-infinitive as its infinitive: "zurückzuweisen" -> "zurückweisen"."""
    for particle in SEPARABLE_PARTICLES:
        if word.startswith(particle + "zu") and len(word) > len(particle) + 5:
            return particle + word[len(particle) + 2:]
    return word


@lru_cache(maxsize=1)
def _directions() -> dict[str, str]:
    """Built once: it was rebuilt for every word of every claim (4 % of extraction)."""
    return {w.replace("ß", "ss"): d for w, d in directions().items()}


class IssueIndex:
    """The issues of a SKOS codebook, indexed by the stems of their German labels."""

    def __init__(self, graph: Graph):
        self.keys: list[str] = []
        self.iris: list[str] = []
        self.names: list[str] = []
        self.labels: list[_Label] = []
        self.by_stem: dict[str, list[int]] = {}
        self.weak: dict[str, set[int]] = {}  # stem -> issues it is a weak cue of
        for concept in sorted(set(graph.subjects(RDF.type, SKOS.Concept)), key=str):
            self._add(graph, concept)
        # a word in the labels of many issues ("Ukraine", "Koalition") tells none of them apart
        self.weak = {s: issues for s, issues in self.weak.items() if len(issues) <= MAX_CUE_ISSUES}
        self._positions = {iri: k for k, iri in enumerate(self.iris)}
        self._stems_cache = Memo("issues.stems")  # (word, adjective) -> its label stems
        self._labels_cache = Memo("issues.labels", renew=True)  # a claim is read twice, close together

    def __len__(self) -> int:
        return len(self.keys)

    def position(self, iri: str) -> int:
        """The index of an issue by its IRI."""
        return self._positions[iri]

    def _add(self, graph: Graph, concept) -> None:
        name = _german(graph.objects(concept, SKOS.prefLabel))
        if not isinstance(concept, URIRef) or not name:
            return
        idx = len(self.keys)
        self.keys.append(issue_key(str(concept)))
        self.iris.append(str(concept))
        self.names.append(name[0])
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for label in _german(graph.objects(concept, prop)):
                self._add_label(idx, label)
        for label in _german(graph.objects(concept, SKOS.hiddenLabel)):
            self._add_weak(idx, _content_stems(units(label)))

    def _add_label(self, idx: int, label: str) -> None:
        stems = _content_stems(units(label))
        if not stems:
            return
        k = len(self.labels)
        self.labels.append(_Label(idx, stems, len(label)))
        for s in set(stems):
            self.by_stem.setdefault(s, []).append(k)
        if len(stems) > 1:  # the nouns of a longer name are cues on their own
            self._add_weak(idx, _cue_stems(units(label)))

    def _add_weak(self, idx: int, stems: Sequence[str]) -> None:
        for s in stems:
            if len(s) >= MIN_CUE and direction_of(Word(s, s, 0)) is None:
                self.weak.setdefault(s, set()).add(idx)

    def find_weak(self, words: Sequence[Word], named: dict[int, int]) -> int | None:
        """The issue, among those `named` in the article (issue -> how often), whose weak cues
        the words hold most of: the single words of its longer labels ("Gebiete" of "Abtretung
        von Gebieten") and its hiddenLabels. A cue alone names nothing; beside an issue the
        article argues about, it refers to that issue."""
        hits: dict[int, set[str]] = {}
        for u in words:
            for s in {u.text, u.stem, stem(u.stem)}:
                for idx in self.weak.get(s, ()):
                    if idx in named:
                        hits.setdefault(idx, set()).add(s)
        if not hits:
            return None
        return max(hits, key=lambda idx: (len(hits[idx]), named[idx], -idx))

    def find(self, words: Sequence[Word], named: dict[int, int] | None = None) -> _Hit | None:
        """The best issue whose label is all there in `words`, or None: the label that covers
        most words, then the issue `named` most often in the article, then the longest label. The words of every label of that issue found there are its name."""
        named = named or {}
        best: tuple | None = None  # (rank, issue, against): the _Hit is made once, for the best
        named_by: dict[int, set[int]] = {}
        for label, at, inside in self._labels_in(tuple(words)):
            named_by.setdefault(label.issue, set()).update(at)
            rank = (len(set(at)), named.get(label.issue, 0), label.length, -label.issue)
            if best is None or rank > best[0]:
                best = (rank, label.issue, inside % 2 == 1)
        if best is None:
            return None
        rank, issue, against = best
        return _Hit(issue, frozenset(named_by[issue]), rank, against)

    def issues_in(self, words: Sequence[Word]) -> set[int]:
        """The issues with a label all there in `words`: with at most one, `find` answers the
        same whatever the article names (`named` only ranks one issue against another)."""
        return {label.issue for label, _, _ in self._labels_in(tuple(words))}

    def _labels_in(self, words: tuple[Word, ...]) -> list[tuple[_Label, list[int], int]]:
        """The labels all there in `words`, in label order: each with the indices of the words
        naming it and how many of them end a compound in an against word. They do not depend
        on the article (`named`), so they are cached (bounded): a claim is looked up once
        before the article's issues are counted and once after."""
        found = self._labels_cache.get(words)
        if found is None:
            found = self._labels_cache.keep(words, self._labels_of(words))
        return found

    def _labels_of(self, words: Sequence[Word]) -> list[tuple[_Label, list[int], int]]:
        where: dict[str, set[int]] = {}
        rests: dict[tuple[int, str], str] = {}
        for u in words:
            for s, rest in self._stems_in(u):
                where.setdefault(s, set()).add(u.index)
                if rest is not None:
                    rests[u.index, s] = rest
        out = []
        for k in sorted({k for s in where for k in self.by_stem.get(s, ())}):
            label = self.labels[k]
            if not all(s in where for s in label.stems):
                continue
            at = [i for s in label.stems for i in where[s]]
            inside = sum(1 for s in label.stems for i in where[s]  # a word the label covers whole has no rest
                         if rests.get((i, s)) == "against" and at.count(i) == 1)
            out.append((label, at, inside))
        return out

    def _stems_in(self, unit: Word) -> Iterable[tuple[str, str | None]]:
        """Label stems this word is (inflected: "Mindestlohns"), or begins or ends as a
        compound; with the direction the rest of a compound it begins carries
        ("Mindestlohn|erhöhung": for, "Atom|ausstieg": against). Cached per word: it
        depends on the word's text alone, and every claim is read twice."""
        adjective = not unit.surface[:1].isupper()
        found = self._stems_cache.get((unit.text, adjective))
        if found is None:
            found = self._stems_cache.keep((unit.text, adjective), tuple(self._word_stems(unit.text, adjective)))
        return found

    def _word_stems(self, word: str, adjective: bool = False) -> Iterable[tuple[str, str | None]]:
        """`adjective`: a word written small may end in the strong "-er" ("erneuerbarer
        Energien" meets the label "erneuerbare Energien"); a noun's "-er" is its own."""
        infinitive = without_zu(word)
        forms = {word, stem(word), stem(stem(word)), infinitive, stem(infinitive)}
        if adjective:
            forms.add(phrase_stem(word))
        for s in forms:
            if s in self.by_stem:
                yield s, None
        if word in _proper_names():
            return
        for cut in range(MIN_COMPOUND, len(word) - MIN_REST + 1):
            head, rest = word[:cut], word[cut:]
            if head in self.by_stem and _real_rest(rest):
                yield head, _rest_direction(rest)
            tail = word[len(word) - cut:]
            if cut >= MIN_HEAD and tail in self.by_stem:
                yield tail, None


_LONGEST_LINK_FIRST = sorted(LINKING, key=len, reverse=True)


def _content_stems(words: Sequence[Word]) -> tuple[str, ...]:
    return tuple(stem(u.text) for u in words if u.joined or u.text not in FUNCTION)


def _cue_stems(words: Sequence[Word]) -> tuple[str, ...]:
    """The words of a longer label that may point to its issue alone: its nouns (capitalised,
    "Gebiete" of "Abtretung von Gebieten"), not its adjectives ("sichere", "neuer") nor
    nouns that every debate has (word class generic_issue_noun: "Regierung" of
    "Ampel-Regierung", "Verhandlungen" of "Verhandlungen mit Russland")."""
    generic = _generic_nouns()
    return tuple(stem(u.text) for u in words if u.surface[:1].isupper() and u.text not in FUNCTION
                 and u.text not in generic and stem(u.text) not in generic)


@lru_cache(maxsize=1)
def _generic_nouns() -> frozenset[str]:
    words = {w.lower().replace("ß", "ss") for w in word_class("generic_issue_noun")}
    return frozenset(words | {stem(w) for w in words})


@lru_cache(maxsize=1)
def _proper_names() -> frozenset[str]:
    """First names, the words of the gazetteer's person names and the place names of word
    class proper_name, spelled as Word.text: a name is one word, no compound of an issue's
    stem ("Wolf|gang", "Soli|ngen", "Gute|rres")."""
    names = set(first_names()) | set(word_class("proper_name"))
    for record in actor_records():
        if record.get("type") == "person":
            for name in [record["name"], *record.get("aliases", ())]:
                names.update(w for w in name.replace("-", " ").split() if w[:1].isupper())  # not "von"
    return frozenset(n.lower().replace("ß", "ss") for n in names)


def _real_rest(rest: str) -> bool:
    return any(rest.startswith(link) and len(rest) - len(link) >= MIN_REST for link in LINKING)


def _rest_direction(rest: str) -> str | None:
    """The direction of a compound's rest after its linking element, if it is a direction word."""
    for link in _LONGEST_LINK_FIRST:
        if rest.startswith(link):
            found = _direction(rest[len(link):], True)
            if found:
                return found
    return None


def _german(labels) -> list[str]:
    return sorted(str(l) for l in labels if isinstance(l, Literal) and (l.language or "").startswith("de"))


def against_parity(words: Sequence[Word]) -> bool:
    return against_words(words) % 2 == 1


def against_words(words: Sequence[Word]) -> int:
    """How many words turn against, "gegen" right after another one not counted: a
    "Klage gegen" is one turn, so "Klage gegen das Aussetzen der Schuldenbremse" is for it."""
    count, last = 0, None
    split = split_verb(words)
    for u in words:
        if direction_of(u) == "against" or (split is not None and u.index == split[0] and split[1] == "against"):
            if u.text == "gegen" and last is not None and u.index - last <= GEGEN_REACH:
                continue
            count, last = count + 1, u.index
    return count


def split_verb(words: Sequence[Word]) -> tuple[int, str] | None:
    """A separable verb split by the clause (its particle last: "Deutschland steigt aus der
    Atomkraft aus", "die Koalition schafft die Maut ab"): the finite verb's index and the
    direction of the whole verb, when that is a direction word ("aussteigen", "abschaffen")."""
    if len(words) < 2 or words[-1].text not in SEPARABLE_PARTICLES:
        return None
    table, particle = _directions(), words[-1].text
    for u in words[:-1]:
        for infinitive in (u.text[:-1] + "en", u.text[:-2] + "en", u.text) if u.text.endswith("t") else (u.text,):
            if table.get(particle + infinitive):
                return u.index, table[particle + infinitive]
    return None
