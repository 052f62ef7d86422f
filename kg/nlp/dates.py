"""The date of a statement: the day an actor took the position, resolved from the article date.

News reports statements as current unless the text says otherwise, so the article's date
is the default. The text overrides it with a time expression (`gestern`, `am Montag`,
`vergangene Woche`, `am Wochenende`, `Mitte November`, `am 3. März`), and withholds a
date for an unspecified past (`zuletzt`, pluperfect `hatte vorgeschlagen`).

Which time expression is the statement's own? German news puts the reporting verb in a
main clause and the reported content in quotes, subordinate clauses (`dass …`, `zu`
infinitives, relative clauses) or Konjunktiv clauses (`… habe entschieden, sagte er`).
Only expressions and tenses of the reporting clause count: with an `anchor` (the
position's trigger token) that is the anchor's clause; without one, every main clause
outside quotes whose verb is not Konjunktiv (unless all are). So in "kündigte an, am
3. März zu entscheiden" the March date belongs to the event, not to the statement.
Expressions pointing to the future never date a statement.

A sentence with no date of its own may continue the previous statement of its paragraph
(`previous`): Konjunktiv reported speech, a bare quote, or Präteritum narration after a
dated sentence inherit its date (d02 "Angestrebt werde …" after "am Montagabend").
Words are data (kg/nlp/data/dates.tsv), read and resolved by kg.nlp.time_expressions.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from kg.caches import memo
from kg.nlp.doc import text_of
from kg.nlp.time_expressions import DateReading, find, lexicon, parse_ref

__all__ = ["DateChain", "DateReading", "explain_date", "explain_in_context", "lexicon", "statement_date",
           "statement_date_in_context"]

QUOTE_OPEN, QUOTE_CLOSE, QUOTE_BOTH = {"„", "«"}, {"“", "»"}, {'"', "”", "''", "``"}
BOUNDARY = {",", ";", ":", "–", "—", "-", "(", ")", ".", "!", "?", "…"}
SUBORDINATE_TAGS = {"KOUS", "KOUI", "PRELS", "PRELAT", "PWS", "PWAV", "PWAT"}
PARTICIPLE_TAGS = {"VVPP", "VAPP", "VMPP"}
INHERITED = "continues the previous statement: "
PAST_ENDINGS = {"te", "test", "ten", "tet", "ete", "etest", "eten", "etet"}


def statement_date(span, article_date: str | None, anchor=None,
                   previous: DateReading | None = None) -> str | None:
    """YYYY-MM-DD, YYYY-MM or None: the day the sentence's statement was made."""
    return explain_date(span, article_date, anchor, previous).value


def explain_date(span, article_date: str | None, anchor=None,
                 previous: DateReading | None = None) -> DateReading:
    """statement_date() with its reason (for debugging and for chaining via `previous`).

    `span`: a sentence (spaCy Span or token sequence with .text, .lemma_, .tag_).
    `anchor`: the position's trigger token (or its index in the doc), if known.
    `previous`: the reading of the previous statement sentence in the same paragraph.
    """
    tokens = [t for t in span if not t.text.isspace()]
    return _explain(tokens, _clauses(tokens), article_date, anchor, previous)


def _explain(tokens: Sequence, clauses: list[_Clause], article_date: str | None, anchor,
             previous: DateReading | None) -> DateReading:
    """explain_date() of a sentence's tokens (whitespace left out) split into clauses."""
    ref = parse_ref(article_date)
    relevant = _relevant(clauses, tokens, anchor)
    positions = {i for clause in relevant if not _planned(tokens, clause) for i in clause.indexes}
    found = find(tokens, positions, ref, _present_only(tokens, relevant))
    if found is not None:
        return found
    if _pluperfect(tokens, relevant):
        return DateReading(None, "pluperfect", "pluperfect in the reporting clause: unspecified past")
    if previous is not None and previous.from_text and _continues(tokens, relevant, previous):
        root = previous.reason.removeprefix(INHERITED)
        return DateReading(previous.value, "inherited", INHERITED + root)
    if ref is None:
        return DateReading(None, "unknown", "no article date")
    return DateReading(ref.show(ref.day), "article", "reported as current: the article's date")


def statement_date_in_context(span, article_date: str | None, anchor=None) -> str | None:
    """statement_date() with the earlier sentences of the span's paragraph as `previous`.

    For a span of a parsed Doc with sentence boundaries (a blank line in the text ends
    a paragraph). Readings are cached in `doc.user_data`, so dating every sentence of
    an article reads each sentence once.
    """
    return explain_in_context(span, article_date, anchor).value


def explain_in_context(span, article_date: str | None, anchor=None) -> DateReading:
    """explain_date() with the paragraph's earlier sentences chained in (see above)."""
    doc = span.doc
    cache = doc.user_data.setdefault("kg.nlp.dates", {})
    previous = None
    for sent in _paragraph_before(span):
        key = (sent.start, sent.end, article_date)
        if key not in cache:
            cache[key] = explain_date(sent, article_date, previous=previous)
        previous = cache[key]
    return explain_date(span, article_date, anchor, previous)


def _paragraph_before(span) -> list:
    """The sentences before `span` in its paragraph, in text order."""
    doc, out = span.doc, []
    if not doc.has_annotation("SENT_START"):
        return out
    i = span.start - 1
    while i >= 0:
        if doc[i].is_space:
            if doc[i].text.count("\n") >= 2:
                break
            i -= 1
            continue
        sent = doc[i].sent
        if "\n\n" in text_of(doc)[sent.end_char:span.start_char if not out else out[-1].start_char]:
            break
        out.append(sent)
        i = sent.start - 1
    return out[::-1]


class DateChain:
    """Statement dates of one article, sentence by sentence in text order.

    Keeps the previous statement sentence of the current paragraph, so that reported
    speech continuing a dated statement inherits its date. Call `date()` for every
    position (several may share a sentence; the sentence is read once).
    """

    def __init__(self, article_date: str | None, sents=()):
        self.article_date = article_date
        self._readings: dict[tuple[int, int], tuple[DateReading | None, DateReading, list, list[_Clause]]] = {}
        self._last: tuple[object, DateReading] | None = None
        self._anchored: dict[tuple, DateReading] = {}
        self._sents = sents
        self._events: dict[str, tuple[int, DateReading]] | None = None
        self._parsed: dict[tuple[int, int], tuple[list, list[_Clause]]] = {}

    @property
    def events(self) -> dict[str, tuple[int, DateReading]]:
        """dated_events of the article, read when a statement first asks (most never do)."""
        if self._events is None:
            self._events = dated_events(self._sents, self.article_date, self._parse)
        return self._events

    def _parse(self, sent) -> tuple[list, list[_Clause]]:
        """A sentence's tokens (whitespace left out) and clauses, split once for all its readings."""
        key = (sent.start, sent.end)
        found = self._parsed.get(key)
        if found is None:
            tokens = [t for t in sent if not t.text.isspace()]
            found = self._parsed[key] = (tokens, _clauses(tokens))
        return found

    def reading(self, sent, paragraph, anchor=None) -> DateReading:
        key = (sent.start, sent.end)
        if key not in self._readings:
            previous = self._last[1] if self._last and self._last[0] == paragraph else None
            tokens, clauses = self._parse(sent)  # kept for the sentence's anchored readings
            self._readings[key] = (previous, _explain(tokens, clauses, self.article_date, None, previous),
                                   tokens, clauses)
            self._last = (paragraph, self._readings[key][1])
        at = (key, _anchor_index(anchor))  # a statement's date is asked for more than once
        if at in self._anchored:
            return self._anchored[at]
        previous, plain, tokens, clauses = self._readings[key]
        found = plain if anchor is None else _explain(tokens, clauses, self.article_date, anchor, previous)
        found = self._at_event(sent, anchor, found)
        if anchor is None or at[1] is not None:
            self._anchored[at] = found
        return found

    def _at_event(self, sent, anchor, found: DateReading) -> DateReading:
        """`Auf dem Parteitag forderte sie …` after `Am Dienstag tagte der Parteitag`: a
        statement made at an event the text dates elsewhere takes the event's date."""
        if found.source not in ("article", "inherited"):
            return found
        tokens, clauses = self._parse(sent)
        prepositions = lexicon()["event_preposition"]  # (read once: each sentence's every word asks)
        if not any(t.lower_ in prepositions for t in tokens) or not self.events:
            return found
        positions = {i for c in _relevant(clauses, tokens, anchor) for i in c.indexes}
        for i in sorted(positions):
            event = _event_at(tokens, i)
            if event in self.events and self.events[event][0] != sent.start:
                date = self.events[event][1]
                return DateReading(date.value, "text", f"at the {event}: {date.reason}")
        return found

    def date(self, sent, paragraph, anchor=None) -> str | None:
        return self.reading(sent, paragraph, anchor).value


def _event_noun(tok) -> str | None:
    """The event a noun names (`Bundesparteitag` -> `parteitag`), None for other words."""
    return _event_word(tok.lower_) if tok.tag_ == "NN" else None


@memo("dates.event_word")
def _event_word(low: str) -> str | None:
    return next((e for e in lexicon()["event"] if low == e or (low.endswith(e) and len(e) >= 6)), None)


def _event_at(tokens: Sequence, i: int) -> str | None:
    """`auf dem Parteitag`, `bei der Sondersitzung`: the event a preposition at i places us at."""
    if tokens[i].text.lower() not in lexicon()["event_preposition"]:
        return None
    for tok in tokens[i + 1:i + 4]:
        if tok.tag_ == "NN":
            return _event_noun(tok)
        if tok.tag_ not in ("ART", "ADJA", "PPOSAT"):
            return None
    return None


def dated_events(sents, article_date: str | None, parse=None) -> dict[str, tuple[int, DateReading]]:
    """Events the text dates (`Am Dienstag kam der Parteitag zusammen`): event -> (start of
    the dating sentence, its date); the first dating of an event counts. `parse`: a
    sentence's tokens and clauses, where the caller keeps them (DateChain._parse)."""
    events: dict[str, tuple[int, DateReading]] = {}
    for sent in sents:
        nouns = {e for t in sent if (e := _event_noun(t))} - set(events)
        if not nouns:
            continue
        reading = explain_date(sent, article_date) if parse is None else _explain(*parse(sent), article_date, None, None)
        if reading.source == "text" and reading.value:
            events.update(dict.fromkeys(nouns, (sent.start, reading)))
    return events


# ---------------------------------------------------------------------- clauses
@dataclass
class _Clause:
    indexes: list[int]
    quoted: bool
    kind: str = "main"  # main | sub | content (Konjunktiv main clause) | quote
    moods: set[str] | None = field(default=None, compare=False, repr=False)  # _clause_moods, read once


def _clauses(tokens: Sequence) -> list[_Clause]:
    """Split at punctuation and quote marks; label each piece main, sub, content or quote."""
    clauses, current, depth = [], [], 0

    def close(quoted: bool) -> None:
        if current:
            clauses.append(_Clause(list(current), quoted))
            current.clear()

    for i, tok in enumerate(tokens):
        text = tok.text
        if text in QUOTE_OPEN or (text in QUOTE_BOTH and depth == 0):
            close(depth > 0)
            depth += 1
        elif text in QUOTE_CLOSE or text in QUOTE_BOTH:
            close(depth > 0)
            depth = max(depth - 1, 0)
        elif text in BOUNDARY:
            close(depth > 0)
        else:
            current.append(i)
    close(depth > 0)
    for clause in clauses:
        clause.kind = "quote" if clause.quoted else _kind(tokens, clause.indexes)
    _mark_content(tokens, clauses)
    return clauses


def _kind(tokens: Sequence, indexes: list[int]) -> str:
    first = tokens[indexes[0]]
    if first.tag_ in SUBORDINATE_TAGS or first.text.lower() in lexicon()["subordinator"]:
        return "sub"
    tags = {tokens[i].tag_ for i in indexes}
    if ("PTKZU" in tags or "VVIZU" in tags) and not any(t.endswith("FIN") for t in tags):
        return "sub"
    return "main"


def _mark_content(tokens: Sequence, clauses: list[_Clause]) -> None:
    """Konjunktiv main clauses are reported content when an indicative main clause reports them."""
    moods = {id(c): _clause_moods(tokens, c) for c in clauses if c.kind == "main"}
    indicative = any(m and "subjunctive" not in m for m in moods.values())
    if not indicative:
        return
    for clause in clauses:
        if clause.kind == "main" and "subjunctive" in moods[id(clause)]:
            clause.kind = "content"


def _relevant(clauses: list[_Clause], tokens: Sequence, anchor) -> list[_Clause]:
    if anchor is not None:
        position = _anchor_position(tokens, anchor)
        for clause in clauses:
            if position in clause.indexes:
                return [clause]
    for kinds in (("main",), ("content",), ("main", "content", "sub")):
        chosen = [c for c in clauses if c.kind in kinds]
        if chosen:
            return chosen
    return []


def _anchor_index(anchor) -> int | None:
    return anchor if isinstance(anchor, int) else getattr(anchor, "i", None)


def _anchor_position(tokens: Sequence, anchor) -> int | None:
    target = _anchor_index(anchor)
    for n, tok in enumerate(tokens):
        if getattr(tok, "i", None) == target or tok is anchor:
            return n
    return None


# ---------------------------------------------------------------------- tense and mood
def _clause_moods(tokens: Sequence, clause: _Clause) -> set[str]:
    """The moods of the clause's finite verbs; kept on the clause, which every reading of its
    sentence asks again (callers only read the set)."""
    if clause.moods is None:  # (only finite verbs have one: the others are not asked)
        clause.moods = {m for i in clause.indexes if tokens[i].tag_.endswith("FIN") and (m := _mood(tokens[i]))}
    return clause.moods


def _mood(tok) -> str | None:
    """'present', 'past' or 'subjunctive' for a finite verb (None otherwise); a heuristic."""
    if not tok.tag_.endswith("FIN"):
        return None
    return _verb_mood(tok.text.lower(), tok.lemma_.lower())


@memo("dates.mood")
def _verb_mood(text: str, lemma: str) -> str:
    """_mood of a finite verb form with its lemma (both lower-cased). Cached: every reading of
    a sentence asks of its verbs, and a few verbs (`sagte`, `ist`, `habe`) make most of them."""
    lex = lexicon()
    if text in lex["finite_subjunctive"]:
        return "subjunctive"
    if text in lex["finite_past"]:
        return "past"
    if text in lex["finite_present"]:
        return "present"
    rest = _ending(text, lemma)
    if rest is not None:
        if rest in PAST_ENDINGS:
            return "past"
        return "subjunctive" if rest in ("e", "est") else "present"
    if text.endswith("t") and ("ä" in text or ("i" in text and "ie" not in text)):
        return "present"  # strong verbs: hält, gibt, spricht, tritt
    return "past"  # strong Präteritum: wies, sprach, hielt


def _ending(text: str, lemma: str) -> str | None:
    """What follows the verb stem in `text` ('lehnte' of 'ablehnen' -> 'te'); None if the stem changed."""
    stem_ = lemma[:-2] if lemma.endswith("en") else lemma[:-1] if lemma.endswith("n") else lemma
    for start in range(len(stem_) - 1):
        if text.startswith(stem_[start:]):
            return text[len(stem_) - start:]
    return None


def _planned(tokens: Sequence, clause: _Clause) -> bool:
    """`will am Samstag beraten`, `soll am Freitag entscheiden`: a present modal of intent
    with its infinitive plans an event; its weekday lies ahead and dates no statement."""
    words = [tokens[i] for i in clause.indexes]
    intent = lexicon()["intent"]
    modal = any(t.lemma_ in intent and t.tag_.endswith("FIN") and _mood(t) != "past" for t in words)
    return modal and any(t.tag_ in ("VVINF", "VAINF", "VVIZU") for t in words)


def _pluperfect(tokens: Sequence, relevant: list[_Clause]) -> bool:
    aux = lexicon()["pluperfect_aux"]
    for clause in relevant:
        has_aux = any(tokens[i].text.lower() in aux and tokens[i].tag_.startswith("VA") for i in clause.indexes)
        if has_aux and any(tokens[i].tag_ in PARTICIPLE_TAGS for i in clause.indexes):
            return True
    return False


def _continues(tokens: Sequence, relevant: list[_Clause], previous: DateReading) -> bool:
    """Reported speech, a bare quote, or (after a dated sentence) Präteritum narration."""
    moods = set().union(*(_clause_moods(tokens, c) for c in relevant)) if relevant else set()
    if not moods or "subjunctive" in moods:
        return True
    return previous.source in ("text", "inherited") and previous.value is not None and moods == {"past"}


# ---------------------------------------------------------------------- tense (continued)
def _present_only(tokens: Sequence, relevant: list[_Clause]) -> bool:
    """The reporting clauses are in the present, not Präteritum, perfect or Konjunktiv."""
    moods = set().union(*(_clause_moods(tokens, c) for c in relevant)) if relevant else set()
    if moods != {"present"}:
        return False
    perfect_aux = lexicon()["perfect_aux"]
    for clause in relevant:
        words = [tokens[i] for i in clause.indexes]
        if any(t.tag_ in PARTICIPLE_TAGS for t in words) and any(t.text.lower() in perfect_aux for t in words):
            return False
    return True
