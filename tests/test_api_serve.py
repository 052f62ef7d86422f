"""`kg serve` end to end: a real process on a free port, then a clean SIGTERM shutdown."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

from api_fixtures import TOKEN, fill, free_port
from kg.store import OxigraphStore

ROOT = Path(__file__).resolve().parent.parent


def start(store_dir: Path, *extra: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(store_dir), "--port", str(port),
                                "--workers", "2", *extra], cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                               stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if requests.get(base + "/health", timeout=1).ok:
                return process, base
        except requests.ConnectionError:
            time.sleep(0.05)
        if process.poll() is not None:
            raise AssertionError(process.stderr.read())
    raise AssertionError("kg serve did not come up")


def test_api_serve_serves_the_store_and_shuts_down_cleanly(tmp_path):
    store_dir = tmp_path / "store"
    with OxigraphStore(store_dir) as store:
        fill(store)
    process, base = start(store_dir, "--token", TOKEN, "--query-timeout", "5")
    try:
        answer = requests.get(base + "/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?t }"}, timeout=10)
        assert answer.status_code == 200 and int(answer.json()["results"]["bindings"][0]["n"]["value"]) > 10
        assert requests.get(base + "/actors/friedrich-merz", timeout=10).json()["label"] == "Friedrich Merz"
        assert requests.get(base + "/health", timeout=10).json()["writable"] is True
        assert list(tmp_path.glob(".kg-snapshots-*"))
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(15) == 0
    assert not list(tmp_path.glob(".kg-snapshots-*")), "snapshots left behind"


def test_api_serve_bad_options_fail_with_one_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--store", str(tmp_path / "s"),
                             "--query-timeout", "0"], cwd=ROOT, capture_output=True, text=True,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().startswith("kg serve:") and len(result.stderr.strip().splitlines()) == 1


def test_api_serve_store_in_use_is_one_clear_line(tmp_path):
    with OxigraphStore(tmp_path / "store"):
        result = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--store", str(tmp_path / "store"),
                                 "--port", str(free_port())], cwd=ROOT, capture_output=True, text=True,
                                env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=60)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg serve:") and "store" in lines[0], result.stderr


def test_api_serve_ingest_to_a_running_server(tmp_path):
    """`kg ingest --to URL` posts each article; a bad one is one rejection line, the rest go in."""
    store_dir = tmp_path / "store"
    with OxigraphStore(store_dir) as store:
        fill(store)
    bad = tmp_path / "bad.txt"
    bad.write_text(" date 2024-02-30 Ein Datum, das es nicht gibt.", encoding="utf-8")
    process, base = start(store_dir, "--token", TOKEN)
    env = dict(os.environ, PYTHONPATH=str(ROOT), KG_WRITE_TOKEN=TOKEN)
    try:
        in_use = subprocess.run([sys.executable, "-m", "kg.cli", "ingest", str(ROOT / "seeds" / "d03.txt"),
                                 "--store", str(store_dir)], cwd=ROOT, capture_output=True, text=True, env=env,
                                timeout=120)
        assert in_use.returncode == 2 and "--to" in in_use.stderr
        result = subprocess.run([sys.executable, "-m", "kg.cli", "ingest", str(ROOT / "seeds" / "d03.txt"), str(bad),
                                 "--to", base], cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
        assert result.returncode == 1, result.stderr
        assert "1 articles" in result.stderr and "1 rejected" in result.stderr and "bad.txt" in result.stderr
        assert requests.get(base + "/articles/d03", headers={"Accept": "application/ld+json"}, timeout=10).ok
        refused = subprocess.run([sys.executable, "-m", "kg.cli", "ingest", str(ROOT / "seeds" / "d03.txt"),
                                  "--to", base, "--token", "wrong"], cwd=ROOT, capture_output=True, text=True,
                                 env=env, timeout=120)
        assert refused.returncode == 2 and "refused the write (403)" in refused.stderr
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(15) == 0
