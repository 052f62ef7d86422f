"""Actor mentions: gazetteer names, metonymy, roles by date, unknown persons, coreference."""
from kg.nlp import analyse
from kg.nlp.gazetteer import role_key


def _actors(text, date="2025-11-28"):
    doc = analyse(text, date)
    return [(m.text, m.actor) for m in doc._.mentions if m.actor], doc


def test_mentions_metonymy_names_the_state():
    found, _ = _actors("Kiew lehnt dies ab. Der Kreml fordert mehr. Washington schweigt.")
    assert ("Kiew", "Ukraine") in found
    assert ("Kreml", "Russland") in found
    assert ("Washington", "USA") in found


def test_mentions_role_nouns_resolve_by_date():
    _, doc_2022 = _actors("Der US-Präsident warnte.", "2022-03-01")
    _, doc_2025 = _actors("Der US-Präsident warnte.", "2025-03-01")
    assert doc_2022._.mentions[0].actor == "Joe Biden"
    assert doc_2025._.mentions[0].actor == "Donald Trump"


def test_mentions_unknown_person_from_role_and_name_with_party():
    found, doc = _actors("Der Innenpolitiker Sebastian Fiedlerowski (SPD) kündigte Gespräche an.")
    assert ("Innenpolitiker Sebastian Fiedlerowski", "Sebastian Fiedlerowski") in found
    assert doc._.actors["Sebastian Fiedlerowski"].party == "SPD"


def test_mentions_surname_and_role_noun_refer_back():
    text = ("Die Ministerin Martina Quastenberg (Grüne) stellte den Plan vor. Quastenberg sagte, es eile. "
            "Die Grünen-Politikerin blieb dabei.")
    found, _ = _actors(text)
    assert ("Quastenberg", "Martina Quastenberg") in found
    assert ("Grünen-Politikerin", "Martina Quastenberg") in found


def test_mentions_appositive_name_holds_the_role():
    found, _ = _actors("Die Chefin des Verbands der Ersatzkassen, Ulrike Elsnerova, mahnte zur Eile.")
    assert ("Chefin", "Ulrike Elsnerova") in found


def test_mentions_collectives_stand_for_the_party_named_last():
    found, _ = _actors("Die SPD tagte am Wochenende. Die Delegierten verlangten mehr Geld.")
    assert ("Delegierten", "SPD") in found


def test_mentions_role_key_normalises_role_nouns():
    assert role_key("Bundesinnenministerin") == "innenminister"
    assert role_key("CDU-Vorsitzende") == role_key("CDU-Chef") == "cdu-chef"


def test_mentions_state_adjective_with_state_organ_is_the_state():
    found, _ = _actors("Die dänische Ratspräsidentschaft drängte auf eine Abstimmung.")
    assert ("dänische Ratspräsidentschaft", "Dänemark") in found


def test_mentions_definite_noun_refers_to_the_organisation_named_with_it():
    found, _ = _actors("Der Paritätische Wohlfahrtsverband lehnte das ab. Der Verband warnte vor Armut.")
    assert ("Verband", "Paritätischer Wohlfahrtsverband") in found


def test_mentions_unknown_named_organisation_in_the_nominative():
    found, doc = _actors("Der Bayerische Flüchtlingsrat kündigte eine Klage an.")
    assert ("Bayerische Flüchtlingsrat", "Bayerischer Flüchtlingsrat") in found
    assert doc._.actors["Bayerischer Flüchtlingsrat"].type == "organization"


def test_mentions_shared_role_after_city_adjective_is_the_council():
    found, _ = _actors("CSU-Stadtrat Manuel Pretzlinger sprach. Der Münchner Stadtrat beschloss die Karte.")
    assert ("Stadtrat", "Manuel Pretzlinger") not in found


def test_mentions_ambiguous_alias_needs_the_full_name_in_the_article():
    found, _ = _actors("Schulze sagte, das reiche nicht.")
    assert not [a for t, a in found if t == "Schulze"]
    found, _ = _actors("Entwicklungsministerin Svenja Schulze reiste ab. Schulze sagte, das reiche nicht.")
    assert ("Schulze", "Svenja Schulze") in found


def test_mentions_compound_prefix_names_the_party():
    _, doc = _actors("Der Unions-Politiker Hans Kleinmüller widersprach.")
    assert doc._.actors["Hans Kleinmüller"].party == "CDU/CSU"


def test_mentions_inflected_organisation_names_and_seats_of_government():
    found, _ = _actors("Ein Sprecher des Weißen Hauses widersprach. Die Regierung in Paris schwieg.")
    assert ("Weißen Hauses", "USA") in found
    assert ("Regierung in Paris", "Frankreich") in found
    assert ("Sprecher", "USA") in found


def test_mentions_time_of_year_after_a_preposition_is_no_person():
    # the gazetteer knows a person named Sommer; the season after a preposition is not him
    for text in ("Im Sommer seien die Mieten gestiegen, sagte die Ministerin.",
                 "Seit Sommer lehnt die Stadt den Plan ab.",
                 "Nach dem Sommer will der Rat entscheiden."):
        found, _ = _actors(text)
        assert not [a for t, a in found if t == "Sommer"], text
    found, _ = _actors("Der Präsident des Bundesamts, Hans-Eckhard Sommer, fordert mehr Personal.")
    assert any(a == "Hans-Eckhard Sommer" for _, a in found)  # the name itself still names him


def test_mentions_plain_word_gate_changes_nothing(monkeypatch):
    """MentionFinder._plain sends a lower-case word no list holds straight to _referring: on
    the test articles every mention is the same as with every check asked of every word."""
    from pathlib import Path

    from kg.nlp.mentions import MentionFinder

    texts = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent / "data" / "articles").glob("*.txt"))]

    def mentions():
        return [[(m.start, m.end, m.actor, m.kind, m.text) for m in analyse(t, "2025-11-28")._.mentions] for t in texts]

    gated = mentions()
    monkeypatch.setattr(MentionFinder, "_plain", lambda self, toks, words, i: False)
    assert mentions() == gated
    assert sum(map(len, gated)) > 100
