"""kg push against real servers: replace per graph, re-push changes nothing, interrupted
pushes finish without duplicates, and what arrived is checked."""
from __future__ import annotations

import pytest

from kg.cli import main
from kg.errors import StoreError
from kg.push import push
from kg.remote import RemoteStore
from servers import (QUERIES, assert_same_graph, clear, comparable_rows, dataset,  # noqa: F401
                     oxigraph_server, remote_server, virtuoso_server)

MODES = ["gsp", "update"]


@pytest.fixture
def target(remote_server):
    """The server's store, emptied of every Standpunkt graph."""
    store = remote_server.store()
    clear(store)
    yield store
    store.close()


def _counts(dataset) -> dict[str, int]:
    return {g: len(dataset.graph(g)) for g in dataset.graph_names()}


def _fail_after(target: RemoteStore, sends: int, monkeypatch) -> None:
    """Make the target's HTTP client drop the connection on its `sends`-th write request."""
    real, calls = target.http.request, {"n": 0}

    def request(method, url, **kwargs):
        if url != target.query_endpoint:
            calls["n"] += 1
            if calls["n"] == sends:
                raise StoreError(f"{kwargs.get('what')}: cannot reach {url}: connection reset (injected)")
        return real(method, url, **kwargs)

    monkeypatch.setattr(target.http, "request", request)


@pytest.mark.parametrize("mode", MODES)
def test_push_gives_the_same_answers_as_the_embedded_store(remote_server, target, dataset, mode):
    summary = push(dataset, target, mode=mode)
    assert (summary.graphs, summary.triples) == (len(dataset.graph_names()), dataset.quad_count())
    assert summary.requests >= 1 and "pushed" in summary.line()
    assert target.graph_counts() == _counts(dataset)
    for query in QUERIES:
        assert comparable_rows(target.query(query)) == comparable_rows(dataset.query(query)), query
    for iri in dataset.graph_names():
        assert_same_graph(dataset.graph(iri), target.graph(iri), remote_server.name)


@pytest.mark.parametrize("mode", MODES)
def test_push_twice_changes_nothing(remote_server, target, dataset, mode):
    push(dataset, target, mode=mode, batch_size=150)
    first = {g: target.graph(g) for g in target.graph_names()}
    push(dataset, target, mode=mode, batch_size=150)
    assert target.graph_counts() == _counts(dataset)
    for iri, graph in first.items():
        assert_same_graph(graph, target.graph(iri), "oxigraph")


@pytest.mark.parametrize("mode", MODES)
def test_push_interrupted_then_rerun_has_no_duplicates(remote_server, target, dataset, mode, monkeypatch):
    with monkeypatch.context() as patch:
        _fail_after(target, 6, patch)
        with pytest.raises(StoreError, match="injected"):
            push(dataset, target, mode=mode, batch_size=100)
    partial = target.graph_counts()
    assert partial != _counts(dataset)
    push(dataset, target, mode=mode, batch_size=100)
    assert target.graph_counts() == _counts(dataset)
    for iri in dataset.graph_names():
        assert_same_graph(dataset.graph(iri), target.graph(iri), remote_server.name)


def test_push_replaces_what_the_remote_graph_held_before(target, dataset):
    iri = dataset.graph_names()[0]
    target.update(f"INSERT DATA {{ GRAPH <{iri}> {{ <http://ex/stale> <http://ex/p> 1 }} }}")
    push(dataset, target, mode="gsp", graphs=[iri])
    assert not target.query(f"ASK {{ GRAPH <{iri}> {{ <http://ex/stale> ?p ?o }} }}")
    assert target.graph_counts() == {iri: len(dataset.graph(iri))}


def test_push_dry_run_sends_nothing(target, dataset):
    summary = push(dataset, target, mode="update", dry_run=True, batch_size=500)
    assert summary.dry_run and summary.triples == dataset.quad_count()
    assert summary.requests >= dataset.quad_count() // 500
    assert summary.line().startswith("would push")
    assert target.graph_names() == []


def test_push_one_graph(target, dataset):
    iri = dataset.graph_names()[-1]
    summary = push(dataset, target, mode="update", graphs=[iri])
    assert summary.graphs == 1
    assert target.graph_names() == [iri]


def test_push_unknown_graph_is_refused_before_sending(target, dataset):
    with pytest.raises(StoreError, match="no graph <https://example.org/nope>"):
        push(dataset, target, mode="gsp", graphs=["https://example.org/nope"])
    assert target.graph_names() == []


def test_push_notices_a_store_that_kept_less(target, dataset, monkeypatch):
    """A 200 is no proof: a server that silently dropped triples fails the count check."""
    real = target.put_graph
    monkeypatch.setattr(target, "put_graph", lambda iri, triples: real(iri, list(triples)[1:]))
    with pytest.raises(StoreError, match=r"push incomplete: \d+ graph\(s\) differ .* sent \d+ triples, "
                                         r"the store holds \d+"):
        push(dataset, target, mode="gsp")


def test_push_cli_gsp_with_summary(oxigraph_server, dataset, capsys):
    target = oxigraph_server.store()
    clear(target)
    code = main(["push", "--gsp", oxigraph_server.gsp, "--query-endpoint", oxigraph_server.query,
                 "--store", str(dataset.path), "--batch-size", "200"])
    assert code == 0
    assert f"pushed {len(dataset.graph_names())} graphs, {dataset.quad_count()} triples" in capsys.readouterr().err
    assert target.graph_counts() == _counts(dataset)


def test_push_cli_virtuoso_update_with_digest_auth(virtuoso_server, dataset, capsys, monkeypatch):
    target = virtuoso_server.store()
    clear(target)
    monkeypatch.setenv("KG_STORE_PASSWORD", virtuoso_server.password)
    code = main(["push", "--update", virtuoso_server.update, "--user", "dba", "--auth", "digest",
                 "--store", str(dataset.path)])
    assert code == 0, capsys.readouterr().err
    assert target.graph_counts() == _counts(dataset)


def test_push_cli_wrong_password_is_one_clear_line(virtuoso_server, dataset, capsys):
    code = main(["push", "--gsp", virtuoso_server.gsp, "--user", "dba", "--password", "wrong",
                 "--auth", "digest", "--retries", "0", "--store", str(dataset.path)])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1
    assert "refused the credentials (401)" in err and "--auth" in err


def test_push_cli_missing_store_says_so(tmp_path, capsys):
    code = main(["push", "--gsp", "http://127.0.0.1:9/store", "--store", str(tmp_path / "none")])
    assert code == 2
    assert "no store at" in capsys.readouterr().err


def test_push_progress_bar_and_summary(target, dataset, capsys):
    summary = push(dataset, target, mode="gsp", progress=True)
    assert " graphs" in capsys.readouterr().err
    assert summary.line().startswith(f"pushed {len(dataset.graph_names())} graphs, {dataset.quad_count()} triples")


def test_push_update_without_a_query_endpoint_names_the_fix(oxigraph_server, dataset):
    target = RemoteStore(oxigraph_server.update, oxigraph_server.update, retries=0)
    with pytest.raises(StoreError, match="could not read the counts back .* --query-endpoint"):
        push(dataset, target, mode="update", graphs=[dataset.graph_names()[0]])


def test_push_cli_warns_when_the_default_graph_is_not_the_union(dataset, tmp_path, capsys):
    from servers import start_oxigraph

    server = start_oxigraph(tmp_path / "plain-oxigraph", union_default_graph=False)
    try:
        code = main(["push", "--gsp", server.gsp, "--query-endpoint", server.query,
                     "--store", str(dataset.path)])
        err = capsys.readouterr().err
        assert code == 0 and "--union-default-graph" in err
        assert not server.store().default_graph_is_union()
    finally:
        server.stop()


@pytest.mark.parametrize("mode", MODES)
def test_push_killed_mid_way_then_rerun_has_no_duplicates(remote_server, target, dataset, mode):
    """A real interruption: the push process is killed (SIGKILL) while it sends."""
    import os
    import signal
    import subprocess
    import sys
    import time

    url = remote_server.gsp if mode == "gsp" else remote_server.update
    command = [sys.executable, "-m", "kg.cli", "push", f"--{mode}", url, "--query-endpoint",
               remote_server.query, "--batch-size", "10", "--store", str(dataset.path)]
    env = dict(os.environ, KG_STORE_PASSWORD=remote_server.password or "")
    if remote_server.user:
        command += ["--user", remote_server.user, "--auth", remote_server.auth]
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not target.graph_counts():
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert target.graph_counts() != _counts(dataset), "the push finished before it could be killed"
    assert subprocess.run(command, env=env, capture_output=True).returncode == 0
    assert target.graph_counts() == _counts(dataset)
    for iri in dataset.graph_names():
        assert_same_graph(dataset.graph(iri), target.graph(iri), remote_server.name)


def test_push_many_graphs_checked_in_one_listing(remote_server, target):
    """Past 20 graphs the arrival check reads all counts in one paged GROUP BY."""
    import rdflib

    from kg import iris
    from kg.store import OxigraphStore

    source = OxigraphStore(in_memory=True)
    graphs = {}
    for i in range(30):
        g = rdflib.Graph()
        for j in range(i + 1):
            g.add((rdflib.URIRef(f"http://ex/s{j}"), rdflib.URIRef("http://ex/p"), rdflib.Literal(f"{i}-{j}")))
        graphs[f"{iris.BASE}test/many/{i:02d}"] = g
    source.replace_graphs(graphs)
    summary = push(source, target, mode="update", batch_size=100)
    assert (summary.graphs, summary.triples) == (30, sum(range(1, 31)))
    assert summary.requests < 30
    assert target.graph_counts() == {iri: len(g) for iri, g in graphs.items()}
