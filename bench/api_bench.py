"""Benchmark: our /sparql and JSON-LD API against the Oxigraph server, same data, one run.

    python bench/api_bench.py [--triples 1000000] [--requests 60] [--seconds 10]

Generates (once) a synthetic ~1 M-triple dataset (bench/synth_graph.py), bulk-loads it
into two stores, starts `kg serve` and `oxigraph serve --union-default-graph` on free
ports, and measures five representative queries with 1 and 8 concurrent clients:
median and p99 latency and throughput (requests/s), plus the latency of the JSON-LD
call /actors/{id}/positions (each actor's page once, then repeated, then once more after one
article was written through POST /articles). Results go to stdout
and bench/out/results.{md,json}.
Every request of the main table is a new text (a numbered comment at its end), so kg's result
cache never answers it: that is the cold comparison. A second table repeats one text per
query: the warm comparison (kg answers from its cache; `--cache-mb 0` turns it off).
Targets (issue 13): cold geometric mean >= 1.0x and minimum >= 0.8x the Oxigraph server;
warm >= 5x; JSON-LD median < 20 ms.

Besides wall-clock throughput, every cell counts the CPU time each server spent (its process
and, for kg, its query workers: psutil): on a machine that other work keeps busy, CPU-seconds
per request are the figure that does not move with the load, and with every core busy,
throughput is their inverse. The CPU ratio is oxigraph's CPU per request over kg's.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PREFIXES = """PREFIX sp: <https://w3id.org/standpunkt/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
QUERIES = {  # name -> (template, parameter key in the dataset's metadata or None, media type)
    "actor positions by date": (PREFIXES + """SELECT ?position ?date ?stance ?claim WHERE {
  ?position sp:holder <https://w3id.org/standpunkt/actor/{param}> ; sp:stance ?stance ; sp:claim ?claim .
  OPTIONAL { ?position dcterms:date ?date } } ORDER BY DESC(?date) ?position""",
                                "popular_actors", "application/sparql-results+json"),
    "stance counts per topic": (PREFIXES + """SELECT ?topic ?label ?support ?oppose WHERE {
  { SELECT ?topic (SUM(IF(?s = sp:Support, 1, 0)) AS ?support) (SUM(IF(?s = sp:Oppose, 1, 0)) AS ?oppose)
    WHERE { ?p sp:topic ?topic ; sp:stance ?s } GROUP BY ?topic }
  OPTIONAL { ?topic skos:prefLabel ?label } } ORDER BY DESC(?support + ?oppose)""",
                                None, "application/sparql-results+json"),
    "opponents of a topic in a date range": (PREFIXES + """SELECT ?actor ?name (COUNT(?p) AS ?n) WHERE {
  ?p sp:topic <{param}> ; sp:stance sp:Oppose ; sp:holder ?actor ; dcterms:date ?date .
  FILTER(?date >= "2021-01-01"^^xsd:date && ?date <= "2022-12-31"^^xsd:date)
  ?actor rdfs:label ?name } GROUP BY ?actor ?name ORDER BY DESC(?n)""",
                                             "topics", "application/sparql-results+json"),
    "claim text FILTER": (PREFIXES + """SELECT ?p ?claim WHERE { ?p sp:claim ?claim
  FILTER(CONTAINS(LCASE(STR(?claim)), "schuldenbremse")) } LIMIT 200""",
                          None, "application/sparql-results+json"),
    "CONSTRUCT one article": ("""CONSTRUCT { ?s ?p ?o } WHERE {
  GRAPH <https://w3id.org/standpunkt/article/{param}> { ?s ?p ?o } }""", "article_ids", "application/n-triples"),
}


TOKEN = "bench-token"  # kg serve takes the after-write article (jsonld_latency) with it
# an invented article naming the CDU, one of the popular actors whose pages are visited: the write after
# which the JSON-LD pages are visited again. It stays in kg's store (deleting an article from 1 M triples
# takes minutes); written again by the next run, it changes nothing there, and check_same_answers does
# not read the CDU's positions.
WRITE = {"id": "bench-write", "date": "2024-05-02", "title": "Schulen",
         "text": "Die CDU fordert mehr Geld für die Sanierung der Schulen. Das sagte die Partei am Donnerstag in Berlin."}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dataset(triples: int) -> tuple[Path, dict]:
    from synth_graph import generate

    path = OUT / "synth.nq"
    meta_path = path.with_suffix(".json")
    if path.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if abs(meta.get("requested", 0) - triples) == 0:
            return path, meta
    started = time.perf_counter()
    meta = generate(path, triples)
    meta["requested"] = triples
    meta_path.write_text(json.dumps(meta))
    print(f"generated {meta['triples']:,} triples in {time.perf_counter() - started:.1f} s")
    return path, meta


def load_stores(nq: Path) -> tuple[Path, Path, dict]:
    import pyoxigraph as ox

    ours, theirs, seconds = OUT / "store-kg", OUT / "store-oxigraph", {}
    for folder in (ours, theirs):
        shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    store = ox.Store(str(ours))
    store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    store.flush()
    store.optimize()
    del store
    seconds["kg (pyoxigraph bulk_load)"] = time.perf_counter() - started
    started = time.perf_counter()
    subprocess.run([_oxigraph(), "load", "--location", str(theirs), "--file", str(nq)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds["oxigraph load"] = time.perf_counter() - started
    return ours, theirs, seconds


def _oxigraph() -> str:
    local = Path(sys.executable).with_name("oxigraph")
    return str(local) if local.exists() else shutil.which("oxigraph") or "oxigraph"


def wait_ready(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}: {url}")
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.RequestException:
            time.sleep(0.2)
    raise SystemExit(f"server did not come up: {url}")


def start_servers(ours: Path, theirs: Path, workers: int, threads: int | None = None, cache_mb: float = 64,
                  port: int | None = None):
    p1, p2 = (port, port + 1) if port else (free_port(), free_port())
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    kg = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(ours), "--port", str(p1),
                           "--workers", str(workers), "--cache-mb", str(cache_mb), "--token", TOKEN]
                          + (["--threads", str(threads)] if threads else []),
                          env=env, stderr=subprocess.DEVNULL)
    ox = subprocess.Popen([_oxigraph(), "serve", "--location", str(theirs), "--bind", f"127.0.0.1:{p2}",
                           "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base1, base2 = f"http://127.0.0.1:{p1}", f"http://127.0.0.1:{p2}"
    wait_ready(base1 + "/health", kg)
    wait_ready(base2 + "/", ox)
    return {"kg /sparql": (base1 + "/sparql", kg), "oxigraph server": (base2 + "/query", ox)}


def tree_cpu(process) -> float:
    """CPU-seconds of a server process and its live children (kg's query workers)."""
    import psutil

    try:
        root = psutil.Process(process.pid)
        procs = [root] + root.children(recursive=True)
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
            total += t.user + t.system + (t.children_user + t.children_system if p is root else 0.0)
        except psutil.NoSuchProcess:
            pass
    return total


def run_cell(endpoint: str, texts: list[str], media: str, clients: int, requests_n: int, seconds: float,
             fresh: bool = True) -> dict:
    """`requests_n` queries (or `seconds`, whichever ends first) spread over `clients` threads.
    `fresh`: each request's text is new (a numbered comment at its end), so no cache can answer it."""
    salt = f"\n# {os.getpid()}-{time.monotonic_ns()}-" if fresh else None
    latencies, errors, lock, counter = [], [], threading.Lock(), iter(range(10**9))
    deadline = time.monotonic() + seconds

    def client():
        session = requests.Session()
        while time.monotonic() < deadline:
            with lock:
                i = next(counter)
            if i >= requests_n:
                return
            started = time.perf_counter()
            text = texts[i % len(texts)] + (f"{salt}{i}" if salt else "")
            r = session.get(endpoint, params={"query": text}, headers={"Accept": media}, timeout=120)
            elapsed = time.perf_counter() - started
            with lock:
                (latencies if r.status_code == 200 else errors).append(elapsed if r.status_code == 200 else r.status_code)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    if errors:
        raise SystemExit(f"{endpoint}: {len(errors)} failed requests, e.g. HTTP {errors[0]}")
    return {"latencies": latencies, "wall": wall}


def measure(servers: dict, queries, media, clients, requests_n, seconds, rounds, fresh: bool = True) -> dict:
    """Each server in turn, `rounds` times, so that a burst of background load hits both alike."""
    latencies = {s: [] for s in servers}
    walls = {s: 0.0 for s in servers}
    cpus = {s: 0.0 for s in servers}
    for endpoint, _ in servers.values():  # warm-up (fills the cache when not fresh): 8 clients at once, so
        run_cell(endpoint, queries, media, 8, 16, 30, fresh)  # that each of kg's query workers has run the query
    for r in range(rounds):
        order = list(servers.items()) if r % 2 == 0 else list(reversed(servers.items()))
        for server, (endpoint, process) in order:
            cpu = tree_cpu(process)
            cell = run_cell(endpoint, queries, media, clients, max(1, requests_n // rounds), seconds / rounds, fresh)
            cpus[server] += tree_cpu(process) - cpu
            latencies[server] += cell.pop("latencies")
            walls[server] += cell["wall"]
    return {s: summarise(latencies[s], walls[s], cpus[s]) for s in servers}


def summarise(latencies: list[float], wall: float, cpu: float = float("nan")) -> dict:
    ordered = sorted(latencies) or [float("nan")]
    p99 = ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]
    return {"n": len(latencies), "median_ms": statistics.median(ordered) * 1000,
            "p99_ms": p99 * 1000, "throughput": len(latencies) / wall if wall else 0.0,
            "cpu_ms": cpu * 1000 / len(latencies) if latencies else float("nan")}


def query_texts(meta: dict) -> dict[str, tuple[list[str], str]]:
    out = {}
    for name, (template, key, media) in QUERIES.items():
        params = (meta[key][:20] if key else [None])
        out[name] = ([template.replace("{param}", p) if p else template for p in params], media)
    return out


def check_same_answers(servers: dict, texts: dict) -> None:
    """Both servers must give the same number of rows/triples, or the comparison means nothing."""
    for name, (queries, media) in texts.items():
        sizes = {}
        for server, (endpoint, _) in servers.items():
            body = requests.get(endpoint, params={"query": queries[0]}, headers={"Accept": media}, timeout=120)
            body.raise_for_status()
            sizes[server] = (len(body.json()["results"]["bindings"]) if "json" in media
                             else body.text.count("\n"))
        if len(set(sizes.values())) != 1:
            raise SystemExit(f"{name}: the servers disagree: {sizes}")


def jsonld_latency(base: str, actors: list[str], n: int, process=None) -> dict:
    """/actors/{id}/positions: each actor's page once (first visits: kg has kept nothing of them
    yet), then `n` pages cycling over the same actors (repeats: kg keeps pages and position
    descriptions, api.position_cache), then each page once after one article was written
    ("after_write": kg drops only what the write touched). The repeats are the main figure."""
    session = requests.Session()
    session.get(f"{base}/health", timeout=60).raise_for_status()  # the connection, not a page
    first = _pages(session, base, actors, len(actors), process)
    result = _pages(session, base, actors, n, process)
    result["first_visit"] = first
    session.post(f"{base}/articles", json=WRITE, headers={"Authorization": f"Bearer {TOKEN}"},
                 timeout=600).raise_for_status()  # untimed: the server loads its pipeline for it
    result["after_write"] = _pages(session, base, actors, len(actors), process)
    return result


def _pages(session, base: str, actors: list[str], n: int, process=None) -> dict:
    latencies, cpu = [], tree_cpu(process) if process is not None else 0.0
    for i in range(n):
        started = time.perf_counter()
        r = session.get(f"{base}/actors/{actors[i % len(actors)]}/positions", timeout=60)
        latencies.append(time.perf_counter() - started)
        r.raise_for_status()
    result = summarise(latencies, sum(latencies), tree_cpu(process) - cpu if process is not None else float("nan"))
    result["items_per_page"] = len(r.json()["member"])
    return result


def report(results: dict, jsonld: dict, meta: dict, loads: dict) -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [f"Dataset: {meta['triples']:,} triples, {meta['articles']:,} articles, {meta['positions']:,} positions; "
             f"{os.cpu_count()} CPUs, load average at the end {load} (other work on the machine skews the figures).", "",
             "Load: " + ", ".join(f"{k} {v:.1f} s" for k, v in loads.items()), "",
             "| query | clients | kg median ms | kg p99 ms | kg req/s | kg CPU ms/req | oxigraph median ms | oxigraph p99 ms "
             "| oxigraph req/s | oxigraph CPU ms/req | kg/oxigraph throughput | kg/oxigraph by CPU |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    ratios, by_cpu = [], []
    for (name, clients), cell in results.items():
        ours, theirs = cell["kg /sparql"], cell["oxigraph server"]
        ratio = ours["throughput"] / theirs["throughput"] if theirs["throughput"] else float("nan")
        ratios.append(ratio)
        by_cpu.append(theirs["cpu_ms"] / ours["cpu_ms"] if ours["cpu_ms"] else float("nan"))
        lines.append(f"| {name} | {clients} | {ours['median_ms']:.1f} | {ours['p99_ms']:.1f} | {ours['throughput']:.1f} "
                     f"| {ours['cpu_ms']:.2f} | {theirs['median_ms']:.1f} | {theirs['p99_ms']:.1f} | {theirs['throughput']:.1f} "
                     f"| {theirs['cpu_ms']:.2f} | {ratio:.2f} | {by_cpu[-1]:.2f} |")
    geo = statistics.geometric_mean(ratios)
    lines += ["", f"Throughput ratio kg/oxigraph: geometric mean {geo:.2f}, minimum {min(ratios):.2f} (target: geometric mean >= 1.0, minimum >= 0.8).",
              f"By CPU per request (oxigraph's over kg's): geometric mean {statistics.geometric_mean(by_cpu):.2f}, minimum {min(by_cpu):.2f}.",
              f"JSON-LD /actors/{{id}}/positions ({jsonld['items_per_page']} positions a page): median "
              f"{jsonld['median_ms']:.1f} ms, p99 {jsonld['p99_ms']:.1f} ms (target median < 20 ms); "
              f"the server's CPU per page {jsonld['cpu_ms']:.1f} ms. First visit of each actor's page: median "
              f"{jsonld['first_visit']['median_ms']:.1f} ms, the server's CPU per page "
              f"{jsonld['first_visit']['cpu_ms']:.1f} ms. After one article was written: median "
              f"{jsonld['after_write']['median_ms']:.1f} ms, {jsonld['after_write']['cpu_ms']:.1f} ms of CPU a page."]
    return "\n".join(lines)


def warm_report(warm: dict) -> str:
    """Repeated identical queries: kg answers from its result cache, the Oxigraph server evaluates."""
    lines = ["Repeated queries (the same text again, as a dashboard sends it; kg's result cache answers):", "",
             "| query | clients | kg median ms | kg req/s | kg CPU ms/req | oxigraph median ms | oxigraph req/s "
             "| oxigraph CPU ms/req | kg/oxigraph | by CPU |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    ratios, by_cpu = [], []
    for (name, clients), cell in warm.items():
        ours, theirs = cell["kg /sparql"], cell["oxigraph server"]
        ratio = ours["throughput"] / theirs["throughput"] if theirs["throughput"] else float("nan")
        ratios.append(ratio)
        by_cpu.append(theirs["cpu_ms"] / ours["cpu_ms"] if ours["cpu_ms"] else float("nan"))
        lines.append(f"| {name} | {clients} | {ours['median_ms']:.2f} | {ours['throughput']:.1f} | {ours['cpu_ms']:.2f} "
                     f"| {theirs['median_ms']:.2f} | {theirs['throughput']:.1f} | {theirs['cpu_ms']:.2f} | {ratio:.2f} "
                     f"| {by_cpu[-1]:.2f} |")
    lines += ["", f"Warm throughput ratio kg/oxigraph: geometric mean {statistics.geometric_mean(ratios):.2f}, "
                  f"minimum {min(ratios):.2f} (target >= 5); by CPU per request: geometric mean "
                  f"{statistics.geometric_mean(by_cpu):.2f}, minimum {min(by_cpu):.2f}."]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=60, help="requests per query and client count")
    parser.add_argument("--seconds", type=float, default=10.0, help="time cap per query and client count")
    parser.add_argument("--workers", type=int, default=4, help="kg serve --workers")
    parser.add_argument("--threads", type=int, default=None, help="kg serve --threads (default: its own)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="alternate the servers this many times per cell (evens out background load)")
    parser.add_argument("--only", help="run only the queries whose name contains this text")
    parser.add_argument("--cache-mb", type=float, default=64, help="kg serve --cache-mb")
    parser.add_argument("--no-load", action="store_true", help="reuse the stores of the last run")
    parser.add_argument("--port", type=int, help="kg serve on this port, the Oxigraph server on the next (default: free ports)")
    args = parser.parse_args(argv)
    start_load = os.getloadavg()
    OUT.mkdir(parents=True, exist_ok=True)
    nq, meta = dataset(args.triples)
    if args.no_load and (OUT / "store-kg").exists() and (OUT / "store-oxigraph").exists():
        ours, theirs, loads = OUT / "store-kg", OUT / "store-oxigraph", {}
    else:
        ours, theirs, loads = load_stores(nq)
    servers = start_servers(ours, theirs, args.workers, args.threads, args.cache_mb, args.port)
    try:
        texts = {k: v for k, v in query_texts(meta).items() if not args.only or args.only in k}
        check_same_answers(servers, texts)
        results = {}
        for name, (queries, media) in texts.items():
            for clients in (1, 8):
                cell = measure(servers, queries, media, clients, args.requests, args.seconds, args.rounds)
                results[(name, clients)] = cell
                print(f"{name:40s} {clients} clients: " + "  ".join(
                    f"{s} {c['median_ms']:.1f} ms {c['throughput']:.1f}/s" for s, c in cell.items()), flush=True)
        warm = {}
        for name, (queries, media) in texts.items():  # a dashboard repeating its own query
            for clients in (1, 8):
                warm[(name, clients)] = measure(servers, queries[:1], media, clients, args.requests,
                                                args.seconds, args.rounds, fresh=False)
                print(f"{name:40s} {clients} clients, repeated: " + "  ".join(
                    f"{s} {c['median_ms']:.2f} ms {c['throughput']:.1f}/s" for s, c in warm[(name, clients)].items()),
                    flush=True)
        base = servers["kg /sparql"][0].rsplit("/", 1)[0]
        jsonld = jsonld_latency(base, meta["popular_actors"][:20], 100, servers["kg /sparql"][1])
    finally:
        for _, process in servers.values():
            process.terminate()
            process.wait(10)
    text = (f"Load average at the start {', '.join(f'{x:.1f}' for x in start_load)}.\n"
            + report(results, jsonld, meta, loads) + "\n\n" + warm_report(warm))
    print("\n" + text)
    (OUT / "results.md").write_text(text + "\n", encoding="utf-8")
    (OUT / "results.json").write_text(json.dumps({"results": {f"{k[0]} / {k[1]}": v for k, v in results.items()},
                                                  "warm": {f"{k[0]} / {k[1]}": v for k, v in warm.items()},
                                                  "jsonld": jsonld, "meta": {k: meta[k] for k in ("triples", "articles", "positions")},
                                                  "loads": loads}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
