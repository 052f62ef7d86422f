"""`kg load DIR`: the shards of `kg extract --engine ... --out DIR` into the embedded store, fast.

pyoxigraph's bulk loader writes sorted files straight into RocksDB instead of
running one transaction per article, which is what makes a large load fast. It
is not atomic: a crash leaves the shards loaded so far. Loading is idempotent
(an RDF dataset is a set of quads), so the cure is to run `kg load` again. The
reference graphs (ontology, topic scheme) are written as `kg ingest` writes them,
so a loaded store answers the same queries as an ingested one (with the project's
issue codebook, the one the workers matched claims against).
"""
from __future__ import annotations

import gzip
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from kg import iris
from kg.errors import StoreError
from kg.shards import SHARD

BATCH_BYTES = 256 << 20  # uncompressed N-Quads handed to one bulk_load call


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


def load_shards(store, shards: list[Path], *, progress: bool = False) -> LoadSummary:
    """Bulk-load `shards` (gzip N-Quads) into an embedded OxigraphStore, plus the reference graphs."""
    import pyoxigraph as ox

    from kg.ingest import write_reference_graphs
    from kg.shards import reference_graphs

    native = getattr(store, "native", None)
    if native is None:
        raise StoreError("kg load writes the embedded store only; for a remote server see README (Loading shards)")
    summary, started = LoadSummary(), time.perf_counter()
    write_reference_graphs(store, reference_graphs()[iris.ISSUES_GRAPH])
    bulk_started = time.perf_counter()
    batch: list[bytes] = []
    for shard in _progress(shards, progress):
        data = _read(shard)
        summary.shards += 1
        summary.quads += data.count(b"\n")
        batch.append(data)
        if sum(map(len, batch)) >= BATCH_BYTES:
            _bulk(native, batch, ox)
            batch = []
    _bulk(native, batch, ox)
    native.flush()
    summary.bulk_seconds = time.perf_counter() - bulk_started
    summary.seconds = time.perf_counter() - started
    summary.stored = len(native)
    return summary


def _read(shard: Path) -> bytes:
    try:
        return gzip.decompress(shard.read_bytes())
    except (OSError, EOFError) as e:
        raise StoreError(f"{shard}: not a readable gzip shard ({e})") from None


def _bulk(native, batch: list[bytes], ox) -> None:
    if not batch:
        return
    try:
        native.bulk_load(b"".join(batch), ox.RdfFormat.N_QUADS)
    except SyntaxError as e:
        raise StoreError(f"a shard is not valid N-Quads: {e}") from None


def _progress(items, enabled: bool):
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, unit=" shards", file=sys.stderr, leave=False)
