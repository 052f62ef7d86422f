"""The review pages' words, German and English; api.i18n merges them into its table.

A template says {{ t("key") }}; review.js gets the words of SCRIPT_KEYS in the page's
language as JSON (<script id="words">), so the page and its script speak one language.
"""
from __future__ import annotations

# key -> (German, English)
REVIEW_WORDS: dict[str, tuple[str, str]] = {
    "queue_title": ("Prüfliste", "Review queue"),
    "queue_intro": ("Artikel zum Prüfen: die Positionen der Maschine bestätigen, ablehnen, korrigieren, Fehlendes ergänzen.",
                    "Articles to review: confirm, reject or correct the machine's positions, add what it missed."),
    "status": ("Stand", "Status"),
    "unreviewed": ("noch nicht geprüft", "not yet reviewed"),
    "partly": ("teilweise geprüft", "partly reviewed"),
    "reviewed": ("geprüft", "reviewed"),
    "show": ("Zeigen", "Show"),
    "decided": ("Entschieden", "Decided"),
    "conflicts": ("Konflikte", "Conflicts"),
    "reviewers": ("Prüfer", "Reviewers"),
    "no_articles": ("Keine Artikel in dieser Auswahl.", "No articles in this selection."),
    "review_title": ("Artikel prüfen", "Review an article"),
    "token": ("Token", "Token"),
    "token_help": ("Ihr Prüfer-Token (von `kg user add NAME`); es bleibt nur in diesem Browser-Tab.",
                   "Your reviewer token (from `kg user add NAME`); it stays in this browser tab only."),
    "sign_in": ("Anmelden", "Sign in"),
    "sign_out": ("Abmelden", "Sign out"),
    "signed_in_as": ("angemeldet als", "signed in as"),
    "not_signed_in": ("Nicht angemeldet: Sie können lesen, aber nicht entscheiden.",
                      "Not signed in: you can read but not decide."),
    "keys_title": ("Tastatur", "Keyboard"),
    "keys": ("j/k: nächste/vorige Position · c: bestätigen · r: ablehnen · e: bearbeiten · u: eigene Entscheidung zurücknehmen · "
             "s/S: nächsten/vorigen Satz wählen (oder Satz anklicken, Text markieren) · a: Position zum gewählten Satz "
             "hinzufügen · Esc: Formular schließen",
             "j/k: next/previous position · c: confirm · r: reject · e: edit · u: undo your decision · "
             "s/S: choose the next/previous sentence (or click a sentence, select text) · a: add a position for the "
             "chosen sentence · Esc: close the form"),
    "text_help": ("Markiert: Belegsätze der Positionen. Ein Satz wird per Klick oder Textauswahl gewählt.",
                  "Marked: the positions' evidence sentences. Click a sentence or select text to choose it."),
    "confirm": ("Bestätigen", "Confirm"),
    "reject": ("Ablehnen", "Reject"),
    "edit": ("Bearbeiten", "Edit"),
    "undo": ("Zurücknehmen", "Undo"),
    "add": ("Hinzufügen", "Add"),
    "add_position": ("Position hinzufügen", "Add a position"),
    "save": ("Speichern", "Save"),
    "cancel": ("Abbrechen", "Cancel"),
    "actor_type": ("Art (neuer Akteur)", "Kind (new actor)"),
    "person": ("Person", "person"),
    "organization": ("Organisation", "organisation"),
    "act": ("Sprechakt", "Act"),
    "date_help": ("JJJJ-MM-TT oder JJJJ-MM; leer: unbekannt", "YYYY-MM-DD or YYYY-MM; empty: unknown"),
    "sentence": ("Satz", "Sentence"),
    "none": ("—", "—"),
    "st_unreviewed": ("offen", "open"),
    "st_confirmed": ("bestätigt", "confirmed"),
    "st_rejected": ("abgelehnt", "rejected"),
    "st_corrected": ("korrigiert", "corrected"),
    "st_added": ("hinzugefügt", "added"),
    "machine_said": ("Maschine", "Machine"),
    "by": ("von", "by"),
    "conflict": ("Konflikt", "Conflict"),
    "conflicts_help": ("Entscheidungen, die nach einer neuen Extraktion nicht mehr passen; prüfen und ggf. zurücknehmen.",
                       "Decisions that no longer fit after a new extraction; check them and undo where needed."),
    "conflict_gone": ("die Maschine findet diese Position nicht mehr", "the machine no longer finds this position"),
    "conflict_ambiguous": ("passt auf mehrere Positionen", "fits several positions"),
    "conflict_changed": ("die Maschine sagt jetzt etwas anderes", "the machine now says something else"),
    "pick_sentence": ("Erst einen Satz im Text wählen (anklicken oder markieren).",
                      "First choose a sentence in the text (click or select it)."),
    "need_token": ("Zum Entscheiden erst mit dem Token anmelden.", "Sign in with your token to decide."),
    "saved": ("gespeichert", "saved"),
    "review_none": ("Keine Positionen. Fehlende mit „a“ hinzufügen.", "No positions. Add missing ones with “a”."),
}

# what review.js writes itself (with the shared words it uses)
SCRIPT_KEYS = ("by", "cancel", "confirm", "conflict", "date", "date_help", "edit", "error", "loading", "machine_said",
               "need_token", "review_none", "none", "not_signed_in", "organization", "person", "pick_sentence",
               "proposition", "reject", "save", "saved", "sentence", "signed_in_as", "topic", "undo",
               "st_unreviewed", "st_confirmed", "st_rejected", "st_corrected", "st_added",
               "conflict_gone", "conflict_ambiguous", "conflict_changed",
               "actor", "actor_type", "side", "stance", "act", "claim")
