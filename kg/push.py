"""Copy the dataset, graph by graph, into a remote store, and check that it arrived whole.

Every write replaces: a Graph Store PUT per named graph, or a SPARQL Update
request whose first batch of a graph DROPs it. Re-running a push, interrupted or
not, therefore leaves each graph exactly as in the source, never duplicated.
After sending, the triple count of every pushed graph is read back and compared,
because a server can answer 200 and still have kept less (timeouts, caps).
"""
from __future__ import annotations

import io
import sys
import time
from dataclasses import dataclass, field
from typing import Callable, Iterator

import pyoxigraph as ox

from kg.errors import KGError, StoreError
from kg.remote import RemoteStore
from kg.remote_updates import batches, update_requests
from kg.store import Store

MODES = ("gsp", "update")
# triples per request: a Graph Store PUT of 50,000 took about 1 s on Oxigraph and Virtuoso,
# while Virtuoso's SPARQL compiler gives up on updates somewhere past 1,000 triples
DEFAULT_BATCH = {"gsp": 50_000, "update": 1000}


@dataclass
class PushSummary:
    """What a push sent (or, with dry_run, would send)."""

    graphs: int = 0
    triples: int = 0
    requests: int = 0
    seconds: float = 0.0
    dry_run: bool = False
    counts: dict[str, int] = field(default_factory=dict, repr=False)

    def line(self) -> str:
        verb = "would push" if self.dry_run else "pushed"
        return (f"{verb} {self.graphs} graphs, {self.triples} triples in {self.requests} requests, "
                f"{self.seconds:.1f} s")


def read_graph(source: Store, iri: str) -> list[ox.Triple]:
    """One source graph as pyoxigraph triples, through the Store interface (N-Triples)."""
    buffer = io.BytesIO()
    source.dump(buffer, "nt", iri)
    return [ox.Triple(q.subject, q.predicate, q.object)
            for q in ox.parse(buffer.getvalue(), ox.RdfFormat.N_TRIPLES)]


def push(source: Store, target: RemoteStore, *, mode: str, graphs: list[str] | None = None,
         batch_size: int | None = None, dry_run: bool = False, progress: bool = False,
         verify: bool = True) -> PushSummary:
    """Push `graphs` (default: all) of `source` to `target`; raise StoreError if the
    target does not hold exactly the pushed triple counts afterwards."""
    if mode not in MODES:
        raise StoreError(f"unknown push mode {mode!r}: use one of {', '.join(MODES)}")
    batch_size = DEFAULT_BATCH[mode] if batch_size is None else batch_size
    if batch_size < 1:
        raise StoreError("--batch-size must be at least 1")
    names = _graph_names(source, graphs)
    summary, started = PushSummary(dry_run=dry_run), time.perf_counter()
    send = _send_gsp if mode == "gsp" else _send_update
    with _progress_bar(len(names), progress) as bar:
        def counted() -> Iterator[tuple[str, list[ox.Triple]]]:
            for iri in names:
                triples = read_graph(source, iri)
                summary.counts[iri] = len(triples)
                summary.graphs += 1
                summary.triples += len(triples)
                yield iri, triples
                bar(1)

        send(target, counted(), batch_size, dry_run, summary)
    if verify and not dry_run:
        check_arrival(target, summary.counts)
    summary.seconds = time.perf_counter() - started
    return summary


def _graph_names(source: Store, graphs: list[str] | None) -> list[str]:
    available = source.graph_names()
    if not graphs:
        return available
    missing = [g for g in graphs if g not in set(available)]
    if missing:
        raise StoreError(f"no graph <{missing[0]}> in the source store (see `kg stats`)")
    return list(dict.fromkeys(graphs))


def _send_gsp(target, graphs, batch_size, dry_run, summary) -> None:
    """PUT the first batch of each graph (replacing it), POST the rest."""
    for iri, triples in graphs:
        for index, batch in enumerate(batches(triples, batch_size) or [[]]):
            summary.requests += 1
            if dry_run:
                continue
            if index == 0:
                target.put_graph(iri, batch)
            else:
                target.post_graph(iri, batch)


def _send_update(target, graphs, batch_size, dry_run, summary) -> None:
    """DROP + INSERT DATA, small graphs sharing a request, large ones split."""
    operations = ((iri, triples, True) for iri, triples in graphs)
    if dry_run:
        summary.requests += sum(1 for _ in update_requests(operations, batch_size))
    else:
        target.batch_size = batch_size
        summary.requests += target.apply_updates(operations)


def check_arrival(target: RemoteStore, expected: dict[str, int]) -> None:
    """Compare the target's triple count of every pushed graph with what was sent."""
    try:
        held = remote_counts(target, list(expected))
    except KGError as e:
        where = target.query_endpoint or target.gsp_endpoint
        raise StoreError(f"sent everything, but could not read the counts back from {where} ({e}); "
                         "give the store's query endpoint with --query-endpoint "
                         "(Oxigraph: .../query), or --no-verify") from e
    wrong = {g: (n, held.get(g, 0)) for g, n in expected.items() if held.get(g, 0) != n}
    if wrong:
        graph, (sent, kept) = next(iter(wrong.items()))
        raise StoreError(f"push incomplete: {len(wrong)} graph(s) differ from the source, e.g. "
                         f"<{graph}>: sent {sent} triples, the store holds {kept}; re-run `kg push`")


def remote_counts(target: RemoteStore, graphs: list[str]) -> dict[str, int]:
    """Triples per graph: one paged GROUP BY when possible, else a count per graph."""
    if target.query_endpoint:
        prefix = target.graph_prefix
        if len(graphs) > 20 and (not prefix or all(g.startswith(prefix) for g in graphs)):
            return target.graph_counts()
        return {g: target.graph_count(g) for g in graphs}
    return {g: target.gsp_count(g) for g in graphs}


class _progress_bar:
    """A tqdm bar over graphs when asked for, else a no-op with the same call."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.enabled, self.bar = total, enabled, None

    def __enter__(self) -> Callable[[int], None]:
        if not self.enabled:
            return lambda n: None
        from tqdm import tqdm

        self.bar = tqdm(total=self.total, unit=" graphs", file=sys.stderr, leave=False)
        return self.bar.update

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.close()
