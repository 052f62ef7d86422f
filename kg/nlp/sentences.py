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

from kg.nlp import resources
from kg.nlp.german import MONTHS

PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
FINAL = ".!?"
OPENERS = {"„": "“", "«": "»", "»": "«", "‚": "‘"}
CLOSERS_ONLY = {"”"}


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


def is_heading(text: str) -> bool:
    """A short paragraph that does not end like a sentence is a (sub)heading."""
    t = text.rstrip()
    return bool(t) and t[-1] not in FINAL + "“”\"»«)" and "\n" not in t.strip()


def split(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph index) of every sentence of `text`."""
    out = []
    for pi, (ps, pe) in enumerate(paragraphs(text)):
        para = text[ps:pe]
        if is_heading(para):
            out.append((ps, pe, pi))
            continue
        for s, e in _split_paragraph(para):
            out.append((ps + s, ps + e, pi))
    return out


def _split_paragraph(para: str) -> list[tuple[int, int]]:
    cuts, start, stack, i = [], 0, [], 0
    n = len(para)
    while i < n:
        ch = para[i]
        i += 1
        closed = _track_quote(ch, stack, para, i)
        if closed and not stack and i >= 2 and para[i - 2] in FINAL:
            end = i
        elif ch in FINAL and not stack:
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
    return cuts


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
    while i < len(para) and para[i] in ".!?)":
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
    if not (follower.isupper() or follower.isdigit() or follower in "„\"«»‚“(–-"):
        return False
    word = para[start:stop + 1].split()[-1] if para[start:stop + 1].split() else ""
    if para[stop] == "." and word in resources.abbreviations():
        return False
    if para[stop] == "." and re.fullmatch(r"\d{1,2}\.", word):
        following = para[nxt:].split(maxsplit=1)[0] if para[nxt:].split() else ""
        if following.strip(",.") in MONTHS:
            return False
    if para[stop] == "." and re.fullmatch(r"[A-ZÄÖÜ]\.", word):
        return False
    return True
