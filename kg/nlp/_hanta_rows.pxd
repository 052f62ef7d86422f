# What both compiled HanTa loops share (kg.nlp._hanta_table, kg.nlp._hanta_sentence).
from libc.math cimport INFINITY

cdef enum:
    MAX_TOP = 8


# HanTa's pruning bound of a row of `n` scores, read with a stride of 1 from `lp`:
# sorted(scores, reverse=True)[top] - 1 where there are more than `top` (the `top` best and
# those within 1 of the next go on), else `lowerbound`; `top` < MAX_TOP.
cdef inline double rowbound(const double *lp, int n, int top, double lowerbound) noexcept nogil:
    cdef double best[MAX_TOP]
    cdef int k, at
    if n <= top:
        return lowerbound
    for k in range(top + 1):
        best[k] = -INFINITY
    for k in range(n):
        at = top + 1
        while at > 0 and lp[k] > best[at - 1]:
            if at <= top:
                best[at] = best[at - 1]
            at -= 1
        if at <= top:
            best[at] = lp[k]
    return best[top] - 1
