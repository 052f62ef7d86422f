"""One partition -> three files: an N-Quads shard (gzip), its positions (JSONL), its rejects (JSONL).

Each article is extracted, built and SHACL-validated exactly as `kg ingest` does
it (kg.ingest.article_graphs), so loading the shards gives the dataset `kg ingest`
would have written. The bytes depend on the input only: quads are sorted per
article, the actors graph is written once per shard, sorted and without
duplicates, and the gzip header carries no time or name. Files are written under
temporary names and renamed into place, the shard last: a shard that exists is
complete, which is how reruns know what to skip.
"""
from __future__ import annotations

import gzip
import json
import os
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from kg import iris
from kg.errors import ArticleError, KGError, ValidationError
from kg.partitions import Partition, read_partition

SHARD = ".nq.gz"
REFERENCE = "reference.nq.gz"  # the ontology, topic and issue graphs, for loaders other than `kg load`
POSITIONS = ".positions.jsonl"
REJECTS = ".rejects.jsonl"


@dataclass
class PartitionResult:
    """What one partition produced; `skipped` when its shard was already there."""

    name: str
    articles: int = 0
    positions: int = 0
    rejected: int = 0
    quads: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    skipped: bool = False
    worker: int = 0  # the process id that ran it, its peak memory and CPU-seconds so far (bench/scale_bench.py)
    peak_rss_mb: float = 0.0
    process_cpu: float = 0.0

    def as_dict(self) -> dict:
        return asdict(self)


def shard_path(out: Path, partition: Partition) -> Path:
    return Path(out) / (partition.name + SHARD)


def is_done(out: Path, partition: Partition) -> bool:
    return shard_path(out, partition).exists()


def sweep_temporary(out: Path, partitions: list[Partition]) -> int:
    """Remove the temporary files of finished partitions; how many.

    A worker killed between writing a file under its temporary name and renaming it leaves
    that file behind; the engine reruns the partition elsewhere, so once its shard exists the
    temporary file is garbage (a writer still busy with it would fail its rename and be
    retried, finding the partition done)."""
    removed = 0
    for p in partitions:
        if is_done(out, p):
            for stale in out.glob(f"{p.name}.*.tmp-*"):
                stale.unlink(missing_ok=True)
                removed += 1
    return removed


def write_reference(out: str | os.PathLike) -> Path:
    """The reference graphs `kg ingest` writes (ontology, topics, issues) as one N-Quads file beside the
    shards, so that any store loads `DIR/*.nq.gz` and has them. Blank nodes (OWL lists) get
    canonical labels (rdflib.compare), so the file's bytes, too, depend on the input only."""
    from rdflib.compare import to_canonical_graph

    path = Path(out) / REFERENCE
    if not path.exists():
        graphs = reference_graphs()
        quads = [q for iri, g in graphs.items() for q in sorted(_nquads(to_canonical_graph(g), iri))]
        path.parent.mkdir(parents=True, exist_ok=True)
        _atomic(path, f".tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}", gzip_bytes(_lines(quads)))
    return path


def reference_graphs() -> dict:
    """What kg.ingest.write_reference_graphs writes for a store without a user's codebook:
    the workers match claims against the project's issues, so the shards go with those."""
    from kg import codebook, ontology

    return {iris.ONTOLOGY_GRAPH: ontology.vocabulary_graph(), iris.TOPICS_GRAPH: ontology.topics_graph(),
            iris.ISSUES_GRAPH: codebook.combine(None, "replace")}


def process_partition(partition: Partition, out: str | os.PathLike) -> PartitionResult:
    """Extract, build, validate and write one partition (skipped when its shard exists). An
    article that fails anywhere in that is a line of the rejects file, never the partition's
    failure: a retry would fail the same way and lose its other articles."""
    out = Path(out)
    if is_done(out, partition):
        return done_result(out, partition)
    result = PartitionResult(partition.name)
    started, cpu = time.perf_counter(), time.process_time()
    quads, actors, positions, rejects = [], set(), [], []
    for item in read_partition(partition):
        if isinstance(item, ArticleError):
            rejects.append(_reject(item.source, item.line, item.fault))
            continue
        try:
            found, graph, actor_nodes = _article(item)
        except Exception as e:  # this article's fault alone: the partition's others go on
            rejects.append(_reject(item.source, None, _reason(item, e), item.id))
            continue
        quads += sorted(_nquads(graph, iris.article_iri(item.id)))
        actors.update(_nquads(actor_nodes, iris.ACTORS_GRAPH))
        positions += [json.dumps(p.to_json(), ensure_ascii=False) for p in found]
        result.articles += 1
        result.positions += len(found)
    quads += sorted(actors)
    result.rejected, result.quads = len(rejects), len(quads)
    _write_all(out, partition.name, quads, positions, rejects)
    result.seconds, result.cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    result.worker, result.peak_rss_mb, result.process_cpu = os.getpid(), *_usage()
    return result


def done_result(out: Path, partition: Partition) -> PartitionResult:
    """The result of a partition an earlier run finished: skipped, with the rejects its file
    holds, so that a rerun reports (and its exit code says) what the run as a whole rejected."""
    rejects = Path(out) / (partition.name + REJECTS)
    rejected = len(rejects.read_bytes().splitlines()) if rejects.exists() else 0
    return PartitionResult(partition.name, skipped=True, rejected=rejected)


def _reason(article, error: Exception) -> str:
    """One line for the rejects file: the shapes' violations, the pipeline's failure as
    kg.extract.extract_checked words it (article id, exception class and message), or any
    other error of building the article; never a traceback."""
    if isinstance(error, ValidationError):
        return "; ".join(error.report)
    if isinstance(error, ArticleError):
        return error.fault
    if isinstance(error, KGError):
        return str(error)
    return f"building article {article.id!r} failed: {type(error).__name__}: {error}"


def _usage() -> tuple[float, float]:
    """(peak RSS in MB, CPU-seconds) of this process so far: pipeline loading and the engine's
    own work included, which the task's CPU time leaves out."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def _article(article):
    from kg.extract import extract_checked
    from kg.ingest import article_graphs

    positions = extract_checked(article)
    graph, actor_nodes = article_graphs(article, positions)
    return positions, graph, actor_nodes


def _nquads(graph, graph_iri: str) -> list[str]:
    """The graph's triples as N-Quads lines of `graph_iri` (rdflib's N-Triples escaping)."""
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return [f"{line[:-2]} <{graph_iri}> ." for line in text.splitlines() if line.endswith(" .")]


def _reject(source, line, reason, article_id=None) -> str:
    row = {"source": source, "line": line, "id": article_id, "error": reason}
    return json.dumps({k: v for k, v in row.items() if v is not None}, ensure_ascii=False)


def _write_all(out: Path, name: str, quads: list[str], positions: list[str], rejects: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    tag = f".tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    _atomic(out / (name + POSITIONS), tag, _lines(positions))
    _atomic(out / (name + REJECTS), tag, _lines(rejects))
    _atomic(out / (name + SHARD), tag, gzip_bytes(_lines(quads)))


def _lines(rows: list[str]) -> bytes:
    return "".join(r + "\n" for r in rows).encode("utf-8")


def gzip_bytes(data: bytes) -> bytes:
    """gzip without a time stamp or file name in the header, so equal input gives equal bytes."""
    return gzip.compress(data, compresslevel=6, mtime=0)


def _atomic(path: Path, tag: str, data: bytes) -> None:
    tmp = path.with_name(path.name + tag)
    with tmp.open("wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
