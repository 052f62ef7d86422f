"""Time expressions of German news, resolved against an article date.

The word lists are data (kg/nlp/data/dates.tsv); `dateparser` is used for absolute
calendar dates only (its relative German handling is unreliable). kg.nlp.dates
decides which expression dates a statement; this module only reads them.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from kg.caches import memo

DATA = Path(__file__).parent / "data" / "dates.tsv"
LOOKBACK = 3


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
class Ref:
    """The article date to resolve against, and whether only its month is known."""

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


CALENDAR_KINDS = ("weekday", "month", "relative_day", "future_day", "week", "weekend")


@lru_cache(maxsize=1)
def calendar_words() -> frozenset[str]:
    """Words that date an event (`Montag`, `März`, `morgen`, `Wochenende`)."""
    table = lexicon()
    return frozenset(word for kind in CALENDAR_KINDS for word in table.get(kind, {}) if " " not in word)


@lru_cache(maxsize=4)  # an article's every sentence asks again for its one date
def parse_ref(article_date: str | None) -> Ref | None:
    """'2023-12-12' or '2023-12' (then the month's last day, so no day of it lies ahead)."""
    if not article_date:
        return None
    try:
        parts = [int(p) for p in article_date.split("-")]
        if len(parts) == 2:
            year, month = parts
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            return Ref(nxt - dt.timedelta(days=1), True)
        return Ref(dt.date(*parts), False)
    except (TypeError, ValueError) as e:
        raise ValueError(f"article date {article_date!r} is not YYYY-MM-DD or YYYY-MM") from e


def find(tokens: Sequence, positions: set[int], ref: Ref | None, present: bool) -> DateReading | None:
    """The first dated (non-future) expression in the reporting clauses, if any.

    In a present-tense clause a weekday or weekend other than today announces an event
    ("Am Montag entscheidet der Bundestag"), unless marked as past ("vergangenen Montag").
    """
    triggers, weekdays = _triggers(), tuple(lexicon()["weekday"])
    starts = [i for i in sorted(positions) if (low := tokens[i].text.lower()) in triggers or low.startswith(weekdays)]
    if not starts:  # most sentences: their words are not lowered all
        return None
    lowered = [t.text.lower() for t in tokens]
    today = ref.show(ref.day) if ref else None
    for i in starts:
        for finder in (_vague, _relative_day, _weekday, _week_or_weekend, _month, _days_ago):
            reading = finder(lowered, i, ref)
            if reading is None:
                continue
            if (present and finder in (_weekday, _week_or_weekend) and reading.value != today
                    and not _before(lowered, i, "past_modifier")):
                break
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


def _vague(lowered: list[str], i: int, ref: Ref | None) -> DateReading | None:
    for phrase in lexicon()["vague_past"]:
        words = phrase.split()
        if lowered[i:i + len(words)] == words:
            return DateReading(None, "vague", f"'{phrase}': unspecified past")
    return None


def _relative_day(lowered: list[str], i: int, ref: Ref | None) -> DateReading | None:
    offset = lexicon()["relative_day"].get(lowered[i])
    if offset is None:
        if lowered[i] in lexicon()["day_part"] and i > 0 and lowered[i - 1] in lexicon()["day_part_anchor"]:
            return _dated(ref, 0, f"'{lowered[i - 1]} {lowered[i]}': the article's day")
        return None
    return _dated(ref, int(offset), f"'{lowered[i]}'")


def _dated(ref: Ref | None, offset: int, reason: str) -> DateReading | None:
    if ref is None:
        return None
    return DateReading(ref.show(ref.day + dt.timedelta(days=offset)), "text", reason)


def _weekday(lowered: list[str], i: int, ref: Ref | None) -> DateReading | None:
    word, weekdays = lowered[i], lexicon()["weekday"]
    name = next((d for d in weekdays if word == d or word == d + "s"
                 or (word.startswith(d) and word[len(d):] in lexicon()["day_part"])), None)
    if name is None or ref is None or _before(lowered, i, "future_modifier"):
        return None
    back = (ref.day.weekday() - int(weekdays[name])) % 7
    if back == 0 and _before(lowered, i, "past_modifier"):
        back = 7
    return _dated(ref, -back, f"'{word}': the latest such day on or before the article date")


def _week_or_weekend(lowered: list[str], i: int, ref: Ref | None) -> DateReading | None:
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


def _month(lowered: list[str], i: int, ref: Ref | None) -> DateReading | None:
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


def prepare() -> None:
    """Let dateparser build what its first parse builds (the time-zone patterns it strips
    from every input: about half a CPU-second), before the first text and not in it."""
    _absolute(1, 1, 2000)


@memo("dates.absolute")
def _absolute(day: int, month: int, year: int) -> dt.date | None:
    """A calendar date through dateparser (strict: an impossible date gives None)."""
    import dateparser

    months = list(lexicon()["month"])
    parsed = dateparser.parse(f"{day}. {months[month - 1]} {year}", languages=["de"],
                              settings={"DATE_ORDER": "DMY", "STRICT_PARSING": True})
    return parsed.date() if parsed else None


def _days_ago(lowered: list[str], i: int, ref: Ref | None) -> DateReading | None:
    lex = lexicon()
    if lowered[i] not in lex["ago"] or i + 2 >= len(lowered) or lowered[i + 2] not in lex["days_unit"]:
        return None
    count = lex["number"].get(lowered[i + 1]) or (lowered[i + 1] if lowered[i + 1].isdigit() else None)
    return _dated(ref, -int(count), f"'vor {lowered[i + 1]} tagen'") if count else None
