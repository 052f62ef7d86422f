"""`kg load DIR`: the shards of `kg extract --engine ... --out DIR` into the embedded store, fast.

pyoxigraph's bulk loader writes sorted files straight into RocksDB instead of
running one transaction per article, which is what makes a large load fast. Its
cost is in Rust (parsing, sorting six indexes, compaction) and it releases the
GIL, so shards load in several threads at once, each thread decompressing its
own shard (zlib releases the GIL too): Python never parses a quad. One call per
shard keeps memory at a few shards' worth of N-Quads, and on this machine it
cost no more CPU than fewer, larger calls (about 110,000 quads per CPU-second
either way, bench/scale_bench.py). It is not atomic: a crash leaves the shards loaded so far. Loading is idempotent
(an RDF dataset is a set of quads), so the cure is to run `kg load` again. The
reference graphs (ontology, topic scheme) are written as `kg ingest` writes them,
so a loaded store answers the same queries as an ingested one (with the project's
issue codebook, the one the workers matched claims against).
"""
from __future__ import annotations

import gzip
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kg import iris
from kg.errors import StoreError
from kg.shards import SHARD

THREADS = max(2, min(os.cpu_count() or 2, 8))  # concurrent bulk_load calls
MIN_BATCH = 1 << 20  # gzip bytes: small shards are joined up to this before one bulk_load call


@dataclass
class LoadSummary:
    shards: int = 0
    quads: int = 0
    seconds: float = 0.0
    bulk_seconds: float = 0.0  # the shards alone, without the reference graphs
    stored: int = 0

    @property
    def rate(self) -> float:
        return self.quads / self.bulk_seconds if self.bulk_seconds else 0.0

    def line(self) -> str:
        return (f"{self.shards} shards, {self.quads} quads read, {self.stored} quads in the store, "
                f"{self.seconds:.1f} s ({self.rate:,.0f} quads/s bulk load)")


def find_shards(folder: str | Path) -> list[Path]:
    folder = Path(folder)
    if not folder.is_dir():
        raise StoreError(f"no folder {folder}")
    shards = sorted(folder.glob("part-*" + SHARD))
    if not shards:
        raise StoreError(f"no shards (*{SHARD}) in {folder}: write them with `kg extract --engine dask --out {folder}`")
    return shards


def load_shards(store, shards: list[Path], *, progress: bool = False, threads: int = THREADS) -> LoadSummary:
    """Bulk-load `shards` (gzip N-Quads) into an embedded OxigraphStore, plus the reference graphs,
    `threads` shards at a time; the first bad shard stops the load with its name."""
    import pyoxigraph as ox

    from kg.ingest import write_reference_graphs
    from kg.shards import reference_graphs

    native = getattr(store, "native", None)
    if native is None:
        raise StoreError("kg load writes the embedded store only; for a remote server see README (Loading shards)")
    summary, started = LoadSummary(), time.perf_counter()
    write_reference_graphs(store, reference_graphs()[iris.ISSUES_GRAPH])
    bulk_started = time.perf_counter()

    def one(batch: list[Path]) -> int:
        data = b"".join(map(_read, batch))
        try:
            native.bulk_load(data, ox.RdfFormat.N_QUADS)
        except SyntaxError as e:
            names = ", ".join(p.name for p in batch)
            raise StoreError(f"{names}: not valid N-Quads: {e}") from None
        return data.count(b"\n")

    batches = _batches(shards)
    pool = ThreadPoolExecutor(max(1, threads), thread_name_prefix="kg-load")
    try:
        for batch, quads in zip(batches, _progress(pool.map(one, batches), progress, len(batches))):
            summary.shards += len(batch)
            summary.quads += quads
    finally:
        pool.shutdown(cancel_futures=True)  # after a bad shard, start no other
    native.flush()
    summary.bulk_seconds = time.perf_counter() - bulk_started
    summary.seconds = time.perf_counter() - started
    summary.stored = len(native)
    return summary


def _batches(shards: list[Path]) -> list[list[Path]]:
    """Consecutive shards joined until MIN_BATCH gzip bytes, so tiny partitions do not each
    cost a bulk_load call (every call writes its own sorted files for RocksDB to merge)."""
    batches: list[list[Path]] = []
    size = MIN_BATCH
    for shard in shards:
        if size >= MIN_BATCH:
            batches.append([])
            size = 0
        batches[-1].append(shard)
        size += shard.stat().st_size
    return batches


def _read(shard: Path) -> bytes:
    try:
        return gzip.decompress(shard.read_bytes())
    except (OSError, EOFError) as e:
        raise StoreError(f"{shard}: not a readable gzip shard ({e})") from None


def _progress(items, enabled: bool, total: int):
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, unit=" batches", file=sys.stderr, leave=False)
