"""Time the RDF stage on one article of about 300 triples: build, validate, JSON-LD.

Run: .venv/bin/python bench/bench_rdf_stage.py [positions]   (default 20 positions)
Target: validation of a ~300-triple article graph well under 100 ms once the
shapes are loaded, so SHACL never dominates an ingest.
"""
from __future__ import annotations

import statistics
import sys
import time

from kg import build, iris, validate
from kg.model import Article, Position


def synthetic(n: int) -> tuple[Article, list[Position]]:
    """An article of n sentences, one position per sentence, seven distinct actors."""
    sentences = [f"Abgeordneter Nummer {i} fordert Maßnahme {i} im Bundeshaushalt." for i in range(n)]
    text = " ".join(sentences)
    article = Article(id="bench", date="2025-11-28", text=text, title="Haushalt")
    positions, offset = [], 0
    for i, sentence in enumerate(sentences):
        start = text.index(sentence, offset)
        offset = start + len(sentence)
        actor = f"Abgeordneter {i % 7}"
        positions.append(Position(
            article="bench", sentence=sentence, start=start, end=offset, actor=actor,
            actor_type="person", actor_iri=iris.actor_iri(actor), stance="support", act="demand",
            claim=f"Maßnahme {i}", topic=iris.topic_iri("haushalt"), topic_label="Haushalt",
            cap_major=1, date="2025-11-28", article_date="2025-11-28", confidence=0.8,
            aliases=[f"A{i}"], actor_kind="person"))
    return article, positions


def timed(label: str, fn, repeat: int = 15) -> None:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    print(f"{label:<28} median {statistics.median(samples):7.1f} ms   min {min(samples):7.1f} ms")


def main(n: int = 20) -> None:
    article, positions = synthetic(n)
    graph = validate.union(build.article_graph(article, positions), build.actors_graph(positions))
    started = time.perf_counter()
    assert validate.validate_graph(graph) == []
    print(f"{len(graph)} triples, {n} positions")
    print(f"{'first validation (loads)':<28} {(time.perf_counter() - started) * 1000:7.1f} ms")
    timed("build article + actors", lambda: build.article_graph(article, positions) + build.actors_graph(positions))
    timed("validate (shapes loaded)", lambda: validate.validate_graph(graph))
    timed("to_jsonld", lambda: build.to_jsonld(graph))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
