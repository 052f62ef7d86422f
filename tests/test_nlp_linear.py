"""Extraction stays linear in its input, and has a budget: the worst inputs a probe found
(one 1,600-character token; a long sentence without punctuation) measured in operations,
not wall time, so that the test says the same on a loaded machine."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

import kg
from kg.errors import ArticleError
from kg.model import Article

KG_DIR = str(Path(kg.__file__).resolve().parent)


def operations(run, roots: tuple[str, ...] = (KG_DIR,)) -> int:
    """Line events in code under `roots` while `run()` runs; a loop's every turn is one."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(roots) else None

    sys.settrace(calls)
    try:
        run()
    finally:
        sys.settrace(None)
    return count


def _fresh_caches():
    from kg import caches

    caches.clear()


def _sentence_without_punctuation(clauses: int) -> str:
    parts = ["die SPD fordert mehr Geld für Kommunen", "Merz lehnt eine neue Steuer ab",
             "die Grünen verlangen mehr Windkraft", "Lindner sagt zu die Schuldenbremse einzuhalten"]
    return "Heute " + " und ".join(parts[i % len(parts)] for i in range(clauses))


def test_nlp_linear_long_sentence_without_punctuation():
    from kg.nlp import analyse

    analyse("Die SPD fordert mehr Geld.")  # the model loaded outside the count
    counts = {}
    for clauses in (30, 60):  # about 1,100 and 2,200 characters
        _fresh_caches()
        text = _sentence_without_punctuation(clauses)
        counts[clauses] = operations(lambda: analyse(text, "2024-01-02"))
    assert counts[60] < 2.5 * counts[30], counts  # quadratic work would be about 4 times


def test_nlp_linear_sentences_are_capped_at_spaces():
    from kg.nlp.sentences import MAX_SENTENCE, split

    text = _sentence_without_punctuation(200) + ". Die SPD fordert mehr Geld."
    spans = split(text)
    assert all(e - s <= MAX_SENTENCE for s, e, _ in spans) and len(spans) >= len(text) // MAX_SENTENCE + 1
    assert " ".join(text[s:e] for s, e, _ in spans) == text  # cut at single spaces, nothing lost
    assert text[spans[-1][0]:spans[-1][1]] == "Die SPD fordert mehr Geld."
    short = "Die SPD fordert mehr Geld. Merz lehnt das ab."
    assert [(s, e) for s, e, _ in split(short)] == [(0, 26), (27, 45)]


def test_nlp_linear_hanta_sees_at_most_max_word_characters(monkeypatch):
    from kg.nlp import analyse, tagger

    hanta = tagger._hanta()
    seen = []
    real_tag, real_forward = hanta.tag_sent, hanta.analyze_forward
    monkeypatch.setattr(hanta, "tag_sent", lambda words, **kw: seen.extend(words) or real_tag(words, **kw))
    monkeypatch.setattr(hanta, "analyze_forward", lambda word, *a: seen.append(word) or real_forward(word, *a))
    hanta_dir = str(Path(sys.modules[type(hanta).__module__].__file__).resolve().parent)
    counts = {}
    for length in (400, 1600):
        _fresh_caches()
        text = "Die SPD fordert " + ("schuldenbremse" * 200)[:length] + " sagte Merz."
        counts[length] = operations(lambda: analyse(text, "2024-01-02"), (KG_DIR, hanta_dir))
    assert max(len(w) for w in seen) <= tagger.MAX_WORD
    assert counts[1600] < 3 * counts[400], counts  # 4 times the characters; HanTa's square would be 16


def test_nlp_linear_long_word_keeps_its_lemma_front():
    from kg.nlp import tagger

    word = "Schuldenbremsenreformgesetzesnovellierungsverfahrensbeschleunigungsmaßnahmen"
    assert len(word) > tagger.MAX_WORD
    (lemma, tag), = tagger.tag_words((word,))
    assert tag == "NN" and lemma == "Schuldenbremsenreformgesetzesnovellierungsverfahrensbeschleunigungsmaßnahme"


def test_nlp_linear_budget_rejects_the_article(monkeypatch):
    from kg import extract as kg_extract

    monkeypatch.setattr(kg_extract, "BUDGET_BASE", -1.0)  # any work at all is over budget
    article = Article("b1", "2024-01-02", "Die SPD fordert mehr Geld.", source="b1.json")
    with pytest.raises(ArticleError, match=r"b1.json: extracting article 'b1' ran out of time: .* over the budget"):
        kg_extract.extract_checked(article)


def test_nlp_linear_budget_grows_with_the_text():
    from kg.extract import budget_for

    assert budget_for("x" * 1_000_000) > 5 * budget_for("x" * 1000) > 0
