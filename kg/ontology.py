"""The one place that finds and loads the files of ontology/.

ontology/ sits at the repository root, outside the `kg` package, because it is a
public contract of its own. An installed wheel carries a copy as `kg/_ontology`
(force-included by pyproject.toml), so the folder is looked up in this order:

1. `$KG_ONTOLOGY_DIR` (a deployment's own copy; an error if it is set but wrong),
2. `<kg package>/_ontology` (installed wheel),
3. `<repository root>/ontology` (source checkout, editable install).

Parsed graphs are cached per file: callers share them and must not modify them
(copy with `Graph() + graph` first).
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

import rdflib

from kg.errors import KGError

ENV_VAR = "KG_ONTOLOGY_DIR"
VOCABULARY = "standpunkt.ttl"
SHAPES = "shapes.ttl"
TOPICS = "topics.ttl"
CONTEXT = "context.jsonld"

_PACKAGE_DIR = Path(__file__).resolve().parent
_CANDIDATES = (_PACKAGE_DIR / "_ontology", _PACKAGE_DIR.parent / "ontology")


def ontology_dir() -> Path:
    """The folder holding standpunkt.ttl, shapes.ttl, context.jsonld (and topics.ttl)."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        path = Path(configured)
        if not (path / VOCABULARY).is_file():
            raise KGError(f"${ENV_VAR}={configured}: no {VOCABULARY} there")
        return path
    for path in _CANDIDATES:
        if (path / VOCABULARY).is_file():
            return path
    tried = ", ".join(str(p) for p in _CANDIDATES)
    raise KGError(f"ontology folder not found (tried {tried}); set ${ENV_VAR}")


def path(name: str) -> Path:
    """The path of one ontology file, e.g. path('shapes.ttl')."""
    return ontology_dir() / name


def load(name: str) -> rdflib.Graph:
    """The parsed Turtle file `name` of the ontology folder (cached; do not modify)."""
    file = path(name)
    if not file.is_file():
        raise KGError(f"{file}: ontology file missing")
    stat = file.stat()
    return _parse(str(file.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _parse(file: str, mtime_ns: int, size: int) -> rdflib.Graph:
    """Parse once per file version; the stat values are only part of the cache key."""
    graph = rdflib.Graph()
    try:
        graph.parse(file, format="turtle")
    except Exception as e:  # rdflib raises several unrelated types for bad Turtle
        raise KGError(f"{file}: cannot parse: {e}") from e
    return graph


def vocabulary_graph() -> rdflib.Graph:
    """ontology/standpunkt.ttl: classes, properties and individuals of sp:."""
    return load(VOCABULARY)


def shapes_graph() -> rdflib.Graph:
    """ontology/shapes.ttl: the SHACL shapes every written graph must satisfy."""
    return load(SHAPES)


def topics_graph() -> rdflib.Graph:
    """ontology/topics.ttl (SKOS topics with CAP codes); an empty graph while it does not exist."""
    if not path(TOPICS).is_file():
        return rdflib.Graph()
    return load(TOPICS)


def context() -> dict:
    """ontology/context.jsonld as a dict: {"@context": {...}} (a fresh copy each call)."""
    file = path(CONTEXT)
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise KGError(f"{file}: cannot read the JSON-LD context: {e}") from e
