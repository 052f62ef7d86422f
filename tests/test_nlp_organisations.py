"""Organisations the gazetteer lacks, on noun phrases written for these tests."""
import pytest

from kg.nlp import analyse, gazetteer, organisations
from kg.nlp.article_actors import first_name as _first_name


def _org(text: str, start: int):
    doc = analyse(text, "2025-11-28")
    toks = list(doc)
    return organisations.find(toks, [t.text for t in toks], start, gazetteer.load(), _first_name)


@pytest.mark.parametrize("text,start,name", [
    ("Der Mieterverein Halle begrüßte das.", 1, "Mieterverein Halle"),
    ("Auch der Bund Deutscher Forstleute warnte.", 2, "Bund Deutscher Forstleute"),
    ("Die Unabhängige Preiskommission empfahl das.", 1, "Unabhängige Preiskommission"),
    ("Der Verband der Chemischen Industrie warnte.", 1, "Verband der Chemischen Industrie"),
    ("Die Vereinigung der bayerischen Bauern (VBB) warnte.", 1, "Vereinigung der bayerischen Bauern"),
    ("Das Institut für Verkehrsforschung Kassel ermittelte das.", 1, "Institut für Verkehrsforschung Kassel"),
])
def test_nlp_organisations_names_from_head_noun_and_modifier(text, start, name):
    assert _org(text, start).name == name


def test_nlp_organisations_genitive_head_is_named_in_the_nominative():
    assert _org("Die Chefin des Mietervereins Halle sagte das.", 3).name == "Mieterverein Halle"


def test_nlp_organisations_acronym_in_parentheses_is_kept_as_alias():
    assert _org("Die Ständige Schulkommission (SSK) riet ab.", 1).acronym == "SSK"


@pytest.mark.parametrize("text,start", [
    ("Der Verband lehnte ab.", 1),                      # a bare head refers back
    ("Dagegen forderte der Verband Nachbesserungen.", 3),  # an object noun, not a name
    ("Dagegen warb der Verband für Geduld.", 3),         # `für` + noun without acronym or verb
    ("Landrat Götz Ulrich sagte das.", 0),               # a person's name after the role
])
def test_nlp_organisations_no_name_without_a_distinguishing_part(text, start):
    assert _org(text, start) is None


def test_nlp_organisations_apposition_names_the_known_actor():
    org = _org("Der Digitalverband Bitkom begrüßte das.", 1)
    assert org.known == "Bitkom"
