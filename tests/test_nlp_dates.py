"""kg.nlp.dates: the day a statement was made, resolved from the article date."""
import json
from functools import lru_cache
from pathlib import Path

import pytest
import spacy

from kg.nlp import dates
from kg.nlp.dates import DateReading, explain_date, statement_date

DEV = Path(__file__).resolve().parent.parent / "eval" / "dev"
HANTA_FIXES = {"NNA": "NN", "NNI": "NN"}


@lru_cache(maxsize=1)
def _tools():
    from HanTa import HanoverTagger as ht

    return spacy.blank("de"), ht.HanoverTagger("morphmodel_ger.pgz")


def span(text: str):
    """A sentence Span with STTS tags and lemmas set by HanTa, as the pipeline's tagger does."""
    nlp, tagger = _tools()
    doc = nlp(text)
    for tok, (_, lemma, tag) in zip(doc, tagger.tag_sent([t.text for t in doc], taglevel=1)):
        tok.tag_ = HANTA_FIXES.get(tag, tag.replace("(", "").replace(")", ""))
        tok.lemma_ = lemma
    return doc[:]


def date_of(text: str, article_date: str | None, **kwargs) -> str | None:
    return statement_date(span(text), article_date, **kwargs)


def token(sp, text: str):
    return next(t for t in sp if t.text == text)


def test_nlp_dates_current_statement_gets_the_article_date():
    assert date_of("Die Grünen fordern ein Tempolimit.", "2024-05-10") == "2024-05-10"
    assert date_of("Der Kanzler sagte, die Reform komme.", "2024-05-10") == "2024-05-10"


@pytest.mark.parametrize("text, article_date, expected", [
    ("Heute stellte die Ministerin ihren Plan vor.", "2024-05-10", "2024-05-10"),
    ("Die Ministerin sagte gestern, der Plan stehe.", "2024-03-01", "2024-02-29"),
    ("Vorgestern hatte die Union eine Reform gefordert.", "2024-01-01", "2023-12-30"),
    ("Am Abend erklärte der Minister seinen Rücktritt.", "2024-05-10", "2024-05-10"),
])
def test_nlp_dates_relative_days_across_month_and_year(text, article_date, expected):
    assert date_of(text, article_date) == expected


@pytest.mark.parametrize("text, expected", [
    ("Am Montag forderte die SPD mehr Geld.", "2023-12-11"),  # article: Tuesday 2023-12-12
    ("Am Dienstag betonte Merz seine Haltung.", "2023-12-12"),
    ("Am Mittwoch kritisierte die FDP den Entwurf.", "2023-12-06"),
    ("Die CDU lehnte den Antrag am Montagabend ab.", "2023-12-11"),
    ("Vergangenen Dienstag widersprach die Ministerin.", "2023-12-05"),
    ("An diesem Dienstag warnte der Verband.", "2023-12-12"),
])
def test_nlp_dates_weekday_is_the_latest_such_day(text, expected):
    assert date_of(text, "2023-12-12") == expected


def test_nlp_dates_weekday_across_year_boundary():
    assert date_of("Am Freitag warnte der Kanzler vor Neuwahlen.", "2024-01-02") == "2023-12-29"
    assert date_of("Am Sonntag hatte die Partei ihr Programm beschlossen.", "2025-03-01") == "2025-02-23"


def test_nlp_dates_future_references_do_not_date_the_statement():
    assert date_of("Kommenden Montag will die Regierung entscheiden.", "2023-12-12") == "2023-12-12"
    assert date_of("Die Gespräche sollen nächste Woche weitergehen, kündigte er an.", "2023-12-12") == "2023-12-12"
    assert date_of("Über das kommende Wochenende wird weiter verhandelt, sagte sie.", "2023-12-12") == "2023-12-12"
    assert date_of("Morgen will der Bundestag abstimmen.", "2023-12-12") == "2023-12-12"


def test_nlp_dates_previous_week_is_its_monday():
    assert date_of("Vergangene Woche forderte die Union Neuwahlen.", "2025-11-28") == "2025-11-17"
    assert date_of("In der letzten Woche hatte der Minister das Gesetz verteidigt.", "2025-11-28") == "2025-11-17"
    assert date_of("Vergangene Woche warnte die Bundesbank.", "2025-01-02") == "2024-12-23"


@pytest.mark.parametrize("article_date, expected", [
    ("2023-12-12", "2023-12-09"),  # Tuesday: the weekend before
    ("2023-12-10", "2023-12-09"),  # Sunday: this weekend's Saturday
    ("2023-12-09", "2023-12-09"),  # Saturday itself
    ("2024-01-03", "2023-12-30"),  # across the year boundary
])
def test_nlp_dates_weekend_is_its_saturday(article_date, expected):
    assert date_of("Die SPD sprach sich am Wochenende für die Reform aus.", article_date) == expected


def test_nlp_dates_month_expressions_give_month_precision():
    assert date_of("Mitte November erklärte das Gericht den Haushalt für nichtig.", "2023-12-12") == "2023-11"
    assert date_of("Ende Oktober hatte die Regierung den Plan vorgelegt.", "2023-12-12") == "2023-10"
    assert date_of("Ende Dezember hatte die Regierung den Plan vorgelegt.", "2024-01-15") == "2023-12"
    assert date_of("Im Mai 2022 hatte die Ministerin das Gesetz angekündigt.", "2024-01-15") == "2022-05"
    assert date_of("Vergangenen Monat forderte die Union einen Kurswechsel.", "2024-01-15") == "2023-12"


def test_nlp_dates_absolute_dates():
    assert date_of("Am 3. März forderte die FDP Steuersenkungen.", "2024-05-10") == "2024-03-03"
    assert date_of("Am 3. März 2023 hatte die FDP Steuersenkungen gefordert.", "2024-05-10") == "2023-03-03"
    assert date_of("Am 31. Februar forderte die FDP Steuersenkungen.", "2024-05-10") == "2024-05-10"
    assert date_of("Am 20. Mai will die FDP entscheiden.", "2024-05-10") == "2024-05-10"  # ahead: an event


def test_nlp_dates_event_dates_in_the_reported_content_are_not_the_statement_date():
    assert date_of("Die Ministerin kündigte an, am 3. März zu entscheiden.", "2024-02-20") == "2024-02-20"
    assert date_of("Er sagte am Montag, dass er am Freitag zurücktreten werde.", "2023-12-12") == "2023-12-11"
    assert date_of("„Gestern war ein guter Tag“, sagte die Ministerin.", "2023-12-12") == "2023-12-12"
    assert date_of("Er habe am Montag mit Putin telefoniert, sagte Scholz.", "2023-12-12") == "2023-12-12"


def test_nlp_dates_unspecified_past_is_none():
    assert date_of("Die SPD hatte eine Reform vorgeschlagen.", "2024-05-10") is None
    assert date_of("Das Gericht hatte die Klage abgewiesen.", "2024-05-10") is None
    assert date_of("Zuletzt forderte die Union einen Kurswechsel.", "2024-05-10") is None
    assert date_of("Kürzlich hatte der Minister das Gegenteil gesagt.", "2024-05-10") is None


def test_nlp_dates_pluperfect_outside_the_reporting_clause_does_not_count():
    text = "Einen Wechsel schloss die Ministerin aus, die die Partei in die Wahl geführt hatte."
    assert date_of(text, "2023-11-10") == "2023-11-10"
    assert date_of("Schon am Montag hatten Scholz und Lindner Zuversicht verbreitet.", "2023-12-12") == "2023-12-11"


def test_nlp_dates_month_only_article_date():
    assert date_of("Die Grünen fordern ein Tempolimit.", "2024-03") == "2024-03"
    assert date_of("Gestern forderte die Union Neuwahlen.", "2024-03") == "2024-03"
    assert date_of("Am Montag forderte die Union Neuwahlen.", "2024-03") == "2024-03"
    assert date_of("Am 5. März forderte die Union Neuwahlen.", "2024-03") == "2024-03-05"
    assert date_of("Mitte Februar hatte die Union Neuwahlen gefordert.", "2024-03") == "2024-02"


def test_nlp_dates_without_article_date_only_absolute_dates_resolve():
    assert date_of("Die Grünen fordern ein Tempolimit.", None) is None
    assert date_of("Gestern forderte die Union Neuwahlen.", None) is None
    assert date_of("Am 5. März 2024 forderte die Union Neuwahlen.", None) == "2024-03-05"


def test_nlp_dates_continuations_inherit_the_previous_statement():
    first = explain_date(span("Der Entscheid betreffe nur einen Einzelfall, erklärte der Minister am Montagabend."),
                         "2025-06-03")
    assert first.value == "2025-06-02" and first.source == "text"
    for text in ("Angestrebt werde eine Entscheidung im Hauptverfahren.",  # Konjunktiv
                 "„Wir halten an den Zurückweisungen fest.“",  # bare quote
                 "Die Delegierten verlangten mehr Spielraum."):  # Präteritum narration
        reading = explain_date(span(text), "2025-06-03", previous=first)
        assert (reading.value, reading.source) == ("2025-06-02", "inherited"), text
        assert "montagabend" in reading.reason
    assert date_of("Die Grünen kritisieren das.", "2025-06-03", previous=first) == "2025-06-03"
    assert date_of("Gestern lehnte die SPD das ab.", "2025-06-03", previous=first) == "2025-06-02"


def test_nlp_dates_continuation_of_an_unspecified_past():
    past = explain_date(span("Das Gericht hatte die Zurückweisung für rechtswidrig erklärt."), "2025-06-03")
    assert (past.value, past.source) == (None, "pluperfect")
    assert date_of("Ohne Prüfung dürften die Betroffenen nicht abgewiesen werden.", "2025-06-03", previous=past) is None
    assert date_of("Die Regierung kündigte Widerspruch an.", "2025-06-03", previous=past) == "2025-06-03"
    current = explain_date(span("Die SPD fordert Klarheit."), "2025-06-03")
    assert date_of("Die Union widersprach.", "2025-06-03", previous=current) == "2025-06-03"


def test_nlp_dates_anchor_selects_the_clause_of_the_position():
    sp = span("Mittlerweile hätten die USA zugesagt, nicht über Nato-Belange zu sprechen, sagte Costa.")
    assert statement_date(sp, "2025-11-28") == "2025-11-28"
    assert statement_date(sp, "2025-11-28", anchor=token(sp, "sagte")) == "2025-11-28"
    assert statement_date(sp, "2025-11-28", anchor=token(sp, "zugesagt")) is None
    assert statement_date(sp, "2025-11-28", anchor=token(sp, "zugesagt").i) is None


def test_nlp_dates_explain_gives_a_reason():
    reading = explain_date(span("Am Wochenende forderte die SPD mehr Geld."), "2023-12-12")
    assert isinstance(reading, DateReading)
    assert reading.value == "2023-12-09" and "Saturday" in reading.reason
    assert explain_date(span("Die SPD fordert mehr Geld."), "2023-12-12").source == "article"


def test_nlp_dates_lexicon_is_read_from_data():
    lex = dates.lexicon()
    assert sorted(int(v) for k, v in lex["weekday"].items() if k != "sonnabend") == list(range(7))
    assert len({v for v in lex["month"].values()}) == 12
    assert {"heute", "gestern", "vorgestern"} <= set(lex["relative_day"])
    assert "hatte" in lex["pluperfect_aux"] and "zuletzt" in lex["vague_past"]


def test_nlp_dates_dev_gold_accuracy():
    """Gold sentences chained per paragraph in text order; scored like score.py (gold date not null)."""
    gold = [json.loads(line) for line in (DEV / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    readings = {}
    for article in sorted({g["article"] for g in gold}):
        lines = [g for g in gold if g["article"] == article]
        body = (DEV / "articles" / f"{article}.txt").read_text(encoding="utf-8").split(" ", 2)[2]
        for paragraph in body.split("\n\n"):
            previous = None
            for sentence in sorted({g["sentence"] for g in lines if g["sentence"] in paragraph}, key=paragraph.index):
                previous = explain_date(span(sentence), lines[0]["article_date"], previous=previous)
                readings[article, sentence] = previous
    dated = [g for g in gold if g["date"] is not None]
    right = sum(bool((readings[g["article"], g["sentence"]].value or "").startswith(g["date"])) for g in dated)
    print(f"dev date accuracy {right / len(dated):.3f} ({right}/{len(dated)})")
    assert len(dated) >= 100 and right / len(dated) >= 0.9


def test_nlp_dates_chain_inherits_within_a_paragraph_only():
    text = ("Der Entscheid betreffe nur einen Einzelfall, erklärte der Minister am Montagabend. "
            "Angestrebt werde eine Entscheidung im Hauptverfahren. "
            "Angestrebt werde eine schnelle Lösung.")
    sp = span(text)
    stops = [t.i + 1 for t in sp if t.text == "."]
    sents = [sp[a:b] for a, b in zip([0] + stops, stops)]
    assert [s.text.split()[0] for s in sents] == ["Der", "Angestrebt", "Angestrebt"]
    chain = dates.DateChain("2025-06-03")
    assert chain.date(sents[0], 1) == "2025-06-02"
    assert chain.date(sents[1], 1) == "2025-06-02"
    assert chain.date(sents[1], 1, anchor=sents[1][0]) == "2025-06-02"  # same sentence, read once
    assert chain.date(sents[2], 2) == "2025-06-03"  # a new paragraph starts afresh
    assert chain.reading(sents[0], 1).source == "text"


def test_nlp_dates_present_tense_weekday_announces_an_event():
    assert date_of("Am Montag entscheidet der Bundestag über das Gesetz.", "2023-12-15") == "2023-12-15"
    assert date_of("Am Wochenende wählt Thüringen einen neuen Landtag.", "2024-08-28") == "2024-08-28"
    assert date_of("Am Montag hat die SPD mehr Geld gefordert.", "2023-12-15") == "2023-12-11"
    assert date_of("Am Freitag fordert die SPD mehr Geld.", "2023-12-15") == "2023-12-15"
    assert date_of("Vergangenen Montag fordert die SPD noch mehr Geld.", "2023-12-15") == "2023-12-11"


def _doc(text: str):
    """A Doc with sentence boundaries at . ! ? and tags/lemmas from HanTa."""
    nlp, tagger = _tools()
    doc = nlp(text)
    words = [t for t in doc if not t.is_space]
    for tok, (_, lemma, tag) in zip(words, tagger.tag_sent([t.text for t in words], taglevel=1)):
        tok.tag_ = HANTA_FIXES.get(tag, tag.replace("(", "").replace(")", ""))
        tok.lemma_ = lemma
    for tok in doc:
        prev = doc[tok.i - 1] if tok.i else None
        tok.is_sent_start = prev is None or prev.is_space or prev.text == "“" or (prev.text == "." and tok.text != "“")
    return doc


def test_nlp_dates_in_context_chains_within_the_paragraph():
    doc = _doc("Der Entscheid betreffe nur einen Einzelfall, erklärte der Minister am Montagabend. "
               "Angestrebt werde eine Entscheidung im Hauptverfahren. "
               "„Wir halten an den Zurückweisungen fest.“\n\n"
               "Angestrebt werde eine schnelle Lösung.")
    sents = list(doc.sents)
    sents = [s for s in sents if not s.text.isspace()]
    assert len(sents) == 4
    got = [dates.statement_date_in_context(s, "2025-06-03") for s in sents]
    assert got == ["2025-06-02", "2025-06-02", "2025-06-02", "2025-06-03"]
    assert dates.explain_in_context(sents[2], "2025-06-03").source == "inherited"
    assert statement_date(sents[1], "2025-06-03") == "2025-06-03"  # without context: current


def test_nlp_dates_weekday_of_a_planned_event_does_not_date_the_statement():
    # 2025-11-26 is a Wednesday: `will am Samstag beraten` plans the coming Saturday
    assert date_of("Die SPD will am Samstag über den Antrag beraten.", "2025-11-26") == "2025-11-26"
    assert date_of("Der Rat soll am Freitag entscheiden, sagte die Sprecherin.", "2025-11-26") == "2025-11-26"


def test_nlp_dates_statement_at_an_event_takes_the_event_date():
    from kg.extract import extract
    from kg.articles import Article

    text = ("Am Dienstag kam der Parteitag der Grünen in Hannover zusammen.\n\n"
            "Auf dem Parteitag forderte Ricarda Lang eine Vermögensteuer.")
    positions = extract(Article("event", "2025-11-28", text))
    assert [(p.actor, p.date) for p in positions] == [("Ricarda Lang", "2025-11-25")]
