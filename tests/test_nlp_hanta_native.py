"""kg.nlp._hanta_table and _hanta_sentence, the compiled loops of kg.nlp.hanta_dp and
hanta_viterbi: built and in use where the package was installed (`make install`,
hatch_build.py), and float for float the same analyses as the Python loops on many words
(known, unknown, compounds, short, long, odd) and the same tags on the development and test sentences."""
from __future__ import annotations

import json
import os
import random
import re
from importlib import metadata
from pathlib import Path

import pytest

import kg
from kg.articles import read_paths
from kg.nlp import hanta_dp, hanta_viterbi
from kg.nlp.compiled_loops import stale
from kg.nlp.tagger import _hanta

ROOT = Path(kg.__file__).resolve().parent.parent
compiled_only = pytest.mark.skipif(hanta_dp._hanta_table is None or hanta_viterbi._hanta_sentence is None,
                                   reason="kg.nlp._hanta_table, _hanta_sentence not built")


def _installed_from_here() -> bool:
    """Whether this checkout is the one pip installed (editable) into this environment."""
    try:
        url = json.loads(metadata.distribution("standpunkt").read_text("direct_url.json") or "{}").get("url", "")
    except metadata.PackageNotFoundError:
        return False
    return url.startswith("file://") and Path(url[len("file://"):]).resolve() == ROOT


def test_the_installed_checkout_uses_the_compiled_tables():
    if not _installed_from_here():
        pytest.skip(f"{ROOT} was not pip-installed here (build it with `python hatch_build.py`)")
    assert hanta_dp._hanta_table is not None, "make install should have built kg.nlp._hanta_table"
    assert hanta_viterbi._hanta_sentence is not None, "make install should have built kg.nlp._hanta_sentence"
    assert hanta_dp._compiled(_hanta()) is not None and hanta_viterbi._compiled(_hanta()) is not None


def test_a_compiled_module_older_than_its_sources_is_not_used(tmp_path):
    built, source, absent = tmp_path / "m.so", tmp_path / "m.pyx", tmp_path / "shared.pxd"
    source.write_text("source")
    built.write_text("built")
    os.utime(source, (1_000, 1_000))
    os.utime(built, (2_000, 2_000))
    assert not stale(built, [source, absent])
    os.utime(source, (3_000, 3_000))  # edited, pulled or checked out after the build
    assert stale(built, [source, absent])


# morphemes German words are made of, to put together into many words HanTa's lexicon lacks
PARTS = ["an", "ab", "aus", "be", "ver", "zer", "un", "ge", "miet", "preis", "brems", "wohn", "bau", "förder",
         "klima", "geld", "zahl", "ung", "heit", "keit", "lich", "isch", "bar", "en", "er", "t", "st", "s", "e",
         "-", "42", "x", "qu", "zr", "ö", "ß", "schaft", "gesetz", "entwurf", "reform", "kommiss", "ar", "in",
         "innen", "fraktion", "netz", "agentur", "strom", "trassen", "ausbau", "zu", "los", "frei", "pflicht"]


def _words(n: int) -> list[str]:
    """`n` distinct words of 1 to 6 parts, the same on every run."""
    rng, found = random.Random(13), {}
    while len(found) < n:
        word = "".join(rng.choice(PARTS) for _ in range(rng.randint(1, 6)))
        found.setdefault(word, None)
    return ["", "a", "ab", "und", "fordert", "3", "…", *found]


@compiled_only
def test_compiled_and_python_tables_agree():
    tagger = _hanta()
    nn, adj = -tagger.tag2int["NN"], -tagger.tag2int["ADJ(A)"]
    compared = 0
    for word in _words(600):
        forward = hanta_dp.analyze_forward(tagger, word)
        assert repr(forward) == repr(hanta_dp.analyze_forward(tagger, word, compiled=False)), word
        for target in {-tag for tag, _ in forward[:3]} | {nn, adj, -nn}:
            assert (hanta_dp.analyze_viterbi(tagger, word, target)
                    == hanta_dp.analyze_viterbi(tagger, word, target, compiled=False)), (word, target)
            compared += 1
    assert compared > 1800


def _sentences() -> list[list[str]]:
    """The sentences of the development and test articles, split crudely into words and marks."""
    found = []
    for article in read_paths([ROOT / "eval" / "dev" / "articles", ROOT / "tests" / "data" / "articles"]):
        for sentence in re.split(r"(?<=[.!?])\s+", getattr(article, "text", "")):
            words = re.findall(r"\w[\w-]*|[^\w\s]", sentence)
            if words:
                found.append(words)
    return found


@compiled_only
def test_compiled_and_python_sentence_loops_agree():
    tagger, sentences = _hanta(), _sentences()
    assert len(sentences) > 200
    for sentence in sentences + [[word.capitalize() for word in _words(40)[7:]]]:
        for casesensitive in (True, False):
            assert (hanta_viterbi.tag_sent_viterbi(tagger, sentence, casesensitive)
                    == hanta_viterbi.tag_sent_viterbi(tagger, sentence, casesensitive, compiled=False)), sentence
