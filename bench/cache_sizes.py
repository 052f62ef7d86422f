"""Hit rate against size for every memo of kg.caches: what bound keeps most of the benefit.

Run: .venv/bin/python bench/cache_sizes.py [--scale 2000] [--wikinews 150] [FOLDER...]

Extracts the articles of the folders given (default: eval/dev and tests/data), the first
--wikinews articles of ../shared/eval/wikinews (real news: names and words the pipeline has
not seen) and --scale articles of the scale corpus, with every memo of kg.caches unbounded
and each call's key recorded. Then it replays each memo's keys through an LRU cache (or, for
a Memo, a dict that stops at its bound) of several sizes and prints the hits each size keeps
as a share of the unbounded memo's, with the CPU seconds spent in misses (what a hit saves;
not measured for a Memo: 0).
The bounds in kg.caches keep about 90 % of the hits on this text.
"""
from __future__ import annotations

import argparse
import itertools
import sys
import time
from array import array
from collections import OrderedDict, namedtuple
from functools import partial, wraps
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from kg import caches  # noqa: E402  (patched before any pipeline module imports it)

SIZES = (500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000)
KEYS: dict[str, array] = {}
MISS_SECONDS: dict[str, float] = {}
POLICY: dict[str, str] = {}  # a Memo fills and stops, or starts again ("renew"); the others are LRU
Info = namedtuple("Info", "currsize")


def tracing_memo(name):
    """caches.memo, unbounded, recording every call's key and the time its misses take."""
    keys, MISS_SECONDS[name] = KEYS.setdefault(name, array("q")), 0.0

    def wrap(function):
        seen = {}

        @wraps(function)
        def call(*args, **kwargs):
            key = (args, tuple(kwargs.items())) if kwargs else args
            keys.append(hash(key))
            found = seen.get(key, seen)
            if found is seen:
                started = time.process_time()
                found = seen[key] = function(*args, **kwargs)
                MISS_SECONDS[name] += time.process_time() - started
            return found
        call.cache_info = lambda: Info(len(seen))
        call.cache_clear = seen.clear
        return call
    return wrap


class TracingMemo(dict):
    """caches.Memo, unbounded, recording every look-up's key."""

    def __init__(self, name, renew=False):
        super().__init__()
        self.name, self.keys = name, KEYS.setdefault(name, array("q"))
        MISS_SECONDS.setdefault(name, 0.0)
        POLICY[name] = "renew" if renew else "fill"

    def get(self, key, default=None):
        self.keys.append(hash(key))
        return super().get(key, default)

    def keep(self, key, value):
        self[key] = value
        return value

    __hash__ = object.__hash__


caches.memo, caches.Memo = tracing_memo, TracingMemo


def lru_hits(keys: array, size: int) -> int:
    kept, hits = OrderedDict(), 0
    for k in keys:
        if k in kept:
            hits += 1
            kept.move_to_end(k)
        else:
            kept[k] = None
            if len(kept) > size:
                kept.popitem(last=False)
    return hits


def memo_hits(keys: array, size: int, renew: bool = False) -> int:
    """Hits of a Memo of `size`: when full it takes no more, or (`renew`) starts again empty."""
    kept, hits = set(), 0
    for k in keys:
        if k in kept:
            hits += 1
            continue
        if len(kept) >= size and renew:
            kept.clear()
        if len(kept) < size:
            kept.add(k)
    return hits


def articles(folders: list[Path], wikinews: int, scale: int):
    from extract_corpus import iter_scale_corpus

    from kg.articles import read_paths
    from kg.model import Article

    for folder in folders:
        yield from (a for a in read_paths([folder]) if isinstance(a, Article))
    news = ROOT.parent / "shared" / "eval" / "wikinews" / "articles.jsonl"
    if wikinews and news.exists():
        yield from itertools.islice((a for a in read_paths([news]) if isinstance(a, Article)), wikinews)
    yield from iter_scale_corpus(scale)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*", type=Path, default=[ROOT / "eval" / "dev" / "articles",
                                                               ROOT / "tests" / "data" / "articles"])
    ap.add_argument("--wikinews", type=int, default=150)
    ap.add_argument("--scale", type=int, default=0, help="scale-corpus articles after the others")
    args = ap.parse_args()
    from kg.extract import extract_checked, warm

    warm()
    for name in KEYS:  # what warm-up asked is not the corpus's
        del KEYS[name][:]
        MISS_SECONDS[name] = 0.0
    count, cpu = 0, time.process_time()
    for article in articles(args.folders, args.wikinews, args.scale):
        try:
            extract_checked(article)
        except Exception as e:  # noqa: BLE001
            print(f"  {article.id}: {type(e).__name__}", file=sys.stderr)
        count += 1
    print(f"{count} articles, {time.process_time() - cpu:.0f} CPU-s with tracing; share of the unbounded memo's hits "
          f"kept by each size (LRU; a Memo fills and stops, or starts again)")
    print(f"{'memo':24s} {'calls':>9s} {'distinct':>8s} {'hits':>6s} {'miss s':>6s} "
          + " ".join(f"{s:>7d}" for s in SIZES))
    for name in caches.BOUNDS:
        keys = KEYS.get(name)
        if not keys:
            continue
        distinct = len(set(keys))
        best = len(keys) - distinct
        policy = POLICY.get(name)
        hits = lru_hits if policy is None else partial(memo_hits, renew=policy == "renew")
        shares = [hits(keys, s) / best if best else 1.0 for s in SIZES if s < distinct] + [1.0]
        cells = [f"{x:7.3f}" for x in shares] + [""] * (len(SIZES) - len(shares))
        print(f"{name:24s} {len(keys):9d} {distinct:8d} {best / len(keys):6.3f} {MISS_SECONDS[name]:6.1f} "
              + " ".join(f"{c:>7s}" for c in cells), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
