"""News sentence splitting: headings, quotations, abbreviations, day numbers."""
import pytest

from kg.nlp.sentences import is_heading, paragraphs, split


def _sentences(text):
    return [text[s:e] for s, e, _ in split(text)]


def test_sentences_paragraph_index_and_heading_detection():
    text = "Titel ohne Punkt\n\nEin Satz. Zwei Sätze.\n\n\nDritter Absatz?"
    assert [p for _, _, p in split(text)] == [0, 1, 1, 2]
    assert len(paragraphs(text)) == 3
    assert is_heading("Costa: USA werden nicht für EU und Nato sprechen")
    assert not is_heading("Kiew lehnt dies ab.")


def test_sentences_source_line_after_the_text_is_its_own_unit():
    text = "Der Verband fordert mehr Geld. Die Regierung lehnt ab.\nQuelle: eigene Recherche"
    assert _sentences(text)[-1] == "Quelle: eigene Recherche"


# (construction, text, its sentences; None: the text is one sentence)
CASES = [
    ('heading_without_stop_is_its_own_sentence',
     "Erster Absatz. Noch ein Satz.\n\nKreml fordert Anerkennung\n\nDer Text geht weiter.",
     ["Erster Absatz.", "Noch ein Satz.", "Kreml fordert Anerkennung",
      "Der Text geht weiter."]),
    ('multi_sentence_quote_stays_one_unit',
     "„Es gibt keine Vorbehalte mehr. Es ist erledigt. Es ist durch“, sagte der Kanzler. Dann ging er.",
     ["„Es gibt keine Vorbehalte mehr. Es ist erledigt. Es ist durch“, sagte der Kanzler.",
      "Dann ging er."]),
    ('opening_quote_belongs_to_the_sentence_it_opens',
     'Er sagte: "Wir kommen." "Morgen reden wir weiter", fügte er hinzu.',
     ['Er sagte: "Wir kommen."', '"Morgen reden wir weiter", fügte er hinzu.']),
    ('quote_closing_after_stop_ends_the_sentence',
     "„Wir halten an den Zurückweisungen fest.“ Von den Richtern kam Kritik.",
     ["„Wir halten an den Zurückweisungen fest.“", "Von den Richtern kam Kritik."]),
    ('no_split_before_lower_case_or_day_numbers_or_abbreviations',
     "Die USA werden nicht sprechen. sagte Costa am 3. März in Brüssel. Dr. Müller widersprach z.B. heftig.",
     ["Die USA werden nicht sprechen. sagte Costa am 3. März in Brüssel.",
      "Dr. Müller widersprach z.B. heftig."]),
    ('caption_line_is_not_run_into_the_next_sentence',
     "Die Ministerin bei der Vorstellung des Plans\nDer Plan sieht höhere Abgaben vor. Die Länder sind dagegen.",
     ["Die Ministerin bei der Vorstellung des Plans", "Der Plan sieht höhere Abgaben vor.",
      "Die Länder sind dagegen."]),
    ('hard_wrapped_paragraph_stays_one_sentence',
     "Der Verband fordert von der Regierung eine\ndeutliche Erhöhung der Mittel für die\n"
      "Kommunen und die Länder.",
     None),
    ('closing_quote_of_an_earlier_paragraph_stays_with_its_stop',
     "Das reicht nicht!“ Die Ministerin sagte, man werde nachbessern.",
     ["Das reicht nicht!“", "Die Ministerin sagte, man werde nachbessern."]),
    ('paragraph_without_final_stop_is_still_split',
     "Erster Absatz.\n\nDie Ministerin am Montag in Berlin. Sie fordert mehr Geld für Kitas (Foto)",
     ["Erster Absatz.", "Die Ministerin am Montag in Berlin.",
      "Sie fordert mehr Geld für Kitas (Foto)"]),
    ('ordinal_after_a_determiner_ends_nothing',
     "Der Antrag kam in der 12. Sitzung zur Abstimmung. Sie feiert zum 30. Mal ihren 75. Geburtstag "
      "(12. Okt. 2020). Ab dem 3. Jahr zahlt der Bund.",
     ["Der Antrag kam in der 12. Sitzung zur Abstimmung.",
      "Sie feiert zum 30. Mal ihren 75. Geburtstag (12. Okt. 2020).",
      "Ab dem 3. Jahr zahlt der Bund."]),
    ('number_at_the_end_still_ends_the_sentence',
     "Die Zahl der Toten stieg auf 50. Der Minister reiste ab.",
     ["Die Zahl der Toten stieg auf 50.", "Der Minister reiste ab."]),
    ('initials_and_abbreviations_of_names_end_nothing',
     "Der Verein Mieterhilfe e.V. kritisierte den Plan. Autor H.J. Berger und Minister a.D. Klein widersprachen.",
     ["Der Verein Mieterhilfe e.V. kritisierte den Plan.",
      "Autor H.J. Berger und Minister a.D. Klein widersprachen."]),
    ('ellipsis_before_a_capital_ends_the_sentence',
     "Und dann kam der Stürmer… Der Ball ging knapp vorbei. Es fehlten noch […] Punkte … sagte er.",
     ["Und dann kam der Stürmer…", "Der Ball ging knapp vorbei.",
      "Es fehlten noch […] Punkte … sagte er."]),
    ('wiki_italics_open_the_next_sentence',
     "Das muss am Ende das Gericht entscheiden. ''Frage'': Was folgt daraus?",
     ["Das muss am Ende das Gericht entscheiden.", "''Frage'': Was folgt daraus?"]),
    ('wiki_italics_mark_standing_alone_is_a_sentence_of_its_own',
     "Wie sehen Sie die Reform? '' Keller'': Das gehört für mich zum Wandel.",
     ["Wie sehen Sie die Reform?", "''", "Keller'': Das gehört für mich zum Wandel."]),
    ('capitalised_connective_after_a_list_without_stop_opens_a_sentence',
     "Die Crew im Überblick: Jonas Weber, Kommandant; Peter Lang, Pilot (ESA) Doch auch die Europäer sind bereit.",
     ["Die Crew im Überblick: Jonas Weber, Kommandant; Peter Lang, Pilot (ESA)",
      "Doch auch die Europäer sind bereit."]),
    ('connective_after_a_colon_or_in_a_quotation_ends_nothing',
     "Die Ministerin sagte: Doch das reicht nicht. „Wir sparen Aber wir investieren auch“, sagte sie.",
     ["Die Ministerin sagte: Doch das reicht nicht.", "„Wir sparen Aber wir investieren auch“, sagte sie."]),
    ('noun_abbreviation_ends_a_sentence_unless_a_number_follows',
     "Ein Verfahren dieser Art. Es verstößt gegen Art. 3 des Grundgesetzes.",
     ["Ein Verfahren dieser Art.", "Es verstößt gegen Art. 3 des Grundgesetzes."]),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_sentences_split(text, expected):
    assert _sentences(text) == (expected if expected is not None else [text])
