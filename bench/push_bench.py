"""External stores at scale: push, re-push, bulk load and remote export of a synthetic dataset.

Starts its own Oxigraph and Virtuoso servers (as the tests do), then for each server
and mode times `kg push` (first and second run: a re-push replaces, so it should cost
about the same and change nothing), the store's bulk loader on a `kg export` dump,
and `kg export` streamed back from the remote store, with the peak memory of the
export process at two dataset sizes (flat memory = streaming).

    python bench/push_bench.py --triples 200000
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from kg.push import push  # noqa: E402
from kg.store import OxigraphStore  # noqa: E402
from servers import clear, start_oxigraph, start_virtuoso  # noqa: E402
from synth_graph import generate  # noqa: E402

KG = [sys.executable, "-m", "kg.cli"]


def embedded(workdir: Path, triples: int) -> tuple[Path, int]:
    nq = workdir / f"synth-{triples}.nq"
    generate(nq, triples)
    path = workdir / f"store-{triples}"
    store = OxigraphStore(path)
    store.native.bulk_load(path=str(nq), format=__import__("pyoxigraph").RdfFormat.N_QUADS)
    count = store.quad_count()
    store.close()
    return path, count


def peak_rss_mb(command: list[str], env: dict) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of one command, measured in a fresh parent."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
             "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)")
    out = subprocess.run([sys.executable, "-c", probe, *command], env=env, capture_output=True, text=True,
                         check=True).stdout.split()
    if out[2] != "0":
        raise SystemExit(f"failed: {' '.join(command)}")
    return float(out[0]), int(out[1]) / 1024


def remote_env(server) -> dict:
    env = dict(os.environ, KG_QUERY_ENDPOINT=server.query, KG_UPDATE_ENDPOINT=server.update,
               KG_GSP_ENDPOINT=server.gsp, PYTHONPATH=str(ROOT))
    if server.user:
        env |= {"KG_STORE_USER": server.user, "KG_STORE_PASSWORD": server.password, "KG_STORE_AUTH": server.auth}
    return env


def bench_server(server, source: OxigraphStore, triples: int, rows: list[dict]) -> None:
    target = server.store(timeout=600)
    for mode in ("gsp", "update"):
        clear(target)
        for run in ("first", "again"):
            summary = push(source, target, mode=mode, batch_size=1000)
            rows.append({"server": server.name, "what": f"kg push --{mode} ({run})", "triples": summary.triples,
                         "seconds": round(summary.seconds, 1),
                         "triples/s": round(summary.triples / summary.seconds)})
    assert target.quad_count() == triples
    target.close()


def bench_bulk(server_name: str, source_path: Path, workdir: Path, triples: int, rows: list[dict]) -> None:
    dump = workdir / "import" / "standpunkt.nq.gz"
    dump.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([*KG, "export", "--format", "nquads", "--gzip", "-o", str(dump), "--store", str(source_path)],
                   check=True, cwd=ROOT)
    started = time.perf_counter()
    if server_name == "oxigraph":
        subprocess.run([str(Path(sys.executable).parent / "oxigraph"), "load", "--location",
                        str(workdir / "data"), "--file", str(dump)], check=True, capture_output=True)
        server = start_oxigraph(workdir)
    else:
        server = start_virtuoso(workdir)
        started = time.perf_counter()
        script = f"ld_dir('{dump.parent}', '*.nq.gz', 'https://w3id.org/standpunkt/graph/default'); rdf_loader_run(); checkpoint;"
        subprocess.run(["isql-vt", str(server.extra["sql_port"]), "dba", "dba", f"exec={script}"],
                       check=True, capture_output=True)
    seconds = time.perf_counter() - started
    store = server.store()
    assert store.quad_count() == triples, (store.quad_count(), triples)
    rows.append({"server": server_name, "what": "bulk load of kg export (nquads.gz)", "triples": triples,
                 "seconds": round(seconds, 1), "triples/s": round(triples / seconds)})
    secs, rss = peak_rss_mb([*KG, "export", "--format", "nquads"], remote_env(server))
    rows.append({"server": server_name, "what": f"kg export from the remote store (peak {rss:.0f} MB)",
                 "triples": triples, "seconds": round(secs, 1), "triples/s": round(triples / secs)})
    store.close()
    server.stop()


def report(rows: list[dict]) -> str:
    lines = ["| server | what | triples | seconds | triples/s |", "|---|---|---:|---:|---:|"]
    lines += [f"| {r['server']} | {r['what']} | {r['triples']:,} | {r['seconds']} | {r['triples/s']:,} |" for r in rows]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=200_000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "push_bench.md")
    args = parser.parse_args(argv)
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="kg-push-bench-") as tmp:
        work = Path(tmp)
        path, triples = embedded(work, args.triples)
        source = OxigraphStore(path, read_only=True)
        for start in (start_oxigraph, start_virtuoso):
            server = start(work / f"{start.__name__}-push")
            try:
                bench_server(server, source, triples, rows)
            finally:
                server.stop()
        for name in ("oxigraph", "virtuoso"):
            bench_bulk(name, path, work / f"{name}-bulk", triples, rows)
        small, _ = embedded(work, max(20_000, args.triples // 10))
        for label, store in (("small", small), ("full", path)):
            secs, rss = peak_rss_mb([*KG, "export", "--format", "nquads", "--store", str(store)],
                                    dict(os.environ, PYTHONPATH=str(ROOT)))
            count = OxigraphStore(store, read_only=True).quad_count()
            rows.append({"server": "embedded", "what": f"kg export, {label} dataset (peak {rss:.0f} MB)",
                         "triples": count, "seconds": round(secs, 1), "triples/s": round(count / secs)})
    text = report(rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    args.out.with_suffix(".json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
