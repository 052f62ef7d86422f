"""The words of the individual pages (headings, captions, labels, explanations), German and English.

api.i18n merges them into its table; a template says {{ t("key") }} and never writes a
word of either language itself (tests/test_web_i18n.py holds every template to that).
The names of stances, sides and acts are not here: they are the ontology's (api.vocabulary).
"""
from __future__ import annotations

# key -> (German, English)
PAGE_WORDS: dict[str, tuple[str, str]] = {
    # overview
    "who_stands_where": ("Wer steht wo?", "Who stands where?"),
    "overview_intro": ("Positionen politischer Akteure aus deutschen Nachrichtenartikeln: wer unterstützt oder lehnt "
                       "was ab, wann, mit dem Satz als Beleg.",
                       "Positions of political actors from German news articles: who supports or rejects what, "
                       "when, with the sentence as evidence."),
    "period": ("Zeitraum", "Period"),
    "most_argued": ("Die meistumstrittenen Streitfragen", "The most argued propositions"),
    "most_quoted": ("Die meistzitierten Akteure", "The most quoted actors"),
    "sparql_queries": ("SPARQL-Abfragen", "SPARQL queries"),
    "jsonld_at": ("JSON-LD unter", "JSON-LD at"),
    # actor
    "also_called": ("auch", "also"),
    "propositions_and_side": ("Streitfragen und Seite", "Propositions and side"),
    "no_positions": ("Keine Positionen.", "No positions."),
    "positions_over_time": ("Positionen im Zeitverlauf", "Positions over time"),
    "positions_as_jsonld": ("Positionen als JSON-LD", "Positions as JSON-LD"),
    "positions_of": ("Positionen von", "Positions of"),
    "positions_on": ("Positionen zu", "Positions on"),
    "new_positions": ("Neue Positionen", "New positions"),
    # article
    "text": ("Text", "Text"),
    # topic
    "keywords": ("Stichwörter", "Keywords"),
    "propositions_who_for_against": ("Streitfragen: wer ist dafür, wer dagegen?",
                                     "Propositions: who is for, who is against?"),
    "no_positions_on_topic": ("Noch keine Positionen zu diesem Thema.", "No positions on this topic yet."),
    "all_positions": ("Alle Positionen", "All positions"),
    "propositions_as_jsonld": ("Streitfragen als JSON-LD", "Propositions as JSON-LD"),
    "no_topic": ("ohne Thema", "no topic"),
    # propositions
    "of_codebook": ("des Themenkatalogs", "of the codebook"),
    "free_proposition": ("frei, aus einer Aussage", "free, from a claim"),
    "over_time": ("Im Zeitverlauf", "Over time"),
    "nobody": ("niemand", "nobody"),
    "most_argued_first": ("die meistumstrittenen zuerst", "the most argued first"),
    # error page (the server's own message stays in English, marked lang="en": the API's clients read it too)
    "error_explained": ("Die Anfrage ging nicht; die Meldung des Servers (englisch) steht darunter:",
                        "The request failed; the server's message follows:"),
    "error_explained_404": ("Unter dieser Adresse gibt es nichts; die Meldung des Servers (englisch) steht darunter:",
                            "There is nothing at this address; the server's message follows:"),
    "error_explained_400": ("Die Anfrage ist so nicht gültig; die Meldung des Servers (englisch) sagt, woran es liegt:",
                            "The request is not valid as it stands; the server's message says why:"),
    # query page
    "sparql_query": ("SPARQL-Abfrage", "SPARQL query"),
    "example": ("Beispiel", "Example"),
    "run": ("Ausführen", "Run"),
    "download": ("Herunterladen", "Download"),
    "running": ("läuft …", "running …"),
    "loading": ("lädt …", "loading …"),
    "rows": ("Zeilen", "rows"),
    "yes_true": ("ja (true)", "yes (true)"),
    "no_false": ("nein (false)", "no (false)"),
    "network_error": ("Netzwerkfehler", "Network error"),
    # networks page
    "discourse_networks": ("Diskursnetzwerke", "Discourse networks"),
    "networks_intro": ("Wer steht mit wem auf derselben Seite einer Streitfrage (Kongruenz, grün), wer auf der "
                       "anderen (Konflikt, rot)? Nach den Definitionen des Discourse Network Analyzer (Leifeld).",
                       "Who is on the same side of a proposition as whom (congruence, green), who on the other "
                       "(conflict, red)? After the definitions of the Discourse Network Analyzer (Leifeld)."),
    "edges_csv": ("Kanten (CSV)", "Edges (CSV)"),
    "nodes_csv": ("Knoten (CSV)", "Nodes (CSV)"),
    "matrix_csv": ("Matrix (CSV)", "Matrix (CSV)"),
    "network": ("Netzwerk", "Network"),
    "normalization": ("Normalisierung", "Normalisation"),
    "counting": ("Zählung", "Counting"),
    "every_statement": ("jede Aussage", "every statement"),
    "each_actor_once": ("jeder Akteur einmal", "each actor once"),
    "min_weight": ("Mindestgewicht", "Minimum weight"),
    "window_days": ("Fenster (Tage)", "Window (days)"),
    "step": ("Schritt", "Step"),
    "persons_count_as": ("Personen zählen als", "Persons count as"),
    "aggregate_none": ("sie selbst", "themselves"),
    "aggregate_party": ("ihre Partei am Tag", "their party on the day"),
    "aggregate_government": ("ihre Regierung am Tag", "their government on the day"),
    "time_window": ("Zeitfenster", "Time window"),
    "network_picture": ("Netzwerkbild", "Network picture"),
    "strongest_ties": ("Stärkste Beziehungen", "Strongest ties"),
    "with": ("mit", "with"),
    "weight": ("Gewicht", "Weight"),
    "kind": ("Art", "Kind"),
    "no_statements": ("Keine Aussagen in diesem Ausschnitt.", "No statements in this slice."),
    "both": ("beide", "both"),
    "norm_none": ("keine", "none"),
    "norm_average": ("Mittelwert", "average"),
    "norm_jaccard": ("Jaccard", "Jaccard"),
    "norm_cosine": ("Kosinus", "cosine"),
    "norm_activity": ("Aktivität", "activity"),
    "norm_prominence": ("Prominenz", "prominence"),
    "net_type_congruence": ("Kongruenz", "congruence"),
    "net_type_conflict": ("Konflikt", "conflict"),
    "net_type_subtract": ("Kongruenz minus Konflikt", "congruence minus conflict"),
    "net_type_affiliation": ("Akteur–Streitfrage (Zugehörigkeit)", "actor–proposition (affiliation)"),
    "net_type_actor-issue": ("Akteur–Themenkatalog", "actor–codebook issue"),
}
