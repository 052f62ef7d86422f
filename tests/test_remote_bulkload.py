"""The bulk-load recipes of docs/stores.md, run for real: `kg export` -> loader -> server."""
from __future__ import annotations

import subprocess

import pytest

from kg.cli import main
from servers import (assert_same_graph, dataset, require_binary, start_oxigraph,  # noqa: F401
                     start_virtuoso)


@pytest.fixture
def dump(dataset, tmp_path):
    """`kg export --format nquads --gzip`, as the docs tell users to write it."""
    path = tmp_path / "import" / "standpunkt.nq.gz"
    path.parent.mkdir()
    assert main(["export", "--format", "nquads", "--gzip", "--output", str(path),
                 "--store", str(dataset.path)]) == 0
    return path


def _check(server, dataset):
    store = server.store()
    try:
        assert store.graph_counts() == {g: len(dataset.graph(g)) for g in dataset.graph_names()}
        article = next(g for g in dataset.graph_names() if "/article/" in g)
        assert_same_graph(dataset.graph(article), store.graph(article), server.name)
    finally:
        store.close()


def test_remote_bulkload_oxigraph_load_then_serve(dump, dataset, tmp_path):
    binary = require_binary("oxigraph", "pip install oxigraph")
    workdir = tmp_path / "oxigraph"
    workdir.mkdir()
    loaded = subprocess.run([binary, "load", "--location", str(workdir / "data"), "--file", str(dump)],
                            capture_output=True, text=True)
    assert loaded.returncode == 0, loaded.stderr
    server = start_oxigraph(workdir)
    try:
        _check(server, dataset)
    finally:
        server.stop()


def test_remote_bulkload_virtuoso_ld_dir(dump, dataset, tmp_path):
    isql = require_binary("isql-vt", "apt-get install virtuoso-opensource")
    workdir = tmp_path / "virtuoso"
    server = start_virtuoso(workdir)
    try:
        folder = workdir / "import"
        dump.rename(folder.mkdir() or folder / dump.name)
        script = (f"ld_dir('{folder}', '*.nq.gz', 'https://w3id.org/standpunkt/graph/default'); "
                  "rdf_loader_run(); checkpoint; "
                  "SELECT COUNT(*) FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;")
        result = subprocess.run([isql, str(server.extra["sql_port"]), "dba", "dba", f"exec={script}"],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
        _check(server, dataset)
    finally:
        server.stop()
