"""Actors a sentence is attributed to by a source marker, not by a verb.

`laut X`, `X zufolge`, `nach Angaben von X`, `nach den Plänen der CDU`, `heißt es in
einer Stellungnahme des Verbands` (``data/source_markers.tsv``: the form, on which side
of the actor, the act it gives, and whether the content needs a stance cue of its own:
`nach Angaben` mostly reports facts).
"""
from __future__ import annotations

from functools import lru_cache

from kg.nlp import resources
from kg.nlp.article_actors import Mention
from kg.nlp.german import GENITIVE_ARTICLES
from kg.nlp.reporting import clear_for
from kg.nlp.resources import Trigger
from kg.nlp.sentence_view import Hit, SentenceView
from kg.nlp.stance import act_of


def markers(v: SentenceView, resolve) -> list[tuple[Mention, Hit]]:
    """The mentions a source marker points to, each with a `marker` hit."""
    out = []
    says = any(t.lower_ in ("heißt", "hieß") and {v.toks[n].lower_ for n in (i - 1, i + 1) if 0 <= n < len(v.toks)}
               & {"es"} for i, t in enumerate(v.toks))  # `heißt es in einem Brief der X`, not `X heißt Y`
    for m in v.mentions:
        if v.mask[v.local(m)]:
            continue
        i, j = v.local(m), v.pos[m.end - 1] + 1
        before = _words_before(v, i, _longest_marker() + 1)
        if before[-1:] in (["von"], ["vom"]) and len(before) > 2 and before[-3] == "nach":
            before = before[:-1]  # `nach Meinung von X` as `nach Meinung X`
        elif _genitive_role(v, i):
            before = before[:-1]  # `nach Einschätzung des Ökonomen X` as `nach Einschätzung X`
        after = [t.text.lower() for t in v.toks[j:j + 2]]
        for form, where, act, cue in _forms_at(before[-1] if before else None, after[0] if after else None):
            n = len(form)
            if (where == "before" and tuple(before[-n:]) == form) or \
                    (where == "after" and tuple(after[:n]) == form):
                hit = Hit(i, Trigger(act, 1, report=act == "assertion"), "marker")
                if not cue or says or act_of(v, hit, m) != ("assertion", 1):
                    out.append((m, hit))
                break
        if clear_for(v, i, j) or (says and before[-1:] == ["aus"]):  # `hieß es aus dem Kanzleramt`
            out.append((m, Hit(i, Trigger("assertion", 1, report=True), "marker")))
    return [(m, h) for m, h in out if resolve(m)]


def _words_before(v: SentenceView, i: int, n: int) -> list[str]:
    """The last n words before token i, articles and adjectives left out (`nach den
    neuen Plänen der` reads `nach plänen`): all a marker's form is compared with, so a
    long sentence is not read back to its start for each mention in it."""
    out, k = [], i - 1
    while k >= 0 and len(out) < n:
        if v.toks[k].tag_ not in ("ART", "ADJA", "PPOSAT"):
            out.append(v.toks[k].lower_)
        k -= 1
    return out[::-1]


def _forms_at(last_before: str | None, first_after: str | None) -> list[tuple[tuple[str, ...], str, str, bool]]:
    """The marker rows that can match where the word before a mention is `last_before` and the
    one after it `first_after`: a `before` form ends in that word, an `after` form begins with
    it. In file order, so the first that matches is the one a scan of every row finds."""
    by_end = _forms_by_edge()
    found = by_end.get(("before", last_before), []) + by_end.get(("after", first_after), [])
    return [row for _, row in sorted(found)]


@lru_cache(maxsize=1)
def _forms_by_edge() -> dict[tuple[str, str], list[tuple[int, tuple]]]:
    """The rows of resources.source_markers by (side, the word next to the actor), with their
    place in the file."""
    out: dict[tuple[str, str], list[tuple[int, tuple]]] = {}
    for k, row in enumerate(resources.source_markers()):
        form, where = row[0], row[1]
        if form:
            out.setdefault((where, form[-1] if where == "before" else form[0]), []).append((k, row))
    return out


@lru_cache(maxsize=1)
def _longest_marker() -> int:
    """Words of the longest marker form (at least 2: `nach Meinung von X` checks the third word back)."""
    return max(2, *(len(form) for form, *_ in resources.source_markers()))


def _genitive_role(v: SentenceView, i: int) -> bool:
    """Does a genitive noun stand right before the mention at i (`des Ökonomen X`, `der
    früheren Ministerin X`): the person's description, not part of the marker?"""
    j = i - 2
    while j >= 0 and v.toks[j].tag_ == "ADJA":
        j -= 1
    return i > 1 and v.toks[i - 1].tag_ == "NN" and j >= 0 and v.toks[j].lower_ in GENITIVE_ARTICLES
