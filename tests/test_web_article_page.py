"""The article page: a one-sentence headline, evidence marked in the text and linked both ways."""
from __future__ import annotations

import pytest

from api.article_view import first_sentence, marked_text
from api_fixtures import *  # noqa: F401,F403 (fixtures)
from test_web_chromium import browser, page  # noqa: F401 (fixtures)


def test_web_article_headline_is_the_first_sentence():
    lead = "Die Koalition streitet über den Etat. Der Minister will sparen, die Fraktion nicht."
    assert first_sentence(lead) == "Die Koalition streitet über den Etat."
    long = "Ein Satz " + "ohne Ende " * 40
    assert first_sentence(long).endswith(" …") and len(first_sentence(long)) <= 162
    assert first_sentence("Kurz") == "Kurz"


def test_web_article_evidence_marks_cover_their_spans_and_share_overlaps():
    text = "Erster Satz hier. Zweiter Satz dort. Rest."
    positions = [{"evidence": {"startOffset": 18, "endOffset": 36}}, {"evidence": {"startOffset": 0, "endOffset": 17}},
                 {"evidence": {"startOffset": 25, "endOffset": 30}}, {"claim": "ohne Beleg"}]
    segments, anchors = marked_text(text, positions)
    assert "".join(s["text"] for s in segments) == text  # nothing lost or doubled
    marks = [s for s in segments if s["mark"]]
    assert [m["text"] for m in marks] == ["Erster Satz hier.", "Zweiter Satz dort."]
    assert anchors == ["ev-1", "ev-2", "ev-1", None]  # the overlapping third shares the first's mark
    assert marks[1]["rows"] == ["pos-1", "pos-3"]


@pytest.mark.browser
def test_web_article_page_links_evidence_and_positions_both_ways(page, live_server):  # noqa: F811
    page.goto(live_server + "/articles/a1")
    assert page.locator("h1").inner_text() == "Ringen um den Haushalt"
    assert page.locator("#article-text mark").count() == 2
    assert "Friedrich Merz lehnt" in page.locator("#ev-1").inner_text()
    page.locator("#ev-2 a").click()
    assert page.url.endswith("#pos-2") and "Olaf Scholz" in page.locator("#pos-2").inner_text()
    page.locator("#pos-1 a.to-text").click()
    assert page.url.endswith("#ev-1")
