"""Family names of gazetteer persons: which word is the family name, and whom a bare one names."""
import pytest

from kg.nlp import gazetteer
from kg.nlp.gazetteer import family_name


@pytest.mark.parametrize("record, family", [
    ({"name": "Friedrich Merz"}, "Merz"),
    ({"name": "Li Qiang", "family": "Li"}, "Li"),
    ({"name": "Moon Jae-in", "family": "Moon"}, "Moon"),
    ({"name": "Charles III."}, None),
    ({"name": "Franziskus"}, None),
])
def test_nlp_surnames_family_name_of_a_record(record, family):
    assert family_name(record) == family


def test_nlp_surnames_bearer_by_date_and_article():
    gaz = gazetteer.load()
    assert gaz.bearer("Li", "2025-11-28") == "Li Qiang"  # in office on the date
    assert gaz.bearer("Li", "2019-06-01") == "Li Keqiang"
    assert gaz.bearer("Li", "2025-11-28", present=frozenset({"Li Keqiang"})) == "Li Keqiang"  # the article names him
    assert gaz.bearer("Moon", "2019-06-01") == "Moon Jae-in"
    assert gaz.bearer("Unbekanntname", "2025-11-28") is None


def test_nlp_surnames_two_bearers_out_of_office_are_no_one():
    gaz = gazetteer.load()
    bearers = gaz.families["Schulze"]
    assert len(bearers) >= 2
    assert gaz.bearer("Schulze", "1990-01-01") is None
