"""HanTa's two morphological dynamic programs, with the same results in less time.

`HanoverTagger.analyze_forward` (the tag distribution of an unknown word) and
`analyze_viterbi` (its morphemes, for the lemma) were most of the tagger's time on new
words: for every state of a row and every segment they call `lp_m_t(segment, tag)`, and
most of those calls find nothing. Here each
(segment, tag) pair HanTa scores -inf (nineteen calls in twenty: a segment that is no
morpheme of that tag) is skipped without a call; everything else -- the pruning, the order
in which states and tags are visited, the arithmetic of every sum, the tie-breaking -- is
HanTa's own (HanTa 1.1), so the tables, and therefore tags and lemmas, are identical.
`tests/test_nlp_hanta_dp.py` compares both with HanTa's originals word for word.

The table itself runs compiled where the extension kg.nlp._hanta_table is built (`pip install`
builds it, hatch_build.py): the same loops on C arrays, 10-20 times faster; where it is not,
the Python loops here, with identical results (tests/test_nlp_hanta_native.py).
"""
from __future__ import annotations

import math
from functools import lru_cache, partial
from operator import itemgetter

from numpy import logaddexp

from kg.caches import kept_on
from kg.nlp.compiled_loops import load_compiled

_hanta_table = load_compiled("_hanta_table")  # None where not built (no C compiler) or stale

EMPTY, START, UNKNOWN = 0, 1, 3
LOWERBOUND = -1e6
NEG_INF = -math.inf


_NONE: dict = {}


def prepare(tagger) -> None:
    """Build the tables the analyses read, so the first word does not pay for them."""
    _morphemes(tagger)
    _guessable(tagger)
    _compiled(tagger)


def _compiled(tagger):
    """The compiled tables of this tagger (kg.nlp._hanta_table.Model), or None where the
    extension is not built."""
    if _hanta_table is None:
        return None
    found = getattr(tagger, "_kg_compiled", None)
    if found is None:
        tags, by_length = _guess_terms(tagger)
        found = tagger._kg_compiled = _hanta_table.Model(tagger, _morphemes(tagger), tags, by_length)
    return found


def _morphemes(tagger) -> dict[str, dict[int, float]]:
    """morpheme -> {tag: lp_m_t}: HanTa's LP_m_t turned around, built once per tagger. A
    (segment, tag) pair not in it scores -inf unless HanTa may guess it (`_guessable`)."""
    found = getattr(tagger, "_kg_morphemes", None)
    if found is None:
        found = {}
        for tag, lps in tagger.LP_m_t.items():
            for morpheme, lp in lps.items():
                found.setdefault(morpheme, {})[tag] = lp
        tagger._kg_morphemes = found
    return found


@lru_cache(maxsize=4)
def _guessable(tagger) -> frozenset[int]:
    """Tags lp_m_t guesses an unknown morpheme's score for (when not strict and the
    morpheme is longer than 2 letters or the word shorter than 4): all others give -inf."""
    return frozenset(tagger.LP_hapax_t) & frozenset(tagger.LP_s_t)


def _spans(tagger, word: str, i: int, strict: bool) -> list[tuple[int, dict]]:
    """The segments word[i:j] that can score above -inf: (j, the segment's score per tag:
    lp_m_t's own where HanTa knows the morpheme with that tag, else its guess, if any)."""
    wlen, out, morphemes = len(word), [], _morphemes(tagger)
    for j in range(i + 1, wlen + 1):
        segment = word[i:j]
        known = morphemes.get(segment, _NONE)
        if not strict and (wlen < 4 or j - i > 2):
            guesses = _guesses(tagger, segment)
            if j - i == wlen:  # lp_m_t's penalty for taking the whole word as one unknown morpheme
                guesses = {t: lp - 4.6 for t, lp in guesses.items()}
            out.append((j, {**guesses, **known} if known else guesses))
        elif known:
            out.append((j, known))
    return out


def _guesses(tagger, m: str) -> dict[int, float]:
    """lp_m_t's guess for a morpheme it does not know, per guessable tag: it reads only the
    morpheme's length and its last four letters, so it is cached by those."""
    cache = kept_on(tagger, "hanta.guesses")
    key = (m[-4:], min(len(m), 24))
    found = cache.get(key)
    if found is None:
        tags, by_length = _guess_terms(tagger)
        terms = [lp + suffix for lp, suffix in zip(by_length[key[1]], _suffix_terms(tagger, m))]
        found = cache.keep(key, dict(zip(tags, terms)))
    return found


@lru_cache(maxsize=4)
def _guess_terms(tagger) -> tuple[tuple[int, ...], dict[int, list[float]]]:
    """The guessable tags and, per morpheme length (to 24), the first three terms of HanTa's
    guess summed in its order (Int_t + LP_hapax_t + LP_len_t), one per tag."""
    tags = tuple(_guessable(tagger))
    return tags, {n: [tagger.Int_t + tagger.LP_hapax_t[t] + tagger.LP_len_t[t][n] for t in tags] for n in range(1, 25)}


def _suffix_terms(tagger, m: str) -> list[float]:
    """The last term of the guess per guessable tag: the score of the longest of the
    morpheme's last four, three, two or one letters the tag knows (it reads the last four
    letters and whether the morpheme is longer than 4, 3, 2, 1), cached by those."""
    cache = kept_on(tagger, "hanta.suffixes")
    key = (m[-4:], min(len(m), 5))
    found = cache.get(key)
    if found is None:
        found = cache.keep(key, [_suffix_term(tagger.LP_s_t[t], m) for t in _guess_terms(tagger)[0]])
    return found


def _suffix_term(lp_s: dict, m: str) -> float:
    """HanTa's lp_m_t suffix term for a morpheme `m` with a tag's suffix scores `lp_s`."""
    mlen = len(m)
    if mlen > 4 and m[-4:] in lp_s:
        return lp_s[m[-4:]]
    if mlen > 3 and m[-3:] in lp_s:
        return lp_s[m[-3:]]
    if mlen > 2 and m[-2:] in lp_s:
        return lp_s[m[-2:]]
    if mlen > 1 and m[-1:] in lp_s:
        return lp_s[m[-1:]]
    return lp_s[""]


def _table(tagger, word: str, strict: bool, follow, backpointer: list[dict] | None = None) -> list[dict]:
    """HanTa's table over the letters of `word`: the best log probability of each state at
    each position, following `follow(state)` (transitions, in HanTa's order); with
    `backpointer`, where each best state came from."""
    wlen = len(word)
    table = [{(EMPTY, START): 0}] + [{} for _ in range(wlen + 1)]
    for i in range(wlen + 1):
        row = table[i]
        rowbound = sorted(row.values(), reverse=True)[3] - 1 if len(row) > 3 else LOWERBOUND  # the top 3 go on
        spans = None
        for state, lp in row.items():
            if lp < rowbound:
                continue
            followup = follow(state)
            if not followup:
                continue
            last = state[1]
            if spans is None:
                spans = _spans(tagger, word, i, strict)
            for j, scores in spans:
                cell = table[j]
                back = backpointer[j] if backpointer is not None else None
                for tag1, lpt in followup:  # HanTa's order, less the tags this segment scores -inf
                    lpm = scores.get(tag1)
                    if lpm is None:
                        continue
                    lp1 = lp + lpt + lpm
                    if lp1 > LOWERBOUND:
                        newstate = (last, tag1)
                        old = cell.get(newstate)
                        if old is None or lp1 > old:
                            cell[newstate] = lp1
                            if back is not None:
                                back[newstate] = (state, i)
    return table


def analyze_forward(tagger, word: str, compiled: bool = True) -> list[tuple[int, float]]:
    """HanoverTagger.analyze_forward(word), computed alike (`compiled=False`: on the Python
    tables even where the compiled ones are built, for tests)."""
    model = _compiled(tagger) if compiled else None
    if model is not None:
        last_row = model.forward_last_row(word, tagger.strict)
    else:
        last_row = _forward_last_row(tagger, word).items()
    results: dict = {}
    for state, lp in last_row:
        if lp == NEG_INF:
            continue
        pos = -state[1]
        results[pos] = logaddexp(results[pos], lp) if pos in results else lp
    result_list = list(results.items())
    result_list.sort(key=itemgetter(1), reverse=True)
    return result_list or [(UNKNOWN, 0)]


def _forward_last_row(tagger, word: str) -> dict:
    """The last row of HanTa's forward table: after the last letter, the final transitions."""
    nonfinal = tagger.LP_trans_nonfinal
    table = _table(tagger, word, tagger.strict, lambda state: nonfinal.get(state, []))
    final = tagger.LP_trans_final
    for state in table[-2]:
        lp = table[-2][state]
        for tag1, lpt in final.get(state, []):
            lp1 = lp + lpt
            if lp1 > LOWERBOUND:
                newstate = (state[1], tag1)
                if newstate not in table[-1] or lp1 > table[-1][newstate]:
                    table[-1][newstate] = lp1
    return table[-1]


def _follow_to(tagger, targetpos: int, state: tuple[int, int]) -> list[tuple[int, float]]:
    """The transitions from `state` to tags from which `targetpos` can be reached, in HanTa's
    order; cached per state and target (a few thousand pairs at most)."""
    cache = tagger.__dict__.setdefault("_kg_follow", {})
    found = cache.get((state, targetpos))
    if found is None:
        reachable_t = tagger.reachability.get(targetpos, frozenset())
        found = cache[state, targetpos] = [(t, p) for (t, p) in tagger.LP_trans_nonfinal.get(state, [])
                                           if t in reachable_t]
    return found


def analyze_viterbi(tagger, word: str, targetpos: int, compiled: bool = True) -> list[tuple[int, int]]:
    """HanoverTagger.analyze_viterbi(word, targetpos), computed alike: strict first (known
    morphemes only), with guessed ones where that finds no path (`compiled` as in
    analyze_forward)."""
    model = _compiled(tagger) if compiled else None
    if model is not None:
        return model.viterbi(word, targetpos)
    wlen = len(word)
    final = tagger.LP_trans_final
    follow = partial(_follow_to, tagger, targetpos)

    for localstrict in (True, False):
        backpointer = [{} for _ in range(wlen + 2)]
        table = _table(tagger, word, localstrict, follow, backpointer)
        for state in table[-2]:
            lp = table[-2][state]
            for tag1, lpt in final.get(state, []):
                if tag1 == targetpos:
                    lp1 = lp + lpt
                    if lp1 > LOWERBOUND:
                        newstate = (state[1], tag1)
                        if newstate not in table[-1] or lp1 > table[-1][newstate]:
                            table[-1][newstate] = lp1
                            backpointer[-1][newstate] = (state, wlen)
                    break
        if len(table[-1]) > 0:
            break
    pmax, beststate = NEG_INF, (EMPTY, EMPTY)
    for state in table[-1]:
        lp = table[-1][state]
        if lp > pmax:
            pmax, beststate = lp, state
    i = len(backpointer) - 1
    if beststate == (EMPTY, EMPTY):
        states = [((UNKNOWN, -UNKNOWN), i), ((START, UNKNOWN), i - 1)]
    else:
        states = [(beststate, i)]
        state = beststate
        while i > 0:
            state, i = backpointer[i][state]
            states.append((state, i))
        states = states[:-1]
    return [(state[1], i) for (state, i) in states[::-1]]
