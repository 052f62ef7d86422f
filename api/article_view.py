"""The article page's text: a headline of one sentence, evidence sentences marked in the text.

Articles without a title have their lead paragraph as headline; a reader scans one sentence.
Each position's evidence is a span (startOffset, endOffset) of the article text; marking it
there, with links from the mark to the position's row and back, lets a reader check a
position against what was written.
"""
from __future__ import annotations

import re

from api.charts import literal_text

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"])")
PARAGRAPH = re.compile(r"\n\s*\n")
HEADLINE_MAX = 160


def first_sentence(text: str) -> str:
    """The first sentence of `text`, or its first HEADLINE_MAX characters cut at a word with '…'."""
    text = " ".join(str(text or "").split())
    sentence = SENTENCE_END.split(text, 1)[0]
    if len(sentence) <= HEADLINE_MAX:
        return sentence
    return sentence[:HEADLINE_MAX].rsplit(" ", 1)[0] + " …"


def evidence_context(text: str, start: int, end: int) -> dict:
    """The evidence sentence text[start:end] with the sentence before and the one after it
    (within its paragraph, as the article's text has them), for the position card: a reader
    judges a quotation by what surrounds it."""
    text = str(text or "")
    if not 0 <= start < end <= len(text):
        return {"before": "", "sentence": "", "after": ""}
    before = PARAGRAPH.split(text[:start])[-1]
    after = PARAGRAPH.split(text[end:])[0]
    return {"before": " ".join(SENTENCE_END.split(before.strip())[-1].split()), "sentence": text[start:end],
            "after": " ".join(SENTENCE_END.split(after.strip(), 1)[0].split())}


def span(position: dict) -> tuple[int, int] | None:
    evidence = position.get("evidence")
    if not isinstance(evidence, dict):
        return None
    try:
        return int(literal_text(evidence.get("startOffset"))), int(literal_text(evidence.get("endOffset")))
    except ValueError:
        return None


def marked_text(text: str, positions: list[dict]) -> tuple[list[dict], list[str | None]]:
    """(segments of the text, each {"text", "mark": anchor id or None, "rows": [row ids],
    "ids": [evidence_anchor of each position]}, and per position the anchor its row links to).
    Overlapping evidence shares the first mark."""
    text = str(text or "")
    spans = sorted((s, i) for i, s in ((i, span(p)) for i, p in enumerate(positions)) if s and 0 <= s[0] < s[1] <= len(text))
    segments, anchors, at, current = [], [None] * len(positions), 0, None
    for (start, end), i in spans:
        if current and start < current["end"]:  # overlaps the mark before: the same mark
            current["rows"].append(f"pos-{i + 1}")
            current["ids"].append(evidence_anchor(positions[i]))
            anchors[i] = current["mark"]
            current["end"] = max(current["end"], end)
            continue
        if current:
            segments.append(current)
            at = current["end"]
        segments.append({"mark": None, "start": at, "end": start, "rows": [], "ids": []})
        current = {"mark": f"ev-{i + 1}", "start": start, "end": end, "rows": [f"pos-{i + 1}"],
                   "ids": [evidence_anchor(positions[i])]}
        anchors[i] = current["mark"]
    if current:
        segments.append(current)
        at = current["end"]
    segments.append({"mark": None, "start": at, "end": len(text), "rows": [], "ids": []})
    return [{**s, "text": text[s["start"]:s["end"]]} for s in segments if s["end"] > s["start"]], anchors


def evidence_anchor(position) -> str:
    """The article page's anchor of a position's evidence mark, known to the position's own page:
    `evidence-{position id}` (a position dict or IRI)."""
    iri = position.get("@id", "") if isinstance(position, dict) else str(position or "")
    return "evidence-" + iri.rsplit("/", 1)[-1]
