"""A corpus cut into partitions: the unit of work of distributed extraction (kg.distributed).

A partition names its input instead of carrying it: a range of lines of a JSONL
file (plain or gzip) or a run of single-article files. The planner reads only
line counts, so a million-article corpus is planned in seconds and each worker
reads its own slice from a shared filesystem. Names are a digest of the slice
(path, line range, file size), so the same corpus gives the same partition names
on every run; that is what lets a rerun skip finished partitions.
"""
from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from kg.articles import SUFFIXES, decode, parse_object, parse_upload, _json_line
from kg.errors import ArticleError
from kg.model import Article

DEFAULT_SIZE = 500  # articles per partition: a few seconds of work, small shards


@dataclass(frozen=True)
class Slice:
    """Lines [start, stop) of a JSONL file, or a whole file when `stop` is None."""

    path: str
    start: int = 0
    stop: int | None = None


@dataclass(frozen=True)
class Partition:
    index: int
    slices: tuple[Slice, ...]
    digest: str

    @property
    def name(self) -> str:
        return f"part-{self.index:06d}-{self.digest}"


def corpus_files(paths: Iterable[str | Path]) -> list[Path]:
    """Article files named or found in folders (sorted, recursive), `.gz` ones too."""
    found = []
    for p in map(Path, paths):
        if p.is_dir():
            found += sorted(f for f in p.rglob("*") if f.is_file() and _suffix(f) in SUFFIXES)
        elif p.exists():
            found.append(p)
        else:
            raise ArticleError(str(p), "no such file or folder")
    return found


def plan(paths: Iterable[str | Path], size: int = DEFAULT_SIZE) -> list[Partition]:
    """Partitions of at most `size` articles (JSONL lines or single-article files) in corpus order."""
    if size < 1:
        raise ArticleError("--partition-size", "must be at least 1")
    groups: list[list[Slice]] = []
    current: list[Slice] = []
    filled = 0
    for path in corpus_files(paths):
        if _suffix(path) == ".jsonl":
            lines = _count_lines(path)
            start = 0
            while start < lines:
                take = min(size - filled, lines - start)
                current.append(Slice(str(path), start, start + take))
                start, filled = start + take, filled + take
                if filled == size:
                    groups.append(current)
                    current, filled = [], 0
        else:
            current.append(Slice(str(path)))
            filled += 1
            if filled == size:
                groups.append(current)
                current, filled = [], 0
    if current:
        groups.append(current)
    return [Partition(i, tuple(g), _digest(g)) for i, g in enumerate(groups)]


def read_partition(partition: Partition) -> Iterator[Article | ArticleError]:
    """The partition's articles in order; a faulty line or file yields its ArticleError."""
    for s in partition.slices:
        path = Path(s.path)
        if s.stop is None:
            yield from _read_whole(path)
        else:
            yield from _read_lines(path, s.start, s.stop)


def _read_whole(path: Path) -> Iterator[Article | ArticleError]:
    try:
        data = _open(path).read()
        yield from parse_upload(data, str(path.with_suffix("")) if path.suffix == ".gz" else str(path))
    except ArticleError as e:
        yield e
    except OSError as e:
        yield ArticleError(str(path), f"cannot read: {e.strerror or e}")


def _read_lines(path: Path, start: int, stop: int) -> Iterator[Article | ArticleError]:
    source = str(path)
    with _open(path) as f:
        for no, raw in enumerate(f, 1):
            if no <= start:
                continue
            if no > stop:
                break
            if not raw.strip():
                continue
            try:
                yield parse_object(_json_line(decode(raw, source, None, no), source, no), source, no)
            except ArticleError as e:
                yield e


def _open(path: Path):
    return gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")


def _suffix(path: Path) -> str:
    """`.jsonl` for both `a.jsonl` and `a.jsonl.gz`."""
    return Path(path.stem).suffix if path.suffix == ".gz" else path.suffix


def _count_lines(path: Path) -> int:
    count, last = 0, b"\n"
    with _open(path) as f:
        while block := f.read(1 << 20):
            count += block.count(b"\n")
            last = block[-1:]
    return count + (last != b"\n")


def _digest(slices: list[Slice]) -> str:
    """Stable across runs and machines for the same files: names relative to nothing but
    the file name and size, so a corpus moved to another folder keeps its shard names."""
    h = hashlib.sha1()
    for s in slices:
        path = Path(s.path)
        h.update(f"{path.name}\0{path.stat().st_size}\0{s.start}\0{s.stop}\n".encode())
    return h.hexdigest()[:10]
