"""The CLI on a remote store chosen by the environment: `kg ingest`, `kg export`, `kg serve`."""
from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import rdflib
import requests

from kg.cli import main
from kg.store import OxigraphStore
from servers import (Server, assert_same_graph, clear, dataset, free_port,  # noqa: F401
                     oxigraph_server, remote_server, virtuoso_server)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "d01.txt"


def remote_env(server: Server) -> dict[str, str]:
    env = {"KG_QUERY_ENDPOINT": server.query, "KG_UPDATE_ENDPOINT": server.update,
           "KG_GSP_ENDPOINT": server.gsp}
    if server.user:
        env |= {"KG_STORE_USER": server.user, "KG_STORE_PASSWORD": server.password,
                "KG_STORE_AUTH": server.auth}
    return env


@pytest.fixture
def on_remote(remote_server, monkeypatch):
    """The environment pointing the CLI at the server, which starts empty."""
    store = remote_server.store()
    clear(store)
    for name, value in remote_env(remote_server).items():
        monkeypatch.setenv(name, value)
    yield store
    store.close()


def test_remote_cli_ingest_writes_to_the_remote_store(on_remote, remote_server, tmp_path, monkeypatch, capsys):
    assert main(["ingest", str(SEED)]) == 0, capsys.readouterr().err
    for name in ("KG_QUERY_ENDPOINT", "KG_UPDATE_ENDPOINT", "KG_GSP_ENDPOINT"):
        monkeypatch.delenv(name)
    assert main(["ingest", str(SEED), "--store", str(tmp_path / "embedded")]) == 0
    with OxigraphStore(tmp_path / "embedded") as embedded:
        assert on_remote.graph_names() == embedded.graph_names()
        for iri in embedded.graph_names():
            assert_same_graph(embedded.graph(iri), on_remote.graph(iri), remote_server.name)


def test_remote_cli_export_streams_the_remote_dataset(on_remote, dataset, tmp_path, capsys):
    on_remote.replace_graphs({g: dataset.graph(g) for g in dataset.graph_names()})
    out = tmp_path / "dump.nq.gz"
    assert main(["export", "--format", "nquads", "--gzip", "--output", str(out)]) == 0, capsys.readouterr().err
    import gzip

    exported = rdflib.Dataset()
    exported.parse(data=gzip.decompress(out.read_bytes()), format="nquads")
    # quads, not len(): a proposition's node stands in each article graph that names it
    assert sum(1 for _ in exported.quads((None, None, None, None))) == dataset.quad_count()
    assert {str(g.identifier) for g in exported.graphs() if len(g)} == set(dataset.graph_names())


@pytest.mark.parametrize("how", ["environment", "options"])
def test_remote_cli_serve_answers_from_the_remote_store(oxigraph_server, dataset, how):
    store = oxigraph_server.store()
    clear(store)
    store.replace_graphs({g: dataset.graph(g) for g in dataset.graph_names()})
    port = free_port()
    env, options = dict(os.environ), []
    if how == "environment":
        env.update(remote_env(oxigraph_server))
    else:
        options = ["--query-endpoint", oxigraph_server.query, "--update-endpoint", oxigraph_server.update,
                   "--gsp", oxigraph_server.gsp]
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--port", str(port), *options],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if requests.get(base + "/health", timeout=1).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.1)
        count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        answer = requests.get(base + "/sparql", params={"query": count},
                              headers={"Accept": "application/sparql-results+json"}, timeout=30)
        assert answer.status_code == 200, answer.text
        assert int(answer.json()["results"]["bindings"][0]["n"]["value"]) == dataset.quad_count()
        actors = requests.get(base + "/actors", headers={"Accept": "application/ld+json"}, timeout=30)
        assert actors.status_code == 200 and actors.json()["member"]
    finally:
        process.terminate()
        process.wait(timeout=30)
