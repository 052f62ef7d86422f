"""kg.nlp.hanta_dp computes HanTa's morphological analyses alike: same tag distributions,
same morpheme paths, float for float, on known words, unknown words and odd tokens."""
from __future__ import annotations

import pytest
from HanTa.HanoverTagger import HanoverTagger

from kg.nlp import hanta_dp
from kg.nlp.tagger import _hanta

# invented or everyday words, one trait each: function words, inflection, separable and
# zu-infinitive verbs, compounds (with linking elements and hyphens), names with digits,
# a whole-word unknown, single letters, numbers, punctuation and a very long compound
WORDS = [
    "und", "der", "wir", "zu", "ab", "x", "3", "2031", "#", ",", "…",
    "fordert", "forderten", "lehnte", "abzulehnen", "zurückzuweisen", "angekündigt", "hätten", "sei",
    "mietpreisbremse", "mietpreisbremsen", "wohnungsbauförderung", "klimageldauszahlung",
    "verbrenner-aus", "eu-kommissarin", "ampel-fraktionen", "e-auto-prämie",
    "kaiser42", "brandt-7", "lindqvist", "okonkwo", "zrbft", "qwxyzplk",
    "grundsätzlich", "unverhältnismäßig", "nachvollziehbar", "schnellstmöglich",
    "bundestagsabgeordnete", "landesinnenministerinnen", "sozialversicherungspflichtig",
    "donaudampfschifffahrtsgesellschaftskapitänsmützenherstellungsbetrieb",
]


@pytest.fixture(scope="module")
def tagger():
    return _hanta()


@pytest.mark.parametrize("word", WORDS)
def test_forward_and_viterbi_match_hanta(tagger, word):
    original = HanoverTagger.analyze_forward(tagger, word)
    assert hanta_dp.analyze_forward(tagger, word) == original
    targets = [tag for tag, _ in original if tag != hanta_dp.UNKNOWN][:3] or [-tagger.tag2int["NN"]]
    for target in targets + [-tagger.tag2int["ADJ(A)"], -tagger.tag2int["VV(FIN)"]]:
        assert hanta_dp.analyze_viterbi(tagger, word, -target) == HanoverTagger.analyze_viterbi(tagger, word, -target)


def test_the_pipeline_uses_them(tagger):
    """The tagger's model analyses words through hanta_dp (cached), not HanTa's own loops."""
    assert tagger.analyze_forward.__wrapped__.func is hanta_dp.analyze_forward
    assert tagger.analyze_viterbi.__wrapped__.func is hanta_dp.analyze_viterbi
