"""Extraction speed on >= 200 distinct articles, one core and a process pool.

Run: .venv/bin/python bench/extract_bench.py [--articles 240] [--workers 1 2 4] [--stages] [--source PATH]
Target (issue 13): >= 80 articles per CPU-second on one core, scaling with workers. The
tokenizer-only rate is printed beside it as the ceiling any pipeline on
spacy.blank("de") could reach. Start-up (model loading, kg.extract.warm) is timed
separately. --stages prints where one core's CPU time goes, stage by stage. --source reads the
first --articles articles of real news instead (a JSONL file or folder, e.g. the wikinews set):
the bench corpus repeats its sentences, so it spares the tagger work that new text costs.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract_corpus import corpus  # noqa: E402

from kg.articles import read_paths  # noqa: E402
from kg.model import Article  # noqa: E402

from kg.extract import extract_many, warm  # noqa: E402
from kg.nlp import load_pipeline  # noqa: E402


def rate(label: str, articles, tokens: int, fn) -> float:
    """Wall-clock rate, plus CPU seconds spent (this process and its workers): on a busy
    machine the CPU time shows what the wall clock would be on idle cores."""
    cpu0 = _cpu()
    started = time.perf_counter()
    count = fn()
    seconds = time.perf_counter() - started
    cpu = _cpu() - cpu0
    print(f"{label:<28} {len(articles) / seconds:8.1f} articles/s {tokens / seconds:10.0f} tokens/s"
          f"   ({count} positions, {seconds:.2f} s wall, {cpu:.2f} s CPU, "
          f"{len(articles) / cpu if cpu else 0:.1f} articles per CPU-second)")
    return len(articles) / seconds


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def articles_of(n_articles: int, source: str | None) -> list[Article]:
    """The bench corpus, or the first `n_articles` articles of `source`."""
    if source is None:
        return corpus(n_articles)
    return [a for a in read_paths([Path(source)]) if isinstance(a, Article)][:n_articles]


def run_one(n_articles: int, workers: int, source: str | None = None) -> None:
    """One configuration in a fresh process, so no configuration inherits warm caches."""
    articles = articles_of(n_articles, source)
    assert len({a.text for a in articles}) == len(articles), "corpus articles must be distinct"
    started = time.perf_counter()
    warm()
    nlp = load_pipeline()
    startup = time.perf_counter() - started
    tokens = sum(len(nlp.make_doc(a.text)) for a in articles)
    if workers == 0:
        print(f"start-up (pipeline, HanTa, gazetteer, codebook, topic index): {startup:.2f} s; {len(articles)} distinct "
              f"articles, {tokens} tokens; {os.cpu_count()} CPUs")
        rate("tokenizer only", articles, tokens, lambda: sum(len(nlp.make_doc(a.text)) for a in articles) * 0)
        return
    rate(f"extract, workers={workers}", articles, tokens,
         lambda: sum(len(p) for _, p in extract_many(iter(articles), workers=workers)))


def stages(n_articles: int, source: str | None = None) -> None:
    """CPU seconds per pipeline component and per step after it, in one process."""
    from kg.extract import positions_from_doc
    from kg.nlp.propositions import active_index, with_propositions

    articles = articles_of(n_articles, source)
    warm()
    nlp, spent = load_pipeline(), {}

    def timed(name, fn):
        started = time.process_time()
        value = fn()
        spent[name] = spent.get(name, 0.0) + time.process_time() - started
        return value

    total = time.process_time()
    for a in articles:
        doc = timed("make_doc", lambda: nlp.make_doc(a.text))
        doc._.article_date = a.date
        for name, proc in nlp.pipeline:
            doc = timed(name, lambda: proc(doc))
        found = timed("positions (topics, dates)", lambda: positions_from_doc(a, doc))
        timed("propositions", lambda: with_propositions(found, active_index()))
    total = time.process_time() - total
    for name, seconds in spent.items():
        print(f"{name:<28} {seconds:6.2f} CPU-s {100 * seconds / total:5.1f} %")
    print(f"{'all':<28} {total:6.2f} CPU-s, {len(articles) / total:.1f} articles per CPU-second")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=240)
    ap.add_argument("--workers", type=int, nargs="*", default=[1, 2, 4])
    ap.add_argument("--stages", action="store_true", help="CPU time per pipeline stage, one process")
    ap.add_argument("--source", help="articles of this JSONL file or folder instead of the bench corpus")
    ap.add_argument("--only", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.stages:
        stages(args.articles, args.source)
        return 0
    if args.only is not None:
        run_one(args.articles, args.only, args.source)
        return 0
    for w in [0, *args.workers]:
        source = ["--source", args.source] if args.source else []
        subprocess.run([sys.executable, __file__, "--articles", str(args.articles), "--only", str(w), *source], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
