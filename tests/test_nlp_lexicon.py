"""Every entry of the cue lexicon (verbs.tsv, phrases.tsv, nouns.tsv) in sentences of its own.

The sentences are generated from each entry's valency frame (verbs), citation form
(idioms) or complement preposition (nouns), in the present, the preterite and the
perfect, so separable verbs are met with their particle split off and joined again
(`sagt … zu`, `sagte … zu`, `hat … zugesagt`). Each sentence must give the actor
its act and polarity; a last test asserts that every entry was walked.
"""
from __future__ import annotations

import pytest

from kg.nlp import analyse, resources
from kg.nlp.cues import triggers
from kg.nlp.sentence_view import SentenceView

ACTOR, SUBJECT = "SPD", "Die SPD"
CLAIM = "die Reform komme bald"
QUOTE = "„Die Reform kommt im Sommer“"
ACCUSATIVE_PREPOSITIONS = {"für", "gegen", "um", "auf", "über", "in", "gegenüber"}
POSSESSIVE = {"m": "ihren", "f": "ihre", "n": "ihr", "pl": "ihre"}


def _table(name: str, width: int) -> list[list[str]]:
    rows = resources._rows(name)
    assert rows and all(len(r) >= width for r in rows), f"{name}: every row needs {width} columns"
    return rows


VERBS = _table("verbs.tsv", 7)
PHRASES = _table("phrases.tsv", 6)
NOUNS = _table("nouns.tsv", 6)


def _split(form: str) -> tuple[str, str]:
    """`sagt zu` -> (`sagt`, `zu`): a finite form and its separated particle."""
    head, _, particle = form.partition(" ")
    return head, particle


def _verb_sentences(row: list[str]) -> list[str]:
    """One sentence per tense from the verb's frame."""
    lemma, frame, forms = row[0], row[5], row[6].split("|")
    reflexive = frame.startswith("sich ")
    frame = frame.removeprefix("sich ")
    aux, participle = forms[2].split(" ", 1)
    out = []
    for tense in ("present", "preterite", "perfect"):
        if tense == "perfect":
            fin, close = aux, participle
        else:
            fin, close = _split(forms[0 if tense == "present" else 1])
        sich = " sich" if reflexive else ""
        if frame == "quote":
            tail = f" {close}" if close else ""
            out.append(f"{QUOTE}, {fin}{sich} die SPD{tail}.")
            continue
        middle, clause = _frame_parts(frame)
        words = " ".join(w for w in (fin + sich, middle, close) if w)
        out.append(f"{SUBJECT} {words}{clause}.")
    assert lemma
    return out


def _frame_parts(frame: str) -> tuple[str, str]:
    """(words in the middle field, a clause after the verb) for a valency frame."""
    if frame == "dass":
        return "", f", dass {CLAIM}"
    if frame == "acc":
        return "die geplante Reform", ""
    if frame == "dat":
        return "dem Vorschlag", ""
    if frame == "zu":
        return "", ", die Reform umzusetzen"
    if frame in ("acc+zu", "dat+zu"):
        return ("die Länder" if frame == "acc+zu" else "den Ländern"), ", die Reform umzusetzen"
    if frame == "als":
        return "die Reform als Erfolg", ""
    if frame.startswith("pp:"):
        prep = frame[3:]
        return f"{prep} {'die' if prep in ACCUSATIVE_PREPOSITIONS else 'der'} Reform", ""
    if frame.startswith("da:"):
        prep = frame[3:]
        return ("dar" if prep[0] in "aeiouü" else "da") + prep, f", dass {CLAIM}"
    raise AssertionError(f"unknown frame {frame!r}")


def _phrase_sentences(row: list[str]) -> list[str]:
    """Present, preterite and perfect main clauses from the idiom's citation form."""
    citation, forms = row[4], row[5].split("|")
    clause = ""
    for mark in (", ", ": "):
        if mark in citation:
            citation, rest = citation.split(mark, 1)
            clause = mark + rest
            break
    words = citation.split()
    *middle, verb = words
    particle = ""
    if "|" in verb:
        particle, verb = verb.split("|")
    vorfeld = SUBJECT
    if "X" in middle:  # `von X kam Kritik`, `X fehlt das Verständnis`
        k = middle.index("X")
        vorfeld = " ".join(middle[:k] + ["der SPD"])
        vorfeld = vorfeld[0].upper() + vorfeld[1:]
        middle = middle[k + 1:]
    aux, participle = forms[2].split(" ", 1)
    out = []
    for fin, close in ((forms[0], particle), (forms[1], particle), (aux, particle + participle)):
        body = " ".join(w for w in [fin, *middle, close] if w)
        out.append(f"{vorfeld} {body}{clause}.")
    return out


def _noun_sentence(row: list[str]) -> str:
    noun, gender, prep = row[0], row[4], row[5]
    complement = "" if prep == "-" else f" {prep} mehr Klimaschutz"
    return f"{SUBJECT} erneuerte {POSSESSIVE[gender]} {noun.capitalize()}{complement}."


def _expected(row: list[str], kind: str | None = None) -> tuple[str, int, str]:
    act, polarity = row[1 if kind != "phrase" else 2], row[2 if kind != "phrase" else 3]
    return ACTOR, -1 if polarity == "-" else 1, act


def _found(text: str) -> list[tuple[str, int, str]]:
    doc = analyse(text, "2025-11-28")
    return [(s.actor, s.polarity, s.act) for s in doc._.statements]


WALKED: set[tuple[str, str]] = set()


@pytest.mark.parametrize("row", VERBS, ids=[r[0] for r in VERBS])
def test_lexicon_verb_in_every_tense(row):
    want = _expected(row)
    for text in _verb_sentences(row):
        assert want in _found(text), (text, _found(text))
    WALKED.add(("verbs.tsv", row[0]))


@pytest.mark.parametrize("row", PHRASES, ids=[f"{r[0]} {r[1]}" for r in PHRASES])
def test_lexicon_idiom_in_every_tense(row):
    want = _expected(row, "phrase")
    for text in _phrase_sentences(row):
        assert want in _found(text), (text, _found(text))
    WALKED.add(("phrases.tsv", f"{row[0]} {row[1]}"))


@pytest.mark.parametrize("row", NOUNS, ids=[r[0] for r in NOUNS])
def test_lexicon_noun(row):
    text = _noun_sentence(row)
    assert _expected(row) in _found(text), (text, _found(text))
    WALKED.add(("nouns.tsv", row[0]))


@pytest.mark.parametrize("row", [r for r in VERBS if " " in r[6].split("|")[0]], ids=lambda r: r[0])
def test_lexicon_separable_verb_in_the_zu_infinitive(row):
    """`… zuzusagen`: the zu-infinitive of a separable verb is its own lemma's trigger."""
    particle = row[6].split("|")[0].split(" ")[1]
    infinitive = particle + "zu" + row[0][len(particle):]
    doc = analyse(f"Es sei schwer, die Reform {infinitive}.", "2025-11-28")
    if len(row) > 7 and row[7]:  # a cue only in its constructions: the form must still find its lemma
        token = next(t for t in doc if t.text == infinitive)
        assert row[0] in (token.lemma_, resources.zu_infinitives().get(infinitive)), token.lemma_
        return
    view = SentenceView(doc[:], [])
    hits = [(view.toks[h.i].text, h.trigger.act) for h in triggers(view)]
    assert (infinitive, row[1]) in hits, hits


def test_lexicon_walk_found_every_entry():
    """The parametrised tests above ran over every row of the three files (none filtered out)."""
    want = {("verbs.tsv", r[0]) for r in VERBS} | {("phrases.tsv", f"{r[0]} {r[1]}") for r in PHRASES} \
        | {("nouns.tsv", r[0]) for r in NOUNS}
    assert len(VERBS) >= 200 and len(PHRASES) >= 150 and len(NOUNS) >= 60
    assert WALKED == want, sorted(want - WALKED)[:20]


def test_lexicon_classes_cover_the_semantic_fields():
    assert {r[4] for r in VERBS} == {"saying", "evaluating", "demanding", "proposing", "promising", "agreeing",
                                     "refusing"}
    assert {r[3] for r in NOUNS} >= {"demanding", "proposing", "promising", "agreeing", "refusing", "evaluating"}


@pytest.mark.parametrize("text", ["Der SPD droht eine Niederlage bei der Wahl.",
                                  "Den Kliniken drohe die Pleite, heißt es im Bericht."])
def test_lexicon_drohen_with_a_dative_is_no_cue(text):
    """`drohen` takes a side only with `mit`, a zu-infinitive or after a quotation."""
    assert _found(text) == []


@pytest.mark.parametrize("text,want", [("Die Reform wurde von der SPD kritisiert.", [(ACTOR, -1, "rejection")]),
                                       ("Die SPD wurde für ihre Pläne kritisiert.", [])])
def test_lexicon_passive_subject_holds_nothing(text, want):
    assert _found(text) == want


@pytest.mark.parametrize("text", ["Die SPD erhielt heftige Kritik für ihre Pläne.",
                                  "Die SPD setzte sich bei der Wahl gegen die CDU durch.",
                                  "Das Verwaltungsgericht Berlin verurteilte die SPD zu einer Geldstrafe.",
                                  "Die SPD sah im Spiel am Sonntag drei Tore."])
def test_lexicon_no_position_for_the_target_or_the_winner(text):
    """Receiving criticism holds none; `sich durchsetzen` (to prevail), a sentence (`verurteilte
    zu`) and seeing without a verdict (`sah drei Tore`) take no side."""
    assert _found(text) == []
