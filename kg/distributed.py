"""`kg extract --engine dask|local ... --out DIR`: partitions of a corpus as tasks of an engine.

Dask distributed does the scheduling, retries and monitoring: each partition
(kg.partitions) is one task that runs kg.shards.process_partition on a worker and
returns a small summary; the shards travel through the filesystem, never through
the scheduler, so `--out` must be a folder every worker can write (a local
cluster shares this machine's). A worker plugin loads the pipeline once when a
worker starts, and again in a worker the nanny restarts after a crash; a task
lost with its worker is rerun elsewhere by the scheduler, and a task that raises
is retried (`retries`). Partitions whose shard already exists are not submitted.

The `local` engine runs the same partitions one after another in this process:
the reference the distributed run must match byte for byte.
"""
from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from kg.partitions import Partition
from kg.shards import PartitionResult, done_result, is_done, process_partition, sweep_temporary, write_reference

RETRIES = 3
ENGINES = ("dask", "local")


@dataclass
class RunSummary:
    partitions: int = 0
    skipped: int = 0
    articles: int = 0
    positions: int = 0
    rejected: int = 0
    quads: int = 0
    seconds: float = 0.0
    dashboard: str | None = None
    results: list[PartitionResult] = field(default_factory=list)

    def add(self, r: PartitionResult) -> None:
        self.results.append(r)
        self.partitions += 1
        self.skipped += r.skipped
        self.articles += r.articles
        self.positions += r.positions
        self.rejected += r.rejected
        self.quads += r.quads

    def line(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        return (f"{self.partitions} partitions ({self.skipped} already done), {self.articles} articles, "
                f"{self.positions} positions, {self.rejected} rejected, {self.quads} quads, "
                f"{self.seconds:.1f} s ({rate:.1f} articles/s)")


def run_local(partitions: list[Partition], out: Path, *, progress: bool = False) -> RunSummary:
    """Every partition in this process, in order."""
    summary, started = RunSummary(), time.perf_counter()
    write_reference(out)
    bar = _bar(len(partitions), progress)
    for p in partitions:
        summary.add(process_partition(p, out))
        bar(summary)
    return _finish(summary, started, out, partitions)


def run_dask(partitions: list[Partition], out: Path, *, scheduler: str | None = None, workers: int = 2,
             progress: bool = False, announce: Callable[[str], None] | None = None) -> RunSummary:
    """The partitions as tasks on a Dask cluster: the one at `scheduler`, else a local one
    of `workers` single-threaded worker processes (loopback only, dashboard on a free port)."""
    from distributed import Client, LocalCluster, as_completed

    from kg.dask_plugin import PipelinePlugin

    announce = announce or (lambda line: print(line, file=sys.stderr, flush=True))
    summary, started = RunSummary(), time.perf_counter()
    write_reference(out)
    todo = [p for p in partitions if not is_done(out, p)]
    for p in partitions:
        if p not in todo:
            summary.add(done_result(out, p))
    cluster = None
    if not todo:
        return _finish(summary, started, out, partitions)
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address="127.0.0.1:0",
                               silence_logs=logging.ERROR)
    try:
        with Client(scheduler or cluster) as client:
            summary.dashboard = client.dashboard_link
            announce(f"dask dashboard: {client.dashboard_link}")
            _register(client, PipelinePlugin(), announce)
            futures = [client.submit(process_partition, p, str(out), key=f"standpunkt-{p.name}",
                                     retries=RETRIES, pure=False) for p in todo]
            bar = _bar(len(partitions), progress, initial=summary.partitions)
            for future in as_completed(futures):
                summary.add(future.result())
                bar(summary)
    finally:
        if cluster is not None:
            cluster.close()
    return _finish(summary, started, out, partitions)


def _register(client, plugin, announce: Callable[[str], None]) -> None:
    """Register the plugin; a worker dying meanwhile fails the broadcast, not the registration
    (the scheduler keeps the plugin for the workers that start later), so try again, and in
    the end go on: a worker without it loads the pipeline on its first task."""
    from distributed.comm.core import CommClosedError

    for attempt in range(3):
        try:
            client.register_plugin(plugin)
            return
        except (CommClosedError, OSError) as e:
            error = e
            time.sleep(0.5 * (attempt + 1))
    announce(f"warning: the pipeline plugin did not reach every worker ({error}); they load it on first use")


def _finish(summary: RunSummary, started: float, out: Path, partitions: list[Partition]) -> RunSummary:
    """Sort the results and clear what killed workers left half-written (kg.shards.sweep_temporary)."""
    sweep_temporary(Path(out), partitions)
    summary.results.sort(key=lambda r: r.name)
    summary.seconds = time.perf_counter() - started
    return summary


def _bar(total: int, enabled: bool, initial: int = 0) -> Callable[[RunSummary], None]:
    """A tqdm bar over partitions, articles/s in its postfix; a no-op when disabled."""
    if not enabled:
        return lambda summary: None
    from tqdm import tqdm

    bar = tqdm(total=total, initial=initial, unit=" partitions", file=sys.stderr)
    started = time.perf_counter()

    def update(summary: RunSummary) -> None:
        bar.update(1)
        bar.set_postfix(articles=summary.articles, rejected=summary.rejected,
                        rate=f"{summary.articles / max(time.perf_counter() - started, 1e-9):.1f}/s")
        if bar.n >= total:
            bar.close()
    return update
