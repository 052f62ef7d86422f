"""Cues nobody holds: the clause around them reports no side anyone took.

A stance verb in a condition (`wenn die SPD zustimmt`) or a counterfactual (`hätte … verlangen müssen`), in a source note in parentheses, in a zu-infinitive, in a
relative clause that describes its noun, under `können`, `müssen` or `sollen`, in a decision still to come or
in a statal passive names an act, not a position. These checks run before the holder
search (kg.nlp.triggers) as one ordered sieve, so each can be counted and switched off.
"""
from __future__ import annotations

from kg.nlp import constructions, resources
from kg.nlp.clause_model import clause_at
from kg.nlp.clauses import is_counterfactual
from kg.nlp.german import ABLE, BOUND, DEONTIC, FINITE, HYPOTHETICAL, PAST_AUX, PERFECT_AUX, RELATIVE, UNSETTLED
from kg.nlp.sentence_view import Hit, SentenceView, prepositional_relative
from kg.nlp.sieve import Sieve

PENDING = resources.word_class("pending")


def _hypothetical(v: SentenceView, hit: Hit, seg_toks: list[int]) -> bool:
    """`die SPD könnte zustimmen`, `ob die SPD zustimmt`: what might be, or is asked;
    `das Land hätte die Rückgabe verlangen müssen`: what should have been and was not."""
    return any(v.toks[i].lower_ in HYPOTHETICAL for i in seg_toks) or v.toks[seg_toks[0]].text.lower() == "ob" \
        or is_counterfactual([v.toks[i] for i in seg_toks])


def _unsettled(v: SentenceView, hit: Hit, seg_toks: list[int]) -> bool:
    """`wenn die SPD zustimmt`, `bis der Rat entscheidet`: a clause of what is not yet so."""
    return next((v.toks[i].lower_ for i in seg_toks if not v.toks[i].is_punct), "") in UNSETTLED


def _zu_infinitive(v: SentenceView, hit: Hit, seg_toks: list[int]) -> bool:
    """`den Plan abzulehnen`, `zu fordern`: the infinitive's holder is the main clause's business."""
    return v.toks[hit.i].tag_ == "VVIZU" or (hit.i and v.toks[hit.i - 1].tag_ == "PTKZU") or \
        (hit.i + 1 < len(v.toks) and v.toks[hit.i + 1].tag_ == "PTKZU" and v.toks[hit.i].tag_ not in FINITE)


def _narrated_relative(v: SentenceView, hit: Hit, seg_toks: list[int]) -> bool:
    """`das Gesetz, das der Bundestag beschlossen hatte`, `die Kundgebung, zu der X
    aufgerufen hatte`: a relative clause in the pluperfect describes its noun; it reports
    no one's position."""
    seg = v.segs[hit.i]
    words = [i for i in seg_toks if not v.toks[i].is_punct]
    relative = bool(words) and (v.toks[words[0]].text.lower() in RELATIVE
                                or prepositional_relative([v.toks[i] for i in words]))
    if not relative or not v.subordinate(seg):
        return False
    return any(v.toks[i].lower_ in PAST_AUX for i in words[1:])


def _pending_decision(v: SentenceView, hit: Hit, seg_toks: list[int]) -> bool:
    """`Der Stadtrat soll im Mai über die Vorlage entscheiden`: a decision still to come is
    scheduling, not a position (`entschied über` or `hat entschieden` report one)."""
    tok = v.toks[hit.i]
    if tok.lemma_ not in PENDING or not any(v.toks[i].lower_ == "über" for i in seg_toks):
        return False
    words = {v.toks[i].lower_ for i in seg_toks}
    past = words & PERFECT_AUX or tok.text.lower().startswith(("entschied", "beriet"))
    return not past


def _statal(v: SentenceView, hit: Hit, seg_toks: list[int]) -> bool:
    """`Gemeint ist der Bund der Vertriebenen`, `Geplant ist ein Verbot`: a participle with
    `sein` in front of the clause names no one taking a side."""
    return v.toks[hit.i].tag_ == "VVPP" and hit.i == seg_toks[0] and hit.i + 1 < len(v.toks) \
        and v.toks[hit.i + 1].lemma_ == "sein"


def _target(v: SentenceView, hit: Hit, seg_toks: list[int]) -> bool:
    """`X sah sich heftiger Kritik ausgesetzt`: the subject is the target (kg.nlp.constructions)."""
    return constructions.is_target(v, seg_toks)


def _obliged(v: SentenceView, hit: Hit, seg_toks: list[int]) -> bool:
    """`Der Bundesrat soll dem Gesetz zustimmen`: a stance verb under `sollen`/`dürfen` says
    what its subject is to do or may do, not a side it took (`muss … zurückweisen` in news
    often reports that it did)."""
    tok = v.toks[hit.i]
    if hit.evidence != "verb" or tok.tag_ != "VVINF":
        return False
    clause = clause_at(tok.doc, tok.i)
    left = tok.doc[clause.left] if clause is not None and clause.left is not None else None
    return left is not None and left.tag_ == "VMFIN" and left.lemma_ in DEONTIC - {"müssen"}


def _able_or_bound(v: SentenceView, hit: Hit, seg_toks: list[int]) -> bool:
    """`Das Parlament kann Änderungen vorschlagen`, `Sie konnten sich nicht einigen`, `Die
    Kommission muss einen neuen Entwurf vorlegen`: a cue under `können` says what its subject
    is able to do, under `müssen` what a rule or a procedure requires of it -- neither is a
    side it took. Verbs of saying keep their holder (`musste einräumen`, `konnte nicht
    bestätigen`: it said so), and so does a rejection under `müssen` (`muss … zurückweisen`
    in news often reports that it did)."""
    tok = v.toks[hit.i]
    if hit.evidence not in ("verb", "phrase") or tok.tag_ != "VVINF" or hit.trigger.report:
        return False
    clause = clause_at(tok.doc, tok.i)
    if clause is None:
        return False
    modal = next((tok.doc[i] for i in (clause.left, *clause.right) if i is not None and tok.doc[i].tag_ == "VMFIN"), None)
    if modal is None or modal.text.lower() in HYPOTHETICAL:
        return False
    return modal.lemma_ in ABLE or modal.lemma_ in BOUND and hit.trigger.act != "rejection"


def _parenthetical(v: SentenceView, hit: Hit, seg_toks: list[int]) -> bool:
    """`… sondern Hendrik Wüst (die Agentur berichtete).`: a cue in parentheses is a source
    note; with no actor inside the parentheses it gives no one outside them a side."""
    opened = next((j for j in range(hit.i - 1, -1, -1) if v.toks[j].text in "()"), None)
    if opened is None or v.toks[opened].text != "(":
        return False
    closed = next((j for j in range(hit.i + 1, len(v.toks)) if v.toks[j].text == ")"), len(v.toks))
    return not any(opened < v.local(m) < closed for m in v.mentions)


CLAUSE = Sieve("unheld_clause", (
    ("hypothetical", _hypothetical),
    ("unsettled", _unsettled),
    ("zu_infinitive", _zu_infinitive),
))
UNHELD = Sieve("unheld", (
    ("parenthetical", _parenthetical),
    ("narrated_relative", _narrated_relative),
    ("pending_decision", _pending_decision),
    ("statal", _statal),
    ("target", _target),
    ("able_or_bound", _able_or_bound),
    ("obliged", _obliged),
))


def unheld_clause(v: SentenceView, hit: Hit, seg_toks: list[int]) -> str | None:
    """Does the cue's clause (a condition, a question, a zu-infinitive) leave it unheld, and
    why? Checked before the holder constructions of kg.nlp.constructions."""
    return CLAUSE.which(v, hit, seg_toks)


def unheld(v: SentenceView, hit: Hit, seg_toks: list[int]) -> str | None:
    """Why no one holds the cue at hit (the name of the first step that says so), or None."""
    return UNHELD.which(v, hit, seg_toks)
