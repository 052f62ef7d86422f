# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""kg.nlp.hanta_dp's table over a word's letters, compiled: the same loops on C arrays.

In Python the table is dicts of tuples, and CPython's cost is per operation: a word HanTa's
lexicon lacks took 0.4-0.7 ms, two thirds of extraction's time on real news. Here states,
transitions and segment scores are numbered and kept in C arrays, and the loops are those of
`hanta_dp._table` in the same nesting: states of a row in the order they entered it, segments
by their end, transitions in HanTa's order, every sum `lp + lpt + lpm` of the same doubles in
the same order (IEEE sums, no fast-math, as Python's), a cell replaced only by a strictly
greater score. So every row holds the same states with the same scores in the same order, and
the results are float for float those of the Python tables, which stay as the fallback where
this module is not built (tests/test_nlp_hanta_native.py compares the two).
"""
from libc.math cimport NAN, isnan
from libc.stdlib cimport free, malloc

from kg.nlp._hanta_rows cimport rowbound

cdef double LOWERBOUND = -1e6
cdef double NEG_INF = float("-inf")
cdef enum:
    MAX_GUESSES = 32  # guessable tags (HanTa 1.1's German model has 11)
    MAX_LENGTH = 24  # HanTa's guess reads a morpheme's length up to 24


cdef class _Transitions:
    """Transitions out of each numbered state, in HanTa's order: the tag, its column in a
    segment's scores, the numbered state it leads to, its log probability."""
    cdef int *off
    cdef int *tag
    cdef int *col
    cdef int *nxt
    cdef double *lp

    def __cinit__(self, list rows, int mintag):
        """rows: per numbered state, [(tag, lpt, next state's number), ...]."""
        cdef int n = sum(len(row) for row in rows), k = 0, s = 0
        self.off = <int *> malloc((len(rows) + 1) * sizeof(int))
        self.tag = <int *> malloc((n + 1) * sizeof(int))
        self.col = <int *> malloc((n + 1) * sizeof(int))
        self.nxt = <int *> malloc((n + 1) * sizeof(int))
        self.lp = <double *> malloc((n + 1) * sizeof(double))
        if not (self.off and self.tag and self.col and self.nxt and self.lp):
            raise MemoryError()
        for row in rows:
            self.off[s] = k
            for tag1, lpt, nxt in row:
                self.tag[k], self.col[k], self.nxt[k], self.lp[k] = tag1, tag1 - mintag, nxt, lpt
                k += 1
            s += 1
        self.off[s] = k

    def __dealloc__(self):
        free(self.off)
        free(self.tag)
        free(self.col)
        free(self.nxt)
        free(self.lp)


cdef class _Scores:
    """A morpheme's known scores (column, lp_m_t), or the suffix terms of a guess."""
    cdef int n
    cdef int *col
    cdef double *lp

    def __dealloc__(self):
        free(self.col)
        free(self.lp)


cdef _Scores _scores(list items, int mintag):
    cdef _Scores out = _unknown(len(items))
    for tag, lp in items:
        out.col[out.n], out.lp[out.n] = tag - mintag, lp
        out.n += 1
    return out


cdef _Scores _unknown(int n):
    """Room for n scores, each column k NaN (no score yet); out.n = 0 for _scores to fill."""
    cdef _Scores out = _Scores()
    cdef int k
    out.col = <int *> malloc((n + 1) * sizeof(int))
    out.lp = <double *> malloc((n + 1) * sizeof(double))
    if not (out.col and out.lp):
        raise MemoryError()
    for k in range(n):
        out.col[k], out.lp[k] = k, NAN
    return out


cdef class Model:
    """HanTa's tables numbered for one tagger, and the work arrays of one word's table."""
    cdef int mintag, ncols, nstates, start
    cdef list states
    cdef dict index, morphemes, _to
    cdef object reachability, nonfinal_rows
    cdef dict suffixes, chains
    cdef _Scores no_suffix
    cdef list word_suffix
    cdef _Transitions nonfinal, final
    cdef int nguess
    cdef int guess_col[MAX_GUESSES]
    cdef double by_length[MAX_LENGTH + 1][MAX_GUESSES]
    # the work arrays, grown to the longest word so far
    cdef int rows_cap
    cdef long long gen
    cdef int *count
    cdef int *entry_state
    cdef double *entry_lp
    cdef int *back_state
    cdef int *back_pos
    cdef long long *stamp
    cdef int *slot
    cdef double *span_lp
    cdef int *span_end
    cdef list span_known

    def __init__(self, tagger, dict morphemes, tuple guess_tags, dict by_length):
        """`morphemes`, `guess_tags` and `by_length` are hanta_dp's own (`_morphemes`,
        `_guess_terms`)."""
        nonfinal, final = tagger.LP_trans_nonfinal, tagger.LP_trans_final
        tags = {t for lps in (nonfinal, final) for state, row in lps.items() for t in (*state, *(t for t, _ in row))}
        tags |= set(tagger.LP_m_t) | set(guess_tags) | {0, 1}
        self.mintag, self.ncols = min(tags), max(tags) - min(tags) + 1
        self.states, self.index = [], {}
        self.start = self._number((0, 1))
        for lps in (nonfinal, final):
            for state, row in lps.items():
                self._number(state)
                for tag1, _ in row:
                    self._number((state[1], tag1))
        self.nstates = len(self.states)
        self.nonfinal_rows = nonfinal
        self.nonfinal = self._transitions(nonfinal, None)
        self.final = self._transitions(final, None)
        self.reachability, self._to = tagger.reachability, {}
        self.morphemes = {m: _scores(list(scores.items()), self.mintag) for m, scores in morphemes.items()}
        if len(guess_tags) > MAX_GUESSES:
            raise ValueError("more guessable tags than MAX_GUESSES")
        self.nguess = len(guess_tags)
        for k, tag in enumerate(guess_tags):
            self.guess_col[k] = tag - self.mintag
            for n in range(1, MAX_LENGTH + 1):
                self.by_length[n][k] = by_length[n][k]
        self._number_suffixes([tagger.LP_s_t[t] for t in guess_tags])
        self.rows_cap, self.gen = 0, 0

    cdef _number_suffixes(self, list by_tag):
        """suffix -> its score per guessable tag (NaN where the tag lacks it): one lookup
        where hanta_dp._suffix_term makes one per tag."""
        if any("" not in lp_s for lp_s in by_tag):
            raise ValueError("a guessable tag without a score for the empty suffix")
        self.suffixes = {}
        for suffix in {s for lp_s in by_tag for s in lp_s}:
            self.suffixes[suffix] = _scores([(k, lp_s.get(suffix, NAN)) for k, lp_s in enumerate(by_tag)], 0)
        self.no_suffix = _unknown(len(by_tag))
        self.chains = {suffix: self._suffix_terms(suffix, len(suffix) + 1) for suffix in self.suffixes}

    cdef int _number(self, tuple state):
        found = self.index.get(state)
        if found is None:
            found = self.index[state] = len(self.states)
            self.states.append(state)
        return found

    cdef _Transitions _transitions(self, dict lps, reachable):
        """Every numbered state's transitions (those to a tag in `reachable` when given)."""
        rows = []
        for state in self.states:
            row = lps.get(state, ())
            rows.append([(t, p, self.index[state[1], t]) for t, p in row if reachable is None or t in reachable])
        return _Transitions(rows, self.mintag)

    cdef _Transitions _toward(self, int targetpos):
        """The transitions to tags from which `targetpos` can be reached (hanta_dp._follow_to)."""
        found = self._to.get(targetpos)
        if found is None:
            found = self._to[targetpos] = self._transitions(
                self.nonfinal_rows, self.reachability.get(targetpos, frozenset()))
        return found

    def __dealloc__(self):
        self._free()

    cdef void _free(self):
        free(self.count)
        free(self.entry_state)
        free(self.entry_lp)
        free(self.back_state)
        free(self.back_pos)
        free(self.stamp)
        free(self.slot)
        free(self.span_lp)
        free(self.span_end)

    cdef int _reserve(self, int wlen) except -1:
        """Work arrays for a word of `wlen` letters: wlen + 2 rows of at most every state, and
        the scores of up to wlen segments starting at one letter (NaN where a tag scores -inf)."""
        cdef int rows = wlen + 2, k
        cdef size_t cells
        if rows <= self.rows_cap:
            return 0
        rows = max(rows, 2 * self.rows_cap, 32)
        self._free()
        cells = <size_t> rows * self.nstates
        self.count = <int *> malloc(rows * sizeof(int))
        self.entry_state = <int *> malloc(cells * sizeof(int))
        self.entry_lp = <double *> malloc(cells * sizeof(double))
        self.back_state = <int *> malloc(cells * sizeof(int))
        self.back_pos = <int *> malloc(cells * sizeof(int))
        self.stamp = <long long *> malloc(cells * sizeof(long long))
        self.slot = <int *> malloc(cells * sizeof(int))
        self.span_lp = <double *> malloc(<size_t> rows * self.ncols * sizeof(double))
        self.span_end = <int *> malloc(rows * sizeof(int))
        if not (self.count and self.entry_state and self.entry_lp and self.back_state and self.back_pos
                and self.stamp and self.slot and self.span_lp and self.span_end):
            self.rows_cap = 0
            raise MemoryError()
        for k in range(<int> cells):
            self.stamp[k] = 0
        for k in range(rows * self.ncols):
            self.span_lp[k] = NAN
        self.rows_cap = rows
        self.span_known = [None] * rows
        return 0

    cdef inline void _keep(self, int row, int state, double lp, int from_state, int from_pos):
        """cell[state] = lp (with its backpointer) if the cell lacks the state or holds less."""
        cdef size_t at = <size_t> row * self.nstates + state
        cdef size_t entry
        if self.stamp[at] != self.gen:
            self.stamp[at] = self.gen
            entry = <size_t> row * self.nstates + self.count[row]
            self.slot[at] = self.count[row]
            self.count[row] += 1
        else:
            entry = <size_t> row * self.nstates + self.slot[at]
            if not lp > self.entry_lp[entry]:
                return
        self.entry_state[entry], self.entry_lp[entry] = state, lp
        self.back_state[entry], self.back_pos[entry] = from_state, from_pos

    cdef _Scores _suffix(self, str word, int i, int j):
        """hanta_dp._suffix_terms(word[i:j]) as doubles, kept for the word. It reads the
        known suffixes among the morpheme's last 4, 3, 2, 1 letters (each shorter than the
        morpheme): the longest of them fixes the shorter ones, so the terms are the chain of
        that suffix (`chains`, one per suffix HanTa knows, 860 for its German model). A
        memo keyed by the last four letters and the length instead (50,000 entries) filled
        on new words for as long as a worker ran (bench/results.md, flat worker memory)."""
        cdef int at = j * 6 + min(j - i, 5)
        cdef int n
        found = self.word_suffix[at]
        if found is None:
            n = min(j - i - 1, 4)
            while n > 0:
                found = self.chains.get(word[j - n:j])
                if found is not None:
                    break
                n -= 1
            if found is None:
                found = self.chains[""]
            self.word_suffix[at] = found
        return found

    cdef _Scores _suffix_terms(self, str last4, int length):
        """hanta_dp._suffix_term per guessable tag: the score of the longest of the last
        4, 3, 2, 1 letters the tag knows (only those shorter than the morpheme), else of ""."""
        cdef _Scores out = _unknown(self.nguess)
        cdef _Scores known
        cdef int n, k
        for n in range(4, -1, -1):
            if n and not (length > n and len(last4) >= n):
                continue
            known = <_Scores> self.suffixes.get(last4[len(last4) - n:], self.no_suffix)
            for k in range(self.nguess):
                if isnan(out.lp[k]):
                    out.lp[k] = known.lp[k]
        return out

    cdef int _spans(self, str word, int i, int wlen, bint strict) except -1:
        """hanta_dp._spans(word, i, strict) into span_lp: one row of scores per segment word[i:j]
        that can score above -inf, its end in span_end; returns how many."""
        cdef int n = 0, j, k, length
        cdef double *row
        cdef double lp
        cdef _Scores known, suffix
        for j in range(i + 1, wlen + 1):
            m = word[i:j]
            found = self.morphemes.get(m)
            length = j - i
            if not strict and (wlen < 4 or length > 2):
                row = self.span_lp + <size_t> n * self.ncols
                suffix = self._suffix(word, i, j)
                for k in range(self.nguess):
                    lp = self.by_length[min(length, MAX_LENGTH)][k] + suffix.lp[k]
                    if length == wlen:  # the whole word as one unknown morpheme
                        lp = lp - 4.6
                    row[self.guess_col[k]] = lp
            elif found is not None:
                row = self.span_lp + <size_t> n * self.ncols
            else:
                continue
            if found is not None:
                known = <_Scores> found
                for k in range(known.n):
                    row[known.col[k]] = known.lp[k]
            self.span_end[n] = j
            self.span_known[n] = found
            n += 1
        return n

    cdef void _clear_spans(self, int n):
        """Back to NaN everywhere _spans wrote, for the next letter's segments."""
        cdef int s, k
        cdef double *row
        cdef _Scores known
        for s in range(n):
            row = self.span_lp + <size_t> s * self.ncols
            for k in range(self.nguess):
                row[self.guess_col[k]] = NAN
            if self.span_known[s] is not None:
                known = <_Scores> self.span_known[s]
                for k in range(known.n):
                    row[known.col[k]] = NAN
            self.span_known[s] = None

    cdef int _table(self, str word, bint strict, _Transitions follow) except -1:
        """hanta_dp._table(tagger, word, strict, follow, backpointer), into the work arrays."""
        cdef int wlen = len(word), i, e, t, nspans, sp, n, state
        cdef double lp, lpm, lp1, bound
        cdef double *scores
        cdef size_t base
        self._reserve(wlen)
        self.word_suffix = [None] * ((wlen + 1) * 6)
        self.gen += 1
        for i in range(wlen + 2):
            self.count[i] = 0
        self._keep(0, self.start, 0.0, -1, -1)
        for i in range(wlen + 1):
            bound = rowbound(self.entry_lp + <size_t> i * self.nstates, self.count[i], 3, LOWERBOUND)
            nspans = -1
            base = <size_t> i * self.nstates
            n = self.count[i]
            for e in range(n):
                lp = self.entry_lp[base + e]
                state = self.entry_state[base + e]
                if lp < bound or follow.off[state] == follow.off[state + 1]:
                    continue
                if nspans < 0:
                    nspans = self._spans(word, i, wlen, strict)
                for sp in range(nspans):
                    scores = self.span_lp + <size_t> sp * self.ncols
                    for t in range(follow.off[state], follow.off[state + 1]):
                        lpm = scores[follow.col[t]]
                        if isnan(lpm):
                            continue
                        lp1 = lp + follow.lp[t] + lpm
                        if lp1 > LOWERBOUND:
                            self._keep(self.span_end[sp], follow.nxt[t], lp1, state, i)
            if nspans > 0:
                self._clear_spans(nspans)
        return 0

    def forward_last_row(self, str word, bint strict):
        """The last row of hanta_dp.analyze_forward's table, [(state, lp), ...] in its order."""
        cdef int wlen = len(word), e, t, state
        cdef double lp, lp1
        cdef size_t base = <size_t> wlen * self.nstates, last = base + self.nstates
        self._table(word, strict, self.nonfinal)
        for e in range(self.count[wlen]):
            state, lp = self.entry_state[base + e], self.entry_lp[base + e]
            for t in range(self.final.off[state], self.final.off[state + 1]):
                lp1 = lp + self.final.lp[t]
                if lp1 > LOWERBOUND:
                    self._keep(wlen + 1, self.final.nxt[t], lp1, state, wlen)
        return [(self.states[self.entry_state[last + e]], self.entry_lp[last + e]) for e in range(self.count[wlen + 1])]

    def viterbi(self, str word, int targetpos):
        """hanta_dp.analyze_viterbi(tagger, word, targetpos)."""
        cdef int wlen = len(word), e, t, state, best = -1, pos
        cdef double lp, lp1, pmax = NEG_INF
        cdef size_t base = <size_t> wlen * self.nstates, last = base + self.nstates, at
        cdef _Transitions follow = self._toward(targetpos)
        for strict in (True, False):
            self._table(word, strict, follow)
            for e in range(self.count[wlen]):
                state, lp = self.entry_state[base + e], self.entry_lp[base + e]
                for t in range(self.final.off[state], self.final.off[state + 1]):
                    if self.final.tag[t] == targetpos:
                        lp1 = lp + self.final.lp[t]
                        if lp1 > LOWERBOUND:
                            self._keep(wlen + 1, self.final.nxt[t], lp1, state, wlen)
                        break
            if self.count[wlen + 1] > 0:
                break
        for e in range(self.count[wlen + 1]):
            if self.entry_lp[last + e] > pmax:
                pmax, best = self.entry_lp[last + e], e
        if best < 0:
            return [(3, wlen), (-3, wlen + 1)]  # HanTa's (START, UNKNOWN), (UNKNOWN, -UNKNOWN)
        path, pos, at = [], wlen + 1, last + best
        while pos > 0:
            path.append((self.states[self.entry_state[at]][1], pos))
            state, pos = self.back_state[at], self.back_pos[at]
            at = <size_t> pos * self.nstates + self.slot[<size_t> pos * self.nstates + state]
        return path[::-1]
