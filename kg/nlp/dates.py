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
Words are data (kg/nlp/data/dates.tsv); `dateparser` parses absolute dates only.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

DATA = Path(__file__).parent / "data" / "dates.tsv"
QUOTE_OPEN, QUOTE_CLOSE, QUOTE_BOTH = {"„", "«"}, {"“", "»"}, {'"', "”", "''", "``"}
BOUNDARY = {",", ";", ":", "–", "—", "-", "(", ")", ".", "!", "?", "…"}
SUBORDINATE_TAGS = {"KOUS", "KOUI", "PRELS", "PRELAT", "PWS", "PWAV", "PWAT"}
PARTICIPLE_TAGS = {"VVPP", "VAPP", "VMPP"}
LOOKBACK = 3
INHERITED = "continues the previous statement: "
PAST_ENDINGS = {"te", "test", "ten", "tet", "ete", "etest", "eten", "etet"}


@dataclass(frozen=True)
class DateReading:
    """A statement date with how it was found.

    `source`: "text" (a time expression), "article" (reported as current), "inherited"
    (continues the previous statement), "pluperfect" or "vague" (unspecified past: None),
    "unknown" (no article date to resolve against).
    """

    value: str | None
    source: str
    reason: str

    @property
    def from_text(self) -> bool:
        return self.source in ("text", "inherited", "pluperfect", "vague")


@dataclass(frozen=True)
class _Ref:
    day: dt.date  # the article date; for a month-only date, the month's last day
    month_only: bool

    def show(self, day: dt.date, month_precision: bool = False) -> str:
        if month_precision or self.month_only:
            return f"{day.year:04d}-{day.month:02d}"
        return day.isoformat()


@lru_cache(maxsize=1)
def lexicon() -> dict[str, dict[str, str]]:
    """kind -> {word: value} from kg/nlp/data/dates.tsv."""
    table: dict[str, dict[str, str]] = defaultdict(dict)
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, word, *value = line.split("\t")
            table[kind][word.strip()] = value[0].strip() if value else ""
    return dict(table)


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
    ref = _parse_ref(article_date)
    tokens = [t for t in span if not t.text.isspace()]
    clauses = _clauses(tokens)
    relevant = _relevant(clauses, tokens, anchor)
    positions = {i for clause in relevant for i in clause.indexes}
    found = _time_expression(tokens, positions, ref)
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


class DateChain:
    """Statement dates of one article, sentence by sentence in text order.

    Keeps the previous statement sentence of the current paragraph, so that reported
    speech continuing a dated statement inherits its date. Call `date()` for every
    position (several may share a sentence; the sentence is read once).
    """

    def __init__(self, article_date: str | None):
        self.article_date = article_date
        self._readings: dict[tuple[int, int], tuple[DateReading | None, DateReading]] = {}
        self._last: tuple[object, DateReading] | None = None

    def reading(self, sent, paragraph, anchor=None) -> DateReading:
        key = (sent.start, sent.end)
        if key not in self._readings:
            previous = self._last[1] if self._last and self._last[0] == paragraph else None
            self._readings[key] = (previous, explain_date(sent, self.article_date, previous=previous))
            self._last = (paragraph, self._readings[key][1])
        previous, plain = self._readings[key]
        return plain if anchor is None else explain_date(sent, self.article_date, anchor, previous)

    def date(self, sent, paragraph, anchor=None) -> str | None:
        return self.reading(sent, paragraph, anchor).value


# ---------------------------------------------------------------------- article date
def _parse_ref(article_date: str | None) -> _Ref | None:
    if not article_date:
        return None
    parts = [int(p) for p in article_date.split("-")]
    if len(parts) == 2:
        year, month = parts
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        return _Ref(nxt - dt.timedelta(days=1), True)
    return _Ref(dt.date(*parts), False)


# ---------------------------------------------------------------------- clauses
@dataclass
class _Clause:
    indexes: list[int]
    quoted: bool
    kind: str = "main"  # main | sub | content (Konjunktiv main clause) | quote


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
    if first.tag_ in SUBORDINATE_TAGS or first.text.lower() in ("dass", "ob"):
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


def _anchor_position(tokens: Sequence, anchor) -> int | None:
    target = anchor if isinstance(anchor, int) else getattr(anchor, "i", None)
    for n, tok in enumerate(tokens):
        if getattr(tok, "i", None) == target or tok is anchor:
            return n
    return None


# ---------------------------------------------------------------------- tense and mood
def _clause_moods(tokens: Sequence, clause: _Clause) -> set[str]:
    return {m for m in (_mood(tokens[i]) for i in clause.indexes) if m}


def _mood(tok) -> str | None:
    """'present', 'past' or 'subjunctive' for a finite verb (None otherwise); a heuristic."""
    if not tok.tag_.endswith("FIN"):
        return None
    text, lex = tok.text.lower(), lexicon()
    if text in lex["finite_subjunctive"]:
        return "subjunctive"
    if text in lex["finite_past"]:
        return "past"
    rest = _ending(text, tok.lemma_.lower())
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


# ---------------------------------------------------------------------- time expressions
def _time_expression(tokens: Sequence, positions: set[int], ref: _Ref | None) -> DateReading | None:
    """The first dated (non-future) expression in the reporting clauses, if any."""
    lowered = [t.text.lower() for t in tokens]
    triggers, weekdays = _triggers(), tuple(lexicon()["weekday"])
    for i in sorted(positions):
        if lowered[i] not in triggers and not lowered[i].startswith(weekdays):
            continue
        for finder in (_vague, _relative_day, _weekday, _week_or_weekend, _month, _days_ago):
            reading = finder(lowered, i, ref)
            if reading is not None:
                return reading
    return None


@lru_cache(maxsize=1)
def _triggers() -> frozenset[str]:
    """Words that can start a time expression (weekday compounds are checked by prefix)."""
    lex = lexicon()
    kinds = ("relative_day", "day_part", "week", "previous_week", "weekend", "month_unit",
             "previous_month", "month", "ago")
    words = {w for kind in kinds for w in lex[kind]}
    return frozenset(words | {p.split()[0] for p in lex["vague_past"]})


def _before(lowered: list[str], i: int, kind: str) -> bool:
    words = lexicon()[kind]
    return any(w in words for w in lowered[max(0, i - LOOKBACK):i])


def _vague(lowered: list[str], i: int, ref: _Ref | None) -> DateReading | None:
    for phrase in lexicon()["vague_past"]:
        words = phrase.split()
        if lowered[i:i + len(words)] == words:
            return DateReading(None, "vague", f"'{phrase}': unspecified past")
    return None


def _relative_day(lowered: list[str], i: int, ref: _Ref | None) -> DateReading | None:
    offset = lexicon()["relative_day"].get(lowered[i])
    if offset is None:
        if lowered[i] in lexicon()["day_part"] and i > 0 and lowered[i - 1] in ("am", "heute"):
            return _dated(ref, 0, f"'{lowered[i - 1]} {lowered[i]}': the article's day")
        return None
    return _dated(ref, int(offset), f"'{lowered[i]}'")


def _dated(ref: _Ref | None, offset: int, reason: str) -> DateReading | None:
    if ref is None:
        return None
    return DateReading(ref.show(ref.day + dt.timedelta(days=offset)), "text", reason)


def _weekday(lowered: list[str], i: int, ref: _Ref | None) -> DateReading | None:
    word, weekdays = lowered[i], lexicon()["weekday"]
    name = next((d for d in weekdays if word == d or word == d + "s"
                 or (word.startswith(d) and word[len(d):] in lexicon()["day_part"])), None)
    if name is None or ref is None or _before(lowered, i, "future_modifier"):
        return None
    back = (ref.day.weekday() - int(weekdays[name])) % 7
    if back == 0 and _before(lowered, i, "past_modifier"):
        back = 7
    return _dated(ref, -back, f"'{word}': the latest such day on or before the article date")


def _week_or_weekend(lowered: list[str], i: int, ref: _Ref | None) -> DateReading | None:
    word, lex = lowered[i], lexicon()
    if ref is None or _before(lowered, i, "future_modifier"):
        return None
    if word in lex["previous_week"] or (word in lex["week"] and _before(lowered, i, "past_modifier")):
        monday = ref.day.weekday() + 7
        return _dated(ref, -monday, "previous week: its Monday")
    if word in lex["weekend"]:
        back = {5: 0, 6: 1}.get(ref.day.weekday(), ref.day.weekday() + 2)
        return _dated(ref, -back, "weekend: the Saturday of the latest weekend")
    if word in lex["previous_month"] or (word in lex["month_unit"] and _before(lowered, i, "past_modifier")):
        last_month = ref.day.replace(day=1) - dt.timedelta(days=1)
        return DateReading(ref.show(last_month, True), "text", "previous month")
    return None


def _month(lowered: list[str], i: int, ref: _Ref | None) -> DateReading | None:
    month = lexicon()["month"].get(lowered[i])
    year = _year_after(lowered, i)
    if month is None or (ref is None and year is None) or _before(lowered, i, "future_modifier"):
        return None
    day = _day_before(lowered, i)
    if day is not None:
        parsed = _absolute(day, int(month), year or ref.day.year)
        if parsed is None or (ref is not None and parsed > ref.day):
            return None  # impossible, or a coming day: the event, not the statement
        return DateReading(parsed.isoformat(), "text", f"'{day}. {lowered[i]}': absolute date")
    first = dt.date(year or ref.day.year, int(month), 1)
    if year is None and first > ref.day:
        first = first.replace(year=first.year - 1)
    return DateReading(f"{first.year:04d}-{first.month:02d}", "text", f"'{lowered[i]}': month precision")


def _year_after(lowered: list[str], i: int) -> int | None:
    if i + 1 < len(lowered) and lowered[i + 1].isdigit() and len(lowered[i + 1]) == 4:
        return int(lowered[i + 1])
    return None


def _day_before(lowered: list[str], i: int) -> int | None:
    if i > 0:
        word = lowered[i - 1].rstrip(".")
        if word.isdigit() and 1 <= int(word) <= 31:
            return int(word)
    return None


@lru_cache(maxsize=4096)
def _absolute(day: int, month: int, year: int) -> dt.date | None:
    """A calendar date through dateparser (strict: an impossible date gives None)."""
    import dateparser

    months = list(lexicon()["month"])
    parsed = dateparser.parse(f"{day}. {months[month - 1]} {year}", languages=["de"],
                              settings={"DATE_ORDER": "DMY", "STRICT_PARSING": True})
    return parsed.date() if parsed else None


def _days_ago(lowered: list[str], i: int, ref: _Ref | None) -> DateReading | None:
    lex = lexicon()
    if lowered[i] not in lex["ago"] or i + 2 >= len(lowered) or lowered[i + 2] not in lex["days_unit"]:
        return None
    count = lex["number"].get(lowered[i + 1]) or (lowered[i + 1] if lowered[i + 1].isdigit() else None)
    return _dated(ref, -int(count), f"'vor {lowered[i + 1]} tagen'") if count else None
