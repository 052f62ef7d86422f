"""The review pages in real headless Chromium against a real server (waitress, embedded store).

A coder signs in with the token `kg user add` gave, confirms one position, corrects one,
rejects one and adds one the extractor missed, all by keyboard and form; the article is then
ingested again in a changed version, and every decision is either kept or shown as a conflict.
A wrong token changes nothing in the store.
"""
from __future__ import annotations

import io

import pytest
import requests

from api_fixtures import *  # noqa: F401,F403 (fixtures)
from api_fixtures import serve_in_thread
from test_web_chromium import browser, page  # noqa: F401 (fixtures; page fails on any script error)
from test_web_layout import OVERFLOWS

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore::DeprecationWarning")]

WRITE_TOKEN = "write-token-5678"
LEAD = "Anna Beispiel fordert ein Tempolimit auf Autobahnen. Der ADAC lehnt ein Tempolimit ab."
ADDED = "Für den Verkehrsclub Muster ist ein Tempolimit überfällig."
LAST = "Bernd Probe verlangt mehr Radwege in den Städten."
TEXT = f"{LEAD}\n\n{ADDED} {LAST}"
# the second version: the last sentence turned round (so its position changes), one more position
CHANGED = f"{LEAD}\n\n{ADDED} Bernd Probe lehnt mehr Radwege in den Städten ab. Clara Test fordert mehr Busse."


@pytest.fixture()
def review_server(tmp_path):
    """(base URL, anna's token, store) of a server holding article r1, with reviewer anna."""
    from api import create_app
    from kg.ingest import ingest_articles
    from kg.model import Article
    from kg.review.users import add_user
    from kg.store import OxigraphStore

    store = OxigraphStore(tmp_path / "store")
    ingest_articles(store, [Article("r1", "2025-03-04", TEXT, title="Streit um das Tempolimit")], report=lambda line: None)
    token = add_user(tmp_path / "users.json", "anna")
    app = create_app({"STORE": store, "WORKERS": 1, "WRITE_TOKEN": WRITE_TOKEN, "TESTING": True,
                      "USERS_PATH": str(tmp_path / "users.json")})
    base, server = serve_in_thread(app)
    yield base, token, store
    server.close()
    app.extensions["standpunkt"].close()
    store.close()


CLEAR_STATUS = "() => { const s = document.querySelector('#review-status'); s.textContent = ''; s.className = 'meta'; }"


def _dump(store) -> bytes:
    out = io.BytesIO()
    store.dump(out, "nquads")
    return b"\n".join(sorted(out.getvalue().splitlines()))


def _item(page, actor):
    return page.locator("#positions li.review-item", has_text=actor)


def _select(page, actor):
    """Make the item of `actor` the current one with j/k, as a coder would."""
    items = page.locator("#positions li.review-item")
    names = [items.nth(i).locator(".actor").inner_text() for i in range(items.count())]
    current = int(page.locator("#positions li.current").get_attribute("data-index"))
    target = names.index(actor)
    key = "j" if target > current else "k"
    for _ in range(abs(target - current)):
        page.keyboard.press(key)
    assert page.locator("#positions li.current .actor").inner_text() == actor


def _wait_status(page, actor, status):
    page.wait_for_selector(f"#positions li.review-item.status-{status} >> text={actor}")


def _sign_in(page, token, says="angemeldet als"):
    page.fill("#token", token)
    page.click("#sign-in")
    assert says in page.locator("#auth-state").inner_text()


def test_web_review_confirm_correct_reject_add_then_reingest(page, review_server, tmp_path):
    base, token, store = review_server
    page.goto(base + "/review/r1")
    page.wait_for_selector("#positions li.review-item")
    assert page.locator("#positions .actor").all_inner_texts() == ["Anna Beispiel", "ADAC", "Bernd Probe"]
    assert page.locator("#review-text .sentence.evidence").count() == 3  # each evidence marked in the text
    assert "j/k" in page.locator(".keys").inner_text()  # the keys are on the page
    _sign_in(page, token)

    page.keyboard.press("c")  # the first position is current: confirm Anna Beispiel
    _wait_status(page, "Anna Beispiel", "confirmed")

    _select(page, "ADAC")  # correct the ADAC position: claim and act
    page.keyboard.press("e")
    form = page.locator("#positions li.current form.review-form")
    form.locator("input[name=claim]").fill("Tempolimit auf Autobahnen")
    form.locator("select[name=act]").select_option("assertion")
    form.locator("button[type=submit]").click()
    _wait_status(page, "ADAC", "corrected")
    assert "Tempolimit auf Autobahnen" in _item(page, "ADAC").inner_text()

    _select(page, "Bernd Probe")
    page.keyboard.press("r")
    _wait_status(page, "Bernd Probe", "rejected")

    page.locator("#review-text .sentence", has_text="Verkehrsclub Muster").click()  # choose the missed sentence
    page.keyboard.press("a")
    form = page.locator("form.review-form")
    form.locator("input[name=actor]").fill("Verkehrsclub Muster")
    form.locator("select[name=actor_type]").select_option("organization")
    form.locator("select[name=side]").select_option("support")
    form.locator("select[name=stance]").select_option("support")
    form.locator("select[name=act]").select_option("assertion")
    form.locator("input[name=claim]").fill("Tempolimit")
    form.locator("input[name=proposition]").fill("Tempolimit")
    form.locator("button[type=submit]").click()
    _wait_status(page, "Verkehrsclub Muster", "added")
    _select(page, "Verkehrsclub Muster")  # a coder's own addition is edited by adding it anew
    page.keyboard.press("e")
    page.locator("#positions li.current form.review-form input[name=claim]").fill("Tempolimit überfällig")
    page.locator("#positions li.current form.review-form button[type=submit]").click()
    page.wait_for_selector("#positions li.status-added >> text=Tempolimit überfällig")
    assert page.locator("#positions li.status-added").count() == 1
    page.screenshot(path=str(tmp_path / "review.png"), full_page=True)

    review = requests.get(base + "/articles/r1/review", timeout=10).json()
    statuses = {p["actor"]["label"]: p["status"] for p in review["positions"]}
    assert statuses == {"Anna Beispiel": "confirmed", "ADAC": "corrected", "Bernd Probe": "rejected"}
    assert review["status"] == "reviewed"
    effective = {p["actor"]["label"]: p for p in review["effective"]}
    assert set(effective) == {"Anna Beispiel", "ADAC", "Verkehrsclub Muster"}
    assert (effective["ADAC"]["claim"], effective["ADAC"]["act"]) == ("Tempolimit auf Autobahnen", "assertion")
    club = effective["Verkehrsclub Muster"]
    assert club["sentence"] == ADDED and club["proposition"]["issue"].endswith("/tempolimit")
    assert club["claim"] == "Tempolimit überfällig"
    assert {d["reviewer"] for d in review["decisions"]} == {"anna"} and len(review["decisions"]) == 4

    # a new version of the article: the same first three sentences, the last turned round, one more
    answer = requests.post(base + "/articles", json={"id": "r1", "date": "2025-03-04", "text": CHANGED,
                                                       "title": "Streit um das Tempolimit"},
                           headers={"Authorization": f"Bearer {WRITE_TOKEN}"}, timeout=60)
    assert answer.status_code == 201, answer.text
    after = requests.get(base + "/articles/r1/review", timeout=10).json()
    assert len(after["decisions"]) == 4  # nothing lost
    conflicts = {c["decision"]: c["reason"] for c in after["conflicts"]}
    kept = {d["kind"]: d for d in after["decisions"]}
    assert kept["confirm"]["targets"] and kept["correct"]["targets"] and not kept["confirm"]["conflict"]
    # Bernd Probe's sentence now rejects: the rejection still applies, flagged as changed under it
    assert conflicts == {kept["reject"]["id"]: "changed"}
    statuses = {p["actor"]["label"]: p["status"] for p in after["positions"]}
    assert statuses == {"Anna Beispiel": "confirmed", "ADAC": "corrected", "Bernd Probe": "rejected",
                        "Clara Test": "unreviewed"}
    assert after["status"] == "partly"  # Clara Test's position is new

    page.reload()
    page.wait_for_selector("#positions li.review-item")
    assert page.locator("#conflicts").is_visible()
    assert page.locator("#conflicts li").count() == 1
    conflict = page.locator("#conflicts li").inner_text()
    assert "etwas anderes" in conflict and "Bernd Probe" in conflict and "abgelehnt" in conflict and "anna" in conflict
    assert page.locator("#positions li.status-rejected .badge.conflict").count() == 1
    assert page.locator("#positions li.status-unreviewed .actor").all_inner_texts() == ["Clara Test"]
    _wait_status(page, "Anna Beispiel", "confirmed")
    _wait_status(page, "ADAC", "corrected")
    _wait_status(page, "Verkehrsclub Muster", "added")
    assert page.evaluate(OVERFLOWS) == []
    page.locator("#conflicts li button").click()  # the coder looks again: undoes the flagged rejection
    page.wait_for_selector("#conflicts", state="hidden")
    _wait_status(page, "Bernd Probe", "unreviewed")
    assert len(requests.get(base + "/articles/r1/review", timeout=10).json()["decisions"]) == 3


def test_web_review_a_bad_token_changes_nothing(page, review_server):
    base, _, store = review_server
    before = _dump(store)
    page.goto(base + "/review/r1")
    page.wait_for_selector("#positions li.review-item")
    _sign_in(page, "anna.not-the-secret")
    page.keyboard.press("c")
    page.wait_for_selector("#review-status.error")
    assert page.locator("#review-status").inner_text().startswith(("401", "403"))
    assert page.locator("#review-status").get_attribute("lang") == "en"  # the server's words, marked as English
    page.evaluate(CLEAR_STATUS)
    page.keyboard.press("e")
    page.locator("form.review-form input[name=claim]").fill("etwas anderes")
    page.locator("form.review-form button[type=submit]").click()
    page.wait_for_selector("#review-status.error")
    assert page.locator("#review-status").inner_text().startswith(("401", "403"))
    page.keyboard.press("Escape")
    page.keyboard.press("s")  # the keyboard way to a sentence: s from the current position's, twice
    page.keyboard.press("s")
    assert page.locator("#review-text .sentence.picked").inner_text() == "Für den Verkehrsclub Muster ist ein Tempolimit überfällig."
    page.keyboard.press("a")
    assert "Verkehrsclub Muster" in page.locator("form.review-form").inner_text()
    page.locator("form.review-form input[name=actor]").fill("Verkehrsclub Muster")
    page.locator("form.review-form input[name=claim]").fill("Tempolimit")
    page.evaluate(CLEAR_STATUS)
    page.locator("form.review-form button[type=submit]").click()
    page.wait_for_selector("#review-status.error")
    assert _dump(store) == before
    assert page.locator("#positions li.status-unreviewed").count() == 3


def test_web_review_queue_and_pages_fit_and_speak_english(page, review_server):
    base, token, _ = review_server
    page.set_viewport_size({"width": 800, "height": 900})
    page.goto(base + "/review")
    assert page.locator("h1").inner_text() == "Prüfliste"
    assert page.locator("#queue tbody tr").count() == 1
    assert "noch nicht geprüft" in page.locator("#queue tbody tr").inner_text()
    assert page.evaluate(OVERFLOWS) == []
    page.click("#queue tbody tr a")
    page.wait_for_selector("#positions li.review-item")
    assert page.evaluate(OVERFLOWS) == []
    page.goto(base + "/review/r1?lang=en")
    page.wait_for_selector("#positions li.review-item")
    assert "Confirm (c)" in page.locator("#positions li.review-item").first.inner_text()
    assert page.evaluate(OVERFLOWS) == []
    _sign_in(page, token, "signed in as")  # a correction to an actor of the gazetteer the store does not hold yet
    _select(page, "Bernd Probe")
    page.keyboard.press("e")
    page.locator("#positions li.current form.review-form input[name=actor]").fill("Friedrich Merz")
    page.locator("#positions li.current form.review-form button[type=submit]").click()
    _wait_status(page, "Friedrich Merz", "corrected")
    assert "Machine: Bernd Probe" in _item(page, "Friedrich Merz").inner_text()
    effective = requests.get(base + "/articles/r1/review", timeout=10).json()["effective"]
    assert [p["actor"]["iri"].rsplit("/", 1)[-1] for p in effective if p["status"] == "corrected"] == ["friedrich-merz"]
    assert page.evaluate(OVERFLOWS) == []
    page.goto(base + "/review?status=reviewed&lang=en")
    assert page.locator("#queue").count() == 0 and "No articles" in page.locator("main").inner_text()
    assert page.evaluate(OVERFLOWS) == []


def test_web_review_queue_pages_through_the_articles(client):
    """Three sample articles two to a page: the page says which it shows and links on and back,
    keeping the filters and the language."""
    import html
    import re

    first = client.get("/review?limit=2&lang=en", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert len(re.findall(r'data-article="', first)) == 2 and "1–2 / 3" in first
    link = html.unescape(re.search(r'rel="next" href="([^"]+)"', first).group(1))
    assert "lang=en" in link and "limit=2" in link and 'rel="prev"' not in first
    second = client.get(link, headers={"Accept": "text/html"}).get_data(as_text=True)
    assert len(re.findall(r'data-article="', second)) == 1 and "3–3 / 3" in second
    assert 'rel="prev"' in second and 'rel="next"' not in second and "Next" not in second
