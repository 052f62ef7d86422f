"""kg.nlp.propositions: claims to issues, directions and sides, on invented claims.

One construction per row: the claim, the stance toward it as phrased, and the expected
proposition key, direction and side in the project's codebook (ontology/issues.ttl).
"""
from dataclasses import replace

import pytest
import rdflib

from kg import iris
from kg.model import Position
from kg.nlp.propositions import IssueIndex, active_index, propose, with_propositions

CASES = [
    # claim, stance, key, direction, side
    ("Wiedereinführung der Wehrpflicht", "support", "wehrpflicht", "for", "support"),
    ("Aussetzung der Wehrpflicht", "oppose", "wehrpflicht", "against", "support"),
    ("Abschaffung der Wehrpflicht", "support", "wehrpflicht", "against", "oppose"),
    ("eine neue Wehrpflicht", "oppose", "wehrpflicht", "for", "oppose"),
    ("die Schuldenbremse 2026 erneut auszusetzen", "support", "schuldenbremse", "against", "oppose"),
    ("Klage gegen ein Aussetzen der Schuldenbremse", "support", "schuldenbremse", "for", "support"),
    ("Erhöhung des Mindestlohns auf 15 Euro", "support", "mindestlohn", "for", "support"),
    ("Mindestlohnerhöhung", "support", "mindestlohn", "for", "support"),
    ("Senkung der Stromsteuer für Handwerksbetriebe", "support", "stromsteuer", "against", "oppose"),
    ("Atomausstieg", "support", "atomkraft", "against", "oppose"),
    ("Weiterbetrieb der Atomkraftwerke", "support", "atomkraft", "for", "support"),
    ("Kohleausstieg bis 2030", "support", "kohleausstieg", "for", "support"),
    ("ein Tempolimit auf Autobahnen", "oppose", "tempolimit", "for", "oppose"),
    ("Verbot der AfD", "support", "afd-verbotsverfahren", "for", "support"),
    ("Zurückweisungen von Asylsuchenden an den Grenzen", "support", "zurueckweisungen-grenze", "for", "support"),
    ("Stopp der Waffenlieferungen an die Ukraine", "support", "waffenlieferungen-ukraine", "against", "oppose"),
    ("das Verbrenner-Aus", "oppose", "verbrenner-aus", "for", "oppose"),
    ("Lockerung der Mietpreisbremse", "oppose", "mietpreisbremse", "against", "support"),
    ("Flüchtlinge an der Grenze zurückzuweisen", "support", "zurueckweisungen-grenze", "for", "support"),
    ("die Mietpreisbremse abzuschaffen", "support", "mietpreisbremse", "against", "oppose"),
    ("Klage gegen die Senkung des Mindestlohns", "support", "mindestlohn", "for", "support"),
    ("eine Klage, falls der Mindestlohn gesenkt wird", "support", "mindestlohn", "for", "support"),
    ("Der Atomausstieg erlaube den Ausbau der Windkraft", "support", "windkraft", "for", "support"),
    ("Deutschland steigt aus der Atomkraft aus", "support", "atomkraft", "against", "oppose"),
    ("die Koalition schafft die Wehrpflicht ab", "oppose", "wehrpflicht", "against", "support"),
    ("der Bund führt ein Tempolimit ein", "support", "tempolimit", "for", "support"),
    ("die Rente mit 63 abschaffen", "support", "rente-mit-63", "against", "oppose"),
]


@pytest.mark.parametrize("claim, stance, key, direction, side", CASES, ids=[c[0] for c in CASES])
def test_nlp_propositions_claim_to_issue_direction_and_side(claim, stance, key, direction, side):
    found = propose(claim, stance, active_index())
    assert (found.key, found.direction, found.side) == (key, direction, side)
    assert found.issue == iris.issue_iri(key)


def test_nlp_propositions_codebook_is_a_few_hundred_issues():
    assert len(active_index()) >= 300


def test_nlp_propositions_free_claims_meet_across_wordings():
    one = propose("Ausbau der Radwege in Kleinstädten", "support", active_index())
    two = propose("den Ausbau von Radwegen in Kleinstädten", "oppose", active_index())
    assert one.issue is None and one.key.startswith("free-") and one.key == two.key
    assert one.key != propose("Ausbau der Schwimmbäder", "support", active_index()).key


def test_nlp_propositions_free_claim_turned_against_is_labelled_by_its_head_words():
    found = propose("Abschaffung der Hundesteuer", "support", active_index())
    assert (found.key, found.label, found.direction, found.side) == ("free-hundesteuer", "Hundesteuer",
                                                                     "against", "oppose")


def test_nlp_propositions_sentence_speaks_when_the_claim_names_no_issue():
    claim = "diesen Schritt"
    sentence = "Die FDP lehnt diesen Schritt zur Rente mit 63 ab."
    assert propose(claim, "oppose", active_index()).issue is None
    found = propose(claim, "oppose", active_index(), sentence)
    assert found.key == "rente-mit-63" and found.side == "oppose"


def test_nlp_propositions_a_claim_that_points_back_takes_the_article_issue():
    rows = with_propositions([_position("Einführung eines Tempolimits"), _position("Tempolimit 130"),
                              _position("diese Entscheidung", "oppose"), _position("Bau von Radwegen")],
                             active_index())
    assert [r.proposition for r in rows[:3]] == ["tempolimit"] * 3
    assert rows[2].side == "oppose" and rows[3].proposition.startswith("free-")


def test_nlp_propositions_a_claim_that_names_nothing_reads_as_the_article_issue():
    """`die Entscheidung` and `Die Entwicklung geht weiter` name no matter: they take the issue
    the article argues about and read as it, with the stance toward it; a claim that names
    its issue keeps its own words."""
    rows = with_propositions([_position("Abschaffung der Mietpreisbremse"), _position("die Mietpreisbremse abzuschaffen"),
                              _position("die Entscheidung nicht nachvollziehen", "oppose"),
                              _position("Die Entwicklung geht weiter"), _position("Ringen um einen Termin")],
                             active_index())
    assert [r.proposition for r in rows] == ["mietpreisbremse"] * 5
    assert rows[0].claim == "Abschaffung der Mietpreisbremse" and rows[0].side == "oppose"
    assert [(r.claim, r.stance, r.side, r.direction) for r in rows[2:4]] == [
        ("Mietpreisbremse", "oppose", "oppose", "for"), ("Mietpreisbremse", "support", "support", "for")]


def test_nlp_propositions_a_verdict_on_the_article_issue_reads_as_it():
    """`ein Irrweg` judges what the article argues about; a long claim whose head points back
    (`unsere Entscheidung … `) still says enough to keep its words."""
    long = "unsere Entscheidung über die Zukunft der Betriebe in der Region bleibt bestehen"
    rows = with_propositions([_position("Abschaffung der Mietpreisbremse"), _position("ein Irrweg", "oppose"),
                              _position(long)], active_index())
    assert [(r.claim, r.proposition) for r in rows[1:]] == [("Mietpreisbremse", "mietpreisbremse"),
                                                           (long, "mietpreisbremse")]
    assert rows[1].side == "oppose"


def test_nlp_propositions_a_claim_that_names_nothing_reads_as_the_article_name_of_its_issue():
    """The article's shortest noun phrase for the issue (`Zurückweisungen`) names it as the
    article does; one that says as much as the label or more (`… von 14 Euro`) or turns it
    (`Atomausstieg`) leaves the codebook's label, and a clause is no name."""
    rows = with_propositions([_position("Zurückweisungen von Familien an der Grenze"), _position("Zurückweisungen"),
                              _position("die Entscheidung nicht nachvollziehen", "oppose")], active_index())
    assert (rows[2].claim, rows[2].proposition, rows[2].side) == ("Zurückweisungen", "zurueckweisungen-grenze", "oppose")
    for named, label in (("Mindestlohn von 14 Euro", "Mindestlohn"), ("Atomausstieg", "Atomkraft"),
                         ("Atomkraftwerke abschalten", "Atomkraft")):
        rows = with_propositions([_position(named), _position("die Entscheidung nicht nachvollziehen", "oppose")],
                                 active_index())
        assert rows[1].claim == label, named


def test_nlp_propositions_a_bare_noun_naming_the_issue_is_the_article_fuller_mention():
    """`an den Zurückweisungen festhalten` after `Zurückweisungen von Familien an der Grenze`:
    one noun naming the issue is the article's first fuller noun phrase with that noun; a
    clause (`… dürfe kein Tabu sein`) is no such mention."""
    rows = with_propositions([_position("Zurückweisungen von Familien an der Grenze"), _position("Zurückweisungen")],
                             active_index())
    assert rows[1].claim == "Zurückweisungen von Familien an der Grenze"
    rows = with_propositions([_position("eine Zurückweisung an der Grenze dürfe kein Tabu sein"),
                              _position("Zurückweisungen")], active_index())
    assert rows[1].claim == "Zurückweisungen"


def test_nlp_propositions_reservations_of_members_name_no_matter():
    """`keine Bedenken aus den Mitgliedstaaten`: reservations and member states name no
    matter of their own; the claim is about the article's question and reads as it."""
    rows = with_propositions([_position("Abschaffung der Mietpreisbremse"),
                              _position("Es gebe aus den Mitgliedstaaten keine Bedenken mehr")], active_index())
    assert (rows[1].claim, rows[1].proposition) == ("Mietpreisbremse", "mietpreisbremse")


def test_nlp_propositions_a_verdict_judges_the_issue_as_the_article_names_it():
    """A verdict judges what the article reports: it reads as the article's one-word name
    even where that turns the issue (`Atomausstieg`), and the side follows the turn."""
    rows = with_propositions([_position("Atomausstieg"), _position("ein schwarzer Tag für die Industrie im Land", "oppose"),
                              _position("die Entscheidung nicht nachvollziehen", "oppose")], active_index())
    assert [(r.claim, r.stance, r.side) for r in rows[1:]] == [("Atomausstieg", "oppose", "support"),
                                                               ("Atomkraft", "oppose", "oppose")]


def test_nlp_propositions_a_clause_that_only_names_its_issue_reads_as_its_label():
    """`mit den Grünen regieren` is one of the codebook's names for an issue, said as a clause:
    the claim reads as the issue's label; a clause that says more keeps its words."""
    rows = with_propositions([_position("mit den Grünen regieren"),
                              _position("mit den Grünen über einen neuen Haushalt für die Schulen reden")], active_index())
    assert rows[0].claim == "Schwarz-grüne Koalition" and rows[0].proposition == "schwarz-gruen"
    assert rows[1].claim == "mit den Grünen über einen neuen Haushalt für die Schulen reden"


def test_nlp_propositions_a_judgement_or_a_definite_pointer_joins_the_article_issue():
    """`ein schwarzer Tag für die Mieter` (a verdict of several words) and `… das Urteil
    …` (a head pointing back, anywhere in the claim) are about what the article argues."""
    rows = with_propositions([_position("Abschaffung der Mietpreisbremse"), _position("die Mietpreisbremse zu streichen"),
                              _position("ein schwarzer Tag für die Mieter in den Städten", "oppose"),
                              _position("Vermieter könnten sich nach dem Urteil freuen")], active_index())
    assert [r.proposition for r in rows] == ["mietpreisbremse"] * 4
    long = "ein schwarzer Tag für alle Mieter und Vermieter in den großen Städten des Landes"
    rows = with_propositions([_position("Abschaffung der Mietpreisbremse"), _position(long, "oppose")], active_index())
    assert (rows[1].claim, rows[1].side) == ("Mietpreisbremse", "oppose")  # a verdict, however long, judges the issue
    free = with_propositions([_position("ein schwarzer Tag für die Mieter in den Städten")], active_index())
    assert free[0].proposition.startswith("free-") and free[0].claim == "ein schwarzer Tag für die Mieter in den Städten"


def test_nlp_propositions_a_claim_taken_from_the_statement_before_reads_as_its_issue():
    """`Die Union fordert eine Wehrpflicht für alle. Die SPD lehnt dies ab.`: the SPD's claim
    was taken over from the Union's; it reads as the issue, the SPD against it. Turned by a
    direction word (`Abschaffung der Wehrpflicht`) it keeps its words, so the stance keeps
    its meaning toward the claim."""
    before = _position("eine Wehrpflicht für alle")
    after = replace(_position("eine Wehrpflicht für alle", "oppose"), claim_points_back=True)
    rows = with_propositions([before, after], active_index())
    assert (rows[1].claim, rows[1].stance, rows[1].side) == ("Wehrpflicht", "oppose", "oppose")
    turned = replace(_position("Abschaffung der Wehrpflicht", "oppose"), claim_points_back=True)
    rows = with_propositions([_position("Abschaffung der Wehrpflicht"), turned], active_index())
    assert (rows[1].claim, rows[1].stance, rows[1].side) == ("Abschaffung der Wehrpflicht", "oppose", "support")
    tighter = replace(_position("Verschärfung der Mietpreisbremse", "oppose"), claim_points_back=True)
    rows = with_propositions([_position("Verschärfung der Mietpreisbremse"), tighter], active_index())
    assert rows[1].claim == "Verschärfung der Mietpreisbremse" and rows[1].proposition == "mietpreisbremse"


def test_nlp_propositions_a_number_in_a_label_must_be_in_the_claim():
    """`Rente mit 63` names its issue with the number: a claim about the Rente in general, or
    the Rente mit 70, is not about it."""
    index = active_index()
    assert propose("Rente mit 63", "support", index).key == "rente-mit-63"
    assert propose("die Rente stabil halten", "support", index).key != "rente-mit-63"
    assert propose("Rente mit 70", "oppose", index).key != "rente-mit-63"


def test_nlp_propositions_any_skos_scheme_is_a_codebook():
    graph = rdflib.Graph().parse(format="turtle", data="""
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <https://example.org/cb/c7> a skos:Concept ;
            skos:prefLabel "Windräder im Wald"@de , "Wind turbines in forests"@en ;
            skos:altLabel "Windkraft im Wald"@de .
    """)
    index = IssueIndex(graph)
    found = propose("keine Windkraft im Wald", "oppose", index)
    assert (found.key, found.label, found.issue) == ("c7", "Windräder im Wald", "https://example.org/cb/c7")
    assert propose("Windkraft auf See", "support", index).issue is None  # every content word of a label


def _position(claim, stance="support", article="a1"):
    return Position(article, claim, 0, len(claim), "SPD", "organization", iris.actor_iri("SPD"), stance,
                    "demand", claim, None, None, None, None, None, 0.5)


def test_nlp_propositions_a_weak_cue_names_an_issue_only_beside_it():
    """The single words of a longer label are cues: "Tempolimit auf Autobahnen" lends "Autobahnen"."""
    index = active_index()
    alone = with_propositions([_position("freie Fahrt auf Autobahnen")], index)
    assert alone[0].proposition.startswith("free-")
    beside = with_propositions([_position("ein Tempolimit", "oppose"), _position("freie Fahrt auf Autobahnen")],
                               index)
    assert [p.proposition for p in beside] == ["tempolimit"] * 2


def test_nlp_propositions_the_issue_an_article_names_wins_between_two():
    index = active_index()
    rows = with_propositions([_position("Ausbau der Windkraft"), _position("Windkraft statt Kohleausstieg"),
                              _position("mehr Windräder")], index)
    assert [p.proposition for p in rows] == ["windkraft"] * 3


def test_nlp_propositions_two_articles_meet_on_one_proposition_iri():
    """Extraction end to end: one question in two articles is one node, with each side kept."""
    from kg.build import article_graph
    from kg.extract import extract
    from kg.model import Article
    from kg.namespaces import SP

    one = Article("w1", "2026-01-10", "Die CDU fordert die Wiedereinführung der Wehrpflicht.")
    two = Article("w2", "2026-02-11", "Die Grünen lehnen die Rückkehr zur Wehrpflicht strikt ab.")
    found = {a.id: extract(a) for a in (one, two)}
    assert [p.proposition for ps in found.values() for p in ps] == ["wehrpflicht", "wehrpflicht"]
    assert [p.side for ps in found.values() for p in ps] == ["support", "oppose"]
    nodes = [set(article_graph(a, found[a.id]).objects(None, SP.proposition)) for a in (one, two)]
    assert nodes[0] == nodes[1] == {rdflib.URIRef(iris.proposition_iri("wehrpflicht"))}


GENERIC = [
    # a word every debate has names no one issue of the codebook (altLabels moved to hiddenLabel)
    ("neue Sanktionen gegen Venezuela", "russland-sanktionen"),
    ("ein Handelskrieg mit China", "us-zoelle"),
    ("eine Verhandlungslösung im Sudan", "friedensverhandlungen-ukraine"),
    ("die Entlassung von 500 Beschäftigten", "ministerruecktritt"),
    ("humanitäre Hilfe für den Sudan", "entwicklungshilfe"),
    ("mehr Geld für die Theater der Stadt", "kulturfoerderung"),
    ("die Ampel an der Kreuzung vor der Schule", "ampel-koalition"),
    ("die Befristung des Einsatzes im Mittelmeer", "leiharbeit"),
]


@pytest.mark.parametrize("claim, not_key", GENERIC, ids=[c[0] for c in GENERIC])
def test_nlp_propositions_a_generic_word_names_no_issue_alone(claim, not_key):
    assert propose(claim, "support", active_index()).key != not_key


NAMES = [
    # claim, key or None (a name's first letters spell an issue's stem: no compound of it)
    ("Wolfgang Keller fordert mehr Geld für Schulen", "wolf", False),
    ("ein Fest in Wolfsburg", "wolf", False),
    ("eine neue Stadthalle für Solingen", "solidaritaetszuschlag", False),
    ("ein Konzert in Mauthausen", "pkw-maut", False),
    ("Die Landesregierung will den Abschuss von Wölfen erleichtern", "wolf", True),
    ("ein Wolfsrudel in der Heide", "wolf", True),
    ("den Problemwolf zum Abschuss freigeben", "wolf", True),
    ("Ein Wolf hat drei Schafe gerissen", "wolf", True),
]


@pytest.mark.parametrize("claim, key, names", NAMES, ids=[c[0] for c in NAMES])
def test_nlp_propositions_a_first_name_or_place_is_no_compound_of_an_issue(claim, key, names):
    """`Wolfgang`, `Wolfsburg` begin with the stem of `Wolf` but are names; the word itself,
    its plural and a compound it begins or ends (`Wolfsrudel`, `Problemwolf`) name the issue."""
    index = active_index()
    assert propose(claim, "support", index).key.startswith(key) == names
    assert propose("mehr Geld", "support", index, sentence=claim).key.startswith(key) == names


def test_nlp_propositions_a_hidden_label_still_points_beside_its_issue():
    """`Handelskrieg` is a weak cue now: beside an article's claim on US tariffs it is about them."""
    rows = with_propositions([_position("Zölle der USA auf Stahl", "oppose"),
                              _position("ein Handelskrieg schade allen", "oppose")], active_index())
    assert [r.proposition for r in rows] == ["us-zoelle"] * 2


def test_nlp_propositions_a_generic_noun_of_a_label_is_no_cue():
    """`Regierung` of the label `Ampel-Regierung` does not tie any claim on a government to it."""
    rows = with_propositions([_position("Bruch der Ampel"), _position("die Regierung solle die Schulen besser ausstatten")],
                             active_index())
    assert rows[0].proposition == "ampel-koalition" and rows[1].proposition.startswith("free-")


def test_nlp_propositions_an_adjective_with_its_strong_ending_meets_its_label():
    assert propose("Ausbau sauberer und erneuerbarer Energien", "support", active_index()).key == "erneuerbare-energien"


def test_nlp_propositions_an_actor_named_in_the_claim_is_no_issue():
    """The coalition as the one who acts (`die Ampel-Koalition habe …`) is no question about it;
    a government, party or person named alone acts, an agency stays a matter."""
    index = active_index()
    assert propose("die Ampel-Koalition habe zu lange mit dem Haushalt gezögert", "oppose", index).key != "ampel-koalition"
    assert propose("Bruch der Ampel-Koalition", "support", index).key == "ampel-koalition"
    assert propose("die Ampel-Koalition zögere bei der Mietpreisbremse", "oppose", index).key == "mietpreisbremse"
    assert propose("den Verfassungsschutz stärken", "support", index).key == "verfassungsschutz"  # an agency is a matter


def test_nlp_propositions_a_bare_direction_noun_turns_the_article_issue():
    """`eine Verlängerung` with no object of its own turns the question the article argues about;
    `die Abschaffung der Hundesteuer` names its own."""
    rows = with_propositions([_position("Verlängerung der Mietpreisbremse"), _position("die Mietpreisbremse zu verlängern"),
                              _position("Eine Verlängerung lehnen die Vermieter ab", "oppose"),
                              _position("die Abschaffung der Hundesteuer")], active_index())
    assert [r.proposition for r in rows[:3]] == ["mietpreisbremse"] * 3
    assert rows[2].side == "oppose" and rows[3].proposition == "free-hundesteuer"


def test_nlp_propositions_a_noun_asking_its_own_question_about_an_issue_is_an_aspect():
    """`Begründungen für die Abschiebungen` asks for reasons, not for deportations: its own
    proposition under the issue, labelled by the noun's lemma; talk about the issue (`Debatte
    über …`) and a direction (`Stopp der …`) are the issue itself."""
    index = active_index()
    one = propose("bessere Begründungen für die Abschiebungen", "support", index)
    two = propose("eine Begründung der Abschiebungen", "support", index)
    assert one.key == two.key == "abschiebungen--begruendung" and one.label == two.label
    assert one.issue == iris.issue_iri("abschiebungen") and one.label.startswith("Begründung (")
    rows = with_propositions([_position("bessere Begründungen für die Abschiebungen")], index)
    assert rows[0].proposition == one.key and rows[0].issue is None  # its side is no side on the issue
    assert propose("eine Debatte über die Abschiebungen", "support", index).key == "abschiebungen"
    assert propose("ein Stopp der Abschiebungen", "support", index).key == "abschiebungen"
    assert propose("Kritik von Merz an den Abschiebungen", "oppose", index).key == "abschiebungen"


def test_nlp_propositions_a_free_proposition_has_one_label_across_articles():
    """Extraction end to end: a free proposition named in two articles in two cases is one
    node with one label, the head words' lemmas, in both article graphs."""
    from kg.build import article_graph
    from kg.extract import extract
    from kg.model import Article
    from rdflib.namespace import RDFS

    one = Article("f1", "2026-03-02", "Die Grünen fordern mehr Radwege in Kleinstädten.")
    two = Article("f2", "2026-03-09", "Die CDU lehnt den Ausbau von Radwegen in Kleinstädten ab.")
    found = {a.id: extract(a) for a in (one, two)}
    keys = {p.proposition for ps in found.values() for p in ps}
    assert len(keys) == 1 and next(iter(keys)).startswith("free-")
    node = rdflib.URIRef(iris.proposition_iri(next(iter(keys))))
    labels = {str(l) for a in (one, two) for l in article_graph(a, found[a.id]).objects(node, RDFS.label)}
    assert labels == {"Radweg, Kleinstadt"}
