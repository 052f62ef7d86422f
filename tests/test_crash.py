"""SIGKILL at random points: `kg ingest --workers 2` and `kg serve` during POST /articles.

Each article is one transaction, so whatever the moment of the kill, the store holds
whole articles only: every article graph conforms to the shapes together with the
actors, and the store opens again. The whole process group is killed, as a power cut
would (the pool's workers too).
"""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

from kg import iris
from kg.store import OxigraphStore
from kg.validate import validate_graph

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "crash-token"


def _assert_whole_articles(store_dir: Path) -> int:
    """Every article graph in the store conforms; returns how many there are."""
    with OxigraphStore(store_dir) as store:
        written = [g for g in store.graph_names() if g.startswith(iris.BASE + "article/")]
        actors = store.graph(iris.ACTORS_GRAPH)
        for name in written:
            assert validate_graph(store.graph(name) + actors, subject=name) == []
    return len(written)


def _kill_group(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(30)


ARTICLES = 400


@pytest.mark.parametrize("seed", [1, 2])
def test_crash_ingest_with_two_workers_keeps_only_whole_articles(tmp_path, seed):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for i in range(ARTICLES):  # enough that the kill below lands midway however fast extraction gets
        shutil.copy(seeds[i % len(seeds)], corpus / f"copy{i:03d}.txt")
    store_dir = tmp_path / "store"
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "ingest", str(corpus), "--store", str(store_dir),
                             "--workers", "2", "--verbose"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, cwd=ROOT, start_new_session=True)
    for _ in range(random.Random(seed).randint(1, 4)):  # a random number of articles in
        assert proc.stderr.readline().startswith("ingested ")
    time.sleep(random.Random(seed).random())  # and a random moment after
    _kill_group(proc)
    written = _assert_whole_articles(store_dir)
    assert 0 < written < ARTICLES, "the run should have been stopped midway"


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(store_dir: Path, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(store_dir), "--port", str(port),
                             "--token", TOKEN, "--workers", "1"], cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/health", timeout=5).ok:
                return proc
        except requests.RequestException:
            time.sleep(0.3)
    _kill_group(proc)
    pytest.fail("kg serve did not start")


def test_crash_server_killed_during_post_articles(tmp_path):
    store_dir, port = tmp_path / "store", _free_port()
    server = _serve(store_dir, port)
    url, done = f"http://127.0.0.1:{port}/articles", []
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("d0*.txt"))]

    def post_many(client: int):
        for i in range(100):
            article_id = f"k{client}-{i}"
            body = {"id": article_id, "date": "2024-03-01", "text": texts[i % len(texts)].split("\n", 1)[1].strip()}
            try:
                response = requests.post(url, json=body, timeout=120, headers={"Authorization": f"Bearer {TOKEN}"})
            except requests.RequestException:
                return  # the server is gone
            done.append((article_id, response.status_code))

    clients = [threading.Thread(target=post_many, args=(c,), daemon=True) for c in range(2)]
    for client in clients:
        client.start()
    deadline = time.monotonic() + 300
    while len(done) < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(random.random())  # mid-upload: extraction, validation or the write
    _kill_group(server)
    for client in clients:
        client.join(30)
    assert done and {status for _, status in done} == {201}
    _assert_whole_articles(store_dir)
    with OxigraphStore(store_dir) as store:
        stored = set(store.graph_names())
    assert {iris.article_iri(a) for a, _ in done} <= stored  # every article answered 201 survived
    server = _serve(store_dir, port)  # the store opens again; stale snapshots are cleared
    try:
        health = requests.get(f"http://127.0.0.1:{port}/health", timeout=30).json()
        assert health["ok"] is True
        assert not [p for p in tmp_path.glob(".kg-snapshots-*") if str(server.pid) not in p.name]
    finally:
        _kill_group(server)
