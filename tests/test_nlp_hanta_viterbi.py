"""kg.nlp.hanta_viterbi tags sentences as HanTa's own Viterbi does, tag for tag, on known and
unknown words, sentence-initial capitals, punctuation and a sentence of one word."""
from __future__ import annotations

import pytest
from HanTa.HanoverTagger import HanoverTagger

from kg.nlp import hanta_viterbi
from kg.nlp.tagger import _hanta

# invented sentences, one trait each
SENTENCES = [
    ["Die", "Ministerin", "fordert", "eine", "Reform", "der", "Mietpreisbremse", "."],
    ["Kaiser42", "lehnte", "den", "Vorschlag", "gestern", "ab", ",", "sagte", "ein", "Sprecher", "."],
    ["„", "Wir", "werden", "das", "nicht", "hinnehmen", "“", ",", "erklärte", "Brandt-7", "."],
    ["Zrbft", "qwxyzplk", "Okonkwo", "lindqvist", "#", "2031", "…"],
    ["Nein", "."],
    ["Verbrenner-Aus"],
    ["Laut", "EU-Kommissarin", "sei", "die", "Wohnungsbauförderung", "unverhältnismäßig", "hoch", "gewesen", "."],
    ["Die", "Landesinnenministerinnen", "wollen", "schnellstmöglich", "zustimmen", ",", "heißt", "es", "."],
]


@pytest.fixture(scope="module")
def tagger():
    return _hanta()


@pytest.mark.parametrize("sent", SENTENCES)
def test_viterbi_matches_hanta(tagger, sent):
    for casesensitive in (True, False):
        assert hanta_viterbi.tag_sent_viterbi(tagger, sent, casesensitive) == \
            HanoverTagger.tag_sent_viterbi(tagger, sent, casesensitive)


def test_the_pipeline_uses_it(tagger):
    """The tagger's model tags sentences through hanta_viterbi, its rows share one order."""
    assert tagger.tag_sent_viterbi.func is hanta_viterbi.tag_sent_viterbi
    assert hanta_viterbi.transition_order(tagger) is not None
