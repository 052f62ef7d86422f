"""The `kg` command end to end, as a user runs it (real processes, real store)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_8eac7816d47259b9.txt"


def kg(*args, check=True):
    proc = subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    if check and proc.returncode != 0:
        raise AssertionError(f"kg {args} exited {proc.returncode}: {proc.stderr}")
    return proc


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "store"
    proc = kg("ingest", ROOT / "seeds", "--store", path)
    assert "rejected" in proc.stderr and ", 0 rejected" in proc.stderr
    return path


def test_cli_help_for_every_command():
    from kg.cli import COMMANDS

    top = kg("--help").stdout
    for name in COMMANDS:
        assert name in top
        assert kg(name, "--help").stdout.startswith(f"usage: kg {name}")


def test_cli_extract_jsonl_fields():
    lines = kg("extract", SEED, "--format", "jsonl").stdout.splitlines()
    assert lines, "the seed article holds positions"
    required = {"article", "sentence", "actor", "actor_type", "stance", "act", "claim", "cap_major", "date",
                "article_date", "actor_iri", "topic", "topic_label", "confidence"}
    text = SEED.read_text(encoding="utf-8")
    for row in map(json.loads, lines):
        assert required <= row.keys()
        assert row["article"] == SEED.stem and row["sentence"] in text
        assert row["stance"] in ("support", "oppose") and 0 <= row["confidence"] <= 1
    assert any(json.loads(l)["actor"] == "Wladimir Putin" for l in lines)


@pytest.mark.parametrize("fmt, parse_as", [("turtle", "turtle"), ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_cli_extract_rdf_formats_parse(fmt, parse_as):
    out = kg("extract", SEED, "--format", fmt).stdout
    graph = rdflib.Dataset() if parse_as != "turtle" else rdflib.Graph()
    graph.parse(data=out, format=parse_as)
    assert len(graph) > 50 or sum(1 for _ in graph.quads()) > 50


def test_cli_export_parses_and_conforms(store, tmp_path):
    out = tmp_path / "dump.nq"
    kg("export", "--format", "nquads", "--store", store, "--output", out)
    ds = rdflib.Dataset()
    ds.parse(out, format="nquads")
    assert sum(1 for _ in ds.quads()) > 1000
    valid = kg("validate", out)
    assert "conforms" in valid.stdout


def test_cli_export_gzip_and_graph(store, tmp_path):
    import gzip

    from kg import iris

    out = tmp_path / "seed.nt.gz"
    kg("export", "--format", "nt", "--graph", iris.article_iri(SEED.stem), "--gzip", "-o", out, "--store", store)
    g = rdflib.Graph().parse(data=gzip.decompress(out.read_bytes()), format="nt")
    assert len(g) > 100
    missing = kg("export", "--graph", "https://example.org/none", "--store", store, check=False)
    assert missing.returncode == 2 and "no graph" in missing.stderr


def test_cli_validate_reads_gzip_export(store, tmp_path):
    out = tmp_path / "all.nq.gz"
    kg("export", "--format", "nquads", "--gzip", "-o", out, "--store", store)
    assert "conforms" in kg("validate", out).stdout
    broken = tmp_path / "broken.nq.gz"
    broken.write_bytes(b"not gzip at all")
    proc = kg("validate", broken, check=False)
    assert proc.returncode == 2 and "broken.nq.gz: cannot read" in proc.stderr


def test_cli_version():
    from importlib.metadata import version

    assert kg("--version").stdout.strip() == f"kg {version('standpunkt')}"


def test_cli_query_formats(store):
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?p a <https://w3id.org/standpunkt/ontology#Position> }"
    table = kg("query", q, "--store", store).stdout
    assert "(1 rows)" in table
    n = json.loads(kg("query", q, "--format", "json", "--store", store).stdout)["results"]["bindings"][0]["n"]["value"]
    assert int(n) > 60
    assert kg("query", q, "--format", "csv", "--store", store).stdout.splitlines()[1].strip() == n


def test_cli_query_error_is_one_line(store):
    proc = kg("query", "SELECT WHERE {", "--store", store, check=False)
    assert proc.returncode == 2
    assert proc.stderr.startswith("kg query:") and len(proc.stderr.strip().splitlines()) == 1


def test_cli_stats(store):
    stats = json.loads(kg("stats", "--json", "--store", store).stdout)
    assert stats["articles"] == 6 and stats["positions"] > 60 and stats["actors"] > 10
    assert stats["first"] == "2023-04-15" and stats["last"] == "2025-11-28"


def test_cli_reads_while_another_process_writes(store):
    """export, query and stats open the store read-only, so they work beside `kg serve`."""
    from kg.store import OxigraphStore

    with OxigraphStore(store):
        assert json.loads(kg("stats", "--json", "--store", store).stdout)["articles"] == 6
        assert kg("query", "ASK { ?s ?p ?o }", "--store", store).stdout.strip() == "true"
        assert kg("export", "--format", "nt", "--store", store).stdout.count("\n") > 1000
        busy = kg("ingest", SEED, "--store", store, check=False)
    assert busy.returncode == 2 and "cannot open the store" in busy.stderr


def test_cli_read_commands_need_an_existing_store(tmp_path):
    proc = kg("stats", "--store", tmp_path / "none", check=False)
    assert proc.returncode == 2 and "no store at" in proc.stderr


def test_cli_validate_rejects_broken_graph(store, tmp_path):
    dump = tmp_path / "seed.ttl"
    from kg import iris

    kg("export", "--format", "turtle", "--graph", iris.article_iri(SEED.stem), "--store", store, "-o", dump)
    text = dump.read_text(encoding="utf-8")
    broken = tmp_path / "broken.ttl"
    import re

    hacked, n = re.subn(r"((?:ontology#confidence>|sp:confidence) )[0-9.]+", r"\g<1>1.7", text, count=1)
    assert n == 1
    broken.write_text(hacked, encoding="utf-8")
    proc = kg("validate", broken, check=False)
    assert proc.returncode == 1
    assert "confidence" in proc.stdout


def test_cli_ingest_reports_bad_article_and_keeps_going(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes(SEED.read_bytes())
    (folder / "bad.txt").write_text(" date 2024-02-30 Text.", encoding="utf-8")
    proc = kg("ingest", folder, "--store", tmp_path / "s", check=False)
    assert proc.returncode == 1
    assert "bad.txt:1: date '2024-02-30' does not exist" in proc.stderr
    assert "1 articles" in proc.stderr and "1 rejected" in proc.stderr


def test_cli_delete_article_keeps_actors_other_articles_cite(tmp_path):
    store = tmp_path / "store"
    kg("ingest", ROOT / "seeds" / "d01.txt", ROOT / "seeds" / "d02.txt", "--store", store)
    actors = "SELECT ?a WHERE { GRAPH <https://w3id.org/standpunkt/graph/actors> { ?a a ?t } }"
    held = ("SELECT DISTINCT ?a WHERE { GRAPH <https://w3id.org/standpunkt/article/%s> "
            "{ ?p <https://w3id.org/standpunkt/ontology#holder> ?a } }")

    def column(query):
        out = json.loads(kg("query", query, "--format", "json", "--store", store).stdout)
        return {b["a"]["value"] for b in out["results"]["bindings"]}

    in_d01, in_d02 = column(held % "d01"), column(held % "d02")
    assert in_d01 - in_d02, "d01 has actors of its own"
    proc = kg("delete", "d01", "--store", store)
    assert "deleted d01" in proc.stderr
    assert column(held % "d01") == set()
    left = column(actors)
    assert in_d02 <= left and not (in_d01 - in_d02) & left
    missing = kg("delete", "nope", "--store", store, check=False)
    assert missing.returncode == 1 and "no article 'nope'" in missing.stderr


def test_cli_delete_takes_the_review_along_unless_kept(tmp_path):
    from kg import review
    from kg.store import OxigraphStore

    path = tmp_path / "store"
    kg("ingest", ROOT / "seeds" / "d01.txt", ROOT / "seeds" / "d02.txt", "--store", path)
    graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), '/graph/review')) }"

    def review_graphs() -> int:
        out = json.loads(kg("query", graphs, "--format", "json", "--store", path).stdout)
        return int(out["results"]["bindings"][0]["n"]["value"])

    def decide(article: str) -> None:
        with OxigraphStore(path) as store:
            for user in ("anna", "ben"):
                target = review.article_review(store, article).positions[0]
                review.decide(store, article, user, {"kind": "reject", "position": target.iri})

    decide("d01")
    assert review_graphs() == 3  # two reviewers' graphs and the status graph
    kept = kg("delete", "d01", "--keep-review", "--store", path)
    # the reviewers' graphs stay; the status graph goes (rejections state no position to set aside)
    assert "deleted d01 (2 reviewers' decisions kept)" in kept.stderr and review_graphs() == 2
    decide("d02")
    gone = kg("delete", "d02", "--store", path)
    assert "deleted d02 (2 reviewers' decisions deleted with it)" in gone.stderr and review_graphs() == 2
