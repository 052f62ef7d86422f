"""HanTa component: plain STTS tags, lemmas everywhere, separable verbs rejoined."""
from kg.nlp import analyse
from kg.nlp.tagger import rejoin_particles, stts

STTS = {"ADJA", "ADJD", "ADV", "APPR", "APPRART", "APPO", "APZR", "ART", "CARD", "FM", "ITJ", "KOUI",
        "KOUS", "KON", "KOKOM", "NN", "NE", "PDS", "PDAT", "PIS", "PIAT", "PIDAT", "PPER", "PPOSS",
        "PPOSAT", "PRELS", "PRELAT", "PRF", "PWS", "PWAT", "PWAV", "PAV", "PTKZU", "PTKNEG", "PTKVZ",
        "PTKANT", "PTKA", "TRUNC", "VVFIN", "VVIMP", "VVINF", "VVIZU", "VVPP", "VAFIN", "VAIMP",
        "VAINF", "VAPP", "VMFIN", "VMINF", "VMPP", "XY", "$,", "$.", "$(", "_SP"}


def test_tagger_sets_plain_stts_tags_and_lemmas_on_every_token():
    doc = analyse("Kiew lehnt dies ab. Die Delegierten (SPD) verlangten, „die Spielräume“ auszuschöpfen.", "2025-11-28")
    assert all(t.tag_ in STTS for t in doc), [(t.text, t.tag_) for t in doc if t.tag_ not in STTS]
    assert all(t.lemma_ for t in doc)
    assert {t.text: t.tag_ for t in doc}["lehnt"] == "VVFIN"


def test_tagger_rejoins_separable_verbs():
    doc = analyse("Kiew lehnt dies ab. Putin sprach Selenskyj die Legitimität ab.", "2025-11-28")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["lehnt"] == "ablehnen"
    assert lemmas["sprach"] == "absprechen"


def test_tagger_particle_joins_the_verb_of_its_own_clause():
    lemmas = ["er", "fehlen", ",", "dass", "sie", "nichts", "zustande", "bringen"]
    tags = ["PPER", "VVFIN", "$,", "KOUS", "PPER", "PIS", "PTKVZ", "VVFIN"]
    rejoin_particles(lemmas, tags)
    assert lemmas[1] == "fehlen" and lemmas[7] == "zustandebringen"


def test_tagger_normalises_hanta_tags():
    assert stts("VV(FIN)") == "VVFIN"
    assert stts("ADJ(A)") == "ADJA"
    assert stts("NNA") == "NN"


def test_tagger_lower_case_word_is_never_a_noun():
    doc = analyse("Außerdem folge sie dem Grundsatz.", "2023-11-10")
    folge = [t for t in doc if t.text == "folge"][0]
    assert (folge.tag_, folge.lemma_) == ("VVFIN", "folgen")


def test_makelemma_is_hantas():
    """kg.nlp.tagger.makelemma (the longest lemma suffix found once) makes HanTa's lemmas."""
    from HanTa.HanoverTagger import HanoverTagger

    from kg.nlp.tagger import _hanta, makelemma
    tagger = _hanta()
    stems = [["a"], ["geh"], ["forder"], ["lehn", "t"], ["miet", "preis", "brems"], ["ab", "zu", "lehn"],
             ["wohn", "ung", "s", "bau"], ["kaiser42"], ["zrbft"], ["über", "leb"], ["sprech"], ["handel"]]
    tags = ["NN", "VV(FIN)", "VV(INF)", "VV(PP)", "NNI", "NNA", "ADJ(A)", "PIS", "VM(FIN)", "VA(FIN)", "NE", "XY"]
    for stem in stems:
        for tag in tags:
            assert makelemma(tagger, stem, tag) == HanoverTagger.makelemma(tagger, stem, tag), (stem, tag)
