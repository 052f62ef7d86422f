"""The position page is a card a reader can take in: who, which side, what act, claim, evidence."""
from __future__ import annotations

import re

import pytest

from api.article_view import evidence_context
from api_fixtures import *  # noqa: F401,F403 (fixtures)
from test_web_chromium import browser, page  # noqa: F401 (fixtures)


def _merz_rejection(client) -> str:
    article = client.get("/articles/a1", headers={"Accept": "application/ld+json"}).get_data(as_text=True)
    return re.search(r"https://w3id.org/standpunkt/position/(a1-[0-9a-f]+)", article).group(1)


def test_web_position_page_is_a_german_card(client):
    html = client.get(f"/positions/{_merz_rejection(client)}", headers={"Accept": "text/html"}).get_data(as_text=True)
    card = html[html.index('id="position-card"'):]
    for part in ("Friedrich Merz", "„Aussetzung der Schuldenbremse“",
                 "Streitfrage", "Schuldenbremse", "Thema", "Haushalt", "2023-12-12", "Beleg",
                 "Friedrich Merz lehnt eine Aussetzung der Schuldenbremse ab.", 'href="/article/a1#evidence-', "im Artikel lesen"):
        assert part in card, part
    assert re.search(r'id="position-side">.*<strong class="side">dafür</strong>', card)  # for the brake, by rejecting its suspension
    assert "(Haltung: dagegen)" in card and "<dt>confidence</dt>" not in card and "endOffset" not in card


def test_web_position_page_in_english(client):
    html = client.get(f"/positions/{_merz_rejection(client)}?lang=en", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "Proposition" in html and "Evidence" in html and "(Stance: oppose)" in html and "Beleg" not in html


def test_web_evidence_context_is_the_sentence_before_and_after_within_the_paragraph():
    text = "Titelzeile\n\nDer Rat tagte lange. Die Ministerin fordert mehr Geld. Danach ging es um Schulen. Ende.\n\nNeuer Absatz."
    start = text.index("Die Ministerin")
    end = text.index("Danach") - 1
    assert evidence_context(text, start, end) == {"before": "Der Rat tagte lange.", "sentence": "Die Ministerin fordert mehr Geld.",
                                                  "after": "Danach ging es um Schulen."}
    first = evidence_context(text, text.index("Der Rat"), text.index(" Die Ministerin"))
    assert first["before"] == "" and first["after"] == "Die Ministerin fordert mehr Geld."  # not the heading above
    last = evidence_context(text, text.index("Ende."), text.index("Ende.") + 5)
    assert last["after"] == "" and last["before"] == "Danach ging es um Schulen."
    assert evidence_context(text, 5, 500)["sentence"] == ""  # offsets outside the text: no context


@pytest.mark.browser
def test_web_position_card_shows_evidence_in_context_and_leads_to_it_in_the_article(page, live_server):  # noqa: F811
    page.goto(live_server + "/articles/a1")
    page.locator("#pos-2 td a[href*='/positions/']").first.click()  # Olaf Scholz: the second sentence of a1
    assert page.locator("#position-evidence").inner_text() == "Olaf Scholz will den Haushalt 2024 schnell beschließen."
    assert page.locator("#context-before").inner_text() == "Friedrich Merz lehnt eine Aussetzung der Schuldenbremse ab."
    assert page.locator("#context-after").count() == 0  # the last sentence of the article
    marked = page.evaluate("getComputedStyle(document.getElementById('position-evidence')).backgroundColor")
    plain = page.evaluate("getComputedStyle(document.getElementById('context-before')).backgroundColor")
    assert marked != plain  # the evidence stands out from its context
    page.locator("#position-article").click()
    page.wait_for_url("**/a1#evidence-*")
    target = page.evaluate("document.querySelector(':target').closest('mark').innerText")
    assert target.strip() == "Olaf Scholz will den Haushalt 2024 schnell beschließen."
