"""The web pages in real headless Chromium (Debian's /usr/bin/chromium, driven by playwright)."""
from __future__ import annotations

import os
import shutil

import pytest

from api_fixtures import *  # noqa: F401,F403 (fixtures)
from api_fixtures import POSITIONS

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore::DeprecationWarning")]

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's `chromium` (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="de-DE")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors, errors


def test_web_chromium_overview_shows_what_the_graph_holds(page, live_server, tmp_path):
    page.goto(live_server + "/")
    assert page.locator("#n-articles").inner_text() == "3"
    assert page.locator("#n-positions").inner_text() == str(len(POSITIONS))
    assert page.locator("#n-actors").inner_text() == "4"
    assert page.locator("#date-range").inner_text() == "2023-12-12 – 2024-01"
    assert page.locator("#top-actors li").count() == 4
    assert "Friedrich Merz" in page.locator("#top-actors li").first.inner_text()  # two positions, most quoted
    assert page.locator("#top-propositions g.bar").count() == 4  # sides counted per proposition only
    assert page.locator("#top-propositions rect.support[data-count='2']").count() == 1  # the Schuldenbremse
    page.screenshot(path=str(tmp_path / "overview.png"), full_page=True)


def test_web_chromium_sparql_page_runs_examples_and_shows_a_table(page, live_server, tmp_path):
    page.goto(live_server + "/query")
    options = page.locator("#examples option")
    assert options.count() >= 5
    page.select_option("#examples", "02-stance-counts-per-topic")
    assert "GROUP BY" in page.locator("#query").input_value()
    page.click("#run")
    page.wait_for_selector("table.results tbody tr")
    headers = page.locator("table.results th").all_inner_texts()
    assert headers == ["topic", "label", "support", "oppose"]
    rows = page.locator("table.results tbody tr")
    assert rows.count() == 2
    assert "Zeilen" in page.locator("#status").inner_text()
    csv_link = page.locator('#downloads a[data-format="csv"]').get_attribute("href")
    assert csv_link.startswith("/sparql?") and "format=csv" in csv_link and "download=1" in csv_link
    with page.expect_download() as download:
        page.click('#downloads a[data-format="csv"]')
    saved = tmp_path / "result.csv"
    download.value.save_as(saved)
    assert saved.read_text(encoding="utf-8").splitlines()[0] == "topic,label,support,oppose"
    page.screenshot(path=str(tmp_path / "sparql.png"), full_page=True)


def test_web_chromium_sparql_page_shows_errors_and_graphs(page, live_server):
    page.goto(live_server + "/query")
    page.fill("#query", "SELECT ?x WHERE { ?x }")
    page.click("#run")
    page.wait_for_selector("pre.error")
    assert "error at" in page.locator("pre.error").inner_text()
    assert page.locator("#status").inner_text() == "Fehler 400"
    page.select_option("#examples", "05-construct-one-article")
    page.fill("#query", page.locator("#query").input_value().replace("/d01", "/a1"))
    page.click("#run")
    page.wait_for_selector("#results pre")  # not wait_for_function: the page's CSP forbids eval
    assert "schema:NewsArticle" in page.locator("#results pre").inner_text() or \
        "NewsArticle" in page.locator("#results pre").inner_text()


def test_web_chromium_actor_page_lists_propositions_with_side_and_time(page, live_server, tmp_path):
    page.goto(live_server + "/actors/friedrich-merz")
    assert page.locator("h1").inner_text() == "Friedrich Merz"
    rows = page.locator("#propositions tbody tr")
    assert rows.count() == 2  # Obergrenze (against), Schuldenbremse (for, by rejecting its suspension)
    assert page.locator("#propositions tr.oppose td.side").inner_text() == "dagegen"
    assert page.locator("#propositions tr.support td.side").inner_text() == "dafür"
    assert page.locator("#timeline svg").count() == 0  # two dates: a list, not a degenerate time axis
    assert page.locator("#timeline table tbody tr").count() == 2
    assert "dagegen (Ablehnung)" in page.locator("#timeline table").inner_text()
    page.screenshot(path=str(tmp_path / "actor.png"), full_page=True)
    page.locator("#timeline table td:nth-child(5) a").first.click()  # the claim
    page.wait_for_load_state()
    assert "/positions/" in page.url and "Position" in page.locator("h1").inner_text()


def test_web_chromium_topic_page_shows_who_supports_and_who_opposes_each_proposition(page, live_server, tmp_path):
    page.goto(live_server + "/topics/makrooekonomie")
    assert page.locator("h1").inner_text() == "Makroökonomie"
    first = page.locator("#propositions tbody tr").first
    assert first.locator("td").first.inner_text() == "Schuldenbremse"
    assert first.locator("td.support").inner_text() == "Christian Lindner, Friedrich Merz"  # by label
    assert first.locator("td.oppose").inner_text() == ""
    page.screenshot(path=str(tmp_path / "topic.png"), full_page=True)
    first.locator("td.support a").first.click()
    page.wait_for_load_state()
    assert "/actors/" in page.url


def test_web_chromium_sparql_page_links_only_http_iris(page, live_server):
    """A javascript: IRI in a result is shown as text, an https IRI as a link; the page
    works under its Content-Security-Policy (the fixture fails on any page error)."""
    page.goto(live_server + "/query")
    page.fill("#query", "SELECT ?x WHERE { VALUES ?x { <javascript:alert(1)> <https://example.org/a> } }")
    page.click("#run")
    page.wait_for_selector("table.results tbody tr")
    cells = page.locator("table.results tbody td")
    assert cells.count() == 2
    assert page.locator("table.results tbody a").count() == 1
    assert page.locator("table.results tbody a").get_attribute("href") == "https://example.org/a"
    assert "javascript:alert(1)" in page.locator("table.results tbody").inner_text()


def test_web_chromium_proposition_page_shows_both_sides(page, live_server, tmp_path):
    page.goto(live_server + "/propositions/schuldenbremse")
    assert page.locator("h1").inner_text() == "Schuldenbremse"
    assert page.locator("#supporters li").count() == 2 and page.locator("#opponents li").count() == 0
    assert page.locator("#timeline tbody tr").count() == 2
    page.screenshot(path=str(tmp_path / "proposition.png"), full_page=True)
