"""Soak test: `kg serve` under mixed reads and authenticated ingests, for a set time or a set
number of ingests.

    python bench/soak.py [--seconds 60 | --ingests 10000] [--clients 8] [--writes 0.25]
                         [--articles 4] [--json OUT]

Starts `kg serve` with a write token on a free loopback port and a fresh store, then
runs CLIENTS threads until SECONDS have passed or INGESTS ingests are done: each request
is, with probability WRITES, a POST /articles re-ingesting one of a few short articles
(as a feed that keeps updating the same stories does), else a read (a page, a JSON-LD
collection or a SPARQL query). Every few seconds it samples the resident memory of the
server and of its query workers. Reports errors (any answer but the expected status),
p50/p99 latency per kind, RSS over time (first, peak, last) and its slope in MB per
1,000 ingests over the second half of the run (a least-squares fit: the first half holds
the warm-up, memory that keeps growing shows in the second). Exit code 1 when a request
failed.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "soak-token"
ARTICLES = [  # invented, one stance each, so that extraction stays short
    "Die SPD fordert mehr Geld für die Kommunen.",
    "Friedrich Merz lehnt eine Aussetzung der Schuldenbremse ab.",
    "Die Grünen verlangen einen schnelleren Ausbau der Windkraft.",
    "Christian Lindner sagt zu, die Schuldenbremse einzuhalten.",
    "Die Linke kritisiert die Kürzungen beim Bürgergeld.",
    "Olaf Scholz will den Haushalt schnell beschließen.",
]
READS = {
    "page": ("GET", "/", None),
    "actors": ("GET", "/actors?limit=20", None),
    "sparql": ("POST", "/sparql", "SELECT ?p ?c WHERE { ?p <https://w3id.org/standpunkt/ontology#claim> ?c } LIMIT 50"),
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, IndexError):
        return 0.0


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def start_server(store: Path, port: int, workers: int) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", str(port),
                             "--token", TOKEN, "--workers", str(workers)], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/health", timeout=5).ok:
                return proc
        except requests.RequestException:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("kg serve did not answer /health within 180 s")


class Soak:
    """The clients' shared record: latencies and errors per kind."""

    def __init__(self, base: str, articles: int, writes: float, ingests: int | None = None):
        self.base, self.articles, self.writes = base, articles, writes
        self.latency: dict[str, list[float]] = {}
        self.errors: dict[str, list[str]] = {}
        self.lock = threading.Lock()
        self.left = self.target = ingests  # ingests still to send, and in all (None: no limit)

    def claim_ingest(self) -> bool:
        """Whether this client may send one more ingest (exactly --ingests are sent)."""
        with self.lock:
            if self.left is None:
                return True
            if self.left <= 0:
                return False
            self.left -= 1
            return True

    def done(self) -> bool:
        with self.lock:
            return self.left is not None and self.left <= 0 and \
                len(self.latency.get("ingest", ())) >= self.target

    def ingests(self) -> int:
        with self.lock:
            return len(self.latency.get("ingest", ()))

    def ingest(self, session: requests.Session, rng: random.Random) -> None:
        k = rng.randrange(self.articles)
        body = {"id": f"soak-{k}", "date": "2024-03-01", "text": ARTICLES[k % len(ARTICLES)],
                "url": f"https://example.org/soak/{k}"}
        self.record("ingest", 201, lambda: session.post(self.base + "/articles", json=body, timeout=120,
                                                         headers={"Authorization": f"Bearer {TOKEN}"}))

    def read(self, session: requests.Session, rng: random.Random) -> None:
        kind = rng.choice(sorted(READS))
        method, path, query = READS[kind]
        if method == "GET":
            self.record(kind, 200, lambda: session.get(self.base + path, timeout=60))
        else:
            self.record(kind, 200, lambda: session.post(self.base + path, data={"query": query}, timeout=60,
                                                         headers={"Accept": "application/sparql-results+json"}))

    def record(self, kind: str, expected: int, send) -> None:
        started = time.perf_counter()
        try:
            status = send().status_code
            fault = None if status == expected else f"HTTP {status}"
        except requests.RequestException as e:
            fault = type(e).__name__
        elapsed = time.perf_counter() - started
        with self.lock:
            self.latency.setdefault(kind, []).append(elapsed)
            if fault:
                self.errors.setdefault(kind, []).append(fault)

    def client(self, seed: int, until: float) -> None:
        rng, session = random.Random(seed), requests.Session()
        while time.monotonic() < until and not self.done():
            if rng.random() < self.writes and self.claim_ingest():
                self.ingest(session, rng)
            else:
                self.read(session, rng)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run(args) -> dict:
    with tempfile.TemporaryDirectory(prefix="kg-soak-") as tmp:
        port = free_port()
        server = start_server(Path(tmp) / "store", port, args.workers)
        soak = Soak(f"http://127.0.0.1:{port}", args.articles, args.writes)
        try:
            for k in range(args.articles):  # warm-up: every article once, the model loaded
                soak.ingest(requests.Session(), random.Random(k))
            soak.latency.clear()
            soak.target = soak.left = args.ingests
            started = time.monotonic()
            until = started + (args.seconds if args.seconds is not None else float("inf"))
            threads = [threading.Thread(target=soak.client, args=(i, until), daemon=True) for i in range(args.clients)]
            for t in threads:
                t.start()
            samples = []
            while any(t.is_alive() for t in threads):
                workers = children(server.pid)
                samples.append({"t": round(time.monotonic() - started, 1), "server_mb": round(rss_mb(server.pid), 1),
                                "workers_mb": round(sum(rss_mb(w) for w in workers), 1), "workers": len(workers),
                                "requests": sum(len(v) for v in soak.latency.values()),
                                "ingests": soak.ingests()})
                if len(samples) % 12 == 1:
                    print(f"soak: {json.dumps(samples[-1])}", file=sys.stderr, flush=True)
                time.sleep(args.sample)
            for t in threads:
                t.join()
        finally:
            server.terminate()
            server.wait(30)
    return report(soak, samples, args)


def report(soak: Soak, samples: list[dict], args) -> dict:
    kinds = {kind: {"requests": len(v), "errors": len(soak.errors.get(kind, [])),
                    "p50_ms": round(1000 * statistics.median(v), 1), "p99_ms": round(1000 * percentile(v, 0.99), 1),
                    "error_kinds": sorted(set(soak.errors.get(kind, [])))}
             for kind, v in sorted(soak.latency.items())}
    first, last = samples[0], samples[-1]
    second_half = [s for s in samples if s["ingests"] >= last["ingests"] / 2]
    return {"seconds": round(last["t"], 1), "clients": args.clients, "writes": args.writes, "kinds": kinds,
            "ingests": kinds.get("ingest", {}).get("requests", 0),
            "requests": sum(k["requests"] for k in kinds.values()),
            "errors": sum(k["errors"] for k in kinds.values()),
            "rss_first_mb": first["server_mb"], "rss_max_mb": max(s["server_mb"] for s in samples),
            "rss_last_mb": last["server_mb"], "workers_first_mb": first["workers_mb"],
            "workers_max_mb": max(s["workers_mb"] for s in samples), "workers_last_mb": last["workers_mb"],
            "slope_mb_per_1000_ingests": {"server": slope(second_half, "server_mb"),
                                          "workers": slope(second_half, "workers_mb")},
            "samples": samples}


def slope(samples: list[dict], key: str) -> float | None:
    """Least-squares slope of `key` in MB per 1,000 ingests (None: too few samples or ingests)."""
    xs, ys = [s["ingests"] for s in samples], [s[key] for s in samples]
    if len(samples) < 3 or max(xs) == min(xs):
        return None
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return round(1000 * sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs), 2)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seconds", type=float, help="how long the clients run at most "
                   "(default 60 without --ingests, else no limit)")
    p.add_argument("--ingests", type=int, help="run until this many ingests are done")
    p.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    p.add_argument("--writes", type=float, default=0.25, help="share of requests that ingest (default 0.25)")
    p.add_argument("--articles", type=int, default=4, help="distinct articles re-ingested (default 4)")
    p.add_argument("--workers", type=int, default=2, help="the server's query workers (default 2)")
    p.add_argument("--sample", type=float, default=5, help="seconds between memory samples (default 5)")
    p.add_argument("--json", type=Path, help="write the full report (with every sample) here")
    args = p.parse_args(argv)
    if args.seconds is None and args.ingests is None:
        args.seconds = 60
    result = run(args)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    for kind, k in result["kinds"].items():
        print(f"{kind:8} {k['requests']:6} requests {k['errors']:4} errors  p50 {k['p50_ms']:8.1f} ms  "
              f"p99 {k['p99_ms']:8.1f} ms {' '.join(k['error_kinds'])}")
    print(f"server RSS {result['rss_first_mb']} -> {result['rss_last_mb']} MB (max {result['rss_max_mb']}); "
          f"workers {result['workers_first_mb']} -> {result['workers_last_mb']} MB (max {result['workers_max_mb']}); "
          f"{result['ingests']} ingests, {result['requests']} requests in {result['seconds']:g} s")
    rates = result["slope_mb_per_1000_ingests"]
    print(f"RSS slope over the second half, MB per 1,000 ingests: server {rates['server']}, "
          f"workers {rates['workers']} (flat memory: near 0)")
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
