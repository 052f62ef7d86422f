"""kg.iris: deterministic, readable IRIs."""
import pytest

from kg import iris


@pytest.mark.parametrize("name, slug", [
    ("Hendrik Wüst", "hendrik-wuest"), ("Markus Söder", "markus-soeder"), ("Grüne", "gruene"),
    ("Straßburg", "strassburg"), ("CDU/CSU", "cdu-csu"), ("Nicușor Dan", "nicusor-dan"),
    ("Wolodymyr Selenskyj", "wolodymyr-selenskyj"), ("Äußeres", "aeusseres"),
])
def test_iris_slug_spells_umlauts_out(name, slug):
    assert iris.slug(name) == slug


def test_iris_legacy_slug_is_the_old_spelling():
    assert iris.legacy_slug("Hendrik Wüst") == "hendrik-wust"
    assert iris.legacy_slug("Friedrich Merz") == iris.slug("Friedrich Merz")
