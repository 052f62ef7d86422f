"""Holders of headline forms: `Costa: USA werden nicht für EU und Nato sprechen` (a speaker
before a colon) and `Linke und Jusos dagegen` (actors and a closing side, no verb)."""
from __future__ import annotations

from kg.nlp.article_actors import Mention
from kg.nlp.resources import Trigger
from kg.nlp.sentence_view import Hit, SentenceView

SHORT_LINE = 16  # tokens: a line this short speaks like a headline even inside the text


def headline_holders(v: SentenceView, heading: bool, resolve) -> list[tuple[Mention, Hit]]:
    """`Costa: USA werden nicht für EU und Nato sprechen` -- a speaker before a colon
    in a headline or short line, or before a colon and a quotation anywhere (`Anna Keller,
    Präsidentin des Verbands: „…“`); what follows the colon is all theirs."""
    if not v.mentions:
        return []
    m = v.mentions[0]
    end = v.pos[m.end - 1] + 1
    if v.local(m) > 1 or end >= len(v.toks) or not resolve(m):
        return []
    colon = _colon_after(v, end)
    if colon is not None and _figures(v.toks[colon + 1:]):
        return []
    if colon is not None and (heading or len(v.toks) <= SHORT_LINE or v.mask[min(colon + 1, len(v.toks) - 1)]):
        return [(m, Hit(colon, Trigger("assertion", 1, report=True), "headline"))]
    if not heading and len(v.toks) > SHORT_LINE:
        return []
    return _verbless(v, resolve)


def _colon_after(v: SentenceView, end: int) -> int | None:
    """The colon right after the speaker, or after a verbless apposition (`Anna Keller,
    Präsidentin des Verbands: „…“`, `Keller zur Reform: „…“`): its index, else None. In running
    text only a quotation after it makes the speaker's words (kg.nlp.clauses.quote_mask)."""
    for j in range(end, min(end + 12, len(v.toks))):
        tok = v.toks[j]
        if tok.text == ":":
            return j
        if tok.tag_.startswith("V") or v.mask[j] or tok.text in (".", ";", "?", "!"):
            return None
    return None


def _figures(toks) -> bool:
    """`Sozialdemokratische Partei: 28,2 %`: a label and its figures (a table row, a result)
    say nothing; what follows a speaker's colon has more words than numbers."""
    numbers = sum(t.like_num for t in toks)
    return numbers > 0 and numbers >= sum(t.is_alpha for t in toks)


def _verbless(v: SentenceView, resolve) -> list[tuple[Mention, Hit]]:
    """`Linke und Jusos dagegen`: actors and a closing `dagegen`/`dafür`, no verb."""
    last = v.toks[-1].lower_
    side = {"dagegen": Trigger("rejection", -1), "dafür": Trigger("support", 1)}.get(last)
    if side is None or any(t.tag_.startswith("V") for t in v.toks):
        return []
    covered = {i for m in v.mentions for i in range(v.local(m), v.pos[m.end - 1] + 1)}
    rest = [t for i, t in enumerate(v.toks[:-1]) if i not in covered]
    if any(t.text.lower() not in ("und", "sowie", ",", "auch") and t.tag_ != "ART" for t in rest):
        return []
    return [(m, Hit(len(v.toks) - 1, side, "headline")) for m in v.mentions if resolve(m)]
