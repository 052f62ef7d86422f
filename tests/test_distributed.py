"""Distributed extraction on a real local Dask cluster (a scheduler and two worker processes).

The shards of `kg extract --engine dask` must be the bytes the single-process
engine writes, whatever the workers do: run in another order, die mid-run, or
find half the work done. The corpus is the test articles recombined under new ids
and dates (JSONL, one file gzip), with two faulty lines that must land in a rejects file.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import iris
from kg.articles import read_paths
from kg.errors import StoreError
from kg.cli import main
from kg.ingest import ingest_articles
from kg.load import find_shards, load_shards
from kg.model import Article
from kg.partitions import plan, read_partition
from kg.store import OxigraphStore

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 72  # 12 partitions of 6; on 2 idle cores the module runs in about a minute
SIZE = 6
BAD_LINES = ['{"id": "bad-date", "date": "2024-13-40", "text": "Die SPD fordert mehr Geld."}',
             '{"id": "broken", "date": "2024-01-01", "text": ']


def _sources() -> list[Article]:
    return [a for a in read_paths([ROOT / "tests" / "data" / "articles", ROOT / "seeds"]) if isinstance(a, Article)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Two JSONL files (the second gzip), the faulty lines in the middle of the first."""
    folder = tmp_path_factory.mktemp("corpus")
    sources = _sources()
    rows = []
    for i in range(ARTICLES):
        src = sources[i % len(sources)]
        date = f"{2020 + i % 6}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        rows.append(json.dumps({"id": f"c{i:03d}-{src.id}", "date": date, "text": src.text}, ensure_ascii=False))
    half = len(rows) // 2
    first = rows[: half // 2] + BAD_LINES + rows[half // 2: half]
    (folder / "a.jsonl").write_text("\n".join(first) + "\n", encoding="utf-8")
    with gzip.open(folder / "b.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write("\n".join(rows[half:]) + "\n")
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> Path:
    """The single-process run: the same partitions, one after another, in this process."""
    out = tmp_path_factory.mktemp("reference")
    assert main(["extract", "--engine", "local", "--partition-size", str(SIZE), str(corpus), "--out", str(out)]) == 1
    return out


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0") as c, Client(c) as client:
        yield c, client


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _dask(corpus: Path, out: Path, *extra: str) -> int:
    return main(["extract", "--engine", "dask", "--partition-size", str(SIZE), *extra, str(corpus), "--out", str(out)])


def test_distributed_plan_covers_every_line_once(corpus):
    partitions = plan([corpus], SIZE)
    items = [item for p in partitions for item in read_partition(p)]
    assert len(items) == ARTICLES + len(BAD_LINES)
    assert len({p.name for p in partitions}) == len(partitions) == -(-len(items) // SIZE)
    assert [p.name for p in plan([corpus], SIZE)] == [p.name for p in partitions]


def test_distributed_shards_match_the_single_process_run(corpus, reference, cluster, tmp_path):
    c, _ = cluster
    assert _dask(corpus, tmp_path, "--scheduler", c.scheduler_address) == 1
    expected = _files(reference)
    assert len(expected) == 3 * len(plan([corpus], SIZE)) + 1  # and reference.nq.gz
    assert _files(tmp_path) == expected


def test_distributed_positions_are_those_of_plain_extract(corpus, reference, capsys):
    """The positions files in partition order continue `kg extract --format jsonl` of the first file."""
    capsys.readouterr()
    assert main(["extract", str(corpus / "a.jsonl")]) == 1
    plain = capsys.readouterr().out.splitlines()
    lines = b"".join(p.read_bytes() for p in sorted(reference.glob("*.positions.jsonl"))).decode().splitlines()
    assert len(plain) > ARTICLES and lines[: len(plain)] == plain


def test_distributed_bad_articles_land_in_the_rejects_file(reference):
    rejects = [json.loads(line) for p in sorted(reference.glob("*.rejects.jsonl"))
               for line in p.read_text(encoding="utf-8").splitlines()]
    assert len(rejects) == 2
    assert all(r["source"].endswith("a.jsonl") and r["line"] for r in rejects)
    assert "does not exist" in rejects[0]["error"] and "invalid JSON" in rejects[1]["error"]
    positions = b"".join(p.read_bytes() for p in reference.glob("*.positions.jsonl"))
    assert b'"bad-date"' not in positions


def test_distributed_worker_killed_mid_run_still_completes(corpus, reference, cluster, tmp_path):
    c, client = cluster
    done: dict[str, int] = {}
    run = threading.Thread(target=lambda: done.update(code=_dask(corpus, tmp_path, "--scheduler", c.scheduler_address)))
    run.start()
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob("part-*.nq.gz")) and time.monotonic() < deadline:
        time.sleep(0.05)
    finished_at_kill = len(list(tmp_path.glob("part-*.nq.gz")))
    victim = next(iter(client.run(os.getpid).values()))
    os.kill(victim, signal.SIGKILL)
    run.join(300)
    assert not run.is_alive() and done["code"] == 1
    assert finished_at_kill < len(plan([corpus], SIZE))
    assert victim not in client.run(os.getpid).values()
    assert _files(tmp_path) == _files(reference)


def test_distributed_rerun_skips_finished_partitions(corpus, reference, tmp_path, capsys):
    shutil.copytree(reference, tmp_path, dirs_exist_ok=True)
    missing = sorted(tmp_path.glob("part-*.nq.gz"))[3]
    missing.unlink()
    capsys.readouterr()
    assert _dask(corpus, tmp_path, "--workers", "2") == 1
    err = capsys.readouterr().err
    total = len(plan([corpus], SIZE))
    assert f"{total} partitions ({total - 1} already done)" in err
    assert "dask dashboard: http://127.0.0.1:" in err
    assert _files(tmp_path) == _files(reference)
    assert not list(tmp_path.glob("*.tmp-*"))


def test_distributed_rerun_clears_what_a_killed_writer_left(corpus, reference, tmp_path):
    """A worker killed between writing a file under its temporary name and renaming it leaves
    it behind; the partition is done elsewhere, and the run removes the leftover."""
    shutil.copytree(reference, tmp_path, dirs_exist_ok=True)
    shard = sorted(tmp_path.glob("part-*.nq.gz"))[1]
    leftover = shard.with_name(shard.name + ".tmp-4242-0123abcd")
    leftover.write_bytes(shard.read_bytes()[:100])
    main(["extract", "--engine", "local", "--partition-size", str(SIZE), str(corpus), "--out", str(tmp_path)])
    assert not leftover.exists()
    assert _files(tmp_path) == _files(reference)


# The pipeline fails on this article today: "Gestern" on 0001-01-01 overflows the calendar
# (tests/test_extract.py FAILING); should it learn to stop at year 1, take another input.
FAILING = {"id": "year-one", "date": "0001-01-01",
           "text": "Die SPD fordert mehr Geld für Kommunen. Gestern sagte Merz, er lehne das ab."}


def test_distributed_an_article_the_pipeline_fails_on_costs_that_article_only(cluster, tmp_path, capsys):
    """An exception inside extraction, on a worker: the partition's other articles are in its
    shard, the article is one line of its rejects file (id, exception class and message, no
    traceback), and the exit code is 1, also on a rerun that finds the partition done."""
    c, _ = cluster
    rows = [{"id": f"ok{i}-{a.id}", "date": "2024-03-01", "text": a.text} for i, a in enumerate(_sources()[:SIZE - 1])]
    rows.insert(2, FAILING)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    capsys.readouterr()
    assert _dask(corpus, out, "--scheduler", c.scheduler_address) == 1
    err = capsys.readouterr().err
    assert "1 rejected" in err and "*.rejects.jsonl" in err and "Traceback" not in err
    (shard,) = out.glob("part-*.nq.gz")
    quads = gzip.decompress(shard.read_bytes()).decode("utf-8")
    assert all(f"<{iris.article_iri(r['id'])}>" in quads for r in rows if r is not FAILING)
    assert f"<{iris.article_iri(FAILING['id'])}>" not in quads
    (rejects,) = out.glob("*.rejects.jsonl")
    assert [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()] == [
        {"source": str(corpus), "id": "year-one",
         "error": "extracting article 'year-one' failed: OverflowError: date value out of range"}]
    positions = [json.loads(line)["article"] for p in out.glob("*.positions.jsonl") for line in p.open(encoding="utf-8")]
    assert "year-one" not in positions and len(set(positions)) >= 3
    assert _dask(corpus, out, "--scheduler", c.scheduler_address) == 1
    assert "1 partitions (1 already done)" in capsys.readouterr().err
    assert main(["extract", "--engine", "local", "--partition-size", str(SIZE), str(corpus), "--out", str(out)]) == 1


def test_distributed_load_gives_the_quads_of_ingest(tmp_path):
    """`kg load` of the shards equals `kg ingest` of the same articles, reference graphs included."""
    articles = ROOT / "tests" / "data" / "articles"
    assert main(["extract", "--engine", "local", "--partition-size", "5", str(articles),
                 "--out", str(tmp_path / "shards")]) == 0
    with OxigraphStore(tmp_path / "loaded") as loaded, OxigraphStore(tmp_path / "ingested") as ingested:
        summary = load_shards(loaded, find_shards(tmp_path / "shards"))
        ingest_articles(ingested, read_paths([articles]), report=lambda _: None)
        assert summary.shards == 3 and summary.stored == ingested.quad_count()
        assert _quads(loaded) == _quads(ingested)


@pytest.mark.servers
def test_distributed_shards_load_into_the_oxigraph_server_store(tmp_path):
    """The README's `oxigraph load --file DIR/*.nq.gz` gives the dataset `kg load` gives."""
    import subprocess

    from servers import require_binary

    binary = require_binary("oxigraph", "pip install oxigraph")
    shards = tmp_path / "shards"
    assert main(["extract", "--engine", "local", str(ROOT / "seeds"), "--out", str(shards)]) == 0
    subprocess.run([binary, "load", "--location", str(tmp_path / "server"), "--file",
                    *map(str, sorted(shards.glob("*.nq.gz")))], check=True, capture_output=True)
    with OxigraphStore(tmp_path / "loaded") as loaded:
        load_shards(loaded, find_shards(shards))
        with OxigraphStore(tmp_path / "server", read_only=True) as server:
            assert server.quad_count() == loaded.quad_count()
            assert _quads(server) == _quads(loaded)


def _quads(store) -> set[bytes]:
    """Quads without blank nodes (the ontology's OWL lists differ in labels only)."""
    out = io.BytesIO()
    store.dump(out, "nquads")
    return {q for q in out.getvalue().splitlines() if b"_:" not in q}


def test_distributed_load_cli_errors(tmp_path, capsys):
    assert main(["load", str(tmp_path / "nowhere"), "--store", str(tmp_path / "s")]) == 2
    assert "no folder" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["load", str(tmp_path / "empty"), "--store", str(tmp_path / "s")]) == 2
    assert "no shards" in capsys.readouterr().err
    assert main(["extract", "--engine", "dask", str(tmp_path / "empty")]) == 2
    assert "--out" in capsys.readouterr().err


def test_distributed_load_names_a_bad_shard(tmp_path, capsys):
    """A shard that is not gzip, or not N-Quads, stops `kg load` with its name and exit 2."""
    import gzip

    folder = tmp_path / "shards"
    folder.mkdir()
    (folder / "part-000000-aaaa.nq.gz").write_bytes(b"plain text, not gzip")
    assert main(["load", str(folder), "--store", str(tmp_path / "s"), "--threads", "2"]) == 2
    assert "part-000000-aaaa.nq.gz" in capsys.readouterr().err
    (folder / "part-000000-aaaa.nq.gz").write_bytes(gzip.compress(b"<urn:a> <urn:b> oops .\n"))
    assert main(["load", str(folder), "--store", str(tmp_path / "t")]) == 2
    err = capsys.readouterr().err
    assert "part-000000-aaaa.nq.gz" in err and "N-Quads" in err
    assert main(["load", str(folder), "--store", str(tmp_path / "u"), "--threads", "0"]) == 2
    assert "--threads" in capsys.readouterr().err


def test_distributed_load_names_the_line_and_leaves_the_store_as_it_was(tmp_path, capsys):
    """The shards stream through one bulk_load call: a bad line in the second shard names that
    shard and its own line, and nothing of the first shard (nor the reference graphs) is stored;
    a shard without a final newline does not run into the next one."""
    import pyoxigraph as ox

    folder = tmp_path / "shards"
    folder.mkdir()
    good = b"<urn:s> <urn:p> <urn:o1> <urn:g> .\n<urn:s> <urn:p> <urn:o2> <urn:g> ."  # no final newline
    (folder / "part-000000-aaaa.nq.gz").write_bytes(gzip.compress(good))
    (folder / "part-000001-bbbb.nq.gz").write_bytes(
        gzip.compress(b"<urn:s> <urn:p> <urn:o3> <urn:g> .\n\n<urn:s> <urn:p> oops <urn:g> .\n"))
    assert main(["load", str(folder), "--store", str(tmp_path / "s")]) == 2
    err = capsys.readouterr().err
    assert "part-000001-bbbb.nq.gz: not valid N-Quads at line 3" in err
    with OxigraphStore(tmp_path / "s") as store:
        assert store.quad_count() == 0
        (folder / "part-000001-bbbb.nq.gz").write_bytes(gzip.compress(b"<urn:s> <urn:p> <urn:o3> <urn:g> .\n"))
        summary = load_shards(store, find_shards(folder))
        assert (summary.shards, summary.quads) == (2, 3)
        graph = store.native.quads_for_pattern(None, None, None, ox.NamedNode("urn:g"))
        assert {q.object.value for q in graph} == {"urn:o1", "urn:o2", "urn:o3"}


def test_distributed_load_calls_commit_together(tmp_path):
    """Two bulk_load calls (the larger first shard, the second) commit only when both have parsed
    all of theirs: a bad line in the second shard, or a last line of the first without its dot
    (Oxigraph sees that only at the next statement), leaves the store empty."""
    folder = tmp_path / "shards"
    folder.mkdir()
    lines = b"".join(b"<urn:s> <urn:p> <urn:o%d> <urn:g> .\n" % i for i in range(8))
    cases = ((lines, b"<urn:s> <urn:p> oops <urn:g> .\n", "part-000001-bbbb.nq.gz"),
             (lines + b"<urn:s> <urn:p> <urn:o9> <urn:g>\n", b"<urn:s> <urn:p> <urn:o8> <urn:g> .\n",
              "part-000000-aaaa.nq.gz"),
             (lines, b"<urn:s> <urn:p> <urn:o8> <urn:g> .\n", None))
    for first, second, bad in cases:
        (folder / "part-000000-aaaa.nq.gz").write_bytes(gzip.compress(first))
        (folder / "part-000001-bbbb.nq.gz").write_bytes(gzip.compress(second))
        with OxigraphStore(tmp_path / "s") as store:
            if bad is None:
                summary = load_shards(store, find_shards(folder), threads=2)
                assert (summary.shards, summary.quads) == (2, 9)
                graph = store.native.quads_for_pattern(None, None, None, ox.NamedNode("urn:g"))
                assert {q.object.value for q in graph} == {f"urn:o{i}" for i in range(9)}
                continue
            with pytest.raises(StoreError, match=bad):
                load_shards(store, find_shards(folder), threads=2)
            assert store.quad_count() == 0


def test_distributed_load_validates_what_lenient_parsing_stores(tmp_path, capsys):
    """`kg load` validates as Oxigraph does: an IRI with a space in it names its shard and line,
    and the store stays empty. `--lenient` (for shards `kg extract` wrote from SHACL-validated
    graphs) stores it as it stands."""
    import pyoxigraph as ox

    folder = tmp_path / "shards"
    folder.mkdir()
    (folder / "part-000000-aaaa.nq.gz").write_bytes(gzip.compress(b"<urn:s> <urn:p> <urn:o1> <urn:g> .\n"))
    (folder / "part-000001-bbbb.nq.gz").write_bytes(
        gzip.compress(b"<urn:s> <urn:p> <urn:o2> <urn:g> .\n<urn:s> <urn:p> <http://x/a b> <urn:g> .\n"))
    assert main(["load", str(folder), "--store", str(tmp_path / "s")]) == 2
    assert "part-000001-bbbb.nq.gz: not valid N-Quads at line 2" in capsys.readouterr().err
    with OxigraphStore(tmp_path / "s") as store:
        assert store.quad_count() == 0
    assert main(["load", str(folder), "--store", str(tmp_path / "s"), "--lenient"]) == 0
    with OxigraphStore(tmp_path / "s") as store:
        graph = store.native.quads_for_pattern(None, None, None, ox.NamedNode("urn:g"))
        assert {q.object.value for q in graph} == {"urn:o1", "urn:o2", "http://x/a b"}


def test_distributed_load_names_a_shard_corrupt_inside(tmp_path, capsys):
    """A shard whose gzip header is right but whose compressed data is damaged (the inflater's
    own error, or a CRC that does not match) is named like any unreadable shard."""
    folder = tmp_path / "shards"
    folder.mkdir()
    good = gzip.compress(b"".join(b"<urn:s> <urn:p> <urn:o%d> <urn:g> .\n" % i for i in range(2000)))
    for store, at in (("s", 10), ("t", len(good) // 2)):  # the first deflate block's header; its middle
        data = bytearray(good)
        data[at: at + 40] = b"\xff" * 40
        (folder / "part-000000-aaaa.nq.gz").write_bytes(bytes(data))
        assert main(["load", str(folder), "--store", str(tmp_path / store)]) == 2
        assert "part-000000-aaaa.nq.gz: not a readable gzip shard" in capsys.readouterr().err
