"""The lists' sort and filter form in real Chromium (the API behind it: test_api_lists.py)."""
from __future__ import annotations

import pytest

from api_fixtures import *  # noqa: F401,F403 (fixtures)
from test_web_chromium import browser, page  # noqa: F401 (fixtures)


@pytest.mark.browser
def test_web_lists_page_controls_sort_and_filter_in_chromium(page, live_server, tmp_path):  # noqa: F811
    page.goto(live_server + "/actors")
    names = lambda: page.locator("ul.members > li > a:first-child").all_inner_texts()  # noqa: E731
    assert names() == ["Christian Lindner", "Friedrich Merz", "Olaf Scholz", "SPD"]
    page.select_option("#list-controls select[name=sort]", "positions")
    page.select_option("#list-controls select[name=order]", "desc")
    page.select_option("#list-controls select[name=kind]", "person")
    page.click("#list-controls button[type=submit]")
    page.wait_for_url("**/actors?*sort=positions*")
    assert names()[0] == "Friedrich Merz" and "SPD" not in names()
    assert page.locator("#list-controls select[name=sort]").input_value() == "positions"  # the form shows what is applied
    page.fill("#list-controls input[name=q]", "scholz")
    page.click("#list-controls button[type=submit]")
    page.wait_for_url("**q=scholz*")
    assert names() == ["Olaf Scholz"] and page.locator("#total").inner_text().startswith("1 ")
    page.goto(live_server + "/articles")
    page.fill("#list-controls input[name=from]", "2024-01-01")
    page.click("#list-controls button[type=submit]")
    page.wait_for_url("**from=2024-01-01*")
    assert page.locator("ul.members > li").count() == 1 and "2 Positionen · 2 Akteure" in page.locator("ul.members").inner_text()
    page.screenshot(path=str(tmp_path / "articles.png"), full_page=True)


@pytest.mark.browser
def test_web_topic_pages_link_subtopics_and_major_topic_with_ontology_labels(browser, live_server):  # noqa: F811
    """A reader walks from a CAP major topic to its subtopic and back; sides are named by the
    ontology's labels in the browser's language."""
    for locale, major_word, against in (("de-DE", "Hauptthema", "dagegen"), ("en-GB", "Major topic", "oppose")):
        context = browser.new_context(viewport={"width": 1000, "height": 800}, locale=locale)
        page = context.new_page()
        page.goto(live_server + "/topics/makrooekonomie")
        page.locator("#subtopics a", has_text="Haushalt").click()
        page.wait_for_url("**/topics/haushalt")
        assert page.locator("#major-topic").inner_text() == f"{major_word}: CAP 1 Makroökonomie"
        page.locator("#major-topic a").click()
        page.wait_for_url("**/topics/makrooekonomie")
        page.goto(live_server + "/actors/friedrich-merz")
        assert page.locator("#propositions tr.oppose td.side").inner_text() == against
        context.close()
