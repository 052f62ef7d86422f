"""Sentence boundaries that suit news text.

Generic splitters break quotes apart and glue subheadings to the next paragraph.
Here a paragraph without final punctuation (a headline or subheading) is one
sentence; a quotation is never split, so a quote spanning several sentences
stays one attributed unit together with its `sagte er`; a full stop followed by
a lower-case word (`... sprechen. sagte Costa`) or after an abbreviation or a
day number (`am 3. März`) does not end a sentence.
"""
from __future__ import annotations

import re

from kg.caches import memo
from kg.nlp import resources
from kg.nlp.doc import is_heading
from kg.nlp.german import MONTH_ABBREVIATIONS, MONTHS, ORDINAL_DETERMINERS, SENTENCE_CONNECTIVES

PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
FINAL = ".!?"
ELLIPSIS = "…"  # ends a sentence before a capital (`… Buffon… Dem Torwart steht …`), not before `]` or lower case
WIKI_ITALICS = "''"  # wiki markup opening the next sentence (`… entscheiden. ''Frage'': …`)
OPENERS = {"„": "“", "«": "»", "»": "«", "‚": "‘"}
CLOSERS_ONLY = {"”"}
MARKS = re.compile("[" + re.escape(FINAL + ELLIPSIS + '"“' + "".join(OPENERS) + "".join(OPENERS.values())
                             + "".join(CLOSERS_ONLY)) + "]")  # what _split_paragraph acts on: stops and quotation marks
MISSING_STOP = re.compile(r"(?<=[\w)\]])[ \t]+(?=(" + "|".join(sorted(w.capitalize() for w in SENTENCE_CONNECTIVES))
                          + r")\b)")  # see _missing_stops
MAX_SENTENCE = 1000  # characters; see _capped


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty paragraph, blank lines separating them."""
    spans, pos = [], 0
    for m in PARAGRAPH.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            out.append((s + lead, s + trail))
    return out


def split(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph index) of every sentence of `text`."""
    out = []
    for pi, (ps, pe) in enumerate(paragraphs(text)):
        for ls, le in _lines(text[ps:pe]):
            para = text[ps + ls:ps + le]
            if is_heading(para) and not _inner_stop(para):
                out.extend(_capped(text, ps + ls, ps + le, pi))
                continue
            for s, e in _split_paragraph(para):
                out.extend(_capped(text, ps + ls + s, ps + ls + e, pi))
    return out


def _capped(text: str, start: int, end: int, pi: int) -> list[tuple[int, int, int]]:
    """A sentence longer than MAX_SENTENCE cut at spaces into pieces no longer than that.

    Attribution looks at every verb against its whole clause, so its work grows with the
    square of a sentence's length; news sentences stay far below the cap (the longest in
    eval/dev has 258 characters), a text without punctuation does not."""
    pieces = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        stop = cut
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        pieces.append((start, stop, pi))
        start = _skip_space(text, cut)
    return pieces + [(start, end, pi)] if start < end else pieces


def _inner_stop(para: str) -> bool:
    """Does a paragraph without final punctuation hold sentences (a caption of two
    sentences, text with its last stop missing)? Then it is split like any other."""
    return len(_split_paragraph(para)) > 1


def _lines(para: str) -> list[tuple[int, int]]:
    """Parts of a paragraph that a line break alone separates: a line without final
    punctuation (a caption, a source line, a dateline of its own) is not run into the
    next sentence -- unless the paragraph is hard-wrapped (most of its lines end
    mid-sentence), where a line break is only layout."""
    if "\n" not in para:
        return [(0, len(para))]
    lines, pos = [], 0
    for line in para.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    open_ends = [para[a:b].rstrip()[-1:] not in FINAL + "“”\"»«):" for a, b in lines[:-1] if para[a:b].strip()]
    wrapped = sum(open_ends) >= 2 and sum(open_ends) * 2 > len(open_ends)
    if not any(open_ends) or wrapped or _inside_quote(para, lines):
        return [(0, len(para))]
    out, start = [], 0
    for a, b in lines[:-1]:
        tail, follower = para[a:b].rstrip(), para[b + 1:].lstrip()[:1]
        if tail and tail[-1] not in FINAL + "“”\"»«):,;-–" and not tail[-1].isdigit() and not follower.islower():
            out.append((start, a + len(tail)))
            start = b + 1
    out.append((start, len(para)))
    return [(a + len(para[a:b]) - len(para[a:b].lstrip()), b) for a, b in out if para[a:b].strip()]


def _inside_quote(para: str, lines: list[tuple[int, int]]) -> bool:
    """Does a quotation run across a line break (then the break ends nothing)?"""
    stack: list[str] = []
    for a, b in lines[:-1]:
        for i in range(a, b):
            _track_quote(para[i], stack, para, i + 1)
        if stack:
            return True
    return False


@memo("sentences.paragraph")
def _split_paragraph(para: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence of a paragraph (a line of it, see _lines). It reads the
    paragraph alone, so it is kept per paragraph: news wires repeat paragraphs, and a heading
    asks twice (_inner_stop, then split)."""
    cuts, start, stack, i = [], 0, [], 0
    n = len(para)
    while (mark := MARKS.search(para, i)) is not None:  # any other character changes nothing
        ch = para[mark.start()]
        i = mark.start() + 1
        closed = _track_quote(ch, stack, para, i)
        if closed and not stack and i >= 2 and para[i - 2] in FINAL:
            end = i
        elif (ch in FINAL or ch == ELLIPSIS) and not stack:
            end = _end_after_closers(para, i)
        else:
            continue
        stop = i - 2 if closed else i - 1
        if _boundary(para, start, stop, end):
            cuts.append((start, end))
            start = _skip_space(para, end)
            i = start
    if start < n and para[start:].strip():
        cuts.append((start, len(para.rstrip())))
    return tuple([part for cut in cuts for piece in _missing_stops(para, *cut) for part in _markup_apart(para, *piece)])


def _missing_stops(para: str, start: int, end: int) -> list[tuple[int, int]]:
    """A list or caption whose stop is missing runs into the next sentence (`… Kommandant;
    Peter Lang, Pilot (ESA) Doch auch die Europäer fordern einen früheren Start.`): a
    connective that opens a main clause, capitalised after a word or bracket outside a
    quotation, starts a sentence of its own, so that no name of the list holds its verb."""
    out, stack, read = [], [], start  # the quotation marks are read once, up to each match
    for m in MISSING_STOP.finditer(para, start, end):
        for i in range(read, m.start()):
            _track_quote(para[i], stack, para, i + 1)
        read = m.start()
        if not stack:
            out.append((start, m.start()))
            start = m.end()
    return out + [(start, end)]


def _markup_apart(para: str, start: int, end: int) -> list[tuple[int, int]]:
    """A wiki italics mark standing alone before a sentence (`… voran. '' Keller'': Auch …`,
    closing the question before or opening a speaker label) is a sentence of its own: it has
    no words, so the position of the sentence after it does not reach back over it."""
    if para.startswith(WIKI_ITALICS, start) and end > start + len(WIKI_ITALICS) \
            and para[start + len(WIKI_ITALICS)].isspace():
        return [(start, start + len(WIKI_ITALICS)), (_skip_space(para, start + len(WIKI_ITALICS)), end)]
    return [(start, end)]


def _track_quote(ch: str, stack: list[str], para: str, i: int) -> bool:
    """Update the open-quote stack; True when `ch` closed a quotation."""
    if ch == '"':
        if stack and stack[-1] == '"':
            stack.pop()
            return True
        stack.append('"')
    elif ch == "“":
        if stack and stack[-1] == "“":
            stack.pop()
            return True
        if not stack and i < len(para) and not para[i].isspace():
            stack.append("”")
    elif stack and ch == stack[-1]:
        stack.pop()
        return True
    elif ch in CLOSERS_ONLY:
        return False
    elif ch in OPENERS:
        stack.append(OPENERS[ch])
    return False


def _end_after_closers(para: str, i: int) -> int:
    """Past the stop: more stops, a bracket, and a closing quotation mark whose opening
    stands before this paragraph (a quotation running over paragraphs)."""
    while i < len(para) and (para[i] in ".!?)" or para[i] in "“”‘«" and (i + 1 == len(para) or para[i + 1].isspace())):
        i += 1
    return i


def _skip_space(para: str, i: int) -> int:
    while i < len(para) and para[i].isspace():
        i += 1
    return i


def _boundary(para: str, start: int, stop: int, end: int) -> bool:
    """Does the stop at `stop` end a sentence? Look at the word before and after it."""
    nxt = _skip_space(para, end)
    if nxt >= len(para) or nxt == end:
        return nxt >= len(para)
    follower = para[nxt]
    if not (follower.isupper() or follower.isdigit() or follower in "„\"«»‚“(–-" or para.startswith(WIKI_ITALICS, nxt)):
        return False
    if para[stop] != ".":
        return True
    words = para[start:stop + 1].split()
    word = words[-1].lstrip("(„\"»«") if words else ""
    if word in resources.abbreviations() or re.fullmatch(r"([A-ZÄÖÜ]\.)+", word):
        return False  # `e.V.`, `a.D.`, initials (`J.D. Salinger`)
    if word in resources.number_abbreviations():
        return not follower.isdigit()  # `Art. 5 GG`, but `… ein Verfahren dieser Art. Es …`
    return not _ordinal(word, words[-2].lower() if len(words) > 1 else "", para[nxt:])


def _ordinal(word: str, before: str, rest: str) -> bool:
    """Is `word` a number with the full stop of an ordinal: before a month (`am 3. März`,
    `(20. Mai`) or after a determiner (`in der 62. Minute`, `zum 16. Mal`)?"""
    if not re.fullmatch(r"\d{1,3}\.", word):
        return False
    following = rest.split(maxsplit=1)[0].strip(",.)") if rest.split() else ""
    return following in MONTHS or following in MONTH_ABBREVIATIONS or before in ORDINAL_DETERMINERS
