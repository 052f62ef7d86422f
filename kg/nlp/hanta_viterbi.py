"""HanTa's sentence Viterbi (`HanoverTagger.tag_sent_viterbi`), with the same tags in less time.

For every state of a row HanTa walks all 56 tag transitions and drops those the word
cannot have; a word has a handful of tags (HanTa keeps those within 5 log units of its
best), so most of the walk finds nothing. Here each word's possible tags are listed once,
in the order of the transition rows (every row of `LP_trans_word` has the same keys in the
same order), and only those are visited. Everything else -- the top-5 pruning, the order in
which states and tags are visited, the arithmetic of every sum, the tie-breaking -- is
HanTa's own (HanTa 1.1), so the tags are identical; `tests/test_nlp_hanta_viterbi.py`
compares them with HanTa's sentence by sentence.

The loop itself runs compiled where the extension kg.nlp._hanta_sentence is built (`pip
install` builds it, hatch_build.py): the same loops on C arrays; where it is not, the Python
loop here, with the same tags (tests/test_nlp_hanta_native.py).
"""
from __future__ import annotations

import math

from kg.caches import kept_on
from kg.nlp.compiled_loops import load_compiled

_hanta_sentence = load_compiled("_hanta_sentence")  # None where not built (no C compiler) or stale

EMPTY, START, END, UNKNOWN = 0, 1, 2, 3
LOWERBOUND = -1e6


def transition_order(tagger) -> tuple[int, ...] | None:
    """The tags of HanTa's transition rows in their one order, END left out (no row before
    the last may go to END); None if the rows differ, and HanTa's own Viterbi is used."""
    found = getattr(tagger, "_kg_order", False)
    if found is False:
        orders = {tuple(row) for row in tagger.LP_trans_word.values()}
        found = tuple(t for t in orders.pop() if t != END) if len(orders) == 1 else None
        tagger._kg_order = found
    return found


def prepare(tagger) -> None:
    """Find the transition order and build the compiled loop's tables, before the first text."""
    transition_order(tagger)
    _compiled(tagger)


def _compiled(tagger):
    """The compiled loop for this tagger (kg.nlp._hanta_sentence.Sentences), or None where
    the extension is not built or HanTa's rows differ in their tags."""
    if _hanta_sentence is None or transition_order(tagger) is None:
        return None
    found = getattr(tagger, "_kg_sentences", None)
    if found is None:
        found = tagger._kg_sentences = _hanta_sentence.Sentences(tagger.LP_trans_word, transition_order(tagger), END)
    return found


def _candidates(tagger, word: str, casesensitive: bool) -> list[tuple[int, float]]:
    """(tag, lexical log probability) of the tags `word` may have, in transition order;
    every tag with 0 for a word HanTa knows nothing about (`anything goes`)."""
    cache = kept_on(tagger, "hanta.candidates")
    key = (word, casesensitive)
    found = cache.get(key)
    if found is None:
        wprobs = dict(tagger._tag_word(word, cutoff=5, casesensitive=casesensitive, conditional=True))
        if len(wprobs) == 1 and UNKNOWN in wprobs:
            wprobs = {}
        order = transition_order(tagger)
        found = [(c, wprobs[c]) for c in order if c in wprobs] if wprobs else [(c, 0) for c in order]
        cache.keep(key, found)
    return found


def tag_sent_viterbi(tagger, sent, casesensitive: bool = True, compiled: bool = True) -> list[int]:
    """HanoverTagger.tag_sent_viterbi(sent, casesensitive), computed alike (`compiled=False`:
    by the Python loop even where the compiled one is built, for tests)."""
    if transition_order(tagger) is None:
        return type(tagger).tag_sent_viterbi(tagger, sent, casesensitive)
    model = _compiled(tagger) if compiled else None
    if model is not None:
        found = model.tags([_candidates(tagger, word, casesensitive if i else False) for i, word in enumerate(sent)])
        if found is not None:
            return found
    trans = tagger.LP_trans_word
    table, backpointer = [], []
    prevrow = {(EMPTY, START): 0.0}
    for i, word in enumerate(sent):
        candidates = _candidates(tagger, word, casesensitive if i else False)
        row, back = {}, {}
        rowbound = sorted(prevrow.values(), reverse=True)[5] - 1 if len(prevrow) > 5 else LOWERBOUND  # top 5 go on
        for state, lp0 in prevrow.items():
            if lp0 < rowbound:
                continue
            lp_t, last = trans[state], state[1]
            for c, lpwc in candidates:
                lp = lp0 + lp_t[c] + lpwc
                if lp > LOWERBOUND:
                    newstate = (last, c)
                    old = row.get(newstate)
                    if old is None or lp > old:
                        row[newstate] = lp
                        back[newstate] = state
        table.append(row)
        backpointer.append(back)
        prevrow = row
    finalstate, best, back = (END, EMPTY), -math.inf, {}
    for state, lp0 in prevrow.items():
        lp = lp0 + trans[state].get(END, -math.inf)
        if lp > best:
            best, back[finalstate] = lp, state
    backpointer.append(back)
    tags, state = [], finalstate
    for i in range(len(backpointer) - 1, 0, -1):
        state = backpointer[i][state]
        tags.append(state[1])
    return tags[::-1]
