"""The position page is a card a reader can take in: who, which side, what act, claim, evidence."""
from __future__ import annotations

import re

from api_fixtures import *  # noqa: F401,F403 (fixtures)


def _merz_rejection(client) -> str:
    article = client.get("/articles/a1", headers={"Accept": "application/ld+json"}).get_data(as_text=True)
    return re.search(r"https://w3id.org/standpunkt/position/(a1-[0-9a-f]+)", article).group(1)


def test_web_position_page_is_a_german_card(client):
    html = client.get(f"/positions/{_merz_rejection(client)}", headers={"Accept": "text/html"}).get_data(as_text=True)
    card = html[html.index('id="position-card"'):]
    for part in ("Friedrich Merz", "„Aussetzung der Schuldenbremse“",
                 "Streitfrage", "Schuldenbremse", "Thema", "Haushalt", "2023-12-12", "Beleg",
                 "Friedrich Merz lehnt eine Aussetzung der Schuldenbremse ab.", 'href="/article/a1"', "im Artikel lesen"):
        assert part in card, part
    assert re.search(r'id="position-side">.*<strong class="side">dafür</strong>', card)  # for the brake, by rejecting its suspension
    assert "(Haltung: dagegen)" in card and "<dt>confidence</dt>" not in card and "endOffset" not in card


def test_web_position_page_in_english(client):
    html = client.get(f"/positions/{_merz_rejection(client)}?lang=en", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "Proposition" in html and "Evidence" in html and "(Stance: oppose)" in html and "Beleg" not in html
