"""Memory of one worker over a long stream: RSS and every cache's fill every --every articles.

Run: .venv/bin/python bench/memory_curve.py [--articles 20000] [--every 1000] [--extract-only]

One process reads the scale corpus (bench/extract_corpus.py) and does what a Dask task does
with each article (kg.shards: extract, build the graphs, validate, serialise), without Dask.
Every --every articles it prints the current and peak RSS, Python's allocated blocks, the CPU
seconds of that stretch, the size of spaCy's string store and how full each cache of
kg.caches is: a flat RSS after the caches are full is the goal (issue 13).
"""
from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from extract_corpus import iter_scale_corpus  # noqa: E402


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident set size of this process in MB."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def fills() -> dict[str, int]:
    """How full each memo of kg.caches is."""
    from kg import caches

    return {name: size for name, size, _ in caches.report()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--every", type=int, default=1_000)
    ap.add_argument("--extract-only", action="store_true", help="extraction alone, no graphs or validation")
    ap.add_argument("--caches", action="store_true", help="print every cache's fill at each line")
    ap.add_argument("--clear-every", type=int, default=0,
                    help="empty every memo (kg.caches.clear) after this many articles, as a per-task clear would")
    args = ap.parse_args()
    from kg import caches
    from kg.extract import extract_checked, warm
    from kg.nlp import load_pipeline
    from kg.ingest import article_graphs

    warm()
    print(f"warm: RSS {rss_mb()[0]:.0f} MB", flush=True)
    cpu = time.process_time()
    for i, article in enumerate(iter_scale_corpus(args.articles), 1):
        try:
            if args.extract_only:
                extract_checked(article)
            else:  # what kg.shards.process_partition does with an article
                for graph in article_graphs(article, extract_checked(article)):
                    graph.serialize(format="nt", encoding="utf-8")
        except Exception as e:  # noqa: BLE001 (a rejected article is part of the stream)
            print(f"  {article.id}: {type(e).__name__}", file=sys.stderr)
        if args.clear_every and i % args.clear_every == 0:
            caches.clear()
        if i % args.every == 0:
            now, peak = rss_mb()
            spent, cpu = time.process_time() - cpu, time.process_time()
            print(f"{i:7d} articles: RSS {now:6.0f} MB, peak {peak:6.0f} MB, "
                  f"{sys.getallocatedblocks() / 1e6:5.2f} M blocks, {spent / args.every * 1000:5.1f} ms CPU an article, "
                  f"strings {len(load_pipeline().vocab.strings):7d}, "
                  f"gc objects {len(gc.get_objects()):8d}", flush=True)
            if args.caches:
                print("    " + " ".join(f"{k}={v}" for k, v in fills().items()), flush=True)
    print(f"maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
