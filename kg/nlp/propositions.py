"""The proposition of a claim: which question of the codebook it is about, and which side.

A claim names an issue, often turned by a direction word: "Wiedereinführung der
Wehrpflicht" and "Aussetzung der Wehrpflicht" are one issue, two directions. The
proposition is the issue named positively ("Wehrpflicht"), so the actor's side on it is
the stance toward the claim, reversed when the claim's direction is against the issue.
Claims no issue fits keep a free proposition keyed by their head words, so the same
free claim in two articles still meets.

Matching is by words, deterministic, and needs no model: the codebook's German labels
(prefLabel, altLabel, hiddenLabel) are reduced to light stems of their content words; a
label matches when each of its stems is a word of the text, the stem of one, or a part of
a compound ("Wehrpflichtdebatte", "Mindestlohnerhöhung"). The label with most content
words wins, then the longer one; the issue key breaks the last tie. The claim is read
first; only a claim that names no issue falls back on its sentence, and there only the
words near the issue's name can turn its direction.

Direction words are data (data/directions.tsv). Against words count by parity, so
"Klage gegen das Aussetzen der Schuldenbremse" is for the Schuldenbremse. A codebook
label names its issue, never a direction of it: a direction word inside the label that
matched is part of the name ("AfD-Verbot", "Kohleausstieg"), while one that ends a
compound begun by a label is not ("Atomausstieg" against the issue "Atomkraft", labelled
"Atom"; "Mindestlohnerhöhung" for "Mindestlohn").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from kg import iris
from kg.codebook import default_codebook, issue_key
from kg.nlp.german import FUNCTION_WORDS
from kg.nlp.resources import directions, word_class
from kg.nlp.topics import LINKING, stem

MIN_COMPOUND = 4  # a label stem this long also matches as the first part of a compound
MIN_HEAD = 5  # ... and this long as its head
MIN_REST = 4  # the rest of a compound beside a matched stem is a word of its own
MIN_WORD = 4  # shorter direction words ("aus") count only as the head of a compound
SENTENCE_WINDOW = 5  # words around the issue's name in the sentence that may turn its direction
HEAD_WORDS = 2  # head words that key a free proposition
MAIN_ISSUE = 1  # positions naming an issue that make it the article's question
FREE = "free-"
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W_]+)*|\d+(?:-[^\W_]+)+")
_ADJECTIVE = re.compile(r"(isch|lich|ig|al|ell|iv|är|bar|los|sam|haft|ische|ale)(e|en|er|es|em)?$")
SIDES = {("support", "for"): "support", ("oppose", "for"): "oppose",
         ("support", "against"): "oppose", ("oppose", "against"): "support"}


@dataclass(frozen=True)
class Proposal:
    """A claim's proposition: key (codebook issue key or FREE + head words), its German
    label, the issue IRI (None when free), the claim's direction and the actor's side."""

    key: str
    label: str
    issue: str | None
    direction: str
    side: str


@dataclass(frozen=True)
class _Unit:
    """One word of a text, lower case, with its stem; `joined` when it follows a hyphen."""

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


def units(text: str) -> list[_Unit]:
    """The words of `text`, hyphenated compounds split into parts ("Verbrenner-Aus")."""
    out: list[_Unit] = []
    for match in _WORD.finditer(text or ""):
        for k, part in enumerate(match.group().split("-")):
            if part:
                out.append(_Unit(part.lower().replace("ß", "ss"), part, len(out), joined=k > 0))
    return out


def direction_of(unit: _Unit) -> str | None:
    """The direction a word carries: as a whole word, or as the head of a compound."""
    table = _directions()
    word = unit.text
    found = table.get(word) or (word.endswith("ungen") and table.get(word[:-2]))
    if found and (len(word) >= MIN_WORD or unit.joined):
        return found
    for head, direction in table.items():
        if len(word) - len(head) >= MIN_REST and word.endswith(head) and len(head) >= 3:
            return direction
    return None


def _directions() -> dict[str, str]:
    return {w.replace("ß", "ss"): d for w, d in directions().items()}


class IssueIndex:
    """The issues of a SKOS codebook, indexed by the stems of their German labels."""

    def __init__(self, graph: Graph):
        self.keys: list[str] = []
        self.iris: list[str] = []
        self.names: list[str] = []
        self.labels: list[_Label] = []
        self.by_stem: dict[str, list[int]] = {}
        for concept in sorted(set(graph.subjects(RDF.type, SKOS.Concept)), key=str):
            self._add(graph, concept)

    def __len__(self) -> int:
        return len(self.keys)

    def _add(self, graph: Graph, concept) -> None:
        name = _german(graph.objects(concept, SKOS.prefLabel))
        if not isinstance(concept, URIRef) or not name:
            return
        idx = len(self.keys)
        self.keys.append(issue_key(str(concept)))
        self.iris.append(str(concept))
        self.names.append(name[0])
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for label in _german(graph.objects(concept, prop)):
                self._add_label(idx, label)

    def _add_label(self, idx: int, label: str) -> None:
        words = units(label)
        stems = tuple(stem(u.text) for u in words if u.joined or u.text not in FUNCTION_WORDS)
        if not stems:
            return
        k = len(self.labels)
        self.labels.append(_Label(idx, stems, len(label)))
        for s in set(stems):
            self.by_stem.setdefault(s, []).append(k)

    def find(self, words: Sequence[_Unit]) -> _Hit | None:
        """The best issue whose label is all there in `words`, or None."""
        where: dict[str, set[int]] = {}
        rests: dict[tuple[int, str], str] = {}
        for u in words:
            for s, rest in self._stems_in(u):
                where.setdefault(s, set()).add(u.index)
                if rest is not None:
                    rests[u.index, s] = rest
        best: _Hit | None = None
        for k in sorted({k for s in where for k in self.by_stem.get(s, ())}):
            label = self.labels[k]
            if not all(s in where for s in label.stems):
                continue
            at = [i for s in label.stems for i in where[s]]
            used = frozenset(at)
            inside = sum(1 for s in label.stems for i in where[s]  # a word the label covers whole has no rest
                         if rests.get((i, s)) == "against" and at.count(i) == 1)
            rank = (len(label.stems), label.length, -label.issue)
            hit = _Hit(label.issue, used, rank, inside % 2 == 1)
            if best is None or hit.rank > best.rank:
                best = hit
        return best

    def _stems_in(self, unit: _Unit) -> Iterable[tuple[str, str | None]]:
        """Label stems this word is (inflected: "Mindestlohns"), or begins or ends as a
        compound; with the direction the rest of a compound it begins carries
        ("Mindestlohn|erhöhung": for, "Atom|ausstieg": against)."""
        word = unit.text
        for s in {word, unit.stem, stem(unit.stem)}:
            if s in self.by_stem:
                yield s, None
        for cut in range(MIN_COMPOUND, len(word) - MIN_REST + 1):
            head, rest = word[:cut], word[cut:]
            if head in self.by_stem and _real_rest(rest):
                yield head, _rest_direction(rest, unit.index)
            tail = word[len(word) - cut:]
            if cut >= MIN_HEAD and tail in self.by_stem:
                yield tail, None


def _real_rest(rest: str) -> bool:
    return any(rest.startswith(link) and len(rest) - len(link) >= MIN_REST for link in LINKING)


def _rest_direction(rest: str, index: int) -> str | None:
    """The direction of a compound's rest after its linking element, if it is a direction word."""
    for link in sorted(LINKING, key=len, reverse=True):
        if rest.startswith(link):
            found = direction_of(_Unit(rest[len(link):], rest, index, joined=True))
            if found:
                return found
    return None


def _german(labels) -> list[str]:
    return sorted(str(l) for l in labels if isinstance(l, Literal) and (l.language or "").startswith("de"))


def _against_parity(words: Iterable[_Unit]) -> bool:
    return sum(1 for u in words if direction_of(u) == "against") % 2 == 1


def propose(claim: str, stance: str, index: IssueIndex, sentence: str = "") -> Proposal:
    """The proposition of one claim (and, where the claim names no issue, its sentence)."""
    words = units(claim)
    hit = index.find(words) if len(index) else None
    window = words
    if hit is None and sentence and len(index):
        sentence_words = units(sentence)
        hit = index.find(sentence_words)
        if hit is not None:
            lo, hi = min(hit.units) - SENTENCE_WINDOW, max(hit.units) + SENTENCE_WINDOW
            window = [u for u in sentence_words if lo <= u.index <= hi]
    if hit is None:
        return _free(claim, words, stance)
    outside = sum(1 for u in window if u.index not in hit.units and direction_of(u) == "against")
    direction = "against" if (outside % 2 == 1) != hit.against else "for"
    return Proposal(index.keys[hit.issue], index.names[hit.issue], index.iris[hit.issue],
                    direction, SIDES[stance, direction])


def _free(claim: str, words: list[_Unit], stance: str) -> Proposal:
    """A proposition of the claim's own: keyed by its first head words, so that the same
    claim, inflected or reworded around its nouns, meets itself in another article."""
    against = _against_parity(words)
    direction = "against" if against else "for"
    heads = [u for u in words if u.text not in FUNCTION_WORDS and direction_of(u) is None
             and u.surface[:1].isupper() and not (u.index == 0 and _ADJECTIVE.search(u.text))]
    heads = heads or [u for u in words if u.text not in FUNCTION_WORDS and direction_of(u) is None]
    key = FREE + ("-".join(iris.slug(u.stem) for u in heads[:HEAD_WORDS]) or iris.slug(claim)[:40])
    label = " ".join(u.surface for u in heads) if against and heads else claim
    return Proposal(key, label.strip() or claim, None, direction, SIDES[stance, direction])


def with_propositions(positions: Sequence, index: IssueIndex) -> list:
    """One article's positions with proposition, label, issue, side and direction filled in.

    A claim that names nothing of its own -- its head words only point back ("die
    Entscheidung nicht nachvollziehen", "das Abkommen") -- is about the question the
    article argues over: the issue most of its other positions name.
    """
    found = [propose(p.claim, p.stance, index, p.sentence) for p in positions]
    main = _article_issue(found)
    out = []
    for p, proposal in zip(positions, found):
        if main is not None and proposal.issue is None and _points_back(p.claim):
            direction = proposal.direction
            proposal = replace(main, direction=direction, side=SIDES[p.stance, direction])
        out.append(replace(p, proposition=proposal.key, proposition_label=proposal.label,
                           issue=proposal.issue, side=proposal.side, direction=proposal.direction))
    return out


def _article_issue(found: Sequence[Proposal]) -> Proposal | None:
    """The issue most positions of an article name (the first named among equals)."""
    counts: dict[str, int] = {}
    first: dict[str, Proposal] = {}
    for proposal in found:
        if proposal.issue is not None:
            counts[proposal.key] = counts.get(proposal.key, 0) + 1
            first.setdefault(proposal.key, proposal)
    if not counts:
        return None
    best = max(counts, key=lambda key: (counts[key], -list(first).index(key)))
    return first[best] if counts[best] >= MAIN_ISSUE else None


def _points_back(claim: str) -> bool:
    """Whether the claim's head noun (its first) only points back to a question named
    before ("Beschluss der hessischen Christdemokraten"), or the claim has no noun."""
    vague = word_class("vague_claim_head")
    nouns = [u for u in units(claim) if u.surface[:1].isupper() and u.text not in FUNCTION_WORDS]
    return not nouns or nouns[0].text in vague or nouns[0].stem in vague


_ACTIVE: IssueIndex | None = None


def use_codebook(graph: Graph | None) -> IssueIndex:
    """Make `graph` the codebook extraction matches against (None: ontology/issues.ttl).

    Set before extraction starts: worker processes forked later inherit it.
    """
    global _ACTIVE
    if graph is None:
        graph = default_codebook()
    _ACTIVE = IssueIndex(graph)
    return _ACTIVE


def active_index() -> IssueIndex:
    """The codebook in use (ontology/issues.ttl unless use_codebook chose another)."""
    return _ACTIVE if _ACTIVE is not None else use_codebook(None)
