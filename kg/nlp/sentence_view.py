"""The view of a sentence attribution works on: tokens, quotations, clause segments.

Every attribution component (cues, holders, claims, stance) reads a sentence through
one view built once: its tokens without spaces, which are quoted, which comma segment
each belongs to, and which of several coordinated predicates of a segment
(`lehnt die Maut ab und wirbt für ein Tempolimit`) a token stands in.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.nlp import resources
from kg.nlp.article_actors import Mention
from kg.nlp.clauses import is_konjunktiv1, is_konjunktiv2, quote_mask, segments
from kg.nlp.german import (CONTINUING, COORDINATORS, FINITE, PLANNED, RELATIVE, RELATIVE_AFTER_PREPOSITION,
                            SENTENCE_JOINERS)
from kg.nlp.resources import Trigger

DETERMINERS = {"ART", "ADJA", "PPOSAT", "CARD", "PIAT", "PDAT", "ADV", "PIDAT", "TRUNC"}
PREPOSITIONS = {"APPR", "APPRART", "APPO"}


@dataclass
class Hit:
    """A stance trigger found in a sentence: token position, what it says, how it was found."""

    i: int
    trigger: Trigger
    evidence: str


class SentenceView:
    """Tokens of one sentence with the clause structure attribution needs."""

    def __init__(self, sent, mentions: list[Mention]):
        self.sent = sent
        self.toks = [t for t in sent if not t.is_space]
        self.pos = {t.i: n for n, t in enumerate(self.toks)}
        self.mask = quote_mask(self.toks)
        self.segs = segments(self.toks, self.mask)
        # indexed once, not rescanned for every verb: a long clause made extraction quadratic
        self._seg_tokens: dict[int, list[int]] = {}
        for i, seg in enumerate(self.segs):
            self._seg_tokens.setdefault(seg, []).append(i)
        self._seg_words = {seg: [i for i in toks if not self.toks[i].is_punct] for seg, toks in self._seg_tokens.items()}
        self.clause_parts: dict[int, dict[int, int]] = {}  # kept for clause_of, per segment
        self.coordinates: dict[int, bool] = {}  # kept for continues_predicate, per segment
        self._subordinate: dict[int, bool] = {}
        self._konjunktiv1: dict[int, bool] = {}
        self._joined: tuple[list[int], list[str]] | None = None  # kept for parts
        self.verb_hits: dict[int, Hit | None] = {}  # kept for kg.nlp.cues.verb_trigger, per token
        self.mentions = [m for m in mentions if m.start in self.pos]

    def span(self) -> tuple[int, int]:
        """Character offsets of the sentence without surrounding whitespace."""
        return self.toks[0].idx, self.toks[-1].idx + len(self.toks[-1].text)

    def evidence(self, needed: list[int], announces: bool = True) -> tuple[int, int]:
        """Character offsets of the parts of the sentence that hold the tokens `needed`.

        A semicolon or a colon outside quotation marks joins clauses that could stand as
        sentences of their own (`X begrüßte den Plan; Y lehnt ihn ab`, `Die Lage ist
        ernst: Die Kassen sind leer`). A position whose holder, cue and claim all stand
        in one of them is stated there; the other is context, and shown as such, not
        as the evidence of the position. A colon ending the last of them announces what
        it says (`X kritisierte den Plan scharf: „…“`), so the part after it goes with it.
        Without a joiner, or when the tokens span it, the evidence is the whole sentence.
        Without `announces` a colon takes nothing after it along, a semicolon all (reported
        speech carried on: see reported_part)."""
        first, final = self.parts(needed, announces)
        return self.toks[first].idx, self.toks[final].idx + len(self.toks[final].text)

    def parts(self, needed: list[int], announces: bool = True) -> tuple[int, int]:
        """The first and last token of the parts holding `needed` (see evidence)."""
        parts, ends = self._parts()
        held = {parts[i] for i in needed if 0 <= i < len(parts)}
        if not ends or not held:
            return 0, len(self.toks) - 1
        last = max(held) + (announces and max(held) < len(ends) and ends[max(held)] == ":")
        while not announces and last < len(ends) and ends[last] == ";":
            last += 1  # `…, sei gelungen; auch X blieben erlaubt`: speech goes on past a semicolon
        return parts.index(min(held)), len(parts) - 1 - parts[::-1].index(last)

    def _parts(self) -> tuple[list[int], list[str]]:
        """Each token's part (how many joiners stand before it) and the joiners (`;`, `:`)
        in order; read once per sentence, as every statement's evidence asks."""
        if self._joined is None:
            parts, ends = [], []
            for i, t in enumerate(self.toks):
                parts.append(len(ends))
                if t.text in SENTENCE_JOINERS and not self.mask[i] and 0 < i < len(self.toks) - 1:
                    ends.append(t.text)
            self._joined = parts, ends
        return self._joined

    def reported_part(self) -> tuple[int, int]:
        """The part of the sentence around `;` and `:` that reported speech carried on stands
        in (kg.nlp.speech_chain.continuation): the parts holding its quotation or its
        Konjunktiv (`Die Koalition stehe hinter ihr: Die Umfragen sehen beide Lager gleichauf`:
        what follows a colon in the indicative is the writer's; after a semicolon the speech
        goes on, its preterite standing for a Konjunktiv), as first and last token."""
        return self.parts([i for i, t in enumerate(self.toks) if self.mask[i] or t.tag_ in FINITE and (
            is_konjunktiv1(t) or is_konjunktiv2(t) or t.lower_ in PLANNED)], announces=False)

    def local(self, m: Mention) -> int:
        return self.pos[m.start]

    def seg_tokens(self, seg: int) -> list[int]:
        return self._seg_tokens.get(seg, [])

    def seg_words(self, seg: int) -> list[int]:
        """The segment's tokens without punctuation."""
        return self._seg_words.get(seg, [])

    def subordinate(self, seg: int) -> bool:
        """Does the clause open with a subordinator (`dass`, `wer`, `die` after a comma, or
        a preposition with a relative pronoun: `mit dem`, `zu der`)? A relative pronoun
        points back to a noun before it, so `Die Anwohner sagen, …` opening the sentence
        is a main clause, though its verb stands last."""
        if seg not in self._subordinate:
            words = [self.toks[i] for i in self.seg_words(seg)]
            self._subordinate[seg] = bool(words) and (
                words[0].tag_ in ("KOUS", "KOUI", "PRELS", "PWS", "PWAV", "PRELAT")
                or words[0].text.lower() in RELATIVE and words[-1].tag_ in FINITE and len(words) > 2
                and self._after_words(words[0].i)
                or prepositional_relative(words))
        return self._subordinate[seg]

    def konjunktiv1(self, seg: int) -> bool:
        """Does a verb of the segment stand in Konjunktiv I (kg.nlp.clauses.is_konjunktiv1)?
        Kept per segment: each trigger in it asks, and whether its clause is reported speech."""
        if seg not in self._konjunktiv1:
            self._konjunktiv1[seg] = any(is_konjunktiv1(self.toks[i]) for i in self.seg_tokens(seg))
        return self._konjunktiv1[seg]

    def _after_words(self, i: int) -> bool:
        """Does a word (not only quotation marks or a dash) come before token `i`?"""
        return any(not t.is_punct for t in self.toks[:self.pos[i]])

    def negated(self, seg: int, quoted: bool = False) -> bool:
        neg = resources.negations()
        return any(self.toks[i].lower_ in neg for i in self.seg_tokens(seg) if self.mask[i] == quoted)


def prepositional_relative(words: list) -> bool:
    """`ein Instrument, mit dem die EU das Ziel erreichen will`, `die Kundgebung, zu der
    die Gewerkschaft aufgerufen hatte`: after a comma, a preposition and a relative pronoun
    open a relative clause when its finite verb closes it (a main clause, `Mit dem Plan will
    die Regierung sparen`, has its finite verb second)."""
    return len(words) > 3 and words[0].tag_ in PREPOSITIONS and words[0].i > 0 and \
        words[0].doc[words[0].i - 1].text == "," and \
        words[1].text.lower() in RELATIVE_AFTER_PREPOSITION and words[-1].tag_ in FINITE


def clause_of(v: SentenceView, i: int) -> tuple[int, int]:
    """The clause of token i: its segment and, within it, which of several coordinated
    predicates (`lehnt die Maut ab und wirbt für ein Tempolimit`) it belongs to."""
    seg = v.segs[i]
    if continues_predicate(v, seg):  # `… „Provokation“ und kündigte … an`: a part of the clause before
        for back in range(seg - 1, -1, -1):
            if v.subordinate(back):
                continue  # `räumte ein, dass …, und sagte zu`: `und` joins the main clause
            finite = [j for j in v.seg_tokens(back) if v.toks[j].tag_ in FINITE and not v.mask[j]]
            if finite:
                return back, clause_of(v, finite[0])[1] + 1 + v.seg_words(seg)[0]
    if seg not in v.clause_parts:
        v.clause_parts[seg] = _clause_parts(v, seg)
    return seg, v.clause_parts[seg][i]


def _clause_parts(v: SentenceView, seg: int) -> dict[int, int]:
    """For each token of the segment, how many coordinated predicates begin before it (one
    pass per segment: clause_of is asked for every verb and mention)."""
    parts, part, finite_seen = {}, 0, False
    for j in v.seg_tokens(seg):
        parts[j] = part
        if v.mask[j]:
            continue
        if v.toks[j].tag_ in FINITE:
            finite_seen = True
        elif finite_seen and v.toks[j].lower_ in COORDINATORS and j + 1 < len(v.toks) and \
                v.toks[j + 1].tag_ in FINITE:  # `… aus und setzt auf …`, not `… machen und dringen`
            part, finite_seen = part + 1, False
        elif finite_seen and v.toks[j].lower_ in COORDINATORS and v.toks[j - 1].tag_ == "VVPP" and any(
                v.toks[k].tag_ == "VVPP" for k in v.seg_tokens(seg) if k > j + 1):
            part += 1  # `hat an X festgehalten und Y vorgeworfen`: two participles, one auxiliary
    return parts


def continues_predicate(v: SentenceView, seg: int) -> bool:
    """Does the segment continue the predicate before it without a subject of its own:
    `und kündigte … an` after a quotation, `, wolle aber …` after a comma?"""
    if seg not in v.coordinates:
        words = v.seg_words(seg)
        if seg == 0 or len(words) < 2:
            v.coordinates[seg] = False
        elif v.toks[words[0]].text.lower() in COORDINATORS:
            v.coordinates[seg] = v.toks[words[1]].tag_ in FINITE
        else:
            v.coordinates[seg] = v.toks[words[0]].tag_ in FINITE and not _has_noun_subject(v, seg) \
                and (v.toks[words[1]].tag_ in ("ADV", "PTKNEG", "ADJD")
                     or any(v.toks[i].lower_ in CONTINUING for i in words))
    return v.coordinates[seg]


def _has_noun_subject(v: SentenceView, seg: int) -> bool:
    """Does the clause name anyone (a mention, a pronoun) who could be its own subject?"""
    return any(v.segs[v.local(m)] == seg for m in v.mentions) or any(
        v.toks[i].tag_ in ("PPER", "PIS") for i in v.seg_tokens(seg))
