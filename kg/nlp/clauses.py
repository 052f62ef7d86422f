"""Clause-level views of a sentence: quotation marks, clause segments, Konjunktiv.

Attribution needs to know which tokens are quoted (the speaker's words, never
the speaker), where clauses begin (`, sagte er` is its own clause) and whether
a sentence is reported speech (Konjunktiv I: `sei`, `habe`, `werde`, `müsse`).
"""
from __future__ import annotations

from kg.nlp.german import COUNTERFACTUAL_AUX, KONJ1_IRREGULAR, KONJ2
from kg.nlp.resources import is_media_head

CLOSE_FOR = {"„": {"“", "”", '"'}, "«": {"»"}, "»": {"«"}, "‚": {"‘"}, '"': {'"', "“", "”"}, "“": {"”"}}
SEGMENT_BREAKS = {",", ";", ":", "–", "-", "—"}


SUBJECT_TAGS = {"ART", "PPER", "NE", "NN", "PPOSAT", "PIS", "PDS", "ADJA"}  # may open a subject after its verb
TITLE_AFTER = {"der", "dem", "des", "im", "beim", "vom", "zum", "zur", "am", "laut"}


def quote_mask(tokens) -> list[bool]:
    """True for tokens inside quotation marks (the marks themselves count as inside).

    A title is no quotation: a short verbless quote after a dative or genitive article,
    after `laut` or after a word for an outlet (`sagte der „Zeitung“`, `im „Spiegel“`, `laut
    „Nordkurier“`, `die Zeitung „Kieler Rundschau“`) is the name of a paper, a programme, a law."""
    mask, closers, opened = [], None, 0
    for n, t in enumerate(tokens):
        if closers is None:
            closers = CLOSE_FOR.get(t.text)
            mask.append(closers is not None)
            opened = n
        else:
            mask.append(True)
            if t.text in closers:
                closers = None
                if _title(tokens, opened, n):
                    mask[opened:n + 1] = [False] * (n + 1 - opened)
    return mask


def _title(tokens, a: int, b: int) -> bool:
    inner = tokens[a + 1:b]
    if not (0 < len(inner) <= 5 and inner[0].text[:1].isupper() and not any(t.tag_.startswith("V") for t in inner)):
        return False
    before = tokens[a - 1].text if a > 0 else ""
    return before.lower() in TITLE_AFTER or is_media_head(before) or \
        before.lower() in ("die", "das", "wie", "") and _subject(tokens, a, b)


def _subject(tokens, a: int, b: int) -> bool:
    """`die „Rundschau“ berichtete`, `Wie „Rundschau“ meldet`, `schrieb die „Rundschau“.`: a
    quoted name in a subject's place, before the finite verb or after it at the clause's end."""
    after = tokens[b + 1] if b + 1 < len(tokens) else None
    if after is not None and after.tag_ in ("VVFIN", "VAFIN", "VMFIN"):
        nxt = tokens[b + 2] if b + 2 < len(tokens) else None
        return nxt is None or nxt.tag_ not in SUBJECT_TAGS  # `„Niemals“ sagte die Ministerin`: a quote
    return a > 1 and tokens[a - 2].tag_ == "VVFIN" and (after is None or after.is_punct)


def segments(tokens, mask: list[bool]) -> list[int]:
    """Segment id per token: a new segment at punctuation, quote borders, and
    subordinating conjunctions (`dass`, `weil`, `wenn`, `damit`)."""
    seg, out = 0, []
    prev_q = None
    for i, t in enumerate(tokens):
        if prev_q is not None and mask[i] != prev_q:
            seg += 1
        if t.text in SEGMENT_BREAKS or (t.tag_ == "$." and i < len(tokens) - 1) or t.tag_ in ("KOUS", "KOUI") or t.tag_ in ("PRELS", "PWS", "PWAV") and i and tokens[i - 1].text == ",":
            seg += 1
        out.append(seg)
        prev_q = mask[i]
    return out


def is_konjunktiv1(tok) -> bool:
    """A finite verb in Konjunktiv I (3rd person), the mark of indirect speech."""
    if tok.tag_ not in ("VVFIN", "VAFIN", "VMFIN") or not _spelled_as_verb(tok):
        return False
    w = tok.text.lower()
    if w in KONJ1_IRREGULAR:
        return True
    lemma = tok.lemma_.lower()
    stem = lemma[:-2] if lemma.endswith("en") else lemma[:-1] if lemma.endswith("n") else None
    if not stem:
        return False
    for particle_len in range(0, 8):
        if w == stem[particle_len:] + "e" and len(w) > 2:
            return True
    return False


def _spelled_as_verb(tok) -> bool:
    """German verbs are written in lower case but at the start of a sentence or a quote:
    a capital further in (`Telegram und iMessage`) is a name the tagger took
    for a verb, whose ending says nothing of the mood."""
    w = tok.text
    if any(c.isupper() for c in w[1:]):
        return False
    return not w[:1].isupper() or tok.i == 0 or bool(tok.is_sent_start) or tok.nbor(-1).is_punct


def is_konjunktiv2(tok) -> bool:
    return tok.tag_ in ("VVFIN", "VAFIN", "VMFIN") and tok.text.lower() in KONJ2


def is_counterfactual(words) -> bool:
    """`hätte … verlangen müssen`, `hätten … ablehnen können`: a Konjunktiv II of `haben`
    with a modal infinitive (the double infinitive) says what should have been and was not."""
    return any(t.lower_ in COUNTERFACTUAL_AUX for t in words) and any(t.tag_ == "VMINF" for t in words)
