"""`kg validate FILE`: check an RDF file against ontology/shapes.ttl."""
from __future__ import annotations

import gzip
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "validate", help="check an RDF file against the SHACL shapes",
        description="Parse FILE (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML, by its "
                    "extension; FILE.gz is read through gzip, as `kg export --gzip` writes it) and validate the union of its graphs against ontology/shapes.ttl. "
                    "Prints each violation (node, constraint, message); exit code 1 when it does "
                    "not conform, 2 when it cannot be read.")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=run)


def run(args) -> int:
    import rdflib
    from rdflib.util import guess_format

    from kg.errors import KGError
    from kg.validate import validate_graph

    path = Path(args.file)
    zipped = path.suffix == ".gz"
    fmt = guess_format(str(path.with_suffix("") if zipped else path)) or "turtle"
    dataset = rdflib.Dataset()
    try:
        with (gzip.open(path, "rb") if zipped else open(path, "rb")) as source:
            dataset.parse(source, format=fmt)
    except FileNotFoundError:
        raise KGError(f"{path}: no such file") from None
    except (OSError, EOFError) as e:  # gzip.BadGzipFile is an OSError
        raise KGError(f"{path}: cannot read ({e})") from None
    except Exception as e:  # rdflib raises many parser-specific types
        raise KGError(f"{path}: not valid {fmt}: {e}") from None
    graph = rdflib.Graph()
    for s, p, o, _ in dataset.quads():
        graph.add((s, p, o))
    problems = validate_graph(graph, subject=str(path))
    if problems:
        print(f"{path}: does not conform ({len(problems)} violations)")
        for line in problems:
            print(f"  {line}")
        return 1
    print(f"{path}: conforms ({len(graph)} triples)")
    return 0
