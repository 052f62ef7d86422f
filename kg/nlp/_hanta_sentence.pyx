# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""kg.nlp.hanta_viterbi's sentence Viterbi, compiled: the same loops on C arrays.

After kg.nlp._hanta_table took over the words HanTa's lexicon lacks, this loop (every state of
a row times every tag a word may have, in dicts of tuples) was the largest part of the tagger
left. Here the states are numbered and the transition scores a dense matrix; the loops are
`hanta_viterbi.tag_sent_viterbi`'s in the same nesting and order, each sum `lp0 + lp_t[c] +
lpwc` of the same doubles in the same order, a cell replaced only by a strictly greater
score, so the tags are the same (tests/test_nlp_hanta_native.py compares the two).
"""
from libc.stdlib cimport free, malloc

from kg.nlp._hanta_rows cimport rowbound

cdef double LOWERBOUND = -1e6
cdef double NEG_INF = float("-inf")


cdef class Sentences:
    """HanTa's word transitions numbered, and the work arrays of one sentence's table."""
    cdef int nstates, ncols, mintag, start
    cdef list states
    cdef int *column  # tag - mintag -> its column in the transition order, -1 if none
    cdef double *trans  # state x column
    cdef double *to_end
    cdef int *nxt  # state x column -> the state (last, tag)
    cdef int rows_cap, cand_cap
    cdef long long gen
    cdef int *count
    cdef int *entry_state
    cdef double *entry_lp
    cdef int *back
    cdef long long *stamp
    cdef int *slot
    cdef int *cand_col
    cdef double *cand_lp

    def __init__(self, dict trans_word, tuple order, int end):
        """`trans_word`: HanTa's LP_trans_word, whose every row lists the tags of `order`
        (hanta_viterbi.transition_order) and END; every state (last, tag) must be a row."""
        cdef int s, k
        self.states = list(trans_word)
        index = {state: s for s, state in enumerate(self.states)}
        self.nstates, self.ncols = len(self.states), len(order)
        tags = {t for state in self.states for t in state} | set(order)
        self.mintag = min(tags)
        width = max(tags) - self.mintag + 1
        self.column = <int *> malloc(width * sizeof(int))
        self.trans = <double *> malloc(<size_t> self.nstates * self.ncols * sizeof(double))
        self.nxt = <int *> malloc(<size_t> self.nstates * self.ncols * sizeof(int))
        self.to_end = <double *> malloc(self.nstates * sizeof(double))
        if not (self.column and self.trans and self.nxt and self.to_end):
            raise MemoryError()
        for k in range(width):
            self.column[k] = -1
        for k, tag in enumerate(order):
            self.column[tag - self.mintag] = k
        for s, state in enumerate(self.states):
            row = trans_word[state]
            for k, tag in enumerate(order):
                self.trans[s * self.ncols + k] = row[tag]
                self.nxt[s * self.ncols + k] = index[state[1], tag]
            self.to_end[s] = row.get(end, NEG_INF)
        self.start = index[0, 1]  # (EMPTY, START)

    def __dealloc__(self):
        free(self.column)
        free(self.trans)
        free(self.nxt)
        free(self.to_end)
        self._free()

    cdef void _free(self):
        free(self.count)
        free(self.entry_state)
        free(self.entry_lp)
        free(self.back)
        free(self.stamp)
        free(self.slot)
        free(self.cand_col)
        free(self.cand_lp)

    cdef int _reserve(self, int rows, int candidates) except -1:
        """Work arrays for `rows` rows of at most every state, `candidates` (tag, lp) in all."""
        cdef size_t cells, k
        if rows <= self.rows_cap and candidates <= self.cand_cap:
            return 0
        rows, candidates = max(rows, 2 * self.rows_cap, 64), max(candidates, 2 * self.cand_cap, 1024)
        self._free()
        cells = <size_t> rows * self.nstates
        self.count = <int *> malloc(rows * sizeof(int))
        self.entry_state = <int *> malloc(cells * sizeof(int))
        self.entry_lp = <double *> malloc(cells * sizeof(double))
        self.back = <int *> malloc(cells * sizeof(int))
        self.stamp = <long long *> malloc(cells * sizeof(long long))
        self.slot = <int *> malloc(cells * sizeof(int))
        self.cand_col = <int *> malloc(candidates * sizeof(int))
        self.cand_lp = <double *> malloc(candidates * sizeof(double))
        if not (self.count and self.entry_state and self.entry_lp and self.back and self.stamp
                and self.slot and self.cand_col and self.cand_lp):
            self.rows_cap = self.cand_cap = 0
            raise MemoryError()
        for k in range(cells):
            self.stamp[k] = 0
        self.rows_cap, self.cand_cap = rows, candidates
        return 0

    def tags(self, list candidates):
        """hanta_viterbi.tag_sent_viterbi's tags, given each word's `_candidates` (tag, lp)
        in transition order; None where HanTa's own loop would fail (no path to the end)."""
        cdef int n = len(candidates), i, e, c, k, first, last_c, state, newstate, best_state = -1
        cdef double lp0, lp, bound, best = NEG_INF
        cdef size_t base, at, entry
        cdef int *offsets = <int *> malloc((n + 1) * sizeof(int))
        if not offsets:
            raise MemoryError()
        try:
            total = sum(len(words) for words in candidates)
            self._reserve(n + 1, total)
            k = 0
            for i in range(n):
                offsets[i] = k
                for tag, lpwc in candidates[i]:
                    self.cand_col[k], self.cand_lp[k] = self.column[<int> tag - self.mintag], lpwc
                    k += 1
            offsets[n] = k
            self.gen += 1
            self.count[0] = 1
            self.entry_state[0], self.entry_lp[0], self.back[0] = self.start, 0.0, -1
            for i in range(n):
                bound = rowbound(self.entry_lp + <size_t> i * self.nstates, self.count[i], 5, LOWERBOUND)
                base, first, last_c = <size_t> i * self.nstates, offsets[i], offsets[i + 1]
                self.count[i + 1] = 0
                for e in range(self.count[i]):
                    lp0, state = self.entry_lp[base + e], self.entry_state[base + e]
                    if lp0 < bound:
                        continue
                    for c in range(first, last_c):
                        lp = lp0 + self.trans[state * self.ncols + self.cand_col[c]] + self.cand_lp[c]
                        if lp > LOWERBOUND:
                            newstate = self.nxt[state * self.ncols + self.cand_col[c]]
                            at = <size_t> (i + 1) * self.nstates + newstate
                            if self.stamp[at] != self.gen:
                                self.stamp[at], self.slot[at] = self.gen, self.count[i + 1]
                                entry = <size_t> (i + 1) * self.nstates + self.count[i + 1]
                                self.count[i + 1] += 1
                            else:
                                entry = <size_t> (i + 1) * self.nstates + self.slot[at]
                                if not lp > self.entry_lp[entry]:
                                    continue
                            self.entry_state[entry], self.entry_lp[entry], self.back[entry] = newstate, lp, state
            base = <size_t> n * self.nstates
            for e in range(self.count[n]):
                lp = self.entry_lp[base + e] + self.to_end[self.entry_state[base + e]]
                if lp > best:
                    best, best_state = lp, self.entry_state[base + e]
            if best_state < 0:
                return None
            tags, state = [], best_state
            for i in range(n, 0, -1):
                tags.append(self.states[state][1])
                state = self.back[<size_t> i * self.nstates + self.slot[<size_t> i * self.nstates + state]]
            return tags[::-1]
        finally:
            free(offsets)
