"""News sentence splitting: headings, quotations, abbreviations, day numbers."""
from kg.nlp.sentences import is_heading, paragraphs, split


def _sentences(text):
    return [text[s:e] for s, e, _ in split(text)]


def test_sentences_heading_without_stop_is_its_own_sentence():
    text = "Erster Absatz. Noch ein Satz.\n\nKreml fordert Anerkennung\n\nDer Text geht weiter."
    assert _sentences(text) == ["Erster Absatz.", "Noch ein Satz.", "Kreml fordert Anerkennung",
                                "Der Text geht weiter."]


def test_sentences_multi_sentence_quote_stays_one_unit():
    text = "„Es gibt keine Vorbehalte mehr. Es ist erledigt. Es ist durch“, sagte der Kanzler. Dann ging er."
    assert _sentences(text) == ["„Es gibt keine Vorbehalte mehr. Es ist erledigt. Es ist durch“, sagte der Kanzler.",
                                "Dann ging er."]


def test_sentences_opening_quote_belongs_to_the_sentence_it_opens():
    text = 'Er sagte: "Wir kommen." "Morgen reden wir weiter", fügte er hinzu.'
    assert _sentences(text) == ['Er sagte: "Wir kommen."', '"Morgen reden wir weiter", fügte er hinzu.']


def test_sentences_quote_closing_after_stop_ends_the_sentence():
    text = "„Wir halten an den Zurückweisungen fest.“ Von den Richtern kam Kritik."
    assert _sentences(text) == ["„Wir halten an den Zurückweisungen fest.“", "Von den Richtern kam Kritik."]


def test_sentences_no_split_before_lower_case_or_day_numbers_or_abbreviations():
    text = "Die USA werden nicht sprechen. sagte Costa am 3. März in Brüssel. Dr. Müller widersprach z.B. heftig."
    assert _sentences(text) == ["Die USA werden nicht sprechen. sagte Costa am 3. März in Brüssel.",
                                "Dr. Müller widersprach z.B. heftig."]


def test_sentences_paragraph_index_and_heading_detection():
    text = "Titel ohne Punkt\n\nEin Satz. Zwei Sätze.\n\n\nDritter Absatz?"
    assert [p for _, _, p in split(text)] == [0, 1, 1, 2]
    assert len(paragraphs(text)) == 3
    assert is_heading("Costa: USA werden nicht für EU und Nato sprechen")
    assert not is_heading("Kiew lehnt dies ab.")


def test_sentences_caption_line_is_not_run_into_the_next_sentence():
    text = "Die Ministerin bei der Vorstellung des Plans\nDer Plan sieht höhere Abgaben vor. Die Länder sind dagegen."
    assert _sentences(text) == ["Die Ministerin bei der Vorstellung des Plans", "Der Plan sieht höhere Abgaben vor.",
                                "Die Länder sind dagegen."]


def test_sentences_source_line_after_the_text_is_its_own_unit():
    text = "Der Verband fordert mehr Geld. Die Regierung lehnt ab.\nQuelle: eigene Recherche"
    assert _sentences(text)[-1] == "Quelle: eigene Recherche"


def test_sentences_hard_wrapped_paragraph_stays_one_sentence():
    text = ("Der Verband fordert von der Regierung eine\ndeutliche Erhöhung der Mittel für die\n"
            "Kommunen und die Länder.")
    assert _sentences(text) == [text]


def test_sentences_closing_quote_of_an_earlier_paragraph_stays_with_its_stop():
    text = "Das reicht nicht!“ Die Ministerin sagte, man werde nachbessern."
    assert _sentences(text) == ["Das reicht nicht!“", "Die Ministerin sagte, man werde nachbessern."]


def test_sentences_paragraph_without_final_stop_is_still_split():
    text = "Erster Absatz.\n\nDie Ministerin am Montag in Berlin. Sie fordert mehr Geld für Kitas (Foto)"
    assert _sentences(text) == ["Erster Absatz.", "Die Ministerin am Montag in Berlin.",
                                "Sie fordert mehr Geld für Kitas (Foto)"]


def test_sentences_ordinal_after_a_determiner_ends_nothing():
    text = ("Der Antrag kam in der 12. Sitzung zur Abstimmung. Sie feiert zum 30. Mal ihren 75. Geburtstag "
            "(12. Okt. 2020). Ab dem 3. Jahr zahlt der Bund.")
    assert _sentences(text) == ["Der Antrag kam in der 12. Sitzung zur Abstimmung.",
                                "Sie feiert zum 30. Mal ihren 75. Geburtstag (12. Okt. 2020).",
                                "Ab dem 3. Jahr zahlt der Bund."]


def test_sentences_number_at_the_end_still_ends_the_sentence():
    text = "Die Zahl der Toten stieg auf 50. Der Minister reiste ab."
    assert _sentences(text) == ["Die Zahl der Toten stieg auf 50.", "Der Minister reiste ab."]


def test_sentences_initials_and_abbreviations_of_names_end_nothing():
    text = "Der Verein Mieterhilfe e.V. kritisierte den Plan. Autor H.J. Berger und Minister a.D. Klein widersprachen."
    assert _sentences(text) == ["Der Verein Mieterhilfe e.V. kritisierte den Plan.",
                                "Autor H.J. Berger und Minister a.D. Klein widersprachen."]
