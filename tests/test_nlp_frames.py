"""Frames: feared consequences of something missing, on sentences written for these tests."""
from kg.nlp import analyse
from kg.nlp.frames import consequence_frame
from kg.nlp.sentence_view import SentenceView


def _frames(text):
    doc = analyse(text, "2025-11-28")
    views = [SentenceView(s, []) for s in doc.sents]
    return [consequence_frame(v, list(range(len(v.toks)))) for v in views]


def test_frames_ohne_needs_a_consequence():
    """`ohne … zu` (manner) and a prohibition (`dürften nicht`) are no warning."""
    assert _frames("Ohne Prüfung dürften die Betroffenen nicht abgewiesen werden. "
                   "Ohne die Reform drohe ein Kollaps der Pflege. "
                   "Die Pläne schaden, ohne ein Problem zu lösen.") == [False, True, False]


def test_frames_sonst_and_negated_conditions():
    assert _frames("Sonst verliere die Energiewende jeden Rückhalt. "
                   "Wenn die Bahn nicht mehr Geld bekomme, verfalle das Netz. "
                   "Wenn die Bahn mehr Geld bekomme, werde das Netz besser.") == [True, True, False]


def test_frames_ohne_with_konjunktiv2_muessen_is_a_consequence():
    assert _frames("Ohne die Hilfen müssten viele Höfe schließen.") == [True]
