"""Part-of-speech tags (STTS) and lemmas from HanTa, the pipeline's hot spot.

HanTa's HMM tags a whole sentence at once, so results are cached per sentence
(word tuple) and its morphological analysis per word; benchmark corpora and news
wires repeat sentences and names a great deal. HanTa writes `VV(FIN)`; the rest
of the pipeline (and kg.nlp.dates) expects plain STTS `VVFIN`, so tags are
normalised here. Separable verbs are rejoined: in `Kiew lehnt dies ab` the
finite verb gets the lemma `ablehnen`.
"""
from __future__ import annotations

from functools import lru_cache, partial

import numpy
from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, LEMMA, LOWER, ORTH, POS, SENT_START, SPACY, TAG
from spacy.parts_of_speech import IDS as UPOS_IDS
from spacy.tokens import Doc

from kg.caches import memo
from kg.nlp import hanta_dp, hanta_viterbi, resources
from kg.nlp.doc import Tok, sentences_of
from kg.nlp.german import COORDINATORS, FINITE, PREPOSITION_OBJECTS, VERBLIKE_PREPOSITIONS

HANTA_FIXES = {"NNA": "NN", "NNI": "NN", "PROAV": "PAV", "$": "$(", "VV(IMP)": "VVIMP"}
# HanTa's analysis of one word grows with the square of its length (200 characters: 0.4 s,
# 1,600: a minute); longer tokens are tagged by their last MAX_WORD characters, where a
# German compound keeps its head, and the lemma gets the cut-off front back.
MAX_WORD = 64
TOKEN_ATTRS = [ORTH, LOWER, IDX, IS_PUNCT, IS_SPACE, IS_ALPHA, SENT_START, SPACY]  # the order Tok reads them in
QUOTE_CHARS = {q: '"' for q in ("„", "“", "”", "«", "»", "‚", "‘")}


@lru_cache(maxsize=1)
def _hanta():
    """The HanTa model with its per-word work cached (bounds in kg.caches): the lemma of a
    (word, tag) pair does not depend on the sentence. Its morphological analyses run in
    kg.nlp.hanta_dp (same results, a fraction of the time) and are cached by the lower-case
    word, which is all they read; its sentence Viterbi in kg.nlp.hanta_viterbi (same tags,
    visiting only each word's possible tags), which caches each word's lexical tags."""
    from HanTa import HanoverTagger as ht

    tagger = ht.HanoverTagger("morphmodel_ger.pgz")
    tagger.analyze_forward = memo("hanta.analyze_forward")(partial(hanta_dp.analyze_forward, tagger))
    tagger.analyze_viterbi = memo("hanta.analyze_viterbi")(partial(hanta_dp.analyze_viterbi, tagger))
    tagger.tag_sent_viterbi = partial(hanta_viterbi.tag_sent_viterbi, tagger)
    tagger._analyze = memo("hanta.analyze")(tagger._analyze)
    tagger.makelemma = partial(makelemma, tagger)
    return tagger


def makelemma(tagger, stem_morphemes: list[str], pos: str) -> str:
    """HanoverTagger.makelemma (HanTa 1.2.1), with the longest lemma suffix of each part of
    speech found once: HanTa finds it again for every word (332 verb suffixes, 50 us)."""
    mainpostag = pos.split("(")[0]
    lemma = "".join(stem_morphemes)
    suffix = ""
    lemmasuffices = tagger.lemmasuffixtable.get(mainpostag, {})
    if lemmasuffices:
        longest = _longest_suffix(tagger, mainpostag)
        if len(lemma) + 1 < longest:
            longest = len(lemma)
        for i in range(longest + 1, 0, -1):
            ending = ("#" + lemma)[-i:]
            if ending in lemmasuffices:
                suffix = lemmasuffices[ending]
                break
    if tagger.tag2int.get(pos, 0) in tagger.capitalizedlemmata:
        lemma = lemma[0].upper() + lemma[1:]
    return lemma + suffix


def _longest_suffix(tagger, mainpostag: str) -> int:
    """The length of the longest of a part of speech's lemma suffixes, kept per tagger."""
    found = tagger.__dict__.setdefault("_kg_longest_suffix", {})
    if mainpostag not in found:
        found[mainpostag] = max(len(e) for e in tagger.lemmasuffixtable[mainpostag])
    return found[mainpostag]


def load() -> None:
    """Load the model and build what its analyses read (kg.nlp.hanta_dp), before the first text."""
    hanta_dp.prepare(_hanta())
    hanta_viterbi.prepare(_hanta())
    _upos()


@lru_cache(maxsize=None)
def _upos() -> dict[str, str]:
    return {r[0]: r[1] for r in resources._rows("stts_upos.tsv")}


def stts(tag: str) -> str:
    """HanTa's tag in plain STTS: 'VV(FIN)' -> 'VVFIN', 'ADJ(A)' -> 'ADJA', 'NNA' -> 'NN'."""
    if tag in HANTA_FIXES:
        return HANTA_FIXES[tag]
    if tag.startswith("$"):
        return tag if tag in ("$,", "$.", "$(") else "$("
    return tag.replace("(", "").replace(")", "")


def tag_words(words: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(lemma, STTS tag) for each word of one sentence."""
    if not words:
        return ()
    tagged = _hanta().tag_sent([w[-MAX_WORD:] for w in words], taglevel=1)
    out = []
    for word, (_, lemma, tag) in zip(words, tagged):
        if tag in ("NN", "NE", "NNA") and word[:1].islower():
            lemma, tag = _not_a_noun(word[-MAX_WORD:]) or (lemma, tag)
        if len(word) > MAX_WORD:
            lemma = _whole_lemma(word, lemma)
        tag = stts(tag)
        if not lemma or lemma == "<unknown>":
            lemma = _fallback_lemma(word)
        out.append((lemma, tag))
    return tuple(out)


@memo("tagger.sentence_tags")
def sentence_tags(words: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The lemmas and STTS tags of one sentence's words (whitespace left out) with this
    module's corrections of HanTa applied; they read the sentence's words alone, so the
    corrected result is cached per sentence (news wires repeat sentences)."""
    pairs = tag_words(tuple(QUOTE_CHARS.get(w, w) for w in words))
    lemmas, tags = [p[0] for p in pairs], [p[1] for p in pairs]
    joined_predicates(list(words), lemmas, tags)
    prepositions_read_as_verbs(list(words), lemmas, tags)
    rejoin_particles(lemmas, tags)
    return tuple(lemmas), tuple(tags)


@memo("tagger.noun_lemma")
def noun_lemma(word: str) -> str:
    """A noun's lemma out of context ("Gebieten" -> "Gebiet", "Begründungen" -> "Begründung"),
    the word as written for a name or any other word: it names a proposition the same in
    every article, whatever case the claim put the noun in."""
    lemma, tag = _hanta().analyze(word[-MAX_WORD:])
    if tag != "NN" or not lemma or not word[:1].isupper():
        return word
    return _whole_lemma(word, lemma) if len(word) > MAX_WORD else lemma


def _whole_lemma(word: str, tail_lemma: str) -> str:
    """The lemma of a long word from its tail's: the front put back (`…bremsenreform` ->
    `Schuldenbremsenreform`); the word itself where the tail's lemma does not start alike."""
    cut = len(word) - MAX_WORD
    if tail_lemma[:1].lower() != word[cut:cut + 1].lower():
        return word
    return word[:cut] + word[cut] + tail_lemma[1:]


@memo("tagger.not_a_noun")
def _not_a_noun(word: str) -> tuple[str, str] | None:
    """A lower-case word is no noun (`folge` in `Außerdem folge sie …`): the likeliest
    other reading from HanTa's lexicon, with its lemma."""
    hanta = _hanta()
    readings = sorted(hanta.analyze_forward(word.lower()), key=lambda r: -r[1])
    for code, _ in readings:
        tag = hanta.int2tag.get(code, "")
        if tag and tag not in ("NN", "NE", "NNA") and not tag.startswith("$"):
            return hanta.analyze(word, pos=tag)[0], tag
    return None


@memo("tagger.fallback_lemma")
def _fallback_lemma(word: str) -> str:
    import simplemma

    return simplemma.lemmatize(word, lang="de")


def rejoin_particles(lemmas: list[str], tags: list[str]) -> None:
    """Give the finite verb of `lehnt … ab` the lemma `ablehnen` (in place).

    The particle closes the main clause, so its verb is the nearest finite verb
    before it within the clause; in a verb-final clause (`zustande bringe`) it is
    the verb right after it."""
    for j, tag in enumerate(tags):
        if tag != "PTKVZ":
            continue
        particle = lemmas[j].lower()
        if j + 1 < len(tags) and tags[j + 1] in ("VVFIN", "VVINF"):
            target = j + 1
        else:
            target = None
            for i in range(j - 1, -1, -1):
                if tags[i] in ("$,", "$.", "KOUS") or lemmas[i] in (",", ";"):
                    break
                if tags[i] in ("VVFIN", "VVIMP"):
                    target = i
                    break
        if target is not None and not lemmas[target].startswith(particle):
            lemmas[target] = particle + lemmas[target]


def prepositions_read_as_verbs(words: list[str], lemmas: list[str], tags: list[str]) -> None:
    """`anstelle von Rot`, `anstelle des Plans`: HanTa reads the preposition as a verb
    (`anstellen`, in Konjunktiv I, which would make the sentence reported speech); before
    `von` or an article it is the preposition (in place)."""
    for i, word in enumerate(words[:-1]):
        if word.lower() in VERBLIKE_PREPOSITIONS and tags[i] in FINITE and words[i + 1].lower() in PREPOSITION_OBJECTS:
            tags[i], lemmas[i] = "APPR", word.lower()


def joined_predicates(words: list[str], lemmas: list[str], tags: list[str]) -> None:
    """`warnte vor X und verlangte Zusagen`: HanTa reads a lexicon verb's preterite after `und`
    as an adjective when a noun follows; after a finite verb of the same clause, with no
    adjective before `und` to list it with (`die geprüfte und gebilligte Reform`), it is the
    second finite verb (in place)."""
    finite_seen = False
    for i, tag in enumerate(tags):
        if tag in ("$,", "$.") or tag == "KOUS":
            finite_seen = False
        elif tag in FINITE:
            finite_seen = True
        elif tag == "ADJA" and finite_seen and i >= 2 and words[i - 1].lower() in COORDINATORS \
                and tags[i - 2] != "ADJA" and (lemma := resources.finite_forms().get(words[i].lower())):
            tags[i], lemmas[i] = "VVFIN", lemma


def tag_doc(doc: Doc) -> Doc:
    """Set tag_, pos_ and lemma_ on every token, sentence by sentence, and keep the
    tagged tokens as kg.nlp.doc.Tok for the components after this one (toks_of).

    The token attributes are read and written as arrays (Doc.to_array, Doc.from_array):
    a spaCy Token built per read and a string lookup per attribute cost more than tagging
    a sentence found in the cache; each distinct tag and lemma is added to the string
    store once per text."""
    upos, strings = _upos(), doc.vocab.strings
    rows = doc.to_array(TOKEN_ATTRS).tolist()
    texts = [strings[row[0]] for row in rows]
    tags, lemmas = ["_SP"] * len(rows), texts[:]
    for sent in sentences_of(doc):
        tokens = [i for i in range(sent.start, sent.end) if not rows[i][4]]
        sent_lemmas, sent_tags = sentence_tags(tuple(texts[i] for i in tokens))
        for i, lemma, tag in zip(tokens, sent_lemmas, sent_tags):
            tags[i], lemmas[i] = tag, lemma
    poses = ["SPACE" if row[4] else upos.get(tag, "X") for row, tag in zip(rows, tags)]
    if rows:
        ids = {s: strings.add(s) for s in {*tags, *lemmas}}
        pos_ids = {p: UPOS_IDS[p] for p in set(poses)}
        doc.from_array([TAG, POS, LEMMA], numpy.ascontiguousarray(numpy.array(
            [[ids[tag] for tag in tags], [pos_ids[pos] for pos in poses], [ids[lemma] for lemma in lemmas]],
            dtype=numpy.uint64).T))
    doc.user_data["toks"] = [Tok(doc, i, texts[i], strings[row[1]], tags[i], poses[i], lemmas[i], row)
                             for i, row in enumerate(rows)]
    return doc
