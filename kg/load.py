"""`kg load DIR`: the shards of `kg extract --engine ... --out DIR` into the embedded store, fast.

pyoxigraph's bulk loader writes sorted files straight into RocksDB instead of
running one transaction per article, which is what makes a large load fast. Its
cost is in Rust (parsing, sorting six indexes, RocksDB's compaction) and it releases the
GIL. Each bulk_load call ends in one ingestion of sorted files that overlap the store's
key ranges, so RocksDB merges them into what is there: with one call per shard, perf put
37 % of the CPU of 20 real shards in those merges, 14 % with the shards streamed
through one call (two now, below). A thread decompresses the next shards ahead (ISA-L's gzip
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

A call ends in its commit, and that runs on one thread: RocksDB ingests the sorted files
by copying them into the store, about a sixth of the load's wall clock with the other
core idle (bench/results.md, "kg load: two calls that commit together"). So the shards
go through THREADS = 2 calls at once, one half each: both cores parse from the start,
and the two commits copy side by side at the end (on 9.9 M quads +6 and +7 % quads/s in two
idle paired runs, median +15 % in six under load, at about twice the memory: 3.7-3.9 GB at
the peak, not 2.0).

The load is atomic all the same: a bad shard (not gzip, not N-Quads) stops it with its
name and line, and the store is as before. bulk_load commits as soon as its reader
ends, so each stream holds back its end until every call has parsed all of its shards
(_Finish); if one fails, the others fail before their commits. To know that Oxigraph
has parsed a stream's last line, the stream ends with its first quad line once more, a
quad the call holds already: Oxigraph asks for more input only when it has parsed every
whole statement it was given. (A failure of the store itself while the two commit, a
full disk say, can still leave one half stored.) Loading is idempotent (an RDF dataset
is a set of quads), so after an interruption the cure is to run `kg load` again. The
reference graphs (ontology, topic scheme) are written as `kg ingest` writes them, so a loaded store answers the
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
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from isal import igzip

from kg import iris
from kg.errors import StoreError
from kg.ingest import write_reference_graphs
from kg.shards import SHARD, reference_graphs

THREADS = 2  # concurrent bulk_load calls: each sorts on every core, but commits on one
AHEAD = 2  # decompressed shards waiting for the parser, per call (about 30 MB each)
_FIRST_QUAD = re.compile(rb"^[ \t]*(?:<|_:)[^\n]*\n", re.M)  # a line that starts a quad


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

    groups = _groups(shards, max(1, threads))
    finish = _Finish(len(groups))

    def one(group: list[Path]) -> _Stream:
        stream = _Stream(group, bar, finish if len(groups) > 1 else None)
        try:
            native.bulk_load(stream, ox.RdfFormat.N_QUADS, lenient=lenient)
        except SyntaxError as e:
            finish.fail()
            raise StoreError(stream.where(e)) from None
        except OSError:
            aborted = finish.failed
            finish.fail()
            if stream.error is not None:
                raise stream.error from None
            if aborted:
                raise _Aborted("stopped: another part of the load failed") from None
            raise  # the store's, not a shard's
        except BaseException:
            finish.fail()
            raise
        finally:
            stream.close()
        return stream

    pool = ThreadPoolExecutor(len(groups), thread_name_prefix="kg-load")
    try:
        for stream in _gather([pool.submit(one, group) for group in groups]):
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


def _gather(futures: list) -> list[_Stream]:
    """The streams of all calls, or the error of the one that failed first (a bad shard's,
    not the others' _Aborted). No local is left pointing at the error: its traceback holds
    this frame, and a cycle would keep the store open until the garbage collector ran."""
    wait(futures)
    failed = [f for f in futures if f.exception() is not None]
    if not failed:
        return [f.result() for f in futures]
    error = min((f.exception() for f in failed), key=lambda e: isinstance(e, _Aborted))
    futures = failed = None
    try:
        raise error
    finally:
        del error


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


class _Aborted(StoreError):
    """Another of the load's calls failed: this one stops before its commit."""


class _Finish:
    """The calls of one load commit only when every call has parsed all of its shards.
    bulk_load commits as soon as its reader ends, so each stream holds back its end
    until all have got there; if one fails, the others fail too and nothing is stored."""

    def __init__(self, calls: int):
        self.calls, self.arrived, self.failed = calls, 0, False
        self._cond = threading.Condition()

    def arrive(self) -> bool:
        """Wait for the other calls; False if one of them failed."""
        with self._cond:
            self.arrived += 1
            self._cond.notify_all()
            while self.arrived < self.calls and not self.failed:
                self._cond.wait()
            return not self.failed

    def fail(self) -> None:
        with self._cond:
            self.failed = True
            self._cond.notify_all()


class _Stream:
    """The decompressed N-Quads of a run of shards, one after another, as the file object that
    one bulk_load call reads. A thread decompresses up to AHEAD shards ahead of Oxigraph's
    parser and notes the line each shard starts at, so a syntax error names file and line."""

    def __init__(self, shards: list[Path], bar=None, finish: _Finish | None = None):
        self.finish = finish
        self.echo: bytes | None = None  # the first quad line once more at the end (see read)
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
            if self.finish is not None and self.echo is None and (first := _FIRST_QUAD.search(data, 0, 1 << 16)):
                self.echo = first.group()
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
            if self.finish is not None and self.finish.failed:
                raise OSError("stopped: another part of the load failed")
            chunk = self._chunks.get()
            if chunk is None:
                self._chunks.put(None)  # a read after the end finds the end again
                if self.error is not None:
                    raise OSError(str(self.error))
                if self.echo is not None:
                    # Oxigraph asks for more only once it has parsed every whole quad it was given;
                    # after a quad it already holds, that means every shard's last line too.
                    self._rest, self.echo = memoryview(self.echo), None
                    continue
                if self.finish is not None:
                    self.finish, finish = None, self.finish
                    if not finish.arrive():
                        raise OSError("stopped: another part of the load failed")
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
