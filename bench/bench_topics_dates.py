"""Time the per-sentence topic and date decisions on the development articles.

Run: .venv/bin/python bench/bench_topics_dates.py
Target: both well under a millisecond per sentence (they run for every statement), so
neither shows next to the tagger in an extraction profile.
"""
from __future__ import annotations

import re
import statistics
import time
from pathlib import Path

import spacy

from kg.nlp import dates, topics

DEV = Path(__file__).resolve().parent.parent / "eval" / "dev" / "articles"
SENTENCE_END = re.compile(r"(?<=[.!?“\"])\s+")


def tagged_sentences() -> list[tuple[object, list[str], list[str], str]]:
    """(span, lemmas, paragraph lemmas, article date) for every sentence of the dev articles."""
    from HanTa import HanoverTagger as ht

    nlp, tagger = spacy.blank("de"), ht.HanoverTagger("morphmodel_ger.pgz")
    out = []
    for path in sorted(DEV.glob("*.txt")):
        _, _, header, body = path.read_text(encoding="utf-8").split(" ", 3)
        for paragraph in body.split("\n\n"):
            para_lemmas: list[str] = []
            spans = []
            for sentence in filter(None, SENTENCE_END.split(paragraph.strip())):
                doc = nlp(sentence)
                for tok, (_, lemma, tag) in zip(doc, tagger.tag_sent([t.text for t in doc], taglevel=1)):
                    tok.tag_, tok.lemma_ = tag.replace("(", "").replace(")", ""), lemma
                spans.append(doc[:])
                para_lemmas += [t.lemma_.lower() for t in doc]
            out += [(s, [t.lemma_.lower() for t in s], para_lemmas, header) for s in spans]
    return out


def per_call_us(fn, items, repeat: int = 20) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        for item in items:
            fn(item)
        samples.append((time.perf_counter() - started) / len(items) * 1e6)
    return statistics.median(samples)


def main() -> None:
    items = tagged_sentences()
    started = time.perf_counter()
    topics.default_index()
    print(f"topic index built in {(time.perf_counter() - started) * 1000:.0f} ms")
    print(f"{len(items)} sentences")
    print(f"classify (sentence only)       {per_call_us(lambda i: topics.classify(i[1]), items):7.1f} µs")
    print(f"classify (+ paragraph context) {per_call_us(lambda i: topics.classify(i[1], [i[2]]), items):7.1f} µs")
    print(f"statement_date                 {per_call_us(lambda i: dates.statement_date(i[0], i[3]), items):7.1f} µs")


if __name__ == "__main__":
    main()
