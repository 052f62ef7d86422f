"""The query page as a reader meets it in Chromium: labels and local links, readable errors."""
from __future__ import annotations

import pytest

from api_fixtures import *  # noqa: F401,F403 (fixtures)
from test_web_chromium import browser, page  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


def test_web_query_page_default_example_shows_labels_and_local_links(page, live_server):  # noqa: F811
    page.goto(live_server + "/query")
    page.click("#run")  # the first example: Friedrich Merz's positions
    page.wait_for_selector("table.results tbody tr")
    rows = page.locator("table.results tbody tr")
    assert rows.count() == 2  # one row per position, not one per label language
    stances = page.locator("table.results tbody td:nth-child(2)").all_inner_texts()
    assert stances == ["dagegen", "dagegen"]  # sp:Oppose by its label in the ontology, the IRI as tooltip
    assert "#Oppose" in page.locator("table.results tbody td:nth-child(2)").first.get_attribute("title")
    link = page.locator("table.results tbody td:nth-child(5) a").first
    assert link.get_attribute("href").startswith("/position/") or link.get_attribute("href").startswith("/positions/")
    assert "w3id.org" not in link.inner_text() and "w3id.org" in link.get_attribute("title")
    link.click()
    page.wait_for_load_state()
    assert page.url.startswith(live_server)


def test_web_query_page_errors_are_one_readable_line_with_the_place_marked(page, live_server):  # noqa: F811
    page.goto(live_server + "/query")
    page.fill("#query", "SELECT ?x WHERE {\n  ?x ?y ?z .\n  FILTR(?x)\n}")
    page.click("#run")
    page.wait_for_selector("pre.error")
    lines = page.locator("pre.error").inner_text().splitlines()
    assert len(lines) == 2 and lines[0].startswith("syntax error at line 3, column 11: ")
    assert lines[1] == "  FILTR(?x▶)" and len(lines[0]) < 120
    page.fill("#query", "PREFIX ex: <https://example.org/>\nINSERT DATA { ex:a ex:b ex:c }")
    page.click("#run")
    page.wait_for_selector("pre.error:has-text('/sparql/update')")
    assert page.locator("#status").inner_text() == "Fehler 400"
