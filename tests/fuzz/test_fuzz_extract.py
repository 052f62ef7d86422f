"""The pipeline on fuzzed articles: positions, or the article's one ArticleError (bounded examples:
each runs the whole German pipeline)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import texts

from kg.errors import ArticleError
from kg.extract import extract_checked
from kg.model import Article


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts.filter(lambda t: t.strip()),
       date=st.sampled_from([None, "2024-01-02", "2024-02", "9999-12-31", "0001-01-01", "1900-01"]))
def test_fuzz_extract_positions_or_one_rejection(text, date):
    article = Article("f1", date, text.replace("\x00", " "), source="f1.json")
    try:
        positions = extract_checked(article)
    except ArticleError as e:
        assert str(e).startswith("f1.json: extracting article 'f1'")
        return
    for p in positions:
        assert 0 <= p.start < p.end <= len(article.text) and p.stance in ("support", "oppose")
