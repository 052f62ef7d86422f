"""Scale: `kg extract --engine dask` with 1 and 2 workers, peak memory per worker, bulk load.

Run: .venv/bin/python bench/scale_bench.py [--articles 2000] [--size 100] [--memory 1000 10000]
     [--load-triples 1000000];  or  --e2e 10000 --keep DIR  (extract, then kg load, kept in DIR)

1. Throughput: the scale corpus (bench/extract_corpus.py: dev and test articles
   recombined with other names, dates and subjects) through a local Dask cluster of
   1 and 2 worker processes: articles/s on the wall clock, and the ratio a core per
   worker would give: the busiest worker process's CPU-seconds (start-up and Dask's own
   work included) with 1 worker over those with 2. On a machine that others keep busy,
   that ratio is the one that means something; the load average is printed with each run.
2. Memory: the peak RSS of each worker for two corpus sizes (it should be flat); --e2e
   prints it after every partition of each worker.
3. Bulk load: `kg load` of the shards just written and of a synthetic 1 M-triple
   shard (bench/synth_graph.py), in quads/s, reference graphs timed apart.
"""
from __future__ import annotations

import argparse
import gzip
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from extract_corpus import write_jsonl  # noqa: E402

from kg.distributed import run_dask  # noqa: E402
from kg.partitions import plan  # noqa: E402

SIZE = 100  # articles per partition: enough tasks to keep both workers busy on small corpora


def extract(corpus: Path, out: Path, workers: int, size: int = SIZE) -> dict:
    """Run the Dask extraction; per task CPU, and per worker process CPU and peak RSS."""
    started = time.perf_counter()
    summary = run_dask(plan([corpus], size), out, workers=workers, announce=lambda _: None)
    wall = time.perf_counter() - started
    tasks = [r for r in summary.results if not r.skipped]
    first = min(r.seconds for r in tasks)
    cpu = sum(r.cpu_seconds for r in tasks)
    peaks: dict[int, float] = {}
    process_cpu: dict[int, float] = {}
    per_worker: dict[int, float] = {}
    trace: dict[int, list[float]] = {}
    for r in tasks:  # partition order, which is submission order
        peaks[r.worker] = max(peaks.get(r.worker, 0.0), r.peak_rss_mb)
        per_worker[r.worker] = per_worker.get(r.worker, 0.0) + r.cpu_seconds
        process_cpu[r.worker] = max(process_cpu.get(r.worker, 0.0), r.process_cpu)
        trace.setdefault(r.worker, []).append(r.peak_rss_mb)
    return {"workers": workers, "articles": summary.articles, "quads": summary.quads, "wall": wall,
            "rate": summary.articles / wall, "per_cpu": summary.articles / cpu, "cpu": cpu,
            "task_wall": sum(r.seconds for r in tasks), "first_task": first, "peaks": sorted(peaks.values()),
            "per_worker": per_worker, "rss_trace": trace, "process_cpu": process_cpu}


def e2e(n: int, keep: Path, workers: int = 2) -> None:
    """Extract `n` scale-corpus articles with `workers` workers into keep/shards and load them
    into keep/store; prints the peak RSS of every worker after each tenth of its partitions
    (flat memory shows as a flat row) and both stages' wall and CPU time. Reruns skip what is done."""
    keep.mkdir(parents=True, exist_ok=True)
    corpus = keep / f"corpus-{n}.jsonl.gz"
    if not corpus.exists():
        write_jsonl(corpus, n)
    print(f"e2e {n} articles, load average at start {os.getloadavg()}", flush=True)
    r = extract(corpus, keep / "shards", workers, 500)
    print(f"extract: {r['articles']} articles, {r['quads']} quads, {r['wall']:.0f} s wall ({r['rate']:.1f} articles/s), "
          f"{r['cpu']:.0f} CPU-s in tasks ({r['per_cpu']:.2f} articles per CPU-second), "
          f"per worker CPU {', '.join(f'{c:.0f}' for c in r['per_worker'].values())} s", flush=True)
    for pid, trace in r["rss_trace"].items():
        print(f"  worker {pid}: peak RSS after its partitions, in order: {' '.join(f'{m:.0f}' for m in trace)} MB")
    got = load(keep / "shards", keep / "store")
    print(f"load: {got['quads']} quads in {got['seconds']:.1f} s wall = {got['rate']:,.0f} quads/s, {got['cpu']:.1f} CPU-s "
          f"({got['quads'] / got['cpu']:,.0f} quads per CPU-second); end to end {r['wall'] + got['seconds'] + got['reference_seconds']:.0f} s wall; "
          f"load average at end {os.getloadavg()}", flush=True)


def load(shards: Path, store: Path) -> dict:
    from kg.load import find_shards, load_shards
    from kg.store import OxigraphStore

    cpu = time.process_time()
    with OxigraphStore(store) as s:
        summary = load_shards(s, find_shards(shards), lenient=True)  # kg extract wrote them
    cpu = time.process_time() - cpu
    return {"quads": summary.quads, "seconds": summary.bulk_seconds, "rate": summary.rate, "cpu": cpu,
            "reference_seconds": summary.seconds - summary.bulk_seconds, "stored": summary.stored}


def synthetic_shards(folder: Path, triples: int) -> Path:
    """bench/synth_graph.py's dataset cut into shards of about 100,000 quads."""
    from synth_graph import generate

    raw = folder / "synth.nq"
    generate(raw, triples)
    out = folder / "synth-shards"
    out.mkdir()
    lines = raw.read_bytes().splitlines(keepends=True)
    for i in range(0, len(lines), 100_000):
        (out / f"part-{i // 100_000:06d}-synth.nq.gz").write_bytes(gzip.compress(b"".join(lines[i:i + 100_000]), 6))
    raw.unlink()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000, help="corpus for the 1- and 2-worker runs (0: skip)")
    ap.add_argument("--memory", type=int, nargs="*", default=[], help="corpus sizes for the memory runs (2 workers)")
    ap.add_argument("--load-triples", type=int, default=1_000_000)
    ap.add_argument("--size", type=int, default=SIZE, help="articles per partition in the 1- and 2-worker runs")
    ap.add_argument("--e2e", type=int, default=0, help="extract and load this many articles (2 workers) into --keep")
    ap.add_argument("--keep", type=Path, help="folder for --e2e: corpus, shards, store (kept; a rerun resumes)")
    args = ap.parse_args()
    if args.e2e:
        e2e(args.e2e, args.keep or Path(tempfile.mkdtemp(prefix="scale-e2e-")))
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="scale-bench-"))
    try:
        if args.articles:
            corpus = tmp / "corpus.jsonl.gz"
            write_jsonl(corpus, args.articles)
            runs = []
            for w in (1, 2):
                before = os.getloadavg()
                runs.append(extract(corpus, tmp / f"out-{w}", w, args.size))
                runs[-1]["loads"] = (before, os.getloadavg())
            for r in runs:
                print(f"workers={r['workers']}: {r['articles']} articles, {r['quads']} quads, {r['wall']:.1f} s wall "
                      f"({r['rate']:.1f} articles/s), {r['cpu']:.1f} CPU-s in tasks ({r['per_cpu']:.2f} articles per "
                      f"CPU-second), worker processes' CPU {', '.join(f'{c:.1f}' for c in r['process_cpu'].values())} s, "
                      f"peak RSS per worker {', '.join(f'{p:.0f}' for p in r['peaks'])} MB, load average "
                      f"{r['loads'][0][0]:.1f} before, {r['loads'][1][0]:.1f} after", flush=True)
            one, two = (max(r["process_cpu"].values()) for r in runs)
            print(f"2 / 1 workers: {runs[1]['rate'] / runs[0]['rate']:.2f}x on the wall clock; "
                  f"{one / two:.2f}x with a core per worker (the busiest worker process's CPU-seconds, start-up "
                  f"and Dask's own work included: {one:.1f} s alone, {two:.1f} s of two)", flush=True)
            got = load(tmp / "out-2", tmp / "store-real")
            print(f"kg load, real shards: {got['quads']} quads in {got['seconds']:.2f} s = {got['rate']:,.0f} quads/s "
                  f"(and {got['reference_seconds']:.2f} s for the reference graphs)", flush=True)
        for n in args.memory:
            big = tmp / f"corpus-{n}.jsonl.gz"
            write_jsonl(big, n)
            r = extract(big, tmp / f"mem-{n}", 2)
            print(f"memory, {n} articles, 2 workers: peak RSS per worker {', '.join(f'{p:.0f}' for p in r['peaks'])} MB "
                  f"({r['wall']:.0f} s, {r['rate']:.1f} articles/s)", flush=True)
            shutil.rmtree(tmp / f"mem-{n}")
        if args.load_triples:
            shards = synthetic_shards(tmp, args.load_triples)
            got = load(shards, tmp / "store-synth")
            print(f"kg load, synthetic: {got['quads']} quads in {got['seconds']:.2f} s = {got['rate']:,.0f} quads/s "
                  f"({got['cpu']:.2f} CPU-s in all, reference graphs included)", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
