"""`kg load DIR`: the shards of `kg extract --engine ... --out DIR` into the embedded store, fast.

pyoxigraph's bulk loader writes sorted files straight into RocksDB instead of
running one transaction per article, which is what makes a large load fast. Its
cost is in Rust (parsing, sorting six indexes, RocksDB's compaction) and it releases the
GIL. Each bulk_load call ends in one ingestion of sorted files that overlap the store's
key ranges, so RocksDB merges them into what is there: with one call per shard, perf put
37 % of the CPU of 20 real shards in those merges, 14 % with the shards streamed
through one call as here. A thread decompresses the next shards ahead (ISA-L's gzip
reader releases the GIL) while Oxigraph parses in the call and sorts batches of a
million quads on every core; Python never parses a quad. The CPU in all stayed about the same (README,
Scaling out); on a loaded machine the wall clock fell, on an idle one it did not (248 s for
the 100,000 run's shards against 201 s one call a shard), so what this buys is that a
failed load changes nothing.

Two costs are cut (bench/results.md, "kg load: lenient parsing and ISA-L"): the shards
are decompressed with ISA-L (python-isal, about 2.5x zlib's speed; gzip's CPU was 3 % of
the load's), and with `lenient=True` (`kg load --lenient`) they are parsed without Oxigraph's
validation of every IRI and language tag (0.5 of about 8 microseconds of CPU a quad), for
shards `kg extract` wrote from graphs it had SHACL-validated. Syntax errors still stop a
lenient load, but an IRI that is not one (a space in it, say) would be stored as it stands,
so validation stays the default: a user's mistake in a shard gets its name and line.

One call is atomic: a bad shard (not gzip, not N-Quads) stops the load with its name
and line, and the store is as before. With `threads` > 1 each call is atomic on its
own. Loading is idempotent (an RDF dataset is a set of quads), so after an
interruption the cure is to run `kg load` again. The reference graphs (ontology,
topic scheme) are written as `kg ingest` writes them, so a loaded store answers the
same queries as an ingested one (with the project's issue codebook, the one the
workers matched claims against).
"""
from __future__ import annotations

import bisect
import queue
import re
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from isal import igzip

from kg import iris
from kg.errors import StoreError
from kg.ingest import write_reference_graphs
from kg.shards import SHARD, reference_graphs

THREADS = 1  # concurrent bulk_load calls; each one already sorts on every core
AHEAD = 2  # decompressed shards waiting for the parser, per call (about 30 MB each)


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


def load_shards(store, shards: list[Path], *, progress: bool = False, threads: int = THREADS,
                lenient: bool = False) -> LoadSummary:
    """Bulk-load `shards` (gzip N-Quads) into an embedded OxigraphStore, plus the reference graphs,
    in `threads` streamed calls at once; a bad shard stops the load with its name and line.
    `lenient` skips the check of IRIs and language tags (for shards `kg extract` wrote)."""
    native = getattr(store, "native", None)
    if native is None:
        raise StoreError("kg load writes the embedded store only; for a remote server see README (Scaling out)")
    summary, started = LoadSummary(), time.perf_counter()
    bar = _progress(progress, len(shards))

    def one(group: list[Path]) -> _Stream:
        stream = _Stream(group, bar)
        try:
            native.bulk_load(stream, ox.RdfFormat.N_QUADS, lenient=lenient)
        except SyntaxError as e:
            raise StoreError(stream.where(e)) from None
        except OSError:
            if stream.error is None:
                raise  # the store's, not a shard's
            raise stream.error from None
        finally:
            stream.close()
        return stream

    groups = _groups(shards, max(1, threads))
    pool = ThreadPoolExecutor(len(groups), thread_name_prefix="kg-load")
    try:
        for stream in pool.map(one, groups):
            summary.shards += len(stream.starts)
            summary.quads += stream.lines
    finally:
        pool.shutdown(cancel_futures=True)
        if bar is not None:
            bar.close()
    native.flush()
    summary.bulk_seconds = time.perf_counter() - started
    write_reference_graphs(store, reference_graphs()[iris.ISSUES_GRAPH])  # after: a bad shard leaves no trace
    summary.seconds = time.perf_counter() - started
    summary.stored = len(native)
    return summary


def _groups(shards: list[Path], n: int) -> list[list[Path]]:
    """`n` runs of consecutive shards of about equal gzip size (fewer when there are fewer shards)."""
    sizes = [shard.stat().st_size for shard in shards]
    total, groups, size = sum(sizes), [[]], 0
    for shard, bytes_ in zip(shards, sizes):
        if groups[-1] and size >= total * len(groups) / n:
            groups.append([])
        groups[-1].append(shard)
        size += bytes_
    return groups


class _Stream:
    """The decompressed N-Quads of a run of shards, one after another, as the file object that
    one bulk_load call reads. A thread decompresses up to AHEAD shards ahead of Oxigraph's
    parser and notes the line each shard starts at, so a syntax error names file and line."""

    def __init__(self, shards: list[Path], bar=None):
        self.starts: list[int] = []  # line numbers before each shard read so far
        self.paths: list[Path] = []
        self.lines = 0
        self.error: StoreError | None = None
        self._chunks: queue.Queue = queue.Queue(AHEAD)
        self._rest = memoryview(b"")
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._decompress, args=(shards, bar), daemon=True)
        self._thread.start()

    def _decompress(self, shards: list[Path], bar) -> None:
        for shard in shards:
            try:
                data = igzip.decompress(shard.read_bytes())
            except Exception as e:  # OSError, EOFError, or the inflater's own error: each a bad shard
                # (an exception let out here would end the thread and leave the parser waiting)
                self.error = StoreError(f"{shard}: not a readable gzip shard ({e})")
                break
            if data and not data.endswith(b"\n"):
                data += b"\n"  # so the next shard starts on a line of its own
            self.starts.append(self.lines)
            self.paths.append(shard)
            self.lines += data.count(b"\n")
            if not self._put(data):
                return
            if bar is not None:
                bar.update()
        self._put(None)

    def _put(self, item) -> bool:
        while not self._stop.is_set():
            try:
                self._chunks.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def read(self, size: int = -1) -> bytes:
        while not self._rest:
            chunk = self._chunks.get()
            if chunk is None:
                if self.error is not None:
                    raise OSError(str(self.error))
                self._chunks.put(None)  # a read after the end finds the end again
                return b""
            self._rest = memoryview(chunk)
        size = len(self._rest) if size is None or size < 0 else size
        out, self._rest = self._rest[:size], self._rest[size:]
        return out.tobytes()

    def where(self, error: SyntaxError) -> str:
        """The file and line of a syntax error that Oxigraph reports at a line of the whole stream."""
        line = error.lineno or 0
        k = max(0, bisect.bisect_left(self.starts, line) - 1)
        detail = re.sub(r"^Parser error at line \d+ ", "", getattr(error, "msg", str(error)))
        return f"{self.paths[k]}: not valid N-Quads at line {line - self.starts[k]} ({detail})"

    def close(self) -> None:
        self._stop.set()
        self._thread.join()


def _progress(enabled: bool, total: int):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit=" shards", file=sys.stderr, leave=False)
