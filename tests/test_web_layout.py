"""Every page in real headless Chromium: no text runs out of its box, charts carry labels.

A researcher's screenshot of a page must show every word: a text element whose content is
wider than itself (scrollWidth > clientWidth) is cut, unless it is a container meant to
scroll (overflow auto/scroll: wide tables scroll inside their own box, not the page).
"""
from __future__ import annotations

import pytest

from api_fixtures import *  # noqa: F401,F403 (fixtures)
from test_web_chromium import browser  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore::DeprecationWarning")]

PAGES = ["/", "/actors", "/actors/friedrich-merz", "/topics", "/topics/makrooekonomie", "/propositions",
         "/propositions/schuldenbremse", "/propositions/obergrenze", "/articles", "/articles/a1", "/articles/a2",
         "/query", "/actors?sort=positions&kind=person", "/articles?from=2024-01-01&sort=positions", "/topics/haushalt"]

# runs in the page through the DevTools protocol (not subject to the page's CSP)
OVERFLOWS = """() => {
  const cut = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el instanceof SVGElement || !el.textContent.trim()) continue;
    const style = getComputedStyle(el);
    if (['auto', 'scroll'].includes(style.overflowX) || style.display === 'inline') continue;
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
      cut.push(el.tagName + '.' + el.className + ': ' + el.textContent.trim().slice(0, 60));
  }
  if (document.documentElement.scrollWidth > window.innerWidth + 1) cut.push('page wider than the window');
  return cut;
}"""

# every label of a chart lies inside its picture and says something
CHART_LABELS = """() => {
  const bad = [];
  for (const svg of document.querySelectorAll('svg')) {
    const box = svg.viewBox.baseVal, toSvg = svg.getScreenCTM().inverse();
    for (const t of svg.querySelectorAll('text')) {
      const b = t.getBBox(), m = toSvg.multiply(t.getScreenCTM());  // a label moved by its group's transform
      const xs = [b.x, b.x + b.width].map(x => new DOMPoint(x, b.y).matrixTransform(m).x);
      const [left, right] = [Math.min(...xs), Math.max(...xs)];
      if (!t.textContent.trim()) bad.push('empty label');
      else if (left < box.x - 0.5 || right > box.x + box.width + 0.5)
        bad.push('cut: ' + t.textContent.trim() + ' [' + Math.round(left) + ', ' + Math.round(right) + ']');
    }
  }
  return bad;
}"""


@pytest.fixture(params=["de-DE", "en-GB"])
def narrow_page(browser, request):  # noqa: F811
    """A narrow window in each language the pages speak (English words are longer or shorter)."""
    context = browser.new_context(viewport={"width": 800, "height": 900}, locale=request.param)
    page = context.new_page()
    yield page
    context.close()


def _first_position(page, live_server) -> str:
    page.goto(live_server + "/articles/a1")
    return page.locator("a[href*='/positions/']").first.get_attribute("href")


@pytest.mark.parametrize("path", PAGES)
def test_web_layout_no_text_overflows_and_charts_have_labels(narrow_page, live_server, path, tmp_path):
    narrow_page.goto(live_server + path)
    assert narrow_page.locator("h1").count() == 1
    assert narrow_page.evaluate(OVERFLOWS) == []
    assert narrow_page.evaluate(CHART_LABELS) == []
    narrow_page.screenshot(path=str(tmp_path / "page.png"), full_page=True)


@pytest.mark.parametrize("query", ["", "?type=affiliation", "?aggregate=party"])
def test_web_layout_network_page_labels_stay_in_the_picture(narrow_page, live_server, query):
    """The network page once its script has drawn the nodes: every name inside the picture."""
    narrow_page.goto(live_server + "/networks" + query)
    narrow_page.wait_for_selector("#network g.node text")
    assert narrow_page.locator("h1").count() == 1
    assert narrow_page.evaluate(OVERFLOWS) == []
    assert narrow_page.evaluate(CHART_LABELS) == []


def test_web_layout_position_page_fits(narrow_page, live_server):
    href = _first_position(narrow_page, live_server)
    narrow_page.goto(href if href.startswith("http") else live_server + href)
    assert narrow_page.evaluate(OVERFLOWS) == []


def test_web_layout_query_results_stay_inside_the_page(narrow_page, live_server):
    """A wide result (long IRIs in many columns) scrolls inside its own box."""
    narrow_page.goto(live_server + "/query")
    narrow_page.fill("#query", "SELECT * WHERE { ?position ?p ?o . ?o ?q ?r } LIMIT 20")
    narrow_page.click("#run")
    narrow_page.wait_for_selector("table.results tbody tr")
    assert narrow_page.evaluate(OVERFLOWS) == []


@pytest.mark.parametrize("path", ["/review", "/review/a1"])
def test_web_layout_review_pages_fit(narrow_page, live_server, path):
    """The review queue and an article's review page once its script has drawn the positions."""
    narrow_page.goto(live_server + path)
    if path != "/review":
        narrow_page.wait_for_selector("#positions li.review-item")
    assert narrow_page.locator("h1").count() == 1
    assert narrow_page.evaluate(OVERFLOWS) == []
