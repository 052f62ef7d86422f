"""Peak memory of `kg extract` against corpus size: it should stay flat.

Run: .venv/bin/python bench/extract_memory.py [--sizes 200 800 1600]
Each size runs `kg extract` in a fresh process on a JSONL corpus of that many
distinct articles (bench/extract_corpus.py) and reports the child's peak RSS.
extract_many streams articles and the pipeline's caches are bounded, so the peak
should not grow with the corpus beyond the caches filling up.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from extract_corpus import corpus  # noqa: E402


def peak_rss_mb(n_articles: int, workers: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for a in corpus(n_articles):
                f.write(json.dumps({"id": a.id, "date": a.date, "text": a.text}, ensure_ascii=False) + "\n")
        script = ("import resource, subprocess, sys; "
                  "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
                  "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
        started = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", script, sys.executable, "-m", "kg.cli", "extract", str(path),
                              "--workers", str(workers)], capture_output=True, text=True, cwd=ROOT)
        if out.returncode:
            raise SystemExit(f"kg extract failed on {n_articles} articles:\n{out.stderr[-2000:]}")
        return int(out.stdout.strip()) / 1024, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 800, 1600])
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    for n in args.sizes:
        mb, seconds = peak_rss_mb(n, args.workers)
        print(f"{n:6d} articles: peak RSS {mb:7.1f} MB ({seconds:.1f} s, workers={args.workers})")


if __name__ == "__main__":
    main()
