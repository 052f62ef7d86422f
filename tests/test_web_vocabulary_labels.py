"""Stances, sides and acts are named on every page by the ontology's own labels, in the page's language.

One source: ontology/standpunkt.ttl. The test reads the labels from the ontology file itself
(rdflib, not the app's code) and looks for them on the pages; the words the pages used to
keep for themselves ("Zustimmung", "Ablehnung" as a stance) appear nowhere as a stance.
"""
from __future__ import annotations

import json
import re

import rdflib
from rdflib.namespace import RDFS

from api_fixtures import *  # noqa: F401,F403 (fixtures)
from kg import iris, ontology

HTML = {"Accept": "text/html"}


def ontology_label(term: str, lang: str) -> str:
    graph = rdflib.Graph().parse(ontology.path(ontology.VOCABULARY), format="turtle")
    found = [str(o) for o in graph.objects(rdflib.URIRef(iris.ONTOLOGY + term), RDFS.label) if o.language == lang]
    assert len(found) == 1, (term, lang, found)
    return found[0]


def _merz_rejection(client) -> str:
    article = client.get("/articles/a1", headers={"Accept": "application/ld+json"}).get_data(as_text=True)
    return re.search(r"https://w3id.org/standpunkt/position/(a1-[0-9a-f]+)", article).group(1)


def test_web_stance_labels_come_from_the_ontology_in_both_languages(client):
    position = _merz_rejection(client)
    for lang in ("de", "en"):
        oppose, support = ontology_label("Oppose", lang), ontology_label("Support", lang)
        rejection = ontology_label("RejectionAct", lang)
        card = client.get(f"/positions/{position}?lang={lang}", headers=HTML).get_data(as_text=True)
        assert f": {oppose})" in card and f'<strong class="side">{support}</strong>' in card  # stance, side
        actor = client.get(f"/actors/friedrich-merz?lang={lang}", headers=HTML).get_data(as_text=True)
        assert f"{oppose} ({rejection})" in actor  # the position rows: stance (act)
        assert f'<td class="nowrap side">{oppose}</td>' in actor  # the side on the Obergrenze
        topic = client.get(f"/topics/makrooekonomie?lang={lang}", headers=HTML).get_data(as_text=True)
        assert f"<th>{support}</th><th>{oppose}</th>" in topic
        overview = client.get(f"/?lang={lang}", headers=HTML).get_data(as_text=True)
        assert f"◀ {oppose}</text>" in overview and f"{support} ▶</text>" in overview
        proposition = client.get(f"/propositions/schuldenbremse?lang={lang}", headers=HTML).get_data(as_text=True)
        assert f"<h3>{support}</h3>" in proposition and f"<h3>{oppose}</h3>" in proposition
        for html in (card, actor, topic, overview, proposition):
            assert "Zustimmung" not in html and "opposition" not in html


def test_web_query_page_names_terms_by_the_same_ontology_labels(client):
    for lang in ("de", "en"):
        html = client.get(f"/query?lang={lang}", headers=HTML).get_data(as_text=True)
        terms = json.loads(re.search(r'<script type="application/json" id="term-data">(.*?)</script>', html, re.S).group(1))
        for term in ("Support", "Oppose", "DemandAct", "RejectionAct"):
            assert terms["labels"][iris.ONTOLOGY + term] == ontology_label(term, lang)
