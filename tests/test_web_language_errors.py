"""Browser errors are pages, client errors JSON; pages are German unless English is asked for."""
from __future__ import annotations

from api_fixtures import *  # noqa: F401,F403 (fixtures)

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_web_errors_are_a_page_for_browsers_and_json_for_clients(client):
    page = client.get("/actors/nobody-at-all", headers={"Accept": BROWSER})
    assert page.status_code == 404 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "Fehler 404" in html and "<nav>" in html
    plain = client.get("/actors/nobody-at-all", headers={"Accept": "*/*"})
    assert plain.status_code == 404 and plain.get_json()["ok"] is False and plain.get_json()["status"] == 404
    bad = client.get("/sparql?query=SELECT", headers={"Accept": BROWSER})
    assert bad.status_code == 400 and bad.mimetype == "text/html" and "Fehler 400" in bad.get_data(as_text=True)
    assert client.get("/no-such-page", headers={"Accept": "application/json"}).get_json()["status"] == 404


def test_web_pages_are_german_by_default_and_english_when_asked(client):
    german = client.get("/actors/friedrich-merz", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert '<html lang="de">' in german and ">Akteure<" in german and "dagegen" in german
    for asked in ({"query_string": {"lang": "en"}}, {"headers": {"Accept": "text/html", "Accept-Language": "en-GB,en;q=0.9"}}):
        kwargs = dict(asked)
        kwargs["headers"] = {"Accept": "text/html", **kwargs.get("headers", {})}
        english = client.get("/actors/friedrich-merz", **kwargs).get_data(as_text=True)
        assert '<html lang="en">' in english and ">Actors<" in english and ">Akteure<" not in english
        assert ">oppose<" in english and "dagegen" not in english
    kept = client.get("/?lang=en", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert 'href="/actors?lang=en"' in kept  # the menu keeps the language
    error = client.get("/actors/nobody-at-all?lang=en", headers={"Accept": BROWSER}).get_data(as_text=True)
    assert "Error 404: not found" in error


def test_web_pages_say_what_their_sides_count_and_what_stance_means(client):
    for path in ("/", "/propositions", "/topics/makrooekonomie", "/actors/friedrich-merz", "/propositions/schuldenbremse"):
        html = client.get(path, headers={"Accept": "text/html"}).get_data(as_text=True)
        assert "Haltung: ob ein Akteur der eigenen Aussage zustimmt oder sie ablehnt" in html, path
    assert "Zahl der Positionen" in client.get("/", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "Gezählt werden Positionen" in client.get("/propositions", headers={"Accept": "text/html"}).get_data(as_text=True)


def test_web_actor_and_topic_lists_show_counts_and_date_ranges(client):
    actors = client.get("/actors", headers={"Accept": "text/html"}).get_data(as_text=True)
    merz = actors[actors.index(">Friedrich Merz<"):]
    assert merz[:merz.index("</li>")].count("2 Positionen · 2 Artikel · 2023-12-12 – 2024-01") == 1
    topics = client.get("/topics", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "3 Positionen · 2 Artikel · 2023-12-12" in topics  # Haushalt: a1 twice, a3 undated


def test_web_topic_page_lists_its_subtopics(client):
    html = client.get("/topics/makrooekonomie", headers={"Accept": "text/html"}).get_data(as_text=True)
    section = html[html.index('id="subtopics"'):html.index('id="propositions"')]
    assert ">Haushalt</a>" in section and "CAP 1" in html
    assert 'id="subtopics"' not in client.get("/topics/haushalt", headers={"Accept": "text/html"}).get_data(as_text=True)


def test_web_subtopic_page_names_its_cap_major_topic(client):
    html = client.get("/topics/haushalt", headers={"Accept": "text/html"}).get_data(as_text=True)
    major = html[html.index('id="major-topic"'):]
    assert major.startswith('id="major-topic">Hauptthema: <a href="http://localhost/topics/makrooekonomie">CAP 1 Makroökonomie</a>')
    english = client.get("/topics/haushalt?lang=en", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert ">Major topic: <a" in english
    assert 'id="major-topic"' not in client.get("/topics/makrooekonomie", headers={"Accept": "text/html"}).get_data(as_text=True)
