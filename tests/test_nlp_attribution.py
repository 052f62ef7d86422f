"""Attribution: holders, acts and polarity on sentences written for these tests."""
from kg.nlp import analyse


def _st(text, date="2025-11-28"):
    doc = analyse(text, date)
    return [(doc.text[s.start:s.end], s.actor, s.act, s.polarity) for s in doc._.statements]


def test_attribution_rejection_verb_with_metonymic_subject_is_oppose():
    assert _st("Kiew lehnt den Plan ab.") == [("Kiew lehnt den Plan ab.", "Ukraine", "rejection", -1)]


def test_attribution_negation_flips_support_into_rejection():
    [(_, actor, act, pol)] = _st("Die FDP unterstützt den Vorschlag nicht.")
    assert (actor, act, pol) == ("FDP", "rejection", -1)


def test_attribution_quote_spanning_sentences_goes_to_the_speaker_after_it():
    out = _st("„Wir halten am Kurs fest. Wir weichen nicht zurück“, sagte Friedrich Merz.")
    assert [(a, act) for _, a, act, _ in out] == [("Friedrich Merz", "commitment")]


def test_attribution_pronoun_speaker_is_the_previous_subject():
    text = "Olaf Scholz traf Emmanuel Macron in Paris. Die Schuldenregeln seien zu streng, sagte er."
    out = _st(text)
    assert [(a, act) for _, a, act, _ in out] == [("Olaf Scholz", "assertion")]


def test_attribution_konjunktiv_continues_the_last_speaker():
    text = "Die Grünen forderten ein Tempolimit. Das spare Leben und schütze das Klima."
    out = _st(text)
    assert [a for _, a, _, _ in out] == ["Grüne", "Grüne"]
    assert out[0][2] == "demand"


def test_attribution_source_markers_laut_and_zufolge():
    out = _st("Laut Nato ist die Lage ernst. Der Bundesregierung zufolge reicht das Geld nicht.")
    assert [a for _, a, _, _ in out][0] == "Nato"
    assert len(out) == 2


def test_attribution_headline_colon_and_modal_headline():
    text = "Costa: USA werden nicht für die EU sprechen\n\nPutin will volle Kontrolle über Donbass"
    out = _st(text)
    assert out[0][1] == "António Costa"
    assert out[1][1:3] == ("Wladimir Putin", "demand")


def test_attribution_reaction_adjective_sets_polarity():
    [(_, actor, act, pol)] = _st("Die SPD zeigte sich enttäuscht über den Beschluss.")
    assert (actor, act, pol) == ("SPD", "assertion", -1)


def test_attribution_no_position_in_questions_or_narration():
    assert _st("Will die SPD den Plan unterstützen?") == []
    assert _st("Ein Treffen ist für Dienstag geplant.") == []


def test_attribution_pronoun_agrees_with_organisation_by_article():
    text = "Auch die Linke begrüßte die Entscheidung. Sie hatte ebenfalls gegen die Reform geklagt."
    out = _st(text)
    assert [a for _, a, _, _ in out] == ["Linke", "Linke"]
    assert out[1][2:] == ("rejection", -1)


def test_attribution_actors_inside_indirect_speech_are_the_speakers_content():
    text = "Die EU sei bereit, mit Gegenmaßnahmen zu reagieren, sagte Ursula von der Leyen."
    assert [a for _, a, _, _ in _st(text)] == ["Ursula von der Leyen"]


def test_attribution_relative_clause_subject_is_its_antecedent():
    text = "Ähnlich äußerte sich CSU-Chef Markus Söder, der seit Langem eine Rückkehr zur Wehrpflicht fordert."
    acts = sorted(act for _, a, act, _ in _st(text) if a == "Markus Söder")
    assert acts == ["assertion", "demand"]


def test_attribution_verbless_headline_against():
    out = _st("Linke und Grüne dagegen\n\nDer Text folgt.")
    assert {(a, act, pol) for _, a, act, pol in out} == {("Linke", "rejection", -1), ("Grüne", "rejection", -1)}


def test_attribution_das_sagte_x_attributes_the_sentence_before():
    text = "Die Streichung der Klausel ist verfassungswidrig. Das hat das Bundesverfassungsgericht entschieden."
    out = _st(text)
    assert [(s[:14], a, pol) for s, a, _, pol in out] == [
        ("Die Streichung", "Bundesverfassungsgericht", -1), ("Das hat das Bu", "Bundesverfassungsgericht", -1)]


def test_attribution_source_marker_of_plans_is_a_proposal():
    [(_, actor, act, _)] = _st("Nach den Plänen der CDU sollen Jobcenter Leistungen schneller kürzen können.")
    assert (actor, act) == ("CDU", "proposal")


def test_attribution_dative_object_is_not_the_subject_but_an_experiencer_is():
    assert _st("Die Länder werfen dem Bund Versagen vor.") == []
    [(_, actor, _, pol)] = _st("Dem Deutschen Städtetag geht der Entwurf nicht weit genug.")
    assert (actor, pol) == ("Deutscher Städtetag", -1)


def test_attribution_no_holder_inside_conditional_or_temporal_clauses():
    out = _st("Die Bauern protestieren weiter, bis die Bundesregierung ihre Pläne zurücknimmt.")
    assert [a for _, a, _, _ in out] == []


def test_attribution_demand_to_stop_something_opposes_it():
    [(_, actor, act, pol)] = _st("Die AfD forderte, die Reform ganz zu stoppen.")
    assert (actor, act, pol) == ("AfD", "demand", -1)


def test_attribution_actor_prefix_of_a_stance_noun_holds_it():
    [(_, actor, act, _)] = _st("Der Plan enthielt auch US-Vorgaben zur Rolle der Nato.")
    assert (actor, act) == ("USA", "proposal")
    assert [a for _, a, _, _ in _st("Deutschland wird dem EU-Vorschlag nicht zustimmen.")] == ["Deutschland"]


def test_attribution_comma_lists_of_actors_share_the_verb():
    out = _st("Für die Vorlage stimmten Grüne, Linke und SPD, CDU und AfD votierten dagegen.")
    assert {(a, pol) for _, a, _, pol in out} == {("Grüne", 1), ("Linke", 1), ("SPD", 1), ("CDU", -1), ("AfD", -1)}


def test_attribution_so_and_mit_diesen_worten_point_back_to_the_quote():
    out = _st("„Wir brauchen mehr Tempo beim Ausbau.“ So äußerte sich Wirtschaftsminister Robert Habeck.")
    assert [(s[:5], a, act) for s, a, act, _ in out] == [("„Wir ", "Robert Habeck", "demand"),
                                                         ("So äu", "Robert Habeck", "demand")]


def test_attribution_nach_angaben_needs_a_stance_in_what_is_reported():
    assert _st("Nach Angaben der EU-Kommission leben dort 700 Millionen Menschen.") == []
    [(_, actor, _, pol)] = _st("Nach Angaben der EU-Kommission ist der Plan falsch.")
    assert (actor, pol) == ("EU-Kommission", -1)
