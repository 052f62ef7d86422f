"""kg.nlp.time_expressions: German time expressions resolved against an article date."""
import datetime as dt
from types import SimpleNamespace

from kg.nlp.time_expressions import find, lexicon, parse_ref


def read(text: str, article_date: str | None, present: bool = False):
    tokens = [SimpleNamespace(text=w) for w in text.split()]
    return find(tokens, set(range(len(tokens))), parse_ref(article_date), present)


def test_nlp_time_expressions_parse_ref_day_and_month():
    assert parse_ref("2023-12-12").day == dt.date(2023, 12, 12) and not parse_ref("2023-12-12").month_only
    ref = parse_ref("2024-02")
    assert ref.month_only and ref.day == dt.date(2024, 2, 29)
    assert ref.show(dt.date(2024, 2, 3)) == "2024-02"
    assert parse_ref("2023-12").day == dt.date(2023, 12, 31)
    assert parse_ref(None) is None


def test_nlp_time_expressions_first_expression_wins():
    reading = read("gestern und am Montag", "2023-12-13")
    assert (reading.value, reading.source) == ("2023-12-12", "text")
    assert read("am Montag und gestern", "2023-12-13").value == "2023-12-11"


def test_nlp_time_expressions_words_without_a_date():
    assert read("die Woche der Wahrheit", "2023-12-13") is None
    assert read("im Jahr 2024", "2023-12-13") is None  # a year alone dates nothing
    assert read("ab Montag", "2023-12-13") is None
    assert read("zuletzt", "2023-12-13").value is None


def test_nlp_time_expressions_days_ago_and_months():
    assert read("vor drei Tagen", "2024-03-02").value == "2024-02-28"
    assert read("Anfang März", "2024-03-20").value == "2024-03"
    assert read("im Vormonat", "2024-01-10").value == "2023-12"


def test_nlp_time_expressions_present_tense_keeps_today_only():
    assert read("am Montag", "2023-12-13", present=True) is None
    assert read("am Mittwoch", "2023-12-13", present=True).value == "2023-12-13"
    assert read("heute", "2023-12-13", present=True).value == "2023-12-13"


def test_nlp_time_expressions_lexicon_kinds():
    lex = lexicon()
    for kind in ("weekday", "month", "relative_day", "vague_past", "pluperfect_aux", "perfect_aux",
                 "finite_subjunctive", "finite_past", "future_modifier", "past_modifier"):
        assert lex[kind], kind


def test_nlp_time_expressions_bad_article_date_is_named():
    import pytest

    for bad in ("2023-13-01", "gestern", "2023"):
        with pytest.raises(ValueError, match="is not YYYY-MM-DD or YYYY-MM"):
            parse_ref(bad)
