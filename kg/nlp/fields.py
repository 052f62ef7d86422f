"""The German clause in topological fields, from STTS tags alone.

A German clause has a fixed frame: in a main clause the finite verb is the left
bracket, what precedes it the Vorfeld (the subject, or a topicalised object),
the non-finite verbs and separable particles the right bracket, and between them
the Mittelfeld; what follows the right bracket is the Nachfeld. A subordinate
clause puts its subordinator (`dass`, `weil`, a relative pronoun) in the left
bracket and the whole verb cluster in the right one. Attribution asks structural
questions -- is this mention in the Vorfeld of the clause of that verb, does a
`, blieb aber bei …` clause have a subject of its own, what noun does a relative
clause hang on -- and this module answers them once, instead of each rule
splitting the sentence at commas again.

API: ``sentence_clauses(tokens, start=0)`` -> list[Clause] (kg.nlp.clause_model) for the
non-space tokens of one sentence; the ``clause_fields`` component stores them for the whole
text, sentence by sentence, where ``clause_model.clause_at(doc, i)`` finds them.

Clause openers (subordinators, relative pronouns, `zu`-infinitives) are patterns in
``data/patterns/clause_openers.jsonl``, read by ``openers()``.
"""
from __future__ import annotations

from functools import lru_cache

from kg.caches import Memo
from kg.nlp import patterns
from kg.nlp.clause_model import Clause
from kg.nlp.doc import toks_of
from kg.nlp.german import CLAUSE_COORDINATORS as COORDINATORS, FINITE

RIGHT = {"VVINF", "VAINF", "VMINF", "VVPP", "VAPP", "VMPP", "VVIZU", "PTKVZ", "PTKZU"}
BREAKS = {",", ";", ":", "–", "—", "-"}
QUOTE_OPEN = {"„": {"“", "”", '"'}, "«": {"»"}, "»": {"«"}, "‚": {"‘"}, '"': {'"', "“", "”"}, "“": {"”"}}


@lru_cache(maxsize=1)
def openers() -> list[tuple[str, list[dict]]]:
    """(kind, token pattern) rows: a unit whose first words match is a clause of that kind.

    A pattern is a list of token dicts in spaCy Matcher style restricted to what the
    clause splitter needs: ``TAG``/``LOWER`` as a string or ``{"IN": [...]}``."""
    return [(row["label"], row["pattern"]) for row in patterns.rows("clause_openers.jsonl")]


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[str, list[list[tuple[bool, frozenset]]]]]:
    """The opener patterns as (kind, [[(is_tag, allowed values) per attribute] per token])."""
    out = []
    for kind, pattern in openers():
        tokens = [[(attr == "TAG", frozenset(want["IN"]) if isinstance(want, dict) else frozenset([want]))
                   for attr, want in spec.items()] for spec in pattern]
        out.append((kind, tokens))
    return out


@lru_cache(maxsize=1)
def _first_values() -> tuple[frozenset, frozenset]:
    """Tags and words any opener pattern can start with: most units start with neither."""
    tags = {v for _, p in _compiled() for is_tag, vals in p[0] if is_tag for v in vals}
    words = {v for _, p in _compiled() for is_tag, vals in p[0] if not is_tag for v in vals}
    return frozenset(tags), frozenset(words)


def _opener(toks, i: int) -> str | None:
    tags, words = _first_values()
    if toks[i].tag_ not in tags and toks[i].lower_ not in words:
        return None
    for kind, pattern in _compiled():
        if i + len(pattern) <= len(toks) and all(
                (toks[i + n].tag_ if is_tag else toks[i + n].lower_) in allowed
                for n, spec in enumerate(pattern) for is_tag, allowed in spec):
            return kind
    return None


def _quote_spans(toks) -> list[tuple[int, int]]:
    """(first, last) positions of each quotation, the marks included."""
    spans, opened, closers = [], None, None
    for n, t in enumerate(toks):
        if closers is None:
            closers = QUOTE_OPEN.get(t.text)
            opened = n if closers else None
        elif t.text in closers:
            spans.append((opened, n))
            closers = None
    if closers is not None:
        spans.append((opened, len(toks) - 1))
    return spans


def _units(toks) -> list[tuple[int, int, bool]]:
    """Split a sentence into (first, end, quoted) stretches at clause borders: punctuation,
    the borders of a quotation that holds a verb (a quoted title or word does not split:
    `sagte der „Zeitung“`), a subordinator, and `und`/`oder` between two finite verbs."""
    speech = [(a, b) for a, b in _quote_spans(toks) if any(t.tag_ in FINITE for t in toks[a:b + 1])]
    inside = [False] * len(toks)
    cuts = {0}
    for a, b in speech:
        inside[a:b + 1] = [True] * (b + 1 - a)
        cuts |= {a, b + 1}
    for n, t in enumerate(toks):
        if t.text in BREAKS or (t.tag_ == "$." and n < len(toks) - 1):
            cuts |= {n, n + 1}
        elif n and t.tag_ in ("KOUS", "KOUI"):
            cuts.add(n)
    cuts = sorted(c for c in cuts if c < len(toks))
    spans = [(a, b) for a, b in zip(cuts, cuts[1:] + [len(toks)])]
    return [piece for a, b in spans for piece in _split_coordination(toks, a, b, inside[a])]


def _split_coordination(toks, a: int, b: int, quoted: bool) -> list[tuple[int, int, bool]]:
    """`X lehnte den Plan ab und forderte Neuwahlen`: a coordinator with a finite verb on
    both sides, or right after it, joins two clauses."""
    for n in range(a + 1, b - 1):
        if toks[n].lower_ in COORDINATORS and toks[n].tag_ == "KON" and any(
                t.tag_ in FINITE for t in toks[n + 1:b]) and (
                toks[n + 1].tag_ in FINITE or any(t.tag_ in FINITE for t in toks[a:n])):
            return [(a, n, quoted)] + _split_coordination(toks, n, b, quoted)
    return [(a, b, quoted)]


def _words(toks, a: int, b: int) -> list[int]:
    """Positions of a unit without punctuation and a leading coordinator."""
    out = [n for n in range(a, b) if not toks[n].is_punct]
    if out and toks[out[0]].text.lower() in COORDINATORS and toks[out[0]].tag_ == "KON":
        out = out[1:]
    return out


def _kind(toks, words: list[int]) -> str | None:
    """The clause kind of a unit, None for a verbless stretch (an apposition, a list)."""
    if not words:
        return None
    opened = _opener(toks, words[0])
    if opened == "relative?":  # `der`/`die` read as an article: relative only after a comma, verb-final
        after_comma = words[0] > 0 and toks[words[0] - 1].text == ","
        v2 = len(words) == 3 and toks[words[1]].tag_ in ("NN", "NE")  # `, die Regierung handelt`
        opened = "relative" if after_comma and len(words) > 2 and toks[words[-1]].tag_ in FINITE and not v2 else None
    if opened:
        return opened
    tags = {toks[n].tag_ for n in words}
    if tags & FINITE:
        return "main"
    if "VVIZU" in tags or ("PTKZU" in tags and tags & {"VVINF", "VAINF"}):
        return "inf"
    return None


def sentence_clauses(tokens, start: int = 0) -> list[Clause]:
    """The clauses of one sentence (its non-space tokens: kg.nlp.doc.Tok, whose attributes
    are plain slots, where spaCy's Token looks each string up anew); `start` offsets the
    parent and conj indices when the sentence's clauses join a longer list."""
    toks = [t for t in tokens if not t.is_space]
    if not toks:
        return []
    units = [(a, b, q, _kind(toks, _words(toks, a, b))) for a, b, q in _units(toks)]
    clauses: list[Clause] = []
    unit_clause: list[int | None] = []
    for a, b, q, kind in units:
        unit_clause.append(len(clauses) if kind else None)
        if kind:
            own = [toks[n].i for n in range(a, b)]
            clauses.append(Clause(kind, own[0], own[-1] + 1, own, quoted=q))
    if not clauses:
        words = [t.i for t in toks]
        return [Clause("fragment", words[0], words[-1] + 1, words)]
    _attach_fragments(toks, units, unit_clause, clauses)
    pos = {t.i: n for n, t in enumerate(toks)}
    _relate(toks, pos, unit_clause, clauses)
    for c in clauses:
        _fields(toks, pos, c)
        if c.parent is not None:
            c.parent += start
        if c.conj is not None:
            c.conj += start
    return clauses


def _attach_fragments(toks, units, unit_clause, clauses) -> None:
    """A verbless stretch belongs to a clause: before a verb-first main clause it is that
    clause's Vorfeld (`Anna Lehmann, Präsidentin der Bundesbank, sagte`), else it
    continues the clause before it (an apposition, `so die Gewerkschaft`)."""
    next_main, next_clause = [None] * len(units), [None] * len(units)
    found_main = found_clause = None
    for w in range(len(units) - 1, -1, -1):
        next_main[w], next_clause[w] = found_main, found_clause
        if units[w][3] == "main":
            found_main = w
        if unit_clause[w] is not None:
            found_clause = unit_clause[w]
    last_main = last_clause = None
    for u, (a, b, _, kind) in enumerate(units):
        if kind:
            last_clause = unit_clause[u]
            last_main = unit_clause[u] if kind == "main" else last_main
            continue
        target, w = None, next_main[u]
        if w is not None:
            first = _words(toks, units[w][0], units[w][1])
            coordinated = toks[units[w][0]].lower_ in COORDINATORS or (
                first and first[0] > units[w][0] and toks[first[0] - 1].lower_ in COORDINATORS)
            if first and toks[first[0]].tag_ in FINITE and not coordinated and not units[w][2]:
                target = unit_clause[w]
        if target is None:  # a subordinate clause ends with its verb: what follows is the clause around it
            target = last_main if last_main is not None else last_clause
        lead = target is None and not (b < len(toks) and toks[b].text == ",")  # `Anna Berger, eine Expertin … erklärte`
        if target is None:
            target = next_clause[u]
        c = clauses[target]
        if lead:
            c.lead += [toks[n].i for n in range(a, b)]
        c.tokens = sorted(c.tokens + [toks[n].i for n in range(a, b)])
        c.start, c.end = min(c.start, c.tokens[0]), max(c.end, c.tokens[-1] + 1)
        unit_clause[u] = target


def _relate(toks, pos: dict[int, int], unit_clause, clauses) -> None:
    """Parents of subordinate clauses (the main clause before, or after when the
    subordinate clause opens the sentence), antecedents of relative clauses, and the
    clause a verb-first main clause follows."""
    order = [c for n, c in enumerate(unit_clause) if c is not None and (n == 0 or unit_clause[n - 1] != c)]
    seen = []
    for c in dict.fromkeys(order):
        clause = clauses[c]
        mains_before = [p for p in seen if clauses[p].kind == "main" and clauses[p].quoted == clause.quoted]
        if clause.kind != "main":
            later = [p for p in dict.fromkeys(order) if p not in seen and p != c and clauses[p].kind == "main"]
            clause.parent = mains_before[-1] if mains_before else (later[0] if later else None)
            if clause.kind == "relative":
                clause.antecedent = _antecedent(toks, pos, clause)
        elif mains_before and _first_word_finite(toks, pos, clause):
            clause.conj = mains_before[-1]
        seen.append(c)
    for clause in clauses:  # an embedding clause spans what it embeds
        if clause.parent is not None and clause.kind != "main":
            p = clauses[clause.parent]
            if p.start < clause.start and p.end > clause.start:
                p.end = max(p.end, clause.end)


def _first_word_finite(toks, pos: dict[int, int], clause: Clause) -> bool:
    words = [pos[i] for i in clause.tokens if not toks[pos[i]].is_punct]
    if words and toks[words[0]].text.lower() in COORDINATORS and toks[words[0]].tag_ == "KON":
        words = words[1:]
    return bool(words) and toks[words[0]].tag_ in FINITE


def _antecedent(toks, pos: dict[int, int], clause: Clause) -> int | None:
    """The noun a relative clause hangs on: the last noun before its comma."""
    n = pos[clause.tokens[0]] - 1
    while n >= 0 and (toks[n].is_punct and toks[n].text != "," or toks[n].text == ","):
        n -= 1
    while n >= 0 and toks[n].tag_ not in ("NN", "NE", "PPER", "PDS", "PIS") and not toks[n].is_punct:
        n -= 1
    return toks[n].i if n >= 0 and not toks[n].is_punct else None


def _fields(toks, pos: dict[int, int], c: Clause) -> None:
    """Fill the fields of a clause from its own tokens."""
    own = [i for i in c.tokens if not toks[pos[i]].is_punct and i not in c.lead]
    if c.kind == "main":
        finite = next((k for k, i in enumerate(own) if toks[pos[i]].tag_ in FINITE), None)
        if finite is None:
            c.middle = own
            return
        c.left = own[finite]
        lead = own[:finite]
        if lead and toks[pos[lead[0]]].text.lower() in COORDINATORS and toks[pos[lead[0]]].tag_ == "KON":
            lead = lead[1:]
        c.vorfeld, rest = lead, own[finite + 1:]
    else:
        first = next((k for k, i in enumerate(own) if toks[pos[i]].text.lower() not in COORDINATORS), 0)
        opens = c.kind == "relative" or bool(own) and _opener(toks, pos[own[first]]) not in (None, "relative?")
        c.left = own[first] if opens else None
        rest = own[first + 1:] if opens else own[first:]
    bracket = FINITE | RIGHT if c.kind != "main" else RIGHT
    last = max((k for k, i in enumerate(rest) if toks[pos[i]].tag_ in bracket), default=None)
    if last is None:
        c.middle = rest
        return
    first = last
    while first > 0 and toks[pos[rest[first - 1]]].tag_ in bracket:
        first -= 1
    c.middle, c.right, c.nachfeld = rest[:first], rest[first:last + 1], rest[last + 1:]


def remembered_clauses(span, start: int = 0) -> list[Clause]:
    """sentence_clauses for a sentence's tokens (`span`: its Tok, spaces included), from a memo
    once the sentence has been seen twice (news wires repeat sentences, as the tagger's memo
    knows; most sentences of real news come once, and a first sighting costs only its key).
    The clauses read each token's text (its lower case and punctuation follow from it), tag and
    place, so these are the key; each call gets its own Clause objects, moved to the
    sentence's place in the Doc."""
    toks = [t for t in span if not t.is_space]
    if not toks:
        return []
    key = (tuple([t.text for t in span]), tuple([t.tag_ for t in span]))
    kept = _SENTENCE_CLAUSES.get(key)
    if kept is None:
        _SENTENCE_CLAUSES.keep(key, ())
        return sentence_clauses(toks, start)
    first = span[0].i
    if not kept:  # the second sighting
        kept = [_moved(c, -first, 0) for c in sentence_clauses(toks)]
        if key in _SENTENCE_CLAUSES:
            _SENTENCE_CLAUSES[key] = kept
    return [_moved(c, first, start) for c in kept]


_SENTENCE_CLAUSES = Memo("fields.sentence_clauses", renew=True)  # first sightings fill it: start again


def _moved(c: Clause, by: int, start: int) -> Clause:
    """A copy of `c` with its token indices moved by `by` and its clause indices by `start`."""
    return Clause(c.kind, c.start + by, c.end + by, [i + by for i in c.tokens], [i + by for i in c.vorfeld],
                  None if c.left is None else c.left + by, [i + by for i in c.middle], [i + by for i in c.right],
                  [i + by for i in c.nachfeld], None if c.parent is None else c.parent + start,
                  None if c.conj is None else c.conj + start, None if c.antecedent is None else c.antecedent + by,
                  c.quoted, [i + by for i in c.lead])


def annotate(doc, sents) -> list[Clause]:
    """All clauses of the text, sentence by sentence, and the clause of every token."""
    clauses: list[Clause] = []
    owner = [None] * len(doc)
    for sent in sents:
        found = remembered_clauses(toks_of(doc)[sent.start:sent.end], len(clauses))
        base = len(clauses)
        clauses += found
        for n, c in sorted(enumerate(found), key=lambda x: len(x[1].tokens), reverse=True):
            for i in c.tokens:
                owner[i] = base + n
    doc.user_data["clause_of"], doc.user_data["clauses"] = owner, clauses
    return clauses
