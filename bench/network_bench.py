"""Time discourse networks (kg.networks) over the ~1 M-triple synthetic graph.

Generates (once) bench/out/synth-networks.nq with bench/synth_graph.py (positions with
propositions and sides), bulk-loads it into an embedded store, then builds each network
`--rounds` times and prints the median. Target (issue 14): a congruence network under 2 s.

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
    ("congruence, persons as parties", {"type": "congruence", "aggregate": "true"}),
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


def main(argv=None) -> int:
    from kg.networks import parse, sequence

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--reload", action="store_true", help="generate and load again")
    args = parser.parse_args(argv)
    store = store_for(args.triples, args.reload)
    print(f"{store.quad_count():,} quads; {os.cpu_count()} CPUs, load average "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("| network | nodes | edges | windows | median s |\n|---|---|---|---|---|")
    for name, params in CASES:
        spec, times = parse(params), []
        for _ in range(args.rounds):
            started = time.perf_counter()
            networks = sequence(store, spec)
            times.append(time.perf_counter() - started)
        nodes = max(len(n.nodes) for n in networks)
        edges = max(len(n.edges) for n in networks)
        print(f"| {name} | {nodes:,} | {edges:,} | {len(networks)} | {statistics.median(times):.2f} |")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
