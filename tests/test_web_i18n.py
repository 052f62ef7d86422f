"""One language per page: German by default, English with ?lang=en or Accept-Language, never a mix.

Two checks. Every template writes no word of its own: with the Jinja expressions and the tags
taken out, what is left (text, and the placeholder/title/aria-label/alt attributes) is only
punctuation and names that are the same in both languages (format names, Standpunkt). And every
page, rendered in each language, shows none of the other language's words: the catalogue of
api.i18n and the ontology's labels, minus what both languages spell alike, matched as whole
words in the page's text once the data (the sample articles' texts, names, claims, labels; IRIs,
code and query text) is taken out. The scripts' words (JSON in the page) are checked the same way,
and test_web_i18n_pages_in_chromium looks at what the scripts of the query and network pages write.
"""
from __future__ import annotations

import html as htmllib
import json
import re
from pathlib import Path

import pytest

from api.i18n import WORDS
from api.vocabulary import term_labels
from api_fixtures import *  # noqa: F401,F403 (fixtures)
from api_fixtures import ARTICLES, POSITIONS, PROPOSITIONS, TOPICS
from test_web_chromium import browser  # noqa: F401 (fixture)

SP = "https://w3id.org/standpunkt/ontology#"
TEMPLATES = Path(__file__).resolve().parent.parent / "api" / "templates"
SAME_IN_BOTH = {"Standpunkt", "SPARQL", "JSON", "JSON-LD", "CSV", "TSV", "XML", "Turtle", "N-Triples", "GraphML",
                "TriG", "OpenAPI", "IRI", "CAP", "sparql"}
SHOWN_ATTRIBUTES = re.compile(r'\b(?:placeholder|title|aria-label|alt)="([^"]*)"')
PAGES = ["/", "/actors", "/actors?sort=positions", "/actors/friedrich-merz", "/actors/friedrich-merz/positions",
         "/topics", "/topics/makrooekonomie", "/topics/haushalt", "/topics/haushalt/positions", "/propositions",
         "/propositions/schuldenbremse", "/propositions/obergrenze/positions", "/articles", "/articles/a1",
         "/articles/a3", "/networks", "/query", "/actors/nobody-at-all", "/sparql?query=SELECT", "POSITION",
         "/review", "/review/a1"]


def _own_words(template: str) -> list[str]:
    text = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", " ", template, flags=re.S)
    shown = SHOWN_ATTRIBUTES.findall(text)
    text = re.sub(r"<(script|code)\b[^>]*>.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", text)
    words = re.findall(r"[^\W\d_][\w-]*", " ".join([text] + shown))
    return [w for w in words if w not in SAME_IN_BOTH and len(w) > 1]  # one letter: a key ("(a)"), not a word


@pytest.mark.parametrize("name", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_web_i18n_templates_write_no_words_of_their_own(name):
    assert _own_words((TEMPLATES / name).read_text(encoding="utf-8")) == []


def catalogue(lang: str) -> set[str]:
    """The words of one language that the other spells differently: api.i18n and the ontology's labels."""
    i = ("de", "en").index(lang)
    words = {pair[i] for pair in WORDS.values() if pair[0] != pair[1]}
    other = term_labels("en" if lang == "de" else "de")
    words |= {label for iri, label in term_labels(lang).items() if other.get(iri) != label}
    return words


PROPER_NAMES = ["Discourse Network Analyzer"]


def data_strings() -> list[str]:
    """What the sample store holds and pages show as written: texts, titles, names, claims, labels."""
    found = PROPER_NAMES + [a.text for a in ARTICLES] + [a.title for a in ARTICLES if a.title]
    found += [p[2] for p in POSITIONS] + [p[8] for p in POSITIONS] + [p[1] for p in PROPOSITIONS.values()]
    found += [label for label, _, _ in TOPICS.values()] + [label.lower() for label, _, _ in TOPICS.values()]
    return sorted(set(found), key=len, reverse=True)


def page_text(html: str) -> str:
    """What a reader sees of a page, plus the words its scripts may write, without its data."""
    words = re.search(r'<script type="application/json" id="words">(.*?)</script>', html, re.S)
    shown = SHOWN_ATTRIBUTES.findall(html)
    html = re.sub(r'<(\w+)\b[^>]*\blang="(?!' + re.search(r'<html lang="(\w+)"', html).group(1) + r')[^"]*"[^>]*>.*?</\1>',
                  " ", html, flags=re.S)  # a passage marked as in another language (the server's error message)
    text = re.sub(r"<(script|code|pre|textarea)\b[^>]*>.*?</\1>", " ", html, flags=re.S)
    text = htmllib.unescape(re.sub(r"<[^>]*>", " ", text) + " " + " ".join(shown))
    text += " " + " ".join(json.loads(words.group(1)).values()) if words else ""
    text = re.sub(r"https?://\S+", " ", text)
    for value in data_strings():
        text = text.replace(value, " ")
    return " ".join(text.split())


def _position_path(client) -> str:
    article = client.get("/articles/a1", headers={"Accept": "application/ld+json"}).get_data(as_text=True)
    return "/positions/" + re.search(r"https://w3id.org/standpunkt/position/(a1-[0-9a-f]+)", article).group(1)


def _stray(text: str, lang: str) -> list[str]:
    """The other language's words in `text`; not those that this language spells alike (any case,
    "Proposition") nor the words of the data (a chart cuts a claim short: "… für …")."""
    own = {w.lower() for w in catalogue(lang)}
    data_words = {w for value in data_strings() for w in re.findall(r"\w+", value)}
    foreign = {w for w in catalogue("en" if lang == "de" else "de") if w.lower() not in own and w not in data_words}
    return sorted(w for w in foreign if re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", text))


@pytest.mark.parametrize("path", PAGES)
def test_web_i18n_every_page_is_in_one_language(client, path):
    path = _position_path(client) if path == "POSITION" else path
    for lang, headers in (("de", {}), ("en", {"Accept-Language": "en"})):
        response = client.get(path, headers={"Accept": "text/html", **headers})
        html = response.get_data(as_text=True)
        assert f'<html lang="{lang}">' in html, (path, lang, response.status_code)
        text = page_text(html)
        assert _stray(text, lang) == [], (path, lang, text[:400])
        own = catalogue(lang)
        assert any(re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", text) for w in own), (path, lang)  # it does speak
    english = client.get(path + ("&" if "?" in path else "?") + "lang=en", headers={"Accept": "text/html"})
    assert _stray(page_text(english.get_data(as_text=True)), "en") == []


@pytest.mark.browser
def test_web_i18n_pages_in_chromium(browser, live_server):  # noqa: F811
    """What the scripts write (status lines, tables, options) is in the page's language too."""
    from playwright.sync_api import expect

    for lang, locale in (("de", "de-DE"), ("en", "en-GB")):
        context = browser.new_context(viewport={"width": 1100, "height": 900}, locale=locale)
        page = context.new_page()
        page.goto(live_server + "/query")
        page.click("#run")
        page.wait_for_selector("table.results tbody tr")
        assert _stray(page_text(page.content()), lang) == [], lang
        status = page.locator("#status").inner_text()
        assert (" Zeilen · " in status) == (lang == "de") and (" rows · " in status) == (lang == "en")
        page.goto(live_server + "/networks?from=2030-01-01&window=30")  # no window has statements: the script says so
        expect(page.locator("#network-status")).to_have_text(WORDS["no_statements"][("de", "en").index(lang)])
        assert _stray(page_text(page.content()), lang) == [], lang
        page.goto(live_server + "/networks?type=affiliation")  # the table of ties names each edge's side
        page.wait_for_selector("#ties tbody tr")
        normalizations = page.locator("select[name=normalization] option").all_inner_texts()
        assert WORDS["norm_none"][("de", "en").index(lang)] in normalizations
        sides = set(page.locator("#ties tbody td:nth-child(4)").all_inner_texts())
        assert sides and sides <= {term_labels(lang)[iri] for iri in (SP + "Support", SP + "Oppose")} | {WORDS["both"][("de", "en").index(lang)]}
        assert _stray(page_text(page.content()), lang) == [], lang
        context.close()
