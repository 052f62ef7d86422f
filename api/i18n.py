"""The pages' two languages: German by default, English with ?lang=en or Accept-Language.

One small table of the words the page chrome and the stance/act labels use, not a
framework: a page is in one language throughout, and data (claims, labels from articles)
stays as written.
"""
from __future__ import annotations

from flask import Flask, request

from api.page_words import PAGE_WORDS
from api.review_words import REVIEW_WORDS

LANGUAGES = ("de", "en")

# key -> (German, English)
WORDS: dict[str, tuple[str, str]] = {
    "overview": ("Überblick", "Overview"),
    "actors": ("Akteure", "Actors"),
    "topics": ("Themen", "Topics"),
    "propositions": ("Streitfragen", "Propositions"),
    "articles": ("Artikel", "Articles"),
    "networks": ("Netzwerke", "Networks"),
    "review": ("Prüfen", "Review"),
    "sparql": ("SPARQL", "SPARQL"),
    "data_as": ("Daten als", "Data as"),
    "service_description": ("SPARQL-Dienstbeschreibung", "SPARQL service description"),
    "date": ("Datum", "Date"),
    "actor": ("Akteur", "Actor"),
    "stance": ("Haltung", "Stance"),
    "topic": ("Thema", "Topic"),
    "claim": ("Aussage", "Claim"),
    "proposition": ("Streitfrage", "Proposition"),
    "side": ("Seite", "Side"),
    "position": ("Position", "Position"),
    "evidence": ("Beleg", "Evidence"),
    "article": ("Artikel", "Article"),
    "read_in_article": ("im Artikel lesen", "read in the article"),
    "evidence_marked": ("Markiert: die Belegsätze der Positionen; ein Klick führt zur Position.",
                        "Marked: the evidence sentences of the positions; a click leads to the position."),
    "to_position": ("zur Position", "to the position"),
    "to_text": ("im Text", "in the text"),
    "bars_count": ("Balken: Zahl der Positionen (Aussagen in Artikeln) für und gegen dieselbe Streitfrage, über alle Artikel.",
                   "Bars: the number of positions (statements in articles) for and against the same proposition, over all articles."),
    "sides_count": ("Je Streitfrage die Akteure auf jeder Seite; in Klammern ihre Zahl der Positionen, wenn mehr als eine.",
                    "Per proposition the actors on each side; in brackets their number of positions when more than one."),
    "n_positions": ("Positionen", "positions"),
    "n_articles": ("Artikel", "articles"),
    "positions": ("Positionen", "Positions"),
    "n_position": ("Position", "position"),
    "n_actor": ("Akteur", "actor"),
    "n_actors": ("Akteure", "actors"),
    "in_total": ("insgesamt", "in total"),
    "previous": ("zurück", "previous"),
    "next": ("weiter", "next"),
    "search": ("Suche", "Search"),
    "actor_kind": ("Akteursart", "Kind of actor"),
    "all": ("alle", "all"),
    "kind_person": ("Person", "person"),
    "kind_party": ("Partei", "party"),
    "kind_government": ("Regierung", "government"),
    "kind_state": ("Staat", "state"),
    "kind_institution": ("Institution", "institution"),
    "kind_organisation": ("Organisation", "organisation"),
    "from": ("von", "from"),
    "to": ("bis", "to"),
    "topic_example": ("z. B. haushalt", "e.g. haushalt"),
    "sort_by": ("Sortieren nach", "Sort by"),
    "sort_name": ("Name", "name"),
    "sort_cap": ("CAP-Hauptthema", "CAP major topic"),
    "sort_positions": ("Zahl der Positionen", "number of positions"),
    "sort_articles": ("Zahl der Artikel", "number of articles"),
    "sort_date": ("Datum", "date"),
    "order": ("Reihenfolge", "Order"),
    "ascending": ("aufsteigend", "ascending"),
    "descending": ("absteigend", "descending"),
    "apply": ("Zeigen", "Show"),
    "subtopics": ("Unterthemen", "Subtopics"),
    "major_topic": ("Hauptthema", "Major topic"),
    "who_for_against": ("Wer ist dafür, wer dagegen?", "Who is for it, who is against it?"),
    "too_few_dates": ("Zu wenige Daten für eine Zeitachse; die Positionen nach Datum:",
                      "Too few dates for a time axis; the positions by date:"),
    "error": ("Fehler", "Error"),
    "error_400": ("ungültige Anfrage", "bad request"),
    "error_401": ("Anmeldung nötig", "unauthorized"),
    "error_403": ("nicht erlaubt", "forbidden"),
    "error_404": ("nicht gefunden", "not found"),
    "error_405": ("Methode nicht erlaubt", "method not allowed"),
    "error_406": ("Format nicht verfügbar", "not acceptable"),
    "error_500": ("interner Fehler", "internal error"),
    "error_503": ("Dienst nicht verfügbar", "service unavailable"),
    "back_home": ("Zurück zum Überblick", "Back to the overview"),
    "stance_explained": ("Haltung: ob ein Akteur der eigenen Aussage zustimmt oder sie ablehnt; "
                         "Seite: ob er damit für oder gegen die Streitfrage ist.",
                         "Stance: whether an actor supports or rejects what the claim says; "
                         "side: whether that puts them for or against the proposition."),
    "counts_explained": ("Gezählt werden Positionen (Aussagen in Artikeln) je Streitfrage und Seite.",
                         "Counted are positions (statements in articles) per proposition and side."),
}


WORDS.update(PAGE_WORDS)
WORDS.update(REVIEW_WORDS)


def language() -> str:
    """?lang= wins, then the browser's Accept-Language; German when neither says."""
    asked = request.args.get("lang", "")
    if asked in LANGUAGES:
        return asked
    best = request.accept_languages.best_match(LANGUAGES)
    return best or "de"


def t(key: str) -> str:
    """The word for `key` in this request's language (the key itself if the table lacks it)."""
    pair = WORDS.get(key)
    return key if pair is None else pair[LANGUAGES.index(language())]


def register(app: Flask) -> None:
    app.add_template_global(t, "t")
    app.add_template_global(lambda key: key in WORDS, "has_t")
    app.add_template_global(language, "language")
    app.add_template_global(lambda *keys: {key: t(key) for key in keys}, "words")  # for a page's script
