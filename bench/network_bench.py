"""Time discourse networks (kg.networks) over the ~1 M-triple synthetic graph.

Generates (once) bench/out/synth-networks.nq with bench/synth_graph.py (positions with
propositions and sides), bulk-loads it into an embedded store, then builds each network
`--rounds` times and prints the median CPU time (process_time: the machine is shared, so wall
time measures the neighbours too) and wall time, with the load average. Target (issue 14): a
congruence network under 2 s. "network" is the network computed (counts, node attributes, edge
weights as arrays); "+ CSV" also turns every edge into a row and writes the edge list.

    python bench/network_bench.py [--triples 1000000] [--rounds 3]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

OUT = Path(__file__).resolve().parent / "out"
CASES = [
    ("congruence, none", {"type": "congruence"}),
    ("congruence, jaccard", {"type": "congruence", "normalization": "jaccard"}),
    ("subtract, cosine, one year", {"type": "subtract", "normalization": "cosine",
                                    "from": "2022-01-01", "to": "2022-12-31"}),
    ("congruence, persons as parties on the day", {"type": "congruence", "aggregate": "party"}),
    ("congruence, persons as governments on the day", {"type": "congruence", "aggregate": "government"}),
    ("affiliation (actor x proposition)", {"type": "affiliation"}),
    ("congruence, 90-day windows every 90 days", {"type": "congruence", "window": "90", "step": "90"}),
]


def store_for(triples: int, reload: bool):
    import pyoxigraph as ox

    from kg.store import OxigraphStore
    from synth_graph import generate

    nq, folder = OUT / "synth-networks.nq", OUT / "store-networks"
    marker = folder / f"loaded-{triples}"
    if reload or not marker.exists():
        if not nq.exists() or reload:
            meta = generate(nq, triples)
            print(f"generated {meta['triples']:,} triples, {meta['positions']:,} positions")
        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        store = ox.Store(str(folder))
        store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
        store.flush()
        store.optimize()
        del store
        marker.touch()
        print(f"bulk load {time.perf_counter() - started:.1f} s")
    return OxigraphStore(folder, read_only=True)


def timed(work) -> tuple[float, float, object]:
    """(CPU seconds, wall seconds, result) of one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = work()
    return time.process_time() - cpu, time.perf_counter() - wall, result


def main(argv=None) -> int:
    from kg.networks import parse, sequence
    from kg.networks.export import render

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--reload", action="store_true", help="generate and load again")
    args = parser.parse_args(argv)
    store = store_for(args.triples, args.reload)
    print(f"{store.quad_count():,} quads; {os.cpu_count()} CPUs, load average "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("| network | nodes | edges | windows | CPU s | wall s | + CSV: CPU s | wall s |\n|---|---|---|---|---|---|---|---|")
    for name, params in CASES:
        spec = parse(params)
        plain = [timed(lambda: sequence(store, spec)) for _ in range(args.rounds)]
        written = [timed(lambda: render(sequence(store, spec), "csv")) for _ in range(args.rounds)]
        networks = plain[0][2]
        nodes = max((len(n.nodes) for n in networks), default=0)
        edges = max((n.edge_count for n in networks), default=0)
        cpu, wall = (statistics.median(t[i] for t in plain) for i in (0, 1))
        cpu_csv, wall_csv = (statistics.median(t[i] for t in written) for i in (0, 1))
        print(f"| {name} | {nodes:,} | {edges:,} | {len(networks)} | {cpu:.2f} | {wall:.2f} | {cpu_csv:.2f} | "
              f"{wall_csv:.2f} |", flush=True)
    print(f"load average after: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
